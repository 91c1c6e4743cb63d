import Foundation

/// The criteria of the key account score, each normalised to 0...1 (README, "Score").
public enum ScoreCriterion: String, CaseIterable, Hashable, Codable, Sendable, CodingKey {
    case turnover, growth, solvency, scope, needs, potential

    var position: Int {
        switch self {
        case .turnover: 0
        case .growth: 1
        case .solvency: 2
        case .scope: 3
        case .needs: 4
        case .potential: 5
        }
    }

    /// The flag an account gets when this criterion's input is missing.
    public var missingFlag: String {
        // Literals: an interpolated flag would allocate once per client and criterion.
        switch self {
        case .turnover: "missing_turnover"
        case .growth: "missing_growth"
        case .solvency: "missing_solvency"
        case .scope: "missing_scope"
        case .needs: "missing_needs"
        case .potential: "missing_potential"
        }
    }
}

/// A client's score and what each criterion contributed to it.
public struct ScoreBreakdown: Hashable, Codable, Sendable {
    /// 0...1: the weighted mean of the available criteria.
    public var value: Double
    /// Per criterion: its share of `value` (weight x normalised value / sum
    /// of available weights), or `nil` when its input is missing and its
    /// weight was redistributed.
    public var contributions: CriterionValues

    public var missing: [ScoreCriterion] { ScoreCriterion.allCases.filter { contributions[$0] == nil } }
}

/// One optional value per criterion, stored inline: a million clients would
/// otherwise mean a million small arrays.
public struct CriterionValues: Hashable, Codable, Sendable {
    /// NaN marks a missing value inside; the API speaks in optionals. Six
    /// plain doubles are half the size of six optional ones.
    private var values = InlineArray<6, Double>(repeating: .nan)

    public init() {}

    public subscript(criterion: ScoreCriterion) -> Double? {
        get {
            let value = values[criterion.position]
            return value.isNaN ? nil : value
        }
        set { values[criterion.position] = newValue ?? .nan }
    }

    public var turnover: Double? { get { self[.turnover] } set { self[.turnover] = newValue } }
    public var growth: Double? { get { self[.growth] } set { self[.growth] = newValue } }
    public var solvency: Double? { get { self[.solvency] } set { self[.solvency] = newValue } }
    public var scope: Double? { get { self[.scope] } set { self[.scope] = newValue } }
    public var needs: Double? { get { self[.needs] } set { self[.needs] = newValue } }
    public var potential: Double? { get { self[.potential] } set { self[.potential] = newValue } }

    public static func == (lhs: CriterionValues, rhs: CriterionValues) -> Bool {
        ScoreCriterion.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }

    public func hash(into hasher: inout Hasher) {
        for criterion in ScoreCriterion.allCases { hasher.combine(self[criterion]) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ScoreCriterion.self)
        for criterion in ScoreCriterion.allCases {
            self[criterion] = try container.decodeIfPresent(Double.self, forKey: criterion)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ScoreCriterion.self)
        for criterion in ScoreCriterion.allCases { try container.encode(self[criterion], forKey: criterion) }
    }
}

/// Portfolio-wide figures the normalisation needs.
public struct ScoringScale: Hashable, Sendable {
    public let maxTurnover: Double
    public let maxPotential: Double
    /// ln(1 + the largest value): the normalisers, computed once instead of
    /// twice per client.
    let logMaxTurnover: Double
    let logMaxPotential: Double

    public init(_ accounts: [Account]) {
        // By index, on every core: a reduce over the accounts copied each
        // one. The largest value does not depend on how the work is split.
        let maxima = parallelSlices(count: accounts.count) { range, _ in
            var maxTurnover = 0.0, maxPotential = 0.0
            for index in range {
                maxTurnover = max(maxTurnover, accounts[index].turnover)
                maxPotential = max(maxPotential, accounts[index].potential ?? 0)
            }
            return (maxTurnover, maxPotential)
        }
        maxTurnover = maxima.reduce(0) { max($0, $1.0) }
        maxPotential = maxima.reduce(0) { max($0, $1.1) }
        logMaxTurnover = log1p(maxTurnover)
        logMaxPotential = log1p(maxPotential)
    }
}

public enum Scoring {
    /// Normalised criterion values of one client, `nil` where the input is missing.
    ///
    /// - turnover: ln(1 + turnover) / ln(1 + largest turnover), so a client
    ///   ten times smaller loses a constant step rather than 90 % of the value;
    /// - growth: 0.5 + growth rate, clamped to 0...1 (-50 % -> 0, flat -> 0.5,
    ///   +50 % -> 1); a client new last year (turnover_prev 0) -> 1;
    /// - solvency: solvency points / 100;
    /// - scope: 0.6 x min(1, extra countries / 4) + 0.4 x min(1, extra regions / 4);
    /// - needs: mean Kano Better over the features the client's respondents answered;
    /// - potential: ln(1 + potential) / ln(1 + largest potential).
    public static func criteria(of account: borrowing Account, solvency: SolvencyAssessment, needs: Double?,
                                scale: ScoringScale) -> CriterionValues {
        criteria(turnover: account.turnover, previous: account.turnoverPrevious, potential: account.potential,
                 countries: account.countries.count, regions: account.regions.count, solvency: solvency, needs: needs,
                 scale: scale)
    }

    /// `criteria(of:...)` from the few fields it reads: the tier stage passes
    /// them from the accounts in place (a whole Account as an argument was
    /// copied, retaining its strings and shared lists from every core at once).
    static func criteria(turnover: Double, previous: Double?, potential: Double?, countries: Int, regions: Int,
                         solvency: SolvencyAssessment, needs: Double?, scale: ScoringScale) -> CriterionValues {
        var values = CriterionValues()
        values.turnover = scale.maxTurnover > 0 ? log1p(turnover) / scale.logMaxTurnover : 0
        if let previous {
            values.growth = previous > 0 ? min(1, max(0, 0.5 + (turnover / previous - 1))) : (turnover > 0 ? 1 : 0.5)
        }
        values.solvency = solvency.points.map { $0 / 100 }
        values.scope = 0.6 * min(1, Double(countries - 1) / 4) + 0.4 * min(1, Double(max(0, regions - 1)) / 4)
        values.needs = needs.map { min(1, max(0, $0)) }
        if let potential {
            values.potential = scale.maxPotential > 0 ? log1p(potential) / scale.logMaxPotential : 0
        }
        return values
    }

    /// The weighted score; a missing criterion's weight is spread over the
    /// others in proportion to their weights.
    public static func score(criteria: CriterionValues, weights: OrderedWeights) -> ScoreBreakdown {
        var available = 0.0
        for criterion in ScoreCriterion.allCases where criteria[criterion] != nil {
            available += weights[criterion]
        }
        var total = 0.0
        var contributions = CriterionValues()
        for criterion in ScoreCriterion.allCases {
            guard let value = criteria[criterion] else { continue }
            let contribution = available > 0 ? weights[criterion] * value / available : 0
            contributions[criterion] = contribution
            total += contribution
        }
        return ScoreBreakdown(value: total, contributions: contributions)
    }
}
