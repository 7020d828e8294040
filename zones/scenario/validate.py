"""Turn raw layers into a validated :class:`~zones.model.Scenario`, or one ScenarioError.

Every check runs; then either the scenario comes back with its repairs and warnings in
``scenario.report``, or :class:`~zones.errors.ScenarioError` lists every error (layer, feature,
what is wrong, how to fix it). No feature is dropped without an issue saying so.

Order: per layer geometry (presence, type, coordinates, CRS, validity) → attributes → the
village coverage (cells from points, clip to the jurisdiction, slivers, overlaps, gaps) →
references between layers.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.errors import ScenarioError
from zones.model import WGS84, Scenario
from zones.report import Issue, Severity, ValidationReport, format_ids
from zones.scenario import attributes as A
from zones.scenario import coords, topology
from zones.scenario.io import RawLayer, RawScenario

CHINA_BOUNDS = (73.0, 18.0, 135.5, 53.6)  # lon/lat box around China (with Hainan, not the SCS)
DEFAULT_GAP_WIDTH_M = 5.0
# a layer farther than this from the villages, in another CRS, has the wrong zone (3° ≈ 250 km)
FAR_APART_KM = 100.0

_KIND_OF = {
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "LinearRing": "line",
}
_OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    C.JURISDICTION: (C.NAME, C.STATION_NAME),
    C.VILLAGES: (C.VILLAGE_ID, C.NAME, C.POPULATION, C.HOUSEHOLDS, C.KIND, C.TOWNSHIP),
    C.OFFICERS: (
        C.OFFICER_ID,
        C.NAME,
        C.ROLE,
        C.HOME_VILLAGE,
        C.FAMILIAR_VILLAGES,
        C.PHONE,
        C.AVAILABLE,
        C.REWARD_LEAVE_DAYS,
    ),
    C.ROADS: (C.NAME, C.ROAD_CLASS, C.SPEED_KMH, C.ONEWAY),
    C.INCIDENTS: (C.TIME, C.CATEGORY, A.DATE),
    C.ROOMS: (C.VILLAGE_ID, C.NAME),
    C.STATION: (C.NAME,),
}
_INTERNAL = ("_fid", "_geometry_error")


def _issue(
    issues: list[Issue],
    severity: Severity,
    layer: str,
    code: str,
    feature: str | None = None,
    **params: object,
) -> None:
    issues.append(Issue(severity, layer, feature, code, params))


def empty_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer with no features but the data model's columns, in WGS 84."""
    return gpd.GeoDataFrame(
        {c: pd.Series(dtype=object) for c in _OPTIONAL_COLUMNS[layer]},
        geometry=gpd.GeoSeries([], crs=WGS84),
        crs=WGS84,
    )


# --------------------------------------------------------------------------------------------
# geometry of one layer
# --------------------------------------------------------------------------------------------


def _kinds(geoms: gpd.GeoSeries) -> pd.Series:
    values = geoms.values
    present = ~(shapely.is_missing(values) | shapely.is_empty(values))
    kinds = geoms.geom_type.map(_KIND_OF).fillna("other")
    return kinds.where(present, "none")


def check_geometry(raw: RawLayer, issues: list[Issue]) -> gpd.GeoDataFrame:
    """Presence and type of each feature's geometry; returns the features to keep.

    Polygon layers (villages, jurisdiction) refuse missing and empty geometries; point and line
    layers drop them with one warning that lists them; officers may have no geometry at all.
    """
    layer = raw.name
    frame = raw.frame
    if "_geometry_error" in frame.columns:
        broken = frame["_geometry_error"].notna()
    else:
        broken = pd.Series(False, index=frame.index)
    geoms = frame.geometry
    missing = pd.Series(shapely.is_missing(geoms.values), index=frame.index) & ~broken
    empty = pd.Series(shapely.is_empty(geoms.values), index=frame.index)
    allowed = C.GEOMETRY_KINDS[layer]
    labels = pd.Series([A.label(frame, p, layer) for p in range(len(frame))], index=frame.index)
    keep = ~broken
    if "polygon" in allowed:
        for pos in np.flatnonzero(missing.to_numpy()):
            _issue(issues, "error", layer, "null_geometry", labels.iloc[pos])
        for pos in np.flatnonzero(empty.to_numpy()):
            _issue(issues, "error", layer, "empty_geometry", labels.iloc[pos])
    elif "none" not in allowed:
        for code, mask in (("null_geometry_dropped", missing), ("empty_geometry_dropped", empty)):
            if mask.any():
                _issue(
                    issues,
                    "warning",
                    layer,
                    code,
                    None,
                    n=int(mask.sum()),
                    ids=format_ids(labels[mask]),
                )
        keep &= ~missing & ~empty
    kinds = _kinds(geoms)
    present = ~missing & ~empty & ~broken
    wrong = present & ~kinds.isin(allowed)
    if wrong.any():
        found = ", ".join(sorted(set(geoms[wrong].geom_type)))
        _issue(
            issues,
            "error",
            layer,
            "wrong_geometry_type",
            None,
            n=int(wrong.sum()),
            ids=format_ids(labels[wrong]),
            found=found,
            expected="/".join(allowed),
        )
    if layer == C.VILLAGES and present.any():
        found_kinds = set(kinds[present])
        if {"polygon", "point"} <= found_kinds:
            points = present & (kinds == "point")
            _issue(
                issues,
                "error",
                layer,
                "mixed_points_polygons",
                None,
                n=int(points.sum()),
                ids=format_ids(labels[points]),
            )
    multipoint = present & (geoms.geom_type == "MultiPoint")
    if multipoint.any():
        many = multipoint & (shapely.get_num_geometries(geoms.values) > 1)
        if many.any():
            _issue(
                issues,
                "error",
                layer,
                "multipoint",
                None,
                n=int(many.sum()),
                ids=format_ids(labels[many]),
            )
    out = frame[keep].copy()
    single = out.geom_type == "MultiPoint"
    if single.any():
        out.loc[single, "geometry"] = shapely.get_geometry(out.geometry[single].values, 0)
    return out


def _odd_features(
    frame: gpd.GeoDataFrame, present: pd.Series, layer: str, issues: list[Issue]
) -> tuple[gpd.GeoDataFrame | None, pd.Series]:
    """Features out of lon/lat range (or lat/lon-looking) when most of the layer is fine.

    When the whole layer is off, the layer-level checks that follow explain it once. When a
    minority is off, those features are named: an error for polygons, and for points and lines
    a warning that they were left out.
    """
    bounds = shapely.bounds(frame.geometry.values)
    with np.errstate(invalid="ignore"):
        out_of_range = (
            (np.abs(bounds[:, [0, 2]]) > 180).any(axis=1)
            | (np.abs(bounds[:, [1, 3]]) > 90).any(axis=1)
            | ~np.isfinite(bounds).all(axis=1)
        )
        swapped = (
            (bounds[:, 0] >= 15)
            & (bounds[:, 2] <= 55)
            & (bounds[:, 1] >= 70)
            & (bounds[:, 3] <= 140)
        )
    odd = present.to_numpy() & (out_of_range | swapped)
    if not odd.any() or odd.sum() > 0.5 * present.sum():
        return frame, present
    ids = format_ids(A.label(frame, int(p), layer) for p in np.flatnonzero(odd))
    if "polygon" in C.GEOMETRY_KINDS[layer]:
        _issue(issues, "error", layer, "coords_out_of_range", None, n=int(odd.sum()), ids=ids)
        return None, present
    _issue(issues, "warning", layer, "coords_out_of_range_dropped", None, n=int(odd.sum()), ids=ids)
    keep = ~odd
    return frame[keep], present[keep]


def _bounds_text(bounds: np.ndarray, decimals: int) -> str:
    return ", ".join(f"{v:.{decimals}f}" for v in bounds)


def _lonlat_ok(bounds: np.ndarray) -> np.ndarray:
    """Per feature: finite coordinates within lon/lat range."""
    with np.errstate(invalid="ignore"):
        return (
            np.isfinite(bounds).all(axis=1)
            & (np.abs(bounds[:, [0, 2]]) <= 180).all(axis=1)
            & (np.abs(bounds[:, [1, 3]]) <= 90).all(axis=1)
        )


def _sample_xy(geoms: np.ndarray, limit: int = 24) -> np.ndarray:
    """A few coordinates spread over the layer (the corners of its box and some features)."""
    picks = geoms[np.linspace(0, len(geoms) - 1, min(limit, len(geoms))).astype(int)]
    first = np.array([shapely.get_coordinates(g)[0] for g in picks])
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    corners = np.array([[minx, miny], [maxx, maxy], [minx, maxy], [maxx, miny]])
    return np.vstack([first, corners])


def check_declared_crs(
    frame: gpd.GeoDataFrame, raw: RawLayer, present: pd.Series, issues: list[Issue]
) -> gpd.GeoDataFrame | None:
    """Reproject a layer from the CRS it declares (.prj, GeoPackage, legacy GeoJSON ``crs``).

    The declared CRS is checked against the numbers before and after reprojection: lon/lat
    numbers labelled projected, metres labelled lon/lat, a Gauss-Krüger zone number in x that
    differs from the CRS's, results that are not finite lon/lat, and projected data that lands
    far from China (a wrong zone or central meridian) are each one error naming the layer's
    file, the declared CRS and the fix. Data on the Xian 1980 or Beijing 1954 datums gets a
    warning saying which conversion PROJ used and how far off it may be.

    Parameters
    ----------
    frame
        The layer's kept features, coordinates as read.
    raw
        The raw layer (its ``crs`` is the declared CRS, not WGS 84; ``source`` its file).
    present
        Which features have a geometry.
    issues
        Issues found so far; this function appends to it.

    Returns
    -------
    GeoDataFrame or None
        The layer in WGS 84 (features out of range still to be checked by the caller), or
        ``None`` when the declared CRS cannot be the data's.
    """
    layer = raw.name
    crs = raw.crs
    common = {"file": raw.source, "crs": coords.describe_crs(crs)}
    values = frame.geometry.values
    keep = present.to_numpy()
    if not keep.any():  # nothing to place: only the label changes
        return frame.set_crs(WGS84, allow_override=True)
    source = shapely.bounds(values[keep])
    with np.errstate(invalid="ignore"):
        total = np.r_[np.nanmin(source[:, :2], axis=0), np.nanmax(source[:, 2:], axis=0)]
    in_range = _lonlat_ok(source)
    zone = coords.zone_in_data(total[0], total[2])
    if crs.is_projected and in_range.all():
        _issue(
            issues,
            "error",
            layer,
            "crs_lonlat_declared_projected",
            None,
            bounds=_bounds_text(total, 4),
            **common,
        )
        return None
    if crs.is_geographic and in_range.sum() < 0.5 * len(in_range):
        if zone is None:
            _issue(
                issues,
                "error",
                layer,
                "crs_metres_declared_lonlat",
                None,
                bounds=_bounds_text(total, 0),
                **common,
            )
        else:
            datum = coords.old_datum(crs) or "CGCS2000"
            _issue(
                issues,
                "error",
                layer,
                "crs_metres_declared_lonlat_zone",
                None,
                bounds=_bounds_text(total, 0),
                zone=zone,
                suggestion=coords.gauss_kruger_crs(datum, zone=zone),
                **common,
            )
        return None
    suggestion = coords.suggest_gauss_kruger(crs, total[0], total[2]) if crs.is_projected else None
    if suggestion is not None and zone is not None:
        _issue(
            issues,
            "error",
            layer,
            "crs_zone_number",
            None,
            zone=zone,
            suggestion=suggestion,
            bounds=_bounds_text(total, 0),
            **common,
        )
        return None
    if suggestion is not None:
        _issue(
            issues,
            "error",
            layer,
            "crs_zone_number_missing",
            None,
            suggestion=suggestion,
            bounds=_bounds_text(total, 0),
            **common,
        )
        return None
    decimals = 0 if crs.is_projected else 4
    try:
        out = frame.set_crs(crs, allow_override=True).to_crs(WGS84)
        result = shapely.bounds(out.geometry.values[keep])
    except Exception:  # pyproj or GEOS refuse the numbers: the CRS cannot be the data's
        out, result = None, np.full_like(source, np.nan)
    ok = _lonlat_ok(result)
    if out is None or ok.sum() < 0.5 * len(ok):
        _issue(
            issues,
            "error",
            layer,
            "crs_reprojection_failed",
            None,
            bounds=_bounds_text(total, decimals),
            **common,
        )
        return None
    if crs.is_projected:
        good = result[ok]
        box = np.r_[good[:, :2].min(axis=0), good[:, 2:].max(axis=0)]
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        nminx, nminy, nmaxx, nmaxy = coords.NEAR_CHINA
        if not (nminx <= cx <= nmaxx and nminy <= cy <= nmaxy):
            _issue(
                issues,
                "error",
                layer,
                "crs_outside_china",
                None,
                lonlat=_bounds_text(box, 4),
                **common,
            )
            return None
    _datum_caveat(crs, values[keep], layer, common, issues)
    return out


def _datum_caveat(
    crs: object, geoms: np.ndarray, layer: str, common: dict[str, str], issues: list[Issue]
) -> None:
    """Warn about the datum shift when a layer is on Xian 1980 or Beijing 1954 (not CGCS2000)."""
    datum = coords.old_datum(crs)
    if datum is None:
        return
    operations = coords.datum_operations(crs, _sample_xy(geoms))
    regional = [o for o in operations if "ballpark" not in o[0].lower()]
    if not regional:
        _issue(issues, "warning", layer, "datum_ballpark", None, datum=datum, **common)
        return
    listed = "; ".join(
        f"{name} (±{accuracy:g} m, {area.rstrip('.')})" if accuracy else f"{name} ({area})"
        for name, accuracy, area in regional
    )
    if len(regional) == len(operations):
        _issue(
            issues,
            "warning",
            layer,
            "datum_regional",
            None,
            datum=datum,
            operations=listed,
            **common,
        )
    else:  # PROJ used the regional parameters for some features and no shift for the rest
        _issue(
            issues,
            "warning",
            layer,
            "datum_regional_partly",
            None,
            datum=datum,
            operations=listed,
            **common,
        )


def check_coordinates(
    frame: gpd.GeoDataFrame, raw: RawLayer, issues: list[Issue], *, swap_axes: bool
) -> gpd.GeoDataFrame | None:
    """CRS and coordinate ranges; returns the layer in WGS 84, or None when unusable."""
    layer = raw.name
    values = frame.geometry.values
    present = pd.Series(~(shapely.is_missing(values) | shapely.is_empty(values)), index=frame.index)
    crs = raw.crs
    if crs is not None and not crs.equals(WGS84):
        out = check_declared_crs(frame, raw, present, issues)
        if out is None:
            return None
        if crs.is_projected:
            out, present = _odd_features(out, present, layer, issues)
            if out is not None:
                _issue(issues, "repair", layer, "reprojected", None, crs=str(crs.to_string()))
            return out
    else:
        out = frame.set_crs(WGS84, allow_override=True)
    if not present.any():
        return out
    if swap_axes:
        out = out.copy()
        out.geometry = shapely.transform(out.geometry.values, lambda xy: xy[:, ::-1])
    out, present = _odd_features(out, present, layer, issues)
    if out is None:
        return None
    minx, miny, maxx, maxy = out.geometry[present].total_bounds
    if minx >= 15 and maxx <= 55 and miny >= 70 and maxy <= 140:
        _issue(
            issues,
            "error",
            layer,
            "swapped_coords",
            None,
            bounds=f"{minx:.4f}, {miny:.4f}, {maxx:.4f}, {maxy:.4f}",
        )
        return None
    if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
        _issue(
            issues,
            "error",
            layer,
            "projected_coords",
            None,
            bounds=f"{minx:.0f}, {miny:.0f}, {maxx:.0f}, {maxy:.0f}",
        )
        return None
    cminx, cminy, cmaxx, cmaxy = CHINA_BOUNDS
    if minx < cminx or maxx > cmaxx or miny < cminy or maxy > cmaxy:
        _issue(
            issues,
            "warning",
            layer,
            "outside_china",
            None,
            bounds=f"{minx:.4f}, {miny:.4f}, {maxx:.4f}, {maxy:.4f}",
        )
    return out


def repair_polygons(frame: gpd.GeoDataFrame, layer: str, issues: list[Issue]) -> gpd.GeoDataFrame:
    """Make polygons valid (``make_valid``, structure method), counter-clockwise, no repeats."""
    out = frame.copy()
    geoms = out.geometry.values.copy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    invalid = present & ~shapely.is_valid(geoms)
    for pos in np.flatnonzero(invalid):
        geom = geoms[pos]
        reason = shapely.is_valid_reason(geom)
        fixed = topology.polygonal_part(shapely.make_valid(geom, method="structure"))
        name = A.label(frame, int(pos), layer)
        if fixed is None or fixed.is_empty:
            _issue(issues, "error", layer, "invalid_unrepairable", name, reason=reason)
            continue
        # the area the rings enclose, counted once: what the drawer most likely meant
        before = shapely.area(shapely.make_valid(geom, method="linework"))
        change = abs(fixed.area - before) / before * 100 if before > 0 else 0.0
        _issue(issues, "repair", layer, "made_valid", name, reason=reason, change=f"{change:.2f}")
        geoms[pos] = fixed
    geoms[present] = shapely.orient_polygons(
        shapely.remove_repeated_points(geoms[present]), exterior_cw=False
    )
    out.geometry = geoms
    return out


# --------------------------------------------------------------------------------------------
# the village coverage
# --------------------------------------------------------------------------------------------


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
    layer = C.VILLAGES
    crs = villages.estimate_utm_crs()
    metric = villages.to_crs(crs)
    geoms = metric.geometry.values.copy()
    ids = metric[C.VILLAGE_ID].astype(str).to_numpy()
    extent = _extent(jurisdiction, crs)
    keep = np.ones(len(geoms), dtype=bool)

    if len(geoms) and (shapely.get_type_id(geoms) == 0).all():
        region = (
            extent
            if extent is not None
            else shapely.buffer(shapely.convex_hull(shapely.MultiPoint(list(geoms))), 2000.0)
        )
        geoms = topology.voronoi_cells(geoms, region)
        _issue(issues, "repair", layer, "cells_from_points", None, n=len(geoms))

    if extent is not None:
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
        cleaned = topology.clean(sub, gap_width_m)
        before = shapely.area(sub)
        after = shapely.area(cleaned)
        changed = np.abs(after - before) > np.maximum(before * 1e-7, 0.01)
        if overlaps:
            pairs = [
                f"{ids[active[o.i]]}/{ids[active[o.j]]} ({o.area_m2:,.1f} m²)" for o in overlaps
            ]
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
        geoms[active] = cleaned
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
    metric = metric.copy()
    metric.geometry = geoms
    return metric[keep].to_crs(WGS84)


def _declared(raw: RawScenario, layer: str) -> object:
    layer_raw = raw.layers.get(layer)
    return layer_raw.crs if layer_raw is not None and layer_raw.crs is not None else WGS84


def check_layers_apart(
    frames: Mapping[str, gpd.GeoDataFrame], raw: RawScenario, issues: list[Issue]
) -> None:
    """Warn when a layer lies far from the villages and the two declare different CRSs.

    A wrong zone or central meridian within China lands the data inside China, only some
    hundreds of kilometres off (a 3° zone is ~250 km wide): on its own it cannot be told from
    the numbers. Next to a layer in another CRS it can: the layer whose CRS is wrong lies far
    from the rest. The warning names both CRSs; the checks that follow (villages outside the
    jurisdiction, incidents outside) then say what it breaks.

    Parameters
    ----------
    frames
        The located layers, in WGS 84.
    raw
        The raw scenario (each layer's declared CRS).
    issues
        Issues found so far; a warning is appended per far layer.
    """
    villages = frames.get(C.VILLAGES)
    if villages is None or not len(villages):
        return
    present = ~(
        shapely.is_missing(villages.geometry.values) | shapely.is_empty(villages.geometry.values)
    )
    if not present.any():
        return
    reference = _declared(raw, C.VILLAGES)
    metric = villages[present].estimate_utm_crs()
    box = shapely.box(*villages.geometry[present].total_bounds)
    for layer in C.LAYERS:
        frame = frames.get(layer)
        if layer == C.VILLAGES or frame is None or not len(frame):
            continue
        declared = _declared(raw, layer)
        if coords.same_crs(declared, reference):
            continue
        geoms = frame.geometry.values
        located = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        if not located.any():
            continue
        other = shapely.box(*shapely.total_bounds(geoms[located]))
        pair = gpd.GeoSeries([box, other], crs=WGS84).to_crs(metric).values
        km = shapely.distance(pair[0], pair[1]) / 1000.0
        if km > FAR_APART_KM:
            _issue(
                issues,
                "warning",
                layer,
                "layer_far_from_villages",
                None,
                km=f"{km:,.0f}",
                crs=coords.describe_crs(declared),
                villages_crs=coords.describe_crs(reference),
            )


# --------------------------------------------------------------------------------------------
# the whole scenario
# --------------------------------------------------------------------------------------------


def _finish(
    frame: gpd.GeoDataFrame | None, layer: str, index_field: str | None = None
) -> gpd.GeoDataFrame:
    if frame is None or not len(frame):
        return empty_layer(layer)
    out = frame.drop(columns=[c for c in _INTERNAL if c in frame.columns])
    for col in _OPTIONAL_COLUMNS[layer]:
        if col not in out.columns:
            out[col] = None
    first = list(_OPTIONAL_COLUMNS[layer])
    rest = [c for c in out.columns if c not in first and c != "geometry"]
    out = out[[*first, *rest, "geometry"]]
    if index_field:
        out.index = pd.Index(out[index_field].astype(str).to_numpy(), name=None)
    else:
        out = out.reset_index(drop=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=WGS84)


def _outside(points: gpd.GeoDataFrame, area: shapely.Geometry | None) -> pd.Series:
    if area is None or not len(points):
        return pd.Series(False, index=points.index)
    present = points.geometry.notna()
    inside = pd.Series(True, index=points.index)
    shapely.prepare(area)
    inside[present] = shapely.covers(area, points.geometry[present].values)
    return ~inside


def validate(
    raw: RawScenario,
    *,
    coord_source: str = "wgs84",
    swap_axes: bool = False,
    gap_width_m: float = DEFAULT_GAP_WIDTH_M,
) -> Scenario:
    """Check and repair raw layers; return a :class:`Scenario` or raise :class:`ScenarioError`.

    Parameters
    ----------
    raw
        Layers as read by :mod:`zones.scenario.io`.
    coord_source
        The coordinate system the data was captured in: ``"wgs84"`` (also CGCS2000),
        ``"gcj02"`` (Amap/Tencent pickers) or ``"bd09"`` (Baidu). Data is converted to WGS 84.
    swap_axes
        Swap x and y of every layer first (for files written lat/lon); never done automatically.
    gap_width_m
        Gaps between villages narrower than this are merged into a neighbour.

    Raises
    ------
    ScenarioError
        With every error found, each naming the layer, the feature and the fix.
    """
    if coord_source not in coords.COORD_SOURCES:
        msg = f"coord_source must be one of {', '.join(coords.COORD_SOURCES)}, not {coord_source!r}"
        raise ValueError(msg)
    issues = list(raw.issues)
    frames: dict[str, gpd.GeoDataFrame] = {}
    file_errors = any(i.severity == "error" and i.layer == C.SCENARIO for i in issues)
    if (
        C.VILLAGES not in raw.layers
        and not file_errors
        and not any(i.layer == C.VILLAGES for i in issues)
    ):
        ignored = [i.feature for i in issues if i.code == "ignored_file" and i.feature]
        if ignored:  # say which files were passed over: one of them is probably the villages
            _issue(
                issues,
                "error",
                C.SCENARIO,
                "missing_villages_ignored",
                None,
                files=format_ids(ignored, 5),
            )
        else:
            _issue(issues, "error", C.SCENARIO, "missing_villages", None)
    if swap_axes:
        _issue(issues, "repair", C.SCENARIO, "axes_swapped", None)
    if coord_source != "wgs84":
        _issue(issues, "repair", C.SCENARIO, "coords_converted", None, source=coord_source.upper())
    for layer in C.LAYERS:
        raw_layer = raw.layers.get(layer)
        if raw_layer is None:
            continue
        named = RawLayer(
            layer, A.rename_columns(raw_layer.frame, layer, issues), raw_layer.source, raw_layer.crs
        )
        kept = check_geometry(named, issues)
        located = check_coordinates(kept, named, issues, swap_axes=swap_axes)
        if located is None:
            continue
        if coord_source != "wgs84":
            located = located.copy()
            located.geometry = coords.to_wgs84(located.geometry.values, coord_source)
        if "polygon" in C.GEOMETRY_KINDS[layer]:
            located = repair_polygons(located, layer, issues)
        frames[layer] = located
    check_layers_apart(frames, raw, issues)

    villages = A.check_villages(frames[C.VILLAGES], issues) if C.VILLAGES in frames else None
    jurisdiction = frames.get(C.JURISDICTION)
    if jurisdiction is not None:
        jurisdiction = A.check_named(jurisdiction, C.JURISDICTION, issues, fallback="")
    coverage_ok = villages is not None and not any(
        i.severity == "error" and i.layer == C.VILLAGES for i in issues
    )
    if villages is not None and coverage_ok and len(villages):
        villages = check_coverage(villages, jurisdiction, issues, gap_width_m=gap_width_m)
    if villages is not None and len(villages) and jurisdiction is None:
        union = shapely.union_all(villages.geometry.values)
        jurisdiction = gpd.GeoDataFrame({C.NAME: [""], "_fid": [1]}, geometry=[union], crs=WGS84)
        _issue(issues, "warning", C.JURISDICTION, "jurisdiction_derived", None)
    area = (
        shapely.union_all(jurisdiction.geometry.values)
        if jurisdiction is not None and len(jurisdiction)
        else None
    )

    officers = frames.get(C.OFFICERS)
    if officers is not None:
        officers = A.check_officers(officers, villages, issues)
    if officers is not None and villages is not None and len(villages):
        union = shapely.union_all(villages.geometry.values)
        out = _outside(officers, union)
        if out.any():
            _issue(
                issues,
                "warning",
                C.OFFICERS,
                "officer_outside",
                None,
                n=int(out.sum()),
                ids=format_ids(officers.loc[out, C.OFFICER_ID]),
            )
    rooms = frames.get(C.ROOMS)
    if rooms is not None:
        rooms = A.check_rooms(rooms, villages, issues)
    incidents = frames.get(C.INCIDENTS)
    if incidents is not None:
        incidents = A.check_incidents(incidents, issues)
        out = _outside(incidents, area)
        if out.any():
            _issue(issues, "warning", C.INCIDENTS, "incidents_outside", None, n=int(out.sum()))
    roads = frames.get(C.ROADS)
    if roads is not None:
        roads = A.check_roads(roads, issues)
    station = frames.get(C.STATION)
    if station is not None:
        station = A.check_named(station, C.STATION, issues, fallback="")
        out = _outside(station, area)
        if out.any():
            _issue(
                issues,
                "warning",
                C.STATION,
                "station_outside",
                None,
                ids=format_ids(station.loc[out, C.NAME]),
            )
    for layer in (C.OFFICERS, C.ROADS, C.INCIDENTS, C.STATION):
        if file_errors or C.VILLAGES not in raw.layers:
            break
        if layer not in raw.layers and not any(i.layer == layer for i in issues):
            _issue(issues, "warning", layer, f"no_{layer}", None)

    layers = {
        C.VILLAGES: _finish(villages, C.VILLAGES, C.VILLAGE_ID),
        C.JURISDICTION: _finish(jurisdiction, C.JURISDICTION),
        C.OFFICERS: _finish(officers, C.OFFICERS, C.OFFICER_ID),
        C.ROADS: _finish(roads, C.ROADS),
        C.INCIDENTS: _finish(incidents, C.INCIDENTS),
        C.ROOMS: _finish(rooms, C.ROOMS),
        C.STATION: _finish(station, C.STATION),
    }
    counts = {name: len(frame) for name, frame in layers.items()}
    report = ValidationReport(tuple(issues), source=raw.source, counts=counts)
    if not report.ok:
        raise ScenarioError(report)
    return Scenario(
        **layers,
        report=report,
        name=_scenario_name(layers, raw.source),
        settings={"coord_source": coord_source, "swap_axes": swap_axes, "gap_width_m": gap_width_m},
    )


def _scenario_name(layers: Mapping[str, gpd.GeoDataFrame], source: str) -> str:
    for layer in (C.STATION, C.JURISDICTION):
        names = [n for n in layers[layer].get(C.NAME, []) if n]
        if names:
            return str(names[0])
    from pathlib import PurePath

    return PurePath(source).stem or source
