/// The headline figures of a tiering, for summary.md and the terminal.
public struct TierSummary: Sendable {
    public var tiered: TieredPortfolio
    public var inputs: [InputReport]

    public init(tiered: TieredPortfolio, inputs: [InputReport]) {
        self.tiered = tiered
        self.inputs = inputs
    }

    var totalTurnover: Double {
        let accounts = tiered.accounts
        var total = 0.0
        for index in accounts.indices { total += accounts[index].turnover }
        return total
    }

    /// Rows: tier, accounts, turnover, share of turnover.
    var tierRows: [[String]] {
        let total = totalTurnover
        let countsByTier = tiered.countsByTier
        var rows = countsByTier.map { entry in
            [entry.tier.rawValue, Format.grouped(Double(entry.count)), Format.money(entry.turnover),
             Format.percent(total > 0 ? entry.turnover / total : 0)]
        }
        let key = countsByTier.filter { $0.tier.isKeyAccount }
        let keyTurnover = key.reduce(0) { $0 + $1.turnover }
        rows.append(["all key accounts", Format.grouped(Double(key.reduce(0) { $0 + $1.count })), Format.money(keyTurnover),
                     Format.percent(total > 0 ? keyTurnover / total : 0)])
        return rows
    }

    var inputRows: [[String]] {
        inputs.map { [$0.role, $0.path, String($0.rowsRead), String($0.rowsUsed), String($0.rowsRejected)] }
    }

    /// Flag -> number of clients, sorted by flag.
    var flagCounts: [(String, Int)] {
        // Counted by kind in plain integers: comparing flag names per client
        // was a tenth of writing the outputs at a million clients.
        var solvencyRisk = 0, overCap = 0, altmanIncomplete = 0
        var missing = [Int](repeating: 0, count: ScoreCriterion.allCases.count)
        var review: [String: Int] = [:]
        for index in tiered.decisions.indices {
            let decision = tiered.decisions[index]
            if decision.excludedBySolvency { solvencyRisk += 1 }
            if decision.overCap { overCap += 1 }
            if decision.solvency.altmanIncomplete { altmanIncomplete += 1 }
            for (slot, criterion) in ScoreCriterion.allCases.enumerated() where decision.score.contributions[criterion] == nil {
                missing[slot] += 1
            }
            for position in decision.reviewFlags.indices { review[decision.reviewFlags[position], default: 0] += 1 }
        }
        var counts = review.map { ($0.key, $0.value) }
        counts += [(TierDecision.solvencyRiskFlag, solvencyRisk), (TierDecision.overCapFlag, overCap),
                   (TierDecision.altmanIncompleteFlag, altmanIncomplete)]
        counts += ScoreCriterion.allCases.enumerated().map { ($0.element.missingFlag, missing[$0.offset]) }
        return counts.filter { $0.1 > 0 }.sorted { $0.0 < $1.0 }
    }

    /// The best-scoring key accounts, at most `limit`.
    func topKeyAccounts(_ limit: Int) -> [[String]] {
        // The `limit` smallest score ranks among key accounts, in one pass
        // (ranks are distinct, so the order is that of a full sort).
        var top: [Int] = []
        for index in tiered.decisions.indices where tiered.decisions[index].tier.isKeyAccount {
            let rank = tiered.decisions[index].scoreRank
            guard top.count < limit || rank < tiered.decisions[top[top.count - 1]].scoreRank else { continue }
            let position = top.firstIndex { rank < tiered.decisions[$0].scoreRank } ?? top.count
            top.insert(index, at: position)
            if top.count > limit { top.removeLast() }
        }
        return top.map { index in
            let account = tiered.accounts[index], decision = tiered.decisions[index]
            return [String(decision.scoreRank), account.id, account.name ?? "", decision.tier.rawValue,
                    Format.fixed(decision.score.value, 3), Format.money(account.turnover)]
        }
    }

    var policyLine: String {
        let policy = tiered.policy
        var parts = ["abc.a \(Format.compact(policy.abc.a))", "abc.b \(Format.compact(policy.abc.b))",
                     "key.classes [\(policy.key.classes.map(\.rawValue).joined(separator: " "))]"]
        if let minimum = policy.key.minScore { parts.append("key.min_score \(Format.compact(minimum))") }
        if let cap = policy.key.maxAccounts { parts.append("key.max_accounts \(cap)") }
        parts.append("exclude_solvency [\(policy.key.excludeSolvency.map(\.rawValue).joined(separator: " "))]")
        parts.append("global >= \(policy.scope.globalMinCountries) countries")
        parts.append("national >= \(policy.scope.nationalMinRegions) regions")
        if let home = policy.homeCountry { parts.append("home_country \(home)") }
        return parts.joined(separator: ", ")
    }

    public var markdown: String {
        var text = "# Key account tiers\n\n"
        text += "Policy: \(policyLine).\n\n"
        text += "## Inputs\n\n" + Markdown.table(header: ["file", "path", "rows read", "used", "rejected"], rows: inputRows)
        let rejected = inputs.reduce(0) { $0 + $1.rowsRejected }
        if rejected > 0 { text += "\n\(rejected) rejected row\(rejected == 1 ? "" : "s") are listed in rejects.csv with the reason.\n" }
        text += "\n## Tiers\n\n" + Markdown.table(header: ["tier", "accounts", "turnover", "share of turnover"], rows: tierRows)
        let flags = flagCounts
        if !flags.isEmpty {
            text += "\n## Flags\n\n" + Markdown.table(header: ["flag", "accounts"], rows: flags.map { [$0.0, String($0.1)] })
        }
        let top = topKeyAccounts(15)
        if !top.isEmpty {
            text += "\n## Best-scoring key accounts\n\n"
                + Markdown.table(header: ["rank", "account", "name", "tier", "score", "turnover"], rows: top)
        }
        return text
    }

    public var terminal: String {
        var text = TextTable(header: ["tier", "accounts", "turnover", "share"], rows: tierRows).rendered
        let rejected = inputs.reduce(0) { $0 + $1.rowsRejected }
        let read = inputs.map { input in
            "\(input.role): \(Format.grouped(Double(input.rowsRead))) row\(input.rowsRead == 1 ? "" : "s") read, "
                + "\(Format.grouped(Double(input.rowsUsed))) used, "
                + "\(Format.grouped(Double(input.rowsRejected))) rejected"
        }
        text += "\n" + read.joined(separator: "\n") + "\n"
        if rejected > 0 { text += "\(rejected) rejected row\(rejected == 1 ? "" : "s"): see rejects.csv\n" }
        return text
    }
}

enum Markdown {
    /// A GitHub-flavoured Markdown table; `|` in cells is escaped.
    static func table(header: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return line(header) + line(header.map { _ in "---" }) + rows.map(line).joined()
    }
}

import Foundation
