/// The accounts to plan, the managers, and the optimisation problem between
/// them, built from a tiered portfolio and a policy by the rules of SPEC.md
/// section 3.
///
/// Accounts of tiers outside `assignment.tiers` are not planned. Accounts
/// that no manager may serve (or none has the hours or a free place for)
/// are set aside with a reason, and the rest is planned.
public struct AssignmentInstance: Sendable {
    public var tiered: TieredPortfolio
    public var managers: [Manager]
    public var rules: AssignmentRules
    /// Portfolio index of each planned account, in file order; problem account `k` is `planned[k]`.
    public var planned: [Int]
    /// Accounts of assigned tiers that no manager can take.
    public var unassigned: [UnassignedAccount]
    public var problem: AssignmentProblem
    /// Turnover of planned accounts that have a current_manager (the budget's base).
    public var keepableTurnover: Double
    /// Turnover that must move whatever the plan: the current manager is not
    /// in the managers file or may not serve the account.
    public var forcedMovedTurnover: Double
    /// max_moved_turnover_share x keepableTurnover.
    public var budgetTurnover: Double
    /// Manager index by manager_id.
    public var managerIndex: [String: Int]

    /// Builds the instance.
    /// - Complexity: O(accounts x managers it may consider); managers are
    ///   indexed by tier, country and language so only plausible pairs are examined.
    public init(tiered: TieredPortfolio, managers: [Manager], policy: Policy) {
        self.tiered = tiered
        self.managers = managers
        rules = AssignmentRules(policy: policy)
        var managerIndex: [String: Int] = [:]
        for (j, manager) in managers.enumerated() where managerIndex[manager.id] == nil { managerIndex[manager.id] = j }
        self.managerIndex = managerIndex

        let index = ManagerIndex(managers: managers)
        let accounts = tiered.accounts
        var planned: [Int] = []
        var unassigned: [UnassignedAccount] = []
        var workloads: [Double] = [], turnovers: [Double] = [], keep: [Int] = []
        var pairStart = [0], pairManager: [Int] = [], pairCost: [Double] = []
        var keepable = 0.0, forced = 0.0
        var candidates: [Int] = []
        var marked = [Bool](repeating: false, count: managers.count)
        for (a, account) in accounts.enumerated() {
            let tier = tiered.decisions[a].tier
            guard rules.isAssigned(tier) else { continue }
            let hours = rules.workload(of: account, tier: tier)
            index.candidates(for: account, tier: tier, rules: rules, into: &candidates, marked: &marked)
            let usable = candidates.filter { j in
                managers[j].maxAccounts != 0 && hours <= managers[j].capacityHours * (1 + AssignmentProblem.relativeTolerance)
            }
            guard !usable.isEmpty else {
                let reason = Self.whyUnassigned(account, tier: tier, hours: hours, eligible: candidates, managers: managers,
                                                rules: rules)
                unassigned.append(UnassignedAccount(index: a, tier: tier, workloadHours: hours, reason: reason))
                continue
            }
            planned.append(a)
            workloads.append(hours)
            turnovers.append(account.turnover)
            var keepManager = -1
            for j in usable {
                pairManager.append(j)
                pairCost.append(rules.cost(of: managers[j], for: account).total)
                if let current = account.currentManager, managers[j].id == current { keepManager = j }
            }
            pairStart.append(pairManager.count)
            keep.append(keepManager)
            if account.currentManager != nil {
                keepable += account.turnover
                if keepManager < 0 { forced += account.turnover }
            }
        }
        self.planned = planned
        self.unassigned = unassigned
        keepableTurnover = keepable
        forcedMovedTurnover = forced
        budgetTurnover = policy.assignment.maxMovedTurnoverShare * keepable
        var movedBudget = budgetTurnover - forced
        // Share 1 with every relationship forced to move must not fail on rounding.
        if movedBudget < 0 && movedBudget > -1e-9 * max(1, keepable) { movedBudget = 0 }
        problem = AssignmentProblem(workloads: workloads, turnovers: turnovers, keepManager: keep, pairStart: pairStart,
                                    pairManager: pairManager, pairCost: pairCost,
                                    capacities: managers.map(\.capacityHours),
                                    maxAccounts: managers.map { $0.maxAccounts ?? Int.max },
                                    movedBudget: movedBudget)
    }

    /// The accounts of the plan, in problem order.
    public func account(_ k: Int) -> Account { tiered.accounts[planned[k]] }
    public func tier(_ k: Int) -> Tier { tiered.decisions[planned[k]].tier }

    /// The sentence of unassigned.csv, naming the rule no manager meets, e.g.
    /// "no manager serves tier global in language it" or
    /// "no manager based in AT serves national accounts".
    static func whyUnassigned(_ account: Account, tier: Tier, hours: Double, eligible: [Int], managers: [Manager],
                              rules: AssignmentRules) -> String {
        if !eligible.isEmpty {
            let best = eligible.max { managers[$0].capacityHours < managers[$1].capacityHours }!
            let open = eligible.filter { managers[$0].maxAccounts != 0 }
            if open.isEmpty {
                let names = eligible.prefix(5).map { managers[$0].id }.joined(separator: ", ")
                return "its eligible managers (\(names)) take no accounts (max_accounts 0)"
            }
            return "needs \(Format.trimmed(hours, 1)) h a year; the largest capacity among its \(eligible.count) eligible "
                + "manager\(eligible.count == 1 ? "" : "s") is \(Format.trimmed(managers[best].capacityHours, 1)) h (\(managers[best].id))"
        }
        let serving = managers.filter { $0.tiers.contains(tier) }
        guard !serving.isEmpty else { return "no manager serves \(tier) accounts" }
        let needCountry = rules.settings.requireCountryFor.contains(tier)
        let needLanguage = rules.settings.requireLanguageFor.contains(tier) && !account.languages.isEmpty
        let languages = account.languages.joined(separator: " or ")
        let country = account.hqCountry.rawValue
        let inCountry = serving.filter { $0.baseCountry == account.hqCountry }
        let speaking = serving.filter { manager in account.languages.contains(where: manager.languages.contains) }
        if needCountry && inCountry.isEmpty { return "no manager based in \(country) serves \(tier) accounts" }
        if needLanguage && speaking.isEmpty { return "no manager serves tier \(tier) in language \(languages)" }
        if needCountry && needLanguage {
            return "no manager based in \(country) serves \(tier) accounts in language \(languages)"
        }
        return "no manager may serve it"
    }
}

/// An account of an assigned tier that the plan leaves out, and why.
public struct UnassignedAccount: Hashable, Codable, Sendable {
    /// Index in the portfolio.
    public var index: Int
    public var tier: Tier
    public var workloadHours: Double
    public var reason: String
}

/// Managers by the tier they serve and, within a tier, by base country and
/// by language, so an account's eligible managers are found without
/// scanning every manager.
struct ManagerIndex {
    let managers: [Manager]
    var byTier: [Tier: [Int]] = [:]
    var byTierCountry: [Tier: [CountryCode: [Int]]] = [:]
    var byTierLanguage: [Tier: [String: [Int]]] = [:]

    init(managers: [Manager]) {
        self.managers = managers
        for (j, manager) in managers.enumerated() {
            for tier in manager.tiers {
                byTier[tier, default: []].append(j)
                byTierCountry[tier, default: [:]][manager.baseCountry, default: []].append(j)
                for language in manager.languages { byTierLanguage[tier, default: [:]][language, default: []].append(j) }
            }
        }
    }

    /// The eligible managers of `account`, ascending by index.
    func candidates(for account: Account, tier: Tier, rules: AssignmentRules, into result: inout [Int], marked: inout [Bool]) {
        result.removeAll(keepingCapacity: true)
        let needCountry = rules.settings.requireCountryFor.contains(tier)
        let needLanguage = rules.settings.requireLanguageFor.contains(tier) && !account.languages.isEmpty
        if needLanguage {
            for language in account.languages {
                for j in byTierLanguage[tier]?[language] ?? [] where !marked[j] {
                    if needCountry && managers[j].baseCountry != account.hqCountry { continue }
                    marked[j] = true
                    result.append(j)
                }
            }
            for j in result { marked[j] = false }
            result.sort()
        } else if needCountry {
            result.append(contentsOf: byTierCountry[tier]?[account.hqCountry] ?? [])
        } else {
            result.append(contentsOf: byTier[tier] ?? [])
        }
    }
}
