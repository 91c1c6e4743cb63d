import Foundation
import Testing

@Suite struct KanoCommandTests {
    static let accounts = """
    account_id,name,turnover,hq_country,countries,regions,hq_region,industry
    A1,Alpha,1000,DE,FR;PL,,DE-BY,chemicals
    A2,Beta,600,DE,,DE-NW;DE-HE,DE-BY,retail
    A3,Gamma,10,DE,,,,
    """

    static let survey = """
    account_id,respondent_id,feature,functional,dysfunctional,importance
    A1,r1,delivery,2,5,9
    A1,r1,portal,1,3,6
    A1,r2,delivery,3,5,7
    A1,r2,portal,3,3,
    A2,r1,delivery,1,5,8
    A2,r1,portal,1,2,4
    ZZ,r1,delivery,2,5,
    A3,r1,portal,6,1,
    """

    struct Setup {
        let directory: URL
        let accounts: URL
        let survey: URL
        var out: URL { directory.appendingPathComponent("out") }
    }

    func setup() throws -> Setup {
        let directory = try temporaryDirectory()
        return Setup(directory: directory, accounts: try directory.write(Self.accounts, to: "accounts.csv"),
                     survey: try directory.write(Self.survey, to: "survey.csv"))
    }

    @Test func withoutByOneSegmentAll() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let result = try KampProcess.run(["kano", files.survey.path, "--out", files.out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let features = try files.out.read("kano_features.csv").split(separator: "\n")
        #expect(features[0].hasPrefix("segment,feature,n,M,O,A,I,R,Q,mode,category,total_strength,category_strength,"
                                      + "better,worse,fong_significant"))
        // delivery: M 3 (A1 r1, A1 r2, ZZ), O 1 (A2): without --accounts ZZ counts.
        #expect(features[1].hasPrefix("all,delivery,4,3,1,0,0,0,0,M,M,1,0.5,0.25,-1,false,8,3,"))
        #expect(features.count == 3)
        let accounts = try files.out.read("kano_accounts.csv").split(separator: "\n")
        #expect(accounts[0].hasPrefix("account_id,feature,category,better,worse"))
        #expect(accounts[1].hasPrefix("A1,delivery,M,0,-1,"))
        #expect(accounts.last!.hasPrefix("ZZ,delivery,M,0,-1,"))
        let rejects = try files.out.read("rejects.csv")
        #expect(rejects.contains("survey.csv,9,A3,functional,6,"), "\(rejects)")
        #expect(result.stdout.contains("must-be"))
        for file in ["run.json", "rejects.csv"] {
            #expect(FileManager.default.fileExists(atPath: files.out.appendingPathComponent(file).path))
        }
    }

    @Test func unknownAccountsAreRejectedWithAccounts() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let result = try KampProcess.run(["kano", files.survey.path, "--accounts", files.accounts.path, "--out", files.out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rejects = try files.out.read("rejects.csv")
        #expect(rejects.contains(",8,ZZ,account_id,ZZ,account_id not found in the accounts file"), "\(rejects)")
        #expect(try files.out.read("kano_features.csv").contains("all,delivery,3,2,1,"))
    }

    @Test func byTierSegmentsByTheTierOfEachAccount() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let result = try KampProcess.run(["kano", files.survey.path, "--accounts", files.accounts.path, "--by", "tier",
                                          "--out", files.out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try files.out.read("kano_features.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        // A1 buys in three countries: global; A2 in three regions: national (both class A).
        #expect(rows.map { "\($0[0])/\($0[1])" } == ["global/delivery", "global/portal", "national/delivery", "national/portal"])
        #expect(rows[0][10] == "M")
        #expect(rows[2][10] == "O")
        let run = try files.out.read("run.json")
        #expect(run.contains("\"segmented_by\" : \"tier\""))
    }

    @Test func byIndustryAndByAccount() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        var result = try KampProcess.run(["kano", files.survey.path, "--accounts", files.accounts.path, "--by", "industry",
                                          "--out", files.out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let industries = try files.out.read("kano_features.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(Set(industries) == ["chemicals", "retail"])
        result = try KampProcess.run(["kano", files.survey.path, "--by", "account", "--out", files.out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let segments = try files.out.read("kano_features.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(segments == ["A1", "A1", "A2", "A2", "ZZ"])
    }

    @Test(arguments: [
        (["--by", "tier"], Int32(64)),
        (["--by", "region", "--accounts", "ACCOUNTS"], Int32(64)),
        (["--strict"], Int32(65)),
    ])
    func exitCodes(arguments: [String], expected: Int32) throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let resolved = arguments.map { $0 == "ACCOUNTS" ? files.accounts.path : $0 }
        let result = try KampProcess.run(["kano", files.survey.path] + resolved + ["--out", files.out.path])
        #expect(result.status == expected, "stderr: \(result.stderr)")
    }

    @Test func byClusterSegmentsTheSampleByItsClusters() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let datasets = KampProcess.packageRoot.appendingPathComponent("Datasets")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["kano", datasets.appendingPathComponent("survey.csv").path,
                                          "--accounts", datasets.appendingPathComponent("accounts.csv").path,
                                          "--by", "cluster", "--out", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let segments = Set(try out.read("kano_features.csv").split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(segments.count >= 2)
        #expect(segments.allSatisfy { $0.hasPrefix("cluster ") }, "\(segments)")
    }

    @Test func missingSurveyIs66AndNoValidRowIs65() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        var result = try KampProcess.run(["kano", files.directory.appendingPathComponent("nope.csv").path, "--out", files.out.path])
        #expect(result.status == 66)
        let bad = try files.directory.write("account_id,respondent_id,feature,functional,dysfunctional\nA1,r1,x,0,9\n", to: "bad.csv")
        result = try KampProcess.run(["kano", bad.path, "--out", files.out.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.csv: no valid row left"))
    }

    @Test func wideSurveyFromATool() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let wide = try files.directory.write("""
        Timestamp,Account ID,Respondent ID,delivery (functional),delivery (dysfunctional),portal (functional),portal (dysfunctional)
        2024-03-01,A1,r1,I expect it,I dislike it,I like it,I am neutral
        2024-03-01,A1,r2,I am neutral,I dislike it,I am neutral,I am neutral
        2024-03-02,A2,r1,I like it,I dislike it,I like it,I expect it
        """, to: "wide.csv")
        let result = try KampProcess.run(["kano", wide.path, "--out", files.out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try files.out.read("kano_features.csv").contains("all,delivery,3,2,1,0,0,0,0,M,M,"))
    }

    @Test func tierWithSurveyListsMustBeNeeds() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let result = try KampProcess.run(["tier", files.accounts.path, "--survey", files.survey.path, "--out", files.out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = csvRows(try files.out.read("tiers.csv"))
        let header = rows[0]
        let mustBe = try #require(header.firstIndex(of: "must_be"))
        let needs = try #require(header.firstIndex(of: "score_needs"))
        let flags = try #require(header.firstIndex(of: "flags"))
        let a1 = rows[1]
        #expect(a1[0] == "A1")
        #expect(a1[mustBe] == "delivery")
        #expect(!a1[needs].isEmpty)
        let a3 = rows[3]
        #expect(a3[0] == "A3")
        #expect(a3[mustBe].isEmpty)
        #expect(a3[flags].contains("missing_needs"), "A3's only answer was rejected: no needs value")
    }

    @Test func rerunsAreByteIdenticalAndJSONWorks() throws {
        let files = try setup()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        for name in ["one", "two"] {
            let result = try KampProcess.run(["kano", files.survey.path, "--accounts", files.accounts.path, "--by", "tier",
                                              "--out", files.directory.appendingPathComponent(name).path, "--quiet"])
            #expect(result.status == 0)
        }
        for file in ["kano_features.csv", "kano_accounts.csv", "rejects.csv"] {
            #expect(try files.directory.appendingPathComponent("one").read(file)
                    == files.directory.appendingPathComponent("two").read(file), "\(file) differs")
        }
        let result = try KampProcess.run(["kano", files.survey.path, "--format", "json", "--out", files.out.path])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(try files.out.read("kano_features.json").utf8)) as? [[String: Any]]
        #expect(json?.first?["segment"] as? String == "all")
        #expect(json?.first?["category"] as? String == "M")
    }
}

/// Cells of a small RFC 4180 CSV text (quoted fields, doubled quotes), for checking outputs.
func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var previous: Character?
    for character in text {
        if quoted {
            if character == "\"" { quoted = false } else { cell.append(character) }
        } else {
            switch character {
            case "\"":
                if previous == "\"" { cell.append("\"") }
                quoted = true
            case ",": row.append(cell); cell = ""
            case "\n": row.append(cell); rows.append(row); row = []; cell = ""
            default: cell.append(character)
            }
        }
        previous = character
    }
    if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
    return rows
}
