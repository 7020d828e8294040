"""Validation steps on one layer's geometries: presence and type, and polygon repair."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.report import Issue, format_ids
from zones.scenario import attributes as A
from zones.scenario import topology
from zones.scenario.io import RawLayer
from zones.scenario.issues import add_issue as _issue

_KIND_OF = {
    "Polygon": "polygon",
    "MultiPolygon": "polygon",
    "Point": "point",
    "MultiPoint": "point",
    "LineString": "line",
    "MultiLineString": "line",
    "LinearRing": "line",
}


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
    _type_errors(layer, geoms, kinds, present, labels, issues)
    out = frame[keep].copy()
    single = out.geom_type == "MultiPoint"
    if single.any():
        out.loc[single, "geometry"] = shapely.get_geometry(out.geometry[single].values, 0)
    return out


def _type_errors(
    layer: str,
    geoms: gpd.GeoSeries,
    kinds: pd.Series,
    present: pd.Series,
    labels: pd.Series,
    issues: list[Issue],
) -> None:
    """Geometries of a type the layer does not take, villages mixing points and polygons, and
    multipoints of more than one point: one error each, listing the features."""
    allowed = C.GEOMETRY_KINDS[layer]
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
