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

    /// Remembers which (respondent, feature) pairs were answered, and on which line.
    struct Seen {
        private var respondents: [String: Int] = [:]
        private var features: [String: Int] = [:]
        private var lines: [Int: Int] = [:]
        private var last = (account: "", respondent: "", index: -1)

        /// The line of an earlier answer of the pair; records this one otherwise.
        mutating func firstLine(account: String, respondent: String, feature: String, line: Int) -> Int? {
            // Rows of one respondent usually follow each other: skip the lookup then.
            if last.index < 0 || last.account != account || last.respondent != respondent {
                let key = account + "\u{1F}" + respondent
                let index = respondents[key] ?? respondents.count
                respondents[key] = index
                last = (account, respondent, index)
            }
            let featureIndex = features[feature] ?? features.count
            features[feature] = featureIndex
            let pair = last.index << 24 | featureIndex
            if let first = lines[pair] { return first }
            lines[pair] = line
            return nil
        }
    }

    // MARK: - Long format

    static func readLong(reader: CSVReader, path: String, digest: FileDigest?) throws -> Loaded<[SurveyAnswer]> {
        let header = try HeaderMap(reader: reader, known: longColumns, required: longRequired)
        let c = header.column
        let account = c("account_id"), respondent = c("respondent_id"), feature = c("feature")
        let functional = c("functional"), dysfunctional = c("dysfunctional"), importance = c("importance")
        var seen = Seen()
        let (answers, rejects, report) = try decodeRows(
            reader: reader, header: header, role: "survey", path: path, digest: digest, idColumn: account
        ) { row throws(RowRejection) -> SurveyAnswer in
            let answer = SurveyAnswer(
                accountID: try row.required(account), respondentID: try row.required(respondent),
                feature: try row.required(feature),
                functional: try kanoAnswer(row, functional), dysfunctional: try kanoAnswer(row, dysfunctional),
                importance: try row.integer(importance, in: 1...9, expected: "a whole number in 1...9"),
                line: row.record.line)
            if let first = seen.firstLine(account: answer.accountID, respondent: answer.respondentID,
                                          feature: answer.feature, line: answer.line) {
                throw row.reject(feature, "respondent \(answer.respondentID) of \(answer.accountID) answered feature "
                                 + "'\(answer.feature)' twice; the row on line \(first) is used")
            }
            return answer
        }
        return Loaded(value: answers, rejects: rejects, report: report)
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
        var seen = Seen()
        try reader.forEachRecord { record in
            let row = RowDecoder(record: record)
            func blank(_ column: Column) -> Bool {
                guard let index = column.index, index < record.count else { return true }
                do { return try record.text(index) == nil } catch { return false }
            }
            func text(_ column: Column?) -> String? {
                guard let column, let index = column.index, index < record.count else { return nil }
                do { return try record.text(index) } catch { return nil }
            }
            let answered = features.filter { !blank($0.functional) || !blank($0.dysfunctional) || !blank($0.importance) }
            guard !answered.isEmpty else { return }
            read += answered.count
            let accountID = text(account)
            func rejectAll(_ column: Column, _ value: String, _ reason: String) {
                for _ in answered {
                    rejects.append(Reject(file: reader.file, line: record.line, accountID: accountID ?? "",
                                          column: column.name, value: value, reason: reason))
                }
            }
            guard record.count == expectedFields else {
                return rejectAll(Column(name: "", index: nil), "", "row has \(record.count) fields, the header has \(expectedFields)")
            }
            guard let accountID else {
                return rejectAll(account, "", "\(account.name) is empty; it is required")
            }
            // Without a respondent column (or cell) each row is its own respondent.
            let respondentID = text(respondent) ?? "line \(record.line)"
            for feature in answered {
                do throws(RowRejection) {
                    let answer = SurveyAnswer(
                        accountID: accountID, respondentID: respondentID, feature: feature.name,
                        functional: try kanoAnswer(row, feature.functional),
                        dysfunctional: try kanoAnswer(row, feature.dysfunctional),
                        importance: try row.integer(feature.importance, in: 1...9, expected: "a whole number in 1...9"),
                        line: record.line)
                    if let first = seen.firstLine(account: accountID, respondent: respondentID, feature: feature.name,
                                                  line: record.line) {
                        throw row.reject(respondent ?? account, "respondent \(respondentID) of \(accountID) answered feature "
                                         + "'\(feature.name)' twice; the row on line \(first) is used")
                    }
                    answers.append(answer)
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
        return Loaded(value: answers, rejects: rejects, report: report)
    }
}
