// board-report: the director's page for your own pipeline.
//
// A notebook-as-script for planners: `kamp plan` writes report.html for the
// policy it is given; this script shows how to draw the same page from the
// library, here for the bundled sample under a stricter key account rule
// (A class = the first 70 % of turnover instead of 80 %), so the board can
// see both versions side by side.
//
//   swift run board-report [--out DIR] [ACCOUNTS MANAGERS SURVEY]
//   (default: Datasets/accounts.csv Datasets/managers.csv Datasets/survey.csv, DIR .build/board-report)

import Foundation
import KeyAccounts

// 1. Inputs. `make notebooks` runs this from the package root.
var arguments = Array(CommandLine.arguments.dropFirst())
var outPath = ".build/board-report"
if let flag = arguments.firstIndex(of: "--out"), flag + 1 < arguments.count {
    outPath = arguments[flag + 1]
    arguments.removeSubrange(flag...(flag + 1))
}
let paths = arguments.count >= 3 ? Array(arguments.prefix(3))
    : ["Datasets/accounts.csv", "Datasets/managers.csv", "Datasets/survey.csv"]

do {
    let accounts = try InputFiles.readAccounts(path: paths[0])
    let managers = try InputFiles.readManagers(path: paths[1])
    let survey = try InputFiles.readSurvey(path: paths[2])

    // 2. The policy of the scenario: everything default but the A cut-off.
    var policy = Policy()
    policy.abc.a = 0.70

    // 3. The stages the page draws from: needs (Kano), the tiers they feed,
    //    the clusters, how robust the key account list is to the weights,
    //    and who would serve the (now fewer) key accounts.
    let kano = KanoAnalysis(survey.value, settings: policy.kano)
    let tiered = accounts.value.tiered(by: policy, needs: kano.needsCriterion)
    let clusters = try tiered.clustered(by: policy, needs: kano.needsCriterion)
    policy.score.robustness.enabled = true
    let robustness = tiered.robustness(policy.score.robustness, needs: kano.needsCriterion)
    let plan = AssignmentPlan.make(tiered: tiered, managers: managers.value, policy: policy)

    // 4. The page and the headline figures that summary.md would carry.
    let report = ReportInputs(command: "board-report", inputs: [accounts.report, managers.report, survey.report],
                              rejects: accounts.rejects + managers.rejects + survey.rejects,
                              tiered: tiered, managers: managers.value, kano: kano, clusters: clusters,
                              robustness: robustness, plan: plan)
    let out = try OutputDirectory(path: outPath)
    try out.writeReport(report)
    print(ReportHeadline(report).markdown)
    print("wrote \(out.file("report.html"))")
} catch {
    FileHandle.standardError.write(Data("board-report: \(error)\n".utf8))
    exit(1)
}
