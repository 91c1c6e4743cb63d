/// The problem in the layouts the solver's loops need: pairs by account (as
/// given) and by manager, the pair that keeps each relationship, and the
/// budget in a scale comparable to the assignment rows.
struct SolverModel: Sendable {
    let n: Int
    let m: Int
    let workload: [Double]
    let turnover: [Double]
    let pairStart: [Int]
    let pairAccount: [Int32]
    let pairManager: [Int32]
    let cost: [Double]
    let capacity: [Double]
    let maxAccounts: [Int]
    /// The pair of account `i` with its keep manager, or -1.
    let keepPair: [Int32]
    /// Pairs of manager `j` are `managerPairs[managerStart[j] ..< managerStart[j + 1]]`, by account.
    let managerStart: [Int]
    let managerPairs: [Int32]
    /// Turnover that may move (the budget); infinite when there is none.
    let budget: Double
    /// Turnover of all accounts with a relationship to keep.
    let keepableTurnover: Double
    /// Turnover of a typical keepable account, the unit of the budget row in
    /// the Lagrangian so its multiplier moves at the pace of the others.
    let turnoverUnit: Double

    init(_ problem: AssignmentProblem) {
        n = problem.accountCount
        m = problem.managerCount
        workload = problem.workloads
        turnover = problem.turnovers
        pairStart = problem.pairStart
        pairManager = problem.pairManager.map { Int32($0) }
        cost = problem.pairCost
        capacity = problem.capacities
        maxAccounts = problem.maxAccounts
        budget = problem.movedBudget
        var pairAccount = [Int32](repeating: 0, count: problem.pairCount)
        var keepPair = [Int32](repeating: -1, count: n)
        var perManager = [Int](repeating: 0, count: m + 1)
        var keepable = 0.0, keepableCount = 0
        for i in 0..<n {
            for p in problem.pairs(of: i) {
                pairAccount[p] = Int32(i)
                perManager[problem.pairManager[p] + 1] += 1
                if problem.pairManager[p] == problem.keepManager[i] { keepPair[i] = Int32(p) }
            }
            if keepPair[i] >= 0 {
                keepable += problem.turnovers[i]
                keepableCount += 1
            }
        }
        for j in 0..<m { perManager[j + 1] += perManager[j] }
        var fill = perManager
        var managerPairs = [Int32](repeating: 0, count: problem.pairCount)
        for p in 0..<problem.pairCount {
            let j = problem.pairManager[p]
            managerPairs[fill[j]] = Int32(p)
            fill[j] += 1
        }
        self.pairAccount = pairAccount
        self.keepPair = keepPair
        self.managerStart = perManager
        self.managerPairs = managerPairs
        keepableTurnover = keepable
        turnoverUnit = keepableCount > 0 && keepable > 0 ? keepable / Double(keepableCount) : 1
    }

    /// True when the budget can bind at all.
    var hasBudget: Bool { budget.isFinite && budget < keepableTurnover }

    /// Turnover counted against the budget when account `i` takes pair `p`.
    @inline(__always) func movedTurnover(account i: Int, pair p: Int) -> Double {
        let keep = keepPair[i]
        return keep >= 0 && Int(keep) != p ? turnover[i] : 0
    }

    @inline(__always) func fits(load: Double, manager j: Int) -> Bool {
        load <= capacity[j] + AssignmentProblem.relativeTolerance * max(1, capacity[j])
    }

    var budgetLimit: Double { budget + AssignmentProblem.budgetTolerance(budget) }
}
