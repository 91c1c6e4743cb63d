import Foundation

/// `kamp whatif`: the plan of the base policy and team (the baseline), the
/// plan of each scenario, and what changes between them.
///
/// The inputs are read once; every plan is a full `kamp plan` on them, and
/// each scenario's files go to its own sub-directory as they are made, so
/// only the compact `PlanFigures` of each plan stay in memory.
public struct ScenarioRun: Sendable {
    public var scenarios: [Scenario]
    public var baseline: PlanFigures
    /// One per scenario, in the order of `scenarios`.
    public var outcomes: [ScenarioOutcome]
    public var record: RunRecord
    /// Account ids, names and per-scenario reasons for the changed accounts.
    var accountIDs: [String]
    var accountNames: [String?]

    /// A scenario's plan compared with the baseline.
    public struct ScenarioOutcome: Hashable, Codable, Sendable {
        public var scenario: String
        public var figures: PlanFigures
        /// Accounts whose tier or manager changes, by turnover descending, then account_id.
        public var changes: [AccountChange]
        /// Why each changed account has its new tier and manager, aligned with `changes`.
        public var reasons: [String]
        /// The policy keys the scenario changes (`abc.a: 0.8 -> 0.7`).
        public var policyChanges: [String]
        /// The team changes in words (`removes M03, M07`).
        public var teamChanges: [String]
    }

    /// Plans the baseline and every scenario and writes each scenario's
    /// `kamp plan` files into `out/<scenario name>` (the whatif files are
    /// written by `write(to:)`).
    /// - Parameters:
    ///   - scenarios: already loaded on top of `base`; their names must differ.
    ///   - progress: told the name of each plan before it starts.
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row,
    ///   rejects under `strict`, a scenario naming unknown managers, or two
    ///   scenarios with one name. An infeasible plan is a result, not an error.
    public static func run(accountsPath: String, managersPath: String, surveyPath: String?, base: Policy,
                           scenarios: [Scenario], strict: Bool, out: OutputDirectory,
                           progress: (String) -> Void = { _ in }) throws -> ScenarioRun {
        var clock = Stopwatch()
        var seen: [String: String] = [:]
        for scenario in scenarios {
            if let first = seen[scenario.name.lowercased()] {
                throw KeyAccountsError.invalidPolicy(file: scenario.file, line: nil, column: nil,
                                                     problem: "scenario name '\(scenario.name)' is already used by \(first); "
                                                         + "set scenario.name so each scenario has its own")
            }
            seen[scenario.name.lowercased()] = scenario.file
        }
        let managers = try clock.measure("read_managers") { try InputFiles.readManagers(path: managersPath) }
        let accounts = try clock.measure("read_accounts") { try InputFiles.readAccounts(path: accountsPath) }
        let survey = try surveyPath.map { path in try clock.measure("read_survey") { try InputFiles.readSurvey(path: path) } }
        let inputs: [any InputCheckable] = [accounts, managers] + (survey.map { [$0] } ?? [])
        try InputCheck.enforce(inputs, strict: strict, out: out)
        // Every scenario's team is checked before the first plan, so a typo
        // in the last file does not cost the time of all the plans before it.
        let teams = try scenarios.map { scenario throws(KeyAccountsError) in
            try scenario.team(from: managers.value, managersFile: managersPath)
        }

        progress("baseline")
        let baseRun = try clock.measure("plan_baseline") {
            try PlanRun.run(accounts: accounts, managers: managers, survey: survey, policy: base, strict: false, out: nil)
        }
        let baseline = PlanFigures(baseRun)
        var outcomes: [ScenarioOutcome] = []
        for (scenario, team) in zip(scenarios, teams) {
            progress(scenario.name)
            let directory = try OutputDirectory(path: out.file(scenario.name), format: out.format)
            var teamInput = managers
            teamInput.value = team
            var run = try clock.measure("plan_scenarios") {
                try PlanRun.run(accounts: accounts, managers: teamInput, survey: survey, policy: scenario.policy,
                                strict: false, out: directory)
            }
            run.record.command = "whatif"
            run.record.results["scenario"] = scenario.resultsJSON
            try clock.measure("write") { _ = try run.write(to: directory) }
            outcomes.append(outcome(of: scenario, run: run, baseline: baseline, base: base))
        }
        var record = baseRun.record
        record.command = "whatif"
        record.results = ["baseline": baseRun.record.results["solver"] ?? .null]
        record.results["scenarios"] = .array(zip(scenarios, outcomes).map { scenario, outcome in
            guard case var .object(object) = scenario.resultsJSON else { return scenario.resultsJSON }
            object["status"] = .string(outcome.figures.status)
            object["why_no_plan"] = outcome.figures.whyNoPlan.map { .string($0) } ?? .null
            return .object(object)
        })
        record.timings = clock.timings
        let portfolio = accounts.value.accounts
        return ScenarioRun(scenarios: scenarios, baseline: baseline, outcomes: outcomes, record: record,
                           accountIDs: portfolio.map(\.id), accountNames: portfolio.map(\.name))
    }

    private static func outcome(of scenario: Scenario, run: PlanRun, baseline: PlanFigures, base: Policy) -> ScenarioOutcome {
        let figures = PlanFigures(run)
        let tiered = run.assignment.tiered, plan = run.assignment.plan
        let accounts = tiered.accounts
        let changes = AccountChange.changes(from: baseline, to: figures).sorted { lhs, rhs in
            lhs.turnover != rhs.turnover ? lhs.turnover > rhs.turnover : accounts[lhs.index].id < accounts[rhs.index].id
        }
        // Why each changed account now has its tier and manager, from the scenario's own tables.
        var planReason: [Int: String] = [:]
        for row in plan.rows { planReason[plan.instance.planned[row.account]] = row.reason }
        for entry in plan.instance.unassigned { planReason[entry.index] = "no manager: \(entry.reason)" }
        let reasons = changes.map { change in
            var parts: [String] = []
            if change.tierChanged { parts.append("tier: \(tiered.reason(at: change.index))") }
            if change.managerChanged {
                let why = planReason[change.index]
                    ?? (plan.instance.rules.isAssigned(change.tier) ? "no manager" : "no manager: \(change.tier) accounts are not planned")
                parts.append("manager: \(why)")
            }
            return parts.joined(separator: "; ")
        }
        return ScenarioOutcome(scenario: scenario.name, figures: figures, changes: changes, reasons: reasons,
                               policyChanges: scenario.policyChanges(from: base), teamChanges: scenario.teamChangeTexts)
    }

    // MARK: tables

    /// The rows of whatif.csv: scenarios by name, metrics in `WhatIfMetric` order.
    public var rows: [WhatIfRow] {
        outcomes.sorted { $0.scenario < $1.scenario }.flatMap { outcome in
            WhatIfMetric.allCases.map { metric in
                var baseValue = metric.value(baseline, changes: [])
                var value = metric.value(outcome.figures, changes: outcome.changes)
                // Managers are compared only between two plans.
                if metric == .managerChanges || metric == .managerChangesTurnover,
                   baseline.whyNoPlan != nil || outcome.figures.whyNoPlan != nil {
                    baseValue = baseline.whyNoPlan == nil ? baseValue : .missing
                    value = .missing
                }
                let delta = metric.isText ? nil : value.number.flatMap { v in baseValue.number.map { v - $0 } }
                return WhatIfRow(scenario: outcome.scenario, metric: metric, baseline: baseValue, value: value, delta: delta)
            }
        }
    }

    public var table: TableSpec {
        let rows = self.rows
        return TableSpec(name: "whatif", columns: ["scenario", "metric", "baseline", "value", "delta"], rowCount: rows.count) { index, writer in
            let row = rows[index]
            writer.text(row.scenario)
            writer.text(row.metric.rawValue)
            for value in [row.baseline, row.value] {
                switch value {
                case let .number(number): writer.number(number)
                case let .text(text): writer.text(text)
                case .missing: writer.text(nil)
                }
            }
            writer.number(row.delta)
        }
    }

    /// whatif_accounts.csv: every account that changes tier or manager in a
    /// scenario; scenarios by name, then turnover descending, then account_id.
    public var accountsTable: TableSpec {
        let entries = outcomes.sorted { $0.scenario < $1.scenario }.flatMap { outcome in
            zip(outcome.changes, outcome.reasons).map { (outcome.scenario, $0, $1) }
        }
        let ids = accountIDs, names = accountNames
        let columns = ["scenario", "account_id", "name", "turnover", "baseline_tier", "tier", "baseline_manager", "manager",
                       "change", "reason"]
        return TableSpec(name: "whatif_accounts", columns: columns, rowCount: entries.count) { index, writer in
            let (scenario, change, reason) = entries[index]
            writer.text(scenario)
            writer.text(ids[change.index])
            writer.text(names[change.index])
            writer.number(change.turnover, decimals: 2)
            writer.text(change.baselineTier.rawValue)
            writer.text(change.tier.rawValue)
            writer.text(change.baselineManager)
            writer.text(change.manager)
            writer.text(change.kind)
            writer.text(reason)
        }
    }

    /// Writes whatif.csv, whatif_accounts.csv, whatif.md and run.json; returns their names.
    @discardableResult
    public mutating func write(to out: OutputDirectory) throws -> [String] {
        var clock = Stopwatch()
        var written: [String] = []
        try clock.measure("write") {
            written.append(try out.write(table))
            written.append(try out.write(accountsTable))
            written.append(try out.write(text: markdown, to: "whatif.md"))
        }
        record.timings.merge(clock.timings) { $0 + $1 }
        record.outputs = (written + ["run.json"] + outcomes.map { "\($0.scenario)/" }).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    /// Scenarios without a plan.
    public var failed: [ScenarioOutcome] { outcomes.filter { $0.figures.whyNoPlan != nil } }

    /// Throws `infeasible` (exit 65) when no scenario has a plan; a plan
    /// missing in some scenarios only is a result that whatif.csv reports.
    public func requireSomePlan() throws {
        guard !outcomes.isEmpty, failed.count == outcomes.count else { return }
        let reasons = outcomes.map { "\($0.scenario): \($0.figures.whyNoPlan ?? "")" }.joined(separator: "; ")
        throw KeyAccountsError.infeasible(problem: "no scenario has a plan: \(reasons)")
    }
}

/// One row of whatif.csv.
public struct WhatIfRow: Hashable, Codable, Sendable {
    public var scenario: String
    public var metric: WhatIfMetric
    public var baseline: MetricValue
    public var value: MetricValue
    /// value - baseline for numbers; nil for texts and when either is missing.
    public var delta: Double?
}

extension AccountChange {
    /// `tier`, `manager` or `tier;manager`.
    public var kind: String {
        [tierChanged ? "tier" : nil, managerChanged ? "manager" : nil].compactMap { $0 }.joined(separator: ";")
    }
}

extension Scenario {
    /// The team changes in words, for whatif.md.
    public var teamChangeTexts: [String] {
        var texts: [String] = []
        if !removeManagers.isEmpty { texts.append("removes " + removeManagers.map(\.id).joined(separator: ", ")) }
        for change in capacityChanges {
            texts.append("sets the capacity of \(change.manager.id) to \(Format.trimmed(change.capacityHours, 1)) h")
        }
        for manager in addManagers {
            texts.append("adds \(manager.id) (\(manager.baseCountry.rawValue), \(Format.trimmed(manager.capacityHours, 1)) h, "
                         + "tiers \(manager.tiers.map(\.rawValue).joined(separator: ";")))")
        }
        return texts
    }

    /// The scenario in run.json.
    var resultsJSON: JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(name),
            "file": .string(file),
            "remove_managers": .array(removeManagers.map { .string($0.id) }),
            "change_capacity": .object(Dictionary(uniqueKeysWithValues: capacityChanges.map { ($0.manager.id, JSONValue.number($0.capacityHours)) })),
            "add_managers": .array(addManagers.map { .string($0.id) }),
        ]
        if let sha = FileDigest.sha256(path: file) { object["sha256"] = .string(sha) }
        if let description { object["description"] = .string(description) }
        return .object(object)
    }
}
