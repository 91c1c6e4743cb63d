import Foundation
import Synchronization

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
    /// The next chunk of the file, read on another thread while the cores
    /// work on the current one (reading was a tenth of the time, one core idle).
    private var readAhead: ReadAhead?
    /// The array the next chunk is read into: the buffer before the current one.
    private var spare: [UInt8]?
    /// The SHA-256 of the file, fed with every chunk read (nil for bytes in memory).
    public let digest: FileDigest?

    private static let chunkSize = 1 << 22

    /// Opens `path` and reads its header.
    /// - Throws: `cannotOpen` when the file cannot be read, `malformedCSV`
    ///   when it has no header row.
    public convenience init(path: String, displayName: String? = nil) throws(KeyAccountsError) {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        guard unsafe FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .cannotOpen(file: name, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .cannotOpen(file: name, reason: "is a directory, expected a CSV file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotOpen(file: name, reason: "permission denied or unreadable")
        }
        try self.init(file: name, handle: handle, bytes: [], digest: FileDigest(fedFrom: path))
        fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }

    /// The number of records the rest of the file will have, before any is
    /// read: the line breaks in the bytes already buffered, extrapolated to
    /// the file's size (a little high when quoted cells hold line breaks).
    public func estimatedRemainingRecords() -> Int {
        let remaining = (fileSize ?? (discarded + end)) - (discarded + position)
        guard remaining > 0 else { return 0 }
        let lineBreaks = unsafe buffer.withUnsafeBufferPointer { bytes in
            unsafe FieldEnds.lineFeedCount(UnsafeBufferPointer(rebasing: bytes[position..<end]))
        }
        let scanned = end - position
        guard lineBreaks > 0, scanned > 0 else { return 1 }
        return Int(Double(remaining) / Double(scanned) * Double(lineBreaks + 1) * 1.05) + 16
    }

    /// Reads CSV from memory; `file` names it in messages.
    public convenience init(file: String, bytes: [UInt8]) throws(KeyAccountsError) {
        try self.init(file: file, handle: nil, bytes: bytes, digest: nil)
    }

    private init(file: String, handle: FileHandle?, bytes: [UInt8], digest: FileDigest?) throws(KeyAccountsError) {
        self.file = file
        self.handle = handle
        self.digest = digest
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

    deinit {
        _ = readAhead?.result()
        try? handle?.close()
    }

    /// Calls `body` with each data record in file order. A record is valid
    /// only while `body` runs.
    /// - Throws: `malformedCSV` on a structural error, or whatever `body` throws.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        while let line = try nextRecordRanges() {
            try unsafe buffer.withUnsafeBufferPointer { bytes in
                try unsafe fields.withUnsafeBufferPointer { fields in
                    try body(unsafe CSVRecord(line: line, bytes: bytes, fields: fields, decimalComma: decimalComma,
                                              listSeparators: listSeparators))
                }
            }
        }
    }

    /// Calls `body` with consecutive batches of records (those of one read
    /// chunk, split on every core), so a caller can decode a batch on
    /// several cores. Records are valid only while `body` runs.
    public func forEachBatch(_ body: ([CSVRecord]) throws -> Void) throws {
        try forEachChunk { chunk in try body((0..<chunk.count).map { chunk[$0] }) }
    }

    /// Calls `body` with the records of each read chunk in file order.
    ///
    /// Every core splits one part of the chunk into records, each starting
    /// at a line break it finds on its own. A part is used only when the
    /// part before it ended exactly where it starts: a line break inside a
    /// quoted cell would otherwise have begun a false record. A rejected
    /// part is split again in the next round, from where the last good
    /// part ended, so the records are those of a serial split. The chunk is
    /// valid only while `body` runs.
    func forEachChunk(_ body: (RecordChunk) throws -> Void) throws {
        // Four parts per core, taken as the cores come free: a core lent to
        // the read-ahead thread for a while then does not hold up the others.
        let parts = 4 * parallelWorkers(for: .max)
        let splits = (0..<parts).map { _ in WorkerState(RecordSplit()) }
        while true {
            try fill(minimum: Self.chunkSize)
            if position == end && atEndOfFile { return }
            let starts = partStarts(parts)
            let limit = end, atEnd = atEndOfFile, delimiter = self.delimiter
            unsafe buffer.withUnsafeBufferPointer { bytes in
                let shared = unsafe SharedBytes(bytes: bytes)
                let split = { @Sendable (part: Int) in
                    let before = part + 1 < starts.count ? starts[part + 1] : limit
                    unsafe splits[part].value.split(shared.bytes, from: starts[part], before: before, end: limit,
                                                    atEndOfFile: atEnd, delimiter: delimiter)
                }
                if starts.count == 1 { split(0) } else { DispatchQueue.concurrentPerform(iterations: starts.count, execute: split) }
            }
            var parts: [RecordChunk.Part] = unsafe []
            var stop = position, newlines = 0, count = 0
            for part in starts.indices where unsafe part == parts.count && splits[part].value.start == stop {
                let split = splits[part].value
                if let failure = split.failure {
                    throw malformed(at: failure.offset, line: nextLine + newlines + failure.newlinesBefore,
                                    lineStartsAfter: failure.recordStart, problem: failure.problem)
                }
                // The split arrays stay as they are until the next chunk is
                // split, so their storage does not move while `body` runs.
                let fields = unsafe split.fields.withUnsafeBufferPointer { unsafe $0 }
                let records = unsafe split.records.withUnsafeBufferPointer { unsafe $0 }
                unsafe parts.append(RecordChunk.Part(first: count, line: nextLine + newlines, fields: fields, records: records))
                count += split.records.count
                stop = split.stop
                newlines += split.newlines
            }
            if stop == position {
                // Not one whole record in the buffer: read on.
                guard !atEndOfFile else { return }
                try fill(minimum: end - position + Self.chunkSize)
                continue
            }
            if count > 0 {
                try unsafe buffer.withUnsafeBufferPointer { bytes in
                    let chunk = unsafe RecordChunk(bytes: bytes, parts: parts, count: count, decimalComma: decimalComma,
                                                   listSeparators: listSeparators)
                    try body(chunk)
                }
            }
            position = stop
            nextLine += newlines
        }
    }

    /// Where each part of the buffered bytes begins: the first is the next
    /// unread record, the others just after a line feed.
    private func partStarts(_ parts: Int) -> [Int] {
        var starts = [position]
        let length = end - position
        guard parts > 1, length >= 65_536 else { return starts }
        for part in 1..<parts {
            var index = max(position + length / parts * part, starts[starts.count - 1])
            while index < end && buffer[index] != Byte.newline { index += 1 }
            guard index + 1 < end else { break }
            starts.append(index + 1)
        }
        return starts
    }

    private var decimalComma: Bool { delimiter == UInt8(ascii: ";") }

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
            fields.removeAll(keepingCapacity: true)
            let outcome = unsafe buffer.withUnsafeBufferPointer { bytes in
                unsafe Self.parseRecord(bytes, from: position, end: end, atEndOfFile: atEndOfFile, delimiter: delimiter,
                                        into: &fields)
            }
            switch outcome {
            case .needMore:
                try fill(minimum: end - position + Self.chunkSize)
            case .endOfFile:
                return nil
            case let .malformed(offset, newlinesBefore, problem):
                throw malformed(at: offset, line: nextLine + newlinesBefore, lineStartsAfter: position, problem: problem)
            case let .record(next, newlines, blank):
                let line = nextLine
                position = next
                nextLine += newlines
                if !blank { return line }
            }
        }
    }

    enum ParseOutcome {
        case record(next: Int, newlines: Int, blank: Bool)
        case needMore
        case endOfFile
        case malformed(offset: Int, newlinesBefore: Int, problem: String)
    }

    /// Parses the record starting at byte `start` of `buffer` (valid up to
    /// `end`), appending its fields to `fields`. After `.needMore` and
    /// `.malformed` the fields appended are incomplete; the caller drops them.
    static func parseRecord(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, atEndOfFile: Bool,
                            delimiter: UInt8, into fields: inout [CSVField]) -> ParseOutcome {
        var i = start
        var newlines = 0
        let firstField = fields.count
        if i == end { return atEndOfFile ? .endOfFile : .needMore }

        while true {
            if i == end {
                // Only reached right after a delimiter: the record ends with an empty field.
                guard atEndOfFile else { return .needMore }
                fields.append(CSVField(start: i, end: i, quoted: false, escapedQuotes: false))
                return .record(next: i, newlines: newlines, blank: false)
            }
            if unsafe buffer[i] == Byte.quote {
                let opening = i, newlinesBeforeOpening = newlines
                i += 1
                let fieldStart = i
                var escaped = false
                while true {
                    guard i < end else {
                        guard atEndOfFile else { return .needMore }
                        return .malformed(offset: opening, newlinesBefore: newlinesBeforeOpening,
                                          problem: "a quoted field opens here and is never closed; expected a closing \"")
                    }
                    let byte = unsafe buffer[i]
                    if byte == Byte.quote {
                        if i + 1 == end && !atEndOfFile { return .needMore }
                        if unsafe i + 1 < end && buffer[i + 1] == Byte.quote {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    if byte == Byte.newline { newlines += 1 }
                    i += 1
                }
                fields.append(CSVField(start: fieldStart, end: i, quoted: true, escapedQuotes: escaped))
                i += 1
                if i == end {
                    guard atEndOfFile else { return .needMore }
                    return .record(next: i, newlines: newlines + 1, blank: false)
                }
                let byte = unsafe buffer[i]
                if byte == delimiter { i += 1; continue }
                if byte == Byte.newline { return .record(next: i + 1, newlines: newlines + 1, blank: false) }
                if byte == Byte.carriageReturn {
                    if i + 1 == end && !atEndOfFile { return .needMore }
                    let next = unsafe i + 1 < end && buffer[i + 1] == Byte.newline ? i + 2 : i + 1
                    return .record(next: next, newlines: newlines + 1, blank: false)
                }
                return .malformed(offset: i, newlinesBefore: newlines,
                                  problem: "unexpected character after a closing quote; expected a delimiter or the end of the line")
            }

            let fieldStart = i
            while i < end {
                let byte = unsafe buffer[i]
                if byte == delimiter || byte == Byte.newline || byte == Byte.carriageReturn { break }
                i += 1
            }
            if i == end && !atEndOfFile { return .needMore }
            fields.append(CSVField(start: fieldStart, end: i, quoted: false, escapedQuotes: false))
            let blank = fields.count == firstField + 1 && fieldStart == i
            if i == end { return .record(next: i, newlines: newlines + 1, blank: blank) }
            let byte = unsafe buffer[i]
            if byte == delimiter { i += 1; continue }
            if byte == Byte.newline { return .record(next: i + 1, newlines: newlines + 1, blank: blank) }
            if i + 1 == end && !atEndOfFile { return .needMore }
            let next = unsafe i + 1 < end && buffer[i + 1] == Byte.newline ? i + 2 : i + 1
            return .record(next: next, newlines: newlines + 1, blank: blank)
        }
    }

    /// A structural error at byte `offset` on line `line`; its column is
    /// counted in characters from the line's start (not before `lowerBound`).
    private func malformed(at offset: Int, line: Int, lineStartsAfter lowerBound: Int, problem: String) -> KeyAccountsError {
        var lineStart = offset
        while lineStart > lowerBound && buffer[lineStart - 1] != Byte.newline { lineStart -= 1 }
        let characters = buffer[lineStart..<offset].reduce(0) { count, byte in count + (byte & 0xC0 == 0x80 ? 0 : 1) }
        return .malformedCSV(file: file, line: line, column: characters + 1, problem: problem)
    }

    /// Makes sure at least `minimum` unread bytes are buffered, or the file is exhausted.
    ///
    /// Chunks are read straight into one of two arrays that take turns: the
    /// read-ahead thread fills one while the cores work on the other. The
    /// unread end of the current buffer (a record cut by the chunk's end,
    /// usually a few hundred bytes) moves into the room kept free at the front
    /// of the new one, so the chunk itself is never copied, and the arrays,
    /// reused, are never memory the kernel must zero again.
    private func fill(minimum: Int) throws(KeyAccountsError) {
        guard let handle, !atEndOfFile else { return }
        while end - position < minimum && !atEndOfFile {
            var next: ReadChunk
            do {
                if let ahead = readAhead {
                    readAhead = nil
                    next = try ahead.result().get()  // fed to the digest by its thread
                } else {
                    next = try ReadChunk.read(handle, count: max(Self.chunkSize, minimum - (end - position)),
                                              into: spare.take() ?? [], digest: digest)
                }
            } catch {
                throw .cannotOpen(file: file, reason: "read failed: \(error.localizedDescription)")
            }
            guard next.count > 0 else {
                atEndOfFile = true
                digest?.finish()
                spare = next.bytes
                break
            }
            let unread = end - position
            // Fields keep 32-bit offsets into the buffer (half the memory of
            // the splits); only a single record of 4 GiB could need more.
            guard unread + next.count + ReadChunk.headroom <= Int(UInt32.max) else {
                throw .malformedCSV(file: file, line: nextLine, column: 1,
                                    problem: "a record longer than 4 GiB; expected rows of a CRM export")
            }
            if unread <= ReadChunk.headroom {
                let start = ReadChunk.headroom - unread
                next.bytes.replaceSubrange(start..<ReadChunk.headroom, with: buffer[position..<end])
                discarded += position - start
                spare = buffer
                buffer = next.bytes
                position = start
                end = buffer.count
            } else {
                // A record longer than the room at the front: the chunk is
                // appended to it instead.
                discarded += position
                buffer.removeSubrange(0..<position)
                buffer.append(contentsOf: next.bytes[ReadChunk.headroom...])
                position = 0
                end = buffer.count
                spare = next.bytes
            }
        }
        if !atEndOfFile && readAhead == nil {
            // Taken out of `spare` first: a second reference would make the
            // read copy the array instead of reusing its storage.
            readAhead = ReadAhead(handle, count: Self.chunkSize, into: spare.take() ?? [], digest: digest)
        }
    }

    func string(_ field: CSVField) -> String? {
        unsafe buffer.withUnsafeBufferPointer { bytes in unsafe CSVRecord.decode(bytes, field) }
    }
}

/// The records one core split from its part of a read chunk; kept from
/// chunk to chunk so the arrays are allocated once.
struct RecordSplit {
    /// Where one record's fields are in `fields`, and how many line breaks
    /// come before it in the part.
    struct Record {
        var firstField: Int32
        var fieldCount: Int32
        var newlinesBefore: Int32
    }

    /// A structural error, with what is needed to name its line and column.
    struct Failure {
        var offset: Int
        var recordStart: Int
        var newlinesBefore: Int
        var problem: String
    }

    var fields: [CSVField] = []
    var records: [Record] = []
    /// The byte the part starts at and the byte after its last record.
    var start = 0
    var stop = 0
    /// Line breaks from `start` to `stop`.
    var newlines = 0
    var failure: Failure?

    /// Splits the records that start in `start..<before` (the last may run
    /// past `before`, up to `end`), skipping blank lines.
    mutating func split(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, before: Int, end: Int,
                        atEndOfFile: Bool, delimiter: UInt8) {
        fields.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        self.start = start
        failure = nil
        var position = start, newlines = 0
        var ends = unsafe FieldEnds(bytes: bytes, end: end, delimiter: delimiter)
        ends.restart(at: position)
        while position < before {
            let first = fields.count
            if ends.canScan, let (next, blank) = unsafe unquotedRecord(bytes, from: position, ends: &ends, delimiter: delimiter) {
                keepRecord(fieldsFrom: first, blank: blank, newlinesBefore: newlines)
                position = next
                newlines += 1
                continue
            }
            // A quote, or the end of the buffered bytes: byte by byte.
            fields.removeLast(fields.count - first)
            defer { ends.restart(at: position) }
            switch unsafe CSVReader.parseRecord(bytes, from: position, end: end, atEndOfFile: atEndOfFile,
                                                delimiter: delimiter, into: &fields) {
            case let .record(next, recordNewlines, blank):
                keepRecord(fieldsFrom: first, blank: blank, newlinesBefore: newlines)
                position = next
                newlines += recordNewlines
                continue
            case let .malformed(offset, newlinesBefore, problem):
                failure = Failure(offset: offset, recordStart: position, newlinesBefore: newlines + newlinesBefore,
                                  problem: problem)
            case .needMore, .endOfFile:
                break
            }
            fields.removeLast(fields.count - first)
            break
        }
        stop = position
        self.newlines = newlines
    }

    /// Records the fields from `first` on as one record, or drops them for a blank line.
    private mutating func keepRecord(fieldsFrom first: Int, blank: Bool, newlinesBefore: Int) {
        if blank {
            fields.removeLast(fields.count - first)
        } else {
            records.append(Record(firstField: Int32(first), fieldCount: Int32(fields.count - first),
                                  newlinesBefore: Int32(newlinesBefore)))
        }
    }

    /// Splits the record at `start` when no quote comes before its line end
    /// and `ends` finds that end; `nil` otherwise, with some of the record's
    /// fields appended (the caller drops them and parses byte by byte, which
    /// gives the same fields). `blank` for an empty line.
    private mutating func unquotedRecord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, ends: inout FieldEnds,
                                         delimiter: UInt8) -> (next: Int, blank: Bool)? {
        var fieldStart = start
        let firstField = fields.count
        while let offset = ends.next() {
            let byte = unsafe bytes[offset]
            fields.append(CSVField(start: fieldStart, end: offset, quoted: false, escapedQuotes: false))
            if byte == delimiter {
                fieldStart = offset + 1
                continue
            }
            let blank = fields.count == firstField + 1 && fieldStart == offset
            switch byte {
            case Byte.newline:
                return (offset + 1, blank)
            case Byte.carriageReturn:
                // CR LF ends the record at the LF; `ends` hands that out next.
                // A CR as the last byte buffered might still be followed by LF.
                guard let lineFeed = ends.next() else { return nil }
                let crlf = unsafe lineFeed == offset + 1 && bytes[lineFeed] == Byte.newline
                return crlf ? (offset + 2, blank) : nil
            default:
                return nil  // a quote
            }
        }
        return nil
    }
}

/// The read buffer, handed to the cores that split it (they only read it).
@unsafe
struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
}

/// The records of one read chunk, in file order, as split by the cores.
/// Valid only inside the `forEachChunk` call that hands it out.
@safe
struct RecordChunk: @unchecked Sendable {
    /// The records one core split: they are records `first...` of the chunk.
    @unsafe
    struct Part {
        var first: Int
        var line: Int
        var fields: UnsafeBufferPointer<CSVField>
        var records: UnsafeBufferPointer<RecordSplit.Record>
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let parts: [Part]
    let count: Int
    private let decimalComma: Bool
    private let listSeparators: ListSeparators

    init(bytes: UnsafeBufferPointer<UInt8>, parts: [Part], count: Int, decimalComma: Bool, listSeparators: ListSeparators) {
        unsafe self.bytes = bytes
        unsafe self.parts = parts
        self.count = count
        self.decimalComma = decimalComma
        self.listSeparators = listSeparators
    }

    subscript(index: Int) -> CSVRecord {
        var part = 0
        while unsafe part + 1 < parts.count && parts[part + 1].first <= index { part += 1 }
        let found = unsafe parts[part]
        let record = unsafe found.records[index - found.first]
        let first = Int(record.firstField)
        return unsafe CSVRecord(
            line: found.line + Int(record.newlinesBefore), bytes: bytes,
            fields: UnsafeBufferPointer(rebasing: found.fields[first..<first + Int(record.fieldCount)]),
            decimalComma: decimalComma, listSeparators: listSeparators)
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

/// Where one field lies in the reader's buffer. Offsets are 32-bit: a
/// million records of thirty fields are split in chunks, and half the
/// bytes per field is half the memory those chunks touch.
struct CSVField: Sendable {
    private let storedStart: UInt32
    private let storedEnd: UInt32
    let quoted: Bool
    let escapedQuotes: Bool

    init(start: Int, end: Int, quoted: Bool, escapedQuotes: Bool) {
        storedStart = UInt32(truncatingIfNeeded: start)
        storedEnd = UInt32(truncatingIfNeeded: end)
        self.quoted = quoted
        self.escapedQuotes = escapedQuotes
    }

    var start: Int { Int(storedStart) }
    var end: Int { Int(storedEnd) }
}

/// Computed rather than stored: a stored `static let` is initialised
/// lazily, and every read of it in the per-byte loops was a call to check that.
enum Byte {
    static var quote: UInt8 { 0x22 }
    static var newline: UInt8 { 0x0A }
    static var carriageReturn: UInt8 { 0x0D }
    static var tab: UInt8 { 0x09 }
    static var space: UInt8 { 0x20 }
}

/// One data record: its line number and lazy access to its cells.
///
/// A view into the reader's buffer, valid only inside the call that hands
/// it out (no copy of the bytes and no reference count per record: a
/// million records are decoded on every core at once). Cells are decoded
/// only when asked for. `text` trims surrounding spaces and returns `nil`
/// for an empty cell (SPEC.md: empty cell = missing).
@safe
public struct CSVRecord: @unchecked Sendable {
    /// Line of the file where the record starts (1 = header).
    public let line: Int
    private let bytes: UnsafeBufferPointer<UInt8>
    private let fields: UnsafeBufferPointer<CSVField>
    /// In a `;`-delimited file `,` is accepted as the decimal point.
    let decimalComma: Bool
    let listSeparators: ListSeparators

    init(line: Int, bytes: UnsafeBufferPointer<UInt8>, fields: UnsafeBufferPointer<CSVField>, decimalComma: Bool,
         listSeparators: ListSeparators) {
        self.line = line
        unsafe self.bytes = bytes
        unsafe self.fields = fields
        self.decimalComma = decimalComma
        self.listSeparators = listSeparators
    }

    public var count: Int { unsafe fields.count }

    func field(_ index: Int) -> CSVField { unsafe fields[index] }

    /// The cell as written (unescaped, not trimmed); `nil` when it is not valid UTF-8.
    public func raw(_ index: Int) -> String? {
        unsafe Self.decode(bytes, field(index))
    }

    /// The cell's bytes without surrounding spaces (escaped quotes left as written).
    func trimmedRange(_ index: Int) -> Range<Int> {
        let field = field(index)
        var start = field.start, end = field.end
        while unsafe start < end && Self.isSpace(bytes[start]) { start += 1 }
        while unsafe end > start && Self.isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// `body` applied to the reader's whole buffer (offsets from `field` and `trimmedRange`).
    func withBuffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        unsafe body(bytes)
    }

    /// `body` applied to the bytes `range` of the reader's buffer (from `trimmedRange`).
    func withBytes<Result>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        unsafe body(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// The trimmed cell, `nil` when empty; throws when not valid UTF-8.
    public func text(_ index: Int) throws(CellError) -> String? {
        let field = field(index)
        if !field.escapedQuotes {
            let range = trimmedRange(index)
            if range.isEmpty { return nil }
            guard let value = unsafe Self.string(UnsafeBufferPointer(rebasing: bytes[range])) else { throw .invalidUTF8 }
            return value
        }
        guard let value = unsafe Self.decode(bytes, field) else { throw .invalidUTF8 }
        let trimmed = value.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The cell as a finite number, `nil` when empty.
    ///
    /// Accepts an optional sign, digits with one decimal point (`.`, or `,`
    /// in a `;`-delimited file) and an exponent. Rejects NaN, infinities,
    /// thousands separators and anything else, rather than guessing.
    public func number(_ index: Int) throws(CellError) -> Double? {
        let range = trimmedRange(index)
        if range.isEmpty { return nil }
        if let value = unsafe NumberParser.parse(bytes, range.lowerBound, range.upperBound, decimalComma: decimalComma) {
            return value
        }
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

    /// Calls `body` with each list item of a cell as trimmed bytes (valid
    /// only during the call), without building Strings or an array:
    /// country and language codes are checked on their bytes. Quoted cells
    /// with `""` escapes go through `list(_:)` first.
    func forEachItem<Failure: Error>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Void) throws(Failure) {
        let field = field(index)
        guard !field.escapedQuotes else {
            for item in (try? list(index)) ?? [] {
                try unsafe Array(item.utf8).withUnsafeBufferPointer { (bytes) throws(Failure) in try unsafe body(bytes) }
            }
            return
        }
        var start = field.start
        var i = field.start
        while true {
            if unsafe i == field.end || listSeparators.contains(bytes[i]) {
                var itemStart = start, itemEnd = i
                while unsafe itemStart < itemEnd && Self.isSpace(bytes[itemStart]) { itemStart += 1 }
                while unsafe itemEnd > itemStart && Self.isSpace(bytes[itemEnd - 1]) { itemEnd -= 1 }
                if itemStart < itemEnd { try unsafe body(UnsafeBufferPointer(rebasing: bytes[itemStart..<itemEnd])) }
                if i == field.end { break }
                start = i + 1
            }
            i += 1
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == Byte.space || byte == Byte.tab }

    static func decode(_ buffer: UnsafeBufferPointer<UInt8>, _ field: CSVField) -> String? {
        guard field.escapedQuotes else {
            return unsafe string(UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            unsafe bytes.append(buffer[i])
            i += unsafe buffer[i] == Byte.quote ? 2 : 1
        }
        return unsafe bytes.withUnsafeBufferPointer { unsafe string($0) }
    }

    /// The bytes as a String, `nil` when they are not valid UTF-8.
    ///
    /// ASCII (nearly every cell of a CRM export) is checked with a plain
    /// loop and decoded on the standard library's contiguous fast path; only
    /// other text goes through full validation.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for unsafe byte in unsafe bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return unsafe String(decoding: bytes, as: UTF8.self) }
        return unsafe String(validating: bytes, as: UTF8.self)
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

/// One chunk of a file, read into an array after `headroom` free bytes.
struct ReadChunk: Sendable {
    /// Room at the front for the unread end of the previous chunk.
    static let headroom = 1 << 16

    var bytes: [UInt8]
    /// The bytes read (after the headroom); 0 at the end of the file.
    var count: Int { bytes.count - Self.headroom }

    /// Reads up to `count` bytes of `handle` into `array` (its storage
    /// reused) and feeds them to `digest`.
    static func read(_ handle: FileHandle, count: Int, into array: consuming [UInt8],
                     digest: FileDigest?) throws -> ReadChunk {
        var bytes = array
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: repeatElement(0, count: headroom))
        let descriptor = handle.fileDescriptor
        var failure: Int32 = 0
        bytes.append(addingCapacity: count) { output in
            unsafe output.withUnsafeMutableBufferPointer { buffer, initialized in
                // `read` may return fewer bytes than asked for before the end.
                while initialized < buffer.count {
                    let read = unsafe Foundation.read(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if read > 0 {
                        initialized += read
                    } else if read == 0 {
                        break
                    } else if errno != EINTR {
                        failure = errno
                        break
                    }
                }
            }
        }
        guard failure == 0 else { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
        if bytes.count > headroom {
            unsafe bytes.withUnsafeBytes { unsafe digest?.feed(UnsafeRawBufferPointer(rebasing: $0[headroom...])) }
        }
        return ReadChunk(bytes: bytes)
    }
}

/// One read of a file started on another thread; `result()` waits for it.
private final class ReadAhead: Sendable {
    private let done = DispatchGroup()
    private let outcome = Mutex<Result<ReadChunk, any Error>>(.success(ReadChunk(bytes: [])))

    /// Reads up to `count` bytes into `array` and feeds them to `digest`
    /// (the reads are in file order: the next starts after this one is taken).
    init(_ handle: FileHandle, count: Int, into array: consuming [UInt8], digest: FileDigest?) {
        done.enter()
        // Handed over through a lock rather than captured: the closure's
        // capture would keep a second reference to the array while it is
        // read into, and the read would copy it instead of reusing it.
        let array = Mutex(array)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let storage = array.withLock { array in
                var taken: [UInt8] = []
                swap(&taken, &array)
                return taken
            }
            let read = Result { try ReadChunk.read(handle, count: count, into: storage, digest: digest) }
            outcome.withLock { $0 = read }
            done.leave()
        }
    }

    func result() -> Result<ReadChunk, any Error> {
        done.wait()
        return outcome.withLock { $0 }
    }
}
