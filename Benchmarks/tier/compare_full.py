"""Compares kamp's tiers.csv with the one of tiers_pandas_full.py.

Checked: the same account_ids, and per account identical tier, abc_class,
solvency_zone, flags and reason, and score within 1e-6. The other columns
both files share are compared as text and reported, but do not decide the
verdict. Prints the mismatch count per column, a few examples, and a last
line "verdict: ..."; exits 1 when a checked column differs.

usage: python compare_full.py kamp_tiers.csv pandas_tiers.csv
"""
import sys

import numpy as np
import pandas as pd

EXACT = ["tier", "abc_class", "solvency_zone", "flags", "reason"]
SCORE_TOLERANCE = 1e-6
EXAMPLES = 3


def main(kamp_path, peer_path):
    kamp = pd.read_csv(kamp_path, dtype=str, keep_default_na=False)
    peer = pd.read_csv(peer_path, dtype=str, keep_default_na=False)
    failures = []

    missing_columns = [c for c in kamp.columns if c not in peer.columns]
    extra_columns = [c for c in peer.columns if c not in kamp.columns]
    if missing_columns or extra_columns:
        print(f"columns: missing in pandas {missing_columns}, only in pandas {extra_columns}")
        failures.append("columns")
    elif list(kamp.columns) != list(peer.columns):
        print("columns: same set, different order")
        failures.append("column order")

    kamp_ids, peer_ids = set(kamp.account_id), set(peer.account_id)
    only_kamp, only_peer = sorted(kamp_ids - peer_ids), sorted(peer_ids - kamp_ids)
    duplicated = int(kamp.account_id.duplicated().sum() + peer.account_id.duplicated().sum())
    if only_kamp or only_peer or duplicated:
        print(f"account_id: {len(only_kamp)} only in kamp {only_kamp[:EXAMPLES]}, "
              f"{len(only_peer)} only in pandas {only_peer[:EXAMPLES]}, {duplicated} repeated")
        failures.append("account_id")
    if list(kamp.account_id) != list(peer.account_id) and not (only_kamp or only_peer):
        print("row order: differs (both should be sorted by account_id)")
        failures.append("row order")

    merged = kamp.merge(peer, on="account_id", suffixes=("_kamp", "_pandas"))
    print(f"{len(merged)} accounts compared")
    print(f"{'column':18} {'mismatches':>10}")

    def report(column, differ, checked):
        count = int(differ.sum())
        print(f"{column:18} {count:10d}{'' if checked else '   (informational)'}")
        if count:
            rows = merged.loc[differ, ["account_id", column + "_kamp", column + "_pandas"]].head(EXAMPLES)
            for row in rows.itertuples(index=False):
                print(f"    {row[0]}: kamp {row[1]!r}")
                print(f"    {' ' * len(row[0])}  pandas {row[2]!r}")
            if checked:
                failures.append(column)

    for column in EXACT:
        if column + "_kamp" in merged:
            report(column, merged[column + "_kamp"] != merged[column + "_pandas"], checked=True)

    if "score_kamp" in merged:
        kamp_score = pd.to_numeric(merged.score_kamp, errors="coerce").to_numpy()
        peer_score = pd.to_numeric(merged.score_pandas, errors="coerce").to_numpy()
        differ = ~(np.abs(kamp_score - peer_score) <= SCORE_TOLERANCE)
        report("score", pd.Series(differ, index=merged.index), checked=True)

    for column in kamp.columns:
        if column in EXACT or column in ("account_id", "score") or column not in peer.columns:
            continue
        report(column, merged[column + "_kamp"] != merged[column + "_pandas"], checked=False)

    if failures:
        print(f"verdict: DIFFERENT ({', '.join(dict.fromkeys(failures))})")
        return 1
    print(f"verdict: identical ({len(merged)} accounts: ids, tier, abc_class, solvency_zone, flags, reason; "
          f"score within {SCORE_TOLERANCE:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
