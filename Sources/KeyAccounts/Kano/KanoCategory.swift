/// The Kano categories (DOMAIN.md, "Needs").
public enum KanoCategory: String, CaseIterable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// Must-be: taken for granted; never fail there.
    case mustBe = "M"
    /// One-dimensional (performance): the client compares suppliers on it.
    case oneDimensional = "O"
    /// Attractive: room to delight.
    case attractive = "A"
    /// Indifferent: the client does not care either way.
    case indifferent = "I"
    /// Reverse: the client would rather not have it.
    case reverse = "R"
    /// Questionable: the answer pair contradicts itself (like it present and absent).
    case questionable = "Q"

    public var description: String { rawValue }

    /// The word a key account manager reads in summaries.
    public var name: String {
        switch self {
        case .mustBe: "must-be"
        case .oneDimensional: "one-dimensional"
        case .attractive: "attractive"
        case .indifferent: "indifferent"
        case .reverse: "reverse"
        case .questionable: "questionable"
        }
    }

    /// The categories a need can be assigned, in the order the tie rule
    /// prefers them (M, then O, then A, then I; R last). Q is not among them:
    /// it marks a contradictory answer, not a kind of need.
    public static let ranked: [KanoCategory] = [.mustBe, .oneDimensional, .attractive, .indifferent, .reverse]

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
    ///
    /// Readers reject answers outside 1...5 before they get here, so an
    /// out-of-range answer is a programming error and traps.
    public init(functional: Int, dysfunctional: Int) {
        precondition((1...5).contains(functional) && (1...5).contains(dysfunctional), "Kano answers are 1...5")
        self = Self.table[functional - 1][dysfunctional - 1]
    }

    /// The category of one answer pair, or `nil` when either answer is outside 1...5.
    public init?(validatingFunctional functional: Int, dysfunctional: Int) {
        guard (1...5).contains(functional), (1...5).contains(dysfunctional) else { return nil }
        self.init(functional: functional, dysfunctional: dysfunctional)
    }
}

/// Counts of each category over a set of answers.
public struct KanoCounts: Hashable, Codable, Sendable {
    public var m = 0, o = 0, a = 0, i = 0, r = 0, q = 0

    public init() {}

    public init(m: Int = 0, o: Int = 0, a: Int = 0, i: Int = 0, r: Int = 0, q: Int = 0) {
        self.m = m
        self.o = o
        self.a = a
        self.i = i
        self.r = r
        self.q = q
    }

    public mutating func add(_ category: KanoCategory, count: Int = 1) {
        switch category {
        case .mustBe: m += count
        case .oneDimensional: o += count
        case .attractive: a += count
        case .indifferent: i += count
        case .reverse: r += count
        case .questionable: q += count
        }
    }

    public mutating func add(_ other: KanoCounts) {
        m += other.m
        o += other.o
        a += other.a
        i += other.i
        r += other.r
        q += other.q
    }

    public subscript(category: KanoCategory) -> Int {
        switch category {
        case .mustBe: m
        case .oneDimensional: o
        case .attractive: a
        case .indifferent: i
        case .reverse: r
        case .questionable: q
        }
    }

    /// n: all answers, questionable and reverse included.
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
