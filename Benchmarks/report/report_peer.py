"""The peer of kamp's report.html: the same page as an analyst would make it
with pandas and matplotlib, from the tables `kamp plan` wrote.

Same sections, same limits as kamp (curve thinned to ~400 points, at most
4,000 clients per scatter, the 2,000 largest assignments, 200 rejected
rows), charts as inline SVG, one self-contained HTML file.

    python report_peer.py KAMP_OUT_DIR ACCOUNTS_CSV OUT_HTML

Prints 'read SECONDS' (loading the CSV files) and 'draw SECONDS' (everything
after: the aggregations, the charts and the page), which is what kamp's
`report` timing in run.json covers (kamp has its results in memory).
"""

import html
import io
import os
import sys
import time

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

TIER_COLOURS = {"global": "#4b2a86", "national": "#1f78b4", "key": "#2ca25f", "standard": "#b9c1c9"}
KANO_COLOURS = {"M": "#c0392b", "O": "#1f78b4", "A": "#2ca25f", "I": "#95a5a6", "R": "#e67e22", "Q": "#7f8c8d"}
TIERS = ["global", "national", "key", "standard"]
LIMIT = 4000


def svg(figure):
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def sample(frame):
    if len(frame) <= LIMIT:
        return frame
    key = frame[frame.tier != "standard"].nlargest(LIMIT * 3 // 4, "turnover")
    others = frame[frame.tier == "standard"].sort_values("account_id")
    room = LIMIT - len(key)
    step = max(1, -(-len(others) // room))
    return pd.concat([key, others.iloc[::step].head(room)])


def main():
    out_dir, accounts_path, page_path = sys.argv[1:4]
    start = time.perf_counter()
    tiers = pd.read_csv(os.path.join(out_dir, "tiers.csv"),
                        usecols=["account_id", "name", "tier", "turnover", "cumulative_share", "abc_class", "turnover_rank"],
                        dtype={"account_id": str, "name": str}, keep_default_na=False)
    positions = pd.read_csv(accounts_path, usecols=["account_id", "latitude", "longitude"], dtype={"account_id": str})
    clusters = pd.read_csv(os.path.join(out_dir, "clusters.csv"), dtype={"account_id": str})
    profiles = pd.read_csv(os.path.join(out_dir, "cluster_profiles.csv"))
    loads = pd.read_csv(os.path.join(out_dir, "manager_load.csv"), dtype={"manager_id": str}, keep_default_na=False)
    assignments = pd.read_csv(os.path.join(out_dir, "assignments.csv"), dtype=str, keep_default_na=False)
    rejects = pd.read_csv(os.path.join(out_dir, "rejects.csv"), dtype=str, keep_default_na=False)
    kano_path = os.path.join(out_dir, "kano_features.csv")
    kano = pd.read_csv(kano_path) if os.path.exists(kano_path) else None
    read = time.perf_counter() - start

    start = time.perf_counter()
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>Key account plan</title></head><body>",
             "<h1>Key account plan</h1>"]
    key = tiers[tiers.tier != "standard"]
    total = tiers.turnover.sum()
    parts.append(f"<h2>Headline figures</h2><p>{len(tiers)} accounts, {len(key)} key accounts covering "
                 f"{key.turnover.sum() / total:.1%} of turnover; {len(loads)} managers.</p>")

    ranked = tiers.sort_values("turnover_rank")
    step = max(1, len(ranked) // 400)
    curve = ranked.cumulative_share.values[::step]
    figure, axis = plt.subplots(figsize=(9, 4))
    axis.plot([i * step / len(ranked) for i in range(len(curve))], curve)
    for cut in (0.8, 0.95):
        axis.axhline(cut, linestyle="--", color="#c0392b")
    parts += ["<h2>Turnover concentration</h2>", svg(figure)]
    parts.append(tiers.groupby("abc_class").turnover.agg(["count", "sum"]).to_html())

    by_tier = tiers.groupby("tier").turnover.agg(["count", "sum"]).reindex(TIERS).fillna(0)
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 2.5))
    left.barh(TIERS, by_tier["count"], color=[TIER_COLOURS[t] for t in TIERS])
    right.barh(TIERS, by_tier["sum"], color=[TIER_COLOURS[t] for t in TIERS])
    parts += ["<h2>Tiers</h2>", svg(figure), by_tier.to_html()]

    located = sample(tiers.merge(positions, on="account_id"))
    figure, axis = plt.subplots(figsize=(9, 6))
    for tier in reversed(TIERS):
        part = located[located.tier == tier]
        axis.scatter(part.longitude, part.latitude, s=8 if tier == "standard" else 20, c=TIER_COLOURS[tier], label=tier)
    axis.legend()
    parts += ["<h2>Where the clients are</h2>", svg(figure)]

    mapped = sample(tiers.merge(clusters, on="account_id"))
    figure, axis = plt.subplots(figsize=(9, 6))
    axis.scatter(mapped.pc1, mapped.pc2, c=mapped.cluster, cmap="Dark2", s=10)
    axis.set_aspect("equal")
    parts += ["<h2>Client clusters</h2>", svg(figure), profiles.to_html(index=False)]

    if kano is not None:
        parts.append("<h2>Needs by tier (Kano)</h2>")
        for segment, rows in kano.groupby("segment"):
            figure, axis = plt.subplots(figsize=(5, 4.5))
            axis.scatter(-rows.worse, rows.better, c=[KANO_COLOURS.get(c, "#999") for c in rows.category])
            for _, row in rows.iterrows():
                axis.annotate(str(row.feature), (-row.worse, row.better), fontsize=7)
            axis.axhline(0.5, linestyle="--")
            axis.axvline(0.5, linestyle="--")
            parts += [f"<h3>{html.escape(str(segment))}</h3>", svg(figure),
                      rows[["feature", "category", "n", "better", "worse"]].to_html(index=False)]

    ordered = loads.sort_values("utilisation", ascending=False)
    figure, axis = plt.subplots(figsize=(9, 0.25 * len(ordered) + 1))
    axis.barh(ordered.manager_id, ordered.utilisation)
    axis.axvline(1.0, linestyle="--", color="#c0392b")
    axis.invert_yaxis()
    parts += ["<h2>Manager utilisation</h2>", svg(figure)]

    assignments["turnover"] = pd.to_numeric(assignments.turnover)
    top = assignments.nlargest(2000, "turnover")
    parts += ["<h2>Assignments</h2>", top[["account_id", "name", "tier", "turnover", "manager_id", "continuity",
                                             "distance_km", "cost", "reason"]].to_html(index=False)]
    parts += ["<h2>Rejected rows</h2>", rejects.head(200).to_html(index=False), "</body></html>"]
    with open(page_path, "w", encoding="utf-8") as handle:
        handle.write("".join(parts))
    draw = time.perf_counter() - start
    print(f"read {read:.3f}")
    print(f"draw {draw:.3f}")


if __name__ == "__main__":
    main()
