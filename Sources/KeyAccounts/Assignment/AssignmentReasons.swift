/// The sentences of assignments.csv: why each account went where it went,
/// in the words a director uses with the managers who gain or lose it, e.g.
/// "kept with M03 (current manager); 12 km; speaks de; industry retail matches"
/// or "moved from M05: M05 does not serve national accounts in DE (based in AT); M01 is 34 km away".
extension PlanRow {
    static func rows(instance: AssignmentInstance, managersOf plan: [Int]) -> [PlanRow] {
        let managers = instance.managers, problem = instance.problem, rules = instance.rules
        var load = [Double](repeating: 0, count: managers.count)
        var count = [Int](repeating: 0, count: managers.count)
        for k in plan.indices {
            load[plan[k]] += problem.workloads[k]
            count[plan[k]] += 1
        }
        /// Why manager `j` could not also take account `k` (nil: it could).
        func full(_ j: Int, _ k: Int) -> String? {
            let manager = managers[j]
            let hours = problem.workloads[k]
            if load[j] + hours > manager.capacityHours * (1 + AssignmentProblem.relativeTolerance) {
                return "\(manager.id) is full (\(hoursText(load[j])) of \(hoursText(manager.capacityHours)) h planned; "
                    + "the account needs \(hoursText(hours)) h)"
            }
            if let cap = manager.maxAccounts, count[j] >= cap { return "\(manager.id) has reached max_accounts \(cap)" }
            return nil
        }
        return plan.indices.map { k in
            let j = plan[k], manager = managers[j], account = instance.account(k), tier = instance.tier(k)
            let cost = rules.cost(of: manager, for: account)
            let fit = fitText(account: account, manager: manager, cost: cost)
            let continuity: Continuity
            var reason: String
            if let current = account.currentManager {
                if current == manager.id {
                    continuity = .kept
                    reason = "kept with \(manager.id) (current manager); " + ([distanceText(cost.distanceKm)] + fit).joined(separator: "; ")
                } else {
                    continuity = .moved
                    let why: String
                    if let c = instance.managerIndex[current] {
                        let previous = managers[c]
                        if let rule = rules.ineligibility(of: previous, for: account, tier: tier) {
                            why = ineligibleText(previous, account: account, tier: tier, rule: rule)
                        } else if previous.maxAccounts == 0 {
                            why = "\(current) takes no accounts (max_accounts 0)"
                        } else if problem.workloads[k] > previous.capacityHours * (1 + AssignmentProblem.relativeTolerance) {
                            why = "the account needs \(hoursText(problem.workloads[k])) h, more than \(current)'s capacity of \(hoursText(previous.capacityHours)) h"
                        } else if let busy = full(c, k) {
                            why = busy
                        } else {
                            let keepCost = rules.cost(of: previous, for: account).total
                            why = keepCost > cost.total
                                ? "keeping \(current) would cost \(costText(keepCost)) against \(costText(cost.total)) with \(manager.id), move included"
                                : "the plan's total cost is lower with \(current)'s hours used for other accounts"
                        }
                    } else {
                        why = "\(current) is not in the managers file"
                    }
                    reason = "moved from \(current): \(why); \(manager.id) is \(distanceText(cost.distanceKm)) away"
                    if !fit.isEmpty { reason += "; " + fit.joined(separator: "; ") }
                }
            } else {
                continuity = .new
                reason = "new: \(manager.id) is \(distanceText(cost.distanceKm)) away"
                if !fit.isEmpty { reason += "; " + fit.joined(separator: "; ") }
                // Name a cheaper manager that the plan could not use.
                var cheaper: (j: Int, cost: Double)?
                for p in problem.pairs(of: k) where problem.pairCost[p] < cost.total - 1e-9 {
                    if cheaper == nil || problem.pairCost[p] < cheaper!.cost { cheaper = (problem.pairManager[p], problem.pairCost[p]) }
                }
                if let cheaper {
                    let other = managers[cheaper.j]
                    if let busy = full(cheaper.j, k) {
                        reason += "; cheaper " + busy
                    } else {
                        reason += "; \(other.id) would cost \(costText(cheaper.cost)) but its hours serve other accounts better"
                    }
                }
            }
            return PlanRow(account: k, manager: j, continuity: continuity, cost: cost, reason: reason)
        }
    }

    /// "speaks de", "industry retail matches" and their negatives, for what is known of the client.
    static func fitText(account: Account, manager: Manager, cost: PairCost) -> [String] {
        var parts: [String] = []
        if !account.languages.isEmpty {
            let shared = account.languages.filter(manager.languages.contains)
            parts.append(shared.isEmpty
                ? "speaks none of \(account.languages.joined(separator: ", "))"
                : "speaks \(shared.joined(separator: ", "))")
        }
        if let industry = account.industry {
            if !cost.industryMissing {
                parts.append("industry \(industry) matches")
            } else if manager.industries.isEmpty {
                parts.append("industry \(industry); \(manager.id) lists no industries")
            } else {
                parts.append("industry \(industry) not among \(manager.id)'s (\(manager.industries.joined(separator: ", ")))")
            }
        }
        return parts
    }

    static func ineligibleText(_ manager: Manager, account: Account, tier: Tier, rule: Ineligibility) -> String {
        switch rule {
        case .tier:
            return "\(manager.id) does not serve \(tier) accounts"
        case .country:
            return "\(manager.id) does not serve \(tier) accounts in \(account.hqCountry) (based in \(manager.baseCountry))"
        case .language:
            return "\(manager.id) speaks none of \(account.languages.joined(separator: ", "))"
        }
    }

    static func distanceText(_ km: Double) -> String {
        km < 10 ? "\(Format.trimmed(km, 1)) km" : "\(Format.trimmed(km, 0)) km"
    }

    static func hoursText(_ hours: Double) -> String { Format.trimmed(hours, 1) }

    static func costText(_ cost: Double) -> String { Format.trimmed(cost, 0) }
}
