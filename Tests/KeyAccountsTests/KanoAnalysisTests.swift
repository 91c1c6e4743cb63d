import Testing
@testable import KeyAccounts

@Suite struct KanoAnalysisTests {
    /// Two accounts, three respondents, two features, with importance.
    ///
    /// delivery: A1-r1 (2,5) M imp 9, A1-r2 (3,5) M imp 7, B2-r1 (1,5) O imp 8
    /// portal:   A1-r1 (1,3) A imp 6, A1-r2 (3,3) I,       B2-r1 (1,2) A imp 4
    static let answers: [SurveyAnswer] = [
        SurveyAnswer(accountID: "A1", respondentID: "r1", feature: "delivery", functional: 2, dysfunctional: 5, importance: 9),
        SurveyAnswer(accountID: "A1", respondentID: "r1", feature: "portal", functional: 1, dysfunctional: 3, importance: 6),
        SurveyAnswer(accountID: "A1", respondentID: "r2", feature: "delivery", functional: 3, dysfunctional: 5, importance: 7),
        SurveyAnswer(accountID: "A1", respondentID: "r2", feature: "portal", functional: 3, dysfunctional: 3),
        SurveyAnswer(accountID: "B2", respondentID: "r1", feature: "portal", functional: 1, dysfunctional: 2, importance: 4),
        SurveyAnswer(accountID: "B2", respondentID: "r1", feature: "delivery", functional: 1, dysfunctional: 5, importance: 8),
    ]

    @Test func overallIsOneSegmentNamedAll() throws {
        let analysis = KanoAnalysis(Self.answers)
        #expect(analysis.segments == ["all"])
        #expect(analysis.features.map(\.feature) == ["delivery", "portal"])
        let delivery = analysis.features[0]
        #expect(delivery.evaluation.counts == KanoCounts(m: 2, o: 1))
        #expect(delivery.evaluation.category == .mustBe)
        #expect(delivery.importance == 8)
        #expect(delivery.importanceAnswers == 3)
        // Must-be: importance x |Worse| = 8 x 1.
        #expect(delivery.priority == 8)
        #expect(delivery.priorityRank == 1)
        let portal = analysis.features[1]
        #expect(portal.evaluation.counts == KanoCounts(a: 2, i: 1))
        #expect(portal.evaluation.category == .attractive)
        #expect(portal.importance == 5)
        // Attractive: importance x Better = 5 x 2/3.
        #expect(abs(portal.priority! - 10.0 / 3) < 1e-12)
        #expect(portal.priorityRank == 1)
        #expect(analysis.respondents == 3)
        #expect(analysis.answers == 6)
        #expect(analysis.hasImportance)
    }

    @Test func perAccountRowsSortedByAccountThenFeature() {
        let analysis = KanoAnalysis(Self.answers)
        #expect(analysis.accounts.map { "\($0.accountID)/\($0.feature)" } == ["A1/delivery", "A1/portal", "B2/delivery", "B2/portal"])
        #expect(analysis.accounts[0].evaluation.category == .mustBe)
        #expect(analysis.accounts[0].importance == 8)
        #expect(analysis.accounts[1].evaluation.counts == KanoCounts(a: 1, i: 1))
        #expect(analysis.accounts[1].importanceAnswers == 1)
    }

    /// Needs criterion: mean Better over the account's features.
    /// A1: delivery Better 0 (M, M), portal Better 1/2 -> 0.25; B2: delivery 1 (O), portal 1 (A) -> 1.
    @Test func needsCriterionIsMeanBetter() {
        let needs = KanoAnalysis(Self.answers).needsCriterion
        #expect(needs == ["A1": 0.25, "B2": 1])
        #expect(KanoNeeds.needsCriterion(Self.answers) == needs)
    }

    @Test func accountWithOnlyReverseAnswersHasNoNeedsValue() {
        let answers = [SurveyAnswer(accountID: "C3", respondentID: "r", feature: "x", functional: 5, dysfunctional: 1)]
        #expect(KanoAnalysis(answers).needsCriterion["C3"] == nil)
    }

    @Test func mustBeListsAreSortedPerAccount() {
        var answers = Self.answers
        answers.append(SurveyAnswer(accountID: "A1", respondentID: "r1", feature: "audit", functional: 2, dysfunctional: 5))
        let mustBe = KanoAnalysis(answers).mustBeByAccount
        #expect(mustBe == ["A1": ["audit", "delivery"]])
    }

    @Test func segmentsFromAMapping() throws {
        let segmentation = KanoSegmentation.mapping(["A1": "national", "B2": "global"], by: "tier")
        let analysis = KanoAnalysis(Self.answers, segmentation: segmentation)
        #expect(analysis.segmentedBy == "tier")
        #expect(analysis.segments == ["global", "national"])
        #expect(analysis.features.map { "\($0.segment)/\($0.feature)" }
                == ["global/delivery", "global/portal", "national/delivery", "national/portal"])
        #expect(analysis.features[0].evaluation.category == .oneDimensional)
        #expect(analysis.features[2].evaluation.counts == KanoCounts(m: 2))
        #expect(analysis.unsegmentedAnswers == 0)
    }

    @Test func accountsWithoutASegmentAreLeftOutAndCounted() {
        let analysis = KanoAnalysis(Self.answers, segmentation: .mapping(["A1": "x"], by: "industry"))
        #expect(analysis.segments == ["x"])
        #expect(analysis.unsegmentedAnswers == 2)
        #expect(analysis.accounts.count == 4, "every account keeps its own rows")
    }

    @Test func byAccountMatchesTheAccountRows() {
        let analysis = KanoAnalysis(Self.answers, segmentation: .byAccount)
        #expect(analysis.features.map(\.segment) == analysis.accounts.map(\.accountID))
        #expect(analysis.features.map(\.evaluation) == analysis.accounts.map(\.evaluation))
    }

    @Test func regroupingEqualsAFreshAnalysis() {
        let segmentation = KanoSegmentation.mapping(["A1": "n", "B2": "g"], by: "tier")
        #expect(KanoAnalysis(Self.answers).regrouped(by: segmentation) == KanoAnalysis(Self.answers, segmentation: segmentation))
    }

    /// Output must not depend on the order of the input rows.
    @Test func orderOfAnswersDoesNotMatter() {
        var generator = TestRandom(seed: 7)
        var answers: [SurveyAnswer] = []
        for index in 0..<600 {
            answers.append(SurveyAnswer(accountID: "A\(index % 17)", respondentID: "r\(index % 5)",
                                        feature: "f\(index % 7)", functional: Int(generator.next() % 5) + 1,
                                        dysfunctional: Int(generator.next() % 5) + 1,
                                        importance: index % 3 == 0 ? nil : Int(generator.next() % 9) + 1))
        }
        let segmentation = KanoSegmentation.mapping(Dictionary(uniqueKeysWithValues: (0..<17).map { ("A\($0)", "s\($0 % 3)") }),
                                                    by: "test")
        let forward = KanoAnalysis(answers, segmentation: segmentation)
        let backward = KanoAnalysis(answers.reversed(), segmentation: segmentation)
        #expect(forward == backward)
        #expect(forward.features.reduce(0) { $0 + $1.evaluation.n } == 600, "every answer counted once")
        #expect(forward.accounts.reduce(0) { $0 + $1.evaluation.n } == 600)
    }

    @Test func prioritiesRankMustBeAndAttractiveSeparately() {
        var answers: [SurveyAnswer] = []
        // Two must-be needs (importance 9 and 5) and one attractive (importance 7), one respondent each.
        for (feature, functional, dysfunctional, importance) in [("m9", 2, 5, 9), ("m5", 2, 5, 5), ("a7", 1, 3, 7), ("i", 3, 3, 9)] {
            answers.append(SurveyAnswer(accountID: "A", respondentID: "r", feature: feature, functional: functional,
                                        dysfunctional: dysfunctional, importance: importance))
        }
        let analysis = KanoAnalysis(answers)
        let (mustBe, attractive) = analysis.priorities(in: "all")
        #expect(mustBe.map(\.feature) == ["m9", "m5"])
        #expect(mustBe.map(\.priorityRank) == [1, 2])
        #expect(attractive.map(\.feature) == ["a7"])
        #expect(attractive[0].priority == 7)
        #expect(analysis.features.first { $0.feature == "i" }?.priority == nil)
    }

    @Test func withoutImportanceThereAreNoPriorities() {
        let answers = Self.answers.map { answer -> SurveyAnswer in
            var copy = answer
            copy.importance = nil
            return copy
        }
        let analysis = KanoAnalysis(answers)
        #expect(!analysis.hasImportance)
        #expect(analysis.features.allSatisfy { $0.priority == nil && $0.importance == nil })
        #expect(!analysis.featuresTable.columns.contains("importance"))
    }

    @Test func featuresTableColumnsAndRows() {
        let table = KanoAnalysis(Self.answers).featuresTable
        #expect(table.name == "kano_features")
        #expect(Array(table.columns.prefix(16)) == ["segment", "feature", "n", "M", "O", "A", "I", "R", "Q", "mode", "category",
                                                    "total_strength", "category_strength", "better", "worse", "fong_significant"])
        let csv = table.rendered(as: .csv).split(separator: "\n")
        #expect(csv[1] == "all,delivery,3,2,1,0,0,0,0,M,M,1,0.333333,0.333333,-1,false,8,3,8,1")
        #expect(csv[2] == "all,portal,3,0,0,2,1,0,0,A,A,0.666667,0.333333,0.666667,0,false,5,2,3.333333,1")
    }

    @Test func accountsTableStartsWithTheSpecColumns() {
        let table = KanoAnalysis(Self.answers).accountsTable
        #expect(table.name == "kano_accounts")
        #expect(Array(table.columns.prefix(5)) == ["account_id", "feature", "category", "better", "worse"])
        let csv = table.rendered(as: .csv).split(separator: "\n")
        #expect(csv[1].hasPrefix("A1,delivery,M,0,-1,2,2,0,0,0,0,0,M,8,2"))
    }
}
