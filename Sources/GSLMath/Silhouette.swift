internal import CVectorMath

/// The silhouette of a partition (Rousseeuw 1987), on a seeded sample.
///
/// For a point i with a = mean distance to the other points of its cluster
/// and b = the smallest mean distance to the points of another cluster,
/// s(i) = (b - a) / max(a, b), in [-1, 1]: near 1 the point sits well inside
/// its cluster, near 0 between two, below 0 closer to another cluster. A
/// point alone in its cluster has s = 0. The score is the mean of s(i).
///
/// All pairwise distances cost O(n^2); as scikit-learn's
/// `silhouette_score(sample_size:)`, the score is computed among a sample of
/// points drawn without replacement with the seed, which estimates the full
/// score to about +-0.01 from a few thousand points.
public struct Silhouette: Sendable, Hashable, Codable {
    /// Mean silhouette over the sample.
    public let score: Double
    /// Points in the sample (all points when there are fewer than asked).
    public let sampleSize: Int
    /// Mean silhouette of the sampled points of each label 0..<k; `nil` for
    /// a label with no sampled point.
    public let perCluster: [Double?]

    /// - Parameters:
    ///   - data: the points the partition was made on.
    ///   - labels: cluster of each row, 0..<k.
    ///   - sampleSize: how many points to sample (>= 2).
    ///   - seed: drives the sample.
    /// - Returns: `nil` when the sample holds fewer than 2 clusters, for
    ///   which the silhouette is not defined.
    /// - Throws: `InvalidInput` for a label count that does not match the
    ///   rows, a negative label, or a sample size below 2.
    /// - Complexity: O(s^2 d / 2) for s sampled points: each pair once, in
    ///   blocks of eight on every core.
    public static func compute(data: Matrix, labels: [Int], sampleSize: Int, seed: UInt64) throws(InvalidInput) -> Silhouette? {
        try InvalidInput.checkData(data)
        guard labels.count == data.rows else {
            throw InvalidInput("\(labels.count) labels given for \(data.rows) rows; one label per row is needed")
        }
        guard sampleSize >= 2 else { throw InvalidInput("the silhouette sample needs at least 2 points, got \(sampleSize)") }
        if let index = labels.firstIndex(where: { $0 < 0 }) {
            throw InvalidInput("label of row \(index + 1) is \(labels[index]); labels must be >= 0")
        }
        let k = (labels.max() ?? 0) + 1
        let chosen = RandomStream(seed: SeedSequence(seed).seed(for: 0)).choose(min(sampleSize, data.rows), of: data.rows)
        let sample = data.rows(at: chosen)
        let sampleLabels = chosen.map { labels[$0] }
        var counts = [Int](repeating: 0, count: k)
        for label in sampleLabels { counts[label] += 1 }
        guard counts.filter({ $0 > 0 }).count >= 2 else { return nil }

        let s = sample.rows
        let sums = pairDistanceSums(sample, labels: sampleLabels, k: k)
        var silhouettes = [Double](repeating: 0, count: s)
        for i in 0..<s {
            let own = sampleLabels[i]
            guard counts[own] > 1 else { continue }
            let a = sums[i * k + own] / Double(counts[own] - 1)
            var b = Double.infinity
            for c in 0..<k where c != own && counts[c] > 0 { b = min(b, sums[i * k + c] / Double(counts[c])) }
            let scale = max(a, b)
            silhouettes[i] = scale > 0 ? (b - a) / scale : 0
        }
        var perSum = [Double](repeating: 0, count: k)
        for (i, value) in silhouettes.enumerated() { perSum[sampleLabels[i]] += value }
        let perCluster = (0..<k).map { counts[$0] > 0 ? perSum[$0] / Double(counts[$0]) : nil }
        return Silhouette(score: silhouettes.reduce(0, +) / Double(s), sampleSize: s, perCluster: perCluster)
    }

    /// Tasks the pairs are split into: a fixed number, so that the sums (and
    /// so the score, to the last bit) do not depend on how many cores ran them.
    static let tasks = 8

    /// sums[i * k + c]: the total distance from point i to the points of label c.
    ///
    /// The points are ordered by label, so the points j > i of one label
    /// are consecutive: their distances to i are computed eight at a time
    /// (lane l of a vector is point j + l, its d terms added in the order of
    /// a scalar loop) and added up in one vector. Each pair is visited once
    /// and credited to both points: to i in that vector, to j in a row of
    /// per-label sums that the eight lanes update together. The pairs are
    /// split into `tasks` parts of about equal size with sums of their own,
    /// added in task order at the end.
    static func pairDistanceSums(_ sample: Matrix, labels: [Int], k: Int) -> [Double] {
        let s = sample.rows, d = sample.columns
        let order = labels.indices.sorted { (labels[$0], $0) < (labels[$1], $1) }
        // Sorted point p's coordinates, one row per dimension: x[dim * s + p].
        var columns = [Double](repeating: 0, count: d * s)
        for (p, i) in order.enumerated() { for dim in 0..<d { columns[dim * s + p] = sample[i, dim] } }
        var runEnd = [Int](repeating: 0, count: k)
        for label in labels { runEnd[label] += 1 }
        for c in 1..<max(k, 1) { runEnd[c] += runEnd[c - 1] }
        // Task t takes the sorted points first[t]..<first[t + 1], about 1/tasks of the pairs each.
        let pairs = Double(s) * Double(s - 1) / 2
        var first = [0]
        var covered = 0.0
        for p in 0..<s where first.count < tasks {
            covered += Double(s - 1 - p)
            if covered >= pairs * Double(first.count) / Double(tasks) { first.append(p + 1) }
        }
        while first.count <= tasks { first.append(s) }
        // ownRows[p * k + c]: from sorted point p to the later points of label c.
        // credits[t][c * s + q]: from sorted point q to the earlier points of label c, task t's share.
        var ownRows = [Double](repeating: 0, count: s * k)
        var credits = [[Double]](repeating: [], count: tasks)
        let shared = SharedTables(columns: columns, runEnd: runEnd, labels: order.map { labels[$0] }, first: first)
        unsafe ownRows.withUnsafeMutableBufferPointer { ownRows in
            let rows = unsafe SharedPointer(ownRows.baseAddress!)
            credits = onEveryCore(tasks) { task in
                unsafe shared.sums(from: shared.first[task]..<shared.first[task + 1], s: s, d: d, k: k, ownRows: rows)
            }
        }
        var sums = [Double](repeating: 0, count: s * k)
        for (p, i) in order.enumerated() {
            for c in 0..<k {
                var total = ownRows[p * k + c]
                for task in 0..<tasks { total += credits[task][c * s + p] }
                sums[i * k + c] = total
            }
        }
        return sums
    }
}

/// The read-only tables of `pairDistanceSums`, shared by its tasks.
private struct SharedTables: Sendable {
    let columns: [Double], runEnd: [Int], labels: [Int], first: [Int]

    /// Task of sorted points `points`: writes each one's row of `ownRows`,
    /// returns the credits to the later points (k x s, label-major).
    func sums(from points: Range<Int>, s: Int, d: Int, k: Int, ownRows: SharedPointer) -> [Double] {
        var credit = [Double](repeating: 0, count: k * s)
        unsafe columns.withUnsafeBufferPointer { columns in
            unsafe credit.withUnsafeMutableBufferPointer { credit in
                let x = columns.baseAddress!
                let raw = UnsafeMutableRawPointer(credit.baseAddress!)
                for p in points {
                    let own = labels[p]
                    let creditRow = unsafe raw + own * s * 8
                    var runStart = own > 0 ? runEnd[own - 1] : 0
                    // Labels before p's own have no point after p.
                    for c in own..<k {
                        defer { runStart = runEnd[c] }
                        var q = max(p + 1, runStart)
                        let end = runEnd[c]
                        var lanes = SIMD8<Double>.zero
                        while q + 8 <= end {
                            var squared = SIMD8<Double>.zero
                            for dim in 0..<d {
                                let difference = unsafe SIMD8(repeating: x[dim * s + p])
                                    - UnsafeRawPointer(x + dim * s + q).loadUnaligned(as: SIMD8<Double>.self)
                                squared += difference * difference
                            }
                            var distance = squared
                            unsafe withUnsafeMutableBytes(of: &distance) { unsafe kamp_sqrt8($0.baseAddress!.assumingMemoryBound(to: Double.self)) }
                            lanes += distance
                            let slot = unsafe creditRow + q * 8
                            unsafe slot.storeBytes(of: slot.loadUnaligned(as: SIMD8<Double>.self) + distance, as: SIMD8<Double>.self)
                            q += 8
                        }
                        var total = lanes.sum()
                        while q < end {
                            var squared = 0.0
                            for dim in 0..<d {
                                let difference = unsafe x[dim * s + p] - x[dim * s + q]
                                squared += difference * difference
                            }
                            let distance = squared.squareRoot()
                            total += distance
                            unsafe credit[own * s + q] += distance
                            q += 1
                        }
                        unsafe ownRows.pointer[p * k + c] = total
                    }
                }
            }
        }
        return credit
    }
}
