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

    /// The scope part of the reason. Reads the client through a pointer:
    /// an Account argument, or a list taken out of it, was a copy that
    /// retained its shared lists once per row from every formatting core.
    static func appendScope(_ account: UnsafePointer<Account>, _ scope: ScopeDecision, _ rule: ScopeRule,
                            to text: inout [UInt8]) {
        let countryCount = unsafe account.pointee.countries.count, regionCount = unsafe account.pointee.regions.count
        func countries() {
            text.appendInteger(countryCount)
            text.appendLiteral(countryCount == 1 ? " country (" : " countries (")
            unsafe text.appendCountries(of: account, separator: Byte.space, limit: 8)
            appendMore(countryCount, to: &text)
            text.appendLiteral(")")
        }
        func regions() {
            text.appendInteger(regionCount)
            text.appendLiteral(regionCount == 1 ? " region" : " regions")
            guard regionCount > 0 else { return }
            text.appendLiteral(" (")
            unsafe text.appendRegions(of: account, separator: Byte.space, limit: 8)
            appendMore(regionCount, to: &text)
            text.appendLiteral(")")
        }
        switch scope {
        case .countries:
            countries()
            text.appendLiteral(" >= ")
            text.appendInteger(rule.globalMinCountries)
        case let .foreignHeadquarters(home):
            text.appendLiteral("HQ in ")
            unsafe text.appendText(account.pointee.hqCountry.rawValue)
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

    /// At most eight items are listed, so a client active in 60 countries
    /// keeps a readable reason: "+52 more" after them.
    private static func appendMore(_ count: Int, to text: inout [UInt8]) {
        guard count > 8 else { return }
        text.appendLiteral(" +")
        text.appendInteger(count - 8)
        text.appendLiteral(" more")
    }
}

extension Array where Element == UInt8 {
    /// The client's countries, read in place (see `appendScope`), at most
    /// `limit` of them with `separator` between.
    mutating func appendCountries(of account: UnsafePointer<Account>, separator: UInt8, limit: Int = .max) {
        for position in unsafe 0..<Swift.min(account.pointee.countries.count, limit) {
            if position > 0 { append(separator) }
            unsafe appendText(account.pointee.countries[position].rawValue)
        }
    }

    /// The client's regions, as `appendCountries`.
    mutating func appendRegions(of account: UnsafePointer<Account>, separator: UInt8, limit: Int = .max) {
        for position in unsafe 0..<Swift.min(account.pointee.regions.count, limit) {
            if position > 0 { append(separator) }
            unsafe appendText(account.pointee.regions[position])
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
        unsafe accounts.withUnsafeBufferPointer { accounts in
            unsafe decisions.withUnsafeBufferPointer { decisions in
                unsafe append(accounts.baseAddress.unsafelyUnwrapped + index,
                              decisions.baseAddress.unsafelyUnwrapped + index, to: &text)
            }
        }
    }

    /// Appends one of the policy's phrases, which both formatting cores
    /// read: through its buffer, as `append(contentsOf:)` retained the
    /// shared array once per row from both cores.
    private static func appendShared(_ phrase: borrowing [UInt8], to text: inout [UInt8]) {
        unsafe phrase.withUnsafeBufferPointer { unsafe text.append(contentsOf: $0) }
    }

    /// Reads the client and its decision in place (see `appendScope`).
    private func append(_ account: UnsafePointer<Account>, _ decision: UnsafePointer<TierDecision>,
                        to text: inout [UInt8]) {
        unsafe TieredPortfolio.appendClass(turnover: account.pointee.turnover, decision.pointee.abc, cutoffs, to: &text)
        let score = unsafe decision.pointee.score.value
        switch unsafe decision.pointee.candidacy {
        case .byClass:
            break
        case .byScore:
            text.appendLiteral("; score ")
            text.appendFixed(score, 3)
            text.appendLiteral(" >= key.min_score ")
            if let minScore { Self.appendShared(minScore, to: &text) } else { text.append(UInt8(ascii: "0")) }
        case .none:
            text.appendLiteral("; class ")
            unsafe text.appendText(decision.pointee.abc.abcClass.rawValue)
            text.appendLiteral(" not in key.classes [")
            Self.appendShared(keyClasses, to: &text)
            text.appendLiteral("]")
            if let minScore {
                text.appendLiteral(", score ")
                text.appendFixed(score, 3)
                text.appendLiteral(" < key.min_score ")
                Self.appendShared(minScore, to: &text)
            }
        }

        text.appendLiteral("; solvency ")
        unsafe decision.pointee.solvency.appendEvidence(to: &text)
        if unsafe decision.pointee.excludedBySolvency {
            text.appendLiteral(" in key.exclude_solvency [")
            Self.appendShared(excludedZones, to: &text)
            text.appendLiteral("]")
        }
        if unsafe decision.pointee.overCap, let rank = unsafe decision.pointee.candidateRank, let cap = maxAccounts {
            text.appendLiteral("; score ")
            text.appendFixed(score, 3)
            text.appendLiteral(" ranks ")
            text.appendInteger(rank)
            text.appendLiteral(" among candidates > key.max_accounts ")
            text.appendInteger(cap)
        }
        if let scope = unsafe decision.pointee.scope {
            text.appendLiteral("; ")
            unsafe TieredPortfolio.appendScope(account, scope, scopeRule, to: &text)
        }
        text.appendLiteral(": ")
        unsafe text.appendText(decision.pointee.tier.rawValue)
    }
}
