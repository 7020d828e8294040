"""Polygons traced from oriented Voronoi ridges between labelled regions (villages)."""

from __future__ import annotations

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def trace_polygons(
    left: np.ndarray,
    right: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    mid: np.ndarray,
    n_labels: int,
    table_xy: np.ndarray,
    table_ll: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Polygons of labelled regions from the oriented ridges between them.

    Each ridge runs ``start -> mid -> end`` with region ``left`` on its left and ``right`` on
    its right (label -1 is the outside). Returns (metric, lon/lat) polygon arrays indexed by
    label, or None if some region is not exactly one polygon.
    """
    edges = _directed_edges(left, right, start, end, mid, len(table_xy))
    if edges is None:
        return None
    label, src, via, nxt = edges
    n_rings, ring, sequence = _ring_sequence(nxt)
    ring_sorted = ring[sequence]
    point_ids = np.column_stack([src[sequence], via[sequence]]).ravel()
    ring_index = np.repeat(ring_sorted, 2)
    rings_xy = shapely.linearrings(table_xy[point_ids], indices=ring_index)
    rings_ll = shapely.linearrings(table_ll[point_ids], indices=ring_index)
    ring_label = np.zeros(n_rings, dtype=np.int64)
    ring_label[ring_sorted] = label[sequence]
    signed = _signed_areas(table_xy[point_ids], ring_index, n_rings)
    shell = signed > 0
    if not np.array_equal(np.bincount(ring_label[shell], minlength=n_labels), np.ones(n_labels)):
        return None
    shell_of = np.empty(n_labels, dtype=np.int64)
    shell_of[ring_label[shell]] = np.flatnonzero(shell)
    polygons_xy = shapely.polygons(rings_xy[shell_of])
    polygons_ll = shapely.polygons(rings_ll[shell_of])
    for hole in np.flatnonzero(~shell):  # enclaves are rare: a small loop is fine
        owner = ring_label[hole]
        for polygons, rings in ((polygons_xy, rings_xy), (polygons_ll, rings_ll)):
            current = polygons[owner]
            polygons[owner] = shapely.Polygon(current.exterior, [*current.interiors, rings[hole]])
    return polygons_xy, polygons_ll


def _directed_edges(
    left: np.ndarray,
    right: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    mid: np.ndarray,
    n_points: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Directed edges with their region on the left: (label, source, bend point, successor).

    Returns None unless every edge has exactly one successor around its region.
    """
    has_left, has_right = left >= 0, right >= 0
    label = np.concatenate([left[has_left], right[has_right]]).astype(np.int64)
    src = np.concatenate([start[has_left], end[has_right]]).astype(np.int64)
    dst = np.concatenate([end[has_left], start[has_right]]).astype(np.int64)
    via = np.concatenate([mid[has_left], mid[has_right]]).astype(np.int64)
    n_edges = len(label)
    width = np.int64(n_points)
    key = label * width + src
    order = np.argsort(key, kind="stable")
    key_sorted = key[order]
    if n_edges == 0 or (np.diff(key_sorted) == 0).any():
        return None
    follow = np.searchsorted(key_sorted, label * width + dst)
    if (follow >= n_edges).any() or (
        key_sorted[np.minimum(follow, n_edges - 1)] != label * width + dst
    ).any():
        return None
    return label, src, via, order[follow]


def _ring_sequence(nxt: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Cycles of the successor permutation ``nxt``, ranked from their smallest edge.

    Returns the number of rings, the ring of each edge, and the edges ordered ring by ring,
    each ring in its order of travel (found by pointer jumping).
    """
    n_edges = len(nxt)
    n_rings, ring = connected_components(
        coo_matrix((np.ones(n_edges), (np.arange(n_edges), nxt)), shape=(n_edges, n_edges)),
        directed=True,
        connection="weak",
    )
    first = np.full(n_rings, n_edges)
    np.minimum.at(first, ring, np.arange(n_edges))
    last = nxt == first[ring]
    jump = np.where(last, np.arange(n_edges), nxt)
    steps = (~last).astype(np.int64)
    while True:
        ahead = jump[jump]
        if (ahead == jump).all():
            break
        steps = steps + steps[jump]
        jump = ahead
    return n_rings, ring, np.lexsort((-steps, ring))


def _signed_areas(coords: np.ndarray, ring_index: np.ndarray, n_rings: int) -> np.ndarray:
    """Shoelace areas of open rings stored consecutively (positive = counter-clockwise)."""
    starts = np.flatnonzero(np.r_[True, ring_index[1:] != ring_index[:-1]])
    nxt = np.arange(1, len(coords) + 1)
    ends = np.r_[starts[1:], len(coords)]
    nxt[ends - 1] = starts
    x, y = coords[:, 0], coords[:, 1]
    x0 = x - x[starts].repeat(np.diff(np.r_[starts, len(coords)]))
    y0 = y - y[starts].repeat(np.diff(np.r_[starts, len(coords)]))
    cross = x0 * y0[nxt] - x0[nxt] * y0
    areas = np.zeros(n_rings)
    areas[ring_index[starts]] = np.add.reduceat(cross, starts) / 2.0
    return areas
