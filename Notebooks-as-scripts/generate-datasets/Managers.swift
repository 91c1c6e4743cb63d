// The account managers, designed from the demand of the key candidates so the
// bundled sample is plannable: enough capacity per tier, a manager in every
// country that has national/key candidates, and the languages global clients use.

import Foundation

enum Role: Int {
    case global = 0      // DE-based global KAM: global;national
    case national        // DE-based national KAM: national;key
    case regional        // DE-based regional KAM: key;standard
    case local           // foreign office: national;key;standard
    case localGlobal     // foreign office that also serves global clients: global;national;key
    case all             // tiny teams (< 3 managers): every tier
}

struct Manager {
    var id = ""
    var name = ""
    var capacity = 0
    var country = 0
    var region = 0
    var lat = 0.0
    var lon = 0.0
    var langs: UInt32 = 0
    var tiers: UInt8 = 0        // bit per Tier.rawValue
    var industries: [Int] = []
    var maxAccounts = 0         // 0: no cap
    var role = Role.regional

    func serves(_ t: Tier) -> Bool { tiers & (1 << UInt8(t.rawValue)) != 0 }
}

func tierMask(_ ts: [Tier]) -> UInt8 {
    var m: UInt8 = 0
    for t in ts { m |= 1 << UInt8(t.rawValue) }
    return m
}

/// Workload of the key candidates, as kamp's default policy would tier them.
struct Demand {
    var global = 0.0
    var national = [Double](repeating: 0, count: countries.count)
    var key = [Double](repeating: 0, count: countries.count)
    /// Hours of global candidates speaking neither de nor en, per language.
    var exoticLanguage = [Double](repeating: 0, count: languageCodes.count)
}

func computeDemand(_ skeletons: [Skeleton], candidates: ArraySlice<Int>) -> Demand {
    var d = Demand()
    let deEn = Lang.bit(Lang.de) | Lang.bit(Lang.en)
    for id in candidates {
        let s = skeletons[id]
        let t = s.candidateTier
        let h = Double(s.workloadHours(t))
        switch t {
        case .global:
            d.global += h
            if s.langs != 0 && s.langs & deEn == 0 {
                for l in 0 ..< languageCodes.count where s.langs & Lang.bit(l) != 0 {
                    d.exoticLanguage[l] += h
                }
            }
        case .national: d.national[Int(s.country)] += h
        case .key: d.key[Int(s.country)] += h
        case .standard: break
        }
    }
    return d
}

/// How many foreign offices a team of `m` managers has.
func foreignOfficeCount(managers m: Int) -> Int { min(managerCountryOrder.count, max(0, (m - 3) / 3)) }

func designManagers(count m: Int, demand: Demand, seed: UInt64) -> [Manager] {
    var rng = Rng(seed: seed, stream: .managers)
    let mean = 1500.0
    var roles: [(role: Role, country: Int)] = []

    if m < 3 {
        roles = Array(repeating: (Role.all, homeCountry), count: m)
    } else {
        let offices = Array(managerCountryOrder.prefix(foreignOfficeCount(managers: m)))
        var nGlobal = 1, nNational = 1, nRegional = 1
        var nOffice = [Int](repeating: 1, count: offices.count)
        let local = offices.map { demand.national[$0] + demand.key[$0] }
        let natDE = demand.national[homeCountry], keyDE = demand.key[homeCountry]
        // Add managers one by one where utilisation is highest.
        for _ in 0 ..< (m - 3 - offices.count) {
            var spare = 0.0   // single foreign offices with little local work also serve global clients
            for j in offices.indices where nOffice[j] == 1 && local[j] < 0.6 * mean {
                spare += 0.85 * mean - local[j]
            }
            var best = -1.0, choice = 2   // 0 global, 1 national, 2 regional, 3+j office j
            let uG = demand.global / max(1, Double(nGlobal) * mean + spare)
            let uN = natDE / (Double(nNational) * mean)
            let uK = keyDE / (Double(nRegional) * mean + max(0, Double(nNational) * mean - natDE))
            for (k, u) in [uG, uN, uK].enumerated() where u > best { best = u; choice = k }
            for j in 0 ..< offices.count {
                let u = local[j] / (Double(nOffice[j]) * mean)
                if u > best { best = u; choice = 3 + j }
            }
            if best < 0.55 { choice = 2 }   // comfortable everywhere: more regional KAMs at home
            switch choice {
            case 0: nGlobal += 1
            case 1: nNational += 1
            case 2: nRegional += 1
            default: nOffice[choice - 3] += 1
            }
        }
        roles += Array(repeating: (Role.global, homeCountry), count: nGlobal)
        roles += Array(repeating: (Role.national, homeCountry), count: nNational)
        roles += Array(repeating: (Role.regional, homeCountry), count: nRegional)
        for (j, c) in offices.enumerated() {
            let r: Role = (nOffice[j] == 1 && local[j] < 0.6 * mean) ? .localGlobal : .local
            roles += Array(repeating: (r, c), count: nOffice[j])
        }
    }

    // Staff lists are not sorted by role: shuffle (seeded) before numbering.
    if roles.count > 1 {
        for i in stride(from: roles.count - 1, to: 0, by: -1) { roles.swapAt(i, rng.below(i + 1)) }
    }

    let width = max(2, String(m).count)
    let regionTables = countries.map { WeightedTable($0.regions.map(\.weight)) }
    let industryTable = WeightedTable(industryWeights)
    let secondLanguages = [Lang.fr, Lang.es, Lang.it, Lang.pl, Lang.zh, Lang.ja, Lang.pt, Lang.nl,
                           Lang.cs, Lang.tr, Lang.hu, Lang.sv]
    var managers: [Manager] = []
    var usedNames: [String] = []
    for (k, spec) in roles.enumerated() {
        var mg = Manager()
        mg.role = spec.role
        mg.country = spec.country
        let number = String(k + 1)
        mg.id = "M" + String(repeating: "0", count: max(0, width - number.count)) + number
        let c = countries[spec.country]
        mg.region = regionTables[spec.country].draw(&rng)
        let rg = c.regions[mg.region]
        mg.lat = rg.lat + rng.uniform(-0.15, 0.15)
        mg.lon = rg.lon + rng.uniform(-0.15, 0.15)

        // Name: unique within the team.
        let style: Style = {
            switch c.code {
            case "DE", "AT", "CH": return .german
            case "GB", "US": return .english
            default: return c.style
            }
        }()
        for _ in 0 ..< 50 {
            let candidate: String
            if style == .chinese {
                candidate = rng.pick(chineseFamilyNames) + " " + rng.pick(firstNames[.chinese]!)
            } else {
                candidate = rng.pick(firstNames[style] ?? firstNames[.english]!) + " " +
                    rng.pick(nameStyleTable[style.rawValue].surnames)
            }
            mg.name = candidate
            if !usedNames.contains(candidate) { break }
        }
        usedNames.append(mg.name)

        mg.capacity = 1200 + 20 * rng.below(31)

        // Languages: the country's, usually English, sometimes one more.
        switch c.code {
        case "CH": mg.langs = Lang.bit(Lang.de) | Lang.bit(Lang.fr)
        default: mg.langs = Lang.bit(c.languages[0])
        }
        let global = spec.role == .global || spec.role == .localGlobal || spec.role == .all
        if global || rng.chance(0.92) { mg.langs |= Lang.bit(Lang.en) }
        if spec.role == .localGlobal && rng.chance(0.6) { mg.langs |= Lang.bit(Lang.de) }
        if rng.chance(0.3) {
            let l = rng.pick(secondLanguages)
            mg.langs |= Lang.bit(l)
        }

        switch spec.role {
        case .global: mg.tiers = tierMask([.global, .national])
        case .national: mg.tiers = tierMask([.national, .key])
        case .regional: mg.tiers = tierMask([.key, .standard])
        case .local: mg.tiers = tierMask([.national, .key, .standard])
        case .localGlobal: mg.tiers = tierMask([.global, .national, .key])
        case .all: mg.tiers = tierMask([.global, .national, .key, .standard])
        }

        let nInd = rng.int(1, 3)
        while mg.industries.count < nInd {
            let ind = industryTable.draw(&rng)
            if !mg.industries.contains(ind) { mg.industries.append(ind) }
        }
        mg.industries.sort()
        if spec.role != .global && rng.chance(0.15) { mg.maxAccounts = rng.int(20, 40) }
        managers.append(mg)
    }

    // Cover the languages of global candidates that speak neither de nor en.
    var order = Array(0 ..< languageCodes.count)
    order.sort { (demand.exoticLanguage[$0], -$0) > (demand.exoticLanguage[$1], -$1) }
    for l in order where demand.exoticLanguage[l] > 0 {
        var speakers = 0.0
        for mg in managers where mg.serves(.global) && mg.langs & Lang.bit(l) != 0 {
            speakers += Double(mg.capacity)
        }
        var guardCount = 0
        while speakers < 1.5 * demand.exoticLanguage[l] && guardCount < 3 {
            guardCount += 1
            // The global manager with the fewest languages learns it.
            var best = -1, bestCount = Int.max
            for (k, mg) in managers.enumerated() where mg.serves(.global) && mg.langs & Lang.bit(l) == 0 {
                let cnt = mg.langs.nonzeroBitCount
                if cnt < bestCount && cnt < 5 { best = k; bestCount = cnt }
            }
            if best < 0 { break }
            managers[best].langs |= Lang.bit(l)
            speakers += Double(managers[best].capacity)
        }
    }
    return managers
}

func managerLanguageList(_ mg: Manager) -> [String] {
    let c = countries[mg.country]
    var order: [Int] = c.code == "CH" ? [Lang.de, Lang.fr] : [c.languages[0]]
    if !order.contains(Lang.en) { order.append(Lang.en) }
    for l in 0 ..< languageCodes.count where !order.contains(l) { order.append(l) }
    return order.filter { mg.langs & Lang.bit($0) != 0 }.map { languageCodes[$0] }
}

func writeManagers(_ managers: [Manager], to path: String) throws -> CSVWriter {
    var w = try CSVWriter(path: path)
    w.header(["manager_id", "name", "capacity_hours", "base_country", "base_region", "latitude",
              "longitude", "languages", "tiers", "industries", "max_accounts"])
    for mg in managers {
        w.plain(mg.id)
        w.field(mg.name)
        w.int(mg.capacity)
        w.plain(countries[mg.country].code)
        w.plain(countries[mg.country].regions[mg.region].code)
        w.fixed(mg.lat, 4)
        w.fixed(mg.lon, 4)
        w.list(managerLanguageList(mg))
        w.list((0 ..< 4).filter { mg.tiers & (1 << UInt8($0)) != 0 }.map { tierNames[$0] })
        w.list(mg.industries.map { industryNames[$0] })
        if mg.maxAccounts > 0 { w.int(mg.maxAccounts) } else { w.empty() }
        w.endRow()
    }
    try w.close()
    return w
}
