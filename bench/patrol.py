"""Patrol benchmark: posts and patrol lines for 40 zones on a road graph of about 100,000 edges.

Generates a station of ``--side`` × ``--side`` road junctions 120 m apart (a grid with 10% of
its streets missing and random road classes), cut into 8 × 5 rectangular zones with 5 village
police rooms each, and incidents in 18 hotspots per zone (plus background, with morning and
evening peaks). Then, in one run:

- **build**: :func:`zones.patrol.roads.build_road_graph` on the street lines;
- **ours**: :func:`zones.patrol.plan_patrols` with a budget large enough for every stop (so tour
  quality can be checked against exact tours), and again with the default 60-minute budget;
- **quality**: each zone's tour against (a) the exact optimum by Held–Karp on its base and first
  10 stops, solved by our router on the same stops, and (b) OR-Tools guided local search run
  20× longer on all its stops (and at other efforts);
- **networkx peers** on the same travel matrices: Christofides and greedy tours; and the time
  networkx's Dijkstra takes for one zone's stops on the whole graph (× 40 for all zones).

    .venv/bin/python bench/patrol.py              # about 3 minutes; writes bench/out/patrol.json

Results are summarised into bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CRS = "EPSG:32650"
SPACING_M = 120.0
ORIGIN = (400_000.0, 4_500_000.0)
CLASSES = ["residential", "unclassified", "tertiary", "secondary"]
LONG_BRANCHES = 10_000  # the reference search: 20× our default effort
SWEEP = (100, 200, 1_000)


def make_station(side: int, seed: int):
    """Streets, zones, villages, rooms and incidents of a generated station (metric CRS)."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    rng = np.random.default_rng(seed)
    x0, y0 = ORIGIN
    coords = np.arange(side) * SPACING_M
    gx, gy = np.meshgrid(coords, coords)
    ids = np.arange(side * side).reshape(side, side)
    a = np.r_[ids[:, :-1].ravel(), ids[:-1, :].ravel()]
    b = np.r_[ids[:, 1:].ravel(), ids[1:, :].ravel()]
    keep = rng.random(len(a)) > 0.10
    a, b = a[keep], b[keep]
    xy = np.c_[gx.ravel() + x0, gy.ravel() + y0]
    lines = shapely.linestrings(np.stack([xy[a], xy[b]], axis=1))
    roads = gpd.GeoDataFrame(
        {"highway": rng.choice(CLASSES, len(lines), p=[0.5, 0.25, 0.15, 0.1])},
        geometry=lines,
        crs=CRS,
    )
    extent = (side - 1) * SPACING_M
    cols, rows = 8, 5
    w, h = extent / cols, extent / rows
    boxes = [
        shapely.box(x0 + i * w, y0 + j * h, x0 + (i + 1) * w, y0 + (j + 1) * h)
        for j in range(rows)
        for i in range(cols)
    ]
    zone_ids = [f"Z{k:02d}" for k in range(len(boxes))]
    zones = gpd.GeoDataFrame({"zone_id": zone_ids}, geometry=boxes, crs=CRS)
    villages = gpd.GeoDataFrame(
        {"village_id": [f"V{k:02d}" for k in range(len(boxes))], "zone_id": zone_ids},
        geometry=boxes,
        crs=CRS,
    )
    room_rows, room_points, points, times = [], [], [], []
    start = pd.Timestamp("2025-03-03")
    for k, box in enumerate(boxes):
        bx0, by0, bx1, by1 = box.bounds
        for r in range(5):
            room_rows.append(f"V{k:02d}" if r == 0 else f"V{k:02d}-{r}")
            room_points.append(shapely.Point(rng.uniform(bx0, bx1), rng.uniform(by0, by1)))
        centres = np.c_[
            rng.uniform(bx0 + 200, bx1 - 200, 18), rng.uniform(by0 + 200, by1 - 200, 18)
        ]
        for c in centres:
            n = int(rng.integers(6, 20))
            points += list(c + rng.normal(0, 60, (n, 2)))
        n_bg = 60
        points += list(np.c_[rng.uniform(bx0, bx1, n_bg), rng.uniform(by0, by1, n_bg)])
    n = len(points)
    hours = rng.choice(24, n, p=_hour_weights())
    times = (
        start
        + pd.to_timedelta(rng.integers(0, 28, n), unit="D")
        + pd.to_timedelta(hours * 60 + rng.integers(0, 60, n), unit="min")
    )
    incidents = gpd.GeoDataFrame(
        {"time": times}, geometry=shapely.points(np.asarray(points)), crs=CRS
    )
    # every room's village is its zone's village (one village per zone here)
    rooms = gpd.GeoDataFrame(
        {"village_id": [r.split("-")[0] for r in room_rows]}, geometry=room_points, crs=CRS
    )
    return roads, zones, villages, rooms, incidents


def _hour_weights() -> np.ndarray:
    w = np.ones(24)
    w[[7, 8, 17, 18]] = 2.5
    w[[2, 3, 4]] = 0.4
    return w / w.sum()


def travel_of(zone_stops, graph):
    """Per zone: the travel-minute matrix between its stops, as our planner sees them."""
    from scipy.sparse.csgraph import dijkstra

    out = {}
    for zone_id, xy in zone_stops.items():
        nodes, _ = graph.nearest_nodes(xy)
        out[zone_id] = dijkstra(graph.minutes, directed=True, indices=nodes)[:, nodes]
    return out


def tour_len(travel, order) -> float:
    order = list(order)
    return float(sum(travel[a, b] for a, b in zip(order, order[1:] + order[:1], strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--side", type=int, default=236, help="junctions per side (236: ~100k edges)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "patrol.json")
    args = parser.parse_args()

    import networkx as nx
    import shapely

    from tests.oracles import held_karp
    from zones.patrol.lines import plan_patrols
    from zones.patrol.roads import build_road_graph
    from zones.patrol.routing import solve_tour

    roads, zones, villages, rooms, incidents = make_station(args.side, args.seed)
    t = time.perf_counter()
    graph = build_road_graph(roads, CRS)
    build_s = time.perf_counter() - t
    print(f"graph: {graph.n_nodes:,} nodes, {graph.n_edges:,} edges, built in {build_s:.2f} s")

    results: dict[str, object] = {
        "nodes": graph.n_nodes,
        "edges": graph.n_edges,
        "incidents": len(incidents),
        "build_s": round(build_s, 3),
    }
    runs = {}
    for label, budget in (("all stops", 600.0), ("60 min", 60.0)):
        best = np.inf
        for _ in range(3):
            t = time.perf_counter()
            plan = plan_patrols(
                zones,
                villages,
                incidents,
                rooms,
                None,
                graph,
                crs=CRS,
                budget_minutes=budget,
                max_hotspots=16,
                stop_minutes=12.0,
            )
            best = min(best, time.perf_counter() - t)
        stops = plan.stops
        visited = stops[stops["status"] == "visited"]
        runs[label] = plan
        results[label] = {
            "seconds": round(best, 3),
            "lines": len(plan.patrols),
            "posts": len(plan.posts),
            "stops_per_zone": round(len(stops) / len(zones), 1),
            "visited_per_zone": round(len(visited) / len(zones), 1),
            "offpeak_coverage": plan.metrics["patrol_coverage_offpeak"],
            "peak_coverage": plan.metrics["post_coverage_peak"],
            "base_median_m": plan.metrics["base_distance_m_median"],
            "base_p90_m": plan.metrics["base_distance_m_p90"],
            "max_minutes": float(plan.patrols["minutes"].max()),
        }
        print(label, results[label])

    # tour quality on the all-stops run: the stops of each zone, as the planner routed them
    plan = runs["all stops"]
    stops = plan.stops.to_crs(CRS)
    zone_stops = {
        z: shapely.get_coordinates(g.sort_values("order").geometry.values)
        for z, g in stops.groupby("zone_id")
    }
    travel = travel_of(zone_stops, graph)
    gaps_exact, gaps_long, christofides, greedy = [], [], [], []
    t_ours = t_long = t_chr = 0.0
    sweep = {b: [0.0, 0.0] for b in SWEEP}
    for m in travel.values():
        n = len(m)
        zero = np.zeros(n)
        t = time.perf_counter()
        ours = solve_tour(m, prize=np.ones(n), dwell_minutes=zero, budget_minutes=1e6)
        t_ours += time.perf_counter() - t
        t = time.perf_counter()
        long = solve_tour(
            m, prize=np.ones(n), dwell_minutes=zero, budget_minutes=1e6, branches=LONG_BRANCHES
        )
        t_long += time.perf_counter() - t
        for b in SWEEP:
            t = time.perf_counter()
            tried = solve_tour(
                m, prize=np.ones(n), dwell_minutes=zero, budget_minutes=1e6, branches=b
            )
            sweep[b][0] += time.perf_counter() - t
            sweep[b][1] = max(sweep[b][1], tried.drive_minutes / long.drive_minutes - 1)
        gaps_long.append(ours.drive_minutes / long.drive_minutes - 1)
        small = m[:11, :11]
        exact, _ = held_karp(small)
        mine = solve_tour(small, prize=np.ones(11), dwell_minutes=np.zeros(11), budget_minutes=1e6)
        gaps_exact.append(mine.drive_minutes / exact - 1)
        sym = np.minimum(m, m.T)
        complete = nx.complete_graph(n)
        for i, j in complete.edges:
            complete[i][j]["weight"] = sym[i, j]
        t = time.perf_counter()
        cyc = nx.approximation.traveling_salesman_problem(
            complete, cycle=True, method=nx.approximation.christofides
        )
        t_chr += time.perf_counter() - t
        christofides.append(tour_len(m, cyc[:-1]) / ours.drive_minutes - 1)
        gre = nx.approximation.greedy_tsp(complete, source=0)
        greedy.append(tour_len(m, gre[:-1]) / ours.drive_minutes - 1)
    results["quality"] = {
        "zones": len(travel),
        "stops_per_tour": round(float(np.mean([len(m) for m in travel.values()])), 1),
        "vs_exact_11_max_pct": round(100 * max(gaps_exact), 3),
        "vs_long_search_max_pct": round(100 * max(gaps_long), 3),
        "vs_long_search_mean_pct": round(100 * float(np.mean(gaps_long)), 3),
        "ours_tours_s": round(t_ours, 3),
        "long_search_s": round(t_long, 3),
        "christofides_worse_mean_pct": round(100 * float(np.mean(christofides)), 2),
        "christofides_worse_max_pct": round(100 * max(christofides), 2),
        "christofides_s": round(t_chr, 3),
        "greedy_worse_mean_pct": round(100 * float(np.mean(greedy)), 2),
        "branch_sweep": {
            str(b): {"seconds": round(s, 3), "max_gap_pct": round(100 * g, 3)}
            for b, (s, g) in sweep.items()
        },
    }
    print("quality", results["quality"])

    # networkx Dijkstra for one zone's stops on the whole graph (as a pure-networkx planner would)
    coo = graph.minutes.tocoo()
    g = nx.DiGraph()
    g.add_weighted_edges_from(
        zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
    )
    first = next(iter(zone_stops.values()))
    nodes, _ = graph.nearest_nodes(first)
    t = time.perf_counter()
    for s in nodes:
        nx.single_source_dijkstra_path_length(g, int(s), weight="weight")
    one_zone = time.perf_counter() - t
    results["networkx_dijkstra_one_zone_s"] = round(one_zone, 3)
    results["networkx_dijkstra_40_zones_s_est"] = round(one_zone * len(zones), 1)
    print(f"networkx Dijkstra, one zone's {len(nodes)} stops: {one_zone:.2f} s")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
