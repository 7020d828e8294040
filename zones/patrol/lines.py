"""Peak-hour posts and off-peak patrol lines for every zone (高峰站岗、平峰巡线).

For each zone:

- **posts**: the few road points inside the zone that cover the most peak-hour incidents within
  ``radius_m`` (greedy maximum coverage), each with the peak windows its incidents fall in;
- **patrol line**: a closed loop on the road graph from the zone's base (the station when it lies
  in the zone, else the village police room nearest the zone's incidents) through the zone's
  off-peak hotspots (a stop of ``stop_minutes`` at each, the Koper-curve practice of 10–16
  minutes) and past its village police rooms, within ``budget_minutes``; the order comes from
  OR-Tools (:mod:`zones.patrol.routing`), stops that do not fit are listed;
- **coverage**: the share of off-peak incidents within ``radius_m`` of the line, of peak
  incidents within ``radius_m`` of a post, and the road distance from the base to the zone's
  incidents (median, 90th percentile, maximum).

Without roads the lines are drawn straight between stops (straight distance × ``detour``) and
marked ``approximate``, and a warning says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import dijkstra

from zones import columns as C
from zones.errors import ZonePlannerError
from zones.patrol.coverage import cover_matrix, greedy_cover, within
from zones.patrol.peaks import (
    PeakWindow,
    busy_weekdays,
    find_peak_windows,
    in_windows,
    minute_of_day,
    parse_peak_windows,
    windows_label,
)
from zones.patrol.roads import RoadGraph
from zones.patrol.routing import DEFAULT_BRANCHES, solve_tour
from zones.report import Issue, format_ids
from zones.zoning.polygons import ZONE_ID

BUDGET_MINUTES = 60.0
STOP_MINUTES = 12.0  # Koper curve: 10–16 minutes at a hotspot
RADIUS_M = 300.0
POSTS_PER_ZONE = 2
MIN_POST_INCIDENTS = 3
MIN_HOTSPOT_INCIDENTS = 2
ZONE_MARGIN_M = 600.0  # patrol lines may use roads this far outside their zone
ROOMS_TRIED = 6  # rooms nearest the base and hotspots offered to the router, per zone
ROOM_PRIZE = 0.5  # a room on the way is worth half an incident: visited when it fits
POST_WINDOW_SHARE = 0.25  # a post is staffed in a window holding this share of its incidents
APPROX_SPEED_KMH = 30.0
MAX_BUDGET_MINUTES = 24 * 60
MAX_RADIUS_M = 10_000
WGS84 = "EPSG:4326"
PATROL_COLUMNS = ["zone_id", "length_m", "minutes", "drive_minutes", "stops", "approximate"]
POST_COLUMNS = ["zone_id", "hours", "incidents", "approximate"]
STOP_COLUMNS = ["zone_id", "kind", "ref", "incidents", "dwell_minutes", "order", "status", "reason"]


class PatrolError(ZonePlannerError):
    """Patrol settings that cannot be used (a budget or radius that is not positive)."""


@dataclass(frozen=True)
class PatrolPlan:
    """Patrol lines, posts and stops (EPSG:4326), per-zone figures and overall metrics.

    Attributes
    ----------
    patrols
        One closed LineString per zone that has one: ``zone_id``, ``length_m``, ``minutes``
        (driving plus stops), ``drive_minutes``, ``stops``, ``approximate``.
    posts
        Points: ``zone_id``, ``hours`` (``"07:00-09:00,17:00-19:00"``), ``incidents`` (peak
        incidents within the radius), ``approximate``.
    stops
        Every candidate stop: ``zone_id``, ``kind`` (base/hotspot/room), ``ref`` (village id or
        ``station``), ``incidents``, ``dwell_minutes``, ``order`` (0 = base; -1 = left out),
        ``status`` (visited/dropped), ``reason`` when dropped: ``budget`` (does not fit),
        ``no_road`` (no road leads there and back) or ``far`` (a room farther from the loop
        than the rooms offered to the router).
    zones
        Per zone (index ``zone_id``): ``patrol_length_m``, ``patrol_minutes``, ``patrol_stops``,
        ``patrol_dropped``, ``patrol_coverage``, ``post_coverage``, ``posts``,
        ``offpeak_incidents``, ``peak_incidents``, ``base_median_m``, ``base_p90_m``,
        ``base_max_m``.
    metrics, warnings
        Overall figures and issues (layer ``patrol``).
    """

    patrols: gpd.GeoDataFrame
    posts: gpd.GeoDataFrame
    stops: gpd.GeoDataFrame
    zones: pd.DataFrame
    metrics: dict[str, object]
    warnings: tuple[Issue, ...]


def check_settings(budget_minutes: float, stop_minutes: float, radius_m: float) -> None:
    """Raise :class:`PatrolError` unless 0 < budget ≤ 24 h, 0 ≤ stop time ≤ budget and
    0 < radius ≤ 10 km (all finite)."""
    if not 0 < budget_minutes <= MAX_BUDGET_MINUTES:  # also False for NaN
        msg = (
            f"patrol budget {budget_minutes} min is not between 0 and {MAX_BUDGET_MINUTES} "
            "(one day); give e.g. 60 minutes"
        )
        raise PatrolError(msg)
    if not 0 <= stop_minutes <= budget_minutes:
        msg = (
            f"stop time {stop_minutes} min is not between 0 and the patrol budget "
            f"({budget_minutes} min); give e.g. 12 minutes"
        )
        raise PatrolError(msg)
    if not 0 < radius_m <= MAX_RADIUS_M:
        msg = f"coverage radius {radius_m} m is not between 0 and {MAX_RADIUS_M} m; give e.g. 300 m"
        raise PatrolError(msg)


def empty_patrol_plan() -> PatrolPlan:
    """A plan without posts or patrol lines (patrol planning switched off)."""
    return PatrolPlan(
        _frame([], PATROL_COLUMNS, WGS84),
        _frame([], POST_COLUMNS, WGS84),
        _frame([], STOP_COLUMNS, WGS84),
        pd.DataFrame(),
        {},
        (),
    )


def resolve_windows(
    peak_hours: str | tuple[PeakWindow, ...] | None, times: pd.Series
) -> tuple[tuple[PeakWindow, ...], str]:
    """The peak windows and where they come from (``manual``, ``incidents`` or ``default``)."""
    if isinstance(peak_hours, str):
        return parse_peak_windows(peak_hours), "manual"
    if peak_hours is not None:
        return tuple(peak_hours), "manual"
    windows, found = find_peak_windows(times)
    return windows, "incidents" if found else "default"


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
        straight
        lines marked approximate.
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
        Search effort of the tour solver (see :func:`zones.patrol.routing.solve_tour`).

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
    zones_m = zones.to_crs(crs)
    zone_ids = zones_m[ZONE_ID].astype(str).to_numpy()
    polys = zones_m.geometry.values
    k = len(zone_ids)

    # incidents: where, when, which zone
    if incidents is not None and len(incidents):
        inc = incidents.to_crs(crs)
        # one row per incident, aligned to ``times`` (NaN for a missing or non-point geometry:
        # such incidents are in no zone)
        points = inc.geometry.values
        inc_xy = np.c_[shapely.get_x(points), shapely.get_y(points)]
        times = inc[C.TIME] if C.TIME in inc else pd.Series(pd.NaT, index=inc.index)
    else:
        inc_xy = np.empty((0, 2))
        times = pd.Series([], dtype="datetime64[ns]")
    windows, source = resolve_windows(peak_hours, times)
    # weekdays need no clock time: incidents recorded with a date only count too
    dated = incidents is not None and len(incidents) and "date" in incidents
    weekdays = busy_weekdays(inc["date"] if dated else times)
    minutes_of_day = minute_of_day(times)
    peak = in_windows(minutes_of_day, windows)
    inc_zone = _zone_of(polys, inc_xy)

    # rooms and their zones
    zone_number = {z: i for i, z in enumerate(zone_ids)}
    village_zone = villages.set_index(C.VILLAGE_ID)[ZONE_ID].astype(str)
    rooms_m = rooms.to_crs(crs)
    room_xy = shapely.get_coordinates(rooms_m.geometry.values)
    room_ids = rooms_m[C.VILLAGE_ID].astype(str).to_numpy()
    room_zone = np.array(
        [zone_number.get(village_zone.get(v), -1) for v in room_ids], dtype=np.int64
    )
    station_xy = None
    if station is not None and len(station):
        station_xy = shapely.get_coordinates(station.to_crs(crs).geometry.values[:1])[0]

    node_zone = _zone_of(polys, road.xy) if road is not None else np.empty(0, dtype=np.int64)

    lines: list[dict] = []
    posts: list[dict] = []
    stops: list[dict] = []
    figures: list[dict] = []
    base_distances: list[np.ndarray] = []
    approximate_zones: list[str] = []
    for z in range(k):
        report(z / max(k, 1), "patrol")
        zid = zone_ids[z]
        mine = np.flatnonzero(inc_zone == z)
        on, off = mine[peak[mine]], mine[~peak[mine]]
        my_rooms = np.flatnonzero(room_zone == z)
        base_xy, base_ref, base_room = _base(
            polys[z], station_xy, room_xy, room_ids, my_rooms, inc_xy[mine]
        )
        zone = _ZoneWork(zid, polys[z], base_xy, base_ref, inc_xy, on, off, windows)
        zone.minute = minutes_of_day
        nodes_in = np.flatnonzero(node_zone == z) if road is not None else np.empty(0)
        if road is not None and len(nodes_in):
            zone.on_roads(road, nodes_in, radius_m, posts_per_zone, max_hotspots)
        else:
            zone.straight(radius_m, posts_per_zone, max_hotspots, detour)
            approximate_zones.append(zid)
        zone.add_rooms(room_xy, room_ids, my_rooms[my_rooms != base_room], max_rooms)
        zone.route(budget_minutes, stop_minutes, branches)
        if road is not None and not zone.approximate:
            base_m = zone.base_distances(mine)
        else:
            base_m = np.hypot(*(inc_xy[mine] - base_xy).T) * detour
        base_distances.append(base_m)
        lines.extend(zone.line_rows())
        posts.extend(zone.post_rows())
        stops.extend(zone.stop_rows())
        figures.append(zone.figures(radius_m, base_m))
    report(1.0, "patrol")

    patrols_gdf = _frame(lines, PATROL_COLUMNS, crs)
    posts_gdf = _frame(posts, POST_COLUMNS, crs)
    stops_gdf = _frame(stops, STOP_COLUMNS, crs)
    table = pd.DataFrame(figures).set_index(ZONE_ID) if figures else pd.DataFrame()
    metrics = _metrics(table, base_distances, windows, source, patrols_gdf, posts_gdf, stops_gdf)
    metrics["peak_weekdays"] = ",".join(map(str, weekdays))
    metrics["incidents_outside_zones"] = int((inc_zone < 0).sum())
    metrics["patrol_approximate"] = bool(approximate_zones)
    warnings = _warnings(
        road,
        approximate_zones,
        windows,
        source,
        int(np.isfinite(minutes_of_day).sum()),
        stops_gdf,
        table,
        budget_minutes,
    )
    if metrics["base_unreachable"]:
        warnings.append(
            Issue("warning", "patrol", None, "base_unreachable", {"n": metrics["base_unreachable"]})
        )
    return PatrolPlan(patrols_gdf, posts_gdf, stops_gdf, table, metrics, tuple(warnings))


class _ZoneWork:
    """Candidates, stops and the tour of one zone (metric coordinates)."""

    def __init__(self, zid, poly, base_xy, base_ref, inc_xy, on, off, windows):
        self.zid = zid
        self.poly = poly
        self.inc_xy = inc_xy
        self.on, self.off = on, off
        self.windows = windows
        self.minute = np.full(len(inc_xy), np.nan)
        self.approximate = False
        self.road: RoadGraph | None = None
        self.stop_xy = [base_xy]
        self.stop_kind = ["base"]
        self.stop_ref = [base_ref]
        self.stop_incidents = [0]
        self.post_xy: list[np.ndarray] = []
        self.post_hours: list[str] = []
        self.post_incidents: list[int] = []
        self.far_rooms: list[tuple[np.ndarray, str]] = []
        self.tour = None
        self.line: shapely.LineString | None = None
        self.drive = 0.0

    # --- candidates -------------------------------------------------------------------------
    def on_roads(self, road, nodes_in, radius_m, posts_per_zone, max_hotspots) -> None:
        """Posts and hotspots at road nodes inside the zone; routing on the zone's roads."""
        x, y = road.xy[:, 0], road.xy[:, 1]
        near = shapely.buffer(self.poly, ZONE_MARGIN_M)
        x0, y0, x1, y1 = shapely.bounds(near)
        box = np.flatnonzero((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
        keep = np.zeros(road.n_nodes, dtype=bool)
        keep[box[shapely.contains_xy(near, x[box], y[box])]] = True
        keep[nodes_in] = True
        self.full = road
        self.road, self.nodes = road.subgraph(keep)
        local = np.searchsorted(self.nodes, nodes_in)
        cand_xy = self.road.xy[local]
        self._posts(cand_xy, radius_m, posts_per_zone)
        self._hotspots(cand_xy, radius_m, max_hotspots)

    def straight(self, radius_m, posts_per_zone, max_hotspots, detour) -> None:
        """Without roads: posts and hotspots at incident places, straight lines."""
        self.approximate = True
        self.detour = detour
        self._posts(self.inc_xy[self.on], radius_m, posts_per_zone)
        self._hotspots(self.inc_xy[self.off], radius_m, max_hotspots)

    def _posts(self, cand_xy, radius_m, picks) -> None:
        cover = cover_matrix(cand_xy, self.inc_xy[self.on], radius_m)
        picked, covered = greedy_cover(cover, picks=picks, min_covered=MIN_POST_INCIDENTS)
        for cand, new in zip(picked, covered, strict=True):
            self.post_xy.append(cand_xy[cand])
            self.post_incidents.append(int(cover[cand].nnz))
            self.post_hours.append(self._hours(self.on[new]))

    def _hours(self, incidents: np.ndarray) -> str:
        """The peak windows a post is staffed in: those holding a fair share of its incidents."""
        if not len(self.windows):
            return ""
        counts = np.array(
            [w.contains(self.minute[incidents]).sum() for w in self.windows], dtype=float
        )
        chosen = [
            w
            for w, c in zip(self.windows, counts, strict=True)
            if c >= POST_WINDOW_SHARE * counts.sum() or c == counts.max()
        ]
        return windows_label(chosen)

    def _hotspots(self, cand_xy, radius_m, picks) -> None:
        cover = cover_matrix(cand_xy, self.inc_xy[self.off], radius_m)
        picked, covered = greedy_cover(cover, picks=picks, min_covered=MIN_HOTSPOT_INCIDENTS)
        for cand, new in zip(picked, covered, strict=True):
            self.stop_xy.append(cand_xy[cand])
            self.stop_kind.append("hotspot")
            self.stop_ref.append("")
            self.stop_incidents.append(len(new))

    def add_rooms(self, room_xy, room_ids, mine, limit: int) -> None:
        """The zone's rooms (other than the base) as pass-by stops: the ``limit`` nearest to
        the base and hotspots; the others are listed as too far to try."""
        if not len(mine):
            return
        stops = np.asarray(self.stop_xy, dtype=float)
        gap = np.hypot(*(room_xy[mine][:, None, :] - stops[None, :, :]).transpose(2, 0, 1))
        order = mine[np.lexsort((room_ids[mine], gap.min(axis=1)))]
        for r in order[:limit]:
            self.stop_xy.append(room_xy[r])
            self.stop_kind.append("room")
            self.stop_ref.append(room_ids[r])
            self.stop_incidents.append(0)
        self.far_rooms = [(room_xy[r], str(room_ids[r])) for r in order[limit:]]

    # --- the tour ---------------------------------------------------------------------------
    def route(self, budget_minutes, stop_minutes, branches) -> None:
        xy = np.asarray(self.stop_xy, dtype=float)
        kind = np.array(self.stop_kind)
        dwell = np.where(kind == "hotspot", stop_minutes, 0.0)
        prize = np.where(kind == "hotspot", np.asarray(self.stop_incidents, float), ROOM_PRIZE)
        if self.approximate:
            km = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) / 1000.0
            travel = km * self.detour / APPROX_SPEED_KMH * 60.0
            pred = None
            stop_node = None
        else:
            stop_node, _, row, pred, travel = _travel(self.road, xy)
            reach = np.isfinite(travel[0]) & np.isfinite(travel[:, 0])
            if not reach.all():  # the zone's own roads do not join up: use the whole network
                self.road = self.full
                # (no leg longer than the budget can be driven, which bounds the search)
                stop_node, _, row, pred, travel = _travel(self.road, xy, budget_minutes)
        self.tour = solve_tour(
            travel,
            prize=prize,
            dwell_minutes=dwell,
            budget_minutes=budget_minutes,
            branches=branches,
        )
        self.travel = travel
        self.dwell = dwell
        # no road at all (another piece of the network), as opposed to too far for the budget
        self.cut_off = np.zeros(len(xy), dtype=bool)
        if not self.approximate:
            pieces = self.road.component[stop_node]
            self.cut_off = pieces != pieces[0]
        order = list(self.tour.order)
        if len(order) < 2:
            return
        closed = [*order, order[0]]
        if self.approximate:
            coords = xy[closed]
        else:
            walk = [int(stop_node[order[0]])]
            for a, b in zip(closed[:-1], closed[1:], strict=True):
                walk.extend(_walk(pred[row[a]], int(stop_node[a]), int(stop_node[b]))[1:])
            coords = self.road.path_coords(walk)
        if len(coords) >= 2 and np.hypot(*(coords[1:] - coords[:-1]).T).sum() > 0:
            self.line = shapely.LineString(coords)
            self.drive = self.tour.drive_minutes

    def base_distances(self, incidents: np.ndarray) -> np.ndarray:
        """Road distance (m) from the base to each incident, on the zone's roads (on the whole
        network within three times the zone's size for those they do not reach)."""
        xy = self.inc_xy[incidents]
        out = np.full(len(xy), np.inf)
        x0, y0, x1, y1 = shapely.bounds(self.poly)
        reach_m = 3.0 * float(np.hypot(x1 - x0, y1 - y0))
        for graph in (self.road, self.full):
            base_node, base_leg = graph.nearest_nodes(self.stop_xy[0])
            nodes, legs = graph.nearest_nodes(xy)
            dist = dijkstra(graph.length_m, directed=True, indices=base_node, limit=reach_m)[0]
            missing = ~np.isfinite(out)
            out[missing] = (dist[nodes] + legs + base_leg[0])[missing]
            if np.isfinite(out).all() or graph is self.full:
                break
        return out

    # --- results ----------------------------------------------------------------------------
    def line_rows(self) -> list[dict]:
        if self.line is None:
            return []
        return [
            {
                "zone_id": self.zid,
                "length_m": round(float(self.line.length), 1),
                "minutes": round(self.tour.minutes, 1),
                "drive_minutes": round(self.tour.drive_minutes, 1),
                "stops": len(self.tour.order) - 1,
                "approximate": self.approximate,
                "geometry": self.line,
            }
        ]

    def post_rows(self) -> list[dict]:
        return [
            {
                "zone_id": self.zid,
                "hours": hours,
                "incidents": n,
                "approximate": self.approximate,
                "geometry": shapely.Point(xy),
            }
            for xy, hours, n in zip(self.post_xy, self.post_hours, self.post_incidents, strict=True)
        ]

    def stop_rows(self) -> list[dict]:
        position = {stop: i for i, stop in enumerate(self.tour.order)}
        rows = []
        for s, xy in enumerate(self.stop_xy):
            visited = s in position
            no_road = bool(self.cut_off[s])
            rows.append(
                {
                    "zone_id": self.zid,
                    "kind": self.stop_kind[s],
                    "ref": self.stop_ref[s],
                    "incidents": int(self.stop_incidents[s]),
                    "dwell_minutes": float(self.dwell[s]),
                    "order": position.get(s, -1),
                    "status": "visited" if visited else "dropped",
                    "reason": "" if visited else ("no_road" if no_road else "budget"),
                    "geometry": shapely.Point(xy),
                }
            )
        for xy, ref in self.far_rooms:
            rows.append(
                {
                    "zone_id": self.zid,
                    "kind": "room",
                    "ref": ref,
                    "incidents": 0,
                    "dwell_minutes": 0.0,
                    "order": -1,
                    "status": "dropped",
                    "reason": "far",
                    "geometry": shapely.Point(xy),
                }
            )
        return rows

    def figures(self, radius_m, base_m) -> dict:
        off_xy, on_xy = self.inc_xy[self.off], self.inc_xy[self.on]
        # a loop that never leaves the base's road node (every stop there) has no line: its
        # stops still cover what is around them
        visited = np.asarray(self.stop_xy, dtype=float)[list(self.tour.order)]
        patrolled = self.line if self.line is not None else shapely.multipoints(visited)
        line_hit = within(off_xy, patrolled, radius_m)
        posts = shapely.multipoints(np.asarray(self.post_xy)) if self.post_xy else None
        post_hit = within(on_xy, posts, radius_m)
        finite = base_m[np.isfinite(base_m)]
        return {
            ZONE_ID: self.zid,
            "patrol_length_m": round(float(self.line.length), 1) if self.line else 0.0,
            "patrol_minutes": round(self.tour.minutes, 1) if self.line else 0.0,
            "patrol_stops": len(self.tour.order) - 1,
            "patrol_dropped": len(self.tour.dropped),
            "patrol_coverage": _share(line_hit),
            "post_coverage": _share(post_hit),
            "posts": len(self.post_xy),
            "offpeak_incidents": len(self.off),
            "peak_incidents": len(self.on),
            "offpeak_covered": int(line_hit.sum()),
            "peak_covered": int(post_hit.sum()),
            "base_median_m": _round(np.median(finite)) if len(finite) else np.nan,
            "base_p90_m": _round(np.percentile(finite, 90)) if len(finite) else np.nan,
            "base_max_m": _round(finite.max()) if len(finite) else np.nan,
        }


def _travel(road: RoadGraph, xy: np.ndarray, limit: float = np.inf):
    """Stops' road nodes, access legs, Dijkstra rows and predecessors, and the travel minutes
    between stops (one-way rules honoured; ``inf`` beyond ``limit`` minutes)."""
    stop_node, legs = road.nearest_nodes(xy)
    sources, row = np.unique(stop_node, return_inverse=True)
    dist, pred = dijkstra(
        road.minutes, directed=True, indices=sources, return_predecessors=True, limit=limit
    )
    return stop_node, legs, row, pred, dist[row][:, stop_node]


def _walk(pred: np.ndarray, source: int, target: int) -> list[int]:
    """Node path from ``source`` to ``target`` along Dijkstra predecessors."""
    path = [target]
    while path[-1] != source:
        step = int(pred[path[-1]])
        if step < 0:
            msg = f"road node {target} is not reachable from {source}"
            raise ValueError(msg)
        path.append(step)
    return path[::-1]


def _zone_of(polys: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Zone number of each metric point (-1 outside every zone; the first zone on borders)."""
    out = np.full(len(xy), -1, dtype=np.int64)
    if not len(xy) or not len(polys):
        return out
    tree = shapely.STRtree(polys)
    point_pos, zone_pos = tree.query(shapely.points(xy), predicate="intersects")
    order = np.lexsort((zone_pos, point_pos))[::-1]  # smallest zone number written last
    out[point_pos[order]] = zone_pos[order]
    return out


def _base(poly, station_xy, room_xy, room_ids, mine, inc_xy) -> tuple[np.ndarray, str, int]:
    """The station when it lies in the zone, else the room nearest the zone's incidents: its
    point, its reference and its room number (-1 for the station)."""
    if station_xy is not None and shapely.contains_xy(poly, *station_xy):
        return np.asarray(station_xy, dtype=float), "station", -1
    centre = (
        inc_xy.mean(axis=0)
        if len(inc_xy)
        else shapely.get_coordinates(shapely.point_on_surface(poly))[0]
    )
    if len(mine):
        best = mine[int(np.argmin(np.hypot(*(room_xy[mine] - centre).T)))]
        return room_xy[best], str(room_ids[best]), int(best)
    return shapely.get_coordinates(shapely.point_on_surface(poly))[0], "", -1


def _share(hit: np.ndarray) -> float:
    return round(float(hit.mean()), 4) if len(hit) else np.nan


def _round(value: float) -> float:
    return round(float(value), 1)


def _frame(rows: list[dict], columns: list[str], crs: object) -> gpd.GeoDataFrame:
    if not rows:
        frame = gpd.GeoDataFrame(
            {c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=crs), crs=crs
        )
    else:
        frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
    return frame.to_crs(WGS84)


def _metrics(table, base_distances, windows, source, patrols, posts, stops) -> dict[str, object]:
    def share(covered: str, total: str) -> float:
        n = table[total].sum() if len(table) else 0
        return round(float(table[covered].sum() / n), 4) if n else float("nan")

    distances = np.concatenate(base_distances) if base_distances else np.empty(0)
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


def _ids(values) -> str:
    """Zone ids in natural order (2 before 10)."""
    return format_ids(sorted(set(map(str, values)), key=lambda z: (len(z), z)))


def _warnings(
    road, approximate_zones, windows, source, n_timed, stops, table, budget_minutes
) -> list[Issue]:
    issues: list[Issue] = []

    def warn(code: str, feature: str | None = None, **params: object) -> None:
        issues.append(Issue("warning", "patrol", feature, code, params))

    if road is None:
        warn("patrol_approximate", n=len(approximate_zones))
    elif approximate_zones:
        warn(
            "patrol_no_roads_in_zone",
            n=len(approximate_zones),
            ids=format_ids(approximate_zones),
        )
    if road is not None and road.n_components > 1:
        sizes = np.bincount(road.component)
        warn(
            "roads_disconnected",
            n=road.n_components,
            pct=f"{sizes.max() / sizes.sum() * 100:.0f}",
        )
    if source == "default":
        warn("peaks_default", n=n_timed, windows=windows_label(windows))
    elif not windows and source != "manual":
        warn("peaks_none")
    if len(stops):
        dropped = stops[stops["status"] == "dropped"]
        budget = dropped[dropped["reason"] == "budget"]
        if len(budget):
            warn(
                "patrol_stops_dropped",
                n=len(budget),
                zones=_ids(budget["zone_id"]),
                budget=f"{budget_minutes:g}",
            )
        no_road = dropped[dropped["reason"] == "no_road"]
        if len(no_road):
            warn(
                "patrol_unreachable",
                n=len(no_road),
                zones=_ids(no_road["zone_id"]),
            )
    if len(table):
        empty = table.index[table["patrol_length_m"] <= 0]
        if len(empty):
            warn("patrol_none", n=len(empty), ids=format_ids(empty))
    return issues
