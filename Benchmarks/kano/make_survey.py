"""Writes a seeded Kano survey of RESPONDENTS x FEATURES rows (long format,
SPEC.md) and the accounts file its respondents belong to, for the kano benchmark.

usage: make_survey.py OUT_DIR [RESPONDENTS] [FEATURES]
"""
import csv
import os
import random
import sys

out = sys.argv[1]
respondents = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
features = int(sys.argv[3]) if len(sys.argv) > 3 else 20
per_account = 4
rng = random.Random(42)
os.makedirs(out, exist_ok=True)

# Answer pairs per category, as survey data shows them.
pairs = {
    "M": [(2, 5), (3, 5), (4, 5)],
    "O": [(1, 5)],
    "A": [(1, 2), (1, 3), (1, 4)],
    "I": [(3, 3), (2, 3), (3, 4), (2, 2), (4, 4), (3, 2), (4, 3), (2, 4)],
    "R": [(5, 1), (5, 3), (4, 1), (3, 1), (2, 1)],
    "Q": [(1, 1), (5, 5)],
}
categories = list(pairs)
feature_names = [f"feature {index:02d}" for index in range(features)]
mixes = []
for _ in feature_names:
    weights = [rng.random() ** 2 for _ in categories[:4]] + [0.03, 0.02]
    mixes.append(weights)
industries = ["chemicals", "retail", "automotive", "food", "pharma", "logistics", "energy", "machinery"]
countries = ["DE", "FR", "IT", "ES", "NL", "PL", "AT", "BE"]

accounts = (respondents + per_account - 1) // per_account
with open(os.path.join(out, "accounts.csv"), "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["account_id", "name", "turnover", "hq_country", "countries", "regions", "hq_region", "industry"])
    for index in range(accounts):
        extra = ";".join(rng.sample(countries, rng.choice([0, 0, 0, 1, 2])))
        regions = ";".join(f"R{rng.randrange(9)}" for _ in range(rng.choice([0, 0, 1, 2])))
        writer.writerow([f"A{index:06d}", f"Client {index}", round(rng.paretovariate(1.2) * 10_000, 2), "DE",
                         extra, regions, "R0", industries[index % len(industries)]])

with open(os.path.join(out, "survey.csv"), "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["account_id", "respondent_id", "feature", "functional", "dysfunctional", "importance"])
    for respondent in range(respondents):
        account = f"A{respondent // per_account:06d}"
        rid = f"{account}-R{respondent % per_account + 1}"
        for name, mix in zip(feature_names, mixes):
            category = rng.choices(categories, mix)[0]
            functional, dysfunctional = rng.choice(pairs[category])
            importance = rng.randint(1, 9) if rng.random() < 0.8 else ""
            writer.writerow([account, rid, name, functional, dysfunctional, importance])
