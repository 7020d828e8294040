"""Compactness in travel terms: each zone's centre village and the workload-weighted mean
distance from it to the zone's villages, which is what a station feels (a shape score such as
Polsby–Popper does not say how far the zone head drives).

A zone's **centre village** is the member village whose representative point has the smallest
workload-weighted sum of straight-line distances to the zone's villages (a weighted medoid): the
village a zone head would sit in to be nearest, on average, to the zone's work. Zones without
workload weigh their villages equally. The same centre serves the road version of the figure
(:mod:`zones.plan.reach`), measured over the road graph once the plan has one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.spatial.distance import cdist

CHUNK_CELLS = 2_000_000  # candidate × village distances computed at once (16 MB of float64)
WEISZFELD_STEPS = 30  # steps towards the weighted geometric median (where the bounds are tight)
PLANE_DIRECTIONS = 8  # supporting planes per ring around the median


@dataclass(frozen=True)
class ZoneCentres:
    """The centre village of each zone and the distances from it.

    Attributes
    ----------
    centre
        Per zone 0…k−1, the position (row in the points) of its centre village; −1 for a zone
        without villages.
    distance_m
        Per village (row in the points), the straight-line distance (m) to its zone's centre.
    mean_m
        Per zone, the workload-weighted mean of ``distance_m`` over its villages (0 for an
        empty zone).
    station_mean_m
        The workload-weighted mean of ``distance_m`` over all villages.
    """

    centre: np.ndarray
    distance_m: np.ndarray
    mean_m: np.ndarray
    station_mean_m: float


def weighted_medoid(xy: np.ndarray, weights: np.ndarray) -> int:
    """The row of ``xy`` with the smallest ``weights``-weighted sum of straight-line distances to
    all rows (equal weights when they sum to 0). Exact.

    The sum f(c) = Σ wᵢ·|c − pᵢ| is convex, so at any point g with subgradient s,
    f(c) ≥ f(g) + s·(c − g). Planes at the weighted geometric median (a few Weiszfeld steps)
    and on rings around it give every row a lower bound; rows are then tried by increasing
    bound, in chunks of at most :data:`CHUNK_CELLS` distances, until the next bound reaches the
    best sum found. Only the few rows near the median are usually tried. Zones small enough for
    one chunk get every sum at once.

    Parameters
    ----------
    xy
        ``(m, 2)`` metric points (m ≥ 1).
    weights
        ``(m,)`` non-negative weights.

    Returns
    -------
    int
        The row of the medoid (ties: the lower row in small zones, the lower bound first in
        large ones).
    """
    xy = np.asarray(xy, dtype=float)
    w = np.asarray(weights, dtype=float)
    if not w.sum() > 0:
        w = np.ones(len(xy))
    if len(xy) ** 2 <= CHUNK_CELLS:  # small zones: every sum at once
        return int(np.argmin(cdist(xy, xy) @ w))
    bound = _lower_bounds(xy, w)
    order = np.argsort(bound, kind="stable")
    chunk = max(1, CHUNK_CELLS // len(xy))
    best, best_sum = int(order[0]), np.inf
    for start in range(0, len(order), chunk):
        tried = order[start : start + chunk]
        if bound[tried[0]] >= best_sum:
            break
        sums = cdist(xy[tried], xy) @ w
        i = int(np.argmin(sums))
        if sums[i] < best_sum:
            best, best_sum = int(tried[i]), float(sums[i])
    return best


def _lower_bounds(xy: np.ndarray, w: np.ndarray) -> np.ndarray:
    """A lower bound of Σ wᵢ·|c − pᵢ| at every row c: the largest of the supporting planes at
    the weighted geometric median and at points on rings around it (radii doubling from the
    points' typical spacing to their spread, 8 directions each)."""
    median = w @ xy / w.sum()
    for _ in range(WEISZFELD_STEPS):
        inverse = w / np.maximum(np.hypot(*(xy - median).T), 1e-9)
        median = inverse @ xy / inverse.sum()
    spread = float(np.sqrt(np.average(((xy - median) ** 2).sum(axis=1), weights=w)))
    radii = [0.0]
    if spread > 0:
        radius = spread / np.sqrt(len(xy))
        while radius < 2 * spread:
            radii.append(radius)
            radius *= 2
    angles = np.linspace(0, 2 * np.pi, PLANE_DIRECTIONS, endpoint=False)
    ring = np.c_[np.cos(angles), np.sin(angles)]
    points = np.vstack([median + r * (ring if r else ring[:1] * 0) for r in radii])
    bound = np.full(len(xy), -np.inf)
    step = max(1, CHUNK_CELLS // len(xy))
    for start in range(0, len(points), step):
        g = points[start : start + step]
        d = cdist(g, xy)
        pull = np.divide(w, d, out=np.zeros_like(d), where=d > 0)
        slope = g * pull.sum(axis=1)[:, None] - pull @ xy  # Σ wᵢ·(g − pᵢ)/|g − pᵢ|: subgradients
        value = d @ w - (g * slope).sum(axis=1)
        bound = np.maximum(bound, (xy @ slope.T + value).max(axis=1))
    return bound


def zone_means(
    distance_m: np.ndarray, labels: np.ndarray, weights: np.ndarray, k: int
) -> tuple[np.ndarray, float]:
    """Per zone and over the station, the workload-weighted mean of a per-village distance.

    A zone (or station) without workload weighs its villages equally; an empty zone gets 0.

    Parameters
    ----------
    distance_m
        Per village, a distance (any unit) to its zone's centre.
    labels
        Per village, its zone 0…k−1.
    weights
        Per village, its workload (non-negative).
    k
        Number of zones.

    Returns
    -------
    (per_zone, station)
        ``(k,)`` means and the station's mean.
    """
    d = np.asarray(distance_m, dtype=float)
    w = np.asarray(weights, dtype=float)
    load = np.bincount(labels, weights=w, minlength=k)
    count = np.bincount(labels, minlength=k)
    weighted = np.bincount(labels, weights=w * d, minlength=k)
    plain = np.bincount(labels, weights=d, minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_zone = np.where(load > 0, weighted / load, np.where(count > 0, plain / count, 0.0))
    if not len(d):
        return per_zone, 0.0
    station = float(w @ d / w.sum()) if w.sum() > 0 else float(d.mean())
    return per_zone, station


def zone_centres(xy: np.ndarray, labels: np.ndarray, weights: np.ndarray, k: int) -> ZoneCentres:
    """The centre village of each zone (:func:`weighted_medoid` of its villages) and the
    workload-weighted mean straight-line distance from it to the zone's villages.

    Parameters
    ----------
    xy
        ``(n, 2)`` metric points of the villages (representative points: always inside).
    labels
        Per village, its zone 0…k−1.
    weights
        Per village, its workload (non-negative).
    k
        Number of zones.

    Returns
    -------
    ZoneCentres
        Centres (rows of ``xy``), per-village distances (m), per-zone and station means (m).
    """
    xy = np.asarray(xy, dtype=float)
    labels = np.asarray(labels, dtype=np.int64)
    w = np.asarray(weights, dtype=float)
    centre = np.full(k, -1, dtype=np.int64)
    distance = np.zeros(len(xy))
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(k + 1))
    for z in range(k):
        members = order[bounds[z] : bounds[z + 1]]
        if not len(members):
            continue
        c = members[weighted_medoid(xy[members], w[members])]
        centre[z] = c
        distance[members] = np.hypot(*(xy[members] - xy[c]).T)
    mean, station = zone_means(distance, labels, w, k)
    return ZoneCentres(centre, distance, mean, station)
