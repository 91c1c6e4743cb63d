@testable import KeyAccounts

/// A small deterministic generator (SplitMix64) so random instances are the
/// same on every run and platform.
struct TestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { uniform() < p }
}

/// Random assignment problems with the structure of real plans: integer
/// workloads, costs with a move penalty, current managers, tight capacity.
enum RandomProblems {
    static func make(seed: UInt64, accounts n: Int, managers m: Int, slack: Double = 1.15, budgetShare: Double = 0.1,
                     maxEligible: Int = 4, countCaps: Bool = false, fractionalHours: Bool = false) -> AssignmentProblem {
        var random = TestRandom(seed: seed)
        var workloads: [Double] = []
        var turnovers: [Double] = []
        var keep: [Int] = []
        var pairStart = [0]
        var pairManager: [Int] = []
        var pairCost: [Double] = []
        var hidden: [Int] = []
        for _ in 0..<n {
            let hours = Double(random.int(1...10)) * (fractionalHours ? 1.25 : 10)
            workloads.append(hours)
            turnovers.append(Double(random.int(1...100)) * 1000)
            let eligibleCount = random.int(1...min(maxEligible, m))
            var chosen: [Int] = []
            while chosen.count < eligibleCount {
                let j = random.int(0...(m - 1))
                if !chosen.contains(j) { chosen.append(j) }
            }
            hidden.append(chosen[random.int(0...(chosen.count - 1))])
            // Most relationships are today's plan; some are not (moved since, or never fitting).
            let current = random.chance(0.7) ? (random.chance(0.8) ? hidden.last! : chosen[random.int(0...(chosen.count - 1))]) : -1
            keep.append(current)
            for j in chosen {
                pairManager.append(j)
                pairCost.append(Double(random.int(0...400)) + (current >= 0 && current != j ? 1000 : 0))
            }
            pairStart.append(pairManager.count)
        }
        // Capacities from a hidden plan, so most instances have a plan.
        var hiddenLoad = [Double](repeating: 0, count: m)
        var hiddenCount = [Int](repeating: 0, count: m)
        for i in 0..<n {
            hiddenLoad[hidden[i]] += workloads[i]
            hiddenCount[hidden[i]] += 1
        }
        let meanLoad = workloads.reduce(0, +) / Double(m)
        let capacities = hiddenLoad.map { max(1, ($0 * slack).rounded(), (0.3 * meanLoad).rounded()) }
        let maxAccounts = hiddenCount.map { countCaps && random.chance(0.5) ? max(1, $0) : Int.max }
        let keepable = zip(keep, turnovers).filter { $0.0 >= 0 }.map(\.1).reduce(0, +)
        return AssignmentProblem(workloads: workloads, turnovers: turnovers, keepManager: keep, pairStart: pairStart,
                                 pairManager: pairManager, pairCost: pairCost, capacities: capacities,
                                 maxAccounts: maxAccounts, movedBudget: budgetShare * keepable)
    }

    /// The optimum by enumeration (tiny instances only): cost and plan, or
    /// nil when no plan keeps every rule.
    static func bruteForce(_ problem: AssignmentProblem) -> (cost: Double, managers: [Int])? {
        let n = problem.accountCount
        var best: (cost: Double, managers: [Int])?
        var managers = [Int](repeating: -1, count: n)
        var load = [Double](repeating: 0, count: problem.managerCount)
        var count = [Int](repeating: 0, count: problem.managerCount)
        func visit(_ i: Int, cost: Double, moved: Double) {
            if let best, cost >= best.cost { return }
            if i == n {
                best = (cost, managers)
                return
            }
            for p in problem.pairs(of: i) {
                let j = problem.pairManager[p]
                guard load[j] + problem.workloads[i] <= problem.capacities[j] * (1 + 1e-9), count[j] < problem.maxAccounts[j] else { continue }
                let extra = problem.keepManager[i] >= 0 && problem.keepManager[i] != j ? problem.turnovers[i] : 0
                guard moved + extra <= problem.movedBudget * (1 + 1e-9) + 1e-9 else { continue }
                load[j] += problem.workloads[i]
                count[j] += 1
                managers[i] = j
                visit(i + 1, cost: cost + problem.pairCost[p], moved: moved + extra)
                load[j] -= problem.workloads[i]
                count[j] -= 1
            }
            managers[i] = -1
        }
        visit(0, cost: 0, moved: 0)
        return best
    }
}
