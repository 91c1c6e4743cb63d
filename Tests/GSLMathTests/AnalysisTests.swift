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

    @Test func emptyDataIsRejected() {
        #expect(throws: InvalidInput("data has no rows")) { _ = try Standardization(fitting: Matrix(rows: 0, columns: 2)) }
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
