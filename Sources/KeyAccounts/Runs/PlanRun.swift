/// `kamp plan`, the main job: tier (with the survey's needs), the needs per
/// tier, the clusters, the assignment plan, and every file of each, with one
/// summary.
///
/// Each stage is one call on the values the stages before it made, so
/// further stages (report.html) slot in the same way.
public struct PlanRun: Sendable {
    /// Reading, tiering and the assignment plan.
    public var assignment: AssignRun
    /// The Kano analysis by tier, when a survey was given.
    public var needs: KanoAnalysis?
    /// The clusters of the portfolio; nil when the portfolio cannot be
    /// clustered (fewer accounts than clusters), which `clusterProblem` says.
    public var clusters: PortfolioClusters?
    public var clusterProblem: String?

    public var record: RunRecord {
        get { assignment.record }
        set { assignment.record = newValue }
    }

    /// Reads, tiers, analyses and plans.
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row, or
    ///   rejects under `strict`. A plan that cannot be made is not thrown
    ///   here: see `requirePlan()`.
    public static func run(accountsPath: String, managersPath: String, surveyPath: String?, policy: Policy,
                           strict: Bool, out: OutputDirectory?) throws -> PlanRun {
        try finished(AssignRun.run(accountsPath: accountsPath, managersPath: managersPath, surveyPath: surveyPath,
                                   policy: policy, strict: strict, command: "plan", out: out), policy: policy)
    }

    /// Plans on inputs already read (`kamp whatif` changes the managers of each scenario).
    public static func run(accounts: Loaded<Portfolio>, managers: Loaded<[Manager]>, survey: Loaded<[SurveyAnswer]>?,
                           policy: Policy, strict: Bool, out: OutputDirectory?) throws -> PlanRun {
        try finished(AssignRun.run(accounts: accounts, managers: managers, survey: survey, policy: policy, strict: strict,
                                   command: "plan", out: out), policy: policy)
    }

    /// The stages after the assignment: needs by tier and clusters.
    private static func finished(_ assignment: AssignRun, policy: Policy) -> PlanRun {
        var run = PlanRun(assignment: assignment)
        var clock = Stopwatch()
        let tiered = run.assignment.tiered
        if let kano = run.assignment.tier.kano {
            let byTier = clock.measure("kano_segments") { kano.regrouped(by: .byTier(tiered)) }
            run.needs = byTier
            run.record.results["kano"] = byTier.resultsJSON
        }
        do throws(KeyAccountsError) {
            let clusters = try Progress.step("clustering", describe: { "k = \($0.k)" }) { () throws(KeyAccountsError) in
                try tiered.clustered(by: policy, needs: run.assignment.tier.kano?.needsCriterion, k: nil, clock: &clock)
            }
            run.clusters = clusters
            run.record.results["cluster"] = clusters.resultsJSON
        } catch {
            // A portfolio too small to cluster still gets its plan.
            run.clusterProblem = "\(error)"
        }
        run.record.timings.merge(clock.timings) { $0 + $1 }
        return run
    }

    /// Writes every file and run.json; returns the file names.
    @discardableResult
    public mutating func write(to out: OutputDirectory) throws -> [String] {
        var written = try assignment.writeTables(to: out)
        var clock = Stopwatch()
        let tiered = assignment.tiered
        try clock.measure("write") {
            if let needs {
                written.append(try out.write(needs.featuresTable))
                written.append(try out.write(needs.accountsTable))
            }
            if let clusters {
                let order = tiered.indicesByID
                written.append(try out.write(clusters.clustersTable(tiered, order: order)))
                written.append(try out.write(clusters.profilesTable))
                written.append(try out.write(clusters.featuresTable(tiered, order: order)))
            }
            written.append(try out.write(text: summaryMarkdown, to: "summary.md"))
        }
        try clock.measure("report") { written.append(try out.writeReport(reportInputs)) }
        record.timings.merge(clock.timings) { $0 + $1 }
        record.outputs = Array(Set(written + ["run.json"])).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    /// Throws `infeasible` (exit 65) with the reason when no plan keeps every rule.
    public func requirePlan() throws { try assignment.requirePlan() }

    /// What report.html is drawn from: every stage of the run.
    public var reportInputs: ReportInputs {
        ReportInputs(command: record.command, inputs: record.inputs, rejects: assignment.rejects, tiered: assignment.tiered,
                     managers: assignment.managers.value, kano: needs ?? assignment.tier.kano, clusters: clusters,
                     robustness: assignment.tier.robustness, plan: assignment.plan)
    }

    /// summary.md: the headline figures of report.html first, for e-mail, then each stage's part.
    public var summaryMarkdown: String {
        var text = "# Key account plan\n\n" + ReportHeadline(reportInputs).markdown + "\n"
            + assignment.summaryMarkdown.replacingOccurrences(of: "# Key account tiers\n", with: "## Key account tiers\n")
        if let clusters {
            text += "\n#" + ClusterSummary(clusters: clusters, inputs: record.inputs).markdown
        } else if let clusterProblem {
            text += "\n## Clusters\n\nNot clustered: \(clusterProblem).\n"
        }
        return text
    }

    public var terminalSummary: String {
        var text = assignment.terminalSummary
        if let needs { text += "needs by tier: \(needs.features.count) feature rows in kano_features.csv\n" }
        if let clusters { text += "clusters: \(clusters.k) (clusters.csv, cluster_profiles.csv)\n" }
        return text
    }
}
