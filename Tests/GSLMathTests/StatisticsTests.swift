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
