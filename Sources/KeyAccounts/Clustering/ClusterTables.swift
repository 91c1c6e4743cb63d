extension PortfolioClusters {
    /// clusters.csv: account_id, cluster, pc1, pc2, then the cluster's label
    /// and the account's distance to its centroid (z units). `order` is
    /// `tiered.indicesByID`, when the caller has it already.
    public func clustersTable(_ tiered: TieredPortfolio, order: [Int]? = nil) -> TableSpec {
        let order = order ?? tiered.indicesByID
        let accounts = tiered.accounts
        return TableSpec(name: "clusters", columns: ["account_id", "cluster", "pc1", "pc2", "label", "distance"],
                         rowCount: order.count) { row, writer in
            let index = order[row]
            let cluster = clusterOfAccount[index]
            writer.text(accounts[index].id)
            writer.integer(cluster)
            writer.number(coordinates[index, 0])
            writer.number(coordinates[index, 1])
            writer.text(profiles[cluster - 1].label)
            writer.number(distanceToCentroid[index])
        }
    }

    /// cluster_profiles.csv: one row per cluster: size, turnover, the mean
    /// of every feature in its own unit (a column per feature, named as in
    /// features.csv), the tier mix and the cluster's silhouette.
    public var profilesTable: TableSpec {
        let columns = ["cluster", "label", "size", "share_of_accounts", "turnover", "turnover_share"]
            + features.map(\.rawValue) + Tier.allCases.map(\.rawValue) + ["key_accounts", "silhouette"]
        return TableSpec(name: "cluster_profiles", columns: columns, rowCount: profiles.count) { row, writer in
            let profile = profiles[row]
            writer.integer(profile.number)
            writer.text(profile.label)
            writer.integer(profile.size)
            writer.number(profile.accountShare)
            writer.number(profile.turnover, decimals: 2)
            writer.number(profile.turnoverShare)
            for mean in profile.means { writer.number(mean) }
            for count in profile.tierCounts { writer.integer(count) }
            writer.integer(Tier.allCases.filter(\.isKeyAccount).reduce(0) { $0 + profile.count(of: $1) })
            writer.number(profile.silhouette)
        }
    }

    /// features.csv: account_id and exactly the standardised matrix k-means
    /// clustered (values were rounded to 6 decimals before clustering).
    /// `order` is `tiered.indicesByID`, when the caller has it already.
    public func featuresTable(_ tiered: TieredPortfolio, order: [Int]? = nil) -> TableSpec {
        let order = order ?? tiered.indicesByID
        let accounts = tiered.accounts
        let d = features.count
        return TableSpec(name: "features", columns: ["account_id"] + features.map(\.rawValue), rowCount: order.count) { row, writer in
            let index = order[row]
            writer.text(accounts[index].id)
            for j in 0..<d { writer.number(matrix.values[index * d + j], decimals: 6) }
        }
    }

    /// The clustering figures of run.json.
    var resultsJSON: JSONValue {
        var object: [String: JSONValue] = [
            "k": .integer(k),
            "features": .array(features.map { .string($0.rawValue) }),
            "inertia": .number(inertia),
            "iterations": .integer(iterations),
            "convergence": .string(convergence.rawValue),
            "restarts": .integer(restarts),
            "silhouette": silhouette.map(JSONValue.number) ?? .null,
            "warnings": .array(warnings.map(JSONValue.string)),
            "explained_variance_ratio": .array(principalComponents.explainedVarianceRatio.map(JSONValue.number)),
        ]
        object["candidates"] = .array(candidates.map { candidate in
            .object(["k": .integer(candidate.k), "inertia": .number(candidate.inertia),
                     "silhouette": candidate.silhouette.map(JSONValue.number) ?? .null])
        })
        object["standardization"] = .object(Dictionary(uniqueKeysWithValues: features.enumerated().map { j, feature in
            (feature.rawValue, JSONValue.object(["mean": .number(standardization.means[j]),
                                                 "sd": .number(standardization.standardDeviations[j])]))
        }))
        object["imputed"] = .object(Dictionary(uniqueKeysWithValues: imputedFeatures.map {
            ($0.feature.rawValue, JSONValue.object(["accounts": .integer($0.accounts), "median": .number($0.median)]))
        }))
        object["dropped"] = .object(Dictionary(uniqueKeysWithValues: droppedFeatures.map { ($0.feature.rawValue, JSONValue.string($0.reason)) }))
        object["clusters"] = .array(profiles.map { profile in
            .object(["cluster": .integer(profile.number), "label": .string(profile.label), "size": .integer(profile.size),
                     "turnover_share": .number(profile.turnoverShare)])
        })
        return .object(object)
    }
}
