internal import CGSL

/// Principal component analysis: the directions of largest variance, for a
/// 2-D map of the portfolio.
///
/// The covariance matrix (divisor n) of the centred data is accumulated in
/// blocks with CBLAS `dsyrk`, eight groups of rows on every core, and decomposed with GSL's symmetric
/// eigensolver (`gsl_eigen_symmv`); components are sorted by variance,
/// largest first. An eigenvector's sign is arbitrary, so each component is
/// oriented to make its largest loading (by absolute value, the first one on
/// a tie) positive: reruns and other tools give the same picture.
public struct PrincipalComponents: Sendable, Hashable, Codable {
    /// Column means removed before projecting.
    public let means: [Double]
    /// c x d: row r is the unit loading vector of component r + 1.
    public let components: Matrix
    /// Variance along each component (the eigenvalues).
    public let variances: [Double]
    /// Each component's share of the total variance, in [0, 1].
    public let explainedVarianceRatio: [Double]

    /// - Parameters:
    ///   - data: the points, one per row.
    ///   - count: components wanted; at most the number of columns are returned.
    /// - Throws: `InvalidInput` for empty or non-finite data or `count` < 1;
    ///   `GSLError` if the eigensolver fails.
    /// - Complexity: O(n d^2 + d^3).
    public init(fitting data: Matrix, components count: Int = 2) throws {
        try InvalidInput.checkData(data)
        guard count >= 1 else { throw InvalidInput("at least 1 principal component is needed, got \(count)") }
        _ = GSL.errorHandlerOff
        let n = data.rows, d = data.columns, c = min(count, d)
        // Sums per group of rows on every core, added in group order: a fixed
        // number of groups, so the figures do not depend on the core count.
        let sums = onFixedParts(of: n) { group in
            var sum = [Double](repeating: 0, count: d)
            unsafe data.values.withUnsafeBufferPointer { x in
                for i in group { for j in 0..<d { unsafe sum[j] += x[i * d + j] } }
            }
            return sum
        }
        var means = [Double](repeating: 0, count: d)
        for sum in sums { for j in 0..<d { means[j] += sum[j] } }
        for j in 0..<d { means[j] /= Double(n) }

        let centredMeans = means
        let parts = onFixedParts(of: n) { group in
            var covariance = [Double](repeating: 0, count: d * d)
            let block = 4096
            var centred = [Double](repeating: 0, count: block * d)
            var start = group.lowerBound
            while start < group.upperBound {
                let rows = min(block, group.upperBound - start)
                unsafe data.values.withUnsafeBufferPointer { x in
                    for r in 0..<rows { for j in 0..<d { centred[r * d + j] = unsafe x[(start + r) * d + j] - centredMeans[j] } }
                }
                unsafe centred.withUnsafeBufferPointer { centred in
                    unsafe covariance.withUnsafeMutableBufferPointer { covariance in
                        // covariance (upper triangle) += centred^T centred / n
                        unsafe cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows), 1 / Double(n),
                                           centred.baseAddress!, Int32(d), 1, covariance.baseAddress!, Int32(d))
                    }
                }
                start += rows
            }
            return covariance
        }
        var covariance = [Double](repeating: 0, count: d * d)
        for part in parts { for index in 0..<(d * d) { covariance[index] += part[index] } }
        for i in 0..<d { for j in 0..<i { covariance[i * d + j] = covariance[j * d + i] } }

        var eigenvalues = [Double](repeating: 0, count: d)
        var eigenvectors = [Double](repeating: 0, count: d * d)
        try unsafe covariance.withUnsafeMutableBufferPointer { a in
            try unsafe eigenvalues.withUnsafeMutableBufferPointer { values in
                try unsafe eigenvectors.withUnsafeMutableBufferPointer { vectors in
                    var matrix = unsafe gsl_matrix_view_array(a.baseAddress!, d, d)
                    var eval = unsafe gsl_vector_view_array(values.baseAddress!, d)
                    var evec = unsafe gsl_matrix_view_array(vectors.baseAddress!, d, d)
                    guard let workspace = unsafe gsl_eigen_symmv_alloc(d) else {
                        throw GSLError(code: Int(GSL_ENOMEM), function: "gsl_eigen_symmv_alloc", message: "out of memory")
                    }
                    defer { unsafe gsl_eigen_symmv_free(workspace) }
                    try GSL.check(unsafe gsl_eigen_symmv(&matrix.matrix, &eval.vector, &evec.matrix, workspace), "gsl_eigen_symmv")
                    try GSL.check(unsafe gsl_eigen_symmv_sort(&eval.vector, &evec.matrix, GSL_EIGEN_SORT_VAL_DESC),
                                  "gsl_eigen_symmv_sort")
                }
            }
        }
        // Eigenvector r is column r of the row-major d x d result.
        var loadings = [Double](repeating: 0, count: c * d)
        for r in 0..<c {
            var column = (0..<d).map { eigenvectors[$0 * d + r] }
            var largest = 0
            for j in 1..<d where abs(column[j]) > abs(column[largest]) + 1e-12 { largest = j }
            if column[largest] < 0 { column = column.map { -$0 } }
            for j in 0..<d { loadings[r * d + j] = column[j] }
        }
        let clamped = eigenvalues.map { max(0, $0) }
        let total = clamped.reduce(0, +)
        self.means = means
        self.components = Matrix(rows: c, columns: d, values: loadings)
        self.variances = Array(clamped.prefix(c))
        self.explainedVarianceRatio = clamped.prefix(c).map { total > 0 ? $0 / total : 0 }
    }

    /// Coordinates of `data` on the components: n x c, blocks of rows on
    /// every core (each coordinate depends on its row alone).
    public func projected(_ data: Matrix) -> Matrix {
        precondition(data.columns == means.count, "expected \(means.count) columns, got \(data.columns)")
        let n = data.rows, d = data.columns, c = components.rows
        let block = 65_536
        let groups = (n + block - 1) / block
        let means = means, loadings = components.values
        let values = unsafe [Double](unsafeUninitializedCapacity: n * c) { result, written in
            let output = unsafe SharedPointer(result.baseAddress!)
            _ = onEveryCore(groups) { group in
                unsafe data.values.withUnsafeBufferPointer { x in
                    for i in group * block..<min(n, (group + 1) * block) {
                        for r in 0..<c {
                            var sum = 0.0
                            for j in 0..<d { sum += unsafe (x[i * d + j] - means[j]) * loadings[r * d + j] }
                            unsafe output.pointer[i * c + r] = sum
                        }
                    }
                }
            }
            written = n * c
        }
        return Matrix(rows: n, columns: c, values: values)
    }
}
