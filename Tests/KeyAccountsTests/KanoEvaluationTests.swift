import Testing
@testable import KeyAccounts

@Suite struct KanoEvaluationTests {
    /// DOMAIN.md's evaluation table, cell by cell: (functional, dysfunctional, category).
    static let table: [(Int, Int, KanoCategory)] = [
        (1, 1, .questionable), (1, 2, .attractive), (1, 3, .attractive), (1, 4, .attractive), (1, 5, .oneDimensional),
        (2, 1, .reverse), (2, 2, .indifferent), (2, 3, .indifferent), (2, 4, .indifferent), (2, 5, .mustBe),
        (3, 1, .reverse), (3, 2, .indifferent), (3, 3, .indifferent), (3, 4, .indifferent), (3, 5, .mustBe),
        (4, 1, .reverse), (4, 2, .indifferent), (4, 3, .indifferent), (4, 4, .indifferent), (4, 5, .mustBe),
        (5, 1, .reverse), (5, 2, .reverse), (5, 3, .reverse), (5, 4, .reverse), (5, 5, .questionable),
    ]

    @Test(arguments: table)
    func evaluationTableCell(functional: Int, dysfunctional: Int, expected: KanoCategory) {
        #expect(KanoCategory(functional: functional, dysfunctional: dysfunctional) == expected)
        #expect(KanoCategory(validatingFunctional: functional, dysfunctional: dysfunctional) == expected)
    }

    @Test func tableHasAllTwentyFiveCells() {
        #expect(Set(Self.table.map { "\($0.0)\($0.1)" }).count == 25)
    }

    @Test(arguments: [(0, 3), (6, 1), (3, 0), (2, 6), (-1, -1)])
    func answersOutsideOneToFiveHaveNoCategory(functional: Int, dysfunctional: Int) {
        #expect(KanoCategory(validatingFunctional: functional, dysfunctional: dysfunctional) == nil)
    }

    /// DOMAIN.md, first check (n = 296): M 95, O 123, A 45, I 33.
    @Test func domainCheckOne() throws {
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(m: 95, o: 123, a: 45, i: 33)))
        #expect(evaluation.n == 296)
        #expect(evaluation.mode == .oneDimensional)
        #expect(evaluation.category == .oneDimensional)
        #expect(rounded(evaluation.better, 3) == 0.568)
        #expect(rounded(evaluation.worse, 3) == -0.736)
        #expect(evaluation.fongSignificant)
        #expect(abs(evaluation.totalStrength - 263.0 / 296) < 1e-12)
        #expect(abs(evaluation.categoryStrength - 28.0 / 296) < 1e-12)
        #expect(evaluation.runnerUp == .mustBe)
    }

    /// DOMAIN.md, second check (n = 296): M 15, O 24, A 121, I 124, R 6, Q 6:
    /// mode I, but the tie rule gives A.
    @Test func domainCheckTwo() throws {
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(m: 15, o: 24, a: 121, i: 124, r: 6, q: 6)))
        #expect(evaluation.n == 296)
        #expect(evaluation.mode == .indifferent)
        #expect(evaluation.category == .attractive)
        #expect(evaluation.decidedByTieRule)
        #expect(rounded(evaluation.better, 3) == 0.511)
        #expect(rounded(evaluation.worse, 3) == -0.137)
        #expect(!evaluation.fongSignificant)
        #expect(abs(evaluation.totalStrength - 160.0 / 296) < 1e-12)
        #expect(abs(evaluation.categoryStrength - 3.0 / 296) < 1e-12)
    }

    @Test func tieMarginComesFromThePolicy() throws {
        var settings = KanoSettings()
        settings.tieMargin = 0
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(m: 15, o: 24, a: 121, i: 124, r: 6, q: 6),
                                                     settings: settings))
        #expect(evaluation.category == .indifferent)
    }

    /// "Closer than the margin" is strict: 6 points apart is no tie at 0.06; 5 points is.
    @Test(arguments: [(40, 34, KanoCategory.indifferent), (40, 35, KanoCategory.attractive), (40, 40, KanoCategory.attractive)])
    func tieMarginIsStrict(indifferent: Int, attractive: Int, expected: KanoCategory) throws {
        let counts = KanoCounts(a: attractive, i: indifferent, r: 100 - indifferent - attractive)
        let evaluation = try #require(KanoEvaluation(counts: counts))
        #expect(evaluation.category == expected)
    }

    /// Among the top two, M before O before A before I; R only wins alone.
    @Test(arguments: [
        (KanoCounts(m: 30, o: 32, i: 38), KanoCategory.indifferent),   // I 38, O 32: 6 points, no tie
        (KanoCounts(m: 33, o: 35, i: 32), KanoCategory.mustBe),        // O 35 vs M 33: tie -> M
        (KanoCounts(o: 40, a: 42, i: 18), KanoCategory.oneDimensional),
        (KanoCounts(a: 20, i: 41, r: 39), KanoCategory.indifferent),   // I vs R: I
        (KanoCounts(a: 39, i: 20, r: 41), KanoCategory.attractive),    // R vs A: A
        (KanoCounts(i: 20, r: 80), KanoCategory.reverse),
    ])
    func tieRulePreference(counts: KanoCounts, expected: KanoCategory) throws {
        let evaluation = try #require(KanoEvaluation(counts: counts))
        #expect(evaluation.category == expected)
    }

    @Test func equalCountsResolveInTheOrderMOAIR() throws {
        var settings = KanoSettings()
        settings.tieMargin = 0
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(o: 10, a: 10, i: 10), settings: settings))
        #expect(evaluation.mode == .oneDimensional)
        #expect(evaluation.runnerUp == .attractive)
        #expect(evaluation.category == .oneDimensional)
        #expect(evaluation.categoryStrength == 0)
    }

    /// Fong by hand: a 30, b 20, n 60: threshold 1.65 sqrt(50 x 70 / 120) = 8.911, |a - b| = 10: significant;
    /// with z 2.0 the threshold is 10.801: not.
    @Test func fongTestByHand() throws {
        let counts = KanoCounts(m: 30, o: 20, a: 5, i: 5)
        #expect(try #require(KanoEvaluation(counts: counts)).fongSignificant)
        var settings = KanoSettings()
        settings.fongZ = 2.0
        #expect(!(try #require(KanoEvaluation(counts: counts, settings: settings))).fongSignificant)
    }

    /// Q answers count in n but are never a category beside real ones.
    @Test func questionableAnswersOnly() throws {
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(q: 4)))
        #expect(evaluation.category == .questionable)
        #expect(evaluation.mode == .questionable)
        #expect(evaluation.better == nil && evaluation.worse == nil)
        #expect(!evaluation.fongSignificant)
        #expect(evaluation.totalStrength == 0)
    }

    @Test func questionableMajorityDoesNotWinTheCategory() throws {
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(m: 3, i: 1, q: 10)))
        #expect(evaluation.category == .mustBe)
        #expect(evaluation.n == 14)
    }

    /// With many Q answers the top share can be under the margin; an unchosen
    /// category must still not win the tie.
    @Test func unchosenCategoryNeverWinsTheTie() throws {
        let evaluation = try #require(KanoEvaluation(counts: KanoCounts(i: 1, q: 99)))
        #expect(evaluation.category == .indifferent)
        #expect(evaluation.runnerUp == nil)
        #expect(abs(evaluation.categoryStrength - 0.01) < 1e-12)
    }

    @Test func noAnswersNoEvaluation() {
        #expect(KanoEvaluation(counts: KanoCounts()) == nil)
    }

    @Test func betterAndWorseIgnoreReverseAndQuestionable() {
        let counts = KanoCounts(m: 1, o: 1, a: 1, i: 1, r: 10, q: 10)
        #expect(counts.better == 0.5)
        #expect(counts.worse == -0.5)
        #expect(KanoCounts(r: 3, q: 1).better == nil)
    }
}

func rounded(_ value: Double?, _ decimals: Int) -> Double? {
    guard let value else { return nil }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    return (value * scale).rounded() / scale
}
