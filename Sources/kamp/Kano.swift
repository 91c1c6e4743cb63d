import ArgumentParser
import KeyAccounts

extension Kamp {
    struct Kano: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kano needs per segment and per account: must-be, one-dimensional, attractive.",
            discussion: """
            Writes kano_features.csv (per segment and feature), kano_accounts.csv (per account and feature), \
            rejects.csv and run.json into --out. The survey is read in long format (account_id, respondent_id, \
            feature, functional, dysfunctional[, importance]) or in the wide format survey tools export (one row \
            per respondent, columns such as 'on-time delivery (functional)' / 'on-time delivery (dysfunctional)'); \
            answers 1..5 or their texts (I like it, I expect it, I am neutral, I can live with it, I dislike it).
            """
        )

        /// The segments of `--by`.
        enum Segments: String, CaseIterable, ExpressibleByArgument {
            case tier, cluster, industry, account
        }

        @Argument(help: "The Kano survey CSV file (long or wide format).")
        var survey: String

        @Option(help: "The accounts CSV file: answers of unknown accounts become rejected rows; needed by --by.")
        var accounts: String?

        @Option(help: "Segments of kano_features.csv: tier, cluster, industry or account (default: one segment 'all').")
        var by: Segments?

        @Option(name: .customLong("survey-map"),
                help: "CSV file (column,role,feature) saying what each column of a wide survey holds.")
        var surveyMap: String?

        @OptionGroup var options: CommonOptions

        func validate() throws {
            if let by, by != .account, accounts == nil {
                throw ValidationError("--by \(by.rawValue) needs --accounts ACCOUNTS")
            }
        }

        func run() throws {
            try options.run {
                let policy = try options.loadPolicy()
                let out = try options.outputDirectory()
                let mapping = try surveyMap.map { try SurveyMapping.read(path: $0) }
                let grouping = by.flatMap { KanoRun.Grouping(rawValue: $0.rawValue) }
                var run = try KanoRun.run(surveyPath: survey, surveyMapping: mapping, accountsPath: accounts,
                                          grouping: grouping, policy: policy, strict: options.strict, out: out)
                let written = try run.write(to: out)
                if !options.quiet { options.summary(run.terminalSummary) }
                options.summary("wrote \(written.joined(separator: ", ")) to \(out.path)")
                keepUntilExit(run)
            }
        }
    }
}
