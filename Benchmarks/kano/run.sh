#!/usr/bin/env bash
# kamp kano vs the same Kano evaluation in pandas on 1,000,000 survey rows
# (50,000 respondents x 20 features, 12,500 accounts), segmented by industry.
# Goal (issue 3): the analysis by segment takes well under the time reading
# the survey takes (kamp's own timings in run.json); results identical to pandas.
set -euo pipefail
source Benchmarks/common.sh
RESPONDENTS=${KANO_RESPONDENTS:-50000}
FEATURES=${KANO_FEATURES:-20}
DATA=$BENCH_DATA/kano-$RESPONDENTS-$FEATURES
bench_venv pandas
if [ ! -f "$DATA/survey.csv" ]; then
    python3 Benchmarks/kano/make_survey.py "$DATA" "$RESPONDENTS" "$FEATURES"
fi
OUT=$BENCH_DATA/kano-out
rm -rf "$OUT" && mkdir -p "$OUT"
echo "$(($(wc -l < "$DATA/survey.csv") - 1)) survey rows, $(du -h "$DATA/survey.csv" | cut -f1) of CSV"
kamp_line=$(measure kamp "$KAMP" kano "$DATA/survey.csv" --accounts "$DATA/accounts.csv" --by industry --out "$OUT/kamp" --quiet)
pandas_line=$(measure pandas "$BENCH_VENV/bin/python" Benchmarks/kano/kano_pandas.py "$DATA/survey.csv" "$DATA/accounts.csv" "$OUT/pandas")
"$BENCH_VENV/bin/python" - "$OUT" "$kamp_line" "$pandas_line" <<'PY'
import json
import sys

import numpy as np
import pandas as pd

out, kamp_line, pandas_line = sys.argv[1:4]
run = json.load(open(f"{out}/kamp/run.json"))
timings = run["timings"]
read = timings["read_survey"]
analysis = timings["kano"] + timings.get("segment", 0)
_, kamp_s, kamp_mb = kamp_line.split()
_, pandas_s, pandas_mb = pandas_line.split()
print(f"{'tool':8} {'wall s':>8} {'peak MiB':>9}")
print(f"{'kamp':8} {float(kamp_s):8.2f} {float(kamp_mb):9.0f}")
print(f"{'pandas':8} {float(pandas_s):8.2f} {float(pandas_mb):9.0f}")
print(f"ratio kamp/pandas: {float(kamp_s) / float(pandas_s):.3f}")
print(f"kamp stages: read survey {read:.3f} s, read accounts {timings['read_accounts']:.3f} s, "
      f"analysis by segment {analysis:.3f} s, write {timings['write']:.3f} s")
print(f"analysis / read: {analysis / read:.3f} (goal: well under 1)")

ok = True
for table, keys in [("kano_features", ["segment", "feature"]), ("kano_accounts", ["account_id", "feature"])]:
    kamp = pd.read_csv(f"{out}/kamp/{table}.csv", dtype={k: str for k in keys}, keep_default_na=False, na_values=[""])
    peer = pd.read_csv(f"{out}/pandas/{table}.csv", dtype={k: str for k in keys}, keep_default_na=False, na_values=[""])
    merged = kamp.merge(peer, on=keys, suffixes=("_kamp", "_pandas"))
    same = len(merged) == len(kamp) == len(peer)
    for column in ["n", "M", "O", "A", "I", "R", "Q", "category"] + (["mode"] if "mode_pandas" in merged else []):
        same &= bool((merged[f"{column}_kamp"] == merged[f"{column}_pandas"]).all())
    for column in ["better", "worse", "total_strength", "category_strength"]:
        if f"{column}_pandas" in merged:
            same &= bool(np.allclose(merged[f"{column}_kamp"], merged[f"{column}_pandas"], atol=2e-6, equal_nan=True))
    if "fong_significant_pandas" in merged:
        same &= bool((merged.fong_significant_kamp.astype(str).str.lower()
                      == merged.fong_significant_pandas.astype(str).str.lower()).all())
    print(f"{table}: {len(merged)} rows compared, identical to pandas: {same}")
    ok &= same
sys.exit(0 if ok else 1)
PY
