/// Everything report.html is drawn from: the result of each stage that ran.
///
/// A run fills in what it has; every section of the page is a function of
/// one stage's result and is left out when that stage did not run (no
/// survey: no Kano diagrams; no managers: no utilisation bars).
public struct ReportInputs: Sendable {
    /// The command that made the page (`plan`, `demo`).
    public var command: String
    /// The input files as read: path, sha256, rows read / used / rejected.
    public var inputs: [InputReport]
    /// Every rejected row of every input.
    public var rejects: [Reject]
    /// The tier decision of every client (and the policy it was made under).
    public var tiered: TieredPortfolio
    /// The account managers, when a managers file was read: their bases go on the map.
    public var managers: [Manager]?
    /// The Kano analysis of the survey, any segmentation: the report groups
    /// its per-account results by tier itself.
    public var kano: KanoAnalysis?
    /// The k-means segmentation, aligned with `tiered.accounts`.
    public var clusters: PortfolioClusters?
    /// The weight-perturbation check (`score.robustness.enabled`).
    public var robustness: ScoreRobustness?
    /// Who serves which key account (or why no plan exists).
    public var plan: AssignmentPlan?

    public init(command: String, inputs: [InputReport], rejects: [Reject], tiered: TieredPortfolio,
                managers: [Manager]? = nil, kano: KanoAnalysis? = nil, clusters: PortfolioClusters? = nil,
                robustness: ScoreRobustness? = nil, plan: AssignmentPlan? = nil) {
        self.command = command
        self.inputs = inputs
        self.rejects = rejects
        self.tiered = tiered
        self.managers = managers
        self.kano = kano
        self.clusters = clusters
        self.robustness = robustness
        self.plan = plan
    }

    public var policy: Policy { tiered.policy }
}

/// One figure of the headline: "Key accounts: 312 (24 global, 88 national, 200 key)".
public struct HeadlineFigure: Hashable, Codable, Sendable {
    public var label: String
    /// The figure itself, formatted ("312", "83.4 %", "1.23 M").
    public var value: String
    /// What it is made of or compared with, in words; may be empty.
    public var detail: String

    public init(label: String, value: String, detail: String = "") {
        self.label = label
        self.value = value
        self.detail = detail
    }
}

/// The figures a director reads first, in the order they are shown: the
/// same list heads report.html and summary.md.
public struct ReportHeadline: Hashable, Codable, Sendable {
    public var figures: [HeadlineFigure]

    public init(figures: [HeadlineFigure]) { self.figures = figures }

    /// Each stage contributes its figures; stages that did not run add none.
    public init(_ report: ReportInputs) {
        figures = report.tiered.headlineFigures(inputs: report.inputs)
        if let managers = report.managers {
            let capacity = managers.reduce(0) { $0 + $1.capacityHours }
            figures.append(HeadlineFigure(label: "Account managers", value: String(managers.count),
                                          detail: "\(Format.grouped(capacity)) hours of capacity a year"))
        }
        if let plan = report.plan { figures += plan.headlineFigures() }
        if let clusters = report.clusters { figures.append(clusters.headlineFigure) }
        if let kano = report.kano { figures.append(kano.headlineFigure) }
    }

    /// A Markdown table for summary.md, readable as plain text in an e-mail.
    public var markdown: String {
        "## Headline figures\n\n"
            + Markdown.table(header: ["figure", "value", "detail"], rows: figures.map { [$0.label, $0.value, $0.detail] })
    }
}

extension TieredPortfolio {
    /// Accounts, key accounts per tier and the share of turnover they cover.
    func headlineFigures(inputs: [InputReport]) -> [HeadlineFigure] {
        let counts = countsByTier
        let total = counts.reduce(0) { $0 + $1.turnover }
        let key = counts.filter { $0.tier.isKeyAccount }
        let keyCount = key.reduce(0) { $0 + $1.count }
        let keyTurnover = key.reduce(0) { $0 + $1.turnover }
        let accountsInput = inputs.first { $0.role == "accounts" }
        let rejected = accountsInput?.rowsRejected ?? 0
        return [
            HeadlineFigure(label: "Accounts", value: Format.grouped(Double(accounts.count)),
                           detail: "\(Format.money(total)) turnover"
                               + (rejected > 0 ? "; \(Format.grouped(Double(rejected))) row\(rejected == 1 ? "" : "s") rejected" : "")),
            HeadlineFigure(label: "Key accounts", value: Format.grouped(Double(keyCount)),
                           detail: key.map { "\(Format.grouped(Double($0.count))) \($0.tier.rawValue)" }.joined(separator: ", ")),
            HeadlineFigure(label: "Turnover they cover", value: Format.percent(total > 0 ? keyTurnover / total : 0),
                           detail: "\(Format.money(keyTurnover)) of \(Format.money(total))"),
        ]
    }
}

extension KanoAnalysis {
    /// How many needs were asked of how many respondents.
    var headlineFigure: HeadlineFigure {
        HeadlineFigure(label: "Needs surveyed", value: String(featureNames.count),
                       detail: "\(Format.grouped(Double(respondents))) respondents of \(Format.grouped(Double(accountCount))) accounts")
    }
}

extension PortfolioClusters {
    /// How many client groups, and how well separated.
    var headlineFigure: HeadlineFigure {
        let largest = profiles.first.map { "largest by turnover: \($0.label), \(Format.percent($0.turnoverShare))" } ?? ""
        return HeadlineFigure(label: "Client clusters", value: String(k),
                              detail: "silhouette \(silhouette.map { Format.fixed($0, 2) } ?? "undefined"); \(largest)")
    }
}

extension Format {
    /// An integer with thin groups of three digits for reading: 1234567 -> "1,234,567".
    public static func grouped(_ value: Double) -> String {
        let digits = trimmed(value.rounded(), 0)
        let negative = digits.hasPrefix("-")
        let body = Array(negative ? digits.dropFirst() : Substring(digits))
        var text = ""
        for (index, digit) in body.enumerated() {
            if index > 0 && (body.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return (negative ? "-" : "") + text
    }
}
