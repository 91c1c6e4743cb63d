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
/// - Large data (`sampleSize`): every restart is seeded and iterated on one
///   seeded sample and the restarts are compared there (more restarts are
///   never worse on the sample); the `finalists` best are then iterated on
///   all points from their sample centroids and the lowest inertia over all
///   points wins (ties: the lower r). A pass over all points costs many
///   over the sample, so the full passes go to the restarts that can still
///   win. The result is a Lloyd fixed point of all points.
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
        /// When the data has more than twice this many rows, every restart is
        /// seeded and iterated on a seeded sample of this many rows and only
        /// the `finalists` best go on to all rows; `nil` iterates every
        /// restart on all rows from the start.
        public var sampleSize: Int?
        /// With a sample: how many of the restarts best on the sample are
        /// then iterated on all points (the lowest inertia there wins).
        public var finalists: Int

        public init(clusters: Int, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4,
                    seed: UInt64 = 42, parallel: Bool = true, sampleSize: Int? = nil, finalists: Int = 2) {
            self.clusters = clusters
            self.restarts = restarts
            self.maxIterations = maxIterations
            self.tolerance = tolerance
            self.seed = seed
            self.parallel = parallel
            self.sampleSize = sampleSize
            self.finalists = finalists
        }
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Clusters the rows of `data`.
    /// - Parameters:
    ///   - data: one row per point, finite values.
    ///   - weights: optional sample weights (>= 0, not all 0); a point of
    ///     weight 2 counts as that point given twice.
    ///   - onRestart: called as each restart finishes (from the thread that
    ///     ran it), for progress reports.
    /// - Throws: `InvalidInput`, before any computation, for parameters out
    ///   of range, fewer points than clusters, non-finite values or bad weights.
    /// - Complexity: O(restarts x (k x trials + iterations x k) x n x d) in
    ///   the worst case; Hamerly's bounds make most late iterations O(n).
    public func fit(_ data: Matrix, weights: [Double]? = nil,
                    onRestart: (@Sendable () -> Void)? = nil) throws(InvalidInput) -> KMeansResult {
        let k = configuration.clusters
        guard k >= 1 else { throw InvalidInput("the number of clusters must be at least 1, got \(k)") }
        guard configuration.restarts >= 1 else { throw InvalidInput("restarts must be at least 1, got \(configuration.restarts)") }
        guard configuration.finalists >= 1 else { throw InvalidInput("finalists must be at least 1, got \(configuration.finalists)") }
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
        let restarts = configuration.restarts
        let iterationLimit = configuration.maxIterations
        let parallel = configuration.parallel
        let everyPoint = Engine(data: data, weights: weights, k: k)
        // The sample (shared by the restarts) comes from its own stream, after the restarts' streams.
        var sample: Engine?
        if let size = configuration.sampleSize, size >= k, data.rows > 2 * size {
            let rows = RandomStream(seed: streams.seed(for: Int(Int32.max))).choose(size, of: data.rows)
            let sampleWeights = weights.map { weights in rows.map { weights[$0] } }
            if (sampleWeights?.filter { $0 > 0 }.count ?? size) >= k {
                sample = Engine(data: data.rows(at: rows), weights: sampleWeights, k: k)
            }
        }

        let chosen: LloydOutcome
        let best: Int
        let inertias: [Double]
        let finalists: [Int]
        var unconverged = 0
        if let sample {
            // Every restart seeded and iterated on the sample; only the best
            // few go on to all points, where a pass costs many passes over the sample.
            let sampled = onEveryCore(restarts, parallel: parallel) { restart in
                let outcome = sample.run(rng: RandomStream(seed: streams.seed(for: restart)), maxIterations: iterationLimit,
                                         shiftTolerance: shiftTolerance)
                onRestart?()
                return outcome
            }
            inertias = sampled.map(\.inertia)
            finalists = Array((0..<restarts).sorted { (inertias[$0], $0) < (inertias[$1], $1) }
                .prefix(configuration.finalists))
            let refined = onEveryCore(finalists.count, parallel: parallel) { position in
                everyPoint.run(rng: RandomStream(seed: streams.seed(for: finalists[position])),
                               maxIterations: iterationLimit, shiftTolerance: shiftTolerance,
                               from: sampled[finalists[position]].centroids)
            }
            // Lowest inertia over all points; ties: the lower restart.
            let winner = refined.indices.min { (refined[$0].inertia, finalists[$0]) < (refined[$1].inertia, finalists[$1]) }!
            chosen = refined[winner]
            best = finalists[winner]
            for restart in 0..<restarts where sampled[restart].convergence == .iterationLimit
                || (finalists.firstIndex(of: restart).map { refined[$0].convergence == .iterationLimit } ?? false) {
                unconverged += 1
            }
        } else {
            // Only the best restart so far is kept (lowest inertia, ties: lower
            // restart), so memory does not grow with the number of restarts.
            let kept = Mutex<(best: LloydOutcome?, index: Int, inertias: [Double], unconverged: Int)>(
                (nil, 0, [Double](repeating: 0, count: restarts), 0))
            _ = onEveryCore(restarts, parallel: parallel) { restart in
                let outcome = everyPoint.run(rng: RandomStream(seed: streams.seed(for: restart)),
                                             maxIterations: iterationLimit, shiftTolerance: shiftTolerance)
                kept.withLock { state in
                    state.inertias[restart] = outcome.inertia
                    if outcome.convergence == .iterationLimit { state.unconverged += 1 }
                    if let best = state.best, best.inertia < outcome.inertia || (best.inertia == outcome.inertia && state.index < restart) {
                        return
                    }
                    state.best = outcome
                    state.index = restart
                }
                onRestart?()
            }
            (chosen, best, inertias, unconverged) = kept.withLock { ($0.best!, $0.index, $0.inertias, $0.unconverged) }
            finalists = Array(0..<restarts)
        }

        var warnings: [String] = []
        let nonEmpty = chosen.sizes.filter { $0 > 0 }.count
        if nonEmpty < k {
            warnings.append("only \(nonEmpty) of \(k) clusters have points: the data has fewer distinct points than k")
        }
        if unconverged > 0 {
            warnings.append("\(unconverged) of \(restarts) restart\(restarts == 1 ? "" : "s") stopped at max_iterations \(iterationLimit) before converging")
        }
        return KMeansResult(labels: chosen.labels.map(Int.init),
                            centroids: Matrix(rows: k, columns: data.columns, values: chosen.centroids),
                            inertia: chosen.inertia, iterations: chosen.iterations, convergence: chosen.convergence,
                            clusterWeights: chosen.weights, clusterSizes: chosen.sizes,
                            restartInertias: inertias, restartsOnEveryPoint: finalists, bestRestart: best,
                            relocatedCentroids: chosen.relocations, warnings: warnings)
    }

    /// Mean over columns of the (weighted, population) column variance: the
    /// scale of the tolerance, so the rule does not depend on the data's units.
    static func meanColumnVariance(_ data: Matrix, weights: [Double]?) -> Double {
        let n = data.rows, d = data.columns
        let totalWeight = weights?.reduce(0, +) ?? Double(n)
        // One pass: weighted sums and sums of squares per column (the data is
        // centred by the caller's standardisation, so there is no cancellation
        // worth a second pass), in eight fixed parts on every core added in
        // part order: the same figure on any number of cores.
        let partSums = onFixedParts(of: n, parallel: n >= 65_536) { rows -> [Double] in
            var sums = [Double](repeating: 0, count: 2 * d)  // means, then squares
            unsafe data.values.withUnsafeBufferPointer { x in
                for i in rows {
                    let wi = weights?[i] ?? 1
                    for j in 0..<d {
                        let value = unsafe x[i * d + j]
                        sums[j] += wi * value
                        sums[d + j] += wi * value * value
                    }
                }
            }
            return sums
        }
        var sums = [Double](repeating: 0, count: 2 * d)
        for part in partSums { for index in sums.indices { sums[index] += part[index] } }
        var total = 0.0
        for j in 0..<d {
            let mean = sums[j] / totalWeight
            total += max(0, sums[d + j] / totalWeight - mean * mean)
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
    /// Inertia of every restart, in restart order, as the restarts were
    /// compared: over all points, or over the sample when `sampleSize` applied.
    public let restartInertias: [Double]
    /// The restarts iterated on all points, in order of their inertia on the
    /// sample (every restart, in restart order, when no sample was used).
    public let restartsOnEveryPoint: [Int]
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

    /// One restart: k-means++ seeding (unless `from` gives the centres), then Lloyd iterations.
    func run(rng: RandomStream, maxIterations: Int, shiftTolerance: Double, from start: [Double]? = nil) -> LloydOutcome {
        unsafe data.values.withUnsafeBufferPointer { x in
            if let weights {
                return unsafe weights.withUnsafeBufferPointer { w in
                    var loops = unsafe Loops(x: x.baseAddress!, w: w.baseAddress!, n: data.rows, d: data.columns, k: k)
                    return loops.lloyd(rng: rng, maxIterations: maxIterations, shiftTolerance: shiftTolerance, from: start)
                }
            }
            var loops = unsafe Loops(x: x.baseAddress!, w: nil, n: data.rows, d: data.columns, k: k)
            return loops.lloyd(rng: rng, maxIterations: maxIterations, shiftTolerance: shiftTolerance, from: start)
        }
    }
}

@inline(__always)
private func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
    var sum = 0.0
    for j in 0..<d {
        let t = unsafe a[j] - b[j]
        sum += t * t
    }
    return sum
}

/// Centres transposed into blocks of eight, so that the squared distances
/// from a point to all of them take d vector steps per block instead of one
/// chain of d scalar steps per centre. Lane l of `lanes[b * d + j]` is
/// coordinate j of centre 8b + l; lanes past the last centre hold 0 and are
/// never read. Each lane adds its d terms in the order `squaredDistance`
/// does, so the distances are bit for bit the same.
@safe
private struct CentreBlocks {
    let lanes: UnsafeMutablePointer<SIMD8<Double>>
    /// Room for every lane's distance, read back as plain doubles.
    let distances: UnsafeMutablePointer<SIMD8<Double>>
    let blocks: Int, d: Int, count: Int

    init(count: Int, d: Int) {
        self.count = count
        self.d = d
        blocks = (count + 7) / 8
        unsafe lanes = .allocate(capacity: blocks * d)
        unsafe lanes.initialize(repeating: .zero, count: blocks * d)
        unsafe distances = .allocate(capacity: blocks)
        unsafe distances.initialize(repeating: .zero, count: blocks)
    }

    func deallocate() {
        unsafe lanes.deallocate()
        unsafe distances.deallocate()
    }

    /// Copies `count` centres of d coordinates, row after row.
    func load(_ centres: UnsafePointer<Double>) {
        for centre in 0..<count {
            for j in 0..<d { unsafe lanes[(centre / 8) * d + j][centre % 8] = centres[centre * d + j] }
        }
    }

    /// Copies the rows `rows` of `x` (d columns) as the centres.
    func load(rows: UnsafePointer<Int>, of x: UnsafePointer<Double>) {
        for centre in 0..<count {
            for j in 0..<d { unsafe lanes[(centre / 8) * d + j][centre % 8] = x[rows[centre] * d + j] }
        }
    }

    /// Squared distances from `point` to every centre; element c is centre c's.
    @inline(__always)
    func squaredDistances(from point: UnsafePointer<Double>) -> UnsafePointer<Double> {
        for block in 0..<blocks {
            var sum = SIMD8<Double>.zero
            let base = unsafe lanes + block * d
            for j in 0..<d {
                let difference = unsafe SIMD8(repeating: point[j]) - base[j]
                sum += difference * difference
            }
            unsafe distances[block] = sum
        }
        return unsafe UnsafeRawPointer(distances).assumingMemoryBound(to: Double.self)
    }

    /// The nearest centre and the two smallest squared distances; ties go to
    /// the lower-numbered centre.
    @inline(__always)
    func nearestTwo(from point: UnsafePointer<Double>) -> (centre: Int, first: Double, second: Double) {
        unsafe nearestTwo(among: squaredDistances(from: point))
    }

    /// `nearestTwo(from:)` over distances `squaredDistances(from:)` returned.
    @inline(__always)
    func nearestTwo(among distance: UnsafePointer<Double>) -> (centre: Int, first: Double, second: Double) {
        var best = 0, first = Double.infinity, second = Double.infinity
        for centre in 0..<count {
            let value = unsafe distance[centre]
            if value < first { second = first; first = value; best = centre } else if value < second { second = value }
        }
        return (best, first, second)
    }
}

/// Raw-pointer state of one restart. Plain loops over pointers, no
/// closures: the compiler keeps everything in registers, which matters
/// at a million points.
@safe
private struct Loops {
    let x: UnsafePointer<Double>
    let w: UnsafePointer<Double>?
    let n: Int, d: Int, k: Int

    init(x: UnsafePointer<Double>, w: UnsafePointer<Double>?, n: Int, d: Int, k: Int) {
        unsafe self.x = x
        unsafe self.w = w
        self.n = n
        self.d = d
        self.k = k
    }

    @inline(__always)
    func weight(_ i: Int) -> Double {
        guard let w = unsafe w else { return 1 }
        return unsafe w[i]
    }

    /// An index drawn with probability proportional to the increments of
    /// `cumulative` (a running sum over the points ending in `total` > 0).
    func draw(_ cumulative: UnsafeMutablePointer<Double>, total: Double, rng: RandomStream) -> Int {
        let target = rng.uniform() * total
        var low = 0, high = n - 1
        while low < high {
            let middle = (low + high) / 2
            if unsafe cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A point drawn by weight alone.
    func drawByWeight(_ cumulative: UnsafeMutablePointer<Double>, rng: RandomStream) -> Int {
        guard unsafe w != nil else { return rng.below(n) }
        var running = 0.0
        for i in 0..<n {
            running += weight(i)
            unsafe cumulative[i] = running
        }
        return unsafe draw(cumulative, total: running, rng: rng)
    }

    /// Greedy k-means++: k x d centres.
    ///
    /// The candidates of one step are drawn first and scored in a single
    /// pass over the points, so seeding reads the data k times, not
    /// k x trials times.
    func seedCentres(rng: RandomStream) -> [Double] {
        var centres = [Double](repeating: 0, count: k * d)
        let trials = 2 + Int(log(Double(k)))
        // closest: squared distance to the nearest centre so far;
        // candidates: the same after adding candidate t, trials x n.
        let closest = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let candidates = UnsafeMutablePointer<Double>.allocate(capacity: trials * n)
        let cumulative = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let trialPoints = CentreBlocks(count: trials, d: d)
        defer {
            trialPoints.deallocate()
            unsafe closest.deallocate()
            unsafe candidates.deallocate()
            unsafe cumulative.deallocate()
        }
        func place(_ index: Int, as centre: Int) {
            for j in 0..<d { centres[centre * d + j] = unsafe x[index * d + j] }
        }
        let first = unsafe drawByWeight(cumulative, rng: rng)
        place(first, as: 0)
        var total = 0.0
        for i in 0..<n {
            let distance = unsafe squaredDistance(x + i * d, x + first * d, d)
            unsafe closest[i] = distance
            total += weight(i) * distance
            unsafe cumulative[i] = total
        }
        var chosen = [Int](repeating: 0, count: trials)
        var potentials = [Double](repeating: 0, count: trials)
        for centre in 1..<k {
            guard total > 0 else {
                // Every point sits on a centre: fewer distinct points than k.
                // Any point will do; the duplicate centre ends up empty.
                place(unsafe drawByWeight(cumulative, rng: rng), as: centre)
                total = 0
                for i in 0..<n { unsafe cumulative[i] = 0 }
                continue
            }
            for t in 0..<trials { chosen[t] = unsafe draw(cumulative, total: total, rng: rng) }
            for t in 0..<trials { potentials[t] = 0 }
            unsafe chosen.withUnsafeBufferPointer { unsafe trialPoints.load(rows: $0.baseAddress!, of: x) }
            unsafe potentials.withUnsafeMutableBufferPointer { potentials in
                for i in 0..<n {
                    let current = unsafe closest[i]
                    let distances = unsafe trialPoints.squaredDistances(from: x + i * d)
                    let wi = weight(i)
                    for t in 0..<trials {
                        let distance = unsafe min(current, distances[t])
                        unsafe candidates[t * n + i] = distance
                        unsafe potentials[t] += wi * distance
                    }
                }
            }
            var best = 0
            for t in 1..<trials where potentials[t] < potentials[best] { best = t }
            place(chosen[best], as: centre)
            total = 0
            for i in 0..<n {
                let distance = unsafe candidates[best * n + i]
                unsafe closest[i] = distance
                total += weight(i) * distance
                unsafe cumulative[i] = total
            }
        }
        return centres
    }

    /// Adds (sign +1) or removes (sign -1) point i to a cluster's running sums.
    @inline(__always)
    func move(_ i: Int, cluster: Int, sign: Double, sums: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Double>) {
        let wi = weight(i) * sign
        for j in 0..<d { unsafe sums[cluster * d + j] += wi * x[i * d + j] }
        unsafe counts[cluster] += wi
    }

    mutating func lloyd(rng: RandomStream, maxIterations: Int, shiftTolerance: Double, from start: [Double]?) -> LloydOutcome {
        var centres = start ?? seedCentres(rng: rng)
        var labels = [Int32](repeating: 0, count: n)
        let upper = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let lower = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let sums = UnsafeMutablePointer<Double>.allocate(capacity: k * d)
        let counts = UnsafeMutablePointer<Double>.allocate(capacity: k)
        let c = UnsafeMutablePointer<Double>.allocate(capacity: k * d)
        let blocks = CentreBlocks(count: k, d: d)
        defer {
            blocks.deallocate()
            unsafe upper.deallocate()
            unsafe lower.deallocate()
            unsafe sums.deallocate()
            unsafe counts.deallocate()
            unsafe c.deallocate()
        }
        unsafe sums.initialize(repeating: 0, count: k * d)
        unsafe counts.initialize(repeating: 0, count: k)
        for index in 0..<(k * d) { unsafe c[index] = centres[index] }
        unsafe blocks.load(c)
        var iterations = 0
        var convergence = Convergence.iterationLimit
        var relocations = 0
        let d = self.d, k = self.k, n = self.n, x = unsafe self.x

        unsafe labels.withUnsafeMutableBufferPointer { labelBuffer in
            let labels = labelBuffer.baseAddress!
            // Initial assignment: every distance once.
            for i in 0..<n {
                let (best, first, second) = unsafe blocks.nearestTwo(from: x + i * d)
                unsafe labels[i] = Int32(best)
                unsafe upper[i] = first.squareRoot()
                unsafe lower[i] = second.squareRoot()
                unsafe move(i, cluster: best, sign: 1, sums: sums, counts: counts)
            }

            var shifts = [Double](repeating: 0, count: k)
            var halfGap = [Double](repeating: 0, count: k)
            var next = [Double](repeating: 0, count: k * d)
            while true {
                // M-step: centroids to the means; empty clusters take the farthest point.
                for index in 0..<(k * d) { next[index] = unsafe c[index] }
                for centre in 0..<k where unsafe counts[centre] > 0 {
                    for j in 0..<d { next[centre * d + j] = unsafe sums[centre * d + j] / counts[centre] }
                }
                var relocated: [Int] = []
                for centre in 0..<k where unsafe counts[centre] <= 0 {
                    var farthest = -1, farthestDistance = 0.0
                    unsafe next.withUnsafeBufferPointer { next in
                        for i in 0..<n where weight(i) > 0 {
                            let own = unsafe Int(labels[i])
                            guard own != centre, unsafe counts[own] > weight(i), !relocated.contains(i) else { continue }
                            let distance = unsafe squaredDistance(x + i * d, next.baseAddress! + own * d, d)
                            if distance > farthestDistance { farthestDistance = distance; farthest = i }
                        }
                    }
                    guard farthest >= 0 else { continue }
                    let own = unsafe Int(labels[farthest])
                    unsafe move(farthest, cluster: own, sign: -1, sums: sums, counts: counts)
                    unsafe move(farthest, cluster: centre, sign: 1, sums: sums, counts: counts)
                    unsafe labels[farthest] = Int32(centre)
                    for j in 0..<d {
                        next[own * d + j] = unsafe sums[own * d + j] / counts[own]
                        next[centre * d + j] = unsafe x[farthest * d + j]
                    }
                    relocated.append(farthest)
                    relocations += 1
                }
                var totalShift = 0.0
                var maxShift = 0.0, secondShift = 0.0, maxCluster = 0
                for centre in 0..<k {
                    var squared = 0.0
                    for j in 0..<d {
                        let t = unsafe next[centre * d + j] - c[centre * d + j]
                        squared += t * t
                    }
                    totalShift += squared
                    shifts[centre] = squared.squareRoot()
                    if shifts[centre] > maxShift {
                        secondShift = maxShift
                        maxShift = shifts[centre]
                        maxCluster = centre
                    } else if shifts[centre] > secondShift {
                        secondShift = shifts[centre]
                    }
                }
                for index in 0..<(k * d) { unsafe c[index] = next[index] }
                unsafe blocks.load(c)
                iterations += 1

                // Half the distance from each centre to its nearest other centre:
                // a point closer than that to its own centre cannot change cluster.
                for centre in 0..<k {
                    var nearest = Double.infinity
                    for other in 0..<k where other != centre {
                        nearest = unsafe min(nearest, squaredDistance(c + centre * d, c + other * d, d))
                    }
                    halfGap[centre] = 0.5 * nearest.squareRoot()
                }

                // E-step with Hamerly's bounds.
                var changes = relocated.count
                unsafe shifts.withUnsafeBufferPointer { shifts in
                unsafe halfGap.withUnsafeBufferPointer { halfGap in
                    for i in 0..<n {
                        let own = unsafe Int(labels[i])
                        var up = unsafe upper[i] + shifts[own]
                        let low = unsafe lower[i] - (own == maxCluster ? secondShift : maxShift)
                        unsafe lower[i] = low
                        let bound = unsafe max(halfGap[own], low)
                        if up <= bound { unsafe upper[i] = up; continue }
                        // One pass gives the own distance (to tighten the bound)
                        // and, when that does not settle it, all the others.
                        let distances = unsafe blocks.squaredDistances(from: x + i * d)
                        up = unsafe distances[own].squareRoot()
                        unsafe upper[i] = up
                        if up <= bound { continue }
                        let (best, first, second) = unsafe blocks.nearestTwo(among: distances)
                        unsafe upper[i] = first.squareRoot()
                        unsafe lower[i] = second.squareRoot()
                        if best != own {
                            unsafe move(i, cluster: own, sign: -1, sums: sums, counts: counts)
                            unsafe move(i, cluster: best, sign: 1, sums: sums, counts: counts)
                            unsafe labels[i] = Int32(best)
                            changes += 1
                        }
                    }
                }}
                for i in relocated {
                    // The relocated point is its centroid's only point so far.
                    unsafe upper[i] = 0
                    unsafe lower[i] = 0
                }
                if changes == 0 { convergence = .stable; break }
                if totalShift <= shiftTolerance { convergence = .tolerance; break }
                if iterations >= maxIterations { convergence = .iterationLimit; break }
            }
        }
        for index in 0..<(k * d) { centres[index] = unsafe c[index] }

        // Exact means and inertia from scratch: the running sums drift by
        // rounding over many moves, and the reported partition must be exact.
        var weightsPerCluster = [Double](repeating: 0, count: k)
        var sizes = [Int](repeating: 0, count: k)
        var exact = [Double](repeating: 0, count: k * d)
        for i in 0..<n {
            let cluster = Int(labels[i])
            let wi = weight(i)
            weightsPerCluster[cluster] += wi
            sizes[cluster] += 1
            for j in 0..<d { exact[cluster * d + j] += unsafe wi * x[i * d + j] }
        }
        for cluster in 0..<k where weightsPerCluster[cluster] > 0 {
            for j in 0..<d { centres[cluster * d + j] = exact[cluster * d + j] / weightsPerCluster[cluster] }
        }
        var inertia = 0.0
        unsafe centres.withUnsafeBufferPointer { centres in
            for i in 0..<n {
                inertia += unsafe weight(i) * squaredDistance(x + i * d, centres.baseAddress! + Int(labels[i]) * d, d)
            }
        }
        return LloydOutcome(labels: labels, centroids: centres, inertia: inertia, iterations: iterations,
                            convergence: convergence, weights: weightsPerCluster, sizes: sizes,
                            relocations: relocations)
    }
}
