"""Run a command; print 'label wall_seconds peak_rss_MiB' (children included)."""
import resource
import subprocess
import sys
import time

label, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
completed = subprocess.run(command, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if completed.returncode != 0:
    print(f"{label} FAILED exit {completed.returncode}", file=sys.stderr)
    sys.exit(completed.returncode)
print(f"{label} {wall:.3f} {peak_kib / 1024:.1f}")
