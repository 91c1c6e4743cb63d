import Foundation
import Testing

/// What a person sees in the terminal: colour only at a terminal and never
/// with NO_COLOR, nothing at all with --quiet.
@Suite struct TerminalOutputTests {
    let accounts = """
    account_id,name,turnover,hq_country,countries
    A1,Alpha,1000,DE,FR;PL
    A2,Beta,500,FR,
    A3,Gamma,300,DE,
    """

    /// Runs kamp under `script`, which gives it a pseudo-terminal as stdout.
    func runAtATerminal(_ arguments: [String], environment extra: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([KampProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        environment["TERM"] = "xterm"
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func colourAtATerminalUnlessNoColour() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let arguments = ["tier", input.path, "--out", directory.appendingPathComponent("out").path]
        let coloured = try runAtATerminal(arguments, environment: [:])
        #expect(coloured.contains("\u{1B}[1mtier"), "header in bold at a terminal: \(coloured.debugDescription)")
        let plain = try runAtATerminal(arguments, environment: ["NO_COLOR": "1"])
        #expect(plain.contains("tier"))
        #expect(!plain.contains("\u{1B}["), "NO_COLOR: \(plain.debugDescription)")
    }

    @Test func aPipeGetsPlainText() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let process = Process()
        process.executableURL = KampProcess.executable
        process.arguments = ["tier", input.path, "--out", directory.appendingPathComponent("out").path]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NO_COLOR")
        environment["TERM"] = "xterm"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.contains("all key accounts"))
        #expect(!text.contains("\u{1B}["))
    }

    @Test func quietPrintsNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let result = try KampProcess.run(["tier", input.path, "--out", directory.appendingPathComponent("out").path, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }
}
