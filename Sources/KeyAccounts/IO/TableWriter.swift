import Dispatch
import Foundation
import Synchronization

/// The file format of output tables (`--format`).
public enum TableFormat: String, CaseIterable, Sendable, Codable {
    case csv, json

    public var fileExtension: String { rawValue }
}

/// An output table described by its columns and a function that writes row
/// `i`, so a million-row table never exists as a million arrays of cells.
public struct TableSpec: Sendable {
    public var name: String
    public var columns: [String]
    public var rowCount: Int
    public var writeRow: @Sendable (Int, inout RowWriter) -> Void

    /// - Parameters:
    ///   - name: the file name without extension (`tiers`).
    ///   - writeRow: writes exactly one cell per column, for rows already
    ///     in output order (sorted by the first column, SPEC.md section 4).
    public init(name: String, columns: [String], rowCount: Int, writeRow: @escaping @Sendable (Int, inout RowWriter) -> Void) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.writeRow = writeRow
    }

    /// CSV or JSON text of the whole table (tests, small tables).
    public func rendered(as format: TableFormat) -> String {
        var bytes: [UInt8] = []
        render(as: format) { chunk in bytes.append(contentsOf: chunk) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Streams the table through `sink` in blocks of rows.
    ///
    /// Large tables are formatted on every core: each core takes the next
    /// block of rows not yet taken and formats it into one of a ring of
    /// buffers, while the calling thread hands the formatted blocks to `sink`
    /// in row order (a file write: the kernel copies the bytes), so the bytes
    /// are those of a serial run. No core waits for another to finish a
    /// block, only for a free buffer; the buffers are reused from block to
    /// block instead of new memory the kernel must zero.
    public func render(as format: TableFormat, sink: ([UInt8]) throws -> Void) rethrows {
        let workers = rowCount >= 20_000 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
        try render(as: format, workers: workers, sink: sink)
    }

    /// `render(as:sink:)` with `workers` formatting threads. Tests ask for
    /// more workers than the machine has, and `taken` runs in a worker right
    /// after it takes block b, before it formats it: a test can stall one
    /// worker there while the others run ahead.
    func render(as format: TableFormat, workers: Int, taken: (@Sendable (Int) -> Void)? = nil,
                sink: ([UInt8]) throws -> Void) rethrows {
        var header = RowWriter(format: format, columns: columns)
        header.begin()
        try sink(header.bytes)
        if workers == 1 {
            var writer = RowWriter(format: format, columns: columns)
            for row in 0..<rowCount { writeFullRow(row, into: &writer) }
            try sink(writer.bytes)
        } else {
            try renderOnEveryCore(workers: workers, format: format, taken: taken, sink: sink)
        }
        var footer = RowWriter(format: format, columns: columns)
        footer.end()
        try sink(footer.bytes)
    }

    private func writeFullRow(_ row: Int, into writer: inout RowWriter) {
        writer.beginRow(first: row == 0)
        writeRow(row, &writer)
        writer.endRow()
    }

    private func renderOnEveryCore(workers: Int, format: TableFormat, taken: (@Sendable (Int) -> Void)?,
                                   sink: ([UInt8]) throws -> Void) rethrows {
        let blockRows = 4_096
        let blocks = (rowCount + blockRows - 1) / blockRows
        let ring = (0..<2 * workers + 2).map { _ in WorkerState(RowWriter(format: format, columns: columns)) }
        // A worker takes the next block only while fewer than ring.count
        // blocks are taken and not yet written: the blocks in flight are then
        // consecutive, so no two of them share a buffer (block b uses buffer
        // b % ring.count). Per-buffer "free" signals instead let a worker
        // that fell behind find its buffer taken by a block ring.count later.
        let room = DispatchSemaphore(value: ring.count)
        let formatted = ring.map { _ in DispatchSemaphore(value: 0) }
        let progress = BlockProgress()
        let spec = self
        let formatting = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: formatting) {
                while true {
                    room.wait()
                    let block = progress.next.add(1, ordering: .relaxed).oldValue
                    guard block < blocks, !progress.cancelled.load(ordering: .acquiring) else {
                        room.signal()  // pass the wake-up on to the next worker waiting here
                        return
                    }
                    taken?(block)
                    let writer = ring[block % ring.count]
                    writer.value.bytes.removeAll(keepingCapacity: true)
                    for row in block * blockRows..<min(spec.rowCount, (block + 1) * blockRows) {
                        spec.writeFullRow(row, into: &writer.value)
                    }
                    formatted[block % ring.count].signal()
                }
            }
        }
        // When `sink` throws, the workers stop at their next block; wait for
        // them, so none outlives this call.
        defer {
            progress.cancelled.store(true, ordering: .releasing)
            room.signal()
            formatting.wait()
            // Blocks taken but never written (the sink threw) still hold
            // room; libdispatch traps when a semaphore is freed below the
            // value it was made with.
            for _ in ring { room.signal() }
        }
        for block in 0..<blocks {
            let slot = block % ring.count
            formatted[slot].wait()
            try sink(ring[slot].value.bytes)
            room.signal()
        }
    }
}

/// Shared by the workers of `TableSpec.render`: the next block to take, and
/// whether the writing stopped.
private final class BlockProgress: Sendable {
    let next = Atomic<Int>(0)
    let cancelled = Atomic<Bool>(false)
}

/// Writes the cells of one row, escaped for the table's format.
///
/// Text cells that a spreadsheet would run as a formula (starting with `=`,
/// `+`, `-`, `@`, tab or carriage return) get a leading `'`; numbers are
/// written as plain numbers.
public struct RowWriter {
    let format: TableFormat
    let columns: [String]
    private let jsonKeys: [[UInt8]]
    var bytes: [UInt8] = []
    private var cell = 0
    /// Where `composedText` builds a cell before it is escaped into `bytes`.
    private var scratch: [UInt8] = []

    init(format: TableFormat, columns: [String]) {
        self.format = format
        self.columns = columns
        self.jsonKeys = columns.map { Array(JSON.quoted($0).utf8) + [UInt8(ascii: ":")] }
        bytes.reserveCapacity(1 << 16)
    }

    mutating func begin() {
        switch format {
        case .csv:
            for (index, column) in columns.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                appendCSVText(column)
            }
            bytes.append(Byte.newline)
        case .json:
            bytes.append(UInt8(ascii: "["))
        }
    }

    mutating func end() {
        if format == .json { bytes.append(contentsOf: Array("\n]\n".utf8)) }
    }

    mutating func beginRow(first: Bool) {
        cell = 0
        if format == .json { bytes.append(contentsOf: first ? Array("\n{".utf8) : Array(",\n{".utf8)) }
    }

    mutating func endRow() {
        precondition(cell == columns.count, "row has \(cell) cells for \(columns.count) columns")
        bytes.append(format == .csv ? Byte.newline : UInt8(ascii: "}"))
    }

    private mutating func separate() {
        switch format {
        case .csv:
            if cell > 0 { bytes.append(UInt8(ascii: ",")) }
        case .json:
            if cell > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: jsonKeys[cell])
        }
        cell += 1
    }

    /// A text cell; `nil` or empty is a missing value.
    public mutating func text(_ value: String?) {
        separate()
        guard let value, !value.isEmpty else {
            if format == .json { bytes.append(contentsOf: JSON.null) }
            return
        }
        switch format {
        case .csv: appendCSVText(value)
        case .json: bytes.append(contentsOf: Array(JSON.quoted(value).utf8))
        }
    }

    /// A text cell assembled by `compose` as UTF-8 bytes (reasons, lists),
    /// escaped like `text(_:)`; nothing appended is a missing value.
    public mutating func composedText(_ compose: (inout [UInt8]) -> Void) {
        composedText(()) { _, bytes in compose(&bytes) }
    }

    /// `composedText` where `compose` reads `context` (borrowed, not copied):
    /// a closure that captured a struct of arrays instead would copy it, and
    /// retain each array, once per row, from every formatting thread.
    public mutating func composedText<Context>(_ context: borrowing Context,
                                               _ compose: (borrowing Context, inout [UInt8]) -> Void) {
        separate()
        // Taken out of `self` while `compose` fills it; its capacity is kept for the next cell.
        var cellBytes: [UInt8] = []
        swap(&cellBytes, &scratch)
        defer {
            cellBytes.removeAll(keepingCapacity: true)
            swap(&cellBytes, &scratch)
        }
        compose(context, &cellBytes)
        guard !cellBytes.isEmpty else {
            if format == .json { bytes.append(contentsOf: JSON.null) }
            return
        }
        switch format {
        case .csv: appendCSVText(cellBytes.span)
        case .json: bytes.append(contentsOf: Array(JSON.quoted(String(decoding: cellBytes, as: UTF8.self)).utf8))
        }
    }

    /// A number rounded to `decimals` (trailing zeros dropped); `nil` is missing.
    public mutating func number(_ value: Double?, decimals: Int = 6) {
        separate()
        guard let value, value.isFinite else {
            if format == .json { bytes.append(contentsOf: JSON.null) }
            return
        }
        Format.append(value, decimals, trimZeros: true, to: &bytes)
    }

    public mutating func integer(_ value: Int?) {
        separate()
        guard let value else {
            if format == .json { bytes.append(contentsOf: JSON.null) }
            return
        }
        bytes.appendInteger(value)
    }

    public mutating func boolean(_ value: Bool?) {
        separate()
        guard let value else {
            if format == .json { bytes.append(contentsOf: JSON.null) }
            return
        }
        bytes.append(contentsOf: Array((value ? "true" : "false").utf8))
    }

    private mutating func appendCSVText(_ value: String) {
        appendCSVText(value.utf8.span)
    }

    private mutating func appendCSVText(_ span: Span<UInt8>) {
        let first = span[0]
        let formula = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == Byte.tab || first == Byte.carriageReturn
        unsafe span.withUnsafeBufferPointer { cell in
            // A quote is rare and needs the slow path; look for one with
            // memchr (vectorised), then for the first byte that needs quotes
            // only until it is found (a reason has its first comma early).
            let hasQuote = unsafe memchr(cell.baseAddress!, Int32(Byte.quote), cell.count) != nil
            var needsQuotes = hasQuote
            if !needsQuotes {
                for unsafe byte in unsafe cell
                where byte == UInt8(ascii: ",") || byte == Byte.newline || byte == Byte.carriageReturn {
                    needsQuotes = true
                    break
                }
            }
            if needsQuotes { bytes.append(Byte.quote) }
            if formula { bytes.append(UInt8(ascii: "'")) }
            if hasQuote {
                for unsafe byte in unsafe cell {
                    if byte == Byte.quote { bytes.append(Byte.quote) }
                    bytes.append(byte)
                }
            } else {
                unsafe bytes.append(contentsOf: cell)
            }
            if needsQuotes { bytes.append(Byte.quote) }
        }
    }
}

enum JSON {
    static let null = Array("null".utf8)

    /// A JSON string literal with the escapes RFC 8259 requires.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
