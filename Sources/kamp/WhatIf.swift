import ArgumentParser
import KeyAccounts

extension Kamp {
    struct WhatIf: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "whatif",
            abstract: "Rerun the plan under other assumptions and compare each scenario with the baseline.",
            discussion: """
            Each --scenario is a YAML file: any policy key (replacing the base policy's value) and an optional \
            scenario: section with name, description, remove_managers, change_capacity and add_managers. \
            Writes whatif.csv (scenario, metric, baseline, value, delta), whatif_accounts.csv, whatif.md, run.json \
            and one sub-directory per scenario with its kamp plan files. A scenario without a plan is reported in \
            whatif.csv; exit 65 only when no scenario has a plan.
            """
        )

        @Argument(help: "The accounts CSV file.")
        var accounts: String

        @Argument(help: "The managers CSV file.")
        var managers: String

        @Option(name: .customLong("scenario"), help: "A scenario file (YAML); give one --scenario per scenario.")
        var scenarios: [String] = []

        @Option(help: "Kano survey CSV; feeds the needs criterion of the score, as in kamp plan.")
        var survey: String?

        @OptionGroup var options: CommonOptions

        func validate() throws {
            guard options.policy != nil else { throw ValidationError("Missing --policy BASE: the base policy the scenarios change.") }
            guard !scenarios.isEmpty else { throw ValidationError("Give at least one --scenario FILE.") }
        }

        func run() throws {
            try options.run {
                let base = try options.loadPolicy()
                // Every file is read and checked before the first plan.
                let loaded = try scenarios.map { path in
                    var scenario = try Scenario.load(path: path, base: base)
                    if let seed = options.seed { scenario.policy.seed = seed }
                    return scenario
                }
                let out = try options.outputDirectory()
                options.progress("reading \(accounts), \(managers)\(survey.map { " and \($0)" } ?? ""); planning the baseline "
                                 + "and \(loaded.count) scenario\(loaded.count == 1 ? "" : "s")")
                var run = try ScenarioRun.run(accountsPath: accounts, managersPath: managers, surveyPath: survey, base: base,
                                              scenarios: loaded, strict: options.strict, out: out,
                                              progress: { options.progress("planning \($0)") })
                let files = try run.write(to: out)
                options.summary(run.terminalSummary)
                options.summary("wrote \(files.joined(separator: ", ")) to \(out.path)")
                try run.requireSomePlan()
            }
        }
    }
}
