/// Improving a complete plan by small changes that each keep every rule:
/// shifting one account, swapping two, an ejection chain (one account takes
/// another's place, which moves on), and a budget trade (one account moves
/// to a cheaper manager while another returns to the manager that keeps it).
///
/// A change is taken when it lowers the moved turnover above the budget, or
/// leaves that excess unchanged and lowers the cost by more than 1e-7.
extension PlanState {
    static let costEpsilon = 1e-7

    /// Whether a change of `movedDelta` turnover and `costDelta` cost is an improvement.
    @inline(__always) func improves(movedDelta: Double, costDelta: Double) -> Bool {
        let limit = model.budgetLimit
        let before = max(0, moved - limit), after = max(0, moved + movedDelta - limit)
        if after < before - 1e-12 * max(1, limit) { return true }
        if after > before { return false }
        return costDelta < -Self.costEpsilon
    }

    /// Runs the neighbourhoods until none improves or `maxPasses` rounds are done.
    /// - Parameter work: budget of candidate changes examined; keeps large plans bounded.
    /// - Returns: the number of changes made.
    @discardableResult
    mutating func improve(maxPasses: Int = 50, work: Int = .max) -> Int {
        var changes = 0
        var examined = 0
        for _ in 0..<maxPasses {
            var round = shiftPass(examined: &examined)
            round += swapPass(examined: &examined, limit: work)
            round += ejectionPass(examined: &examined, limit: work)
            if model.hasBudget { round += budgetTradePass(examined: &examined, limit: work) }
            changes += round
            if round == 0 || examined > work { break }
        }
        refreshTotals()
        return changes
    }

    /// Each account to its best pair with room, if that improves.
    mutating func shiftPass(examined: inout Int) -> Int {
        var changes = 0
        for i in 0..<model.n {
            let p = Int(pairOf[i])
            guard p >= 0 else { continue }
            let wi = model.workload[i], movedNow = model.movedTurnover(account: i, pair: p)
            var best = -1, bestDelta = -Self.costEpsilon
            var bestMoved = 0.0
            for q in model.pairStart[i]..<model.pairStart[i + 1] where q != p {
                examined += 1
                let delta = model.cost[q] - model.cost[p]
                let movedDelta = model.movedTurnover(account: i, pair: q) - movedNow
                guard improves(movedDelta: movedDelta, costDelta: delta),
                      hasRoom(Int(model.pairManager[q]), hours: wi) else { continue }
                // Prefer the largest budget relief, then the largest saving.
                if best < 0 || movedDelta < bestMoved || (movedDelta == bestMoved && delta < bestDelta) {
                    best = q
                    bestDelta = delta
                    bestMoved = movedDelta
                }
            }
            if best >= 0 {
                shift(i, to: best)
                changes += 1
            }
        }
        return changes
    }

    /// The pair of account `k` with manager `j`, or -1.
    @inline(__always) func pair(_ k: Int, with j: Int) -> Int {
        for q in model.pairStart[k]..<model.pairStart[k + 1] where Int(model.pairManager[q]) == j { return q }
        return -1
    }

    /// Account i at j and account k at j2 trade places. Managers are taken
    /// one at a time with a table of each account's pair to that manager, so
    /// a candidate trade costs O(1) to price.
    mutating func swapPass(examined: inout Int, limit: Int) -> Int {
        var changes = 0
        var back = [Int32](repeating: -1, count: model.n)
        for j in 0..<model.m {
            guard examined <= limit else { break }
            for k in model.managerStart[j]..<model.managerStart[j + 1] {
                let pair = model.managerPairs[k]
                back[Int(model.pairAccount[Int(pair)])] = pair
            }
            for i32 in members[j] {
                let i = Int(i32)
                var p = Int(pairOf[i])
                guard p >= 0, Int(model.pairManager[p]) == j else { continue }
                let wi = model.workload[i]
                for q in model.pairStart[i]..<model.pairStart[i + 1] {
                    let j2 = Int(model.pairManager[q])
                    guard j2 != j else { continue }
                    // One side of an improving trade improves on its own; the
                    // other side is found when its account is the one moving.
                    let base = model.cost[q] - model.cost[p]
                    guard base < 0 else { continue }
                    let movedBase = model.movedTurnover(account: i, pair: q) - model.movedTurnover(account: i, pair: p)
                    var traded = false
                    for k32 in members[j2] {
                        examined += 1
                        let k = Int(k32), returning = Int(back[k])
                        guard returning >= 0 else { continue }
                        let pk = Int(pairOf[k])
                        let delta = base + model.cost[returning] - model.cost[pk]
                        guard delta < 0 else { continue }
                        let wk = model.workload[k]
                        let movedDelta = movedBase + model.movedTurnover(account: k, pair: returning)
                            - model.movedTurnover(account: k, pair: pk)
                        guard improves(movedDelta: movedDelta, costDelta: delta),
                              model.fits(load: load[j] - wi + wk, manager: j),
                              model.fits(load: load[j2] - wk + wi, manager: j2) else { continue }
                        remove(i)
                        remove(k)
                        place(i, q)
                        place(k, returning)
                        changes += 1
                        p = q
                        traded = true
                        break
                    }
                    if traded { break }
                }
            }
            for k in model.managerStart[j]..<model.managerStart[j + 1] {
                back[Int(model.pairAccount[Int(model.managerPairs[k])])] = -1
            }
        }
        return changes
    }

    /// Account i takes a cheaper place at a full manager j2 after account k
    /// there moves on to j3 (which may be i's old manager).
    mutating func ejectionPass(examined: inout Int, limit: Int) -> Int {
        var changes = 0
        for i in 0..<model.n {
            guard examined <= limit else { break }
            let p = Int(pairOf[i])
            guard p >= 0 else { continue }
            let j = Int(model.pairManager[p]), wi = model.workload[i]
            var done = false
            for q in model.pairStart[i]..<model.pairStart[i + 1] where !done {
                let j2 = Int(model.pairManager[q])
                let base = model.cost[q] - model.cost[p]
                guard j2 != j, base < -Self.costEpsilon else { continue }
                let movedBase = model.movedTurnover(account: i, pair: q) - model.movedTurnover(account: i, pair: p)
                for k32 in members[j2] where !done {
                    let k = Int(k32), pk = Int(pairOf[k]), wk = model.workload[k]
                    guard model.fits(load: load[j2] - wk + wi, manager: j2) else { continue }
                    for pk2 in model.pairStart[k]..<model.pairStart[k + 1] where pk2 != pk {
                        examined += 1
                        let j3 = Int(model.pairManager[pk2])
                        let delta = base + model.cost[pk2] - model.cost[pk]
                        guard delta < -Self.costEpsilon else { continue }
                        let movedDelta = movedBase + model.movedTurnover(account: k, pair: pk2) - model.movedTurnover(account: k, pair: pk)
                        guard improves(movedDelta: movedDelta, costDelta: delta) else { continue }
                        let room = j3 == j
                            ? model.fits(load: load[j] - wi + wk, manager: j)
                            : hasRoom(j3, hours: wk)
                        guard room else { continue }
                        remove(i)
                        shift(k, to: pk2)
                        place(i, q)
                        changes += 1
                        done = true
                        break
                    }
                }
            }
        }
        return changes
    }

    /// When the budget blocks a saving move, another account returns to the
    /// manager that keeps it to free the turnover, if the pair still saves.
    mutating func budgetTradePass(examined: inout Int, limit: Int) -> Int {
        // Savings blocked by the budget: (saving per turnover, account, pair).
        var blocked: [(rate: Double, i: Int, q: Int)] = []
        for i in 0..<model.n {
            let p = Int(pairOf[i])
            guard p >= 0 else { continue }
            let movedNow = model.movedTurnover(account: i, pair: p)
            var best = -1, bestDelta = -Self.costEpsilon
            for q in model.pairStart[i]..<model.pairStart[i + 1] where q != p {
                let delta = model.cost[q] - model.cost[p]
                let movedDelta = model.movedTurnover(account: i, pair: q) - movedNow
                guard delta < bestDelta, movedDelta > 0, moved + movedDelta > model.budgetLimit,
                      hasRoom(Int(model.pairManager[q]), hours: model.workload[i]) else { continue }
                best = q
                bestDelta = delta
            }
            if best >= 0 { blocked.append((bestDelta / model.turnover[i], i, best)) }
        }
        guard !blocked.isEmpty else { return 0 }
        blocked.sort { $0.rate != $1.rate ? $0.rate < $1.rate : $0.i < $1.i }
        // Returns that free turnover: (extra cost per turnover, account).
        var returns: [(rate: Double, k: Int)] = []
        for k in 0..<model.n {
            let keep = Int(model.keepPair[k]), pk = Int(pairOf[k])
            guard keep >= 0, pk >= 0, keep != pk, model.turnover[k] > 0 else { continue }
            returns.append(((model.cost[keep] - model.cost[pk]) / model.turnover[k], k))
        }
        guard !returns.isEmpty else { return 0 }
        returns.sort { $0.rate != $1.rate ? $0.rate < $1.rate : $0.k < $1.k }
        var changes = 0
        for entry in blocked {
            guard examined <= limit else { break }
            let i = entry.i, q = entry.q, p = Int(pairOf[i])
            guard p >= 0, q != p, hasRoom(Int(model.pairManager[q]), hours: model.workload[i]) else { continue }
            let saving = model.cost[p] - model.cost[q]
            let need = moved + model.movedTurnover(account: i, pair: q) - model.movedTurnover(account: i, pair: p) - model.budgetLimit
            guard need > 0 else {
                shift(i, to: q)
                changes += 1
                continue
            }
            for back in returns.prefix(4_000) {
                examined += 1
                let k = back.k
                guard k != i else { continue }
                let keep = Int(model.keepPair[k]), pk = Int(pairOf[k])
                guard pk >= 0, keep != pk else { continue }
                let extra = model.cost[keep] - model.cost[pk]
                guard extra < saving - Self.costEpsilon, model.turnover[k] >= need else { continue }
                let jk = Int(model.pairManager[keep])
                // Both changes together must fit: i may leave or join k's manager.
                var loadK = load[jk] + model.workload[k], countK = count[jk] + 1
                if Int(model.pairManager[p]) == jk { loadK -= model.workload[i]; countK -= 1 }
                if Int(model.pairManager[q]) == jk { loadK += model.workload[i]; countK += 1 }
                guard model.fits(load: loadK, manager: jk), countK <= model.maxAccounts[jk] else { continue }
                let jq = Int(model.pairManager[q])
                if jq != jk {
                    var loadQ = load[jq] + model.workload[i], countQ = count[jq] + 1
                    if Int(model.pairManager[pk]) == jq { loadQ -= model.workload[k]; countQ -= 1 }
                    guard model.fits(load: loadQ, manager: jq), countQ <= model.maxAccounts[jq] else { continue }
                }
                remove(k)
                shift(i, to: q)
                place(k, keep)
                changes += 1
                break
            }
        }
        return changes
    }
}
