"""Validation steps on where a layer lies: its declared CRS, coordinate ranges, far-off layers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.model import WGS84
from zones.report import Issue, format_ids
from zones.scenario import attributes as A
from zones.scenario import coords
from zones.scenario.io import RawLayer, RawScenario
from zones.scenario.issues import add_issue as _issue

CHINA_BOUNDS = (73.0, 18.0, 135.5, 53.6)  # lon/lat box around China (with Hainan, not the SCS)
# a layer farther than this from the villages, in another CRS, has the wrong zone (3° ≈ 250 km)
FAR_APART_KM = 100.0


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
    if not _numbers_fit_crs(crs, source, total, layer, common, issues):
        return None
    out = _reproject(frame, crs, keep, source, total, layer, common, issues)
    if out is None:
        return None
    _datum_caveat(crs, values[keep], layer, common, issues)
    return out


def _numbers_fit_crs(
    crs: Any,
    source: np.ndarray,
    total: np.ndarray,
    layer: str,
    common: dict[str, str],
    issues: list[Issue],
) -> bool:
    """Whether the numbers, before reprojection, can be in the declared CRS (else one error)."""
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
        return False
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
        return False
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
        return False
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
        return False
    return True


def _reproject(
    frame: gpd.GeoDataFrame,
    crs: Any,
    keep: np.ndarray,
    source: np.ndarray,
    total: np.ndarray,
    layer: str,
    common: dict[str, str],
    issues: list[Issue],
) -> gpd.GeoDataFrame | None:
    """The layer in WGS 84, or None with an error when it lands off lon/lat or far from China."""
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
