"""A zone's patrol loop (平峰巡线): the road graph it may use, the tour through its stops, and
the closed line along the roads (or straight between the stops, without roads)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy.sparse.csgraph import dijkstra

from zones.patrol.roads import RoadGraph
from zones.patrol.routing import Tour, solve_tour
from zones.patrol.settings import APPROX_SPEED_KMH, ROOM_PRIZE, ZONE_MARGIN_M
from zones.patrol.stops import Stops


@dataclass
class ZoneRoads:
    """The roads a zone's loop may use: those within ``ZONE_MARGIN_M`` of the zone
    (``local``), and the whole network (``full``) for stops they do not join up."""

    local: RoadGraph
    full: RoadGraph
    candidates: np.ndarray  # the zone's own road nodes' points: where posts and hotspots go


def zone_roads(road: RoadGraph, poly: shapely.Geometry, nodes_in: np.ndarray) -> ZoneRoads:
    """The road graph near the zone ``poly`` whose own nodes are ``nodes_in``."""
    x, y = road.xy[:, 0], road.xy[:, 1]
    near = shapely.buffer(poly, ZONE_MARGIN_M)
    x0, y0, x1, y1 = shapely.bounds(near)
    box = np.flatnonzero((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
    keep = np.zeros(road.n_nodes, dtype=bool)
    keep[box[shapely.contains_xy(near, x[box], y[box])]] = True
    keep[nodes_in] = True
    local, nodes = road.subgraph(keep)
    return ZoneRoads(local, road, local.xy[np.searchsorted(nodes, nodes_in)])


@dataclass
class Loop:
    """A zone's tour and its line.

    ``road`` is the graph the tour was routed on (None without roads); ``dwell`` the minutes at
    each stop; ``cut_off`` marks the stops no road joins to the base; ``line`` is None when the
    loop never leaves the base's point.
    """

    tour: Tour
    dwell: np.ndarray
    cut_off: np.ndarray
    line: shapely.LineString | None
    road: RoadGraph | None


def plan_loop(
    stops: Stops,
    roads: ZoneRoads | None,
    *,
    detour: float,
    budget_minutes: float,
    stop_minutes: float,
    branches: int,
) -> Loop:
    """The best loop from the base through the stops within the budget (``roads`` None:
    straight lines at ``APPROX_SPEED_KMH``, distances × ``detour``)."""
    xy = np.asarray(stops.xy, dtype=float)
    kind = np.array(stops.kind)
    dwell = np.where(kind == "hotspot", stop_minutes, 0.0)
    prize = np.where(kind == "hotspot", np.asarray(stops.incidents, float), ROOM_PRIZE)
    road = None
    if roads is None:
        km = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1)) / 1000.0
        travel = km * detour / APPROX_SPEED_KMH * 60.0
    else:
        road = roads.local
        stop_node, _, row, pred, travel = _travel(road, xy)
        reach = np.isfinite(travel[0]) & np.isfinite(travel[:, 0])
        if not reach.all():  # the zone's own roads do not join up: use the whole network
            road = roads.full
            # (no leg longer than the budget can be driven, which bounds the search)
            stop_node, _, row, pred, travel = _travel(road, xy, budget_minutes)
    tour = solve_tour(
        travel, prize=prize, dwell_minutes=dwell, budget_minutes=budget_minutes, branches=branches
    )
    # no road at all (another piece of the network), as opposed to too far for the budget
    cut_off = np.zeros(len(xy), dtype=bool)
    if road is not None:
        pieces = road.component[stop_node]
        cut_off = pieces != pieces[0]
    line = None
    order = list(tour.order)
    if len(order) >= 2:
        closed = [*order, order[0]]
        if road is None:
            coords = xy[closed]
        else:
            walk = [int(stop_node[order[0]])]
            for a, b in zip(closed[:-1], closed[1:], strict=True):
                walk.extend(_walk(pred[row[a]], int(stop_node[a]), int(stop_node[b]))[1:])
            coords = road.path_coords(walk)
        if len(coords) >= 2 and np.hypot(*(coords[1:] - coords[:-1]).T).sum() > 0:
            line = shapely.LineString(coords)
    return Loop(tour, dwell, cut_off, line, road)


def line_rows(zone_id: str, loop: Loop, approximate: bool) -> list[dict]:
    """The loop as a row of the patrol-lines layer (none without a line)."""
    if loop.line is None:
        return []
    return [
        {
            "zone_id": zone_id,
            "length_m": round(float(loop.line.length), 1),
            "minutes": round(loop.tour.minutes, 1),
            "drive_minutes": round(loop.tour.drive_minutes, 1),
            "stops": len(loop.tour.order) - 1,
            "approximate": approximate,
            "geometry": loop.line,
        }
    ]


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
