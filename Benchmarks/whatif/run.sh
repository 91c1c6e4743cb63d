#!/usr/bin/env bash
# kamp whatif with 3 scenarios vs the script a planner would write without it:
# 4 runs of kamp plan (baseline + each scenario, with the policy merged by hand
# and the managers file edited). Same plans expected (assignments.csv identical),
# whatif should cost no more than the 4 plans (inputs read once).
set -euo pipefail
source Benchmarks/common.sh
KAMP=${KAMP_BIN:-$KAMP}   # KAMP_BIN=.build/debug/kamp KAMP_SKIP_BUILD=1 for a quick check
[ -n "${KAMP_SKIP_BUILD:-}" ] || kamp_build
DATA=${WHATIF_DATA:-$(pwd)/Datasets}
OUT=$BENCH_DATA/whatif-out
rm -rf "$OUT" && mkdir -p "$OUT/scenarios" "$OUT/peer"
S=$OUT/scenarios
printf 'seed: 42\n' > "$S/base.yaml"
printf 'abc: {a: 0.70}\n' > "$S/threshold70.yaml"
printf 'assignment: {max_moved_turnover_share: 0.05}\n' > "$S/budget5.yaml"
printf 'scenario: {name: two-leave, remove_managers: [M03, M07]}\nassignment: {max_moved_turnover_share: 0.2}\n' > "$S/two-leave.yaml"
# The peer's inputs: whole policies and an edited managers file.
cat "$S/base.yaml" "$S/threshold70.yaml" > "$OUT/peer/threshold70.yaml"
cat "$S/base.yaml" "$S/budget5.yaml" > "$OUT/peer/budget5.yaml"
printf 'seed: 42\nassignment: {max_moved_turnover_share: 0.2}\n' > "$OUT/peer/two-leave.yaml"
grep -v -E '^(M03|M07),' "$DATA/managers.csv" > "$OUT/peer/managers-two-leave.csv"

whatif_line=$(measure whatif "$KAMP" whatif "$DATA/accounts.csv" "$DATA/managers.csv" --policy "$S/base.yaml" \
    --scenario "$S/threshold70.yaml" --scenario "$S/budget5.yaml" --scenario "$S/two-leave.yaml" --out "$OUT/kamp" --quiet)
peer() {
    "$KAMP" plan "$DATA/accounts.csv" "$DATA/managers.csv" --policy "$S/base.yaml" --out "$OUT/peer/baseline" --quiet
    "$KAMP" plan "$DATA/accounts.csv" "$DATA/managers.csv" --policy "$OUT/peer/threshold70.yaml" --out "$OUT/peer/threshold70" --quiet
    "$KAMP" plan "$DATA/accounts.csv" "$DATA/managers.csv" --policy "$OUT/peer/budget5.yaml" --out "$OUT/peer/budget5" --quiet || true
    "$KAMP" plan "$DATA/accounts.csv" "$OUT/peer/managers-two-leave.csv" --policy "$OUT/peer/two-leave.yaml" --out "$OUT/peer/two-leave" --quiet
}
export -f peer; export KAMP DATA S OUT
peer_line=$(measure plan-x4 bash -c peer)
read -r _ w_s w_mb <<< "$whatif_line"
read -r _ p_s p_mb <<< "$peer_line"
printf '%-8s %8s %9s\n' tool "wall s" "peak MiB"
printf '%-8s %8.2f %9.0f\n' whatif "$w_s" "$w_mb"
printf '%-8s %8.2f %9.0f\n' plan-x4 "$p_s" "$p_mb"
python3 -c "print(f'ratio whatif / 4 x plan: {$w_s / $p_s:.3f}')"
for name in threshold70 budget5 two-leave; do
    if [ -f "$OUT/peer/$name/assignments.csv" ] || [ -f "$OUT/kamp/$name/assignments.csv" ]; then
        cmp -s "$OUT/peer/$name/assignments.csv" "$OUT/kamp/$name/assignments.csv" \
            && echo "$name: assignments.csv identical to kamp plan's" || echo "$name: assignments.csv DIFFERS from kamp plan's"
    else
        echo "$name: no plan in either run"
    fi
done
