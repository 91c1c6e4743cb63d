// Seeded randomness for the dataset generator: SplitMix64 seeding xoshiro256**.
// No SystemRandomNumberGenerator, no Foundation random: the same seed gives
// the same files on every run.

import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014); used to seed xoshiro and to hash stream ids.
struct SplitMix64 {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One-shot avalanche hash of a 64-bit value.
    static func mix(_ x: UInt64) -> UInt64 {
        var s = SplitMix64(x)
        return s.next()
    }
}

/// Named, independent random streams. Every account draws from its own streams
/// (indexed by its position), so changing one part of the generator (or
/// skipping the survey) never shifts the numbers of another part.
enum Stream: UInt64 {
    case turnover = 1, permutation, skeleton, details, survey, managers, plan, currentManager
}

/// xoshiro256** 1.0 (Blackman & Vigna 2018).
struct Rng {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var sm = SplitMix64(seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    }

    /// The stream `stream` of item `index` under the global `seed`.
    init(seed: UInt64, stream: Stream, index: Int = 0) {
        var h = SplitMix64.mix(seed)
        h = SplitMix64.mix(h ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03))
        h = SplitMix64.mix(h ^ (UInt64(truncatingIfNeeded: index) &* 0x8CB9_2BA7_2F3D_8DD7))
        self.init(seed: h)
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = Rng.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Rng.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [a, b).
    @inline(__always)
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

    /// Uniform integer in 0 ..< n (Lemire's multiply-high; the bias is below 2^-40 for our n).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform integer in a ... b.
    @inline(__always)
    mutating func int(_ a: Int, _ b: Int) -> Int { a + below(b - a + 1) }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal (Box-Muller, one value per call).
    mutating func normal() -> Double {
        let u1 = Double((next() >> 11) + 1) * 0x1.0p-53   // (0, 1]
        let u2 = uniform()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// Exponential with mean 1.
    mutating func exponential() -> Double {
        -log(Double((next() >> 11) + 1) * 0x1.0p-53)
    }

    /// Triangular on [a, b] with mode c.
    mutating func triangular(_ a: Double, _ c: Double, _ b: Double) -> Double {
        let u = uniform()
        let f = (c - a) / (b - a)
        if u < f { return a + ((b - a) * (c - a) * u).squareRoot() }
        return b - ((b - a) * (b - c) * (1 - u)).squareRoot()
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Index drawn with probability proportional to `weights`.
    mutating func weighted(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var x = uniform() * total
        for (i, w) in weights.enumerated() {
            x -= w
            if x < 0 { return i }
        }
        return weights.count - 1
    }
}

/// A weighted table with precomputed cumulative weights (binary search draw).
struct WeightedTable {
    let cumulative: [Double]

    init(_ weights: [Double]) {
        var acc = 0.0
        var c: [Double] = []
        c.reserveCapacity(weights.count)
        for w in weights { acc += w; c.append(acc) }
        cumulative = c
    }

    func draw(_ rng: inout Rng) -> Int {
        let x = rng.uniform() * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Inverse of the standard normal CDF (Acklam's rational approximation,
/// relative error below 1.2e-9; plenty for shaping a turnover distribution).
func inverseNormalCDF(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
             3.754408661907416e+00]
    let pLow = 0.02425, pHigh = 1 - 0.02425
    if p < pLow {
        let q = (-2 * log(p)).squareRoot()
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p <= pHigh {
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
    let q = (-2 * log(1 - p)).squareRoot()
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
}

/// Great-circle distance in km (haversine, R = 6371.0088 km, as kamp uses).
func haversineKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = 6371.0088
    let toRad = Double.pi / 180
    let dLat = (lat2 - lat1) * toRad, dLon = (lon2 - lon1) * toRad
    let s1 = sin(dLat / 2), s2 = sin(dLon / 2)
    let h = s1 * s1 + cos(lat1 * toRad) * cos(lat2 * toRad) * s2 * s2
    return 2 * r * asin(min(1, h.squareRoot()))
}
