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
    /// - Complexity: O(s^2 d / 2) for s sampled points: each pair once.
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

        let s = sample.rows, d = sample.columns
        // sums[i * k + c]: total distance from sampled point i to the sampled points of label c.
        // Each pair is visited once and credited to both points.
        var sums = [Double](repeating: 0, count: s * k)
        unsafe sample.values.withUnsafeBufferPointer { points in
            unsafe sampleLabels.withUnsafeBufferPointer { labels in
                unsafe sums.withUnsafeMutableBufferPointer { sums in
                    let x = points.baseAddress!
                    for i in 0..<s {
                        let a = unsafe x + i * d
                        let li = unsafe labels[i]
                        var rowSums = [Double](repeating: 0, count: k)
                        for j in (i + 1)..<max(i + 1, s) {
                            let b = unsafe x + j * d
                            var squared = 0.0
                            for c in 0..<d {
                                let t = unsafe a[c] - b[c]
                                squared += t * t
                            }
                            let distance = squared.squareRoot()
                            rowSums[unsafe labels[j]] += distance
                            unsafe sums[j * k + li] += distance
                        }
                        for c in 0..<k { unsafe sums[i * k + c] += rowSums[c] }
                    }
                }
            }
        }
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
}
