#!/usr/bin/env bash
# make bench: every benchmark side by side with its peer tool, in one run.
# Each Benchmarks/<name>/run.sh prints its own table with the ratio.
# BENCH=name1,name2 runs a subset.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/common.sh
kamp_build
for script in Benchmarks/*/run.sh; do
    name=$(basename "$(dirname "$script")")
    if [ -n "${BENCH:-}" ] && [[ ",$BENCH," != *",$name,"* ]]; then continue; fi
    echo
    echo "=== benchmark: $name"
    bash "$script"
done
