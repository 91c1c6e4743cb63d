/// `kamp cluster`: read accounts (and a survey), tier them, cluster them,
/// write clusters, profiles and the feature matrix.
public struct ClusterRun: Sendable {
    public var tierRun: TierRun
    public var clusters: PortfolioClusters
    public var record: RunRecord

    public var tiered: TieredPortfolio { tierRun.tiered }

    /// Reads, tiers (the profiles show the tier mix) and clusters.
    /// - Parameters:
    ///   - k: overrides `policy.cluster.k` (`--k N` or `--k auto`).
    ///   - strict: any rejected row is an error (after rejects.csv is written to `out`).
    /// - Throws: `KeyAccountsError` for unreadable inputs, no valid row,
    ///   rejects under `strict`, or fewer accounts than clusters.
    public static func run(accountsPath: String, surveyPath: String? = nil, k: ClusterCount? = nil, policy: Policy,
                           strict: Bool, out: OutputDirectory?) throws -> ClusterRun {
        var tierRun = try TierRun.run(accountsPath: accountsPath, surveyPath: surveyPath, policy: policy, strict: strict,
                                      command: "cluster", out: out)
        var clock = Stopwatch()
        let needs = tierRun.kano?.needsCriterion
        let clusters: PortfolioClusters
        do throws(KeyAccountsError) {
            clusters = try Progress.step("clustering", describe: { "k = \($0.k), silhouette \($0.silhouette.map { Format.fixed($0, 2) } ?? "-")" }) { () throws(KeyAccountsError) in
                try tierRun.tiered.clustered(by: policy, needs: needs, k: k, clock: &clock)
            }
        } catch {
            if case let .infeasible(problem) = error { throw KeyAccountsError.infeasible(problem: "\(accountsPath): \(problem)") }
            throw error
        }
        var record = tierRun.record
        record.results["cluster"] = clusters.resultsJSON
        record.timings.merge(clock.timings) { $0 + $1 }
        tierRun.record = record
        return ClusterRun(tierRun: tierRun, clusters: clusters, record: record)
    }

    /// Writes clusters, cluster_profiles, features, rejects, summary.md and run.json; returns the file names.
    @discardableResult
    public mutating func write(to out: OutputDirectory) throws -> [String] {
        var clock = Stopwatch()
        var written: [String] = []
        try clock.measure("write") {
            let order = tiered.indicesByID
            written.append(try out.write(clusters.clustersTable(tiered, order: order)))
            written.append(try out.write(clusters.profilesTable))
            written.append(try out.write(clusters.featuresTable(tiered, order: order)))
            written.append(try out.write(rejectsTable(tierRun.rejects)))
            written.append(try out.write(text: summaryMarkdown, to: "summary.md"))
        }
        record.timings.merge(clock.timings) { $0 + $1 }
        record.outputs = (written + ["run.json"]).sorted()
        try out.write(text: record.json, to: "run.json")
        return record.outputs
    }

    public var summaryMarkdown: String { ClusterSummary(clusters: clusters, inputs: record.inputs).markdown }
    public var terminalSummary: String { ClusterSummary(clusters: clusters, inputs: record.inputs).terminal }
}
