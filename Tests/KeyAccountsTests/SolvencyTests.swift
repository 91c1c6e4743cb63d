import Testing
@testable import KeyAccounts

/// DOMAIN.md's check: WC 200, RE 500, EBIT 150, equity 2000 (market = book),
/// TL 1000, TA 3000, sales 2500.
let domainSheet = BalanceSheet(workingCapital: 200, retainedEarnings: 500, ebit: 150, equityMarket: 2000,
                               equityBook: 2000, totalLiabilities: 1000, totalAssets: 3000, sales: 2500)

@Suite struct AltmanTests {
    @Test(arguments: [
        (AltmanModel.z, 2.511667, SolvencyZone.grey),
        (.zPrime, 2.015983, .grey),
        (.zDoublePrime, 3.416667, .safe),
    ])
    func domainWorkedNumbers(model: AltmanModel, expected: Double, zone: SolvencyZone) throws {
        let score = try #require(model.score(domainSheet))
        #expect(abs(score - expected) < 5e-7)
        #expect(model.zone(of: score) == zone)
    }

    @Test(arguments: [
        (true, Sector.manufacturing, AltmanModel.z),
        (false, .manufacturing, .zPrime),
        (nil, .manufacturing, .zPrime),
        (true, .nonManufacturing, .zDoublePrime),
        (true, nil, .zDoublePrime),
        (nil, nil, .zDoublePrime),
    ] as [(Bool?, Sector?, AltmanModel)])
    func modelChoice(listed: Bool?, sector: Sector?, model: AltmanModel) {
        #expect(AltmanModel.chosen(listed: listed, sector: sector) == model)
    }

    @Test(arguments: [
        (AltmanModel.z, 1.80, SolvencyZone.distress), (.z, 1.81, .grey), (.z, 2.99, .grey), (.z, 2.991, .safe),
        (.zPrime, 1.229, .distress), (.zPrime, 1.23, .grey), (.zPrime, 2.90, .grey), (.zPrime, 2.901, .safe),
        (.zDoublePrime, 1.099, .distress), (.zDoublePrime, 1.10, .grey), (.zDoublePrime, 2.60, .grey), (.zDoublePrime, 2.61, .safe),
    ])
    func cutOffs(model: AltmanModel, score: Double, zone: SolvencyZone) {
        #expect(model.zone(of: score) == zone)
    }

    @Test func missingInputsOrZeroAssetsGiveNoScore() {
        var sheet = domainSheet
        sheet.sales = nil
        #expect(AltmanModel.z.score(sheet) == nil)
        #expect(AltmanModel.zDoublePrime.score(sheet) != nil, "Z'' does not use sales")
        sheet = domainSheet
        sheet.totalAssets = 0
        #expect(AltmanModel.zDoublePrime.score(sheet) == nil)
        sheet = domainSheet
        sheet.equityMarket = nil
        #expect(AltmanModel.z.score(sheet) == nil)
        #expect(AltmanModel.zPrime.score(sheet) != nil, "Z' uses book equity")
    }

    @Test func pointsLineUpWithTheZoneBands() {
        for model in AltmanModel.allCases {
            #expect(model.points(for: model.distressBelow) == 30)
            #expect(model.points(for: model.safeAbove) == 60)
            #expect(model.points(for: -50) == 0)
            #expect(model.points(for: 50) == 100)
        }
    }
}

@Suite struct SolvencyAssessmentTests {
    @Test(arguments: [(0.0, SolvencyZone.distress), (29.99, .distress), (30, .grey), (59.99, .grey), (60, .safe), (100, .safe)])
    func givenScoreBands(score: Double, zone: SolvencyZone) {
        let assessment = SolvencyAssessment(SolvencyInputs(score: score))
        #expect(assessment.zone == zone)
        #expect(assessment.points == score)
    }

    @Test func givenScoreOverridesEverything() {
        let inputs = SolvencyInputs(score: 10, sector: .nonManufacturing, balanceSheet: domainSheet, creditRating: .aaa)
        let assessment = SolvencyAssessment(inputs)
        #expect(assessment.zone == .distress)
        #expect(assessment.basis == .given(10))
    }

    @Test func altmanComesBeforeRatings() {
        let inputs = SolvencyInputs(listed: true, sector: .manufacturing, balanceSheet: domainSheet, creditRating: .d)
        let assessment = SolvencyAssessment(inputs)
        #expect(assessment.zone == .grey)
        #expect(assessment.evidence == "grey (Z 2.51)")
    }

    @Test func incompleteBalanceSheetFallsBackAndFlags() {
        var sheet = domainSheet
        sheet.ebit = nil
        let assessment = SolvencyAssessment(SolvencyInputs(balanceSheet: sheet, paydex: 85))
        #expect(assessment.altmanIncomplete)
        #expect(assessment.zone == .safe)
        #expect(assessment.basis == .scorecard(rating: nil, paydex: 85, dsoDays: nil))
    }

    @Test(arguments: [
        (CreditRating.aaa, SolvencyZone.safe), (.aMinus, .safe), (.bbbMinus, .safe),
        (.bbPlus, .grey), (.bMinus, .grey), (.cccPlus, .distress), (.c, .distress), (.d, .distress),
    ])
    func ratingBands(rating: CreditRating, zone: SolvencyZone) {
        #expect(SolvencyAssessment(SolvencyInputs(creditRating: rating)).zone == zone)
    }

    @Test func ratingDefaultProbabilitiesAreTheRegulationBenchmarks() {
        #expect(CreditRating.aaMinus.defaultProbability == 0.001)
        #expect(CreditRating.a.defaultProbability == 0.0025)
        #expect(CreditRating.bbb.defaultProbability == 0.01)
        #expect(CreditRating.bb.defaultProbability == 0.075)
        #expect(CreditRating.b.defaultProbability == 0.20)
        #expect(CreditRating.ccc.defaultProbability == 0.34)
        #expect(CreditRating(grade: " bbb- ") == .bbbMinus)
        #expect(CreditRating(grade: "Baa1") == nil)
    }

    @Test func paymentScorecard() {
        #expect(SolvencyAssessment.paydexPoints(80) == 60)
        #expect(SolvencyAssessment.paydexPoints(50) == 30)
        #expect(SolvencyAssessment.paydexPoints(100) == 100)
        #expect(SolvencyAssessment.paydexPoints(0) == 0)
        #expect(SolvencyAssessment.dsoPoints(30) == 60)
        #expect(SolvencyAssessment.dsoPoints(90) == 30)
        #expect(SolvencyAssessment.dsoPoints(0) == 100)
        #expect(SolvencyAssessment.dsoPoints(400) == 0)
        // Mean of the available parts: rating BB (50) and paydex 80 (60) -> 55, grey.
        let combined = SolvencyAssessment(SolvencyInputs(creditRating: .bb, paydex: 80))
        #expect(combined.points == 55)
        #expect(combined.zone == .grey)
    }

    @Test func nothingKnownIsUnknown() {
        let assessment = SolvencyAssessment(SolvencyInputs())
        #expect(assessment.zone == .unknown)
        #expect(assessment.points == nil)
    }
}
