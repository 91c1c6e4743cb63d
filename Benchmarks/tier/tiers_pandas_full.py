"""The whole of `kamp tier`'s tiers.csv, written in pandas: the full peer.

Where tier_pandas.py stops at account_id,tier, this peer writes every column
of kamp's tiers.csv (SPEC.md section 4, README "Outputs") under the default
policy, with the rules of SPEC.md section 3 and the README ("The rules"):

- ABC: turnover descending, ties by account_id; the class is decided on the
  share of the turnover ranked strictly before; zero turnover is C.
- solvency: a given solvency_score, else the Altman model chosen by listed /
  sector (Z, Z', Z''), else the rating / PAYDEX / DSO scorecard, else unknown;
  a balance sheet lacking what its model needs -> altman_incomplete.
- score: six criteria normalised to 0...1, the weight of a missing one spread
  over the others, missing_<criterion> flags; rank by score (ties: higher
  turnover, then account_id). No survey here, so needs is always missing.
- tier: class A candidates, distress held back (solvency_risk), then global /
  national / key by distinct countries and regions; everyone else standard.
- reason: the sentence of Tiering/TierReason.swift, numbers formatted as
  kamp's Format does (half away from zero on the scaled value, trailing zeros
  dropped for table numbers), text cells written as kamp writes them.

Default policy only: abc 0.80 / 0.95, key.classes [A], exclude distress,
global >= 2 countries, national >= 2 regions, no home_country, no min_score,
no max_accounts. The input is assumed valid (kamp's rejects are not
reproduced; a repeated account_id keeps its first row, as kamp does).

Vectorised throughout: no Python loop or .apply over rows; the only loops run
over criteria or list positions. Text columns are numpy StringDType arrays
built with np.strings (C loops): pandas' own string dtype without pyarrow
works element by element in Python, several times slower. The table is
handed to DataFrame.to_csv in blocks of rows, so the whole of it never
exists as Python strings at once.

usage: python tiers_pandas_full.py accounts.csv tiers_out.csv
"""
import sys
from functools import reduce

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

ABC_A, ABC_B = 0.80, 0.95
GLOBAL_MIN_COUNTRIES, NATIONAL_MIN_REGIONS = 2, 2
WEIGHTS = {"turnover": 0.35, "growth": 0.15, "solvency": 0.20, "scope": 0.10, "needs": 0.10, "potential": 0.10}
CRITERIA = list(WEIGHTS)

TEXT = ["account_id", "name", "industry", "hq_country", "hq_region", "countries", "regions", "languages",
        "credit_rating", "listed", "sector", "current_manager"]
NUMBERS = ["turnover", "turnover_prev", "potential", "latitude", "longitude", "solvency_score", "paydex", "dso_days",
           "working_capital", "retained_earnings", "ebit", "equity_market", "equity_book", "total_liabilities",
           "total_assets", "sales", "workload_hours"]
SHEET = ["working_capital", "retained_earnings", "ebit", "equity_market", "equity_book", "total_liabilities",
         "total_assets", "sales"]

RATING_POINTS = {"AAA": 95, "AA+": 95, "AA": 95, "AA-": 95, "A+": 85, "A": 85, "A-": 85, "BBB+": 70, "BBB": 70,
                 "BBB-": 70, "BB+": 50, "BB": 50, "BB-": 50, "B+": 35, "B": 35, "B-": 35, "CCC+": 15, "CCC": 15,
                 "CCC-": 15, "CC": 15, "C": 15, "SD": 0, "D": 0}
# Altman models: name -> (distress below, safe above).
ALTMAN = {"Z": (1.81, 2.99), "Z'": (1.23, 2.90), "Z''": (1.10, 2.60)}

POW10 = np.array([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9])
STR = StringDType()
add = np.strings.add


def cat(*parts):
    """Element-wise concatenation of string arrays and scalars."""
    return reduce(add, parts)


def text_array(values):
    """A column as a StringDType array, missing -> ''."""
    return pd.Series(values, dtype=object).fillna("").to_numpy(dtype=object).astype(STR)


def read_accounts(path):
    """The accounts file in account_id order, header names matched
    case-insensitively after trimming. Returns the numbers as a DataFrame,
    the text columns as trimmed StringDType arrays, the unknown columns
    (name -> raw text), and the list separators."""
    with open(path, encoding="utf-8-sig") as handle:
        first = handle.readline()
    delimiter = max([",", ";", "\t"], key=first.count)
    header = pd.read_csv(path, sep=delimiter, nrows=0, encoding="utf-8-sig").columns
    canonical = {name: name.strip().lower() for name in header}
    dtypes = {name: (float if key in NUMBERS else object) for name, key in canonical.items()}
    df = pd.read_csv(path, sep=delimiter, encoding="utf-8-sig", dtype=dtypes, keep_default_na=False,
                     na_values={name: [""] for name, key in canonical.items() if key in NUMBERS})
    known = set(TEXT) | set(NUMBERS)
    extra = [name for name, key in canonical.items() if key not in known]
    df = df.rename(columns={name: key for name, key in canonical.items() if key in known})
    # Output order: by account_id; the first row of a repeated id wins.
    df["account_id"] = df["account_id"].str.strip(" \t")
    df = df.drop_duplicates("account_id", keep="first").sort_values("account_id", kind="stable", ignore_index=True)
    for column in NUMBERS:
        if column not in df:
            df[column] = np.nan
    text = {column: (np.strings.strip(text_array(df[column]), " \t") if column in df
                     else np.full(len(df), "", dtype=STR)) for column in TEXT}
    extras = {name: text_array(df[name]) for name in extra}
    df = df[NUMBERS]  # the text lives on in `text` and `extras` only
    # ';'-delimited files separate list items with '|' only.
    separators = r"\|" if delimiter == ";" else r"[;|]"
    return df, text, extras, separators


def kamp_number(values, decimals, trim=True):
    """kamp's Format: |value| x 10^decimals rounded half away from zero, then
    the point put back; `trim` drops trailing zeros (table numbers), else
    exactly `decimals` digits (Format.fixed). Missing (NaN) -> ''."""
    values = np.asarray(values, dtype=float)
    missing = ~np.isfinite(values)
    scaled = np.abs(np.where(missing, 0.0, values)) * POW10[decimals]
    whole = np.floor(scaled)
    units = (whole + (scaled - whole >= 0.5)).astype(np.int64)
    scale = 10 ** decimals
    text = (units // scale).astype(STR)
    if decimals:
        fraction = np.strings.zfill((units % scale).astype(STR), decimals)
        if trim:
            fraction = np.strings.rstrip(fraction, "0")
        text = np.where(fraction != "", cat(text, ".", fraction), text)
    text = np.where((values < 0) & (units > 0), add("-", text), text)
    return np.where(missing, "", text)


def integers(values):
    return np.asarray(values, dtype=np.int64).astype(STR)


def distinct_lists(head, items, separators, case):
    """Distinct items of `head` plus the list `items` (empty items dropped,
    compared upper- or lower-case as `case` says, the first spelling kept),
    sorted by that key. Returns the items joined by ';', their number, and
    the reason's form: joined by ' ', at most eight and '+N more'."""
    has_list = np.strings.str_len(np.strings.strip(items)) > 0
    rows = np.flatnonzero(has_list)
    joined, shown = head.copy(), head.copy()
    counts = np.where(head != "", 1, 0)
    if not len(rows):
        return joined, counts, shown
    # Most clients list nothing beyond their HQ: only the others are exploded.
    combined = pd.Series(cat(head[rows], ";", items[rows]).astype(object), index=rows)
    long = combined.str.split(separators, regex=True).explode()
    item = np.strings.strip(long.to_numpy(dtype=object).astype(STR))
    keep = item != ""
    item, row = item[keep], long.index.to_numpy()[keep]
    key = np.strings.upper(item) if case == "upper" else np.strings.lower(item)
    if case == "upper":
        item = key
    frame = pd.DataFrame({"row": row, "key": key.astype(object), "item": item.astype(object)})
    frame = frame.drop_duplicates(["row", "key"], keep="first").sort_values(["row", "key"], kind="stable")
    frame["pos"] = frame.groupby("row").cumcount()
    wide = frame.pivot(index="row", columns="pos", values="item").fillna("")
    listed = wide.index.to_numpy()
    columns = [wide[position].to_numpy(dtype=object).astype(STR) for position in wide.columns]
    all_items, first_eight = columns[0], columns[0]
    for position, column in enumerate(columns[1:], start=1):
        present = column != ""
        all_items = np.where(present, cat(all_items, ";", column), all_items)
        if position < 8:
            first_eight = np.where(present, cat(first_eight, " ", column), first_eight)
    counts[listed] = (wide != "").sum(axis=1).to_numpy()
    more = counts[listed] - 8
    joined[listed] = all_items
    shown[listed] = np.where(more > 0, cat(first_eight, " +", integers(more), " more"), first_eight)
    return joined, counts, shown


def solvency(df, text):
    """Zone, points, basis, evidence text and altman_incomplete of every client."""
    n = len(df)
    given_score = df["solvency_score"].to_numpy()
    given = ~np.isnan(given_score)

    manufacturing = np.strings.lower(text["sector"]) == "manufacturing"
    listed_text = np.strings.lower(text["listed"])
    listed = (listed_text == "true") | (listed_text == "yes") | (listed_text == "y") | (listed_text == "1")
    is_z, is_z2 = manufacturing & listed, ~manufacturing
    model = np.where(is_z, "Z", np.where(is_z2, "Z''", "Z'"))
    low = np.where(is_z, ALTMAN["Z"][0], np.where(is_z2, ALTMAN["Z''"][0], ALTMAN["Z'"][0]))
    high = np.where(is_z, ALTMAN["Z"][1], np.where(is_z2, ALTMAN["Z''"][1], ALTMAN["Z'"][1]))

    has_sheet = df[SHEET].notna().any(axis=1).to_numpy()
    wc, re_, ebit, sales = (df[c].to_numpy() for c in ["working_capital", "retained_earnings", "ebit", "sales"])
    tl, ta = df["total_liabilities"].to_numpy(), df["total_assets"].to_numpy()
    equity = np.where(is_z, df["equity_market"].to_numpy(), df["equity_book"].to_numpy())
    complete = (~np.isnan(wc) & ~np.isnan(re_) & ~np.isnan(ebit) & ~np.isnan(equity) & (ta > 0) & (tl > 0)
                & (is_z2 | ~np.isnan(sales)))
    with np.errstate(divide="ignore", invalid="ignore"):
        x1, x2, x3, x4 = wc / ta, re_ / ta, ebit / ta, equity / tl
        # Written as kamp writes them: the sales term is (coefficient x sales) / assets.
        z_score = 1.2 * x1 + 1.4 * x2 + 3.3 * x3 + 0.6 * x4 + 1.0 * sales / ta
        z_prime = 0.717 * x1 + 0.847 * x2 + 3.107 * x3 + 0.420 * x4 + 0.998 * sales / ta
        z_double = 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4
    z = np.where(is_z, z_score, np.where(is_z2, z_double, z_prime))
    altman = ~given & has_sheet & complete
    altman_incomplete = ~given & has_sheet & ~complete
    altman_points = np.minimum(100, np.maximum(0, 30 + 30 * (z - low) / (high - low)))
    altman_zone = np.where(z < low, "distress", np.where(z > high, "safe", "grey"))

    rating = np.strings.upper(text["credit_rating"])
    rating_points = pd.Series(rating.astype(object)).map(RATING_POINTS).to_numpy(dtype=float)
    has_rating = ~np.isnan(rating_points)
    paydex = df["paydex"].to_numpy()
    has_paydex = ~np.isnan(paydex)
    paydex_points = np.where(paydex >= 80, np.minimum(100, 60 + (paydex - 80) * 2),
                             np.where(paydex >= 50, 30 + (paydex - 50), np.maximum(0, paydex * 0.6)))
    dso = df["dso_days"].to_numpy()
    has_dso = ~np.isnan(dso)
    dso_points = np.where(dso <= 30, 100 - np.maximum(0, dso) * 40 / 30,
                          np.where(dso <= 90, 60 - (dso - 30) * 30 / 60, np.maximum(0, 30 - (dso - 90) * 30 / 90)))
    # The mean of the parts that are there, summed in kamp's order.
    parts = has_rating.astype(int) + has_paydex + has_dso
    total = (0.0 + np.where(has_rating, rating_points, 0.0)) + np.where(has_paydex, paydex_points, 0.0)
    total = total + np.where(has_dso, dso_points, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        card_points = total / parts
    card = ~given & ~altman & (parts > 0)

    points = np.where(given, given_score, np.where(altman, altman_points, np.where(card, card_points, np.nan)))
    band = np.where(points >= 60, "safe", np.where(points < 30, "distress", "grey"))
    zone = np.where(altman, altman_zone, np.where(given | card, band, "unknown"))
    basis = np.where(given, "given", np.where(altman, model, np.where(card, "scorecard", "none")))

    # Evidence: "grey (Z'' 2.11)", "safe (score 75 given)", "grey (rating BB, paydex 61, DSO 40 days)".
    zone_s = zone.astype(STR)
    evidence = np.full(n, "unknown (no solvency data)", dtype=STR)
    details = np.where(has_rating, add("rating ", rating), "")
    details = np.where(has_paydex, cat(details, np.where(details != "", ", ", ""), "paydex ", kamp_number(paydex, 6)),
                       details)
    details = np.where(has_dso, cat(details, np.where(details != "", ", ", ""), "DSO ", kamp_number(dso, 6), " days"),
                       details)
    evidence = np.where(card, cat(zone_s, " (", details, ")"), evidence)
    evidence = np.where(altman, cat(zone_s, " (", model, " ", kamp_number(z, 2, trim=False), ")"), evidence)
    evidence = np.where(given, cat(zone_s, " (score ", kamp_number(given_score, 6), " given)"), evidence)
    return zone, points, basis, evidence, altman_incomplete


def formula_safe(values):
    """A text cell as kamp writes it: a leading ' before formula-like text."""
    first = np.strings.slice(values, 0, 1)
    formula = (first == "=") | (first == "+") | (first == "-") | (first == "@") | (first == "\t") | (first == "\r")
    return np.where(formula, add("'", values), values)


def abc_positions(turnover):
    """ABC: turnover descending, ties by account_id (the rows are in account_id
    order and the sort is stable); the running sum in rank order, the total
    its last value, the class decided on the turnover strictly before."""
    n = len(turnover)
    order = np.argsort(-turnover, kind="stable")
    running = np.cumsum(turnover[order])
    total = running[-1] if n else 0.0
    before = np.empty(n)
    before[order] = np.concatenate([[0.0], running[:-1]])
    cumulative = np.empty(n)
    cumulative[order] = running
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    positive = total > 0
    abc = np.where((turnover <= 0) | (not positive), "C",
                   np.where(before < ABC_A * total, "A", np.where(before < ABC_B * total, "B", "C")))
    share = turnover / total if positive else np.zeros(n)
    share_before = before / total if positive else np.zeros(n)
    cumulative_share = cumulative / total if positive else np.zeros(n)
    return abc, rank, share, share_before, cumulative_share


def scores(df, points, country_count, region_count):
    """The six criteria (NaN where the input is missing), each one's share of
    the score, and the score: the weighted mean over the available criteria,
    summed in kamp's order."""
    n = len(df)
    turnover = df["turnover"].to_numpy()
    max_turnover = turnover.max() if n else 0.0
    potential = df["potential"].to_numpy()
    max_potential = max(0.0, np.nanmax(potential)) if (~np.isnan(potential)).any() else 0.0
    previous = df["turnover_prev"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        criteria = {
            "turnover": np.log1p(turnover) / np.log1p(max_turnover) if max_turnover > 0 else np.zeros(n),
            "growth": np.where(np.isnan(previous), np.nan,
                               np.where(previous > 0, np.minimum(1, np.maximum(0, 0.5 + (turnover / previous - 1))),
                                        np.where(turnover > 0, 1.0, 0.5))),
            "solvency": points / 100,
            "scope": 0.6 * np.minimum(1, (country_count - 1) / 4)
                     + 0.4 * np.minimum(1, np.maximum(0, region_count - 1) / 4),
            "needs": np.full(n, np.nan),
            "potential": np.where(np.isnan(potential), np.nan,
                                  np.log1p(potential) / np.log1p(max_potential) if max_potential > 0 else 0.0),
        }
    available = np.zeros(n)
    for name in CRITERIA:
        available = available + np.where(np.isnan(criteria[name]), 0.0, WEIGHTS[name])
    score = np.zeros(n)
    contributions = {}
    for name in CRITERIA:
        with np.errstate(divide="ignore", invalid="ignore"):
            part = np.where(available > 0, WEIGHTS[name] * criteria[name] / available, 0.0)
        contributions[name] = np.where(np.isnan(criteria[name]), np.nan, part)
        score = score + np.where(np.isnan(criteria[name]), 0.0, part)
    return score, contributions


def reasons(turnover, abc, turnover_rank, share_before, candidate, excluded, evidence, scoped, is_global,
            is_national, country_count, countries_shown, region_count, regions_shown, tier):
    """The reason of every row (Tiering/TierReason.swift)."""
    abc_s = abc.astype(STR)
    cut_a = kamp_number([ABC_A * 100], 1, trim=False)[0]
    cut_b = kamp_number([ABC_B * 100], 1, trim=False)[0]
    head = cat(abc_s, ": rank ", integers(turnover_rank), ", ", kamp_number(share_before * 100, 1, trim=False),
               " % of turnover before it",
               np.where(abc == "B", f" (A ends at {cut_a} %)", np.where(abc == "C", f" (B ends at {cut_b} %)", "")))
    reason = np.where(turnover > 0, head, "C: zero turnover")
    reason = cat(reason, np.where(candidate, "", cat("; class ", abc_s, " not in key.classes [A]")),
                 "; solvency ", evidence, np.where(excluded, " in key.exclude_solvency [distress]", ""))
    countries_text = cat(integers(country_count), np.where(country_count == 1, " country (", " countries ("),
                         countries_shown, ")")
    regions_text = cat(integers(region_count), np.where(region_count == 1, " region", " regions"),
                       np.where(region_count > 0, cat(" (", regions_shown, ")"), ""))
    scope_text = np.where(
        is_global, cat(countries_text, f" >= {GLOBAL_MIN_COUNTRIES}"),
        np.where(is_national, cat(countries_text, ", ", regions_text, f" >= {NATIONAL_MIN_REGIONS}"),
                 cat(countries_text, f" < {GLOBAL_MIN_COUNTRIES}, ", regions_text, f" < {NATIONAL_MIN_REGIONS}")))
    return cat(reason, np.where(scoped, add("; ", scope_text), ""), ": ", tier)


def tiers_columns(source):
    """Every column of tiers.csv, in kamp's order, as arrays in account_id order."""
    df, text, extras, separators = read_accounts(source)
    turnover = df["turnover"].to_numpy()
    abc, turnover_rank, share, share_before, cumulative_share = abc_positions(turnover)
    zone, points, basis, evidence, altman_incomplete = solvency(df, text)
    hq_country = np.strings.upper(text["hq_country"])
    countries, country_count, countries_shown = distinct_lists(hq_country, text["countries"], separators, "upper")
    regions, region_count, regions_shown = distinct_lists(text["hq_region"], text["regions"], separators, "lower")
    score, contributions = scores(df, points, country_count, region_count)
    # Rank by score descending, ties by higher turnover, then account_id (row order).
    score_rank = np.empty(len(df), dtype=np.int64)
    score_rank[np.lexsort((-turnover, -score))] = np.arange(1, len(df) + 1)

    # Tier (SPEC.md section 3, default policy).
    candidate = abc == "A"
    excluded = candidate & (zone == "distress")
    scoped = candidate & ~excluded
    is_global = scoped & (country_count >= GLOBAL_MIN_COUNTRIES)
    is_national = scoped & ~is_global & (region_count >= NATIONAL_MIN_REGIONS)
    tier = np.where(is_global, "global", np.where(is_national, "national", np.where(scoped, "key", "standard")))

    flags = np.where(excluded, "solvency_risk;", "").astype(STR)
    flags = add(flags, np.where(altman_incomplete, "altman_incomplete;", ""))
    for name in CRITERIA:
        flags = add(flags, np.where(np.isnan(contributions[name]), "missing_" + name + ";", ""))
    flags = np.strings.slice(flags, 0, np.maximum(0, np.strings.str_len(flags) - 1))

    columns = {
        "account_id": formula_safe(text["account_id"]),
        "name": formula_safe(text["name"]),
        "tier": tier,
        "score": kamp_number(score, 6),
        "rank": integers(score_rank),
        "abc_class": abc,
        "turnover": kamp_number(turnover, 2),
        "turnover_share": kamp_number(share, 8),
        "cumulative_share": kamp_number(cumulative_share, 8),
        "solvency_zone": zone,
        "solvency_score": kamp_number(points, 2),
        "countries": countries,
        "regions": formula_safe(regions),
        "flags": flags,
        "reason": reasons(turnover, abc, turnover_rank, share_before, candidate, excluded, evidence, scoped,
                          is_global, is_national, country_count, countries_shown, region_count, regions_shown, tier),
        "turnover_rank": integers(turnover_rank),
        "share_before": kamp_number(share_before, 8),
        "candidate": np.where(candidate, "class", "none"),
        "solvency_basis": basis,
        "hq_country": hq_country,
        "industry": formula_safe(text["industry"]),
    }
    for name in CRITERIA:
        columns["score_" + name] = kamp_number(contributions[name], 6)
    for name, values in extras.items():
        columns[name] = formula_safe(values)
    return columns


def main(source, target, block=200_000):
    columns = tiers_columns(source)
    rows = len(columns["account_id"])
    # Written in blocks of rows: the whole table as Python strings at once
    # would double the peak memory for nothing.
    with open(target, "w", encoding="utf-8", newline="") as handle:
        for start in range(0, max(rows, 1), block):
            part = pd.DataFrame({name: values[start:start + block] for name, values in columns.items()})
            part.to_csv(handle, index=False, header=start == 0, lineterminator="\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
