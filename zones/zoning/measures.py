"""Zone measures on a label array: contiguity, area and perimeter, Polsby–Popper."""

from __future__ import annotations

import math

import numpy as np

from zones.zoning.graph import UnitGraph


def is_contiguous(graph: UnitGraph, labels: np.ndarray, k: int | None = None) -> np.ndarray:
    """Per zone 0…k−1, whether its units form exactly one connected piece (an empty zone is
    not contiguous)."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    if k is None:
        k = int(labels.max()) + 1 if len(labels) else 0
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    same = labels[rows] == labels[graph.indices]
    matrix = sparse.csr_matrix(
        (np.ones(same.sum()), (rows[same], graph.indices[same])), shape=(graph.n, graph.n)
    )
    _, comp = connected_components(matrix, directed=False)
    pieces = np.zeros(k, dtype=np.int64)
    for z in range(k):
        pieces[z] = len(np.unique(comp[labels == z]))
    return pieces == 1


def zone_shapes(graph: UnitGraph, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Area (m²) and perimeter (m) per zone, from unit areas, perimeters and shared borders."""
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    inner = labels[rows] == labels[graph.indices]
    area = np.bincount(labels, weights=graph.area_m2, minlength=k)
    perimeter = np.bincount(labels, weights=graph.perimeter_m, minlength=k)
    shared = np.bincount(labels[rows[inner]], weights=graph.border_m[inner], minlength=k)
    return area, perimeter - shared  # each internal border is counted from both sides


def polsby_popper(graph: UnitGraph, labels: np.ndarray, k: int) -> np.ndarray:
    """Polsby–Popper 4πA/P² per zone."""
    area, perimeter = zone_shapes(graph, labels, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(perimeter > 0, 4 * math.pi * area / perimeter**2, 0.0)


def cut_length(graph: UnitGraph, labels: np.ndarray) -> float:
    """Total length (m) of the borders between zones."""
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    return graph.border_m[labels[rows] != labels[graph.indices]].sum() / 2
