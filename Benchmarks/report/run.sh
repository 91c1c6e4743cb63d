#!/usr/bin/env bash
# report.html: kamp's own page code against pandas + matplotlib drawing the
# same sections from kamp's tables (report_peer.py), on REPORT_ROWS generated
# accounts (default 100,000, with a survey and one manager per 70 accounts,
# enough hours for every key account; the solver gets 20 s).
# kamp's figure is the `report` timing of run.json (the page, its charts and
# its write); the peer's is its drawing time after reading the CSV files.
set -euo pipefail
source Benchmarks/common.sh
ROWS=${REPORT_ROWS:-100000}
DATA=$BENCH_DATA/report-$ROWS
bench_venv pandas matplotlib
if [ ! -f "$DATA/accounts.csv" ]; then
    .build/release/generate-datasets --accounts "$ROWS" --managers $((ROWS / 70)) --quiet --out "$DATA"
fi
printf 'assignment:\n  time_limit_seconds: 20\n' > "$DATA/policy.yaml"
OUT=$BENCH_DATA/report-out
rm -rf "$OUT" && mkdir -p "$OUT"
echo "$ROWS accounts, $(du -h "$DATA/accounts.csv" | cut -f1) of CSV, $(($(wc -l < "$DATA/managers.csv") - 1)) managers"
kamp_line=$(BENCH_WARMUP=0 measure kamp "$KAMP" plan "$DATA/accounts.csv" "$DATA/managers.csv" --survey "$DATA/survey.csv" \
    --policy "$DATA/policy.yaml" --out "$OUT/kamp" --quiet)
peer_output=$("$BENCH_VENV/bin/python" Benchmarks/report/report_peer.py "$OUT/kamp" "$DATA/accounts.csv" "$OUT/peer.html")
"$BENCH_VENV/bin/python" - "$OUT/kamp/run.json" "$kamp_line" "$peer_output" "$OUT/kamp/report.html" "$OUT/peer.html" <<'PY'
import json, os, sys
run = json.load(open(sys.argv[1]))
timings = run["timings"]
_, plan_s, plan_mb = sys.argv[2].split()
peer = dict(line.split() for line in sys.argv[3].splitlines())
report_s, draw_s, read_s = timings["report"], float(peer["draw"]), float(peer["read"])
print(f"{'':28} {'seconds':>8} {'size':>9}")
print(f"{'kamp plan (all stages)':28} {float(plan_s):8.2f}   peak {float(plan_mb):.0f} MiB")
print(f"{'kamp report.html':28} {report_s:8.3f} {os.path.getsize(sys.argv[4]) / 1e6:7.2f} MB")
print(f"{'pandas+matplotlib: read':28} {read_s:8.3f}")
print(f"{'pandas+matplotlib: draw':28} {draw_s:8.3f} {os.path.getsize(sys.argv[5]) / 1e6:7.2f} MB")
print(f"ratio kamp report / peer draw: {report_s / draw_s:.3f}; report share of kamp plan: {report_s / float(plan_s):.1%}")
PY
