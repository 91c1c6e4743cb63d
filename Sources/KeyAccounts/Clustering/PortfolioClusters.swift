import Foundation
public import GSLMath

/// The segmentation of a portfolio: which clients resemble each other, on
/// the features of policy `cluster.features`.
///
/// Clusters are numbered 1...k by their share of turnover, largest first
/// (ties: more clients, then the k-means order), so reruns and scenario
/// diffs line up. Everything here is a value other stages (plan, report)
/// can read without recomputing.
public struct PortfolioClusters: Sendable, Hashable, Codable {
    /// The features clustered on, in features.csv order.
    public var features: [ClusterFeature]
    /// Features of the policy that were left out, with the reason.
    public var droppedFeatures: [DroppedFeature]
    /// Features where some clients had no value and got the median.
    public var imputedFeatures: [ImputedFeature]
    /// Mean and sd that turned each feature into z-scores.
    public var standardization: Standardization
    /// The standardised features, one row per account (portfolio order),
    /// rounded to 6 decimals before clustering so that features.csv is
    /// exactly the matrix k-means saw.
    public var matrix: Matrix
    /// Cluster number 1...k of each account, in portfolio order.
    public var clusterOfAccount: [Int]
    /// Distance of each account to its cluster's centroid, in z units.
    public var distanceToCentroid: [Double]
    /// n x 2: each account on the first two principal components of `matrix`
    /// (pc2 is 0 when a single feature is used).
    public var coordinates: Matrix
    public var principalComponents: PrincipalComponents
    /// Profiles by cluster number (index 0 is cluster 1).
    public var profiles: [ClusterProfile]
    /// Sum of squared z-distances of the accounts to their centroids.
    public var inertia: Double
    public var iterations: Int
    public var convergence: Convergence
    public var restarts: Int
    /// Mean silhouette of the chosen k on a seeded sample; `nil` when undefined (k = 1).
    public var silhouette: Double?
    /// Every k tried (one entry when k was fixed), with its silhouette and inertia.
    public var candidates: [ClusterCandidate]
    /// Non-fatal problems, in words (constant features, unconverged restarts...).
    public var warnings: [String]

    public var k: Int { profiles.count }
}

/// A feature the policy asked for that could not be used.
public struct DroppedFeature: Sendable, Hashable, Codable {
    public var feature: ClusterFeature
    public var reason: String
}

/// A feature some clients lacked: they got the median of the others.
public struct ImputedFeature: Sendable, Hashable, Codable {
    public var feature: ClusterFeature
    public var accounts: Int
    public var median: Double
}

/// One k tried, with the figures it was judged on.
public struct ClusterCandidate: Sendable, Hashable, Codable {
    public var k: Int
    /// `nil` for k = 1 or when the sample held a single cluster.
    public var silhouette: Double?
    public var inertia: Double
}

/// What one cluster looks like.
public struct ClusterProfile: Sendable, Hashable, Codable {
    /// 1...k, by share of turnover.
    public var number: Int
    /// A short description such as "large, solvent, multi-country".
    public var label: String
    public var size: Int
    /// size / number of accounts.
    public var accountShare: Double
    public var turnover: Double
    /// The cluster's turnover over the portfolio's.
    public var turnoverShare: Double
    /// Mean of each feature in its own unit (aligned with `features`), imputed
    /// values included; NaN (an empty cell) for an empty cluster.
    public var means: [Double]
    /// The centroid: mean z-score of each feature.
    public var centroid: [Double]
    /// Clients of each tier, in `Tier.allCases` order (global, national, key, standard).
    public var tierCounts: [Int]
    /// Mean silhouette of the cluster's sampled accounts, when any was sampled.
    public var silhouette: Double?

    public func count(of tier: Tier) -> Int { tierCounts[Tier.allCases.firstIndex(of: tier)!] }
}

extension TieredPortfolio {
    /// Clusters the tiered portfolio with k-means on GSL.
    ///
    /// - Parameters:
    ///   - policy: `cluster` settings and the seed (`policy.seed` drives
    ///     every restart and the silhouette sample).
    ///   - needs: each client's mean Kano Better by account_id, when a
    ///     survey was given; `nil` drops the `needs` feature.
    ///   - k: overrides `policy.cluster.k` (the `--k` option).
    /// - Throws: `KeyAccountsError.infeasible` when there are fewer clients
    ///   than clusters, or no feature can be used.
    /// - Complexity: O(n d) per Lloyd iteration and restart; O(s^2 d) for a
    ///   silhouette sample of s; `auto` repeats both for every k tried.
    public func clustered(by policy: Policy, needs: [String: Double]? = nil, k: ClusterCount? = nil)
        throws(KeyAccountsError) -> PortfolioClusters {
        var clock = Stopwatch()
        return try clustered(by: policy, needs: needs, k: k, clock: &clock)
    }

    /// `clustered(by:needs:k:)`, adding the time of each step to `clock`
    /// (cluster.features, cluster.kmeans, cluster.silhouette, cluster.pca, cluster.profiles).
    public func clustered(by policy: Policy, needs: [String: Double]?, k: ClusterCount?, clock: inout Stopwatch)
        throws(KeyAccountsError) -> PortfolioClusters {
        let start = ContinuousClock.now
        let settings = policy.cluster
        let count = k ?? settings.k
        var warnings: [String] = []
        let table = try FeatureTable(self, features: settings.features, needs: needs)
        let n = accounts.count

        let standardization: Standardization
        do {
            standardization = try Standardization(fittingFeatureRows: table.raw)
        } catch {
            throw .infeasible(problem: "cannot standardise the features: \(error)")
        }
        for column in standardization.constantColumns {
            let value = Format.compact(standardization.means[column])
            warnings.append("feature \(table.features[column]) is the same (\(value)) for every account and does not separate clusters")
        }
        let z = standardization.standardized(featureRows: table.raw, roundedTo: 6)
        clock.add("cluster.features", since: start)

        let range: [Int]
        switch count {
        case let .fixed(value):
            guard value <= n else {
                throw .infeasible(problem: "\(n) account\(n == 1 ? "" : "s") cannot form \(value) clusters; choose --k \(n) or fewer")
            }
            range = [value]
        case .auto:
            let low = settings.autoRange[0], high = min(settings.autoRange[1], n - 1)
            guard low <= high else {
                throw .infeasible(problem: "\(n) account\(n == 1 ? "" : "s") are too few for --k auto, which tries k from \(low); give a fixed --k")
            }
            range = Array(low...high)
        }

        var candidates: [ClusterCandidate] = []
        var best: (result: KMeansResult, silhouette: Silhouette?)?
        for clusters in range {
            let configuration = KMeans.Configuration(clusters: clusters, restarts: settings.restarts,
                                                     maxIterations: settings.maxIterations,
                                                     tolerance: settings.tolerance, seed: policy.seed,
                                                     sampleSize: settings.restartSample)
            let result: KMeansResult
            let silhouette: Silhouette?
            do {
                var started = ContinuousClock.now
                let restarts = Progress.current?.counter("k-means restarts, k = \(clusters)", total: settings.restarts)
                let onRestart: (@Sendable () -> Void)? = restarts.map { counter in { @Sendable in counter.advance() } }
                result = try KMeans(configuration).fit(z, onRestart: onRestart)
                clock.add("cluster.kmeans", since: started)
                started = ContinuousClock.now
                silhouette = clusters > 1
                    ? try Silhouette.compute(data: z, labels: result.labels, sampleSize: settings.silhouetteSample, seed: policy.seed)
                    : nil
                clock.add("cluster.silhouette", since: started)
            } catch {
                throw .infeasible(problem: "k-means: \(error)")
            }
            candidates.append(ClusterCandidate(k: clusters, silhouette: silhouette?.score, inertia: result.inertia))
            // auto keeps the highest silhouette; ties keep the smaller k.
            if best == nil || (silhouette?.score ?? -2) > (best!.silhouette?.score ?? -2) {
                best = (result, silhouette)
            }
        }
        let (result, silhouette) = best!
        warnings += result.warnings

        var started = ContinuousClock.now
        let principal: PrincipalComponents
        do {
            principal = try PrincipalComponents(fitting: z, components: 2)
        } catch {
            throw .infeasible(problem: "principal components: \(error)")
        }
        let projected = principal.projected(z)
        let coordinates = projected.columns == 2 ? projected
            : Matrix(rows: n, columns: 2, values: (0..<n).flatMap { [projected[$0, 0], 0] })

        clock.add("cluster.pca", since: started)
        started = ContinuousClock.now
        defer { clock.add("cluster.profiles", since: started) }
        let tally = LabelTally(labels: result.labels, table: table, z: z, centroids: result.centroids)
        let numbering = Self.numbering(turnover: tally.turnover, sizes: result.clusterSizes)
        let clusterOfAccount = result.labels.map { numbering[$0] + 1 }
        let profiles = profiles(tally, table: table, result: result, numbering: numbering, silhouette: silhouette)
        return PortfolioClusters(
            features: table.features, droppedFeatures: table.dropped, imputedFeatures: table.imputed,
            standardization: standardization, matrix: z, clusterOfAccount: clusterOfAccount,
            distanceToCentroid: tally.distances, coordinates: coordinates, principalComponents: principal,
            profiles: profiles, inertia: result.inertia, iterations: result.iterations,
            convergence: result.convergence, restarts: settings.restarts, silhouette: silhouette?.score,
            candidates: candidates, warnings: table.warnings + warnings)
    }

    /// k-means label -> position in the stable order: turnover share
    /// descending, then size descending, then the k-means label.
    static func numbering(turnover: [Double], sizes: [Int]) -> [Int] {
        let order = turnover.indices.sorted { lhs, rhs in
            if turnover[lhs] != turnover[rhs] { return turnover[lhs] > turnover[rhs] }
            if sizes[lhs] != sizes[rhs] { return sizes[lhs] > sizes[rhs] }
            return lhs < rhs
        }
        var numbering = [Int](repeating: 0, count: turnover.count)
        for (position, label) in order.enumerated() { numbering[label] = position }
        return numbering
    }

    private func profiles(_ tally: LabelTally, table: FeatureTable, result: KMeansResult, numbering: [Int],
                          silhouette: Silhouette?) -> [ClusterProfile] {
        let k = numbering.count, d = table.features.count, tiers = Tier.allCases.count
        let n = accounts.count
        let total = tally.turnover.reduce(0, +)
        var labelOf = [Int](repeating: 0, count: k)
        for (label, position) in numbering.enumerated() { labelOf[position] = label }
        return (0..<k).map { position in
            let label = labelOf[position]
            let size = result.clusterSizes[label]
            let centroid = result.centroids.row(label)
            return ClusterProfile(
                number: position + 1, label: size > 0 ? Self.label(centroid: centroid, features: table.features) : "empty",
                size: size,
                accountShare: Double(size) / Double(n), turnover: tally.turnover[label],
                turnoverShare: total > 0 ? tally.turnover[label] / total : 0,
                means: (0..<d).map { size > 0 ? tally.sums[label * d + $0] / Double(size) : .nan },
                centroid: centroid,
                tierCounts: Array(tally.tierCounts[label * tiers..<(label + 1) * tiers]),
                silhouette: silhouette.flatMap { $0.perCluster.indices.contains(label) ? $0.perCluster[label] : nil })
        }
    }

    /// Up to three words for the features where the centroid is furthest
    /// from the portfolio's mean (|z| >= 0.5; the strongest three, ties
    /// by feature order), written in feature order so labels read alike:
    /// "large, solvent, multi-country". "typical" when no feature stands out.
    static func label(centroid: [Double], features: [ClusterFeature]) -> String {
        let standingOut = features.indices
            .filter { abs(centroid[$0]) >= 0.5 }
            .sorted { abs(centroid[$0]) != abs(centroid[$1]) ? abs(centroid[$0]) > abs(centroid[$1]) : $0 < $1 }
            .prefix(3)
            .sorted()
        guard !standingOut.isEmpty else { return "typical" }
        return standingOut.map { centroid[$0] > 0 ? features[$0].words.high : features[$0].words.low }.joined(separator: ", ")
    }
}

/// What each k-means label holds, from one pass over the accounts: the
/// turnover, the sums of the raw features and the tier counts, and each
/// account's distance to its centroid.
struct LabelTally {
    var turnover: [Double]
    /// k x d sums of the features in their own units.
    var sums: [Double]
    /// k x tiers, in `Tier.allCases` order.
    var tierCounts: [Int]
    /// Each account's distance to its centroid, in z units.
    var distances: [Double]

    init(labels: [Int], table: FeatureTable, z: Matrix, centroids: Matrix) {
        let k = centroids.rows, d = z.columns, n = labels.count, tiers = Tier.allCases.count
        // Eight fixed parts of the accounts on every core, their sums added
        // in part order: the same figures on any number of cores.
        var partTallies: [(turnover: [Double], sums: [Double], tiers: [Int])] = []
        distances = unsafe [Double](unsafeUninitializedCapacity: n) { output, written in
            let shared = unsafe SharedBuffer(output)
            partTallies = onFixedParts(of: n) { part -> (turnover: [Double], sums: [Double], tiers: [Int]) in
                var turnover = [Double](repeating: 0, count: k)
                var sums = [Double](repeating: 0, count: k * d)
                var tierCounts = [Int](repeating: 0, count: k * tiers)
                // Feature j of account i is raw[j * n + i].
                unsafe z.values.withUnsafeBufferPointer { z in
                    unsafe table.raw.values.withUnsafeBufferPointer { raw in
                        for i in part {
                            let label = labels[i]
                            turnover[label] += table.turnovers[i]
                            tierCounts[label * tiers + Int(table.tierPositions[i])] += 1
                            var squared = 0.0
                            for j in 0..<d {
                                unsafe sums[label * d + j] += raw[j * n + i]
                                let t = unsafe z[i * d + j] - centroids.values[label * d + j]
                                squared += t * t
                            }
                            unsafe shared.initialize(i, to: squared.squareRoot())
                        }
                    }
                }
                return (turnover, sums, tierCounts)
            }
            written = n
        }
        var turnover = [Double](repeating: 0, count: k)
        var sums = [Double](repeating: 0, count: k * d)
        var tierCounts = [Int](repeating: 0, count: k * tiers)
        for part in partTallies {
            for label in 0..<k { turnover[label] += part.turnover[label] }
            for index in sums.indices { sums[index] += part.sums[index] }
            for index in tierCounts.indices { tierCounts[index] += part.tiers[index] }
        }
        self.turnover = turnover
        self.sums = sums
        self.tierCounts = tierCounts
    }
}

/// The raw feature values of every account, with missing values imputed.
struct FeatureTable {
    var features: [ClusterFeature] = []
    var dropped: [DroppedFeature] = []
    var imputed: [ImputedFeature] = []
    var warnings: [String] = []
    /// features.count x n in original units: one row per feature, so that
    /// each feature's statistics read it contiguously.
    var raw: Matrix
    /// Each account's turnover and `Tier.position`, for the profiles: read
    /// in the same pass as the features, so the profiles need not walk the
    /// accounts and decisions (400 MB at a million) once more.
    var turnovers: [Double]
    var tierPositions: [UInt8]

    init(_ tiered: TieredPortfolio, features wanted: [ClusterFeature], needs: [String: Double]?) throws(KeyAccountsError) {
        let n = tiered.accounts.count
        let usable = wanted.filter { $0 != .needs || needs != nil }
        for feature in wanted where !usable.contains(feature) {
            dropped.append(DroppedFeature(feature: feature, reason: "no survey given"))
        }
        // Feature j of account i at j * n + i, NaN where missing; each core
        // fills the accounts of its slice for every feature in one pass.
        // (Written through pointers: a copy of an account would retain each
        // of its strings and lists, from both cores at once.)
        let width = usable.count
        var present = [Int](repeating: 0, count: width)
        // Every slot is written by the core whose slice it is in, so the
        // arrays are not filled with placeholders first (on one core).
        var turnovers: [Double] = [], tierPositions: [UInt8] = [], counts: [[Int]] = []
        var values = unsafe [Double](unsafeUninitializedCapacity: n * width) { values, valuesWritten in
            turnovers = unsafe [Double](unsafeUninitializedCapacity: n) { turnovers, turnoversWritten in
                tierPositions = unsafe [UInt8](unsafeUninitializedCapacity: n) { tierPositions, tiersWritten in
                    counts = unsafe tiered.accounts.withUnsafeBufferPointer { accounts in
                        unsafe tiered.decisions.withUnsafeBufferPointer { decisions in
                            let out = unsafe (values: SharedBuffer(values), turnovers: SharedBuffer(turnovers),
                                              tiers: SharedBuffer(tierPositions))
                            let accounts = unsafe SharedBuffer(UnsafeMutableBufferPointer(mutating: accounts))
                            let decisions = unsafe SharedBuffer(UnsafeMutableBufferPointer(mutating: decisions))
                            return parallelSlices(count: n) { range, _ -> [Int] in
                                var present = [Int](repeating: 0, count: width)
                                for i in range {
                                    let account = unsafe UnsafePointer(accounts.buffer.baseAddress! + i)
                                    let decision = unsafe decisions.buffer.baseAddress! + i
                                    unsafe out.turnovers.buffer[i] = account.pointee.turnover
                                    unsafe out.tiers.buffer[i] = UInt8(decision.pointee.tier.position)
                                    let points = unsafe decision.pointee.solvency.points
                                    let need = unsafe needs?[account.pointee.id]
                                    for (j, feature) in usable.enumerated() {
                                        let value = unsafe feature.value(of: account, solvencyPoints: points, needs: need)
                                        if value != nil { present[j] += 1 }
                                        unsafe out.values.buffer[j * n + i] = value ?? .nan
                                    }
                                }
                                return present
                            }
                        }
                    }
                    tiersWritten = n
                }
                turnoversWritten = n
            }
            valuesWritten = n * width
        }
        for part in counts { for j in 0..<width { present[j] += part[j] } }
        var kept: [Int] = []
        for (j, feature) in usable.enumerated() {
            guard present[j] > 0 else {
                dropped.append(DroppedFeature(feature: feature, reason: "no account has a value"))
                continue
            }
            kept.append(j)
            features.append(feature)
        }
        // Missing values get their feature's median, the features on every core.
        let incomplete = kept.filter { present[$0] < n }
        let medians = unsafe values.withUnsafeMutableBufferPointer { buffer in
            let shared = unsafe SharedBuffer(buffer)
            return parallelMap(eachOf: incomplete) { j in
                let column = unsafe UnsafeMutableBufferPointer(rebasing: shared.buffer[j * n..<(j + 1) * n])
                var known = unsafe column.filter { !$0.isNaN }
                let median = median(rearranging: &known)
                for i in 0..<n where unsafe column[i].isNaN { unsafe column[i] = median }
                return median
            }
        }
        for (j, median) in zip(incomplete, medians) {
            imputed.append(ImputedFeature(feature: usable[j], accounts: n - present[j], median: median))
        }
        dropped.sort { wanted.firstIndex(of: $0.feature)! < wanted.firstIndex(of: $1.feature)! }
        for feature in dropped {
            warnings.append("feature \(feature.feature) left out: \(feature.reason)")
        }
        guard !features.isEmpty else {
            throw .infeasible(problem: "no clustering feature can be used (\(dropped.map { "\($0.feature): \($0.reason)" }.joined(separator: "; ")))")
        }
        if kept.count != width {
            values = kept.flatMap { j in values[j * n..<(j + 1) * n] }
        }
        raw = Matrix(rows: kept.count, columns: n, values: values)
        self.turnovers = turnovers
        self.tierPositions = tierPositions
    }
}
