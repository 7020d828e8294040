"""The station's shape and its villages: an irregular outline cut into irregular village cells.

Seeded village points sit on a jittered hexagonal lattice inside an irregular outline, and a
finer jittered lattice of sub-points covers it. Every sub-point inside the outline joins the
village that reaches it first in a multi-source shortest-path growth with noisy edge weights
over the sub-points' Delaunay graph, so every village is one connected, irregular piece.
Village rings are traced from the Voronoi edges between sub-points of different villages (each
edge gets one consistent bend), in lon/lat rounded to 6 decimals, so neighbours share exactly
the same vertices and the villages form a valid coverage without gaps or overlaps; this is
checked with ``shapely.coverage_is_valid`` and regenerated otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pyproj
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import Delaunay, cKDTree

from zones.synth.lonlat import COORD_DECIMALS
from zones.synth.rings import trace_polygons

VILLAGE_AREA_M2 = 2.5e6  # mean area of one administrative village (2.5 km²)
SUBPOINTS_PER_VILLAGE = 10  # resolution of the irregular village borders …
SUBPOINTS_PER_VILLAGE_LARGE = 6  # … and above LARGE_SCENARIO villages, to stay fast
LARGE_SCENARIO = 10_000
MAX_ATTEMPTS = 8  # tessellations tried before giving up


@dataclass(frozen=True)
class Tessellation:
    """Villages as a coverage, with the metric helpers the other layers need."""

    village_ll: np.ndarray  # Polygons, lon/lat rounded
    village_xy: np.ndarray  # the same rings in metres
    jurisdiction_ll: shapely.Geometry
    jurisdiction_xy: shapely.Geometry
    centre_xy: np.ndarray  # (n, 2) settlement point of each village, strictly inside it
    clearance: np.ndarray  # (n,) distance from the settlement point to the village border
    adj_i: np.ndarray  # village adjacency (i < j), shared border >= 1 m
    adj_j: np.ndarray
    adj_border_xy: np.ndarray  # (m, 2) a point on the shared border of each adjacent pair

    @property
    def n(self) -> int:
        return len(self.village_ll)

    def permuted(self, order: np.ndarray) -> Tessellation:
        """Return the tessellation with villages reordered (new position k = old order[k])."""
        inverse = np.empty_like(order)
        inverse[order] = np.arange(len(order))
        i, j = inverse[self.adj_i], inverse[self.adj_j]
        swap = i > j
        return Tessellation(
            village_ll=self.village_ll[order],
            village_xy=self.village_xy[order],
            jurisdiction_ll=self.jurisdiction_ll,
            jurisdiction_xy=self.jurisdiction_xy,
            centre_xy=self.centre_xy[order],
            clearance=self.clearance[order],
            adj_i=np.where(swap, j, i),
            adj_j=np.where(swap, i, j),
            adj_border_xy=self.adj_border_xy,
        )


def village_coverage(
    rng: np.random.Generator, n: int, centre_xy: np.ndarray, to_lonlat: pyproj.Transformer
) -> Tessellation:
    """``n`` villages around ``centre_xy`` (metres), trying up to :data:`MAX_ATTEMPTS` outlines.

    Raises
    ------
    RuntimeError
        If no attempt gave a valid village coverage (not expected in practice).
    """
    for _ in range(MAX_ATTEMPTS):
        outline = _outline(rng, n, centre_xy)
        tess = _tessellate(rng, n, outline, to_lonlat)
        if tess is not None:
            return tess
    msg = f"could not build a valid village coverage in {MAX_ATTEMPTS} attempts"
    raise RuntimeError(msg)


def points_near(
    rng: np.random.Generator,
    tess: Tessellation,
    villages: np.ndarray,
    low: float,
    high: float,
) -> np.ndarray:
    """Random metric points around the settlement of each village, at ``low``–``high`` times
    its clearance (so strictly inside the village when ``high < 1``)."""
    size = len(villages)
    radius = np.sqrt(rng.uniform(low**2, high**2, size)) * tess.clearance[villages]
    angle = rng.uniform(0.0, 2.0 * np.pi, size)
    offset = np.column_stack([np.cos(angle), np.sin(angle)]) * radius[:, None]
    return tess.centre_xy[villages] + offset


# --- the outline and the lattices -------------------------------------------------------------


def _outline(rng: np.random.Generator, n: int, centre_xy: np.ndarray) -> shapely.Polygon:
    """An irregular, roughly elliptic outline of area ``n * VILLAGE_AREA_M2`` (metres)."""
    theta = np.linspace(0.0, 2.0 * np.pi, 240, endpoint=False)
    radius = np.ones_like(theta)
    for k in range(2, 8):
        amplitude = rng.uniform(0.0, 0.12 / np.sqrt(k))
        radius += amplitude * np.cos(k * theta + rng.uniform(0.0, 2.0 * np.pi))
    radius = np.clip(radius / radius.mean(), 0.75, 1.2)
    ring = np.column_stack([1.2 * radius * np.cos(theta), radius * np.sin(theta)])
    scale = np.sqrt(n * VILLAGE_AREA_M2 / shapely.Polygon(ring).area)
    return shapely.Polygon(ring * scale + centre_xy)


def _hex_lattice(
    bounds: tuple[float, float, float, float],
    spacing: float,
    jitter: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Points of a hexagonal lattice over ``bounds``, each moved by up to ``jitter * spacing``."""
    xmin, ymin, xmax, ymax = bounds
    row_step = spacing * np.sqrt(3.0) / 2.0
    ys = np.arange(ymin, ymax + row_step, row_step)
    xs = np.arange(xmin - spacing / 2.0, xmax + spacing, spacing)
    grid_x, grid_y = np.meshgrid(xs, ys)
    grid_x = grid_x + (np.arange(len(ys))[:, None] % 2) * spacing / 2.0
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return points + rng.uniform(-jitter, jitter, points.shape) * spacing


def _village_seeds(
    rng: np.random.Generator, n: int, outline: shapely.Polygon
) -> tuple[np.ndarray, float]:
    """``n`` well-spread seed points inside ``outline`` and the lattice spacing used."""
    cell = outline.area / (1.06 * n)
    spacing = np.sqrt(cell / (np.sqrt(3.0) / 2.0))
    while True:
        points = _hex_lattice(outline.bounds, spacing, 0.2, rng)
        points = points[shapely.contains_xy(outline, points[:, 0], points[:, 1])]
        if len(points) >= n:
            chosen = np.sort(rng.choice(len(points), size=n, replace=False))
            return points[chosen], spacing
        spacing *= 0.97


def _sub_points(
    rng: np.random.Generator, n: int, outline: shapely.Polygon
) -> tuple[np.ndarray, np.ndarray]:
    """Village seeds and the finer lattice of sub-points over ``outline`` and a margin."""
    seeds, spacing = _village_seeds(rng, n, outline)
    per_village = SUBPOINTS_PER_VILLAGE if n <= LARGE_SCENARIO else SUBPOINTS_PER_VILLAGE_LARGE
    sub_spacing = spacing / np.sqrt(per_village)
    margin = 3.0 * sub_spacing
    grown = outline.buffer(margin)
    sub = _hex_lattice(grown.bounds, sub_spacing, 0.35, rng)
    return seeds, sub[shapely.contains_xy(grown, sub[:, 0], sub[:, 1])]


# --- the tessellation -------------------------------------------------------------------------


class _Borders(NamedTuple):
    """Voronoi ridges between different villages (or a village and the outside, label -1)."""

    left: np.ndarray  # village on the left of t0 -> t1
    right: np.ndarray  # village on the right
    t0: np.ndarray  # triangles whose circumcentres are the ridge's ends
    t1: np.ndarray
    direction: np.ndarray  # (m, 2) from the first end to the second
    mids: np.ndarray  # (m, 2) the bent middle point of each ridge


def _tessellate(
    rng: np.random.Generator,
    n: int,
    outline: shapely.Polygon,
    to_lonlat: pyproj.Transformer,
) -> Tessellation | None:
    """Build ``n`` villages covering (a jagged version of) ``outline``; None if it failed."""
    seeds, sub = _sub_points(rng, n, outline)
    triangulation = Delaunay(sub)
    circumcentres = _circumcentres(sub, triangulation.simplices)
    p, q, t0, t1 = _ridges(triangulation)
    seed_sub = _nearest_distinct(sub, seeds)
    if seed_sub is None:
        return None
    inside = shapely.contains_xy(outline, sub[:, 0], sub[:, 1])
    inside[seed_sub] = True
    inside = _fill_and_trim(inside, p, q, seed_sub, triangulation.convex_hull.ravel(), len(sub))
    label = _grow_villages(rng, sub, p, q, inside, seed_sub)
    borders = _bent_borders(rng, sub, circumcentres, label, p, q, t0, t1)
    polygons = _polygons(borders, circumcentres, n, to_lonlat)
    if polygons is None:
        return None
    adjacency = _adjacency(borders, n)
    if adjacency is None:
        return None
    village_xy, village_ll, jurisdiction_xy, jurisdiction_ll = polygons
    adj_i, adj_j, adj_border_xy = adjacency
    centre_xy = sub[seed_sub]
    clearance = shapely.distance(shapely.points(centre_xy), shapely.boundary(village_xy))
    return Tessellation(
        village_ll=village_ll,
        village_xy=village_xy,
        jurisdiction_ll=jurisdiction_ll,
        jurisdiction_xy=jurisdiction_xy,
        centre_xy=centre_xy,
        clearance=clearance,
        adj_i=adj_i,
        adj_j=adj_j,
        adj_border_xy=adj_border_xy,
    )


def _ridges(triangulation: Delaunay) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Voronoi ridges = Delaunay edges: points (p, q), ridge vertices = triangles (t0, t1)."""
    simplices, neighbours = triangulation.simplices, triangulation.neighbors
    t0 = np.repeat(np.arange(len(simplices)), 3)
    corner = np.tile(np.arange(3), len(simplices))
    t1 = neighbours.ravel()
    once = t1 > t0
    t0, corner, t1 = t0[once], corner[once], t1[once]
    p = simplices[t0, (corner + 1) % 3]
    q = simplices[t0, (corner + 2) % 3]
    return p, q, t0, t1


def _grow_villages(
    rng: np.random.Generator,
    sub: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    inside: np.ndarray,
    seed_sub: np.ndarray,
) -> np.ndarray:
    """Village of each sub-point (-1 outside): grown from the seeds with noisy weights."""
    n_sub = len(sub)
    both = inside[p] & inside[q]
    length = np.hypot(*(sub[p[both]] - sub[q[both]]).T)
    noisy = length * np.exp(rng.normal(0.0, 0.35, len(length)))
    graph = coo_matrix((noisy, (p[both], q[both])), shape=(n_sub, n_sub)).tocsr()
    dist, _, sources = dijkstra(
        graph, directed=False, indices=seed_sub, min_only=True, return_predecessors=True
    )
    village_of_seed = np.full(n_sub, -1)
    village_of_seed[seed_sub] = np.arange(len(seed_sub))
    label = np.full(n_sub, -1)
    reached = inside & np.isfinite(dist)
    label[reached] = village_of_seed[sources[reached]]
    return label


def _bent_borders(
    rng: np.random.Generator,
    sub: np.ndarray,
    circumcentres: np.ndarray,
    label: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    t0: np.ndarray,
    t1: np.ndarray,
) -> _Borders:
    """Boundary ridges, oriented so that point p lies on the left of t0 -> t1, each bent."""
    edge = label[p] != label[q]
    p, q, t0, t1 = p[edge], q[edge], t0[edge], t1[edge]
    v0, v1 = circumcentres[t0], circumcentres[t1]
    direction = v1 - v0
    to_p = sub[p] - v0
    flip = direction[:, 0] * to_p[:, 1] - direction[:, 1] * to_p[:, 0] < 0
    t0, t1 = np.where(flip, t1, t0), np.where(flip, t0, t1)
    v0, v1 = circumcentres[t0], circumcentres[t1]
    direction = v1 - v0
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    bend = np.clip(rng.normal(0.0, 0.08, len(p)), -0.16, 0.16)
    mids = (v0 + v1) / 2.0 + normal * bend[:, None]
    return _Borders(label[p], label[q], t0, t1, direction, mids)


def _polygons(
    borders: _Borders, circumcentres: np.ndarray, n: int, to_lonlat: pyproj.Transformer
) -> tuple[np.ndarray, np.ndarray, shapely.Geometry, shapely.Geometry] | None:
    """Villages and jurisdiction (metres, lon/lat); None unless they form a valid coverage."""
    left, right, t0, t1 = borders.left, borders.right, borders.t0, borders.t1
    # coordinate table: used ridge vertices, then one bend point per ridge
    used, vertex_pos = np.unique(np.concatenate([t0, t1]), return_inverse=True)
    start_id, end_id = vertex_pos[: len(t0)], vertex_pos[len(t0) :]
    mid_id = len(used) + np.arange(len(t0))
    table_xy = np.vstack([circumcentres[used], borders.mids])
    lon, lat = to_lonlat.transform(table_xy[:, 0], table_xy[:, 1])
    table_ll = np.round(np.column_stack([lon, lat]), COORD_DECIMALS)

    traced = trace_polygons(left, right, start_id, end_id, mid_id, n, table_xy, table_ll)
    outer = (left < 0) | (right < 0)
    whole = trace_polygons(
        np.where(left[outer] >= 0, 0, -1),
        np.where(right[outer] >= 0, 0, -1),
        start_id[outer],
        end_id[outer],
        mid_id[outer],
        1,
        table_xy,
        table_ll,
    )
    if traced is None or whole is None:
        return None
    village_xy, village_ll = traced
    jurisdiction_xy, jurisdiction_ll = whole[0][0], whole[1][0]
    if shapely.get_num_interior_rings(jurisdiction_ll) > 0:
        return None
    if not (shapely.is_valid(village_ll).all() and shapely.is_valid(jurisdiction_ll)):
        return None
    if not shapely.coverage_is_valid(village_ll):
        return None
    return village_xy, village_ll, jurisdiction_xy, jurisdiction_ll


def _adjacency(borders: _Borders, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Village pairs with a shared border of at least 1 m and a border point per pair.

    Returns None if the villages are not one connected piece.
    """
    left, right = borders.left, borders.right
    inner = (left >= 0) & (right >= 0)
    pair_i = np.minimum(left[inner], right[inner])
    pair_j = np.maximum(left[inner], right[inner])
    ridge_len = np.hypot(*borders.direction[inner].T)
    key = pair_i.astype(np.int64) * n + pair_j
    order = np.lexsort((-ridge_len, key))
    key_sorted = key[order]
    first = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    shared = np.add.reduceat(ridge_len[order], first)
    keep = shared >= 1.0
    best = order[first][keep]
    adj_i, adj_j = pair_i[best], pair_j[best]
    adj_border_xy = borders.mids[inner][best]
    n_parts = connected_components(
        coo_matrix((np.ones(len(adj_i)), (adj_i, adj_j)), shape=(n, n)), directed=False
    )[0]
    if n_parts != 1:
        return None
    return adj_i, adj_j, adj_border_xy


# --- geometry helpers -------------------------------------------------------------------------


def _nearest_distinct(points: np.ndarray, targets: np.ndarray) -> np.ndarray | None:
    """For each target the nearest point not already taken by an earlier target (or None)."""
    candidates = cKDTree(points).query(targets, k=min(4, len(points)))[1].reshape(len(targets), -1)
    chosen = candidates[:, 0].copy()
    later = np.ones(len(chosen), dtype=bool)
    later[np.unique(chosen, return_index=True)[1]] = False
    if not later.any():
        return chosen
    used = set(chosen[~later].tolist())
    for k in np.flatnonzero(later):  # rare: two seeds share their nearest sub-point
        free = [int(c) for c in candidates[k, 1:] if int(c) not in used]
        if not free:
            return None
        chosen[k] = free[0]
        used.add(free[0])
    return chosen


def _circumcentres(points: np.ndarray, simplices: np.ndarray) -> np.ndarray:
    """Circumcentres of triangles (the Voronoi vertices of a Delaunay triangulation)."""
    a, b, c = points[simplices[:, 0]], points[simplices[:, 1]], points[simplices[:, 2]]
    # relative to a, for precision
    b, c = b - a, c - a
    d = 2.0 * (b[:, 0] * c[:, 1] - b[:, 1] * c[:, 0])
    b2, c2 = (b**2).sum(axis=1), (c**2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):  # flat hull slivers are never used
        ux = (c[:, 1] * b2 - b[:, 1] * c2) / d
        uy = (b[:, 0] * c2 - c[:, 0] * b2) / d
    return a + np.column_stack([ux, uy])


def _fill_and_trim(
    inside: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    seeds: np.ndarray,
    hull: np.ndarray,
    n_sub: int,
) -> np.ndarray:
    """Drop inside pieces that hold no seed, then fill enclosed outside pieces (no holes)."""
    inside = inside.copy()
    both = inside[p] & inside[q]
    n_parts, part = connected_components(
        coo_matrix((np.ones(both.sum()), (p[both], q[both])), shape=(n_sub, n_sub)),
        directed=False,
    )
    seeded = np.zeros(n_parts, dtype=bool)
    seeded[part[seeds]] = True
    inside &= seeded[part]
    neither = ~inside[p] & ~inside[q]
    n_parts, part = connected_components(
        coo_matrix((np.ones(neither.sum()), (p[neither], q[neither])), shape=(n_sub, n_sub)),
        directed=False,
    )
    exterior = np.zeros(n_parts, dtype=bool)
    exterior[part[hull]] = True
    return inside | ~exterior[part]
