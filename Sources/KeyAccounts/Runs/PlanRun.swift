/// `kamp plan`, the main job: tier (with the survey's needs), assign, and
/// every file of both, with one summary.
///
/// Each stage is one call, so further stages (Kano tables, clustering,
/// report.html) slot in between `AssignRun.run` and the writing.
public struct PlanRun: Sendable {
    /// Reading, tiering and the assignment plan.
    public var assignment: AssignRun

    public var record: RunRecord {
        get { assignment.record }
        set { assignment.record = newValue }
    }

    /// Reads, tiers and plans.
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row, or
    ///   rejects under `strict`. A plan that cannot be made is not thrown
    ///   here: see `requirePlan()`.
    public static func run(accountsPath: String, managersPath: String, surveyPath: String?, policy: Policy,
                           strict: Bool, out: OutputDirectory?) throws -> PlanRun {
        let assignment = try AssignRun.run(accountsPath: accountsPath, managersPath: managersPath, surveyPath: surveyPath,
                                           policy: policy, strict: strict, command: "plan", out: out)
        return PlanRun(assignment: assignment)
    }

    /// Writes every file and run.json; returns the file names.
    @discardableResult
    public mutating func write(to out: OutputDirectory) throws -> [String] {
        let written = try assignment.writeTables(to: out)
        record.outputs = (written + ["run.json"]).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    /// Throws `infeasible` (exit 65) with the reason when no plan keeps every rule.
    public func requirePlan() throws { try assignment.requirePlan() }

    public var terminalSummary: String { assignment.terminalSummary }
}
