/// Improving the best plan by re-planning a few managers at a time exactly.
///
/// Near the optimum, the changes that still pay are long chains and cycles
/// of moves among managers who can serve the same clients (one account in,
/// another out, a third on to a fourth manager, ...), too long for local
/// search. They stay among managers that share many eligible accounts, so
/// the search takes such a group of managers, keeps every other account
/// where it is, and re-plans the group's accounts among the group by the
/// solver itself (bound, heuristics and branch-and-bound on a problem of a
/// few hundred accounts), with the part of the budget the rest of the plan
/// leaves. A better sub-plan replaces the group's part of the plan; the
/// plan keeps every rule at every step.
///
/// Groups: each manager in turn (one not yet in a group this round) with
/// the managers sharing the most eligible accounts with it, while the
/// group's accounts number at most `maxAccounts`.
extension SolverSearch {
    /// Rounds over all groups until a round finds nothing or `rounds` are done.
    mutating func neighbourhoodSearch(rounds: Int, maxAccounts: Int = 300, maxManagers: Int = 12, maxNodes: Int = 100) {
        guard var plan = incumbent else { return }
        let neighbours = sharedAccounts()
        for _ in 0..<rounds {
            var improved = false
            var grouped = [Bool](repeating: false, count: model.m)
            for seed in 0..<model.m where !grouped[seed] && plan.count[seed] > 0 {
                if outOfTime { stoppedBy = "time_limit"; break }
                if gapClosed { return }
                var group = [seed]
                var size = plan.count[seed]
                for (other, _) in neighbours[seed] where group.count < maxManagers {
                    guard size + plan.count[other] <= maxAccounts else { continue }
                    group.append(other)
                    size += plan.count[other]
                }
                for j in group { grouped[j] = true }
                guard group.count > 1 else { continue }
                if replan(&plan, group: group.sorted(), maxNodes: maxNodes) { improved = true }
            }
            if !improved || outOfTime { break }
        }
        plan.refreshTotals()
        offer(plan)
    }

    /// Per manager, the other managers by the number of accounts eligible
    /// for both (most first, ties by index).
    func sharedAccounts() -> [[(manager: Int, shared: Int)]] {
        var counts = [[Int: Int]](repeating: [:], count: model.m)
        for i in 0..<model.n {
            let range = model.pairStart[i]..<model.pairStart[i + 1]
            for p in range {
                let j = Int(model.pairManager[p])
                for q in range where q != p { counts[j][Int(model.pairManager[q]), default: 0] += 1 }
            }
        }
        return counts.map { row in
            row.map { (manager: $0.key, shared: $0.value) }
                .sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.manager < $1.manager }
        }
    }

    /// Re-plans the accounts of `group` among the group; returns whether the plan improved.
    mutating func replan(_ plan: inout PlanState, group: [Int], maxNodes: Int) -> Bool {
        var local = [Int](repeating: -1, count: model.m)
        for (k, j) in group.enumerated() { local[j] = k }
        var accounts: [Int] = []
        for j in group { accounts.append(contentsOf: plan.members[j].map(Int.init)) }
        accounts.sort()
        // Turnover moved outside the sub-problem stays moved: the sub-problem
        // gets what is left of the budget.
        var movedInside = 0.0
        var workloads: [Double] = [], turnovers: [Double] = [], keep: [Int] = []
        var pairStart = [0], pairManager: [Int] = [], pairCost: [Double] = []
        var current: [Int] = []
        var currentCost = 0.0
        for i in accounts {
            let keepPair = Int(model.keepPair[i])
            let keepLocal = keepPair >= 0 ? local[Int(model.pairManager[keepPair])] : -1
            let now = Int(plan.pairOf[i])
            movedInside += keepLocal >= 0 ? model.movedTurnover(account: i, pair: now) : 0
            workloads.append(model.workload[i])
            turnovers.append(model.turnover[i])
            keep.append(keepLocal)
            for p in model.pairStart[i]..<model.pairStart[i + 1] {
                let k = local[Int(model.pairManager[p])]
                guard k >= 0 else { continue }
                pairManager.append(k)
                pairCost.append(model.cost[p])
            }
            pairStart.append(pairManager.count)
            current.append(local[Int(model.pairManager[now])])
            currentCost += model.cost[now]
        }
        let budget = model.hasBudget ? model.budget - (plan.moved - movedInside) : .infinity
        let problem = AssignmentProblem(workloads: workloads, turnovers: turnovers, keepManager: keep, pairStart: pairStart,
                                        pairManager: pairManager, pairCost: pairCost,
                                        capacities: group.map { model.capacity[$0] },
                                        maxAccounts: group.map { model.maxAccounts[$0] },
                                        movedBudget: max(0, budget))
        let remaining = max(0.001, options.timeLimitSeconds - elapsed)
        let solution = AssignmentSolver.solve(problem, options: SolverOptions(timeLimitSeconds: remaining, gapTolerance: 0,
                                                                              maxNodes: maxNodes, neighbourhoods: false),
                                              start: current)
        iterations += solution.iterations
        guard let objective = solution.objective, objective < currentCost - PlanState.costEpsilon else { return false }
        defer { offer(plan) }
        // Take every account of the group out, then put each on its new pair.
        for i in accounts { plan.remove(i) }
        for (k, i) in accounts.enumerated() {
            let j = group[solution.managers[k]]
            var pair = -1
            for p in model.pairStart[i]..<model.pairStart[i + 1] where Int(model.pairManager[p]) == j { pair = p }
            plan.place(i, pair)
        }
        return true
    }
}
