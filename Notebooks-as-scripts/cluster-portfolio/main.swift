// What kinds of clients do we have? Cluster the bundled sample, read the
// profiles, cross them with the tiers, and list the clients that look like
// key accounts by their cluster but are not key under the current policy.
//
// Run: swift run cluster-portfolio [path/to/accounts.csv [path/to/survey.csv]]

import Foundation
import KeyAccounts

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let arguments = Array(CommandLine.arguments.dropFirst())
let accountsPath = arguments.first ?? packageRoot.appendingPathComponent("Datasets/accounts.csv").path
let surveyPath = arguments.count > 1 ? arguments[1] : packageRoot.appendingPathComponent("Datasets/survey.csv").path

// The same call as `kamp cluster`: read, tier (the profiles show the tier mix), cluster.
var policy = Policy()
policy.cluster.k = .fixed(6)
let run = try ClusterRun.run(accountsPath: accountsPath, surveyPath: surveyPath, policy: policy, strict: false, out: nil)
let clusters = run.clusters
let tiered = run.tiered
print("\(tiered.accounts.count) accounts from \(accountsPath), clustered on \(clusters.features.map(\.rawValue).joined(separator: ", "))")
print()

// 1. Profiles: each feature's mean in its own unit (log_turnover is ln(1 + turnover)).
print(run.terminalSummary)

// 2. Cluster x tier: how the policy's tiers spread over the kinds of clients.
var crossTable = TextTable(header: ["cluster", "label"] + Tier.allCases.map(\.rawValue) + ["key share"])
for profile in clusters.profiles {
    let key = Tier.allCases.filter(\.isKeyAccount).reduce(0) { $0 + profile.count(of: $1) }
    crossTable.rows.append([String(profile.number), profile.label] + profile.tierCounts.map(String.init)
                           + [Format.percent(Double(key) / Double(max(1, profile.size)))])
}
print("Cluster x tier")
print(crossTable.rendered)

// 3. Key-like clusters: at least half of their clients are key accounts (or,
//    if no cluster gets there, the one with the highest key share). Their
//    standard clients resemble key accounts but the policy does not make them key.
let keyShares = clusters.profiles.map { profile in
    Double(Tier.allCases.filter(\.isKeyAccount).reduce(0) { $0 + profile.count(of: $1) }) / Double(max(1, profile.size))
}
var keyLike = Set(clusters.profiles.indices.filter { keyShares[$0] >= 0.5 }.map { $0 + 1 })
if keyLike.isEmpty, let best = keyShares.indices.max(by: { keyShares[$0] < keyShares[$1] }) { keyLike = [best + 1] }
let lookalikes = tiered.indicesByID.filter { index in
    keyLike.contains(clusters.clusterOfAccount[index]) && !tiered.decisions[index].tier.isKeyAccount
}
// Closest to their centroid first: the most typical members of a key-like cluster.
let ranked = lookalikes.sorted { clusters.distanceToCentroid[$0] < clusters.distanceToCentroid[$1] }
print("Key-like clusters: \(keyLike.sorted().map { "\($0) (\(clusters.profiles[$0 - 1].label))" }.joined(separator: ", "))")
print("\(lookalikes.count) of their clients are not key accounts under the current policy:")
var table = TextTable(header: ["account", "name", "cluster", "turnover", "class", "solvency", "why not key"])
for index in ranked.prefix(15) {
    let account = tiered.accounts[index], decision = tiered.decisions[index]
    let why = decision.excludedBySolvency ? "solvency \(decision.solvency.zone)"
        : decision.overCap ? "over key.max_accounts" : "class \(decision.abc.abcClass), \(Format.percent(decision.abc.shareBefore)) of turnover before it"
    table.rows.append([account.id, String((account.name ?? "").prefix(28)), String(clusters.clusterOfAccount[index]),
                       Format.money(account.turnover), decision.abc.abcClass.rawValue, decision.solvency.zone.rawValue, why])
}
print(table.rendered)
if lookalikes.count > 15 { print("... and \(lookalikes.count - 15) more (closest to the cluster's centre first).") }
