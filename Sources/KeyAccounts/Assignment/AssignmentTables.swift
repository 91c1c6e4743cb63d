import Foundation

/// assignments.csv, manager_load.csv and unassigned.csv (SPEC.md section 4),
/// each sorted by its first column.
extension AssignmentPlan {
    public func assignmentsTable() -> TableSpec {
        let ids = rows.map { instance.account($0.account).id }
        let order = rows.indices.sorted { ids[$0] < ids[$1] }
        let columns = ["account_id", "manager_id", "tier", "workload_hours", "distance_km", "continuity", "cost", "reason",
                       "name", "current_manager", "turnover", "manager_name"]
        return TableSpec(name: "assignments", columns: columns, rowCount: order.count) { index, writer in
            let row = rows[order[index]]
            let account = instance.account(row.account), manager = instance.managers[row.manager]
            writer.text(account.id)
            writer.text(manager.id)
            writer.text(instance.tier(row.account).rawValue)
            writer.number(instance.problem.workloads[row.account], decimals: 2)
            writer.number(row.cost.distanceKm, decimals: 3)
            writer.text(row.continuity.rawValue)
            writer.number(row.cost.total, decimals: 3)
            writer.text(row.reason)
            writer.text(account.name)
            writer.text(account.currentManager)
            writer.number(account.turnover, decimals: 2)
            writer.text(manager.name)
        }
    }

    public func managerLoadTable() -> TableSpec {
        let managers = instance.managers
        let order = loads.indices.sorted { managers[loads[$0].manager].id < managers[loads[$1].manager].id }
        let columns = ["manager_id", "accounts", "workload_hours", "capacity_hours", "utilisation", "turnover"]
            + Tier.allCases.map(\.rawValue)
            + ["name", "base_country", "max_accounts", "kept", "gained", "new", "lost", "cost"]
        return TableSpec(name: "manager_load", columns: columns, rowCount: order.count) { index, writer in
            let load = loads[order[index]], manager = managers[load.manager]
            writer.text(manager.id)
            writer.integer(load.accounts)
            writer.number(load.workloadHours, decimals: 2)
            writer.number(load.capacityHours, decimals: 2)
            writer.number(load.utilisation, decimals: 4)
            writer.number(load.turnover, decimals: 2)
            for count in load.perTier { writer.integer(count) }
            writer.text(manager.name)
            writer.text(manager.baseCountry.rawValue)
            writer.integer(manager.maxAccounts)
            writer.integer(load.kept)
            writer.integer(load.gained)
            writer.integer(load.new)
            writer.integer(load.lost)
            writer.number(load.cost, decimals: 3)
        }
    }

    public func unassignedTable() -> TableSpec {
        let accounts = instance.tiered.accounts
        let entries = instance.unassigned.sorted { accounts[$0.index].id < accounts[$1.index].id }
        let columns = ["account_id", "tier", "reason", "name", "turnover", "workload_hours", "current_manager"]
        return TableSpec(name: "unassigned", columns: columns, rowCount: entries.count) { index, writer in
            let entry = entries[index], account = accounts[entry.index]
            writer.text(account.id)
            writer.text(entry.tier.rawValue)
            writer.text(entry.reason)
            writer.text(account.name)
            writer.number(account.turnover, decimals: 2)
            writer.number(entry.workloadHours, decimals: 2)
            writer.text(account.currentManager)
        }
    }

    /// The solver's figures for run.json (`results.solver`).
    public var solverJSON: JSONValue {
        let solution = self.solution
        func number(_ value: Double?) -> JSONValue { value.map { $0.isFinite ? .number($0) : .null } ?? .null }
        return .object([
            "status": .string(solution.status.rawValue),
            "objective": number(solution.objective),
            "best_bound": number(solution.bound),
            "gap": number(solution.gap),
            "iterations": .integer(solution.iterations),
            "nodes": .integer(solution.nodes),
            "pairs": .integer(instance.problem.pairCount),
            "pairs_fixed": .integer(solution.pairsFixed),
            "stopped_by": .string(solution.stoppedBy),
        ])
    }

    /// The plan's figures for run.json (`results.assignment`).
    public var assignmentJSON: JSONValue {
        var result: [String: JSONValue] = [
            "planned_accounts": .integer(instance.planned.count),
            "unassigned_accounts": .integer(instance.unassigned.count),
            "managers": .integer(instance.managers.count),
            "keepable_turnover": .number(instance.keepableTurnover),
            "budget_share": .number(instance.rules.settings.maxMovedTurnoverShare),
            "budget_turnover": .number(instance.budgetTurnover),
            "forced_moved_turnover": .number(instance.forcedMovedTurnover),
        ]
        if hasPlan {
            result["kept"] = .integer(count(.kept))
            result["moved"] = .integer(count(.moved))
            result["new"] = .integer(count(.new))
            result["moved_turnover"] = .number(movedTurnover)
            result["moved_share"] = .number(movedShare)
            result["total_cost"] = .number(solution.objective ?? 0)
            if let most = mostLoaded, let least = leastLoaded {
                result["most_loaded"] = .object(["manager_id": .string(instance.managers[most.manager].id),
                                                 "utilisation": .number(most.utilisation)])
                result["least_loaded"] = .object(["manager_id": .string(instance.managers[least.manager].id),
                                                  "utilisation": .number(least.utilisation)])
            }
        }
        if let infeasibility {
            result["infeasible"] = .string(infeasibility.kind)
            result["why"] = .string(explanation ?? "")
            if case let .budget(shortfall) = infeasibility {
                result["smallest_budget_share"] = .number(shortfall.smallestShare)
                result["least_moved_share_bound"] = .number(shortfall.leastShare)
            }
        }
        return .object(result)
    }

    /// The model as the JSON file of `--export-model`, for other solvers:
    /// every eligible pair with its cost, the workloads, capacities,
    /// max_accounts (null: none) and the budget (null: none).
    public func modelJSON() -> String {
        let problem = instance.problem
        var text = "{\n"
        func list<T>(_ name: String, _ values: [T], last: Bool = false, _ render: (T) -> String) {
            text += "\"\(name)\": ["
            text += values.map(render).joined(separator: ",")
            text += last ? "]\n" : "],\n"
        }
        func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
        list("account_ids", instance.planned.map { instance.tiered.accounts[$0].id }) { JSON.quoted($0) }
        list("manager_ids", instance.managers.map(\.id)) { JSON.quoted($0) }
        list("workloads", problem.workloads, number)
        list("turnovers", problem.turnovers, number)
        list("keep_manager", problem.keepManager) { String($0) }
        list("pair_start", problem.pairStart) { String($0) }
        list("pair_manager", problem.pairManager) { String($0) }
        list("pair_cost", problem.pairCost, number)
        list("capacities", problem.capacities, number)
        list("max_accounts", problem.maxAccounts) { $0 == Int.max ? "null" : String($0) }
        text += "\"moved_budget\": \(number(problem.movedBudget))\n}\n"
        return text
    }
}

extension PlanInfeasibility {
    /// A short name for run.json.
    public var kind: String {
        switch self {
        case .hours: "capacity_hours"
        case .places: "max_accounts"
        case .budget: "disruption_budget"
        case .noPlanExists: "no_plan_exists"
        case .noPlanFound: "no_plan_found"
        }
    }
}
