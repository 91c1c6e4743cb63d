import Testing
@testable import KeyAccounts

@Suite struct KanoSummaryTests {
    static func answers(_ feature: String, _ account: String, _ pairs: [(Int, Int)]) -> [SurveyAnswer] {
        pairs.enumerated().map { index, pair in
            SurveyAnswer(accountID: account, respondentID: "r\(index)", feature: feature,
                         functional: pair.0, dysfunctional: pair.1)
        }
    }

    @Test func oneSegmentListsMustBeFirstAndKeepsNamesLeftAligned() {
        let answers = Self.answers("24h hotline", "A", [(1, 3), (1, 3)]) + Self.answers("delivery", "A", [(2, 5), (2, 5)])
        let text = KanoSummary(analysis: KanoAnalysis(answers), inputs: []).terminal
        let lines = text.split(separator: "\n")
        #expect(lines[2].hasPrefix("delivery     must-be"), "\(text)")
        #expect(lines[3].hasPrefix("24h hotline  attractive"), "\(text)")
        #expect(text.contains("4 answers from 2 respondents of 1 accounts on 2 features"))
    }

    @Test func tiersSideBySideFromTheMostDemanding() {
        let answers = Self.answers("delivery", "K", [(2, 5)]) + Self.answers("delivery", "G", [(1, 5)])
            + Self.answers("delivery", "N", [(1, 3)])
        let segmentation = KanoSegmentation.mapping(["K": "key", "G": "global", "N": "national"], by: "tier")
        let text = KanoSummary(analysis: KanoAnalysis(answers, segmentation: segmentation), inputs: []).terminal
        let header = text.split(separator: "\n")[1].split(separator: " ")
        #expect(header == ["feature", "global", "national", "key"], "\(text)")
        #expect(text.contains("delivery  O  1.00/-1.00  A  1.00/0.00  M  0.00/-1.00"), "\(text)")
    }

    @Test func numbersWithUnitsStayRightAligned() {
        let table = TextTable(header: ["what", "amount"], rows: [["a", "1.23 M"], ["b", "45.2 k"], ["24h", "7"]])
        #expect(table.rendered == "what  amount\n----  ------\na     1.23 M\nb     45.2 k\n24h        7\n")
    }
}
