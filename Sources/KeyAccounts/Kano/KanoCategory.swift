/// The Kano categories (DOMAIN.md, "Needs").
public enum KanoCategory: String, CaseIterable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// Must-be: taken for granted; never fail there.
    case mustBe = "M"
    /// One-dimensional (performance): the client compares suppliers on it.
    case oneDimensional = "O"
    /// Attractive: room to delight.
    case attractive = "A"
    case indifferent = "I"
    case reverse = "R"
    case questionable = "Q"

    public var description: String { rawValue }

    /// The Kano evaluation table: rows functional 1...5, columns dysfunctional 1...5.
    private static let table: [[KanoCategory]] = [
        [.questionable, .attractive, .attractive, .attractive, .oneDimensional],
        [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],
        [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],
        [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],
        [.reverse, .reverse, .reverse, .reverse, .questionable],
    ]

    /// The category of one answer pair, each answer 1...5
    /// (1 like, 2 expect, 3 neutral, 4 live with, 5 dislike).
    public init(functional: Int, dysfunctional: Int) {
        precondition((1...5).contains(functional) && (1...5).contains(dysfunctional), "Kano answers are 1...5")
        self = Self.table[functional - 1][dysfunctional - 1]
    }
}

/// Counts of each category over a set of answers.
public struct KanoCounts: Hashable, Codable, Sendable {
    public var m = 0, o = 0, a = 0, i = 0, r = 0, q = 0

    public init() {}

    public mutating func add(_ category: KanoCategory) {
        switch category {
        case .mustBe: m += 1
        case .oneDimensional: o += 1
        case .attractive: a += 1
        case .indifferent: i += 1
        case .reverse: r += 1
        case .questionable: q += 1
        }
    }

    public var total: Int { m + o + a + i + r + q }

    /// Better (CS+) = (A + O) / (A + O + M + I); `nil` when that denominator is 0.
    public var better: Double? {
        let base = a + o + m + i
        return base > 0 ? Double(a + o) / Double(base) : nil
    }

    /// Worse (CS-) = -(O + M) / (A + O + M + I); `nil` when that denominator is 0.
    public var worse: Double? {
        let base = a + o + m + i
        return base > 0 ? -Double(o + m) / Double(base) : nil
    }
}

public enum KanoNeeds {
    /// The needs criterion of the score per account: the mean Better over
    /// the features its respondents answered (features with only R and Q
    /// answers have no Better and are left out).
    public static func needsCriterion(_ answers: [SurveyAnswer]) -> [String: Double] {
        var counts: [String: [String: KanoCounts]] = [:]
        for answer in answers {
            counts[answer.accountID, default: [:]][answer.feature, default: KanoCounts()]
                .add(KanoCategory(functional: answer.functional, dysfunctional: answer.dysfunctional))
        }
        return counts.compactMapValues { features in
            let betters = features.keys.sorted().compactMap { features[$0]!.better }
            return betters.isEmpty ? nil : betters.reduce(0, +) / Double(betters.count)
        }
    }
}
