/// The rules and the cost of SPEC.md section 3 ("Assignment") for one
/// account and one manager.
public struct AssignmentRules: Hashable, Sendable {
    public var settings: AssignmentSettings
    public var workloadHours: WorkloadHours

    public init(policy: Policy) {
        settings = policy.assignment
        workloadHours = policy.workloadHours
    }

    /// The account's own workload_hours, else the policy's hours for its tier.
    public func workload(of account: Account, tier: Tier) -> Double {
        account.workloadHours ?? workloadHours[tier]
    }

    /// Whether accounts of `tier` are planned at all.
    public func isAssigned(_ tier: Tier) -> Bool { settings.tiers.contains(tier) }

    /// The first rule that keeps `manager` from serving `account`, or nil when eligible.
    public func ineligibility(of manager: Manager, for account: Account, tier: Tier) -> Ineligibility? {
        guard manager.tiers.contains(tier) else { return .tier }
        if settings.requireCountryFor.contains(tier), manager.baseCountry != account.hqCountry { return .country }
        if settings.requireLanguageFor.contains(tier), !account.languages.isEmpty,
           !account.languages.contains(where: manager.languages.contains) { return .language }
        return nil
    }

    public func isEligible(_ manager: Manager, for account: Account, tier: Tier) -> Bool {
        ineligibility(of: manager, for: account, tier: tier) == nil
    }

    /// The cost of `manager` serving `account`, term by term.
    public func cost(of manager: Manager, for account: Account) -> PairCost {
        let distance = manager.location.distanceKilometres(to: account.location)
        let noSharedLanguage = !account.languages.isEmpty && !account.languages.contains(where: manager.languages.contains)
        let industryMissing = account.industry.map { !Self.knows(manager, industry: $0) } ?? false
        let moved = account.currentManager.map { $0 != manager.id } ?? false
        let weights = settings.cost
        let total = weights.perKm * distance + (noSharedLanguage ? weights.language : 0)
            + (industryMissing ? weights.industry : 0) + (moved ? weights.move : 0)
        return PairCost(distanceKm: distance, noSharedLanguage: noSharedLanguage, industryMissing: industryMissing,
                        moved: moved, total: total)
    }

    /// Industries are free text: compared without case and surrounding spaces.
    static func knows(_ manager: Manager, industry: String) -> Bool {
        let wanted = industry.trimmingSpaces.lowercased()
        guard !wanted.isEmpty else { return true }
        return manager.industries.contains { $0.trimmingSpaces.lowercased() == wanted }
    }
}

/// Why a manager may not serve an account.
public enum Ineligibility: String, Hashable, Codable, Sendable {
    /// The manager's `tiers` do not include the account's tier.
    case tier
    /// The tier requires the manager's base_country to be the client's hq_country.
    case country
    /// The tier requires a shared language and the client's languages are known.
    case language
}

/// The terms of the cost of one manager serving one account (SPEC.md section 3).
public struct PairCost: Hashable, Codable, Sendable {
    /// Great-circle distance from the manager's base to the client's HQ.
    public var distanceKm: Double
    /// The client's languages are known and the manager speaks none of them.
    public var noSharedLanguage: Bool
    /// The client's industry is known and not among the manager's industries.
    public var industryMissing: Bool
    /// The client has a current manager and it is not this one.
    public var moved: Bool
    /// per_km x distance + language + industry + move, as they apply.
    public var total: Double
}
