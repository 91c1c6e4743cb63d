/// Everything that stops a kamp run, with a message a director can act on.
///
/// Messages follow the `file:line:column: what was expected` convention of
/// compilers so editors and terminals can jump to the spot.
public enum KeyAccountsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input file does not exist or cannot be read.
    case cannotOpen(file: String, reason: String)
    /// The file's CSV structure cannot be read (unbalanced quote, stray byte after a quote, no header).
    case malformedCSV(file: String, line: Int, column: Int, problem: String)
    /// Required columns are absent from the header.
    case missingColumns(file: String, missing: [String], found: [String])
    /// A column name appears twice in the header, so its values would be ambiguous.
    case duplicateColumn(file: String, column: String, positions: [Int])
    /// The policy file is not valid YAML, has an unknown key or an out-of-range value.
    case invalidPolicy(file: String, line: Int?, column: Int?, problem: String)
    /// Every row of a file was rejected.
    case noValidRows(file: String, rejected: Int)
    /// `--strict` was given and rows were rejected.
    case rejectedRows(count: Int, first: Reject)
    /// The invariant rows read = used + rejected does not hold: a bug, never the user's fault.
    case rowCountMismatch(file: String, read: Int, used: Int, rejected: Int)
    /// Inputs that are individually valid but cannot be used together.
    case infeasible(problem: String)
    /// An output file or directory cannot be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(file, reason):
            return "\(file): cannot open: \(reason)"
        case let .malformedCSV(file, line, column, problem):
            return "\(file):\(line):\(column): \(problem)"
        case let .missingColumns(file, missing, found):
            let names = missing.joined(separator: ", ")
            let header = found.isEmpty ? "no header" : "header has " + found.joined(separator: ", ")
            return "\(file):1: missing required column\(missing.count == 1 ? "" : "s") \(names) (\(header))"
        case let .duplicateColumn(file, column, positions):
            let where_ = positions.map(String.init).joined(separator: " and ")
            return "\(file):1: column '\(column)' appears twice (columns \(where_)); keep one"
        case let .invalidPolicy(file, line, column, problem):
            let position = [line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
            return "\(file):\(position.isEmpty ? "" : position + ":") invalid policy: \(problem)"
        case let .noValidRows(file, rejected):
            return "\(file): no valid row left (\(rejected) rejected; see rejects.csv)"
        case let .rejectedRows(count, first):
            return "\(first.file):\(first.line): \(count) row\(count == 1 ? "" : "s") rejected under --strict; first: "
                + "column \(first.column.isEmpty ? "-" : first.column): \(first.reason)"
        case let .rowCountMismatch(file, read, used, rejected):
            return "\(file): internal check failed: \(read) rows read but \(used) used + \(rejected) rejected"
        case let .infeasible(problem):
            return problem
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason)"
        }
    }
}

/// A row that cannot be used, and why (one row of rejects.csv).
public struct Reject: Hashable, Codable, Sendable {
    public var file: String
    public var line: Int
    public var accountID: String
    public var column: String
    public var value: String
    public var reason: String

    public init(file: String, line: Int, accountID: String, column: String, value: String, reason: String) {
        self.file = file
        self.line = line
        self.accountID = accountID
        self.column = column
        self.value = value
        self.reason = reason
    }
}
