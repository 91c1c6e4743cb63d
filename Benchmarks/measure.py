"""Run a command; print 'label wall_seconds peak_rss_MiB' (children included).

The command runs BENCH_REPEAT times (default 3), each in a fresh process;
the wall time printed is the median of the runs, so one run slowed by the
machine (a page-cache refill, a neighbour's burst) does not decide a ratio.
The peak memory is the largest of the runs.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

label, command = sys.argv[1], sys.argv[2:]
repeat = max(1, int(os.environ.get("BENCH_REPEAT", "3")))
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
