/// The clients of a company, as read from its accounts file.
public struct Portfolio: Hashable, Sendable {
    /// In file order.
    public var accounts: [Account]
    /// Header names of the columns kamp does not know, carried through to tiers.csv.
    public var extraColumns: [String]

    public init(accounts: [Account], extraColumns: [String] = []) {
        self.accounts = accounts
        self.extraColumns = extraColumns
    }
}

/// Readers for the three input files of SPEC.md section 2.
public enum InputFiles {
    static let accountColumns = [
        "account_id", "turnover", "hq_country", "name", "industry", "turnover_prev", "potential", "hq_region",
        "countries", "regions", "latitude", "longitude", "languages", "solvency_score", "credit_rating", "paydex",
        "dso_days", "listed", "sector", "working_capital", "retained_earnings", "ebit", "equity_market",
        "equity_book", "total_liabilities", "total_assets", "sales", "current_manager", "workload_hours",
    ]

    /// Reads an accounts file.
    ///
    /// A row that cannot be used goes to the rejects with its line, column,
    /// value and reason; so does a repeated account_id (the first row wins).
    /// - Parameter displayName: how messages and rejects.csv name the file (default: `path`).
    /// - Throws: `cannotOpen`, `malformedCSV`, `missingColumns`, `duplicateColumn`.
    /// The spellings of `sector` and the grades of `credit_rating`, matched
    /// on the cells' bytes; anything else is read as text (same outcome).
    static let sectors = Keywords<Sector>([("manufacturing", .manufacturing), ("non_manufacturing", .nonManufacturing),
                                           ("non-manufacturing", .nonManufacturing), ("nonmanufacturing", .nonManufacturing)])
    static let ratings = Keywords(CreditRating.allCases.map { ($0.rawValue, $0) })

    public static func readAccounts(path: String, displayName: String? = nil) throws -> Loaded<Portfolio> {
        let reader = try CSVReader(path: path, displayName: displayName)
        return try readAccounts(reader: reader, path: path, digest: reader.digest)
    }

    /// Reads accounts from CSV text in memory (tests, notebooks).
    public static func readAccounts(csv: String, file: String = "accounts.csv") throws -> Loaded<Portfolio> {
        try readAccounts(reader: CSVReader(file: file, bytes: Array(csv.utf8)), path: file, digest: nil)
    }

    private static func readAccounts(reader: CSVReader, path: String, digest: FileDigest?) throws -> Loaded<Portfolio> {
        let header = try HeaderMap(reader: reader, known: accountColumns, required: ["account_id", "turnover", "hq_country"])
        let c = header.column
        let id = c("account_id"), turnover = c("turnover"), hqCountry = c("hq_country"), name = c("name")
        let industry = c("industry"), previous = c("turnover_prev"), potential = c("potential")
        let hqRegion = c("hq_region"), countries = c("countries"), regions = c("regions")
        let latitude = c("latitude"), longitude = c("longitude"), languages = c("languages")
        let solvencyScore = c("solvency_score"), rating = c("credit_rating"), paydex = c("paydex"), dso = c("dso_days")
        let listed = c("listed"), sector = c("sector"), workingCapital = c("working_capital")
        let retained = c("retained_earnings"), ebit = c("ebit"), equityMarket = c("equity_market")
        let equityBook = c("equity_book"), liabilities = c("total_liabilities"), assets = c("total_assets")
        let sales = c("sales"), currentManager = c("current_manager"), workload = c("workload_hours")
        let extras = header.unknownPositions
        let nonNegative = 0...Double.greatestFiniteMagnitude
        let anyNumber = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude

        let unique = UniqueKey<Account>(column: "account_id", shown: \.id) { _, first in
            "account_id repeated; the row on line \(first) is used"
        }
        let (accounts, rejects, report) = try decodeRows(
            reader: reader, header: header, role: "accounts", path: path, digest: digest, idColumn: id,
            unique: unique, line: \.line, id: \.id, state: ListInterner.init
        ) { (row, lists: inout ListInterner) throws(RowRejection) -> Account in
            let accountID = try row.required(id)
            guard let turnoverValue = try row.number(turnover, in: nonNegative, expected: "a turnover >= 0") else {
                throw row.reject(turnover, "turnover is empty; it is required")
            }
            guard let hq = try row.country(hqCountry) else { throw row.reject(hqCountry, "hq_country is empty; it is required") }
            var solvency = SolvencyInputs()
            solvency.score = try row.number(solvencyScore, in: 0...100, expected: "a score in 0...100")
            if let parsed = row.keyword(rating, in: Self.ratings) {
                solvency.creditRating = parsed
            } else if let grade = try row.text(rating) {
                guard let parsed = CreditRating(grade: grade) else {
                    throw row.reject(rating, "'\(grade)' is not an S&P-style grade; expected AAA, AA+, ... , C or D")
                }
                solvency.creditRating = parsed
            }
            solvency.paydex = try row.number(paydex, in: 0...100, expected: "a PAYDEX score in 0...100")
            solvency.dsoDays = try row.number(dso, in: nonNegative, expected: "days >= 0")
            solvency.listed = try row.boolean(listed)
            if let parsed = row.keyword(sector, in: Self.sectors) {
                solvency.sector = parsed
            } else if let text = try row.text(sector) {
                switch text.lowercased() {
                case "manufacturing": solvency.sector = .manufacturing
                case "non_manufacturing", "non-manufacturing", "nonmanufacturing": solvency.sector = .nonManufacturing
                default: throw row.reject(sector, "expected manufacturing or non_manufacturing")
                }
            }
            let sheet = BalanceSheet(
                workingCapital: try row.number(workingCapital, in: anyNumber),
                retainedEarnings: try row.number(retained, in: anyNumber),
                ebit: try row.number(ebit, in: anyNumber),
                equityMarket: try row.number(equityMarket, in: anyNumber),
                equityBook: try row.number(equityBook, in: anyNumber),
                totalLiabilities: try row.number(liabilities, in: nonNegative, expected: "total liabilities >= 0"),
                totalAssets: try row.number(assets, in: nonNegative, expected: "total assets >= 0"),
                sales: try row.number(sales, in: nonNegative, expected: "sales >= 0"))
            solvency.balanceSheet = sheet.isEmpty ? nil : sheet
            // Cells are checked in the order of the columns in SPEC.md, so a
            // row with several bad cells always names the same one.
            let nameText = try row.text(name), industryText = try row.text(industry)
            let previousTurnover = try row.number(previous, in: nonNegative, expected: "a turnover >= 0")
            let potentialValue = try row.number(potential, in: nonNegative, expected: "a potential >= 0")
            let hqRegionText = try row.text(hqRegion)
            let countryList = try lists.countries(row, hq: hq, hqColumn: hqCountry, column: countries)
            let regionList = try lists.regions(row, hqRegion: hqRegionText, hqColumn: hqRegion, column: regions)
            let position = try row.coordinate(latitude, longitude)
            let languageList = try lists.languages(row, column: languages)
            return Account(
                normalizedID: accountID, name: nameText, industry: industryText, turnover: turnoverValue,
                turnoverPrevious: previousTurnover, potential: potentialValue, hqCountry: hq, hqRegion: hqRegionText,
                countries: countryList, regions: regionList, coordinate: position, languages: languageList,
                solvency: solvency, currentManager: try row.text(currentManager),
                workloadHours: try row.number(workload, in: nonNegative, expected: "hours >= 0"),
                extraValues: extras.isEmpty ? [] : extras.map { row.record.raw($0) ?? "" }, line: row.record.line)
        }
        let portfolio = Portfolio(accounts: accounts, extraColumns: extras.map { header.names[$0] })
        return Loaded(value: portfolio, rejects: rejects, report: report)
    }

    /// Reads a managers file; a repeated manager_id is rejected (the first row wins).
    public static func readManagers(path: String, displayName: String? = nil) throws -> Loaded<[Manager]> {
        let reader = try CSVReader(path: path, displayName: displayName)
        return try readManagers(reader: reader, path: path, digest: reader.digest)
    }

    public static func readManagers(csv: String, file: String = "managers.csv") throws -> Loaded<[Manager]> {
        try readManagers(reader: CSVReader(file: file, bytes: Array(csv.utf8)), path: file, digest: nil)
    }

    private static func readManagers(reader: CSVReader, path: String, digest: FileDigest?) throws -> Loaded<[Manager]> {
        let known = ["manager_id", "capacity_hours", "base_country", "name", "base_region", "latitude", "longitude",
                     "languages", "tiers", "industries", "max_accounts"]
        let header = try HeaderMap(reader: reader, known: known, required: ["manager_id", "capacity_hours", "base_country"])
        let c = header.column
        let id = c("manager_id"), capacity = c("capacity_hours"), country = c("base_country"), name = c("name")
        let region = c("base_region"), latitude = c("latitude"), longitude = c("longitude"), languages = c("languages")
        let tiers = c("tiers"), industries = c("industries"), maxAccounts = c("max_accounts")
        let unique = UniqueKey<Manager>(column: "manager_id", shown: \.id) { _, first in
            "manager_id repeated; the row on line \(first) is used"
        }
        let (managers, rejects, report) = try decodeRows(
            reader: reader, header: header, role: "managers", path: path, digest: digest, idColumn: id,
            unique: unique, line: \.line, id: \.id
        ) { row throws(RowRejection) -> Manager in
            let managerID = try row.required(id)
            guard let hours = try row.number(capacity, in: 0...Double.greatestFiniteMagnitude, expected: "hours > 0") else {
                throw row.reject(capacity, "capacity_hours is empty; it is required")
            }
            guard hours > 0 else { throw row.reject(capacity, "capacity_hours must be > 0") }
            guard let base = try row.country(country) else { throw row.reject(country, "base_country is empty; it is required") }
            var servedTiers: [Tier] = []
            for item in try row.list(tiers) {
                guard let tier = Tier(rawValue: item.lowercased()) else {
                    throw row.reject(tiers, "unknown tier '\(item)'; expected global, national, key or standard")
                }
                servedTiers.append(tier)
            }
            let manager = Manager(
                id: managerID, name: try row.text(name), capacityHours: hours, baseCountry: base,
                baseRegion: try row.text(region), coordinate: try row.coordinate(latitude, longitude),
                languages: try row.languages(languages),
                tiers: servedTiers.isEmpty ? Manager.defaultTiers : servedTiers,
                industries: try row.list(industries),
                maxAccounts: try row.integer(maxAccounts, in: 0...Int(Int32.max), expected: "a whole number >= 0"),
                line: row.record.line)
            return manager
        }
        return Loaded(value: managers, rejects: rejects, report: report)
    }

    /// Reads a Kano survey, in long format (SPEC.md: one row per respondent
    /// and feature) or in the wide format survey tools export (one row per
    /// respondent; see `WideSurveyLayout` for the header convention). The
    /// format is detected from the header: long when it has feature,
    /// functional and dysfunctional columns; a `mapping` always means wide.
    ///
    /// Answers are 1...5 or their texts (`KanoAnswerText`). A respondent is
    /// account_id and respondent_id together; a repeated (respondent,
    /// feature) pair is rejected (the first row wins). In wide format every
    /// answered feature of a respondent counts as one row read, so the
    /// figures compare with the long format; a feature left blank on both
    /// questions is a skipped question, not a row.
    /// - Throws: `cannotOpen`, `malformedCSV`, `missingColumns`, `duplicateColumn`,
    ///   `infeasible` (a mapped column absent from the header).
    public static func readSurvey(path: String, displayName: String? = nil,
                                  mapping: SurveyMapping? = nil) throws -> Loaded<[SurveyAnswer]> {
        let reader = try CSVReader(path: path, displayName: displayName)
        return try SurveyReader.read(reader: reader, path: path, digest: reader.digest, mapping: mapping)
    }

    public static func readSurvey(csv: String, file: String = "survey.csv",
                                  mapping: SurveyMapping? = nil) throws -> Loaded<[SurveyAnswer]> {
        try SurveyReader.read(reader: CSVReader(file: file, bytes: Array(csv.utf8)), path: file, digest: nil, mapping: mapping)
    }
}
