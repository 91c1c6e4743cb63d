internal import CGSL

/// Descriptive statistics of a sample, computed by GSL.
///
/// Empty samples have no statistics: the initialiser returns `nil` rather than
/// producing NaN that would travel silently into a report.
public struct SampleSummary: Sendable, Hashable, Codable {
    public let count: Int
    public let mean: Double
    /// Sample standard deviation (divisor n - 1); 0 for a single value.
    public let standardDeviation: Double
    public let minimum: Double
    public let maximum: Double
    public let median: Double

    /// - Parameter values: the sample, in any order; it is copied and sorted.
    /// - Complexity: O(n log n) for the median.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        _ = GSL.errorHandlerOff
        var sorted = values
        sorted.sort()
        let n = sorted.count
        let stats = unsafe sorted.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let mean = unsafe gsl_stats_mean(base, 1, n)
            let sd = n > 1 ? unsafe gsl_stats_sd_m(base, 1, n, mean) : 0
            let median = unsafe gsl_stats_median_from_sorted_data(base, 1, n)
            return (mean, sd, median)
        }
        count = n
        mean = stats.0
        standardDeviation = stats.1
        minimum = sorted[0]
        maximum = sorted[n - 1]
        median = stats.2
    }
}

/// The `p` quantile of already sorted data, interpolated as GSL does
/// (`gsl_stats_quantile_from_sorted_data`, Hyndman & Fan type 7).
///
/// - Parameters:
///   - sorted: values in ascending order, not empty.
///   - p: the quantile, in 0...1.
public func quantile(ofSorted sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty && (0...1).contains(p), "quantile needs data and p in 0...1")
    _ = GSL.errorHandlerOff
    return unsafe sorted.withUnsafeBufferPointer { buffer in
        unsafe gsl_stats_quantile_from_sorted_data(buffer.baseAddress!, 1, buffer.count, p)
    }
}

/// The median of `values`, the very number `quantile(ofSorted: values.sorted(), 0.5)`
/// gives, found by GSL's quickselect (`gsl_stats_select`) in O(n) instead of
/// a sort: `values` is left rearranged.
///
/// - Parameter values: not empty, no NaN.
public func median(rearranging values: inout [Double]) -> Double {
    precondition(!values.isEmpty, "median needs data")
    _ = GSL.errorHandlerOff
    let n = values.count
    // The two order statistics the type-7 interpolation at p = 0.5 reads
    // (one when n is odd), then GSL's own interpolation over just those.
    let middle = unsafe values.withUnsafeMutableBufferPointer { buffer in
        let base = buffer.baseAddress!
        let lower = unsafe gsl_stats_select(base, 1, n, (n - 1) / 2)
        return n % 2 == 1 ? [lower] : [lower, unsafe gsl_stats_select(base, 1, n, n / 2)]
    }
    return quantile(ofSorted: middle, middle.count == 1 ? 0 : 0.5)
}
