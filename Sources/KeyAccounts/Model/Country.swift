/// An ISO 3166-1 alpha-2 country code, upper case, known to the bundled table.
///
/// Stored as its slot in the 26 x 26 table of letter pairs: two bytes that
/// copy, hash and compare without touching a String, a million times per
/// accounts file. Slots are in alphabetical order of the codes.
public struct CountryCode: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    let slot: UInt16

    /// Accepts any letter case and surrounding spaces; `nil` when the code is
    /// not in the bundled ISO 3166-1 table.
    public init?(rawValue: String) {
        self.init(bytes: ArraySlice(rawValue.trimmingSpaces.utf8))
    }

    /// From the two ASCII letters of a cell, any case.
    init?<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) {
        guard bytes.count == 2 else { return nil }
        self.init(first: bytes[bytes.startIndex], second: bytes[bytes.index(after: bytes.startIndex)])
    }

    init?(first: UInt8, second: UInt8) {
        guard let slot = CountryTable.slot(Self.upper(first), Self.upper(second)), CountryTable.known[slot] else { return nil }
        self.slot = UInt16(slot)
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
    }

    public var rawValue: String {
        twoLetterString(UInt8(ascii: "A") + UInt8(slot / 26), UInt8(ascii: "A") + UInt8(slot % 26))
    }

    public var description: String { rawValue }
    public var country: Country { CountryTable.bySlot[Int(slot)]! }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.slot < rhs.slot }
}

/// One row of the bundled country table.
public struct Country: Hashable, Codable, Sendable {
    public let code: String
    public let name: String
    public let region: String
    public let subregion: String
    public let capital: String
    /// Position of the capital: the default position of a client or manager
    /// whose own coordinates are not given.
    public let capitalLocation: Coordinate
    /// Official or major languages, ISO 639-1.
    public let languages: [String]
}

/// The bundled ISO 3166-1 table (see `Datasets/README-countries.md` for its
/// sources and licences).
public enum CountryTable {
    /// Every country, sorted by code.
    public static let all: [Country] = embeddedTSV.split(separator: "\n").compactMap { line in
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard cells.count >= 7, let latitude = Double(cells[5]), let longitude = Double(cells[6]) else { return nil }
        let languages = cells.count > 7 ? cells[7].split(separator: ";").map(String.init) : []
        return Country(code: cells[0], name: cells[1], region: cells[2], subregion: cells[3], capital: cells[4],
                       capitalLocation: Coordinate(latitude: latitude, longitude: longitude), languages: languages)
    }

    public static let byCode: [String: Country] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// The country of each slot of the 26 x 26 table (`CountryCode.slot`).
    static let bySlot: [Country?] = {
        var table = [Country?](repeating: nil, count: 26 * 26)
        for country in all {
            let bytes = Array(country.code.utf8)
            if let slot = slot(bytes[0], bytes[1]) { table[slot] = country }
        }
        return table
    }()

    /// Which of the 26 x 26 letter pairs are codes: validating a million
    /// country cells must not hash a million strings.
    static let known: [Bool] = {
        var known = [Bool](repeating: false, count: 26 * 26)
        for country in all {
            let bytes = Array(country.code.utf8)
            if let slot = slot(bytes[0], bytes[1]) { known[slot] = true }
        }
        return known
    }()

    static func slot(_ first: UInt8, _ second: UInt8) -> Int? {
        let a = UInt8(ascii: "A"), z = UInt8(ascii: "Z")
        guard (a...z).contains(first), (a...z).contains(second) else { return nil }
        return Int(first - a) * 26 + Int(second - a)
    }
}

/// Two ASCII letters as a String, built in place: a String this short is
/// stored inline, so nothing is allocated (a String from a two-byte array
/// allocated the array), and nothing shared is reference-counted, which
/// matters when every row of a million-row table writes a country code.
@inline(__always)
func twoLetterString(_ first: UInt8, _ second: UInt8) -> String {
    unsafe String(unsafeUninitializedCapacity: 2) { buffer in
        unsafe buffer[0] = first
        unsafe buffer[1] = second
        return 2
    }
}
