/// Parses decimal numbers straight from bytes.
///
/// The common case (at most 19 significant digits and a small exponent) is
/// computed exactly with Clinger's fast path: an integer mantissa below 2^53
/// times or divided by an exactly representable power of ten rounds once,
/// so it gives the correctly rounded result. Everything else, after the same
/// syntax check, goes to the standard library's correctly rounded parser.
enum NumberParser {
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// - Returns: the value, or `nil` when the bytes are not a finite decimal number.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int, _ end: Int,
                                                          decimalComma: Bool) -> Double? where Bytes.Index == Int {
        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significantDigits = 0
        var exponent = 0
        var sawPoint = false
        var overflowed = false
        while i < end {
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                if mantissa == 0 && byte == UInt8(ascii: "0") {
                    if sawPoint { exponent -= 1 }
                } else if significantDigits < 19 {
                    mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                    significantDigits += 1
                    if sawPoint { exponent -= 1 }
                } else {
                    overflowed = true
                    if !sawPoint { exponent += 1 }
                }
            } else if !sawPoint && (byte == UInt8(ascii: ".") || (decimalComma && byte == UInt8(ascii: ","))) {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < end {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var exponentNegative = false
            if i < end && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var exponentDigits = 0
            while i < end, bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") {
                written = min(written * 10 + Int(bytes[i] - UInt8(ascii: "0")), 100_000)
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0, i == end else { return nil }
            exponent += exponentNegative ? -written : written
        }
        if !overflowed && mantissa < (1 << 53) && abs(exponent) <= 22 {
            let magnitude = exponent >= 0 ? Double(mantissa) * exactPowersOfTen[exponent]
                                          : Double(mantissa) / exactPowersOfTen[-exponent]
            return negative ? -magnitude : magnitude
        }
        // Rare: many digits or a large exponent. Re-spell with '.' and let the
        // standard library round correctly; reject what overflows to infinity.
        var text = String(decoding: bytes[start..<end], as: UTF8.self)
        if decimalComma { text = text.replacingOccurrences(of: ",", with: ".") }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

import Foundation
