"""Noding road lines: split them where they cross, so every junction is a shared endpoint."""

from __future__ import annotations

import numpy as np
import shapely

from zones.synth.lonlat import COORD_DECIMALS


def node_lines(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split lon/lat lines where they cross, so that every junction is a shared endpoint.

    Crossing points are rounded to :data:`COORD_DECIMALS` and inserted into both lines, so the
    pieces meet at identical vertices. Returns the pieces and, for each, the index of the line
    it came from.
    """
    source = np.arange(len(lines))
    check = None
    for _ in range(4):  # rounding a crossing point rarely creates another crossing
        owner, at, points = _crossings(lines, check)
        if len(owner) == 0:
            break
        order = np.lexsort((at, owner))
        owner, at, points = owner[order], at[order], points[order]
        cut, bounds = np.unique(owner, return_index=True)
        pieces: list[np.ndarray] = []
        piece_source: list[int] = []
        groups = zip(cut, np.split(at, bounds[1:]), np.split(points, bounds[1:]), strict=True)
        for line_index, where, point in groups:
            split = _split_line(shapely.get_coordinates(lines[line_index]), point, where)
            pieces += split
            piece_source += [int(source[line_index])] * len(split)
        index = np.repeat(np.arange(len(pieces)), [len(piece) for piece in pieces])
        cleaned, kept = clean_lines(np.concatenate(pieces), index)
        untouched = np.ones(len(lines), dtype=bool)
        untouched[cut] = False
        lines = np.concatenate([lines[untouched], cleaned])
        source = np.concatenate([source[untouched], np.asarray(piece_source)[kept]])
        check = np.arange(untouched.sum(), len(lines))
    return lines, source


def clean_lines(coords: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LineStrings from coordinates grouped by a sorted ``index``, without repeated points.

    Returns the lines and the group number of each; groups left with fewer than two distinct
    points are dropped.
    """
    repeated = np.r_[False, (coords[1:] == coords[:-1]).all(axis=1) & (index[1:] == index[:-1])]
    coords, index = coords[~repeated], index[~repeated]
    counts = np.bincount(index)
    kept = np.flatnonzero(counts >= 2)
    usable = counts[index] >= 2
    lines = shapely.linestrings(coords[usable], indices=np.searchsorted(kept, index[usable]))
    return np.asarray(lines, dtype=object), kept


def _crossings(
    lines: np.ndarray, check: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Proper crossings between segments of different lines (touching ends do not count).

    Only crossings involving the lines in ``check`` (all when None) are found. Returns, twice
    per crossing (once for each line): the line, the distance along it, and the rounded point.
    """
    coords, index = shapely.get_coordinates(lines, return_index=True)
    same = index[1:] == index[:-1]
    start, end, line = coords[:-1][same], coords[1:][same], index[:-1][same]
    # distance from the start of its line to the start of each segment
    along = np.r_[0.0, np.cumsum(np.hypot(*(coords[1:] - coords[:-1]).T) * same)]
    offset = (along[:-1] - along[np.searchsorted(index, index)][:-1])[same]
    segments = shapely.linestrings(np.stack([start, end], axis=1))
    tree = shapely.STRtree(segments)
    if check is None:
        a, b = tree.query(segments)
    else:
        chosen = np.flatnonzero(np.isin(line, check))
        a, b = tree.query(segments[chosen])
        a = chosen[a]
    keep = line[a] != line[b]
    if check is None:
        keep &= line[a] < line[b]
    a, b = a[keep], b[keep]
    r, s = end[a] - start[a], end[b] - start[b]
    qp = start[b] - start[a]
    denom = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom
        u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / denom
    eps = 1e-9
    proper = (denom != 0) & (t > eps) & (t < 1 - eps) & (u > eps) & (u < 1 - eps)
    a, b, t, u = a[proper], b[proper], t[proper], u[proper]
    if check is not None:  # a crossing between two checked lines is found twice
        unique = ~np.isin(line[b], check) | (line[a] < line[b])
        a, b, t, u = a[unique], b[unique], t[unique], u[unique]
    points = np.round(start[a] + t[:, None] * (end[a] - start[a]), COORD_DECIMALS)
    length_a = np.hypot(*(end[a] - start[a]).T)
    length_b = np.hypot(*(end[b] - start[b]).T)
    return (
        np.concatenate([line[a], line[b]]),
        np.concatenate([offset[a] + t * length_a, offset[b] + u * length_b]),
        np.concatenate([points, points]),
    )


def _split_line(coords: np.ndarray, points: np.ndarray, at: np.ndarray) -> list[np.ndarray]:
    """Cut a line's coordinates at ``points``, which lie ``at`` (line units) from its start."""
    cumulative = np.r_[0.0, np.cumsum(np.hypot(*np.diff(coords, axis=0).T))]
    pieces: list[np.ndarray] = []
    current = [coords[0]]
    vertex = 1
    for k in np.argsort(at, kind="stable"):
        while vertex < len(coords) and cumulative[vertex] < at[k]:
            current.append(coords[vertex])
            vertex += 1
        current.append(points[k])
        pieces.append(np.asarray(current))
        current = [points[k]]
    current.extend(coords[vertex:])
    pieces.append(np.asarray(current))
    return pieces
