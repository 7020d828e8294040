"""A routable road graph from the ``roads`` layer (metric CRS), for distances along roads.

Lines are noded where they meet or cross (``shapely.node``), split into segments, and joined
into an undirected graph whose nodes are segment ends; edge weights are lengths in metres and
travel minutes (from ``speed_kmh``, else the class default). Points are reached from their
nearest road node in a straight line (the access leg, counted in the distance).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from scipy import sparse
from scipy.sparse.csgraph import connected_components, dijkstra

from zones import columns as C

DEFAULT_SPEED_KMH = 30.0


@dataclass(frozen=True)
class RoadGraph:
    """Road nodes (metric xy), the length matrix (metres) and the minutes matrix, both CSR."""

    xy: np.ndarray
    length_m: sparse.csr_matrix
    minutes: sparse.csr_matrix
    n_components: int

    @property
    def n_nodes(self) -> int:
        """Number of road nodes."""
        return len(self.xy)

    def nearest_nodes(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest road node of each metric point, and the straight distance to it (m)."""
        from scipy.spatial import cKDTree

        dist, idx = cKDTree(self.xy).query(points)
        return idx.astype(np.int64), dist

    def distances_m(self, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Road distance (m) from each source point to each target point, access legs included;
        ``inf`` where no road connects them."""
        src_node, src_leg = self.nearest_nodes(sources)
        dst_node, dst_leg = self.nearest_nodes(targets)
        unique, inverse = np.unique(src_node, return_inverse=True)
        table = dijkstra(self.length_m, directed=False, indices=unique)
        along = table[inverse][:, dst_node]
        return along + src_leg[:, None] + dst_leg[None, :]


def build_road_graph(roads: gpd.GeoDataFrame, crs: object) -> RoadGraph | None:
    """Node the road lines and build the graph in ``crs`` (metres); None without roads."""
    if roads is None or not len(roads):
        return None
    metric = roads.to_crs(crs)
    speeds = metric[C.SPEED_KMH].astype(float) if C.SPEED_KMH in metric else None
    classes = metric.get(C.ROAD_CLASS)
    speed = np.full(len(metric), DEFAULT_SPEED_KMH)
    for pos in range(len(metric)):
        given = speeds.iloc[pos] if speeds is not None else np.nan
        if given == given and given > 0:  # not NaN
            speed[pos] = given
        elif classes is not None and isinstance(classes.iloc[pos], str):
            speed[pos] = C.ROAD_CLASS_SPEEDS_KMH.get(classes.iloc[pos], DEFAULT_SPEED_KMH)
    noded = shapely.get_parts(
        shapely.node(
            shapely.GeometryCollection(
                list(metric.geometry.values[~shapely.is_missing(metric.geometry.values)])
            )
        )
    )
    if not len(noded):
        return None
    # speed of a noded piece: that of the road it lies on
    tree = shapely.STRtree(metric.geometry.values)
    mids = shapely.line_interpolate_point(noded, 0.5, normalized=True)
    owner = tree.query_nearest(mids, all_matches=False)[1]
    piece_speed = speed[owner]
    coords, which = shapely.get_coordinates(noded, return_index=True)
    starts = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
    ends = np.r_[starts[1:] - 1, len(which) - 1]
    ends_xy = np.vstack([coords[starts], coords[ends]])
    keys = np.round(ends_xy, 2)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    n_pieces = len(noded)
    a, b = inverse[:n_pieces], inverse[n_pieces:]
    length = shapely.length(noded)
    minutes = length / 1000.0 / piece_speed * 60.0
    keep = a != b
    # two pieces between the same two nodes: keep the shorter (sparse matrices would add them)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((length, hi, lo))
    first = np.r_[True, (lo[order][1:] != lo[order][:-1]) | (hi[order][1:] != hi[order][:-1])]
    chosen = np.zeros(len(a), dtype=bool)
    chosen[order[first]] = True
    keep &= chosen
    n = len(unique)
    lengths = sparse.coo_matrix((length[keep], (a[keep], b[keep])), shape=(n, n)).tocsr()
    times = sparse.coo_matrix((minutes[keep], (a[keep], b[keep])), shape=(n, n)).tocsr()
    count = connected_components(lengths, directed=False)[0]
    return RoadGraph(unique.astype(float), lengths, times, int(count))
