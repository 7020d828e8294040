"""Unit adjacency: which villages (or any polygons) share a border, and how long it is.

Two paths, both in a metric CRS:

- for a clean coverage (shared borders have identical vertices, as validated villages do) the
  shared edges are found by hashing ring segments: exact and fully vectorised;
- otherwise every pair of polygons within ``snap_m`` of each other is measured by the length of
  one's boundary inside the other's ``snap_m`` buffer (robust to digitising gaps).

Point touches do not count (rook adjacency). Units left without a neighbour (islands) and
separate pieces of the graph (villages across a river or a gap) are joined to their nearest
neighbour, and every such join is listed in :attr:`UnitGraph.joins`, so a caller can report it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from zones.columns import WGS84

MIN_SHARED_M = 0.5  # shorter shared borders are point touches, not adjacency


@dataclass(frozen=True)
class Join:
    """Two units joined although they share no border (positions ``i``, ``j``)."""

    i: int
    j: int
    distance_m: float
    reason: str  # "island" (no neighbour at all) or "component" (joins two pieces)


@dataclass(frozen=True)
class UnitGraph:
    """Adjacency of ``n`` units in CSR form, with shared border lengths in metres.

    ``indptr``/``indices`` list each unit's neighbours (positions, sorted); ``border_m`` holds
    the shared border length of each listed pair (a join's length is 0). ``perimeter_m`` is each
    unit's own perimeter. Positions follow the input's row order.
    """

    indptr: np.ndarray
    indices: np.ndarray
    border_m: np.ndarray
    perimeter_m: np.ndarray
    area_m2: np.ndarray
    joins: tuple[Join, ...] = field(default=())

    @property
    def n(self) -> int:
        """Number of units."""
        return len(self.indptr) - 1

    def neighbours(self, i: int) -> np.ndarray:
        """Positions of unit ``i``'s neighbours."""
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def to_networkx(self, ids: pd.Index | None = None) -> nx.Graph:
        """The graph as ``networkx.Graph`` (nodes are ``ids`` when given) with ``border_m``."""
        labels = list(ids) if ids is not None else list(range(self.n))
        graph = nx.Graph()
        graph.add_nodes_from(labels)
        rows = np.repeat(np.arange(self.n), np.diff(self.indptr))
        for i, j, length in zip(rows, self.indices, self.border_m, strict=True):
            if i < j:
                graph.add_edge(labels[i], labels[j], border_m=float(length))
        return graph

    def n_components(self) -> int:
        """Number of connected pieces (1 after joining)."""
        return int(connected_components(self._matrix(), directed=False)[0])

    def _matrix(self) -> sparse.csr_matrix:
        data = np.ones(len(self.indices))
        return sparse.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))


def metric_geometries(units: gpd.GeoDataFrame) -> np.ndarray:
    """The units' geometries in metres (their own CRS if projected, else the local UTM zone).

    Units without a CRS are taken as lon/lat when their coordinates fit, else as planar.
    """
    if units.crs is None:
        minx, miny, maxx, maxy = units.total_bounds
        if -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
            units = units.set_crs(WGS84)
        else:
            return units.geometry.values.to_numpy()
    if units.crs.is_geographic:
        return units.to_crs(units.estimate_utm_crs()).geometry.values.to_numpy()
    return units.geometry.values.to_numpy()


def _pairs_by_segments(geoms: np.ndarray, grid_m: float) -> tuple[np.ndarray, ...]:
    """Shared edges of an edge-matched coverage: (i, j, length) with i < j."""
    parts, part_owner = shapely.get_parts(geoms, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    owner = part_owner[ring_part[ring_of]]
    same = ring_of[:-1] == ring_of[1:]
    a = xy[:-1][same]
    b = xy[1:][same]
    who = owner[:-1][same]
    qa = np.round(a / grid_m).astype(np.int64)
    qb = np.round(b / grid_m).astype(np.int64)
    swap = (qa[:, 0] > qb[:, 0]) | ((qa[:, 0] == qb[:, 0]) & (qa[:, 1] > qb[:, 1]))
    lo = np.where(swap[:, None], qb, qa)
    hi = np.where(swap[:, None], qa, qb)
    keys = np.column_stack([lo, hi])
    length = np.hypot(*(b - a).T)
    order = np.lexsort((who, *keys.T[::-1]))
    keys, who, length = keys[order], who[order], length[order]
    boundary = np.flatnonzero(np.any(keys[1:] != keys[:-1], axis=1)) + 1
    starts = np.concatenate([[0], boundary])
    ends = np.concatenate([boundary, [len(keys)]])
    shared = (ends - starts) == 2
    first = starts[shared]
    i, j = who[first], who[first + 1]
    keep = i != j
    i, j, seg = i[keep], j[keep], length[first][keep]
    lo_ij, hi_ij = np.minimum(i, j), np.maximum(i, j)
    frame = pd.DataFrame({"i": lo_ij, "j": hi_ij, "len": seg}).groupby(["i", "j"]).sum()
    return (
        frame.index.get_level_values(0).to_numpy(),
        frame.index.get_level_values(1).to_numpy(),
        frame["len"].to_numpy(),
    )


def _pairs_by_overlay(geoms: np.ndarray, snap_m: float) -> tuple[np.ndarray, ...]:
    """Shared borders measured with a tolerance: (i, j, length) with i < j."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=snap_m)
    keep = left < right
    left, right = left[keep], right[keep]
    buffered = shapely.buffer(geoms, snap_m, quad_segs=2)
    boundaries = shapely.boundary(geoms)
    length = shapely.length(shapely.intersection(boundaries[right], buffered[left]))
    return left, right, length


def build_adjacency(
    units: gpd.GeoDataFrame, *, snap_m: float = 1.0, join_islands: bool = True
) -> UnitGraph:
    """Build the rook adjacency of polygon units, joining islands and pieces to the nearest unit.

    Parameters
    ----------
    units
        Polygon/MultiPolygon units in any CRS (geographic units are measured in local UTM).
    snap_m
        Borders within this distance count as shared when the units are not an exact coverage.
    join_islands
        Join units with no neighbour, and separate pieces of the graph, to the nearest unit.

    Returns
    -------
    UnitGraph
        Positions follow ``units``' row order.
    """
    geoms = metric_geometries(units)
    n = len(geoms)
    if n == 0:
        empty = np.zeros(0)
        return UnitGraph(
            np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), empty, empty, empty
        )
    if n > 1 and shapely.coverage_is_valid(geoms, gap_width=snap_m):
        # exact shared segments: a corner touch shares no segment, so any length counts
        i, j, length = _pairs_by_segments(geoms, grid_m=1e-3)
        real = length > 0
    elif n > 1:
        i, j, length = _pairs_by_overlay(geoms, snap_m)
        # near a corner, the snap buffer picks up a little of a diagonal neighbour's boundary
        real = length >= max(MIN_SHARED_M, 3.0 * snap_m)
    else:
        i = j = np.zeros(0, dtype=np.int64)
        length = np.zeros(0)
        real = length > 0
    i, j, length = i[real], j[real], length[real]
    joins: list[Join] = []
    if join_islands and n > 1:
        i, j, length, joins = _join_pieces(geoms, i, j, length)
    rows = np.concatenate([i, j])
    cols = np.concatenate([j, i])
    vals = np.concatenate([length, length])
    matrix = sparse.csr_matrix((vals + 1.0, (rows, cols)), shape=(n, n))  # +1: keep zero joins
    matrix.sum_duplicates()
    matrix.sort_indices()
    return UnitGraph(
        indptr=matrix.indptr.astype(np.int64),
        indices=matrix.indices.astype(np.int64),
        border_m=matrix.data - 1.0,
        perimeter_m=shapely.length(geoms),
        area_m2=shapely.area(geoms),
        joins=tuple(joins),
    )


def _join_pieces(
    geoms: np.ndarray, i: np.ndarray, j: np.ndarray, length: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Join]]:
    n = len(geoms)
    joins: list[Join] = []
    degree = np.bincount(np.concatenate([i, j]), minlength=n)
    islands = np.flatnonzero(degree == 0)
    if len(islands) and len(islands) < n:
        tree = shapely.STRtree(geoms)
        (src, dst), dist = tree.query_nearest(
            geoms[islands], exclusive=True, return_distance=True, all_matches=False
        )
        for s, d, gap in zip(src, dst, dist, strict=True):
            a, b = int(islands[s]), int(d)
            joins.append(Join(min(a, b), max(a, b), float(gap), "island"))
        pairs = np.array([[jn.i, jn.j] for jn in joins], dtype=np.int64).reshape(-1, 2)
        i = np.concatenate([i, pairs[:, 0]])
        j = np.concatenate([j, pairs[:, 1]])
        length = np.concatenate([length, np.zeros(len(pairs))])
    while True:
        data = np.ones(len(i))
        matrix = sparse.coo_matrix((data, (i, j)), shape=(n, n))
        count, comp = connected_components(matrix, directed=False)
        if count == 1:
            return i, j, length, joins
        sizes = np.bincount(comp)
        smallest = int(np.argmin(sizes))
        inside = np.flatnonzero(comp == smallest)
        outside = np.flatnonzero(comp != smallest)
        tree = shapely.STRtree(geoms[outside])
        (src, dst), dist = tree.query_nearest(
            geoms[inside], return_distance=True, all_matches=False
        )
        best = int(np.argmin(dist))
        a, b = int(inside[src[best]]), int(outside[dst[best]])
        reason = "island" if sizes[smallest] == 1 else "component"
        joins.append(Join(min(a, b), max(a, b), float(dist[best]), reason))
        i = np.append(i, min(a, b))
        j = np.append(j, max(a, b))
        length = np.append(length, 0.0)
