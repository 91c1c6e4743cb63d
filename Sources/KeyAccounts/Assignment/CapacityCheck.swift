/// Whether the managers' hours (and max_accounts) can cover the accounts
/// at all, and if not, which group of accounts is short and by how much.
///
/// This is the transportation relaxation of the plan: hours may be split
/// between managers. A maximum flow from the accounts (their workloads)
/// through their eligible pairs to the managers (their capacities) tells
/// whether the relaxation is feasible; when it is not, the accounts still
/// reachable from the source in the residual network form the group whose
/// workload exceeds the capacity of every manager who may serve it (Hall's
/// condition), short by exactly the missing flow. A plan that keeps the
/// rules cannot exist then; when the relaxation is feasible a plan usually,
/// but not always, exists (the solver decides).
public struct CapacityShortfall: Hashable, Codable, Sendable {
    /// Problem indices of the accounts that cannot all be served.
    public var accounts: [Int]
    /// Problem indices of every manager who may serve any of them.
    public var managers: [Int]
    /// Their workload (hours, or number of accounts for max_accounts).
    public var demand: Double
    /// The managers' capacity (hours, or max_accounts summed).
    public var supply: Double
    public var short: Double { demand - supply }
}

enum CapacityCheck {
    /// The group short of hours, or nil when the hours suffice.
    static func hours(_ problem: AssignmentProblem) -> CapacityShortfall? {
        shortfall(problem, demand: problem.workloads, supply: problem.capacities)
    }

    /// The group short of max_accounts places, or nil when they suffice.
    static func places(_ problem: AssignmentProblem) -> CapacityShortfall? {
        guard problem.maxAccounts.contains(where: { $0 != Int.max }) else { return nil }
        let supply = problem.maxAccounts.map { $0 == Int.max ? Double(problem.accountCount) : Double($0) }
        return shortfall(problem, demand: [Double](repeating: 1, count: problem.accountCount), supply: supply)
    }

    static func shortfall(_ problem: AssignmentProblem, demand: [Double], supply: [Double]) -> CapacityShortfall? {
        let n = problem.accountCount, m = problem.managerCount
        let total = demand.reduce(0, +)
        guard n > 0 else { return nil }
        var network = FlowNetwork(nodes: n + m + 2)
        let source = n + m, sink = n + m + 1
        for i in 0..<n where demand[i] > 0 { network.addEdge(source, i, demand[i]) }
        for i in 0..<n {
            for p in problem.pairs(of: i) { network.addEdge(i, n + problem.pairManager[p], .infinity) }
        }
        for j in 0..<m { network.addEdge(n + j, sink, supply[j]) }
        let tolerance = 1e-9 * max(1, total)
        let flow = network.maximumFlow(from: source, to: sink, tolerance: tolerance)
        guard flow < total - tolerance else { return nil }
        let reachable = network.reachable(from: source, tolerance: tolerance)
        let accounts = (0..<n).filter { reachable[$0] && demand[$0] > 0 }
        let managers = (0..<m).filter { reachable[n + $0] }
        let demanded = accounts.reduce(0) { $0 + demand[$1] }
        let supplied = managers.reduce(0) { $0 + supply[$1] }
        return CapacityShortfall(accounts: accounts, managers: managers, demand: demanded, supply: supplied)
    }
}

/// A flow network with real capacities and Dinic's maximum-flow algorithm
/// (breadth-first levels, then blocking flows by iterative depth-first
/// search with current-arc pointers).
struct FlowNetwork {
    private var head: [Int]
    private var next: [Int] = []
    private var to: [Int] = []
    private var residual: [Double] = []

    init(nodes: Int) { head = [Int](repeating: -1, count: nodes) }

    mutating func addEdge(_ from: Int, _ target: Int, _ capacity: Double) {
        to.append(target); residual.append(capacity); next.append(head[from]); head[from] = to.count - 1
        to.append(from); residual.append(0); next.append(head[target]); head[target] = to.count - 1
    }

    mutating func maximumFlow(from source: Int, to sink: Int, tolerance: Double) -> Double {
        var flow = 0.0
        var level = [Int](repeating: -1, count: head.count)
        var arc = head
        var queue = [Int](repeating: 0, count: head.count)
        var pathEdges: [Int] = []
        while true {
            for k in level.indices { level[k] = -1 }
            level[source] = 0
            var front = 0, back = 0
            queue[back] = source; back += 1
            while front < back {
                let v = queue[front]; front += 1
                var e = head[v]
                while e >= 0 {
                    if residual[e] > tolerance && level[to[e]] < 0 {
                        level[to[e]] = level[v] + 1
                        queue[back] = to[e]; back += 1
                    }
                    e = next[e]
                }
            }
            guard level[sink] >= 0 else { return flow }
            arc = head
            // Blocking flow: advance along admissible arcs, retreat at dead ends.
            var v = source
            pathEdges.removeAll(keepingCapacity: true)
            while true {
                if v == sink {
                    var push = Double.infinity
                    for e in pathEdges { push = min(push, residual[e]) }
                    for e in pathEdges {
                        residual[e] -= push
                        residual[e ^ 1] += push
                    }
                    flow += push
                    // Restart from the tail of the first saturated edge.
                    var cut = 0
                    while cut < pathEdges.count && residual[pathEdges[cut]] > tolerance { cut += 1 }
                    pathEdges.removeLast(pathEdges.count - cut)
                    v = pathEdges.last.map { to[$0] } ?? source
                    continue
                }
                var advanced = false
                while arc[v] >= 0 {
                    let e = arc[v]
                    if residual[e] > tolerance && level[to[e]] == level[v] + 1 {
                        pathEdges.append(e)
                        v = to[e]
                        advanced = true
                        break
                    }
                    arc[v] = next[e]
                }
                if advanced { continue }
                if v == source { break }
                level[v] = -1  // dead end for this phase
                let e = pathEdges.removeLast()
                v = to[e ^ 1]
                arc[v] = next[arc[v]]
            }
        }
    }

    /// Nodes reachable from `source` through edges with residual capacity.
    func reachable(from source: Int, tolerance: Double) -> [Bool] {
        var seen = [Bool](repeating: false, count: head.count)
        var stack = [source]
        seen[source] = true
        while let v = stack.popLast() {
            var e = head[v]
            while e >= 0 {
                if residual[e] > tolerance && !seen[to[e]] {
                    seen[to[e]] = true
                    stack.append(to[e])
                }
                e = next[e]
            }
        }
        return seen
    }
}
