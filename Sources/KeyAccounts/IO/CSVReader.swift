import Foundation

/// A streaming RFC 4180 reader that works on bytes.
///
/// Why not CSV.swift or SwiftCSV: both decode the file scalar by scalar into
/// Strings before anything else happens; at one million rows that alone took
/// longer than the whole pandas run kamp is measured against (see the commit
/// that introduced this file). This reader keeps records as byte ranges of a
/// buffer, decodes only the cells a stage asks for, and reads the file in
/// fixed-size chunks so memory does not grow with the file.
///
/// Accepted: UTF-8 with or without BOM; LF, CRLF or lone CR line ends; `,`,
/// `;` or tab delimiter detected from the header; quoted fields with `""`
/// escapes and embedded line breaks. Completely empty lines are skipped.
/// A quote inside an unquoted field is kept as a literal character, as
/// spreadsheet programs do. Structural errors (a quote never closed, a
/// character after a closing quote) throw `KeyAccountsError.malformedCSV`
/// with line and column.
public final class CSVReader {
    public let file: String
    public private(set) var delimiter: UInt8
    /// Header names as written (trimmed), in file order.
    public private(set) var header: [String]

    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    private var atEndOfFile = false
    private var nextLine = 1
    /// Bytes dropped from the front of the buffer so far.
    private var discarded = 0
    private var fileSize: Int?
    private var fields: [CSVField] = []

    private static let chunkSize = 1 << 22

    /// Opens `path` and reads its header.
    /// - Throws: `cannotOpen` when the file cannot be read, `malformedCSV`
    ///   when it has no header row.
    public convenience init(path: String, displayName: String? = nil) throws(KeyAccountsError) {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotOpen(file: name, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .cannotOpen(file: name, reason: "is a directory, expected a CSV file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(file: name, reason: "permission denied or unreadable")
        }
        try self.init(file: name, handle: handle, bytes: [])
        fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }

    /// The number of records the rest of the file will have, before any is
    /// read: the line breaks in the bytes already buffered, extrapolated to
    /// the file's size (a little high when quoted cells hold line breaks).
    public func estimatedRemainingRecords() -> Int {
        let remaining = (fileSize ?? (discarded + end)) - (discarded + position)
        guard remaining > 0 else { return 0 }
        var lineBreaks = 0
        for index in position..<end where buffer[index] == Byte.newline { lineBreaks += 1 }
        let scanned = end - position
        guard lineBreaks > 0, scanned > 0 else { return 1 }
        return Int(Double(remaining) / Double(scanned) * Double(lineBreaks + 1) * 1.05) + 16
    }

    /// Reads CSV from memory; `file` names it in messages.
    public convenience init(file: String, bytes: [UInt8]) throws(KeyAccountsError) {
        try self.init(file: file, handle: nil, bytes: bytes)
    }

    private init(file: String, handle: FileHandle?, bytes: [UInt8]) throws(KeyAccountsError) {
        self.file = file
        self.handle = handle
        self.buffer = bytes
        self.end = bytes.count
        self.atEndOfFile = handle == nil
        self.delimiter = UInt8(ascii: ",")
        self.header = []
        try fill(minimum: 1)
        if end - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
        // The header decides the delimiter, so sniff it before parsing the header as a record.
        var detected = UInt8(ascii: ",")
        while true {
            if let found = sniffDelimiter() { detected = found; break }
            if atEndOfFile { break }
            try fill(minimum: end - position + Self.chunkSize)
        }
        self.delimiter = detected
        guard let record = try nextRecordRanges() else {
            throw .malformedCSV(file: file, line: 1, column: 1, problem: "the file is empty; expected a header row")
        }
        var names: [String] = []
        for index in 0..<fields.count {
            guard let name = string(fields[index]) else {
                throw .malformedCSV(file: file, line: record, column: index + 1,
                                    problem: "header cell \(index + 1) is not valid UTF-8; save the file as UTF-8")
            }
            names.append(name.trimmingSpaces)
        }
        self.header = names
    }

    deinit { try? handle?.close() }

    /// Calls `body` with each data record in file order.
    /// - Throws: `malformedCSV` on a structural error, or whatever `body` throws.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while let line = try nextRecordRanges() {
            try body(record(startingAt: line))
        }
    }

    /// Calls `body` with consecutive batches of at most `size` records, so a
    /// caller can decode a batch on several cores.
    public func forEachBatch(size: Int = 16_384, _ body: ([CSVRecord]) throws -> Void) throws {
        var batch: [CSVRecord] = []
        batch.reserveCapacity(size)
        while let line = try nextRecordRanges() {
            batch.append(record(startingAt: line))
            if batch.count == size {
                try body(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    private func record(startingAt line: Int) -> CSVRecord {
        CSVRecord(line: line, buffer: buffer, fields: fields, decimalComma: delimiter == UInt8(ascii: ";"),
                  listSeparators: listSeparators)
    }

    private var listSeparators: ListSeparators { ListSeparators(semicolon: delimiter != UInt8(ascii: ";")) }

    // MARK: - Parsing

    /// Finds the delimiter among `,` `;` tab by counting them outside quotes
    /// on the first line; `nil` when the first line is not complete yet.
    private func sniffDelimiter() -> UInt8? {
        var counts = (comma: 0, semicolon: 0, tab: 0)
        var inQuotes = false
        var i = position
        while i < end {
            let byte = buffer[i]
            if byte == Byte.quote {
                inQuotes.toggle()
            } else if !inQuotes {
                switch byte {
                case Byte.newline, Byte.carriageReturn: return Self.choose(counts)
                case UInt8(ascii: ","): counts.comma += 1
                case UInt8(ascii: ";"): counts.semicolon += 1
                case Byte.tab: counts.tab += 1
                default: break
                }
            }
            i += 1
        }
        return atEndOfFile ? Self.choose(counts) : nil
    }

    private static func choose(_ counts: (comma: Int, semicolon: Int, tab: Int)) -> UInt8 {
        if counts.semicolon > counts.comma && counts.semicolon >= counts.tab { return UInt8(ascii: ";") }
        if counts.tab > counts.comma && counts.tab > counts.semicolon { return Byte.tab }
        return UInt8(ascii: ",")
    }

    /// Parses the next non-empty record into `fields`; returns its first line
    /// number, or `nil` at the end of the file.
    private func nextRecordRanges() throws(KeyAccountsError) -> Int? {
        while true {
            switch try parseRecord() {
            case .needMore:
                try fill(minimum: end - position + Self.chunkSize)
            case .endOfFile:
                return nil
            case let .record(next, newlines, blank):
                let line = nextLine
                position = next
                nextLine += newlines
                if !blank { return line }
            }
        }
    }

    private enum ParseOutcome {
        case record(next: Int, newlines: Int, blank: Bool)
        case needMore
        case endOfFile
    }

    private func parseRecord() throws(KeyAccountsError) -> ParseOutcome {
        // Records handed out keep their field array, so start a new one of
        // the right size rather than growing it field by field.
        // The scan works on local copies: every access to a class's stored
        // property costs a dynamic exclusivity check, once per byte here.
        var fields: [CSVField] = []
        fields.reserveCapacity(max(self.fields.count, header.count, 8))
        defer { self.fields = fields }
        let buffer = self.buffer, end = self.end, atEndOfFile = self.atEndOfFile
        let delimiter = self.delimiter
        var i = position
        var newlines = 0
        if i == end { return atEndOfFile ? .endOfFile : .needMore }

        while true {
            if i == end {
                // Only reached right after a delimiter: the record ends with an empty field.
                guard atEndOfFile else { return .needMore }
                fields.append(CSVField(start: i, end: i, quoted: false, escapedQuotes: false))
                return .record(next: i, newlines: newlines, blank: false)
            }
            if buffer[i] == Byte.quote {
                let opening = i, newlinesBeforeOpening = newlines
                i += 1
                let start = i
                var escaped = false
                while true {
                    guard i < end else {
                        guard atEndOfFile else { return .needMore }
                        throw malformed(at: opening, newlinesBefore: newlinesBeforeOpening,
                                        problem: "a quoted field opens here and is never closed; expected a closing \"")
                    }
                    let byte = buffer[i]
                    if byte == Byte.quote {
                        if i + 1 == end && !atEndOfFile { return .needMore }
                        if i + 1 < end && buffer[i + 1] == Byte.quote {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    if byte == Byte.newline { newlines += 1 }
                    i += 1
                }
                fields.append(CSVField(start: start, end: i, quoted: true, escapedQuotes: escaped))
                i += 1
                if i == end {
                    guard atEndOfFile else { return .needMore }
                    return .record(next: i, newlines: newlines + 1, blank: false)
                }
                let byte = buffer[i]
                if byte == delimiter { i += 1; continue }
                if byte == Byte.newline { return .record(next: i + 1, newlines: newlines + 1, blank: false) }
                if byte == Byte.carriageReturn {
                    if i + 1 == end && !atEndOfFile { return .needMore }
                    let next = i + 1 < end && buffer[i + 1] == Byte.newline ? i + 2 : i + 1
                    return .record(next: next, newlines: newlines + 1, blank: false)
                }
                throw malformed(at: i, newlinesBefore: newlines,
                                problem: "unexpected character after a closing quote; expected a delimiter or the end of the line")
            }

            let start = i
            while i < end {
                let byte = buffer[i]
                if byte == delimiter || byte == Byte.newline || byte == Byte.carriageReturn { break }
                i += 1
            }
            if i == end && !atEndOfFile { return .needMore }
            fields.append(CSVField(start: start, end: i, quoted: false, escapedQuotes: false))
            let blank = fields.count == 1 && start == i
            if i == end { return .record(next: i, newlines: newlines + 1, blank: blank) }
            let byte = buffer[i]
            if byte == delimiter { i += 1; continue }
            if byte == Byte.newline { return .record(next: i + 1, newlines: newlines + 1, blank: blank) }
            if i + 1 == end && !atEndOfFile { return .needMore }
            let next = i + 1 < end && buffer[i + 1] == Byte.newline ? i + 2 : i + 1
            return .record(next: next, newlines: newlines + 1, blank: blank)
        }
    }

    /// A structural error at byte `offset`, located by line and character column.
    private func malformed(at offset: Int, newlinesBefore: Int, problem: String) -> KeyAccountsError {
        var lineStart = offset
        while lineStart > position && buffer[lineStart - 1] != Byte.newline { lineStart -= 1 }
        let characters = buffer[lineStart..<offset].reduce(0) { count, byte in count + (byte & 0xC0 == 0x80 ? 0 : 1) }
        return .malformedCSV(file: file, line: nextLine + newlinesBefore, column: characters + 1, problem: problem)
    }

    /// Makes sure at least `minimum` unread bytes are buffered, or the file is exhausted.
    private func fill(minimum: Int) throws(KeyAccountsError) {
        guard let handle, !atEndOfFile else { return }
        if position > 0 {
            discarded += position
            buffer.removeSubrange(0..<position)
            end -= position
            position = 0
        }
        while end < minimum && !atEndOfFile {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: max(Self.chunkSize, minimum - end))
            } catch {
                throw .cannotOpen(file: file, reason: "read failed: \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else {
                atEndOfFile = true
                break
            }
            buffer.append(contentsOf: chunk)
            end = buffer.count
        }
    }

    func string(_ field: CSVField) -> String? {
        CSVRecord.decode(buffer, field)
    }
}

/// What separates the items of a list cell: `;` or `|`, only `|` when `;`
/// delimits the cells. A flag rather than an array: every record carries
/// it, and an array would be one more reference count shared by every
/// record of the file, on every decoding thread.
struct ListSeparators: Sendable {
    let semicolon: Bool

    func contains(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "|") || (semicolon && byte == UInt8(ascii: ";"))
    }
}

/// Where one field lies in the reader's buffer.
struct CSVField: Sendable {
    var start: Int
    var end: Int
    var quoted: Bool
    var escapedQuotes: Bool
}

enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
    static let space = UInt8(ascii: " ")
}

/// One data record: its line number and lazy access to its cells.
///
/// Cells are decoded only when asked for. `text` trims surrounding spaces
/// and returns `nil` for an empty cell (SPEC.md: empty cell = missing).
public struct CSVRecord: Sendable {
    /// Line of the file where the record starts (1 = header).
    public let line: Int
    let buffer: [UInt8]
    let fields: [CSVField]
    /// In a `;`-delimited file `,` is accepted as the decimal point.
    let decimalComma: Bool
    let listSeparators: ListSeparators

    public var count: Int { fields.count }

    /// The cell as written (unescaped, not trimmed); `nil` when it is not valid UTF-8.
    public func raw(_ index: Int) -> String? {
        Self.decode(buffer, fields[index])
    }

    /// The trimmed cell, `nil` when empty; throws when not valid UTF-8.
    public func text(_ index: Int) throws(CellError) -> String? {
        let field = fields[index]
        var start = field.start, end = field.end
        if !field.escapedQuotes {
            while start < end && Self.isSpace(buffer[start]) { start += 1 }
            while end > start && Self.isSpace(buffer[end - 1]) { end -= 1 }
            if start == end { return nil }
            guard let value = Self.string(buffer[start..<end]) else { throw .invalidUTF8 }
            return value
        }
        guard let value = Self.decode(buffer, field) else { throw .invalidUTF8 }
        let trimmed = value.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The cell as a finite number, `nil` when empty.
    ///
    /// Accepts an optional sign, digits with one decimal point (`.`, or `,`
    /// in a `;`-delimited file) and an exponent. Rejects NaN, infinities,
    /// thousands separators and anything else, rather than guessing.
    public func number(_ index: Int) throws(CellError) -> Double? {
        let field = fields[index]
        var start = field.start, end = field.end
        while start < end && Self.isSpace(buffer[start]) { start += 1 }
        while end > start && Self.isSpace(buffer[end - 1]) { end -= 1 }
        if start == end { return nil }
        if let value = NumberParser.parse(buffer, start, end, decimalComma: decimalComma) { return value }
        throw .notANumber
    }

    /// The cell split into a list on `;` (or `|` in a `;`-delimited file),
    /// items trimmed, empty items dropped.
    public func list(_ index: Int) throws(CellError) -> [String] {
        guard let text = try text(index) else { return [] }
        let separators = listSeparators
        return text.utf8.split(whereSeparator: { separators.contains($0) })
            .compactMap { String($0)?.trimmingSpaces }
            .filter { !$0.isEmpty }
    }

    /// Calls `body` with each list item of a cell as a trimmed byte slice,
    /// without building Strings or an array: country and language codes are
    /// checked on their bytes. Quoted cells with `""` escapes go through
    /// `list(_:)` first.
    public func forEachItem<Failure: Error>(_ index: Int, _ body: (ArraySlice<UInt8>) throws(Failure) -> Void) throws(Failure) {
        let field = fields[index]
        guard !field.escapedQuotes else {
            for item in (try? list(index)) ?? [] { try body(ArraySlice(Array(item.utf8))) }
            return
        }
        var start = field.start
        var i = field.start
        while true {
            if i == field.end || listSeparators.contains(buffer[i]) {
                var itemStart = start, itemEnd = i
                while itemStart < itemEnd && Self.isSpace(buffer[itemStart]) { itemStart += 1 }
                while itemEnd > itemStart && Self.isSpace(buffer[itemEnd - 1]) { itemEnd -= 1 }
                if itemStart < itemEnd { try body(buffer[itemStart..<itemEnd]) }
                if i == field.end { break }
                start = i + 1
            }
            i += 1
        }
    }

    /// The list items of a cell as trimmed byte slices (see `forEachItem`).
    public func items(_ index: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        forEachItem(index) { result.append($0) }
        return result
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == Byte.space || byte == Byte.tab }

    static func decode(_ buffer: [UInt8], _ field: CSVField) -> String? {
        guard field.escapedQuotes else {
            return string(buffer[field.start..<field.end])
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            bytes.append(buffer[i])
            i += buffer[i] == Byte.quote ? 2 : 1
        }
        return string(bytes[...])
    }

    /// The bytes as a String, `nil` when they are not valid UTF-8.
    ///
    /// ASCII (nearly every cell of a CRM export) is checked with a plain
    /// loop and decoded on the standard library's contiguous fast path; only
    /// other text goes through full validation.
    static func string(_ bytes: ArraySlice<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// Why a single cell cannot be used.
public enum CellError: Error, Equatable, Sendable {
    case invalidUTF8
    case notANumber
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        // Nearly every cell has nothing to trim: check the ends in UTF-8 first.
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
