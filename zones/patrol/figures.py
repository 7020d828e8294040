"""Patrol figures: coverage of incidents by lines and posts, and road distances from the base,
per zone and over the whole plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import dijkstra

from zones.patrol.coverage import within
from zones.patrol.loops import Loop, ZoneRoads
from zones.patrol.peaks import PeakWindow, windows_label
from zones.patrol.posts import Post
from zones.patrol.stops import Stops
from zones.zoning.polygons import ZONE_ID


def base_distances(
    base_xy: np.ndarray,
    inc_xy: np.ndarray,
    poly: shapely.Geometry,
    roads: ZoneRoads | None,
    loop: Loop,
    detour: float,
) -> np.ndarray:
    """Distance (m) from the base to each incident at ``inc_xy``: by road on the graph the loop
    used (on the whole network within three times the zone's size for those it does not
    reach); straight × ``detour`` without roads."""
    if roads is None or loop.road is None:
        return np.hypot(*(inc_xy - base_xy).T) * detour
    out = np.full(len(inc_xy), np.inf)
    x0, y0, x1, y1 = shapely.bounds(poly)
    reach_m = 3.0 * float(np.hypot(x1 - x0, y1 - y0))
    for graph in (loop.road, roads.full):
        base_node, base_leg = graph.nearest_nodes(base_xy)
        nodes, legs = graph.nearest_nodes(inc_xy)
        dist = dijkstra(graph.length_m, directed=True, indices=base_node, limit=reach_m)[0]
        missing = ~np.isfinite(out)
        out[missing] = (dist[nodes] + legs + base_leg[0])[missing]
        if np.isfinite(out).all() or graph is roads.full:
            break
    return out


def zone_figures(
    zone_id: str,
    offpeak_xy: np.ndarray,
    peak_xy: np.ndarray,
    stops: Stops,
    posts: list[Post],
    loop: Loop,
    radius_m: float,
    base_m: np.ndarray,
) -> dict:
    """One zone's row of ``PatrolPlan.zones``."""
    line, tour = loop.line, loop.tour
    # a loop that never leaves the base's road node (every stop there) has no line: its
    # stops still cover what is around them
    visited = np.asarray(stops.xy, dtype=float)[list(tour.order)]
    patrolled = line if line is not None else shapely.multipoints(visited)
    line_hit = within(offpeak_xy, patrolled, radius_m)
    post_points = shapely.multipoints(np.asarray([p.xy for p in posts])) if posts else None
    post_hit = within(peak_xy, post_points, radius_m)
    finite = base_m[np.isfinite(base_m)]
    return {
        ZONE_ID: zone_id,
        "patrol_length_m": round(float(line.length), 1) if line else 0.0,
        "patrol_minutes": round(tour.minutes, 1) if line else 0.0,
        "patrol_stops": len(tour.order) - 1,
        "patrol_dropped": len(tour.dropped),
        "patrol_coverage": _share(line_hit),
        "post_coverage": _share(post_hit),
        "posts": len(posts),
        "offpeak_incidents": len(offpeak_xy),
        "peak_incidents": len(peak_xy),
        "offpeak_covered": int(line_hit.sum()),
        "peak_covered": int(post_hit.sum()),
        "base_median_m": _round(np.median(finite)) if len(finite) else np.nan,
        "base_p90_m": _round(np.percentile(finite, 90)) if len(finite) else np.nan,
        "base_max_m": _round(finite.max()) if len(finite) else np.nan,
    }


def plan_metrics(
    table: pd.DataFrame,
    base_m: list[np.ndarray],
    windows: tuple[PeakWindow, ...],
    source: str,
    patrols: pd.DataFrame,
    posts: pd.DataFrame,
    stops: pd.DataFrame,
) -> dict[str, object]:
    """The plan's overall figures (``PatrolPlan.metrics``) from the per-zone ``table``, the
    base distances of every zone and the three layers."""

    def share(covered: str, total: str) -> float:
        n = table[total].sum() if len(table) else 0
        return round(float(table[covered].sum() / n), 4) if n else float("nan")

    distances = np.concatenate(base_m) if base_m else np.empty(0)
    finite = distances[np.isfinite(distances)]
    return {
        "peak_windows": windows_label(windows),
        "peak_source": source,
        "patrol_lines": len(patrols),
        "posts": len(posts),
        "patrol_stops": int((stops["status"] == "visited").sum() - len(table)) if len(stops) else 0,
        "patrol_stops_dropped": int(
            ((stops["status"] == "dropped") & (stops["reason"] != "far")).sum()
        )
        if len(stops)
        else 0,
        "patrol_rooms_far": int((stops["reason"] == "far").sum()) if len(stops) else 0,
        "patrol_coverage_offpeak": share("offpeak_covered", "offpeak_incidents"),
        "post_coverage_peak": share("peak_covered", "peak_incidents"),
        "base_distance_m_median": _round(np.median(finite)) if len(finite) else float("nan"),
        "base_distance_m_p90": _round(np.percentile(finite, 90)) if len(finite) else float("nan"),
        "base_distance_m_max": _round(finite.max()) if len(finite) else float("nan"),
        "base_unreachable": int((~np.isfinite(distances)).sum()),
    }


def _share(hit: np.ndarray) -> float:
    return round(float(hit.mean()), 4) if len(hit) else np.nan


def _round(value: float) -> float:
    return round(float(value), 1)
