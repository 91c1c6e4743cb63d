import Dispatch
import Foundation
import Synchronization

/// k-means clustering: k-means++ seeding, Lloyd iterations accelerated with
/// Hamerly's bounds, several restarts driven by one seed.
///
/// Usage follows scikit-learn's and R's `kmeans`: a configuration value,
/// then `fit`, which returns an immutable `KMeansResult`.
///
/// ```swift
/// let result = try KMeans(.init(clusters: 6, seed: 42)).fit(features)
/// ```
///
/// - Seeding: greedy k-means++ (Arthur & Vassilvitskii 2007, with the
///   2 + ln k local trials of scikit-learn): each new centre is the best of
///   a few candidates drawn with probability proportional to weight x squared
///   distance to the nearest centre chosen so far.
/// - Iterations: each point goes to its nearest centroid, then each
///   centroid moves to the weighted mean of its points. Hamerly's upper and
///   lower distance bounds (Hamerly 2010) skip the distance computations
///   that cannot change a point's cluster, so late iterations cost a pass
///   over three numbers per point instead of k distances; the result is
///   exactly that of plain Lloyd iterations.
/// - Stopping rule, checked after every iteration: *stable* when the
///   iteration moved no point (a fixed point of Lloyd's algorithm);
///   *tolerance* when the squared centroid movements summed over clusters
///   are at most `tolerance` x the mean variance of the columns (the rule of
///   scikit-learn); otherwise *iteration limit* after `maxIterations`.
/// - Ties: a point equally far from two centroids goes to the lower-numbered
///   one when its distances are recomputed, and keeps its cluster otherwise.
/// - Empty clusters: a centroid that loses all its points is moved to the
///   point farthest from its own centroid; when every point sits on a
///   centroid (fewer distinct points than k) it stays empty and the result
///   carries a warning.
/// - Restarts: restart r draws from stream r of `SeedSequence(seed)`; the
///   result is the restart with the lowest inertia (ties: the lower r). So
///   more restarts are never worse, and the same seed gives the same labels
///   however many threads ran the restarts.
public struct KMeans: Sendable, Hashable, Codable {
    public struct Configuration: Sendable, Hashable, Codable {
        /// k, the number of clusters.
        public var clusters: Int
        /// Independent seedings; the best is kept.
        public var restarts: Int
        /// Upper bound on Lloyd iterations per restart.
        public var maxIterations: Int
        /// Relative centroid-movement tolerance (see the stopping rule); 0 runs to a fixed point.
        public var tolerance: Double
        public var seed: UInt64
        /// Run restarts on all cores; results do not depend on it.
        public var parallel: Bool

        public init(clusters: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
                    seed: UInt64 = 42, parallel: Bool = true) {
            self.clusters = clusters
            self.restarts = restarts
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.seed = seed
            self.parallel = parallel
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Clusters the rows of `data`.
    /// - Parameters:
    ///   - data: one row per point, finite values.
    ///   - weights: optional sample weights (>= 0, not all 0); a point of
    ///     weight 2 counts as that point given twice.
    /// - Throws: `InvalidInput`, before any computation, for parameters out
    ///   of range, fewer points than clusters, non-finite values or bad weights.
    /// - Complexity: O(restarts x (k x trials + iterations x k) x n x d) in
    ///   the worst case; Hamerly's bounds make most late iterations O(n).
    public func fit(_ data: Matrix, weights: [Double]? = nil) throws(InvalidInput) -> KMeansResult {
        let k = configuration.clusters
        guard k >= 1 else { throw InvalidInput("the number of clusters must be at least 1, got \(k)") }
        guard configuration.restarts >= 1 else { throw InvalidInput("restarts must be at least 1, got \(configuration.restarts)") }
        guard configuration.maxIterations >= 1 else {
            throw InvalidInput("max_iterations must be at least 1, got \(configuration.maxIterations)")
        }
        guard configuration.tolerance >= 0, configuration.tolerance.isFinite else {
            throw InvalidInput("tolerance must be a finite number >= 0, got \(configuration.tolerance)")
        }
        try InvalidInput.checkData(data)
        guard data.rows >= k else {
            throw InvalidInput("\(data.rows) point\(data.rows == 1 ? "" : "s") cannot form \(k) clusters")
        }
        try InvalidInput.checkWeights(weights, rows: data.rows)
        if let weights {
            let positive = weights.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            guard positive >= k else { throw InvalidInput("\(positive) points of positive weight cannot form \(k) clusters") }
        }

        let shiftTolerance = configuration.tolerance * Self.meanColumnVariance(data, weights: weights)
        let streams = SeedSequence(configuration.seed)
        let outcomes = Mutex<[Int: LloydOutcome]>([:])
        let restarts = configuration.restarts
        let iterationLimit = configuration.maxIterations
        let work: @Sendable (Int) -> Void = { restart in
            let rng = RandomStream(seed: streams.seed(for: restart))
            let outcome = Engine(data: data, weights: weights, k: k).run(rng: rng, maxIterations: iterationLimit,
                                                                          shiftTolerance: shiftTolerance)
            outcomes.withLock { $0[restart] = outcome }
        }
        if configuration.parallel && restarts > 1 {
            DispatchQueue.concurrentPerform(iterations: restarts, execute: work)
        } else {
            for restart in 0..<restarts { work(restart) }
        }
        let all = outcomes.withLock { dictionary in (0..<restarts).map { dictionary[$0]! } }
        var best = 0
        for restart in 1..<restarts where all[restart].inertia < all[best].inertia { best = restart }
        let chosen = all[best]

        var warnings: [String] = []
        let nonEmpty = chosen.sizes.filter { $0 > 0 }.count
        if nonEmpty < k {
            warnings.append("only \(nonEmpty) of \(k) clusters have points: the data has fewer distinct points than k")
        }
        let unconverged = all.filter { $0.convergence == .iterationLimit }.count
        if unconverged > 0 {
            warnings.append("\(unconverged) of \(restarts) restart\(restarts == 1 ? "" : "s") stopped at max_iterations \(iterationLimit) before converging")
        }
        return KMeansResult(labels: chosen.labels.map(Int.init),
                            centroids: Matrix(rows: k, columns: data.columns, values: chosen.centroids),
                            inertia: chosen.inertia, iterations: chosen.iterations, convergence: chosen.convergence,
                            clusterWeights: chosen.weights, clusterSizes: chosen.sizes,
                            restartInertias: all.map(\.inertia), bestRestart: best,
                            relocatedCentroids: chosen.relocations, warnings: warnings)
    }

    /// Mean over columns of the (weighted, population) column variance: the
    /// scale of the tolerance, so the rule does not depend on the data's units.
    static func meanColumnVariance(_ data: Matrix, weights: [Double]?) -> Double {
        var total = 0.0
        let n = data.rows, d = data.columns
        let totalWeight = weights?.reduce(0, +) ?? Double(n)
        for column in 0..<d {
            var mean = 0.0
            for row in 0..<n { mean += (weights?[row] ?? 1) * data.values[row * d + column] }
            mean /= totalWeight
            var variance = 0.0
            for row in 0..<n {
                let deviation = data.values[row * d + column] - mean
                variance += (weights?[row] ?? 1) * deviation * deviation
            }
            total += variance / totalWeight
        }
        return total / Double(d)
    }
}

/// How the Lloyd iterations of the kept restart stopped.
public enum Convergence: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The last iteration moved no point: a fixed point.
    case stable
    /// The centroids moved less than the tolerance.
    case tolerance
    /// `maxIterations` was reached first.
    case iterationLimit = "iteration_limit"

    public var description: String { rawValue }
}

/// The outcome of `KMeans.fit`: the best restart's partition.
public struct KMeansResult: Sendable, Hashable, Codable {
    /// Cluster of each row, 0..<k. The numbering comes from the seeding and
    /// has no meaning of its own; callers that show clusters renumber them.
    public let labels: [Int]
    /// k x d: each cluster's weighted mean (the last position of an empty cluster).
    public let centroids: Matrix
    /// Sum over points of weight x squared distance to their cluster's mean.
    public let inertia: Double
    /// Lloyd iterations of the kept restart.
    public let iterations: Int
    public let convergence: Convergence
    /// Total weight of each cluster (the number of points without weights).
    public let clusterWeights: [Double]
    /// Number of points of each cluster.
    public let clusterSizes: [Int]
    /// Inertia of every restart, in restart order.
    public let restartInertias: [Double]
    public let bestRestart: Int
    /// Times a centroid that lost all its points was moved to the farthest point.
    public let relocatedCentroids: Int
    /// Non-fatal problems, in words.
    public let warnings: [String]
}

/// One restart's result.
struct LloydOutcome: Sendable {
    var labels: [Int32]
    var centroids: [Double]
    var inertia: Double
    var iterations: Int
    var convergence: Convergence
    var weights: [Double]
    var sizes: [Int]
    var relocations: Int
}

/// The inner loops of one restart, over raw buffers.
private struct Engine {
    let data: Matrix
    let weights: [Double]?
    let k: Int

    var n: Int { data.rows }
    var d: Int { data.columns }

    func run(rng: RandomStream, maxIterations: Int, shiftTolerance: Double) -> LloydOutcome {
        unsafe data.values.withUnsafeBufferPointer { x in
            if let weights {
                return unsafe weights.withUnsafeBufferPointer { w in
                    unsafe lloyd(x: x.baseAddress!, w: w.baseAddress!, rng: rng, maxIterations: maxIterations,
                                 shiftTolerance: shiftTolerance)
                }
            }
            return unsafe lloyd(x: x.baseAddress!, w: nil, rng: rng, maxIterations: maxIterations,
                                shiftTolerance: shiftTolerance)
        }
    }

    @inline(__always)
    private func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        for j in 0..<d {
            let t = unsafe a[j] - b[j]
            sum += t * t
        }
        return sum
    }

    /// An index drawn with probability proportional to `cumulative`'s
    /// increments (`cumulative` is a running sum ending in `total` > 0).
    private func draw(_ cumulative: UnsafeMutableBufferPointer<Double>, total: Double, rng: RandomStream) -> Int {
        let target = rng.uniform() * total
        var low = 0, high = n - 1
        while low < high {
            let middle = (low + high) / 2
            if unsafe cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Greedy k-means++: k x d centres.
    private func seedCentres(x: UnsafePointer<Double>, w: UnsafePointer<Double>?, rng: RandomStream) -> [Double] {
        var centres = [Double](repeating: 0, count: k * d)
        let trials = 2 + Int(log(Double(k)))
        // Scratch buffers, swapped as pointers when a candidate wins.
        var closest = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        var candidate = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        var bestCandidate = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let cumulative = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer {
            unsafe closest.deallocate()
            unsafe candidate.deallocate()
            unsafe bestCandidate.deallocate()
            unsafe cumulative.deallocate()
        }
        unsafe centres.withUnsafeMutableBufferPointer { centres in
            func weight(_ i: Int) -> Double { unsafe (w.map { unsafe $0[i] } ?? 1) }
            func place(_ index: Int, as centre: Int) {
                for j in 0..<d { unsafe centres[centre * d + j] = x[index * d + j] }
            }
            // The first centre: a point drawn by weight alone.
            var first: Int
            if unsafe w != nil {
                var running = 0.0
                for i in 0..<n { running += weight(i); unsafe cumulative[i] = running }
                first = unsafe draw(cumulative, total: running, rng: rng)
            } else {
                first = rng.below(n)
            }
            place(first, as: 0)
            for i in 0..<n { unsafe closest[i] = squaredDistance(x + i * d, x + first * d) }
            for centre in 1..<k {
                var total = 0.0
                for i in 0..<n { total += unsafe weight(i) * closest[i]; unsafe cumulative[i] = total }
                guard total > 0 else {
                    // Every point sits on a centre: fewer distinct points than k.
                    // Any point will do; the duplicate centre ends up empty.
                    if unsafe w != nil {
                        var running = 0.0
                        for i in 0..<n { running += weight(i); unsafe cumulative[i] = running }
                        place(unsafe draw(cumulative, total: running, rng: rng), as: centre)
                    } else {
                        place(rng.below(n), as: centre)
                    }
                    continue
                }
                var bestPotential = Double.infinity
                var bestIndex = 0
                for _ in 0..<trials {
                    let index = unsafe draw(cumulative, total: total, rng: rng)
                    var potential = 0.0
                    let point = unsafe x + index * d
                    for i in 0..<n {
                        let distance = unsafe min(closest[i], squaredDistance(x + i * d, point))
                        unsafe candidate[i] = distance
                        potential += weight(i) * distance
                    }
                    if potential < bestPotential {
                        bestPotential = potential
                        bestIndex = index
                        unsafe swap(&candidate, &bestCandidate)
                    }
                }
                place(bestIndex, as: centre)
                unsafe swap(&closest, &bestCandidate)
            }
        }
        return centres
    }

    private func lloyd(x: UnsafePointer<Double>, w: UnsafePointer<Double>?, rng: RandomStream, maxIterations: Int,
                       shiftTolerance: Double) -> LloydOutcome {
        var centres = unsafe seedCentres(x: x, w: w, rng: rng)
        var labels = [Int32](repeating: 0, count: n)
        var upper = [Double](repeating: 0, count: n)
        var lower = [Double](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Double](repeating: 0, count: k)
        var iterations = 0
        var convergence = Convergence.iterationLimit
        var relocations = 0

        unsafe labels.withUnsafeMutableBufferPointer { labels in
        unsafe upper.withUnsafeMutableBufferPointer { upper in
        unsafe lower.withUnsafeMutableBufferPointer { lower in
        unsafe sums.withUnsafeMutableBufferPointer { sums in
        unsafe counts.withUnsafeMutableBufferPointer { counts in
            func weight(_ i: Int) -> Double { unsafe (w.map { unsafe $0[i] } ?? 1) }
            func add(_ i: Int, to cluster: Int, sign: Double) {
                let wi = weight(i) * sign
                for j in 0..<d { unsafe sums[cluster * d + j] += wi * x[i * d + j] }
                unsafe counts[cluster] += wi
            }

            // Nearest and second-nearest centre of point i, as squared distances.
            func nearestTwo(_ i: Int, _ centres: UnsafeBufferPointer<Double>) -> (Int, Double, Double) {
                var best = 0, first = Double.infinity, second = Double.infinity
                let point = unsafe x + i * d
                for c in 0..<k {
                    let distance = unsafe squaredDistance(point, centres.baseAddress! + c * d)
                    if distance < first {
                        second = first
                        first = distance
                        best = c
                    } else if distance < second {
                        second = distance
                    }
                }
                return (best, first, second)
            }

            // Initial assignment: every distance once.
            unsafe centres.withUnsafeBufferPointer { centres in
                for i in 0..<n {
                    let (best, first, second) = unsafe nearestTwo(i, centres)
                    unsafe labels[i] = Int32(best)
                    unsafe upper[i] = first.squareRoot()
                    unsafe lower[i] = second.squareRoot()
                    add(i, to: best, sign: 1)
                }
            }

            var shifts = [Double](repeating: 0, count: k)
            var halfGap = [Double](repeating: 0, count: k)
            while true {
                // M-step: centroids to the means; empty clusters take the farthest point.
                var next = centres
                for c in 0..<k where unsafe counts[c] > 0 {
                    for j in 0..<d { next[c * d + j] = unsafe sums[c * d + j] / counts[c] }
                }
                var relocated: [Int] = []
                for c in 0..<k where unsafe counts[c] <= 0 {
                    var farthest = -1, farthestDistance = 0.0
                    unsafe next.withUnsafeBufferPointer { next in
                        for i in 0..<n where weight(i) > 0 {
                            let own = unsafe Int(labels[i])
                            guard own != c, unsafe counts[own] > weight(i), !relocated.contains(i) else { continue }
                            let distance = unsafe squaredDistance(x + i * d, next.baseAddress! + own * d)
                            if distance > farthestDistance { farthestDistance = distance; farthest = i }
                        }
                    }
                    guard farthest >= 0 else { continue }
                    let own = unsafe Int(labels[farthest])
                    add(farthest, to: own, sign: -1)
                    add(farthest, to: c, sign: 1)
                    unsafe labels[farthest] = Int32(c)
                    for j in 0..<d {
                        next[own * d + j] = unsafe sums[own * d + j] / counts[own]
                        next[c * d + j] = unsafe x[farthest * d + j]
                    }
                    relocated.append(farthest)
                    relocations += 1
                }
                var totalShift = 0.0
                var maxShift = 0.0, secondShift = 0.0, maxCluster = 0
                for c in 0..<k {
                    var squared = 0.0
                    for j in 0..<d {
                        let t = next[c * d + j] - centres[c * d + j]
                        squared += t * t
                    }
                    totalShift += squared
                    shifts[c] = squared.squareRoot()
                    if shifts[c] > maxShift {
                        secondShift = maxShift
                        maxShift = shifts[c]
                        maxCluster = c
                    } else if shifts[c] > secondShift {
                        secondShift = shifts[c]
                    }
                }
                centres = next
                iterations += 1

                // Half the distance from each centre to its nearest other centre:
                // a point closer than that to its own centre cannot change cluster.
                for c in 0..<k {
                    var nearest = Double.infinity
                    for other in 0..<k where other != c {
                        var squared = 0.0
                        for j in 0..<d {
                            let t = centres[c * d + j] - centres[other * d + j]
                            squared += t * t
                        }
                        nearest = min(nearest, squared)
                    }
                    halfGap[c] = 0.5 * nearest.squareRoot()
                }

                // E-step with Hamerly's bounds.
                var changes = relocated.count
                unsafe centres.withUnsafeBufferPointer { centres in
                    for i in 0..<n {
                        let own = unsafe Int(labels[i])
                        unsafe upper[i] += shifts[own]
                        unsafe lower[i] -= own == maxCluster ? secondShift : maxShift
                        let bound = unsafe max(halfGap[own], lower[i])
                        if unsafe upper[i] <= bound { continue }
                        unsafe upper[i] = unsafe squaredDistance(x + i * d, centres.baseAddress! + own * d).squareRoot()
                        if unsafe upper[i] <= bound { continue }
                        let (best, first, second) = unsafe nearestTwo(i, centres)
                        unsafe upper[i] = first.squareRoot()
                        unsafe lower[i] = second.squareRoot()
                        if best != own {
                            add(i, to: own, sign: -1)
                            add(i, to: best, sign: 1)
                            unsafe labels[i] = Int32(best)
                            changes += 1
                        }
                    }
                }
                for i in relocated {
                    // The relocated point is its centroid's only point so far.
                    unsafe upper[i] = 0
                    unsafe lower[i] = 0
                }
                if changes == 0 { convergence = .stable; break }
                if totalShift <= shiftTolerance { convergence = .tolerance; break }
                if iterations >= maxIterations { convergence = .iterationLimit; break }
            }
        }}}}}

        // Exact means and inertia from scratch: the running sums drift by
        // rounding over many moves, and the reported partition must be exact.
        var weightsPerCluster = [Double](repeating: 0, count: k)
        var sizes = [Int](repeating: 0, count: k)
        var exact = [Double](repeating: 0, count: k * d)
        for i in 0..<n {
            let c = Int(labels[i])
            let wi = unsafe (w.map { unsafe $0[i] } ?? 1)
            weightsPerCluster[c] += wi
            sizes[c] += 1
            for j in 0..<d { exact[c * d + j] += unsafe wi * x[i * d + j] }
        }
        for c in 0..<k where weightsPerCluster[c] > 0 {
            for j in 0..<d { centres[c * d + j] = exact[c * d + j] / weightsPerCluster[c] }
        }
        var inertia = 0.0
        unsafe centres.withUnsafeBufferPointer { centres in
            for i in 0..<n {
                let wi = unsafe (w.map { unsafe $0[i] } ?? 1)
                inertia += unsafe wi * squaredDistance(x + i * d, centres.baseAddress! + Int(labels[i]) * d)
            }
        }
        return LloydOutcome(labels: labels, centroids: centres, inertia: inertia, iterations: iterations,
                            convergence: convergence, weights: weightsPerCluster, sizes: sizes,
                            relocations: relocations)
    }
}
