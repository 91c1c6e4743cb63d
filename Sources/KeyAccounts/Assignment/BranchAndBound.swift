import Foundation
/// Depth-first branch-and-bound over the Lagrangian bound.
///
/// A node fixes some accounts to a manager and forbids some pairs. Its bound
/// is the best Lagrangian value found by a few subgradient steps from its
/// parent's multipliers, and never less than the parent's bound (a node's
/// plans are a subset of its parent's). A node is closed when its bound
/// reaches the best plan's cost less the tolerance, or when the knapsacks'
/// choice is itself a plan that keeps every rule at the bound's cost.
///
/// Branching: an account the knapsacks disagree on (taken by none or by
/// several managers; the heaviest first) is fixed to its most attractive
/// pair in the first child and forbidden that pair in the second. The first
/// child is explored first, so good plans are found early.
///
/// The global bound is the least bound of every closed node, every open
/// node and every pair removed by fixing; it only rises as the tree is
/// explored and is a true lower bound whenever the search stops.
struct BranchAndBound {
    var search: SolverSearch
    var lagrangian: LagrangianBound
    var model: SolverModel { search.model }

    struct Decision {
        var account: Int
        var pair: Int
        /// Fix the account to the pair (true) or forbid the pair (false).
        var fix: Bool
    }

    struct Frame {
        var decision: Decision
        var depth: Int
        var parentBound: Double
        var multipliers: LagrangianBound.Multipliers
    }

    private var stack: [Frame] = []
    private var path: [Decision] = []
    /// Least bound of the closed nodes (capped at the plan they were closed against).
    private var closedBound = Double.infinity

    init(search: SolverSearch, root: LagrangianBound) {
        self.search = search
        self.lagrangian = root
    }

    mutating func run() {
        let rootBound = search.bestBound
        guard let decision = branchingDecision() else {
            // Every account has one pair left: that single plan is the whole tree.
            search.bestBound = max(search.bestBound, min(leafPlan(), search.minimumFixedBound))
            search.stoppedBy = "proved"
            return
        }
        let multipliers = LagrangianBound.Multipliers(lagrangian)
        push(decision, depth: 0, bound: rootBound, multipliers: multipliers)
        var limitHit: String?
        while let frame = stack.popLast() {
            if search.nodes >= search.options.maxNodes { limitHit = "node_limit"; stack.append(frame); break }
            if search.outOfTime { limitHit = "time_limit"; stack.append(frame); break }
            if frame.parentBound >= search.pruneLevel {
                close(frame.parentBound)
                continue
            }
            search.nodes += 1
            if trace && search.nodes % 50 == 0 {
                var open = closedBound
                for f in stack { open = min(open, f.parentBound) }
                FileHandle.standardError.write(Data("node \(search.nodes) depth \(frame.depth) t \(search.elapsed) ub \(search.upperBound) frontier \(min(open, frame.parentBound)) stack \(stack.count)\n".utf8))
            }
            moveTo(frame)
            explore(frame)
        }
        var bound = min(closedBound, search.upperBound)
        for frame in stack { bound = min(bound, frame.parentBound) }
        // The tree's leaves cover every plan, so the least of their bounds is the bound.
        search.bestBound = max(search.bestBound, min(bound, search.minimumFixedBound))
        if let limitHit { search.stoppedBy = limitHit } else { search.stoppedBy = "proved" }
        // Leave the root as it was: no fixings.
        while !path.isEmpty { undo(path.removeLast()) }
    }

    private mutating func push(_ decision: Decision, depth: Int, bound: Double, multipliers: LagrangianBound.Multipliers) {
        // The forbidding child is explored second, so it goes on the stack first.
        stack.append(Frame(decision: Decision(account: decision.account, pair: decision.pair, fix: false),
                           depth: depth, parentBound: bound, multipliers: multipliers))
        stack.append(Frame(decision: decision, depth: depth, parentBound: bound, multipliers: multipliers))
    }

    private mutating func close(_ bound: Double) {
        closedBound = min(closedBound, bound)
    }

    private mutating func moveTo(_ frame: Frame) {
        while path.count > frame.depth { undo(path.removeLast()) }
        apply(frame.decision)
        path.append(frame.decision)
        frame.multipliers.restore(into: &lagrangian)
    }

    private mutating func apply(_ decision: Decision) {
        lagrangian.invalidate()
        if decision.fix { lagrangian.fixed[decision.account] = Int32(decision.pair) } else { lagrangian.active[decision.pair] = false }
    }

    private mutating func undo(_ decision: Decision) {
        lagrangian.invalidate()
        if decision.fix { lagrangian.fixed[decision.account] = -1 } else { lagrangian.active[decision.pair] = true }
    }

    /// Bounds the current node, looks for plans in it, and branches.
    private mutating func explore(_ frame: Frame) {
        // A forbidden pair may leave an account with no manager at all.
        if !frame.decision.fix {
            let i = frame.decision.account
            let open = (model.pairStart[i]..<model.pairStart[i + 1]).contains { lagrangian.active[$0] }
            if !open { return }  // no plan here: the node's bound is infinite
        }
        var nodeBound = frame.parentBound
        var best = LagrangianBound.Multipliers(lagrangian)
        var theta = 0.5
        var stale = 0
        let steps = 40
        for step in 0..<steps {
            let value = lagrangian.evaluate()
            search.iterations += 1
            if value == .infinity { return }
            if value > nodeBound {
                nodeBound = value
                best = LagrangianBound.Multipliers(lagrangian)
                stale = 0
            } else {
                stale += 1
                if stale >= 5 { theta *= 0.5; stale = 0 }
            }
            if nodeBound >= search.pruneLevel { close(nodeBound); return }
            if lagrangian.choiceIsAPlan, let cost = planFromChoice() {
                // The choice is the node's best plan when it costs no more than the bound.
                if cost <= value + PlanState.costEpsilon { close(max(nodeBound, min(cost, search.upperBound))); return }
            }
            if step == 0 && (search.nodes <= 200 || search.nodes % 10 == 0) { search.lagrangianPlan(lagrangian) }
            if nodeBound >= search.pruneLevel { close(nodeBound); return }
            if !lagrangian.step(theta: theta, target: search.target) { break }
        }
        best.restore(into: &lagrangian)
        lagrangian.evaluate()
        search.iterations += 1
        guard let decision = branchingDecision() else {
            close(max(nodeBound, leafPlan()))
            return
        }
        push(decision, depth: frame.depth + 1, bound: nodeBound, multipliers: best)
    }

    /// The knapsacks' choice as a plan (every free account taken once),
    /// offered as incumbent when it keeps every rule; returns its cost then.
    private mutating func planFromChoice() -> Double? {
        var plan = PlanState(model: model)
        for i in 0..<model.n {
            var pair = Int(lagrangian.fixed[i])
            if pair < 0 {
                for p in model.pairStart[i]..<model.pairStart[i + 1] where lagrangian.chosen[p] { pair = p }
            }
            guard pair >= 0, plan.hasRoom(Int(model.pairManager[pair]), hours: model.workload[i]) else { return nil }
            plan.place(i, pair)
        }
        guard plan.isFeasible else { return nil }
        search.offer(plan)
        return plan.cost
    }

    /// The one plan of a node where every free account has a single pair
    /// left: offered when it keeps every rule; returns its cost, or
    /// +infinity when it breaks one.
    private mutating func leafPlan() -> Double {
        var plan = PlanState(model: model)
        for i in 0..<model.n {
            var pair = Int(lagrangian.fixed[i])
            if pair < 0 {
                for p in model.pairStart[i]..<model.pairStart[i + 1] where lagrangian.active[p] { pair = p }
            }
            guard pair >= 0, plan.hasRoom(Int(model.pairManager[pair]), hours: model.workload[i]) else { return .infinity }
            plan.place(i, pair)
        }
        guard plan.isFeasible else { return .infinity }
        search.offer(plan)
        return plan.cost
    }

    /// The account to branch on and its most attractive pair, or nil when
    /// every account is fixed or has a single pair left.
    private func branchingDecision() -> Decision? {
        var best: Decision?
        var bestScore = -Double.infinity
        for i in 0..<model.n where lagrangian.fixed[i] < 0 {
            let times = lagrangian.timesChosen(i)
            var open = 0
            var favourite = -1, favouriteCost = Double.infinity
            for p in model.pairStart[i]..<model.pairStart[i + 1] where lagrangian.active[p] {
                open += 1
                // Taken pairs first, then the cheapest in reduced cost.
                let reduced = model.cost[p] - lagrangian.u[i] - (lagrangian.chosen[p] ? 1e18 : 0)
                if reduced < favouriteCost { favourite = p; favouriteCost = reduced }
            }
            guard open > 1, favourite >= 0 else { continue }
            // Disagreement first; among equals the heaviest account.
            let score = (times == 1 ? 0 : 1e12) + model.workload[i] + model.turnover[i] * 1e-12
            if score > bestScore {
                bestScore = score
                best = Decision(account: i, pair: favourite, fix: true)
            }
        }
        return best
    }
}
