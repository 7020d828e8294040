"""Roster benchmark: the daily "1+3+2" duty roster for a large station over eight weeks.

Generates ``--officers`` officers (30% sworn, 3% unavailable, 0–5 reward-leave days each), gives
20% of them one block of 1–9 days' leave, makes the first 10 sworn officers zone heads, and
plans ``--weeks`` weeks with :func:`zones.roster.solve_roster`. Each worker setting runs in its
own process, so *peak* is that run's maximum RSS (imports and input included). Every roster is
checked against the hard rules before its figures are printed.

    .venv/bin/python bench/roster.py                      # 200 officers, 8 weeks, 1 and 2 workers
    .venv/bin/python bench/roster.py --officers 400 --weeks 12 --workers 2

Results go to bench/out/roster.json and are summarised into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START = "2025-03-03"


def make_officers(n: int, weeks: int, seed: int):
    """A generated station: officers, leave (one block each for 20%) and zone heads."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    ids = [f"O{k:04d}" for k in range(n)]
    officers = pd.DataFrame(
        {
            "officer_id": ids,
            "name": [f"警员{k}" for k in range(n)],
            "role": np.where(rng.random(n) < 0.3, "police", "auxiliary"),
            "available": rng.random(n) > 0.03,
            "reward_leave_days": pd.array(rng.integers(0, 6, n), dtype="Int64"),
        },
        index=pd.Index(ids, name="officer_id"),
    )
    days = 7 * weeks
    leave = {}
    for officer in rng.choice(ids, size=n // 5, replace=False):
        begin = pd.Timestamp(START) + pd.Timedelta(days=int(rng.integers(0, days)))
        leave[str(officer)] = list(pd.date_range(begin, periods=int(rng.integers(1, 10))))
    heads = list(officers.index[officers["role"] == "police"][:10])
    return officers, leave, heads


def check(result, leave: dict, heads: list[str]) -> list[str]:
    """Hard-rule violations of a roster (an empty list when it keeps every rule)."""
    import pandas as pd

    problems = []
    table = result.table
    filled = table.dropna(subset=["officer_id"])
    pattern = result.settings["pattern"]
    for day, rows in table.groupby("date"):
        if rows["role"].value_counts().to_dict() != pattern:
            problems.append(f"{day.date()}: pattern not met")
        if not rows["officer_id"].dropna().is_unique:
            problems.append(f"{day.date()}: someone twice")
    on_duty = set(zip(filled["officer_id"], filled["date"], strict=True))
    for officer, days in leave.items():
        if {(officer, pd.Timestamp(d)) for d in days} & on_duty:
            problems.append(f"{officer}: on duty during leave")
    days = pd.date_range(result.settings["start"], periods=result.settings["days"])
    grid = pd.crosstab(filled["officer_id"], filled["date"]).reindex(columns=days, fill_value=0)
    for officer, row in grid.iterrows():
        values = row.to_numpy()
        if any(values[b : b + 7].sum() > 6 for b in range(len(values) - 6)):
            problems.append(f"{officer}: no rest day in a week")
        if any(values[b : b + 6].sum() > 5 for b in range(len(values) - 5)):
            problems.append(f"{officer}: more than 5 days in a row")
        if officer in heads:
            weeks = [values[b : b + 7] for b in range(0, len(values), 7)]
            if any(len(w) - w.sum() < 2 * len(w) // 7 for w in weeks):
                problems.append(f"{officer}: zone head without free days")
    return problems


def run(officers_n: int, weeks: int, workers: int, time_limit: float, seed: int, queue) -> None:
    """One measured run in this process; puts its figures on ``queue``."""
    started = time.perf_counter()
    from ortools.sat.python import cp_model  # noqa: F401  (imported by the solve anyway)

    from zones.roster.roster import solve_roster

    import_s = time.perf_counter() - started
    import_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    officers, leave, heads = make_officers(officers_n, weeks, seed)
    began = time.perf_counter()
    try:
        result = solve_roster(
            officers,
            START,
            7 * weeks,
            leave=leave,
            zone_heads=heads,
            seed=seed,
            time_limit_s=time_limit,
            num_workers=workers,
        )
    except Exception as exc:  # report it instead of leaving the parent waiting
        queue.put({"workers": workers, "error": f"{type(exc).__name__}: {exc}"})
        return
    seconds = time.perf_counter() - began
    problems = check(result, leave, heads)
    summary = result.summary[result.summary["fair"]]
    metrics = result.metrics
    queue.put(
        {
            "officers": officers_n,
            "weeks": weeks,
            "workers": workers,
            "time_limit_s": time_limit,
            "seconds": round(seconds, 2),
            "import_s": round(import_s, 2),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "after_imports_mb": round(import_mb, 1),
            "slots": len(result.table),
            "counted_officers": len(summary),
            "leave_days": int(summary["leave_days"].sum()),
            "reward_leave_days": int(summary["reward_leave_days"].sum()),
            "spread": metrics["spread"],
            "adjusted_spread": metrics["adjusted_spread"],
            "role_spread": metrics["role_spread"],
            "duty_days_range": [int(summary["duty_days"].min()), int(summary["duty_days"].max())],
            "unfilled_slots": metrics["unfilled_slots"],
            "status": metrics["status"],
            "stopped_by": metrics["stopped_by"],
            "rule_violations": problems[:10],
        }
    )


def main() -> None:
    """Run the benchmark and print one line per worker setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officers", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--workers", default="1,2", help="CP-SAT worker settings to run (1,2)")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "roster.json"))
    args = parser.parse_args()
    context = mp.get_context("spawn")
    results = []
    for workers in (int(w) for w in args.workers.split(",")):
        queue = context.Queue()
        task = (args.officers, args.weeks, workers, args.time_limit, args.seed, queue)
        process = context.Process(target=run, args=task)
        process.start()
        figures = queue.get(timeout=args.time_limit * 3 + 60)
        process.join()
        results.append(figures)
        if "error" in figures:
            print(f"{workers} worker(s): {figures['error']}", flush=True)
            continue
        print(
            f"{figures['officers']} officers × {figures['weeks']} weeks, "
            f"{workers} worker(s): {figures['seconds']} s (limit {args.time_limit:g} s), "
            f"peak {figures['peak_mb']} MB ({figures['after_imports_mb']} MB after imports), "
            f"spread {figures['spread']}, "
            f"adjusted {figures['adjusted_spread']}, role spread {figures['role_spread']}, "
            f"{figures['status']} ({figures['stopped_by']}), "
            f"rule violations: {len(figures['rule_violations'])}",
            flush=True,
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {out}")


if __name__ == "__main__":
    main()
