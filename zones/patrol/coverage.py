"""Which places cover the most incidents within a radius (greedy maximum coverage), and what
share of incidents lies within a radius of a line or of points."""

from __future__ import annotations

import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree


def cover_matrix(candidates_xy: np.ndarray, points_xy: np.ndarray, radius_m: float):
    """Sparse ``(n_candidates, n_points)`` matrix of the distances (m, plus 1 mm so none is
    zero) between each candidate and the points within ``radius_m`` of it."""
    n_c, n_p = len(candidates_xy), len(points_xy)
    if not n_c or not n_p:
        return sparse.csr_matrix((n_c, n_p))
    pairs = cKDTree(candidates_xy).sparse_distance_matrix(
        cKDTree(points_xy), radius_m, output_type="ndarray"
    )
    return sparse.csr_matrix((pairs["v"] + 1e-3, (pairs["i"], pairs["j"])), shape=(n_c, n_p))


def greedy_cover(
    cover: sparse.csr_matrix,
    *,
    picks: int,
    min_covered: float = 1.0,
    weights: np.ndarray | None = None,
) -> tuple[list[int], list[np.ndarray]]:
    """Pick up to ``picks`` candidates, each time the one covering the most weight not yet
    covered (the greedy (1 − 1/e) approximation of maximum coverage). Among candidates that
    cover the same weight the one nearest (on average) to what it covers wins, then the lowest
    candidate number, so the result is deterministic.

    Parameters
    ----------
    cover
        From :func:`cover_matrix`.
    picks
        Most candidates to pick.
    min_covered
        Stop when the best candidate would add less than this weight.
    weights
        Weight of each point (default 1).

    Returns
    -------
    picked, covered
        The picked candidates in order, and for each the points it newly covers.
    """
    n_points = cover.shape[1]
    hits = cover.copy()
    hits.data[:] = 1.0
    radius = float(cover.data.max()) if cover.nnz else 1.0
    left = np.ones(n_points) if weights is None else np.asarray(weights, dtype=float).copy()
    allowed = np.ones(cover.shape[0], dtype=bool)
    picked: list[int] = []
    covered: list[np.ndarray] = []
    for _ in range(picks):
        gain = hits @ left
        if not len(gain):
            break
        # ties: less than half a unit of weight for being nearer
        reach = (cover @ (left > 0)) / np.maximum(hits @ (left > 0), 1.0)
        score = np.where(allowed, gain - 0.5 * reach / radius, -np.inf)
        best = int(np.argmax(score))
        if gain[best] < min_covered:
            break
        row = cover.indices[cover.indptr[best] : cover.indptr[best + 1]]
        new = row[left[row] > 0]
        picked.append(best)
        covered.append(new)
        left[new] = 0.0
        allowed[best] = False
    return picked, covered


def within(points_xy: np.ndarray, geometry: shapely.Geometry | None, radius_m: float) -> np.ndarray:
    """Whether each metric point lies within ``radius_m`` of ``geometry`` (False if None)."""
    if geometry is None or shapely.is_empty(geometry) or not len(points_xy):
        return np.zeros(len(points_xy), dtype=bool)
    return shapely.dwithin(shapely.points(points_xy), geometry, radius_m)
