// manager-leaves: "our busiest account manager leaves; who takes over their
// accounts, and what does it cost us?"
//
// A notebook-as-script for planners: read it top to bottom, rerun it, change
// a number and compare. It plans the bundled sample (Datasets/) as
// `kamp plan` does, removes the most loaded manager, plans again under the
// same policy (the same disruption budget), and prints who moves, to whom,
// and what it costs.
//
//   swift run manager-leaves [ACCOUNTS MANAGERS SURVEY]   (default: the files in Datasets/)

import Foundation
import KeyAccounts

// 1. Inputs. `make notebooks` runs this from the package root; the paths can
//    also be given, to ask the same question of your own team.
let arguments = Array(CommandLine.arguments.dropFirst())
let accountsPath = arguments.count >= 3 ? arguments[0] : "Datasets/accounts.csv"
let managersPath = arguments.count >= 3 ? arguments[1] : "Datasets/managers.csv"
let surveyPath = arguments.count >= 3 ? arguments[2] : "Datasets/survey.csv"

let policy = Policy()   // the documented defaults; try `policy.assignment.maxMovedTurnoverShare = 0.05`
let today: AssignRun
do {
    today = try AssignRun.run(accountsPath: accountsPath, managersPath: managersPath, surveyPath: surveyPath,
                              policy: policy, strict: false, out: nil)
} catch {
    FileHandle.standardError.write(Data("manager-leaves: \(error)\n".utf8))
    exit(66)
}
let before = today.plan
guard before.hasPlan, let busiest = before.mostLoaded else {
    print("no plan for today's team: \(before.explanation ?? "no manager")")
    exit(1)
}

// 2. The plan with today's team, and who is busiest in it.
let team = before.instance.managers
let leaver = team[busiest.manager]
func describe(_ plan: AssignmentPlan) -> String {
    "cost \(Format.trimmed(plan.solution.objective ?? 0, 1)) (\(plan.solution.status.rawValue), gap "
        + "\(Format.percent(plan.solution.gap ?? 0, decimals: 3))); \(plan.count(.kept)) kept, \(plan.count(.moved)) moved, "
        + "\(plan.count(.new)) new; moved turnover \(Format.percent(plan.movedShare, decimals: 2)) of a budget of "
        + "\(Format.percent(policy.assignment.maxMovedTurnoverShare, decimals: 2))"
}
print("today:  \(before.rows.count) key accounts on \(team.count) managers; \(describe(before))")
print("\(leaver.id) \(leaver.name ?? "") leaves: \(Format.percent(busiest.utilisation)) loaded, "
      + "\(busiest.accounts) accounts, \(Format.money(busiest.turnover)) turnover")

// 3. Plan again without them. Their clients must move whatever happens, so
//    their turnover counts against the same budget.
let remaining = team.filter { $0.id != leaver.id }
var after = AssignmentPlan.make(tiered: today.tiered, managers: remaining, policy: policy)
if !after.hasPlan {
    print("\nwithout \(leaver.id) no plan keeps every rule: \(after.explanation ?? "")")
    if case let .budget(shortfall) = after.infeasibility {
        // What it would take: the smallest budget that can be met.
        var relaxed = policy
        relaxed.assignment.maxMovedTurnoverShare = min(1, (shortfall.smallestShare * 10_000).rounded(.up) / 10_000)
        print("planning with the smallest budget that can be met, \(Format.percent(relaxed.assignment.maxMovedTurnoverShare, decimals: 2))")
        after = AssignmentPlan.make(tiered: today.tiered, managers: remaining, policy: relaxed)
    }
    guard after.hasPlan else { exit(1) }
}
print("after:  \(describe(after))")

// 4. Who moves, to whom, and what each change costs (the plan's cost terms:
//    km, language, industry, move).
struct Change {
    var account: String
    var name: String
    var from: String
    var to: String
    var delta: Double
    var reason: String
}
func managerByAccount(_ plan: AssignmentPlan) -> [String: (manager: String, cost: Double)] {
    var result: [String: (String, Double)] = [:]
    for row in plan.rows {
        result[plan.instance.account(row.account).id] = (plan.instance.managers[row.manager].id, row.cost.total)
    }
    return result
}
let was = managerByAccount(before), now = managerByAccount(after)
var changes: [Change] = []
for row in after.rows {
    let account = after.instance.account(row.account)
    guard let previous = was[account.id], let current = now[account.id], previous.manager != current.manager else { continue }
    changes.append(Change(account: account.id, name: account.name ?? "", from: previous.manager, to: current.manager,
                          delta: current.cost - previous.cost, reason: row.reason))
}
changes.sort { ($0.from == leaver.id ? 0 : 1, $0.account) < ($1.from == leaver.id ? 0 : 1, $1.account) }
let rows = changes.map { [$0.account, $0.name, $0.from, $0.to, Format.trimmed($0.delta, 1), $0.reason] }
print("\n\(changes.count) accounts change manager (\(changes.filter { $0.from == leaver.id }.count) of them were \(leaver.id)'s):")
print(TextTable(header: ["account", "name", "from", "to", "cost change", "why"], rows: rows).rendered, terminator: "")
let lost = before.rows.count - after.rows.count
if lost > 0 { print("\(lost) accounts have no eligible manager left (unassigned.csv would say why)") }
let extra = (after.solution.objective ?? 0) - (before.solution.objective ?? 0)
print("\nthe plan costs \(Format.trimmed(extra, 1)) more a year in km, language, industry and move terms "
      + "(\(Format.percent(extra / max(1, before.solution.objective ?? 1), decimals: 1)))")
if let most = after.mostLoaded {
    let manager = after.instance.managers[most.manager]
    print("busiest now: \(manager.id) \(manager.name ?? "") at \(Format.percent(most.utilisation))")
}
