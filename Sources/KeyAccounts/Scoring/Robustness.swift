import Foundation
import GSLMath
import Synchronization

/// How much the key account list depends on the score weights a director chose.
///
/// Each of `draws` Monte Carlo draws multiplies every weight by a factor
/// drawn uniformly in [1 - spread, 1 + spread] (seeded by the policy seed),
/// re-scores every client with the same criteria values and re-ranks them
/// (ties: higher turnover, then account_id, as the tier rule).
///
/// Whether a client is a key candidate in a draw:
/// - when the policy lets the score decide (`key.min_score` or
///   `key.max_accounts` set): steps 1 to 3 of the tier rule re-run with
///   the draw's scores;
/// - otherwise the tier does not depend on the weights at all, and the
///   check asks whether the score agrees with the list: a client counts as
///   a candidate when its rank is within the number of key accounts of the
///   current tiering.
///
/// A client is `borderline` when its key share lies strictly between
/// `borderline` and 1 - `borderline` (default: its status flips in more
/// than 20 % of the draws).
public struct ScoreRobustness: Sendable, Hashable, Codable {
    public enum Basis: String, Sendable, Hashable, Codable {
        /// Steps 1-3 of the tier rule with each draw's scores.
        case tierRule = "tier_rule"
        /// Rank within the current number of key accounts.
        case topRanks = "top_ranks"
    }

    public var draws: Int
    public var spread: Double
    public var basis: Basis
    /// Per account (portfolio order): share of draws in which it is a key candidate.
    public var keyShare: [Double]
    /// Per account: best (smallest) and worst rank over the draws.
    public var bestRank: [Int]
    public var worstRank: [Int]
    public var borderline: [Bool]
    /// Per account: for B-class or borderline clients that are not key
    /// accounts, the smallest turnover (rounded up to the cent) at which
    /// the ABC rule would make them key candidates, every other client
    /// unchanged; `nil` otherwise, or when turnover cannot help (excluded
    /// by solvency, or no class in key.classes).
    public var keyAtTurnover: [Double?]

    public var borderlineCount: Int { borderline.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

extension TieredPortfolio {
    /// Runs the Monte Carlo check of `settings` and the turnover counterfactuals.
    /// - Parameters:
    ///   - needs: the needs criterion by account_id, as given to `tiered(by:needs:)`.
    /// - Complexity: O(draws x n log n): every draw re-ranks every client;
    ///   draws run on all cores.
    public func robustness(_ settings: RobustnessSettings, needs: [String: Double] = [:]) -> ScoreRobustness {
        let n = accounts.count
        let policy = self.policy
        let criteria = ScoreCriterion.allCases
        let scale = ScoringScale(accounts)
        // Criterion values, NaN where missing: n x 6.
        let values = accounts.indices.flatMap { i in
            let criterion = Scoring.criteria(of: accounts[i], solvency: decisions[i].solvency, needs: needs[accounts[i].id], scale: scale)
            return criteria.map { criterion[$0] ?? .nan }
        }
        let abcRank = decisions.map { $0.abc.rank }
        let byClass = decisions.map { policy.key.classes.contains($0.abc.abcClass) }
        let excluded = decisions.map { policy.key.excludeSolvency.contains($0.solvency.zone) }
        let usesScore = policy.key.minScore != nil || policy.key.maxAccounts != nil
        let keyCount = decisions.reduce(0) { $0 + ($1.tier.isKeyAccount ? 1 : 0) }
        let uniforms = uniformDraws(count: settings.draws * criteria.count, seed: policy.seed)
        let baseWeights = criteria.map { policy.score.weights[$0] }

        let chunks = max(1, min(settings.draws, ProcessInfo.processInfo.activeProcessorCount))
        let partials = Mutex<[Int: (key: [Int32], best: [Int32], worst: [Int32])]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var key = [Int32](repeating: 0, count: n)
            var best = [Int32](repeating: Int32.max, count: n)
            var worst = [Int32](repeating: 0, count: n)
            var scores = [Double](repeating: 0, count: n)
            var order = Array(0..<n)
            for draw in stride(from: chunk, to: settings.draws, by: chunks) {
                let weights = (0..<criteria.count).map { c in
                    baseWeights[c] * (1 + settings.spread * (2 * uniforms[draw * criteria.count + c] - 1))
                }
                for i in 0..<n {
                    var total = 0.0, available = 0.0
                    for c in 0..<criteria.count {
                        let value = values[i * criteria.count + c]
                        if !value.isNaN { total += weights[c] * value; available += weights[c] }
                    }
                    scores[i] = available > 0 ? total / available : 0
                }
                order.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : abcRank[$0] < abcRank[$1] }
                var candidates = 0
                for (position, i) in order.enumerated() {
                    let rank = Int32(position + 1)
                    best[i] = min(best[i], rank)
                    worst[i] = max(worst[i], rank)
                    let isKey: Bool
                    if usesScore {
                        let candidate = byClass[i] || policy.key.minScore.map { scores[i] >= $0 } == true
                        if candidate && !excluded[i] {
                            candidates += 1
                            isKey = policy.key.maxAccounts.map { candidates <= $0 } ?? true
                        } else {
                            isKey = false
                        }
                    } else {
                        isKey = position < keyCount
                    }
                    if isKey { key[i] += 1 }
                }
            }
            partials.withLock { $0[chunk] = (key, best, worst) }
        }
        var keyDraws = [Int](repeating: 0, count: n)
        var bestRank = [Int](repeating: Int.max, count: n)
        var worstRank = [Int](repeating: 0, count: n)
        partials.withLock { partials in
            for chunk in 0..<chunks {
                let part = partials[chunk]!
                for i in 0..<n {
                    keyDraws[i] += Int(part.key[i])
                    bestRank[i] = min(bestRank[i], Int(part.best[i]))
                    worstRank[i] = max(worstRank[i], Int(part.worst[i]))
                }
            }
        }
        let share = keyDraws.map { Double($0) / Double(settings.draws) }
        let borderline = share.map { $0 > settings.borderline && $0 < 1 - settings.borderline }
        let counterfactual = TurnoverCounterfactual(self)
        let keyAtTurnover = (0..<n).map { i -> Double? in
            guard !decisions[i].tier.isKeyAccount, decisions[i].abc.abcClass == .b || borderline[i] else { return nil }
            return counterfactual.keyTurnover(for: i)
        }
        return ScoreRobustness(draws: settings.draws, spread: settings.spread, basis: usesScore ? .tierRule : .topRanks,
                               keyShare: share, bestRank: bestRank, worstRank: worstRank, borderline: borderline,
                               keyAtTurnover: keyAtTurnover)
    }
}

/// The smallest turnover that makes a client a key candidate by its ABC
/// class, every other client unchanged.
///
/// With the others' turnovers sorted descending (s1 >= s2 >= ...), prefix
/// sums P(m) and S the others' total: at a turnover T between s(m+1) and
/// s(m) the turnover ranked above the client is P(m), so the client is in
/// the loosest class of `key.classes` (cut-off c = abc.a for A, abc.b for B)
/// when P(m) < c (S + T), i.e. T > P(m) / c - S. The lowest such T over the
/// intervals is found by binary search, since the condition only gets
/// easier as T grows. A client tied with another counts as ranked below it.
struct TurnoverCounterfactual {
    let sorted: [Double]
    let prefix: [Double]
    let total: Double
    let cutoff: Double?
    let tiered: TieredPortfolio

    init(_ tiered: TieredPortfolio) {
        self.tiered = tiered
        sorted = tiered.accounts.map(\.turnover).sorted(by: >)
        var running = 0.0
        prefix = [0] + sorted.map { running += $0; return running }
        total = running
        let classes = tiered.policy.key.classes
        if classes.contains(.c) { cutoff = nil } else if classes.contains(.b) { cutoff = tiered.policy.abc.b }
        else if classes.contains(.a) { cutoff = tiered.policy.abc.a } else { cutoff = nil }
    }

    func keyTurnover(for index: Int) -> Double? {
        guard let cutoff, cutoff > 0, !tiered.decisions[index].excludedBySolvency,
              !tiered.policy.key.excludeSolvency.contains(tiered.decisions[index].solvency.zone) else { return nil }
        let own = tiered.accounts[index].turnover
        let others = total - own
        // p = clients with more turnover than this one; above `own` the
        // client's own entry is never counted.
        var low = 0, high = sorted.count
        while low < high { let mid = (low + high) / 2; if sorted[mid] > own { low = mid + 1 } else { high = mid } }
        let p = low
        func threshold(_ m: Int) -> Double { prefix[m] / cutoff - others }
        func top(_ m: Int) -> Double { m == 0 ? .infinity : sorted[m - 1] }
        // Largest m in 0...p whose interval (lower, top(m)] reaches above threshold(m).
        var lo = 0, hi = p
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if top(mid) > threshold(mid) { lo = mid } else { hi = mid - 1 }
        }
        let m = lo
        let lower = m < p ? sorted[m] : own
        let bound = max(threshold(m), lower)
        // Strictly above the bound, rounded up to the cent.
        let cents = (bound * 100).rounded(.down) + 1
        return max(cents / 100, own)
    }
}

extension ScoreRobustness {
    /// The tiers.csv columns: key_share, rank_best, rank_worst,
    /// key_at_turnover and its sentence, e.g. "key at turnover >= 1.42 M".
    public var columns: [AccountColumn] {
        [
            AccountColumn(name: "key_share") { index, writer in writer.number(keyShare[index], decimals: 4) },
            AccountColumn(name: "rank_best") { index, writer in writer.integer(bestRank[index]) },
            AccountColumn(name: "rank_worst") { index, writer in writer.integer(worstRank[index]) },
            AccountColumn(name: "key_at_turnover") { index, writer in writer.number(keyAtTurnover[index], decimals: 2) },
            AccountColumn(name: "counterfactual") { index, writer in writer.text(counterfactual(at: index)) },
        ]
    }

    /// "key at turnover >= 1.42 M": the threshold rounded up to three
    /// significant digits, so the sentence never promises too little.
    public func counterfactual(at index: Int) -> String? {
        guard let turnover = keyAtTurnover[index] else { return nil }
        return "key at turnover >= \(Format.money(Self.roundedUp(turnover)))"
    }

    static func roundedUp(_ value: Double) -> Double {
        guard value > 0 else { return value }
        let magnitude = pow(10, (log10(value)).rounded(.down) - 2)
        return (value / magnitude).rounded(.up) * magnitude
    }

    var resultsJSON: JSONValue {
        .object(["draws": .integer(draws), "spread": .number(spread), "basis": .string(basis.rawValue),
                 "borderline": .integer(borderlineCount),
                 "counterfactuals": .integer(keyAtTurnover.reduce(0) { $0 + ($1 == nil ? 0 : 1) })])
    }
}
