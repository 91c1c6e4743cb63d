import Testing
@testable import KeyAccounts

@Suite struct AssignRulesTests {
    static let lyon = Coordinate(latitude: 45.7597, longitude: 4.8422)
    static let paris = Coordinate(latitude: 48.8567, longitude: 2.3508)

    static func country(_ code: String) -> CountryCode { CountryCode(rawValue: code)! }

    @Test func lyonToParisIsTheDomainDistance() {
        let rules = AssignmentRules(policy: Policy())
        let manager = Manager(id: "M1", capacityHours: 1000, baseCountry: Self.country("FR"), coordinate: Self.paris)
        let account = Account(id: "A1", turnover: 1, hqCountry: Self.country("FR"), coordinate: Self.lyon)
        let cost = rules.cost(of: manager, for: account)
        #expect(Format.fixed(cost.distanceKm, 3) == "392.217")
        #expect(abs(cost.total - cost.distanceKm) < 1e-12, "no other term applies")
    }

    /// cost = per_km x km + language x [known, none shared] + industry x [known, not listed] + move x [current, not this one].
    @Test(arguments: [
        (["it"], "retail", "M9", 1.0 * 0 + 500 + 200 + 1000),
        (["de"], "retail", "M9", 0 + 0 + 200 + 1000),
        ([String](), "energy", "M1", 0.0),
        (["it", "de"], nil, nil, 0.0),
        (["it"], "Energy ", "M1", 500.0),
    ] as [([String], String?, String?, Double)])
    func costTermsFollowTheFormula(languages: [String], industry: String?, current: String?, expected: Double) {
        var policy = Policy()
        policy.assignment.cost.perKm = 2
        let rules = AssignmentRules(policy: policy)
        let place = Coordinate(latitude: 50, longitude: 8)
        let manager = Manager(id: "M1", capacityHours: 1000, baseCountry: Self.country("DE"), coordinate: place,
                              languages: ["de", "en"], industries: ["energy"])
        let account = Account(id: "A1", industry: industry, turnover: 1, hqCountry: Self.country("DE"), coordinate: place,
                              languages: languages, currentManager: current)
        #expect(rules.cost(of: manager, for: account).total == expected)
    }

    @Test func eligibilityByTierCountryAndLanguage() {
        let rules = AssignmentRules(policy: Policy())
        let germanKAM = Manager(id: "M1", capacityHours: 1000, baseCountry: Self.country("DE"), languages: ["de"],
                                tiers: [.global, .national, .key])
        let austrian = Account(id: "A1", turnover: 1, hqCountry: Self.country("AT"), languages: ["de"])
        let italian = Account(id: "A2", turnover: 1, hqCountry: Self.country("IT"), languages: ["it"])
        let silent = Account(id: "A3", turnover: 1, hqCountry: Self.country("IT"))
        #expect(rules.ineligibility(of: germanKAM, for: austrian, tier: .national) == .country)
        #expect(rules.ineligibility(of: germanKAM, for: austrian, tier: .global) == nil)
        #expect(rules.ineligibility(of: germanKAM, for: italian, tier: .global) == .language)
        #expect(rules.ineligibility(of: germanKAM, for: silent, tier: .global) == nil, "unknown languages do not restrict")
        #expect(rules.ineligibility(of: germanKAM, for: italian, tier: .standard) == .tier)
        let regional = Manager(id: "M2", capacityHours: 1000, baseCountry: Self.country("DE"))
        #expect(regional.tiers == [.key, .standard], "managers serve key and standard unless told otherwise")
    }

    @Test func workloadIsTheAccountsOwnElseThePolicys() {
        let rules = AssignmentRules(policy: Policy())
        let given = Account(id: "A1", turnover: 1, hqCountry: Self.country("DE"), workloadHours: 37)
        let default_ = Account(id: "A2", turnover: 1, hqCountry: Self.country("DE"))
        #expect(rules.workload(of: given, tier: .global) == 37)
        #expect(rules.workload(of: default_, tier: .global) == 400)
        #expect(rules.workload(of: default_, tier: .national) == 250)
        #expect(rules.workload(of: default_, tier: .key) == 150)
    }

    /// The reasons of unassigned.csv name the rule no manager meets, in the words.
    @Test func unassignedReasonsNameTheRule() {
        let rules = AssignmentRules(policy: Policy())
        let managers = [
            Manager(id: "M1", capacityHours: 1000, baseCountry: Self.country("DE"), languages: ["de", "en"],
                    tiers: [.global, .national]),
            Manager(id: "M2", capacityHours: 100, baseCountry: Self.country("AT"), languages: ["de"], tiers: [.key]),
        ]
        let italian = Account(id: "A1", turnover: 1, hqCountry: Self.country("IT"), languages: ["it"])
        #expect(AssignmentInstance.whyUnassigned(italian, tier: .global, hours: 400, eligible: [], managers: managers,
                                                 rules: rules) == "no manager serves tier global in language it")
        let austrian = Account(id: "A2", turnover: 1, hqCountry: Self.country("AT"))
        #expect(AssignmentInstance.whyUnassigned(austrian, tier: .national, hours: 250, eligible: [], managers: managers,
                                                 rules: rules) == "no manager based in AT serves national accounts")
        let big = AssignmentInstance.whyUnassigned(austrian, tier: .key, hours: 150, eligible: [1], managers: managers,
                                                   rules: rules)
        #expect(big == "needs 150 h a year; the largest capacity among its 1 eligible manager is 100 h (M2)")
    }
}
