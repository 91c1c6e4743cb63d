/// `kamp tier`: read accounts (and a survey), tier them, write the results.
///
/// The CLI and the notebooks call this one function; it only wires the
/// stages of the library together.
public struct TierRun: Sendable {
    public var accounts: Loaded<Portfolio>
    public var survey: Loaded<[SurveyAnswer]>?
    public var tiered: TieredPortfolio
    /// The Kano analysis of the survey per account, when one was given: it
    /// made the needs criterion and makes the must_be column of tiers.csv.
    public var kano: KanoAnalysis?
    public var record: RunRecord
    /// The weight-perturbation check, when `score.robustness.enabled`.
    public var robustness: ScoreRobustness?

    public var rejects: [Reject] { accounts.rejects + (survey?.rejects ?? []) }

    /// Reads and tiers.
    /// - Parameters:
    ///   - strict: any rejected row is an error (after rejects.csv is written to `out`).
    ///   - out: where rejects.csv goes when the inputs stop the run.
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row, or rejects under `strict`.
    ///   - surveyMapping: what the columns of a wide survey hold, when its
    ///     headers do not follow the convention.
    public static func run(accountsPath: String, surveyPath: String?, surveyMapping: SurveyMapping? = nil,
                           policy: Policy, strict: Bool, command: String = "tier", out: OutputDirectory?) throws -> TierRun {
        var clock = Stopwatch()
        let accounts = try clock.measure("read_accounts") { try InputFiles.readAccounts(path: accountsPath) }
        let survey = try surveyPath.map { path in try clock.measure("read_survey") { try InputFiles.readSurvey(path: path, mapping: surveyMapping) } }
        var run = try run(accounts: accounts, survey: survey, policy: policy, strict: strict, command: command, out: out)
        run.record.timings.merge(clock.timings) { $0 + $1 }
        return run
    }

    /// Tiers inputs already read (`kamp whatif` reads them once for every scenario).
    public static func run(accounts: Loaded<Portfolio>, survey: Loaded<[SurveyAnswer]>?, policy: Policy, strict: Bool,
                           command: String = "tier", out: OutputDirectory?) throws -> TierRun {
        var clock = Stopwatch()
        var record = RunRecord(command: command, policy: policy)
        // Restricting twice changes nothing, so inputs restricted before may come back here.
        let survey = survey.map { restrictSurvey($0, to: accounts.value) }
        let inputs: [any InputCheckable] = [accounts] + (survey.map { [$0] } ?? [])
        try InputCheck.enforce(inputs, strict: strict, out: out)

        let kano = survey.map { loaded in clock.measure("kano") { KanoAnalysis(loaded.value, settings: policy.kano) } }
        let needs = kano?.needsCriterion ?? [:]
        var tiered = clock.measure("tier") { accounts.value.tiered(by: policy, needs: needs) }
        // The rankings' arrays (tens of MB, freed by now) stay in the heap
        // otherwise, and were resident through the writing of tiers.csv,
        // the command's peak.
        returnFreedMemory()
        var robustness: ScoreRobustness?
        if policy.score.robustness.enabled {
            let check = clock.measure("robustness") { tiered.robustness(policy.score.robustness, needs: needs) }
            for index in tiered.decisions.indices where check.borderline[index] {
                tiered.decisions[index].reviewFlags.append("borderline")
            }
            record.results["robustness"] = check.resultsJSON
            robustness = check
        }
        record.inputs = inputs.map(\.report)
        record.rejectedRows = inputs.reduce(0) { $0 + $1.report.rowsRejected }
        record.results["tiers"] = tiered.resultsJSON
        if let kano { record.results["needs"] = kano.needsJSON(portfolio: accounts.value) }
        record.timings = clock.timings
        return TierRun(accounts: accounts, survey: survey, tiered: tiered, kano: kano, record: record, robustness: robustness)
    }

    /// Survey answers of clients missing from the accounts file cannot feed
    /// any score: they become rejected rows rather than vanishing.
    static func restrictSurvey(_ survey: Loaded<[SurveyAnswer]>, to portfolio: Portfolio) -> Loaded<[SurveyAnswer]> {
        let known = Set(portfolio.accounts.map(\.id))
        var restricted = survey
        restricted.value = []
        for answer in survey.value {
            if known.contains(answer.accountID) {
                restricted.value.append(answer)
            } else {
                restricted.rejects.append(Reject(file: survey.report.path, line: answer.line, accountID: answer.accountID,
                                                 column: "account_id", value: answer.accountID,
                                                 reason: "account_id not found in the accounts file"))
            }
        }
        restricted.report.rowsUsed = restricted.value.count
        restricted.report.rowsRejected = restricted.rejects.count
        return restricted
    }

    /// Writes tiers, rejects, run.json and summary.md; returns the file names.
    ///
    /// With a survey, tiers.csv gets a `must_be` column first among the
    /// extra columns: the features the account's respondents rate must-be,
    /// `;`-separated and sorted, where its key account plan starts.
    @discardableResult
    public mutating func write(to out: OutputDirectory, extraColumns: [AccountColumn] = []) throws -> [String] {
        var clock = Stopwatch()
        var written: [String] = []
        let columns = (kano.map { [$0.mustBeColumn(for: tiered.accounts)] } ?? []) + (robustness?.columns ?? []) + extraColumns
        try clock.measure("write") {
            written.append(try out.write(tiered.tiersTable(extra: columns)))
            written.append(try out.write(rejectsTable(rejects)))
            written.append(try out.write(text: summaryMarkdown, to: "summary.md"))
        }
        record.timings.merge(clock.timings) { $0 + $1 }
        record.outputs = (written + ["run.json"]).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    public var summaryMarkdown: String {
        TierSummary(tiered: tiered, inputs: record.inputs).markdown
    }

    public var terminalSummary: String {
        TierSummary(tiered: tiered, inputs: record.inputs).terminal
    }
}

/// A loaded input as the checks see it.
public protocol InputCheckable {
    var report: InputReport { get }
    var rejects: [Reject] { get }
}

extension Loaded: InputCheckable {}

public enum InputCheck {
    /// Stops the run when a file has no valid row, or under `--strict` when
    /// any row was rejected; rejects.csv is written to `out` first so the
    /// user sees every row at fault.
    public static func enforce(_ inputs: [any InputCheckable], strict: Bool, out: OutputDirectory?) throws {
        let rejects = inputs.flatMap(\.rejects)
        let empty = inputs.first { $0.report.rowsUsed == 0 }
        let failing = empty != nil || (strict && !rejects.isEmpty)
        guard failing else { return }
        if let out { try out.write(rejectsTable(rejects)) }
        if let empty { throw KeyAccountsError.noValidRows(file: empty.report.path, rejected: empty.report.rowsRejected) }
        let sorted = rejects.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
        throw KeyAccountsError.rejectedRows(count: rejects.count, first: sorted[0])
    }
}

extension TieredPortfolio {
    /// The tier figures of run.json.
    var resultsJSON: JSONValue {
        var counts: [String: JSONValue] = [:]
        var turnover: [String: JSONValue] = [:]
        for entry in countsByTier {
            counts[entry.tier.rawValue] = .integer(entry.count)
            turnover[entry.tier.rawValue] = .number(entry.turnover)
        }
        return .object(["accounts": .object(counts), "turnover": .object(turnover)])
    }
}
