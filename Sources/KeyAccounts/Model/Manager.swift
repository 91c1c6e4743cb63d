/// One account manager, as read from the managers file (SPEC.md section 2).
public struct Manager: Hashable, Codable, Sendable {
    public var id: String
    public var name: String?
    /// Yearly hours available for accounts, > 0.
    public var capacityHours: Double
    public var baseCountry: CountryCode
    public var baseRegion: String?
    public var coordinate: Coordinate?
    public var languages: [String]
    /// Tiers this manager may serve; `key` and `standard` unless the file says otherwise.
    public var tiers: [Tier]
    public var industries: [String]
    /// Hard cap on the number of accounts, when given.
    public var maxAccounts: Int?
    public var line: Int

    public static let defaultTiers: [Tier] = [.key, .standard]

    public init(id: String, name: String? = nil, capacityHours: Double, baseCountry: CountryCode,
                baseRegion: String? = nil, coordinate: Coordinate? = nil, languages: [String] = [],
                tiers: [Tier] = Manager.defaultTiers, industries: [String] = [], maxAccounts: Int? = nil,
                line: Int = 0) {
        self.id = id
        self.name = name
        self.capacityHours = capacityHours
        self.baseCountry = baseCountry
        self.baseRegion = baseRegion
        self.coordinate = coordinate
        self.languages = Set(languages).sorted()
        self.tiers = Set(tiers).sorted()
        self.industries = industries
        self.maxAccounts = maxAccounts
        self.line = line
    }

    /// The base position, or the capital of base_country when none was given.
    public var location: Coordinate { coordinate ?? baseCountry.country.capitalLocation }
}

/// The key account level of a client, most demanding first.
public enum Tier: String, CaseIterable, Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    case global, national, key, standard

    public var description: String { rawValue }
    public var isKeyAccount: Bool { self != .standard }

    public static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.position < rhs.position }

    /// The index in `allCases` (global first), without a search: counted per client.
    var position: Int {
        switch self {
        case .global: 0
        case .national: 1
        case .key: 2
        case .standard: 3
        }
    }
}

/// One Kano answer pair: a respondent of a client on one feature.
public struct SurveyAnswer: Hashable, Codable, Sendable {
    public var accountID: String
    public var respondentID: String
    public var feature: String
    /// 1...5: 1 like, 2 expect, 3 neutral, 4 live with, 5 dislike.
    public var functional: Int
    public var dysfunctional: Int
    /// 1...9 self-stated importance, when asked.
    public var importance: Int?
    public var line: Int

    public init(accountID: String, respondentID: String, feature: String, functional: Int, dysfunctional: Int,
                importance: Int? = nil, line: Int = 0) {
        self.accountID = accountID
        self.respondentID = respondentID
        self.feature = feature
        self.functional = functional
        self.dysfunctional = dysfunctional
        self.importance = importance
        self.line = line
    }
}
