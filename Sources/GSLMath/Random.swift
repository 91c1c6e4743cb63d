internal import CGSL

/// The seeds of independent random streams derived from one seed.
///
/// Every restart of k-means and every sample draws from its own stream, so
/// results do not depend on how many threads ran the restarts or in which
/// order they finished. Streams are derived with SplitMix64, whose outputs
/// for consecutive inputs are statistically independent.
public struct SeedSequence: Sendable, Hashable, Codable {
    public let seed: UInt64

    public init(_ seed: UInt64) { self.seed = seed }

    /// The seed of stream `index` (0, 1, 2, ...), never 0 (GSL maps 0 to its default seed).
    public func seed(for index: Int) -> UInt64 {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return z == 0 ? 1 : z
    }
}

/// A Mersenne Twister (GSL's `mt19937`) stream.
///
/// Owns a C object freed in `deinit`; deliberately not `Sendable`: each
/// thread makes its own from a `SeedSequence`.
@safe final class RandomStream {
    private let generator: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64) {
        _ = GSL.errorHandlerOff
        guard let generator = unsafe gsl_rng_alloc(kamp_gsl_rng_mt19937()) else {
            fatalError("gsl_rng_alloc: out of memory")
        }
        unsafe self.generator = generator
        // mt19937 keeps only the low 32 bits of its seed: fold the high half in so both count.
        unsafe gsl_rng_set(generator, UInt(truncatingIfNeeded: (seed ^ (seed >> 32)) & 0xFFFF_FFFF))
    }

    deinit { unsafe gsl_rng_free(generator) }

    /// Uniform in [0, 1).
    func uniform() -> Double { unsafe gsl_rng_uniform(generator) }

    /// Uniform integer in 0..<n (n >= 1).
    func below(_ n: Int) -> Int {
        precondition(n >= 1)
        return Int(unsafe gsl_rng_uniform_int(generator, UInt(n)))
    }

    /// `count` distinct indices of 0..<n in increasing order (GSL's `gsl_ran_choose`).
    func choose(_ count: Int, of n: Int) -> [Int] {
        precondition(count <= n)
        guard count < n else { return Array(0..<n) }
        var source = Array(0..<n)
        var chosen = [Int](repeating: 0, count: count)
        unsafe chosen.withUnsafeMutableBytes { destination in
            unsafe source.withUnsafeMutableBytes { source in
                _ = unsafe gsl_ran_choose(generator, destination.baseAddress, count,
                                          source.baseAddress, n, MemoryLayout<Int>.stride)
            }
        }
        return chosen
    }
}

/// `count` uniform numbers in [0, 1) from GSL's Mersenne Twister, seeded:
/// the same seed always gives the same numbers (Monte Carlo draws outside GSLMath).
public func uniformDraws(count: Int, seed: UInt64) -> [Double] {
    let stream = RandomStream(seed: SeedSequence(seed).seed(for: 0))
    return (0..<max(0, count)).map { _ in stream.uniform() }
}
