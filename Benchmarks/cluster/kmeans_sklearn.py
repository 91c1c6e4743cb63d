"""The peer: pandas reads kamp's features.csv, scikit-learn's KMeans(n_init=10) fits it.

Prints 'read_s fit_s inertia n_iter' on one line; only the read and the fit
are timed (interpreter start-up and imports are not charged to the peer).
"""
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

path, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# As Benchmarks/measure.py: BENCH_WARMUP untimed runs (default 1), then
# BENCH_REPEAT timed runs (default 3), medians reported.
repeat = max(1, int(os.environ.get("BENCH_REPEAT", "3")))
warmup = max(0, int(os.environ.get("BENCH_WARMUP", "1")))
for _ in range(warmup):
    KMeans(n_clusters=k, n_init=10, random_state=seed).fit(
        pd.read_csv(path).drop(columns=["account_id"]).to_numpy(dtype=np.float64))
reads, fits = [], []
for _ in range(repeat):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    features = frame.drop(columns=["account_id"]).to_numpy(dtype=np.float64)
    reads.append(time.perf_counter() - start)
    start = time.perf_counter()
    model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(features)
    fits.append(time.perf_counter() - start)
print(f"peer read runs {', '.join(f'{r:.2f}' for r in reads)} s; fit runs {', '.join(f'{f:.2f}' for f in fits)} s",
      file=sys.stderr)
print(f"{statistics.median(reads):.3f} {statistics.median(fits):.3f} {model.inertia_:.6f} {model.n_iter_}")
