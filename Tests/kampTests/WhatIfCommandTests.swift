import Foundation
import Testing

@Suite struct WhatIfCommandTests {
    var datasets: URL { KampProcess.packageRoot.appendingPathComponent("Datasets") }

    func scenarioFiles(_ directory: URL) throws -> [String] {
        let base = try directory.write("seed: 7\n", to: "base.yaml")
        let same = try directory.write("scenario:\n  description: the base again\n", to: "same.yaml")
        let leave = try directory.write("""
            scenario:
              name: two-leave
              remove_managers: [M03, M07]
              add_managers:
                - {manager_id: P01, capacity_hours: 1600, base_country: FR, languages: [fr, en], tiers: [global, national, key]}
            abc: {a: 0.7}
            """, to: "leave.yaml")
        return ["--policy", base.path, "--scenario", same.path, "--scenario", leave.path]
    }

    @Test func comparesTwoScenariosOnTheBundledDatasetsAndRerunsByteForByte() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = [datasets.appendingPathComponent("accounts.csv").path, datasets.appendingPathComponent("managers.csv").path]
        let arguments = try ["whatif"] + inputs + scenarioFiles(directory)
        let first = directory.appendingPathComponent("first"), second = directory.appendingPathComponent("second")
        let result = try KampProcess.run(arguments + ["--out", first.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("two-leave"))

        let csv = try first.read("whatif.csv")
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == "scenario,metric,baseline,value,delta")
        let scenarios = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
        #expect(scenarios == scenarios.sorted(), "rows sorted by the first column")
        #expect(Set(scenarios) == ["same", "two-leave"])
        // The scenario identical to the base: every delta 0, every text as in the baseline.
        for line in lines.dropFirst() where line.hasPrefix("same,") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == 5, "\(line)")
            #expect(cells[2] == cells[3], "\(line)")
            #expect(cells[4] == "0" || (cells[4].isEmpty && (cells[1] == "status" || cells[1] == "why_no_plan")), "\(line)")
        }
        #expect(lines.contains("two-leave,managers,40,39,-1"), "\(csv)")
        #expect(lines.contains { $0.hasPrefix("two-leave,accounts_changing_tier,0,") && !$0.hasSuffix(",0") })
        for name in ["same", "two-leave"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: first.appendingPathComponent(name).path)
            #expect(Set(files).isSuperset(of: ["tiers.csv", "assignments.csv", "manager_load.csv", "unassigned.csv", "rejects.csv",
                                               "clusters.csv", "run.json", "summary.md"]), "\(name): \(files)")
        }
        #expect(try first.read("same/assignments.csv").split(separator: "\n").count == 141)
        #expect(try first.read("whatif.md").contains("## two-leave"))
        #expect(try first.read("whatif_accounts.csv").hasPrefix("scenario,account_id,name,turnover,baseline_tier,tier,"))

        let again = try KampProcess.run(arguments + ["--out", second.path, "--quiet"])
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again.stderr)")
        for file in ["whatif.csv", "whatif.md", "whatif_accounts.csv", "same/tiers.csv", "two-leave/assignments.csv",
                     "two-leave/manager_load.csv", "two-leave/summary.md"] {
            #expect(try first.read(file) == second.read(file), "\(file) differs between runs")
        }
        func withoutTimings(_ json: String) throws -> NSDictionary {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            return object.filter { $0.key != "timings" } as NSDictionary
        }
        #expect(try withoutTimings(first.read("run.json")) == withoutTimings(second.read("run.json")))
        let run = try JSONSerialization.jsonObject(with: Data(try first.read("two-leave/run.json").utf8)) as! [String: Any]
        #expect(run["command"] as? String == "whatif")
        #expect(run["seed"] as? Int == 7)
    }

    @Test func aBadScenarioIsADataErrorWithLineAndColumn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = try directory.write("scenario:\n  remove_managers: [M03, M99]\n", to: "bad.yaml")
        let base = try directory.write("", to: "base.yaml")
        let inputs = [datasets.appendingPathComponent("accounts.csv").path, datasets.appendingPathComponent("managers.csv").path]
        let out = directory.appendingPathComponent("out").path
        let unknown = try KampProcess.run(["whatif"] + inputs + ["--policy", base.path, "--scenario", bad.path, "--out", out])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("bad.yaml:2:26: invalid policy: scenario.remove_managers names M99, which is not in "),
                "\(unknown.stderr)")

        let typo = try directory.write("abc:\n  a: 1.5\n", to: "typo.yaml")
        let invalid = try KampProcess.run(["whatif"] + inputs + ["--policy", base.path, "--scenario", typo.path, "--out", out])
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("typo.yaml:2:6: invalid policy: abc.a must be in (0, 1], got 1.5"), "\(invalid.stderr)")

        let missing = try KampProcess.run(["whatif"] + inputs + ["--policy", base.path, "--scenario",
                                                                 directory.appendingPathComponent("nope.yaml").path, "--out", out])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.yaml: cannot open: no such file"), "\(missing.stderr)")

        let noScenario = try KampProcess.run(["whatif"] + inputs + ["--policy", base.path, "--out", out])
        #expect(noScenario.status == 64)
        let noPolicy = try KampProcess.run(["whatif"] + inputs + ["--scenario", bad.path, "--out", out])
        #expect(noPolicy.status == 64)
    }

    @Test func noPlanInAnyScenarioExits65AfterWritingTheComparison() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let accounts = try directory.write("account_id,turnover,hq_country,current_manager\nA1,100,DE,M1\nA2,50,DE,M1\n", to: "a.csv")
        let managers = try directory.write("manager_id,capacity_hours,base_country\nM1,1000,DE\nM2,1000,DE\n", to: "m.csv")
        let base = try directory.write("key: {classes: [A, B, C]}\n", to: "base.yaml")
        let gone = try directory.write("scenario: {remove_managers: [M1]}\nassignment: {max_moved_turnover_share: 0}\n", to: "gone.yaml")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["whatif", accounts.path, managers.path, "--policy", base.path, "--scenario", gone.path,
                                          "--out", out.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("no scenario has a plan: gone: the disruption budget cannot be met"), "\(result.stderr)")
        #expect(try out.read("whatif.csv").contains("\ngone,status,optimal,infeasible,\n"))
    }
}
