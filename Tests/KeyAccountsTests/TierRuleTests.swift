import Testing
@testable import KeyAccounts

func account(_ id: String, _ turnover: Double, hq: String = "DE", countries: [String] = [], hqRegion: String? = nil,
             regions: [String] = [], solvencyScore: Double? = nil, previous: Double? = nil) -> Account {
    Account(id: id, turnover: turnover, turnoverPrevious: previous, hqCountry: CountryCode(rawValue: hq)!, hqRegion: hqRegion,
            countries: countries.map { CountryCode(rawValue: $0)! }, regions: regions,
            solvency: SolvencyInputs(score: solvencyScore))
}

@Suite struct ABCTests {
    @Test func classesFollowTheShareStrictlyBefore() {
        let accounts = [account("D", 5), account("A", 50), account("C", 15), account("B", 30)]
        let positions = ABCAnalysis.classify(accounts, cutoffs: ABCCutoffs(a: 0.80, b: 0.95))
        #expect(positions.map(\.abcClass) == [.c, .a, .b, .a])
        #expect(positions.map(\.rank) == [4, 1, 3, 2])
        // C has exactly 80 % before it: not strictly less, so B; D has exactly 95 % before it: C.
        #expect(positions[2].shareBefore == 0.8)
        #expect(positions[0].shareBefore == 0.95)
        #expect(positions[1].cumulativeShare == 0.5)
    }

    @Test func tiesAreBrokenByAccountID() {
        let accounts = [account("B", 10), account("A", 10), account("C", 10)]
        let positions = ABCAnalysis.classify(accounts, cutoffs: ABCCutoffs(a: 0.5, b: 0.9))
        #expect(positions.map(\.rank) == [2, 1, 3])
        #expect(positions.map(\.abcClass) == [.a, .a, .b])
    }

    @Test func zeroTurnoverIsAlwaysC() {
        let accounts = [account("A", 0), account("B", 0)]
        #expect(ABCAnalysis.classify(accounts, cutoffs: ABCCutoffs()).map(\.abcClass) == [.c, .c])
        let mixed = [account("A", 100), account("Z", 0)]
        #expect(ABCAnalysis.classify(mixed, cutoffs: ABCCutoffs(a: 1, b: 1)).map(\.abcClass) == [.a, .c])
    }

    @Test func aDominantClientIsAlone() {
        let accounts = [account("BIG", 900), account("S1", 50), account("S2", 50)]
        #expect(ABCAnalysis.classify(accounts, cutoffs: ABCCutoffs()).map(\.abcClass) == [.a, .b, .c])
    }
}

@Suite struct TierRuleTests {
    /// 10 clients of equal size except the first: A covers the first three (a = 0.3 of 1000 over 10 x 100).
    func portfolio(_ first: Account) -> Portfolio {
        Portfolio(accounts: [first] + (2...10).map { account("X\($0)", 100) })
    }

    func tier(of first: Account, _ configure: (inout Policy) -> Void = { _ in }) -> (Tier, TierDecision, String) {
        var policy = Policy()
        policy.abc = ABCCutoffs(a: 0.3, b: 0.6)
        configure(&policy)
        let tiered = portfolio(first).tiered(by: policy)
        return (tiered.decisions[0].tier, tiered.decisions[0], tiered.reason(at: 0))
    }

    @Test func localClassAClientIsKey() {
        let (tier, decision, reason) = tier(of: account("A", 100, hqRegion: "DE-BY"))
        #expect(tier == .key)
        #expect(decision.candidacy == .byClass)
        #expect(reason.hasSuffix("1 country (DE) < 2, 1 region (DE-BY) < 2: key"), "\(reason)")
    }

    @Test func distinctCountriesMakeGlobal() {
        let (tier, _, reason) = tier(of: account("A", 100, countries: ["de", "FR", "FR"]))
        #expect(tier == .global)
        #expect(reason.contains("2 countries (DE FR) >= 2: global"), "\(reason)")
    }

    @Test func hqCountryRepeatedInCountriesIsOneCountry() {
        let (tier, _, _) = tier(of: account("A", 100, countries: ["DE", "DE"]))
        #expect(tier == .key)
    }

    @Test func foreignHeadquartersWithHomeCountryIsGlobal() {
        let (tier, decision, reason) = tier(of: account("A", 100, hq: "FR")) { $0.homeCountry = CountryCode(rawValue: "DE") }
        #expect(tier == .global)
        #expect(decision.scope == .foreignHeadquarters(home: CountryCode(rawValue: "DE")!))
        #expect(reason.contains("HQ in FR, home country DE"))
        let (homeTier, _, _) = self.tier(of: account("A", 100, hq: "DE")) { $0.homeCountry = CountryCode(rawValue: "DE") }
        #expect(homeTier == .key)
    }

    @Test func distinctRegionsMakeNational() {
        let (tier, _, reason) = tier(of: account("A", 100, hqRegion: "Bavaria", regions: ["bavaria ", "Hesse"]))
        #expect(tier == .national)
        #expect(reason.contains("2 regions (Bavaria Hesse) >= 2: national"), "\(reason)")
    }

    @Test func scopeThresholdsComeFromThePolicy() {
        let client = account("A", 100, countries: ["FR"], hqRegion: "R1", regions: ["R2", "R3"])
        #expect(tier(of: client) { $0.scope.globalMinCountries = 3 }.0 == .national)
        #expect(tier(of: client) { $0.scope.globalMinCountries = 3; $0.scope.nationalMinRegions = 4 }.0 == .key)
    }

    @Test func distressedCandidateIsStandardWithFlag() {
        let (tier, decision, reason) = tier(of: account("A", 100, solvencyScore: 12))
        #expect(tier == .standard)
        #expect(decision.flags.contains("solvency_risk"))
        #expect(reason.contains("solvency distress (score 12 given) in key.exclude_solvency [distress]"), "\(reason)")
    }

    @Test func exclusionListIsPolicy() {
        #expect(tier(of: account("A", 100, solvencyScore: 12)) { $0.key.excludeSolvency = [] }.0 == .key)
        #expect(tier(of: account("A", 100, solvencyScore: 45)) { $0.key.excludeSolvency = [.grey] }.0 == .standard)
        #expect(tier(of: account("A", 100)) { $0.key.excludeSolvency = [.unknown] }.0 == .standard)
    }

    @Test func classesOutsideTheKeyClassesAreStandard() {
        let (tier, decision, reason) = tier(of: account("A", 50))
        #expect(decision.abc.abcClass == .c)
        #expect(tier == .standard)
        #expect(reason.contains("class C not in key.classes [A]"))
        #expect(self.tier(of: account("A", 50)) { $0.key.classes = [.a, .b, .c] }.0 == .key)
    }

    @Test func minScoreAddsCandidates() {
        let strong = account("A", 50, countries: ["FR", "PL", "CZ", "AT"], solvencyScore: 100, previous: 10)
        let (tier, decision, reason) = tier(of: strong) { $0.key.minScore = 0.5 }
        #expect(decision.abc.abcClass == .c)
        #expect(decision.candidacy == .byScore)
        #expect(tier == .global)
        #expect(reason.contains(">= key.min_score 0.5"), "\(reason)")
        #expect(self.tier(of: strong) { $0.key.minScore = 0.99 }.0 == .standard)
    }

    @Test func maxAccountsKeepsTheBestScoring() {
        var policy = Policy()
        policy.abc = ABCCutoffs(a: 1, b: 1)
        policy.key.maxAccounts = 2
        let accounts = [account("A", 100, solvencyScore: 90), account("B", 100, solvencyScore: 50),
                        account("C", 100, solvencyScore: 70), account("D", 100, solvencyScore: 5)]
        let tiered = Portfolio(accounts: accounts).tiered(by: policy)
        #expect(tiered.decisions.map(\.tier) == [.key, .standard, .key, .standard])
        #expect(tiered.decisions[1].overCap)
        #expect(tiered.decisions[1].flags.contains("over_cap"))
        #expect(tiered.decisions[3].flags == ["solvency_risk", "missing_growth", "missing_needs", "missing_potential"])
        #expect(tiered.reason(at: 1).contains("ranks 3 among candidates > key.max_accounts 2"))
    }

    @Test func maxAccountsTiesGoToHigherTurnoverThenID() {
        var policy = Policy()
        policy.abc = ABCCutoffs(a: 1, b: 1)
        policy.key.maxAccounts = 1
        policy.score.weights = OrderedWeights()
        policy.score.weights.turnover = 0
        policy.score.weights.scope = 1
        // Every score is 0 (no scope), so turnover decides, then account_id.
        let tiered = Portfolio(accounts: [account("B", 100), account("A", 100), account("C", 200)]).tiered(by: policy)
        #expect(tiered.decisions.map(\.tier) == [.standard, .standard, .key])
        let tied = Portfolio(accounts: [account("B", 100), account("A", 100)]).tiered(by: policy)
        #expect(tied.decisions.map(\.tier) == [.standard, .key])
    }
}

@Suite struct ScoreTests {
    @Test func missingCriteriaRedistributeTheirWeight() {
        var criteria = CriterionValues()
        criteria.turnover = 1
        criteria.solvency = 0.5
        let score = Scoring.score(criteria: criteria, weights: OrderedWeights())
        // (0.35 x 1 + 0.20 x 0.5) / 0.55
        #expect(abs(score.value - 0.45 / 0.55) < 1e-12)
        #expect(abs((score.contributions.turnover ?? 0) - 0.35 / 0.55) < 1e-12)
        #expect(score.missing == [.growth, .scope, .needs, .potential])
    }

    @Test func criteriaAreNormalised() {
        let scale = ScoringScale([account("BIG", 999), account("A", 0)])
        let growing = account("A", 150, countries: ["FR", "PL"], hqRegion: "R1", regions: ["R2"], previous: 100)
        let values = Scoring.criteria(of: growing, solvency: SolvencyAssessment(SolvencyInputs(score: 80)), needs: 0.4, scale: scale)
        #expect(abs(values.turnover! - 0.7254) < 1e-3)     // ln(151) / ln(1000)
        #expect(values.growth == 1)                          // +50 %
        #expect(values.solvency == 0.8)
        #expect(abs(values.scope! - (0.6 * 0.5 + 0.4 * 0.25)) < 1e-12)
        #expect(values.needs == 0.4)
        #expect(values.potential == nil)
        let shrinking = account("A", 75, previous: 100)
        #expect(Scoring.criteria(of: shrinking, solvency: SolvencyAssessment(SolvencyInputs()), needs: nil, scale: scale).growth == 0.25)
        let new = account("A", 75, previous: 0)
        #expect(Scoring.criteria(of: new, solvency: SolvencyAssessment(SolvencyInputs()), needs: nil, scale: scale).growth == 1)
    }
}
