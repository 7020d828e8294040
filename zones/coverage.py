"""Which places cover the most incidents within a radius (greedy maximum coverage), and what
share of incidents lies within a radius of a line or of points."""

from __future__ import annotations

import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree


def cover_matrix(candidates_xy: np.ndarray, points_xy: np.ndarray, radius_m: float):
    """Sparse ``(n_candidates, n_points)`` 0/1 matrix: point within ``radius_m`` of candidate."""
    n_c, n_p = len(candidates_xy), len(points_xy)
    if not n_c or not n_p:
        return sparse.csr_matrix((n_c, n_p))
    pairs = cKDTree(candidates_xy).sparse_distance_matrix(
        cKDTree(points_xy), radius_m, output_type="ndarray"
    )
    return sparse.csr_matrix((np.ones(len(pairs)), (pairs["i"], pairs["j"])), shape=(n_c, n_p))


def greedy_cover(
    cover: sparse.csr_matrix,
    *,
    picks: int,
    min_covered: float = 1.0,
    weights: np.ndarray | None = None,
    spacing: np.ndarray | None = None,
) -> tuple[list[int], list[np.ndarray]]:
    """Pick up to ``picks`` candidates, each time the one covering the most weight not yet
    covered (the greedy (1 − 1/e) approximation of maximum coverage); ties go to the lowest
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
    spacing
        Optional ``(n_candidates, n_candidates)`` boolean sparse matrix: after a pick, the
        candidates it marks are not picked (keeps picks apart).

    Returns
    -------
    picked, covered
        The picked candidates in order, and for each the points it newly covers.
    """
    n_points = cover.shape[1]
    left = np.ones(n_points) if weights is None else np.asarray(weights, dtype=float).copy()
    allowed = np.ones(cover.shape[0], dtype=bool)
    picked: list[int] = []
    covered: list[np.ndarray] = []
    for _ in range(picks):
        gain = cover @ left
        gain[~allowed] = -1.0
        if not len(gain):
            break
        best = int(np.argmax(gain))
        if gain[best] < min_covered:
            break
        row = cover.indices[cover.indptr[best] : cover.indptr[best + 1]]
        new = row[left[row] > 0]
        picked.append(best)
        covered.append(new)
        left[new] = 0.0
        allowed[best] = False
        if spacing is not None:
            allowed[spacing.indices[spacing.indptr[best] : spacing.indptr[best + 1]]] = False
    return picked, covered


def within(points_xy: np.ndarray, geometry: shapely.Geometry | None, radius_m: float) -> np.ndarray:
    """Whether each metric point lies within ``radius_m`` of ``geometry`` (False if None)."""
    if geometry is None or shapely.is_empty(geometry) or not len(points_xy):
        return np.zeros(len(points_xy), dtype=bool)
    return shapely.dwithin(shapely.points(points_xy), geometry, radius_m)
