// Pass 2: every column of accounts.csv, drawn from the account's own stream,
// plus its survey answers (another stream, so --no-survey changes nothing else).

import Foundation

struct Stats {
    var accounts = 0
    var totalCents: Int64 = 0
    var withPrev = 0, newClients = 0, withPotential = 0, dormant = 0
    var foreign = 0, multiCountry = 0, multiRegion = 0, noLanguages = 0, noLatLon = 0, noIndustry = 0
    var score = 0, balance = 0, listed = 0, others = 0, rating = 0, paydex = 0, dso = 0, noSolvency = 0
    var zones = [0, 0, 0]                    // safe, grey, distress (Altman, on the written figures)
    var models = [0, 0, 0]                   // Z, Z', Z''
    var workloadGiven = 0, quotedNames = 0, withManager = 0
    var surveyAccounts = 0, surveyGlobalAccounts = 0, respondents = 0, surveyRows = 0, importanceGiven = 0
    var categories = [0, 0, 0, 0, 0, 0]
}

// MARK: - Names

private func inventedBrand(_ rng: inout Rng) -> String {
    rng.pick(brandHeads) + rng.pick(brandMids) + rng.pick(brandTails)
}

func companyName(country: Int, region: Int, industry: Int, rng: inout Rng) -> String {
    let c = countries[country]
    var style = c.style
    var forms = c.forms, formWeights = c.formWeights
    switch (c.code, region) {
    case ("CH", 3), ("CH", 4): style = .french; forms = ["SA", "Sàrl"]; formWeights = [60, 40]
    case ("CH", 5): style = .italian; forms = ["SA", "Sagl"]; formWeights = [60, 40]
    case ("BE", 1), ("BE", 3): style = .french; forms = ["SA", "SRL"]; formWeights = [45, 55]
    default: break
    }
    let ns = nameStyleTable[style.rawValue]
    let form = forms[rng.weighted(formWeights)]
    let ind = industry >= 0 ? industry : rng.below(industryNames.count)
    let branch = rng.pick(ns.branches?[ind] ?? englishBranches[ind])
    let surname = rng.pick(ns.surnames)
    let city = c.regions[region].city

    // ≈0.4 % of names carry a comma or a double quote (CN/JP "Co., Ltd." add more).
    let special = rng.uniform()
    if special < 0.002 {
        let other = rng.pick(ns.surnames)
        return surname + ", " + other + " " + ns.and + " Partner " + form
    }
    if special < 0.004 {
        let stem = ns.brands.isEmpty ? inventedBrand(&rng) : rng.pick(ns.brands)
        if rng.chance(0.5) { return "\"" + stem + "\" " + branch + " " + form }
        return surname + " " + branch + " \"" + stem + "\" " + form
    }

    switch style {
    case .chinese:
        return city + " " + surname + " " + rng.pick(englishBranches[ind]) + " " + form
    case .japanese:
        return surname + " " + rng.pick(englishBranches[ind]) + " " + form
    case .turkish:
        if rng.chance(0.4) { return surname + " " + branch + " Sanayi ve Ticaret " + form }
        return surname + " " + branch + " " + form
    default:
        break
    }
    let u = rng.uniform()
    if u < 0.30 { return surname + " " + branch + " " + form }
    if u < 0.48 {
        let stem = ns.brands.isEmpty || rng.chance(0.4) ? inventedBrand(&rng) : rng.pick(ns.brands)
        return stem + " " + branch + " " + form
    }
    if u < 0.62 { return inventedBrand(&rng) + " " + form }
    if u < 0.72 {
        var other = rng.pick(ns.surnames)
        if other == surname { other = rng.pick(ns.surnames) }
        return surname + " " + ns.and + " " + other + " " + form
    }
    if u < 0.82 {
        if let prefix = ns.groupPrefix.isEmpty ? nil : rng.pick(ns.groupPrefix) {
            return prefix + " " + surname + " " + form
        }
        return surname + " " + branch + " " + form
    }
    if u < 0.92 { return city + " " + branch + " " + form }
    return inventedBrand(&rng) + " " + branch + " " + form
}

// MARK: - Solvency

private enum AltmanModel: Int { case z = 0, zPrime, zDoublePrime }

private let zoneCuts: [(distress: Double, safe: Double)] = [(1.81, 2.99), (1.23, 2.90), (1.10, 2.60)]
private let zoneTargets: [[(Double, Double)]] = [
    [(3.05, 5.0), (1.86, 2.94), (0.3, 1.76)],
    [(2.95, 4.5), (1.28, 2.85), (0.1, 1.18)],
    [(2.65, 7.0), (1.15, 2.55), (-1.5, 1.05)],
]

private func altman(_ m: AltmanModel, x1: Double, x2: Double, x3: Double, x4: Double, x5: Double) -> Double {
    switch m {
    case .z: return 1.2 * x1 + 1.4 * x2 + 3.3 * x3 + 0.6 * x4 + 1.0 * x5
    case .zPrime: return 0.717 * x1 + 0.847 * x2 + 3.107 * x3 + 0.420 * x4 + 0.998 * x5
    case .zDoublePrime: return 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4
    }
}

struct BalanceSheet {
    var listed = false
    var manufacturing = false
    var wc: Int64 = 0, re: Int64 = 0, ebit: Int64 = 0
    var equityMarket: Int64? = nil
    var equityBook: Int64 = 0, tl: Int64 = 0, ta: Int64 = 0, sales: Int64 = 0
    var zone = 0
    var model = 0
}

func makeBalanceSheet(turnoverEuros: Double, industry: Int, size: Double, rng: inout Rng) -> BalanceSheet {
    var b = BalanceSheet()
    b.manufacturing = industry >= 0 ? industryIsManufacturing[industry] : rng.chance(0.5)
    b.listed = rng.chance(0.08 + 0.4 * pow(size, 4))
    let model: AltmanModel = b.manufacturing ? (b.listed ? .z : .zPrime) : .zDoublePrime
    let zone = rng.weighted([60, 25, 15])
    let sales = turnoverEuros * rng.uniform(5, 40) + exp(log(500_000.0) + rng.normal())
    let c2 = [1.4, 0.847, 3.26][model.rawValue]

    var x1 = 0.0, x2 = 0.0, x3 = 0.0, x5 = 1.0, lev = 0.5, ta = 1.0, eqMarket: Double? = nil
    for attempt in 0 ..< 12 {
        switch zone {
        case 0: lev = rng.uniform(0.30, 0.60); x1 = rng.uniform(0.05, 0.35); x3 = rng.uniform(0.04, 0.15); x5 = rng.uniform(0.8, 2.0)
        case 1: lev = rng.uniform(0.50, 0.80); x1 = rng.uniform(-0.05, 0.20); x3 = rng.uniform(0.0, 0.08); x5 = rng.uniform(0.6, 1.5)
        default: lev = rng.uniform(0.70, 1.05); x1 = rng.uniform(-0.20, 0.05); x3 = rng.uniform(-0.10, 0.02); x5 = rng.uniform(0.4, 1.1)
        }
        // Equity is drawn relative to assets, so x4 does not depend on x5.
        let eqBookShare = 1 - lev
        let eqMarketShare: Double? = b.listed ? (eqBookShare > 0 ? eqBookShare * rng.uniform(0.8, 3.0) : rng.uniform(0.02, 0.10)) : nil
        let x4 = (model == .z ? eqMarketShare! : eqBookShare) / lev
        let range = zoneTargets[model.rawValue][zone]
        let target = rng.uniform(range.0, range.1)
        x2 = (target - altman(model, x1: x1, x2: 0, x3: x3, x4: x4, x5: x5)) / c2
        if !(-0.8 ... 0.7).contains(x2) {
            // Keep retained earnings plausible and move asset turnover (Z, Z') or
            // working capital (Z'') to reach the target instead.
            x2 = min(0.7, max(-0.8, x2))
            let rest = target - altman(model, x1: x1, x2: x2, x3: x3, x4: x4, x5: x5)
            if model == .zDoublePrime {
                let nx1 = x1 + rest / 6.56
                if (-0.35 ... 0.6).contains(nx1) || attempt == 11 { x1 = min(0.6, max(-0.35, nx1)) } else { continue }
            } else {
                let nx5 = x5 + rest / (model == .z ? 1.0 : 0.998)
                if (0.3 ... 3.0).contains(nx5) || attempt == 11 { x5 = min(3.0, max(0.3, nx5)) } else { continue }
            }
        }
        ta = sales / x5
        eqMarket = eqMarketShare.map { $0 * ta }
        break
    }
    func cents(_ v: Double) -> Int64 { Int64((v * 100).rounded()) }
    b.ta = cents(ta)
    b.tl = cents(ta * lev)
    b.equityBook = b.ta - b.tl
    b.wc = cents(x1 * ta)
    b.re = cents(x2 * ta)
    b.ebit = cents(x3 * ta)
    b.sales = cents(sales)
    if let m = eqMarket { b.equityMarket = cents(m) }

    // The zone kamp will compute from the written figures.
    let t = Double(b.ta), l = Double(b.tl)
    let x4 = Double(model == .z ? b.equityMarket! : b.equityBook) / l
    let z = altman(model, x1: Double(b.wc) / t, x2: Double(b.re) / t, x3: Double(b.ebit) / t,
                   x4: x4, x5: Double(b.sales) / t)
    let cut = zoneCuts[model.rawValue]
    b.zone = z > cut.safe ? 0 : (z < cut.distress ? 2 : 1)
    b.model = model.rawValue
    return b
}

// MARK: - The account row

struct AccountContext {
    let n: Int
    let idWidth: Int
    let cents: [Int64]
    let managers: [Manager]
    let draws: Draws
    let languageOrders: [[[Int]]]     // per country, per region
    let surveyRanks: Int              // accounts ranked below this answer the survey
    let seed: UInt64
}

func accountID(_ index: Int, width: Int) -> String {
    let digits = String(index + 1)
    return "A" + String(repeating: "0", count: max(0, width - digits.count)) + digits
}

func writeAccount(_ w: inout CSVWriter, index: Int, s: Skeleton, ctx: AccountContext, stats: inout Stats) -> String {
    var rng = Rng(seed: ctx.seed, stream: .details, index: index)
    let country = Int(s.country), region = Int(s.region)
    let c = countries[country]
    let rank = Int(s.rank)
    let tc = ctx.cents[rank]
    let size = tc == 0 ? 0.0 : 1.0 - Double(rank) / Double(ctx.n)
    let id = accountID(index, width: ctx.idWidth)

    stats.accounts += 1
    stats.totalCents += tc

    // account_id, name, industry
    w.plain(id)
    let name = companyName(country: country, region: region, industry: Int(s.industry), rng: &rng)
    for b in name.utf8 where b == 44 || b == 34 { stats.quotedNames += 1; break }
    w.field(name)
    if s.industry >= 0 { w.plain(industryNames[Int(s.industry)]) } else { w.empty(); stats.noIndustry += 1 }

    // turnover, turnover_prev, potential
    w.cents(tc)
    if tc == 0 { stats.dormant += 1 }
    if rng.chance(0.85) {
        stats.withPrev += 1
        if tc == 0 {
            w.cents(Int64(exp(rng.uniform(log(1_000.0), log(80_000.0))) * 100))
        } else if rng.chance(0.04) {
            w.cents(0)
            stats.newClients += 1
        } else {
            let g = rng.triangular(-0.4, 0.05, 0.6)
            w.cents(Int64((Double(tc) / (1 + g)).rounded()))
        }
    } else {
        w.empty()
    }
    if tc > 0 && rng.chance(0.60) {
        stats.withPotential += 1
        w.cents(Int64((Double(tc) * (1 + 4 * pow(rng.uniform(), 1.5))).rounded()))
    } else {
        w.empty()
    }

    // hq_country, hq_region, countries, regions
    w.plain(c.code)
    w.plain(c.regions[region].code)
    if s.isForeign { stats.foreign += 1 }
    if s.extraCountries > 0 {
        stats.multiCountry += 1
        var weights = ctx.draws.buy
        weights[country] = 0
        var picked: [Int] = []
        for _ in 0 ..< Int(s.extraCountries) {
            let k = rng.weighted(weights)
            weights[k] = 0
            picked.append(k)
        }
        picked.sort { countries[$0].code < countries[$1].code }
        w.list(picked.map { countries[$0].code })
    } else {
        w.empty()
    }
    if s.extraRegions > 0 {
        stats.multiRegion += 1
        var weights = c.regions.map(\.weight)
        weights[region] = 0
        var picked: [Int] = []
        for _ in 0 ..< Int(s.extraRegions) {
            let k = rng.weighted(weights)
            weights[k] = 0
            picked.append(k)
        }
        picked.sort { c.regions[$0].code < c.regions[$1].code }
        w.list(picked.map { c.regions[$0].code })
    } else {
        w.empty()
    }

    // latitude, longitude: empty for ≈10 %
    if rng.chance(0.10) {
        w.empty(); w.empty()
        stats.noLatLon += 1
    } else {
        let rg = c.regions[region]
        w.fixed(rg.lat + rng.uniform(-0.3, 0.3), 4)
        w.fixed(rg.lon + rng.uniform(-0.3, 0.3), 4)
    }

    // languages
    if s.langs == 0 {
        w.empty()
        stats.noLanguages += 1
    } else {
        var list: [String] = []
        for l in ctx.languageOrders[country][region] where s.langs & Lang.bit(l) != 0 { list.append(languageCodes[l]) }
        w.list(list)
    }

    // Solvency: score ≈5 %, balance sheet ≈30 %, rating / paydex / DSO ≈35 %, none ≈30 %.
    let group = rng.uniform()
    var score: Int? = nil, grade: String? = nil, paydex: Int? = nil, dso: Int? = nil
    var sheet: BalanceSheet? = nil
    if group < 0.05 {
        score = min(100, max(0, Int((62 + 18 * rng.normal()).rounded())))
        if rng.chance(0.3) { grade = creditGrades[rng.weighted(creditGradeWeights)] }
        stats.score += 1
    } else if group < 0.35 {
        sheet = makeBalanceSheet(turnoverEuros: Double(tc) / 100, industry: Int(s.industry), size: size, rng: &rng)
        stats.balance += 1
    } else if group < 0.70 {
        stats.others += 1
        let hasRating = rng.chance(0.6), hasPaydex = rng.chance(0.5), hasDso = rng.chance(0.45)
        if hasRating || (!hasPaydex && !hasDso) { grade = creditGrades[rng.weighted(creditGradeWeights)] }
        if hasPaydex { paydex = min(100, max(0, Int((75 + 10 * rng.normal()).rounded()))) }
        if hasDso {
            if let p = paydex {
                dso = min(120, max(20, Int((20 + Double(100 - p) * 1.1 + 8 * rng.normal()).rounded())))
            } else {
                dso = Int(rng.triangular(20, 45, 120).rounded())
            }
        }
        if grade != nil { stats.rating += 1 }
        if paydex != nil { stats.paydex += 1 }
        if dso != nil { stats.dso += 1 }
    } else {
        stats.noSolvency += 1
    }
    if let v = score { w.int(v) } else { w.empty() }
    if let g = grade { w.plain(g) } else { w.empty() }
    if let v = paydex { w.int(v) } else { w.empty() }
    if let v = dso { w.int(v) } else { w.empty() }
    if let b = sheet {
        stats.zones[b.zone] += 1
        stats.models[b.model] += 1
        if b.listed { stats.listed += 1 }
        w.bool(b.listed)
        w.plain(b.manufacturing ? "manufacturing" : "non_manufacturing")
        w.cents(b.wc); w.cents(b.re); w.cents(b.ebit)
        if let m = b.equityMarket { w.cents(m) } else { w.empty() }
        w.cents(b.equityBook); w.cents(b.tl); w.cents(b.ta); w.cents(b.sales)
    } else {
        for _ in 0 ..< 10 { w.empty() }
    }

    // current_manager, workload_hours
    if s.manager > 0 {
        w.plain(ctx.managers[Int(s.manager) - 1].id)
        stats.withManager += 1
    } else {
        w.empty()
    }
    if s.workload > 0 { w.int(Int(s.workload)); stats.workloadGiven += 1 } else { w.empty() }
    w.endRow()
    return id
}

// MARK: - Survey

/// (functional, dysfunctional) answers per Kano category, with weights.
private let answerPairs: [[(Int, Int, Double)]] = [
    [(2, 5, 0.45), (3, 5, 0.35), (4, 5, 0.20)],                                     // M
    [(1, 5, 1.0)],                                                                  // O
    [(1, 2, 0.15), (1, 3, 0.55), (1, 4, 0.30)],                                     // A
    [(3, 3, 0.40), (2, 3, 0.12), (3, 4, 0.15), (2, 2, 0.08), (4, 4, 0.08),
     (3, 2, 0.07), (4, 3, 0.06), (2, 4, 0.04)],                                     // I
    [(5, 1, 0.30), (5, 2, 0.10), (5, 3, 0.15), (4, 1, 0.15), (3, 1, 0.20), (2, 1, 0.10)], // R
    [(1, 1, 0.60), (5, 5, 0.40)],                                                   // Q
]
private let answerWeights: [[Double]] = answerPairs.map { $0.map(\.2) }
private let importanceRange: [(Int, Int)] = [(6, 9), (6, 9), (4, 8), (1, 5), (1, 4), (1, 9)]

func writeSurvey(_ w: inout CSVWriter, index: Int, accountID id: String, s: Skeleton, ctx: AccountContext, stats: inout Stats) {
    var rng = Rng(seed: ctx.seed, stream: .survey, index: index)
    let global = s.extraCountries > 0 || s.isForeign
    let respondents = rng.int(2, 4)
    stats.surveyAccounts += 1
    if global { stats.surveyGlobalAccounts += 1 }
    stats.respondents += respondents
    for r in 1 ... respondents {
        let rid = id + "-R" + String(r)
        for f in kanoFeatures {
            if rng.chance(0.01) { continue }                      // an unanswered question
            let cat = rng.chance(0.06) ? rng.below(4) : rng.weighted(global ? f.global : f.national)
            let options = answerPairs[cat]
            let (fa, da, _) = options[rng.weighted(answerWeights[cat])]
            stats.categories[cat] += 1
            stats.surveyRows += 1
            w.plain(id)
            w.plain(rid)
            w.plain(f.name)
            w.int(fa)
            w.int(da)
            if rng.chance(0.8) {
                let (lo, hi) = importanceRange[cat]
                w.int(rng.int(lo, hi))
                stats.importanceGiven += 1
            } else {
                w.empty()
            }
            w.endRow()
        }
    }
}
