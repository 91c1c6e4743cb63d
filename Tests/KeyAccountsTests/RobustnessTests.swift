import Foundation
import Testing
@testable import KeyAccounts

@Suite struct RobustnessTests {
    static let csv = """
    account_id,turnover,hq_country,solvency_score,turnover_prev,potential
    A1,5000,DE,90,4000,9000
    A2,3000,DE,20,3100,4000
    A3,1000,DE,70,500,8000
    A4,800,DE,60,800,1000
    A5,700,DE,65,600,900
    A6,300,DE,80,290,3000
    A7,100,DE,50,100,200
    """

    static func tiered(_ policy: Policy = Policy()) throws -> TieredPortfolio {
        try InputFiles.readAccounts(csv: csv).value.tiered(by: policy)
    }

    @Test func noSpreadMeansNoDoubt() throws {
        var settings = RobustnessSettings()
        settings.spread = 0
        settings.draws = 20
        let tiered = try Self.tiered()
        let check = tiered.robustness(settings)
        for index in tiered.accounts.indices {
            #expect(check.bestRank[index] == tiered.decisions[index].scoreRank)
            #expect(check.worstRank[index] == tiered.decisions[index].scoreRank)
            #expect(check.keyShare[index] == 0 || check.keyShare[index] == 1)
            #expect(!check.borderline[index])
        }
        #expect(check.basis == .topRanks)
    }

    @Test func spreadWidensRankIntervalsAndIsSeeded() throws {
        var settings = RobustnessSettings()
        settings.spread = 0.9
        settings.draws = 300
        let tiered = try Self.tiered()
        let one = tiered.robustness(settings)
        #expect(one == tiered.robustness(settings))
        for index in tiered.accounts.indices {
            #expect(one.bestRank[index] <= tiered.decisions[index].scoreRank)
            #expect(one.worstRank[index] >= tiered.decisions[index].scoreRank)
            #expect((0...1).contains(one.keyShare[index]))
        }
        #expect(one.bestRank.indices.contains { one.bestRank[$0] < one.worstRank[$0] })
    }

    /// With key.max_accounts the score decides, so the tier rule is re-run per draw.
    @Test func tierRuleBasisWhenTheScoreDecides() throws {
        var policy = Policy()
        policy.key.classes = [.a, .b, .c]
        policy.key.maxAccounts = 3
        var settings = RobustnessSettings()
        settings.spread = 0
        settings.draws = 5
        let tiered = try Self.tiered(policy)
        let check = tiered.robustness(settings)
        #expect(check.basis == .tierRule)
        for index in tiered.accounts.indices {
            #expect(check.keyShare[index] == (tiered.decisions[index].tier.isKeyAccount ? 1 : 0))
        }
    }

    /// The counterfactual turnover makes the client class A, a cent less does not.
    @Test func counterfactualTurnoverIsTheExactThreshold() throws {
        let tiered = try Self.tiered()
        let counterfactual = TurnoverCounterfactual(tiered)
        for index in tiered.accounts.indices where tiered.decisions[index].abc.abcClass != .a {
            guard let turnover = counterfactual.keyTurnover(for: index) else {
                #expect(tiered.decisions[index].solvency.zone == .distress)
                continue
            }
            func abcClass(at value: Double) throws -> ABCClass {
                var accounts = tiered.accounts
                accounts[index].turnover = value
                return ABCAnalysis.classify(accounts, cutoffs: tiered.policy.abc)[index].abcClass
            }
            #expect(try abcClass(at: turnover) == .a, "\(tiered.accounts[index].id) at \(turnover)")
            #expect(try abcClass(at: turnover - 0.01) != .a, "\(tiered.accounts[index].id) at \(turnover - 0.01)")
        }
    }

    @Test func counterfactualSentenceRoundsUp() {
        #expect(ScoreRobustness.roundedUp(1_412_345) == 1_420_000)
        #expect(ScoreRobustness.roundedUp(970_061.97) == 971_000)
    }

    @Test func tierRunAddsColumnsAndTheBorderlineFlag() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kamp-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.csv")
        try Data(Self.csv.utf8).write(to: input)
        var policy = Policy()
        policy.score.robustness.enabled = true
        policy.score.robustness.spread = 0.9
        policy.score.robustness.borderline = 0.01
        let out = try OutputDirectory(path: directory.appendingPathComponent("out").path)
        var run = try TierRun.run(accountsPath: input.path, surveyPath: nil, policy: policy, strict: false, out: out)
        try run.write(to: out)
        let robustness = try #require(run.robustness)
        let tiers = try String(contentsOf: directory.appendingPathComponent("out/tiers.csv"), encoding: .utf8)
        #expect(tiers.split(separator: "\n")[0].contains("key_share,rank_best,rank_worst,key_at_turnover,counterfactual"))
        for index in run.tiered.accounts.indices {
            #expect(run.tiered.decisions[index].flags.contains("borderline") == robustness.borderline[index])
        }
        #expect(run.record.results["robustness"] != nil)
    }
}
