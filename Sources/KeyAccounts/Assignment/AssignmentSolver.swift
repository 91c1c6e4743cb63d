import Foundation
/// Settings of one solve. The plan is deterministic for given settings
/// unless `timeLimitSeconds` stops the solver first (run.json then says
/// `stopped_by: time_limit`).
public struct SolverOptions: Hashable, Codable, Sendable {
    /// Wall-clock limit for the whole solve.
    public var timeLimitSeconds: Double = 60
    /// The solver stops once (plan cost - bound) / plan cost is at most this.
    public var gapTolerance: Double = 0
    /// Most branch-and-bound nodes after the root.
    public var maxNodes: Int = 20_000
    /// Whether to re-plan groups of managers exactly (off inside those re-plans).
    var neighbourhoods = true

    public init(timeLimitSeconds: Double = 60, gapTolerance: Double = 0, maxNodes: Int = 20_000) {
        self.timeLimitSeconds = timeLimitSeconds
        self.gapTolerance = gapTolerance
        self.maxNodes = maxNodes
    }

    init(timeLimitSeconds: Double, gapTolerance: Double, maxNodes: Int, neighbourhoods: Bool) {
        self.init(timeLimitSeconds: timeLimitSeconds, gapTolerance: gapTolerance, maxNodes: maxNodes)
        self.neighbourhoods = neighbourhoods
    }

    enum CodingKeys: String, CodingKey {
        case timeLimitSeconds = "time_limit_seconds"
        case gapTolerance = "gap_tolerance"
        case maxNodes = "max_nodes"
    }
}

/// How a solve ended.
public enum SolverStatus: String, Hashable, Codable, Sendable {
    /// The plan's cost equals the bound (relative gap at most 1e-9).
    case optimal
    /// A plan that keeps every rule, with a gap to the bound.
    case feasible
    /// Proven: no plan keeps every rule.
    case infeasible
    /// No plan was found, and none was proven impossible.
    case noPlanFound = "no_plan_found"
}

/// The result of `AssignmentSolver.solve`.
public struct AssignmentSolution: Hashable, Codable, Sendable {
    public var status: SolverStatus
    /// Manager index per account; empty when no plan was found.
    public var managers: [Int]
    /// Cost of the plan; nil without a plan.
    public var objective: Double?
    /// No plan costs less than this (a true lower bound; +infinity when proven infeasible).
    public var bound: Double
    /// (objective - bound) / objective, 0 when both are 0; nil without a plan.
    public var gap: Double?
    /// Turnover of accounts assigned away from their keep manager.
    public var movedTurnover: Double?
    /// Subgradient iterations, over the root and every node.
    public var iterations: Int
    /// Branch-and-bound nodes explored after the root.
    public var nodes: Int
    /// Pairs removed at the root because every plan using them costs at least the incumbent.
    public var pairsFixed: Int
    /// `proved` (optimal), `gap_tolerance` (within `SolverOptions.gapTolerance`),
    /// `time_limit`, `node_limit`, or `rule_check_failed` (an internal error:
    /// the plan found broke a rule and was withheld).
    public var stoppedBy: String
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case status, managers, objective, bound, gap, iterations, nodes, seconds
        case movedTurnover = "moved_turnover"
        case pairsFixed = "pairs_fixed"
        case stoppedBy = "stopped_by"
    }
}

/// The assignment solver: a Lagrangian bound with exact knapsacks, a primal
/// heuristic that keeps every rule at every step, exact re-planning of
/// groups of managers, and best-first branch-and-bound on top.
///
/// 1. Start plans: keep every relationship that fits, place the rest by
///    regret; and the cheapest pairs by regret. Each is brought within the
///    budget and improved by local search.
/// 2. Root: subgradient optimisation of the Lagrangian bound; every 25
///    iterations the knapsacks' choice seeds a new plan (Lagrangian heuristic).
/// 3. Pairs whose forced use would cost at least the best plan are removed.
/// 4. Groups of managers that share many accounts re-plan their accounts
///    exactly among themselves (`neighbourhoodSearch`).
/// 5. Branch-and-bound (`BranchAndBound`) until the gap is within the
///    tolerance, or a limit.
///
/// The bound is always a true lower bound; the plan always keeps every rule
/// (checked once more at the end).
public enum AssignmentSolver {
    /// Solves `problem`.
    /// - Parameter start: a plan (manager per account) to start from; used
    ///   only when it keeps every rule.
    public static func solve(_ problem: AssignmentProblem, options: SolverOptions = SolverOptions(),
                             start: [Int]? = nil) -> AssignmentSolution {
        var search = SolverSearch(model: SolverModel(problem), options: options)
        if let start, start.count == problem.accountCount, problem.violations(of: start).isEmpty {
            var plan = PlanState(model: search.model)
            for i in 0..<problem.accountCount { plan.place(i, problem.pair(account: i, manager: start[i])!) }
            plan.improve(work: search.workLimit)
            search.offer(plan)
        }
        return search.run(problem: problem)
    }
}

struct SolverSearch {
    let model: SolverModel
    let options: SolverOptions
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant

    var incumbent: PlanState?
    var bestBound = -Double.infinity
    var iterations = 0
    var nodes = 0
    var pairsFixed = 0
    /// Least bound of the plans that use a pair removed by fixing.
    var minimumFixedBound = Double.infinity
    var stoppedBy = "proved"

    static let ruleCheckFailed = "rule_check_failed"

    /// More than any plan can cost (each account at its dearest pair, plus
    /// one): a bound at this level proves that no plan exists.
    let costCeiling: Double

    init(model: SolverModel, options: SolverOptions) {
        self.model = model
        self.options = options
        start = clock.now
        var ceiling = 1.0
        for i in 0..<model.n {
            var dearest = 0.0
            for p in model.pairStart[i]..<model.pairStart[i + 1] { dearest = max(dearest, model.cost[p]) }
            ceiling += dearest
        }
        costCeiling = ceiling
    }

    var elapsed: Double {
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    var outOfTime: Bool { elapsed >= options.timeLimitSeconds }

    var upperBound: Double { incumbent?.cost ?? .infinity }

    /// The bound below which a node or pair can still hold a better plan.
    var pruneLevel: Double {
        let ub = upperBound
        guard ub.isFinite else { return costCeiling }
        return ub - max(options.gapTolerance * abs(ub), 1e-9 * max(1, abs(ub)))
    }

    /// Where the subgradient steps aim: the best plan's cost, or the ceiling.
    var target: Double { upperBound.isFinite ? upperBound : costCeiling }

    var gapClosed: Bool { bestBound >= pruneLevel }

    mutating func offer(_ plan: PlanState) {
        guard plan.isFeasible else { return }
        if plan.cost < upperBound - PlanState.costEpsilon { incumbent = plan }
    }

    mutating func run(problem: AssignmentProblem) -> AssignmentSolution {
        if model.n == 0 {
            // Nothing to plan: the empty plan, proven optimal.
            return AssignmentSolution(status: .optimal, managers: [], objective: 0, bound: 0, gap: 0, movedTurnover: 0,
                                      iterations: 0, nodes: 0, pairsFixed: 0, stoppedBy: "proved", seconds: elapsed)
        }
        startPlans()
        var lagrangian = LagrangianBound(model: model)
        if let incumbent {
            // Warm start: each account's multiplier at its cost in the plan.
            for i in 0..<model.n { lagrangian.u[i] = model.cost[Int(incumbent.pairOf[i])] }
        }
        rootBound(&lagrangian)
        if !gapClosed && !outOfTime && incumbent != nil { fixPairs(&lagrangian) }
        if options.neighbourhoods && !gapClosed && !outOfTime {
            neighbourhoodSearch(rounds: 2)
        }
        if !gapClosed && !outOfTime { branchAndBound(&lagrangian) }
        return finish(problem: problem)
    }

    // MARK: start plans

    /// Guide cost per pair: the cost plus `price` per turnover moved.
    func guide(price: Double) -> [Double] {
        var guide = model.cost
        if price > 0 {
            for i in 0..<model.n {
                for p in model.pairStart[i]..<model.pairStart[i + 1] { guide[p] += price * model.movedTurnover(account: i, pair: p) }
            }
        }
        return guide
    }

    mutating func startPlans() {
        // Keep first: the largest relationships get their manager first.
        var keepFirst = PlanState(model: model)
        let byTurnover = (0..<model.n).sorted { model.turnover[$0] != model.turnover[$1] ? model.turnover[$0] > model.turnover[$1] : $0 < $1 }
        for i in byTurnover {
            let keep = Int(model.keepPair[i])
            if keep >= 0, keepFirst.hasRoom(Int(model.pairManager[keep]), hours: model.workload[i]) { keepFirst.place(i, keep) }
        }
        polish(&keepFirst, preferred: nil, guide: model.cost)
        // Cheapest first, then within the budget.
        var cheapest = PlanState(model: model)
        polish(&cheapest, preferred: nil, guide: model.cost)
    }

    /// Completes, repairs and improves a plan, and offers it as incumbent.
    mutating func polish(_ plan: inout PlanState, preferred: [Int32]?, guide: [Double], passes: Int = 50) {
        guard plan.complete(preferred: preferred, guide: guide) else { return }
        // Local search also lowers a remaining excess over the budget first.
        if !plan.withinBudget { _ = plan.repairBudget() }
        plan.improve(maxPasses: passes, work: workLimit)
        offer(plan)
    }

    /// Candidate changes examined per local search, so a search on a large
    /// plan stays within a fraction of a second.
    var workLimit: Int { max(2_000_000, 40 * model.pairAccount.count) }

    // MARK: root

    mutating func rootBound(_ lagrangian: inout LagrangianBound) {
        var theta = 1.0
        var sinceImprovement = 0
        var best = LagrangianBound.Multipliers(lagrangian)
        let maxIterations = max(300, min(5_000, 20 * model.m + 2 * model.n / 10))
        // Halve the step after this many iterations without a better bound.
        let patience = 20
        var rootIterations = 0
        // First the bound without the budget row (lambda 0, valid as well),
        // then with it: moving both at once from the start lets the budget
        // multiplier drag the account multipliers away from a bound that
        // lambda 0 already proves.
        var budgetFrozen = model.hasBudget
        while rootIterations < maxIterations {
            if outOfTime { stoppedBy = "time_limit"; break }
            let value = lagrangian.evaluate()
            iterations += 1
            rootIterations += 1
            if value > bestBound + 1e-12 * max(1, abs(value)) {
                if value > bestBound + 1e-6 * max(1, abs(value)) { sinceImprovement = 0 } else { sinceImprovement += 1 }
                bestBound = value
                best = LagrangianBound.Multipliers(lagrangian)
            } else {
                sinceImprovement += 1
            }
            if lagrangian.choiceIsAPlan { lagrangianPlan(lagrangian) }
            if gapClosed { break }
            if rootIterations % 25 == 1 { lagrangianPlan(lagrangian) }
            if sinceImprovement >= patience {
                theta *= 0.5
                sinceImprovement = 0
                best.restore(into: &lagrangian)
                lagrangian.resetDirection()
            }
            if budgetFrozen && (theta < 0.01 || rootIterations >= maxIterations / 2) {
                budgetFrozen = false
                theta = 0.25
                sinceImprovement = 0
                best.restore(into: &lagrangian)
                lagrangian.resetDirection()
                continue
            }
            if theta < 1e-4 { break }
            if !lagrangian.step(theta: theta, target: target, budgetFrozen: budgetFrozen) { break }
        }
        best.restore(into: &lagrangian)
        bestBound = max(bestBound, lagrangian.evaluate(forFixing: true))
    }

    /// The Lagrangian heuristic: each account goes where a knapsack took it
    /// (the cheapest such manager), the rest by regret with moves priced at
    /// the budget multiplier.
    mutating func lagrangianPlan(_ lagrangian: LagrangianBound) {
        var preferred = [Int32](repeating: -1, count: model.n)
        for i in 0..<model.n {
            var best = -1
            for p in model.pairStart[i]..<model.pairStart[i + 1] where lagrangian.chosen[p] {
                if best < 0 || model.cost[p] < model.cost[best] { best = p }
            }
            if lagrangian.fixed[i] >= 0 { best = Int(lagrangian.fixed[i]) }
            preferred[i] = Int32(best)
        }
        var plan = PlanState(model: model)
        polish(&plan, preferred: preferred, guide: guide(price: lagrangian.lambda / model.turnoverUnit), passes: 10)
    }

    // MARK: fixing

    /// Removes every pair whose forced use would cost at least the incumbent
    /// (less the tolerance): no better plan uses it.
    mutating func fixPairs(_ lagrangian: inout LagrangianBound) {
        let level = pruneLevel
        for p in 0..<model.pairAccount.count where lagrangian.active[p] && !lagrangian.chosen[p] {
            if let incumbent, incumbent.pairOf[Int(model.pairAccount[p])] == Int32(p) { continue }
            let bound = lagrangian.forcedInBound(pair: p)
            if bound >= level {
                lagrangian.active[p] = false
                pairsFixed += 1
                minimumFixedBound = min(minimumFixedBound, bound)
            }
        }
        lagrangian.invalidate()
    }

    // MARK: branch and bound

    mutating func branchAndBound(_ root: inout LagrangianBound) {
        var tree = BranchAndBound(search: self, root: root)
        tree.run()
        self = tree.search
    }

    // MARK: result

    func finish(problem: AssignmentProblem) -> AssignmentSolution {
        let seconds = elapsed
        guard var plan = incumbent else {
            let infeasible = bestBound >= costCeiling
            return AssignmentSolution(status: infeasible ? .infeasible : .noPlanFound, managers: [], objective: nil,
                                      bound: infeasible ? .infinity : bestBound, gap: nil, movedTurnover: nil, iterations: iterations, nodes: nodes,
                                      pairsFixed: pairsFixed, stoppedBy: stoppedBy, seconds: seconds)
        }
        plan.refreshTotals()
        let managers = plan.managers
        // The plan is checked once more against the problem itself; a plan
        // that breaks a rule is a bug and is never handed out.
        guard problem.violations(of: managers).isEmpty else {
            return AssignmentSolution(status: .noPlanFound, managers: [], objective: nil, bound: bestBound, gap: nil,
                                      movedTurnover: nil, iterations: iterations, nodes: nodes, pairsFixed: pairsFixed,
                                      stoppedBy: Self.ruleCheckFailed, seconds: seconds)
        }
        let objective = plan.cost
        let bound = min(bestBound, objective)
        let gap = max(0, objective > 0 ? (objective - bound) / objective : (bound >= objective ? 0 : 1))
        let status: SolverStatus = gap <= 1e-9 ? .optimal : .feasible
        let reason = status == .optimal ? "proved" : gap <= options.gapTolerance ? "gap_tolerance"
            : stoppedBy == "proved" ? "search_exhausted" : stoppedBy
        return AssignmentSolution(status: status, managers: managers, objective: objective, bound: bound, gap: gap,
                                  movedTurnover: plan.moved, iterations: iterations, nodes: nodes, pairsFixed: pairsFixed,
                                  stoppedBy: reason, seconds: seconds)
    }
}

extension LagrangianBound {
    /// A copy of the multipliers, to return to the best ones found.
    struct Multipliers {
        var u: [Double]
        var lambda: Double
        var mu: [Double]

        init(_ lagrangian: LagrangianBound) {
            u = lagrangian.u
            lambda = lagrangian.lambda
            mu = lagrangian.mu
        }

        func restore(into lagrangian: inout LagrangianBound) {
            lagrangian.u = u
            lagrangian.lambda = lambda
            lagrangian.mu = mu
            lagrangian.invalidate()
        }
    }
}
