// A buffered CSV writer: rows are appended as bytes into one [UInt8] buffer
// that is flushed to the file every megabyte. Numbers are formatted by hand
// (String(format:) is slow on Linux). The file is written under a temporary
// name and renamed when complete, so an interrupted run never leaves half a file.

import Foundation

struct WriteError: Error, CustomStringConvertible {
    let description: String
}

struct CSVWriter {
    private var buf: [UInt8] = []
    private let handle: FileHandle
    private let path: String
    private let tmpPath: String
    private var atRowStart = true
    private(set) var rows = 0          // data rows (the header is not counted)
    private(set) var bytes = 0
    private var headerWritten = false

    private static let flushThreshold = 1 << 20

    init(path: String) throws {
        self.path = path
        self.tmpPath = path + ".tmp"
        let fm = FileManager.default
        if fm.fileExists(atPath: tmpPath) { try fm.removeItem(atPath: tmpPath) }
        guard fm.createFile(atPath: tmpPath, contents: nil),
              let h = FileHandle(forWritingAtPath: tmpPath) else {
            throw WriteError(description: "cannot create \(tmpPath)")
        }
        handle = h
        buf.reserveCapacity(CSVWriter.flushThreshold + 64 * 1024)
    }

    mutating func header(_ names: [String]) {
        for n in names { field(n) }
        buf.append(10)
        atRowStart = true
        headerWritten = true
    }

    @inline(__always)
    private mutating func separator() {
        if atRowStart { atRowStart = false } else { buf.append(44) }
    }

    /// An empty cell (missing value).
    @inline(__always)
    mutating func empty() { separator() }

    /// A text cell, quoted per RFC 4180 when it holds a comma, quote, CR or LF.
    mutating func field(_ s: String) {
        separator()
        var needsQuotes = false
        for b in s.utf8 where b == 44 || b == 34 || b == 10 || b == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buf.append(contentsOf: s.utf8)
            return
        }
        buf.append(34)
        for b in s.utf8 {
            if b == 34 { buf.append(34) }
            buf.append(b)
        }
        buf.append(34)
    }

    /// A cell known to need no quoting (codes, ids, lists of codes).
    @inline(__always)
    mutating func plain(_ s: String) {
        separator()
        buf.append(contentsOf: s.utf8)
    }

    /// A list of codes joined by ';' into one cell.
    mutating func list(_ items: [String]) {
        separator()
        var first = true
        for s in items {
            if first { first = false } else { buf.append(59) }
            buf.append(contentsOf: s.utf8)
        }
    }

    mutating func int(_ v: Int) {
        separator()
        appendInt(Int64(v))
    }

    /// An amount given in cents, written with exactly two decimals.
    mutating func cents(_ c: Int64) {
        separator()
        appendScaled(c, decimals: 2)
    }

    /// A value rounded half away from zero to `decimals` places (0...6).
    mutating func fixed(_ v: Double, _ decimals: Int) {
        separator()
        appendScaled(CSVWriter.scaled(v, decimals), decimals: decimals)
    }

    mutating func bool(_ v: Bool) { plain(v ? "true" : "false") }

    mutating func endRow() {
        buf.append(10)
        atRowStart = true
        rows += 1
        if buf.count >= CSVWriter.flushThreshold { flush() }
    }

    static let powers: [Double] = [1, 10, 100, 1000, 10000, 100000, 1000000]

    static func scaled(_ v: Double, _ decimals: Int) -> Int64 {
        Int64((v * powers[decimals]).rounded(.toNearestOrAwayFromZero))
    }

    private mutating func appendInt(_ v: Int64) {
        if v < 0 { buf.append(45) }
        appendDigits(v.magnitude, minDigits: 1)
    }

    /// Decimal digits of `x`, left-padded with zeros to `minDigits`.
    @inline(__always)
    private mutating func appendDigits(_ x: UInt64, minDigits: Int) {
        var p: UInt64 = 1, digits = 1
        while p <= x / 10 { p *= 10; digits += 1 }
        if digits < minDigits { for _ in digits ..< minDigits { buf.append(48) } }
        var rest = x
        while p > 0 {
            buf.append(48 + UInt8(truncatingIfNeeded: rest / p))
            rest %= p
            p /= 10
        }
    }

    private mutating func appendScaled(_ v: Int64, decimals: Int) {
        if decimals == 0 { appendInt(v); return }
        if v < 0 { buf.append(45) }
        var div: UInt64 = 1
        for _ in 0 ..< decimals { div *= 10 }
        let m = v.magnitude
        appendDigits(m / div, minDigits: 1)
        buf.append(46)
        appendDigits(m % div, minDigits: decimals)
    }

    mutating func flush() {
        guard !buf.isEmpty else { return }
        bytes += buf.count
        handle.write(Data(buf))
        buf.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and moves the file to its final name.
    mutating func close() throws {
        flush()
        try handle.close()
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
        try fm.moveItem(atPath: tmpPath, toPath: path)
    }
}
