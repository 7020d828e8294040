"""Coarse stations: 5–10 villages a zone, skewed incident counts; ours, METIS and GerryChain.

Issue #14's benchmark. A real station is coarse (60–500 villages into 6–100 zones) and its
default workload is an incident count that is lumpy. The cases are generated at run time:

* villages from ``zones.synth.make_scenario_layers(n, seed=s)`` (default incidents: 25 a
  village, 8% of them at township-seat markets, half of those at the station's seat), projected
  to UTM; workload = incidents counted per village (``gpd.sjoin``, as ``bench/zoning.py``'s
  lumpy inputs), whole numbers;
* zones ``k = n // v`` for ``v`` villages a zone;
* skew ``none``: the counts as generated (the station's seat already carries 10–30× the
  median village); skew ``hotF``: as many villages as the station has townships (about
  ``n / 25``, at least 3), drawn at random with ``default_rng([seed, F])``, get F× their count
  — market villages that carry 5–10× the others, wherever they are (the seats are already the
  heaviest, so multiplying them too would only add villages that are a zone on their own);
* ``CASES``: the five sizes each with the four skews; ``v`` and the seed rotate over
  (5, 7, 10) and (101, 202, 303), seeds fixed before any run (not tuned);
* tolerance 5% (``make_plan``'s default);
* plus today's coarse inputs of ``bench/zoning.py`` (columbus, sids2, stl, georgia) at 1%.

Each case runs *ours* (``plan_zones(units, k, workload="incidents", tolerance, seed=0)``), METIS
(pymetis, contiguous) and GerryChain (``recursive_tree_part``, seed 0) in forked processes, one
at a time, each with a time limit (``TIME_LIMITS``), all scored by ``bench/zoning.py``'s
``score``. GerryChain is not run where a unit is heavier than the band: it checks every
district against the band and raises (it spent 106 s failing on one such case). The *floor* is
``zones.zoning.bounds.balance_floor`` (the smallest worst deviation provably possible, overall
and over the zones without a heavy unit), "n/a" where that module is absent. Verdicts and the
table: ``bench/zoning_coarse_table.py``.

    .venv/bin/python bench/zoning_coarse.py              # all cases, 3–10 min on 2 cores
    .venv/bin/python bench/zoning.py --coarse            # the same
    .venv/bin/python bench/zoning_coarse.py --list       # the cases
    .venv/bin/python bench/zoning_coarse.py --only floor,metis --cases 0-3,7 --no-today
    .venv/bin/python bench/zoning_coarse.py --summary bench/out/zoning_coarse.json \
        --before bench/results/zoning_coarse_before.json   # the table, with a before column

Results go to bench/out/zoning_coarse.json; the Markdown table is printed at the end.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path
from typing import NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import zoning as zb  # noqa: E402 - bench/zoning.py: inputs, run_method, score
from zoning_coarse_table import markdown, verdict  # noqa: E402

ROOT = zb.ROOT
TOLERANCE = 0.05
METHODS = ("floor", "ours", "metis", "gerrychain")
TIME_LIMITS = {"floor": 60.0, "ours": 60.0, "metis": 30.0, "gerrychain": 45.0}
SIZES = (100, 150, 260, 400, 500)
SKEWS = ("none", "hot5", "hot7", "hot10")
PER_ZONE = (5, 7, 10)
SEEDS = (101, 202, 303)
TODAY = ("columbus", "sids2", "stl", "georgia")


class Case(NamedTuple):
    """One generated station: villages, seed, villages a zone, skew."""

    n: int
    seed: int
    per_zone: int
    skew: str

    @property
    def name(self) -> str:
        return f"n{self.n}-s{self.seed}-v{self.per_zone}-{self.skew}"


CASES = tuple(
    Case(n, SEEDS[(i + 2 * j) % 3], PER_ZONE[(i + j) % 3], skew)
    for i, n in enumerate(SIZES)
    for j, skew in enumerate(SKEWS)
)


def build_case(case: Case, layers: dict | None = None):
    """The villages of one case (UTM) with whole ``incidents`` counts, skew applied."""
    import geopandas as gpd

    from zones.synth import make_scenario_layers

    layers = layers if layers is not None else make_scenario_layers(case.n, seed=case.seed)
    villages = layers["villages"].reset_index(drop=True)
    inside = gpd.sjoin(layers["incidents"][["geometry"]], villages[["geometry"]])
    counts = inside["index_right"].value_counts().reindex(villages.index, fill_value=0)
    counts = np.array(counts, dtype=np.int64)  # a writable copy
    if case.skew != "none":
        factor = int(case.skew.removeprefix("hot"))
        rng = np.random.default_rng([case.seed, factor])
        hot = rng.choice(case.n, size=villages["township"].nunique(), replace=False)
        counts[hot] *= factor
    villages["incidents"] = counts
    return villages.to_crs(villages.estimate_utm_crs())


def describe(units, column: str, k: int, tolerance: float) -> dict[str, object]:
    """What makes a case hard: the heaviest unit against a zone's mean, heavy units, zeros."""
    w = units[column].to_numpy(float)
    mean = w.sum() / k
    return {
        "total": float(w.sum()),
        "zone_mean": mean,
        "heaviest_share": float(w.max() / mean),
        "heavy_units": int((w > (1 + tolerance) * mean).sum()),
        "zero_units": int((w == 0).sum()),
    }


def floor_of(w: np.ndarray, k: int, tolerance: float) -> dict[str, object]:
    """``balance_floor`` as plain data; raises ImportError where the module is absent."""
    from zones.zoning.bounds import balance_floor

    floor = balance_floor(w, k, tolerance)
    units = getattr(floor, "units", ()) or ()
    return {
        "floor_deviation": _num(getattr(floor, "deviation", None)),
        "floor_others": _num(getattr(floor, "others", None)),
        "floor_reason": str(getattr(floor, "reason", "")),
        "floor_units": [int(u) for u in list(units)[:20]],
    }


def _num(value) -> float | None:
    return None if value is None else float(value)


def run_ours(units, k: int, column: str, tolerance: float) -> tuple[np.ndarray, dict]:
    """Our labels, plus the warning codes and metrics the engine reported."""
    from zones.zoning.facade import plan_zones

    result = plan_zones(units, k, workload=column, tolerance=tolerance, seed=0)
    said = [
        {"code": i.code, **{p: _plain(v) for p, v in dict(i.params).items()}}
        for i in result.warnings
    ]
    metrics = {m: _plain(v) for m, v in dict(result.metrics).items()}
    return result.labels.to_numpy(), {"warnings": said, "metrics": metrics}


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value if isinstance(value, int | float | str | bool | type(None)) else str(value)[:200]


def _child(method: str, units, k: int, column: str, tolerance: float, queue, out: str) -> None:
    fd = os.open(out, os.O_WRONLY)  # METIS prints to the C stdout: keep it for the record
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    warnings.simplefilter("ignore")
    try:
        started = time.perf_counter()
        if method == "floor":
            result = floor_of(units[column].to_numpy(float), k, tolerance)
            result["seconds"] = time.perf_counter() - started
        else:
            extra: dict = {}
            if method == "ours":
                labels, extra = run_ours(units, k, column, tolerance)
            else:
                labels = zb.run_method(method, units, k, column, tolerance=tolerance)
            seconds = time.perf_counter() - started
            result = {"seconds": seconds, **zb.score(units, labels, column, k, tolerance), **extra}
    except ImportError as exc:
        result = {"error": f"n/a ({exc})"[:200]}
    except Exception as exc:  # a peer failing is a result, not a crash of the benchmark
        result = {"error": f"{type(exc).__name__}: {exc}"[:300]}
        result["trace"] = traceback.format_exc(limit=3)[-600:]
    queue.put(result)


def run_one(method: str, units, k: int, column: str, tolerance: float, limit: float) -> dict:
    """One method on one case in a forked process (the input is inherited), with a limit."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        proc = ctx.Process(
            target=_child, args=(method, units, k, column, tolerance, queue, log.name)
        )
        started = time.perf_counter()
        proc.start()
        try:
            result = queue.get(timeout=limit)
            proc.join(5)
        except Exception:
            result = {"error": f"over {limit:.0f} s", "seconds": limit}
        if proc.is_alive():
            proc.kill()
            proc.join()
        printed = Path(log.name).read_text(errors="replace").strip()
    result["wall_seconds"] = time.perf_counter() - started
    if printed:
        result["printed"] = printed[-300:]
    return result


def selected_cases(spec: str | None) -> list[Case]:
    """``CASES`` by position: ``"0-3,7"``; all when ``spec`` is empty."""
    if not spec:
        return list(CASES)
    chosen: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        chosen.extend(range(int(first), int(last or first) + 1))
    return [CASES[i] for i in chosen]


def inputs(cases: list[Case], today: bool):
    """(name, units, zones, column, tolerance, description fields) for every input to run."""
    from zones.synth import make_scenario_layers

    layers: dict[tuple[int, int], dict] = {}
    for case in cases:
        key = (case.n, case.seed)
        if key not in layers:
            layers[key] = make_scenario_layers(case.n, seed=case.seed)
        units = build_case(case, layers[key])
        fields = {"units": case.n, "seed": case.seed, "per_zone": case.per_zone, "skew": case.skew}
        yield case.name, units, case.n // case.per_zone, "incidents", TOLERANCE, fields
    for name in TODAY if today else ():
        n, k, column = zb.INPUTS[name]
        yield name, zb.load_input(name), k, column, zb.TOLERANCE, {"units": n}


def run_all(cases: list[Case], methods: list[str], today: bool, scale: float) -> list[dict]:
    """Every method on every input, one process at a time; prints a line per result."""
    results = []
    for name, units, k, column, tolerance, fields in inputs(cases, today):
        facts = describe(units, column, k, tolerance)
        floor: dict | None = None
        for method in methods:
            limit = TIME_LIMITS[method] * scale
            if method == "gerrychain" and facts["heavy_units"]:
                # recursive_tree_part checks every district against the band: cannot succeed
                result = {"error": "cannot (a unit heavier than the band)"}
            else:
                result = run_one(method, units, k, column, tolerance, limit)
            if method == "floor":
                floor = None if "error" in result else result
            else:
                result.update(verdict(result, floor, tolerance, k))
            row = {"input": name, "zones": k, "tolerance": tolerance, **fields, **facts}
            results.append({**row, "method": method, **result})
            shown = {
                key: (round(v, 4) if isinstance(v, float) else v)
                for key, v in results[-1].items()
                if key not in ("trace", "warnings", "metrics", "printed")
            }
            print(json.dumps(shown, ensure_ascii=False), flush=True)
    return results


def _meta(started: float) -> dict[str, object]:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "zones_changed": bool(git("status", "--porcelain", "--", "zones")),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
        "total_seconds": time.perf_counter() - started,
    }


def _load(path: str) -> list[dict]:
    return json.loads(Path(path).read_text())["results"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(METHODS), help="methods (floor first)")
    parser.add_argument("--cases", help="CASES positions, e.g. 0-3,7 (default all)")
    parser.add_argument("--no-today", action="store_true", help="leave out columbus … georgia")
    parser.add_argument("--time-scale", type=float, default=1.0, help="× every time limit")
    parser.add_argument("--out", default=str(ROOT / "bench" / "out" / "zoning_coarse.json"))
    parser.add_argument("--summary", help="print the table of a results file and stop")
    parser.add_argument("--before", help="results file whose 'ours' is the before column")
    parser.add_argument("--list", action="store_true", help="print the cases and stop")
    args = parser.parse_args(argv)
    if args.list:
        for i, case in enumerate(CASES):
            print(i, case.name, f"k={case.n // case.per_zone}")
        return 0
    if args.summary:
        print(markdown(_load(args.summary), _load(args.before) if args.before else None))
        return 0
    started = time.perf_counter()
    methods = [m for m in METHODS if m in args.only.split(",")]
    results = run_all(selected_cases(args.cases), methods, not args.no_today, args.time_scale)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = _meta(started)
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
    print(markdown(results, _load(args.before) if args.before else None))
    print(f"\n{meta['total_seconds']:.0f} s in all; results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
