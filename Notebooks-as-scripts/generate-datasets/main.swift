// generate-datasets: the seeded generator of kamp's bundled sample data
// (Datasets/accounts.csv, managers.csv, survey.csv). A notebook-as-script:
// read it top to bottom, rerun it, change a number and compare.
//
//   swift run generate-datasets [--accounts N] [--managers M] [--seed S]
//                               [--out DIR] [--no-survey] [--quiet]
//                               [--class-a-share F]
//
// Foundation only; it does not use the KeyAccounts library on purpose, so the
// sample stays independent of the code it is meant to exercise.

import Foundation

let usage = """
usage: generate-datasets [--accounts N] [--managers M] [--seed S] [--out DIR]
                         [--no-survey] [--quiet] [--class-a-share F]

  --accounts N        accounts to generate (default 3000)
  --managers M        account managers (default 40)
  --seed S            seed of the random streams (default 42); same seed, same files
  --out DIR           output directory (default Datasets)
  --no-survey         do not write survey.csv
  --quiet             no summary on stderr
  --class-a-share F   fraction of accounts that make 80 % of turnover, i.e. the
                      ABC class A and kamp's key candidates (default 0.05;
                      0.2 gives the textbook 80/20 curve, but then 40 managers
                      cannot serve all candidates)

"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(("generate-datasets: " + message + "\n\n" + usage).data(using: .utf8)!)
    exit(64)
}

func parseOptions(_ argv: [String]) -> Options {
    var options = Options()
    var arguments = argv[...]
    func value(_ flag: String) -> String {
        guard let v = arguments.popFirst() else { fail("\(flag) needs a value") }
        return v
    }
    while let arg = arguments.popFirst() {
        switch arg {
        case "--accounts":
            guard let v = Int(value(arg)), v >= 1, v <= 99_999_999 else { fail("--accounts must be an integer from 1 to 99999999") }
            options.accounts = v
        case "--managers":
            guard let v = Int(value(arg)), v >= 1, v <= 60_000 else { fail("--managers must be an integer from 1 to 60000") }
            options.managers = v
        case "--seed":
            guard let v = UInt64(value(arg)) else { fail("--seed must be a non-negative integer") }
            options.seed = v
        case "--out":
            options.out = value(arg)
        case "--class-a-share":
            guard let v = Double(value(arg)), v > 0.001, v < 0.8 else { fail("--class-a-share must be a number between 0.001 and 0.8") }
            options.classAShare = v
        case "--no-survey":
            options.survey = false
        case "--quiet":
            options.quiet = true
        case "-h", "--help":
            print(usage, terminator: "")
            exit(0)
        default:
            fail("unknown argument '\(arg)'")
        }
    }
    return options
}

do {
    try runGenerator(parseOptions(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write("generate-datasets: \(error)\n".data(using: .utf8)!)
    exit(73)
}
