// The turnover distribution: a three-piece lognormal evaluated at stratified
// quantiles, so the share of the top accounts is stable from seed to seed.
//
//   log T(z) = log(median) + sl * z             for z < 0         (the long tail of small clients)
//            = log(median) + sh * z             for 0 <= z < 2.326
//            = ... + 0.9 * (z - 2.326)          above the 99th percentile (no single giant)
//
// sh is solved so that the top `classAShare` of accounts make 80 % of turnover;
// the median follows from a fixed 99th percentile of 8 million euros, and sl
// from a 1st percentile of about 1,000 euros.

import Foundation

struct TurnoverModel {
    let sh: Double
    let sl: Double
    let median: Double

    static let zCap = 2.326           // 99th percentile
    static let tailSlope = 0.9
    static let p99 = 8_000_000.0
    static let p01 = 1_000.0

    init(sh: Double) {
        self.sh = sh
        median = TurnoverModel.p99 * exp(-TurnoverModel.zCap * sh)
        sl = max(0.6, log(median / TurnoverModel.p01) / 2.326)
    }

    func value(_ z: Double) -> Double {
        if z < 0 { return median * exp(sl * z) }
        if z < TurnoverModel.zCap { return median * exp(sh * z) }
        return median * exp(sh * TurnoverModel.zCap + TurnoverModel.tailSlope * (z - TurnoverModel.zCap))
    }

    /// Solves sh on a fixed grid of 20,000 quantiles (independent of N and seed).
    static func solve(classAShare f: Double) -> TurnoverModel {
        let g = 20_000
        var zs = [Double](repeating: 0, count: g)
        for i in 0 ..< g { zs[i] = inverseNormalCDF(1 - (Double(i) + 0.5) / Double(g)) }
        let k = max(1, Int((f * Double(g)).rounded()))
        func share(_ sh: Double) -> Double {
            let m = TurnoverModel(sh: sh)
            var top = 0.0, total = 0.0
            for i in 0 ..< g {
                let v = m.value(zs[i])
                total += v
                if i < k { top += v }
            }
            return top / total
        }
        var lo = 0.2, hi = 8.0
        for _ in 0 ..< 60 {
            let mid = (lo + hi) / 2
            if share(mid) < 0.8 { lo = mid } else { hi = mid }
        }
        return TurnoverModel(sh: (lo + hi) / 2)
    }
}

/// Turnover in cents by rank (rank 0 = largest), non-increasing; the last
/// ≈0.5 % of ranks are dormant clients with turnover 0.
func makeTurnoverByRank(n: Int, model: TurnoverModel, seed: UInt64) -> (cents: [Int64], dormant: Int) {
    var rng = Rng(seed: seed, stream: .turnover)
    let dormant = n >= 20 ? Int((Double(n) * 0.005).rounded()) : 0
    let active = n - dormant
    var cents = [Int64](repeating: 0, count: n)
    var previous = Int64.max
    for r in 0 ..< active {
        // Jitter inside the stratum keeps the order: strata do not overlap.
        let u = (Double(r) + 0.25 + 0.5 * rng.uniform()) / Double(active)
        let z = inverseNormalCDF(1 - u)
        var c = Int64((model.value(z) * 100).rounded())
        c = max(c, 1_000)                 // at least 10.00 euros
        c = min(c, previous)              // non-increasing after rounding
        cents[r] = c
        previous = c
    }
    return (cents, dormant)
}

/// Number of class-A accounts under the rule of SPEC §3 with cut-off `a`
/// (an account is A when the turnover ranked strictly above it is < a x total).
func classACount(_ cents: [Int64], a: Double = 0.80) -> Int {
    var total: Int64 = 0
    for c in cents { total += c }
    let limit = Double(total) * a
    var cumulative: Int64 = 0
    var k = 0
    for c in cents {
        if c == 0 || Double(cumulative) >= limit { break }
        k += 1
        cumulative += c
    }
    return k
}
