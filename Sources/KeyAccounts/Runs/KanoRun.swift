/// `kamp kano`: read a survey (and the accounts), analyse the needs per
/// segment and per account, write kano_features, kano_accounts, rejects and run.json.
public struct KanoRun: Sendable {
    /// How the respondents are grouped in kano_features.csv.
    public enum Grouping: String, CaseIterable, Hashable, Codable, Sendable {
        /// One segment per tier, as `kamp tier ACCOUNTS --survey SURVEY` decides it.
        case tier
        /// One segment per k-means cluster of the accounts (as `kamp cluster` finds them), named `cluster N`.
        case cluster
        /// One segment per industry of the accounts file (`(no industry)` when empty).
        case industry
        /// One segment per account.
        case account
    }

    public var survey: Loaded<[SurveyAnswer]>
    public var accounts: Loaded<Portfolio>?
    /// The tiering the `tier` grouping used.
    public var tiered: TieredPortfolio?
    public var analysis: KanoAnalysis
    public var record: RunRecord

    public var rejects: [Reject] { (accounts?.rejects ?? []) + survey.rejects }

    /// Reads and analyses.
    /// - Parameters:
    ///   - surveyMapping: what the columns of a wide survey hold, when its headers do not follow the convention.
    ///   - accountsPath: with it, answers of accounts missing from the file are rejected rows.
    ///   - grouping: `nil` gives one segment named `all`; any other needs `accountsPath`
    ///     (`account` works without it).
    ///   - strict: any rejected row is an error (after rejects.csv is written to `out`).
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row, or
    ///   rejects under `strict`; `infeasible` for a grouping that needs accounts without them.
    public static func run(surveyPath: String, surveyMapping: SurveyMapping? = nil, accountsPath: String?,
                           grouping: Grouping?, policy: Policy, strict: Bool, out: OutputDirectory?) throws -> KanoRun {
        var clock = Stopwatch()
        var record = RunRecord(command: "kano", policy: policy)
        if accountsPath == nil, let grouping, grouping != .account {
            throw KeyAccountsError.infeasible(problem: "grouping by \(grouping.rawValue) needs the accounts file (--accounts)")
        }
        var survey = try clock.measure("read_survey") { try InputFiles.readSurvey(path: surveyPath, mapping: surveyMapping) }
        let accounts = try accountsPath.map { path in try clock.measure("read_accounts") { try InputFiles.readAccounts(path: path) } }
        if let accounts { survey = TierRun.restrictSurvey(survey, to: accounts.value) }
        let inputs: [any InputCheckable] = (accounts.map { [$0] } ?? []) + [survey]
        try InputCheck.enforce(inputs, strict: strict, out: out)

        var analysis = clock.measure("kano") { KanoAnalysis(survey.value, settings: policy.kano) }
        var tiered: TieredPortfolio?
        if let grouping {
            let segmentation: KanoSegmentation
            switch grouping {
            case .account:
                segmentation = .byAccount
            case .industry:
                segmentation = .byIndustry(accounts!.value)
            case .tier:
                // The same tiers as `kamp tier --survey`: the survey feeds the needs criterion.
                let tiers = clock.measure("tier") { accounts!.value.tiered(by: policy, needs: analysis.needsCriterion) }
                tiered = tiers
                record.results["tiers"] = tiers.resultsJSON
                segmentation = .byTier(tiers)
            case .cluster:
                // The same clusters as `kamp cluster --survey`: needs is a clustering feature when answered.
                let needs = analysis.needsCriterion
                let tiers = clock.measure("tier") { accounts!.value.tiered(by: policy, needs: needs) }
                tiered = tiers
                let clusters = try tiers.clustered(by: policy, needs: needs, k: nil, clock: &clock)
                let names = Dictionary(uniqueKeysWithValues: zip(tiers.accounts.map(\.id),
                                                                 clusters.clusterOfAccount.map { "cluster \($0)" }))
                segmentation = .mapping(names, by: "cluster")
            }
            analysis = clock.measure("segment") { analysis.regrouped(by: segmentation) }
        }
        record.inputs = inputs.map(\.report)
        record.rejectedRows = inputs.reduce(0) { $0 + $1.report.rowsRejected }
        record.results["kano"] = analysis.resultsJSON
        record.timings = clock.timings
        return KanoRun(survey: survey, accounts: accounts, tiered: tiered, analysis: analysis, record: record)
    }

    /// Writes kano_features, kano_accounts, rejects and run.json; returns the file names.
    @discardableResult
    public mutating func write(to out: OutputDirectory) throws -> [String] {
        var clock = Stopwatch()
        var written: [String] = []
        try clock.measure("write") {
            written.append(try out.write(analysis.featuresTable))
            written.append(try out.write(analysis.accountsTable))
            written.append(try out.write(rejectsTable(rejects)))
        }
        record.timings.merge(clock.timings) { $0 + $1 }
        record.outputs = (written + ["run.json"]).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    public var terminalSummary: String {
        KanoSummary(analysis: analysis, inputs: record.inputs).terminal
    }
}
