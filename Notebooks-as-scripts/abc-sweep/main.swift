// What-if: how many key accounts, and how much of the turnover do they cover,
// as the A cut-off of the ABC analysis moves from 60 % to 90 %?
//
// Run: swift run abc-sweep [path/to/accounts.csv]

import Foundation
import KeyAccounts

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let accountsPath = CommandLine.arguments.dropFirst().first ?? packageRoot.appendingPathComponent("Datasets/accounts.csv").path

let loaded = try InputFiles.readAccounts(path: accountsPath)
let portfolio = loaded.value
let total = portfolio.accounts.reduce(0) { $0 + $1.turnover }
print("\(portfolio.accounts.count) accounts from \(accountsPath) (\(loaded.rejects.count) rejected), total turnover \(Format.money(total))")
print()

var table = TextTable(header: ["abc.a", "key accounts", "global", "national", "key", "held back (solvency)", "share of turnover"])
for step in 0...6 {
    var policy = Policy()
    policy.abc.a = 0.60 + 0.05 * Double(step)
    policy.abc.b = max(policy.abc.b, policy.abc.a)
    let tiered = portfolio.tiered(by: policy)
    let counts = tiered.countsByTier
    let keyCount = counts.filter { $0.tier.isKeyAccount }.reduce(0) { $0 + $1.count }
    let keyTurnover = counts.filter { $0.tier.isKeyAccount }.reduce(0) { $0 + $1.turnover }
    let heldBack = tiered.decisions.filter(\.excludedBySolvency).count
    func count(_ tier: Tier) -> String { String(counts.first { $0.tier == tier }!.count) }
    table.rows.append([Format.fixed(policy.abc.a, 2), String(keyCount), count(.global), count(.national), count(.key),
                       String(heldBack), Format.percent(total > 0 ? keyTurnover / total : 0)])
}
print(table.rendered)
print("Each step of 5 points adds the clients just below the cut-off; 'held back' are candidates in financial distress.")
