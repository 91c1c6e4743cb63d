"""The Kano evaluation of DOMAIN.md in pandas: the peer kamp kano is measured against.

usage: kano_pandas.py SURVEY ACCOUNTS OUT_DIR [TIE_MARGIN FONG_Z]

Reads the long-format survey and the accounts, drops answers of unknown
accounts, groups by industry and feature, and writes kano_features.csv and
kano_accounts.csv with the same counts, categories, Better, Worse and Fong
test as kamp (segment = industry).
"""
import os
import sys

import numpy as np
import pandas as pd

survey_path, accounts_path, out = sys.argv[1:4]
tie_margin = float(sys.argv[4]) if len(sys.argv) > 4 else 0.06
fong_z = float(sys.argv[5]) if len(sys.argv) > 5 else 1.65
os.makedirs(out, exist_ok=True)

CATEGORIES = ["M", "O", "A", "I", "R", "Q"]
RANKED = ["M", "O", "A", "I", "R"]  # tie-rule preference
TABLE = np.array([  # functional x dysfunctional, 1..5, as category codes into CATEGORIES
    [5, 2, 2, 2, 1],
    [4, 3, 3, 3, 0],
    [4, 3, 3, 3, 0],
    [4, 3, 3, 3, 0],
    [4, 4, 4, 4, 5],
])

survey = pd.read_csv(survey_path, dtype={"account_id": str, "respondent_id": str, "feature": str})
accounts = pd.read_csv(accounts_path, usecols=["account_id", "industry"], dtype=str, keep_default_na=False)
valid = survey.functional.between(1, 5) & survey.dysfunctional.between(1, 5)
survey = survey[valid & survey.account_id.isin(accounts.account_id)]
survey = survey.drop_duplicates(["account_id", "respondent_id", "feature"])
codes = TABLE[survey.functional.to_numpy(dtype=np.int64) - 1, survey.dysfunctional.to_numpy(dtype=np.int64) - 1]
survey = survey.assign(category=codes)
industry = accounts.set_index("account_id").industry.replace("", "(no industry)")
survey["segment"] = survey.account_id.map(industry)


def evaluate(frame, keys):
    counts = frame.groupby(keys + ["category"], sort=False).size().unstack(fill_value=0)
    counts = counts.reindex(columns=range(6), fill_value=0).sort_index()
    counts.columns = CATEGORIES
    importance = frame.groupby(keys).importance.agg(["mean", "count"])
    counts = counts.join(importance)
    c = counts[CATEGORIES].to_numpy()
    n = c.sum(axis=1)
    five = c[:, :5]
    # Stable sort on -count keeps M, O, A, I, R order among equal counts.
    order = np.argsort(-five, axis=1, kind="stable")
    first, second = order[:, 0], order[:, 1]
    a = np.take_along_axis(five, first[:, None], axis=1)[:, 0]
    b = np.take_along_axis(five, second[:, None], axis=1)[:, 0]
    strength = (a - b) / n
    tie = strength < tie_margin
    category = np.where(tie, np.minimum(first, second), first)
    only_q = a == 0
    mode = np.where(only_q, 5, first)
    category = np.where(only_q, 5, category)
    m, o, aa, i = c[:, 0], c[:, 1], c[:, 2], c[:, 3]
    base = aa + o + m + i
    with np.errstate(divide="ignore", invalid="ignore"):
        better = np.where(base > 0, (aa + o) / base, np.nan)
        worse = np.where(base > 0, -(o + m) / base, np.nan)
    threshold = fong_z * np.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    result = counts.reset_index()
    result.insert(len(keys), "n", n)
    result["mode"] = np.array(CATEGORIES)[mode]
    result["category"] = np.array(CATEGORIES)[category]
    result["total_strength"] = (aa + o + m) / n
    result["category_strength"] = strength
    result["better"] = better
    result["worse"] = worse
    result["fong_significant"] = ((a - b) >= threshold) & ~only_q
    return result.rename(columns={"mean": "importance", "count": "importance_n"})


features = evaluate(survey, ["segment", "feature"]).sort_values(["segment", "feature"])
features.to_csv(os.path.join(out, "kano_features.csv"), index=False, float_format="%.6f")
per_account = evaluate(survey, ["account_id", "feature"]).sort_values(["account_id", "feature"])
per_account.to_csv(os.path.join(out, "kano_accounts.csv"), index=False, float_format="%.6f")
