import Dispatch
#if canImport(Glibc)
import CMalloc
#endif
import Foundation
import Synchronization

/// What every input file reports in run.json.
public struct InputReport: Hashable, Codable, Sendable {
    public var role: String
    public var path: String
    public var sha256: String
    public var rowsRead: Int
    public var rowsUsed: Int
    public var rowsRejected: Int

    enum CodingKeys: String, CodingKey {
        case role, path, sha256
        case rowsRead = "rows_read"
        case rowsUsed = "rows_used"
        case rowsRejected = "rows_rejected"
    }
}

/// Values read from one input file, the rows that could not be used, and the counts.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value
    public var rejects: [Reject]
    public var report: InputReport
}

/// Why a row is rejected: the column, the offending value and the reason.
struct RowRejection: Error {
    var column: String
    var value: String
    var reason: String
}

/// A known column resolved to its position in one file's header.
struct Column {
    let name: String
    let index: Int?
}

/// Maps a file's header onto the columns a reader knows, once per file.
struct HeaderMap {
    let file: String
    let names: [String]
    private let positions: [String: Int]
    /// Positions of columns the reader does not know, in file order.
    let unknownPositions: [Int]

    init(reader: CSVReader, known: [String], required: [String]) throws(KeyAccountsError) {
        file = reader.file
        names = reader.header
        var positions: [String: Int] = [:]
        var unknown: [Int] = []
        for (index, name) in reader.header.enumerated() {
            let key = name.lowercased()
            if let first = positions[key] {
                throw .duplicateColumn(file: reader.file, column: name, positions: [first + 1, index + 1])
            }
            positions[key] = index
            if !known.contains(key) { unknown.append(index) }
        }
        let missing = required.filter { positions[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(file: reader.file, missing: missing, found: reader.header) }
        self.positions = positions
        self.unknownPositions = unknown
    }

    func column(_ name: String) -> Column { Column(name: name, index: positions[name]) }
}

/// Values named by short ASCII words, looked up by a cell's bytes in any
/// letter case: no String, no case conversion, no string switch per row.
struct Keywords<Value: Sendable>: Sendable {
    private let entries: [(word: [UInt8], value: Value)]

    init(_ pairs: [(String, Value)]) {
        entries = pairs.map { (Array($0.0.lowercased().utf8), $0.1) }
    }

    func value(named bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        for entry in entries where entry.word.count == bytes.count {
            let matches = unsafe zip(bytes, entry.word).allSatisfy { byte, lower in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == lower
            }
            if matches { return entry.value }
        }
        return nil
    }
}

/// Typed access to the cells of one record; each failure names its column,
/// value and reason so it can go to rejects.csv.
struct RowDecoder {
    let record: CSVRecord

    private func shown(_ column: Column) -> String {
        guard let index = column.index, let raw = record.raw(index) else { return "" }
        return raw.count > 200 ? String(raw.prefix(200)) + "…" : raw
    }

    func reject(_ column: Column, _ reason: String) -> RowRejection {
        RowRejection(column: column.name, value: shown(column), reason: reason)
    }

    func text(_ column: Column) throws(RowRejection) -> String? {
        guard let index = column.index else { return nil }
        do { return try record.text(index) } catch { throw reject(column, "not valid UTF-8 text") }
    }

    /// `body` applied to the cell's trimmed bytes, for a check that needs no
    /// String; `nil` for a cell with escaped quotes, which the caller then
    /// reads with `text` (so the outcome is the same either way).
    func withPlainBytes<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard !record.field(index).escapedQuotes else { return nil }
        return unsafe record.withBytes(record.trimmedRange(index), body)
    }

    /// The value `keywords` names by the cell, matched on its bytes in any
    /// letter case; `nil` when none matches, the cell is empty or has
    /// escaped quotes, and the caller then takes its text path (which gives
    /// the same answer, slower, and the rejection).
    func keyword<Value>(_ column: Column, in keywords: Keywords<Value>) -> Value? {
        guard let index = column.index else { return nil }
        return unsafe withPlainBytes(index) { unsafe keywords.value(named: $0) } ?? nil
    }

    func required(_ column: Column) throws(RowRejection) -> String {
        guard let value = try text(column) else { throw reject(column, "\(column.name) is empty; it is required") }
        return value
    }

    /// A finite number within `range` (the message spells the range as `expected`).
    func number(_ column: Column, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude,
                expected: String = "") throws(RowRejection) -> Double? {
        guard let index = column.index else { return nil }
        let value: Double?
        do {
            value = try record.number(index)
        } catch .notANumber {
            throw reject(column, "not a number; expected a decimal number such as 1234.5")
        } catch {
            throw reject(column, "not valid UTF-8 text")
        }
        guard let value else { return nil }
        guard range.contains(value) else { throw reject(column, "out of range: \(Format.compact(value)); expected \(expected)") }
        return value
    }

    func integer(_ column: Column, in range: ClosedRange<Int>, expected: String) throws(RowRejection) -> Int? {
        guard let value = try number(column, in: Double(range.lowerBound)...Double(range.upperBound), expected: expected) else { return nil }
        guard value == value.rounded() else { throw reject(column, "\(Format.compact(value)) is not a whole number; expected \(expected)") }
        return Int(value)
    }

    func list(_ column: Column) throws(RowRejection) -> [String] {
        var items: [String] = []
        try appendList(column, to: &items)
        return items
    }

    /// Appends the trimmed, non-empty items of a list cell to `items`.
    func appendList(_ column: Column, to items: inout [String]) throws(RowRejection) {
        guard let index = column.index else { return }
        if record.field(index).escapedQuotes {
            do { items += try record.list(index) } catch { throw reject(column, "not valid UTF-8 text") }
            return
        }
        try unsafe record.forEachItem(index) { (bytes) throws(RowRejection) in
            guard let item = unsafe CSVRecord.string(bytes) else { throw reject(column, "not valid UTF-8 text") }
            let trimmed = item.trimmingSpaces
            if !trimmed.isEmpty { items.append(trimmed) }
        }
    }

    func country(_ column: Column) throws(RowRejection) -> CountryCode? {
        // Most cells are two plain letters: look them up without a String.
        if let index = column.index, let code = unsafe withPlainBytes(index, { unsafe CountryCode(bytes: $0) }) ?? nil {
            return code
        }
        guard let text = try text(column) else { return nil }
        guard let code = CountryCode(rawValue: text) else {
            throw reject(column, "unknown country code '\(text)'; expected ISO 3166-1 alpha-2 such as DE")
        }
        return code
    }

    func countries(_ column: Column) throws(RowRejection) -> [CountryCode] {
        var codes: [CountryCode] = []
        try appendCountries(column, to: &codes)
        return codes
    }

    func appendCountries(_ column: Column, to codes: inout [CountryCode]) throws(RowRejection) {
        guard let index = column.index else { return }
        try unsafe record.forEachItem(index) { (item) throws(RowRejection) in
            guard let code = unsafe CountryCode(bytes: item) else {
                let text = unsafe String(decoding: item, as: UTF8.self)
                throw reject(column, "unknown country code '\(text)'; expected ISO 3166-1 alpha-2 codes separated by ;")
            }
            codes.append(code)
        }
    }

    /// ISO 639-1 codes; a regional variant such as `de-AT` counts as `de`.
    func languages(_ column: Column) throws(RowRejection) -> [String] {
        var codes: [String] = []
        try appendLanguages(column, to: &codes)
        return codes
    }

    func appendLanguages(_ column: Column, to codes: inout [String]) throws(RowRejection) {
        guard let index = column.index else { return }
        try unsafe record.forEachItem(index) { (item) throws(RowRejection) in
            let primary = unsafe item.prefix { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }
            guard unsafe primary.count == 2 else { throw unsafe notALanguage(column, item) }
            let first = unsafe primary[0] | 0x20, second = unsafe primary[1] | 0x20  // ASCII lower case
            let letters = UInt8(ascii: "a")...UInt8(ascii: "z")
            guard letters.contains(first), letters.contains(second) else { throw unsafe notALanguage(column, item) }
            codes.append(twoLetterString(first, second))
        }
    }

    private func notALanguage(_ column: Column, _ item: UnsafeBufferPointer<UInt8>) -> RowRejection {
        let text = unsafe String(decoding: item, as: UTF8.self)
        return reject(column, "'\(text)' is not an ISO 639-1 language code; expected two letters such as de")
    }

    static let booleans = Keywords([("true", true), ("yes", true), ("y", true), ("1", true),
                                    ("false", false), ("no", false), ("n", false), ("0", false)])

    func boolean(_ column: Column) throws(RowRejection) -> Bool? {
        if let value = keyword(column, in: Self.booleans) { return value }
        guard let text = try text(column)?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "y", "1": return true
        case "false", "no", "n", "0": return false
        default: throw reject(column, "expected true or false")
        }
    }

    /// Latitude and longitude come together or not at all.
    func coordinate(_ latitude: Column, _ longitude: Column) throws(RowRejection) -> Coordinate? {
        let lat = try number(latitude, in: -90...90, expected: "a latitude in -90...90")
        let lon = try number(longitude, in: -180...180, expected: "a longitude in -180...180")
        switch (lat, lon) {
        case let (lat?, lon?): return Coordinate(latitude: lat, longitude: lon)
        case (nil, nil): return nil
        case (.some, nil): throw reject(longitude, "latitude is given without longitude; give both or neither")
        case (nil, .some): throw reject(latitude, "longitude is given without latitude; give both or neither")
        }
    }
}

/// A decoded row or the reason it was rejected.
enum RowOutcome<Value: Sendable>: Sendable {
    case value(Value)
    case reject(Reject)
}

/// A decoded row with the key that must not repeat in its file
/// (account_id, manager_id). A protocol rather than a closure: the keys of a
/// million rows are then read in place, without a copy of each row.
protocol KeyedRow {
    var uniqueKey: String { get }
}

extension Account: KeyedRow {
    var uniqueKey: String { id }
}

extension Manager: KeyedRow {
    var uniqueKey: String { id }
}

/// How repeated rows are recognised: the first valid row with a key wins,
/// later ones are rejected with a reason naming the line that is used.
struct UniqueKey<Value> {
    var column: String
    var shown: (Value) -> String
    var reason: (Value, _ firstLine: Int) -> String
}

/// Reads every record of a file, turning each into a value or a reject.
///
/// Records are decoded in batches on every core; repeated keys are found
/// afterwards in file order, so the result is that of a serial read. Keeps
/// the invariant rows read = rows used + rows rejected, and checks it before
/// returning.
func decodeRows<Value: Sendable & KeyedRow>(
    reader: CSVReader, header: HeaderMap, role: String, path: String, digest: FileDigest?,
    idColumn: Column, unique: UniqueKey<Value>, line: (Value) -> Int, id: (Value) -> String,
    decode: @escaping @Sendable (RowDecoder) throws(RowRejection) -> Value
) throws -> (values: [Value], rejects: [Reject], report: InputReport) {
    try decodeRows(reader: reader, header: header, role: role, path: path, digest: digest, idColumn: idColumn,
                   unique: unique, line: line, id: id, state: { () }) { (row, _: inout ()) throws(RowRejection) in
        try decode(row)
    }
}

/// `decodeRows` where every worker has a `State` of its own (made by
/// `state`, kept across batches), for caches that must not be shared
/// between threads.
func decodeRows<Value: Sendable & KeyedRow, State>(
    reader: CSVReader, header: HeaderMap, role: String, path: String, digest: FileDigest?,
    idColumn: Column, unique: UniqueKey<Value>, line: (Value) -> Int, id: (Value) -> String,
    state makeState: () -> State,
    decode: @escaping @Sendable (RowDecoder, inout State) throws(RowRejection) -> Value
) throws -> (values: [Value], rejects: [Reject], report: InputReport) {
    var rejects: [Reject] = []
    var read = 0
    let expectedFields = header.names.count
    let file = reader.file
    let states = (0..<parallelWorkers(for: Int.max)).map { _ in WorkerState(makeState()) }
    // Eight pieces per core: a read chunk of about 30,000 rows in pieces of
    // about 2,000 on two cores.
    let pieces = 8 * parallelWorkers(for: Int.max)
    /// One record decoded, or the reason it was not.
    @Sendable func decodeRecord(_ record: CSVRecord, _ state: inout State) -> RowOutcome<Value> {
        var decoded: Value?
        if let failure = decodeRecord(record, &state, into: { decoded = $0 }) { return .reject(failure) }
        return .value(decoded!)
    }
    /// Hands the decoded record to `store`, or returns why it cannot be used.
    @Sendable func decodeRecord(_ record: CSVRecord, _ state: inout State, into store: (consuming Value) -> Void) -> Reject? {
        let row = RowDecoder(record: record)
        var rowID: String { ((try? row.text(idColumn)) ?? nil) ?? "" }
        guard record.count == expectedFields else {
            return Reject(file: file, line: record.line, accountID: rowID, column: "", value: "",
                          reason: "row has \(record.count) fields, the header has \(expectedFields)")
        }
        do throws(RowRejection) {
            store(try decode(row, &state))
            return nil
        } catch {
            return Reject(file: file, line: record.line, accountID: rowID, column: error.column,
                          value: error.value, reason: error.reason)
        }
    }
    // The workers decode each batch straight into the result's storage,
    // sized from the file before the first record: no per-batch arrays to
    // copy into the result and destroy, which at a million accounts (each
    // holding strings and lists) was a fifth of the reading time. Rows beyond
    // the estimate go to `overflow`, appended at the end.
    var overflow: [Value] = []
    var values = try unsafe [Value](unsafeUninitializedCapacity: reader.estimatedRemainingRecords()) { storage, stored in
        let capacity = storage.count
        let shared = unsafe SharedBuffer(storage)
        // Once a batch has gone to `overflow`, every later one must too
        // (a short last batch would still fit), or rows would change order.
        var overflowing = false
        try reader.forEachChunk { records in
            read += records.count
            let start = stored
            overflowing = overflowing || start + records.count > capacity
            guard !overflowing else {
                let parts = parallelPieces(count: records.count, pieces: pieces, states: states) { range, state in
                    range.map { decodeRecord(records[$0], &state) }
                }
                for outcome in parts.joined() {
                    switch outcome {
                    case let .value(value): overflow.append(value)
                    case let .reject(reject): rejects.append(reject)
                    }
                }
                return
            }
            // Slot start + i holds record i when it decoded; the rejected
            // leave holes, closed below in record order.
            let parts = parallelPieces(count: records.count, pieces: pieces, states: states) { range, state in
                var rejected: [(position: Int, reject: Reject)] = []
                for position in range {
                    // Straight into the slot: through a `RowOutcome` each
                    // account was copied once more (a retain and a release
                    // of each of its strings and shared lists).
                    let failure = decodeRecord(records[position], &state) { value in
                        unsafe shared.initialize(start + position, to: value)
                    }
                    if let failure { rejected.append((position, failure)) }
                }
                return rejected
            }
            var holes = parts.joined().map(\.position)[...]
            rejects.append(contentsOf: parts.joined().map(\.reject))
            var next = start
            for position in 0..<records.count {
                if holes.first == position {
                    holes.removeFirst()
                    continue
                }
                if next != start + position { unsafe shared.move(from: start + position, to: next) }
                next += 1
            }
            stored = next
        }
    }
    values.append(contentsOf: overflow)
    overflow = []
    dropRepeatedKeys(&values, rejects: &rejects, file: file, unique: unique, line: line, id: id)
    returnFreedMemory()
    rejects.sort { $0.line < $1.line }
    let report = InputReport(role: role, path: path, sha256: digest?.wait() ?? "", rowsRead: read,
                             rowsUsed: values.count, rowsRejected: rejects.count)
    guard report.rowsRead == report.rowsUsed + report.rowsRejected else {
        throw KeyAccountsError.rowCountMismatch(file: file, read: read, used: values.count, rejected: rejects.count)
    }
    return (values, rejects, report)
}

/// Rejects every value whose key an earlier value has, in file order; the
/// survivors are compacted in place, since a second array of a million
/// accounts would double the peak memory.
private func dropRepeatedKeys<Value: KeyedRow & Sendable>(_ values: inout [Value], rejects: inout [Reject], file: String,
                                     unique: UniqueKey<Value>, line: (Value) -> Int, id: (Value) -> String) {
    // Exports are usually sorted by their key: strictly increasing keys
    // cannot repeat, and checking that (on every core) is cheaper than
    // hashing them all.
    if keysIncrease(values) { return }
    var firstLine: [String: Int] = [:]
    firstLine.reserveCapacity(values.count)
    var kept = 0
    for index in values.indices {
        let key = values[index].uniqueKey
        if let first = firstLine[key] {
            let value = values[index]
            rejects.append(Reject(file: file, line: line(value), accountID: id(value), column: unique.column,
                                  value: unique.shown(value), reason: unique.reason(value, first)))
        } else {
            firstLine[key] = line(values[index])
            if kept != index { values.swapAt(kept, index) }
            kept += 1
        }
    }
    values.removeLast(values.count - kept)
}

/// Whether every key is greater than the one before. A function of its own
/// so the array it shares with the cores is released before the caller
/// mutates its own (which would otherwise copy a million rows).
private func keysIncrease<Value: KeyedRow & Sendable>(_ values: [Value]) -> Bool {
    parallelAllSatisfy(count: values.count) { $0 == 0 || values[$0 - 1].uniqueKey < values[$0].uniqueKey }
}

/// Hands the heap memory freed so far back to the system. The batches of a
/// large file leave megabytes of freed blocks scattered in the workers' malloc
/// arenas; the stages after reading need that room at their peak.
func returnFreedMemory() {
    #if canImport(Glibc)
    malloc_trim(0)
    #endif
}

