/// The three Altman Z-score models with their published coefficients and
/// cut-offs (DOMAIN.md, "Solvency").
public enum AltmanModel: String, CaseIterable, Hashable, Codable, Sendable {
    /// Public manufacturers (1968).
    case z = "Z"
    /// Private manufacturers.
    case zPrime = "Z'"
    /// Non-manufacturing and emerging-market firms.
    case zDoublePrime = "Z''"

    /// SPEC.md: listed manufacturing uses Z, private manufacturing Z',
    /// everything else (including an unknown sector) Z''.
    public static func chosen(listed: Bool?, sector: Sector?) -> AltmanModel {
        guard sector == .manufacturing else { return .zDoublePrime }
        return listed == true ? .z : .zPrime
    }

    /// Below this the firm is in distress.
    public var distressBelow: Double {
        switch self {
        case .z: 1.81
        case .zPrime: 1.23
        case .zDoublePrime: 1.10
        }
    }

    /// Above this the firm is safe; between the two cut-offs (inclusive) grey.
    public var safeAbove: Double {
        switch self {
        case .z: 2.99
        case .zPrime: 2.90
        case .zDoublePrime: 2.60
        }
    }

    /// The balance-sheet columns the model needs.
    public var requiredColumns: [String] {
        let equity = self == .z ? "equity_market" : "equity_book"
        let common = ["working_capital", "retained_earnings", "ebit", equity, "total_liabilities", "total_assets"]
        return self == .zDoublePrime ? common : common + ["sales"]
    }

    /// The score, or `nil` when an input is missing or total assets or
    /// total liabilities are not positive (the ratios would be undefined).
    public func score(_ sheet: BalanceSheet) -> Double? {
        guard let workingCapital = sheet.workingCapital, let retained = sheet.retainedEarnings,
              let ebit = sheet.ebit, let liabilities = sheet.totalLiabilities, let assets = sheet.totalAssets,
              let equity = self == .z ? sheet.equityMarket : sheet.equityBook,
              assets > 0, liabilities > 0 else { return nil }
        let x1 = workingCapital / assets
        let x2 = retained / assets
        let x3 = ebit / assets
        let x4 = equity / liabilities
        switch self {
        case .z:
            guard let sales = sheet.sales else { return nil }
            return 1.2 * x1 + 1.4 * x2 + 3.3 * x3 + 0.6 * x4 + 1.0 * sales / assets
        case .zPrime:
            guard let sales = sheet.sales else { return nil }
            return 0.717 * x1 + 0.847 * x2 + 3.107 * x3 + 0.420 * x4 + 0.998 * sales / assets
        case .zDoublePrime:
            return 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4
        }
    }

    public func zone(of score: Double) -> SolvencyZone {
        if score < distressBelow { return .distress }
        if score > safeAbove { return .safe }
        return .grey
    }

    /// Maps a score onto kamp's 0...100 scale so the zone bands line up with
    /// those of a given solvency_score: the distress cut-off becomes 30, the
    /// safe cut-off 60, linear in between and beyond, clamped to 0...100.
    public func points(for score: Double) -> Double {
        let points = 30 + 30 * (score - distressBelow) / (safeAbove - distressBelow)
        return min(100, max(0, points))
    }
}
