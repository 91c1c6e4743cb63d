/// An S&P-style issuer credit grade.
public enum CreditRating: String, CaseIterable, Hashable, Codable, Sendable {
    case aaa = "AAA", aaPlus = "AA+", aa = "AA", aaMinus = "AA-"
    case aPlus = "A+", a = "A", aMinus = "A-"
    case bbbPlus = "BBB+", bbb = "BBB", bbbMinus = "BBB-"
    case bbPlus = "BB+", bb = "BB", bbMinus = "BB-"
    case bPlus = "B+", b = "B", bMinus = "B-"
    case cccPlus = "CCC+", ccc = "CCC", cccMinus = "CCC-", cc = "CC", c = "C"
    case selectiveDefault = "SD", d = "D"

    /// Accepts any letter case and surrounding spaces ("bbb-", " AA ").
    public init?(grade: String) {
        self.init(rawValue: grade.trimmingSpaces.uppercased())
    }

    /// The credit quality step of EU Regulation 2016/1799 (1 best ... 6
    /// worst); `nil` for a grade that says the client is already in default.
    public var creditQualityStep: Int? {
        switch self {
        case .aaa, .aaPlus, .aa, .aaMinus: 1
        case .aPlus, .a, .aMinus: 2
        case .bbbPlus, .bbb, .bbbMinus: 3
        case .bbPlus, .bb, .bbMinus: 4
        case .bPlus, .b, .bMinus: 5
        case .cccPlus, .ccc, .cccMinus, .cc, .c: 6
        case .selectiveDefault, .d: nil
        }
    }

    /// Three-year default probability: the benchmark of EU Regulation
    /// 2016/1799 for the credit quality step, and 1 for a defaulted client.
    public var defaultProbability: Double {
        switch creditQualityStep {
        case 1: 0.0010
        case 2: 0.0025
        case 3: 0.0100
        case 4: 0.0750
        case 5: 0.2000
        case 6: 0.3400
        default: 1
        }
    }

    /// Solvency points on kamp's 0...100 scale (README, "Solvency scorecard").
    /// Investment grade (steps 1 to 3) lands in the safe band (>= 60),
    /// speculative grades BB and B in the grey band, CCC and below and
    /// default in the distress band (< 30).
    public var solvencyPoints: Double {
        switch creditQualityStep {
        case 1: 95
        case 2: 85
        case 3: 70
        case 4: 50
        case 5: 35
        case 6: 15
        default: 0
        }
    }
}
