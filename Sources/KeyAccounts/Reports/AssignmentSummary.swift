/// The assignment part of summary.md and of the terminal summary, and the
/// sentence that says why no plan exists.
extension AssignmentPlan {
    /// Why no plan keeps every rule, naming the numbers; nil when there is a plan.
    public var explanation: String? {
        guard let infeasibility else { return nil }
        let managers = instance.managers
        switch infeasibility {
        case let .hours(short):
            return "capacity short by \(hours(short.short)) h: " + groupText(short, unit: "h")
                + perTierShortText(hours: true)
        case let .places(short):
            return "max_accounts short by \(Format.trimmed(short.short, 0)) account\(short.short == 1 ? "" : "s"): "
                + groupText(short, unit: "accounts") + perTierShortText(hours: false)
        case let .budget(shortfall):
            let share = instance.keepableTurnover > 0 ? instance.budgetTurnover / instance.keepableTurnover : 0
            var text = "the disruption budget cannot be met: assignment.max_moved_turnover_share \(Format.percent(share, decimals: 2)) "
                + "allows \(Format.money(shortfall.budgetTurnover)) of the \(Format.money(shortfall.keepableTurnover)) turnover of "
                + "clients with a current manager to move, but every plan moves at least \(Format.money(shortfall.leastMovedTurnover)) "
                + "(\(Format.percent(shortfall.leastShare, decimals: 2)))"
            if shortfall.forcedTurnover > 0 {
                text += "; \(Format.money(shortfall.forcedTurnover)) must move because the current manager is not in the "
                    + "managers file or may not serve the client"
            }
            let smallest = (shortfall.smallestShare * 10_000).rounded(.up) / 10_000
            text += shortfall.proven || shortfall.achievableMovedTurnover == nil
                ? "; the smallest budget share that could be met is \(Format.percent(smallest, decimals: 2))"
                : "; a budget share of \(Format.percent(smallest, decimals: 2)) can be met (no plan needs less than "
                    + "\(Format.percent(shortfall.leastShare, decimals: 2)))"
            return text + ": set assignment.max_moved_turnover_share to at least \(Format.trimmed(smallest, 4))"
        case .noPlanExists:
            let total = instance.problem.workloads.reduce(0, +)
            let capacity = managers.reduce(0) { $0 + $1.capacityHours }
            return "no plan exists: the managers' hours suffice when split (\(hours(total)) h needed, \(hours(capacity)) h "
                + "available), but each account needs all its hours from one manager and they cannot be packed"
        case .noPlanFound:
            return "no plan keeping every rule was found within assignment.time_limit_seconds "
                + "\(Format.compact(instance.rules.settings.timeLimitSeconds)) s, and none was proven impossible; "
                + "raise the time limit or add capacity"
        }
    }

    private func hours(_ value: Double) -> String { Format.trimmed(value, 1) }

    /// "12 national accounts (1800 h) and 8 key accounts (1200 h) can only be
    /// served by M03, M07, which have 2400 h".
    private func groupText(_ short: CapacityShortfall, unit: String) -> String {
        var hoursByTier = [Double](repeating: 0, count: Tier.allCases.count)
        var countByTier = [Int](repeating: 0, count: Tier.allCases.count)
        for k in short.accounts {
            let t = Tier.allCases.firstIndex(of: instance.tier(k))!
            hoursByTier[t] += instance.problem.workloads[k]
            countByTier[t] += 1
        }
        let groups = Tier.allCases.indices.filter { countByTier[$0] > 0 }.map { t in
            "\(countByTier[t]) \(Tier.allCases[t]) account\(countByTier[t] == 1 ? "" : "s")"
                + (unit == "h" ? " (\(hours(hoursByTier[t])) h)" : "")
        }
        let ids = short.managers.prefix(8).map { instance.managers[$0].id }
        let more = short.managers.count > 8 ? " and \(short.managers.count - 8) more" : ""
        let supply = unit == "h" ? "\(hours(short.supply)) h" : "\(Format.trimmed(short.supply, 0)) places"
        let servedBy = short.managers.isEmpty ? "no manager" : ids.joined(separator: ", ") + more
        return groups.joined(separator: " and ") + " can only be served by \(servedBy), which "
            + (short.managers.count == 1 ? "has" : "have") + " \(supply)"
    }

    /// "; short per tier: national 600 h" from each tier checked on its own.
    private func perTierShortText(hours useHours: Bool) -> String {
        var parts: [String] = []
        for tier in Tier.allCases {
            let members = instance.problem.accountCount == 0 ? [] : (0..<instance.problem.accountCount).filter { instance.tier($0) == tier }
            guard !members.isEmpty else { continue }
            let sub = instance.problem.restricted(to: members)
            let short = useHours ? CapacityCheck.hours(sub) : CapacityCheck.places(sub)
            if let short { parts.append("\(tier) \(Format.trimmed(short.short, useHours ? 1 : 0))\(useHours ? " h" : "")") }
        }
        return parts.isEmpty ? "; no tier is short on its own, only together" : "; short per tier on its own: " + parts.joined(separator: ", ")
    }

    var statusLine: String {
        let solution = self.solution
        guard let objective = solution.objective else { return "no plan" }
        let gap = solution.gap ?? 0
        switch solution.status {
        case .optimal:
            return "optimal: cost \(Format.trimmed(objective, 1)) equals the lower bound"
        default:
            return "cost \(Format.trimmed(objective, 1)), lower bound \(Format.trimmed(solution.bound, 1)), "
                + "gap \(Format.percent(gap, decimals: 3)) (stopped by \(solution.stoppedBy.replacingOccurrences(of: "_", with: " ")))"
        }
    }

    var budgetLine: String {
        let share = instance.keepableTurnover > 0 ? instance.budgetTurnover / instance.keepableTurnover : 0
        return "moved turnover \(Format.money(movedTurnover)) = \(Format.percent(movedShare, decimals: 2)) of "
            + "\(Format.money(instance.keepableTurnover)) with a current manager; budget \(Format.percent(share, decimals: 2)) "
            + "= \(Format.money(instance.budgetTurnover))"
    }

    func loadLine(_ load: ManagerLoad) -> String {
        let manager = instance.managers[load.manager]
        return "\(manager.id)\(manager.name.map { " (\($0))" } ?? ""): \(Format.percent(load.utilisation)) "
            + "(\(hours(load.workloadHours)) of \(hours(load.capacityHours)) h, \(load.accounts) account\(load.accounts == 1 ? "" : "s"))"
    }

    /// The "Assignment plan" section of summary.md.
    public var markdown: String {
        var text = "## Assignment plan\n\n"
        guard hasPlan else {
            text += "No plan: \(explanation ?? "").\n"
            if !instance.unassigned.isEmpty {
                text += "\n\(instance.unassigned.count) account\(instance.unassigned.count == 1 ? " has" : "s have") no eligible manager "
                    + "(unassigned.csv says why for each).\n"
            }
            return text
        }
        text += "Solver: \(statusLine).\n\n"
        let rows: [[String]] = [
            ["planned accounts", String(rows.count)],
            ["kept with their current manager", String(count(.kept))],
            ["moved to another manager", String(count(.moved))],
            ["new (no current manager)", String(count(.new))],
            ["without an eligible manager (unassigned.csv)", String(instance.unassigned.count)],
        ]
        text += Markdown.table(header: ["accounts", "count"], rows: rows)
        text += "\nDisruption: \(budgetLine).\n"
        if let most = mostLoaded, let least = leastLoaded {
            text += "\nMost loaded: \(loadLine(most)). Least loaded: \(loadLine(least)).\n"
        }
        let top = loadsByUtilisation.reversed().prefix(10).map { load -> [String] in
            let manager = instance.managers[load.manager]
            return [manager.id, manager.name ?? "", String(load.accounts), hours(load.workloadHours), hours(load.capacityHours),
                    Format.percent(load.utilisation), Format.money(load.turnover)]
        }
        if !top.isEmpty {
            text += "\n### Busiest managers\n\n"
                + Markdown.table(header: ["manager", "name", "accounts", "hours", "capacity", "utilisation", "turnover"], rows: top)
        }
        // The relationships that change, largest turnover first: what the
        // director explains to the managers who lose or gain them.
        let moved = self.rows.filter { $0.continuity == .moved }.sorted { lhs, rhs in
            let left = instance.account(lhs.account), right = instance.account(rhs.account)
            return left.turnover != right.turnover ? left.turnover > right.turnover : left.id < right.id
        }
        if !moved.isEmpty {
            let shown = moved.prefix(20).map { row -> [String] in
                let account = instance.account(row.account)
                return [account.id, account.name ?? "", account.currentManager ?? "", instance.managers[row.manager].id,
                        Format.money(account.turnover), row.reason]
            }
            text += "\n### Relationships that change\n\n"
                + Markdown.table(header: ["account", "name", "from", "to", "turnover", "why"], rows: shown)
            if moved.count > shown.count { text += "\n\(moved.count - shown.count) more in assignments.csv (continuity moved).\n" }
        }
        return text
    }

    /// A few lines for the terminal.
    public var terminal: String {
        guard hasPlan else { return "no plan: \(explanation ?? "")\n" }
        var text = "plan: \(rows.count) accounts (\(count(.kept)) kept, \(count(.moved)) moved, \(count(.new)) new), "
            + "\(instance.unassigned.count) unassigned\n"
        text += "solver: \(statusLine)\n"
        text += "\(budgetLine)\n"
        if let most = mostLoaded, let least = leastLoaded {
            text += "most loaded \(loadLine(most)); least loaded \(loadLine(least))\n"
        }
        return text
    }
}

extension AssignmentProblem {
    /// The problem on a subset of its accounts (same managers, same budget).
    func restricted(to accounts: [Int]) -> AssignmentProblem {
        var start = [0], manager: [Int] = [], cost: [Double] = []
        for i in accounts {
            for p in pairs(of: i) {
                manager.append(pairManager[p])
                cost.append(pairCost[p])
            }
            start.append(manager.count)
        }
        return AssignmentProblem(workloads: accounts.map { workloads[$0] }, turnovers: accounts.map { turnovers[$0] },
                                 keepManager: accounts.map { keepManager[$0] }, pairStart: start, pairManager: manager,
                                 pairCost: cost, capacities: capacities, maxAccounts: maxAccounts, movedBudget: movedBudget)
    }
}
