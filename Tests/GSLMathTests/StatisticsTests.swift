import Testing
@testable import GSLMath

@Test func summaryOfASmallSample() throws {
    let summary = try #require(SampleSummary([4, 1, 3, 2]))
    #expect(summary.count == 4)
    #expect(summary.mean == 2.5)
    #expect(abs(summary.standardDeviation - 1.2909944487358056) < 1e-12)
    #expect(summary.minimum == 1 && summary.maximum == 4)
    #expect(summary.median == 2.5)
}

@Test func emptySampleHasNoSummary() {
    #expect(SampleSummary([]) == nil)
}

@Test func quantileInterpolatesLikeGSL() {
    #expect(quantile(ofSorted: [1, 2, 3, 4, 5], 0.5) == 3)
    #expect(quantile(ofSorted: [1, 2, 3, 4], 0.25) == 1.75)
}

@Test func gslStatusBecomesASwiftError() {
    #expect(throws: GSLError.self) { try GSL.check(1, "gsl_test") }
    #expect(throws: Never.self) { try GSL.check(0, "gsl_test") }
}

@Test(arguments: [1, 2, 3, 4, 7, 10, 1_000, 1_001])
func medianBySelectionEqualsTheSortedQuantile(count: Int) {
    // Repeated values and both parities: the selection must give the very
    // number the sort-then-interpolate median gives.
    var state: UInt64 = UInt64(count)
    var values = (0..<count).map { _ -> Double in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 40 % 97) / 7.3 - 3
    }
    let expected = quantile(ofSorted: values.sorted(), 0.5)
    #expect(median(rearranging: &values) == expected)
}

@Test func medianOfTwoIsTheirMidpoint() {
    var values = [4.0, 1.0]
    #expect(median(rearranging: &values) == 2.5)
}
