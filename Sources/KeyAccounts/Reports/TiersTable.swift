/// A column that a later stage adds to tiers.csv (Kano's must-be needs,
/// clustering's robustness figures), written per account index.
public struct AccountColumn: Sendable {
    public var name: String
    public var write: @Sendable (Int, inout RowWriter) -> Void

    public init(name: String, write: @escaping @Sendable (Int, inout RowWriter) -> Void) {
        self.name = name
        self.write = write
    }
}

extension TieredPortfolio {
    /// Indices of the accounts sorted by account_id, the order of every per-account table.
    public var indicesByID: [Int] {
        let accounts = self.accounts
        // Exports are usually sorted already; checking is O(n) (on every
        // core), sorting is not. The ids are compared in place: an array of
        // them is a million Strings to build and free.
        if parallelAllSatisfy(count: accounts.count, { $0 == 0 || accounts[$0 - 1].id < accounts[$0].id }) {
            return Array(accounts.indices)
        }
        return Array(accounts.indices).sorted { accounts[$0].id < accounts[$1].id }
    }

    /// tiers.csv: the columns of SPEC.md section 4, then the evidence
    /// (turnover rank, candidacy, solvency basis, each criterion's share of
    /// the score), then `extra` columns, then the input's unknown columns.
    public func tiersTable(extra: [AccountColumn] = []) -> TableSpec {
        let order = indicesByID
        let fixed = ["account_id", "name", "tier", "score", "rank", "abc_class", "turnover", "turnover_share",
                     "cumulative_share", "solvency_zone", "solvency_score", "countries", "regions", "flags", "reason",
                     "turnover_rank", "share_before", "candidate", "solvency_basis", "hq_country", "industry"]
        let criteria = ScoreCriterion.allCases.map { "score_\($0.rawValue)" }
        let columns = fixed + criteria + extra.map(\.name) + portfolio.extraColumns
        let accounts = self.accounts, decisions = self.decisions
        let reasons = ReasonWriter(self)
        return TableSpec(name: "tiers", columns: columns, rowCount: order.count) { row, writer in
            // Fields are read through the arrays rather than by copying an
            // Account: a copy retains every String and array in it, a million times.
            let index = order[row]
            writer.text(accounts[index].id)
            writer.text(accounts[index].name)
            writer.text(decisions[index].tier.rawValue)
            writer.number(decisions[index].score.value)
            writer.integer(decisions[index].scoreRank)
            writer.text(decisions[index].abc.abcClass.rawValue)
            writer.number(accounts[index].turnover, decimals: 2)
            writer.number(decisions[index].abc.share, decimals: 8)
            writer.number(decisions[index].abc.cumulativeShare, decimals: 8)
            writer.text(decisions[index].solvency.zone.rawValue)
            writer.number(decisions[index].solvency.points, decimals: 2)
            // Lists and flags are read in place (through pointers): taking
            // a list out of an Account retained it, and the interned lists
            // are shared by many clients, so both formatting cores fought
            // over their reference counts.
            unsafe accounts.withUnsafeBufferPointer { accounts in
                let account = unsafe accounts.baseAddress.unsafelyUnwrapped + index
                writer.composedText { unsafe $0.appendCountries(of: account, separator: UInt8(ascii: ";")) }
                writer.composedText { unsafe $0.appendRegions(of: account, separator: UInt8(ascii: ";")) }
            }
            unsafe decisions.withUnsafeBufferPointer { decisions in
                let decision = unsafe decisions.baseAddress.unsafelyUnwrapped + index
                writer.composedText { unsafe decision.pointee.appendFlags(to: &$0) }
            }
            writer.composedText(reasons) { reasons, text in reasons.append(at: index, to: &text) }
            writer.integer(decisions[index].abc.rank)
            writer.number(decisions[index].abc.shareBefore, decimals: 8)
            writer.text(decisions[index].candidacy.rawValue)
            writer.text(decisions[index].solvency.basisName)
            writer.text(accounts[index].hqCountry.rawValue)
            writer.text(accounts[index].industry)
            for criterion in ScoreCriterion.allCases { writer.number(decisions[index].score.contributions[criterion]) }
            for column in extra { column.write(index, &writer) }
            for value in accounts[index].extraValues { writer.text(value) }
        }
    }
}

extension SolvencyAssessment {
    /// What the zone was decided on: `given`, `Z`, `Z'`, `Z''`, `scorecard` or `none`.
    public var basisName: String {
        switch basis {
        case .given: "given"
        case let .altman(model, _): model.rawValue
        case .scorecard: "scorecard"
        case .none: "none"
        }
    }
}

/// rejects.csv, sorted by file then line (SPEC.md: sorted by the first column).
public func rejectsTable(_ rejects: [Reject]) -> TableSpec {
    let sorted = rejects.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    return TableSpec(name: "rejects", columns: ["file", "line", "account_id", "column", "value", "reason"],
                     rowCount: sorted.count) { row, writer in
        let reject = sorted[row]
        writer.text(reject.file)
        writer.integer(reject.line)
        writer.text(reject.accountID)
        writer.text(reject.column)
        writer.text(reject.value)
        writer.text(reject.reason)
    }
}
