import ArgumentParser
import KeyAccounts

extension Kamp {
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tier the accounts, then plan which account manager serves each key account.",
            discussion: """
            Writes assignments.csv, manager_load.csv, unassigned.csv, tiers.csv, rejects.csv, run.json and \
            summary.md into --out. Exit 65 when no plan keeps every rule (the message says why).
            """
        )

        @Argument(help: "The accounts CSV file.")
        var accounts: String

        @Argument(help: "The managers CSV file.")
        var managers: String

        @Option(help: .hidden)
        var exportModel: String?

        @OptionGroup var options: CommonOptions

        func run() throws {
            try options.run {
                let policy = try options.loadPolicy()
                if let exportModel {
                    try AssignRun.exportModel(accountsPath: accounts, managersPath: managers, policy: policy, to: exportModel)
                    options.progress("wrote the assignment model to \(exportModel)")
                    return
                }
                let out = try options.outputDirectory()
                options.progress("reading \(accounts) and \(managers); planning (time limit \(policy.assignment.timeLimitSeconds) s)")
                var run = try AssignRun.run(accountsPath: accounts, managersPath: managers, policy: policy,
                                            strict: options.strict, out: out)
                let files = try run.write(to: out)
                options.summary(run.terminalSummary)
                options.summary("wrote \(files.joined(separator: ", ")) to \(out.path)")
                try run.requirePlan()
            }
        }
    }
}
