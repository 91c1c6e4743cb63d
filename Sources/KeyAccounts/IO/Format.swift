/// Deterministic, locale-free number formatting for files and reasons.
///
/// `String(format:)` is locale-sensitive in spirit and slow on Linux; these
/// round half away from zero on the decimal value and never print exponents
/// for the magnitudes a sales portfolio has.
public enum Format {
    /// `value` with exactly `decimals` digits after the point ("3.40").
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        render(value, decimals, trimZeros: false)
    }

    /// `value` with at most `maxDecimals` digits, trailing zeros removed ("3.4", "12").
    public static func trimmed(_ value: Double, _ maxDecimals: Int = 6) -> String {
        render(value, maxDecimals, trimZeros: true)
    }

    /// The shortest readable form: integers without a point, others up to 6 decimals.
    public static func compact(_ value: Double) -> String { trimmed(value, 6) }

    /// A share as a percentage with one decimal: 0.4123 -> "41.2 %".
    public static func percent(_ share: Double, decimals: Int = 1) -> String {
        fixed(share * 100, decimals) + " %"
    }

    /// Money in the policy currency, grouped for reading: 1234567.8 -> "1.23 M", 45200 -> "45.2 k".
    public static func money(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e9 { return trimmed(value / 1e9, 2) + " bn" }
        if magnitude >= 1e6 { return trimmed(value / 1e6, 2) + " M" }
        if magnitude >= 1e4 { return trimmed(value / 1e3, 1) + " k" }
        return trimmed(value, 0)
    }

    private static func render(_ value: Double, _ decimals: Int, trimZeros: Bool) -> String {
        var bytes: [UInt8] = []
        append(value, decimals, trimZeros: trimZeros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the digits of `value` to `bytes` (the writer's buffer), without an intermediate String.
    static func append(_ value: Double, _ decimals: Int, trimZeros: Bool, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        let decimals = min(max(decimals, 0), 9)
        let magnitude = abs(value) * NumberParser.exactPowersOfTen[decimals]
        guard magnitude < 9.0e15 else { bytes.append(contentsOf: value.description.utf8); return }
        // Half away from zero, as `rounded(.toNearestOrAwayFromZero)` (a libm
        // call per cell): below 2^53 the fraction `magnitude - whole` is exact.
        // Signed conversions: one instruction each way (unsigned ones take several).
        var whole = Int64(magnitude)
        if magnitude - Double(whole) >= 0.5 { whole += 1 }
        guard whole < 9_000_000_000_000_000 else { bytes.append(contentsOf: value.description.utf8); return }
        var units = UInt64(whole)
        if units == 0 {
            bytes.append(UInt8(ascii: "0"))
            if decimals > 0 && !trimZeros {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals))
            }
            return
        }
        var fractionDigits = decimals
        if trimZeros {
            while fractionDigits > 0 && units % 10 == 0 { units /= 10; fractionDigits -= 1 }
        }
        // Digits are produced last to first into a small inline buffer, two
        // at a time and always by constant divisors (which compile to
        // multiplications), then copied in one go.
        var digits = InlineArray<24, UInt8>(repeating: 0)
        var start = 24
        func pair(_ value: UInt64) {
            let tens = value / 10
            start -= 2
            digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: tens)
            digits[start + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value &- tens &* 10)
        }
        var integerPart = units
        if fractionDigits > 0 {
            var remaining = fractionDigits
            while remaining >= 2 {
                let next = integerPart / 100
                pair(integerPart &- next &* 100)
                integerPart = next
                remaining -= 2
            }
            if remaining == 1 {
                let next = integerPart / 10
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: integerPart &- next &* 10)
                integerPart = next
            }
            start -= 1
            digits[start] = UInt8(ascii: ".")
        }
        while integerPart >= 100 {
            let next = integerPart / 100
            pair(integerPart &- next &* 100)
            integerPart = next
        }
        if integerPart >= 10 {
            pair(integerPart)
        } else {
            start -= 1
            digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: integerPart)
        }
        // The sign without a branch: in a column of z-scores it is a coin
        // toss, and a mispredicted branch cost a fifth of the time here.
        digits[start - 1] = UInt8(ascii: "-")
        start -= value < 0 ? 1 : 0
        let text = digits.span.extracting(start..<24)
        unsafe text.withUnsafeBufferPointer { unsafe bytes.append(contentsOf: $0) }
    }
}
