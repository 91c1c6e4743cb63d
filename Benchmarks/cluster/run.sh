#!/usr/bin/env bash
# kamp cluster vs pandas + scikit-learn on 1,000,000 generated accounts, k = 6.
# Goals (issue 4): kamp's inertia <= 1.005 x scikit-learn KMeans(n_init=10) on
# the same features.csv; the whole `kamp cluster` run <= 0.5 x (pandas reading
# features.csv + the scikit-learn fit); kamp's peak memory < 1 GiB.
set -euo pipefail
source Benchmarks/common.sh
ROWS=${CLUSTER_ROWS:-1000000}
K=${CLUSTER_K:-6}
# The same generated file as the tier benchmark (same generator arguments).
DATA=$BENCH_DATA/tier-$ROWS
bench_venv pandas scikit-learn
if [ ! -f "$DATA/accounts.csv" ]; then
    .build/release/generate-datasets --accounts "$ROWS" --no-survey --quiet --out "$DATA"
fi
OUT=$BENCH_DATA/cluster-out
rm -rf "$OUT" && mkdir -p "$OUT"
echo "$ROWS accounts, $(du -h "$DATA/accounts.csv" | cut -f1) of CSV, k = $K, $(nproc) cores"
kamp_line=$(measure kamp "$KAMP" cluster "$DATA/accounts.csv" --k "$K" --out "$OUT/kamp" --quiet)
peer_line=$("$BENCH_VENV/bin/python" Benchmarks/cluster/kmeans_sklearn.py "$OUT/kamp/features.csv" "$K" 0)
"$BENCH_VENV/bin/python" - "$OUT/kamp/run.json" "$kamp_line" "$peer_line" <<'PY'
import json
import sys
record = json.load(open(sys.argv[1]))
figures = record["results"]["cluster"]
_, kamp_s, kamp_mb = sys.argv[2].split()
read_s, fit_s, peer_inertia, peer_iterations = sys.argv[3].split()
kamp_s, kamp_mb, read_s, fit_s = float(kamp_s), float(kamp_mb), float(read_s), float(fit_s)
peer_s = read_s + fit_s
time_ratio = kamp_s / peer_s
inertia_ratio = figures["inertia"] / float(peer_inertia)
stages = ", ".join(f"{name} {seconds:.2f}" for name, seconds in sorted(record["timings"].items()))
print(f"{'tool':28} {'wall s':>8} {'inertia':>16}")
print(f"{'kamp cluster (whole run)':28} {kamp_s:8.2f} {figures['inertia']:16.3f}   peak {kamp_mb:.0f} MiB")
print(f"{'  kamp stages':28} {stages}")
print(f"{'pandas read features.csv':28} {read_s:8.2f}")
print(f"{'scikit-learn KMeans fit':28} {fit_s:8.2f} {float(peer_inertia):16.3f}   n_iter {peer_iterations}")
print(f"time ratio kamp / (read + fit): {time_ratio:.3f} (goal <= 0.5): {'met' if time_ratio <= 0.5 else 'NOT met'}")
print(f"inertia ratio kamp / scikit-learn: {inertia_ratio:.5f} (goal <= 1.005): {'met' if inertia_ratio <= 1.005 else 'NOT met'}")
print(f"peak memory {kamp_mb:.0f} MiB (goal < 1024): {'met' if kamp_mb < 1024 else 'NOT met'}")
PY
