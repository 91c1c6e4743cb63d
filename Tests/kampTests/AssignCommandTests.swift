import Foundation
import Testing

@Suite struct AssignCommandTests {
    /// Every client is a key account; A5 is national in AT where no manager is based,
    /// A6 is global and speaks only Italian.
    let accounts = """
    account_id,name,turnover,hq_country,countries,regions,languages,industry,current_manager,workload_hours,latitude,longitude
    A1,Alpha,1000,DE,,,de,retail,M1,100,48.1,11.6
    A2,Beta,800,DE,,,de,energy,M1,100,48.2,11.5
    A3,=Gamma,600,DE,,,,retail,M2,100,52.5,13.4
    A4,Delta,400,DE,,,en,retail,,50,50.1,8.7
    A5,Epsilon,300,AT,,AT-9;AT-3,de,,,100,48.2,16.4
    A6,Zeta,200,IT,FR,,it,,,100,45.5,9.2
    """

    let managers = """
    manager_id,name,capacity_hours,base_country,languages,tiers,industries,latitude,longitude
    M1,Anna,150,DE,de;en,national;key,retail,48.1,11.6
    M2,Ben,300,DE,de,global;national;key,energy,52.5,13.4
    """

    let policy = """
    key:
      classes: [A, B, C]
      exclude_solvency: []
    assignment:
      max_moved_turnover_share: 0.5
    """

    func files(_ directory: URL, policy: String? = nil) throws -> [String] {
        let a = try directory.write(accounts, to: "accounts.csv")
        let m = try directory.write(managers, to: "managers.csv")
        let p = try directory.write(policy ?? self.policy, to: "policy.yaml")
        return [a.path, m.path, "--policy", p.path]
    }

    @Test func writesThePlanWithTheColumnsOfTheContract() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["assign"] + files(directory) + ["--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let assignments = try out.read("assignments.csv")
        #expect(assignments.hasPrefix("account_id,manager_id,tier,workload_hours,distance_km,continuity,cost,reason"))
        #expect(try out.read("manager_load.csv").hasPrefix(
            "manager_id,accounts,workload_hours,capacity_hours,utilisation,turnover,global,national,key,standard"))
        let unassigned = try out.read("unassigned.csv")
        #expect(unassigned.hasPrefix("account_id,tier,reason"))
        #expect(unassigned.contains("A5,national,no manager based in AT serves national accounts"))
        #expect(unassigned.contains("A6,global,no manager serves tier global in language it"))
        // M1 has 150 h: A1 stays, A2 (100 h) moves to M2.
        #expect(assignments.contains("A1,M1,key,100,0,kept,0,kept with M1 (current manager); 0 km; speaks de; industry retail matches,"),
                "\(assignments)")
        #expect(assignments.contains("A2,M2,key,100,"), "\(assignments)")
        #expect(assignments.contains(",moved,"))
        let lines = assignments.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first! }
        #expect(lines == lines.sorted(), "rows sorted by account_id")
        let run = try JSONSerialization.jsonObject(with: Data(try out.read("run.json").utf8)) as! [String: Any]
        let solver = (run["results"] as! [String: Any])["solver"] as! [String: Any]
        #expect(solver["status"] as? String == "optimal")
        #expect(try #require(solver["gap"] as? Double) <= 1e-9, "optimal means a gap of 0 within 1e-9")
        #expect(solver["best_bound"] != nil && solver["objective"] != nil && solver["iterations"] != nil)
        #expect((run["timings"] as! [String: Any])["solve"] != nil)
        #expect(result.stdout.contains("most loaded"))
    }

    @Test func rerunsAreByteIdentical() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = try files(directory)
        for name in ["one", "two"] {
            let result = try KampProcess.run(["assign"] + arguments + ["--out", directory.appendingPathComponent(name).path, "--quiet"])
            #expect(result.status == 0)
        }
        for file in ["assignments.csv", "manager_load.csv", "unassigned.csv", "tiers.csv", "summary.md"] {
            #expect(try directory.appendingPathComponent("one").read(file) == directory.appendingPathComponent("two").read(file),
                    "\(file) differs between runs")
        }
    }

    @Test func aBudgetThatCannotBeMetExits65WithTheSmallestShare() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tight = policy.replacingOccurrences(of: "0.5", with: "0.05")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["assign"] + files(directory, policy: tight) + ["--out", out.path])
        #expect(result.status == 65)
        // 2400 of turnover has a current manager; A2 (800) or A1 (1000) must leave M1: 800 / 2400.
        #expect(result.stderr.contains("the smallest budget share that could be met is 33.34 %"), "\(result.stderr)")
        #expect(result.stderr.contains("managers.csv"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("assignments.csv").path),
                "no plan that breaks a rule is written")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("unassigned.csv").path))
    }

    @Test func shortCapacityExits65WithTheHours() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = managers.replacingOccurrences(of: "M2,Ben,300", with: "M2,Ben,100")
        let arguments = try files(directory)
        _ = try directory.write(small, to: "managers.csv")
        let result = try KampProcess.run(["assign"] + arguments + ["--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("capacity short by 100 h"), "\(result.stderr)")
    }

    @Test func planWritesEveryStage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let survey = """
        account_id,respondent_id,feature,functional,dysfunctional
        A1,R1,delivery,2,5
        A2,R2,delivery,1,4
        A3,R3,delivery,2,5
        """
        let surveyFile = try directory.write(survey, to: "survey.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["plan"] + files(directory) + ["--survey", surveyFile.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["tiers.csv", "assignments.csv", "manager_load.csv", "unassigned.csv", "kano_features.csv",
                     "kano_accounts.csv", "rejects.csv", "run.json", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
        #expect(try out.read("summary.md").contains("## Assignment plan"))
    }

    @Test func demoPlansTheBundledSample() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["demo", "--out", out.path], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try out.read("assignments.csv").split(separator: "\n").count > 10)
        #expect(result.stdout.contains("assignments.csv"))
    }

    @Test func exportModelWritesThePairs() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("model.json")
        let result = try KampProcess.run(["assign"] + files(directory) + ["--export-model", model.path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: model)) as! [String: Any]
        #expect((json["account_ids"] as! [String]) == ["A1", "A2", "A3", "A4"])
        #expect((json["pair_start"] as! [Int]).count == 5)
        #expect(json["moved_budget"] as? Double == 0.5 * 2400)
    }
}
