"""The roads layer: a classed, noded road network from national road to village streets.

Roads between villages run settlement -> a point on the shared border -> settlement. A spanning
tree of village links is the tertiary network (with a few more links unclassified); the routes
from the station's seat to the far ends of the jurisdiction become the national (trunk) and
provincial (primary) roads, and routes between neighbouring township seats the county roads
(secondary). Villages get streets; communities a one-way ring road.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra, minimum_spanning_tree

from zones import columns as C
from zones.synth.lonlat import wgs84_frame
from zones.synth.names import STREET_NAMES
from zones.synth.noding import clean_lines, node_lines
from zones.synth.tessellation import Tessellation
from zones.synth.townships import Administration

TRUNK_NAME = "G208国道"
PRIMARY_NAME = "S211省道"

# road classes, from the most to the least important
TRUNK, PRIMARY, SECONDARY, TERTIARY, UNCLASSIFIED, RESIDENTIAL = range(6)
_NONE = 99
_HIGHWAY = ("trunk", "primary", "secondary", "tertiary", "unclassified", "residential")

# pieces of road: (coords (m, 3, 2) in metres, class codes, names, one-way flags)
_Pieces = list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
_PairFinder = Callable[[np.ndarray, np.ndarray], np.ndarray]


def roads_layer(
    rng: np.random.Generator,
    tess: Tessellation,
    admin: Administration,
    project: Callable[[np.ndarray], np.ndarray],
    village_names: np.ndarray,
) -> tuple[gpd.GeoDataFrame, np.ndarray, np.ndarray]:
    """Roads as noded LineStrings, plus their metric geometries and class codes."""
    n = tess.n
    centre, border = tess.centre_xy, tess.adj_border_xy
    adj_i, adj_j = tess.adj_i, tess.adj_j
    length = np.hypot(*(centre[adj_i] - border).T) + np.hypot(*(border - centre[adj_j]).T)
    graph = coo_matrix((length, (adj_i, adj_j)), shape=(n, n)).tocsr()
    pair_key = adj_i.astype(np.int64) * n + adj_j
    pair_order = np.argsort(pair_key)

    def pairs_of(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        key = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
        return pair_order[np.searchsorted(pair_key[pair_order], key)]

    road_class, trunk_ends = _link_classes(rng, tess, admin.station_seat, graph, length, pairs_of)
    corridor = _mark_corridors(graph, admin.seats, tess, length, pairs_of, road_class)
    pieces = _links(rng, tess, road_class, corridor, village_names)
    pieces += _trunk_stubs(tess, trunk_ends)
    pieces += _streets(rng, tess, admin)
    return _roads_frame(pieces, project)


def _link_classes(
    rng: np.random.Generator,
    tess: Tessellation,
    seat: int,
    graph: object,
    length: np.ndarray,
    pairs_of: _PairFinder,
) -> tuple[np.ndarray, tuple[int, int]]:
    """Class of each village link (tertiary tree, unclassified extras, trunk and primary).

    Returns the classes and the two villages where the national road ends.
    """
    n = tess.n
    centre = tess.centre_xy
    road_class = np.full(len(tess.adj_i), _NONE)
    spanning = minimum_spanning_tree(graph).tocoo()
    road_class[pairs_of(spanning.row, spanning.col)] = TERTIARY
    spare = np.flatnonzero(road_class == _NONE)
    score = length[spare] * np.exp(rng.normal(0.0, 0.3, len(spare)))
    extra = spare[np.argsort(score, kind="stable")[: round(0.25 * (n - 1))]]
    road_class[extra] = UNCLASSIFIED

    _, predecessors = dijkstra(graph, directed=False, indices=seat, return_predecessors=True)
    ends = {
        TRUNK: (int(np.argmax(centre[:, 1])), int(np.argmin(centre[:, 1]))),
        PRIMARY: (int(np.argmin(centre[:, 0])), int(np.argmax(centre[:, 0]))),
    }
    for code in (PRIMARY, TRUNK):
        for end in ends[code]:
            a, b = _path_pairs(predecessors, end)
            if len(a):
                chosen = pairs_of(a, b)
                road_class[chosen] = np.minimum(road_class[chosen], code)
    return road_class, ends[TRUNK]


def _mark_corridors(
    graph: object,
    seats: np.ndarray,
    tess: Tessellation,
    length: np.ndarray,
    pairs_of: _PairFinder,
    road_class: np.ndarray,
) -> np.ndarray:
    """Raise the links between township seats to county roads (in ``road_class``).

    Returns the corridor number of each link (-1 off the corridors); the first corridor
    through a link names it.
    """
    corridor = np.full(len(tess.adj_i), -1)
    routes = _seat_corridors(graph, seats, tess.adj_i, tess.adj_j, length)
    if routes:
        number = np.repeat(np.arange(len(routes)), [len(a) for a, _ in routes])
        chosen = pairs_of(
            np.concatenate([a for a, _ in routes]), np.concatenate([b for _, b in routes])
        )
        first = np.unique(chosen, return_index=True)[1]  # the first corridor names a road
        corridor[chosen[first]] = number[first]
        road_class[chosen] = np.minimum(road_class[chosen], SECONDARY)
    return corridor


def _links(
    rng: np.random.Generator,
    tess: Tessellation,
    road_class: np.ndarray,
    corridor: np.ndarray,
    village_names: np.ndarray,
) -> _Pieces:
    """Inter-village roads: settlement -> point on the shared border -> settlement."""
    centre, border = tess.centre_xy, tess.adj_border_xy
    adj_i, adj_j = tess.adj_i, tess.adj_j
    built = np.flatnonzero(road_class != _NONE)
    coords = np.stack([centre[adj_i[built]], border[built], centre[adj_j[built]]], axis=1)
    x_base = int(rng.integers(300, 700))
    names = _road_names(road_class[built], corridor[built], x_base)
    tertiary = road_class[built] == TERTIARY
    names[tertiary] = [
        f"{village_names[a]}至{village_names[b]}公路"
        for a, b in zip(adj_i[built][tertiary], adj_j[built][tertiary], strict=True)
    ]
    return [(coords, road_class[built], names, np.zeros(len(built), dtype=bool))]


def _trunk_stubs(tess: Tessellation, ends: tuple[int, int]) -> _Pieces:
    """The national road runs on to the jurisdiction border at both ends."""
    centre = tess.centre_xy
    outline = shapely.get_exterior_ring(tess.jurisdiction_xy)
    pieces: _Pieces = []
    for end in ends:
        start = shapely.Point(centre[end])
        exit_point = shapely.line_interpolate_point(
            outline, shapely.line_locate_point(outline, start)
        )
        target = np.asarray(exit_point.coords[0])
        stub = np.stack([centre[end], centre[end] + 0.995 * (target - centre[end])])[None]
        if np.hypot(*(stub[0, 1] - stub[0, 0])) > 1.0:
            coords = np.concatenate(
                [stub[:, :1], (stub[:, :1] + stub[:, 1:]) / 2.0, stub[:, 1:]], axis=1
            )
            names = np.array([TRUNK_NAME], dtype=object)
            pieces.append((coords, np.array([TRUNK]), names, np.array([False])))
    return pieces


def _streets(rng: np.random.Generator, tess: Tessellation, admin: Administration) -> _Pieces:
    """Village streets: 2–3 spokes per village, 4–5 in communities, and their ring roads."""
    n = tess.n
    centre = tess.centre_xy
    community = admin.kind == C.KIND_COMMUNITY
    spokes = np.where(community, rng.integers(4, 6, n), rng.integers(2, 4, n))
    owner = np.repeat(np.arange(n), spokes)
    index = np.arange(len(owner)) - np.repeat(np.cumsum(spokes) - spokes, spokes)
    turn = rng.uniform(0.0, 2.0 * np.pi, n)[owner]
    angle = turn + 2.0 * np.pi * index / spokes[owner] + rng.normal(0.0, 0.25, len(owner))
    reach = tess.clearance[owner] * rng.uniform(0.35, 0.8, len(owner))
    bend = angle + rng.normal(0.0, 0.12, len(owner))
    origin = centre[owner]
    middle = origin + 0.5 * reach[:, None] * np.column_stack([np.cos(bend), np.sin(bend)])
    tip = origin + reach[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    street = community[owner] | (index == 0) | (rng.random(len(owner)) < 0.5)
    street_name = np.asarray(STREET_NAMES, dtype=object)[
        rng.integers(len(STREET_NAMES), size=len(owner))
    ]
    pieces: _Pieces = [
        (
            np.stack([origin, middle, tip], axis=1),
            np.where(street, RESIDENTIAL, UNCLASSIFIED),
            np.where(community[owner], street_name, ""),
            np.zeros(len(owner), dtype=bool),
        )
    ]
    towns = np.flatnonzero(community)
    if len(towns):
        pieces += _ring_roads(rng, tess, towns)
    return pieces


def _ring_roads(rng: np.random.Generator, tess: Tessellation, towns: np.ndarray) -> _Pieces:
    """A one-way square ring road (环城路) around each community and a link to its centre."""
    centre = tess.centre_xy
    radius = 0.3 * tess.clearance[towns]
    phase = rng.uniform(0.0, np.pi / 2.0, len(towns))
    corner_angle = phase[:, None] + np.arange(5)[None, :] * np.pi / 2.0
    corners = centre[towns][:, None, :] + radius[:, None, None] * np.stack(
        [np.cos(corner_angle), np.sin(corner_angle)], axis=2
    )
    ring = np.stack(
        [corners[:, :-1], (corners[:, :-1] + corners[:, 1:]) / 2.0, corners[:, 1:]], axis=2
    ).reshape(-1, 3, 2)
    link = np.stack([centre[towns], (centre[towns] + corners[:, 0]) / 2.0, corners[:, 0]], axis=1)
    return [
        (
            ring,
            np.full(len(ring), RESIDENTIAL),
            np.full(len(ring), "环城路", dtype=object),
            np.ones(len(ring), dtype=bool),
        ),
        (
            link,
            np.full(len(link), RESIDENTIAL),
            np.full(len(link), "", dtype=object),
            np.zeros(len(link), dtype=bool),
        ),
    ]


def _roads_frame(
    pieces: _Pieces, project: Callable[[np.ndarray], np.ndarray]
) -> tuple[gpd.GeoDataFrame, np.ndarray, np.ndarray]:
    """The noded lon/lat layer, most important roads first, and the metric lines and classes."""
    coords = np.concatenate([piece[0] for piece in pieces])
    line_class = np.concatenate([piece[1] for piece in pieces])
    names = np.concatenate([piece[2] for piece in pieces])
    oneway = np.concatenate([piece[3] for piece in pieces])
    lonlat = project(coords.reshape(-1, 2))
    geometries, kept = clean_lines(lonlat, np.repeat(np.arange(len(coords)), coords.shape[1]))
    geometries, source = node_lines(geometries)
    kept_source = kept[source]
    order = np.argsort(line_class[kept_source], kind="stable")
    kept_source = kept_source[order]
    class_code = line_class[kept_source]
    geometries_ll = geometries[order]
    layer = wgs84_frame(
        {
            C.NAME: names[kept_source].astype(str),
            C.ROAD_CLASS: np.asarray(_HIGHWAY)[class_code],
            C.SPEED_KMH: np.array(
                [C.ROAD_CLASS_SPEEDS_KMH[_HIGHWAY[c]] for c in range(len(_HIGHWAY))]
            )[class_code],
            C.ONEWAY: oneway[kept_source],
        },
        geometries_ll,
    )
    return layer, shapely.linestrings(coords), line_class


def _road_names(road_class: np.ndarray, corridor: np.ndarray, x_base: int) -> np.ndarray:
    names = np.full(len(road_class), "", dtype=object)
    names[road_class == TRUNK] = TRUNK_NAME
    names[road_class == PRIMARY] = PRIMARY_NAME
    secondary = road_class == SECONDARY
    names[secondary] = [f"X{(x_base + c) % 1000:03d}县道" for c in corridor[secondary]]
    return names


def _path_pairs(predecessors: np.ndarray, end: int) -> tuple[np.ndarray, np.ndarray]:
    """Consecutive node pairs on the shortest-path tree from its root to ``end``."""
    path = [end]
    while predecessors[path[-1]] >= 0:
        path.append(int(predecessors[path[-1]]))
    nodes = np.asarray(path)
    return nodes[:-1], nodes[1:]


def _seat_corridors(
    graph: object,
    seats: np.ndarray,
    adj_i: np.ndarray,
    adj_j: np.ndarray,
    length: np.ndarray,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shortest routes linking neighbouring township seats along a spanning tree of seats."""
    k = len(seats)
    if k < 2:
        return []
    dist, predecessors, sources = dijkstra(
        graph, directed=False, indices=seats, min_only=True, return_predecessors=True
    )
    position = np.full(len(dist), -1)
    position[seats] = np.arange(k)
    a, b = position[sources[adj_i]], position[sources[adj_j]]
    crossing = np.flatnonzero((a != b) & (a >= 0) & (b >= 0))
    if len(crossing) == 0:
        return []
    cost = dist[adj_i[crossing]] + length[crossing] + dist[adj_j[crossing]]
    low, high = np.minimum(a, b)[crossing], np.maximum(a, b)[crossing]
    order = np.lexsort((cost, high, low))
    key = low[order] * k + high[order]
    first = order[np.r_[True, key[1:] != key[:-1]]]
    tree = minimum_spanning_tree(
        coo_matrix((cost[first], (low[first], high[first])), shape=(k, k)).tocsr()
    ).tocoo()
    best = {
        (int(x), int(y)): int(crossing[e])
        for x, y, e in zip(low[first], high[first], first, strict=True)
    }
    routes = []
    for x, y in sorted(
        zip(np.minimum(tree.row, tree.col), np.maximum(tree.row, tree.col), strict=True)
    ):
        pair = best[int(x), int(y)]
        left_a, left_b = _path_pairs(predecessors, int(adj_i[pair]))
        right_a, right_b = _path_pairs(predecessors, int(adj_j[pair]))
        routes.append(
            (
                np.concatenate([left_a, [adj_i[pair]], right_a]),
                np.concatenate([left_b, [adj_j[pair]], right_b]),
            )
        )
    return routes
