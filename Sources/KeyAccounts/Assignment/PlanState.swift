/// A plan under construction or improvement: which pair each account has
/// (or none yet), with the loads, counts, moved turnover and cost kept up to
/// date. Every method that places an account checks capacity and
/// max_accounts first, so a `PlanState` never breaks those rules; the budget
/// is checked by the moves themselves (see `LocalSearch`).
struct PlanState {
    let model: SolverModel
    /// Pair of each account, or -1 while unplaced.
    private(set) var pairOf: [Int32]
    private(set) var load: [Double]
    private(set) var count: [Int]
    /// Turnover of accounts placed away from their keep manager.
    private(set) var moved: Double
    private(set) var cost: Double
    private(set) var unplaced: Int
    /// Accounts of each manager, in no particular order; `slot[i]` is account
    /// i's position in its manager's list.
    private(set) var members: [[Int32]]
    private var slot: [Int32]

    init(model: SolverModel) {
        self.model = model
        pairOf = [Int32](repeating: -1, count: model.n)
        load = [Double](repeating: 0, count: model.m)
        count = [Int](repeating: 0, count: model.m)
        moved = 0
        cost = 0
        unplaced = model.n
        members = [[Int32]](repeating: [], count: model.m)
        slot = [Int32](repeating: -1, count: model.n)
    }

    var isComplete: Bool { unplaced == 0 }
    var withinBudget: Bool { moved <= model.budgetLimit }
    var budgetExcess: Double { max(0, moved - model.budgetLimit) }
    var isFeasible: Bool { isComplete && withinBudget }

    func manager(of i: Int) -> Int { pairOf[i] < 0 ? -1 : Int(model.pairManager[Int(pairOf[i])]) }

    /// The plan as one manager index per account (-1 unplaced).
    var managers: [Int] { (0..<model.n).map { manager(of: $0) } }

    /// Whether manager `j` can take `hours` more (and one more account,
    /// unless `replacing` one of its own).
    @inline(__always) func hasRoom(_ j: Int, hours: Double, replacing: Bool = false) -> Bool {
        (replacing || count[j] < model.maxAccounts[j]) && model.fits(load: load[j] + hours, manager: j)
    }

    /// Places unplaced account `i` on pair `p`; the caller has checked room.
    mutating func place(_ i: Int, _ p: Int) {
        precondition(pairOf[i] < 0, "account is already placed")
        let j = Int(model.pairManager[p])
        pairOf[i] = Int32(p)
        load[j] += model.workload[i]
        count[j] += 1
        moved += model.movedTurnover(account: i, pair: p)
        cost += model.cost[p]
        unplaced -= 1
        slot[i] = Int32(members[j].count)
        members[j].append(Int32(i))
    }

    mutating func remove(_ i: Int) {
        let p = Int(pairOf[i])
        precondition(p >= 0, "account is not placed")
        let j = Int(model.pairManager[p])
        load[j] -= model.workload[i]
        if count[j] == 1 { load[j] = 0 }  // no drift from repeated additions
        count[j] -= 1
        moved -= model.movedTurnover(account: i, pair: p)
        cost -= model.cost[p]
        unplaced += 1
        pairOf[i] = -1
        let position = Int(slot[i])
        let last = members[j].removeLast()
        if Int(last) != i {
            members[j][position] = last
            slot[Int(last)] = Int32(position)
        }
        slot[i] = -1
    }

    mutating func shift(_ i: Int, to p: Int) {
        remove(i)
        place(i, p)
    }

    /// Recomputes cost and moved turnover from scratch, so long runs of
    /// small updates cannot drift.
    mutating func refreshTotals() {
        var total = 0.0, movedTotal = 0.0
        for i in 0..<model.n where pairOf[i] >= 0 {
            let p = Int(pairOf[i])
            total += model.cost[p]
            movedTotal += model.movedTurnover(account: i, pair: p)
        }
        cost = total
        moved = movedTotal
        for j in 0..<model.m {
            var sum = 0.0
            for i in members[j] { sum += model.workload[Int(i)] }
            load[j] = sum
        }
    }
}
