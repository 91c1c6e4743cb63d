/// Reads Kano surveys in both layouts (see `InputFiles.readSurvey`).
enum SurveyReader {
    static let longColumns = ["account_id", "respondent_id", "feature", "functional", "dysfunctional", "importance"]
    static let longRequired = ["account_id", "respondent_id", "feature", "functional", "dysfunctional"]

    static func read(reader: CSVReader, path: String, digest: FileDigest?, mapping: SurveyMapping?) throws -> Loaded<[SurveyAnswer]> {
        if let mapping {
            return try readWide(reader: reader, layout: mapping.layout(header: reader.header, file: reader.file),
                                path: path, digest: digest)
        }
        let names = Set(reader.header.map { $0.lowercased() })
        if !names.isSuperset(of: ["feature", "functional", "dysfunctional"]),
           let layout = try WideSurveyLayout.detect(header: reader.header, file: reader.file) {
            return try readWide(reader: reader, layout: layout, path: path, digest: digest)
        }
        return try readLong(reader: reader, path: path, digest: digest)
    }

    /// Where an answer came from, by interned account, respondent and
    /// feature, so repeated answers are found by one sort instead of a
    /// million string-keyed lookups.
    struct AnswerKey: Comparable {
        var account: Int32
        var respondent: Int32
        var feature: Int32
        /// Position among the answers read, i.e. file order.
        var position: Int32

        static func < (lhs: AnswerKey, rhs: AnswerKey) -> Bool {
            (lhs.account, lhs.respondent, lhs.feature, lhs.position) < (rhs.account, rhs.respondent, rhs.feature, rhs.position)
        }
    }

    /// Rejects every answer of a (respondent, feature) pair after the first
    /// in file order. `keys` is aligned with `loaded.value`; `column` names
    /// the column the reject points at.
    static func rejectRepeatedAnswers(_ loaded: inout Loaded<[SurveyAnswer]>, keys: [AnswerKey], file: String,
                                      column: (AnswerKey) -> String) {
        let sorted = keys.sorted()
        var drop = [Bool](repeating: false, count: loaded.value.count)
        var repeated = 0
        var head = 0
        for index in sorted.indices.dropFirst() {
            let first = sorted[head], key = sorted[index]
            guard first.account == key.account && first.respondent == key.respondent && first.feature == key.feature else {
                head = index
                continue
            }
            // Sorted by position within the pair: `first` is the earliest row.
            let answer = loaded.value[Int(key.position)]
            loaded.rejects.append(Reject(
                file: file, line: answer.line, accountID: answer.accountID, column: column(key), value: answer.feature,
                reason: "respondent \(answer.respondentID) of \(answer.accountID) answered feature '\(answer.feature)' "
                    + "twice; the row on line \(loaded.value[Int(first.position)].line) is used"))
            drop[Int(key.position)] = true
            repeated += 1
        }
        guard repeated > 0 else { return }
        // File order, as every reader lists its rejects (stable for a row's several rejects).
        loaded.rejects = loaded.rejects.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
        loaded.value = loaded.value.indices.filter { !drop[$0] }.map { loaded.value[$0] }
        loaded.report.rowsUsed -= repeated
        loaded.report.rowsRejected += repeated
    }

    // MARK: - Long format

    /// The answers of one long-format row, checked but not yet interned.
    struct CheckedAnswers: Sendable {
        var functional: Int
        var dysfunctional: Int
        var importance: Int?
    }

    static func readLong(reader: CSVReader, path: String, digest: FileDigest?) throws -> Loaded<[SurveyAnswer]> {
        let header = try HeaderMap(reader: reader, known: longColumns, required: longRequired)
        let c = header.column
        let account = c("account_id"), respondent = c("respondent_id"), feature = c("feature")
        let functional = c("functional"), dysfunctional = c("dysfunctional"), importance = c("importance")
        let expectedFields = header.names.count
        let file = reader.file
        var accounts = CellInterner(), respondents = CellInterner(), features = CellInterner()
        var answers: [SurveyAnswer] = []
        var rejects: [Reject] = []
        var keys: [AnswerKey] = []
        var read = 0
        try reader.forEachBatch { records in
            read += records.count
            // Numbers and answer texts are checked on every core; the text
            // cells are interned below, in file order, on one.
            let checked = parallelMap(records) { record -> Result<CheckedAnswers, RowRejection> in
                guard record.count == expectedFields else {
                    return .failure(RowRejection(column: "", value: "",
                                                 reason: "row has \(record.count) fields, the header has \(expectedFields)"))
                }
                let row = RowDecoder(record: record)
                do throws(RowRejection) {
                    for column in [account, respondent, feature] where CellInterner.isBlank(record, column.index!) {
                        throw row.reject(column, "\(column.name) is empty; it is required")
                    }
                    return .success(CheckedAnswers(
                        functional: try kanoAnswer(row, functional), dysfunctional: try kanoAnswer(row, dysfunctional),
                        importance: try row.integer(importance, in: 1...9, expected: "a whole number in 1...9")))
                } catch {
                    return .failure(error)
                }
            }
            for (record, outcome) in zip(records, checked) {
                let row = RowDecoder(record: record)
                do throws(RowRejection) {
                    let values = try outcome.get()
                    let accountIndex = try accounts.required(row, account)
                    let respondentIndex = try respondents.required(row, respondent)
                    let featureIndex = try features.required(row, feature)
                    keys.append(AnswerKey(account: Int32(accountIndex), respondent: Int32(respondentIndex),
                                          feature: Int32(featureIndex), position: Int32(answers.count)))
                    answers.append(SurveyAnswer(
                        accountID: accounts.strings[accountIndex], respondentID: respondents.strings[respondentIndex],
                        feature: features.strings[featureIndex], functional: values.functional,
                        dysfunctional: values.dysfunctional, importance: values.importance, line: record.line))
                } catch {
                    let id = record.count == expectedFields ? (((try? row.text(account)) ?? nil) ?? "") : ""
                    rejects.append(Reject(file: file, line: record.line, accountID: id, column: error.column,
                                          value: error.value, reason: error.reason))
                }
            }
        }
        let report = InputReport(role: "survey", path: path, sha256: digest?.wait() ?? "", rowsRead: read,
                                 rowsUsed: answers.count, rowsRejected: rejects.count)
        guard read == answers.count + rejects.count else {
            throw KeyAccountsError.rowCountMismatch(file: file, read: read, used: answers.count, rejected: rejects.count)
        }
        var loaded = Loaded(value: answers, rejects: rejects, report: report)
        rejectRepeatedAnswers(&loaded, keys: keys, file: file) { _ in "feature" }
        return loaded
    }

    /// One answer 1...5, as a number or as its text.
    static func kanoAnswer(_ row: RowDecoder, _ column: Column) throws(RowRejection) -> Int {
        guard let index = column.index, index < row.record.count else {
            throw row.reject(column, "\(column.name) is empty; expected \(KanoAnswerText.expected)")
        }
        let number: Double?
        do {
            number = try row.record.number(index)
        } catch {
            // Not a number: the answer text, as survey tools export it.
            let text = try row.text(column) ?? ""
            guard let value = KanoAnswerText.answer(text) else {
                throw row.reject(column, "'\(text)' is not a Kano answer; expected \(KanoAnswerText.expected)")
            }
            return value
        }
        guard let number else { throw row.reject(column, "\(column.name) is empty; expected \(KanoAnswerText.expected)") }
        guard number == number.rounded(), (1...5).contains(number) else {
            throw row.reject(column, "\(Format.compact(number)) is not a Kano answer; expected \(KanoAnswerText.expected)")
        }
        return Int(number)
    }

    // MARK: - Wide format

    static func readWide(reader: CSVReader, layout: WideSurveyLayout, path: String, digest: FileDigest?) throws -> Loaded<[SurveyAnswer]> {
        let names = reader.header
        let expectedFields = names.count
        func column(_ index: Int) -> Column { Column(name: names[index], index: index) }
        let account = column(layout.accountColumn)
        let respondent = layout.respondentColumn.map(column)
        let features = layout.features.map { feature in
            (name: feature.feature, functional: column(feature.functional), dysfunctional: column(feature.dysfunctional),
             importance: feature.importance.map(column) ?? Column(name: "importance", index: nil))
        }
        var answers: [SurveyAnswer] = []
        var rejects: [Reject] = []
        var read = 0
        var accounts = CellInterner(), respondents = CellInterner()
        var keys: [AnswerKey] = []
        try reader.forEachRecord { record in
            let row = RowDecoder(record: record)
            func blank(_ column: Column) -> Bool {
                guard let index = column.index, index < record.count else { return true }
                do { return try record.text(index) == nil } catch { return false }
            }
            let answered = features.indices.filter { index in
                let feature = features[index]
                return !blank(feature.functional) || !blank(feature.dysfunctional) || !blank(feature.importance)
            }
            guard !answered.isEmpty else { return }
            read += answered.count
            let accountIndex: Int? = record.count > account.index! ? ((try? accounts.intern(record, account.index!)) ?? nil) : nil
            func rejectAll(_ column: Column, _ reason: String) {
                let id = accountIndex.map { accounts.strings[$0] } ?? ""
                for _ in answered {
                    rejects.append(Reject(file: reader.file, line: record.line, accountID: id, column: column.name,
                                          value: "", reason: reason))
                }
            }
            guard record.count == expectedFields else {
                return rejectAll(Column(name: "", index: nil), "row has \(record.count) fields, the header has \(expectedFields)")
            }
            guard let accountIndex else {
                return rejectAll(account, "\(account.name) is empty; it is required")
            }
            let accountID = accounts.strings[accountIndex]
            // Without a respondent column (or cell) each row is its own respondent.
            let given = respondent.flatMap { column in (try? respondents.intern(record, column.index!)) ?? nil }
            let respondentIndex = given ?? respondents.intern("line \(record.line)")
            let respondentID = respondents.strings[respondentIndex]
            for featureIndex in answered {
                let feature = features[featureIndex]
                do throws(RowRejection) {
                    answers.append(SurveyAnswer(
                        accountID: accountID, respondentID: respondentID, feature: feature.name,
                        functional: try kanoAnswer(row, feature.functional),
                        dysfunctional: try kanoAnswer(row, feature.dysfunctional),
                        importance: try row.integer(feature.importance, in: 1...9, expected: "a whole number in 1...9"),
                        line: record.line))
                    keys.append(AnswerKey(account: Int32(accountIndex), respondent: Int32(respondentIndex),
                                          feature: Int32(featureIndex), position: Int32(keys.count)))
                } catch {
                    rejects.append(Reject(file: reader.file, line: record.line, accountID: accountID, column: error.column,
                                          value: error.value, reason: error.reason))
                }
            }
        }
        let report = InputReport(role: "survey", path: path, sha256: digest?.wait() ?? "", rowsRead: read,
                                 rowsUsed: answers.count, rowsRejected: rejects.count)
        guard read == answers.count + rejects.count else {
            throw KeyAccountsError.rowCountMismatch(file: reader.file, read: read, used: answers.count, rejected: rejects.count)
        }
        var loaded = Loaded(value: answers, rejects: rejects, report: report)
        rejectRepeatedAnswers(&loaded, keys: keys, file: reader.file) { key in features[Int(key.feature)].functional.name }
        return loaded
    }
}

/// Gives each distinct cell text a small integer and decodes it to a String
/// only the first time it is seen.
///
/// Survey files repeat the same few features and the same account and
/// respondent on consecutive rows; decoding and hashing those as Strings
/// was the largest cost of reading a million rows. Cells are compared as
/// bytes (after the same trimming as `CSVRecord.text`), the previous cell
/// first, then by an FNV-1a hash.
struct CellInterner {
    private(set) var strings: [String] = []
    private var stored: [[UInt8]] = []
    private var firstWithHash: [UInt64: Int] = [:]
    private var nextWithHash: [Int] = []
    private var last = -1

    /// The index of the cell's trimmed text, `nil` when the cell is empty.
    mutating func intern(_ record: CSVRecord, _ index: Int) throws(CellError) -> Int? {
        if record.field(index).escapedQuotes {
            // Rare: quotes inside the cell; decode it the ordinary way.
            guard let text = try record.text(index) else { return nil }
            return intern(text)
        }
        let range = record.trimmedRange(index)
        if range.isEmpty { return nil }
        return try unsafe record.withBytes(range) { (bytes) -> Result<Int, CellError> in
            if unsafe last >= 0 && Self.equal(stored[last], bytes) { return .success(last) }
            var fnv = FNV1a()
            for unsafe byte in unsafe bytes { fnv.add(byte) }
            let hash = fnv.value
            var candidate = firstWithHash[hash] ?? -1
            while candidate >= 0 {
                if unsafe Self.equal(stored[candidate], bytes) {
                    last = candidate
                    return .success(candidate)
                }
                candidate = nextWithHash[candidate]
            }
            guard let text = unsafe String(validating: bytes, as: UTF8.self) else { return .failure(.invalidUTF8) }
            return unsafe .success(add(text, bytes: Array(bytes), hash: hash))
        }.get()
    }

    /// The index of `text`, added when new.
    mutating func intern(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        var fnv = FNV1a()
        for byte in bytes { fnv.add(byte) }
        let hash = fnv.value
        var candidate = firstWithHash[hash] ?? -1
        while candidate >= 0 {
            if stored[candidate] == bytes { return candidate }
            candidate = nextWithHash[candidate]
        }
        return add(text, bytes: bytes, hash: hash)
    }

    /// Whether the cell is empty after trimming spaces (missing cells count as empty).
    static func isBlank(_ record: CSVRecord, _ index: Int) -> Bool {
        guard index < record.count else { return true }
        return record.trimmedRange(index).isEmpty
    }

    /// The index of a required cell; a rejection when it is empty or not UTF-8.
    mutating func required(_ row: RowDecoder, _ column: Column) throws(RowRejection) -> Int {
        guard let index = column.index else { throw row.reject(column, "\(column.name) is empty; it is required") }
        let found: Int?
        do { found = try intern(row.record, index) } catch { throw row.reject(column, "not valid UTF-8 text") }
        guard let found else { throw row.reject(column, "\(column.name) is empty; it is required") }
        return found
    }

    private mutating func add(_ text: String, bytes: [UInt8], hash: UInt64) -> Int {
        let index = strings.count
        strings.append(text)
        stored.append(bytes)
        nextWithHash.append(firstWithHash[hash] ?? -1)
        firstWithHash[hash] = index
        last = index
        return index
    }

    private static func equal(_ stored: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        unsafe stored.elementsEqual(bytes)
    }
}
