import ArgumentParser
import Foundation
import KeyAccounts

@main
struct Kamp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kamp",
        abstract: "Key account management planner: tiers, needs, clusters and the account manager plan.",
        discussion: "Exit codes: 0 success, 64 usage, 65 input data, 66 input file cannot be opened, 70 internal, 73 output cannot be written.",
        version: kampVersion,
        subcommands: [Tier.self, Validate.self, Kano.self, Cluster.self, Assign.self, Plan.self, WhatIf.self, Demo.self]
    )
}

/// Options every command shares (SPEC.md section 1).
struct CommonOptions: ParsableArguments {
    @Option(help: "Policy file (YAML). Every key is optional; the defaults are in the README.")
    var policy: String?

    @Option(help: "Seed for every random choice; overrides the policy's seed.")
    var seed: UInt64?

    @Option(help: "Directory for the outputs.")
    var out: String = "kamp-out"

    @Flag(help: "Treat any rejected row as an error (exit 65).")
    var strict = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "Format of the output tables: csv or json.")
    var format: TableFormat = .csv

    /// The effective policy: defaults, overlaid with --policy, then --seed.
    func loadPolicy() throws -> Policy {
        var loaded = try policy.map { try Policy.loaded(from: $0) } ?? Policy()
        if let seed { loaded.seed = seed }
        return loaded
    }

    func outputDirectory() throws -> OutputDirectory {
        try OutputDirectory(path: out, format: format)
    }

    /// Runs a command body: errors become exit codes (`reportingErrors`),
    /// steps over a second report progress on stderr (none with --quiet),
    /// and summaries get colour when stdout is a terminal and NO_COLOR is unset.
    func run(_ body: () throws -> Void) throws {
        try reportingErrors {
            try Progress.$current.withValue(quiet ? nil : Progress.standardError()) {
                try TerminalStyle.$current.withValue(TerminalStyle.forStandardOutput()) { try body() }
            }
        }
    }

    /// Progress and warnings go to stderr so stdout stays the summary.
    func progress(_ message: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data(("kamp: " + message + "\n").utf8))
    }

    /// Not even built under --quiet (a summary passes over every client).
    func summary(_ text: @autoclosure () -> String) {
        guard !quiet else { return }
        let text = text()
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}

extension TableFormat: ExpressibleByArgument {}

/// The results of a command, kept until the process ends instead of freed
/// when the command returns: freeing a million accounts and their decisions
/// one by one takes a tenth of a second the user would wait for, and the
/// system takes the memory back at exit anyway. Used only from the main thread.
nonisolated(unsafe) private var keptUntilExit: [Any] = []

func keepUntilExit(_ result: Any) { unsafe keptUntilExit.append(result) }

/// Runs a command body and turns library errors into the exit codes of SPEC.md.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as KeyAccountsError {
        FileHandle.standardError.write(Data("kamp: error: \(error)\n".utf8))
        throw ExitCode(error.exitCode)
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        FileHandle.standardError.write(Data("kamp: internal error: \(error)\n".utf8))
        throw ExitCode(70)
    }
}

extension KeyAccountsError {
    /// sysexits: 65 data error, 66 cannot open input, 70 internal, 73 cannot create output.
    var exitCode: Int32 {
        switch self {
        case .cannotOpen: 66
        case .malformedCSV, .missingColumns, .duplicateColumn, .invalidPolicy, .noValidRows, .rejectedRows, .infeasible: 65
        case .rowCountMismatch: 70
        case .cannotWrite: 73
        }
    }
}
