/// The headline figures of a clustering, for summary.md and the terminal.
public struct ClusterSummary: Sendable {
    public var clusters: PortfolioClusters
    public var inputs: [InputReport]

    public init(clusters: PortfolioClusters, inputs: [InputReport]) {
        self.clusters = clusters
        self.inputs = inputs
    }

    var header: [String] {
        ["cluster", "label", "accounts", "turnover share"] + clusters.features.map(\.rawValue) + ["global", "national", "key", "standard"]
    }

    var rows: [[String]] {
        clusters.profiles.map { profile in
            [String(profile.number), profile.label, String(profile.size), Format.percent(profile.turnoverShare)]
                + profile.means.map { Format.fixed($0, 2) } + profile.tierCounts.map(String.init)
        }
    }

    var candidateRows: [[String]] {
        clusters.candidates.map { candidate in
            [String(candidate.k), candidate.silhouette.map { Format.fixed($0, 3) } ?? "-", Format.fixed(candidate.inertia, 1)]
        }
    }

    var qualityLine: String {
        let silhouette = clusters.silhouette.map { Format.fixed($0, 3) } ?? "undefined"
        let explained = clusters.principalComponents.explainedVarianceRatio.map { Format.percent($0) }.joined(separator: " + ")
        return "k = \(clusters.k), silhouette \(silhouette), inertia \(Format.fixed(clusters.inertia, 1)), "
            + "\(clusters.iterations) iterations (\(clusters.convergence)), best of \(clusters.restarts) restarts; "
            + "the map's pc1 + pc2 explain \(explained) of the variance"
    }

    public var markdown: String {
        var text = "# Client clusters\n\n\(qualityLine).\n\n"
        text += "Features: " + clusters.features.map(\.rawValue).joined(separator: ", ") + " (means in their own units).\n\n"
        text += Markdown.table(header: header, rows: rows)
        if clusters.candidates.count > 1 {
            text += "\n## Silhouette per k\n\n" + Markdown.table(header: ["k", "silhouette", "inertia"], rows: candidateRows)
        }
        if !clusters.warnings.isEmpty {
            text += "\n## Warnings\n\n" + clusters.warnings.map { "- \($0)\n" }.joined()
        }
        return text
    }

    public var terminal: String {
        var text = ""
        if clusters.candidates.count > 1 {
            text += TextTable(header: ["k", "silhouette", "inertia"], rows: candidateRows).rendered + "\n"
        }
        text += TextTable(header: header, rows: rows).rendered
        text += "\n" + qualityLine + "\n"
        for warning in clusters.warnings { text += "warning: \(warning)\n" }
        return text
    }
}
