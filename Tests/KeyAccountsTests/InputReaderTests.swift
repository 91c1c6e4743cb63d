import Foundation
import Testing
@testable import KeyAccounts

@Suite struct CSVStructureTests {
    func accounts(_ text: String) throws -> Loaded<Portfolio> { try InputFiles.readAccounts(csv: text) }

    func accountsBytes(_ bytes: [UInt8]) throws -> Loaded<Portfolio> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try InputFiles.readAccounts(path: path, displayName: "accounts.csv")
    }

    @Test func emptyFileIsAStructureError() {
        #expect(throws: KeyAccountsError.malformedCSV(file: "accounts.csv", line: 1, column: 1,
                                                       problem: "the file is empty; expected a header row")) {
            try accounts("")
        }
    }

    @Test func headerOnlyReadsNoRows() throws {
        let loaded = try accounts("account_id,turnover,hq_country\n")
        #expect(loaded.report.rowsRead == 0)
        #expect(loaded.value.accounts.isEmpty)
    }

    @Test func missingRequiredColumns() {
        #expect(throws: KeyAccountsError.missingColumns(file: "accounts.csv", missing: ["turnover", "hq_country"],
                                                        found: ["account_id", "name"])) {
            try accounts("account_id,name\nA1,x\n")
        }
    }

    @Test func headersAreCaseInsensitiveAndTrimmed() throws {
        let loaded = try accounts(" Account_ID ,TURNOVER,Hq_Country\nA1,10,de\n")
        #expect(loaded.value.accounts.first?.hqCountry.rawValue == "DE")
    }

    /// Sector and HQ country cells are matched on their bytes when plain,
    /// through text otherwise: every spelling, case, quoting and padding
    /// gives what the text path gives, and the rest is rejected by name.
    @Test func sectorAndCountrySpellings() throws {
        let loaded = try accounts("""
            account_id,turnover,hq_country,sector
            A1,1,de,Manufacturing
            A2,1, FR ,NON-MANUFACTURING
            A3,1,"It","non_manufacturing"
            A4,1,"E""S",manufacturing
            A5,1,es, nonmanufacturing\u{20}
            A6,1,xx,manufacturing
            A7,1,DE,"manu""facturing"
            A8,1,DE,service
            A9,1,DE,
            A10,1,DEU,manufacturing

            """)
        let byID = Dictionary(uniqueKeysWithValues: loaded.value.accounts.map { ($0.id, $0) })
        #expect(byID["A1"]?.hqCountry.rawValue == "DE" && byID["A1"]?.solvency.sector == .manufacturing)
        #expect(byID["A2"]?.hqCountry.rawValue == "FR" && byID["A2"]?.solvency.sector == .nonManufacturing)
        #expect(byID["A3"]?.hqCountry.rawValue == "IT" && byID["A3"]?.solvency.sector == .nonManufacturing)
        #expect(byID["A5"]?.hqCountry.rawValue == "ES" && byID["A5"]?.solvency.sector == .nonManufacturing)
        #expect(byID["A9"]?.solvency.sector == nil)
        let reasons = Dictionary(uniqueKeysWithValues: loaded.rejects.map { ($0.accountID, "\($0.column): \($0.reason)") })
        #expect(reasons["A4"] == "hq_country: unknown country code 'E\"S'; expected ISO 3166-1 alpha-2 such as DE")
        #expect(reasons["A6"] == "hq_country: unknown country code 'xx'; expected ISO 3166-1 alpha-2 such as DE")
        #expect(reasons["A7"] == "sector: expected manufacturing or non_manufacturing")
        #expect(reasons["A8"] == "sector: expected manufacturing or non_manufacturing")
        #expect(reasons["A10"] == "hq_country: unknown country code 'DEU'; expected ISO 3166-1 alpha-2 such as DE")
        #expect(loaded.report.rowsUsed == 5 && loaded.report.rowsRejected == 5)
    }

    /// Booleans and credit grades, likewise matched on their bytes when
    /// plain: any case, padding, quotes; escaped quotes and unknown words
    /// take the text path, which rejects them by name.
    @Test func booleanAndGradeSpellings() throws {
        let loaded = try accounts("""
            account_id,turnover,hq_country,listed,credit_rating
            A1,1,DE,TRUE,aa+
            A2,1,DE, no , Bbb-\u{20}
            A3,1,DE,"Y","sd"
            A4,1,DE,1,D
            A5,1,DE,0,CCC+
            A6,1,DE,maybe,AA
            A7,1,DE,yes,AAA+
            A8,1,DE,"y\"\"",A
            A9,1,DE,,

            """)
        let byID = Dictionary(uniqueKeysWithValues: loaded.value.accounts.map { ($0.id, $0.solvency) })
        #expect(byID["A1"]?.listed == true && byID["A1"]?.creditRating == .aaPlus)
        #expect(byID["A2"]?.listed == false && byID["A2"]?.creditRating == .bbbMinus)
        #expect(byID["A3"]?.listed == true && byID["A3"]?.creditRating == .selectiveDefault)
        #expect(byID["A4"]?.listed == true && byID["A4"]?.creditRating == .d)
        #expect(byID["A5"]?.listed == false && byID["A5"]?.creditRating == .cccPlus)
        #expect(byID["A9"]?.listed == nil && byID["A9"]?.creditRating == nil)
        let reasons = Dictionary(uniqueKeysWithValues: loaded.rejects.map { ($0.accountID, "\($0.column): \($0.reason)") })
        #expect(reasons["A6"] == "listed: expected true or false")
        #expect(reasons["A7"] == "credit_rating: 'AAA+' is not an S&P-style grade; expected AAA, AA+, ... , C or D")
        #expect(reasons["A8"] == "listed: expected true or false")
        #expect(loaded.report.rowsUsed == 6 && loaded.report.rowsRejected == 3)
    }

    @Test func duplicateHeaderIsAnError() {
        #expect(throws: KeyAccountsError.duplicateColumn(file: "accounts.csv", column: "Turnover", positions: [2, 4])) {
            try accounts("account_id,turnover,hq_country,Turnover\nA1,1,DE,2\n")
        }
    }

    @Test func unbalancedQuoteNamesLineAndColumn() {
        #expect(throws: KeyAccountsError.malformedCSV(
            file: "accounts.csv", line: 3, column: 9,
            problem: "a quoted field opens here and is never closed; expected a closing \"")) {
            try accounts("account_id,turnover,hq_country,name\nA1,1,DE,x\nA2,2,DE,\"open\nA3,3,DE,y\n")
        }
    }

    @Test func characterAfterClosingQuote() {
        #expect(throws: KeyAccountsError.malformedCSV(
            file: "accounts.csv", line: 2, column: 13,
            problem: "unexpected character after a closing quote; expected a delimiter or the end of the line")) {
            try accounts("account_id,turnover,hq_country,name\nA1,1,DE,\"ab\"c\n")
        }
    }

    @Test func quotedFieldsWithEscapesAndLineBreaks() throws {
        let loaded = try accounts("account_id,turnover,hq_country,name\nA1,1,DE,\"Smith \"\"&\"\" Sons,\nLtd\"\nA2,2,DE,plain\n")
        #expect(loaded.value.accounts.map(\.name) == ["Smith \"&\" Sons,\nLtd", "plain"])
        #expect(loaded.value.accounts.map(\.line) == [2, 4])
    }

    @Test func bomAndCRLF() throws {
        let text = "\u{FEFF}account_id,turnover,hq_country\r\nA1,10,DE\r\nA2,20,FR\r\n"
        let loaded = try accountsBytes(Array(text.utf8))
        #expect(loaded.value.accounts.map(\.id) == ["A1", "A2"])
        #expect(loaded.value.accounts.map(\.hqCountry.rawValue) == ["DE", "FR"])
    }

    @Test func semicolonDelimiterAcceptsDecimalCommaAndPipeLists() throws {
        let loaded = try accounts("account_id;turnover;hq_country;countries\nA1;1234,5;DE;FR|PL\nA2;7.25;DE;\n")
        #expect(loaded.value.accounts.map(\.turnover) == [1234.5, 7.25])
        #expect(loaded.value.accounts[0].countries.map(\.rawValue) == ["DE", "FR", "PL"])
    }

    @Test func tabDelimiter() throws {
        let loaded = try accounts("account_id\tturnover\thq_country\nA1\t10\tDE\n")
        #expect(loaded.value.accounts.count == 1)
    }

    @Test func commaDecimalIsRejectedInACommaFile() throws {
        let loaded = try accounts("account_id,turnover,hq_country\nA1,\"1,5\",DE\n")
        #expect(loaded.rejects.first?.column == "turnover")
    }

    @Test(arguments: ["NaN", "nan", "inf", "-Infinity", "1e999", "12abc", "1.2.3", "0x10", "--1", "1 000"])
    func nonFiniteOrMalformedNumbersAreRejected(value: String) throws {
        let loaded = try accounts("account_id,turnover,hq_country\nA1,\(value),DE\nA2,5,DE\n")
        #expect(loaded.value.accounts.map(\.id) == ["A2"])
        let reject = try #require(loaded.rejects.first)
        #expect(reject.line == 2 && reject.column == "turnover" && reject.accountID == "A1")
        #expect(loaded.report.rowsRead == loaded.report.rowsUsed + loaded.report.rowsRejected)
    }

    @Test(arguments: [("42", 42.0), (" 42 ", 42), ("+3.5", 3.5), ("1e3", 1000), ("0.1", 0.1), ("123456789012345678901234", 1.2345678901234568e23),
                      ("0.30000000000000004", 0.30000000000000004), (".5", 0.5), ("5.", 5)])
    func numbersParseExactly(text: String, expected: Double) throws {
        let loaded = try accounts("account_id,turnover,hq_country\nA1,\(text),DE\n")
        #expect(loaded.value.accounts.first?.turnover == expected)
    }

    /// What the parser must do, spelled the slow way: the grammar as a
    /// pattern, the value from the standard library.
    static func referenceNumber(_ text: String, decimalComma: Bool) -> Double? {
        let point = decimalComma ? "[.,]" : "[.]"
        guard text.wholeMatch(of: try! Regex("[+-]?([0-9]+\(point)?[0-9]*|\(point)[0-9]+)([eE][+-]?[0-9]+)?")) != nil,
              let value = Double(decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text),
              value.isFinite else { return nil }
        return value
    }

    @Test func numbersParseLikeTheStandardLibrary() {
        var random = TestRandom(seed: 7)
        let alphabet = Array("0123456789012345678901234567890123456789.,+-eE x")
        for round in 0..<60_000 {
            let text: String
            if round % 2 == 0 {
                text = String((0..<random.int(1...26)).map { _ in alphabet[random.int(0...(alphabet.count - 1))] })
            } else {
                // Well-formed, with 1 to 25 digits and exponents near the fast path's limits.
                let digits = (0..<random.int(1...25)).map { _ in String(random.int(0...9)) }.joined()
                let pointAt = random.int(0...digits.count)
                let mantissa = String(digits.prefix(pointAt)) + (random.chance(0.7) ? "." : "") + digits.dropFirst(pointAt)
                let exponent = random.chance(0.3) ? "e\(random.int(-30...30))" : ""
                text = (random.chance(0.3) ? "-" : "") + mantissa + exponent
            }
            for decimalComma in [false, true] {
                let bytes = Array(text.utf8)
                let parsed = NumberParser.parse(bytes, 0, bytes.count, decimalComma: decimalComma)
                let expected = Self.referenceNumber(text, decimalComma: decimalComma)
                #expect(parsed?.bitPattern == expected?.bitPattern, "\(text) decimalComma: \(decimalComma)")
            }
        }
    }

    @Test func rowRulesGoToRejects() throws {
        let text = """
        account_id,turnover,hq_country,countries,languages,latitude,longitude,credit_rating,listed
        A1,10,DE,,,,,,
        A2,-1,DE,,,,,,
        A3,10,XX,,,,,,
        A1,10,DE,,,,,,
        A4,10,DE,FR;QQ,,,,,
        A5,10,DE,,deutsch,,,,
        A6,10,DE,,,91,10,,
        A7,10,DE,,,45,,,
        A8,10,DE,,,,,ZZZ,
        A9,10,DE,,,,,,maybe
        ,10,DE,,,,,,
        A10,,DE,,,,,,
        A11,10,DE
        """
        let loaded = try accounts(text)
        #expect(loaded.value.accounts.map(\.id) == ["A1"])
        #expect(loaded.rejects.map(\.column) == ["turnover", "hq_country", "account_id", "countries", "languages", "latitude",
                                                 "longitude", "credit_rating", "listed", "account_id", "turnover", ""])
        #expect(loaded.rejects.map(\.line) == Array(3...14))
        #expect(loaded.rejects[2].reason == "account_id repeated; the row on line 2 is used")
        #expect(loaded.rejects[11].reason == "row has 3 fields, the header has 9")
        #expect(loaded.report.rowsRead == 13 && loaded.report.rowsUsed == 1 && loaded.report.rowsRejected == 12)
    }

    @Test func binaryGarbageIsRejectedNotCrashing() throws {
        var bytes = Array("account_id,turnover,hq_country,name\nA1,1,DE,ok\nA2,2,DE,".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0xC3, 0x28]
        bytes += Array("\nA3,3,DE,fine\n".utf8)
        let loaded = try accountsBytes(bytes)
        #expect(loaded.value.accounts.map(\.id) == ["A1", "A3"])
        #expect(loaded.rejects.first?.reason == "not valid UTF-8 text")
        var rng = SystemRandomNumberGenerator()
        let noise = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        // Whatever the noise, the reader either throws a KeyAccountsError or reads rows; it never traps.
        do {
            _ = try accountsBytes(noise)
        } catch is KeyAccountsError {
        }
    }

    @Test func twoMegabyteFieldIsRead() throws {
        let long = String(repeating: "x", count: 2 << 20)
        let loaded = try accountsBytes(Array("account_id,turnover,hq_country,name\nA1,1,DE,\"\(long)\"\nA2,2,DE,y\n".utf8))
        #expect(loaded.value.accounts.first?.name?.count == 2 << 20)
        #expect(loaded.value.accounts.count == 2)
    }

    @Test func unknownColumnsAreCarriedThrough() throws {
        let loaded = try accounts("account_id,Segment,turnover,hq_country,Owner Notes\nA1,Gold,1,DE,\" keep  spaces \"\n")
        #expect(loaded.value.extraColumns == ["Segment", "Owner Notes"])
        #expect(loaded.value.accounts.first?.extraValues == ["Gold", " keep  spaces "])
    }

    @Test func listsAreDeduplicatedAndIncludeHeadquarters() throws {
        let loaded = try accounts("account_id,turnover,hq_country,countries,hq_region,regions,languages\nA1,1,de,\"fr; FR ;de\",Bavaria,bavaria;Hesse,DE;en-GB;de\n")
        let account = try #require(loaded.value.accounts.first)
        #expect(account.countries.map(\.rawValue) == ["DE", "FR"])
        #expect(account.regions == ["Bavaria", "Hesse"])
        #expect(account.languages == ["de", "en"])
    }

    @Test func listsAreSharedOnlyBetweenEqualCells() throws {
        // Lists are looked up by the bytes of their cells, the HQ included:
        // equal list cells under another HQ, spelling or quoting must not
        // borrow each other's list.
        let loaded = try accounts("""
        account_id,turnover,hq_country,hq_region,countries,regions,languages
        A1,1,DE,DE-BY,FR;PL,DE-BW,de;en
        A2,1,FR,FR-IDF,FR;PL,DE-BW,en;de
        A3,1,de,DE-BE,fr ; pl,"DE-BW",EN
        A4,1,DE,DE-BY,FR;PL,DE-BW,de;en
        A5,1,DE,,,,
        A6,1,DE,DE-BY,"FR;""PL",,
        """)
        let byID = Dictionary(uniqueKeysWithValues: loaded.value.accounts.map { ($0.id, $0) })
        #expect(byID["A1"]?.countries.map(\.rawValue) == ["DE", "FR", "PL"])
        #expect(byID["A2"]?.countries.map(\.rawValue) == ["FR", "PL"])
        #expect(byID["A3"]?.countries.map(\.rawValue) == ["DE", "FR", "PL"])
        #expect(byID["A1"]?.regions == ["DE-BW", "DE-BY"] && byID["A4"]?.regions == ["DE-BW", "DE-BY"])
        #expect(byID["A2"]?.regions == ["DE-BW", "FR-IDF"])
        #expect(byID["A3"]?.regions == ["DE-BE", "DE-BW"])
        #expect(byID["A1"]?.languages == ["de", "en"] && byID["A2"]?.languages == ["de", "en"])
        #expect(byID["A5"]?.countries.map(\.rawValue) == ["DE"] && byID["A5"]?.regions == [] && byID["A5"]?.languages == [])
        #expect(loaded.rejects.map(\.line) == [7], "a quote inside a country list is not a country code")
    }

    @Test func hqRegionsWithoutARegionsColumn() throws {
        let loaded = try accounts("account_id,turnover,hq_country,hq_region\nA1,1,DE,DE-BY\nA2,1,DE,DE-BW\nA3,1,DE,\nA4,1,DE,DE-BY")
        #expect(loaded.value.accounts.map(\.regions) == [["DE-BY"], ["DE-BW"], [], ["DE-BY"]])
    }

    @Test func blankLinesAreSkipped() throws {
        let loaded = try accounts("account_id,turnover,hq_country\n\nA1,1,DE\n\n\nA2,2,DE")
        #expect(loaded.value.accounts.map(\.line) == [3, 6])
        #expect(loaded.report.rowsRead == 2)
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        // Rows long enough that records straddle the reader's 4 MiB chunks.
        var text = "account_id,turnover,hq_country,name\n"
        let filler = String(repeating: "n", count: 997)
        for index in 0..<5_000 { text += "A\(index),\(index),DE,\"\(filler)\"\n" }
        let loaded = try accountsBytes(Array(text.utf8))
        #expect(loaded.value.accounts.count == 5_000)
        #expect(loaded.value.accounts.last?.turnover == 4_999)
        #expect(loaded.value.accounts.last?.line == 5_001)
    }
}

/// The chunked reader finds field ends 64 bytes at a time and falls back to
/// the byte loop at quotes, lone carriage returns and the end of the
/// buffered bytes; the serial reader always goes byte by byte. Random files
/// built from every token that matters must split the same both ways.
@Suite struct RecordSplitTests {
    /// A random CSV: plain, empty, long, non-ASCII, quoted (with `""` and
    /// line breaks) and stray-quote cells; LF, CRLF and lone CR line ends;
    /// blank lines; ragged rows. With `malformed`, one bad quote near the end.
    static func randomCSV(seed: UInt64, records: Int, malformed: Bool = false) -> [UInt8] {
        var random = TestRandom(seed: seed)
        var text = "a,b,c\n"
        for record in 0..<records {
            if random.chance(0.03) { text += random.chance(0.5) ? "\n" : "\r\n" }
            let cells = (0..<random.int(1...7)).map { _ -> String in
                switch random.int(0...9) {
                case 0: return ""
                case 1: return String(repeating: "x", count: random.int(40...150))
                case 2: return "Sàrl é"
                case 3: return "\"q \"\"x\"\" \n y\""
                case 4: return "ab\"c"
                case 5: return " \t "
                default: return String(repeating: "w", count: random.int(1...9))
                }
            }
            text += cells.joined(separator: ",")
            if malformed && record == records - 3 { text += ",\"ab\"c" }
            let end = random.int(0...9)
            text += end == 0 ? "\r" : end == 1 ? "\r\n" : "\n"
        }
        return Array(text.utf8)
    }

    typealias Split = [(line: Int, cells: [String?])]

    static func serial(_ reader: CSVReader) throws -> Split {
        var records: Split = []
        try reader.forEachRecord { record in records.append((record.line, (0..<record.count).map(record.raw))) }
        return records
    }

    static func chunked(_ reader: CSVReader) throws -> Split {
        var records: Split = []
        try reader.forEachBatch { batch in
            for record in batch { records.append((record.line, (0..<record.count).map(record.raw))) }
        }
        return records
    }

    static func expectSameSplit(_ serial: () throws -> Split, _ chunked: () throws -> Split) {
        let expected = Result { try serial() }, actual = Result { try chunked() }
        switch (expected, actual) {
        case let (.success(expected), .success(actual)):
            #expect(actual.count == expected.count)
            #expect(actual.map(\.line) == expected.map(\.line))
            #expect(actual.map(\.cells) == expected.map(\.cells))
        case let (.failure(expected), .failure(actual)):
            #expect("\(actual)" == "\(expected)")
        default:
            Issue.record("serial: \(expected), chunked: \(actual)")
        }
    }

    @Test(arguments: 0..<24)
    func scanningSplitsLikeTheByteLoop(seed: UInt64) throws {
        let bytes = Self.randomCSV(seed: seed, records: 2_000, malformed: seed % 6 == 5)
        Self.expectSameSplit({ try Self.serial(try CSVReader(file: "t.csv", bytes: bytes)) },
                             { try Self.chunked(try CSVReader(file: "t.csv", bytes: bytes)) })
    }

    @Test(arguments: ["\r\n", "\r", "\n", "\r\n\r\n", "\"\"\r\n"])
    func lineEndsWhereTheScanStops(lineEnd: String) {
        // The scan looks at whole 64-byte windows only: a line end in the
        // last bytes of the buffer, or split between a CR in the last
        // window and the LF after it, is for the byte loop.
        for first in 0..<140 {
            for last in ["", "q", "q\r", "q\r\n", "q\n"] {
                let text = "a,b\n" + String(repeating: "x", count: first) + lineEnd + "y,z" + lineEnd + last
                let bytes = Array(text.utf8)
                Self.expectSameSplit({ try Self.serial(try CSVReader(file: "t.csv", bytes: bytes)) },
                                     { try Self.chunked(try CSVReader(file: "t.csv", bytes: bytes)) })
            }
        }
    }

    /// Each chunk is read behind 64 KiB of room for the unread end of the
    /// one before; a record longer than that room is carried over another
    /// way. Records of every length around it, across many chunks, must
    /// read as from memory, and the digest must stay that of the file.
    @Test func recordsLongerThanTheRoomBeforeAChunk() throws {
        var random = TestRandom(seed: 4)
        var text = "a,b\n"
        while text.utf8.count < 14 << 20 {
            let length = random.chance(0.2) ? random.int(60_000...200_000) : random.int(0...300)
            text += "r\(random.int(0...9)),\"" + String(repeating: "y", count: length) + "\"\n"
        }
        let bytes = Array(text.utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSameSplit({ try Self.serial(try CSVReader(file: "t.csv", bytes: bytes)) },
                             { try Self.chunked(try CSVReader(path: path)) })
        let reader = try CSVReader(path: path)
        try reader.forEachBatch { _ in }
        #expect(reader.digest?.wait() == FileDigest.sha256(bytes: bytes))
    }

    @Test func lineFeedsAreCountedLikeAByteLoop() {
        var random = TestRandom(seed: 12)
        for length in Array(0...70) + [4_099, 65_536] {
            let bytes = (0..<length).map { _ in random.chance(0.3) ? Byte.newline : UInt8(random.int(0...255)) }
            let counted = unsafe bytes.withUnsafeBufferPointer { unsafe FieldEnds.lineFeedCount($0) }
            #expect(counted == bytes.filter { $0 == Byte.newline }.count, "length \(length)")
        }
    }

    @Test func scanningAcrossReadChunksSplitsLikeTheByteLoop() throws {
        // Over 4 MiB, so records straddle the reader's chunks and `needMore`
        // cuts the scan short inside a record.
        let bytes = Self.randomCSV(seed: 99, records: 120_000)
        #expect(bytes.count > 5 << 20)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: path) }
        Self.expectSameSplit({ try Self.serial(try CSVReader(path: path)) },
                             { try Self.chunked(try CSVReader(path: path)) })
    }
}

@Suite struct ManagersAndSurveyReaderTests {
    @Test func managers() throws {
        let loaded = try InputFiles.readManagers(csv: """
        manager_id,capacity_hours,base_country,languages,tiers,max_accounts
        M1,1600,DE,de;en,global;national,
        M2,0,DE,,,
        M3,1000,DE,,,
        M1,5,DE,,,
        M4,100,FR,,diamond,
        M5,100,FR,,,2.5
        """)
        #expect(loaded.value.map(\.id) == ["M1", "M3"])
        #expect(loaded.value[0].tiers == [.global, .national])
        #expect(loaded.value[1].tiers == [.key, .standard])
        #expect(loaded.rejects.map(\.column) == ["capacity_hours", "manager_id", "tiers", "max_accounts"])
    }

    @Test func survey() throws {
        let loaded = try InputFiles.readSurvey(csv: """
        account_id,respondent_id,feature,functional,dysfunctional,importance
        A1,R1,delivery,1,5,9
        A1,R1,delivery,2,5,
        A1,R2,delivery,0,5,
        A1,R2,support,2,6,
        A1,R3,support,2,4,10
        A1,R4,support,2,4,
        """)
        #expect(loaded.value.count == 2)
        #expect(loaded.rejects.map(\.column) == ["feature", "functional", "dysfunctional", "importance"])
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(message: String, digest: String) throws {
        #expect(FileDigest.sha256(bytes: Array(message.utf8)) == digest)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-sha-\(UUID().uuidString)").path
        try Data(message.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileDigest.sha256(path: path) == digest)
    }

    @Test func aFileLargerThanOneReadChunkHashesLikeItsBytes() throws {
        let bytes = (0..<(5 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-sha-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileDigest.sha256(path: path) == FileDigest.sha256(bytes: bytes))
    }

    /// The digests in run.json come from the chunks the reader reads (the
    /// file is read once): they must be the SHA-256 of the file's bytes,
    /// BOM included, for a file of one chunk and of several (so both the
    /// reads on the calling thread and those read ahead are fed), and when
    /// the reading stops early the digest still covers the whole file.
    @Test(arguments: [300, 250_000])
    func readersDigestTheFileTheyRead(rows: Int) throws {
        var text = "\u{FEFF}account_id,turnover,hq_country,name\n"
        for index in 0..<rows { text += "A\(index),\(index * 7),DE,\"Client \(index), \(index % 13) GmbH\"\n" }
        let bytes = Array(text.utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-sha-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(rows < 1_000 || bytes.count > 2 * (1 << 22), "more than two 4 MiB chunks")
        let loaded = try InputFiles.readAccounts(path: path)
        #expect(loaded.report.rowsUsed == rows)
        #expect(loaded.report.sha256 == FileDigest.sha256(bytes: bytes))
        let reader = try CSVReader(path: path)
        #expect(reader.digest?.wait() == FileDigest.sha256(bytes: bytes), "header read only")
    }
}

@Suite struct OutputTests {
    @Test func formulaLikeCellsAreNeutralisedButNumbersAreNot() {
        let table = TableSpec(name: "t", columns: ["a", "b", "c"], rowCount: 3) { row, writer in
            switch row {
            case 0: writer.text("=1+1"); writer.number(-0.736); writer.text("@SUM")
            case 1: writer.text("+x,y"); writer.text("-minus"); writer.text("\tTab")
            default: writer.text("plain \"q\""); writer.number(nil); writer.integer(3)
            }
        }
        #expect(table.rendered(as: .csv) == "a,b,c\n'=1+1,-0.736,'@SUM\n\"'+x,y\",'-minus,'\tTab\n\"plain \"\"q\"\"\",,3\n")
        #expect(table.rendered(as: .json) == "[\n{\"a\":\"=1+1\",\"b\":-0.736,\"c\":\"@SUM\"},\n{\"a\":\"+x,y\",\"b\":\"-minus\",\"c\":\"\\tTab\"},\n{\"a\":\"plain \\\"q\\\"\",\"b\":null,\"c\":3}\n]\n")
    }

    @Test(arguments: [(3.14159, 2, "3.14"), (2.5, 0, "3"), (-2.5, 0, "-3"), (0.0001, 3, "0.000"), (1234.5, 1, "1234.5"), (-0.004, 2, "0.00")])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(Format.fixed(value, decimals) == expected)
    }

    @Test(arguments: [(3.10, "3.1"), (100.0, "100"), (0.1234567, "0.123457"), (-7.0, "-7"), (1e-9, "0")])
    func trimmed(value: Double, expected: String) {
        #expect(Format.trimmed(value) == expected)
    }

    @Test func roundingIsHalfAwayFromZeroLikeTheStandardLibrary() {
        // The formatter rounds with integer arithmetic; it must agree with
        // `rounded(.toNearestOrAwayFromZero)` everywhere, ties and the edge
        // of its integer range included.
        var random = TestRandom(seed: 7)
        var values: [Double] = [0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 2.675, 8_999_999_999_999_999.0 / 1e6,
                                4_503_599_627_370_495.5, 8.9999999999999995e15]
        for _ in 0..<20_000 {
            let digits = Double(random.int(0...1_000_000_000)) / 1_000.0
            values.append(digits * (random.int(0...1) == 0 ? 1 : -1) * pow(10, Double(random.int(-6...9))))
        }
        for value in values {
            for decimals in [0, 1, 2, 3, 6, 8] {
                let scaled = (abs(value) * pow(10, Double(decimals))).rounded(.toNearestOrAwayFromZero)
                guard scaled < 9.0e15 else { continue }
                var units = String(UInt64(scaled))
                if decimals > 0 {
                    units = String(repeating: "0", count: max(0, decimals + 1 - units.count)) + units
                    units.insert(".", at: units.index(units.endIndex, offsetBy: -decimals))
                }
                let expected = (value < 0 && scaled > 0 ? "-" : "") + units
                #expect(Format.fixed(value, decimals) == expected, "\(value) to \(decimals) decimals")
                var trimmed = expected
                if trimmed.contains(".") {
                    while trimmed.hasSuffix("0") { trimmed.removeLast() }
                    if trimmed.hasSuffix(".") { trimmed.removeLast() }
                }
                #expect(Format.trimmed(value, decimals) == trimmed, "\(value) to at most \(decimals) decimals")
            }
        }
    }
}

@Suite struct PolicyTests {
    @Test func defaultsAreTheSpec() {
        let policy = Policy()
        #expect(policy.seed == 42 && policy.homeCountry == nil)
        #expect(policy.abc == ABCCutoffs(a: 0.80, b: 0.95))
        #expect(policy.key.classes == [.a] && policy.key.minScore == nil && policy.key.maxAccounts == nil)
        #expect(policy.key.excludeSolvency == [.distress])
        #expect(policy.scope.globalMinCountries == 2 && policy.scope.nationalMinRegions == 2)
        #expect(policy.kano.tieMargin == 0.06 && policy.kano.fongZ == 1.65)
        #expect(policy.workloadHours == WorkloadHours())
        #expect(policy.assignment.tiers == [.global, .national, .key])
        #expect(policy.assignment.maxMovedTurnoverShare == 0.10)
        #expect(policy.assignment.cost.move == 1000 && policy.assignment.timeLimitSeconds == 60)
    }

    @Test func overlayChangesOnlyTheGivenKeys() throws {
        let policy = try Policy().overlaid(withYAML: """
        home_country: de
        abc: {a: 0.7}
        key:
          classes: [A, B]
          min_score: 0.6
          max_accounts: 30
          exclude_solvency: [distress, unknown]
        score:
          weights: {needs: 0.3}
        assignment:
          cost: {move: 5000}
        """, file: "p.yaml")
        #expect(policy.homeCountry?.rawValue == "DE")
        #expect(policy.abc == ABCCutoffs(a: 0.7, b: 0.95))
        #expect(policy.key.classes == [.a, .b] && policy.key.minScore == 0.6 && policy.key.maxAccounts == 30)
        #expect(policy.key.excludeSolvency == [.distress, .unknown])
        #expect(policy.score.weights.needs == 0.3 && policy.score.weights.turnover == 0.35)
        #expect(policy.assignment.cost.move == 5000 && policy.assignment.cost.perKm == 1)
    }

    @Test(arguments: [
        ("abc:\n  a: 1.5\n", "p.yaml:2:6: invalid policy: abc.a must be in (0, 1], got 1.5"),
        ("abc: {a: 0}\n", "p.yaml:1:10: invalid policy: abc.a must be in (0, 1], got 0"),
        ("abc: {a: 0.9, b: 0.8}\n", "p.yaml: invalid policy: abc.b must be in [abc.a, 1] = [0.9, 1], got 0.8"),
        ("abcd: 1\n", "p.yaml:1:1: invalid policy: unknown key 'abcd'; expected one of seed, home_country, abc, key, scope, score, kano, workload_hours, assignment, cluster"),
        ("key: {classes: [A, D]}\n", "p.yaml:1:20: invalid policy: key.classes items must be A, B or C, got 'D'"),
        ("home_country: XX\n", "p.yaml:1:15: invalid policy: home_country must be an ISO 3166-1 alpha-2 code such as DE, got 'XX'"),
        ("seed: -1\n", "p.yaml:1:7: invalid policy: seed must be a whole number >= 0, got -1"),
        ("score: {weights: {turnover: 0, growth: 0, solvency: 0, scope: 0, needs: 0, potential: 0}}\n", "p.yaml: invalid policy: score.weights must not all be 0"),
        ("key: [1, 2\n", "p.yaml:2:1: invalid policy: not valid YAML: did not find expected ',' or ']'"),
    ])
    func invalidPolicies(yaml: String, message: String) {
        do {
            _ = try Policy().overlaid(withYAML: yaml, file: "p.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func emptyPolicyFileIsTheDefaults() throws {
        #expect(try Policy().overlaid(withYAML: "", file: "p.yaml") == Policy())
        #expect(try Policy().overlaid(withYAML: "# only a comment\n", file: "p.yaml") == Policy())
    }
}

@Suite struct ParallelWorkTests {
    @Test func largeTablesRenderLikeASerialRun() {
        let rows = 50_000
        let table = TableSpec(name: "t", columns: ["i", "double"], rowCount: rows) { row, writer in
            writer.integer(row)
            writer.number(Double(row) / 4)
        }
        var expected = "i,double\n"
        for row in 0..<rows { expected += "\(row),\(Format.trimmed(Double(row) / 4))\n" }
        #expect(table.rendered(as: .csv) == expected)
    }

    /// One worker stalls after taking a block while the others run ahead:
    /// its block must still be written once, in its place. (With a "free"
    /// signal per buffer, a block a ring's length later took the stalled
    /// block's buffer and was written in its place and again in its own:
    /// found as a repeated 4,096-row block in a 1M-row clusters.csv.)
    @Test(arguments: [2, 3, 8])
    func aStalledWorkerKeepsItsBlockInPlace(workers: Int) {
        let rows = 4_096 * 60
        let table = TableSpec(name: "t", columns: ["i"], rowCount: rows) { row, writer in writer.integer(row) }
        var bytes: [UInt8] = []
        table.render(as: .csv, workers: workers, taken: { block in
            if block == 3 { Thread.sleep(forTimeInterval: 0.3) }
        }) { bytes.append(contentsOf: $0) }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == rows + 1)
        #expect(lines.dropFirst().enumerated().allSatisfy { Int($1) == $0 }, "every row once, in order")
    }

    @Test func aSinkThatFailsStopsTheWorkers() {
        struct DiskFull: Error {}
        let table = TableSpec(name: "t", columns: ["i"], rowCount: 200_000) { row, writer in writer.integer(row) }
        var calls = 0
        #expect(throws: DiskFull.self) {
            try table.render(as: .csv) { _ in
                calls += 1
                if calls == 5 { throw DiskFull() }
            }
        }
        #expect(calls == 5, "no block is written after the failure")
    }

    @Test func largeFilesDecodeInFileOrderWithFirstIDWinning() throws {
        var text = "account_id,turnover,hq_country\n"
        for index in 0..<30_000 { text += "A\(index % 25_000),\(index),\(index % 7 == 0 ? "XX" : "DE")\n" }
        let loaded = try InputFiles.readAccounts(csv: text)
        let report = loaded.report
        #expect(report.rowsRead == 30_000 && report.rowsRead == report.rowsUsed + report.rowsRejected)
        #expect(loaded.value.accounts.map(\.line) == loaded.value.accounts.map(\.line).sorted())
        #expect(loaded.rejects.map(\.line) == loaded.rejects.map(\.line).sorted())
        // Row 25,001 repeats A1 of row 2: A1 on line 3 is valid (1 % 7 != 0), so the later row is rejected.
        #expect(loaded.rejects.contains { $0.line == 25_003 && $0.reason == "account_id repeated; the row on line 3 is used" })
        // A0 on line 2 has XX and is rejected, so its repeat on line 25,002 (25,000 % 7 != 0) is used.
        #expect(loaded.value.accounts.contains { $0.id == "A0" && $0.line == 25_002 })
    }

    @Test func rowsBeyondTheSizeEstimateAreKeptInOrder() throws {
        // The result is sized from the line breaks of the first read chunk:
        // long rows first, then many short ones, so most rows exceed the
        // estimate and take the overflow path. Rejects and a repeated id on both sides.
        var text = "account_id,name,turnover,hq_country\n"
        let longName = String(repeating: "x", count: 300_000)
        for index in 0..<20 { text += "L\(index),\(longName),\(index),\(index == 3 ? "XX" : "DE")\n" }
        for index in 0..<50_000 { text += "S\(index),n,\(index),\(index % 11 == 0 ? "XX" : "DE")\n" }
        text += "L5,again,1,DE\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try InputFiles.readAccounts(path: path, displayName: "accounts.csv")
        let accounts = loaded.value.accounts
        #expect(loaded.report.rowsRead == 50_021)
        #expect(loaded.report.rowsRead == loaded.report.rowsUsed + loaded.report.rowsRejected)
        let expectedIDs = (0..<20).filter { $0 != 3 }.map { "L\($0)" } + (0..<50_000).filter { $0 % 11 != 0 }.map { "S\($0)" }
        #expect(accounts.map(\.id) == expectedIDs)
        #expect(accounts.map(\.line) == accounts.map(\.line).sorted())
        #expect(loaded.rejects.count == 1 + 4_546 + 1)
        #expect(loaded.rejects.last?.reason == "account_id repeated; the row on line 7 is used")
    }

    @Test func aShortLastChunkAfterAnOverflowKeepsItsPlace() throws {
        // Chunks of 4 MiB: the first (long rows) fits the estimate, the
        // second (short rows) does not, the short third would fit what is
        // left; it must still come last.
        let longRows = 10_500, shortRows = 40_000
        var text = "account_id,name,turnover,hq_country\n"
        let longName = String(repeating: "l", count: 380), shortName = String(repeating: "s", count: 127)
        for index in 0..<longRows { text += "A\(100_000 + index),\(longName),1,DE\n" }
        for index in 0..<shortRows { text += "A\(200_000 + index),\(shortName),1,DE\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let estimate = try CSVReader(path: path).estimatedRemainingRecords()
        let firstChunk = 10_800, secondChunk = 29_500, thirdChunk = longRows + shortRows - firstChunk - secondChunk
        #expect(estimate > firstChunk + thirdChunk + 500 && estimate < firstChunk + secondChunk - 500,
                "the data no longer makes the case: estimate \(estimate)")
        let accounts = try InputFiles.readAccounts(path: path).value.accounts
        #expect(accounts.count == longRows + shortRows)
        #expect(accounts.map(\.line) == Array(2..<(2 + longRows + shortRows)))
    }

    @Test func lineBreaksInQuotedCellsAcrossTheCoresParts() throws {
        // Nearly every line break is inside a quoted `name` whose lines look
        // like records themselves, so where a core starts its part is almost
        // surely inside quotes: that part must be split again from where the
        // previous one really ended, or false rows would appear.
        var text = "account_id,name,turnover,hq_country\n"
        var expectedLines: [Int] = []
        var line = 2
        let fakeRows = (0..<30).map { "\nF\($0),9,DE" }.joined()
        for index in 0..<3_000 {
            expectedLines.append(line)
            text += "A\(100_000 + index),\"n\(fakeRows)\",\(index),DE\n"
            line += 31
        }
        // The half-way line break (where the second of two cores starts) is inside quotes.
        text += "A999999,\"tail\",0,DE\n"
        #expect(text.utf8.count > 100_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-\(UUID().uuidString).csv").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for loaded in [try InputFiles.readAccounts(csv: text), try InputFiles.readAccounts(path: path)] {
            #expect(loaded.report.rowsRead == 3_001 && loaded.rejects.isEmpty)
            #expect(loaded.value.accounts.map(\.line) == expectedLines + [line])
            #expect(loaded.value.accounts.map(\.turnover) == (0..<3_000).map(Double.init) + [0])
            #expect(loaded.value.accounts[13].name == "n" + fakeRows)
        }
    }

    @Test func aStructureErrorLateInALargeFileNamesItsLine() {
        // Far past the first core's part: the line counts of both parts add up.
        var text = "account_id,turnover,hq_country,name\n"
        for index in 0..<9_000 { text += "A\(index),\(index),DE,\"n\nm\"\n" }
        text += "B1,1,DE,\"ab\"c\n"
        for index in 0..<100 { text += "C\(index),\(index),DE,x\n" }
        #expect(throws: KeyAccountsError.malformedCSV(
            file: "accounts.csv", line: 2 + 9_000 * 2, column: 13,
            problem: "unexpected character after a closing quote; expected a delimiter or the end of the line")) {
            try InputFiles.readAccounts(csv: text)
        }
    }
}
