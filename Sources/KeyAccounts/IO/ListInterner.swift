/// Makes the country, region and language lists of the accounts a reader
/// decodes distinct and sorted, and shares equal lists between clients.
///
/// Thousands of clients have the same lists (most only their HQ): one shared
/// array each instead of one per client saves about 150 bytes and three
/// allocations a client. Lists are looked up by the items as read, so a
/// list already seen is neither sorted nor de-duplicated again. One interner
/// per decoding thread (`decodeRows`' worker state): equal lists decoded on
/// two threads are two arrays, which costs little and needs no lock.
struct ListInterner {
    private var countryLists: [[CountryCode]: [CountryCode]] = [:]
    /// The one-country lists, by the country's slot (26 x 26 two-letter codes).
    private var singleCountryLists = [[CountryCode]?](repeating: nil, count: 26 * 26)
    private var textLists: [[String]: [String]] = [:]
    /// The items of the current row as read, reused from row to row.
    var countryScratch: [CountryCode] = []
    var regionScratch: [String] = []
    var languageScratch: [String] = []
    /// Beyond this many distinct lists a file is unusual; new lists are then kept unshared.
    private static let capacity = 50_000

    /// The countries as read (HQ first) made distinct and sorted.
    mutating func countries() -> [CountryCode] {
        if countryScratch.count == 1 {
            // Only the HQ, the common case: found by its slot, without hashing a list.
            let slot = Int(countryScratch[0].slot)
            if let shared = singleCountryLists[slot] { return shared }
            singleCountryLists[slot] = countryScratch
            return countryScratch
        }
        if let shared = countryLists[countryScratch] { return shared }
        let list = Account.distinctCountries(countryScratch[0], countryScratch)
        if countryLists.count < Self.capacity { countryLists[countryScratch] = list }
        return list
    }

    /// The regions as read (HQ region first) made distinct and sorted.
    mutating func regions() -> [String] {
        intern(regionScratch, Account.distinctRegions)
    }

    mutating func languages() -> [String] {
        intern(languageScratch, Account.distinctLanguages)
    }

    private mutating func intern(_ items: [String], _ normalize: ([String]) -> [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        // Regions and languages share one table: a list's items say what it is.
        if let shared = textLists[items] { return shared }
        let list = normalize(items)
        if textLists.count < Self.capacity { textLists[items] = list }
        return list
    }
}
