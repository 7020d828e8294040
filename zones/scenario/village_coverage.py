"""The village coverage step: cells from points, clip to the jurisdiction, slivers, overlaps and
gaps, all in a metric CRS."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.model import WGS84
from zones.report import Issue, format_ids
from zones.scenario import topology
from zones.scenario.issues import add_issue as _issue


def _extent(jurisdiction: gpd.GeoDataFrame | None, crs: object) -> shapely.Geometry | None:
    if jurisdiction is None or not len(jurisdiction):
        return None
    # repaired again here: a polygon nested in a GeometryCollection escapes the layer's repair
    parts = shapely.make_valid(jurisdiction.to_crs(crs).geometry.values)
    return topology.polygonal_part(shapely.union_all(parts))


def check_coverage(
    villages: gpd.GeoDataFrame,
    jurisdiction: gpd.GeoDataFrame | None,
    issues: list[Issue],
    *,
    gap_width_m: float,
) -> gpd.GeoDataFrame:
    """Cells from points, clip to the jurisdiction, slivers, overlaps and gaps (metric CRS)."""
    crs = villages.estimate_utm_crs()
    metric = villages.to_crs(crs)
    geoms = metric.geometry.values.copy()
    ids = metric[C.VILLAGE_ID].astype(str).to_numpy()
    extent = _extent(jurisdiction, crs)
    keep = np.ones(len(geoms), dtype=bool)
    geoms = _cells_from_points(geoms, extent, issues)
    if extent is not None:
        _clip_to_extent(geoms, keep, ids, extent, issues)
    _merge_slivers(geoms, keep, ids, issues)
    _overlaps_and_gaps(geoms, keep, ids, extent, issues, gap_width_m)
    _report_multipart(geoms, keep, ids, issues)
    metric = metric.copy()
    metric.geometry = geoms
    return metric[keep].to_crs(WGS84)


def _cells_from_points(
    geoms: np.ndarray, extent: shapely.Geometry | None, issues: list[Issue]
) -> np.ndarray:
    """Villages given as points become Voronoi cells within the jurisdiction (or their hull)."""
    layer = C.VILLAGES
    if len(geoms) and (shapely.get_type_id(geoms) == 0).all():
        region = (
            extent
            if extent is not None
            else shapely.buffer(shapely.convex_hull(shapely.MultiPoint(list(geoms))), 2000.0)
        )
        geoms = topology.voronoi_cells(geoms, region)
        _issue(issues, "repair", layer, "cells_from_points", None, n=len(geoms))
    return geoms


def _clip_to_extent(
    geoms: np.ndarray,
    keep: np.ndarray,
    ids: np.ndarray,
    extent: shapely.Geometry,
    issues: list[Issue],
) -> None:
    """Clip villages to the jurisdiction (in place); a village wholly outside is an error."""
    layer = C.VILLAGES
    inside = shapely.intersection(geoms, extent)
    area = shapely.area(geoms)
    kept = shapely.area(inside)
    for pos in np.flatnonzero(kept <= 1e-6):
        _issue(issues, "error", layer, "village_outside", ids[pos])
        keep[pos] = False
    share_out = np.divide(area - kept, area, out=np.zeros_like(area), where=area > 0)
    clip = (share_out > 0.001) & keep
    for pos in np.flatnonzero(clip):
        _issue(
            issues,
            "repair",
            layer,
            "village_clipped",
            ids[pos],
            pct=f"{share_out[pos] * 100:.1f}",
        )
        geoms[pos] = topology.polygonal_part(inside[pos])


def _merge_slivers(
    geoms: np.ndarray, keep: np.ndarray, ids: np.ndarray, issues: list[Issue]
) -> None:
    """Merge villages too small to be real into the neighbour sharing the longest border."""
    layer = C.VILLAGES
    areas = shapely.area(geoms)
    for pos in np.flatnonzero(keep & (areas < topology.MIN_AREA_M2)):
        other = topology.longest_border_neighbour(geoms, int(pos))
        if other is None:
            _issue(issues, "error", layer, "sliver_isolated", ids[pos], area=f"{areas[pos]:.2f}")
            continue
        geoms[other] = topology.polygonal_part(shapely.union(geoms[other], geoms[pos]))
        keep[pos] = False
        _issue(
            issues,
            "repair",
            layer,
            "sliver_merged",
            ids[pos],
            area=f"{areas[pos]:.2f}",
            into=ids[other],
        )


def _overlaps_and_gaps(
    geoms: np.ndarray,
    keep: np.ndarray,
    ids: np.ndarray,
    extent: shapely.Geometry | None,
    issues: list[Issue],
    gap_width_m: float,
) -> None:
    """Large overlaps are errors; small overlaps and narrow gaps are cleaned (in place)."""
    layer = C.VILLAGES
    active = np.flatnonzero(keep)
    sub = geoms[active]
    overlaps = topology.find_overlaps(sub)
    large = [o for o in overlaps if o.share > topology.OVERLAP_ERROR_SHARE]
    for o in large:
        _issue(
            issues,
            "error",
            layer,
            "overlap_large",
            ids[active[o.i]],
            other=ids[active[o.j]],
            area=f"{o.area_m2:,.0f}",
            pct=f"{o.share * 100:.1f}",
        )
    gaps = topology.find_gaps(sub, extent) if len(sub) else []
    holes = topology.find_gaps(sub, None) if len(sub) else []
    narrow = [g for g in holes if topology.is_narrow(g, gap_width_m)]
    needs_clean = (
        not large and len(sub) > 1 and (overlaps or narrow or not shapely.coverage_is_valid(sub))
    )
    if needs_clean:
        geoms[active] = _clean(sub, active, ids, overlaps, narrow, issues, gap_width_m)
    _report_gaps(holes, gaps, extent, issues, gap_width_m)


def _clean(
    sub: np.ndarray,
    active: np.ndarray,
    ids: np.ndarray,
    overlaps: list,
    narrow: list,
    issues: list[Issue],
    gap_width_m: float,
) -> np.ndarray:
    """The cleaned coverage of the kept villages, with a repair per kind of change."""
    layer = C.VILLAGES
    cleaned = topology.clean(sub, gap_width_m)
    before = shapely.area(sub)
    after = shapely.area(cleaned)
    changed = np.abs(after - before) > np.maximum(before * 1e-7, 0.01)
    if overlaps:
        pairs = [f"{ids[active[o.i]]}/{ids[active[o.j]]} ({o.area_m2:,.1f} m²)" for o in overlaps]
        _issue(
            issues,
            "repair",
            layer,
            "overlap_fixed",
            None,
            n=len(overlaps),
            pairs=format_ids(pairs, 5),
        )
    if narrow:
        _issue(
            issues,
            "repair",
            layer,
            "gaps_filled",
            None,
            n=len(narrow),
            area=f"{sum(g.area for g in narrow):,.1f}",
            width=gap_width_m,
        )
    if changed.any():
        _issue(
            issues,
            "repair",
            layer,
            "coverage_cleaned",
            None,
            n=int(changed.sum()),
            ids=format_ids(ids[active[changed]]),
        )
    return cleaned


def _report_gaps(
    holes: list,
    gaps: list,
    extent: shapely.Geometry | None,
    issues: list[Issue],
    gap_width_m: float,
) -> None:
    """Warn about wide holes between villages and jurisdiction area no village covers."""
    layer = C.VILLAGES
    wide_holes = [g for g in holes if not topology.is_narrow(g, gap_width_m)]
    if wide_holes:
        _issue(
            issues,
            "warning",
            layer,
            "gaps_wide",
            None,
            n=len(wide_holes),
            area=f"{sum(g.area for g in wide_holes) / 1e6:,.3f}",
        )
    if extent is not None and extent.area > 0:
        outer = [g for g in gaps if not any(g.equals(h) for h in holes)]
        uncovered = sum(g.area for g in outer)
        if uncovered / extent.area > 0.001:
            _issue(
                issues,
                "warning",
                C.JURISDICTION,
                "uncovered_area",
                None,
                area=f"{uncovered / 1e6:,.3f}",
                pct=f"{uncovered / extent.area * 100:.1f}",
            )


def _report_multipart(
    geoms: np.ndarray, keep: np.ndarray, ids: np.ndarray, issues: list[Issue]
) -> None:
    """Warn about villages made of more than one piece."""
    layer = C.VILLAGES
    multi = keep & (shapely.get_type_id(geoms) == 6)
    if multi.any():
        _issue(
            issues,
            "warning",
            layer,
            "multipart_village",
            None,
            n=int(multi.sum()),
            ids=format_ids(ids[multi]),
        )
