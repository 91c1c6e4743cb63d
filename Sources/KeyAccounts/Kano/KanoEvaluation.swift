import Foundation

/// What the answers on one need say, for one group of respondents
/// (DOMAIN.md, "Needs"; one row of kano_features.csv).
///
/// All proportions are over n, all answers of the group, questionable and
/// reverse ones included.
public struct KanoEvaluation: Hashable, Codable, Sendable {
    public var counts: KanoCounts
    /// The most frequent of M, O, A, I, R; equal counts go to the earlier of
    /// M, O, A, I, R. Q only when every answer is questionable.
    public var mode: KanoCategory
    /// The mode, unless the runner-up's proportion is closer to it than
    /// `tie_margin`: then the earlier of the two in M, O, A, I (R last).
    public var category: KanoCategory
    /// The second most frequent of M, O, A, I, R (equal counts as for the
    /// mode); `nil` when no second category was chosen.
    public var runnerUp: KanoCategory?
    /// (A + O + M) / n: how many respondents care at all.
    public var totalStrength: Double
    /// Top proportion minus second proportion over M, O, A, I, R, in 0...1.
    public var categoryStrength: Double
    /// Better (CS+) = (A + O) / (A + O + M + I), in 0...1: how much
    /// satisfaction rises when the need is met. `nil` without A, O, M or I answers.
    public var better: Double?
    /// Worse (CS-) = -(O + M) / (A + O + M + I), in -1...0: how much
    /// satisfaction falls when it is not met. `nil` as for `better`.
    public var worse: Double?
    /// Fong's test: with a, b the two largest counts over M, O, A, I, R,
    /// the mode is significant when |a - b| >= fong_z sqrt((a + b)(2n - a - b) / (2n)).
    /// Always false when every answer is questionable.
    public var fongSignificant: Bool

    /// n, every answer of the group.
    public var n: Int { counts.total }
    /// The tie rule changed the category away from the mode.
    public var decidedByTieRule: Bool { category != mode }

    /// Evaluates counts with the tie margin and Fong z of the policy.
    /// - Returns: `nil` when there is no answer at all.
    public init?(counts: KanoCounts, settings: KanoSettings = KanoSettings()) {
        let n = counts.total
        guard n > 0 else { return nil }
        self.counts = counts
        // The two largest of M, O, A, I, R; equal counts go to the earlier in
        // that order, so ties always resolve the same way. (A loop, not a sort:
        // this runs once per account and feature, a million times on big surveys.)
        var first = KanoCategory.mustBe, second = KanoCategory.oneDimensional
        if counts[second] > counts[first] { swap(&first, &second) }
        for candidate in KanoCategory.ranked.dropFirst(2) {
            let count = counts[candidate]
            if count > counts[first] {
                second = first
                first = candidate
            } else if count > counts[second] {
                second = candidate
            }
        }
        let a = counts[first], b = counts[second]
        let nDouble = Double(n)
        totalStrength = Double(counts.a + counts.o + counts.m) / nDouble
        categoryStrength = Double(a - b) / nDouble
        better = counts.better
        worse = counts.worse
        if a == 0 {
            // Only questionable answers: there is no need to categorise.
            mode = .questionable
            category = .questionable
            runnerUp = nil
            fongSignificant = false
            return
        }
        mode = first
        // A category nobody chose is no runner-up and cannot win a tie.
        runnerUp = b > 0 ? second : nil
        // "Closer than the margin" is strict: 6 points apart with a 0.06 margin is no tie.
        if b > 0 && categoryStrength < settings.tieMargin {
            category = KanoCategory.ranked.firstIndex(of: first)! <= KanoCategory.ranked.firstIndex(of: second)! ? first : second
        } else {
            category = first
        }
        let sum = Double(a + b)
        let threshold = settings.fongZ * (sum * (2 * nDouble - sum) / (2 * nDouble)).squareRoot()
        fongSignificant = Double(a - b) >= threshold
    }
}
