"""The tier rule of SPEC.md section 3, written in pandas: the peer of `kamp tier`.

Default policy (abc 0.80 / 0.95, key.classes [A], exclude distress, global >= 2
countries, national >= 2 regions, no home country, no min_score, no cap), the
same solvency precedence and scorecard as kamp's README. Writes
account_id,tier sorted by account_id.

usage: python tier_pandas.py accounts.csv tiers_out.csv
"""
import sys

import numpy as np
import pandas as pd

source, target = sys.argv[1], sys.argv[2]
df = pd.read_csv(source, dtype={"account_id": str, "hq_country": str, "countries": str, "hq_region": str,
                                "regions": str, "credit_rating": str, "sector": str, "listed": str,
                                "name": str, "industry": str, "languages": str, "current_manager": str},
                 keep_default_na=False, na_values={c: [""] for c in ["turnover", "turnover_prev", "potential",
                 "latitude", "longitude", "solvency_score", "paydex", "dso_days", "working_capital",
                 "retained_earnings", "ebit", "equity_market", "equity_book", "total_liabilities", "total_assets",
                 "sales", "workload_hours"]})

# ABC: turnover descending, ties by account_id; class on the share strictly before.
order = df.sort_values(["turnover", "account_id"], ascending=[False, True], kind="mergesort")
cumulative = order["turnover"].cumsum()
before = cumulative - order["turnover"]
total = cumulative.iloc[-1]
abc = np.where(order["turnover"] <= 0, "C", np.where(before < 0.80 * total, "A", np.where(before < 0.95 * total, "B", "C")))
df["abc"] = pd.Series(abc, index=order.index)

# Solvency: given score, else Altman (Z / Z' / Z''), else rating and payment scorecard.
def zone_from_points(points):
    return np.where(points >= 60, "safe", np.where(points < 30, "distress", "grey"))

zone = pd.Series("unknown", index=df.index, dtype=object)
given = df["solvency_score"].notna()
zone[given] = zone_from_points(df.loc[given, "solvency_score"])

manufacturing = df["sector"].str.lower().eq("manufacturing")
listed = df["listed"].str.lower().isin(["true", "yes", "y", "1"])
ta, tl = df["total_assets"], df["total_liabilities"]
x1, x2, x3 = df["working_capital"] / ta, df["retained_earnings"] / ta, df["ebit"] / ta
x5 = df["sales"] / ta
valid = (ta > 0) & (tl > 0)
z = 1.2 * x1 + 1.4 * x2 + 3.3 * x3 + 0.6 * (df["equity_market"] / tl) + 1.0 * x5
z1 = 0.717 * x1 + 0.847 * x2 + 3.107 * x3 + 0.420 * (df["equity_book"] / tl) + 0.998 * x5
z2 = 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * (df["equity_book"] / tl)
model_z = manufacturing & listed
model_z1 = manufacturing & ~listed
score = np.where(model_z, z, np.where(model_z1, z1, z2))
low = np.where(model_z, 1.81, np.where(model_z1, 1.23, 1.10))
high = np.where(model_z, 2.99, np.where(model_z1, 2.90, 2.60))
altman = ~given & valid & pd.Series(score, index=df.index).notna()
altman_zone = np.where(score < low, "distress", np.where(score > high, "safe", "grey"))
zone[altman] = altman_zone[altman.to_numpy()]

rating_points = {"AAA": 95, "AA+": 95, "AA": 95, "AA-": 95, "A+": 85, "A": 85, "A-": 85, "BBB+": 70, "BBB": 70,
                 "BBB-": 70, "BB+": 50, "BB": 50, "BB-": 50, "B+": 35, "B": 35, "B-": 35, "CCC+": 15, "CCC": 15,
                 "CCC-": 15, "CC": 15, "C": 15, "SD": 0, "D": 0}
rating = df["credit_rating"].str.strip().str.upper().map(rating_points)
paydex = df["paydex"]
paydex_points = np.where(paydex >= 80, np.minimum(100, 60 + (paydex - 80) * 2),
                         np.where(paydex >= 50, 30 + (paydex - 50), np.maximum(0, paydex * 0.6)))
dso = df["dso_days"]
dso_points = np.where(dso <= 30, 100 - np.maximum(0, dso) * 40 / 30,
                      np.where(dso <= 90, 60 - (dso - 30) * 30 / 60, np.maximum(0, 30 - (dso - 90) * 30 / 90)))
parts = pd.DataFrame({"r": rating, "p": pd.Series(paydex_points, index=df.index).where(paydex.notna()),
                      "d": pd.Series(dso_points, index=df.index).where(dso.notna())})
card = parts.mean(axis=1, skipna=True)
scorecard = ~given & ~altman & card.notna()
zone[scorecard] = zone_from_points(card[scorecard])

# Scope: distinct countries (hq included) and regions (hq included, case-insensitive).
def distinct_count(hq, extra, lower):
    items = (hq.fillna("") + ";" + extra.fillna("").str.replace("|", ";", regex=False)).str.split(";").explode()
    items = items.str.strip()
    items = items.str.lower() if lower else items.str.upper()
    items = items[items != ""]
    return items.groupby(level=0).nunique().reindex(df.index, fill_value=0)

countries = distinct_count(df["hq_country"], df["countries"], lower=False)
regions = distinct_count(df["hq_region"], df["regions"], lower=True)

candidate = (df["abc"] == "A") & (zone != "distress")
tier = np.where(~candidate, "standard", np.where(countries >= 2, "global", np.where(regions >= 2, "national", "key")))
out = pd.DataFrame({"account_id": df["account_id"], "tier": tier}).sort_values("account_id")
out.to_csv(target, index=False)
