import Foundation
import Synchronization
import Testing
@testable import KeyAccounts

@Suite struct TerminalStyleTests {
    @Test(arguments: [
        ([String: String](), true, true),
        (["NO_COLOR": "1"], true, false),
        (["NO_COLOR": ""], true, true),  // no-color.org: only a non-empty value counts
        (["TERM": "dumb"], true, false),
        ([:], false, false),  // a pipe or a file never gets escape codes
    ])
    func colourOnlyForAPersonAtATerminal(environment: [String: String], terminal: Bool, colour: Bool) {
        #expect(TerminalStyle.forStandardOutput(environment: environment, isTerminal: terminal).colour == colour)
    }

    @Test func tablesArePlainUnlessAStyleIsSet() {
        let table = TextTable(header: ["tier", "accounts"], rows: [["global", "12"], ["standard", "1,234"]])
        let plain = table.rendered
        #expect(plain == "tier      accounts\n--------  --------\nglobal          12\nstandard     1,234\n")
        #expect(!plain.contains("\u{1B}"))
        let coloured = TerminalStyle.$current.withValue(TerminalStyle(colour: true)) { table.rendered }
        #expect(coloured == "\u{1B}[1mtier      accounts\u{1B}[0m\n\u{1B}[2m--------  --------\u{1B}[0m\nglobal          12\nstandard     1,234\n")
    }
}

@Suite struct ProgressTests {
    /// Collects the lines a `Progress` prints.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        /// The lines but the announcements: with a zero threshold the timer may
        /// announce a step before it ends, or not, depending on the scheduler.
        var reports: [String] { all.filter { !$0.hasSuffix(" …") } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    @Test func aStepOverTheThresholdIsReportedWithItsCountsAndTime() {
        let lines = Lines()
        let progress = Progress(threshold: .zero) { lines.append($0) }
        let value = progress.step("reading accounts", describe: { (rows: Int) in "\(rows) rows" }) { 42 }
        #expect(value == 42)
        #expect(lines.reports.count == 1)
        #expect(lines.reports.first?.hasPrefix("reading accounts: 42 rows (") == true, "\(lines.all)")
        #expect(lines.reports.first?.hasSuffix(" s)") == true)
        #expect(lines.all.count <= 2 && lines.all.last == lines.reports.first, "an announcement never follows the report")
    }

    @Test func aShortStepPrintsNothing() {
        let lines = Lines()
        let progress = Progress(threshold: .seconds(60)) { lines.append($0) }
        progress.step("tiering") { () }
        #expect(lines.all.isEmpty)
    }

    @Test func aLongStepIsAnnouncedWhileItRuns() {
        let lines = Lines()
        let progress = Progress(threshold: .milliseconds(20)) { lines.append($0) }
        // The step lasts until the announcement is out (other tests may keep every core busy for a while).
        progress.step("clustering") {
            let deadline = Date().addingTimeInterval(30)
            while lines.all.isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(lines.all.count == 2, "\(lines.all)")
        #expect(lines.all.first == "clustering …")
        #expect(lines.all.last?.hasPrefix("clustering (") == true)
    }

    @Test func countersPrintAtMostOnceASecond() {
        let lines = Lines()
        let progress = Progress(threshold: .zero) { lines.append($0) }
        let counter = progress.counter("k-means restarts", total: 10)
        for _ in 0..<10 { counter.advance() }
        #expect(lines.all.count == 1)
        #expect(lines.all[0].hasPrefix("k-means restarts: 1 of 10 ("))
    }

    @Test func stopwatchStagesReportThroughTheCurrentProgress() throws {
        let lines = Lines()
        let progress = Progress(threshold: .zero) { lines.append($0) }
        var clock = Stopwatch()
        let loaded = try Progress.$current.withValue(progress) {
            try clock.measure("read_accounts") { try InputFiles.readAccounts(csv: ReportFixture.accountsCSV) }
        }
        #expect(loaded.value.accounts.count == 5)
        #expect(lines.reports.count == 1)
        #expect(lines.reports.first?.hasPrefix("reading accounts: 6 rows, 1 rejected (") == true, "\(lines.all)")
        #expect(clock.timings["read_accounts"] != nil)
        // Without a progress installed (tests, notebooks, --quiet) nothing is printed.
        let before = lines.all.count
        _ = clock.measure("tier") { 1 }
        #expect(lines.all.count == before)
    }

    @Test(arguments: [(0.04, "0.0 s"), (12.44, "12.4 s"), (185.0, "3 min 05 s")])
    func durationsReadNaturally(seconds: Double, expected: String) {
        #expect(Progress.format(.milliseconds(Int64(seconds * 1000))) == expected)
    }
}
