/// `kamp validate`: reads every given input with the same rules as the
/// other commands and reports what would be rejected.
public struct ValidationRun: Sendable {
    public var record: RunRecord
    public var rejects: [Reject]

    public static func run(accountsPath: String, managersPath: String?, surveyPath: String?, policy: Policy,
                           strict: Bool, out: OutputDirectory) throws -> ValidationRun {
        var record = RunRecord(command: "validate", policy: policy)
        let accounts = try InputFiles.readAccounts(path: accountsPath)
        var inputs: [any InputCheckable] = [accounts]
        if let managersPath { inputs.append(try InputFiles.readManagers(path: managersPath)) }
        if let surveyPath {
            inputs.append(TierRun.restrictSurvey(try InputFiles.readSurvey(path: surveyPath), to: accounts.value))
        }
        try InputCheck.enforce(inputs, strict: strict, out: out)
        let rejects = inputs.flatMap(\.rejects)
        record.inputs = inputs.map(\.report)
        record.rejectedRows = rejects.count
        record.outputs = ["rejects.\(out.format.fileExtension)", "run.json"]
        try out.write(rejectsTable(rejects))
        try out.write(text: record.json, to: "run.json")
        return ValidationRun(record: record, rejects: rejects)
    }

    public var terminalSummary: String {
        let rows = record.inputs.map { [$0.role, $0.path, String($0.rowsRead), String($0.rowsUsed), String($0.rowsRejected)] }
        var text = TextTable(header: ["file", "path", "rows read", "used", "rejected"], rows: rows).rendered
        if rejects.isEmpty {
            text += "every row is usable\n"
        } else {
            text += "\(rejects.count) rejected row\(rejects.count == 1 ? "" : "s"); first reasons:\n"
            for reject in rejects.prefix(5) {
                text += "  \(reject.file):\(reject.line): \(reject.column.isEmpty ? "" : reject.column + ": ")\(reject.reason)\n"
            }
            text += "all of them are in rejects.csv\n"
        }
        return text
    }
}
