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

    /// Mean and sd of every column of `data`, computed by GSL (`gsl_stats_mean`,
    /// `gsl_stats_sd_with_fixed_mean`) over the strided column.
    /// - Throws: `InvalidInput` for an empty matrix or a value that is not finite.
    /// - Complexity: O(rows x columns).
    public init(fitting data: Matrix) throws(InvalidInput) {
        try InvalidInput.checkData(data)
        _ = GSL.errorHandlerOff
        var means: [Double] = []
        var deviations: [Double] = []
        unsafe data.values.withUnsafeBufferPointer { buffer in
            for column in 0..<data.columns {
                let start = unsafe buffer.baseAddress! + column
                let mean = unsafe gsl_stats_mean(start, data.columns, data.rows)
                var sd = unsafe gsl_stats_sd_with_fixed_mean(start, data.columns, data.rows, mean)
                // A column of equal values can leave a rounding residue; treat
                // anything below 1e-12 of the magnitude as constant.
                if !(sd > 1e-12 * max(1, abs(mean))) { sd = 0 }
                means.append(mean)
                deviations.append(sd)
            }
        }
        self.init(means: means, standardDeviations: deviations)
    }

    /// The z-scores of `data` (same shape).
    /// - Parameter decimals: when given, each z-score is rounded to that many
    ///   decimals (half away from zero), so a table printed with that many
    ///   decimals holds exactly the matrix returned.
    public func standardized(_ data: Matrix, roundedTo decimals: Int? = nil) -> Matrix {
        precondition(data.columns == means.count, "expected \(means.count) columns, got \(data.columns)")
        let scales = standardDeviations.map { $0 > 0 ? 1 / $0 : 1 }
        var values = data.values
        let columns = data.columns
        var power = 1.0
        for _ in 0..<(decimals ?? 0) { power *= 10 }
        for row in 0..<data.rows {
            for column in 0..<columns {
                let z = (values[row * columns + column] - means[column]) * scales[column]
                values[row * columns + column] = decimals == nil ? z : (z * power).rounded(.toNearestOrAwayFromZero) / power
            }
        }
        return Matrix(rows: data.rows, columns: columns, values: values)
    }

    /// Back from z-scores to the original units (for centroids).
    public func original(_ z: [Double]) -> [Double] {
        z.indices.map { means[$0] + z[$0] * standardDeviations[$0] }
    }
}
