/// Why a client is (or is not) a key account candidate (SPEC.md section 3, step 1).
public enum Candidacy: String, Hashable, Codable, Sendable {
    /// Its ABC class is in `key.classes`.
    case byClass = "class"
    /// Its score reaches `key.min_score` (and its class alone would not do).
    case byScore = "score"
    case none
}

/// What decided between global, national and key (step 4).
public enum ScopeDecision: Hashable, Codable, Sendable {
    /// `home_country` is set and the client is headquartered elsewhere.
    case foreignHeadquarters(home: CountryCode)
    /// As many distinct countries as `scope.global_min_countries` or more.
    case countries(Int)
    /// As many distinct regions as `scope.national_min_regions` or more.
    case regions(Int)
    /// Neither: one region of one country.
    case local(countries: Int, regions: Int)
}

/// The whole tier decision for one client, with the numbers that made it.
public struct TierDecision: Hashable, Sendable {
    // Declared small fields first, so they share one word: a million
    // decisions are held while tiers.csv is written.
    public var tier: Tier
    public var candidacy: Candidacy
    /// A candidate whose solvency zone is in `key.exclude_solvency` (step 2).
    public var excludedBySolvency: Bool
    /// Set for a candidate beyond `key.max_accounts` (step 3).
    public var overCap: Bool
    private var storedCandidateRank: Int32
    public var abc: ABCPosition
    public var solvency: SolvencyAssessment
    public var score: ScoreBreakdown
    /// 1 = best score; ties broken by higher turnover, then account_id.
    public var scoreRank: Int
    /// Rank among the candidates left after step 2 (1 = best score), when
    /// `key.max_accounts` is set.
    public var candidateRank: Int? {
        get { storedCandidateRank == 0 ? nil : Int(storedCandidateRank) }
        set { storedCandidateRank = Int32(newValue ?? 0) }
    }
    /// For the candidates that reached step 4.
    public var scope: ScopeDecision?
    /// Flags later stages add for a director's review (`borderline` from
    /// the score robustness check), listed after `over_cap`.
    public var reviewFlags: [String] = []

    public init(tier: Tier, abc: ABCPosition, solvency: SolvencyAssessment, score: ScoreBreakdown, scoreRank: Int,
                candidacy: Candidacy, excludedBySolvency: Bool, candidateRank: Int?, overCap: Bool,
                scope: ScopeDecision?, reviewFlags: [String] = []) {
        self.tier = tier
        self.candidacy = candidacy
        self.excludedBySolvency = excludedBySolvency
        self.overCap = overCap
        self.storedCandidateRank = Int32(candidateRank ?? 0)
        self.abc = abc
        self.solvency = solvency
        self.score = score
        self.scoreRank = scoreRank
        self.scope = scope
        self.reviewFlags = reviewFlags
    }

    /// Flags of tiers.csv: the decisions a director should look at, then
    /// the criteria whose input was missing.
    public var flags: [String] {
        var bytes: [UInt8] = []
        appendFlags(to: &bytes)
        return bytes.isEmpty ? [] : bytes.split(separator: UInt8(ascii: ";")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `flags` joined by `;`, appended to a row being written.
    func appendFlags(to bytes: inout [UInt8]) {
        var first = true
        forEachFlag { name in
            if !first { bytes.append(UInt8(ascii: ";")) }
            bytes.appendText(name)
            first = false
        }
    }

    /// The flags of the tier rule itself; the summary counts them by these names.
    static let solvencyRiskFlag = "solvency_risk", overCapFlag = "over_cap", altmanIncompleteFlag = "altman_incomplete"

    /// Calls `body` with each flag in order, without building a list.
    func forEachFlag(_ body: (String) -> Void) {
        if excludedBySolvency { body(Self.solvencyRiskFlag) }
        if overCap { body(Self.overCapFlag) }
        // By index: iterating would retain the array once per client.
        for position in reviewFlags.indices { body(reviewFlags[position]) }
        if solvency.altmanIncomplete { body(Self.altmanIncompleteFlag) }
        for criterion in ScoreCriterion.allCases where score.contributions[criterion] == nil { body(criterion.missingFlag) }
    }
}

/// A portfolio with the tier decision of every client.
public struct TieredPortfolio: Sendable {
    public var portfolio: Portfolio
    /// Aligned with `portfolio.accounts`.
    public var decisions: [TierDecision]
    public var policy: Policy

    public var accounts: [Account] { portfolio.accounts }

    /// Number of clients per tier, in tier order.
    public var countsByTier: [(tier: Tier, count: Int, turnover: Double)] {
        let tiers = Tier.allCases.count
        let accounts = portfolio.accounts, decisions = self.decisions
        // Eight fixed parts of the clients on every core, their sums added in
        // part order: the same figures on any number of cores.
        let tallies = onFixedParts(of: decisions.count) { part -> (counts: [Int], turnovers: [Double]) in
            var counts = [Int](repeating: 0, count: tiers)
            var turnovers = [Double](repeating: 0, count: tiers)
            for index in part {
                let slot = decisions[index].tier.position
                counts[slot] += 1
                turnovers[slot] += accounts[index].turnover
            }
            return (counts, turnovers)
        }
        var counts = [Int](repeating: 0, count: tiers)
        var turnovers = [Double](repeating: 0, count: tiers)
        for tally in tallies {
            for slot in 0..<tiers {
                counts[slot] += tally.counts[slot]
                turnovers[slot] += tally.turnovers[slot]
            }
        }
        return Tier.allCases.enumerated().map { ($0.element, counts[$0.offset], turnovers[$0.offset]) }
    }
}

extension Portfolio {
    /// Applies the tier rule of SPEC.md section 3 to every client.
    ///
    /// - Parameters:
    ///   - policy: cut-offs, weights, key rule and scope rule.
    ///   - needs: each client's needs criterion (mean Kano Better of its
    ///     respondents) by account_id; clients without one get the
    ///     missing-input treatment.
    /// - Complexity: O(n log n) for the two rankings.
    public func tiered(by policy: Policy, needs: [String: Double] = [:]) -> TieredPortfolio {
        let abc = ABCAnalysis.classify(accounts, cutoffs: policy.abc)
        let scale = ScoringScale(accounts)
        // One pass (on every core) builds every decision; ranks are filled in
        // afterwards, so no temporary array per stage is alive at the same
        // time as the decisions.
        let accounts = self.accounts
        var decisions = parallelArray(count: accounts.count) { index in
            // Read in place: a copy of each account would retain and release
            // its strings and lists, shared between the threads.
            unsafe accounts.withUnsafeBufferPointer { buffer in
                unsafe Self.untieredDecision(for: buffer.baseAddress.unsafelyUnwrapped + index, abc: abc[index],
                                             policy: policy, needs: needs, scale: scale)
            }
        }
        let byScore = scoreOrder(decisions)
        // On every core: the ranking is a permutation, so no two ranks land
        // in the same decision.
        unsafe decisions.withUnsafeMutableBufferPointer { buffer in
            let shared = unsafe SharedBuffer(buffer)
            _ = parallelSlices(count: byScore.count) { ranks, _ in
                for rank in ranks { unsafe shared.buffer[byScore[rank]].scoreRank = rank + 1 }
            }
        }

        if let cap = policy.key.maxAccounts {
            var candidateRank = 0
            for index in byScore where decisions[index].candidacy != .none && !decisions[index].excludedBySolvency {
                candidateRank += 1
                decisions[index].candidateRank = candidateRank
                decisions[index].overCap = candidateRank > cap
            }
        }

        // Step 4 on every core, each client's decision updated in place.
        unsafe decisions.withUnsafeMutableBufferPointer { buffer in
            let shared = unsafe SharedBuffer(buffer)
            _ = parallelSlices(count: accounts.count) { range, _ in
                unsafe accounts.withUnsafeBufferPointer { accounts in
                    for index in range {
                        let decision = unsafe shared.buffer.baseAddress.unsafelyUnwrapped + index
                        guard unsafe decision.pointee.candidacy != .none, unsafe !decision.pointee.excludedBySolvency,
                              unsafe !decision.pointee.overCap else { continue }
                        let account = unsafe accounts.baseAddress.unsafelyUnwrapped + index
                        let scope = unsafe Self.scope(countries: account.pointee.countries.count,
                                                      regions: account.pointee.regions.count,
                                                      hqCountry: account.pointee.hqCountry, policy: policy)
                        unsafe decision.pointee.scope = scope
                        switch scope {
                        case .foreignHeadquarters, .countries: unsafe decision.pointee.tier = .global
                        case .regions: unsafe decision.pointee.tier = .national
                        case .local: unsafe decision.pointee.tier = .key
                        }
                    }
                }
            }
        }
        return TieredPortfolio(portfolio: self, decisions: decisions, policy: policy)
    }

    /// Steps 1 and 2 for one client: solvency, score, candidacy and the
    /// solvency exclusion; the ranks and the tier are set afterwards.
    private static func untieredDecision(for account: UnsafePointer<Account>, abc: ABCPosition, policy: Policy,
                                         needs: [String: Double], scale: ScoringScale) -> TierDecision {
        let solvency = unsafe SolvencyAssessment(account.pointee.solvency)
        let criteria = unsafe Scoring.criteria(
            turnover: account.pointee.turnover, previous: account.pointee.turnoverPrevious,
            potential: account.pointee.potential, countries: account.pointee.countries.count,
            regions: account.pointee.regions.count, solvency: solvency,
            needs: needs.isEmpty ? nil : needs[account.pointee.id], scale: scale)
        let score = Scoring.score(criteria: criteria, weights: policy.score.weights)
        let candidacy: Candidacy
        if policy.key.classes.contains(abc.abcClass) {
            candidacy = .byClass
        } else if let minimum = policy.key.minScore, score.value >= minimum {
            candidacy = .byScore
        } else {
            candidacy = .none
        }
        let excluded = candidacy != .none && policy.key.excludeSolvency.contains(solvency.zone)
        return TierDecision(tier: .standard, abc: abc, solvency: solvency, score: score,
                            scoreRank: 0, candidacy: candidacy, excludedBySolvency: excluded,
                            candidateRank: nil, overCap: false, scope: nil)
    }

    static func scope(countries: Int, regions: Int, hqCountry: CountryCode, policy: Policy) -> ScopeDecision {
        if countries >= policy.scope.globalMinCountries { return .countries(countries) }
        if let home = policy.homeCountry, home != hqCountry { return .foreignHeadquarters(home: home) }
        if regions >= policy.scope.nationalMinRegions { return .regions(regions) }
        return .local(countries: countries, regions: regions)
    }

    /// Indices by score descending; ties by higher turnover, then account_id.
    private func scoreOrder(_ decisions: [TierDecision]) -> [Int] {
        let accounts = self.accounts
        return descendingOrder(count: decisions.count, key: { decisions[$0].score.value }) { lhs, rhs in
            accounts[lhs].turnover != accounts[rhs].turnover
                ? accounts[lhs].turnover > accounts[rhs].turnover : accounts[lhs].id < accounts[rhs].id
        }
    }
}

