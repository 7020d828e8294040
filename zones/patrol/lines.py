"""Peak-hour posts and off-peak patrol lines for every zone (高峰站岗、平峰巡线).

For each zone:

- **posts**: the few road points inside the zone that cover the most peak-hour incidents within
  ``radius_m`` (greedy maximum coverage), each with the peak windows its incidents fall in
  (:mod:`zones.patrol.posts`);
- **patrol line**: a closed loop on the road graph from the zone's base (the station when it lies
  in the zone, else the village police room nearest the zone's incidents) through the zone's
  off-peak hotspots (a stop of ``stop_minutes`` at each, the Koper-curve practice of 10–16
  minutes) and past its village police rooms (:mod:`zones.patrol.stops`), within
  ``budget_minutes``; the order comes from OR-Tools (:mod:`zones.patrol.routing`,
  :mod:`zones.patrol.loops`), stops that do not fit are listed;
- **coverage**: the share of off-peak incidents within ``radius_m`` of the line, of peak
  incidents within ``radius_m`` of a post, and the road distance from the base to the zone's
  incidents (median, 90th percentile, maximum) (:mod:`zones.patrol.figures`).

Without roads the lines are drawn straight between stops (straight distance × ``detour``) and
marked ``approximate``, and a warning says so.

This module holds :func:`plan_patrols` and re-exports the settings (:mod:`zones.patrol.settings`)
and the result (:mod:`zones.patrol.result`) that callers import from here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.patrol.figures import base_distances, plan_metrics, zone_figures
from zones.patrol.inputs import PatrolInputs, read_inputs
from zones.patrol.issues import base_unreachable, patrol_warnings, timed_out
from zones.patrol.loops import line_rows, plan_loop, zone_roads
from zones.patrol.peaks import PeakWindow
from zones.patrol.places import with_places
from zones.patrol.posts import place_posts, post_rows
from zones.patrol.result import (
    PATROL_COLUMNS,
    POST_COLUMNS,
    STOP_COLUMNS,
    WGS84,
    PatrolPlan,
    empty_patrol_plan,
    frame,
)
from zones.patrol.roads import RoadGraph
from zones.patrol.routing import DEFAULT_BRANCHES
from zones.patrol.settings import (
    APPROX_SPEED_KMH,
    BUDGET_MINUTES,
    MAX_BUDGET_MINUTES,
    MAX_RADIUS_M,
    MIN_HOTSPOT_INCIDENTS,
    MIN_POST_INCIDENTS,
    POST_WINDOW_SHARE,
    POSTS_PER_ZONE,
    RADIUS_M,
    ROOM_PRIZE,
    ROOMS_TRIED,
    STOP_MINUTES,
    ZONE_MARGIN_M,
    PatrolError,
    check_settings,
    resolve_windows,
)
from zones.patrol.stops import Stops, find_base, stop_rows
from zones.zoning.polygons import ZONE_ID

# the names this module held before it was split (zones.patrol.lines keeps working)
__all__ = [
    "APPROX_SPEED_KMH",
    "BUDGET_MINUTES",
    "MAX_BUDGET_MINUTES",
    "MAX_RADIUS_M",
    "MIN_HOTSPOT_INCIDENTS",
    "MIN_POST_INCIDENTS",
    "PATROL_COLUMNS",
    "POST_COLUMNS",
    "POST_WINDOW_SHARE",
    "POSTS_PER_ZONE",
    "RADIUS_M",
    "ROOM_PRIZE",
    "ROOMS_TRIED",
    "STOP_COLUMNS",
    "STOP_MINUTES",
    "WGS84",
    "ZONE_MARGIN_M",
    "PatrolError",
    "PatrolPlan",
    "check_settings",
    "empty_patrol_plan",
    "plan_patrols",
    "resolve_windows",
]


@dataclass(frozen=True)
class _Limits:
    """The per-zone settings of one :func:`plan_patrols` call."""

    budget_minutes: float
    stop_minutes: float
    radius_m: float
    max_hotspots: int
    max_rooms: int
    posts_per_zone: int
    detour: float
    branches: int


@dataclass
class _ZonePlan:
    """One zone's rows of the three layers, its figures and base distances."""

    lines: list[dict]
    posts: list[dict]
    stops: list[dict]
    figures: dict
    base_m: np.ndarray
    approximate: bool
    timed_out: bool


def plan_patrols(
    zones: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame,
    incidents: gpd.GeoDataFrame | None,
    rooms: gpd.GeoDataFrame,
    station: gpd.GeoDataFrame | None,
    road: RoadGraph | None,
    *,
    crs: object,
    peak_hours: str | tuple[PeakWindow, ...] | None = None,
    budget_minutes: float = BUDGET_MINUTES,
    stop_minutes: float = STOP_MINUTES,
    radius_m: float = RADIUS_M,
    max_hotspots: int | None = None,
    max_rooms: int | None = None,
    posts_per_zone: int = POSTS_PER_ZONE,
    detour: float = 1.3,
    branches: int = DEFAULT_BRANCHES,
    progress: Callable[[float, str], None] | None = None,
    roads: gpd.GeoDataFrame | None = None,
) -> PatrolPlan:
    """Posts and patrol lines for every zone.

    Parameters
    ----------
    zones
        Zone polygons with ``zone_id`` (any CRS).
    villages
        Villages with ``village_id`` and ``zone_id`` (to know each room's zone).
    incidents
        Incident points, with ``time`` when known (untimed incidents count as off-peak).
    rooms
        Village police rooms (``village_id``, points), one per village.
    station
        The station point(s); the first is the base of the zone it lies in.
    road
        The road graph in ``crs`` (:func:`~zones.patrol.roads.build_road_graph`), or None for
        straight lines marked approximate.
    crs
        The metric CRS the road graph is in.
    peak_hours
        ``None`` to find the peak windows in the incidents' times, or windows as text
        (``"07:30-09:00,17:00-19:00"``) or :class:`~zones.patrol.peaks.PeakWindow` objects.
    budget_minutes, stop_minutes, radius_m
        Time for one patrol loop (driving plus stops), time at each hotspot, coverage radius.
    max_hotspots, max_rooms, posts_per_zone
        Most hotspot stops, room stops and posts per zone. Hotspots default to as many as the
        budget could hold with nothing but stops (``budget_minutes // stop_minutes``); rooms to
        the 6 (or ``max_hotspots``, if more) nearest the base and the hotspots, the others
        being listed as ``far``.
    detour
        Road distance ≈ straight line × this, without roads.
    branches
        Search effort of the tour solver (see :func:`zones.patrol.routing.solve_tour`); the
        same on every machine. A tour search stopped by its wall-clock safety net instead is
        reported (warning ``patrol_time_limit``).
    progress
        Called with the share done and ``"patrol"`` before each zone.
    roads
        The scenario's ``roads`` layer (any CRS), whose ``name`` names the road at each post
        and stop (``road_name``); without it only the village is named
        (:mod:`zones.patrol.places`).

    Raises
    ------
    PatrolError
        For a budget or radius that is not positive.
    zones.patrol.peaks.PeakHoursError
        For peak windows given as unreadable text.
    """
    check_settings(budget_minutes, stop_minutes, radius_m)
    report = progress or (lambda fraction, message: None)
    if max_hotspots is None:
        max_hotspots = max(1, int(budget_minutes // max(stop_minutes, 1.0)))
    if max_rooms is None:
        max_rooms = max(ROOMS_TRIED, max_hotspots)
    limits = _Limits(
        budget_minutes,
        stop_minutes,
        radius_m,
        max_hotspots,
        max_rooms,
        posts_per_zone,
        detour,
        branches,
    )
    found = read_inputs(
        zones, villages, incidents, rooms, station, road, crs=crs, peak_hours=peak_hours
    )
    k = len(found.zone_ids)
    plans: list[_ZonePlan] = []
    for z in range(k):
        report(z / max(k, 1), "patrol")
        plans.append(_plan_zone(found, z, road, limits))
    report(1.0, "patrol")
    result = _assemble(plans, found, road, crs, limits)
    own = result.stops["ref"].where(result.stops["kind"] != "hotspot", "")
    return dataclasses.replace(
        result,
        posts=with_places(result.posts, villages, roads, crs=crs),
        stops=with_places(result.stops, villages, roads, crs=crs, own_village=own),
    )


def _plan_zone(found: PatrolInputs, z: int, road: RoadGraph | None, limits: _Limits) -> _ZonePlan:
    """Posts, stops and the loop of zone number ``z``."""
    zid, poly = found.zone_ids[z], found.polys[z]
    mine = np.flatnonzero(found.inc_zone == z)
    on, off = mine[found.peak[mine]], mine[~found.peak[mine]]
    my_rooms = np.flatnonzero(found.room_zone == z)
    base_xy, base_ref, base_room = find_base(
        poly, found.station_xy, found.room_xy, found.room_ids, my_rooms, found.inc_xy[mine]
    )
    nodes_in = np.flatnonzero(found.node_zone == z) if road is not None else np.empty(0)
    roads = zone_roads(road, poly, nodes_in) if road is not None and len(nodes_in) else None
    # on roads: posts and hotspots at the zone's road nodes; else at incident places
    post_xy = found.inc_xy[on] if roads is None else roads.candidates
    hot_xy = found.inc_xy[off] if roads is None else roads.candidates
    posts = place_posts(
        post_xy,
        found.inc_xy[on],
        found.minutes[on],
        found.windows,
        limits.radius_m,
        limits.posts_per_zone,
    )
    stops = Stops.at_base(base_xy, base_ref)
    stops.add_hotspots(hot_xy, found.inc_xy[off], limits.radius_m, limits.max_hotspots)
    stops.add_rooms(
        found.room_xy, found.room_ids, my_rooms[my_rooms != base_room], limits.max_rooms
    )
    loop = plan_loop(
        stops,
        roads,
        detour=limits.detour,
        budget_minutes=limits.budget_minutes,
        stop_minutes=limits.stop_minutes,
        branches=limits.branches,
    )
    base_m = base_distances(base_xy, found.inc_xy[mine], poly, roads, loop, limits.detour)
    approximate = roads is None
    return _ZonePlan(
        lines=line_rows(zid, loop, approximate),
        posts=post_rows(zid, posts, approximate),
        stops=stop_rows(zid, stops, loop.tour.order, loop.dwell, loop.cut_off),
        figures=zone_figures(
            zid, found.inc_xy[off], found.inc_xy[on], stops, posts, loop, limits.radius_m, base_m
        ),
        base_m=base_m,
        approximate=approximate,
        timed_out=loop.tour.timed_out,
    )


def _assemble(
    plans: list[_ZonePlan],
    found: PatrolInputs,
    road: RoadGraph | None,
    crs: object,
    limits: _Limits,
) -> PatrolPlan:
    """The zones' rows as layers, their figures as a table, the metrics and the warnings."""
    patrols = frame([row for p in plans for row in p.lines], PATROL_COLUMNS, crs)
    posts = frame([row for p in plans for row in p.posts], POST_COLUMNS, crs)
    stops = frame([row for p in plans for row in p.stops], STOP_COLUMNS, crs)
    figures = [p.figures for p in plans]
    table = pd.DataFrame(figures).set_index(ZONE_ID) if figures else pd.DataFrame()
    base_m = [p.base_m for p in plans]
    metrics = plan_metrics(table, base_m, found.windows, found.source, patrols, posts, stops)
    approximate_zones = [p.figures[ZONE_ID] for p in plans if p.approximate]
    metrics["peak_weekdays"] = ",".join(map(str, found.weekdays))
    metrics["incidents_outside_zones"] = int((found.inc_zone < 0).sum())
    metrics["patrol_approximate"] = bool(approximate_zones)
    warnings = patrol_warnings(
        road,
        approximate_zones,
        found.windows,
        found.source,
        int(np.isfinite(found.minutes).sum()),
        stops,
        table,
        limits.budget_minutes,
    )
    unreachable = metrics["base_unreachable"]
    if isinstance(unreachable, int) and unreachable:
        warnings.append(base_unreachable(unreachable))
    stopped = [p.figures[ZONE_ID] for p in plans if p.timed_out]
    if stopped:
        warnings.append(timed_out(stopped, limits.branches))
    return PatrolPlan(patrols, posts, stops, table, metrics, tuple(warnings))
