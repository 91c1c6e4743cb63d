/// The lower bound: the assignment rows ("each account exactly once") and
/// the budget row are moved into the objective with multipliers, which
/// leaves one independent knapsack per manager.
///
/// For multipliers `u` (one per account, free), `lambda` >= 0 (budget) and
/// `mu` >= 0 (one per manager with a max_accounts), pair (i, j) gets the
/// reduced cost
///
///     r_ij = cost_ij - u_i - lambda * s_i * [j keeps i] + mu_j
///
/// where `s_i` is i's turnover in units of a typical keepable account's
/// turnover. Each manager then takes the set of pairs with negative reduced
/// cost of least total within its hours (an exact knapsack), and
///
///     L = sum_i u_i + lambda * (S - budget) / unit - sum_j mu_j K_j + sum_j knapsack_j
///
/// is a lower bound on the cost of every plan that keeps the rules (Fisher,
/// Jaikumar & Van Wassenhove 1986): each plan is feasible for the relaxed
/// problem, and its relaxed cost is at most its true cost. Solving the
/// knapsacks exactly is what makes this bound stronger than the linear
/// programme's. When a knapsack is cut short (`Knapsack.maxStates`) its
/// upper bound is used instead, so `L` stays a true lower bound.
///
/// The multipliers are improved by the subgradient method with Polyak steps
/// towards the best known plan cost.
struct LagrangianBound {
    let model: SolverModel
    /// Multipliers of the accounts' assignment rows.
    var u: [Double]
    /// Multiplier of the budget row (>= 0), in cost per turnover unit.
    var lambda: Double = 0
    /// Multipliers of the max_accounts rows (>= 0).
    var mu: [Double]

    /// Pairs still allowed (branch-and-bound and reduced-cost fixing remove pairs).
    var active: [Bool]
    /// Accounts fixed to a pair by branching, or -1.
    var fixed: [Int32]

    /// Of the last evaluation: the pairs each knapsack took.
    private(set) var chosen: [Bool]
    private(set) var value: Double = -.infinity

    private var knapsack = Knapsack()
    private var itemPair: [Int32] = []
    private var itemProfit: [Double] = []
    private var itemWeight: [Double] = []
    private var take: [Bool] = []
    private var timesChosen: [Int32]
    private var managerTook: [Int]
    /// Sorted LP data of each manager's knapsack at the last evaluation,
    /// for reduced-cost fixing: efficiencies descending with prefix sums.
    private var lpWeights: [[Double]]
    private var lpProfits: [[Double]]
    private var lpResidual: [Double]
    private var knapsackValue: [Double]
    /// Per manager: whether its knapsack must be solved again, and what it took.
    private var dirty: [Bool]
    private var managerChosen: [[Int32]]
    private var fixedUse: FixedUse?
    private var bucketPair: [[Int32]]
    private var bucketProfit: [[Double]]
    private var price: [Double]
    /// Turnover of each account in turnover units (the budget row's coefficients).
    private let budgetWeight: [Double]

    init(model: SolverModel) {
        self.model = model
        u = [Double](repeating: 0, count: model.n)
        mu = [Double](repeating: 0, count: model.m)
        active = [Bool](repeating: true, count: model.pairAccount.count)
        fixed = [Int32](repeating: -1, count: model.n)
        chosen = [Bool](repeating: false, count: model.pairAccount.count)
        timesChosen = [Int32](repeating: 0, count: model.n)
        managerTook = [Int](repeating: 0, count: model.m)
        lpWeights = [[Double]](repeating: [], count: model.m)
        lpProfits = [[Double]](repeating: [], count: model.m)
        lpResidual = [Double](repeating: 0, count: model.m)
        knapsackValue = [Double](repeating: 0, count: model.m)
        dirty = [Bool](repeating: true, count: model.m)
        managerChosen = [[Int32]](repeating: [], count: model.m)
        bucketPair = [[Int32]](repeating: [], count: model.m)
        bucketProfit = [[Double]](repeating: [], count: model.m)
        price = [Double](repeating: 0, count: model.m)
        budgetWeight = model.turnover.map { $0 / model.turnoverUnit }
        for i in 0..<model.n {
            var cheapest = Double.infinity
            for p in model.pairStart[i]..<model.pairStart[i + 1] { cheapest = min(cheapest, model.cost[p]) }
            u[i] = cheapest.isFinite ? cheapest : 0
        }
    }

    /// What the fixed accounts already use: load and count per manager, cost,
    /// and kept turnover units. Returns nil when the fixings break a rule.
    struct FixedUse {
        var feasible = true
        var load: [Double] = []
        var count: [Int] = []
        var cost = 0.0
        var kept = 0.0
    }

    private func fixedTotals() -> FixedUse? {
        var load = [Double](repeating: 0, count: model.m)
        var count = [Int](repeating: 0, count: model.m)
        var cost = 0.0, kept = 0.0, moved = 0.0
        for i in 0..<model.n where fixed[i] >= 0 {
            let p = Int(fixed[i]), j = Int(model.pairManager[p])
            load[j] += model.workload[i]
            count[j] += 1
            cost += model.cost[p]
            if model.keepPair[i] == fixed[i] { kept += budgetWeight[i] }
            moved += model.movedTurnover(account: i, pair: p)
        }
        for j in 0..<model.m where !model.fits(load: load[j], manager: j) || count[j] > model.maxAccounts[j] { return nil }
        // A free account whose keep pair is forbidden moves whatever happens.
        for i in 0..<model.n where fixed[i] < 0 {
            let keep = model.keepPair[i]
            if keep >= 0 && !active[Int(keep)] { moved += model.turnover[i] }
        }
        if moved > model.budgetLimit { return nil }
        return FixedUse(load: load, count: count, cost: cost, kept: kept)
    }

    /// Marks every knapsack for solving again: call after changing the
    /// multipliers, `active` or `fixed` from outside.
    mutating func invalidate() {
        for j in dirty.indices { dirty[j] = true }
        fixedUse = nil
    }

    /// Evaluates L at the current multipliers; `chosen` holds the knapsacks'
    /// choice. Only knapsacks whose items changed since the last evaluation
    /// are solved again. Returns +infinity when the fixings alone break a rule.
    /// - Parameter forFixing: solve every knapsack and keep its sorted items for `forcedInBound`.
    @discardableResult
    mutating func evaluate(forFixing: Bool = false) -> Double {
        if fixedUse == nil { fixedUse = fixedTotals() ?? FixedUse(feasible: false) }
        let fixedUse = self.fixedUse!
        guard fixedUse.feasible else {
            value = .infinity
            return value
        }
        let budgetRows = model.hasBudget
        // Gather each manager's items in one sequential pass over the pairs
        // by account: reading u in order is far cheaper than by manager.
        for j in 0..<model.m where dirty[j] || forFixing {
            bucketPair[j].removeAll(keepingCapacity: true)
            bucketProfit[j].removeAll(keepingCapacity: true)
        }
        let cost = model.cost, pairManager = model.pairManager, pairStart = model.pairStart
        let keepPair = model.keepPair
        for j in 0..<model.m {
            let open = model.maxAccounts[j] == Int.max || model.maxAccounts[j] - fixedUse.count[j] > 0
            price[j] = open ? (model.maxAccounts[j] == Int.max ? 0 : mu[j]) : .infinity
        }
        for i in 0..<model.n where fixed[i] < 0 {
            let ui = u[i]
            let keep = Int(keepPair[i])
            for p in pairStart[i]..<pairStart[i + 1] {
                let j = Int(pairManager[p])
                guard dirty[j] || forFixing else { continue }
                var r = cost[p] - ui + price[j]
                if budgetRows && p == keep { r -= lambda * budgetWeight[i] }
                if r < 0 && active[p] {
                    bucketPair[j].append(Int32(p))
                    bucketProfit[j].append(-r)
                }
            }
        }
        for j in 0..<model.m where dirty[j] || forFixing {
            dirty[j] = false
            for p in managerChosen[j] { chosen[Int(p)] = false }
            managerChosen[j].removeAll(keepingCapacity: true)
            let capacity = max(0, model.capacity[j] - fixedUse.load[j])
            itemPair = bucketPair[j]
            itemProfit = bucketProfit[j]
            itemWeight.removeAll(keepingCapacity: true)
            for p in itemPair { itemWeight.append(model.workload[Int(model.pairAccount[Int(p)])]) }
            let result = knapsack.solve(count: itemPair.count, profits: itemProfit, weights: itemWeight,
                                        capacity: capacity, take: &take)
            knapsackValue[j] = result.upperBound
            for k in itemPair.indices where take[k] {
                chosen[Int(itemPair[k])] = true
                managerChosen[j].append(itemPair[k])
            }
            if forFixing { recordLP(manager: j, capacity: capacity) }
        }
        let required = budgetRows ? (model.keepableTurnover - model.budget) / model.turnoverUnit - fixedUse.kept : 0
        var total = fixedUse.cost + (budgetRows ? lambda * required : 0)
        for i in 0..<model.n {
            timesChosen[i] = 0
            if fixed[i] < 0 { total += u[i] }
        }
        for j in 0..<model.m {
            if model.maxAccounts[j] != Int.max { total -= mu[j] * Double(model.maxAccounts[j] - fixedUse.count[j]) }
            total -= knapsackValue[j]
            managerTook[j] = managerChosen[j].count
            for p in managerChosen[j] { timesChosen[Int(model.pairAccount[Int(p)])] += 1 }
        }
        value = total
        return total
    }

    /// Keeps the knapsack's items sorted by profit per hour with prefix sums,
    /// so `forcedInBound` can price "this pair must be taken" in O(log items).
    private mutating func recordLP(manager j: Int, capacity: Double) {
        let order = itemPair.indices.sorted {
            let a = itemProfit[$0] * itemWeight[$1], b = itemProfit[$1] * itemWeight[$0]
            return a != b ? a > b : $0 < $1
        }
        var weights = lpWeights[j], profits = lpProfits[j]
        weights.removeAll(keepingCapacity: true)
        profits.removeAll(keepingCapacity: true)
        var w = 0.0, p = 0.0
        weights.append(0)
        profits.append(0)
        for k in order {
            w += itemWeight[k]
            p += itemProfit[k]
            weights.append(w)
            profits.append(p)
        }
        lpWeights[j] = weights
        lpProfits[j] = profits
        lpResidual[j] = capacity
    }

    /// The most profit manager `j`'s knapsack could make with `capacity`
    /// hours, by its linear relaxation (an upper bound on the exact knapsack).
    private func lpProfit(manager j: Int, capacity: Double) -> Double {
        guard capacity > 0 else { return 0 }
        let weights = lpWeights[j], profits = lpProfits[j]
        var lo = 0, hi = weights.count - 1
        if weights[hi] <= capacity { return profits[hi] }
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if weights[mid] <= capacity { lo = mid } else { hi = mid }
        }
        let itemWeight = weights[hi] - weights[lo], itemProfit = profits[hi] - profits[lo]
        let fraction = itemWeight > 0 ? (capacity - weights[lo]) / itemWeight : 0
        return profits[lo] + fraction * itemProfit
    }

    /// A lower bound on the cost of every plan that uses pair `p`, from the
    /// last evaluation: L with manager j's knapsack replaced by "p taken plus
    /// the best fractional filling of the hours left". Other knapsacks can
    /// only get worse when p's account may not go there, so they are kept.
    func forcedInBound(pair p: Int) -> Double {
        let i = Int(model.pairAccount[p]), j = Int(model.pairManager[p])
        let slots = model.maxAccounts[j] == Int.max ? Int.max : model.maxAccounts[j]
        let price = slots == Int.max ? 0 : mu[j]
        var r = model.cost[p] - u[i] + price
        if model.hasBudget && model.keepPair[i] == Int32(p) { r -= lambda * budgetWeight[i] }
        let rest = lpResidual[j] - model.workload[i]
        guard rest >= -AssignmentProblem.relativeTolerance * max(1, model.capacity[j]) else { return .infinity }
        // The knapsack's value was -knapsackValue[j]; with p forced in it is at least r - lpProfit(rest).
        return value + knapsackValue[j] + r - lpProfit(manager: j, capacity: max(0, rest))
    }

    /// Account rows picked by no knapsack (+1) or by several (1 - count).
    func accountSubgradient(_ i: Int) -> Double { 1 - Double(timesChosen[i]) }
    func timesChosen(_ i: Int) -> Int { Int(timesChosen[i]) }

    /// Direction of the previous step (accounts, then budget, then managers),
    /// for the deflection below; empty after `resetDirection()`.
    private var direction: [Double] = []

    /// Forget the previous direction (after jumping back to other multipliers).
    mutating func resetDirection() { direction.removeAll(keepingCapacity: true) }

    /// One step of size `theta` towards `target` (the best plan cost) along
    /// the subgradient deflected by the previous direction (Camerini, Fratta
    /// & Maffioli 1975: d = g + beta d', beta = 1.5 |g.d'| / |d'|^2 when g and
    /// d' point against each other), which damps the zig-zag of plain steps.
    /// Returns false when the subgradient is zero: the knapsacks' choice is
    /// itself a plan with cost L.
    /// - Parameter budgetFrozen: keep `lambda` where it is (the root first
    ///   solves the problem without the budget row, whose bound is valid too).
    mutating func step(theta: Double, target: Double, budgetFrozen: Bool = false) -> Bool {
        let n = model.n, m = model.m
        let budgetRows = model.hasBudget && !budgetFrozen
        let countRows = model.maxAccounts.contains { $0 != Int.max }
        // g: accounts 0..<n, budget n, managers n+1 ... n+m (zero where a sign bound holds).
        var gradient = [Double](repeating: 0, count: n + 1 + m)
        for i in 0..<n where fixed[i] < 0 { gradient[i] = 1 - Double(timesChosen[i]) }
        if budgetRows {
            var kept = fixedKeptUnits()
            for i in 0..<n where fixed[i] < 0 {
                let keep = model.keepPair[i]
                if keep >= 0 && chosen[Int(keep)] { kept += budgetWeight[i] }
            }
            let g = (model.keepableTurnover - model.budget) / model.turnoverUnit - kept
            if lambda > 0 || g > 0 { gradient[n] = g }
        }
        if countRows {
            let fixedCounts = fixedCountPerManager()
            for j in 0..<m where model.maxAccounts[j] != Int.max {
                let g = Double(managerTook[j] + fixedCounts[j] - model.maxAccounts[j])
                if mu[j] > 0 || g > 0 { gradient[n + 1 + j] = g }
            }
        }
        var norm = 0.0
        for g in gradient { norm += g * g }
        guard norm > 0 else { return false }
        if direction.count == gradient.count {
            var dot = 0.0, previous = 0.0
            for k in gradient.indices {
                dot += gradient[k] * direction[k]
                previous += direction[k] * direction[k]
            }
            if dot < 0 && previous > 0 {
                let beta = -1.5 * dot / previous
                for k in gradient.indices { gradient[k] += beta * direction[k] }
                norm = 0
                for g in gradient { norm += g * g }
            }
        }
        direction = gradient
        let gap = max(target - value, 1e-9 * max(1, abs(target)))
        let size = theta * gap / norm
        for i in 0..<n where fixed[i] < 0 && gradient[i] != 0 {
            u[i] += size * gradient[i]
            for p in model.pairStart[i]..<model.pairStart[i + 1] { dirty[Int(model.pairManager[p])] = true }
        }
        if budgetRows {
            let updated = max(0, lambda + size * gradient[n])
            if updated != lambda {
                lambda = updated
                for j in 0..<m { dirty[j] = true }
            }
        }
        if countRows {
            for j in 0..<m where gradient[n + 1 + j] != 0 {
                mu[j] = max(0, mu[j] + size * gradient[n + 1 + j])
                dirty[j] = true
            }
        }
        return true
    }

    private func fixedKeptUnits() -> Double {
        var kept = 0.0
        for i in 0..<model.n where fixed[i] >= 0 && model.keepPair[i] == fixed[i] { kept += budgetWeight[i] }
        return kept
    }

    private func fixedCountPerManager() -> [Int] {
        var counts = [Int](repeating: 0, count: model.m)
        for i in 0..<model.n where fixed[i] >= 0 { counts[Int(model.pairManager[Int(fixed[i])])] += 1 }
        return counts
    }

    /// True when the knapsacks' choice assigns every free account exactly once
    /// and keeps the budget and max_accounts: then it is a plan, and optimal
    /// for this node when its cost equals L.
    var choiceIsAPlan: Bool {
        for i in 0..<model.n where fixed[i] < 0 && timesChosen[i] != 1 { return false }
        return true
    }
}
