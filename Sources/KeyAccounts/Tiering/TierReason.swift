extension TieredPortfolio {
    /// The sentence a director reads in tiers.csv, naming the numbers that
    /// decided the tier, e.g. "A: rank 12, 41.2 % of turnover before it;
    /// solvency safe (Z'' 3.42); 4 countries (CZ DE FR PL) >= 2: global".
    public func reason(at index: Int) -> String {
        let account = accounts[index]
        let decision = decisions[index]
        let policy = self.policy
        // Appended into one buffer: this runs once per row of tiers.csv.
        var text = Self.classText(account, decision.abc, policy.abc)
        text.reserveCapacity(200)

        switch decision.candidacy {
        case .byClass:
            break
        case .byScore:
            text += "; score " + Format.fixed(decision.score.value, 3) + " >= key.min_score " + Format.compact(policy.key.minScore ?? 0)
        case .none:
            text += "; class " + decision.abc.abcClass.rawValue + " not in key.classes [" + policy.key.classes.map(\.rawValue).joined(separator: " ") + "]"
            if let minimum = policy.key.minScore {
                text += ", score " + Format.fixed(decision.score.value, 3) + " < key.min_score " + Format.compact(minimum)
            }
        }

        text += "; solvency " + decision.solvency.evidence
        if decision.excludedBySolvency {
            text += " in key.exclude_solvency [" + policy.key.excludeSolvency.map(\.rawValue).joined(separator: " ") + "]"
        }
        if decision.overCap, let rank = decision.candidateRank, let cap = policy.key.maxAccounts {
            text += "; score " + Format.fixed(decision.score.value, 3) + " ranks " + String(rank) + " among candidates > key.max_accounts " + String(cap)
        }
        if let scope = decision.scope {
            text += "; " + Self.scopeText(account, scope, policy.scope)
        }
        text += ": " + decision.tier.rawValue
        return text
    }

    static func classText(_ account: Account, _ abc: ABCPosition, _ cutoffs: ABCCutoffs) -> String {
        guard account.turnover > 0 else { return "C: zero turnover" }
        let head = "\(abc.abcClass): rank \(abc.rank), \(Format.percent(abc.shareBefore)) of turnover before it"
        switch abc.abcClass {
        case .a: return head
        case .b: return head + " (A ends at \(Format.percent(cutoffs.a)))"
        case .c: return head + " (B ends at \(Format.percent(cutoffs.b)))"
        }
    }

    static func scopeText(_ account: Account, _ scope: ScopeDecision, _ rule: ScopeRule) -> String {
        let countries = "\(account.countries.count) \(account.countries.count == 1 ? "country" : "countries") (\(listed(account.countries.map(\.rawValue))))"
        let regions = "\(account.regions.count) \(account.regions.count == 1 ? "region" : "regions")"
            + (account.regions.isEmpty ? "" : " (\(listed(account.regions)))")
        switch scope {
        case .countries:
            return "\(countries) >= \(rule.globalMinCountries)"
        case let .foreignHeadquarters(home):
            return "HQ in \(account.hqCountry), home country \(home)"
        case .regions:
            return "\(countries), \(regions) >= \(rule.nationalMinRegions)"
        case .local:
            return "\(countries) < \(rule.globalMinCountries), \(regions) < \(rule.nationalMinRegions)"
        }
    }

    /// At most eight items, so a client active in 60 countries keeps a readable reason.
    static func listed(_ items: [String]) -> String {
        items.count <= 8 ? items.joined(separator: " ") : items.prefix(8).joined(separator: " ") + " +\(items.count - 8) more"
    }
}
