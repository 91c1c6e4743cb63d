// Pass 1: the "skeleton" of every account: the attributes that decide its
// tier and which managers may serve it (size rank, home country and region,
// how many extra countries and regions, languages, industry, workload).
// Pass 2 (AccountRow.swift) draws the remaining columns from another stream.

import Foundation

enum Tier: Int {
    case global = 0, national, key, standard
}
let tierNames = ["global", "national", "key", "standard"]
/// kamp's default yearly workload per tier (policy `workload_hours`).
let defaultWorkload = [400, 250, 150, 12]

struct Skeleton {
    var rank: Int32 = 0           // 0 = largest turnover
    var country: UInt8 = 0
    var region: UInt8 = 0
    var extraCountries: UInt8 = 0 // number of countries besides hq_country
    var extraRegions: UInt8 = 0   // number of regions besides hq_region
    var industry: Int8 = -1       // -1: not given
    var langs: UInt32 = 0         // bit set over languageCodes; 0: not given
    var workload: UInt16 = 0      // 0: not given (kamp defaults by tier)
    var manager: UInt16 = 0       // current_manager: 0 none, else 1-based index

    /// Tier under kamp's default scope rules, for a key candidate.
    var candidateTier: Tier {
        if extraCountries > 0 { return .global }
        if extraRegions > 0 { return .national }
        return .key
    }

    func workloadHours(_ tier: Tier) -> Int {
        workload > 0 ? Int(workload) : defaultWorkload[tier.rawValue]
    }

    var isForeign: Bool { Int(country) != homeCountry }
}

/// Precomputed draw tables.
struct Draws {
    let foreignHQ: WeightedTable          // over countries[1...]
    let regions: [WeightedTable]          // per country
    let industries = WeightedTable(industryWeights)
    let buy: [Double]                     // buy weights per country

    init() {
        foreignHQ = WeightedTable(countries.dropFirst().map(\.hqWeight))
        regions = countries.map { WeightedTable($0.regions.map(\.weight)) }
        buy = countries.map(\.buyWeight)
    }
}

/// Languages of a client from its country and region (without `en`).
func nativeLanguages(country: Int, region: Int, rng: inout Rng) -> UInt32 {
    let c = countries[country]
    var mask: UInt32 = 0
    switch c.code {
    case "CH":
        switch region {
        case 3, 4: // Genève, Lausanne
            mask |= Lang.bit(Lang.fr)
            if rng.chance(0.4) { mask |= Lang.bit(Lang.de) }
        case 5:    // Lugano
            mask |= Lang.bit(Lang.it)
            if rng.chance(0.5) { mask |= Lang.bit(Lang.de) }
            if rng.chance(0.2) { mask |= Lang.bit(Lang.fr) }
        default:
            mask |= Lang.bit(Lang.de)
            if rng.chance(0.4) { mask |= Lang.bit(Lang.fr) }
            if rng.chance(0.15) { mask |= Lang.bit(Lang.it) }
        }
    case "BE":
        switch region {
        case 1:    // Bruxelles
            mask |= Lang.bit(Lang.fr) | Lang.bit(Lang.nl)
        case 3:    // Liège
            mask |= Lang.bit(Lang.fr)
            if rng.chance(0.25) { mask |= Lang.bit(Lang.nl) }
        default:
            mask |= Lang.bit(Lang.nl)
            if rng.chance(0.4) { mask |= Lang.bit(Lang.fr) }
        }
    case "FI":
        mask |= Lang.bit(Lang.fi)
        if rng.chance(0.15) { mask |= Lang.bit(Lang.sv) }
    case "US":
        mask |= Lang.bit(Lang.en)
        if rng.chance(0.1) { mask |= Lang.bit(Lang.es) }
    case "IN":
        mask |= Lang.bit(Lang.en)
        if rng.chance(0.4) { mask |= Lang.bit(Lang.hi) }
    default:
        mask |= Lang.bit(c.languages[0])
    }
    return mask
}

/// The order in which a client's languages are written: the region's main
/// language first, then the country's others, then English, then the rest.
func languageOrder(country: Int, region: Int) -> [Int] {
    let c = countries[country]
    var order: [Int]
    switch c.code {
    case "CH": order = region == 5 ? [Lang.it, Lang.de, Lang.fr] : (region == 3 || region == 4 ? [Lang.fr, Lang.de, Lang.it] : [Lang.de, Lang.fr, Lang.it])
    case "BE": order = (region == 1 || region == 3) ? [Lang.fr, Lang.nl] : [Lang.nl, Lang.fr]
    case "FI": order = [Lang.fi, Lang.sv]
    case "US": order = [Lang.en, Lang.es]
    case "IN": order = [Lang.en, Lang.hi]
    default: order = c.languages
    }
    if !order.contains(Lang.en) { order.append(Lang.en) }
    for l in 0 ..< languageCodes.count where !order.contains(l) { order.append(l) }
    return order
}

func makeSkeleton(index: Int, rank: Int, n: Int, classA: Int, dormant: Bool,
                  staffedCountry: [Bool], draws: Draws, seed: UInt64) -> Skeleton {
    var rng = Rng(seed: seed, stream: .skeleton, index: index)
    var s = Skeleton()
    s.rank = Int32(rank)
    let size = dormant ? 0.0 : 1.0 - Double(rank) / Double(n)   // 1 = largest
    let candidate = rank < classA

    // Headquarters: 70 % in the home market.
    let country = rng.uniform() < 0.70 ? homeCountry : 1 + draws.foreignHQ.draw(&rng)
    s.country = UInt8(country)
    s.region = UInt8(draws.regions[country].draw(&rng))

    // Geographic spread: more likely, and wider, for large clients.
    let s8 = pow(size, 8), s6 = pow(size, 6)
    var pCountries = 0.12 + 0.20 * s8
    if candidate && country != homeCountry {
        // A large foreign client usually also buys through its German sites;
        // where kamp would need a manager based in its country and none is
        // staffed, it always does (keeps the sample plannable).
        pCountries = staffedCountry[country] ? max(pCountries, 0.35) : 1.0
    }
    if rng.chance(pCountries) {
        let k = 1 + Int(rng.exponential() * (0.4 + 2.0 * s8))
        s.extraCountries = UInt8(min(k, 10))
    }
    let nRegions = countries[country].regions.count
    if nRegions > 1 && rng.chance(0.18 + 0.40 * s6) {
        let k = 1 + Int(rng.exponential() * (0.5 + 2.5 * s6))
        s.extraRegions = UInt8(min(k, nRegions - 1))
    }

    s.industry = rng.chance(0.01) ? -1 : Int8(draws.industries.draw(&rng))

    // Languages: empty for ≈5 %.
    if !rng.chance(0.05) {
        var mask = nativeLanguages(country: country, region: Int(s.region), rng: &rng)
        if country == homeCountry {
            if rng.chance(0.10 + 0.35 * pow(size, 4)) { mask |= Lang.bit(Lang.en) }
        } else if rng.chance(0.5) {
            mask |= Lang.bit(Lang.en)
        }
        if s.extraCountries > 0 && rng.chance(0.3) { mask |= Lang.bit(Lang.en) }
        s.langs = mask
    }

    if rng.chance(0.03) { s.workload = UInt16(rng.int(20, 500)) }
    return s
}
