/// A dense matrix of doubles in row-major order: one row per observation
/// (account), one column per feature.
///
/// A plain value: GSL and CBLAS see it through views created inside
/// `withUnsafe...` closures, so there is nothing to allocate or free.
public struct Matrix: Sendable, Hashable, Codable {
    public let rows: Int
    public let columns: Int
    /// `rows * columns` values, row after row.
    public private(set) var values: [Double]

    /// - Precondition: `values.count == rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "a \(rows) x \(columns) matrix needs \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    /// Builds a matrix from rows of equal length (tests, small inputs).
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "every row needs \(columns) values")
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `index` as an array.
    public func row(_ index: Int) -> [Double] {
        Array(values[index * columns..<(index + 1) * columns])
    }

    /// Column `index` as an array.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    /// The rows at `indices`, in that order.
    public func rows(at indices: [Int]) -> Matrix {
        var picked: [Double] = []
        picked.reserveCapacity(indices.count * columns)
        for index in indices { picked += values[index * columns..<(index + 1) * columns] }
        return Matrix(rows: indices.count, columns: columns, values: picked)
    }

    /// Position of the first value that is NaN or infinite, if any.
    public var firstNonFinite: (row: Int, column: Int)? {
        // Every analysis checks its input first: a million-row matrix is
        // checked in eight parts on every core before the first is searched.
        let values = self.values
        let finite = onFixedParts(of: values.count, parallel: values.count >= 1 << 16) { part in
            values[part].allSatisfy(\.isFinite)
        }
        guard !finite.allSatisfy({ $0 }), let index = values.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (index / max(columns, 1), index % max(columns, 1))
    }
}
