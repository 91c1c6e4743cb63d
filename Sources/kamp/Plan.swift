import ArgumentParser
import KeyAccounts

extension Kamp {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The main job: tier the accounts (with the survey's needs) and plan who serves each key account.",
            discussion: """
            Writes tiers.csv, assignments.csv, manager_load.csv, unassigned.csv, rejects.csv, run.json and \
            summary.md into --out. Exit 65 when no plan keeps every rule (the message says why).
            """
        )

        @Argument(help: "The accounts CSV file.")
        var accounts: String

        @Argument(help: "The managers CSV file.")
        var managers: String

        @Option(help: "Kano survey CSV; feeds the needs criterion of the score.")
        var survey: String?

        @OptionGroup var options: CommonOptions

        func run() throws {
            try options.run {
                try Self.plan(accounts: accounts, managers: managers, survey: survey, options: options)
            }
        }

        /// Shared with `kamp demo`.
        static func plan(accounts: String, managers: String, survey: String?, options: CommonOptions) throws {
            let policy = try options.loadPolicy()
            let out = try options.outputDirectory()
            options.progress("reading \(accounts), \(managers)\(survey.map { " and \($0)" } ?? ""); "
                             + "planning (time limit \(policy.assignment.timeLimitSeconds) s)")
            var run = try PlanRun.run(accountsPath: accounts, managersPath: managers, surveyPath: survey, policy: policy,
                                      strict: options.strict, out: out)
            let files = try run.write(to: out)
            options.summary(run.terminalSummary)
            options.summary("wrote \(files.joined(separator: ", ")) to \(out.path)")
            try run.requirePlan()
        }
    }
}
