extension TieredPortfolio {
    /// The sentence a director reads in tiers.csv, naming the numbers that
    /// decided the tier, e.g. "A: rank 12, 41.2 % of turnover before it;
    /// solvency safe (Z'' 3.42); 4 countries (CZ DE FR PL) >= 2: global".
    public func reason(at index: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(200)
        appendReason(at: index, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `reason(at:)`, appended to a row being written.
    func appendReason(at index: Int, to text: inout [UInt8]) {
        ReasonWriter(self).append(at: index, to: &text)
    }

    static func appendClass(turnover: Double, _ abc: ABCPosition, _ cutoffs: ABCCutoffs, to text: inout [UInt8]) {
        guard turnover > 0 else { text.appendLiteral("C: zero turnover"); return }
        text.appendText(abc.abcClass.rawValue)
        text.appendLiteral(": rank ")
        text.appendInteger(abc.rank)
        text.appendLiteral(", ")
        text.appendPercent(abc.shareBefore)
        text.appendLiteral(" of turnover before it")
        switch abc.abcClass {
        case .a:
            break
        case .b:
            text.appendLiteral(" (A ends at ")
            text.appendPercent(cutoffs.a)
            text.appendLiteral(")")
        case .c:
            text.appendLiteral(" (B ends at ")
            text.appendPercent(cutoffs.b)
            text.appendLiteral(")")
        }
    }

    static func appendScope(_ account: Account, _ scope: ScopeDecision, _ rule: ScopeRule, to text: inout [UInt8]) {
        func countries() {
            text.appendInteger(account.countries.count)
            text.appendText(account.countries.count == 1 ? " country (" : " countries (")
            appendListed(account.countries.lazy.map(\.rawValue), count: account.countries.count, to: &text)
            text.appendLiteral(")")
        }
        func regions() {
            text.appendInteger(account.regions.count)
            text.appendText(account.regions.count == 1 ? " region" : " regions")
            guard !account.regions.isEmpty else { return }
            text.appendLiteral(" (")
            appendListed(account.regions, count: account.regions.count, to: &text)
            text.appendLiteral(")")
        }
        switch scope {
        case .countries:
            countries()
            text.appendLiteral(" >= ")
            text.appendInteger(rule.globalMinCountries)
        case let .foreignHeadquarters(home):
            text.appendLiteral("HQ in ")
            text.appendText(account.hqCountry.rawValue)
            text.appendLiteral(", home country ")
            text.appendText(home.rawValue)
        case .regions:
            countries()
            text.appendLiteral(", ")
            regions()
            text.appendLiteral(" >= ")
            text.appendInteger(rule.nationalMinRegions)
        case .local:
            countries()
            text.appendLiteral(" < ")
            text.appendInteger(rule.globalMinCountries)
            text.appendLiteral(", ")
            regions()
            text.appendLiteral(" < ")
            text.appendInteger(rule.nationalMinRegions)
        }
    }

    /// At most eight items, so a client active in 60 countries keeps a readable reason.
    static func appendListed<Items: Sequence>(_ items: Items, count: Int, to text: inout [UInt8]) where Items.Element == String {
        text.appendJoined(items.prefix(8), separator: " ")
        if count > 8 {
            text.appendLiteral(" +")
            text.appendInteger(count - 8)
            text.appendLiteral(" more")
        }
    }
}

/// Writes the reasons of one tiering, a row at a time (tiers.csv).
///
/// The policy's parts of the sentence (the key classes, the solvency
/// exclusions, the thresholds) are made once here rather than per client:
/// per row they cost an array and a copy of the policy, whose reference
/// counts both formatting threads then fought over.
struct ReasonWriter: Sendable {
    private let accounts: [Account]
    private let decisions: [TierDecision]
    private let cutoffs: ABCCutoffs
    private let scopeRule: ScopeRule
    private let keyClasses: [UInt8]
    private let minScore: [UInt8]?
    private let excludedZones: [UInt8]
    private let maxAccounts: Int?

    init(_ tiered: TieredPortfolio) {
        accounts = tiered.accounts
        decisions = tiered.decisions
        let policy = tiered.policy
        cutoffs = policy.abc
        scopeRule = policy.scope
        var classes: [UInt8] = []
        classes.appendJoined(policy.key.classes.map(\.rawValue), separator: " ")
        keyClasses = classes
        minScore = policy.key.minScore.map { minimum in
            var bytes: [UInt8] = []
            bytes.appendTrimmed(minimum)
            return bytes
        }
        var zones: [UInt8] = []
        zones.appendJoined(policy.key.excludeSolvency.map(\.rawValue), separator: " ")
        excludedZones = zones
        maxAccounts = policy.key.maxAccounts
    }

    func append(at index: Int, to text: inout [UInt8]) {
        let decision = decisions[index]
        TieredPortfolio.appendClass(turnover: accounts[index].turnover, decision.abc, cutoffs, to: &text)

        switch decision.candidacy {
        case .byClass:
            break
        case .byScore:
            text.appendLiteral("; score ")
            text.appendFixed(decision.score.value, 3)
            text.appendLiteral(" >= key.min_score ")
            text.append(contentsOf: minScore ?? [UInt8(ascii: "0")])
        case .none:
            text.appendLiteral("; class ")
            text.appendText(decision.abc.abcClass.rawValue)
            text.appendLiteral(" not in key.classes [")
            text.append(contentsOf: keyClasses)
            text.appendLiteral("]")
            if let minScore {
                text.appendLiteral(", score ")
                text.appendFixed(decision.score.value, 3)
                text.appendLiteral(" < key.min_score ")
                text.append(contentsOf: minScore)
            }
        }

        text.appendLiteral("; solvency ")
        decision.solvency.appendEvidence(to: &text)
        if decision.excludedBySolvency {
            text.appendLiteral(" in key.exclude_solvency [")
            text.append(contentsOf: excludedZones)
            text.appendLiteral("]")
        }
        if decision.overCap, let rank = decision.candidateRank, let cap = maxAccounts {
            text.appendLiteral("; score ")
            text.appendFixed(decision.score.value, 3)
            text.appendLiteral(" ranks ")
            text.appendInteger(rank)
            text.appendLiteral(" among candidates > key.max_accounts ")
            text.appendInteger(cap)
        }
        if let scope = decision.scope {
            text.appendLiteral("; ")
            TieredPortfolio.appendScope(accounts[index], scope, scopeRule, to: &text)
        }
        text.appendLiteral(": ")
        text.appendText(decision.tier.rawValue)
    }
}
