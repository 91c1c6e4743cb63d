"""The peer: the same assignment model solved as a MIP by HiGHS (highspy).

    python highs_peer.py MODEL.json TIME_LIMIT [GAP [PLAN.json]]

MODEL.json is written by `kamp assign ... --export-model MODEL.json`: the
eligible pairs with their costs, workloads, capacities, max_accounts and the
disruption budget, so both solvers see exactly one model. Prints one line:
    status objective bound gap solve_seconds peak_MiB
(objective and bound "nan" when HiGHS has none; the seconds are HiGHS's
solve only, without reading the file and building the model in Python).
"""
import json
import resource
import sys
import time

import highspy
import numpy as np


def main():
    path, limit = sys.argv[1], float(sys.argv[2])
    gap = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
    with open(path, encoding="utf-8") as handle:
        model = json.load(handle)
    n = len(model["workloads"])
    m = len(model["capacities"])
    pair_start = np.array(model["pair_start"], dtype=np.int64)
    pair_manager = np.array(model["pair_manager"], dtype=np.int64)
    cost = np.array(model["pair_cost"], dtype=np.float64)
    workload = np.array(model["workloads"], dtype=np.float64)
    turnover = np.array(model["turnovers"], dtype=np.float64)
    keep = np.array(model["keep_manager"], dtype=np.int64)
    capacity = np.array(model["capacities"], dtype=np.float64)
    max_accounts = model["max_accounts"]
    budget = model["moved_budget"]
    pairs = len(cost)
    account = np.repeat(np.arange(n), np.diff(pair_start))

    # Rows: n assignment rows (= 1), m capacity rows, the max_accounts rows,
    # and the budget row: kept turnover >= keepable turnover - budget.
    counted = [j for j in range(m) if max_accounts[j] is not None]
    count_row = {j: n + m + k for k, j in enumerate(counted)}
    budget_row = n + m + len(counted)
    keeps = keep[account] == pair_manager
    has_budget = budget is not None and bool(np.any(keep >= 0))
    rows = budget_row + (1 if has_budget else 0)

    # Column-wise (CSC) matrix: each pair has 2 to 4 entries, in row order.
    count_rows = np.full(m, -1, dtype=np.int64)
    for j, row in count_row.items():
        count_rows[j] = row
    has_count = count_rows[pair_manager] >= 0
    has_keep = keeps & has_budget
    entries = 2 + has_count.astype(np.int64) + has_keep.astype(np.int64)
    starts = np.concatenate([[0], np.cumsum(entries)])
    index = np.empty(starts[-1], dtype=np.int32)
    value = np.empty(starts[-1], dtype=np.float64)
    first = starts[:-1]
    index[first] = account
    value[first] = 1.0
    index[first + 1] = n + pair_manager
    value[first + 1] = workload[account]
    third = first[has_count] + 2
    index[third] = count_rows[pair_manager[has_count]]
    value[third] = 1.0
    last = starts[1:][has_keep] - 1
    index[last] = budget_row
    value[last] = turnover[account[has_keep]]

    lower = np.concatenate([np.ones(n), np.full(m, -highspy.kHighsInf), np.full(len(counted), -highspy.kHighsInf)])
    upper = np.concatenate([np.ones(n), capacity, np.array([float(max_accounts[j]) for j in counted])])
    if has_budget:
        keepable = float(turnover[keep >= 0].sum())
        lower = np.append(lower, keepable - budget)
        upper = np.append(upper, highspy.kHighsInf)

    lp = highspy.HighsLp()
    lp.num_col_ = pairs
    lp.num_row_ = rows
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(pairs)
    lp.col_upper_ = np.ones(pairs)
    lp.row_lower_ = lower
    lp.row_upper_ = upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts.astype(np.int32)
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    lp.integrality_ = [highspy.HighsVarType.kInteger] * pairs

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", limit)
    h.setOptionValue("mip_rel_gap", gap)
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    solve_start = time.perf_counter()
    h.run()
    # The solve alone: building the model in Python is not charged to HiGHS.
    seconds = time.perf_counter() - solve_start
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus()).replace(" ", "_").lower()
    objective = info.objective_function_value if info.primal_solution_status == 2 else float("nan")
    bound = info.mip_dual_bound
    gap_value = (objective - bound) / objective if objective == objective and objective > 0 else float("nan")
    if len(sys.argv) > 4 and info.primal_solution_status == 2:
        # The plan as one manager index per account, for comparisons.
        x = np.array(h.getSolution().col_value)
        chosen = np.flatnonzero(x > 0.5)
        plan = np.full(n, -1, dtype=np.int64)
        plan[account[chosen]] = pair_manager[chosen]
        with open(sys.argv[4], "w", encoding="utf-8") as handle:
            json.dump(plan.tolist(), handle)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{status} {objective:.6f} {bound:.6f} {gap_value:.6g} {seconds:.3f} {peak:.1f}")


if __name__ == "__main__":
    main()
