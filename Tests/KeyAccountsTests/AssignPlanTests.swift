import Testing
@testable import KeyAccounts

/// Random portfolios and teams, as kamp reads them, for the plan's properties.
enum RandomTeams {
    static let countries = ["DE", "AT", "FR"].map { CountryCode(rawValue: $0)! }
    static let languages = ["de", "fr", "it", "en"]
    static let industries = ["retail", "energy", "food"]

    /// Every client is a key account candidate; scope decides the tier.
    static var policy: Policy {
        var policy = Policy()
        policy.key.classes = [.a, .b, .c]
        policy.key.excludeSolvency = []
        return policy
    }

    /// Capacities and max_accounts come from a hidden plan (each account at a
    /// random eligible manager), so most instances have a plan; most current
    /// managers are that plan's, some are another or one who has left.
    static func make(seed: UInt64, accounts n: Int, managers m: Int, slack: Double = 1.2) -> (Portfolio, [Manager]) {
        var random = TestRandom(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[random.int(0...(items.count - 1))] }
        var managers: [Manager] = []
        for j in 0..<m {
            let tiers = [[Tier.global, .national, .key], [.national, .key], [.global, .national], [.key, .standard]][(j / 3) % 4]
            var spoken = [pick(languages)]
            if random.chance(0.6) { spoken.append(pick(languages)) }
            managers.append(Manager(id: "M\(j + 1)", capacityHours: 1, baseCountry: countries[j % countries.count],
                                    coordinate: Coordinate(latitude: 45 + 5 * random.uniform(), longitude: 5 + 10 * random.uniform()),
                                    languages: spoken, tiers: tiers, industries: random.chance(0.8) ? [pick(industries)] : [],
                                    maxAccounts: random.chance(0.2) ? 0 : nil))
        }
        var accounts: [Account] = []
        for i in 0..<n {
            let country = pick(countries)
            let scope = random.int(0...2)
            accounts.append(Account(
                id: "A" + String(1000 + i).dropFirst(), industry: random.chance(0.8) ? pick(industries) : nil,
                turnover: Double(random.int(1...100)) * 1000, hqCountry: country,
                countries: scope == 0 ? [pick(countries.filter { $0 != country })] : [],
                regions: scope == 1 ? ["R1", "R2"] : [],
                coordinate: Coordinate(latitude: 45 + 5 * random.uniform(), longitude: 5 + 10 * random.uniform()),
                languages: random.chance(0.7) ? [pick(languages)] : [],
                workloadHours: random.chance(0.5) ? Double(random.int(1...8)) * 10 : nil))
        }
        let policy = self.policy
        let tiered = Portfolio(accounts: accounts).tiered(by: policy)
        let rules = AssignmentRules(policy: policy)
        var load = [Double](repeating: 0, count: m)
        var count = [Int](repeating: 0, count: m)
        for i in accounts.indices {
            let tier = tiered.decisions[i].tier
            let eligible = managers.indices.filter { rules.isEligible(managers[$0], for: accounts[i], tier: tier) }
            let hidden = eligible.isEmpty ? nil : pick(eligible)
            if let hidden {
                load[hidden] += rules.workload(of: accounts[i], tier: tier)
                count[hidden] += 1
            }
            if random.chance(0.7) {
                let other = "M\(random.int(1...(m + 1)))"  // M(m+1) has left
                accounts[i].currentManager = random.chance(0.8) ? hidden.map { managers[$0].id } ?? other : other
            }
        }
        for j in managers.indices {
            managers[j].capacityHours = max(40, (slack * load[j]).rounded())
            if managers[j].maxAccounts == 0 { managers[j].maxAccounts = count[j] + random.int(0...1) }
        }
        return (Portfolio(accounts: accounts), managers)
    }
}

@Suite struct AssignPlanTests {
    /// The rules of SPEC.md section 3, checked on the plan's own rows.
    static func checkRules(_ plan: AssignmentPlan, policy: Policy, context: String) {
        let instance = plan.instance, tiered = instance.tiered, rules = instance.rules
        var seen = [Int](repeating: 0, count: tiered.accounts.count)
        for row in plan.rows { seen[instance.planned[row.account]] += 1 }
        for entry in instance.unassigned { seen[entry.index] += 1 }
        for (index, decision) in tiered.decisions.enumerated() {
            let expected = policy.assignment.tiers.contains(decision.tier) ? 1 : 0
            if plan.hasPlan || expected == 0 {
                #expect(seen[index] == expected, "\(context): \(tiered.accounts[index].id) appears \(seen[index]) times")
            }
        }
        for entry in instance.unassigned {
            let account = tiered.accounts[entry.index]
            let usable = instance.managers.filter {
                rules.isEligible($0, for: account, tier: entry.tier) && $0.maxAccounts != 0 && $0.capacityHours >= entry.workloadHours
            }
            #expect(usable.isEmpty, "\(context): \(account.id) is unassigned but \(usable.map(\.id)) could serve it")
            #expect(!entry.reason.isEmpty)
        }
        guard plan.hasPlan else { return }
        var load = [Double](repeating: 0, count: instance.managers.count)
        var count = [Int](repeating: 0, count: instance.managers.count)
        var moved = 0.0, keepable = 0.0
        for row in plan.rows {
            let account = instance.account(row.account), manager = instance.managers[row.manager]
            let tier = instance.tier(row.account)
            #expect(rules.isEligible(manager, for: account, tier: tier), "\(context): \(account.id) -> \(manager.id) breaks a rule")
            #expect(row.cost == rules.cost(of: manager, for: account))
            load[row.manager] += rules.workload(of: account, tier: tier)
            count[row.manager] += 1
            if let current = account.currentManager {
                keepable += account.turnover
                if current != manager.id { moved += account.turnover }
                #expect(row.continuity == (current == manager.id ? .kept : .moved))
            } else {
                #expect(row.continuity == .new)
            }
            #expect(!row.reason.isEmpty)
        }
        for (j, manager) in instance.managers.enumerated() {
            #expect(load[j] <= manager.capacityHours * (1 + 1e-9), "\(context): \(manager.id) over capacity")
            #expect(count[j] <= manager.maxAccounts ?? .max, "\(context): \(manager.id) over max_accounts")
            #expect(abs(plan.loads[j].workloadHours - load[j]) < 1e-6 && plan.loads[j].accounts == count[j])
        }
        let budget = policy.assignment.maxMovedTurnoverShare * keepable
        #expect(moved <= budget + 1e-6, "\(context): moved \(moved) over budget \(budget)")
        #expect(plan.solution.bound <= (plan.solution.objective ?? .infinity) + 1e-6)
    }

    @Test(arguments: 0..<80)
    func everyPlanKeepsEveryRule(seed: Int) {
        var policy = RandomTeams.policy
        policy.assignment.maxMovedTurnoverShare = [0.0, 0.1, 0.3, 1.0][seed % 4]
        if seed % 5 == 0 { policy.assignment.tiers = [.global, .national, .key, .standard] }
        let (portfolio, managers) = RandomTeams.make(seed: UInt64(seed), accounts: 8 + seed % 30, managers: 2 + seed % 6)
        let plan = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        Self.checkRules(plan, policy: policy, context: "seed \(seed)")
        if !plan.hasPlan { #expect(plan.explanation != nil) }
        if case let .budget(shortfall) = plan.infeasibility {
            // The smallest share it names must be enough.
            policy.assignment.maxMovedTurnoverShare = min(1, (shortfall.smallestShare * 10_000).rounded(.up) / 10_000)
            let retry = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
            #expect(retry.hasPlan, "seed \(seed): share \(policy.assignment.maxMovedTurnoverShare) is not enough")
            Self.checkRules(retry, policy: policy, context: "seed \(seed) retry")
        }
    }

    @Test(arguments: 0..<30)
    func smallPlansAreOptimal(seed: Int) throws {
        var policy = RandomTeams.policy
        policy.assignment.solver.gapTolerance = 0
        policy.assignment.maxMovedTurnoverShare = [0.2, 0.5, 1.0][seed % 3]
        let (portfolio, managers) = RandomTeams.make(seed: UInt64(1000 + seed), accounts: 9, managers: 4, slack: 1.3)
        let plan = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        let exact = RandomProblems.bruteForce(plan.instance.problem)
        guard let exact else {
            #expect(!plan.hasPlan, "seed \(seed): brute force finds no plan, kamp does")
            return
        }
        let objective = try #require(plan.solution.objective, "seed \(seed): \(plan.explanation ?? "")")
        #expect(abs(objective - exact.cost) < 1e-6 * max(1, exact.cost), "seed \(seed)")
        #expect(plan.solution.status == .optimal)
    }

    @Test func samePolicySamePlanBytes() {
        let policy = RandomTeams.policy
        let (portfolio, managers) = RandomTeams.make(seed: 7, accounts: 60, managers: 6)
        let first = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        let second = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        #expect(first.assignmentsTable().rendered(as: .csv) == second.assignmentsTable().rendered(as: .csv))
        #expect(first.managerLoadTable().rendered(as: .csv) == second.managerLoadTable().rendered(as: .csv))
        #expect(first.unassignedTable().rendered(as: .csv) == second.unassignedTable().rendered(as: .csv))
    }

    static func country(_ code: String) -> CountryCode { CountryCode(rawValue: code)! }

    /// Two clients of M1 whose relationships cannot all be kept: M1 has room for one.
    static func crowdedTeam() -> (Portfolio, [Manager]) {
        let here = Coordinate(latitude: 48, longitude: 11)
        let accounts = [
            Account(id: "A1", turnover: 600, hqCountry: country("DE"), coordinate: here, currentManager: "M1", workloadHours: 100),
            Account(id: "A2", industry: "retail", turnover: 300, hqCountry: country("DE"), coordinate: here,
                    currentManager: "M1", workloadHours: 100),
            Account(id: "A3", turnover: 100, hqCountry: country("DE"), coordinate: here, currentManager: "M2", workloadHours: 100),
        ]
        let managers = [
            Manager(id: "M1", capacityHours: 100, baseCountry: country("DE"), coordinate: here),
            Manager(id: "M2", capacityHours: 300, baseCountry: country("DE"), coordinate: here),
        ]
        return (Portfolio(accounts: accounts), managers)
    }

    /// 1000 of turnover has a current manager; at least A2 (300) must move: 30 %.
    @Test func budgetThatCannotBeMetGivesTheSmallestShare() throws {
        var policy = RandomTeams.policy
        policy.assignment.maxMovedTurnoverShare = 0.1
        let (portfolio, managers) = Self.crowdedTeam()
        let plan = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        #expect(!plan.hasPlan)
        guard case let .budget(shortfall) = try #require(plan.infeasibility) else {
            Issue.record("expected a budget shortfall, got \(String(describing: plan.infeasibility))")
            return
        }
        #expect(abs(shortfall.smallestShare - 0.3) < 1e-9)
        #expect(shortfall.proven)
        let text = try #require(plan.explanation)
        #expect(text.contains("the smallest budget share that could be met is 30.00 %"), "\(text)")
        #expect(text.contains("at least 0.3"), "\(text)")
        policy.assignment.maxMovedTurnoverShare = 0.3
        let met = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        #expect(met.hasPlan, "the smallest share is enough")
        #expect(met.rows.first { met.instance.account($0.account).id == "A2" }?.continuity == .moved)
    }

    @Test func capacityShortNamesTheHoursPerTier() throws {
        var policy = RandomTeams.policy
        policy.assignment.maxMovedTurnoverShare = 1
        var (portfolio, managers) = Self.crowdedTeam()
        managers[1].capacityHours = 150
        let plan = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        guard case let .hours(short) = try #require(plan.infeasibility) else {
            Issue.record("expected a capacity shortfall")
            return
        }
        #expect(short.short == 50)
        let text = try #require(plan.explanation)
        #expect(text.hasPrefix("capacity short by 50 h: 3 key accounts (300 h) can only be served by M1, M2, which have 250 h"),
                "\(text)")
        #expect(text.contains("short per tier on its own: key 50 h"), "\(text)")
    }

    @Test func reasonsExplainKeptMovedAndNew() throws {
        var policy = RandomTeams.policy
        policy.assignment.maxMovedTurnoverShare = 1
        var (portfolio, managers) = Self.crowdedTeam()
        portfolio.accounts.append(Account(id: "A4", industry: "retail", turnover: 50, hqCountry: Self.country("DE"),
                                          coordinate: Coordinate(latitude: 48, longitude: 11), languages: ["de"],
                                          workloadHours: 50))
        managers[1].capacityHours = 400
        managers[1].languages = ["de"]
        managers[1].industries = ["retail"]
        let plan = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        let byID = Dictionary(uniqueKeysWithValues: plan.rows.map { (plan.instance.account($0.account).id, $0) })
        #expect(try #require(byID["A1"]).reason == "kept with M1 (current manager); 0 km")
        #expect(try #require(byID["A2"]).reason.hasPrefix("moved from M1: M1 is full (100 of 100 h planned; the account needs 100 h); M2 is 0 km away"))
        #expect(try #require(byID["A4"]).reason == "new: M2 is 0 km away; speaks de; industry retail matches")
    }
}

@Suite struct AssignEdgeTests {
    @Test func nothingToPlanIsAnEmptyOptimalPlan() {
        var policy = RandomTeams.policy
        policy.assignment.tiers = []
        let (portfolio, managers) = RandomTeams.make(seed: 3, accounts: 10, managers: 3)
        let plan = AssignmentPlan.make(tiered: portfolio.tiered(by: policy), managers: managers, policy: policy)
        #expect(plan.hasPlan)
        #expect(plan.rows.isEmpty && plan.instance.unassigned.isEmpty)
        #expect(plan.solution.status == .optimal && plan.solution.objective == 0)
        #expect(plan.assignmentsTable().rendered(as: .csv).split(separator: "\n").count == 1, "header only")
    }

    @Test func aManagerWhoLeftForcesTheMove() throws {
        let here = Coordinate(latitude: 48, longitude: 11)
        let de = CountryCode(rawValue: "DE")!
        let accounts = [Account(id: "A1", turnover: 100, hqCountry: de, coordinate: here, currentManager: "M9")]
        let managers = [Manager(id: "M1", capacityHours: 500, baseCountry: de, coordinate: here)]
        var policy = RandomTeams.policy
        policy.assignment.maxMovedTurnoverShare = 1
        let plan = AssignmentPlan.make(tiered: Portfolio(accounts: accounts).tiered(by: policy), managers: managers, policy: policy)
        let row = try #require(plan.rows.first)
        #expect(row.continuity == .moved)
        #expect(row.reason.hasPrefix("moved from M9: M9 is not in the managers file; M1 is 0 km away"))
        #expect(row.cost.total == 1000, "the move term applies")
        policy.assignment.maxMovedTurnoverShare = 0.5
        let blocked = AssignmentPlan.make(tiered: Portfolio(accounts: accounts).tiered(by: policy), managers: managers, policy: policy)
        guard case let .budget(shortfall) = try #require(blocked.infeasibility) else {
            Issue.record("a forced move over the budget is a budget shortfall")
            return
        }
        #expect(shortfall.forcedTurnover == 100 && abs(shortfall.smallestShare - 1) < 1e-12)
    }
}
