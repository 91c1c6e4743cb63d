/// The plan: who serves which account, the loads, what was left out and
/// why, and how good the plan is (the solver's bound and gap).
///
/// `AssignmentPlan.make` is the assignment stage of kamp: a pure function of
/// the tiered portfolio, the managers and the policy.
public struct AssignmentPlan: Sendable {
    public var instance: AssignmentInstance
    /// The solver's figures; `managers` is empty when there is no plan.
    public var solution: AssignmentSolution
    /// One row per planned account, in problem order; empty when there is no plan.
    public var rows: [PlanRow]
    /// One entry per manager, in file order; zero loads when there is no plan.
    public var loads: [ManagerLoad]
    /// Why no plan exists, when none does.
    public var infeasibility: PlanInfeasibility?

    public var hasPlan: Bool { infeasibility == nil }

    /// Plans the accounts of `tiered` onto `managers` under `policy`.
    public static func make(tiered: TieredPortfolio, managers: [Manager], policy: Policy) -> AssignmentPlan {
        make(instance: AssignmentInstance(tiered: tiered, managers: managers, policy: policy), policy: policy)
    }

    public static func make(instance: AssignmentInstance, policy: Policy) -> AssignmentPlan {
        let problem = instance.problem
        let options = SolverOptions(timeLimitSeconds: policy.assignment.timeLimitSeconds,
                                    gapTolerance: policy.assignment.solver.gapTolerance,
                                    maxNodes: policy.assignment.solver.maxNodes)
        func failed(_ reason: PlanInfeasibility, _ solution: AssignmentSolution) -> AssignmentPlan {
            AssignmentPlan(instance: instance, solution: solution, rows: [],
                           loads: ManagerLoad.loads(instance: instance, managersOf: nil), infeasibility: reason)
        }
        if let short = CapacityCheck.hours(problem) {
            return failed(.hours(short), .unsolved(status: .infeasible))
        }
        if let short = CapacityCheck.places(problem) {
            return failed(.places(short), .unsolved(status: .infeasible))
        }
        var solution = problem.movedBudget >= 0 ? AssignmentSolver.solve(problem, options: options) : .unsolved(status: .infeasible)
        if solution.objective == nil {
            // Is it the budget? The least turnover any plan must move says.
            // It gets what is left of the time limit, and at least a quarter of it.
            var rest = options
            rest.timeLimitSeconds = max(0.25 * options.timeLimitSeconds, options.timeLimitSeconds - solution.seconds)
            let least = MovedTurnoverFloor.solve(problem: problem, options: rest)
            if let plan = least.managers, least.moved <= problem.movedBudget + AssignmentProblem.budgetTolerance(problem.movedBudget) {
                // A plan within the budget exists: start the solver from it.
                solution = AssignmentSolver.solve(problem, options: rest, start: plan)
            } else if least.status == .infeasible {
                return failed(.noPlanExists, solution)
            } else if least.lowerBound > problem.movedBudget + AssignmentProblem.budgetTolerance(problem.movedBudget) {
                let keepable = instance.keepableTurnover
                return failed(.budget(BudgetShortfall(
                    keepableTurnover: keepable, budgetTurnover: instance.budgetTurnover,
                    forcedTurnover: instance.forcedMovedTurnover,
                    leastMovedTurnover: instance.forcedMovedTurnover + least.lowerBound,
                    achievableMovedTurnover: least.managers == nil ? nil : instance.forcedMovedTurnover + least.moved,
                    proven: least.status == .optimal)), solution)
            }
            if solution.objective == nil { return failed(.noPlanFound, solution) }
        }
        let rows = PlanRow.rows(instance: instance, managersOf: solution.managers)
        return AssignmentPlan(instance: instance, solution: solution, rows: rows,
                              loads: ManagerLoad.loads(instance: instance, managersOf: solution.managers),
                              infeasibility: nil)
    }

    // MARK: figures

    public var movedTurnover: Double {
        rows.reduce(0) { $0 + ($1.continuity == .moved ? instance.account($1.account).turnover : 0) }
    }

    /// Moved turnover over the turnover of planned accounts with a current manager (0 when there are none).
    public var movedShare: Double {
        instance.keepableTurnover > 0 ? movedTurnover / instance.keepableTurnover : 0
    }

    public func count(_ continuity: Continuity) -> Int { rows.reduce(0) { $0 + ($1.continuity == continuity ? 1 : 0) } }

    /// The most and the least loaded managers by utilisation (ties: manager_id).
    public var mostLoaded: ManagerLoad? { loadsByUtilisation.last }
    public var leastLoaded: ManagerLoad? { loadsByUtilisation.first }

    var loadsByUtilisation: [ManagerLoad] {
        loads.sorted { lhs, rhs in
            if lhs.utilisation != rhs.utilisation { return lhs.utilisation < rhs.utilisation }
            return instance.managers[lhs.manager].id > instance.managers[rhs.manager].id
        }
    }
}

/// Why no plan keeps every rule.
public enum PlanInfeasibility: Hashable, Sendable {
    /// A group of accounts needs more hours than every manager who may serve it has.
    case hours(CapacityShortfall)
    /// A group of accounts is larger than the max_accounts of every manager who may serve it.
    case places(CapacityShortfall)
    /// Every plan moves more turnover than the disruption budget allows.
    case budget(BudgetShortfall)
    /// The hours suffice in total, but the accounts cannot be packed onto the managers.
    case noPlanExists
    /// The solver found no plan within its limits and could not prove that none exists.
    case noPlanFound
}

/// The disruption budget against the least turnover any plan must move.
public struct BudgetShortfall: Hashable, Codable, Sendable {
    /// Turnover of planned accounts with a current manager.
    public var keepableTurnover: Double
    /// max_moved_turnover_share x keepableTurnover.
    public var budgetTurnover: Double
    /// Turnover whose current manager is missing or may not serve it.
    public var forcedTurnover: Double
    /// No plan moves less turnover than this (a proven bound).
    public var leastMovedTurnover: Double
    /// The turnover moved by the best plan found that ignores the budget.
    public var achievableMovedTurnover: Double?
    /// Whether `achievableMovedTurnover` is proven to be the least.
    public var proven: Bool

    /// The smallest share that could be met: the achievable one when known, else the bound.
    public var smallestShare: Double {
        guard keepableTurnover > 0 else { return 0 }
        return (achievableMovedTurnover ?? leastMovedTurnover) / keepableTurnover
    }

    public var leastShare: Double { keepableTurnover > 0 ? leastMovedTurnover / keepableTurnover : 0 }
}

/// How an account's relationship changes.
public enum Continuity: String, Hashable, Codable, Sendable {
    /// Stays with its current manager.
    case kept
    /// Has a current manager and gets another one.
    case moved
    /// Has no current manager.
    case new
}

/// One row of assignments.csv.
public struct PlanRow: Hashable, Sendable {
    /// Problem index of the account (see `AssignmentInstance.planned`).
    public var account: Int
    public var manager: Int
    public var continuity: Continuity
    public var cost: PairCost
    public var reason: String
}

/// One row of manager_load.csv.
public struct ManagerLoad: Hashable, Sendable {
    public var manager: Int
    public var accounts: Int
    public var workloadHours: Double
    public var capacityHours: Double
    /// workload / capacity.
    public var utilisation: Double
    public var turnover: Double
    /// Accounts per tier, in `Tier.allCases` order.
    public var perTier: [Int]
    /// Accounts it keeps, gains from another manager, takes on new, and loses.
    public var kept: Int
    public var gained: Int
    public var new: Int
    public var lost: Int
    public var cost: Double

    static func loads(instance: AssignmentInstance, managersOf plan: [Int]?) -> [ManagerLoad] {
        var loads = instance.managers.indices.map { j in
            ManagerLoad(manager: j, accounts: 0, workloadHours: 0, capacityHours: instance.managers[j].capacityHours,
                        utilisation: 0, turnover: 0, perTier: [0, 0, 0, 0], kept: 0, gained: 0, new: 0, lost: 0, cost: 0)
        }
        guard let plan else { return loads }
        for k in plan.indices {
            let j = plan[k], account = instance.account(k)
            loads[j].accounts += 1
            loads[j].workloadHours += instance.problem.workloads[k]
            loads[j].turnover += account.turnover
            loads[j].perTier[Tier.allCases.firstIndex(of: instance.tier(k))!] += 1
            loads[j].cost += instance.problem.pair(account: k, manager: j).map { instance.problem.pairCost[$0] } ?? 0
            if let current = account.currentManager {
                if current == instance.managers[j].id {
                    loads[j].kept += 1
                } else {
                    loads[j].gained += 1
                    if let previous = instance.managerIndex[current] { loads[previous].lost += 1 }
                }
            } else {
                loads[j].new += 1
            }
        }
        for j in loads.indices { loads[j].utilisation = loads[j].workloadHours / loads[j].capacityHours }
        return loads
    }
}

extension AssignmentSolution {
    static func unsolved(status: SolverStatus) -> AssignmentSolution {
        AssignmentSolution(status: status, managers: [], objective: nil, bound: status == .infeasible ? .infinity : -.infinity,
                           gap: nil, movedTurnover: nil, iterations: 0, nodes: 0, pairsFixed: 0, stoppedBy: "proved", seconds: 0)
    }
}

/// The least turnover any plan must move, ignoring the budget: the same
/// solver on the same pairs with the cost "turnover moved".
enum MovedTurnoverFloor {
    struct Result {
        var status: SolverStatus
        var managers: [Int]?
        /// Turnover moved by `managers` (beyond the forced moves).
        var moved: Double
        /// No plan moves less (beyond the forced moves).
        var lowerBound: Double
    }

    static func solve(problem: AssignmentProblem, options: SolverOptions) -> Result {
        var floor = problem
        for i in 0..<problem.accountCount {
            for p in problem.pairs(of: i) {
                let keep = problem.keepManager[i]
                floor.pairCost[p] = keep >= 0 && keep != problem.pairManager[p] ? problem.turnovers[i] : 0
            }
        }
        floor.movedBudget = .infinity
        var exact = options
        exact.gapTolerance = 0
        let solution = AssignmentSolver.solve(floor, options: exact)
        let plan = solution.objective == nil ? nil : solution.managers
        return Result(status: solution.status, managers: plan, moved: solution.objective ?? .infinity,
                      lowerBound: max(0, solution.bound))
    }
}
