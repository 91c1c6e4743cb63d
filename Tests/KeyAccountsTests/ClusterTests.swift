import Foundation
import Testing
@testable import KeyAccounts

@Suite struct ClusterTests {
    /// Two obvious groups: four large multi-country clients and six small
    /// local ones, solvency given.
    static let csv = """
    account_id,turnover,hq_country,countries,solvency_score,turnover_prev
    L1,1000000,DE,FR;PL;IT,80,900000
    L2,1200000,FR,DE;ES;IT,85,1000000
    L3,900000,DE,FR;NL;BE,75,850000
    L4,1100000,NL,DE;FR;GB,82,1000000
    S1,1000,DE,,40,1000
    S2,1200,DE,,35,1100
    S3,900,FR,,45,950
    S4,1100,FR,,38,1000
    S5,1050,DE,,42,1000
    S6,950,NL,,36,900
    """

    static func tiered(_ csv: String = csv, policy: Policy = Policy()) throws -> TieredPortfolio {
        try InputFiles.readAccounts(csv: csv).value.tiered(by: policy)
    }

    static var twoClusters: Policy {
        var policy = Policy()
        policy.cluster.k = .fixed(2)
        policy.cluster.features = [.logTurnover, .solvency, .countries]
        return policy
    }

    @Test func separatesTheObviousGroupsAndNumbersByTurnoverShare() throws {
        let tiered = try Self.tiered()
        let clusters = try tiered.clustered(by: Self.twoClusters)
        #expect(clusters.k == 2)
        let ids = tiered.accounts.map(\.id)
        for (index, id) in ids.enumerated() {
            #expect(clusters.clusterOfAccount[index] == (id.hasPrefix("L") ? 1 : 2), "cluster 1 holds the large clients")
        }
        let large = clusters.profiles[0]
        #expect(large.size == 4)
        #expect(large.label == "large, solvent, multi-country")
        #expect(clusters.profiles[1].label == "small, risky, single-country")
        #expect(abs(large.means[2] - 4) < 1e-12, "four countries each, in original units")
        #expect(abs(large.turnoverShare - 4_200_000 / 4_206_200) < 1e-12)
        #expect(large.count(of: .standard) + large.count(of: .global) == 4)
        #expect(clusters.silhouette! > 0.7)
        #expect(clusters.convergence == .stable)
    }

    @Test func featureMatrixIsStandardisedAndRoundedToSixDecimals() throws {
        let clusters = try Self.tiered().clustered(by: Self.twoClusters)
        #expect(clusters.features == [.logTurnover, .solvency, .countries])
        for j in 0..<clusters.matrix.columns {
            let column = clusters.matrix.column(j)
            #expect(abs(column.reduce(0, +) / Double(column.count)) < 1e-5)
            for value in column { #expect((value * 1e6).rounded() / 1e6 == value) }
        }
        #expect(clusters.coordinates.rows == 10 && clusters.coordinates.columns == 2)
    }

    @Test func missingValuesGetTheMedianAndAreReported() throws {
        let csv = Self.csv.replacingOccurrences(of: "S6,950,NL,,36,900", with: "S6,950,NL,,,")
        let clusters = try Self.tiered(csv).clustered(by: { var p = Self.twoClusters; p.cluster.features = [.logTurnover, .solvency, .growth]; return p }())
        let solvency = try #require(clusters.imputedFeatures.first { $0.feature == .solvency })
        #expect(solvency.accounts == 1)
        #expect(solvency.median == 45, "median of 80 85 75 82 40 35 45 38 42 = 45")
        #expect(clusters.imputedFeatures.contains { $0.feature == .growth && $0.accounts == 1 })
    }

    @Test func needsIsLeftOutWithoutASurvey() throws {
        var policy = Self.twoClusters
        policy.cluster.features = [.logTurnover, .needs]
        let clusters = try Self.tiered().clustered(by: policy)
        #expect(clusters.features == [.logTurnover])
        #expect(clusters.droppedFeatures == [DroppedFeature(feature: .needs, reason: "no survey given")])
        #expect(clusters.warnings.contains("feature needs left out: no survey given"))
    }

    @Test func constantFeatureWarns() throws {
        var policy = Self.twoClusters
        policy.cluster.features = [.logTurnover, .regions]
        let clusters = try Self.tiered().clustered(by: policy)
        #expect(clusters.warnings.contains { $0.contains("feature regions is the same (1) for every account") })
    }

    @Test func autoPicksTheBestSilhouette() throws {
        var policy = Self.twoClusters
        policy.cluster.k = .auto
        policy.cluster.autoRange = [2, 4]
        let clusters = try Self.tiered().clustered(by: policy)
        #expect(clusters.candidates.map(\.k) == [2, 3, 4])
        let best = clusters.candidates.max { ($0.silhouette ?? -2) < ($1.silhouette ?? -2) }!
        #expect(clusters.k == best.k)
        #expect(clusters.silhouette == best.silhouette)
    }

    @Test func tooFewAccountsIsAClearError() throws {
        let tiered = try Self.tiered()
        #expect(throws: KeyAccountsError.infeasible(problem: "10 accounts cannot form 11 clusters; choose --k 10 or fewer")) {
            _ = try tiered.clustered(by: Policy(), k: .fixed(11))
        }
    }

    @Test func sameSeedSameClusters() throws {
        let tiered = try Self.tiered()
        var policy = Self.twoClusters
        policy.cluster.k = .fixed(3)
        #expect(try tiered.clustered(by: policy) == tiered.clustered(by: policy))
    }

    @Test(arguments: [
        ([0.9, 0.6, -0.7], [ClusterFeature.logTurnover, .solvency, .countries], "large, solvent, single-country"),
        ([0.1, -0.2, 0.3], [ClusterFeature.logTurnover, .solvency, .countries], "typical"),
        ([2.0, 0.6, 0.7, -3], [ClusterFeature.logTurnover, .growth, .solvency, .countries], "large, solvent, single-country"),
    ])
    func labelsNameTheFeaturesThatStandOut(centroid: [Double], features: [ClusterFeature], label: String) {
        #expect(TieredPortfolio.label(centroid: centroid, features: features) == label)
    }

    @Test func policyKeysAreReadAndValidated() throws {
        let policy = try Policy().overlaid(withYAML: """
            cluster:
              k: auto
              features: [log_turnover, growth]
              restarts: 3
              silhouette_sample: 500
              auto_range: [2, 5]
            score:
              robustness: {enabled: true, draws: 50, spread: 0.1}
            """, file: "policy.yaml")
        #expect(policy.cluster.k == .auto)
        #expect(policy.cluster.features == [.logTurnover, .growth])
        #expect(policy.cluster.restarts == 3 && policy.cluster.silhouetteSample == 500 && policy.cluster.autoRange == [2, 5])
        #expect(policy.score.robustness.enabled && policy.score.robustness.draws == 50 && policy.score.robustness.spread == 0.1)
        #expect(throws: KeyAccountsError.invalidPolicy(file: "policy.yaml", line: 2, column: 14,
                                                       problem: "cluster.features items must be log_turnover, growth, solvency, countries, regions, log_potential, needs, got 'size'")) {
            _ = try Policy().overlaid(withYAML: "cluster:\n  features: [size]\n", file: "policy.yaml")
        }
        #expect(throws: KeyAccountsError.invalidPolicy(file: "policy.yaml", line: 2, column: 6,
                                                       problem: "cluster.k must be a whole number >= 1 or auto, got '0'")) {
            _ = try Policy().overlaid(withYAML: "cluster:\n  k: 0\n", file: "policy.yaml")
        }
    }
}
