import ArgumentParser
import Foundation
import KeyAccounts

extension Kamp {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run `kamp plan` on the bundled sample in Datasets/.",
            discussion: "Looks for Datasets/ in the current directory, then in the kamp source tree it was built from."
        )

        @OptionGroup var options: CommonOptions

        func run() throws {
            try options.run {
                let datasets = try Self.datasets()
                let file = { (name: String) in (datasets as NSString).appendingPathComponent(name) }
                let survey = FileManager.default.fileExists(atPath: file("survey.csv")) ? file("survey.csv") : nil
                try Plan.plan(accounts: file("accounts.csv"), managers: file("managers.csv"), survey: survey, options: options)
                options.summary("\nThe report is \(options.out)/report.html: open it in a browser. "
                                + "The plan is in \(options.out)/assignments.csv (who serves which account, and why), "
                                + "the loads in manager_load.csv, the tiers in tiers.csv, the summary in summary.md.")
            }
        }

        /// Datasets/ of the current directory, else of the package root known at build time.
        static func datasets() throws -> String {
            let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().path
            let places = [FileManager.default.currentDirectoryPath, packageRoot]
            for place in places {
                let folder = (place as NSString).appendingPathComponent("Datasets")
                let accounts = (folder as NSString).appendingPathComponent("accounts.csv")
                let managers = (folder as NSString).appendingPathComponent("managers.csv")
                if FileManager.default.fileExists(atPath: accounts), FileManager.default.fileExists(atPath: managers) {
                    return folder
                }
            }
            throw KeyAccountsError.cannotOpen(file: "Datasets/accounts.csv",
                                              reason: "no bundled sample in \(places.joined(separator: " or ")); run kamp plan on your own files")
        }
    }
}
