"""Run a command; print 'label wall_seconds peak_rss_MiB' (children included).

The command runs BENCH_REPEAT times (default 3), each in a fresh process;
the wall time printed is the median of the runs, so one run slowed by the
machine (a page-cache refill, a neighbour's burst) does not decide a ratio.
Before them it runs BENCH_WARMUP times (default 1) untimed, as hyperfine's
--warmup does, for every tool alike: on this VM the first process after
another one freed a lot of memory pays the host for every page it touches
(its first run was 10-25 % slower for kamp and for pandas alike).
The peak memory is the largest of all runs.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

label, command = sys.argv[1], sys.argv[2:]
repeat = max(1, int(os.environ.get("BENCH_REPEAT", "3")))
warmup = max(0, int(os.environ.get("BENCH_WARMUP", "1")))
for _ in range(warmup):
    if subprocess.run(command, stdout=subprocess.DEVNULL).returncode != 0:
        print(f"{label} FAILED in its warm-up run", file=sys.stderr)
        sys.exit(1)
walls = []
for _ in range(repeat):
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL)
    walls.append(time.perf_counter() - start)
    if completed.returncode != 0:
        print(f"{label} FAILED exit {completed.returncode}", file=sys.stderr)
        sys.exit(completed.returncode)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
runs = ", ".join(f"{wall:.2f}" for wall in walls)
print(f"{label}: runs {runs} s, median {statistics.median(walls):.2f} s", file=sys.stderr)
print(f"{label} {statistics.median(walls):.3f} {peak_kib / 1024:.1f}")
