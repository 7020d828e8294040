"""Coverage checks and repairs for the village layer, in a metric CRS.

Administrative villages should tile the jurisdiction: no overlaps, no gaps, matching edges. The
repairs use GEOS's coverage tools through shapely (``coverage_clean``, shapely ≥ 2.2), which merge
small gaps into the neighbour with the longest shared border and hand overlaps to one polygon.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

OVERLAP_ERROR_SHARE = 0.01  # an overlap above 1% of the smaller village is an error
MIN_AREA_M2 = 1.0  # villages smaller than this are slivers
NOISE_AREA_M2 = 0.01  # overlaps below this are floating-point noise, cleaned but not listed
AREA_TOLERANCE = 1e-9  # relative area changes below this are rounding, not repairs


@dataclass(frozen=True)
class Overlap:
    """Two villages (positions ``i`` < ``j``) whose interiors overlap by ``area_m2``."""

    i: int
    j: int
    area_m2: float
    share: float  # of the smaller village's area


def find_overlaps(geoms: np.ndarray) -> list[Overlap]:
    """Every pair of polygons whose interiors overlap, with the overlap's area and share."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if left.size == 0:
        return []
    areas = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    own = shapely.area(geoms)
    smaller = np.minimum(own[left], own[right])
    share = np.divide(areas, smaller, out=np.ones_like(areas), where=smaller > 0)
    hits = np.flatnonzero(areas > NOISE_AREA_M2)
    return [Overlap(int(left[k]), int(right[k]), float(areas[k]), float(share[k])) for k in hits]


def find_gaps(geoms: np.ndarray, extent: shapely.Geometry | None) -> list[shapely.Geometry]:
    """Polygons covered by no village: holes in the villages' union and, when ``extent`` (the
    jurisdiction) is given, the parts of it outside the union."""
    union = shapely.union_all(geoms)
    parts: list[shapely.Geometry] = []
    for poly in shapely.get_parts(union):
        if isinstance(poly, shapely.Polygon):
            for ring in poly.interiors:
                hole = shapely.difference(shapely.Polygon(ring), union)
                parts.extend(p for p in shapely.get_parts(hole) if isinstance(p, shapely.Polygon))
    if extent is not None:
        outside = shapely.difference(extent, union)
        parts.extend(p for p in shapely.get_parts(outside) if isinstance(p, shapely.Polygon))
    return [p for p in parts if p.area > 1e-6]


def is_narrow(gap: shapely.Geometry, width_m: float) -> bool:
    """True when ``gap`` is thinner than ``width_m`` everywhere (a digitising sliver)."""
    return bool(shapely.buffer(gap, -width_m / 2.0).is_empty)


def clean(geoms: np.ndarray, gap_width_m: float) -> np.ndarray:
    """Return a clean coverage: overlaps given to the larger polygon, narrow gaps merged."""
    cleaned = shapely.coverage_clean(geoms, gap_width=gap_width_m, merge_strategy="max_area")
    return np.asarray([_polygonal(g) for g in cleaned], dtype=object)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    if geom is None or geom.is_empty:
        return geom
    if isinstance(geom, shapely.Polygon | shapely.MultiPolygon):
        return geom
    parts = [p for p in shapely.get_parts(geom) if isinstance(p, shapely.Polygon)]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else (parts[0] if parts else None)


def polygonal_part(geom: shapely.Geometry) -> shapely.Geometry | None:
    """The Polygon/MultiPolygon part of a geometry (e.g. after ``make_valid``), or None."""
    return _polygonal(geom)


def longest_border_neighbour(geoms: np.ndarray, index: int) -> int | None:
    """Position of the polygon that shares the longest border with ``geoms[index]``."""
    tree = shapely.STRtree(geoms)
    candidates = [int(c) for c in tree.query(geoms[index], predicate="intersects") if c != index]
    if not candidates:
        return None
    boundary = shapely.boundary(geoms[index])
    lengths = shapely.length(shapely.intersection(boundary, geoms[candidates]))
    best = int(np.argmax(lengths))
    return candidates[best] if lengths[best] > 0 else None


def voronoi_cells(points: np.ndarray, extent: shapely.Geometry) -> np.ndarray:
    """Voronoi cells of ``points`` clipped to ``extent``, in the points' order."""
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.MultiPoint(list(points)), extend_to=extent)
    )
    tree = shapely.STRtree(cells)
    order = tree.query(points, predicate="within")
    out = np.empty(len(points), dtype=object)
    for point_pos, cell_pos in zip(order[0], order[1], strict=True):
        out[point_pos] = shapely.intersection(cells[cell_pos], extent)
    return out
