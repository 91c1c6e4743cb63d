import Foundation

/// report.html: one self-contained page a sales director opens, reads and
/// forwards to the board.
///
/// CSS, SVG charts and the small script that sorts and filters tables are
/// all inline; the page loads nothing (no font, image, style sheet or
/// script from anywhere), works from a file or an e-mail attachment, and
/// prints. Everything read from an input file is escaped (see `HTML`). The
/// page carries no date or timing, so the same inputs, policy and seed give
/// the same bytes.
public struct Report: Sendable {
    public var inputs: ReportInputs

    public init(_ inputs: ReportInputs) { self.inputs = inputs }

    /// The figures at the head of the page and of summary.md.
    public var headline: ReportHeadline { ReportHeadline(inputs) }

    /// One section of the page: an anchor, its heading, and what draws it.
    struct Section {
        var id: String
        var heading: String
        var draw: (inout HTML) -> Void
    }

    /// The sections in reading order; a section whose stage did not run is absent.
    var sections: [Section] {
        var sections = [
            Section(id: "headline", heading: ReportHeadings.headline) { headlineSection(&$0) },
            Section(id: "pareto", heading: ReportHeadings.pareto) { paretoSection(&$0) },
            Section(id: "tiers", heading: ReportHeadings.tiers) { tiersSection(&$0) },
            Section(id: "map", heading: ReportHeadings.map) { mapSection(&$0) },
        ]
        if let clusters = inputs.clusters {
            sections.append(Section(id: "clusters", heading: ReportHeadings.clusters) { clusterSection(&$0, clusters) })
        }
        if let kano = inputs.kano {
            sections.append(Section(id: "needs", heading: ReportHeadings.needs) { kanoSection(&$0, kano) })
        }
        if let plan = inputs.plan {
            sections.append(Section(id: "utilisation", heading: ReportHeadings.utilisation) { utilisationSection(&$0, plan) })
            sections.append(Section(id: "assignments", heading: ReportHeadings.assignments) { assignmentSection(&$0, plan) })
        }
        sections.append(Section(id: "borderline", heading: ReportHeadings.borderline) { borderlineSection(&$0) })
        sections.append(Section(id: "rejects", heading: ReportHeadings.rejects) { rejectsSection(&$0) })
        return sections
    }

    /// The whole page.
    public var html: String {
        var html = HTML()
        let sections = self.sections
        html.trusted("<!DOCTYPE html>\n")
        html.element("html", ["lang": "en"]) { html in
            html.element("head") { html in
                html.empty("meta", ["charset": "utf-8"])
                html.empty("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                // No request may leave the page, not even for a favicon.
                html.empty("meta", ["http-equiv": "Content-Security-Policy",
                                    "content": "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"])
                html.empty("link", ["rel": "icon", "href": "data:,"])
                html.element("title", text: "Key account plan: \(inputs.tiered.accounts.count) accounts")
                html.element("style") { $0.trusted(ReportStyle.css) }
            }
            html.element("body") { html in
                html.element("header") { html in
                    html.element("h1", text: "Key account plan")
                    html.element("p", ["class": "sub"], text: provenanceLine)
                    html.element("nav") { html in
                        for section in sections {
                            html.element("a", ["href": "#" + section.id], text: section.heading)
                        }
                    }
                }
                html.element("main") { html in
                    for section in sections {
                        html.element("section", ["id": section.id]) { html in
                            html.element("h2", text: section.heading)
                            section.draw(&html)
                        }
                    }
                }
                html.element("footer") { html in footer(&html) }
                html.element("script") { $0.trusted(ReportScript.javascript) }
            }
        }
        return html.output + "\n"
    }

    var provenanceLine: String {
        let files = inputs.inputs.map { "\($0.role) \(Self.fileName($0.path))" }.joined(separator: ", ")
        return "kamp \(kampVersion) \(inputs.command) on \(files); seed \(inputs.policy.seed)"
    }

    /// A policy share as a percentage with only the digits it has: 0.8 -> "80 %", 0.825 -> "82.5 %".
    static func share(_ value: Double) -> String { Format.trimmed(value * 100, 2) + " %" }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    // MARK: - Sections

    func headlineSection(_ html: inout HTML) {
        html.element("div", ["class": "cards"]) { html in
            for figure in headline.figures {
                html.element("div", ["class": "card"]) { html in
                    html.element("div", ["class": "label"], text: figure.label)
                    html.element("div", ["class": "value"], text: figure.value)
                    if !figure.detail.isEmpty { html.element("div", ["class": "detail"], text: figure.detail) }
                }
            }
        }
        html.element("p", ["class": "note"], text: "Policy: \(TierSummary(tiered: inputs.tiered, inputs: []).policyLine).")
    }

    func paretoSection(_ html: inout HTML) {
        let tiered = inputs.tiered
        // Ranks are 1...n without gaps: each client goes straight to its place.
        var cumulative = [Double](repeating: 0, count: tiered.decisions.count)
        for decision in tiered.decisions { cumulative[decision.abc.rank - 1] = decision.abc.cumulativeShare }
        var classCounts = [ABCClass: Int]()
        var classTurnover = [ABCClass: Double]()
        for index in tiered.decisions.indices {
            let abcClass = tiered.decisions[index].abc.abcClass
            classCounts[abcClass, default: 0] += 1
            classTurnover[abcClass, default: 0] += tiered.accounts[index].turnover
        }
        let n = Double(max(cumulative.count, 1))
        let a = classCounts[.a] ?? 0, b = classCounts[.b] ?? 0
        let policy = inputs.policy
        let chart = ParetoChart(
            curve: ParetoChart.curve(cumulativeShares: cumulative),
            cutoffs: [(policy.abc.a, "A cut-off \(Self.share(policy.abc.a))"), (policy.abc.b, "B cut-off \(Self.share(policy.abc.b))")],
            classEnds: [(Double(a) / n, "A: \(Format.grouped(Double(a))) clients"),
                        (Double(a + b) / n, "A + B: \(Format.grouped(Double(a + b)))")])
        chart.draw(&html, label: "Cumulative share of turnover against share of clients, largest first")
        // Summed in class order: the same additions on every run.
        let total = ABCClass.allCases.reduce(0) { $0 + (classTurnover[$1] ?? 0) }
        html.element("p", ["class": "note"],
                     text: "Clients ranked by turnover (ties by account_id). A client is class A while the turnover ranked "
                         + "above it is below \(Self.share(policy.abc.a)) of the total, B below \(Self.share(policy.abc.b)), "
                         + "C otherwise; zero turnover is C.")
        table(&html, header: ["class", "clients", "share of clients", "turnover", "share of turnover"],
              numeric: [false, true, true, true, true],
              rows: ABCClass.allCases.map { abcClass in
                  let count = classCounts[abcClass] ?? 0, turnover = classTurnover[abcClass] ?? 0
                  return [abcClass.rawValue, Format.grouped(Double(count)), Format.percent(Double(count) / n),
                          Format.money(turnover), Format.percent(total > 0 ? turnover / total : 0)]
              })
    }

    func tiersSection(_ html: inout HTML) {
        let tiered = inputs.tiered
        let counts = tiered.countsByTier
        let total = counts.reduce(0) { $0 + $1.turnover }
        let accounts = Double(max(tiered.accounts.count, 1))
        html.element("div", ["class": "two"]) { html in
            html.element("div") { html in
                html.element("h3", text: "Clients per tier")
                BarChart(bars: counts.map { entry in
                    Bar(label: entry.tier.rawValue, value: Double(entry.count), valueLabel: Format.grouped(Double(entry.count)),
                        colourClass: "t-\(entry.tier.rawValue)")
                }, labelWidth: 80, width: 440, valueWidth: 70).draw(&html, label: "Number of clients per tier")
            }
            html.element("div") { html in
                html.element("h3", text: "Turnover per tier")
                BarChart(bars: counts.map { entry in
                    Bar(label: entry.tier.rawValue, value: entry.turnover,
                        valueLabel: "\(Format.money(entry.turnover)) (\(Format.percent(total > 0 ? entry.turnover / total : 0)))",
                        colourClass: "t-\(entry.tier.rawValue)")
                }, labelWidth: 80, width: 440, valueWidth: 130).draw(&html, label: "Turnover per tier")
            }
        }
        table(&html, header: ["tier", "clients", "share of clients", "turnover", "share of turnover"],
              numeric: [false, true, true, true, true],
              rows: counts.map { entry in
                  [entry.tier.rawValue, Format.grouped(Double(entry.count)), Format.percent(Double(entry.count) / accounts),
                   Format.money(entry.turnover), Format.percent(total > 0 ? entry.turnover / total : 0)]
              })
        let summary = TierSummary(tiered: tiered, inputs: [])
        let flags = summary.flagCounts
        if !flags.isEmpty {
            html.element("p", ["class": "note"], text: "Flags: " + flags.map { "\($0.0) \(Format.grouped(Double($0.1)))" }
                .joined(separator: ", ") + ". solvency_risk: a candidate taken out for its solvency zone; over_cap: beyond "
                + "key.max_accounts; missing_*: a score criterion without input.")
        }
        let top = summary.topKeyAccounts(15)
        if !top.isEmpty {
            html.element("h3", text: "Best-scoring key accounts")
            table(&html, header: ["rank", "account", "name", "tier", "score", "turnover"],
                  numeric: [true, false, false, false, true, true], rows: top)
        }
    }

    /// Clients drawn on the map: all of them up to `mapPointLimit`, else
    /// the key accounts with the largest turnover first and every k-th other
    /// client (in account_id order) to fill the rest, so a million clients
    /// stay a page that opens.
    static let mapPointLimit = 4_000

    static func sampledIndices(_ tiered: TieredPortfolio, limit: Int) -> (indices: [Int], sampled: Bool) {
        let n = tiered.accounts.count
        guard n > limit else { return (tiered.indicesByID, false) }
        let key = tiered.decisions.indices.filter { tiered.decisions[$0].tier.isKeyAccount }
            .sorted { tiered.decisions[$0].abc.rank < tiered.decisions[$1].abc.rank }
            .prefix(limit * 3 / 4)
        let others = tiered.indicesByID.filter { !tiered.decisions[$0].tier.isKeyAccount }
        let room = limit - key.count
        let stride = max(1, (others.count + room - 1) / max(room, 1))
        let picked = Swift.stride(from: 0, to: others.count, by: stride).map { others[$0] }.prefix(room)
        return (Array(key) + picked, true)
    }

    func mapSection(_ html: inout HTML) {
        let tiered = inputs.tiered
        let (indices, sampled) = Self.sampledIndices(tiered, limit: Self.mapPointLimit)
        let tiers = Tier.allCases
        var points: [ScatterPoint] = []
        points.reserveCapacity(indices.count)
        var countries = Set<String>()
        for index in indices {
            let account = tiered.accounts[index], tier = tiered.decisions[index].tier
            let location = account.location
            countries.insert(account.hqCountry.rawValue)
            let isKey = tier.isKeyAccount
            points.append(ScatterPoint(
                x: location.longitude, y: location.latitude, series: tiers.firstIndex(of: tier)!,
                radius: isKey ? 4.5 : 2,
                title: isKey ? "\(account.name ?? account.id) (\(account.id)): \(tier.rawValue), \(Format.money(account.turnover))" : nil))
        }
        var marks: [ScatterMark] = countries.sorted().compactMap { code in
            CountryTable.byCode[code].map { country in
                ScatterMark(x: country.capitalLocation.longitude, y: country.capitalLocation.latitude, shape: .label, text: code)
            }
        }
        let managers = inputs.managers ?? []
        let labelManagers = managers.count <= 60
        marks += managers.sorted { $0.id < $1.id }.map { manager in
            ScatterMark(x: manager.location.longitude, y: manager.location.latitude, shape: .square,
                        text: labelManagers ? manager.id : "",
                        title: labelManagers ? "\(manager.name ?? manager.id) (\(manager.id)), base \(manager.baseCountry)" : nil)
        }
        // Draw standard clients first so key accounts lie on top of them.
        let series = tiers.map { ChartSeries(name: $0.rawValue, colourClass: "t-\($0.rawValue)") }
        let orderedPoints = [3, 2, 1, 0].flatMap { slot in points.filter { $0.series == slot } }
        func stretch(_ latitudes: (Double, Double)) -> Double { max(0.2, cos((latitudes.0 + latitudes.1) / 2 * .pi / 180)) }
        let zoom = Self.mainArea(points)
        let outside = zoom.map { window in
            points.filter { !(window.x.0 <= $0.x && $0.x <= window.x.1 && window.y.0 <= $0.y && $0.y <= window.y.1) }.count
        } ?? 0
        if let zoom, outside > 0 {
            html.element("h3", text: "Main area")
            ScatterChart(points: orderedPoints, series: series, marks: marks, xLabel: "longitude", yLabel: "latitude",
                         xStretch: stretch(zoom.y), maxHeight: 620, window: zoom)
                .draw(&html, label: "Clients of the main area by head-office position, coloured by tier")
            html.element("h3", text: "World (\(Format.grouped(Double(outside))) clients outside the main area)")
            let world = marks.map { ScatterMark(x: $0.x, y: $0.y, shape: $0.shape, text: $0.shape == .square ? "" : $0.text,
                                                title: $0.title) }
            let latitudes = points.map(\.y) + world.map(\.y)
            ScatterChart(points: orderedPoints, series: series, marks: world, xLabel: "longitude", yLabel: "latitude",
                         xStretch: stretch((latitudes.min() ?? 0, latitudes.max() ?? 0)), maxHeight: 360)
                .draw(&html, label: "All clients by head-office position, coloured by tier")
        } else {
            let latitudes = points.map(\.y)
            ScatterChart(points: orderedPoints, series: series, marks: marks, xLabel: "longitude", yLabel: "latitude",
                         xStretch: stretch((latitudes.min() ?? 0, latitudes.max() ?? 0)), maxHeight: 620)
                .draw(&html, label: "Clients by head-office position, coloured by tier")
        }
        var legend = series
        if !managers.isEmpty { legend.append(ChartSeries(name: "manager base", colourClass: "base-sw")) }
        chartLegend(&html, legend)
        var note = "Equirectangular projection: x is longitude (scaled by cos of the middle latitude), y latitude. "
            + "Clients without coordinates sit on their country's capital; grey codes mark the capitals."
        if sampled {
            note += " \(Format.grouped(Double(indices.count))) of \(Format.grouped(Double(tiered.accounts.count))) clients "
                + "are drawn: the key accounts with the largest turnover, then every few other clients by account_id."
        }
        html.element("p", ["class": "note"], text: note)
    }

    /// The window holding most clients: from the 5th to the 95th percentile
    /// of longitude and latitude, widened by a quarter on each side (at
    /// least 2 degrees), so one far-away client does not shrink the home
    /// market to a dot. `nil` for an empty portfolio.
    static func mainArea(_ points: [ScatterPoint]) -> (x: (Double, Double), y: (Double, Double))? {
        guard !points.isEmpty else { return nil }
        func range(_ values: [Double], limits: (Double, Double)) -> (Double, Double) {
            let sorted = values.sorted()
            let low = sorted[Int(Double(sorted.count - 1) * 0.05)], high = sorted[Int(Double(sorted.count - 1) * 0.95)]
            let margin = max((high - low) * 0.25, 2)
            return (max(limits.0, low - margin), min(limits.1, high + margin))
        }
        return (range(points.map(\.x), limits: (-180, 180)), range(points.map(\.y), limits: (-90, 90)))
    }

    func kanoSection(_ html: inout HTML, _ kano: KanoAnalysis) {
        let byTier = kano.regrouped(by: .byTier(inputs.tiered))
        let segments = Tier.allCases.map(\.rawValue).filter { byTier.segments.contains($0) }
        html.element("p", ["class": "note"],
                     text: "Each need as the clients of a tier answered it: Better = (A + O) / (A + O + M + I) is the "
                         + "satisfaction it adds when present, |Worse| = (O + M) / (A + O + M + I) the dissatisfaction "
                         + "when missing. Must-be needs (bottom right) are never to fail; attractive ones (top left) "
                         + "delight. * marks a category the Fong test finds significant.")
        chartLegend(&html, [KanoCategory.mustBe, .oneDimensional, .attractive, .indifferent, .reverse, .questionable]
            .map { ChartSeries(name: $0.name, colourClass: "k-\($0.rawValue)") })
        html.element("div", ["class": "two"]) { html in
            for segment in segments {
                let rows = byTier.features.filter { $0.segment == segment }
                html.element("div", ["class": "kano"]) { html in
                    let respondents = rows.map(\.evaluation.n).max() ?? 0
                    html.element("h3", text: "\(segment): \(rows.count) needs, up to \(respondents) answers each")
                    QuadrantChart(points: rows.compactMap { row in
                        guard let better = row.evaluation.better, let worse = row.evaluation.worse else { return nil }
                        return QuadrantChart.Point(
                            worse: abs(worse), better: better, label: row.feature,
                            colourClass: "k-\(row.evaluation.category.rawValue)",
                            title: "\(row.feature): \(row.evaluation.category.name), Better \(Format.fixed(better, 2)), "
                                + "Worse \(Format.fixed(worse, 2)), n \(row.evaluation.n)")
                    }).draw(&html, label: "Kano diagram of the \(segment) tier")
                    let sorted = rows.sorted { lhs, rhs in
                        let left = KanoSummary.order(lhs.evaluation.category), right = KanoSummary.order(rhs.evaluation.category)
                        if left != right { return left < right }
                        return (lhs.evaluation.totalStrength, rhs.feature) > (rhs.evaluation.totalStrength, lhs.feature)
                    }
                    table(&html, header: ["need", "category", "n", "Better", "Worse"], numeric: [false, false, true, true, true],
                          rows: sorted.map { row in
                              let evaluation = row.evaluation
                              return [row.feature, evaluation.category.name + (evaluation.fongSignificant ? " *" : ""),
                                      String(evaluation.n), evaluation.better.map { Format.fixed($0, 2) } ?? "",
                                      evaluation.worse.map { Format.fixed($0, 2) } ?? ""]
                          })
                }
            }
        }
        if segments.isEmpty {
            html.element("p", text: "No surveyed client is in the tiering.")
        }
    }

    /// Rows of rejects.csv shown on the page; the file has them all.
    static let rejectRowLimit = 200

    func rejectsSection(_ html: inout HTML) {
        let rejects = inputs.rejects.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        table(&html, header: ["file", "path", "rows read", "used", "rejected"], numeric: [false, false, true, true, true],
              rows: inputs.inputs.map { [$0.role, Self.fileName($0.path), Format.grouped(Double($0.rowsRead)),
                                         Format.grouped(Double($0.rowsUsed)), Format.grouped(Double($0.rowsRejected))] })
        guard !rejects.isEmpty else {
            html.element("p", text: "Every row of every input was usable.")
            return
        }
        var reasons: [String: Int] = [:]
        for reject in rejects { reasons[reject.reason, default: 0] += 1 }
        let common = reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(10)
        html.element("h3", text: "Most frequent reasons")
        table(&html, header: ["reason", "rows"], numeric: [false, true],
              rows: common.map { [$0.key, Format.grouped(Double($0.value))] })
        html.element("h3", text: rejects.count > Self.rejectRowLimit
                     ? "The first \(Self.rejectRowLimit) of \(Format.grouped(Double(rejects.count))) rejected rows (all are in rejects.csv)"
                     : "Rejected rows")
        table(&html, header: ["file", "line", "account_id", "column", "value", "reason"],
              numeric: [false, true, false, false, false, false],
              rows: rejects.prefix(Self.rejectRowLimit).map {
                  [Self.fileName($0.file), String($0.line), $0.accountID, $0.column, $0.value, $0.reason]
              }, id: "rejects-table", interactive: true)
    }

    func footer(_ html: inout HTML) {
        html.element("p") { html in
            html.text("Made by kamp \(kampVersion) (command \(inputs.command), seed \(inputs.policy.seed)). Inputs: ")
            html.text(inputs.inputs.map { "\(Self.fileName($0.path)) (sha256 \($0.sha256.prefix(12)))" }.joined(separator: ", "))
            html.text(". The tables behind every chart are in the same folder: tiers.csv, rejects.csv, run.json.")
        }
    }

    // MARK: - Tables

    /// A table; `numeric` right-aligns a column. With `interactive` the
    /// page's script makes its headers sort and adds a filter box.
    func table(_ html: inout HTML, header: [String], numeric: [Bool], rows: [[String]], id: String? = nil,
               interactive: Bool = false) {
        html.element("div", ["class": "table-wrap"]) { html in
            if interactive, let id {
                html.empty("input", ["type": "search", "class": "filter", "data-table": id,
                                     "placeholder": "Filter rows…", "aria-label": "Filter the rows of this table"])
            }
            html.element("table", ["id": id, "class": interactive ? "sortable" : nil]) { html in
                html.element("thead") { html in
                    html.element("tr") { html in
                        for (column, name) in header.enumerated() {
                            html.element("th", ["class": numeric[column] ? "num" : nil], text: name)
                        }
                    }
                }
                html.element("tbody") { html in
                    for row in rows {
                        html.element("tr") { html in
                            for (column, cell) in row.enumerated() {
                                html.element("td", ["class": numeric[column] ? "num" : nil], text: cell)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The headings of report.html's sections, fixed so that scripts (and the
/// browser check) can find them.
public enum ReportHeadings {
    public static let headline = "Headline figures"
    public static let pareto = "Turnover concentration"
    public static let tiers = "Tiers"
    public static let map = "Where the clients are"
    public static let clusters = "Client clusters"
    public static let needs = "Needs by tier (Kano)"
    public static let utilisation = "Manager utilisation"
    public static let assignments = "Assignments"
    public static let borderline = "Borderline accounts"
    public static let rejects = "Rejected rows"
}

extension OutputDirectory {
    /// Writes report.html; returns the file name.
    @discardableResult
    public func writeReport(_ inputs: ReportInputs) throws(KeyAccountsError) -> String {
        try write(text: Report(inputs).html, to: "report.html")
    }
}
