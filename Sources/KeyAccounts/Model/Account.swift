/// One B2B client, as read from the accounts file (SPEC.md section 2).
///
/// Lists (countries, regions, languages) are already de-duplicated and sorted,
/// and include the HQ country / region, so `countries.count` is the number of
/// distinct countries the tier rule counts.
public struct Account: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var industry: String?
    /// Last year's turnover with us, >= 0, in the policy currency.
    public var turnover: Double
    public var turnoverPrevious: Double? { get { Missing.decode(storedTurnoverPrevious) } set { storedTurnoverPrevious = Missing.encode(newValue) } }
    public var potential: Double? { get { Missing.decode(storedPotential) } set { storedPotential = Missing.encode(newValue) } }
    public var hqCountry: CountryCode
    public var hqRegion: String?
    /// Distinct countries where the client buys, hq_country included.
    public var countries: [CountryCode]
    /// Distinct regions inside hq_country where the client buys, hq_region included.
    public var regions: [String]
    /// The HQ position as given; `location` falls back to the capital.
    public var coordinate: Coordinate? {
        get { storedLatitude.isNaN ? nil : Coordinate(latitude: storedLatitude, longitude: storedLongitude) }
        set {
            storedLatitude = newValue?.latitude ?? .nan
            storedLongitude = newValue?.longitude ?? .nan
        }
    }
    public var languages: [String]
    public var solvency: SolvencyInputs
    public var currentManager: String?
    public var workloadHours: Double? { get { Missing.decode(storedWorkloadHours) } set { storedWorkloadHours = Missing.encode(newValue) } }
    /// Values of the columns kamp does not know, in the order of
    /// `Portfolio.extraColumns`, carried through to tiers.csv unchanged.
    public var extraValues: [String]
    /// Line of the accounts file the client was read from (1 = header).
    public var line: Int

    // Optional numbers are stored as plain doubles with NaN for "missing"
    // (inputs are finite, the readers reject NaN): an optional double
    // takes 16 bytes, a million clients times six of them.
    private var storedTurnoverPrevious: Double
    private var storedPotential: Double
    private var storedWorkloadHours: Double
    private var storedLatitude: Double
    private var storedLongitude: Double

    /// The HQ country and `countries`, each once, sorted.
    static func distinctCountries(_ hq: CountryCode, _ countries: [CountryCode]) -> [CountryCode] {
        // Most clients list nothing beyond their HQ: skip the sets then.
        countries.allSatisfy { $0 == hq } ? [hq] : Set(countries + [hq]).sorted()
    }

    static func distinctLanguages(_ languages: [String]) -> [String] {
        languages.count < 2 ? languages : Set(languages).sorted()
    }

    // Written out because NaN, the stored "missing", is unequal to itself.
    public static func == (lhs: Account, rhs: Account) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.industry == rhs.industry && lhs.turnover == rhs.turnover
            && lhs.turnoverPrevious == rhs.turnoverPrevious && lhs.potential == rhs.potential
            && lhs.hqCountry == rhs.hqCountry && lhs.hqRegion == rhs.hqRegion && lhs.countries == rhs.countries
            && lhs.regions == rhs.regions && lhs.coordinate == rhs.coordinate && lhs.languages == rhs.languages
            && lhs.solvency == rhs.solvency && lhs.currentManager == rhs.currentManager
            && lhs.workloadHours == rhs.workloadHours && lhs.extraValues == rhs.extraValues && lhs.line == rhs.line
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(line)
    }

    /// The HQ position, or the capital of hq_country when none was given.
    public var location: Coordinate { coordinate ?? hqCountry.country.capitalLocation }

    /// Regions compare case-insensitively ("Bavaria" and "bavaria" are one
    /// region); the first spelling seen is kept.
    static func distinctRegions(_ regions: [String]) -> [String] {
        if regions.count < 2 { return regions.map(\.trimmingSpaces).filter { !$0.isEmpty } }
        var seen = Set<String>()
        var result: [String] = []
        for region in regions {
            let trimmed = region.trimmingSpaces
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { continue }
            result.append(trimmed)
        }
        return result.sorted { $0.lowercased() < $1.lowercased() }
    }
}

/// The inputs from which a solvency zone is derived, in the order of
/// precedence SPEC.md fixes.
public struct SolvencyInputs: Hashable, Sendable {
    /// 0...100 from the user's own credit team; overrides everything else.
    public var score: Double? { get { Missing.decode(storedScore) } set { storedScore = Missing.encode(newValue) } }
    public var listed: Bool?
    public var sector: Sector?
    public var creditRating: CreditRating?
    public var paydex: Double? { get { Missing.decode(storedPaydex) } set { storedPaydex = Missing.encode(newValue) } }
    public var dsoDays: Double? { get { Missing.decode(storedDSODays) } set { storedDSODays = Missing.encode(newValue) } }
    private var storedScore: Double
    private var storedPaydex: Double
    private var storedDSODays: Double
    /// Most clients have no balance sheet on file; boxing it keeps an account
    /// 120 bytes smaller, which is 120 MB at a million clients.
    private var sheet: Box<BalanceSheet>?

    public static func == (lhs: SolvencyInputs, rhs: SolvencyInputs) -> Bool {
        lhs.score == rhs.score && lhs.listed == rhs.listed && lhs.sector == rhs.sector
            && lhs.creditRating == rhs.creditRating && lhs.paydex == rhs.paydex && lhs.dsoDays == rhs.dsoDays
            && lhs.sheet == rhs.sheet
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(score)
        hasher.combine(creditRating)
        hasher.combine(paydex)
        hasher.combine(dsoDays)
    }

    public var balanceSheet: BalanceSheet? {
        get { sheet?.value }
        set { sheet = newValue.map(Box.init) }
    }

    public init(score: Double? = nil, listed: Bool? = nil, sector: Sector? = nil, balanceSheet: BalanceSheet? = nil,
                creditRating: CreditRating? = nil, paydex: Double? = nil, dsoDays: Double? = nil) {
        self.storedScore = Missing.encode(score)
        self.listed = listed
        self.sector = sector
        self.sheet = balanceSheet.map(Box.init)
        self.creditRating = creditRating
        self.storedPaydex = Missing.encode(paydex)
        self.storedDSODays = Missing.encode(dsoDays)
    }
}

public enum Sector: String, Hashable, Codable, Sendable {
    case manufacturing
    case nonManufacturing = "non_manufacturing"
}

/// Balance-sheet figures for the Altman scores. Any of them may be missing;
/// the Altman model then cannot be computed and the next inputs are used.
public struct BalanceSheet: Hashable, Sendable {
    public var workingCapital: Double?
    public var retainedEarnings: Double?
    public var ebit: Double?
    public var equityMarket: Double?
    public var equityBook: Double?
    public var totalLiabilities: Double?
    public var totalAssets: Double?
    public var sales: Double?

    public init(workingCapital: Double? = nil, retainedEarnings: Double? = nil, ebit: Double? = nil,
                equityMarket: Double? = nil, equityBook: Double? = nil, totalLiabilities: Double? = nil,
                totalAssets: Double? = nil, sales: Double? = nil) {
        self.workingCapital = workingCapital
        self.retainedEarnings = retainedEarnings
        self.ebit = ebit
        self.equityMarket = equityMarket
        self.equityBook = equityBook
        self.totalLiabilities = totalLiabilities
        self.totalAssets = totalAssets
        self.sales = sales
    }

    var isEmpty: Bool { self == BalanceSheet() }
}

/// NaN as the stored form of a missing number, for large arrays of values
/// whose optional doubles would double their size.
enum Missing {
    static func encode(_ value: Double?) -> Double { value ?? .nan }
    static func decode(_ stored: Double) -> Double? { stored.isNaN ? nil : stored }
}

/// An immutable heap box with value semantics, for rarely present large fields.
final class Box<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value

    init(_ value: Value) { self.value = value }

    static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

// In an extension, so the struct keeps its memberwise initializer. The
// readers' initializer delegates to it: assigning the stored properties one
// by one, the compiler built each account, copied it (a retain of every
// string and list) and destroyed the first, at every row read (about 0.07
// CPU-seconds per million rows); through the memberwise initializer the
// account is built where it is returned.
extension Account {
    public init(id: String, name: String? = nil, industry: String? = nil, turnover: Double,
                turnoverPrevious: Double? = nil, potential: Double? = nil,
                hqCountry: CountryCode, hqRegion: String? = nil,
                countries: [CountryCode] = [], regions: [String] = [],
                coordinate: Coordinate? = nil, languages: [String] = [],
                solvency: SolvencyInputs = SolvencyInputs(), currentManager: String? = nil,
                workloadHours: Double? = nil, extraValues: [String] = [], line: Int = 0) {
        self.init(normalizedID: id, name: name, industry: industry, turnover: turnover,
                  turnoverPrevious: turnoverPrevious, potential: potential, hqCountry: hqCountry, hqRegion: hqRegion,
                  countries: Account.distinctCountries(hqCountry, countries),
                  regions: Account.distinctRegions((hqRegion.map { [$0] } ?? []) + regions),
                  coordinate: coordinate, languages: Account.distinctLanguages(languages), solvency: solvency,
                  currentManager: currentManager, workloadHours: workloadHours, extraValues: extraValues, line: line)
    }

    /// Takes the lists as they are: the caller has made them distinct and
    /// sorted with the functions below (the accounts reader, which shares
    /// equal lists between clients).
    init(normalizedID id: String, name: String?, industry: String?, turnover: Double, turnoverPrevious: Double?,
         potential: Double?, hqCountry: CountryCode, hqRegion: String?, countries: [CountryCode], regions: [String],
         coordinate: Coordinate?, languages: [String], solvency: SolvencyInputs, currentManager: String?,
         workloadHours: Double?, extraValues: [String], line: Int) {
        self.init(id: id, name: name, industry: industry, turnover: turnover, hqCountry: hqCountry, hqRegion: hqRegion,
                  countries: countries, regions: regions, languages: languages, solvency: solvency,
                  currentManager: currentManager, extraValues: extraValues, line: line,
                  storedTurnoverPrevious: Missing.encode(turnoverPrevious), storedPotential: Missing.encode(potential),
                  storedWorkloadHours: Missing.encode(workloadHours), storedLatitude: coordinate?.latitude ?? .nan,
                  storedLongitude: coordinate?.longitude ?? .nan)
    }
}
