/// Building a complete plan: placing accounts where the guide says, then
/// the rest by regret with ejection chains, then bringing moved turnover
/// within the budget. Every step keeps capacity and max_accounts.
extension PlanState {
    /// Places every unplaced account.
    ///
    /// - Parameters:
    ///   - preferred: per account a pair to try first (-1 none), e.g. a
    ///     knapsack's choice in the Lagrangian relaxation.
    ///   - guide: per pair the cost to minimise while placing (the true cost
    ///     plus a price on moving turnover).
    /// - Returns: whether every account found a place.
    mutating func complete(preferred: [Int32]?, guide: [Double]) -> Bool {
        if let preferred {
            for i in 0..<model.n where pairOf[i] < 0 && preferred[i] >= 0 {
                let p = Int(preferred[i])
                if hasRoom(Int(model.pairManager[p]), hours: model.workload[i]) { place(i, p) }
            }
        }
        guard !isComplete else { return true }
        // Most to lose first: the gap between an account's cheapest and second
        // cheapest pair; accounts with one pair cannot wait at all.
        var waiting: [(regret: Double, account: Int)] = []
        for i in 0..<model.n where pairOf[i] < 0 {
            var first = Double.infinity, second = Double.infinity
            for p in model.pairStart[i]..<model.pairStart[i + 1] {
                let g = guide[p]
                if g < first { second = first; first = g } else if g < second { second = g }
            }
            let regret = second.isFinite ? second - first : Double.greatestFiniteMagnitude
            waiting.append((regret + model.workload[i] * 1e-9, i))
        }
        waiting.sort { $0.regret != $1.regret ? $0.regret > $1.regret : $0.account < $1.account }
        var success = true
        for entry in waiting where !insertCheapest(entry.account, guide: guide) {
            if !insertWithEjection(entry.account, guide: guide) { success = false }
        }
        return success
    }

    /// Places account `i` on its cheapest pair (by `guide`) with room.
    mutating func insertCheapest(_ i: Int, guide: [Double]) -> Bool {
        var best = -1, bestCost = Double.infinity
        for p in model.pairStart[i]..<model.pairStart[i + 1] where guide[p] < bestCost {
            if hasRoom(Int(model.pairManager[p]), hours: model.workload[i]) {
                best = p
                bestCost = guide[p]
            }
        }
        guard best >= 0 else { return false }
        place(i, best)
        return true
    }

    /// Places account `i` where no manager has room, by moving one account
    /// (depth 2) or two accounts in a chain (depth 3) to make room; picks the
    /// chain of least extra guide cost.
    mutating func insertWithEjection(_ i: Int, guide: [Double]) -> Bool {
        let wi = model.workload[i]
        // Depth 2: i -> j1, k leaves j1 for j2 with room.
        var bestCost = Double.infinity
        var bestChain: (p: Int, k: Int, pk: Int) = (-1, -1, -1)
        for p in model.pairStart[i]..<model.pairStart[i + 1] {
            let j1 = Int(model.pairManager[p])
            // One account out, one in: max_accounts cannot be exceeded.
            for k32 in members[j1] {
                let k = Int(k32)
                guard model.fits(load: load[j1] - model.workload[k] + wi, manager: j1) else { continue }
                let current = Int(pairOf[k])
                for pk in model.pairStart[k]..<model.pairStart[k + 1] where pk != current {
                    let j2 = Int(model.pairManager[pk])
                    guard j2 != j1, hasRoom(j2, hours: model.workload[k]) else { continue }
                    let total = guide[p] + guide[pk] - guide[current]
                    if total < bestCost {
                        bestCost = total
                        bestChain = (p, k, pk)
                    }
                }
            }
        }
        if bestChain.p >= 0 {
            shift(bestChain.k, to: bestChain.pk)
            place(i, bestChain.p)
            return true
        }
        // Depth 3: i -> j1, k: j1 -> j2, l: j2 -> j3 with room.
        var best3: (p: Int, k: Int, pk: Int, l: Int, pl: Int) = (-1, -1, -1, -1, -1)
        bestCost = .infinity
        for p in model.pairStart[i]..<model.pairStart[i + 1] {
            let j1 = Int(model.pairManager[p])
            for k32 in members[j1] {
                let k = Int(k32), wk = model.workload[k]
                guard model.fits(load: load[j1] - wk + wi, manager: j1) else { continue }
                let currentK = Int(pairOf[k])
                for pk in model.pairStart[k]..<model.pairStart[k + 1] where pk != currentK {
                    let j2 = Int(model.pairManager[pk])
                    guard j2 != j1 else { continue }
                    let partial = guide[p] + guide[pk] - guide[currentK]
                    guard partial < bestCost else { continue }
                    for l32 in members[j2] {
                        let l = Int(l32)
                        guard model.fits(load: load[j2] - model.workload[l] + wk, manager: j2) else { continue }
                        let currentL = Int(pairOf[l])
                        for pl in model.pairStart[l]..<model.pairStart[l + 1] where pl != currentL {
                            let j3 = Int(model.pairManager[pl])
                            guard j3 != j2 else { continue }
                            let room: Bool
                            if j3 == j1 {
                                room = model.fits(load: load[j1] - wk + wi + model.workload[l], manager: j1)
                                    && count[j1] < model.maxAccounts[j1]
                            } else {
                                room = hasRoom(j3, hours: model.workload[l])
                            }
                            guard room else { continue }
                            let total = partial + guide[pl] - guide[currentL]
                            if total < bestCost {
                                bestCost = total
                                best3 = (p, k, pk, l, pl)
                            }
                        }
                    }
                }
            }
        }
        guard best3.p >= 0 else { return false }
        shift(best3.l, to: best3.pl)
        shift(best3.k, to: best3.pk)
        place(i, best3.p)
        return true
    }

    /// Brings the moved turnover within the budget by returning moved
    /// accounts to the manager that keeps them, cheapest cost per turnover
    /// first; when that manager is full, another of its accounts (one it
    /// does not keep) is moved on to make room.
    /// - Returns: whether the plan is now within the budget.
    mutating func repairBudget() -> Bool {
        while !withinBudget {
            var options: [(ratio: Double, i: Int)] = []
            for i in 0..<model.n {
                if let option = returnOption(i) { options.append((option.ratio, i)) }
            }
            options.sort { $0.ratio != $1.ratio ? $0.ratio < $1.ratio : $0.i < $1.i }
            var progress = false
            for entry in options {
                if withinBudget { break }
                // Earlier returns change loads: price the option again.
                guard let option = returnOption(entry.i) else { continue }
                if option.k >= 0 { shift(option.k, to: option.pk) }
                shift(entry.i, to: Int(model.keepPair[entry.i]))
                progress = true
            }
            if !progress { return false }
        }
        return true
    }

    /// How account `i` can go back to the manager that keeps it: directly,
    /// or by moving on one of that manager's accounts it does not keep;
    /// `ratio` is the extra cost per turnover brought back.
    private func returnOption(_ i: Int) -> (ratio: Double, k: Int, pk: Int)? {
        let keep = Int(model.keepPair[i]), current = Int(pairOf[i])
        guard keep >= 0, current >= 0, keep != current, model.turnover[i] > 0 else { return nil }
        let j = Int(model.pairManager[keep]), wi = model.workload[i]
        let saved = model.turnover[i]
        if hasRoom(j, hours: wi) { return ((model.cost[keep] - model.cost[current]) / saved, -1, -1) }
        var best: (ratio: Double, k: Int, pk: Int)?
        for k32 in members[j] {
            let k = Int(k32), pkNow = Int(pairOf[k])
            guard model.keepPair[k] != Int32(pkNow),
                  model.fits(load: load[j] - model.workload[k] + wi, manager: j) else { continue }
            for pk in model.pairStart[k]..<model.pairStart[k + 1] where pk != pkNow {
                let j2 = Int(model.pairManager[pk])
                guard j2 != j, hasRoom(j2, hours: model.workload[k]) else { continue }
                let extraMoved = model.movedTurnover(account: k, pair: pk) - model.movedTurnover(account: k, pair: pkNow)
                guard extraMoved < saved else { continue }
                let delta = model.cost[keep] - model.cost[current] + model.cost[pk] - model.cost[pkNow]
                let ratio = delta / (saved - extraMoved)
                if ratio < (best?.ratio ?? .infinity) { best = (ratio, k, pk) }
            }
        }
        return best
    }
}
