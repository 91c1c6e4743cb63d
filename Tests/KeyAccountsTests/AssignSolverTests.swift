import Testing
@testable import KeyAccounts

@Suite struct AssignSolverTests {
    @Test(arguments: 0..<60)
    func matchesBruteForceOnTinyInstances(seed: Int) throws {
        let problem = RandomProblems.make(seed: UInt64(seed), accounts: 5 + seed % 5, managers: 2 + seed % 3,
                                          slack: 1.1 + 0.1 * Double(seed % 3), budgetShare: [0.0, 0.1, 0.3, 1.0][seed % 4],
                                          countCaps: seed % 5 == 0, fractionalHours: seed % 7 == 0)
        let exact = RandomProblems.bruteForce(problem)
        let solution = AssignmentSolver.solve(problem, options: SolverOptions(gapTolerance: 0))
        if let exact {
            #expect(solution.status == .optimal, "seed \(seed): \(solution.status), gap \(solution.gap ?? -1)")
            let objective = try #require(solution.objective)
            #expect(abs(objective - exact.cost) <= 1e-6 * max(1, exact.cost), "seed \(seed): \(objective) vs \(exact.cost)")
            #expect(solution.bound <= exact.cost + 1e-6, "seed \(seed): bound \(solution.bound) above optimum \(exact.cost)")
            #expect(problem.violations(of: solution.managers).isEmpty)
        } else {
            #expect(solution.status == .infeasible || solution.status == .noPlanFound, "seed \(seed)")
        }
    }
}

@Suite struct AssignSolverPartsTests {
    @Test(arguments: 0..<200)
    func knapsackIsExact(seed: Int) {
        var random = TestRandom(seed: UInt64(seed))
        let n = random.int(0...12)
        let profits = (0..<n).map { _ in random.uniform() * 100 + 0.01 }
        let weights = (0..<n).map { _ in seed % 3 == 0 ? Double(random.int(0...20)) : random.uniform() * 20 }
        let capacity = random.uniform() * 60
        var knapsack = Knapsack()
        var take: [Bool] = []
        let result = knapsack.solve(count: n, profits: profits, weights: weights, capacity: capacity, take: &take)
        var best = 0.0
        for mask in 0..<(1 << n) {
            var w = 0.0, p = 0.0
            for k in 0..<n where mask & (1 << k) != 0 { w += weights[k]; p += profits[k] }
            if w <= capacity * (1 + 1e-9) { best = max(best, p) }
        }
        #expect(result.exact)
        #expect(abs(result.value - best) < 1e-9, "seed \(seed): \(result.value) vs \(best)")
        var w = 0.0, p = 0.0
        for k in 0..<n where take[k] { w += weights[k]; p += profits[k] }
        #expect(w <= capacity * (1 + 1e-9) + 1e-9 && abs(p - result.value) < 1e-9, "the solution is the value")
    }

    @Test func aCutShortKnapsackStillBoundsTheOptimum() {
        var random = TestRandom(seed: 3)
        let n = 40
        // Equal profit per hour: the hardest case for the core, every state survives.
        let weights = (0..<n).map { _ in Double(random.int(1...30)) }
        let profits = weights.map { $0 * 2 }
        var knapsack = Knapsack()
        knapsack.maxStates = 4
        var take: [Bool] = []
        let result = knapsack.solve(count: n, profits: profits, weights: weights, capacity: 101.5, take: &take)
        #expect(result.upperBound >= 202 - 1e-9, "the optimum uses 101 h at 2 per hour")
        #expect(result.value <= result.upperBound)
    }

    /// Max-flow against Hall's condition by enumeration: short exactly when
    /// some group of accounts needs more hours than all its managers have.
    @Test(arguments: 0..<60)
    func capacityCheckMatchesHallsCondition(seed: Int) {
        let problem = RandomProblems.make(seed: UInt64(seed), accounts: 8, managers: 3, slack: 0.95 + 0.05 * Double(seed % 4))
        var worst = 0.0
        for mask in 1..<(1 << problem.accountCount) {
            var demand = 0.0
            var managers = Set<Int>()
            for i in 0..<problem.accountCount where mask & (1 << i) != 0 {
                demand += problem.workloads[i]
                for p in problem.pairs(of: i) { managers.insert(problem.pairManager[p]) }
            }
            worst = max(worst, demand - managers.reduce(0) { $0 + problem.capacities[$1] })
        }
        let short = CapacityCheck.hours(problem)
        if worst > 1e-9 {
            #expect(abs((short?.short ?? 0) - worst) < 1e-6, "seed \(seed): \(short?.short ?? 0) vs \(worst)")
        } else {
            #expect(short == nil, "seed \(seed)")
        }
    }

    @Test(arguments: [(60, 5), (150, 10), (300, 15)])
    func mediumPlansKeepEveryRuleAndRepeat(accounts: Int, managers: Int) throws {
        for seed in 0..<4 {
            let problem = RandomProblems.make(seed: UInt64(seed * 31 + accounts), accounts: accounts, managers: managers,
                                              slack: 1.15, budgetShare: 0.1, maxEligible: 5, countCaps: seed % 2 == 1)
            let options = SolverOptions(timeLimitSeconds: 60, gapTolerance: 1e-3, maxNodes: 50)
            let first = AssignmentSolver.solve(problem, options: options)
            let second = AssignmentSolver.solve(problem, options: options)
            #expect(first.managers == second.managers, "same problem, same plan")
            guard !first.managers.isEmpty else { continue }
            #expect(problem.violations(of: first.managers).isEmpty)
            let objective = try #require(first.objective)
            #expect(first.bound <= objective + 1e-6)
            #expect(abs(problem.cost(of: first.managers) - objective) < 1e-6 * max(1, objective))
        }
    }
}

@Suite struct AssignProblemTests {
    @Test func malformedProblemsAreNamedNotSolved() {
        var problem = RandomProblems.make(seed: 1, accounts: 5, managers: 2)
        #expect((try? problem.validated()) != nil)
        problem.pairCost[0] = -1
        #expect(throws: KeyAccountsError.self) { try problem.validated() }
        problem = RandomProblems.make(seed: 1, accounts: 5, managers: 2)
        problem.pairManager[0] = 7
        #expect(throws: KeyAccountsError.self) { try problem.validated() }
    }

    @Test func violationsNameEachBrokenRule() {
        let problem = AssignmentProblem(workloads: [10, 10], turnovers: [100, 100], keepManager: [0, -1],
                                        pairStart: [0, 2, 3], pairManager: [0, 1, 1], pairCost: [0, 5, 1],
                                        capacities: [10, 15], maxAccounts: [Int.max, 1], movedBudget: 50)
        #expect(problem.violations(of: [0, 1]).isEmpty)
        let broken = problem.violations(of: [1, 1])
        #expect(broken.count == 3, "\(broken)")  // capacity of manager 1, its max_accounts, and the budget
        #expect(problem.violations(of: [0, 0]) == ["account 1 has no eligible manager in the plan"])
    }
}
