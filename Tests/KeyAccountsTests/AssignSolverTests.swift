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
