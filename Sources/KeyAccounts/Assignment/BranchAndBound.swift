/// Best-first branch-and-bound over the Lagrangian bound.
///
/// A node fixes some accounts to a manager. Its bound is the best
/// Lagrangian value found by a few subgradient steps from its parent's
/// multipliers, and never less than its parent's (a node's plans are a subset
/// of its parent's). A node is closed when its bound reaches the best plan's
/// cost less the tolerance, or when the knapsacks' choice is itself a plan
/// that keeps every rule at the bound's cost.
///
/// Branching: one account is fixed to each of its remaining managers in turn
/// (one child per pair), so every plan of the node is in exactly one child.
/// The account is the one the knapsacks disagree on whose least attractive
/// child is most expensive by the pair-forcing bound of `LagrangianBound`;
/// children whose forcing bound already reaches the best plan are closed at
/// once. The open node of least bound is explored next (ties: the deepest),
/// so the global bound, the least bound of all open nodes, rises as fast as
/// the tree allows.
///
/// The global bound is the least bound of every open node, every closed node
/// (capped at the best plan) and every pair removed by fixing; it is a true
/// lower bound whenever the search stops.
struct BranchAndBound {
    var search: SolverSearch
    var lagrangian: LagrangianBound
    var model: SolverModel { search.model }

    /// Multipliers shared by the children of one node.
    final class SharedMultipliers {
        let value: LagrangianBound.Multipliers
        init(_ value: LagrangianBound.Multipliers) { self.value = value }
    }

    struct Node {
        /// (account, pair) fixings from the root.
        var fixes: [(account: Int32, pair: Int32)]
        var bound: Double
        var multipliers: SharedMultipliers
    }

    private var open: [Node] = []
    private var applied: [(account: Int32, pair: Int32)] = []
    /// Least bound of the closed nodes (capped at the plan they were closed against).
    private var closedBound = Double.infinity
    private let root: SharedMultipliers
    private var storedMultipliers = 0

    init(search: SolverSearch, root: LagrangianBound) {
        self.search = search
        self.lagrangian = root
        self.root = SharedMultipliers(LagrangianBound.Multipliers(root))
    }

    /// Open node order: least bound first, then the deepest.
    private static func before(_ a: Node, _ b: Node) -> Bool {
        a.bound != b.bound ? a.bound < b.bound : a.fixes.count > b.fixes.count
    }

    private mutating func push(_ node: Node) {
        open.append(node)
        var child = open.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(open[child], open[parent]) else { break }
            open.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func pop() -> Node? {
        guard !open.isEmpty else { return nil }
        open.swapAt(0, open.count - 1)
        let top = open.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < open.count && Self.before(open[left], open[best]) { best = left }
            if right < open.count && Self.before(open[right], open[best]) { best = right }
            if best == parent { break }
            open.swapAt(parent, best)
            parent = best
        }
        return top
    }

    var globalBound: Double {
        min(open.first?.bound ?? .infinity, closedBound, search.upperBound, search.minimumFixedBound)
    }

    mutating func run() {
        // The root as the first node: its children come from its own branching.
        let rootNode = Node(fixes: [], bound: search.bestBound, multipliers: root)
        expand(rootNode, bound: search.bestBound, multipliers: root)
        var limitHit: String?
        while let node = pop() {
            if search.nodes >= search.options.maxNodes { limitHit = "node_limit"; push(node); break }
            if search.outOfTime { limitHit = "time_limit"; push(node); break }
            if node.bound >= search.pruneLevel {
                close(node.bound)
                continue
            }
            // Best-first: the least open bound is the global bound.
            search.bestBound = max(search.bestBound, globalBound)
            if search.gapClosed { push(node); break }
            search.nodes += 1
            process(node)
        }
        search.bestBound = max(search.bestBound, globalBound)
        search.stoppedBy = limitHit ?? "proved"
        moveTo([])
    }

    private mutating func close(_ bound: Double) {
        closedBound = min(closedBound, min(bound, search.upperBound))
    }

    /// Applies a node's fixings (undoing the previous node's first).
    private mutating func moveTo(_ fixes: [(account: Int32, pair: Int32)]) {
        for fix in applied { lagrangian.fixed[Int(fix.account)] = -1 }
        for fix in fixes { lagrangian.fixed[Int(fix.account)] = fix.pair }
        applied = fixes
        lagrangian.invalidate()
    }

    /// Bounds a node, looks for plans in it, and branches.
    private mutating func process(_ node: Node) {
        moveTo(node.fixes)
        node.multipliers.value.restore(into: &lagrangian)
        lagrangian.resetDirection()
        var nodeBound = node.bound
        var best = node.multipliers.value
        var improved = false
        var theta = 0.1
        var stale = 0
        for step in 0..<25 {
            let value = lagrangian.evaluate()
            search.iterations += 1
            if value == .infinity { return }  // the fixings alone break a rule: no plan here
            if value > nodeBound {
                nodeBound = value
                best = LagrangianBound.Multipliers(lagrangian)
                improved = true
                stale = 0
            } else {
                stale += 1
                if stale >= 4 { theta *= 0.5; stale = 0 }
            }
            if nodeBound >= search.pruneLevel { close(nodeBound); return }
            if lagrangian.choiceIsAPlan, let cost = planFromChoice(), cost <= value + PlanState.costEpsilon {
                close(max(nodeBound, cost))
                return
            }
            if step == 0 && (search.nodes <= 50 || search.nodes % 20 == 0) {
                search.lagrangianPlan(lagrangian)
                if nodeBound >= search.pruneLevel { close(nodeBound); return }
            }
            if !lagrangian.step(theta: theta, target: search.target) { break }
        }
        if improved { best.restore(into: &lagrangian) } else { node.multipliers.value.restore(into: &lagrangian) }
        lagrangian.evaluate(forFixing: true)
        search.iterations += 1
        let shared = improved && storedMultipliers < 20_000_000 ? SharedMultipliers(best) : node.multipliers
        if shared !== node.multipliers { storedMultipliers += model.n }
        expand(node, bound: nodeBound, multipliers: shared)
    }

    /// Pushes one child per remaining pair of the branching account; a node
    /// with nothing left to branch on holds a single plan.
    private mutating func expand(_ node: Node, bound: Double, multipliers: SharedMultipliers) {
        guard let account = branchingAccount() else {
            close(max(bound, leafPlan()))
            return
        }
        for p in model.pairStart[account]..<model.pairStart[account + 1] where lagrangian.active[p] {
            let childBound = max(bound, lagrangian.forcedInBound(pair: p))
            if childBound >= search.pruneLevel {
                close(childBound)
                continue
            }
            push(Node(fixes: node.fixes + [(Int32(account), Int32(p))], bound: childBound, multipliers: multipliers))
        }
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

    /// The free account to branch on, or nil when every free account has a
    /// single pair left. Disagreement first (taken by no knapsack or by
    /// several); among those, the account whose cheapest child by the
    /// forcing bound is dearest, so branching raises the bound most.
    private func branchingAccount() -> Int? {
        var best: Int?
        var bestScore = (disagree: false, weakest: -Double.infinity)
        for i in 0..<model.n where lagrangian.fixed[i] < 0 {
            var open = 0
            var weakest = Double.infinity
            for p in model.pairStart[i]..<model.pairStart[i + 1] where lagrangian.active[p] {
                open += 1
                weakest = min(weakest, lagrangian.chosen[p] ? lagrangian.value : lagrangian.forcedInBound(pair: p))
            }
            guard open > 1 else { continue }
            let score = (disagree: lagrangian.timesChosen(i) != 1, weakest: weakest)
            let better = best == nil || (score.disagree && !bestScore.disagree)
                || (score.disagree == bestScore.disagree && score.weakest > bestScore.weakest)
            if better {
                bestScore = score
                best = i
            }
        }
        return best
    }
}
