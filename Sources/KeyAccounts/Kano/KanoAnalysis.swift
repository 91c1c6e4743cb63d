/// One need in one segment: one row of kano_features.csv.
public struct KanoFeatureResult: Hashable, Codable, Sendable {
    public var segment: String
    public var feature: String
    public var evaluation: KanoEvaluation
    /// Mean self-stated importance (1...9) of the answers that gave one; `nil` when none did.
    public var importance: Double?
    /// How many answers gave an importance.
    public var importanceAnswers: Int
    /// Where to act first: importance x |Worse| for a must-be need (the
    /// dissatisfaction a failure costs), importance x Better for an
    /// attractive one (the satisfaction a delight brings); `nil` for other
    /// categories or without importance.
    public var priority: Double?
    /// 1 = highest priority among the segment's needs of the same category
    /// (must-be and attractive ranked separately); equal priorities go to the
    /// feature name in ascending order.
    public var priorityRank: Int?
}

/// One need of one client, over that client's respondents: one row of kano_accounts.csv.
public struct KanoAccountResult: Hashable, Codable, Sendable {
    public var accountID: String
    public var feature: String
    public var evaluation: KanoEvaluation
    public var importance: Double? { importanceAnswers > 0 ? Double(importanceSum) / Double(importanceAnswers) : nil }
    public var importanceAnswers: Int
    /// Sum of the importances given, so segments can pool them exactly.
    var importanceSum: Int
}

/// The Kano analysis of a survey: per segment and need, and per client and need.
///
/// Answers are pooled over respondents: in a segment a client with more
/// respondents weighs more. The per-client view is `accounts` (or
/// segmentation by account).
public struct KanoAnalysis: Hashable, Sendable {
    public var settings: KanoSettings
    /// What the segments are (`all`, `tier`, `industry`, `account`, ...).
    public var segmentedBy: String
    /// Sorted by segment, then feature; only pairs with at least one answer.
    public var features: [KanoFeatureResult]
    /// Sorted by account_id, then feature.
    public var accounts: [KanoAccountResult]
    /// Answers analysed (one per respondent and need).
    public var answers: Int
    /// Distinct respondents (a respondent is account_id and respondent_id together).
    public var respondents: Int
    /// Answers whose account has no segment in the segmentation; they are
    /// still in `accounts`.
    public var unsegmentedAnswers: Int
    /// Whether any answer carried a self-stated importance.
    public var hasImportance: Bool
    /// Every feature answered, sorted.
    public private(set) var featureNames: [String]
    /// Accounts with at least one answer.
    public private(set) var accountCount: Int

    /// Segment names in output order.
    public var segments: [String] {
        var names: [String] = []
        for row in features where names.last != row.segment { names.append(row.segment) }
        return names
    }

    /// Analyses the answers.
    ///
    /// - Parameters:
    ///   - answers: every usable answer pair (readers have checked 1...5).
    ///   - segmentation: how respondents are grouped; `overall` gives one segment `all`.
    ///   - settings: `kano.tie_margin` and `kano.fong_z` of the policy.
    /// - Complexity: O(n log n) for n answers (one sort of packed integer
    ///   keys); strings are hashed once per answer.
    public init(_ answers: [SurveyAnswer], segmentation: KanoSegmentation = .overall,
                settings: KanoSettings = KanoSettings()) {
        self.settings = settings
        self.segmentedBy = segmentation.by
        self.answers = answers.count

        // 1. Intern account ids and features, and pack every answer into one
        //    integer: account | feature | importance | category.
        var accountIndex: [String: Int] = [:]
        var accountNames: [String] = []
        var featureIndex: [String: Int] = [:]
        var featureNames: [String] = []
        var followingFeature: [Int] = []
        var previousFeature = -1
        var respondentKeys = Set<RespondentKey>()
        var packed = [UInt64](repeating: 0, count: answers.count)
        var lastAccount = "", lastAccountIndex = -1
        var lastRespondent = RespondentKey(account: "", respondent: "")
        var anyImportance = false
        for (position, answer) in answers.enumerated() {
            if answer.accountID != lastAccount || lastAccountIndex < 0 {
                lastAccount = answer.accountID
                if let known = accountIndex[answer.accountID] {
                    lastAccountIndex = known
                } else {
                    lastAccountIndex = accountNames.count
                    accountIndex[answer.accountID] = lastAccountIndex
                    accountNames.append(answer.accountID)
                }
            }
            // Surveys ask the features in the same order for every respondent:
            // try the feature that followed the previous one last time before
            // hashing. (Strings the reader interned compare by identity.)
            let feature: Int
            let guess = previousFeature >= 0 ? followingFeature[previousFeature] : -1
            if guess >= 0 && featureNames[guess] == answer.feature {
                feature = guess
            } else if let known = featureIndex[answer.feature] {
                feature = known
            } else {
                feature = featureNames.count
                featureIndex[answer.feature] = feature
                featureNames.append(answer.feature)
                followingFeature.append(-1)
            }
            if previousFeature >= 0 { followingFeature[previousFeature] = feature }
            previousFeature = feature
            if answer.respondentID != lastRespondent.respondent || answer.accountID != lastRespondent.account {
                lastRespondent = RespondentKey(account: answer.accountID, respondent: answer.respondentID)
                respondentKeys.insert(lastRespondent)
            }
            let category = KanoCategory(functional: answer.functional, dysfunctional: answer.dysfunctional)
            let importance = answer.importance.map { UInt64(min(max($0, 0), 15)) } ?? 0
            if importance > 0 { anyImportance = true }
            packed[position] = UInt64(lastAccountIndex) << 32 | UInt64(feature) << 8 | importance << 3
                | UInt64(Self.code(category))
        }
        respondents = respondentKeys.count
        hasImportance = anyImportance

        // 2. Renumber accounts and features by name so one integer sort puts
        //    the answers in output order.
        let accountRank = Self.ranks(accountNames)
        let featureRank = Self.ranks(featureNames)
        let sortedAccounts = Self.sortedByRank(accountNames, accountRank)
        let sortedFeatures = Self.sortedByRank(featureNames, featureRank)
        self.featureNames = sortedFeatures
        self.accountCount = sortedAccounts.count
        for position in packed.indices {
            let key = packed[position]
            let account = accountRank[Int(key >> 32)], feature = featureRank[Int((key >> 8) & 0xFF_FFFF)]
            packed[position] = UInt64(account) << 32 | UInt64(feature) << 8 | (key & 0xFF)
        }
        packed.sort()

        // 3. One group per account and feature.
        var accountResults: [KanoAccountResult] = []
        var start = 0
        while start < packed.count {
            let group = packed[start] >> 8
            var tally = Tally()
            var end = start
            while end < packed.count && packed[end] >> 8 == group {
                tally.add(packed[end])
                end += 1
            }
            let account = Int(group >> 24), feature = Int(group & 0xFF_FFFF)
            accountResults.append(KanoAccountResult(
                accountID: sortedAccounts[account], feature: sortedFeatures[feature],
                evaluation: KanoEvaluation(counts: tally.counts, settings: settings)!,
                importanceAnswers: tally.importanceAnswers, importanceSum: tally.importanceSum))
            start = end
        }
        accounts = accountResults
        (features, unsegmentedAnswers) = Self.segmentRows(accountResults, segmentation: segmentation, settings: settings)
    }

    /// The same answers grouped another way; the per-account results are
    /// reused, so this costs O(accounts x features), not a new pass over the answers.
    public func regrouped(by segmentation: KanoSegmentation) -> KanoAnalysis {
        var copy = self
        copy.segmentedBy = segmentation.by
        (copy.features, copy.unsegmentedAnswers) = Self.segmentRows(accounts, segmentation: segmentation, settings: settings)
        return copy
    }

    /// Pools the accounts' counts per segment and feature; rows in output
    /// order, with the priorities ranked per segment.
    private static func segmentRows(_ accounts: [KanoAccountResult], segmentation: KanoSegmentation,
                                    settings: KanoSettings) -> (rows: [KanoFeatureResult], unsegmented: Int) {
        var totals: [SegmentFeature: Tally] = [:]
        var unsegmented = 0
        var lastAccount: String?, segment: String?
        for row in accounts {
            if row.accountID != lastAccount {
                lastAccount = row.accountID
                segment = segmentation.segment(of: row.accountID)
            }
            guard let segment else {
                unsegmented += row.evaluation.n
                continue
            }
            let tally = Tally(counts: row.evaluation.counts, importanceSum: row.importanceSum,
                              importanceAnswers: row.importanceAnswers)
            totals[SegmentFeature(segment: segment, feature: row.feature), default: Tally()].add(tally)
        }
        let keys = totals.keys.sorted { ($0.segment, $0.feature) < ($1.segment, $1.feature) }
        var rows = keys.map { key -> KanoFeatureResult in
            let tally = totals[key]!
            let evaluation = KanoEvaluation(counts: tally.counts, settings: settings)!
            return KanoFeatureResult(segment: key.segment, feature: key.feature, evaluation: evaluation,
                                     importance: tally.meanImportance, importanceAnswers: tally.importanceAnswers,
                                     priority: priority(evaluation, importance: tally.meanImportance),
                                     priorityRank: nil)
        }
        rankPriorities(&rows)
        return (rows, unsegmented)
    }

    // MARK: - What the tiering takes from the survey

    /// The needs criterion of the score per account: the mean Better over the
    /// features its respondents answered (features with only R and Q answers
    /// have no Better and are left out; an account with none has no value
    /// and gets the missing-input treatment of the score).
    public var needsCriterion: [String: Double] {
        var sums: [String: (total: Double, count: Int)] = [:]
        for row in accounts {
            guard let better = row.evaluation.better else { continue }
            sums[row.accountID, default: (0, 0)].total += better
            sums[row.accountID, default: (0, 0)].count += 1
        }
        return sums.mapValues { $0.total / Double($0.count) }
    }

    /// Per account: the features its respondents rate must-be, sorted by name.
    public var mustBeByAccount: [String: [String]] {
        var result: [String: [String]] = [:]
        // `accounts` is sorted by account, then feature, so each list comes out sorted.
        for row in accounts where row.evaluation.category == .mustBe {
            result[row.accountID, default: []].append(row.feature)
        }
        return result
    }

    /// The segment's needs to act on first: must-be needs by importance x
    /// |Worse| and attractive needs by importance x Better, highest first
    /// (equal priorities by feature name). Empty without importance answers.
    public func priorities(in segment: String) -> (mustBe: [KanoFeatureResult], attractive: [KanoFeatureResult]) {
        let ranked = features.filter { $0.segment == segment && $0.priorityRank != nil }
            .sorted { ($0.priorityRank!, $0.feature) < ($1.priorityRank!, $1.feature) }
        return (ranked.filter { $0.evaluation.category == .mustBe },
                ranked.filter { $0.evaluation.category == .attractive })
    }

    // MARK: - Helpers

    static func priority(_ evaluation: KanoEvaluation, importance: Double?) -> Double? {
        guard let importance else { return nil }
        switch evaluation.category {
        case .mustBe: return evaluation.worse.map { importance * abs($0) }
        case .attractive: return evaluation.better.map { importance * $0 }
        default: return nil
        }
    }

    /// Ranks priorities within each segment and category (rows are grouped by segment).
    static func rankPriorities(_ rows: inout [KanoFeatureResult]) {
        var start = 0
        while start < rows.count {
            var end = start
            while end < rows.count && rows[end].segment == rows[start].segment { end += 1 }
            for category in [KanoCategory.mustBe, .attractive] {
                let ranked = (start..<end).filter { rows[$0].priority != nil && rows[$0].evaluation.category == category }
                    .sorted { lhs, rhs in
                        let left = rows[lhs].priority!, right = rows[rhs].priority!
                        return left != right ? left > right : rows[lhs].feature < rows[rhs].feature
                    }
                for (rank, index) in ranked.enumerated() { rows[index].priorityRank = rank + 1 }
            }
            start = end
        }
    }

    private static func code(_ category: KanoCategory) -> Int {
        switch category {
        case .mustBe: 0
        case .oneDimensional: 1
        case .attractive: 2
        case .indifferent: 3
        case .reverse: 4
        case .questionable: 5
        }
    }

    /// Position of each name in sorted order.
    private static func ranks(_ names: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: names.count)
        for (position, index) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[index] = position }
        return rank
    }

    private static func sortedByRank(_ names: [String], _ rank: [Int]) -> [String] {
        var sorted = names
        for (index, name) in names.enumerated() { sorted[rank[index]] = name }
        return sorted
    }
}

private struct RespondentKey: Hashable {
    var account: String
    var respondent: String
}

private struct SegmentFeature: Hashable {
    var segment: String
    var feature: String
}

/// Category counts and importance sums of one group of answers.
private struct Tally {
    var counts = KanoCounts()
    var importanceSum = 0
    var importanceAnswers = 0

    mutating func add(_ packed: UInt64) {
        switch packed & 0x7 {
        case 0: counts.m += 1
        case 1: counts.o += 1
        case 2: counts.a += 1
        case 3: counts.i += 1
        case 4: counts.r += 1
        default: counts.q += 1
        }
        let importance = Int((packed >> 3) & 0xF)
        if importance > 0 {
            importanceSum += importance
            importanceAnswers += 1
        }
    }

    mutating func add(_ other: Tally) {
        counts.add(other.counts)
        importanceSum += other.importanceSum
        importanceAnswers += other.importanceAnswers
    }

    var meanImportance: Double? { importanceAnswers > 0 ? Double(importanceSum) / Double(importanceAnswers) : nil }
}

public enum KanoNeeds {
    /// The needs criterion of the score per account (see `KanoAnalysis.needsCriterion`).
    public static func needsCriterion(_ answers: [SurveyAnswer], settings: KanoSettings = KanoSettings()) -> [String: Double] {
        KanoAnalysis(answers, settings: settings).needsCriterion
    }
}
