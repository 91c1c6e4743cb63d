import ArgumentParser
import KeyAccounts

extension Kamp {
    struct Tier: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank clients into global / national / key accounts or standard, with a reason for each.",
            discussion: "Writes tiers.csv, rejects.csv, run.json and summary.md into --out."
        )

        @Argument(help: "The accounts CSV file.")
        var accounts: String

        @Option(help: "Kano survey CSV; feeds the needs criterion of the score.")
        var survey: String?

        @Option(name: .customLong("survey-map"), help: "CSV file (column,role,feature) saying what each column of a wide survey holds.")
        var surveyMap: String?

        @OptionGroup var options: CommonOptions

        func run() throws {
            try options.run {
                let policy = try options.loadPolicy()
                let out = try options.outputDirectory()
                let mapping = try surveyMap.map { try SurveyMapping.read(path: $0) }
                var run = try TierRun.run(accountsPath: accounts, surveyPath: survey, surveyMapping: mapping, policy: policy,
                                          strict: options.strict, out: out)
                try run.write(to: out)
                options.summary(run.terminalSummary)
                options.summary("wrote tiers.\(options.format.fileExtension), rejects.\(options.format.fileExtension), run.json, summary.md to \(out.path)")
                keepUntilExit(run)
            }
        }
    }
}
