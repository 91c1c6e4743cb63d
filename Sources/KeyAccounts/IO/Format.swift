/// Deterministic, locale-free number formatting for files and reasons.
///
/// `String(format:)` is locale-sensitive in spirit and slow on Linux; these
/// round half away from zero on the decimal value and never print exponents
/// for the magnitudes a sales portfolio has.
public enum Format {
    private static let powersOfTen: [Double] = (0...9).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

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
        guard value.isFinite else { return "" }
        let decimals = min(max(decimals, 0), 9)
        let scaled = (abs(value) * powersOfTen[decimals]).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return value.description }
        var units = UInt64(scaled)
        if units == 0 { return decimals == 0 || trimZeros ? "0" : "0." + String(repeating: "0", count: decimals) }
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var fractionDigits = decimals
        if trimZeros {
            while fractionDigits > 0 && units % 10 == 0 { units /= 10; fractionDigits -= 1 }
        }
        var written = 0
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(units % 10))
            units /= 10
            written += 1
            if written == fractionDigits { digits.append(UInt8(ascii: ".")) }
        } while units > 0 || written < fractionDigits
        if digits.last == UInt8(ascii: ".") { digits.append(UInt8(ascii: "0")) }
        if value < 0 { digits.append(UInt8(ascii: "-")) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
