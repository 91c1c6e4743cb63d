import Foundation
import Testing
@testable import KeyAccounts

/// A team of two at Lyon (M1) and Paris (M2); every plan here is forced, so
/// each figure of whatif.csv is computed by hand.
@Suite struct WhatIfRunTests {
    // A1 and A3 sit at M1's desk, A2 at M2's: the baseline costs 0 and moves nothing.
    let accounts = """
    account_id,name,turnover,hq_country,latitude,longitude,current_manager,workload_hours
    A1,Alpha,1000,DE,45.7597,4.8422,M1,100
    A2,Beta,500,DE,48.8567,2.3508,M2,100
    A3,Gamma,100,DE,45.7597,4.8422,,100
    """
    let managers = """
    manager_id,capacity_hours,base_country,latitude,longitude
    M1,1000,DE,45.7597,4.8422
    M2,1000,DE,48.8567,2.3508
    """
    // ABC: A1 0 % before it, A2 62.5 %, A3 93.75 % (class B): with classes A and B all three are key.
    let base = "key: {classes: [A, B], exclude_solvency: []}\n"

    /// Lyon to Paris, 392.217 km (DOMAIN.md).
    let lyonParis = Coordinate(latitude: 45.7597, longitude: 4.8422)
        .distanceKilometres(to: Coordinate(latitude: 48.8567, longitude: 2.3508))

    func run(_ scenarios: [(String, String)]) throws -> (ScenarioRun, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-whatif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let accountsPath = directory.appendingPathComponent("accounts.csv").path
        let managersPath = directory.appendingPathComponent("managers.csv").path
        try Data(accounts.utf8).write(to: URL(fileURLWithPath: accountsPath))
        try Data(managers.utf8).write(to: URL(fileURLWithPath: managersPath))
        let policy = try Policy().overlaid(withYAML: base, file: "base.yaml")
        let loaded = try scenarios.map { name, yaml in try Scenario(yaml: yaml, file: "\(name).yaml", base: policy) }
        let out = try OutputDirectory(path: directory.appendingPathComponent("out").path)
        var run = try ScenarioRun.run(accountsPath: accountsPath, managersPath: managersPath, surveyPath: nil, base: policy,
                                      scenarios: loaded, strict: false, out: out)
        try run.write(to: out)
        return (run, directory)
    }

    func value(_ run: ScenarioRun, _ scenario: String, _ metric: WhatIfMetric) -> (MetricValue, MetricValue, Double?) {
        let row = run.rows.first { $0.scenario == scenario && $0.metric == metric }!
        return (row.baseline, row.value, row.delta)
    }

    @Test func aManagerLeavesAndTheThresholdRises() throws {
        let (run, directory) = try run([
            ("strict-key", "key: {classes: [A]}\n"),
            ("m1-leaves", "scenario: {remove_managers: [M1]}\nassignment: {max_moved_turnover_share: 1}\n"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        // Rows: scenarios by name, metrics in their fixed order.
        #expect(run.rows.map(\.scenario) == Array(repeating: "m1-leaves", count: WhatIfMetric.allCases.count)
                + Array(repeating: "strict-key", count: WhatIfMetric.allCases.count))
        #expect(run.rows.prefix(WhatIfMetric.allCases.count).map(\.metric) == WhatIfMetric.allCases)

        // Baseline: A1, A3 with M1 (200 of 1000 h), A2 with M2 (100 h); cost 0, nothing moved.
        #expect(value(run, "m1-leaves", .status).0 == .text("optimal"))
        #expect(value(run, "m1-leaves", .keyTierAccounts).0 == .number(3))
        #expect(value(run, "m1-leaves", .keyTurnoverShare).0 == .number(1))
        #expect(value(run, "m1-leaves", .planCost).0 == .number(0))
        #expect(abs((value(run, "m1-leaves", .utilisationMean).0.number ?? 0) - 0.15) < 1e-12)
        #expect(value(run, "m1-leaves", .utilisationMax).0 == .number(0.2))
        #expect(value(run, "m1-leaves", .budgetShare).0 == .number(0.1))

        // M1 leaves: everyone with M2 at Paris. A1 moves (1000 of the 1500 with a current manager), A3 is new.
        let cost = value(run, "m1-leaves", .planCost)
        #expect(abs((cost.1.number ?? 0) - (2 * lyonParis + 1000)) < 1e-6, "\(cost)")
        #expect(abs(lyonParis - 392.217) < 0.001)
        #expect(value(run, "m1-leaves", .movedTurnover).1 == .number(1000))
        #expect(abs((value(run, "m1-leaves", .movedShare).1.number ?? 0) - 2.0 / 3) < 1e-12)
        #expect(value(run, "m1-leaves", .managers) == (.number(2), .number(1), -1))
        #expect(value(run, "m1-leaves", .utilisationMax).1 == .number(0.3))
        #expect(value(run, "m1-leaves", .managerChanges) == (.number(0), .number(2), 2))
        #expect(value(run, "m1-leaves", .managerChangesTurnover).1 == .number(1100))
        #expect(value(run, "m1-leaves", .tierChanges).1 == .number(0))
        #expect(value(run, "m1-leaves", .status).2 == nil, "text metrics have no delta")

        // Only class A is key: A3 (class B) becomes standard and loses M1.
        #expect(value(run, "strict-key", .keyAccounts) == (.number(3), .number(2), -1))
        #expect(value(run, "strict-key", .standardAccounts) == (.number(0), .number(1), 1))
        #expect(value(run, "strict-key", .keyTurnoverShare).1 == .number(0.9375))
        #expect(value(run, "strict-key", .tierChanges).1 == .number(1))
        #expect(value(run, "strict-key", .managerChanges).1 == .number(1))
        #expect(value(run, "strict-key", .managerChangesTurnover).1 == .number(100))
        let strict = run.outcomes.first { $0.scenario == "strict-key" }!
        #expect(strict.changes.map { [run.accountIDs[$0.index], $0.kind, $0.baselineManager ?? "-", $0.manager ?? "-"] }
                == [["A3", "tier;manager", "M1", "-"]])
        #expect(strict.reasons[0].hasPrefix("tier: B: rank 3"), "\(strict.reasons[0])")
        #expect(strict.reasons[0].hasSuffix("manager: no manager: standard accounts are not planned"))

        let out = directory.appendingPathComponent("out")
        let csv = String(decoding: try Data(contentsOf: out.appendingPathComponent("whatif.csv")), as: UTF8.self)
        #expect(csv.hasPrefix("scenario,metric,baseline,value,delta\nm1-leaves,status,optimal,optimal,\nm1-leaves,why_no_plan,,,\n"))
        #expect(csv.contains("\nstrict-key,key_accounts,3,2,-1\n"))
        let changes = String(decoding: try Data(contentsOf: out.appendingPathComponent("whatif_accounts.csv")), as: UTF8.self)
        #expect(changes.hasPrefix("scenario,account_id,name,turnover,baseline_tier,tier,baseline_manager,manager,change,reason\n"
                                  + "m1-leaves,A1,Alpha,1000,key,key,M1,M2,manager,"), "\(changes)")
        for name in ["m1-leaves", "strict-key"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent(name).path)
            #expect(Set(files).isSuperset(of: ["tiers.csv", "assignments.csv", "manager_load.csv", "unassigned.csv",
                                               "rejects.csv", "run.json", "summary.md"]), "\(files)")
        }
        let assignments = String(decoding: try Data(contentsOf: out.appendingPathComponent("m1-leaves/assignments.csv")), as: UTF8.self)
        #expect(assignments.contains("\nA1,M2,key,100,"))
    }

    @Test func anInfeasibleScenarioIsAResultAndTheOthersStillRun() throws {
        // Without M1, A1's 1000 must move, but the budget allows 10 % of 1500.
        let (run, directory) = try run([("same", ""), ("m1-leaves", "scenario: {remove_managers: [M1]}\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(value(run, "m1-leaves", .status) == (.text("optimal"), .text("infeasible"), nil))
        guard case let .text(why) = value(run, "m1-leaves", .whyNoPlan).1 else { Issue.record("no reason"); return }
        #expect(why.hasPrefix("the disruption budget cannot be met"), "\(why)")
        #expect(value(run, "m1-leaves", .planCost) == (.number(0), .missing, nil))
        #expect(value(run, "m1-leaves", .assignedAccounts) == (.number(3), .number(0), -3))
        #expect(value(run, "m1-leaves", .managerChanges).1 == .missing)
        // A scenario identical to the base changes nothing.
        for row in run.rows where row.scenario == "same" {
            if row.metric.isText { #expect(row.baseline == row.value) } else { #expect(row.delta == 0 || (row.delta == nil && row.value == .missing), "\(row)") }
        }
        #expect(throws: Never.self) { try run.requireSomePlan() }
        #expect(run.markdown.contains("**No plan** (infeasible): the disruption budget cannot be met"))
    }

    @Test func noPlanInAnyScenarioIsAnError() throws {
        let (run, directory) = try run([("m1-leaves", "scenario: {remove_managers: [M1]}\n")])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: KeyAccountsError.self) { try run.requireSomePlan() }
    }

    @Test func twoScenariosCannotShareAName() throws {
        #expect(throws: KeyAccountsError.invalidPolicy(file: "b.yaml", line: nil, column: nil,
                                                       problem: "scenario name 'x' is already used by a.yaml; set scenario.name so each scenario has its own")) {
            _ = try run([("a", "scenario: {name: x}\n"), ("b", "scenario: {name: x}\n")])
        }
    }
}
