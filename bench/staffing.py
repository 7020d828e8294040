"""Auxiliary assignment benchmark: the sparse solver beside a dense one, same inputs, same run.

A station of N villages and 1.1 N auxiliaries, as in the peers notes: 30% of villages have an
auxiliary living there (cost 0 before the +1 offset the sparse solver needs), the other
auxiliaries live near a random village. Costs are the lexicographic ones of
``zones.staffing`` (home, then familiar, then metres). Each method runs in a fresh process, so
*peak* is that process's maximum RSS.

Shortage cases (fewer auxiliaries than villages): villages carry a lumpy incident count
(Poisson, mean 2) and 4% of the auxiliaries have no known home, as in the synthetic stations of
``zones.synth``. Every village heavier than the cut must be staffed, villages tied at the cut
compete (``zones.staffing.staffing_sets``). Methods: ``sparse`` (``match_sparse``, the min-cost
flow over nearest candidates), ``dense`` (``match_dense``, ``linear_sum_assignment`` on the full
matrix), and ``previous`` — the method before the flow, kept here for comparison: the heaviest
villages only (a square problem when auxiliaries are short; ties at the cut by input order) for
scipy's ``min_weight_full_bipartite_matching`` over the 50 nearest candidates plus a backbone
pairing (limited to ``--timeout`` seconds).

    .venv/bin/python bench/staffing.py              # surplus and shortage sizes
    .venv/bin/python bench/staffing.py --quick      # 5,000 × 5,500 and 2,000 × 1,900 only
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = ((5_000, 5_500), (20_000, 22_000), (2_000, 1_900), (10_000, 9_500))
QUICK_SIZES = ((5_000, 5_500), (2_000, 1_900))
DENSE_MAX_VILLAGES = 5_000  # a dense 20,000 × 22,000 matrix is 3.5 GB
UNLOCATED_SHARE = 0.04  # shortage cases: auxiliaries without a known home


def instance(n_v: int, n_a: int, seed: int = 0):
    """Village points, auxiliary homes, the preferred (home) pairs and the must-staff mask."""
    rng = np.random.default_rng(seed)
    side = np.sqrt(n_v) * 1500.0  # villages about 1.5 km apart
    reps = rng.uniform(0, side, (n_v, 2))
    near = rng.integers(0, n_v, n_a)
    homes = reps[near] + rng.normal(0, 700.0, (n_a, 2))
    home_of = rng.permutation(n_a)[: int(0.3 * min(n_v, n_a))]
    villages = rng.permutation(n_v)[: len(home_of)]
    homes[home_of] = reps[villages] + rng.normal(0, 100.0, (len(home_of), 2))
    preferred = {(int(v), int(a)): 0.0 for v, a in zip(villages, home_of, strict=True)}
    must = np.ones(n_v, bool)
    if n_a < n_v:  # a shortage: lumpy counts decide who must be staffed; some homes unknown
        from zones.staffing.auxiliaries import staffing_sets

        workload = rng.poisson(2.0, n_v).astype(float)
        must, may = staffing_sets(workload, n_a)
        homes[rng.permutation(n_a)[: int(UNLOCATED_SHARE * n_a)]] = np.nan
        keep = np.flatnonzero(must | may)
        at = {int(v): i for i, v in enumerate(keep)}
        preferred = {(at[v], a): t for (v, a), t in preferred.items() if v in at}
        reps, must = reps[keep], must[keep]
    return reps, homes, preferred, must


def previous(preferred, homes, reps, must, k: int = 50):
    """The method before the flow: the heaviest villages only (square when auxiliaries are
    short), scipy's sparse LAPJV over the 50 nearest candidates, the home pairs and an x-sorted
    backbone."""
    from scipy import sparse
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
    from scipy.spatial import cKDTree

    from zones.staffing.matching import DEFAULT_DETOUR, TIER_M, UNKNOWN_M

    n_a = len(homes)
    chosen = np.flatnonzero(must)
    chosen = np.concatenate([chosen, np.flatnonzero(~must)[: n_a - len(chosen)]])
    reps = reps[chosen]
    n_v = len(reps)
    located = np.flatnonzero(~np.isnan(homes).any(axis=1))
    tree = cKDTree(homes[located])
    backbone_v = np.lexsort((reps[:, 1], reps[:, 0]))
    ordered_a = located[np.lexsort((homes[located, 1], homes[located, 0]))]
    ordered_a = np.concatenate([ordered_a, np.setdiff1d(np.arange(n_a), located)])[:n_v]
    backbone = backbone_v[: len(ordered_a)] * n_a + ordered_a
    at = {int(v): i for i, v in enumerate(chosen)}
    pref = {(at[v], a): t for (v, a), t in preferred.items() if v in at}
    pref_key = np.array([v * n_a + a for v, a in pref], dtype=np.int64)
    tier_of = dict(zip(pref_key.tolist(), pref.values(), strict=True))
    while True:
        kk = min(k, len(located))
        _, near = tree.query(reps, k=kk)
        near = located[np.asarray(near).reshape(n_v, kk)]
        keys = np.unique(
            np.concatenate([np.arange(n_v).repeat(kk) * n_a + near.ravel(), pref_key, backbone])
        )
        rows, cols = keys // n_a, keys % n_a
        d = np.hypot(*(homes[cols] - reps[rows]).T) * DEFAULT_DETOUR
        d = np.where(np.isnan(d), UNKNOWN_M, d)
        tiers = np.array([tier_of.get(key, TIER_M["distance"]) for key in keys.tolist()])
        matrix = sparse.csr_matrix((tiers + d + 1.0, (rows, cols)), shape=(n_v, n_a))
        try:
            r_ind, c_ind = min_weight_full_bipartite_matching(matrix)
        except ValueError:
            k *= 2
            continue
        matched = np.searchsorted(keys, r_ind * n_a + c_ind)
        return chosen[r_ind], c_ind, d[matched], tiers[matched]


def run(method: str, n_v: int, n_a: int, queue) -> None:
    from zones.staffing.matching import (
        DEFAULT_DETOUR,
        TIER_M,
        UNKNOWN_M,
        match_dense,
        match_sparse,
    )

    reps, homes, preferred, must = instance(n_v, n_a)
    start = time.perf_counter()
    if method == "sparse":
        rows, cols, dist, tiers = match_sparse(preferred, homes, reps, must=must)
        cost = float(np.sum(dist + tiers))
    elif method == "previous":
        rows, cols, dist, tiers = previous(preferred, homes, reps, must)
        cost = float(np.sum(dist + tiers))
    else:
        d = np.hypot(*(homes[None, :, :] - reps[:, None, :]).transpose(2, 0, 1)) * DEFAULT_DETOUR
        cost_matrix = np.where(np.isnan(d), UNKNOWN_M, d) + TIER_M["distance"]
        del d
        for (v, a), tier in preferred.items():
            cost_matrix[v, a] += tier - TIER_M["distance"]
        rows, cols = match_dense(cost_matrix, must)
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
            "must_staffed": int(np.sum(must[rows])),
            "must": int(must.sum()),
            "home_matches": home_pairs,
        }
    )


def baseline(queue) -> None:
    import zones.staffing.matching  # noqa: F401 - the imports every method pays for

    queue.put(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes only")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per method run")
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=baseline, args=(queue,))
    proc.start()
    print(json.dumps({"baseline_peak_mb": queue.get()}), flush=True)
    proc.join()
    results = []
    for n_v, n_a in QUICK_SIZES if args.quick else SIZES:
        for method in ("sparse", "previous", "dense"):
            if method == "dense" and n_v > DENSE_MAX_VILLAGES:
                continue
            queue = ctx.Queue()
            proc = ctx.Process(target=run, args=(method, n_v, n_a, queue))
            proc.start()
            proc.join(args.timeout)
            if proc.is_alive():
                proc.kill()
                proc.join()
                result = {"method": method, "villages": n_v, "auxiliaries": n_a}
                result["timeout_s"] = args.timeout
            else:
                result = queue.get()
            results.append(result)
            print(json.dumps(result), flush=True)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "staffing.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
