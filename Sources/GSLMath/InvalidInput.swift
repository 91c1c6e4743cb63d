/// Data or parameters that a computation cannot accept, said with the
/// numbers: "3 points cannot form 4 clusters".
///
/// Raised before any computation starts, so a bad call costs nothing.
public struct InvalidInput: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Checks that `data` has rows and columns and only finite values.
    static func checkData(_ data: Matrix, what: String = "data") throws(InvalidInput) {
        guard data.rows > 0 else { throw InvalidInput("\(what) has no rows") }
        guard data.columns > 0 else { throw InvalidInput("\(what) has no columns") }
        if let (row, column) = data.firstNonFinite {
            throw InvalidInput("\(what) row \(row + 1), column \(column + 1) is \(data[row, column]); every value must be a finite number")
        }
    }

    /// Checks sample weights: one per row, finite, >= 0, not all 0.
    static func checkWeights(_ weights: [Double]?, rows: Int) throws(InvalidInput) {
        guard let weights else { return }
        guard weights.count == rows else {
            throw InvalidInput("\(weights.count) weights given for \(rows) rows; one weight per row is needed")
        }
        if let index = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw InvalidInput("weight of row \(index + 1) is \(weights[index]); weights must be finite and >= 0")
        }
        guard weights.contains(where: { $0 > 0 }) else { throw InvalidInput("every weight is 0; at least one must be > 0") }
    }
}
