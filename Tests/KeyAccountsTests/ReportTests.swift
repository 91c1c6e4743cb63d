import Foundation
import Testing
@testable import KeyAccounts

/// A five-client portfolio small enough to check every figure by hand.
///
/// Turnover 5000 + 3000 + 1000 + 600 + 400 = 10,000. With abc.a = 0.80: A1 (0 % before it) and A2 (50 %)
/// are A; A3 (80 %, not strictly below) and A4 (90 %) are B; A5 (96 %) is C.
/// A6 is rejected: its turnover is markup.
/// A1 buys in three countries: global; A2 in three regions: national.
enum ReportFixture {
    static let accountsCSV = """
    account_id,name,industry,turnover,hq_country,hq_region,countries,regions,latitude,longitude
    A1,<script>alert(1)</script>,chemicals,5000,DE,DE-BY,FR;PL,,48.14,11.58
    A2,Beta & Söhne,food,3000,DE,DE-BY,,DE-NW;DE-HE,,
    A3,"Gamma ""quoted"" 'GmbH'",food,1000,DE,DE-BE,,,52.52,13.40
    A4,Delta,steel,600,FR,,,,,
    A5,Epsilon,steel,400,DE,DE-HH,,,53.55,9.99
    A6,Zeta,steel,<img src=x onerror=alert(2)>,DE,,,,,
    """

    static let managersCSV = """
    manager_id,name,capacity_hours,base_country,latitude,longitude,tiers
    M1,<b>Anna</b>,1600,DE,48.1,11.6,global;national;key
    M2,Ben,1200,FR,,,key;standard
    """

    static let surveyCSV = """
    account_id,respondent_id,feature,functional,dysfunctional
    A1,r1,<i>fast</i> delivery,2,5
    A1,r2,<i>fast</i> delivery,2,5
    A1,r1,24h hotline,1,3
    A1,r2,24h hotline,1,3
    A2,r1,<i>fast</i> delivery,1,5
    A2,r1,24h hotline,3,3
    """

    static func inputs(survey: Bool = true, managers: Bool = true, clusters: Bool = false,
                       robustness: Bool = false, plan: Bool = false, managersCSV: String = managersCSV) throws -> ReportInputs {
        let accounts = try InputFiles.readAccounts(csv: accountsCSV)
        let managerFile = try InputFiles.readManagers(csv: managersCSV)
        precondition(!plan || managers, "a plan needs the managers")
        let answers = try InputFiles.readSurvey(csv: surveyCSV)
        let policy = Policy()
        let kano = survey ? KanoAnalysis(answers.value, settings: policy.kano) : nil
        let tiered = accounts.value.tiered(by: policy, needs: kano?.needsCriterion ?? [:])
        var reports = [accounts.report]
        if managers { reports.append(managerFile.report) }
        if survey { reports.append(answers.report) }
        var settings = policy.score.robustness
        settings.draws = 20
        return ReportInputs(command: "plan", inputs: reports, rejects: accounts.rejects, tiered: tiered,
                            managers: managers ? managerFile.value : nil, kano: kano,
                            clusters: clusters ? try tiered.clustered(by: policy, needs: kano?.needsCriterion, k: .fixed(2)) : nil,
                            robustness: robustness ? tiered.robustness(settings, needs: kano?.needsCriterion ?? [:]) : nil,
                            plan: plan ? AssignmentPlan.make(tiered: tiered, managers: managerFile.value, policy: policy) : nil)
    }
}

@Suite struct ReportPageTests {
    @Test func namesFromInputFilesAreShownAsText() throws {
        let page = Report(try ReportFixture.inputs()).html
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>alert"))
        // The page's own script is the only one.
        #expect(page.components(separatedBy: "<script").count == 2)
        // The rejected row's value, a manager's name and a need are escaped too.
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;b&gt;Anna&lt;/b&gt;"))
        #expect(page.contains("&lt;i&gt;fast&lt;/i&gt; delivery"))
        #expect(!page.contains("<i>fast"))
        #expect(page.contains("Beta &amp; Söhne"))
    }

    @Test func everySectionHeadingIsPresent() throws {
        let page = Report(try ReportFixture.inputs(clusters: true, robustness: true, plan: true)).html
        for heading in [ReportHeadings.headline, ReportHeadings.pareto, ReportHeadings.tiers, ReportHeadings.map,
                        ReportHeadings.clusters, ReportHeadings.needs, ReportHeadings.utilisation, ReportHeadings.assignments,
                        ReportHeadings.borderline, ReportHeadings.rejects] {
            #expect(page.contains("<h2>\(HTML.escaped(heading))</h2>"), "missing section \(heading)")
            #expect(page.contains(">\(HTML.escaped(heading))</a>"), "missing from the navigation: \(heading)")
        }
    }

    @Test func sectionsOfStagesThatDidNotRunAreLeftOut() throws {
        let page = Report(try ReportFixture.inputs(survey: false, managers: false)).html
        #expect(!page.contains(HTML.escaped(ReportHeadings.needs)))
        #expect(!page.contains(ReportHeadings.clusters))
        #expect(!page.contains(ReportHeadings.utilisation))
        #expect(!page.contains("<h2>\(ReportHeadings.assignments)</h2>"))
        #expect(!page.contains("Borderline under other score weights"))
        #expect(!page.contains("manager base"))
        #expect(page.contains("<h2>\(ReportHeadings.tiers)</h2>"))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let first = Report(try ReportFixture.inputs(clusters: true, robustness: true, plan: true)).html
        let second = Report(try ReportFixture.inputs(clusters: true, robustness: true, plan: true)).html
        #expect(first == second)
    }

    @Test func thePageLoadsNothing() throws {
        let page = Report(try ReportFixture.inputs()).html
        for forbidden in ["http://", "https://", " src=\"", "url(", "@import", "<link rel=\"stylesheet\"", "<iframe", "<object"] {
            #expect(!page.contains(forbidden), "page contains \(forbidden)")
        }
        #expect(page.contains("default-src &#39;none&#39;"), "the content security policy forbids any load")
        #expect(page.contains("<link rel=\"icon\" href=\"data:,\"/>"), "no favicon request")
    }

    @Test func headlineFiguresAreTheHandComputedOnes() throws {
        let headline = ReportHeadline(try ReportFixture.inputs())
        let figures = Dictionary(uniqueKeysWithValues: headline.figures.map { ($0.label, $0) })
        #expect(figures["Accounts"]?.value == "5")
        #expect(figures["Accounts"]?.detail == "10 k turnover; 1 row rejected")
        #expect(figures["Key accounts"]?.value == "2")
        #expect(figures["Key accounts"]?.detail == "1 global, 1 national, 0 key")
        #expect(figures["Turnover they cover"]?.value == "80.0 %")
        #expect(figures["Account managers"]?.value == "2")
        #expect(figures["Account managers"]?.detail == "2,800 hours of capacity a year")
        #expect(figures["Needs surveyed"]?.value == "2")
        #expect(figures["Needs surveyed"]?.detail == "3 respondents of 2 accounts")
        let markdown = headline.markdown
        #expect(markdown.hasPrefix("## Headline figures\n\n| figure | value | detail |\n| --- | --- | --- |\n"))
        #expect(markdown.contains("| Turnover they cover | 80.0 % | 8000 of 10 k |"))
    }

    @Test func paretoTableCountsTheClasses() throws {
        let page = Report(try ReportFixture.inputs()).html
        // A: A1 + A2 = 8000 of 10,000; B: A3 + A4 = 1600; C: A5 = 400.
        #expect(page.contains("<td>A</td><td class=\"num\">2</td><td class=\"num\">40.0 %</td><td class=\"num\">8000</td><td class=\"num\">80.0 %</td>"))
        #expect(page.contains("<td>B</td><td class=\"num\">2</td><td class=\"num\">40.0 %</td><td class=\"num\">1600</td><td class=\"num\">16.0 %</td>"))
        #expect(page.contains("<td>C</td><td class=\"num\">1</td><td class=\"num\">20.0 %</td><td class=\"num\">400</td><td class=\"num\">4.0 %</td>"))
    }

    @Test func nearMissesShowTheTurnoverThatMakesThemKey() throws {
        let page = Report(try ReportFixture.inputs()).html
        // A3 (1000) has exactly 80 % ranked above it: one cent more and it is A,
        // 1000.01 rounded up to three digits is 1010. A4 (600) must pass A3:
        // 1000.01 too, +66.7 %.
        #expect(page.contains("<td>A3</td><td>Gamma &quot;quoted&quot; &#39;GmbH&#39;</td><td class=\"num\">1000</td><td class=\"num\">≥ 1010</td><td class=\"num\">+0.0 %</td>"))
        #expect(page.contains("<td>A4</td><td>Delta</td><td class=\"num\">600</td><td class=\"num\">≥ 1010</td><td class=\"num\">+66.7 %</td>"))
    }

    @Test func clusterProfilesAreListed() throws {
        let inputs = try ReportFixture.inputs(clusters: true)
        let page = Report(inputs).html
        let clusters = try #require(inputs.clusters)
        #expect(clusters.k == 2)
        for profile in clusters.profiles {
            #expect(page.contains("<td class=\"num\">\(profile.number)</td><td>\(HTML.escaped(profile.label))</td><td class=\"num\">\(profile.size)</td>"))
        }
        let headline = ReportHeadline(inputs).figures.first { $0.label == "Client clusters" }
        #expect(headline?.value == "2")
    }

    @Test func planFiguresAreTheHandComputedOnes() throws {
        // Only M1 may serve global and national accounts: A1 (global, 400 h) and
        // A2 (national, 250 h) both go to M1: 650 of 1600 h = 40.6 %; all
        // managers 650 of 2800 h = 23.2 %. Nobody has a current manager: nothing moves.
        let inputs = try ReportFixture.inputs(plan: true)
        let figures = Dictionary(uniqueKeysWithValues: ReportHeadline(inputs).figures.map { ($0.label, $0) })
        #expect(figures["Utilisation"]?.value == "23.2 %")
        #expect(figures["Utilisation"]?.detail == "from 0.0 % to 40.6 % per manager")
        #expect(figures["Moved turnover"]?.value == "0.00 %")
        #expect(figures["Solver gap"]?.value == "0.000 %")
        #expect(figures["Solver gap"]?.detail == "optimal: cost equals the lower bound")
        let page = Report(inputs).html
        #expect(page.contains("<td>A1</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>global</td><td class=\"num\">5000</td><td>M1</td><td>&lt;b&gt;Anna&lt;/b&gt;</td><td>new</td>"))
        #expect(page.contains("<td>A2</td><td>Beta &amp; Söhne</td><td>national</td><td class=\"num\">3000</td><td>M1</td>"))
        #expect(page.contains("40.6 % · 2 acc."))
        #expect(page.contains("id=\"assignments-table\" class=\"sortable\""))
    }

    @Test func manyManagersShowTheBandsAndBothEnds() throws {
        let rows = (1...70).map { String(format: "M%02d,Manager %d,1000,DE,global;national;key", $0, $0) }
        let managers = (["manager_id,name,capacity_hours,base_country,tiers"] + rows).joined(separator: "\n")
        let page = Report(try ReportFixture.inputs(plan: true, managersCSV: managers)).html
        #expect(page.contains("<h3>Managers per utilisation band</h3>"))
        #expect(page.contains("<h3>The 30 busiest and the 30 least busy of 70 managers</h3>"))
        // 68 managers carry nothing: the 0-10 % band.
        #expect(page.contains(">0–10 %</text>"))
        #expect(page.components(separatedBy: "acc.</text>").count - 1 == 60)
    }

    @Test func aMissingPlanIsExplained() throws {
        // M1 can take A1 (400 h) or A2 (250 h), not both.
        let short = """
        manager_id,name,capacity_hours,base_country,tiers
        M1,Anna,500,DE,global;national;key
        """
        let inputs = try ReportFixture.inputs(plan: true, managersCSV: short)
        let plan = try #require(inputs.plan)
        #expect(!plan.hasPlan)
        let explanation = try #require(plan.explanation)
        #expect(explanation.hasPrefix("capacity short by 150 h"), "\(explanation)")
        let figures = ReportHeadline(inputs).figures
        #expect(figures.contains { $0.label == "Assignment plan" && $0.value == "none" && $0.detail == explanation })
        #expect(!figures.contains { $0.label == "Solver gap" })
        let page = Report(inputs).html
        #expect(page.contains("<p class=\"problem\">No plan keeps every rule: \(HTML.escaped(explanation)).</p>"))
        #expect(!page.contains("assignments-table"))
    }

    @Test func writeReportWritesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = try OutputDirectory(path: directory.path)
        let inputs = try ReportFixture.inputs()
        #expect(try out.writeReport(inputs) == "report.html")
        let written = try String(contentsOfFile: out.file("report.html"), encoding: .utf8)
        #expect(written == Report(inputs).html)
        #expect(written.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    }
}

@Suite struct HTMLBuilderTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d"),
        ("\"double\" 'single'", "&quot;double&quot; &#39;single&#39;"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("bell\u{07}nul\u{00}del\u{7F}", "bell\u{FFFD}nul\u{FFFD}del\u{FFFD}"),
        ("Müller – 東京", "Müller – 東京"),
    ])
    func escapes(input: String, expected: String) {
        #expect(HTML.escaped(input) == expected)
    }

    @Test func attributesAreEscapedAndNilOnesLeftOut() {
        var html = HTML()
        html.element("a", ["href": "#x\" onclick=\"alert(1)", "class": nil], text: "<b>")
        #expect(html.output == "<a href=\"#x&quot; onclick=&quot;alert(1)\">&lt;b&gt;</a>")
    }

    @Test func emptyElementsCloseThemselves() {
        var html = HTML()
        html.empty("circle", ["cx": "1", "cy": "2"])
        #expect(html.output == "<circle cx=\"1\" cy=\"2\"/>")
    }
}

@Suite struct ReportChartTests {
    @Test func ticksAreRoundNumbersInsideTheDomain() {
        #expect(LinearScale(domain: (0, 1), range: (0, 100)).ticks() == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(LinearScale(domain: (-23, 67), range: (0, 1)).ticks() == [-20, 0, 20, 40, 60])
        #expect(LinearScale(domain: (3, 3), range: (0, 1)).ticks() == [2, 2.5, 3, 3.5, 4])
    }

    @Test func scaleMapsTheDomainOntoTheRange() {
        let scale = LinearScale(domain: (0, 10), range: (300, 0))
        #expect(scale(0) == 300)
        #expect(scale(10) == 0)
        #expect(scale(2.5) == 225)
    }

    @Test func paretoCurveKeepsBothEndsAndThinsTheMiddle() {
        let shares = (1...1000).map { Double($0) / 1000 }
        let curve = ParetoChart.curve(cumulativeShares: shares, limit: 400)
        #expect(curve.first! == (0, 0))
        #expect(curve.last! == (1, 1))
        #expect(curve.count == 501)  // rank 2, 4, ..., 998 plus both ends
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(ParetoChart.curve(cumulativeShares: []).count == 1)
    }

    @Test func labelsDoNotOverlapWhileThereIsRoom() {
        var placer = LabelPlacer(bounds: .init(left: 0, top: 0, right: 400, bottom: 400), fontSize: 10)
        let first = placer.place("first label", x: 200, y: 200, required: true)!
        let second = placer.place("second label", x: 200, y: 200, required: true)!
        let third = placer.place("third label", x: 200, y: 200, required: true)!
        #expect(first.anchor == "start" && !first.displaced)
        #expect(second.anchor == "end" && !second.displaced)
        #expect(third.displaced)
        #expect(placer.taken.count == 3)
        for (index, box) in placer.taken.enumerated() {
            for other in placer.taken[(index + 1)...] { #expect(!box.overlaps(other)) }
        }
    }

    @Test func aLabelThatFitsNowhereIsDroppedUnlessRequired() {
        var placer = LabelPlacer(bounds: .init(left: 0, top: 0, right: 30, bottom: 12), fontSize: 10)
        #expect(placer.place("much too long to fit", x: 15, y: 6, required: false) == nil)
        #expect(placer.place("x", x: 5, y: 6, required: false) != nil)
    }

    @Test func bigPortfoliosAreSampledKeyAccountsFirst() {
        let accounts = (0..<50).map { account(String(format: "C%03d", $0), Double(100 - $0)) }
        let tiered = Portfolio(accounts: accounts).tiered(by: Policy())
        let (all, sampledAll) = Report.sampledIndices(tiered, limit: 100)
        #expect(!sampledAll && all.count == 50)
        let (some, sampled) = Report.sampledIndices(tiered, limit: 20)
        #expect(sampled && some.count == 20)
        #expect(Set(some).count == 20)
        let keyCount = some.filter { tiered.decisions[$0].tier.isKeyAccount }.count
        #expect(keyCount == 15)  // three quarters of the room go to key accounts, largest first
        #expect(some.prefix(15).map { tiered.accounts[$0].id } == (0..<15).map { String(format: "C%03d", $0) })
    }
}

@Suite struct FormatGroupedTests {
    @Test(arguments: [(0.0, "0"), (999, "999"), (1000, "1,000"), (1234567.4, "1,234,567"), (-1234, "-1,234"), (999.5, "1,000")])
    func groupsThousands(value: Double, expected: String) {
        #expect(Format.grouped(value) == expected)
    }
}
