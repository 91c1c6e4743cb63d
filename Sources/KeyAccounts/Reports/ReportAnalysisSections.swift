/// The sections drawn from the clustering and from the tier decisions'
/// margins: which clients resemble each other, and which are a close call.
extension Report {
    func clusterSection(_ html: inout HTML, _ clusters: PortfolioClusters) {
        let tiered = inputs.tiered
        let silhouette = clusters.silhouette.map { Format.fixed($0, 2) } ?? "undefined"
        let explained = clusters.principalComponents.explainedVarianceRatio.reduce(0, +)
        html.element("p", ["class": "note"],
                     text: "k-means on \(clusters.features.map(\.rawValue).joined(separator: ", ")) (z-scores), k = \(clusters.k), "
                         + "best of \(clusters.restarts) seeded restarts; silhouette \(silhouette) (1 = well separated, "
                         + "0 = overlapping). The map shows the first two principal components, which carry "
                         + "\(Format.percent(explained)) of the variance: nearby clients have similar features.")
        let (indices, sampled) = Self.sampledIndices(tiered, limit: Self.mapPointLimit)
        let k = clusters.k
        let series = (1...max(k, 1)).map { ChartSeries(name: "\($0)", colourClass: Self.clusterClass($0)) }
        let points = indices.map { index -> ScatterPoint in
            let account = tiered.accounts[index], tier = tiered.decisions[index].tier
            let cluster = clusters.clusterOfAccount[index]
            return ScatterPoint(x: clusters.coordinates[index, 0], y: clusters.coordinates[index, 1], series: cluster - 1,
                                radius: tier.isKeyAccount ? 3.5 : 2.5,
                                title: tier.isKeyAccount ? "\(account.name ?? account.id) (\(account.id)): cluster \(cluster), \(tier.rawValue)" : nil)
        }
        // Each cluster's number at the mean position of its clients.
        var sums = [(x: Double, y: Double, n: Int)](repeating: (0, 0, 0), count: k)
        for index in tiered.accounts.indices {
            let slot = clusters.clusterOfAccount[index] - 1
            sums[slot].x += clusters.coordinates[index, 0]
            sums[slot].y += clusters.coordinates[index, 1]
            sums[slot].n += 1
        }
        let marks = sums.enumerated().compactMap { slot, sum -> ScatterMark? in
            guard sum.n > 0 else { return nil }
            return ScatterMark(x: sum.x / Double(sum.n), y: sum.y / Double(sum.n), shape: .square, text: "\(slot + 1)",
                               title: "cluster \(slot + 1): \(clusters.profiles[slot].label)")
        }
        ScatterChart(points: points, series: series, marks: marks, xLabel: "pc1", yLabel: "pc2", equalAspect: true, maxHeight: 480)
            .draw(&html, label: "Clients on the first two principal components, coloured by cluster")
        chartLegend(&html, clusters.profiles.map { ChartSeries(name: "\($0.number) \($0.label)", colourClass: Self.clusterClass($0.number)) })
        if sampled {
            html.element("p", ["class": "note"], text: "\(Format.grouped(Double(indices.count))) of "
                + "\(Format.grouped(Double(tiered.accounts.count))) clients are drawn; every client is in clusters.csv.")
        }
        table(&html, header: ["cluster", "profile", "clients", "share of clients", "share of turnover", "global", "national",
                              "key", "standard"],
              numeric: [true, false, true, true, true, true, true, true, true],
              rows: clusters.profiles.map { profile in
                  [String(profile.number), profile.label, Format.grouped(Double(profile.size)),
                   Format.percent(profile.accountShare), Format.percent(profile.turnoverShare)]
                      + profile.tierCounts.map { Format.grouped(Double($0)) }
              })
        html.element("h3", text: "Mean of each feature per cluster (in its own unit)")
        table(&html, header: ["cluster"] + clusters.features.map(\.rawValue),
              numeric: Array(repeating: true, count: clusters.features.count + 1),
              rows: clusters.profiles.map { profile in
                  [String(profile.number)] + profile.means.map { $0.isFinite ? Format.trimmed($0, 2) : "" }
              })
        for warning in clusters.warnings {
            html.element("p", ["class": "note"], text: "Note: \(warning).")
        }
    }

    /// Eight distinguishable colours; clusters beyond eight reuse them.
    static func clusterClass(_ number: Int) -> String { "c\((number - 1) % 8 + 1)" }

    /// Rows of each close-call table.
    static let borderlineRowLimit = 25

    func borderlineSection(_ html: inout HTML) {
        let tiered = inputs.tiered
        let counterfactual = TurnoverCounterfactual(tiered)
        // Turnover ranks are 1...n without gaps: each client goes straight to its place.
        var byRank = [Int](repeating: 0, count: tiered.decisions.count)
        for (index, decision) in tiered.decisions.enumerated() { byRank[decision.abc.rank - 1] = index }

        if let robustness = inputs.robustness {
            let borderline = byRank.filter { robustness.borderline[$0] }
                .sorted { (abs(robustness.keyShare[$0] - 0.5), tiered.decisions[$0].scoreRank)
                    < (abs(robustness.keyShare[$1] - 0.5), tiered.decisions[$1].scoreRank) }
            html.element("h3", text: "Borderline under other score weights")
            html.element("p", ["class": "note"],
                         text: "Each of \(robustness.draws) draws multiplies every score weight by a factor within "
                             + "±\(Format.percent(robustness.spread, decimals: 0)) and re-ranks the clients. A client is "
                             + "borderline when it is a key account in some draws and not in others (key share strictly "
                             + "between \(Format.percent(inputs.policy.score.robustness.borderline, decimals: 0)) and "
                             + "\(Format.percent(1 - inputs.policy.score.robustness.borderline, decimals: 0))). "
                             + "\(Format.grouped(Double(borderline.count))) clients are borderline; the closest calls first.")
            if !borderline.isEmpty {
                table(&html, header: ["account", "name", "tier", "key in share of draws", "rank range", "turnover", "counterfactual"],
                      numeric: [false, false, false, true, true, true, false],
                      rows: borderline.prefix(Self.borderlineRowLimit).map { index in
                          let account = tiered.accounts[index]
                          return [account.id, account.name ?? "", tiered.decisions[index].tier.rawValue,
                                  Format.percent(robustness.keyShare[index], decimals: 0),
                                  "\(robustness.bestRank[index])–\(robustness.worstRank[index])",
                                  Format.money(account.turnover), robustness.counterfactual(at: index) ?? ""]
                      })
            }
        }

        // The B clients with the largest turnover: the next key accounts if they grow.
        let nearMisses = byRank.lazy.filter { !tiered.decisions[$0].tier.isKeyAccount && tiered.decisions[$0].abc.abcClass == .b }
            .compactMap { index in counterfactual.keyTurnover(for: index).map { (index, $0) } }
            .prefix(Self.borderlineRowLimit)
        html.element("h3", text: "Closest to becoming key accounts")
        if nearMisses.isEmpty {
            html.element("p", ["class": "note"], text: "No client outside the key accounts could become one by turnover alone "
                + "under key.classes [\(inputs.policy.key.classes.map(\.rawValue).joined(separator: " "))].")
        } else {
            html.element("p", ["class": "note"],
                         text: "B-class clients by turnover, with the smallest turnover that would make them a key candidate "
                             + "by their ABC class, every other client unchanged (rounded up to three significant digits).")
            table(&html, header: ["account", "name", "turnover", "key at turnover", "growth needed", "solvency"],
                  numeric: [false, false, true, true, true, false],
                  rows: nearMisses.map { index, needed in
                      let account = tiered.accounts[index]
                      let growth = account.turnover > 0 ? needed / account.turnover - 1 : 0
                      return [account.id, account.name ?? "", Format.money(account.turnover),
                              "≥ " + Format.money(ScoreRobustness.roundedUp(needed)), "+" + Format.percent(growth),
                              tiered.decisions[index].solvency.zone.rawValue]
                  })
        }

        // Candidates the rule took out again: the board will ask about them.
        let removed = byRank.filter { tiered.decisions[$0].excludedBySolvency || tiered.decisions[$0].overCap }
        if !removed.isEmpty {
            html.element("h3", text: "Candidates taken out (\(Format.grouped(Double(removed.count))))")
            table(&html, header: ["account", "name", "turnover", "flag", "reason"], numeric: [false, false, true, false, false],
                  rows: removed.prefix(Self.borderlineRowLimit).map { index in
                      let account = tiered.accounts[index], decision = tiered.decisions[index]
                      return [account.id, account.name ?? "", Format.money(account.turnover),
                              decision.excludedBySolvency ? TierDecision.solvencyRiskFlag : TierDecision.overCapFlag, tiered.reason(at: index)]
                  })
        }
    }
}
