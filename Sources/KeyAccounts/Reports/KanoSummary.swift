/// The terminal summary of `kamp kano`: what each segment takes for granted,
/// compares on, and would be delighted by.
public struct KanoSummary: Sendable {
    public var analysis: KanoAnalysis
    public var inputs: [InputReport]

    /// Segments shown side by side; more go to kano_features.csv only.
    static let maxSideBySide = 6

    public init(analysis: KanoAnalysis, inputs: [InputReport]) {
        self.analysis = analysis
        self.inputs = inputs
    }

    /// Category order of the summary: what to never fail on first.
    static func order(_ category: KanoCategory) -> Int { KanoCategory.allCases.firstIndex(of: category)! }

    static let legend = "M must-be (never fail there), O one-dimensional (compared on), A attractive (room to delight), "
        + "I indifferent, R reverse, Q questionable; * = Fong-significant"

    /// One segment: its needs by category (M, O, A, I, R, Q), the strongest first.
    func segmentTable(_ segment: String) -> TextTable {
        let rows = analysis.features.filter { $0.segment == segment }.sorted { lhs, rhs in
            let left = Self.order(lhs.evaluation.category), right = Self.order(rhs.evaluation.category)
            if left != right { return left < right }
            if lhs.evaluation.totalStrength != rhs.evaluation.totalStrength {
                return lhs.evaluation.totalStrength > rhs.evaluation.totalStrength
            }
            return lhs.feature < rhs.feature
        }
        var header = ["feature", "category", "n", "better", "worse", "strength"]
        if analysis.hasImportance { header += ["importance", "priority"] }
        return TextTable(header: header, rows: rows.map { row in
            let evaluation = row.evaluation
            var cells = [row.feature, evaluation.category.name + (evaluation.fongSignificant ? " *" : ""),
                         String(evaluation.n), evaluation.better.map { Format.fixed($0, 2) } ?? "",
                         evaluation.worse.map { Format.fixed($0, 2) } ?? "", Format.fixed(evaluation.totalStrength, 2)]
            if analysis.hasImportance {
                cells += [row.importance.map { Format.fixed($0, 1) } ?? "",
                          row.priority.map { "\(Format.fixed($0, 2)) (#\(row.priorityRank!))" } ?? ""]
            }
            return cells
        })
    }

    /// Several segments side by side: category, Better and Worse per feature.
    func sideBySideTable(_ segments: [String]) -> TextTable {
        var cells: [String: [String: String]] = [:]
        for row in analysis.features where segments.contains(row.segment) {
            let evaluation = row.evaluation
            cells[row.feature, default: [:]][row.segment] = evaluation.category.rawValue
                + (evaluation.fongSignificant ? "*" : " ")
                + " " + (evaluation.better.map { Format.fixed($0, 2) } ?? "-")
                + "/" + (evaluation.worse.map { Format.fixed($0, 2) } ?? "-")
        }
        let features = cells.keys.sorted()
        return TextTable(header: ["feature"] + segments,
                         rows: features.map { feature in [feature] + segments.map { cells[feature]?[$0] ?? "" } })
    }

    public var terminal: String {
        var text = ""
        var segments = analysis.segments
        if analysis.segmentedBy == "tier" {
            // Tiers read best from the most demanding down, not alphabetically.
            segments.sort { (Tier(rawValue: $0).map { Tier.allCases.firstIndex(of: $0)! } ?? 99, $0)
                < (Tier(rawValue: $1).map { Tier.allCases.firstIndex(of: $0)! } ?? 99, $1) }
        }
        if segments.count == 1 {
            text += segmentTable(segments[0]).rendered
        } else if segments.count <= Self.maxSideBySide {
            text += "Per \(analysis.segmentedBy): category, Better / Worse\n" + sideBySideTable(segments).rendered
        } else {
            var counts = [KanoCategory: Int]()
            for row in analysis.features { counts[row.evaluation.category, default: 0] += 1 }
            text += "\(segments.count) segments by \(analysis.segmentedBy); needs per category over all segments:\n"
            text += TextTable(header: ["category", "segment x feature"], rows: KanoCategory.allCases.map {
                [$0.name, String(counts[$0] ?? 0)]
            }).rendered
        }
        text += Self.legend + "\n"
        text += "\(analysis.answers) answers from \(analysis.respondents) respondents of "
            + "\(analysis.accountCount) accounts on \(analysis.featureNames.count) features\n"
        if analysis.unsegmentedAnswers > 0 {
            text += "\(analysis.unsegmentedAnswers) answers of accounts without a segment are left out of kano_features\n"
        }
        for input in inputs {
            text += "\(input.role): \(input.rowsRead) rows read, \(input.rowsUsed) used, \(input.rowsRejected) rejected\n"
        }
        let rejected = inputs.reduce(0) { $0 + $1.rowsRejected }
        if rejected > 0 { text += "\(rejected) rejected row\(rejected == 1 ? "" : "s"): see rejects.csv\n" }
        return text
    }
}
