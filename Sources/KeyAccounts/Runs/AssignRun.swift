import Foundation

/// The solver produced a plan that broke a rule (a bug, exit 70); it was not written.
struct AssignmentInternalError: Error, CustomStringConvertible {
    var description: String { "the assignment solver's plan failed the final rule check; no plan was written" }
}

/// `kamp assign`: read accounts and managers, tier the accounts, plan who
/// serves which key account, write the plan.
///
/// The CLI, `PlanRun` and the notebooks call this; it only wires the stages.
public struct AssignRun: Sendable {
    /// Reading the accounts (and survey) and tiering them, exactly as `kamp tier`.
    public var tier: TierRun
    public var managers: Loaded<[Manager]>
    public var plan: AssignmentPlan
    public var record: RunRecord

    public var tiered: TieredPortfolio { tier.tiered }
    public var rejects: [Reject] { tier.rejects + managers.rejects }

    /// Reads, tiers and plans.
    /// - Parameters:
    ///   - surveyPath: a Kano survey whose needs feed the tier score (`kamp plan`).
    ///   - strict: any rejected row is an error (after rejects.csv is written to `out`).
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row, or rejects under `strict`.
    ///   A plan that cannot be made is not thrown here: see `requirePlan()`.
    public static func run(accountsPath: String, managersPath: String, surveyPath: String? = nil, policy: Policy,
                           strict: Bool, command: String = "assign", out: OutputDirectory?) throws -> AssignRun {
        var clock = Stopwatch()
        let managers = try clock.measure("read_managers") { try InputFiles.readManagers(path: managersPath) }
        let tier = try TierRun.run(accountsPath: accountsPath, surveyPath: surveyPath, policy: policy, strict: false,
                                   command: command, out: out)
        var run = try run(tier: tier, managers: managers, policy: policy, strict: strict, out: out)
        run.record.timings.merge(clock.timings) { $0 + $1 }
        return run
    }

    /// Plans on inputs already read (`kamp whatif` changes the managers of each scenario).
    public static func run(accounts: Loaded<Portfolio>, managers: Loaded<[Manager]>, survey: Loaded<[SurveyAnswer]>?,
                           policy: Policy, strict: Bool, command: String = "assign", out: OutputDirectory?) throws -> AssignRun {
        let tier = try TierRun.run(accounts: accounts, survey: survey, policy: policy, strict: false, command: command, out: out)
        return try run(tier: tier, managers: managers, policy: policy, strict: strict, out: out)
    }

    private static func run(tier: TierRun, managers: Loaded<[Manager]>, policy: Policy, strict: Bool,
                            out: OutputDirectory?) throws -> AssignRun {
        var clock = Stopwatch()
        let inputs: [any InputCheckable] = [tier.accounts, managers] + (tier.survey.map { [$0] } ?? [])
        try InputCheck.enforce(inputs, strict: strict, out: out)

        let plan = clock.measure("assign") { AssignmentPlan.make(tiered: tier.tiered, managers: managers.value, policy: policy) }
        var record = tier.record
        record.inputs = inputs.map(\.report)
        record.rejectedRows = inputs.reduce(0) { $0 + $1.report.rowsRejected }
        record.results["assignment"] = plan.assignmentJSON
        record.results["solver"] = plan.solverJSON
        record.timings.merge(clock.timings) { $0 + $1 }
        record.timings["solve"] = plan.solution.seconds
        return AssignRun(tier: tier, managers: managers, plan: plan, record: record)
    }

    /// Writes the model of `--export-model` (eligible pairs, costs, hours,
    /// budget) for other solvers, without solving.
    public static func exportModel(accountsPath: String, managersPath: String, policy: Policy, to path: String) throws {
        let accounts = try InputFiles.readAccounts(path: accountsPath)
        let managers = try InputFiles.readManagers(path: managersPath)
        try InputCheck.enforce([accounts, managers], strict: false, out: nil)
        let instance = AssignmentInstance(tiered: accounts.value.tiered(by: policy), managers: managers.value, policy: policy)
        let plan = AssignmentPlan(instance: instance, solution: .unsolved(status: .noPlanFound), rows: [], loads: [],
                                  infeasibility: nil)
        do {
            try Data(plan.modelJSON().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw KeyAccountsError.cannotWrite(path: path, reason: OutputDirectory.describe(error))
        }
    }

    /// Writes tiers, the plan's tables, rejects and summary.md (not run.json);
    /// returns the file names. Without a plan, assignments.csv and
    /// manager_load.csv are removed rather than left from an earlier run.
    public mutating func writeTables(to out: OutputDirectory, extraColumns: [AccountColumn] = []) throws -> [String] {
        var clock = Stopwatch()
        var written: [String] = []
        try clock.measure("write") {
            // The columns `kamp tier` adds: must-be needs and the robustness check.
            let columns = (tier.kano.map { [$0.mustBeColumn(for: tiered.accounts)] } ?? []) + (tier.robustness?.columns ?? [])
            written.append(try out.write(tiered.tiersTable(extra: columns + extraColumns)))
            written.append(try out.write(rejectsTable(rejects)))
            written.append(try out.write(plan.unassignedTable()))
            if plan.hasPlan {
                written.append(try out.write(plan.assignmentsTable()))
                written.append(try out.write(plan.managerLoadTable()))
            } else {
                for name in ["assignments", "manager_load"] {
                    try? FileManager.default.removeItem(atPath: out.file("\(name).\(out.format.fileExtension)"))
                }
            }
            written.append(try out.write(text: summaryMarkdown, to: "summary.md"))
        }
        record.timings.merge(clock.timings) { $0 + $1 }
        return written
    }

    /// Writes every file and run.json; returns the file names.
    @discardableResult
    public mutating func write(to out: OutputDirectory) throws -> [String] {
        let written = try writeTables(to: out)
        record.outputs = (written + ["run.json"]).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    /// Throws `infeasible` (exit 65) with the reason when no plan keeps every rule.
    public func requirePlan() throws {
        if plan.solution.stoppedBy == SolverSearch.ruleCheckFailed { throw AssignmentInternalError() }
        guard let explanation = plan.explanation else { return }
        throw KeyAccountsError.infeasible(problem: "\(managers.report.path): \(explanation)")
    }

    public var summaryMarkdown: String {
        TierSummary(tiered: tiered, inputs: record.inputs).markdown + "\n" + plan.markdown
    }

    public var terminalSummary: String {
        TierSummary(tiered: tiered, inputs: record.inputs).terminal + "\n" + plan.terminal
    }
}
