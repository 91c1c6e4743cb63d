import Testing
@testable import KeyAccounts

@Suite struct KanoSurveyReaderTests {
    // MARK: - Answer texts

    @Test(arguments: [
        ("I like it", 1), ("i LIKE it.", 1), ("I like it that way", 1), ("like", 1),
        ("I expect it", 2), ("It must be that way.", 2), ("must-be", 2), ("Expected", 2),
        ("I am neutral", 3), ("I’m neutral", 3), ("I don't care", 3), ("Indifferent", 3),
        ("I can live with it", 4), ("I can tolerate it", 4), ("live with it", 4),
        ("I dislike it", 5), ("I don’t like it", 5), ("I dislike it that way", 5),
        ("1 - I like it", 1), ("(5) I dislike it", 5),
    ])
    func answerTexts(text: String, expected: Int) {
        #expect(KanoAnswerText.answer(text) == expected)
    }

    @Test(arguments: ["", "maybe", "I like it a lot", "2 - I like it", "7 I dislike it", "yes"])
    func notAnswers(text: String) {
        #expect(KanoAnswerText.answer(text) == nil)
    }

    // MARK: - Long format

    @Test func longFormatAcceptsNumbersAndTexts() throws {
        let loaded = try InputFiles.readSurvey(csv: """
        account_id,respondent_id,feature,functional,dysfunctional,importance
        A1,r1,delivery,2,5,9
        A1,r1,portal,I like it,I am neutral,
        """)
        #expect(loaded.rejects.isEmpty)
        #expect(loaded.value.map(\.functional) == [2, 1])
        #expect(loaded.value.map(\.dysfunctional) == [5, 3])
        #expect(loaded.value.map(\.importance) == [9, nil])
    }

    @Test func badAnswersAreRejectedWithLineAndColumn() throws {
        let loaded = try InputFiles.readSurvey(csv: """
        account_id,respondent_id,feature,functional,dysfunctional,importance
        A1,r1,f1,0,5,
        A1,r1,f2,2,6,
        A1,r1,f3,,5,
        A1,r1,f4,2,perhaps,
        A1,r1,f5,2,5,10
        A1,r1,f6,2.5,5,
        A1,r1,f7,2,5,3
        """)
        #expect(loaded.value.map(\.feature) == ["f7"])
        let found = loaded.rejects.map { "\($0.line):\($0.column):\($0.value)" }
        #expect(found == ["2:functional:0", "3:dysfunctional:6", "4:functional:", "5:dysfunctional:perhaps",
                          "6:importance:10", "7:functional:2.5"])
        #expect(loaded.rejects[3].reason.contains("'perhaps' is not a Kano answer"))
        #expect(loaded.report.rowsRead == 7 && loaded.report.rowsUsed == 1 && loaded.report.rowsRejected == 6)
    }

    /// A respondent is account and respondent id together: tools number respondents per client.
    @Test func repeatedAnswerIsRejectedButRespondentIDsArePerAccount() throws {
        let loaded = try InputFiles.readSurvey(csv: """
        account_id,respondent_id,feature,functional,dysfunctional
        A1,1,delivery,2,5
        B2,1,delivery,1,5
        A1,1,delivery,3,3
        """)
        #expect(loaded.value.map(\.accountID) == ["A1", "B2"])
        #expect(loaded.rejects.count == 1)
        #expect(loaded.rejects[0].line == 4)
        #expect(loaded.rejects[0].reason.contains("line 2 is used"))
    }

    // MARK: - Wide format

    @Test(arguments: [
        ("delivery (functional)", "delivery (dysfunctional)"),
        ("delivery_functional", "delivery_dysfunctional"),
        ("Delivery - Functional", "delivery - dysfunctional"),
        ("functional: delivery", "dysfunctional: delivery"),
        ("Functional [delivery]", "Dysfunctional [delivery]"),
        ("[functional] delivery", "[dysfunctional] delivery"),
        ("delivery func", "delivery dysfunc"),
        ("delivery if present", "delivery if absent"),
    ])
    func headerConvention(functional: String, dysfunctional: String) throws {
        let loaded = try InputFiles.readSurvey(csv: """
        Account ID,Respondent ID,\(functional),\(dysfunctional),Timestamp
        A1,r1,2,5,2024-03-01
        """)
        #expect(loaded.rejects.isEmpty)
        #expect(loaded.value.count == 1)
        #expect(loaded.value.first?.feature.lowercased() == "delivery")
        #expect(loaded.value.first?.respondentID == "r1")
        #expect(loaded.value.first.map { KanoCategory(functional: $0.functional, dysfunctional: $0.dysfunctional) } == .mustBe)
    }

    static let wide = """
    account_id,respondent_id,delivery (functional),delivery (dysfunctional),delivery (importance),portal (functional),portal (dysfunctional)
    A1,r1,I expect it,I dislike it,9,I like it,I am neutral
    A1,r2,2,5,,,
    B2,r1,1,,,I like it,maybe
    ,r9,1,5,,,
    B2,r2,,,,,
    A1,r1,1,5,,,
    """

    @Test func wideFormatReadsEachAnsweredFeatureAsARow() throws {
        let loaded = try InputFiles.readSurvey(csv: Self.wide)
        #expect(loaded.value.map { "\($0.accountID)/\($0.respondentID)/\($0.feature)" }
                == ["A1/r1/delivery", "A1/r1/portal", "A1/r2/delivery"])
        #expect(loaded.value[0].importance == 9)
        #expect(loaded.value[0].functional == 2 && loaded.value[0].dysfunctional == 5)
        #expect(loaded.value[1].functional == 1 && loaded.value[1].dysfunctional == 3)
        let found = loaded.rejects.map { "\($0.line):\($0.column):\($0.value)" }
        #expect(found == ["4:delivery (dysfunctional):", "4:portal (dysfunctional):maybe", "5:account_id:",
                          "7:delivery (functional):delivery"])
        // Line 6 answered nothing: not a row. Blank portal on line 3: a skipped question.
        #expect(loaded.report.rowsRead == 7)
        #expect(loaded.report.rowsUsed == 3)
        #expect(loaded.report.rowsRejected == 4)
    }

    @Test func wideFormatWithoutRespondentColumnMakesEachRowARespondent() throws {
        let loaded = try InputFiles.readSurvey(csv: """
        account_id;delivery_functional;delivery_dysfunctional
        A1;2;5
        A1;2;5
        """)
        #expect(loaded.rejects.isEmpty)
        #expect(loaded.value.map(\.respondentID) == ["line 2", "line 3"])
    }

    @Test func wideFormatNeedsBothQuestionsOfAFeature() {
        #expect(throws: KeyAccountsError.missingColumns(file: "survey.csv", missing: ["portal (dysfunctional)"],
                                                        found: ["account_id", "delivery (functional)", "delivery (dysfunctional)",
                                                                "portal (functional)"])) {
            try InputFiles.readSurvey(csv: "account_id,delivery (functional),delivery (dysfunctional),portal (functional)\nA1,1,5,1\n")
        }
    }

    @Test func wideFormatNeedsTheAccountColumn() {
        #expect(throws: KeyAccountsError.missingColumns(file: "survey.csv", missing: ["account_id"],
                                                        found: ["delivery (functional)", "delivery (dysfunctional)"])) {
            try InputFiles.readSurvey(csv: "delivery (functional),delivery (dysfunctional)\n1,5\n")
        }
    }

    @Test func aQuestionAskedTwiceIsAnError() {
        #expect(throws: KeyAccountsError.duplicateColumn(file: "survey.csv", column: "delivery (functional)", positions: [2, 4])) {
            try InputFiles.readSurvey(csv: "account_id,delivery (functional),delivery (dysfunctional),Delivery_functional\nA1,1,5,1\n")
        }
    }

    @Test func neitherFormatNamesTheLongColumns() {
        #expect(throws: KeyAccountsError.missingColumns(file: "survey.csv", missing: ["respondent_id", "feature", "functional",
                                                                                      "dysfunctional"],
                                                        found: ["account_id", "answer"])) {
            try InputFiles.readSurvey(csv: "account_id,answer\nA1,1\n")
        }
    }

    // MARK: - Mapping file

    @Test func mappingFileNamesTheColumns() throws {
        let mapping = try SurveyMapping.read(csv: """
        column,role,feature
        ResponseId,respondent_id,
        Q1,account_id,
        Q5_1,functional,on-time delivery
        Q5_2,dysfunctional,on-time delivery
        q5_3,importance,on-time delivery
        """)
        let loaded = try InputFiles.readSurvey(csv: """
        StartDate,ResponseId,Q1,Q5_1,Q5_2,Q5_3
        2024-03-01,R_1,A1,I like it,I dislike it,8
        """, mapping: mapping)
        #expect(loaded.rejects.isEmpty)
        #expect(loaded.value == [SurveyAnswer(accountID: "A1", respondentID: "R_1", feature: "on-time delivery",
                                              functional: 1, dysfunctional: 5, importance: 8, line: 2)])
    }

    @Test func mappingFileErrorsNameLineAndColumn() throws {
        #expect(throws: KeyAccountsError.malformedCSV(file: "survey-map.csv", line: 2, column: 2,
                                                      problem: "unknown role 'functionl'; expected account_id, respondent_id, "
                                                        + "functional, dysfunctional, importance")) {
            try SurveyMapping.read(csv: "column,role,feature\nQ5_1,functionl,x\n")
        }
        let mapping = try SurveyMapping.read(csv: "column,role,feature\nQ1,account_id,\nQ9,functional,x\nQ10,dysfunctional,x\n")
        #expect(throws: KeyAccountsError.infeasible(problem: "survey-map.csv:3: column 'Q9' is not in the header of survey.csv")) {
            try InputFiles.readSurvey(csv: "Q1,Q5_1\nA1,1\n", mapping: mapping)
        }
    }
}
