// Orchestration: turnover by rank -> random ranks -> skeletons (pass 1) ->
// managers designed from the key candidates' demand -> current managers ->
// managers.csv -> accounts.csv and survey.csv (pass 2) -> summary on stderr.

import Foundation

struct Options {
    var accounts = 3000
    var managers = 40
    var seed: UInt64 = 42
    var out = "Datasets"
    var survey = true
    var quiet = false
    var classAShare = 0.05
}

private func percent(_ part: Int, _ whole: Int) -> String { percent(Double(part), Double(whole)) }
private func percent(_ part: Double, _ whole: Double) -> String {
    whole > 0 ? String(format: "%.1f %%", 100 * part / whole) : "-"
}
private func hours(_ h: Double) -> String { String(format: "%.0f h", h) }

func runGenerator(_ o: Options) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let n = o.accounts
    var log: [String] = []

    try FileManager.default.createDirectory(atPath: o.out, withIntermediateDirectories: true)

    // 1. Turnover by rank and the class-A count (SPEC §3, cut-off 0.80).
    let model = TurnoverModel.solve(classAShare: o.classAShare)
    let (cents, dormant) = makeTurnoverByRank(n: n, model: model, seed: o.seed)
    let classA = classACount(cents)

    // 2. Which account gets which rank: a seeded permutation.
    var idOfRank = [Int32](repeating: 0, count: n)
    for i in 0 ..< n { idOfRank[i] = Int32(i) }
    var prng = Rng(seed: o.seed, stream: .permutation)
    if n > 1 {
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = prng.below(i + 1)
            idOfRank.swapAt(i, j)
        }
    }
    var rankOfId = [Int32](repeating: 0, count: n)
    for r in 0 ..< n { rankOfId[Int(idOfRank[r])] = Int32(r) }

    // 3. Pass 1: skeletons.
    var staffed = [Bool](repeating: false, count: countries.count)
    staffed[homeCountry] = true
    if o.managers >= 3 {
        for c in managerCountryOrder.prefix(foreignOfficeCount(managers: o.managers)) { staffed[c] = true }
    }
    let draws = Draws()
    var skeletons = [Skeleton]()
    skeletons.reserveCapacity(n)
    for id in 0 ..< n {
        let r = Int(rankOfId[id])
        skeletons.append(makeSkeleton(index: id, rank: r, n: n, classA: classA, dormant: cents[r] == 0,
                                      staffedCountry: staffed, draws: draws, seed: o.seed))
    }

    // 4. Managers from the candidates' demand, then current managers.
    let candidateIDs = idOfRank[0 ..< classA].map { Int($0) }
    let demand = computeDemand(skeletons, candidates: candidateIDs[...])
    let managers = designManagers(count: o.managers, demand: demand, seed: o.seed)
    let plan = planCurrentManagers(skeletons: &skeletons, managers: managers, idOfRank: idOfRank,
                                   classA: classA, dormantFrom: n - dormant, turnover: cents, seed: o.seed)
    let mw = try writeManagers(managers, to: o.out + "/managers.csv")

    // 5. Pass 2: accounts (and survey).
    let languageOrders = countries.indices.map { c in
        countries[c].regions.indices.map { languageOrder(country: c, region: $0) }
    }
    let surveyRanks = Int((Double(n) * 0.2).rounded(.up))
    let ctx = AccountContext(n: n, idWidth: max(7, String(n).count), cents: cents, managers: managers,
                             draws: draws, languageOrders: languageOrders, surveyRanks: surveyRanks, seed: o.seed)
    var stats = Stats()
    var aw = try CSVWriter(path: o.out + "/accounts.csv")
    aw.header(["account_id", "name", "industry", "turnover", "turnover_prev", "potential", "hq_country",
               "hq_region", "countries", "regions", "latitude", "longitude", "languages", "solvency_score",
               "credit_rating", "paydex", "dso_days", "listed", "sector", "working_capital",
               "retained_earnings", "ebit", "equity_market", "equity_book", "total_liabilities",
               "total_assets", "sales", "current_manager", "workload_hours"])
    var sw: CSVWriter? = o.survey ? try CSVWriter(path: o.out + "/survey.csv") : nil
    sw?.header(["account_id", "respondent_id", "feature", "functional", "dysfunctional", "importance"])
    for id in 0 ..< n {
        let s = skeletons[id]
        let accountID = writeAccount(&aw, index: id, s: s, ctx: ctx, stats: &stats)
        if sw != nil, Int(s.rank) < surveyRanks, cents[Int(s.rank)] > 0 {
            writeSurvey(&sw!, index: id, accountID: accountID, s: s, ctx: ctx, stats: &stats)
        }
    }
    try aw.close()
    try sw?.close()
    let elapsed = clock.now - start

    if o.quiet { return }

    // Summary.
    var total: Int64 = 0, top20: Int64 = 0, topA: Int64 = 0
    let k20 = Int((Double(n) * 0.2).rounded(.up))
    for (r, c) in cents.enumerated() {
        total += c
        if r < k20 { top20 += c }
        if r < classA { topA += c }
    }
    let secs = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    log.append("generate-datasets: seed \(o.seed), \(n) accounts, \(managers.count) managers -> \(o.out)/ in \(String(format: "%.2f", secs)) s")
    log.append("  accounts.csv  \(aw.rows) rows, \(aw.bytes) bytes")
    log.append("  managers.csv  \(mw.rows) rows")
    if !o.survey {
        let stale = FileManager.default.fileExists(atPath: o.out + "/survey.csv")
        log.append("  survey.csv    not written (--no-survey)" + (stale ? "; the older survey.csv in \(o.out)/ was left as it is" : ""))
    }
    if let sw {
        log.append("  survey.csv    \(sw.rows) rows: \(stats.surveyAccounts) accounts (largest 20 %, \(stats.surveyGlobalAccounts) global/foreign), \(stats.respondents) respondents, \(kanoFeatures.count) features; importance given \(percent(stats.importanceGiven, stats.surveyRows)); R+Q \(percent(stats.categories[4] + stats.categories[5], stats.surveyRows))")
    }
    log.append(String(format: "  turnover: total %.2f EUR, largest %.2f, median %.2f; %d dormant (0)",
                      Double(total) / 100, Double(cents.first ?? 0) / 100, Double(cents[n / 2]) / 100, stats.dormant))
    log.append("  top 20 % of accounts hold \(percent(Double(top20), Double(total))) of turnover; class A (80 % cut-off): \(classA) accounts = \(percent(classA, n)) of accounts, \(percent(Double(topA), Double(total))) of turnover")
    log.append("  turnover_prev \(percent(stats.withPrev, n)) (\(stats.newClients) new = 0), potential \(percent(stats.withPotential, n))")
    log.append("  foreign HQ \(percent(stats.foreign, n)), multi-country \(percent(stats.multiCountry, n)), multi-region \(percent(stats.multiRegion, n)), no languages \(percent(stats.noLanguages, n)), no lat/lon \(percent(stats.noLatLon, n)), names needing quotes \(stats.quotedNames)")
    log.append("  solvency: score \(percent(stats.score, n)), balance sheet \(percent(stats.balance, n)) (Altman safe \(percent(stats.zones[0], stats.balance)) / grey \(percent(stats.zones[1], stats.balance)) / distress \(percent(stats.zones[2], stats.balance)); Z \(stats.models[0]), Z' \(stats.models[1]), Z'' \(stats.models[2]); listed \(stats.listed)), rating/paydex/DSO \(percent(stats.others, n)) (rating \(stats.rating), paydex \(stats.paydex), DSO \(stats.dso)), none \(percent(stats.noSolvency, n))")
    log.append("  current_manager \(percent(stats.withManager, n)), workload_hours given \(percent(stats.workloadGiven, n))")
    log.append("  key candidates (class A) by default tier, workload vs capacity of managers serving the tier:")
    for t in 0 ..< 3 {
        log.append("    \(tierNames[t].padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(format: "%4d", plan.perTierCount[t])) accounts  \(hours(plan.perTierHours[t]).leftPad(9))  capacity \(hours(plan.perTierCapacity[t]).leftPad(9))")
    }
    let standardHours = Double(n - classA) * Double(defaultWorkload[3])
    log.append("    standard  \(String(format: "%4d", n - classA)) accounts  \(hours(standardHours).leftPad(9))  capacity \(hours(plan.perTierCapacity[3]).leftPad(9))  (not assigned by the default policy)")
    log.append("    total capacity \(hours(plan.totalCapacity)); candidates' workload \(hours(plan.perTierHours[0] + plan.perTierHours[1] + plan.perTierHours[2]))")
    log.append("  greedy check plan: \(plan.placed)/\(plan.candidates) candidates placed (\(plan.unplaced.count) not), load \(percent(plan.totalLoad, plan.totalCapacity)) of capacity, busiest manager \(String(format: "%.0f %%", 100 * plan.maxUtilisation)), \(plan.languageRepairs) global clients given 'en'")
    log.append("  candidates: \(plan.newAccounts) without current manager, \(plan.staleAccounts) with an ineligible one (\(percent(plan.movedShare, 1)) of candidate turnover must move; budget 10 %)")
    if !plan.unplaced.isEmpty {
        log.append("  WARNING: no plan under kamp's default policy: \(plan.unplaced.count) key candidates found no eligible manager with capacity (too few managers for \(n) accounts?)")
    }
    FileHandle.standardError.write((log.joined(separator: "\n") + "\n").data(using: .utf8)!)
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
