// needs-by-tier: "which needs separate our global key accounts from our national ones?"
//
// A notebook-as-script for planners: read it top to bottom, rerun it, change
// a policy number and compare. It tiers the bundled sample (Datasets/), runs
// the Kano analysis per tier, and prints each need's category, Better and
// Worse for global and national key accounts side by side, the needs whose
// category differs first.
//
//   swift run needs-by-tier [ACCOUNTS SURVEY]     (default: Datasets/accounts.csv Datasets/survey.csv)

import Foundation
import KeyAccounts

// 1. Inputs. `make notebooks` runs this from the package root; the paths can
//    also be given, to ask the same question of your own portfolio.
let arguments = Array(CommandLine.arguments.dropFirst())
let accountsPath = arguments.count >= 2 ? arguments[0] : "Datasets/accounts.csv"
let surveyPath = arguments.count >= 2 ? arguments[1] : "Datasets/survey.csv"

let policy = Policy()   // the documented defaults; try `policy.kano.tieMargin = 0.05`
let accounts: Loaded<Portfolio>
let survey: Loaded<[SurveyAnswer]>
do {
    accounts = try InputFiles.readAccounts(path: accountsPath)
    survey = try InputFiles.readSurvey(path: surveyPath)
} catch {
    FileHandle.standardError.write(Data("needs-by-tier: \(error)\n".utf8))
    exit(66)
}
print("\(accounts.value.accounts.count) accounts, \(survey.value.count) survey answers "
      + "(\(accounts.rejects.count + survey.rejects.count) rows rejected)")

// 2. Tier the portfolio the way `kamp tier --survey` does: the survey feeds the
//    needs criterion of the score, then the Kano analysis is grouped by tier.
let perAccount = KanoAnalysis(survey.value, settings: policy.kano)
let tiered = accounts.value.tiered(by: policy, needs: perAccount.needsCriterion)
let byTier = perAccount.regrouped(by: .byTier(tiered))
for entry in tiered.countsByTier where entry.tier.isKeyAccount {
    print("  \(entry.tier): \(entry.count) accounts")
}

// 3. Global next to national, per need.
struct Comparison {
    var feature: String
    var global: KanoFeatureResult?
    var national: KanoFeatureResult?

    var differs: Bool { global?.evaluation.category != national?.evaluation.category }
    /// How far apart the two tiers are on Better and Worse together.
    var gap: Double {
        guard let global, let national else { return 0 }
        return abs((global.evaluation.better ?? 0) - (national.evaluation.better ?? 0))
            + abs((global.evaluation.worse ?? 0) - (national.evaluation.worse ?? 0))
    }
}

let rows = byTier.features
let comparisons = Set(rows.map(\.feature)).sorted().map { feature in
    Comparison(feature: feature,
               global: rows.first { $0.segment == Tier.global.rawValue && $0.feature == feature },
               national: rows.first { $0.segment == Tier.national.rawValue && $0.feature == feature })
}
// Differing categories first, then the widest gap; ties by name.
let ordered = comparisons.sorted { lhs, rhs in
    if lhs.differs != rhs.differs { return lhs.differs }
    if lhs.gap != rhs.gap { return lhs.gap > rhs.gap }
    return lhs.feature < rhs.feature
}

func cells(_ result: KanoFeatureResult?) -> [String] {
    guard let result else { return ["-", "0", "", ""] }
    let evaluation = result.evaluation
    return [evaluation.category.name + (evaluation.fongSignificant ? " *" : ""), String(evaluation.n),
            evaluation.better.map { Format.fixed($0, 2) } ?? "", evaluation.worse.map { Format.fixed($0, 2) } ?? ""]
}

let table = TextTable(
    header: ["need", "differs", "global", "n", "Better", "Worse", "national", "n", "Better", "Worse"],
    rows: ordered.map { [$0.feature, $0.differs ? "yes" : ""] + cells($0.global) + cells($0.national) })
print("\nNeeds of global vs national key accounts (* = Fong-significant, z \(Format.compact(policy.kano.fongZ)); "
      + "tie margin \(Format.compact(policy.kano.tieMargin))):\n")
print(table.rendered)

// 4. The answer in words, for the account plan.
let separating = ordered.filter(\.differs)
if separating.isEmpty {
    print("Global and national key accounts put every need in the same category.")
} else {
    print("Needs that separate global from national key accounts:")
    for comparison in separating {
        let global = comparison.global?.evaluation.category.name ?? "not asked"
        let national = comparison.national?.evaluation.category.name ?? "not asked"
        let solid = (comparison.global?.evaluation.fongSignificant ?? false) && (comparison.national?.evaluation.fongSignificant ?? false)
        print("  - \(comparison.feature): \(global) for global, \(national) for national"
              + (solid ? "" : " (one side not Fong-significant: confirm with more respondents)"))
    }
}
