/// How respondents are grouped for kano_features.csv: every answer counts
/// in the segment of the account its respondent belongs to.
///
/// Segments are plain strings, so any account -> group mapping works
/// (tiers, industries, clusters, a planner's own list).
public struct KanoSegmentation: Hashable, Sendable {
    /// What the segments are (`all`, `tier`, `industry`, `account`, or a
    /// caller's name); run.json records it.
    public var by: String
    let rule: Rule

    enum Rule: Hashable, Sendable {
        case overall
        case account
        case mapping([String: String])
    }

    /// One segment named `all`: every answer.
    public static let overall = KanoSegmentation(by: "all", rule: .overall)

    /// One segment per account, named by its account_id.
    public static let byAccount = KanoSegmentation(by: "account", rule: .account)

    /// Segments from an account_id -> segment table. Answers of accounts
    /// missing from the table are left out and counted in
    /// `KanoAnalysis.unsegmentedAnswers`.
    public static func mapping(_ segments: [String: String], by name: String) -> KanoSegmentation {
        KanoSegmentation(by: name, rule: .mapping(segments))
    }

    /// One segment per tier (global, national, key, standard).
    public static func byTier(_ tiered: TieredPortfolio) -> KanoSegmentation {
        var segments: [String: String] = [:]
        for (account, decision) in zip(tiered.accounts, tiered.decisions) { segments[account.id] = decision.tier.rawValue }
        return mapping(segments, by: "tier")
    }

    /// The segment of accounts whose industry is not given.
    public static let noIndustry = "(no industry)"

    /// One segment per industry as written in the accounts file; accounts
    /// without one form the segment `(no industry)`.
    public static func byIndustry(_ portfolio: Portfolio) -> KanoSegmentation {
        var segments: [String: String] = [:]
        for account in portfolio.accounts { segments[account.id] = account.industry ?? noIndustry }
        return mapping(segments, by: "industry")
    }

    /// The segment of an account, `nil` when the mapping does not know it.
    public func segment(of accountID: String) -> String? {
        switch rule {
        case .overall: "all"
        case .account: accountID
        case let .mapping(segments): segments[accountID]
        }
    }
}
