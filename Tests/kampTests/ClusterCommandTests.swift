import Foundation
import Testing

@Suite struct ClusterCommandTests {
    /// Twelve clients in three obvious groups, one rejected row.
    static let accounts = """
    account_id,name,turnover,hq_country,countries,solvency_score,turnover_prev
    G1,Global One,2000000,DE,FR;PL;IT,85,1800000
    G2,Global Two,2500000,FR,DE;ES;IT,80,2400000
    G3,Global Three,1800000,NL,DE;FR;BE,90,1700000
    G4,Global Four,2200000,DE,FR;NL;GB,88,2000000
    M1,Mid One,50000,DE,,50,30000
    M2,Mid Two,60000,DE,,55,35000
    M3,Mid Three,55000,FR,,45,30000
    M4,Mid Four,52000,FR,,52,29000
    S1,Small One,1000,DE,,20,1500
    S2,Small Two,1200,DE,,25,1600
    S3,Small Three,900,FR,,15,1400
    S4,Small Four,1100,FR,,22,1500
    X1,Broken,lots,DE,,50,1000
    """

    @Test func writesTheFilesOfTheContract() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(Self.accounts, to: "accounts.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["cluster", input.path, "--k", "3", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let clusters = try out.read("clusters.csv").split(separator: "\n").map(String.init)
        #expect(clusters[0].hasPrefix("account_id,cluster,pc1,pc2"))
        #expect(clusters.count == 13, "header + 12 used accounts")
        #expect(clusters[1].hasPrefix("G1,1,"), "the global group has the largest turnover share: cluster 1")
        #expect(clusters.filter { $0.hasPrefix("S") }.allSatisfy { $0.split(separator: ",")[1] == "3" })
        let features = try out.read("features.csv").split(separator: "\n").map(String.init)
        #expect(features[0] == "account_id,log_turnover,growth,solvency,countries,regions")
        #expect(features.count == 13)
        let profiles = try out.read("cluster_profiles.csv").split(separator: "\n").map(String.init)
        #expect(profiles[0].hasPrefix("cluster,label,size,share_of_accounts,turnover,turnover_share,log_turnover,growth,solvency,countries,regions,global,national,key,standard"))
        #expect(profiles.count == 4)
        #expect(profiles[1].hasPrefix("1,\"large, solvent, multi-country\",4,"))
        #expect(try out.read("rejects.csv").contains(",14,X1,turnover,"))
        let record = try JSONSerialization.jsonObject(with: Data(try out.read("run.json").utf8)) as! [String: Any]
        #expect(record["command"] as? String == "cluster")
        let figures = (record["results"] as! [String: Any])["cluster"] as! [String: Any]
        #expect(figures["k"] as? Int == 3)
        #expect(result.stdout.contains("silhouette"))
    }

    @Test func autoPrintsTheSilhouettePerK() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(Self.accounts, to: "accounts.csv")
        let result = try KampProcess.run(["cluster", input.path, "--k", "auto", "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("k") && lines[0].contains("silhouette"))
        for k in 2...10 { #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(k) ") }, "k = \(k) listed") }
    }

    @Test func rerunsAreByteIdenticalAndTheSeedMatters() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(Self.accounts, to: "accounts.csv")
        for (name, seed) in [("one", "7"), ("two", "7")] {
            let result = try KampProcess.run(["cluster", input.path, "--k", "4", "--seed", seed, "--quiet",
                                              "--out", directory.appendingPathComponent(name).path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for file in ["clusters.csv", "cluster_profiles.csv", "features.csv", "summary.md"] {
            #expect(try directory.appendingPathComponent("one").read(file) == directory.appendingPathComponent("two").read(file), "\(file) differs")
        }
    }

    @Test(arguments: [
        (["--k", "0"], Int32(64)),
        (["--k", "many"], Int32(64)),
        (["--k", "20"], Int32(65)),
    ])
    func badKIsAnError(arguments: [String], expected: Int32) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(Self.accounts, to: "accounts.csv")
        let result = try KampProcess.run(["cluster", input.path] + arguments + ["--out", directory.appendingPathComponent("out").path])
        #expect(result.status == expected, "\(result.stderr)")
        if expected == 65 {
            #expect(result.stderr.contains("accounts.csv: 12 accounts cannot form 20 clusters"), "\(result.stderr)")
        }
    }

    @Test func jsonFormatWritesTheSameTables() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try directory.write(Self.accounts, to: "accounts.csv")
        let out = directory.appendingPathComponent("out")
        let result = try KampProcess.run(["cluster", input.path, "--k", "2", "--format", "json", "--out", out.path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(try out.read("clusters.json").utf8)) as! [[String: Any]]
        #expect(rows.count == 12)
        #expect(rows[0]["account_id"] as? String == "G1")
    }
}
