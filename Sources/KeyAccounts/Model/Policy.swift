/// Every setting a director or planner may change, with kamp's defaults.
///
/// The defaults are those of SPEC.md section 2 and are listed in the README.
/// A policy file only needs the keys it changes (`Policy.loaded(from:)`);
/// run.json records the effective policy of every run, in the same keys as
/// the YAML file.
public struct Policy: Hashable, Codable, Sendable {
    /// Drives every random choice (clustering restarts, robustness draws).
    public var seed: UInt64 = 42
    /// Clients headquartered in another country are global key accounts.
    public var homeCountry: CountryCode?
    public var abc = ABCCutoffs()
    public var key = KeyRule()
    public var scope = ScopeRule()
    public var score = ScoreSettings()
    public var kano = KanoSettings()
    public var workloadHours = WorkloadHours()
    public var assignment = AssignmentSettings()
    public var cluster = ClusterSettings()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case seed, abc, key, scope, score, kano, assignment, cluster
        case homeCountry = "home_country"
        case workloadHours = "workload_hours"
    }

    // Encodes `home_country: null` explicitly, so run.json shows that it was off.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seed, forKey: .seed)
        try container.encode(homeCountry, forKey: .homeCountry)
        try container.encode(abc, forKey: .abc)
        try container.encode(key, forKey: .key)
        try container.encode(scope, forKey: .scope)
        try container.encode(score, forKey: .score)
        try container.encode(kano, forKey: .kano)
        try container.encode(workloadHours, forKey: .workloadHours)
        try container.encode(assignment, forKey: .assignment)
        try container.encode(cluster, forKey: .cluster)
    }
}

/// Cumulative turnover share cut-offs of the ABC analysis.
public struct ABCCutoffs: Hashable, Codable, Sendable {
    public var a = 0.80
    public var b = 0.95
    public init(a: Double = 0.80, b: Double = 0.95) { self.a = a; self.b = b }
}

/// What makes a client a key account candidate, and what takes it out again.
public struct KeyRule: Hashable, Codable, Sendable {
    public var classes: [ABCClass] = [.a]
    /// A client scoring at least this (0...1) is a candidate too.
    public var minScore: Double?
    /// Keep only the N best-scoring candidates.
    public var maxAccounts: Int?
    public var excludeSolvency: [SolvencyZone] = [.distress]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case classes
        case minScore = "min_score"
        case maxAccounts = "max_accounts"
        case excludeSolvency = "exclude_solvency"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classes, forKey: .classes)
        try container.encode(minScore, forKey: .minScore)
        try container.encode(maxAccounts, forKey: .maxAccounts)
        try container.encode(excludeSolvency, forKey: .excludeSolvency)
    }
}

/// How many countries make a global, and how many regions a national key account.
public struct ScopeRule: Hashable, Codable, Sendable {
    public var globalMinCountries = 2
    public var nationalMinRegions = 2
    public init() {}

    enum CodingKeys: String, CodingKey {
        case globalMinCountries = "global_min_countries"
        case nationalMinRegions = "national_min_regions"
    }
}

/// The weights of the score criteria (README, "Score").
public struct ScoreSettings: Hashable, Codable, Sendable {
    public var weights: OrderedWeights = OrderedWeights()
    /// Monte Carlo check of how much the ranking depends on the weights.
    public var robustness = RobustnessSettings()
    public init() {}
}

/// `score.robustness`: perturb the weights and see who stays a key candidate
/// (docs/cluster.md, "Score robustness").
public struct RobustnessSettings: Hashable, Codable, Sendable {
    /// Off by default: the draws re-score every client `draws` times.
    public var enabled = false
    /// Number of perturbed weight vectors.
    public var draws = 200
    /// Each weight is drawn uniformly within +-spread of its value (0.25 = +-25 %).
    public var spread = 0.25
    /// A client is `borderline` when its key share lies strictly between
    /// this and 1 - this (0.2: its status flips in more than 20 % of the draws).
    public var borderline = 0.2
    public init() {}
}

/// One weight per criterion, in the fixed order of `ScoreCriterion.allCases`.
public struct OrderedWeights: Hashable, Codable, Sendable {
    public var turnover = 0.35
    public var growth = 0.15
    public var solvency = 0.20
    public var scope = 0.10
    public var needs = 0.10
    public var potential = 0.10
    public init() {}

    public subscript(criterion: ScoreCriterion) -> Double {
        get {
            switch criterion {
            case .turnover: turnover
            case .growth: growth
            case .solvency: solvency
            case .scope: scope
            case .needs: needs
            case .potential: potential
            }
        }
        set {
            switch criterion {
            case .turnover: turnover = newValue
            case .growth: growth = newValue
            case .solvency: solvency = newValue
            case .scope: scope = newValue
            case .needs: needs = newValue
            case .potential: potential = newValue
            }
        }
    }
}

/// Kano evaluation settings (DOMAIN.md, "Needs").
public struct KanoSettings: Hashable, Codable, Sendable {
    /// Two top proportions closer than this are a tie (0.06 = 6 points).
    public var tieMargin = 0.06
    /// The z value of the Fong significance test.
    public var fongZ = 1.65
    public init() {}

    enum CodingKeys: String, CodingKey {
        case tieMargin = "tie_margin"
        case fongZ = "fong_z"
    }
}

/// Yearly hours an account needs when its own workload_hours is not given.
public struct WorkloadHours: Hashable, Codable, Sendable {
    public var global = 400.0
    public var national = 250.0
    public var key = 150.0
    public var standard = 12.0
    public init() {}

    public subscript(tier: Tier) -> Double {
        get {
            switch tier {
            case .global: global
            case .national: national
            case .key: key
            case .standard: standard
            }
        }
        set {
            switch tier {
            case .global: global = newValue
            case .national: national = newValue
            case .key: key = newValue
            case .standard: standard = newValue
            }
        }
    }
}

/// Rules and costs of the assignment plan (SPEC.md section 3, "Assignment").
public struct AssignmentSettings: Hashable, Codable, Sendable {
    /// Only accounts of these tiers are assigned.
    public var tiers: [Tier] = [.global, .national, .key]
    /// For these tiers the manager must share a language with the client (when the client's are known).
    public var requireLanguageFor: [Tier] = [.global]
    /// For these tiers the manager's base country must be the client's HQ country.
    public var requireCountryFor: [Tier] = [.national, .key]
    /// The disruption budget: moved turnover over the turnover of assigned clients that have a current manager.
    public var maxMovedTurnoverShare = 0.10
    public var cost = AssignmentCosts()
    public var timeLimitSeconds = 60.0
    public var solver = SolverSettings()
    public init() {}

    enum CodingKeys: String, CodingKey {
        case tiers, cost, solver
        case requireLanguageFor = "require_language_for"
        case requireCountryFor = "require_country_for"
        case maxMovedTurnoverShare = "max_moved_turnover_share"
        case timeLimitSeconds = "time_limit_seconds"
    }
}

/// When the assignment solver may stop before proving the plan optimal.
public struct SolverSettings: Hashable, Codable, Sendable {
    /// Stop once (plan cost - lower bound) / plan cost is at most this
    /// (0.0001 = 0.01 %). The default 0 asks for a proof of optimality,
    /// which key account teams of a few hundred accounts get in seconds;
    /// the time limit and `maxNodes` bound the search otherwise.
    public var gapTolerance = 0.0
    /// Most branch-and-bound nodes explored after the root.
    public var maxNodes = 20_000
    public init() {}

    enum CodingKeys: String, CodingKey {
        case gapTolerance = "gap_tolerance"
        case maxNodes = "max_nodes"
    }
}

/// The weights of the assignment cost.
public struct AssignmentCosts: Hashable, Codable, Sendable {
    public var perKm = 1.0
    public var language = 500.0
    public var industry = 200.0
    public var move = 1000.0
    public init() {}

    enum CodingKeys: String, CodingKey {
        case language, industry, move
        case perKm = "per_km"
    }
}

/// `cluster`: the k-means segmentation (docs/cluster.md).
public struct ClusterSettings: Hashable, Codable, Sendable {
    /// Number of clusters, or `auto` to pick k in `auto_range` by silhouette.
    public var k: ClusterCount = .fixed(6)
    /// The features clustered on, in this order (features.csv columns).
    /// `needs` is used only when a survey is given.
    public var features: [ClusterFeature] = [.logTurnover, .growth, .solvency, .countries, .regions, .needs]
    /// k-means++ seedings per k; the lowest inertia is kept.
    public var restarts = 10
    public var maxIterations = 300
    /// Relative tolerance on centroid movement (scikit-learn's rule); 0 runs to a fixed point.
    public var tolerance = 1e-4
    /// Points sampled for the silhouette.
    public var silhouetteSample = 10_000
    /// With more than twice this many accounts, the restarts run and are
    /// compared on a seeded sample of this many, and the two best go on to
    /// all accounts; `nil` runs every restart on all accounts. 20,000 is
    /// 2,000 accounts per cluster at k = 10: on the 1M-account benchmark,
    /// seeds 1 to 5 ended within 0.07 % of scikit-learn's inertia with
    /// samples of 20,000, 30,000, 50,000 and 100,000 alike.
    public var restartSample: Int? = 20_000
    /// The k tried by `k: auto`, lowest and highest.
    public var autoRange: [Int] = [2, 10]
    public init() {}

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(k, forKey: .k)
        try container.encode(features, forKey: .features)
        try container.encode(restarts, forKey: .restarts)
        try container.encode(maxIterations, forKey: .maxIterations)
        try container.encode(tolerance, forKey: .tolerance)
        try container.encode(silhouetteSample, forKey: .silhouetteSample)
        try container.encode(restartSample, forKey: .restartSample)
        try container.encode(autoRange, forKey: .autoRange)
    }

    enum CodingKeys: String, CodingKey {
        case k, features, restarts, tolerance
        case maxIterations = "max_iterations"
        case silhouetteSample = "silhouette_sample"
        case restartSample = "restart_sample"
        case autoRange = "auto_range"
    }
}

/// A fixed number of clusters, or `auto`.
public enum ClusterCount: Hashable, Sendable, Codable, CustomStringConvertible {
    case fixed(Int)
    case auto

    public var description: String {
        switch self {
        case let .fixed(k): String(k)
        case .auto: "auto"
        }
    }

    /// "auto" or a whole number >= 1.
    public init?(argument: String) {
        let text = argument.trimmingSpaces.lowercased()
        if text == "auto" { self = .auto; return }
        guard let k = Int(text), k >= 1 else { return nil }
        self = .fixed(k)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .fixed(k): try container.encode(k)
        case .auto: try container.encode("auto")
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let k = try? container.decode(Int.self) { self = .fixed(k); return }
        let text = try container.decode(String.self)
        guard let value = ClusterCount(argument: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a whole number or auto, got \(text)")
        }
        self = value
    }
}
