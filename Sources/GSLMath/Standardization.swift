internal import CGSL

/// Per-column centring and scaling to z-scores: z = (x - mean) / sd.
///
/// The standard deviation is the population one (divisor n), as in
/// scikit-learn's `StandardScaler`, so a column of the result has mean 0
/// and variance exactly 1. A constant column (sd 0) is centred but not
/// scaled: its z-scores are all 0 and it is listed in `constantColumns`.
public struct Standardization: Sendable, Hashable, Codable {
    public let means: [Double]
    /// Population standard deviation of each column; 0 for a constant column.
    public let standardDeviations: [Double]

    /// Columns whose values are all equal; they carry no information for clustering.
    public var constantColumns: [Int] { standardDeviations.indices.filter { standardDeviations[$0] == 0 } }

    public init(means: [Double], standardDeviations: [Double]) {
        precondition(means.count == standardDeviations.count)
        self.means = means
        self.standardDeviations = standardDeviations
    }

    /// Mean and sd of every column of `data`, computed by GSL (a CBLAS dot
    /// product for the sum, `gsl_stats_tss_m` for the squares) over the
    /// strided column.
    /// - Throws: `InvalidInput` for an empty matrix or a value that is not finite.
    /// - Complexity: O(rows x columns).
    public init(fitting data: Matrix) throws(InvalidInput) {
        try InvalidInput.checkData(data)
        self = unsafe data.values.withUnsafeBufferPointer { buffer in
            unsafe Self(fitting: Layout(base: buffer.baseAddress!, observationStride: data.columns, featureStride: 1),
                        features: data.columns, observations: data.rows)
        }
    }

    /// `init(fitting:)` for data stored the other way round: one row per
    /// feature, one column per observation. GSL then reads each feature
    /// contiguously instead of every d-th value, which at a million
    /// observations is most of the time spent here; the results are the same.
    public init(fittingFeatureRows features: Matrix) throws(InvalidInput) {
        try InvalidInput.checkData(features)
        self = unsafe features.values.withUnsafeBufferPointer { buffer in
            unsafe Self(fitting: Layout(base: buffer.baseAddress!, observationStride: 1, featureStride: features.columns),
                        features: features.rows, observations: features.columns)
        }
    }

    /// Where value (observation, feature) of a matrix sits in either
    /// layout. Shared by the threads below, which only read through it or
    /// write disjoint elements.
    @unsafe
    private struct Layout: @unchecked Sendable {
        let base: UnsafeMutablePointer<Double>
        let observationStride: Int, featureStride: Int

        init(base: UnsafePointer<Double>, observationStride: Int, featureStride: Int) {
            unsafe self.base = UnsafeMutablePointer(mutating: base)
            unsafe self.observationStride = observationStride
            unsafe self.featureStride = featureStride
        }

        subscript(observation: Int, feature: Int) -> Double {
            get { unsafe base[observation * observationStride + feature * featureStride] }
            nonmutating set { unsafe base[observation * observationStride + feature * featureStride] = newValue }
        }
    }

    /// Every feature in eight fixed blocks, on every core: the sums and the
    /// squares about the mean add up block by block in the same order
    /// whatever the number of cores.
    ///
    /// Why not `gsl_stats_mean` and `gsl_stats_sd_with_fixed_mean`: both
    /// update a running mean with a long-double division per value, 15 ms
    /// per million values; GSL's CBLAS dot product with a stride-0 one sums
    /// a column in about a tenth of that, and `gsl_stats_tss_m` (the total
    /// sum of squares about a given mean) has no division. Two passes, so
    /// the sd does not suffer the cancellation of sum(x^2) - n mean^2.
    private init(fitting data: Layout, features: Int, observations: Int) {
        _ = GSL.errorHandlerOff
        let blocks = 8
        let bounds = (0...blocks).map { observations * $0 / blocks }
        /// Runs `figure` on each block of each feature; returns the block
        /// totals added up per feature.
        func perFeature(_ figure: @Sendable (_ feature: Int, _ start: UnsafePointer<Double>, _ count: Int) -> Double) -> [Double] {
            let parts = onEveryCore(features * blocks) { task in
                let feature = task / blocks, block = task % blocks
                let start = unsafe data.base + feature * data.featureStride + bounds[block] * data.observationStride
                return unsafe figure(feature, start, bounds[block + 1] - bounds[block])
            }
            return (0..<features).map { feature in parts[feature * blocks..<(feature + 1) * blocks].reduce(0, +) }
        }
        let stride = unsafe data.observationStride
        let sums = unsafe perFeature { _, start, count in
            var one = 1.0
            return unsafe cblas_ddot(Int32(count), start, Int32(stride), &one, 0)
        }
        let means = sums.map { $0 / Double(observations) }
        let squares = unsafe perFeature { feature, start, count in unsafe gsl_stats_tss_m(start, stride, count, means[feature]) }
        let deviations = (0..<features).map { feature in
            let sd = (squares[feature] / Double(observations)).squareRoot()
            // A column of equal values can leave a rounding residue; treat
            // anything below 1e-12 of the magnitude as constant.
            return sd > 1e-12 * max(1, abs(means[feature])) ? sd : 0
        }
        self.init(means: means, standardDeviations: deviations)
    }

    /// The z-scores of `data` (same shape).
    /// - Parameter decimals: when given, each z-score is rounded to that many
    ///   decimals (half away from zero), so a table printed with that many
    ///   decimals holds exactly the matrix returned.
    public func standardized(_ data: Matrix, roundedTo decimals: Int? = nil) -> Matrix {
        precondition(data.columns == means.count, "expected \(means.count) columns, got \(data.columns)")
        return unsafe data.values.withUnsafeBufferPointer { buffer in
            unsafe standardized(Layout(base: buffer.baseAddress!, observationStride: data.columns, featureStride: 1),
                                observations: data.rows, roundedTo: decimals)
        }
    }

    /// `standardized(_:roundedTo:)` of data stored one row per feature (as
    /// for `init(fittingFeatureRows:)`); the result has one row per
    /// observation, as k-means reads it.
    public func standardized(featureRows features: Matrix, roundedTo decimals: Int? = nil) -> Matrix {
        precondition(features.rows == means.count, "expected \(means.count) feature rows, got \(features.rows)")
        return unsafe features.values.withUnsafeBufferPointer { buffer in
            unsafe standardized(Layout(base: buffer.baseAddress!, observationStride: 1, featureStride: features.columns),
                                observations: features.columns, roundedTo: decimals)
        }
    }

    /// Observations x features z-scores, blocks of observations on every
    /// core; each value depends on its input alone, so the result does not
    /// depend on the number of threads.
    private func standardized(_ input: Layout, observations: Int, roundedTo decimals: Int?) -> Matrix {
        let d = means.count
        let means = means
        let scales = standardDeviations.map { $0 > 0 ? 1 / $0 : 1 }
        let power = (0..<(decimals ?? 0)).reduce(1.0) { product, _ in product * 10 }
        let block = 65_536
        let values = unsafe [Double](unsafeUninitializedCapacity: observations * d) { buffer, count in
            guard observations > 0 else { return }
            let output = unsafe Layout(base: buffer.baseAddress!, observationStride: d, featureStride: 1)
            _ = onEveryCore((observations + block - 1) / block) { index in
                for row in index * block..<min(observations, (index + 1) * block) {
                    for column in 0..<d {
                        let z = unsafe (input[row, column] - means[column]) * scales[column]
                        unsafe output[row, column] = decimals == nil ? z : Self.round(z, scale: power)
                    }
                }
            }
            count = observations * d
        }
        return Matrix(rows: observations, columns: d, values: values)
    }

    /// `(z * scale).rounded(.toNearestOrAwayFromZero) / scale` without a libm
    /// call per value: below 2^52 the fraction `magnitude - whole` is exact.
    @inline(__always)
    static func round(_ z: Double, scale: Double) -> Double {
        let magnitude = abs(z) * scale
        guard magnitude < 0x1p52 else { return (z * scale).rounded(.toNearestOrAwayFromZero) / scale }
        var whole = Int64(magnitude)
        whole += magnitude - Double(whole) >= 0.5 ? 1 : 0
        // The sign copied rather than chosen by a branch: half the z-scores
        // are negative, in no order a branch predictor could learn.
        return Double(signOf: z, magnitudeOf: Double(whole) / scale)
    }

    /// Back from z-scores to the original units (for centroids).
    public func original(_ z: [Double]) -> [Double] {
        z.indices.map { means[$0] + z[$0] * standardDeviations[$0] }
    }
}
