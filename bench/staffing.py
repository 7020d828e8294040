"""Auxiliary assignment benchmark: the sparse solver beside a dense one, same inputs, same run.

A station of N villages and 1.1 N auxiliaries, as in the peers notes: 30% of villages have an
auxiliary living there (cost 0 before the +1 offset the sparse solver needs), the other
auxiliaries live near a random village. Costs are the lexicographic ones of
``zones.staffing`` (home, then familiar, then metres). Each method runs in a fresh process, so
*peak* is that process's maximum RSS.

    .venv/bin/python bench/staffing.py              # 5,000 × 5,500 and 20,000 × 22,000
"""

from __future__ import annotations

import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = ((5_000, 5_500), (20_000, 22_000))
DENSE_MAX_VILLAGES = 5_000  # a dense 20,000 × 22,000 matrix is 3.5 GB


def instance(n_v: int, n_a: int, seed: int = 0):
    """Village points, auxiliary homes and the preferred (home) pairs."""
    rng = np.random.default_rng(seed)
    side = np.sqrt(n_v) * 1500.0  # villages about 1.5 km apart
    reps = rng.uniform(0, side, (n_v, 2))
    near = rng.integers(0, n_v, n_a)
    homes = reps[near] + rng.normal(0, 700.0, (n_a, 2))
    home_of = rng.permutation(n_a)[: int(0.3 * n_v)]
    villages = rng.permutation(n_v)[: len(home_of)]
    homes[home_of] = reps[villages] + rng.normal(0, 100.0, (len(home_of), 2))
    preferred = {(int(v), int(a)): 0.0 for v, a in zip(villages, home_of, strict=True)}
    return reps, homes, preferred


def run(method: str, n_v: int, n_a: int, queue) -> None:
    from zones.staffing import DEFAULT_DETOUR, TIER_M, match_sparse

    reps, homes, preferred = instance(n_v, n_a)
    start = time.perf_counter()
    if method == "sparse":
        rows, cols, dist, tiers = match_sparse(preferred, homes, reps)  # 50 nearest + homes
        cost = float(np.sum(dist + tiers))
    else:
        from scipy.optimize import linear_sum_assignment

        d = np.hypot(*(homes[None, :, :] - reps[:, None, :]).transpose(2, 0, 1)) * DEFAULT_DETOUR
        cost_matrix = d + TIER_M["distance"]
        for (v, a), tier in preferred.items():
            cost_matrix[v, a] = d[v, a] + tier
        rows, cols = linear_sum_assignment(cost_matrix)
        cost = float(cost_matrix[rows, cols].sum())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    home_pairs = sum((int(r), int(c)) in preferred for r, c in zip(rows, cols, strict=True))
    queue.put(
        {
            "method": method,
            "villages": n_v,
            "auxiliaries": n_a,
            "seconds": seconds,
            "peak_mb": peak,
            "cost": cost,
            "matched": len(rows),
            "home_matches": home_pairs,
        }
    )


def baseline(queue) -> None:
    import zones.staffing  # noqa: F401 - the imports every method pays for

    queue.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> int:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=baseline, args=(queue,))
    proc.start()
    print(json.dumps({"baseline_peak_mb": queue.get()}), flush=True)
    proc.join()
    results = []
    for n_v, n_a in SIZES:
        for method in ("sparse", "dense"):
            if method == "dense" and n_v > DENSE_MAX_VILLAGES:
                continue
            queue = ctx.Queue()
            proc = ctx.Process(target=run, args=(method, n_v, n_a, queue))
            proc.start()
            result = queue.get()
            proc.join()
            results.append(result)
            print(json.dumps(result), flush=True)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "staffing.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
