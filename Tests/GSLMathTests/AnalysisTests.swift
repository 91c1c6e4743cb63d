import Foundation
import Testing
@testable import GSLMath

@Suite struct StandardizationTests {
    @Test func zScoresUseThePopulationStandardDeviation() throws {
        let data = Matrix([[1, 5], [2, 5], [3, 5], [4, 5]])
        let scaler = try Standardization(fitting: data)
        #expect(scaler.means == [2.5, 5])
        #expect(abs(scaler.standardDeviations[0] - 1.118033988749895) < 1e-12)
        #expect(scaler.constantColumns == [1])
        let z = scaler.standardized(data)
        #expect(abs(z.column(0).reduce(0, +)) < 1e-12)
        #expect(abs(z.column(0).map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-12)
        #expect(z.column(1) == [0, 0, 0, 0], "a constant column is centred, not scaled")
        #expect(scaler.original(z.row(2)) == [3, 5])
    }

    /// The blocked sums agree with a compensated (Kahan) reference to
    /// 1e-14 relative, for fewer rows than blocks and for a million rows
    /// with a large mean beside a small spread.
    @Test(arguments: [1, 3, 7, 8, 9, 1_000_000])
    func meansAndDeviationsMatchACompensatedReference(rows: Int) throws {
        let rng = RandomStream(seed: UInt64(rows))
        let values = (0..<rows).flatMap { _ in [1e6 + rng.uniform(), 12 + 3 * rng.uniform(), -0.25] }
        let data = Matrix(rows: rows, columns: 3, values: values)
        let fitted = try Standardization(fitting: data)
        func kahanSum(_ terms: [Double]) -> Double {
            var sum = 0.0, carry = 0.0
            for term in terms {
                let y = term - carry, t = sum + y
                carry = (t - sum) - y
                sum = t
            }
            return sum
        }
        for column in 0..<3 {
            let x = data.column(column)
            let mean = kahanSum(x) / Double(rows)
            let sd = (kahanSum(x.map { ($0 - mean) * ($0 - mean) }) / Double(rows)).squareRoot()
            #expect(abs(fitted.means[column] - mean) <= 1e-14 * abs(mean))
            #expect(abs(fitted.standardDeviations[column] - sd) <= 1e-12 * max(sd, 1e-300) || (sd < 1e-12 && fitted.standardDeviations[column] == 0))
        }
        #expect(fitted.constantColumns.contains(2))
    }

    @Test func emptyDataIsRejected() {
        #expect(throws: InvalidInput("data has no rows")) { _ = try Standardization(fitting: Matrix(rows: 0, columns: 2)) }
    }

    /// Feature-major input (one row per feature) gives the same figures and
    /// z-scores to the bit as the usual layout, on more rows than one block
    /// of the parallel loop, with a constant feature.
    @Test func featureRowsGiveTheSameResult() throws {
        let data = KMeansTests.blobs(count: 70_001, seed: 3, centres: 4, dimensions: 3)
        var values = data.values
        for row in 0..<data.rows { values[row * 3 + 1] = 7 }
        let rows = Matrix(rows: data.rows, columns: 3, values: values)
        let features = Matrix(rows: 3, columns: rows.rows, values: (0..<3).flatMap { rows.column($0) })
        let fitted = try Standardization(fitting: rows)
        #expect(try Standardization(fittingFeatureRows: features) == fitted)
        #expect(fitted.constantColumns == [1])
        #expect(fitted.standardized(featureRows: features, roundedTo: 6) == fitted.standardized(rows, roundedTo: 6))
        #expect(fitted.standardized(featureRows: features) == fitted.standardized(rows))
    }

    /// The rounding without libm is the standard library's half away from
    /// zero, ties and signed zeros included.
    @Test func roundingMatchesTheStandardLibrary() {
        let rng = RandomStream(seed: 5)
        var values: [Double] = [0, -0.0, 0.5e-6, -0.5e-6, 1.5e-6, -2.5e-6, 0.4999999e-6, 1e15, -3.0000005, 123.4567895]
        for _ in 0..<50_000 { values.append((rng.uniform() - 0.5) * 20) }
        for _ in 0..<10_000 { values.append(Double(rng.below(20_000_000) - 10_000_000) / 2e6) }
        for value in values {
            let expected = (value * 1e6).rounded(.toNearestOrAwayFromZero) / 1e6
            let rounded = Standardization.round(value, scale: 1e6)
            #expect(rounded == expected && rounded.sign == expected.sign, "\(value)")
        }
    }
}

@Suite struct SilhouetteTests {
    /// Two points per cluster on a line: 0, 1 | 5, 6.
    /// Point 0: a = 1, b = (5 + 6) / 2 = 5.5, s = 4.5 / 5.5; point 1: a = 1, b = 4.5, s = 3.5 / 4.5;
    /// symmetric for the other cluster.
    @Test func handComputedSilhouette() throws {
        let data = Matrix([[0], [1], [5], [6]])
        let result = try #require(try Silhouette.compute(data: data, labels: [0, 0, 1, 1], sampleSize: 100, seed: 1))
        let expected = (4.5 / 5.5 + 3.5 / 4.5) / 2
        #expect(abs(result.score - expected) < 1e-12)
        #expect(result.sampleSize == 4)
        #expect(abs(result.perCluster[0]! - expected) < 1e-12)
    }

    /// Every point's silhouette straight from the definition, all pairs in
    /// both directions, against the blocked computation. Labels are shuffled
    /// and uneven (one cluster of a single point, one of fewer than eight, so
    /// both the vector blocks and the scalar tails are used).
    @Test(arguments: [1, 3, 9])
    func matchesTheDefinitionPointByPoint(dimensions: Int) throws {
        let n = 301
        let data = KMeansTests.blobs(count: n, seed: 7, centres: 5, dimensions: dimensions)
        let rng = RandomStream(seed: 11)
        var labels = (0..<n).map { _ in rng.below(4) }
        labels[17] = 4
        for i in [3, 50, 99, 120, 200] { labels[i] = 5 }
        let result = try #require(try Silhouette.compute(data: data, labels: labels, sampleSize: 1000, seed: 1))
        var sum = 0.0
        var perCluster = [Double](repeating: 0, count: 6), counts = [Int](repeating: 0, count: 6)
        for i in 0..<n {
            var totals = [Double](repeating: 0, count: 6)
            for j in 0..<n where j != i {
                var squared = 0.0
                for c in 0..<dimensions { squared += (data[i, c] - data[j, c]) * (data[i, c] - data[j, c]) }
                totals[labels[j]] += squared.squareRoot()
            }
            let size = labels.filter { $0 == labels[i] }.count
            var value = 0.0
            if size > 1 {
                let a = totals[labels[i]] / Double(size - 1)
                let b = (0..<6).filter { $0 != labels[i] }.map { c in totals[c] / Double(labels.filter { $0 == c }.count) }.min()!
                value = (b - a) / max(a, b)
            }
            sum += value
            perCluster[labels[i]] += value
            counts[labels[i]] += 1
        }
        #expect(abs(result.score - sum / Double(n)) < 1e-12)
        for c in 0..<6 { #expect(abs(result.perCluster[c]! - perCluster[c] / Double(counts[c])) < 1e-12) }
        #expect(result.perCluster[4] == 0, "a point alone in its cluster has s = 0")
    }

    @Test func oneClusterHasNoSilhouette() throws {
        #expect(try Silhouette.compute(data: Matrix([[0], [1]]), labels: [0, 0], sampleSize: 10, seed: 1) == nil)
    }

    @Test func sampleIsSeeded() throws {
        let data = KMeansTests.blobs(count: 4000, seed: 2, centres: 3)
        let labels = try KMeans(.init(clusters: 3, seed: 1)).fit(data).labels
        let one = try Silhouette.compute(data: data, labels: labels, sampleSize: 500, seed: 9)
        let two = try Silhouette.compute(data: data, labels: labels, sampleSize: 500, seed: 9)
        #expect(one == two)
        #expect(one!.sampleSize == 500)
        #expect(one!.score > 0.5, "well-separated blobs")
    }

    @Test func badLabelsAreRejected() {
        #expect(throws: InvalidInput("1 labels given for 2 rows; one label per row is needed")) {
            _ = try Silhouette.compute(data: Matrix([[0], [1]]), labels: [0], sampleSize: 10, seed: 1)
        }
    }
}

@Suite struct PrincipalComponentsTests {
    /// Points on the line y = 2x: all variance on one component with
    /// loadings (1, 2) / sqrt 5, oriented so the largest loading is positive.
    @Test func pointsOnALine() throws {
        let data = Matrix([[-2, -4], [-1, -2], [0, 0], [1, 2], [2, 4]])
        let pca = try PrincipalComponents(fitting: data)
        #expect(pca.components.rows == 2)
        #expect(abs(pca.components[0, 0] - 1 / 5.0.squareRoot()) < 1e-12)
        #expect(abs(pca.components[0, 1] - 2 / 5.0.squareRoot()) < 1e-12)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-12)
        #expect(abs(pca.variances[0] - 10) < 1e-9, "variance (4 + 16) x (4 + 1 + 0 + 1 + 4) / 5 / 5 = 10")
        let projected = pca.projected(data)
        #expect(abs(projected[4, 0] - 2 * 5.0.squareRoot()) < 1e-12)
        #expect(abs(projected[4, 1]) < 1e-9)
    }

    @Test func oneColumnGivesOneComponent() throws {
        let pca = try PrincipalComponents(fitting: Matrix([[1], [2], [3]]))
        #expect(pca.components.rows == 1)
        #expect(pca.projected(Matrix([[2]]))[0, 0] == 0)
    }
}

@Test func seedStreamsDifferAndRepeat() {
    let streams = SeedSequence(42)
    #expect(streams.seed(for: 0) != streams.seed(for: 1))
    #expect(streams.seed(for: 3) == SeedSequence(42).seed(for: 3))
}
