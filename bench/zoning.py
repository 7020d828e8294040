"""Zoning benchmark: this engine beside the open peers, on the same inputs, in one run.

Peers: pymetis (METIS, contiguous k-way), GerryChain's ``recursive_tree_part`` and spopt's
regionalisers (SKATER, AZP, RegionKMeans, Spenc, WardSpatial, MaxP). Inputs: libpysal's bundled
columbus, sids2, stl and georgia, a 30×30 grid, and synthetic Voronoi villages (zones.synth) at
1,000, 10,000 and 50,000 units; and two *lumpy* stations whose workload is incident counts (the
synthetic stations of ``bench/maps.py``: ``make_scenario_layers(n, seed=1, n_incidents=min(20n,
20000))``, about 2 incidents a village at 10,000 with a quarter of them at 0, and one hot-spot
village heavier than a zone), at ``make_plan``'s default tolerance of 5%. Every run happens
in its own process (peak memory = that process's max RSS; a time limit stops runaway peers),
and every result is scored by the same code: worst deviation from the mean workload,
contiguity and mean Polsby–Popper, all from one adjacency graph (zones.zoning.graph).

    .venv/bin/python bench/zoning.py                 # everything (about 20–30 min on 2 cores)
    .venv/bin/python bench/zoning.py --quick         # the small inputs only
    .venv/bin/python bench/zoning.py --only ours,metis --inputs grid30,voronoi10k
    .venv/bin/python bench/zoning.py --lumpy         # the lumpy stations: ours, METIS, GerryChain
    .venv/bin/python bench/zoning.py --coarse        # 5–10 villages a zone (bench/zoning_coarse.py)

Results go to bench/out/zoning.json and are summarised into bench/RESULTS.md by hand.
Needs the ``bench`` extra: ``pip install -e .[bench]``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import multiprocessing as mp
import os
import resource
import sys
import time
import traceback
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TOLERANCE = 0.01
TIME_LIMIT_S = 90

INPUTS = {
    # name: (units, zones, workload column)
    "columbus": (49, 5, "CRIME"),
    "sids2": (100, 8, "BIR74"),
    "stl": (78, 6, "PO8893"),
    "georgia": (159, 10, "TotPop90"),
    "grid30": (900, 12, "w"),
    "voronoi1k": (1_000, 12, "population"),
    "voronoi10k": (10_000, 40, "population"),
    "voronoi50k": (50_000, 200, "population"),
    "lumpy2k": (2_000, 40, "incidents"),
    "lumpy10k": (10_000, 200, "incidents"),
}
LUMPY = ("lumpy2k", "lumpy10k")
TOLERANCES = {"lumpy2k": 0.05, "lumpy10k": 0.05}  # make_plan's default, as in bench/maps.py
SMALL = ("columbus", "sids2", "stl", "georgia", "grid30", "voronoi1k")
METHODS = ("ours", "metis", "gerrychain", "skater", "azp", "regionkmeans", "spenc", "ward", "maxp")
SPOPT_MAX_UNITS = 1_000  # spopt took 17–121 s at 900 units and > 300 s at 10,000 (notes)


def load_input(name: str):
    """The units of one input as a GeoDataFrame (planar or lon/lat CRS) with its workload."""
    import geopandas as gpd

    if name in ("columbus", "sids2", "stl", "georgia"):
        import libpysal.examples as ex

        base = Path(ex.__file__).parent
        file = {
            "columbus": "columbus/columbus.shp",
            "sids2": "sids2/sids2.shp",
            "stl": "stl/stl_hom.shp",
            "georgia": "georgia/G_utm.shp",
        }[name]
        units = gpd.read_file(base / file)
        crs = {"columbus": None, "sids2": 4267, "stl": 4267, "georgia": 32617}[name]
        if crs is not None:
            units = units.set_crs(crs)
        return units.reset_index(drop=True)
    if name == "grid30":
        import shapely

        rng = np.random.default_rng(30)
        size = 1000.0  # 1 km cells
        cells = [
            shapely.box(i * size, j * size, (i + 1) * size, (j + 1) * size)
            for i in range(30)
            for j in range(30)
        ]
        weights = rng.lognormal(0.0, 0.5, len(cells))
        return gpd.GeoDataFrame({"w": weights}, geometry=cells, crs=32649)
    from zones.synth import make_scenario_layers

    n = INPUTS[name][0]
    if name in LUMPY:
        layers = make_scenario_layers(n, seed=1, n_incidents=min(20 * n, 20_000))
        villages = layers["villages"].reset_index(drop=True)
        inside = gpd.sjoin(layers["incidents"][["geometry"]], villages[["geometry"]])
        counts = inside["index_right"].value_counts()
        villages["incidents"] = counts.reindex(villages.index, fill_value=0).to_numpy(float)
        return villages.to_crs(villages.estimate_utm_crs())
    layers = make_scenario_layers(n, seed=1, n_incidents=0 if n > 2000 else None)
    villages = layers["villages"]
    return villages.to_crs(villages.estimate_utm_crs()).reset_index(drop=True)


def run_method(
    method: str, units, k: int, column: str, seed: int = 0, tolerance: float = TOLERANCE
) -> np.ndarray:
    """Labels (0…k−1 or any hashable) from one method."""
    if method == "ours":
        from zones.zoning.facade import plan_zones

        return plan_zones(
            units, k, workload=column, tolerance=tolerance, seed=seed
        ).labels.to_numpy()
    from zones.zoning.graph import build_adjacency

    graph = build_adjacency(units)
    if method == "metis":
        import pymetis

        # plain contiguous METIS, as a user of pymetis would call it: vertex weights only
        csr = pymetis.CSRAdjacency(graph.indptr.tolist(), graph.indices.tolist())
        w = units[column].to_numpy(float)
        vw = np.round(w / w.sum() * 1e7).astype(int).tolist()
        _, parts = pymetis.part_graph(
            k, csr, vweights=vw, options=pymetis.Options(contig=1, seed=seed)
        )
        return np.asarray(parts)
    if method == "gerrychain":
        from gerrychain import Graph
        from gerrychain.partition import recursive_tree_part

        nx_graph = graph.to_networkx()
        w = units[column].to_numpy(float)
        for node in nx_graph.nodes:
            nx_graph.nodes[node]["pop"] = float(w[node])
        # seeded where this version takes a seed (unseeded, 1.0 draws from system entropy)
        seeded = {"rng": seed} if "rng" in inspect.signature(recursive_tree_part).parameters else {}
        parts = recursive_tree_part(
            Graph.from_networkx(nx_graph), range(k), w.sum() / k, "pop", tolerance, **seeded
        )
        return np.asarray([parts[i] for i in range(len(units))])
    return _spopt(method, units, k, column, graph, seed)


def _spopt(method: str, units, k: int, column: str, graph, seed: int) -> np.ndarray:
    import libpysal

    neighbours = {i: graph.neighbours(i).tolist() for i in range(graph.n)}
    w = libpysal.weights.W(neighbours, silence_warnings=True)
    data = units.copy()
    data["_w"] = data[column].astype(float)
    attrs = ["_w"]
    np.random.seed(seed)  # noqa: NPY002 - spopt draws from numpy's global state
    if method == "skater":
        from spopt.region import Skater

        model = Skater(data, w, attrs, n_clusters=k, floor=1, trace=False, islands="increase")
    elif method == "azp":
        from spopt.region import AZP

        model = AZP(data, w, attrs, n_clusters=k)
    elif method == "regionkmeans":
        from spopt.region import RegionKMeansHeuristic

        model = RegionKMeansHeuristic(data[attrs].to_numpy(), k, w)
    elif method == "spenc":
        from spopt.region import Spenc

        model = Spenc(data, w, attrs, n_clusters=k, random_state=seed)
    elif method == "ward":
        from spopt.region import WardSpatial

        model = WardSpatial(data, w, attrs, n_clusters=k)
    elif method == "maxp":
        from spopt.region import MaxPHeuristic

        threshold = data["_w"].sum() / k * (1 - TOLERANCE)
        model = MaxPHeuristic(data, w, attrs, "_w", threshold, top_n=2, verbose=False)
    else:
        msg = f"unknown method {method}"
        raise ValueError(msg)
    model.solve()
    return np.asarray(model.labels_)


def score(
    units, labels: np.ndarray, column: str, k: int, tolerance: float = TOLERANCE
) -> dict[str, object]:
    """Worst deviation, contiguity and mean Polsby–Popper, the same way for every method.

    *Other zones* leaves out the zones holding a unit heavier than the band (those cannot be
    within it); on inputs without such units it equals the worst deviation.
    """
    import pandas as pd

    from zones.zoning.graph import build_adjacency
    from zones.zoning.partition import is_contiguous, polsby_popper

    graph = build_adjacency(units, join_islands=True)
    codes, names = pd.factorize(pd.Series(labels), sort=True)
    found = len(names)
    w = units[column].to_numpy(float)
    load = np.bincount(codes, weights=w, minlength=found)
    mean = w.sum() / k
    heavy_zones = np.unique(codes[w > (1 + tolerance) * mean])
    others = np.setdiff1d(np.arange(found), heavy_zones)
    return {
        "zones_found": int(found),
        "worst_deviation": float(np.max(np.abs(load / mean - 1))) if found else None,
        "worst_other_deviation": (
            float(np.max(np.abs(load[others] / mean - 1))) if len(others) else None
        ),
        "units_in_heavy_zones": int(np.isin(codes, heavy_zones).sum()),
        "contiguous": bool(is_contiguous(graph, codes).all()),
        "mean_polsby_popper": float(polsby_popper(graph, codes, found).mean()),
    }


def _child(method: str, name: str, queue: mp.Queue) -> None:
    warnings.simplefilter("ignore")
    try:
        units = load_input(name)
        _, k, column = INPUTS[name]
        tolerance = TOLERANCES.get(name, TOLERANCE)
        started = time.perf_counter()
        labels = run_method(method, units, k, column, tolerance=tolerance)
        seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result = {
            "seconds": seconds,
            "peak_mb": peak_mb,
            "tolerance": tolerance,
            **score(units, labels, column, k, tolerance),
        }
    except Exception as exc:  # a peer failing is a result, not a crash of the benchmark
        result = {
            "error": f"{type(exc).__name__}: {exc}"[:300],
            "trace": traceback.format_exc(limit=3)[-600:],
        }
    queue.put(result)


def run_one(method: str, name: str, time_limit: float) -> dict[str, object]:
    """Run one method on one input in a fresh process, with a time limit."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(method, name, queue))
    started = time.perf_counter()
    proc.start()
    proc.join(time_limit)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return {"error": f"time limit {time_limit:.0f} s", "seconds": time_limit}
    try:
        result = queue.get(timeout=5)
    except Exception:
        result = {"error": f"process died (exit {proc.exitcode})"}
    result["wall_seconds"] = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--coarse" in argv:  # the coarse stations of issue #14: bench/zoning_coarse.py
        from zoning_coarse import main as coarse

        return coarse([a for a in argv if a != "--coarse"])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs only")
    parser.add_argument(
        "--lumpy", action="store_true", help="the lumpy stations with ours, METIS, GerryChain"
    )
    parser.add_argument(
        "--coarse", action="store_true", help="the coarse stations (bench/zoning_coarse.py)"
    )
    parser.add_argument("--only", help="comma-separated methods", default=",".join(METHODS))
    parser.add_argument("--inputs", help="comma-separated inputs", default=",".join(INPUTS))
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT_S)
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "zoning.json"))
    args = parser.parse_args(argv)
    inputs = [i for i in args.inputs.split(",") if not args.quick or i in SMALL]
    methods = args.only.split(",")
    if args.lumpy:
        inputs = list(LUMPY)
        methods = [m for m in methods if m in ("ours", "metis", "gerrychain")]
    results = []
    for name in inputs:
        n, k, column = INPUTS[name]
        for method in methods:
            if method not in ("ours", "metis", "gerrychain") and n > SPOPT_MAX_UNITS:
                results.append(
                    {
                        "input": name,
                        "method": method,
                        "units": n,
                        "zones": k,
                        "error": f"skipped: spopt above {SPOPT_MAX_UNITS} units",
                    }
                )
                continue
            result = {
                "input": name,
                "method": method,
                "units": n,
                "zones": k,
                **run_one(method, name, args.time_limit),
            }
            results.append(result)
            shown = {
                key: (round(v, 4) if isinstance(v, float) else v)
                for key, v in result.items()
                if key != "trace"
            }
            print(json.dumps(shown, ensure_ascii=False), flush=True)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"tolerance": TOLERANCE, "cpu_count": os.cpu_count(), "python": sys.version.split()[0]}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
