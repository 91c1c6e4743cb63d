#!/usr/bin/env bash
# kamp tier vs the same rule in pandas on 1,000,000 generated accounts.
# Goal (issue 2): kamp wall time <= 0.20 x pandas, peak memory < 600 MiB, tiers identical.
set -euo pipefail
source Benchmarks/common.sh
ROWS=${TIER_ROWS:-1000000}
DATA=$BENCH_DATA/tier-$ROWS
bench_venv pandas
if [ ! -f "$DATA/accounts.csv" ]; then
    .build/release/generate-datasets --accounts "$ROWS" --no-survey --quiet --out "$DATA"
fi
OUT=$BENCH_DATA/tier-out
rm -rf "$OUT" && mkdir -p "$OUT"
echo "$ROWS accounts, $(du -h "$DATA/accounts.csv" | cut -f1) of CSV"
kamp_line=$(measure kamp "$KAMP" tier "$DATA/accounts.csv" --out "$OUT/kamp" --quiet)
pandas_line=$(measure pandas "$BENCH_VENV/bin/python" Benchmarks/tier/tier_pandas.py "$DATA/accounts.csv" "$OUT/pandas.csv")
# A difference in tiers still fails the run, but only after the full-peer table below.
tiers_status=0
{ "$BENCH_VENV/bin/python" - "$OUT/kamp/tiers.csv" "$OUT/pandas.csv" "$kamp_line" "$pandas_line" <<'PY'
import sys
import pandas as pd
kamp = pd.read_csv(sys.argv[1], usecols=["account_id", "tier"], dtype=str, keep_default_na=False)
peer = pd.read_csv(sys.argv[2], dtype=str, keep_default_na=False)
merged = kamp.merge(peer, on="account_id", suffixes=("_kamp", "_pandas"))
differ = merged[merged.tier_kamp != merged.tier_pandas]
_, kamp_s, kamp_mb = sys.argv[3].split()
_, pandas_s, pandas_mb = sys.argv[4].split()
ratio = float(kamp_s) / float(pandas_s)
print(f"{'tool':8} {'wall s':>8} {'peak MiB':>9}")
print(f"{'kamp':8} {float(kamp_s):8.2f} {float(kamp_mb):9.0f}")
print(f"{'pandas':8} {float(pandas_s):8.2f} {float(pandas_mb):9.0f}")
print(f"ratio kamp/pandas: {ratio:.3f} (goal <= 0.20); peak memory goal < 600 MiB: {'met' if float(kamp_mb) < 600 else 'NOT met'}")
print(f"tiers identical: {len(differ) == 0 and len(merged) == len(kamp) == len(peer)} "
      f"({len(merged)} accounts compared, {len(differ)} differ)")
if len(differ):
    print(differ.head(10).to_string())
    sys.exit(1)
PY
} || tiers_status=$?

# The full peer: every column of kamp's tiers.csv (tiers_pandas_full.py), timed
# with the same helper against the kamp run above, then checked column by
# column (compare_full.py: tier, abc_class, solvency_zone, flags, reason
# identical, score within 1e-6).
full_status=0
full_line=$(measure pandas-full "$BENCH_VENV/bin/python" Benchmarks/tier/tiers_pandas_full.py \
    "$DATA/accounts.csv" "$OUT/pandas_full.csv") || full_status=$?
echo
if [ "$full_status" -ne 0 ]; then
    echo "pandas-full peer FAILED (exit $full_status)"
else
    compare_status=0
    compare_out=$("$BENCH_VENV/bin/python" Benchmarks/tier/compare_full.py "$OUT/kamp/tiers.csv" "$OUT/pandas_full.csv") \
        || compare_status=$?
    "$BENCH_VENV/bin/python" - "$kamp_line" "$full_line" <<'PY'
import sys
_, kamp_s, kamp_mb = sys.argv[1].split()
_, full_s, full_mb = sys.argv[2].split()
print(f"{'tool':12} {'wall s':>8} {'peak MiB':>9}")
print(f"{'kamp':12} {float(kamp_s):8.2f} {float(kamp_mb):9.0f}")
print(f"{'pandas-full':12} {float(full_s):8.2f} {float(full_mb):9.0f}")
print(f"ratio kamp/pandas-full: {float(kamp_s) / float(full_s):.3f} (all tiers.csv columns and the reason text)")
PY
    if cmp -s "$OUT/kamp/tiers.csv" "$OUT/pandas_full.csv"; then
        echo "full tiers.csv byte-identical: yes"
    else
        echo "full tiers.csv byte-identical: no"
    fi
    if [ "$compare_status" -eq 0 ]; then
        echo "compare_full $(tail -n 1 <<<"$compare_out")"
    else
        echo "$compare_out"
        full_status=$compare_status
    fi
fi
[ "$tiers_status" -eq 0 ] && [ "$full_status" -eq 0 ]
