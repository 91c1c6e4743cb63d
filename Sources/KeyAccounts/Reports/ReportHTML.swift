/// HTML text that is safe by construction.
///
/// Tag and attribute names are `StaticString`s, so they can only come from
/// kamp's own source; every `String` (account names, ids, reasons, feature
/// names: anything read from an input file) reaches the page through
/// `text(_:)` or an attribute value and is escaped there. The only way to
/// write markup unescaped is `trusted(_:)`, which again takes a
/// `StaticString` (the page's own CSS and script). An account named
/// `<script>alert(1)</script>` therefore shows as that text.
///
/// The builder appends to one string, so a page is written in one pass with
/// no tree of nodes kept in memory.
struct HTML: Sendable {
    private(set) var output = ""

    init() {}

    /// Escaped text content.
    mutating func text(_ value: String) {
        Self.escape(value, into: &output)
    }

    /// Markup written as is: only literals of kamp's source qualify.
    mutating func trusted(_ literal: StaticString) {
        output += literal.description
    }

    /// `<tag attributes>content</tag>`; attributes with a `nil` value are left out.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
                          _ content: (inout HTML) -> Void = { _ in }) {
        open(tag, attributes)
        content(&self)
        output += "</"
        output += tag.description
        output += ">"
    }

    /// `<tag attributes>text</tag>` with the text escaped.
    mutating func element(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text: String) {
        element(tag, attributes) { $0.text(text) }
    }

    /// An element without content: `<meta ...>` in HTML, `<circle ... />` in SVG.
    mutating func empty(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        output += "<"
        output += tag.description
        appendAttributes(attributes)
        output += "/>"
    }

    private mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?>) {
        output += "<"
        output += tag.description
        appendAttributes(attributes)
        output += ">"
    }

    private mutating func appendAttributes(_ attributes: KeyValuePairs<StaticString, String?>) {
        for (name, value) in attributes {
            guard let value else { continue }
            output += " "
            output += name.description
            output += "=\""
            Self.escape(value, into: &output)
            output += "\""
        }
    }

    /// Escapes the five characters HTML gives a meaning to, in text and in
    /// quoted attribute values alike; control characters other than tab and
    /// line feed (never valid in HTML) become U+FFFD.
    static func escape(_ value: String, into output: inout String) {
        // Most cells need nothing: check the bytes once before copying scalar by scalar.
        let needsWork = value.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || (byte < 0x20 && byte != 0x09 && byte != 0x0A)
                || byte == 0x7F
        }
        guard needsWork else {
            output += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
    }

    static func escaped(_ value: String) -> String {
        var output = ""
        escape(value, into: &output)
        return output
    }
}
