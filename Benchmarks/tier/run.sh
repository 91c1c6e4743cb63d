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
"$BENCH_VENV/bin/python" - "$OUT/kamp/tiers.csv" "$OUT/pandas.csv" "$kamp_line" "$pandas_line" <<'PY'
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
