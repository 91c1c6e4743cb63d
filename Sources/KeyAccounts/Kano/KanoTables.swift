extension KanoAnalysis {
    /// kano_features.csv: the columns of SPEC.md section 4; with importance
    /// answers also `importance` (mean, 1...9), `importance_n` (answers that
    /// gave one), `priority` and `priority_rank` (see `KanoFeatureResult`).
    /// Rows sorted by segment, then feature.
    public var featuresTable: TableSpec {
        let rows = features
        let withImportance = hasImportance
        var columns = ["segment", "feature"] + Self.countColumns
            + ["mode", "category", "total_strength", "category_strength", "better", "worse", "fong_significant"]
        if withImportance { columns += ["importance", "importance_n", "priority", "priority_rank"] }
        return TableSpec(name: "kano_features", columns: columns, rowCount: rows.count) { index, writer in
            let row = rows[index]
            let evaluation = row.evaluation
            writer.text(row.segment)
            writer.text(row.feature)
            Self.writeCounts(evaluation, &writer)
            writer.text(evaluation.mode.rawValue)
            writer.text(evaluation.category.rawValue)
            writer.number(evaluation.totalStrength)
            writer.number(evaluation.categoryStrength)
            writer.number(evaluation.better)
            writer.number(evaluation.worse)
            writer.boolean(evaluation.fongSignificant)
            if withImportance {
                writer.number(row.importance)
                writer.integer(row.importanceAnswers)
                writer.number(row.priority)
                writer.integer(row.priorityRank)
            }
        }
    }

    /// kano_accounts.csv: account_id, feature, category, better, worse (SPEC.md),
    /// then n, the six counts and the mode over that client's respondents,
    /// and with importance answers `importance` and `importance_n`.
    /// Rows sorted by account_id, then feature.
    public var accountsTable: TableSpec {
        let rows = accounts
        let withImportance = hasImportance
        var columns = ["account_id", "feature", "category", "better", "worse"] + Self.countColumns + ["mode"]
        if withImportance { columns += ["importance", "importance_n"] }
        return TableSpec(name: "kano_accounts", columns: columns, rowCount: rows.count) { index, writer in
            let row = rows[index]
            let evaluation = row.evaluation
            writer.text(row.accountID)
            writer.text(row.feature)
            writer.text(evaluation.category.rawValue)
            writer.number(evaluation.better)
            writer.number(evaluation.worse)
            Self.writeCounts(evaluation, &writer)
            writer.text(evaluation.mode.rawValue)
            if withImportance {
                writer.number(row.importance)
                writer.integer(row.importanceAnswers)
            }
        }
    }

    static let countColumns = ["n", "M", "O", "A", "I", "R", "Q"]

    private static func writeCounts(_ evaluation: KanoEvaluation, _ writer: inout RowWriter) {
        writer.integer(evaluation.n)
        for category in KanoCategory.allCases { writer.integer(evaluation.counts[category]) }
    }

    /// The figures of run.json: how the survey was grouped and how many needs
    /// fell in each category.
    public var resultsJSON: JSONValue {
        var categories: [String: JSONValue] = [:]
        for category in KanoCategory.allCases {
            categories[category.rawValue] = .integer(features.filter { $0.evaluation.category == category }.count)
        }
        return .object([
            "segmented_by": .string(segmentedBy),
            "segments": .integer(segments.count),
            "features": .integer(featureNames.count),
            "answers": .integer(answers),
            "respondents": .integer(respondents),
            "accounts": .integer(accountCount),
            "unsegmented_answers": .integer(unsegmentedAnswers),
            "categories": .object(categories),
            "significant": .integer(features.filter(\.evaluation.fongSignificant).count),
            "decided_by_tie_rule": .integer(features.filter(\.evaluation.decidedByTieRule).count),
            "tie_margin": .number(settings.tieMargin),
            "fong_z": .number(settings.fongZ),
        ])
    }
}

extension KanoAnalysis {
    /// The `must_be` column of tiers.csv for `accounts` (aligned by index):
    /// the features the account's respondents rate must-be, `;`-separated,
    /// sorted; empty for an account without answers or without must-be needs.
    public func mustBeColumn(for accounts: [Account]) -> AccountColumn {
        let mustBe = mustBeByAccount
        let lists = accounts.map { mustBe[$0.id]?.joined(separator: ";") }
        return AccountColumn(name: "must_be") { index, writer in writer.text(lists[index]) }
    }

    /// The survey figures of a tiering's run.json: how many accounts the
    /// needs criterion covers.
    func needsJSON(portfolio: Portfolio) -> JSONValue {
        let needs = needsCriterion
        let covered = portfolio.accounts.filter { needs[$0.id] != nil }.count
        let mustBe = mustBeByAccount
        return .object([
            "accounts_with_needs": .integer(covered),
            "accounts_without_needs": .integer(portfolio.accounts.count - covered),
            "accounts_with_must_be": .integer(portfolio.accounts.filter { mustBe[$0.id] != nil }.count),
            "features": .integer(featureNames.count),
            "answers": .integer(answers),
            "respondents": .integer(respondents),
        ])
    }
}
