"""The peer: pandas reads kamp's features.csv, scikit-learn's KMeans(n_init=10) fits it.

Prints 'read_s fit_s inertia n_iter' on one line; only the read and the fit
are timed (interpreter start-up and imports are not charged to the peer).
"""
import sys
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

path, k, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start = time.perf_counter()
frame = pd.read_csv(path)
features = frame.drop(columns=["account_id"]).to_numpy(dtype=np.float64)
read = time.perf_counter() - start
start = time.perf_counter()
model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(features)
fit = time.perf_counter() - start
print(f"{read:.3f} {fit:.3f} {model.inertia_:.6f} {model.n_iter_}")
