import Foundation
import Testing

@Suite struct TierCommandTests {
    let accounts = """
    account_id,name,turnover,hq_country,countries,regions,hq_region
    A1,Alpha,1000,DE,FR;PL,,DE-BY
    A2,Beta,500,FR,,,
    A3,=Gamma,300,DE,,DE-NW;DE-HE,DE-BY
    A4,Delta,-5,DE,,,
    """

    @Test func writesTheFilesOfTheContract() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["tier", input.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["tiers.csv", "rejects.csv", "run.json", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
        let tiers = try out.read("tiers.csv")
        #expect(tiers.hasPrefix("account_id,name,tier,score,rank,abc_class,turnover,turnover_share,cumulative_share,"
                                + "solvency_zone,solvency_score,countries,regions,flags,reason"))
        #expect(tiers.contains("A3,'=Gamma,"), "formula-like names are neutralised")
        let rejects = try out.read("rejects.csv")
        #expect(rejects.contains(",5,A4,turnover,"))
        #expect(result.stdout.contains("1 rejected row"))
    }

    @Test func rerunsAreByteIdentical() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        for name in ["one", "two"] {
            let result = try KampProcess.run(["tier", input.path, "--out", directory.appendingPathComponent(name).path, "--quiet"])
            #expect(result.status == 0)
        }
        for file in ["tiers.csv", "rejects.csv", "summary.md"] {
            let one = try directory.appendingPathComponent("one").read(file)
            let two = try directory.appendingPathComponent("two").read(file)
            #expect(one == two, "\(file) differs between runs")
        }
    }

    @Test(arguments: [
        (["tier"], Int32(64)),
        (["tier", "/nonexistent/accounts.csv"], Int32(66)),
        (["tier", "ACCOUNTS", "--format", "xml"], Int32(64)),
        (["frobnicate"], Int32(64)),
    ])
    func exitCodes(arguments: [String], expected: Int32) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let resolved = arguments.map { $0 == "ACCOUNTS" ? input.path : $0 } + ["--out", directory.appendingPathComponent("out").path]
        let result = try KampProcess.run(arguments == ["frobnicate"] ? arguments : resolved)
        #expect(result.status == expected, "stderr: \(result.stderr)")
    }

    @Test func missingColumnNamesFileAndColumn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write("account_id,hq_country\nA1,DE\n", to: "accounts.csv")
        let result = try KampProcess.run(["tier", input.path, "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("accounts.csv:1: missing required column turnover"))
    }

    @Test func unbalancedQuoteNamesLineAndColumn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write("account_id,turnover,hq_country\nA1,10,DE\nA2,\"20,DE\n", to: "accounts.csv")
        let result = try KampProcess.run(["tier", input.path, "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("accounts.csv:3:4:"), "\(result.stderr)")
    }

    @Test func strictTurnsRejectsIntoAnError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["tier", input.path, "--strict", "--out", out.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains(":5:"), "names the first rejected line: \(result.stderr)")
        #expect(try out.read("rejects.csv").contains("A4"), "rejects.csv is written even when --strict stops the run")
    }

    @Test func noValidRowIsADataError() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write("account_id,turnover,hq_country\nA1,-1,DE\n", to: "accounts.csv")
        let result = try KampProcess.run(["tier", input.path, "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("no valid row"))
    }

    @Test func invalidPolicyIsADataErrorWithTheKey() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let policy = try directory.write("abc:\n  a: 1.5\n", to: "policy.yaml")
        let result = try KampProcess.run(["tier", input.path, "--policy", policy.path, "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("policy.yaml:2:6: invalid policy: abc.a must be in (0, 1], got 1.5"), "\(result.stderr)")
    }

    @Test func unwritableOutputIs73() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(accounts, to: "accounts.csv")
        let blocker = try directory.write("a file, not a directory", to: "out")
        let result = try KampProcess.run(["tier", input.path, "--out", blocker.path])
        #expect(result.status == 73)
    }
}

@Suite struct ValidateCommandTests {
    @Test func reportsRejectsAndExitsZero() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let accounts = try directory.write("account_id,turnover,hq_country\nA1,10,DE\nA2,x,DE\n", to: "accounts.csv")
        let managers = try directory.write("manager_id,capacity_hours,base_country\nM1,1000,DE\nM2,-1,DE\n", to: "managers.csv")
        let survey = try directory.write("account_id,respondent_id,feature,functional,dysfunctional\nA1,R1,f,1,5\nZZ,R2,f,1,5\n", to: "survey.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["validate", accounts.path, managers.path, survey.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 rejected rows"))
        let rejects = try out.read("rejects.csv")
        #expect(rejects.contains("accounts.csv,3,A2,turnover,x,"))
        #expect(rejects.contains("managers.csv,3,M2,capacity_hours,'-1,"))
        #expect(rejects.contains("survey.csv,3,ZZ,account_id,ZZ,account_id not found"))
        let strict = try KampProcess.run(["validate", accounts.path, "--strict", "--out", out.path])
        #expect(strict.status == 65)
    }

    @Test func jsonFormatWritesJSONTables() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let accounts = try directory.write("account_id,turnover,hq_country,name\nA1,10,DE,\"Q \"\"x\"\"\"\n", to: "accounts.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["tier", accounts.path, "--format", "json", "--out", out.path, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty, "--quiet prints nothing")
        let data = try Data(contentsOf: out.appendingPathComponent("tiers.json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["name"] as? String == "Q \"x\"")
        #expect(rows[0]["tier"] as? String == "key")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("rejects.json").path))
    }
}
