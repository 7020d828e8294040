"""A routable road graph from the ``roads`` layer (metric CRS), for distances and patrol lines.

Lines are noded where they meet or cross (``shapely.node``) and cut into edges of about
``max_edge_m`` at their own vertices, so every road point lies within half an edge of a node.
Nodes are edge ends; each edge keeps its geometry, its length in metres and its travel minutes
(from ``speed_kmh``, else the class default). One-way roads (``oneway`` true) are entered only
in their drawn direction. Points are reached from their nearest road node in a straight line
(the access leg, counted in the distance).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components, dijkstra

from zones import columns as C

DEFAULT_SPEED_KMH = 30.0
MAX_EDGE_M = 250.0


@dataclass(frozen=True)
class RoadGraph:
    """Road nodes (metric xy) and directed edges with their geometry.

    Attributes
    ----------
    xy
        ``(n_nodes, 2)`` metric coordinates of the nodes.
    length_m, minutes
        Directed CSR matrices: entry ``[a, b]`` is the length (m) / travel time (min) of the
        edge from node ``a`` to node ``b``; two-way roads hold both directions.
    edge_of
        CSR of signed edge numbers: ``+(e + 1)`` when the edge is walked as drawn, ``-(e + 1)``
        when walked backwards.
    edge_coords, edge_offsets
        The edges' vertices, flattened: edge ``e`` is ``edge_coords[edge_offsets[e]:
        edge_offsets[e + 1]]``.
    component
        The weakly connected piece of the network each node belongs to.
    """

    xy: np.ndarray
    length_m: sparse.csr_matrix
    minutes: sparse.csr_matrix
    edge_of: sparse.csr_matrix
    edge_coords: np.ndarray
    edge_offsets: np.ndarray
    component: np.ndarray

    @property
    def n_nodes(self) -> int:
        """Number of road nodes."""
        return len(self.xy)

    @property
    def n_edges(self) -> int:
        """Number of road edges (a two-way edge counts once)."""
        return len(self.edge_offsets) - 1

    @property
    def n_components(self) -> int:
        """Number of separate pieces of the network."""
        return int(self.component.max()) + 1 if len(self.component) else 0

    @cached_property
    def _tree(self):
        from scipy.spatial import cKDTree

        return cKDTree(self.xy)

    def nearest_nodes(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest road node of each metric point, and the straight distance to it (m)."""
        dist, idx = self._tree.query(np.asarray(points, dtype=float).reshape(-1, 2))
        return idx.astype(np.int64), dist

    def distances_m(self, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Road distance (m) from each source point to each target point, access legs included,
        ignoring one-way rules (people walk); ``inf`` where no road connects them."""
        src_node, src_leg = self.nearest_nodes(sources)
        dst_node, dst_leg = self.nearest_nodes(targets)
        unique, inverse = np.unique(src_node, return_inverse=True)
        table = dijkstra(self.length_m, directed=False, indices=unique)
        along = table[inverse][:, dst_node]
        return along + src_leg[:, None] + dst_leg[None, :]

    def path_coords(self, nodes: Sequence[int]) -> np.ndarray:
        """The road geometry (metric xy) of a walk through consecutive, adjacent ``nodes``."""
        parts = [self.xy[[nodes[0]]]] if len(nodes) else []
        for a, b in zip(nodes[:-1], nodes[1:], strict=True):
            signed = int(self.edge_of[a, b])
            if signed == 0:
                msg = f"road nodes {a} and {b} are not joined by an edge"
                raise ValueError(msg)
            e = abs(signed) - 1
            piece = self.edge_coords[self.edge_offsets[e] : self.edge_offsets[e + 1]]
            piece = (piece if signed > 0 else piece[::-1])[1:].copy()
            piece[-1] = self.xy[b]  # junctions exactly at their node, so loops close exactly
            parts.append(piece)
        return np.vstack(parts) if parts else np.empty((0, 2))

    def subgraph(self, keep: np.ndarray) -> tuple[RoadGraph, np.ndarray]:
        """The graph on the nodes where ``keep`` is true, and their numbers in this graph."""
        nodes = np.flatnonzero(keep)

        def cut(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
            return matrix[nodes][:, nodes].tocsr()

        return (
            RoadGraph(
                self.xy[nodes],
                cut(self.length_m),
                cut(self.minutes),
                cut(self.edge_of),
                self.edge_coords,
                self.edge_offsets,
                self.component[nodes],
            ),
            nodes,
        )


def _road_values(metric: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Speed (km/h) and one-way flag of every road."""
    # the given speed, else the class default, else DEFAULT_SPEED_KMH
    by_class = (
        metric[C.ROAD_CLASS].map(C.ROAD_CLASS_SPEEDS_KMH).astype(float)
        if C.ROAD_CLASS in metric
        else pd.Series(np.nan, index=metric.index)
    )
    given = (
        pd.to_numeric(metric[C.SPEED_KMH], errors="coerce")
        if C.SPEED_KMH in metric
        else pd.Series(np.nan, index=metric.index)
    )
    speed = given.where(given > 0).fillna(by_class).fillna(DEFAULT_SPEED_KMH).to_numpy(float)
    if C.ONEWAY in metric:
        oneway = metric[C.ONEWAY].fillna(False).astype(bool).to_numpy()
    else:
        oneway = np.zeros(len(metric), dtype=bool)
    return speed, oneway


def build_road_graph(
    roads: gpd.GeoDataFrame, crs: object, *, max_edge_m: float = MAX_EDGE_M
) -> RoadGraph | None:
    """Node the road lines and build the directed graph in ``crs`` (metres); None without roads.

    Parameters
    ----------
    roads
        The scenario's ``roads`` layer (any CRS); ``speed_kmh``, ``highway`` and ``oneway``
        are used when present.
    crs
        A metric CRS (the scenario's ``metric_crs``).
    max_edge_m
        Long road pieces are cut at their vertices into edges of about this length, so that
        nodes (where patrol stops and posts sit) are never far apart along a road.
    """
    if roads is None or not len(roads):
        return None
    metric = roads.to_crs(crs)
    present = ~shapely.is_missing(metric.geometry.values) & ~shapely.is_empty(
        metric.geometry.values
    )
    metric = metric[present]
    if not len(metric):
        return None
    speed, oneway = _road_values(metric)
    lines = metric.geometry.values
    noded = shapely.get_parts(shapely.node(shapely.GeometryCollection(list(lines))))
    noded = noded[shapely.length(noded) > 0]
    if not len(noded):
        return None
    # the road each noded piece lies on (speed, one-way, drawn direction)
    tree = shapely.STRtree(lines)
    mids = shapely.line_interpolate_point(noded, 0.5, normalized=True)
    owner = tree.query_nearest(mids, all_matches=False)[1]
    forward = _same_direction(noded, lines[owner])
    edges = _cut_edges(noded, max_edge_m)
    road_of = owner[edges.piece]
    minutes = edges.length / 1000.0 / speed[road_of] * 60.0
    return _directed_graph(edges, minutes, oneway[road_of], forward[edges.piece])


@dataclass(frozen=True)
class _Edges:
    """Edges between node vertices of the noded pieces: their ends (node numbers), lengths,
    vertices (flattened, see :class:`RoadGraph`) and the piece each lies on."""

    a: np.ndarray
    b: np.ndarray
    length: np.ndarray
    coords: np.ndarray
    offsets: np.ndarray
    piece: np.ndarray
    node_xy: np.ndarray


def _cut_edges(noded: np.ndarray, max_edge_m: float) -> _Edges:
    """Cut the noded pieces at their own vertices into edges of about ``max_edge_m``; nodes
    are edge ends, merged where they meet (to the centimetre)."""
    pieces = shapely.segmentize(noded, max_edge_m)
    coords, which = shapely.get_coordinates(pieces, return_index=True)
    first = np.r_[True, which[1:] != which[:-1]]
    last = np.r_[which[1:] != which[:-1], True]
    step = np.r_[0.0, np.hypot(*(coords[1:] - coords[:-1]).T)]
    step[first] = 0.0
    run = np.cumsum(step)
    run -= np.maximum.accumulate(np.where(first, run, 0.0))
    bucket = np.floor(run / max_edge_m)
    is_node = first | last | np.r_[False, bucket[1:] != bucket[:-1]]
    node_pos = np.flatnonzero(is_node)
    # an edge joins consecutive node vertices of the same piece
    same = which[node_pos[1:]] == which[node_pos[:-1]]
    e_start, e_end = node_pos[:-1][same], node_pos[1:][same]
    sizes = e_end - e_start + 1
    offsets = np.r_[0, np.cumsum(sizes)]
    take = np.repeat(e_start - offsets[:-1], sizes) + np.arange(offsets[-1])
    length = np.add.reduceat(step[take], offsets[:-1]) - step[e_start]
    keys = np.round(coords[node_pos], 2)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    node_of = np.empty(len(coords), dtype=np.int64)
    node_of[node_pos] = inverse.ravel()
    return _Edges(
        node_of[e_start], node_of[e_end], length, coords[take], offsets, which[e_start], unique
    )


def _directed_graph(
    edges: _Edges, minutes: np.ndarray, one: np.ndarray, ahead: np.ndarray
) -> RoadGraph:
    """The graph of ``edges`` with their travel ``minutes``; ``one``: on a one-way road,
    ``ahead``: drawn the way its road runs."""
    a, b, length = edges.a, edges.b, edges.length
    # directed arcs: as drawn on two-way roads and along one-way roads; backwards on two-way
    # roads and on one-way roads drawn against their direction
    src = np.r_[a, b]
    dst = np.r_[b, a]
    ids = np.arange(len(a)) + 1
    signed = np.r_[ids, -ids]
    allowed = np.r_[~one | ahead, ~one | ~ahead]
    arc_len = np.r_[length, length]
    arc_min = np.r_[minutes, minutes]
    keep = allowed & (src != dst)
    # several arcs between the same two nodes: keep the shortest (CSR would add them up)
    order = np.lexsort((arc_len, dst, src))
    order = order[keep[order]]
    s, d = src[order], dst[order]
    head = np.r_[True, (s[1:] != s[:-1]) | (d[1:] != d[:-1])]
    order = order[head]
    n = len(edges.node_xy)

    def matrix(values: np.ndarray) -> sparse.csr_matrix:
        return sparse.csr_matrix((values[order], (src[order], dst[order])), shape=(n, n))

    edge_of = matrix(signed.astype(np.int64))
    component = connected_components(matrix(arc_len), directed=True, connection="weak")[1]
    return RoadGraph(
        xy=edges.node_xy.astype(float),
        length_m=matrix(arc_len),
        minutes=matrix(arc_min),
        edge_of=edge_of,
        edge_coords=edges.coords,
        edge_offsets=edges.offsets,
        component=component.astype(np.int64),
    )


def _same_direction(pieces: np.ndarray, roads: np.ndarray) -> np.ndarray:
    """Whether each noded piece runs the way its road is drawn (for one-way roads).

    Two points strictly inside the piece are located along the road: its ends would not do on
    a closed road (a roundabout), where the closing vertex is at both 0 and the full length.
    """
    first = shapely.line_interpolate_point(pieces, 1 / 3, normalized=True)
    second = shapely.line_interpolate_point(pieces, 2 / 3, normalized=True)
    return shapely.line_locate_point(roads, first) <= shapely.line_locate_point(roads, second)
