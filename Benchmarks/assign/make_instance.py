"""Seeded assignment instances for the benchmark, as kamp input files.

    python3 make_instance.py --accounts N --managers M --eligible LO HI --out DIR [--seed S]

Writes DIR/accounts.csv, DIR/managers.csv and DIR/policy.yaml with the
structure of issue 6:
- every account is a key account (the policy makes every ABC class a
  candidate); its tier comes from its scope: ~12 % global (two countries),
  ~25 % national (two regions), the rest key;
- national and key accounts are served by the managers based in their
  country, global accounts by the global managers speaking their language;
  groups are sized so each account has about LO to HI eligible managers,
  and they overlap as real teams do (global managers with a second language
  or serving national accounts of their base country, a few country managers
  serving global accounts), so the instance does not fall apart into
  independent pieces;
- capacity is 1.10 to 1.15 x the workload of each group;
- 70 % of the accounts have a current manager (mostly a near one, 2 % one
  who has left); the disruption budget is 10 %.
Same arguments, same files.
"""
import argparse
import csv
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
COUNTRIES = os.path.join(HERE, "..", "..", "Datasets", "countries.csv")
INDUSTRIES = ["automotive", "chemicals", "construction", "energy", "food", "healthcare", "logistics",
              "machinery", "retail", "software"]


def countries():
    with open(COUNTRIES, newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["languages"]]
    # Larger economies first is not needed; a fixed shuffle keeps it varied but seeded.
    return rows


def split(total, lo, hi, rng):
    """Sizes in [lo, hi] that sum to total (the last ones adjusted)."""
    sizes = []
    while total > 0:
        size = min(total, rng.randint(lo, hi))
        sizes.append(size)
        total -= size
    if len(sizes) > 1 and sizes[-1] < lo:
        short = lo - sizes[-1]
        sizes[-1] = lo
        for k in range(len(sizes) - 2, -1, -1):
            take = min(short, sizes[k] - lo)
            sizes[k] -= take
            short -= take
            if short == 0:
                break
    return sizes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, required=True)
    parser.add_argument("--managers", type=int, required=True)
    parser.add_argument("--eligible", type=int, nargs=2, default=[3, 20])
    parser.add_argument("--budget", type=float, default=0.10)
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--gap-tolerance", type=float, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    lo, hi = args.eligible
    n, m = args.accounts, args.managers
    os.makedirs(args.out, exist_ok=True)

    table = countries()
    rng.shuffle(table)
    n_global_managers = max(lo, round(0.12 * m))
    global_groups = split(n_global_managers, lo, hi, rng)
    country_groups = split(m - n_global_managers, lo, hi, rng)
    if len(country_groups) > len(table):
        raise SystemExit("too many country groups for the country table; widen --eligible")
    group_country = table[:len(country_groups)]
    global_languages = sorted({row["languages"].split(";")[0] for row in table})
    rng.shuffle(global_languages)
    if len(global_groups) > len(global_languages):
        raise SystemExit("too many global language groups")
    group_language = global_languages[:len(global_groups)]

    # Hours scale so a manager serves about n / m accounts of realistic size.
    scale = 20.0 * m / n

    def hours(low, high):
        return max(1, round(rng.uniform(low, high) * scale))

    # Managers.
    managers = []  # dict rows
    country_members = []
    for g, size in enumerate(country_groups):
        c = group_country[g]
        members = []
        for _ in range(size):
            lang = c["languages"].split(";")[0]
            languages = [lang] if rng.random() < 0.9 else []
            if "en" not in languages and rng.random() < 0.8:
                languages.append("en")
            managers.append({
                "country": c["code"], "lat": float(c["latitude"]) + rng.uniform(-1.5, 1.5),
                "lon": float(c["longitude"]) + rng.uniform(-1.5, 1.5), "languages": languages or ["en"],
                "tiers": ["global", "national", "key"] if rng.random() < 0.08 else ["national", "key"],
                "industries": sorted(rng.sample(INDUSTRIES, rng.randint(1, 3))),
                "group": ("country", g)})
            members.append(len(managers) - 1)
        country_members.append(members)
    global_members = []
    for g, size in enumerate(global_groups):
        members = []
        for _ in range(size):
            base = rng.choice(table[:max(1, len(country_groups))])
            managers.append({
                "country": base["code"], "lat": float(base["latitude"]) + rng.uniform(-1.5, 1.5),
                "lon": float(base["longitude"]) + rng.uniform(-1.5, 1.5),
                # The group's language, sometimes another group's too.
                "languages": sorted({group_language[g], rng.choice(group_language[:len(global_groups)])})
                if rng.random() < 0.4 else [group_language[g]],
                "tiers": ["global", "national"] if rng.random() < 0.5 else ["global"],
                "industries": sorted(rng.sample(INDUSTRIES, rng.randint(1, 3))),
                "group": ("global", g)})
            members.append(len(managers) - 1)
        global_members.append(members)
    width = max(4, len(str(len(managers))))
    for k, manager in enumerate(managers):
        manager["id"] = "M" + str(k + 1).zfill(width)

    # Accounts: global ones by language group, the rest by country group, in
    # proportion to the group's managers so loads are even.
    n_global = round(n * n_global_managers / m)
    accounts = []
    global_weights = [len(x) for x in global_members]
    country_weights = [len(x) for x in country_members]
    for a in range(n):
        if a < n_global:
            g = rng.choices(range(len(global_groups)), weights=global_weights)[0]
            # Global clients are headquartered where the company works (the
            # countries of its offices) and buy in one more country anywhere.
            hq = rng.choice(group_country)
            other = rng.choice(table)
            while other["code"] == hq["code"]:
                other = rng.choice(table)
            account = {"tier": "global", "group": ("global", g), "country": hq["code"],
                       "countries": other["code"], "regions": "", "languages": [group_language[g]],
                       "lat": float(hq["latitude"]) + rng.uniform(-2, 2), "lon": float(hq["longitude"]) + rng.uniform(-2, 2),
                       "hours": hours(100, 300)}
        else:
            g = rng.choices(range(len(country_groups)), weights=country_weights)[0]
            c = group_country[g]
            national = rng.random() < 0.29
            account = {"tier": "national" if national else "key", "group": ("country", g), "country": c["code"],
                       "countries": "", "regions": "R1;R2" if national else "",
                       "languages": [c["languages"].split(";")[0]] if rng.random() < 0.6 else [],
                       "lat": float(c["latitude"]) + rng.uniform(-2, 2), "lon": float(c["longitude"]) + rng.uniform(-2, 2),
                       "hours": hours(60, 180) if national else hours(20, 100)}
        account["turnover"] = round(math.exp(rng.gauss(11, 1.0)), 2)
        account["industry"] = rng.choice(INDUSTRIES) if rng.random() < 0.85 else ""
        accounts.append(account)
    rng.shuffle(accounts)

    # Capacity: 1.10 to 1.15 x each group's workload, split unevenly.
    demand = {}
    for account in accounts:
        demand[account["group"]] = demand.get(account["group"], 0) + account["hours"]
    groups = [("country", g, members) for g, members in enumerate(country_members)] + \
             [("global", g, members) for g, members in enumerate(global_members)]
    for kind, g, members in groups:
        total = demand.get((kind, g), 0) * rng.uniform(1.10, 1.15)
        weights = [rng.uniform(0.75, 1.25) for _ in members]
        for k, weight in zip(members, weights):
            managers[k]["capacity"] = max(1, round(total * weight / sum(weights)))
            managers[k]["max_accounts"] = ""

    # Current managers: 70 %; usually one of the three nearest eligible, 2 % one who left.
    members_of = {("country", g): x for g, x in enumerate(country_members)}
    members_of.update({("global", g): x for g, x in enumerate(global_members)})

    def distance(a, b):
        return math.hypot(a["lat"] - b["lat"], (a["lon"] - b["lon"]) * math.cos(math.radians(a["lat"])))

    for account in accounts:
        account["current"] = ""
        if rng.random() < 0.70:
            if rng.random() < 0.02:
                account["current"] = "M" + "9" * width
            else:
                near = sorted(members_of[account["group"]], key=lambda k: (distance(account, managers[k]), k))
                pick = near[min(len(near) - 1, int(rng.expovariate(1.0)))] if rng.random() < 0.8 else rng.choice(near)
                account["current"] = managers[pick]["id"]

    with open(os.path.join(args.out, "accounts.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["account_id", "turnover", "hq_country", "countries", "regions", "latitude", "longitude",
                         "languages", "industry", "current_manager", "workload_hours"])
        for k, account in enumerate(accounts):
            writer.writerow(["A" + str(k + 1).zfill(7), account["turnover"], account["country"], account["countries"],
                             account["regions"], round(account["lat"], 4), round(account["lon"], 4),
                             ";".join(account["languages"]), account["industry"], account["current"], account["hours"]])
    with open(os.path.join(args.out, "managers.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["manager_id", "capacity_hours", "base_country", "latitude", "longitude", "languages", "tiers",
                         "industries", "max_accounts"])
        for manager in managers:
            writer.writerow([manager["id"], manager["capacity"], manager["country"], round(manager["lat"], 4),
                             round(manager["lon"], 4), ";".join(manager["languages"]), ";".join(manager["tiers"]),
                             ";".join(manager["industries"]), manager["max_accounts"]])
    with open(os.path.join(args.out, "policy.yaml"), "w", encoding="utf-8") as handle:
        handle.write(f"""# Every client is a key account; the scope decides global / national / key.
key:
  classes: [A, B, C]
  exclude_solvency: []
assignment:
  max_moved_turnover_share: {args.budget}
  time_limit_seconds: {args.time_limit:g}
  solver:
    gap_tolerance: {args.gap_tolerance:g}
""")


if __name__ == "__main__":
    main()
