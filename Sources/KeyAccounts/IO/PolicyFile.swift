import Foundation
import Yams

extension Policy {
    /// The defaults overlaid with the policy file at `path`.
    /// - Throws: `cannotOpen` when the file cannot be read; `invalidPolicy`
    ///   with line and column for bad YAML, an unknown key or a value out of range.
    public static func loaded(from path: String) throws(KeyAccountsError) -> Policy {
        try Policy().overlaid(withFile: path)
    }

    /// This policy with the keys of the YAML file at `path` replaced.
    public func overlaid(withFile path: String) throws(KeyAccountsError) -> Policy {
        try overlaid(withYAML: PolicyNode.text(ofFile: path), file: path)
    }

    /// This policy with the keys given in `yaml` replaced; every other key keeps its value.
    ///
    /// Scenarios use this to change a few keys of a base policy. Unknown keys
    /// are errors, not ignored, so a typo cannot silently leave a default in place.
    public func overlaid(withYAML yaml: String, file: String) throws(KeyAccountsError) -> Policy {
        guard let root = try PolicyNode.compose(yaml, file: file) else { return self }
        return try overlaid(withNode: root, file: file)
    }

    /// This policy with the keys of a YAML mapping already parsed replaced
    /// (scenario files hand over all but their `scenario:` section, keeping
    /// the lines and columns of their messages).
    func overlaid(withNode root: Node, file: String) throws(KeyAccountsError) -> Policy {
        var policy = self
        try policy.apply(PolicyNode(node: root, path: "", file: file))
        try policy.validate(file: file)
        return policy
    }

    private mutating func apply(_ root: PolicyNode) throws(KeyAccountsError) {
        for (key, value) in try root.entries(allowed: ["seed", "home_country", "abc", "key", "scope", "score", "kano",
                                                        "workload_hours", "assignment", "cluster"]) {
            switch key {
            case "seed": seed = UInt64(try value.integer(in: 0...Int.max, expected: "a whole number >= 0"))
            case "home_country":
                homeCountry = try value.isNull ? nil : value.parsed(expected: "an ISO 3166-1 alpha-2 code such as DE", CountryCode.init(rawValue:))
            case "abc":
                for (key, value) in try value.entries(allowed: ["a", "b"]) {
                    let share = try value.number(in: 0...1, expected: "in (0, 1]")
                    guard share > 0 else { throw value.error("must be in (0, 1], got \(Format.compact(share))") }
                    if key == "a" { abc.a = share } else { abc.b = share }
                }
            case "key":
                for (key, value) in try value.entries(allowed: ["classes", "min_score", "max_accounts", "exclude_solvency"]) {
                    switch key {
                    case "classes": self.key.classes = try value.list(expected: "A, B or C") { ABCClass(rawValue: $0.uppercased()) }
                    case "min_score": self.key.minScore = try value.isNull ? nil : value.number(in: 0...1, expected: "null or in [0, 1]")
                    case "max_accounts": self.key.maxAccounts = try value.isNull ? nil : value.integer(in: 0...Int.max, expected: "null or a whole number >= 0")
                    default: self.key.excludeSolvency = try value.list(expected: "safe, grey, distress or unknown") { SolvencyZone(rawValue: $0.lowercased()) }
                    }
                }
            case "scope":
                for (key, value) in try value.entries(allowed: ["global_min_countries", "national_min_regions"]) {
                    let count = try value.integer(in: 1...10_000, expected: "a whole number >= 1")
                    if key == "global_min_countries" { scope.globalMinCountries = count } else { scope.nationalMinRegions = count }
                }
            case "score":
                for (key, value) in try value.entries(allowed: ["weights", "robustness"]) {
                    if key == "robustness" { try applyRobustness(value); continue }
                    for (key, weight) in try value.entries(allowed: ScoreCriterion.allCases.map(\.rawValue)) {
                        score.weights[ScoreCriterion(rawValue: key)!] = try weight.number(in: 0...1_000_000, expected: "a weight >= 0")
                    }
                }
            case "cluster":
                try applyCluster(value)
            case "kano":
                for (key, value) in try value.entries(allowed: ["tie_margin", "fong_z"]) {
                    if key == "tie_margin" {
                        kano.tieMargin = try value.number(in: 0...1, expected: "in [0, 1] (0.06 = 6 points)")
                    } else {
                        kano.fongZ = try value.number(in: 0...100, expected: "a z value >= 0 such as 1.65")
                    }
                }
            case "workload_hours":
                for (key, value) in try value.entries(allowed: Tier.allCases.map(\.rawValue)) {
                    workloadHours[Tier(rawValue: key)!] = try value.number(in: 0...100_000, expected: "hours per year, >= 0")
                }
            default:
                try applyAssignment(value)
            }
        }
    }

    private mutating func applyRobustness(_ node: PolicyNode) throws(KeyAccountsError) {
        for (key, value) in try node.entries(allowed: ["enabled", "draws", "spread", "borderline"]) {
            switch key {
            case "enabled":
                guard let flag = value.node.bool else { throw value.error("must be true or false, got '\(value.node.string ?? "a non-scalar")'") }
                score.robustness.enabled = flag
            case "draws": score.robustness.draws = try value.integer(in: 1...100_000, expected: "a whole number of draws in 1...100000")
            case "spread": score.robustness.spread = try value.number(in: 0...1, expected: "in [0, 1] (0.25 = each weight +-25 %)")
            default:
                score.robustness.borderline = try value.number(in: 0...0.5, expected: "a share in [0, 0.5] (0.2 = flips in more than 20 % of draws)")
            }
        }
    }

    private mutating func applyCluster(_ node: PolicyNode) throws(KeyAccountsError) {
        for (key, value) in try node.entries(allowed: ["k", "features", "restarts", "max_iterations", "tolerance",
                                                        "silhouette_sample", "restart_sample", "auto_range"]) {
            switch key {
            case "k":
                cluster.k = try value.parsed(expected: "a whole number >= 1 or auto") { ClusterCount(argument: $0) }
            case "features":
                let features = try value.list(expected: ClusterFeature.allCases.map(\.rawValue).joined(separator: ", ")) {
                    ClusterFeature(rawValue: $0.lowercased())
                }
                guard !features.isEmpty else { throw value.error("must name at least one feature") }
                cluster.features = features
            case "restarts": cluster.restarts = try value.integer(in: 1...1000, expected: "a whole number in 1...1000")
            case "max_iterations": cluster.maxIterations = try value.integer(in: 1...100_000, expected: "a whole number in 1...100000")
            case "tolerance": cluster.tolerance = try value.number(in: 0...1, expected: "in [0, 1] (0 runs to a fixed point)")
            case "restart_sample":
                cluster.restartSample = try value.isNull ? nil : value.integer(in: 100...100_000_000, expected: "null or a whole number of accounts >= 100")
            case "silhouette_sample":
                cluster.silhouetteSample = try value.integer(in: 2...1_000_000, expected: "a whole number of points in 2...1000000")
            default:
                let range = try value.list(expected: "whole numbers >= 2") { Int($0).flatMap { $0 >= 2 ? $0 : nil } }
                guard range.count == 2, range[0] <= range[1] else {
                    throw value.error("must be [lowest, highest] with 2 <= lowest <= highest, such as [2, 10]")
                }
                cluster.autoRange = range
            }
        }
    }

    private mutating func applyAssignment(_ node: PolicyNode) throws(KeyAccountsError) {
        let tierNames = "global, national, key or standard"
        for (key, value) in try node.entries(allowed: ["tiers", "require_language_for", "require_country_for",
                                                        "max_moved_turnover_share", "cost", "time_limit_seconds", "solver"]) {
            switch key {
            case "tiers": assignment.tiers = try value.list(expected: tierNames) { Tier(rawValue: $0.lowercased()) }
            case "require_language_for": assignment.requireLanguageFor = try value.list(expected: tierNames) { Tier(rawValue: $0.lowercased()) }
            case "require_country_for": assignment.requireCountryFor = try value.list(expected: tierNames) { Tier(rawValue: $0.lowercased()) }
            case "max_moved_turnover_share":
                assignment.maxMovedTurnoverShare = try value.number(in: 0...1, expected: "a share in [0, 1]")
            case "time_limit_seconds":
                assignment.timeLimitSeconds = try value.number(in: 0.001...86_400, expected: "seconds, > 0")
            case "solver":
                for (key, value) in try value.entries(allowed: ["gap_tolerance", "max_nodes"]) {
                    if key == "gap_tolerance" {
                        assignment.solver.gapTolerance = try value.number(in: 0...1, expected: "a share in [0, 1] (0.0001 = 0.01 %)")
                    } else {
                        assignment.solver.maxNodes = try value.integer(in: 0...100_000_000, expected: "a whole number >= 0")
                    }
                }
            default:
                for (key, value) in try value.entries(allowed: ["per_km", "language", "industry", "move"]) {
                    let weight = try value.number(in: 0...1e9, expected: "a cost >= 0")
                    switch key {
                    case "per_km": assignment.cost.perKm = weight
                    case "language": assignment.cost.language = weight
                    case "industry": assignment.cost.industry = weight
                    default: assignment.cost.move = weight
                    }
                }
            }
        }
    }

    /// Checks the rules that tie several keys together.
    public func validate(file: String) throws(KeyAccountsError) {
        func fail(_ problem: String) -> KeyAccountsError { .invalidPolicy(file: file, line: nil, column: nil, problem: problem) }
        guard abc.a > 0 && abc.a <= 1 else { throw fail("abc.a must be in (0, 1], got \(Format.compact(abc.a))") }
        guard abc.b >= abc.a && abc.b <= 1 else {
            throw fail("abc.b must be in [abc.a, 1] = [\(Format.compact(abc.a)), 1], got \(Format.compact(abc.b))")
        }
        let total = ScoreCriterion.allCases.reduce(0) { $0 + score.weights[$1] }
        guard total > 0 else { throw fail("score.weights must not all be 0") }
    }
}

/// A node of the policy YAML with its dotted path, for messages such as
/// "policy.yaml:3:6: invalid policy: abc.a must be in (0, 1], got 1.5".
struct PolicyNode {
    let node: Node
    let path: String
    let file: String

    var isNull: Bool { node.null != nil }

    func error(_ problem: String) -> KeyAccountsError {
        .invalidPolicy(file: file, line: node.mark?.line, column: node.mark?.column,
                       problem: path.isEmpty ? problem : "\(path) \(problem)")
    }

    /// The mapping's entries in file order; an unknown or repeated key is an error.
    func entries(allowed: [String]) throws(KeyAccountsError) -> [(String, PolicyNode)] {
        guard let mapping = node.mapping else { throw error("must be a mapping of \(allowed.joined(separator: ", "))") }
        var seen = Set<String>()
        var result: [(String, PolicyNode)] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(key) else {
                throw PolicyNode(node: keyNode, path: "", file: file)
                    .error("unknown key '\(childPath)'; expected one of \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else {
                throw PolicyNode(node: keyNode, path: "", file: file).error("key '\(childPath)' is given twice")
            }
            result.append((key, PolicyNode(node: value, path: childPath, file: file)))
        }
        return result
    }

    func number(in range: ClosedRange<Double>, expected: String) throws(KeyAccountsError) -> Double {
        guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error("must be a number \(expected), got '\(node.string ?? "a non-scalar")'")
        }
        guard range.contains(value) else { throw error("must be \(expected), got \(Format.compact(value))") }
        return value
    }

    func integer(in range: ClosedRange<Int>, expected: String) throws(KeyAccountsError) -> Int {
        guard node.scalar != nil, let value = node.int else {
            throw error("must be \(expected), got '\(node.string ?? "a non-scalar")'")
        }
        guard range.contains(value) else { throw error("must be \(expected), got \(value)") }
        return value
    }

    func parsed<T>(expected: String, _ transform: (String) -> T?) throws(KeyAccountsError) -> T {
        guard let text = node.string, let value = transform(text) else {
            throw error("must be \(expected), got '\(node.string ?? "a non-scalar")'")
        }
        return value
    }

    /// A YAML sequence (or a single scalar, read as a list of one) of distinct values.
    func list<T: Equatable>(expected: String, _ transform: (String) -> T?) throws(KeyAccountsError) -> [T] {
        let items: [Node]
        if let sequence = node.sequence { items = Array(sequence) } else if isNull { items = [] } else { items = [node] }
        var result: [T] = []
        for item in items {
            guard let text = item.string, let value = transform(text) else {
                throw PolicyNode(node: item, path: path, file: file)
                    .error("items must be \(expected), got '\(item.string ?? "a non-scalar")'")
            }
            if !result.contains(value) { result.append(value) }
        }
        return result
    }

    /// The text of a policy or scenario file.
    static func text(ofFile path: String) throws(KeyAccountsError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw .cannotOpen(file: path, reason: "no such file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotOpen(file: path, reason: "permission denied or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidPolicy(file: path, line: nil, column: nil, problem: "not valid UTF-8 text")
        }
        return text
    }

    /// The YAML document's root, `nil` for an empty document (only comments, or `null`).
    static func compose(_ yaml: String, file: String) throws(KeyAccountsError) -> Node? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw .invalidPolicy(file: file, line: nil, column: nil, problem: "\(error)")
        }
        guard let root, root.null == nil else { return nil }
        return root
    }

    static func syntaxError(_ error: YamlError, file: String) -> KeyAccountsError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _):
            return .invalidPolicy(file: file, line: mark.line, column: mark.column, problem: "not valid YAML: \(problem)")
        default:
            return .invalidPolicy(file: file, line: nil, column: nil, problem: "not valid YAML: \(error)")
        }
    }
}
