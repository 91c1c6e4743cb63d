#!/usr/bin/env bash
# Why kamp reads CSV with its own byte-level reader: CSV.swift (yaslab, the
# maintained library among the mirrored packages) only splitting the 1M-row
# accounts file into fields, against `kamp validate` reading, decoding and
# checking every cell of the same file.
set -euo pipefail
source Benchmarks/common.sh
ROWS=${TIER_ROWS:-1000000}
DATA=$BENCH_DATA/tier-$ROWS
if [ ! -f "$DATA/accounts.csv" ]; then
    .build/release/generate-datasets --accounts "$ROWS" --no-survey --quiet --out "$DATA"
fi
swift build -c release --package-path Benchmarks/csvlib >/dev/null
csv_line=$(measure csv.swift Benchmarks/csvlib/.build/release/csvbench "$DATA/accounts.csv")
kamp_line=$(measure kamp "$KAMP" validate "$DATA/accounts.csv" --out "$BENCH_DATA/csvlib-out" --quiet)
python3 - "$csv_line" "$kamp_line" <<'PY'
import sys
_, csv_s, csv_mb = sys.argv[1].split()
_, kamp_s, kamp_mb = sys.argv[2].split()
print(f"{'reader':34} {'wall s':>8} {'peak MiB':>9}")
print(f"{'CSV.swift, fields only':34} {float(csv_s):8.2f} {float(csv_mb):9.0f}")
print(f"{'kamp validate, decoded and checked':34} {float(kamp_s):8.2f} {float(kamp_mb):9.0f}")
print(f"ratio kamp/CSV.swift: {float(kamp_s) / float(csv_s):.3f}")
PY
