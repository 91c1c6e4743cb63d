// A constructive assignment of the key candidates, used to (1) set a realistic
// current_manager that is mostly eligible and within capacity, and (2) prove
// that a plan exists for kamp's default policy. It is a greedy heuristic, not
// kamp's optimiser: if it places everyone, kamp's solver can too.

import Foundation

struct PlanReport {
    var candidates = 0
    var perTierCount = [0, 0, 0, 0]
    var perTierHours = [0.0, 0.0, 0.0, 0.0]
    var perTierCapacity = [0.0, 0.0, 0.0, 0.0]
    var placed = 0
    var unplaced: [Int] = []          // account indices
    var languageRepairs = 0           // global candidates given `en` so some global KAM can talk to them
    var maxUtilisation = 0.0
    var totalLoad = 0.0
    var totalCapacity = 0.0
    var newAccounts = 0               // candidates with no current manager
    var staleAccounts = 0             // candidates whose current manager is not eligible
    var movedShare = 0.0              // turnover of stale / turnover of candidates with a current manager
    var withManager = 0               // all accounts with a current_manager
}

func eligible(_ mg: Manager, _ s: Skeleton, _ tier: Tier) -> Bool {
    guard mg.serves(tier) else { return false }
    switch tier {
    case .global:
        return s.langs == 0 || s.langs & mg.langs != 0
    case .national, .key:
        return mg.country == Int(s.country)
    case .standard:
        return true
    }
}

func planCurrentManagers(skeletons: inout [Skeleton], managers: [Manager], idOfRank: [Int32],
                         classA: Int, dormantFrom: Int, turnover: [Int64], seed: UInt64) -> PlanReport {
    var rng = Rng(seed: seed, stream: .plan)
    var report = PlanReport()
    let n = skeletons.count
    report.candidates = classA
    for mg in managers {
        report.totalCapacity += Double(mg.capacity)
        for t in 0 ..< 4 where mg.serves(Tier(rawValue: t)!) { report.perTierCapacity[t] += Double(mg.capacity) }
    }

    // Candidates: the hardest to place first.
    struct Item { let id: Int; let rank: Int; let tier: Tier; let hours: Int; var options: Int }
    var items: [Item] = []
    items.reserveCapacity(classA)
    for r in 0 ..< classA {
        let id = Int(idOfRank[r])
        let s = skeletons[id]
        let t = s.candidateTier
        var options = 0
        for mg in managers where eligible(mg, s, t) { options += 1 }
        items.append(Item(id: id, rank: r, tier: t, hours: s.workloadHours(t), options: options))
        report.perTierCount[t.rawValue] += 1
        report.perTierHours[t.rawValue] += Double(s.workloadHours(t))
    }
    items.sort { ($0.options, -$0.hours, $0.rank) < ($1.options, -$1.hours, $1.rank) }

    var remaining = managers.map { Double($0.capacity) }
    var counts = [Int](repeating: 0, count: managers.count)
    var plan = [Int](repeating: -1, count: n)
    for item in items {
        var s = skeletons[item.id]
        let rg = countries[Int(s.country)].regions[Int(s.region)]
        for attempt in 0 ..< 2 {
            var best = -1, bestCost = Double.infinity
            for (k, mg) in managers.enumerated() where eligible(mg, s, item.tier) {
                if remaining[k] < Double(item.hours) { continue }
                if mg.maxAccounts > 0 && counts[k] >= mg.maxAccounts { continue }
                let cost = haversineKm(rg.lat, rg.lon, mg.lat, mg.lon) + rng.uniform(0, 300)
                if cost < bestCost { best = k; bestCost = cost }
            }
            if best >= 0 {
                plan[item.id] = best
                remaining[best] -= Double(item.hours)
                counts[best] += 1
                break
            }
            // A global client no global KAM can talk to: it also works in English.
            if attempt == 0 && item.tier == .global && s.langs != 0 && s.langs & Lang.bit(Lang.en) == 0 {
                s.langs |= Lang.bit(Lang.en)
                skeletons[item.id] = s
                report.languageRepairs += 1
                continue
            }
            break
        }
        if plan[item.id] < 0 { report.unplaced.append(item.id) } else { report.placed += 1 }
    }
    for (k, mg) in managers.enumerated() {
        let load = Double(mg.capacity) - remaining[k]
        report.totalLoad += load
        report.maxUtilisation = max(report.maxUtilisation, load / Double(mg.capacity))
    }

    // Current managers of the candidates: mostly the planned (eligible) one;
    // ≈5 % new clients without one; ≈3 % (smaller candidates) still with a
    // manager who is no longer eligible, so kamp has to move them.
    var withCurrent: Int64 = 0, moved: Int64 = 0
    var stale = [Bool](repeating: false, count: classA)
    if classA >= 6 && managers.count > 1 {
        // ≈3 % of the candidates, among the smaller two thirds.
        let from = classA / 3
        let want = max(1, Int((0.03 * Double(classA)).rounded()))
        var chosen = 0
        while chosen < want {
            let r = from + rng.below(classA - from)
            if !stale[r] { stale[r] = true; chosen += 1 }
        }
    }
    for r in 0 ..< classA {
        let id = Int(idOfRank[r])
        let p = plan[id]
        let s = skeletons[id]
        if r >= 3 && !stale[r] && rng.chance(0.05) { continue }   // a new client
        if p < 0 { continue }
        if stale[r] {
            let t = s.candidateTier
            var chosen = -1
            for _ in 0 ..< 50 {
                let k = rng.below(managers.count)
                if !eligible(managers[k], s, t) { chosen = k; break }
            }
            if chosen >= 0 {
                skeletons[id].manager = UInt16(chosen + 1)
                report.staleAccounts += 1
                moved += turnover[r]
                withCurrent += turnover[r]
                continue
            }
        }
        skeletons[id].manager = UInt16(p + 1)
        withCurrent += turnover[r]
    }
    for r in 0 ..< classA where skeletons[Int(idOfRank[r])].manager == 0 { report.newAccounts += 1 }
    report.movedShare = withCurrent > 0 ? Double(moved) / Double(withCurrent) : 0

    // Everyone else: ≈70 % of all accounts have a current manager, larger ones
    // more often; preferably a (regional) manager based in the client's country.
    var byCountryStandard = [[Int]](repeating: [], count: countries.count)
    var byCountry = [[Int]](repeating: [], count: countries.count)
    for (k, mg) in managers.enumerated() {
        byCountry[mg.country].append(k)
        if mg.serves(.standard) { byCountryStandard[mg.country].append(k) }
    }
    var byLanguage = [[Int]](repeating: [], count: languageCodes.count)
    for (k, mg) in managers.enumerated() {
        for l in 0 ..< languageCodes.count where mg.langs & Lang.bit(l) != 0 { byLanguage[l].append(k) }
    }
    var cm = Rng(seed: seed, stream: .currentManager)
    for r in classA ..< n {
        let id = Int(idOfRank[r])
        let s = skeletons[id]
        let q = Double(r) / Double(n)
        let p = r >= dormantFrom ? 0.3 : 0.93 - 0.45 * q
        if !cm.chance(p) { continue }
        let c = Int(s.country)
        var pool: [Int]
        if !byCountryStandard[c].isEmpty {
            pool = byCountryStandard[c]
        } else if !byCountry[c].isEmpty {
            pool = byCountry[c]
        } else {
            pool = []
            for l in 0 ..< languageCodes.count where s.langs & Lang.bit(l) != 0 {
                for k in byLanguage[l] where !pool.contains(k) { pool.append(k) }
            }
            if pool.isEmpty { pool = Array(managers.indices) }
            pool.sort()
        }
        skeletons[id].manager = UInt16(cm.pick(pool) + 1)
    }
    for s in skeletons where s.manager > 0 { report.withManager += 1 }
    return report
}
