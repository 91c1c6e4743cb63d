import Foundation
import Synchronization

/// How terminal summaries are drawn: plain, or with bold headers and dim
/// rules when a person is looking.
///
/// The CLI sets `current` for the length of a command; library code that
/// renders a `TextTable` reads it, so summaries need no style parameter,
/// and tests and files (which never set it) always get plain text.
public struct TerminalStyle: Hashable, Sendable {
    public var colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public static let plain = TerminalStyle(colour: false)

    /// The style in force for the current command (plain unless the CLI set one).
    @TaskLocal public static var current = TerminalStyle.plain

    /// Colour only when standard output is a terminal, `NO_COLOR` is unset
    /// or empty (no-color.org) and `TERM` is not `dumb`; pipes and files get plain text.
    public static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment,
                                         isTerminal: Bool = isatty(STDOUT_FILENO) != 0) -> TerminalStyle {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return TerminalStyle(colour: isTerminal && !noColour && !dumb)
    }

    public func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    public func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}

/// Progress of long steps on standard error: a step that is still running
/// after `threshold` (one second) is announced, and when it ends its
/// counts and elapsed time are printed; shorter steps print nothing, so
/// small runs stay quiet. `--quiet` installs none.
///
/// The CLI sets `current` for the length of a command; `Stopwatch.measure`
/// reports every stage of a run through it, so runs need no extra parameter.
public final class Progress: Sendable {
    /// The progress of the current command; `nil` prints nothing.
    @TaskLocal public static var current: Progress?

    private let threshold: Duration
    private let sink: @Sendable (String) -> Void
    private let clock = ContinuousClock()

    /// - Parameters:
    ///   - threshold: steps shorter than this print nothing.
    ///   - sink: receives each line without its newline.
    public init(threshold: Duration = .seconds(1), sink: @escaping @Sendable (String) -> Void) {
        self.threshold = threshold
        self.sink = sink
    }

    /// Lines prefixed `kamp: ` on standard error.
    public static func standardError(threshold: Duration = .seconds(1)) -> Progress {
        Progress(threshold: threshold) { line in FileHandle.standardError.write(Data("kamp: \(line)\n".utf8)) }
    }

    /// Runs `body` as the step `name` ("reading accounts"): announced when it
    /// passes the threshold, then reported with `describe(result)` and the
    /// elapsed time.
    public func step<T, E: Error>(_ name: String, describe: (T) -> String? = { _ in nil },
                                  _ body: () throws(E) -> T) throws(E) -> T {
        let start = clock.now
        // The announcement is written under the lock, so it can never come
        // after the step's final line.
        let state = Mutex((finished: false, announced: false))
        let sink = self.sink
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.seconds(threshold)) {
            state.withLock { state in
                guard !state.finished else { return }
                state.announced = true
                sink("\(name) …")
            }
        }
        defer { state.withLock { $0.finished = true } }
        let result = try body()
        let elapsed = clock.now - start
        let announced = state.withLock { state in
            state.finished = true
            return state.announced
        }
        if elapsed >= threshold || announced {
            let detail = describe(result).map { ": \($0)" } ?? ""
            sink("\(name)\(detail) (\(Self.format(elapsed)))")
        }
        return result
    }

    /// `step` on the current command's progress, or just `body` when there is none.
    public static func step<T, E: Error>(_ name: String, describe: (T) -> String? = { _ in nil },
                                         _ body: () throws(E) -> T) throws(E) -> T {
        guard let current else { return try body() }
        return try current.step(name, describe: describe, body)
    }

    /// A counter for a step made of many parts (restarts, solver rounds):
    /// `advance()` prints "name: 3 of 10 (4.1 s)" at most once a second,
    /// and only once the step has run past the threshold.
    public func counter(_ name: String, total: Int?) -> Counter {
        Counter(name: name, total: total, threshold: threshold, sink: sink)
    }

    public final class Counter: Sendable {
        private struct State {
            var done = 0
            var lastPrinted: ContinuousClock.Instant?
        }

        private let name: String
        private let total: Int?
        private let threshold: Duration
        private let sink: @Sendable (String) -> Void
        private let start = ContinuousClock.now
        private let state = Mutex(State())

        init(name: String, total: Int?, threshold: Duration, sink: @escaping @Sendable (String) -> Void) {
            self.name = name
            self.total = total
            self.threshold = threshold
            self.sink = sink
        }

        /// Counts `by` more parts done; safe to call from several threads.
        public func advance(by count: Int = 1) {
            let now = ContinuousClock.now
            let line: String? = state.withLock { state in
                state.done += count
                guard now - start >= threshold else { return nil }
                if let last = state.lastPrinted, now - last < .seconds(1) { return nil }
                state.lastPrinted = now
                let of = total.map { " of \(Format.grouped(Double($0)))" } ?? ""
                return "\(name): \(Format.grouped(Double(state.done)))\(of) (\(Progress.format(now - start)))"
            }
            if let line { sink(line) }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// "0.8 s", "12.4 s", "3 min 05 s".
    static func format(_ duration: Duration) -> String {
        let seconds = Self.seconds(duration)
        if seconds < 60 { return "\(Format.fixed(seconds, 1)) s" }
        let whole = Int(seconds.rounded())
        let rest = whole % 60
        return "\(whole / 60) min \(rest < 10 ? "0" : "")\(rest) s"
    }
}

/// A result that can say in a few words what a step produced, for progress lines.
public protocol ProgressDescribing {
    var progressDescription: String { get }
}

extension Loaded: ProgressDescribing {
    public var progressDescription: String {
        "\(Format.grouped(Double(report.rowsRead))) rows, \(Format.grouped(Double(report.rowsRejected))) rejected"
    }
}

extension TieredPortfolio: ProgressDescribing {
    public var progressDescription: String {
        let key = decisions.reduce(0) { $0 + ($1.tier.isKeyAccount ? 1 : 0) }
        return "\(Format.grouped(Double(accounts.count))) accounts, \(Format.grouped(Double(key))) key accounts"
    }
}

extension KanoAnalysis: ProgressDescribing {
    public var progressDescription: String {
        "\(Format.grouped(Double(answers))) answers on \(featureNames.count) needs"
    }
}

extension Stopwatch {
    /// The words a progress line uses for a stage of run.json's timings.
    static func progressName(_ stage: String) -> String {
        switch stage {
        case "read_accounts": "reading accounts"
        case "read_managers": "reading managers"
        case "read_survey": "reading survey"
        case "tier": "tiering"
        case "kano": "analysing needs (Kano)"
        case "segment": "grouping needs"
        case "cluster": "clustering"
        case "assign": "planning the assignment"
        case "write": "writing outputs"
        case "report": "drawing report.html"
        default: stage.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: ".", with: ": ")
        }
    }
}
