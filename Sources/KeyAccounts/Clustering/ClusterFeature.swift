import Foundation

/// A client property the segmentation can cluster on (policy `cluster.features`).
///
/// Each is a number per client in its own unit; k-means sees z-scores, so
/// every feature weighs the same whatever its unit.
public enum ClusterFeature: String, CaseIterable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// ln(1 + turnover): a client ten times larger is one step (2.3) further, not ten times further.
    case logTurnover = "log_turnover"
    /// turnover / turnover_prev - 1, clamped to -1 ... 2 (-100 % ... +200 %);
    /// a client new last year (turnover_prev 0) counts as +200 %. Missing without turnover_prev.
    case growth
    /// Solvency points 0...100 (given score, Altman or scorecard); missing when nothing is known.
    case solvency
    /// Distinct countries where the client buys, hq_country included (>= 1).
    case countries
    /// Distinct regions inside hq_country where the client buys (>= 1: at least its HQ region).
    case regions
    /// ln(1 + potential); missing without potential.
    case logPotential = "log_potential"
    /// Mean Kano Better (0...1) over the features the client's respondents
    /// answered; used only when a survey is given.
    case needs

    public var description: String { rawValue }

    /// The words of a cluster label when the cluster's mean z-score of this
    /// feature is high (>= +0.5) or low (<= -0.5).
    public var words: (high: String, low: String) {
        switch self {
        case .logTurnover: ("large", "small")
        case .growth: ("growing", "shrinking")
        case .solvency: ("solvent", "risky")
        case .countries: ("multi-country", "single-country")
        case .regions: ("multi-region", "single-region")
        case .logPotential: ("high potential", "low potential")
        case .needs: ("keen on extras", "indifferent to extras")
        }
    }

    /// The feature's value for one client, `nil` when its input is missing.
    /// Read through a pointer: a copy of the account would retain each of
    /// its strings and lists, from every core at once.
    func value(of account: UnsafePointer<Account>, solvencyPoints: Double?, needs: Double?) -> Double? {
        switch self {
        case .logTurnover:
            return unsafe log1p(account.pointee.turnover)
        case .growth:
            guard let previous = unsafe account.pointee.turnoverPrevious else { return nil }
            guard previous > 0 else { return unsafe account.pointee.turnover > 0 ? 2 : 0 }
            return unsafe min(2, max(-1, account.pointee.turnover / previous - 1))
        case .solvency:
            return solvencyPoints
        case .countries:
            return unsafe Double(account.pointee.countries.count)
        case .regions:
            return unsafe Double(max(1, account.pointee.regions.count))
        case .logPotential:
            return unsafe account.pointee.potential.map { log1p($0) }
        case .needs:
            return needs
        }
    }
}
