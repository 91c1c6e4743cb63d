import Foundation
import Testing
@testable import KeyAccounts

@Suite struct WhatIfScenarioTests {
    let team = [
        Manager(id: "M1", capacityHours: 150, baseCountry: CountryCode(rawValue: "DE")!, languages: ["de"]),
        Manager(id: "M2", capacityHours: 300, baseCountry: CountryCode(rawValue: "DE")!, languages: ["de"]),
        Manager(id: "M3", capacityHours: 300, baseCountry: CountryCode(rawValue: "AT")!),
    ]

    @Test func readsPolicyKeysAndTeamChanges() throws {
        let scenario = try Scenario(yaml: """
            scenario:
              name: paris-office
              description: Two managers leave, a Paris office opens
              remove_managers: [M3]
              change_capacity: {M2: 800}
              add_managers:
                - {manager_id: P1, capacity_hours: 1600, base_country: fr, languages: [fr, en], tiers: [global, key], name: "Martin, Claire"}
                - manager_id: P2
                  capacity_hours: 900.5
                  base_country: FR
            abc: {a: 0.7}
            assignment: {max_moved_turnover_share: 0.05}
            """, file: "scenarios/paris.yaml", base: Policy())
        #expect(scenario.name == "paris-office")
        #expect(scenario.description == "Two managers leave, a Paris office opens")
        #expect(scenario.policy.abc.a == 0.7 && scenario.policy.abc.b == Policy().abc.b)
        #expect(scenario.policy.assignment.maxMovedTurnoverShare == 0.05)
        #expect(scenario.policyChanges(from: Policy()) == ["abc.a: 0.8 -> 0.7", "assignment.max_moved_turnover_share: 0.1 -> 0.05"])
        let result = try scenario.team(from: team, managersFile: "managers.csv")
        #expect(result.map(\.id) == ["M1", "M2", "P1", "P2"])
        #expect(result[1].capacityHours == 800)
        #expect(result[2].baseCountry.rawValue == "FR" && result[2].languages == ["en", "fr"] && result[2].tiers == [.global, .key])
        #expect(result[2].name == "Martin, Claire" && result[2].line == 7)
        #expect(result[3].capacityHours == 900.5 && result[3].tiers == Manager.defaultTiers)
        #expect(scenario.teamChangeTexts == ["removes M3", "sets the capacity of M2 to 800 h",
                                             "adds P1 (FR, 1600 h, tiers global;key)", "adds P2 (FR, 900.5 h, tiers key;standard)"])
    }

    @Test func anEmptyFileIsTheBaseUnderTheFileName() throws {
        var base = Policy()
        base.abc.a = 0.75
        let scenario = try Scenario(yaml: "", file: "dir/same as base.yml", base: base)
        #expect(scenario.name == "same as base")
        #expect(scenario.policy == base)
        #expect(scenario.policyChanges(from: base).isEmpty)
        #expect(try scenario.team(from: team, managersFile: "managers.csv") == team)
    }

    @Test(arguments: [
        // (yaml, line, column, problem)
        ("scenario:\n  remove_manager: [M1]\n", 2, 3,
         "unknown key 'scenario.remove_manager'; expected one of name, description, remove_managers, change_capacity, add_managers"),
        ("abc: {a: 1.5}\nscenario: {name: x}\n", 1, 10, "abc.a must be in (0, 1], got 1.5"),
        ("scenario:\n  change_capacity: {M1: 0}\n", 2, 25, "scenario.change_capacity.M1 must be hours > 0, got 0"),
        ("scenario:\n  change_capacity: {M1: lots}\n", 2, 25, "scenario.change_capacity.M1 must be a number hours > 0, got 'lots'"),
        ("scenario:\n  remove_managers: [M1, M1]\n", 2, 25, "scenario.remove_managers names M1 twice"),
        ("scenario:\n  add_managers:\n    - {manager_id: P1, capacity_hours: -5, base_country: FR}\n", 3, 7,
         "scenario.add_managers[1] capacity_hours: out of range: -5; expected hours > 0"),
        ("scenario:\n  add_managers:\n    - {manager_id: P1, capacity_hours: 5, base_country: XX}\n", 3, 7,
         "scenario.add_managers[1] base_country: unknown country code 'XX'; expected ISO 3166-1 alpha-2 such as DE"),
        ("scenario:\n  add_managers:\n    - {manager_id: P1, capacity_hours: 5, base_country: FR, office: Paris}\n", 3, 61,
         "unknown key 'scenario.add_managers[1].office'; expected one of manager_id, capacity_hours, base_country, name, base_region, latitude, longitude, languages, tiers, industries, max_accounts"),
        ("scenario:\n  name: ../escape\n", 2, 9,
         "scenario.name '../escape' must be a directory name: letters, digits, space, -, _ and . (not first); set scenario.name"),
        ("scenario:\n  name: [a\n", 3, 1, "not valid YAML: did not find expected ',' or ']'"),
    ])
    func badScenariosNameTheLineAndColumn(yaml: String, line: Int, column: Int, problem: String) {
        do {
            _ = try Scenario(yaml: yaml, file: "s.yaml", base: Policy())
            Issue.record("no error for \(yaml)")
        } catch {
            guard case let .invalidPolicy(file, errorLine, errorColumn, errorProblem) = error else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(file == "s.yaml")
            #expect(errorLine == line && errorColumn == column, "\(error)")
            #expect(errorProblem.hasPrefix(problem), "\(errorProblem)")
        }
    }

    @Test func teamChangesNameUnknownManagers() throws {
        func problem(_ yaml: String) throws -> String {
            let scenario = try Scenario(yaml: yaml, file: "s.yaml", base: Policy())
            do {
                _ = try scenario.team(from: team, managersFile: "managers.csv")
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(try problem("scenario:\n  remove_managers: [M1, M9]\n")
                == "s.yaml:2:25: invalid policy: scenario.remove_managers names M9, which is not in managers.csv")
        #expect(try problem("scenario:\n  change_capacity: {M9: 10}\n")
                == "s.yaml:2:21: invalid policy: scenario.change_capacity names M9, which is not in managers.csv")
        #expect(try problem("scenario:\n  remove_managers: M1\n  change_capacity: {M1: 10}\n")
                == "s.yaml:3:21: invalid policy: scenario.change_capacity names M1, which scenario.remove_managers removes")
        #expect(try problem("scenario:\n  add_managers: [{manager_id: M2, capacity_hours: 5, base_country: DE}]\n")
                .hasPrefix("s.yaml:2: invalid policy: scenario.add_managers adds M2, which is already in managers.csv"))
        // Removing a manager and adding one with the same id replaces it.
        let replaced = try Scenario(yaml: "scenario:\n  remove_managers: [M2]\n  add_managers: [{manager_id: M2, capacity_hours: 5, base_country: FR}]\n",
                                    file: "s.yaml", base: Policy()).team(from: team, managersFile: "managers.csv")
        #expect(replaced.map(\.id) == ["M1", "M3", "M2"] && replaced[2].baseCountry.rawValue == "FR")
    }

    @Test func aMissingFileCannotBeOpened() {
        #expect(throws: KeyAccountsError.cannotOpen(file: "/nonexistent/s.yaml", reason: "no such file")) {
            _ = try Scenario.load(path: "/nonexistent/s.yaml", base: Policy())
        }
    }
}
