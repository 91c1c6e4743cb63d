import Foundation

/// The two layouts of a Kano survey file.
public enum SurveyFormat: String, Hashable, Codable, Sendable {
    /// SPEC.md: one row per respondent and feature (account_id, respondent_id,
    /// feature, functional, dysfunctional[, importance]).
    case long
    /// What survey tools export: one row per respondent, a functional and a
    /// dysfunctional column per feature (and optionally an importance column).
    case wide
}

/// What a column of a wide survey holds.
public enum WideSurveyRole: String, Hashable, Codable, Sendable, CaseIterable {
    case accountID = "account_id"
    case respondentID = "respondent_id"
    case functional
    case dysfunctional
    case importance
}

/// Where one feature's answers are in a wide survey.
public struct WideSurveyFeature: Hashable, Codable, Sendable {
    public var feature: String
    /// Column positions (0-based) in the header.
    public var functional: Int
    public var dysfunctional: Int
    public var importance: Int?
}

/// The columns of a wide survey: the account, optionally the respondent, and
/// the question columns of each feature.
///
/// Header convention (matched case-insensitively): a question column names
/// the feature and the question, the question word first or last, separated
/// by spaces, `_`, `-`, `:`, `.`, `|` or `/`, or in brackets:
///
///     on-time delivery (functional)      functional: on-time delivery
///     on-time delivery_dysfunctional     Dysfunctional [on-time delivery]   (Google Forms grid)
///     on-time delivery - importance
///
/// Question words: `functional` (or `func`, `if present`),
/// `dysfunctional` (or `dysfunc`, `disfunctional`, `if absent`),
/// `importance`. The account column is `account_id` (or `account`,
/// `client_id`, `customer_id`); the respondent column `respondent_id` (or
/// `respondent`, `response_id`, `responseid`); without one each row is its own
/// respondent. Every other column (timestamps, e-mail, ...) is ignored.
///
/// Where a tool's headers do not follow this (Qualtrics `Q12_1`), a mapping
/// file says what each column is (`SurveyMapping`).
public struct WideSurveyLayout: Hashable, Codable, Sendable {
    public var accountColumn: Int
    public var respondentColumn: Int?
    /// In the order of their functional column in the header.
    public var features: [WideSurveyFeature]

    static let accountNames = ["account_id", "account", "client_id", "customer_id"]
    static let respondentNames = ["respondent_id", "respondent", "response_id", "responseid", "respondentid"]
    private static let questionWords: [(String, WideSurveyRole)] = [
        // Longest first: "dysfunctional" ends with "functional".
        ("disfunctional", .dysfunctional), ("dysfunctional", .dysfunctional), ("functional", .functional),
        ("importance", .importance), ("if present", .functional), ("if absent", .dysfunctional),
        ("dysfunc", .dysfunctional), ("func", .functional),
    ]
    private static let separators: Set<Character> = [" ", "\t", "_", "-", ":", ".", "|", "/"]

    /// The layout the header convention gives, `nil` when no column names a question.
    /// - Throws: `missingColumns` when the account column or a feature's other
    ///   question column is absent, `duplicateColumn` when a question appears twice.
    static func detect(header: [String], file: String) throws(KeyAccountsError) -> WideSurveyLayout? {
        var roles: [(index: Int, role: WideSurveyRole, feature: String)] = []
        var account: Int?, respondent: Int?
        for (index, name) in header.enumerated() {
            let key = identifierKey(name)
            if account == nil, accountNames.contains(key) { account = index; continue }
            if respondent == nil, respondentNames.contains(key) { respondent = index; continue }
            if let (feature, role) = question(in: name) { roles.append((index, role, feature)) }
        }
        guard roles.contains(where: { $0.role == .functional || $0.role == .dysfunctional }) else { return nil }
        guard let account else { throw .missingColumns(file: file, missing: ["account_id"], found: header) }
        return try assemble(roles, account: account, respondent: respondent, header: header, file: file)
    }

    /// Pairs question columns into features.
    static func assemble(_ roles: [(index: Int, role: WideSurveyRole, feature: String)], account: Int, respondent: Int?,
                         header: [String], file: String) throws(KeyAccountsError) -> WideSurveyLayout {
        var order: [String] = []
        var names: [String: String] = [:]
        var columns: [String: [WideSurveyRole: Int]] = [:]
        for (index, role, feature) in roles {
            // Features pair up case-insensitively; the first column's spelling names it.
            let key = feature.lowercased()
            if names[key] == nil {
                names[key] = feature
                order.append(key)
            }
            if let first = columns[key]?[role] {
                throw .duplicateColumn(file: file, column: "\(names[key]!) (\(role.rawValue))", positions: [first + 1, index + 1])
            }
            columns[key, default: [:]][role] = index
        }
        var features: [WideSurveyFeature] = []
        var missing: [String] = []
        for key in order {
            let found = columns[key]!
            guard let functional = found[.functional], let dysfunctional = found[.dysfunctional] else {
                for role in [WideSurveyRole.functional, .dysfunctional] where found[role] == nil {
                    missing.append("\(names[key]!) (\(role.rawValue))")
                }
                continue
            }
            features.append(WideSurveyFeature(feature: names[key]!, functional: functional, dysfunctional: dysfunctional,
                                              importance: found[.importance]))
        }
        guard missing.isEmpty else { throw .missingColumns(file: file, missing: missing, found: header) }
        features.sort { $0.functional < $1.functional }
        return WideSurveyLayout(accountColumn: account, respondentColumn: respondent, features: features)
    }

    /// "Respondent ID" -> "respondent_id": lower case, runs of other characters as one `_`.
    static func identifierKey(_ name: String) -> String {
        var key = ""
        var pendingSeparator = false
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSeparator && !key.isEmpty { key.append("_") }
                pendingSeparator = false
                key.append(character)
            } else {
                pendingSeparator = true
            }
        }
        return key
    }

    /// The feature and question a header names by the convention, if any.
    static func question(in header: String) -> (feature: String, role: WideSurveyRole)? {
        let name = header.trimmingSpaces
        // Bracketed: "feature (functional)", "functional [feature]".
        if let close = name.last, close == ")" || close == "]" {
            let open: Character = close == ")" ? "(" : "["
            if let openIndex = name.lastIndex(of: open) {
                let inner = String(name[name.index(after: openIndex)..<name.index(before: name.endIndex)])
                let outer = String(name[..<openIndex])
                if let role = role(of: inner), let feature = featureName(outer) { return (feature, role) }
                if let role = role(of: outer), let feature = featureName(inner) { return (feature, role) }
            }
        }
        let lower = name.lowercased()
        for (word, role) in questionWords {
            // Word last: "on-time delivery_functional".
            if lower.hasSuffix(word) {
                let rest = name.dropLast(word.count)
                if let last = rest.last, separators.contains(last), let feature = featureName(String(rest)) {
                    return (feature, role)
                }
            }
            // Word first: "functional: on-time delivery", "[functional] on-time delivery".
            if lower.hasPrefix(word) {
                let rest = name.dropFirst(word.count)
                if let first = rest.first, separators.contains(first), let feature = featureName(String(rest)) {
                    return (feature, role)
                }
            }
        }
        // "[functional] feature" / "(functional) feature".
        if let open = name.first, open == "(" || open == "[" {
            let close: Character = open == "(" ? ")" : "]"
            if let closeIndex = name.firstIndex(of: close) {
                let inner = String(name[name.index(after: name.startIndex)..<closeIndex])
                if let role = role(of: inner), let feature = featureName(String(name[name.index(after: closeIndex)...])) {
                    return (feature, role)
                }
            }
        }
        return nil
    }

    private static func role(of word: String) -> WideSurveyRole? {
        let key = word.trimmingSpaces.lowercased()
        return questionWords.first { $0.0 == key }?.1
    }

    /// The feature part with separators trimmed from both ends; `nil` when nothing is left.
    private static func featureName(_ text: String) -> String? {
        var characters = Substring(text)
        while let first = characters.first, separators.contains(first) || first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, separators.contains(last) || last.isWhitespace { characters.removeLast() }
        return characters.isEmpty ? nil : String(characters)
    }
}

/// A small CSV file that says what each column of a wide survey holds, for
/// exports whose headers do not follow the convention (`--survey-map`).
///
///     column,role,feature
///     ResponseId,respondent_id,
///     Q1,account_id,
///     Q5_1,functional,on-time delivery
///     Q5_2,dysfunctional,on-time delivery
///     Q5_3,importance,on-time delivery
///
/// `role` is account_id, respondent_id, functional, dysfunctional or
/// importance; `feature` names the need for the three question roles.
/// Column names are matched case-insensitively after trimming; survey
/// columns the mapping does not name are ignored.
public struct SurveyMapping: Hashable, Codable, Sendable {
    public struct Entry: Hashable, Codable, Sendable {
        public var column: String
        public var role: WideSurveyRole
        public var feature: String?
        /// Line of the mapping file.
        public var line: Int

        public init(column: String, role: WideSurveyRole, feature: String? = nil, line: Int = 0) {
            self.column = column
            self.role = role
            self.feature = feature
            self.line = line
        }
    }

    public var file: String
    public var entries: [Entry]

    public init(file: String = "mapping", entries: [Entry]) {
        self.file = file
        self.entries = entries
    }

    /// Reads a mapping file.
    /// - Throws: `cannotOpen`; `missingColumns` without column and role;
    ///   `malformedCSV` (with line and column) for an unknown role or a
    ///   question role without a feature.
    public static func read(path: String) throws(KeyAccountsError) -> SurveyMapping {
        try read(reader: CSVReader(path: path))
    }

    public static func read(csv: String, file: String = "survey-map.csv") throws(KeyAccountsError) -> SurveyMapping {
        try read(reader: CSVReader(file: file, bytes: Array(csv.utf8)))
    }

    private static func read(reader: CSVReader) throws(KeyAccountsError) -> SurveyMapping {
        let header = try HeaderMap(reader: reader, known: ["column", "role", "feature"], required: ["column", "role"])
        let column = header.column("column"), role = header.column("role"), feature = header.column("feature")
        var entries: [Entry] = []
        do {
            try reader.forEachRecord { record in
                func cell(_ column: Column) throws(KeyAccountsError) -> String? {
                    guard let index = column.index, index < record.count else { return nil }
                    do { return try record.text(index) } catch {
                        throw .malformedCSV(file: reader.file, line: record.line, column: index + 1, problem: "not valid UTF-8 text")
                    }
                }
                guard let name = try cell(column) else {
                    throw KeyAccountsError.malformedCSV(file: reader.file, line: record.line, column: column.index! + 1,
                                                        problem: "column is empty; expected a column name of the survey")
                }
                let roleText = try cell(role) ?? ""
                guard let parsed = WideSurveyRole(rawValue: WideSurveyLayout.identifierKey(roleText)) else {
                    throw KeyAccountsError.malformedCSV(
                        file: reader.file, line: record.line, column: role.index! + 1,
                        problem: "unknown role '\(roleText)'; expected \(WideSurveyRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let featureName = try cell(feature)
                if featureName == nil && parsed != .accountID && parsed != .respondentID {
                    throw KeyAccountsError.malformedCSV(file: reader.file, line: record.line, column: (feature.index ?? 2) + 1,
                                                        problem: "a \(parsed.rawValue) column needs the feature it asks about")
                }
                entries.append(Entry(column: name, role: parsed, feature: featureName, line: record.line))
            }
        } catch let error as KeyAccountsError {
            throw error
        } catch {
            throw .malformedCSV(file: reader.file, line: 0, column: 0, problem: "\(error)")
        }
        return SurveyMapping(file: reader.file, entries: entries)
    }

    /// The layout this mapping gives a survey with `header`.
    /// - Throws: `infeasible` when a mapped column is not in the header;
    ///   `missingColumns` / `duplicateColumn` as for the header convention.
    func layout(header: [String], file: String) throws(KeyAccountsError) -> WideSurveyLayout {
        var positions: [String: Int] = [:]
        for (index, name) in header.enumerated() where positions[name.lowercased()] == nil { positions[name.lowercased()] = index }
        var account: Int?, respondent: Int?
        var roles: [(index: Int, role: WideSurveyRole, feature: String)] = []
        for entry in entries {
            guard let index = positions[entry.column.trimmingSpaces.lowercased()] else {
                throw .infeasible(problem: "\(self.file):\(entry.line): column '\(entry.column)' is not in the header of \(file)")
            }
            switch entry.role {
            case .accountID: account = index
            case .respondentID: respondent = index
            default: roles.append((index, entry.role, entry.feature ?? ""))
            }
        }
        guard let account else { throw .missingColumns(file: self.file, missing: ["a row with role account_id"], found: header) }
        guard !roles.isEmpty else { throw .missingColumns(file: self.file, missing: ["functional and dysfunctional rows"], found: header) }
        return try WideSurveyLayout.assemble(roles, account: account, respondent: respondent, header: header, file: file)
    }
}
