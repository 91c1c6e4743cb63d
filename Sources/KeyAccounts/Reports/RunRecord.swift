import Foundation

/// run.json: what was run, on which inputs, under which policy, with what result.
///
/// Everything but `timings` is a function of the inputs, policy and seed, so
/// two runs can be compared byte for byte once timings are removed.
public struct RunRecord: Codable, Sendable {
    public var kampVersion = KeyAccounts.kampVersion
    public var command: String
    public var seed: UInt64
    public var inputs: [InputReport] = []
    public var policy: Policy
    public var rejectedRows = 0
    public var outputs: [String] = []
    /// Figures of each stage (tiers, kano, clustering, solver), keyed by stage.
    public var results: [String: JSONValue] = [:]
    /// Wall time of each stage in seconds.
    public var timings: [String: Double] = [:]

    public init(command: String, policy: Policy) {
        self.command = command
        self.seed = policy.seed
        self.policy = policy
    }

    enum CodingKeys: String, CodingKey {
        case command, seed, inputs, policy, outputs, results, timings
        case kampVersion = "kamp_version"
        case rejectedRows = "rejected_rows"
    }

    /// Pretty JSON with sorted keys, so the same run gives the same bytes.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// A JSON value for the open-ended parts of run.json.
public enum JSONValue: Hashable, Codable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .number(value): value.isFinite ? try container.encode(value) : try container.encodeNil()
        case let .integer(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case .null: try container.encodeNil()
        case let .array(values): try container.encode(values)
        case let .object(values): try container.encode(values)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }
}

/// Measures the wall time of each stage of a run.
public struct Stopwatch: Sendable {
    public private(set) var timings: [String: Double] = [:]
    private let clock = ContinuousClock()

    public init() {}

    /// Runs one stage and adds its wall time to `stage`; a stage that runs
    /// past a second is reported on the command's `Progress`, if any.
    public mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = clock.now
        let result = try Progress.step(Self.progressName(stage),
                                       describe: { ($0 as? any ProgressDescribing)?.progressDescription }, body)
        let elapsed = clock.now - start
        timings[stage, default: 0] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return result
    }

    /// Adds the time since `start` to `stage` (for steps inside typed-throws code).
    public mutating func add(_ stage: String, since start: ContinuousClock.Instant) {
        let elapsed = clock.now - start
        timings[stage, default: 0] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
