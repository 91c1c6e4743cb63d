/// Parses decimal numbers straight from bytes.
///
/// The common case (at most 19 digits and a small exponent) is
/// computed exactly with Clinger's fast path: an integer mantissa below 2^53
/// times or divided by an exactly representable power of ten rounds once,
/// so it gives the correctly rounded result. Everything else, after the same
/// syntax check, goes to the standard library's correctly rounded parser.
enum NumberParser {
    /// 10^0 ... 10^22, every one exact in a Double (Format uses the first
    /// ten). Literals: the compiler lays the array out in the binary, where
    /// one built by a closure was initialised lazily, a check on every use.
    static let exactPowersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// - Returns: the value, or `nil` when the bytes are not a finite decimal number.
    static func parse<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int, _ end: Int,
                                                          decimalComma: Bool) -> Double? where Bytes.Index == Int {
        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        // Digits before and after the point, accumulated with wrapping
        // arithmetic: up to 19 digits cannot wrap, and longer mantissas take
        // the standard library's path below. One comparison per digit.
        var mantissa: UInt64 = 0
        /// Adds the digits from `i` on to the mantissa; returns how many there were.
        func accumulateDigits() -> Int {
            let first = i
            while i < end {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit <= 9 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                i += 1
            }
            return i - first
        }
        var digits = accumulateDigits()
        var fractionDigits = 0
        if i < end && (bytes[i] == UInt8(ascii: ".") || (decimalComma && bytes[i] == UInt8(ascii: ","))) {
            i += 1
            fractionDigits = accumulateDigits()
            digits += fractionDigits
        }
        guard digits > 0 else { return nil }
        var exponent = -fractionDigits
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
        if digits <= 19 && mantissa < (1 << 53) && abs(exponent) <= 22 {
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
