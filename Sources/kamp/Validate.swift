import ArgumentParser
import KeyAccounts

extension Kamp {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check input files only: the same errors and rejects as the other commands.",
            discussion: "Writes rejects.csv and run.json into --out. Exit 0 when every file is usable."
        )

        @Argument(help: "The accounts CSV file.")
        var accounts: String

        @Argument(help: "The managers CSV file.")
        var managers: String?

        @Argument(help: "The Kano survey CSV file.")
        var survey: String?

        @OptionGroup var options: CommonOptions

        func run() throws {
            try options.run {
                let policy = try options.loadPolicy()
                let out = try options.outputDirectory()
                let report = try ValidationRun.run(accountsPath: accounts, managersPath: managers, surveyPath: survey,
                                                   policy: policy, strict: options.strict, out: out)
                options.summary(report.terminalSummary)
                keepUntilExit(report)
            }
        }
    }
}
