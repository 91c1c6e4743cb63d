# Shared by the benchmarks: a Python virtual environment for the peer tools,
# the release build of kamp, and a peak-memory timer.
BENCH_ROOT=$(pwd)/Benchmarks
BENCH_DATA=$BENCH_ROOT/data
BENCH_VENV=$BENCH_ROOT/.venv
KAMP=$(pwd)/.build/release/kamp
mkdir -p "$BENCH_DATA"

# Installs the given PyPI packages into Benchmarks/.venv (once).
bench_venv() {
    if [ ! -x "$BENCH_VENV/bin/python" ]; then
        python3 -m venv "$BENCH_VENV"
        "$BENCH_VENV/bin/pip" install -q --upgrade pip
    fi
    "$BENCH_VENV/bin/pip" install -q "$@"
}

kamp_build() {
    swift build -c release --product kamp >/dev/null
    swift build -c release --product generate-datasets >/dev/null
}

# measure LABEL CMD...: runs CMD, prints "LABEL seconds peak_MiB" to stdout
# (GNU time is not on a fresh machine, so /proc is read by a Python wrapper).
measure() {
    local label=$1; shift
    python3 "$BENCH_ROOT/measure.py" "$label" "$@"
}
