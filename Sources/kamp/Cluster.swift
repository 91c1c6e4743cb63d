import ArgumentParser
import KeyAccounts

extension Kamp {
    struct Cluster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Group clients that resemble each other (k-means on GSL) and map them in 2-D.",
            discussion: """
                Writes clusters.csv (account_id, cluster, pc1, pc2), cluster_profiles.csv, features.csv, \
                rejects.csv, summary.md and run.json into --out. Features and defaults: policy key `cluster`.
                """
        )

        @Argument(help: "The accounts CSV file.")
        var accounts: String

        @Option(help: "Number of clusters, or auto to pick k in 2...10 by silhouette (default: the policy's cluster.k, 6).")
        var k: ClusterCount?

        @Option(help: "Kano survey CSV; adds the needs feature (mean Kano Better).")
        var survey: String?

        @OptionGroup var options: CommonOptions

        func run() throws {
            try options.run {
                let policy = try options.loadPolicy()
                let out = try options.outputDirectory()
                var run = try ClusterRun.run(accountsPath: accounts, surveyPath: survey, k: k, policy: policy,
                                             strict: options.strict, out: out)
                let files = try run.write(to: out)
                options.summary(run.terminalSummary)
                options.summary("wrote \(files.joined(separator: ", ")) to \(out.path)")
                keepUntilExit(run)
            }
        }
    }
}

extension ClusterCount: ExpressibleByArgument {}
