import Foundation

/// The directory a command writes into (`--out`).
///
/// Every file is written under a temporary name in the same directory and
/// renamed when complete, so a crash or a full disk never leaves a
/// half-written table that a script downstream would take for a result.
public struct OutputDirectory: Sendable {
    public let path: String
    public let format: TableFormat

    /// Creates the directory (and its parents) when missing.
    /// - Throws: `cannotWrite` when it cannot be created or is not a directory.
    public init(path: String, format: TableFormat = .csv) throws(KeyAccountsError) {
        self.path = path
        self.format = format
        var isDirectory: ObjCBool = false
        if unsafe FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .cannotWrite(path: path, reason: "exists and is not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: path, reason: "cannot create the directory (\(Self.describe(error)))")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw .cannotWrite(path: path, reason: "the directory is not writable")
        }
    }

    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes a table as `<name>.csv` or `<name>.json`; returns the file name.
    @discardableResult
    public func write(_ table: TableSpec) throws(KeyAccountsError) -> String {
        let name = "\(table.name).\(format.fileExtension)"
        try writeAtomically(name) { handle in
            try table.render(as: format) { chunk in try handle.write(contentsOf: chunk) }
        }
        return name
    }

    /// Writes text (run.json, summary.md, report.html); returns the file name.
    @discardableResult
    public func write(text: String, to name: String) throws(KeyAccountsError) -> String {
        try writeAtomically(name) { handle in try handle.write(contentsOf: Array(text.utf8)) }
        return name
    }

    private func writeAtomically(_ name: String, _ body: (FileHandle) throws -> Void) throws(KeyAccountsError) {
        let final = file(name)
        let temporary = file(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw .cannotWrite(path: final, reason: "cannot create a file in \(path)")
        }
        do {
            try body(handle)
            try handle.close()
            if FileManager.default.fileExists(atPath: final) { try FileManager.default.removeItem(atPath: final) }
            try FileManager.default.moveItem(atPath: temporary, toPath: final)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw .cannotWrite(path: final, reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
