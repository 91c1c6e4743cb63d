/// The sections drawn from the assignment plan: how loaded each manager is,
/// and who serves which key account, with the reason.
extension Report {
    /// Rows of the assignment table on the page (largest turnover first); assignments.csv has them all.
    static let assignmentRowLimit = 2_000
    /// Above this many managers the page shows the utilisation bands and both ends, not every bar.
    static let managerBarLimit = 60

    func utilisationSection(_ html: inout HTML, _ plan: AssignmentPlan) {
        let managers = plan.instance.managers
        let loads = plan.loads.sorted { lhs, rhs in
            if lhs.utilisation != rhs.utilisation { return lhs.utilisation > rhs.utilisation }
            return managers[lhs.manager].id < managers[rhs.manager].id
        }
        if !plan.hasPlan {
            html.element("p", ["class": "note"], text: "No plan, so no manager carries any load yet: \(plan.explanation ?? "").")
        }
        let workload = loads.reduce(0) { $0 + $1.workloadHours }, capacity = loads.reduce(0) { $0 + $1.capacityHours }
        html.element("p", ["class": "note"],
                     text: "Hours of planned accounts over each manager's capacity_hours; the dashed line is 100 %. "
                         + "All managers together: \(Format.grouped(workload)) of \(Format.grouped(capacity)) h "
                         + "(\(Format.percent(capacity > 0 ? workload / capacity : 0))). Bars are red from 95 %, light under 50 %.")
        func bar(_ load: ManagerLoad) -> Bar {
            let manager = managers[load.manager]
            let colour = load.utilisation >= 0.95 ? "u-full" : load.utilisation < 0.5 ? "u-low" : "u-ok"
            return Bar(label: "\(manager.id) \(manager.name ?? "")", value: load.utilisation,
                       valueLabel: "\(Format.percent(load.utilisation)) · \(load.accounts) acc.",
                       colourClass: colour,
                       title: "\(manager.name ?? manager.id): \(Format.trimmed(load.workloadHours, 1)) of "
                           + "\(Format.trimmed(load.capacityHours, 1)) h, \(load.accounts) accounts, "
                           + "\(Format.money(load.turnover)) turnover; kept \(load.kept), gained \(load.gained), "
                           + "new \(load.new), lost \(load.lost)")
        }
        guard loads.count > Self.managerBarLimit else {
            BarChart(bars: loads.map(bar), scaleMaximum: 1, reference: (1, "100 %"), barHeight: 11, labelWidth: 220, width: 1000,
                     valueWidth: 140).draw(&html, label: "Utilisation of each account manager")
            return
        }
        // Thousands of bars read as noise: the distribution, then both ends.
        var buckets = [Int](repeating: 0, count: 11)
        for load in loads { buckets[min(10, max(0, Int((load.utilisation * 10).rounded(.down))))] += 1 }
        html.element("h3", text: "Managers per utilisation band")
        BarChart(bars: buckets.indices.reversed().map { band in
            let label = band == 10 ? "100 %" : "\(band * 10)–\(band * 10 + 10) %"
            let colour = band >= 10 || band == 9 ? "u-full" : band < 5 ? "u-low" : "u-ok"
            return Bar(label: label, value: Double(buckets[band]), valueLabel: Format.grouped(Double(buckets[band])),
                       colourClass: colour)
        }, barHeight: 12, labelWidth: 110, width: 1000, valueWidth: 80).draw(&html, label: "Number of managers per utilisation band")
        let half = Self.managerBarLimit / 2
        html.element("h3", text: "The \(half) busiest and the \(half) least busy of \(Format.grouped(Double(loads.count))) managers")
        BarChart(bars: loads.prefix(half).map(bar) + loads.suffix(half).map(bar), scaleMaximum: 1, reference: (1, "100 %"),
                 barHeight: 11, labelWidth: 220, width: 1000, valueWidth: 140)
            .draw(&html, label: "Utilisation of the busiest and the least busy account managers")
    }

    func assignmentSection(_ html: inout HTML, _ plan: AssignmentPlan) {
        let instance = plan.instance
        guard plan.hasPlan else {
            html.element("p", ["class": "problem"], text: "No plan keeps every rule: \(plan.explanation ?? "").")
            unassignedTable(&html, plan)
            return
        }
        let solution = plan.solution
        let gap = solution.gap ?? 0
        let keepable = instance.keepableTurnover
        let budgetShare = keepable > 0 ? instance.budgetTurnover / keepable : 0
        html.element("p", ["class": "note"],
                     text: "\(Format.grouped(Double(plan.rows.count))) accounts planned: \(plan.count(.kept)) kept with "
                         + "their current manager, \(plan.count(.moved)) moved, \(plan.count(.new)) new. Moved turnover "
                         + "\(Format.money(plan.movedTurnover)) = \(Format.percent(plan.movedShare, decimals: 2)) of the "
                         + "turnover with a current manager (budget \(Format.percent(budgetShare, decimals: 2))). "
                         + "Solver: \(solution.status == .optimal ? "optimal, the cost equals the lower bound" : "gap \(Format.percent(gap, decimals: 3)) to the lower bound, stopped by \(solution.stoppedBy.replacingOccurrences(of: "_", with: " "))"). "
                         + "Cost = \(Format.compact(instance.rules.settings.cost.perKm)) per km + "
                         + "\(Format.compact(instance.rules.settings.cost.language)) without a shared language + "
                         + "\(Format.compact(instance.rules.settings.cost.industry)) outside the manager's industries + "
                         + "\(Format.compact(instance.rules.settings.cost.move)) for a move.")
        let order = plan.rows.indices.sorted { lhs, rhs in
            let left = instance.account(plan.rows[lhs].account), right = instance.account(plan.rows[rhs].account)
            if left.turnover != right.turnover { return left.turnover > right.turnover }
            return left.id < right.id
        }
        if order.count > Self.assignmentRowLimit {
            html.element("p", ["class": "note"], text: "The \(Format.grouped(Double(Self.assignmentRowLimit))) accounts with the "
                + "largest turnover are listed; assignments.csv has all \(Format.grouped(Double(order.count))).")
        }
        html.element("div", ["class": "scroll"]) { html in
            table(&html, header: ["account", "name", "tier", "turnover", "manager", "manager name", "continuity", "km", "hours",
                                  "cost", "reason"],
                  numeric: [false, false, false, true, false, false, false, true, true, true, false],
                  rows: order.prefix(Self.assignmentRowLimit).map { position in
                      let row = plan.rows[position]
                      let account = instance.account(row.account), manager = instance.managers[row.manager]
                      return [account.id, account.name ?? "", instance.tier(row.account).rawValue, Format.money(account.turnover),
                              manager.id, manager.name ?? "", row.continuity.rawValue, Format.grouped(row.cost.distanceKm),
                              Format.trimmed(instance.problem.workloads[row.account], 1), Format.grouped(row.cost.total), row.reason]
                  }, id: "assignments-table", interactive: true)
        }
        unassignedTable(&html, plan)
    }

    private func unassignedTable(_ html: inout HTML, _ plan: AssignmentPlan) {
        let accounts = plan.instance.tiered.accounts
        let unassigned = plan.instance.unassigned.sorted { accounts[$0.index].id < accounts[$1.index].id }
        guard !unassigned.isEmpty else { return }
        html.element("h3", text: "Without an eligible manager (\(Format.grouped(Double(unassigned.count))))")
        table(&html, header: ["account", "name", "tier", "turnover", "reason"], numeric: [false, false, false, true, false],
              rows: unassigned.prefix(Self.rejectRowLimit).map { entry in
                  let account = accounts[entry.index]
                  return [account.id, account.name ?? "", entry.tier.rawValue, Format.money(account.turnover), entry.reason]
              })
    }
}

extension AssignmentPlan {
    /// Utilisation, disruption against its budget, and how close to optimal the plan is.
    func headlineFigures() -> [HeadlineFigure] {
        guard hasPlan else {
            return [HeadlineFigure(label: "Assignment plan", value: "none", detail: explanation ?? "")]
        }
        let workload = loads.reduce(0) { $0 + $1.workloadHours }, capacity = loads.reduce(0) { $0 + $1.capacityHours }
        let lowest = loads.map(\.utilisation).min() ?? 0, highest = loads.map(\.utilisation).max() ?? 0
        let keepable = instance.keepableTurnover
        let budgetShare = keepable > 0 ? instance.budgetTurnover / keepable : 0
        var figures = [
            HeadlineFigure(label: "Utilisation", value: Format.percent(capacity > 0 ? workload / capacity : 0),
                           detail: "from \(Format.percent(lowest)) to \(Format.percent(highest)) per manager"),
            HeadlineFigure(label: "Moved turnover", value: Format.percent(movedShare, decimals: 2),
                           detail: "\(Format.money(movedTurnover)) moved; budget \(Format.percent(budgetShare, decimals: 2)) "
                               + "= \(Format.money(instance.budgetTurnover))"),
            HeadlineFigure(label: "Solver gap", value: Format.percent(solution.gap ?? 0, decimals: 3),
                           detail: solution.status == .optimal ? "optimal: cost equals the lower bound"
                               : "cost \(Format.grouped(solution.objective ?? 0)), bound \(Format.grouped(solution.bound))"),
        ]
        if !instance.unassigned.isEmpty {
            figures.append(HeadlineFigure(label: "Without eligible manager", value: Format.grouped(Double(instance.unassigned.count)),
                                          detail: "key accounts no manager may serve (unassigned.csv)"))
        }
        return figures
    }
}

extension AssignmentPlan: ProgressDescribing {
    public var progressDescription: String {
        guard hasPlan else { return "no plan" }
        return "\(Format.grouped(Double(rows.count))) accounts, \(solution.status.rawValue), gap "
            + Format.percent(solution.gap ?? 0, decimals: 3)
    }
}
