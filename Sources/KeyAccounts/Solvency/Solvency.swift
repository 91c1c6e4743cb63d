/// The financial health band of a client.
public enum SolvencyZone: String, CaseIterable, Hashable, Codable, Sendable, CustomStringConvertible {
    case safe, grey, distress, unknown

    public var description: String { rawValue }

    /// The bands of kamp's 0...100 scale: safe >= 60, distress < 30, grey between.
    public init(points: Double) {
        if points >= 60 { self = .safe } else if points < 30 { self = .distress } else { self = .grey }
    }
}

/// How a client's solvency was judged: the zone, the 0...100 points used by
/// the score, and the evidence, so the reason can name it.
public struct SolvencyAssessment: Hashable, Sendable {
    public enum Basis: Hashable, Codable, Sendable {
        /// The user's own solvency_score.
        case given(Double)
        case altman(AltmanModel, Double)
        /// kamp's scorecard over rating and payment inputs (README).
        case scorecard(rating: CreditRating?, paydex: Double?, dsoDays: Double?)
        case none
    }

    public var zone: SolvencyZone
    /// True when a balance sheet was given but lacked what the chosen Altman model needs.
    public var altmanIncomplete: Bool
    /// 0...100, `nil` when nothing is known.
    public var points: Double? { get { Missing.decode(storedPoints) } set { storedPoints = Missing.encode(newValue) } }
    public var basis: Basis
    private var storedPoints: Double

    // Written out because NaN, the stored "missing", is unequal to itself.
    public static func == (lhs: SolvencyAssessment, rhs: SolvencyAssessment) -> Bool {
        lhs.zone == rhs.zone && lhs.altmanIncomplete == rhs.altmanIncomplete && lhs.points == rhs.points
            && lhs.basis == rhs.basis
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(zone)
        hasher.combine(points)
        hasher.combine(basis)
    }

    /// Judges `inputs` in the order SPEC.md fixes: the given score, then the
    /// Altman model chosen by listed / sector, then the rating and payment
    /// scorecard, else unknown.
    public init(_ inputs: borrowing SolvencyInputs) {
        if let given = inputs.score {
            self.init(zone: SolvencyZone(points: given), points: given, basis: .given(given))
            return
        }
        let model = AltmanModel.chosen(listed: inputs.listed, sector: inputs.sector)
        var incomplete = false
        if let sheet = inputs.balanceSheet {
            if let z = model.score(sheet) {
                self.init(zone: model.zone(of: z), points: model.points(for: z), basis: .altman(model, z))
                return
            }
            incomplete = true
        }
        // The mean of the parts given, summed in this order (no array: one
        // allocation per client at a million clients).
        var sum = 0.0, parts = 0
        if let rating = inputs.creditRating { sum += rating.solvencyPoints; parts += 1 }
        if let paydex = inputs.paydex { sum += Self.paydexPoints(paydex); parts += 1 }
        if let dso = inputs.dsoDays { sum += Self.dsoPoints(dso); parts += 1 }
        if parts == 0 {
            self.init(zone: .unknown, points: nil, basis: .none)
        } else {
            let points = sum / Double(parts)
            self.init(zone: SolvencyZone(points: points), points: points,
                      basis: .scorecard(rating: inputs.creditRating, paydex: inputs.paydex, dsoDays: inputs.dsoDays))
        }
        self.altmanIncomplete = incomplete
    }

    init(zone: SolvencyZone, points: Double?, basis: Basis) {
        self.zone = zone
        self.altmanIncomplete = false
        self.storedPoints = Missing.encode(points)
        self.basis = basis
    }

    /// PAYDEX: 80 = pays on time (safe from here), 50 = 30 days late (the
    /// distress line), linear pieces in between: 0 -> 0, 50 -> 30, 80 -> 60, 100 -> 100.
    public static func paydexPoints(_ paydex: Double) -> Double {
        if paydex >= 80 { return min(100, 60 + (paydex - 80) * 2) }
        if paydex >= 50 { return 30 + (paydex - 50) }
        return max(0, paydex * 0.6)
    }

    /// Days sales outstanding: 30 days (usual terms) is the safe line, 90
    /// days the distress line: 0 -> 100, 30 -> 60, 90 -> 30, 180 and more -> 0.
    public static func dsoPoints(_ days: Double) -> Double {
        if days <= 30 { return 100 - max(0, days) * 40 / 30 }
        if days <= 90 { return 60 - (days - 30) * 30 / 60 }
        return max(0, 30 - (days - 90) * 30 / 90)
    }

    /// "safe (Z'' 3.42)", "grey (score 45 given)", "distress (rating CCC, paydex 40)", "unknown (no solvency data)".
    public var evidence: String {
        var bytes: [UInt8] = []
        appendEvidence(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `evidence`, appended to a row being written.
    func appendEvidence(to bytes: inout [UInt8]) {
        switch basis {
        case let .given(score):
            bytes.appendText(zone.rawValue)
            bytes.appendLiteral(" (score ")
            bytes.appendTrimmed(score)
            bytes.appendLiteral(" given)")
        case let .altman(model, z):
            bytes.appendText(zone.rawValue)
            bytes.appendLiteral(" (")
            bytes.appendText(model.rawValue)
            bytes.appendLiteral(" ")
            bytes.appendFixed(z, 2)
            bytes.appendLiteral(")")
        case let .scorecard(rating, paydex, dso):
            bytes.appendText(zone.rawValue)
            bytes.appendLiteral(" (")
            var separator = ""
            if let rating {
                bytes.appendLiteral("rating ")
                bytes.appendText(rating.rawValue)
                separator = ", "
            }
            if let paydex {
                bytes.appendText(separator)
                bytes.appendLiteral("paydex ")
                bytes.appendTrimmed(paydex)
                separator = ", "
            }
            if let dso {
                bytes.appendText(separator)
                bytes.appendLiteral("DSO ")
                bytes.appendTrimmed(dso)
                bytes.appendLiteral(" days")
            }
            bytes.appendLiteral(")")
        case .none:
            bytes.appendLiteral("unknown (no solvency data)")
        }
    }
}
