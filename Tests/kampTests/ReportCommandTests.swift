import Foundation
import Testing

/// report.html and summary.md as `kamp plan` and `kamp demo` write them.
@Suite struct ReportCommandTests {
    let accounts = """
    account_id,name,industry,turnover,hq_country,hq_region,countries,regions,languages,current_manager
    A1,<script>alert(1)</script>,chemicals,5000,DE,DE-BY,FR;PL,,de,M1
    A2,Beta & Söhne,food,3000,DE,DE-BY,,DE-NW;DE-HE,de,
    A3,Gamma,food,1000,DE,DE-BE,,,,
    A4,Delta,steel,600,FR,,,,,
    A5,"=HYPERLINK(""http://example.invalid"")",steel,400,DE,DE-HH,,,,
    A6,Zeta,steel,oops,DE,,,,,
    """

    let managers = """
    manager_id,name,capacity_hours,base_country,languages,tiers
    M1,<b>Anna</b>,1600,DE,de;en,global;national;key
    M2,Ben,1200,FR,fr,key;standard
    """

    let survey = """
    account_id,respondent_id,feature,functional,dysfunctional
    A1,r1,<i>fast</i> delivery,2,5
    A1,r2,<i>fast</i> delivery,2,5
    A2,r1,<i>fast</i> delivery,1,5
    A2,r1,24h hotline,1,3
    """

    func plan(in directory: URL, out name: String) throws -> KampProcess.Result {
        let files = [try directory.write(accounts, to: "accounts.csv"), try directory.write(managers, to: "managers.csv"),
                     try directory.write(survey, to: "survey.csv")]
        return try KampProcess.run(["plan", files[0].path, files[1].path, "--survey", files[2].path,
                                    "--out", directory.appendingPathComponent(name).path, "--quiet"])
    }

    @Test func planWritesASafeDeterministicPage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["one", "two"] {
            let result = try plan(in: directory, out: name)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let one = directory.appendingPathComponent("one"), two = directory.appendingPathComponent("two")
        let page = try one.read("report.html")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;b&gt;Anna&lt;/b&gt;") && !page.contains("<b>Anna"))
        #expect(page.contains("&lt;i&gt;fast&lt;/i&gt; delivery"))
        // A formula-like name is plain text on the page; its URL is text, never a link.
        #expect(!page.contains("href=\"http"))
        #expect(page.contains("oops"), "the rejected row is listed")
        for heading in ["Headline figures", "Turnover concentration", "Tiers", "Where the clients are", "Needs by tier (Kano)",
                        "Manager utilisation", "Assignments", "Borderline accounts", "Rejected rows"] {
            #expect(page.contains("<h2>\(heading)</h2>"), "missing \(heading)")
        }
        for file in ["report.html", "summary.md"] {
            #expect(try one.read(file) == two.read(file), "\(file) differs between two runs")
        }
    }

    @Test func summaryCarriesTheHeadlineFigures() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try plan(in: directory, out: "out")
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try directory.appendingPathComponent("out").read("summary.md")
        #expect(summary.hasPrefix("# Key account plan\n\n## Headline figures\n\n| figure | value | detail |\n"))
        #expect(summary.contains("| Accounts | 5 | 10 k turnover; 1 row rejected |"))
        #expect(summary.contains("| Key accounts | 2 | 1 global, 1 national, 0 key |"))
        #expect(summary.contains("| Turnover they cover | 80.0 % | 8000 of 10 k |"))
        #expect(summary.contains("| Utilisation |"))
        #expect(summary.contains("| Solver gap |"))
        let page = try directory.appendingPathComponent("out").read("report.html")
        #expect(page.contains("<div class=\"label\">Turnover they cover</div><div class=\"value\">80.0 %</div>"))
    }

    @Test func demoWritesEverySection() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KampProcess.run(["demo", "--out", directory.path, "--quiet"], in: KampProcess.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        let page = try directory.read("report.html")
        for heading in ["Headline figures", "Turnover concentration", "Tiers", "Where the clients are", "Client clusters",
                        "Needs by tier (Kano)", "Manager utilisation", "Assignments", "Borderline accounts", "Rejected rows"] {
            #expect(page.contains("<h2>\(heading)</h2>"), "missing \(heading)")
        }
        // Bounded size: sampled maps and capped tables keep the page light.
        #expect(page.utf8.count < 2_000_000)
    }
}
