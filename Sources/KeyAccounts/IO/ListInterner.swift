/// Makes the country, region and language lists of the accounts a reader
/// decodes distinct and sorted, and shares equal lists between clients.
///
/// Thousands of clients have the same lists (most only their HQ): one shared
/// array each instead of one per client saves about 150 bytes and three
/// allocations a client. Lists are looked up by the bytes of the cells they
/// come from, before anything is parsed: a list already seen is neither
/// parsed, checked, sorted nor de-duplicated again (equal bytes passed the
/// same checks before). One interner per decoding thread (`decodeRows`'
/// worker state): equal lists decoded on two threads are two arrays, which
/// costs little and needs no lock.
struct ListInterner {
    private var countryLists = CellKeyedLists<[CountryCode]>()
    /// The one-country lists, by the country's slot (26 x 26 two-letter codes).
    private var singleCountryLists = [[CountryCode]?](repeating: nil, count: 26 * 26)
    private var regionLists = CellKeyedLists<[String]>()
    /// The lists of rows with an HQ region and no `regions` cell (most rows):
    /// a few hundred, in a table small enough to stay in the core's cache.
    /// In `regionLists`, among every combination in the file, each lookup
    /// missed the cache twice.
    private var hqRegionLists = CellKeyedLists<[String]>()
    private var languageLists = CellKeyedLists<[String]>()
    /// The items of the current row as read, reused from row to row.
    private var countryScratch: [CountryCode] = []
    private var textScratch: [String] = []

    /// The HQ country and the `countries` cell, distinct and sorted.
    mutating func countries(_ row: RowDecoder, hq: CountryCode, hqColumn: Column,
                            column: Column) throws(RowRejection) -> [CountryCode] {
        let key = CellKey(row, prefix: hqColumn, cell: column)
        if key?.cellIsEmpty ?? false { return single(hq) }
        if let key, let shared = countryLists.find(key, in: row.record) { return shared }
        countryScratch.removeAll(keepingCapacity: true)
        countryScratch.append(hq)
        try row.appendCountries(column, to: &countryScratch)
        let list = countryScratch.count == 1 ? single(hq) : Account.distinctCountries(hq, countryScratch)
        if let key { countryLists.insert(list, for: key, in: row.record) }
        return list
    }

    /// The HQ region and the `regions` cell, distinct (case-insensitively) and sorted.
    mutating func regions(_ row: RowDecoder, hqRegion: String?, hqColumn: Column,
                          column: Column) throws(RowRejection) -> [String] {
        let key = CellKey(row, prefix: hqColumn, cell: column)
        if hqRegion == nil && key?.cellIsEmpty ?? false { return [] }
        // With only an HQ region, the key is that region: one shared list each.
        let hqOnly = key?.cellIsEmpty ?? false
        if let key, let shared = hqOnly ? hqRegionLists.find(key, in: row.record) : regionLists.find(key, in: row.record) {
            return shared
        }
        textScratch.removeAll(keepingCapacity: true)
        if let hqRegion { textScratch.append(hqRegion) }
        try row.appendList(column, to: &textScratch)
        let list = Account.distinctRegions(textScratch)
        if let key {
            if hqOnly { hqRegionLists.insert(list, for: key, in: row.record) } else { regionLists.insert(list, for: key, in: row.record) }
        }
        return list
    }

    /// The ISO 639-1 codes of the `languages` cell, distinct and sorted.
    mutating func languages(_ row: RowDecoder, column: Column) throws(RowRejection) -> [String] {
        let key = CellKey(row, prefix: nil, cell: column)
        if key?.cellIsEmpty ?? false { return [] }
        if let key, let shared = languageLists.find(key, in: row.record) { return shared }
        textScratch.removeAll(keepingCapacity: true)
        try row.appendLanguages(column, to: &textScratch)
        let list = Account.distinctLanguages(textScratch)
        if let key { languageLists.insert(list, for: key, in: row.record) }
        return list
    }

    /// Only the HQ, the common case: found by its slot, without hashing.
    private mutating func single(_ hq: CountryCode) -> [CountryCode] {
        let slot = Int(hq.slot)
        if let shared = singleCountryLists[slot] { return shared }
        singleCountryLists[slot] = [hq]
        return [hq]
    }
}

/// Where a list's key lies in a record: the trimmed cell it is prefixed
/// with (the HQ country or region) and the whole list cell as written.
/// `nil` when a cell holds escaped quotes (rare; decoded the ordinary way).
struct CellKey {
    let prefix: Range<Int>
    let cell: Range<Int>

    init?(_ row: RowDecoder, prefix prefixColumn: Column?, cell column: Column) {
        let record = row.record
        if let prefixIndex = prefixColumn?.index {
            guard !record.field(prefixIndex).escapedQuotes else { return nil }
            prefix = record.trimmedRange(prefixIndex)
        } else {
            prefix = 0..<0
        }
        if let index = column.index {
            let field = record.field(index)
            guard !field.escapedQuotes else { return nil }
            cell = field.start..<field.end
        } else {
            cell = 0..<0
        }
    }

    var cellIsEmpty: Bool { cell.isEmpty }

    /// FNV-1a over the prefix, a separator byte that UTF-8 never uses, and the cell.
    func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV1a()
        for position in prefix { hash.add(unsafe bytes[position]) }
        hash.add(0xFF)
        for position in cell { hash.add(unsafe bytes[position]) }
        return hash.value
    }
}

/// The 64-bit FNV-1a hash of bytes: cells are looked up by their bytes in
/// the readers' interning tables, and this is quick on short cells.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
}

/// Lists by the bytes of the cells they were read from; keys are kept in
/// one flat byte array (no array per key), found by open addressing.
struct CellKeyedLists<List> {
    private var slots = [Int32](repeating: -1, count: 256)
    private var hashes: [UInt64] = []
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var lists: [List] = []
    /// Beyond this many distinct lists a file is unusual; new lists are then kept unshared.
    private static var capacity: Int { 50_000 }

    func find(_ key: CellKey, in record: CSVRecord) -> List? {
        unsafe record.withBuffer { bytes in
            let hash = unsafe key.hash(bytes)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let entry = Int(slots[slot])
                if unsafe hashes[entry] == hash && matches(entry, key, bytes) { return lists[entry] }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    mutating func insert(_ list: List, for key: CellKey, in record: CSVRecord) {
        guard lists.count < Self.capacity else { return }
        if (lists.count + 1) * 2 > slots.count { grow() }
        unsafe record.withBuffer { bytes in
            let hash = unsafe key.hash(bytes)
            for position in key.prefix { unsafe keyBytes.append(bytes[position]) }
            keyBytes.append(0xFF)
            for position in key.cell { unsafe keyBytes.append(bytes[position]) }
            keyEnds.append(keyBytes.count)
            hashes.append(hash)
            lists.append(list)
            place(lists.count - 1)
        }
    }

    private func matches(_ entry: Int, _ key: CellKey, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entry == 0 ? 0 : keyEnds[entry - 1]
        guard keyEnds[entry] - start == key.prefix.count + 1 + key.cell.count else { return false }
        var stored = start
        for position in key.prefix {
            guard unsafe keyBytes[stored] == bytes[position] else { return false }
            stored += 1
        }
        guard keyBytes[stored] == 0xFF else { return false }
        stored += 1
        for position in key.cell {
            guard unsafe keyBytes[stored] == bytes[position] else { return false }
            stored += 1
        }
        return true
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for entry in lists.indices { place(entry) }
    }
}
