import Testing
import Foundation
@testable import GSLMath

/// Ports of scikit-learn's k-means test ideas (sklearn/cluster/tests/test_k_means.py).
@Suite struct KMeansTests {
    /// Four points, two obvious pairs: centroids (0, 0.5) and (10, 10.5),
    /// each point 0.5 from its centroid, inertia 4 x 0.25 = 1.
    @Test func handComputedToyCase() throws {
        let data = Matrix([[0, 0], [0, 1], [10, 10], [10, 11]])
        let result = try KMeans(.init(clusters: 2, restarts: 3, seed: 7)).fit(data)
        #expect(result.labels[0] == result.labels[1])
        #expect(result.labels[2] == result.labels[3])
        #expect(result.labels[0] != result.labels[2])
        let low = result.labels[0], high = result.labels[2]
        #expect(result.centroids.row(low) == [0, 0.5])
        #expect(result.centroids.row(high) == [10, 10.5])
        #expect(abs(result.inertia - 1.0) < 1e-12)
        #expect(result.convergence == .stable)
        #expect(result.clusterSizes.sorted() == [2, 2])
        #expect(result.warnings.isEmpty)
    }

    /// scikit-learn's `test_kmeans_elkan_results` style: a 1-D case where
    /// the Lloyd fixed point is known. Points 1, 2, 3 and 10, 11, 12 -> means 2 and 11,
    /// inertia 2 x (1 + 0 + 1) = 4.
    @Test func oneDimensionalFixedPoint() throws {
        let data = Matrix([[1], [2], [3], [10], [11], [12]])
        let result = try KMeans(.init(clusters: 2, seed: 1)).fit(data)
        #expect(Set(result.centroids.values) == [2, 11])
        #expect(abs(result.inertia - 4) < 1e-12)
    }

    @Test func weightedEqualsRepeatedRows() throws {
        let base = Self.blobs(count: 300, seed: 3)
        var repeatedRows: [[Double]] = []
        var weights: [Double] = []
        for i in 0..<base.rows {
            let times = 1 + i % 3
            weights.append(Double(times))
            for _ in 0..<times { repeatedRows.append(base.row(i)) }
        }
        let configuration = KMeans.Configuration(clusters: 3, restarts: 4, tolerance: 0, seed: 11)
        let weighted = try KMeans(configuration).fit(base, weights: weights)
        let repeated = try KMeans(configuration).fit(Matrix(repeatedRows))
        #expect(abs(weighted.inertia - repeated.inertia) < 1e-9 * repeated.inertia)
        let weightedCentroids = (0..<3).map { weighted.centroids.row($0) }.sorted { $0[0] < $1[0] }
        let repeatedCentroids = (0..<3).map { repeated.centroids.row($0) }.sorted { $0[0] < $1[0] }
        for (a, b) in zip(weightedCentroids, repeatedCentroids) {
            for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-9) }
        }
        #expect(weighted.clusterWeights.reduce(0, +) == Double(repeatedRows.count))
    }

    @Test func moreRestartsAreNeverWorse() throws {
        let data = Self.blobs(count: 2000, seed: 5, centres: 8)
        let one = try KMeans(.init(clusters: 8, restarts: 1, seed: 99)).fit(data)
        let ten = try KMeans(.init(clusters: 8, restarts: 10, seed: 99)).fit(data)
        #expect(ten.inertia <= one.inertia)
        #expect(ten.restartInertias.count == 10)
        #expect(ten.restartInertias[0] == one.inertia, "restart 0 draws from the same stream")
        #expect(ten.inertia == ten.restartInertias.min())
    }

    @Test func fewerDistinctPointsThanClustersWarns() throws {
        let data = Matrix([[1, 1], [1, 1], [2, 2], [2, 2], [3, 3], [3, 3]])
        let result = try KMeans(.init(clusters: 4, restarts: 2, seed: 3)).fit(data)
        #expect(result.warnings.contains { $0.contains("fewer distinct points than k") })
        #expect(result.clusterSizes.filter { $0 > 0 }.count == 3)
        #expect(result.inertia == 0)
    }

    @Test func sameSeedGivesIdenticalLabels() throws {
        let data = Self.blobs(count: 3000, seed: 8, centres: 5)
        let configuration = KMeans.Configuration(clusters: 5, restarts: 6, seed: 2024)
        let parallel = try KMeans(configuration).fit(data)
        var serialConfiguration = configuration
        serialConfiguration.parallel = false
        let serial = try KMeans(serialConfiguration).fit(data)
        let again = try KMeans(configuration).fit(data)
        #expect(parallel.labels == again.labels)
        #expect(parallel.labels == serial.labels, "threads do not change the result")
        #expect(parallel.inertia == serial.inertia)
    }

    /// The bounds must not change the answer: a plain Lloyd loop from the
    /// result's own centroids does not move any point.
    @Test func resultIsAFixedPointOfLloyd() throws {
        let data = Self.blobs(count: 1500, seed: 21, centres: 4)
        let result = try KMeans(.init(clusters: 4, restarts: 2, tolerance: 0, seed: 4)).fit(data)
        #expect(result.convergence == .stable)
        for i in 0..<data.rows {
            let point = data.row(i)
            let distances = (0..<4).map { c in zip(point, result.centroids.row(c)).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            let own = distances[result.labels[i]]
            #expect(own <= distances.min()! + 1e-9)
        }
    }

    @Test(arguments: [
        (KMeans.Configuration(clusters: 0), "at least 1"),
        (KMeans.Configuration(clusters: 5), "3 points cannot form 5 clusters"),
        (KMeans.Configuration(clusters: 2, restarts: 0), "restarts must be at least 1, got 0"),
        (KMeans.Configuration(clusters: 2, maxIterations: 0), "max_iterations must be at least 1, got 0"),
        (KMeans.Configuration(clusters: 2, tolerance: -1), "tolerance must be a finite number >= 0, got -1.0"),
        (KMeans.Configuration(clusters: 2, finalists: 0), "finalists must be at least 1, got 0"),
    ])
    func invalidParametersAreRejectedWithTheNumbers(configuration: KMeans.Configuration, message: String) {
        let data = Matrix([[0, 0], [1, 1], [2, 2]])
        #expect {
            _ = try KMeans(configuration).fit(data)
        } throws: { error in
            (error as? InvalidInput)?.message.contains(message) == true
        }
    }

    @Test func invalidDataAndWeightsAreRejected() {
        #expect(throws: InvalidInput("data row 2, column 1 is nan; every value must be a finite number")) {
            _ = try KMeans(.init(clusters: 1)).fit(Matrix([[0], [.nan]]))
        }
        #expect(throws: InvalidInput("2 weights given for 3 rows; one weight per row is needed")) {
            _ = try KMeans(.init(clusters: 1)).fit(Matrix([[0], [1], [2]]), weights: [1, 1])
        }
        #expect(throws: InvalidInput("weight of row 1 is -1.0; weights must be finite and >= 0")) {
            _ = try KMeans(.init(clusters: 1)).fit(Matrix([[0], [1]]), weights: [-1, 1])
        }
    }

    @Test func iterationLimitIsReported() throws {
        let data = Self.blobs(count: 2000, seed: 6, centres: 6)
        let result = try KMeans(.init(clusters: 6, restarts: 1, maxIterations: 1, tolerance: 0, seed: 1)).fit(data)
        #expect(result.iterations == 1)
        if result.convergence == .iterationLimit {
            #expect(result.warnings.contains { $0.contains("max_iterations 1") })
        }
    }

    /// Gaussian blobs around `centres` well-separated centres, seeded.
    static func blobs(count: Int, seed: UInt64, centres: Int = 3, dimensions: Int = 3) -> Matrix {
        let rng = RandomStream(seed: seed)
        var values: [Double] = []
        for i in 0..<count {
            let centre = i % centres
            for j in 0..<dimensions {
                // Box-Muller from two uniforms.
                let u = max(rng.uniform(), 1e-12), v = rng.uniform()
                let normal = (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
                values.append(Double((centre * 7 + j * 3) % 11) * 4 + normal)
            }
        }
        return Matrix(rows: count, columns: dimensions, values: values)
    }
}

@Suite struct SampledRestartTests {
    /// Restarts compared on a sample, the best two finished on all points:
    /// a Lloyd fixed point of the full data, as good as full restarts; more
    /// restarts are never worse on the sample.
    @Test func sampledRestartsMatchFullRestarts() throws {
        let data = KMeansTests.blobs(count: 6000, seed: 12, centres: 6, dimensions: 4)
        let full = try KMeans(.init(clusters: 6, restarts: 5, tolerance: 0, seed: 3)).fit(data)
        let sampled = try KMeans(.init(clusters: 6, restarts: 5, tolerance: 0, seed: 3, sampleSize: 600)).fit(data)
        #expect(sampled.inertia <= full.inertia * 1.005)
        #expect(sampled.convergence == .stable)
        #expect(sampled.labels.count == 6000)
        #expect(full.restartsOnEveryPoint == [0, 1, 2, 3, 4])
        let bestOnSample = (0..<5).sorted { (sampled.restartInertias[$0], $0) < (sampled.restartInertias[$1], $1) }
        #expect(sampled.restartsOnEveryPoint == Array(bestOnSample.prefix(2)))
        #expect(sampled.restartsOnEveryPoint.contains(sampled.bestRestart))
        let one = try KMeans(.init(clusters: 6, restarts: 1, tolerance: 0, seed: 3, sampleSize: 600)).fit(data)
        #expect(sampled.restartInertias[0] == one.restartInertias[0], "restart 0 draws from the same stream")
        #expect(sampled.restartInertias.min()! <= one.restartInertias[0])
    }

    /// With every restart a finalist, restarts are compared on all points,
    /// so more restarts are never worse there either.
    @Test func everyRestartAFinalistIsNeverWorse() throws {
        let data = KMeansTests.blobs(count: 5000, seed: 4, centres: 7, dimensions: 3)
        let one = try KMeans(.init(clusters: 7, restarts: 1, seed: 8, sampleSize: 500, finalists: 1)).fit(data)
        let six = try KMeans(.init(clusters: 7, restarts: 6, seed: 8, sampleSize: 500, finalists: 6)).fit(data)
        #expect(six.inertia <= one.inertia)
        #expect(six.restartsOnEveryPoint.sorted() == Array(0..<6))
    }
}
