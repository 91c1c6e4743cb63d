/// The figures of one plan that `kamp whatif` compares, and each account's
/// tier and manager, so a scenario's plan can be compared with the baseline's
/// after both runs are gone.
public struct PlanFigures: Hashable, Codable, Sendable {
    /// `optimal`, `feasible` (a plan with a gap), `infeasible` (proven: no plan keeps every rule)
    /// or `no_plan_found` (none found within the limits, none proven impossible).
    public var status: String
    /// Why no plan exists (the sentence of summary.md); nil with a plan.
    public var whyNoPlan: String?
    public var accounts: Int
    /// Accounts per tier, in `Tier.allCases` order (global, national, key, standard).
    public var perTier: [Int]
    /// Turnover of the global, national and key accounts over all turnover (0 when all turnover is 0).
    public var keyTurnoverShare: Double
    /// Accounts with a manager in the plan (0 without a plan).
    public var assignedAccounts: Int
    /// Accounts of planned tiers that no manager may take (the rows of unassigned.csv).
    public var unassignedAccounts: Int
    public var planCost: Double?
    public var solverGap: Double?
    /// Turnover of planned accounts that get a manager other than their current_manager.
    public var movedTurnover: Double?
    /// movedTurnover over the turnover of planned accounts with a current manager.
    public var movedShare: Double?
    /// assignment.max_moved_turnover_share, the disruption budget.
    public var budgetShare: Double
    /// Managers in the team.
    public var managers: Int
    /// Managers with at least one account (0 without a plan).
    public var managersUsed: Int
    /// Mean and largest workload / capacity over every manager of the team (nil without a plan or team).
    public var utilisationMean: Double?
    public var utilisationMax: Double?
    /// Per account, in file order: its tier, and its manager_id (nil when the plan gives it none).
    public var tiers: [Tier]
    public var managerIDs: [String?]
    public var turnovers: [Double]

    /// Reads the figures off a finished plan run.
    public init(_ run: PlanRun) {
        let plan = run.assignment.plan, tiered = run.assignment.tiered
        if plan.hasPlan {
            status = plan.solution.status.rawValue
        } else {
            status = plan.infeasibility == .noPlanFound ? SolverStatus.noPlanFound.rawValue : SolverStatus.infeasible.rawValue
        }
        whyNoPlan = plan.explanation
        accounts = tiered.accounts.count
        let counts = tiered.countsByTier
        perTier = counts.map(\.count)
        let total = counts.reduce(0) { $0 + $1.turnover }
        let key = counts.filter { $0.tier.isKeyAccount }.reduce(0) { $0 + $1.turnover }
        keyTurnoverShare = total > 0 ? key / total : 0
        assignedAccounts = plan.rows.count
        unassignedAccounts = plan.instance.unassigned.count
        budgetShare = run.record.policy.assignment.maxMovedTurnoverShare
        managers = plan.instance.managers.count
        tiers = tiered.decisions.map(\.tier)
        turnovers = tiered.accounts.map(\.turnover)
        var managerIDs = [String?](repeating: nil, count: tiered.accounts.count)
        for row in plan.rows { managerIDs[plan.instance.planned[row.account]] = plan.instance.managers[row.manager].id }
        self.managerIDs = managerIDs
        if plan.hasPlan {
            planCost = plan.solution.objective
            solverGap = plan.solution.gap
            movedTurnover = plan.movedTurnover
            movedShare = plan.movedShare
            managersUsed = plan.loads.filter { $0.accounts > 0 }.count
            if !plan.loads.isEmpty {
                utilisationMean = plan.loads.reduce(0) { $0 + $1.utilisation } / Double(plan.loads.count)
                utilisationMax = plan.loads.map(\.utilisation).max()
            }
        } else {
            managersUsed = 0
        }
    }
}

/// A cell of whatif.csv: a number, a text, or missing.
public enum MetricValue: Hashable, Codable, Sendable {
    case number(Double)
    case text(String)
    case missing

    init(_ value: Double?) { self = value.map { .number($0) } ?? .missing }
    init(_ value: Int) { self = .number(Double(value)) }

    public var number: Double? { if case let .number(value) = self { value } else { nil } }

    /// As the terminal and whatif.md show it.
    public var display: String {
        switch self {
        case let .number(value): Format.trimmed(value, 4)
        case let .text(value): value
        case .missing: "-"
        }
    }
}

/// The metrics of whatif.csv, in the order of its rows within a scenario.
public enum WhatIfMetric: String, CaseIterable, Hashable, Codable, Sendable {
    case status
    case whyNoPlan = "why_no_plan"
    case accounts
    case globalAccounts = "global_accounts"
    case nationalAccounts = "national_accounts"
    case keyTierAccounts = "key_tier_accounts"
    case keyAccounts = "key_accounts"
    case standardAccounts = "standard_accounts"
    case keyTurnoverShare = "key_turnover_share"
    case assignedAccounts = "assigned_accounts"
    case unassignedAccounts = "unassigned_accounts"
    case planCost = "plan_cost"
    case solverGap = "solver_gap"
    case movedTurnover = "moved_turnover"
    case movedShare = "moved_share"
    case budgetShare = "budget_share"
    case managers
    case managersUsed = "managers_used"
    case utilisationMean = "utilisation_mean"
    case utilisationMax = "utilisation_max"
    case tierChanges = "accounts_changing_tier"
    case managerChanges = "accounts_changing_manager"
    case managerChangesTurnover = "turnover_changing_manager"

    /// Text metrics have no delta.
    public var isText: Bool { self == .status || self == .whyNoPlan }

    /// The value of this metric for a scenario's plan; `changes` are its
    /// accounts that change against the baseline (empty for the baseline itself).
    func value(_ figures: PlanFigures, changes: [AccountChange]) -> MetricValue {
        switch self {
        case .status: return .text(figures.status)
        case .whyNoPlan: return figures.whyNoPlan.map { .text($0) } ?? .missing
        case .accounts: return MetricValue(figures.accounts)
        case .globalAccounts: return MetricValue(figures.perTier[0])
        case .nationalAccounts: return MetricValue(figures.perTier[1])
        case .keyTierAccounts: return MetricValue(figures.perTier[2])
        case .keyAccounts: return MetricValue(figures.perTier[0] + figures.perTier[1] + figures.perTier[2])
        case .standardAccounts: return MetricValue(figures.perTier[3])
        case .keyTurnoverShare: return .number(figures.keyTurnoverShare)
        case .assignedAccounts: return MetricValue(figures.assignedAccounts)
        case .unassignedAccounts: return MetricValue(figures.unassignedAccounts)
        case .planCost: return MetricValue(figures.planCost)
        case .solverGap: return MetricValue(figures.solverGap)
        case .movedTurnover: return MetricValue(figures.movedTurnover)
        case .movedShare: return MetricValue(figures.movedShare)
        case .budgetShare: return .number(figures.budgetShare)
        case .managers: return MetricValue(figures.managers)
        case .managersUsed: return MetricValue(figures.managersUsed)
        case .utilisationMean: return MetricValue(figures.utilisationMean)
        case .utilisationMax: return MetricValue(figures.utilisationMax)
        case .tierChanges: return MetricValue(changes.filter(\.tierChanged).count)
        case .managerChanges, .managerChangesTurnover:
            // Without a plan there is no manager to compare.
            guard figures.whyNoPlan == nil else { return .missing }
            let changed = changes.filter(\.managerChanged)
            return self == .managerChanges ? MetricValue(changed.count) : .number(changed.reduce(0) { $0 + $1.turnover })
        }
    }
}

/// An account whose tier or manager differs between the baseline and a scenario.
public struct AccountChange: Hashable, Codable, Sendable {
    /// Index in the portfolio.
    public var index: Int
    public var turnover: Double
    public var baselineTier: Tier
    public var tier: Tier
    public var baselineManager: String?
    public var manager: String?
    public var tierChanged: Bool { baselineTier != tier }
    public var managerChanged: Bool

    /// Accounts that change, in file order. A manager changes when the two
    /// plans give the account different managers, "no manager" counting as
    /// one; managers are not compared when either side has no plan.
    public static func changes(from baseline: PlanFigures, to scenario: PlanFigures) -> [AccountChange] {
        let comparePlans = baseline.whyNoPlan == nil && scenario.whyNoPlan == nil
        var result: [AccountChange] = []
        for index in scenario.tiers.indices {
            let managerChanged = comparePlans && baseline.managerIDs[index] != scenario.managerIDs[index]
            guard managerChanged || baseline.tiers[index] != scenario.tiers[index] else { continue }
            result.append(AccountChange(index: index, turnover: scenario.turnovers[index],
                                        baselineTier: baseline.tiers[index], tier: scenario.tiers[index],
                                        baselineManager: baseline.managerIDs[index], manager: scenario.managerIDs[index],
                                        managerChanged: managerChanged))
        }
        return result
    }
}
