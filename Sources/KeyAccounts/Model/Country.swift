/// An ISO 3166-1 alpha-2 country code, upper case, known to the bundled table.
public struct CountryCode: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts any letter case and surrounding spaces; `nil` when the code is
    /// not in the bundled ISO 3166-1 table.
    public init?(rawValue: String) {
        let code = rawValue.trimmingSpaces.uppercased()
        guard CountryTable.byCode[code] != nil else { return nil }
        self.rawValue = code
    }

    public var description: String { rawValue }
    public var country: Country { CountryTable.byCode[rawValue]! }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.rawValue < rhs.rawValue }
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
}
