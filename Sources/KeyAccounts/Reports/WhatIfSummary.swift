/// whatif.md and the terminal summary of `kamp whatif`.
extension ScenarioRun {
    /// How many changed accounts whatif.md lists per scenario (whatif_accounts.csv has them all).
    public static let changesShown = 10

    /// Metrics worth a terminal line: the rest are in whatif.csv.
    static let terminalMetrics: [WhatIfMetric] = [.status, .keyAccounts, .keyTurnoverShare, .assignedAccounts,
                                                  .unassignedAccounts, .planCost, .movedShare, .utilisationMax,
                                                  .tierChanges, .managerChanges]

    public var markdown: String {
        let sorted = outcomes.sorted { $0.scenario < $1.scenario }
        var text = "# What if\n\n"
        text += "The baseline is the plan of the base policy and the managers file; each scenario is the same plan "
            + "with its changes. Its sub-directory holds all its `kamp plan` files; whatif.csv has every figure, "
            + "whatif_accounts.csv every account that changes tier or manager.\n\n"
        // One column per scenario, each value with its change against the baseline.
        let header = ["metric", "baseline"] + sorted.map(\.scenario)
        let byScenario = Dictionary(grouping: rows, by: \.scenario)
        var lines: [[String]] = []
        for metric in WhatIfMetric.allCases where metric != .whyNoPlan {
            var line = [metric.rawValue]
            let first = byScenario[sorted.first?.scenario ?? ""]?.first { $0.metric == metric }
            line.append(first?.baseline.display ?? metric.value(baseline, changes: []).display)
            for outcome in sorted {
                let row = byScenario[outcome.scenario]?.first { $0.metric == metric }
                var cell = row?.value.display ?? "-"
                // The change metrics are changes already; a delta that rounds to 0 says nothing.
                if let delta = row?.delta, Format.trimmed(abs(delta), 4) != "0", metric != .tierChanges,
                   metric != .managerChanges, metric != .managerChangesTurnover {
                    cell += " (\(delta > 0 ? "+" : "")\(Format.trimmed(delta, 4)))"
                }
                line.append(cell)
            }
            lines.append(line)
        }
        text += Self.markdownTable(header: header, rows: lines) + "\n"
        if let why = baseline.whyNoPlan { text += "The baseline has no plan: \(why).\n\n" }
        for outcome in sorted {
            text += "## \(outcome.scenario)\n\n"
            if let scenario = scenarios.first(where: { $0.name == outcome.scenario }) {
                text += "File `\(scenario.file)`" + (scenario.description.map { ": \($0)" } ?? "") + ".\n\n"
            }
            let changes = outcome.policyChanges.map { "policy \($0)" } + outcome.teamChanges
            text += changes.isEmpty ? "No change to the base policy or team.\n\n"
                : changes.map { "- \($0)\n" }.joined() + "\n"
            if let why = outcome.figures.whyNoPlan {
                text += "**No plan** (\(outcome.figures.status)): \(why).\n\n"
            }
            guard !outcome.changes.isEmpty else {
                text += outcome.figures.whyNoPlan == nil && baseline.whyNoPlan == nil
                    ? "No account changes tier or manager.\n\n"
                    : "No account changes tier; managers are not compared without two plans.\n\n"
                continue
            }
            let tierCount = outcome.changes.filter(\.tierChanged).count
            let managerCount = outcome.changes.filter(\.managerChanged).count
            text += "\(tierCount) account\(tierCount == 1 ? "" : "s") change tier, \(managerCount) change manager"
            let shown = min(Self.changesShown, outcome.changes.count)
            text += shown < outcome.changes.count ? "; the \(shown) largest by turnover:\n\n" : ":\n\n"
            let changeRows = zip(outcome.changes, outcome.reasons).prefix(shown).map { change, reason in
                [accountIDs[change.index], accountNames[change.index] ?? "", Format.money(change.turnover),
                 change.tierChanged ? "\(change.baselineTier) -> \(change.tier)" : "\(change.tier)",
                 change.managerChanged ? "\(change.baselineManager ?? "none") -> \(change.manager ?? "none")" : (change.manager ?? "none"),
                 reason]
            }
            text += Self.markdownTable(header: ["account", "name", "turnover", "tier", "manager", "why"], rows: changeRows) + "\n"
        }
        return text
    }

    public var terminalSummary: String {
        let sorted = outcomes.sorted { $0.scenario < $1.scenario }
        let byScenario = Dictionary(grouping: rows, by: \.scenario)
        var table = TextTable(header: ["metric", "baseline"] + sorted.map(\.scenario))
        for metric in Self.terminalMetrics {
            var line = [metric.rawValue, metric.value(baseline, changes: []).display]
            for outcome in sorted {
                line.append(byScenario[outcome.scenario]?.first { $0.metric == metric }?.value.display ?? "-")
            }
            table.rows.append(line)
        }
        var text = "what if: \(outcomes.count) scenario\(outcomes.count == 1 ? "" : "s") against the baseline\n" + table.rendered
        for outcome in sorted {
            if let why = outcome.figures.whyNoPlan { text += "\(outcome.scenario): no plan: \(why)\n" }
        }
        return text
    }

    static func markdownTable(header: [String], rows: [[String]]) -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var text = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        text += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return text
    }
}
