/// Text assembled straight into UTF-8 bytes.
///
/// A million-row table has a reason, a country list and a flag list per row;
/// building each as Strings and joining them cost more than the rest of the
/// row. These append to the writer's buffer instead, and the String
/// versions (`reason(at:)`, `evidence`) are thin wrappers over them, so both
/// always say the same thing.
extension Array where Element == UInt8 {
    mutating func appendText(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// A literal's bytes, copied in one go (the String path looks at each
    /// string's representation first; reasons append a dozen literals a row).
    mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { unsafe append(contentsOf: $0) }
    }

    /// `value` with up to `decimals` digits, trailing zeros dropped (`Format.trimmed`).
    mutating func appendTrimmed(_ value: Double, _ decimals: Int = 6) {
        Format.append(value, decimals, trimZeros: true, to: &self)
    }

    /// `value` with exactly `decimals` digits (`Format.fixed`).
    mutating func appendFixed(_ value: Double, _ decimals: Int) {
        Format.append(value, decimals, trimZeros: false, to: &self)
    }

    /// A share as a percentage with one decimal and a unit: 0.4123 -> "41.2 %".
    mutating func appendPercent(_ share: Double) {
        Format.append(share * 100, 1, trimZeros: false, to: &self)
        appendLiteral(" %")
    }

    mutating func appendInteger(_ value: Int) {
        // Digits last to first into an inline buffer, then one append: one
        // append per digit checked the array's uniqueness and capacity each time.
        var magnitude = value.magnitude
        var digits = InlineArray<21, UInt8>(repeating: 0)
        var start = 21
        repeat {
            start -= 1
            digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        if value < 0 {
            start -= 1
            digits[start] = UInt8(ascii: "-")
        }
        unsafe digits.span.extracting(start..<21).withUnsafeBufferPointer { unsafe append(contentsOf: $0) }
    }

    /// The items with `separator` between them, as `joined(separator:)` would.
    mutating func appendJoined<Items: Sequence>(_ items: Items, separator: String) where Items.Element == String {
        var first = true
        for item in items {
            if !first { appendText(separator) }
            appendText(item)
            first = false
        }
    }
}
