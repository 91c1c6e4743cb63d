import Foundation

/// The assignment plan as a pure optimisation problem: a generalised
/// assignment problem with one side constraint (the disruption budget).
///
/// Accounts `i` and managers `j` are numbered from 0. Only eligible pairs
/// exist; they are stored by account (`pairStart[i] ..< pairStart[i + 1]`),
/// each with its manager and cost. The problem asks for one pair per account
/// such that
/// - every manager's assigned workload is at most its capacity and its
///   number of accounts at most its `maxAccounts`;
/// - the turnover of accounts with a `keepManager` that are assigned to
///   another manager is at most `movedBudget`;
///
/// and minimises the total cost. Building it from accounts, managers and a
/// policy is `AssignmentInstance`'s job; this type only holds numbers, so
/// tests, benchmarks and other solvers (`--export-model`) share exactly one
/// model.
public struct AssignmentProblem: Hashable, Codable, Sendable {
    /// Hours per year each account needs, >= 0.
    public var workloads: [Double]
    /// Turnover of each account; it counts against the budget when an account
    /// with a `keepManager` goes elsewhere.
    public var turnovers: [Double]
    /// The manager that keeps the relationship (the current manager when it
    /// is eligible), or -1 when there is none to keep.
    public var keepManager: [Int]
    /// Account `i`'s pairs are `pairStart[i] ..< pairStart[i + 1]`; `accountCount + 1` entries.
    public var pairStart: [Int]
    public var pairManager: [Int]
    public var pairCost: [Double]
    /// Yearly hours of each manager, > 0.
    public var capacities: [Double]
    /// Most accounts each manager may take; `Int.max` when unlimited.
    public var maxAccounts: [Int]
    /// Most turnover of accounts with a `keepManager` that may be assigned
    /// elsewhere; `.infinity` when there is no budget.
    public var movedBudget: Double

    public init(workloads: [Double], turnovers: [Double], keepManager: [Int], pairStart: [Int], pairManager: [Int],
                pairCost: [Double], capacities: [Double], maxAccounts: [Int], movedBudget: Double) {
        self.workloads = workloads
        self.turnovers = turnovers
        self.keepManager = keepManager
        self.pairStart = pairStart
        self.pairManager = pairManager
        self.pairCost = pairCost
        self.capacities = capacities
        self.maxAccounts = maxAccounts
        self.movedBudget = movedBudget
    }

    public var accountCount: Int { workloads.count }
    public var managerCount: Int { capacities.count }
    public var pairCount: Int { pairManager.count }

    public func pairs(of account: Int) -> Range<Int> { pairStart[account] ..< pairStart[account + 1] }

    /// The pair of `account` with `manager`, if eligible.
    public func pair(account: Int, manager: Int) -> Int? {
        pairs(of: account).first { pairManager[$0] == manager }
    }

    /// Checks the shape (array lengths, index ranges, finite non-negative
    /// numbers) so the solver can trust its input; a failure is a bug in the
    /// caller, reported with the first offending index.
    public func validated() throws(KeyAccountsError) -> AssignmentProblem {
        func fail(_ problem: String) -> KeyAccountsError { .infeasible(problem: "assignment model: \(problem)") }
        let n = accountCount, m = managerCount
        guard turnovers.count == n, keepManager.count == n, pairStart.count == n + 1 else {
            throw fail("per-account arrays differ in length")
        }
        guard pairStart.first == 0, pairStart.last == pairManager.count, pairCost.count == pairManager.count else {
            throw fail("pair arrays are inconsistent")
        }
        guard maxAccounts.count == m else { throw fail("per-manager arrays differ in length") }
        for i in 0..<n {
            guard pairStart[i] <= pairStart[i + 1] else { throw fail("pairStart decreases at account \(i)") }
            guard workloads[i].isFinite, workloads[i] >= 0 else { throw fail("workload of account \(i) is not a number >= 0") }
            guard turnovers[i].isFinite, turnovers[i] >= 0 else { throw fail("turnover of account \(i) is not a number >= 0") }
            guard keepManager[i] >= -1, keepManager[i] < m else { throw fail("keepManager of account \(i) is out of range") }
            var seen = Set<Int>()
            for p in pairs(of: i) {
                guard pairManager[p] >= 0, pairManager[p] < m else { throw fail("pair \(p) names no manager") }
                guard seen.insert(pairManager[p]).inserted else { throw fail("account \(i) has manager \(pairManager[p]) twice") }
                guard pairCost[p].isFinite, pairCost[p] >= 0 else { throw fail("cost of pair \(p) is not a number >= 0") }
            }
            if keepManager[i] >= 0, !seen.contains(keepManager[i]) {
                throw fail("account \(i) keeps manager \(keepManager[i]) that is not eligible")
            }
        }
        for j in 0..<m {
            guard capacities[j].isFinite, capacities[j] > 0 else { throw fail("capacity of manager \(j) is not > 0") }
            guard maxAccounts[j] >= 0 else { throw fail("maxAccounts of manager \(j) is negative") }
        }
        guard !movedBudget.isNaN, movedBudget >= 0 else { throw fail("movedBudget is not >= 0") }
        return self
    }

    /// The total cost of a plan given as one manager per account.
    public func cost(of managers: [Int]) -> Double {
        var total = 0.0
        for i in 0..<accountCount {
            if let p = pair(account: i, manager: managers[i]) { total += pairCost[p] }
        }
        return total
    }

    /// The rules a plan (one manager per account, -1 = none) breaks, in words;
    /// empty when it keeps them all. Tests and the solver's own final check use it.
    public func violations(of managers: [Int]) -> [String] {
        var problems: [String] = []
        guard managers.count == accountCount else { return ["plan has \(managers.count) entries for \(accountCount) accounts"] }
        var load = [Double](repeating: 0, count: managerCount)
        var count = [Int](repeating: 0, count: managerCount)
        var moved = 0.0
        for i in 0..<accountCount {
            let j = managers[i]
            guard j >= 0, j < managerCount, pair(account: i, manager: j) != nil else {
                problems.append("account \(i) has no eligible manager in the plan")
                continue
            }
            load[j] += workloads[i]
            count[j] += 1
            if keepManager[i] >= 0, keepManager[i] != j { moved += turnovers[i] }
        }
        for j in 0..<managerCount {
            if load[j] > capacities[j] * (1 + Self.relativeTolerance) {
                problems.append("manager \(j) has \(load[j]) h for a capacity of \(capacities[j]) h")
            }
            if count[j] > maxAccounts[j] { problems.append("manager \(j) has \(count[j]) accounts for a maximum of \(maxAccounts[j])") }
        }
        if moved > movedBudget + Self.budgetTolerance(movedBudget) {
            problems.append("moved turnover \(moved) exceeds the budget \(movedBudget)")
        }
        return problems
    }

    /// Sums of hours are compared with this relative slack, so rounding in
    /// the last bit never turns a plan that fits exactly into a violation.
    static let relativeTolerance = 1e-9

    static func budgetTolerance(_ budget: Double) -> Double {
        budget.isFinite ? relativeTolerance * max(1, budget) : 0
    }
}
