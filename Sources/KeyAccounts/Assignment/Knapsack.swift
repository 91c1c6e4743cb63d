/// Exact 0-1 knapsack: choose items of positive profit to maximise the total
/// profit within a weight capacity.
///
/// The method is the core-expanding dynamic programme of Pisinger's
/// *minknap* (1997), without its reductions: items are sorted by profit per
/// hour, the greedy ("break") solution is the start, and the items around
/// the break item are decided one at a time, outward, on a list of
/// (weight, profit) states that keeps only undominated states and drops every
/// state whose linear-programming upper bound cannot beat the best solution
/// found. Weights are real numbers (hours); no scaling or rounding is needed.
///
/// Tolerances: a set fits when its weight is at most the capacity plus
/// 1e-9 x max(1, capacity). Ties in profit per hour are broken by the
/// caller's item order, so the result is deterministic.
///
/// When the state list would exceed `maxStates`, the search stops: the result
/// then carries the best solution found and an upper bound that still holds
/// (the largest bound of the states left), and `exact` is false.
struct Knapsack {
    struct Result {
        /// Profit of the solution written to `take`.
        var value: Double
        /// No set of items has more profit than this; equal to `value` when exact.
        var upperBound: Double
        var exact: Bool
    }

    private var order: [Int] = []
    private var efficiency: [Double] = []
    private var sortedProfit: [Double] = []
    private var sortedWeight: [Double] = []
    private var sortedEfficiency: [Double] = []
    private var stateWeight: [Double] = []
    private var stateProfit: [Double] = []
    private var stateNode: [Int32] = []
    private var nextWeight: [Double] = []
    private var nextProfit: [Double] = []
    private var nextNode: [Int32] = []
    /// Decision chains: node k flips sorted item `nodeItem[k]` from its
    /// greedy default (taken before the break item, left out from it on).
    private var nodeItem: [Int32] = []
    private var nodeParent: [Int32] = []

    var maxStates = 50_000

    init() {}

    /// Solves one knapsack.
    /// - Parameters:
    ///   - count: number of items; `profits[k]` > 0 and `weights[k]` >= 0 for `k < count`.
    ///   - take: on return `take[k]` says whether item `k` is in the solution.
    /// - Complexity: O(count log count) for the sort, then O(states) per
    ///   decided item; the state list never exceeds the number of distinct
    ///   reachable weights below the capacity nor `maxStates`.
    mutating func solve(count: Int, profits: [Double], weights: [Double], capacity: Double,
                        take: inout [Bool]) -> Result {
        let n = count
        if take.count < n { take = [Bool](repeating: false, count: n) }
        for k in 0..<n { take[k] = false }
        guard n > 0 else { return Result(value: 0, upperBound: 0, exact: true) }
        let limit = capacity + 1e-9 * max(1, capacity)

        efficiency.removeAll(keepingCapacity: true)
        for k in 0..<n { efficiency.append(weights[k] > 0 ? profits[k] / weights[k] : .infinity) }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: 0..<n)
        let eff = efficiency
        order.sort { eff[$0] != eff[$1] ? eff[$0] > eff[$1] : $0 < $1 }
        sortedProfit.removeAll(keepingCapacity: true)
        sortedWeight.removeAll(keepingCapacity: true)
        sortedEfficiency.removeAll(keepingCapacity: true)
        for k in order {
            sortedProfit.append(profits[k])
            sortedWeight.append(weights[k])
            sortedEfficiency.append(eff[k])
        }

        // The greedy solution: every item before the break item b.
        var breakWeight = 0.0, breakProfit = 0.0, b = 0
        while b < n, breakWeight + sortedWeight[b] <= limit {
            breakWeight += sortedWeight[b]
            breakProfit += sortedProfit[b]
            b += 1
        }
        if b == n {
            for k in 0..<n { take[k] = true }
            return Result(value: breakProfit, upperBound: breakProfit, exact: true)
        }

        nodeItem.removeAll(keepingCapacity: true)
        nodeParent.removeAll(keepingCapacity: true)
        stateWeight.removeAll(keepingCapacity: true)
        stateProfit.removeAll(keepingCapacity: true)
        stateNode.removeAll(keepingCapacity: true)
        stateWeight.append(breakWeight)
        stateProfit.append(breakProfit)
        stateNode.append(-1)
        // A better start than the break solution: also every later item that
        // still fits (greedy fill). Its chain of added items is the best node.
        var best = breakProfit, bestNode: Int32 = -1
        var fillWeight = breakWeight
        for k in (b + 1)..<max(b + 1, n) where fillWeight + sortedWeight[k] <= limit {
            fillWeight += sortedWeight[k]
            best += sortedProfit[k]
            nodeItem.append(Int32(k))
            nodeParent.append(bestNode)
            bestNode = Int32(nodeItem.count - 1)
        }
        // Nothing can beat the greedy fill when it meets the linear bound.
        let dantzig = breakProfit + (limit - breakWeight) * sortedEfficiency[b]
        if dantzig - best <= 1e-12 * max(1, abs(dantzig)) {
            stateWeight.removeAll(keepingCapacity: true)
        }
        var s = b - 1, t = b
        var exact = true
        var upperBound = best

        while !stateWeight.isEmpty {
            if t < n {
                expand(item: t, sign: 1)
                t += 1
                prune(s: s, t: t, n: n, limit: limit, best: &best, bestNode: &bestNode)
            }
            if s >= 0, !stateWeight.isEmpty {
                expand(item: s, sign: -1)
                s -= 1
                prune(s: s, t: t, n: n, limit: limit, best: &best, bestNode: &bestNode)
            }
            if s < 0 && t >= n { break }
            if stateWeight.count > maxStates {
                exact = false
                for k in stateWeight.indices {
                    upperBound = max(upperBound, bound(weight: stateWeight[k], profit: stateProfit[k], s: s, t: t, n: n, limit: limit))
                }
                break
            }
        }
        upperBound = max(upperBound, best)

        for k in 0..<b { take[order[k]] = true }
        var node = bestNode
        while node >= 0 {
            let item = order[Int(nodeItem[Int(node)])]
            take[item].toggle()
            node = nodeParent[Int(node)]
        }
        return Result(value: best, upperBound: exact ? best : upperBound, exact: exact)
    }

    /// The linear-programming bound of a state once sorted items `s + 1 ..< t`
    /// are decided: a state that fits can only add items from `t` on (at most
    /// `efficiency[t]` per hour); one that does not fit must drop items up to
    /// `s` (at least `efficiency[s]` per hour).
    private func bound(weight: Double, profit: Double, s: Int, t: Int, n: Int, limit: Double) -> Double {
        if weight <= limit {
            guard t < n else { return profit }
            return profit + (limit - weight) * sortedEfficiency[t]
        }
        guard s >= 0 else { return -.infinity }
        let rate = sortedEfficiency[s]
        return rate.isFinite ? profit - (weight - limit) * rate : -.infinity
    }

    /// Merges the states with the states that flip `item` (add it, `sign` 1,
    /// or drop it, `sign` -1), keeping only undominated states: by weight
    /// ascending, each kept state has more profit than every lighter one.
    private mutating func expand(item: Int, sign: Double) {
        let dw = sign * sortedWeight[item], dp = sign * sortedProfit[item]
        // Work on local arrays: appending to stored properties in the loop
        // would check their uniqueness at every step.
        var weight: [Double] = [], profit: [Double] = [], stateNode: [Int32] = []
        var outWeight: [Double] = [], outProfit: [Double] = [], outNode: [Int32] = []
        var items: [Int32] = [], parents: [Int32] = []
        swap(&weight, &stateWeight); swap(&profit, &stateProfit); swap(&stateNode, &self.stateNode)
        swap(&outWeight, &nextWeight); swap(&outProfit, &nextProfit); swap(&outNode, &nextNode)
        swap(&items, &nodeItem); swap(&parents, &nodeParent)
        outWeight.removeAll(keepingCapacity: true)
        outProfit.removeAll(keepingCapacity: true)
        outNode.removeAll(keepingCapacity: true)
        let count = weight.count
        let flippedItem = Int32(item)
        var a = 0, f = 0
        var lastProfit = -Double.infinity
        while a < count || f < count {
            let takeOld: Bool
            if a == count {
                takeOld = false
            } else if f == count {
                takeOld = true
            } else {
                let wa = weight[a], wf = weight[f] + dw
                takeOld = wa < wf || (wa == wf && profit[a] >= profit[f] + dp)
            }
            if takeOld {
                let p = profit[a]
                if p > lastProfit {
                    outWeight.append(weight[a])
                    outProfit.append(p)
                    outNode.append(stateNode[a])
                    lastProfit = p
                }
                a += 1
            } else {
                let p = profit[f] + dp
                if p > lastProfit {
                    outWeight.append(weight[f] + dw)
                    outProfit.append(p)
                    items.append(flippedItem)
                    parents.append(stateNode[f])
                    outNode.append(Int32(items.count - 1))
                    lastProfit = p
                }
                f += 1
            }
        }
        stateWeight = outWeight; self.stateNode = outNode; stateProfit = outProfit
        nextWeight = weight; nextProfit = profit; nextNode = stateNode
        nodeItem = items; nodeParent = parents
    }

    /// Records the best fitting state, then drops every state whose bound
    /// cannot beat it.
    private mutating func prune(s: Int, t: Int, n: Int, limit: Double, best: inout Double, bestNode: inout Int32) {
        var weight: [Double] = [], profit: [Double] = [], node: [Int32] = []
        swap(&weight, &stateWeight); swap(&profit, &stateProfit); swap(&node, &stateNode)
        for k in weight.indices where weight[k] <= limit && profit[k] > best {
            best = profit[k]
            bestNode = node[k]
        }
        var kept = 0
        for k in weight.indices {
            let ub = bound(weight: weight[k], profit: profit[k], s: s, t: t, n: n, limit: limit)
            if ub > best {
                weight[kept] = weight[k]
                profit[kept] = profit[k]
                node[kept] = node[k]
                kept += 1
            }
        }
        weight.removeLast(weight.count - kept)
        profit.removeLast(profit.count - kept)
        node.removeLast(node.count - kept)
        stateWeight = weight; stateProfit = profit; stateNode = node
    }
}
