"""Turn raw layers into a validated :class:`~zones.model.Scenario`, or one ScenarioError.

Every check runs; then either the scenario comes back with its repairs and warnings in
``scenario.report``, or :class:`~zones.errors.ScenarioError` lists every error (layer, feature,
what is wrong, how to fix it). No feature is dropped without an issue saying so.

Order: per layer geometry (presence, type: :mod:`~zones.scenario.layer_geometry`; coordinates
and CRS: :mod:`~zones.scenario.crs_checks`; validity) → attributes
(:mod:`~zones.scenario.attributes`) → the village coverage (cells from points, clip to the
jurisdiction, slivers, overlaps, gaps: :mod:`~zones.scenario.village_coverage`) → references
between layers. :func:`validate` runs these steps in that order.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import shapely

from zones import columns as C
from zones.errors import ScenarioError
from zones.model import WGS84, Scenario
from zones.report import Issue, ValidationReport, format_ids
from zones.scenario import attributes as A
from zones.scenario import coords
from zones.scenario.crs_checks import (
    CHINA_BOUNDS,
    FAR_APART_KM,
    check_coordinates,
    check_declared_crs,
    check_layers_apart,
)
from zones.scenario.io import RawLayer, RawScenario
from zones.scenario.issues import add_issue as _issue
from zones.scenario.layer_geometry import check_geometry, repair_polygons
from zones.scenario.village_coverage import check_coverage

__all__ = [
    "CHINA_BOUNDS",
    "DEFAULT_GAP_WIDTH_M",
    "FAR_APART_KM",
    "check_coordinates",
    "check_coverage",
    "check_declared_crs",
    "check_geometry",
    "check_layers_apart",
    "empty_layer",
    "repair_polygons",
    "validate",
]

DEFAULT_GAP_WIDTH_M = 5.0

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


def empty_layer(layer: str) -> gpd.GeoDataFrame:
    """A layer with no features but the data model's columns, in WGS 84."""
    return gpd.GeoDataFrame(
        {c: pd.Series(dtype=object) for c in _OPTIONAL_COLUMNS[layer]},
        geometry=gpd.GeoSeries([], crs=WGS84),
        crs=WGS84,
    )


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
    file_errors = any(i.severity == "error" and i.layer == C.SCENARIO for i in issues)
    _note_scenario(
        raw, issues, file_errors=file_errors, coord_source=coord_source, swap_axes=swap_axes
    )
    frames = _locate_layers(raw, issues, coord_source=coord_source, swap_axes=swap_axes)
    check_layers_apart(frames, raw, issues)
    villages, jurisdiction = _check_areas(frames, issues, gap_width_m=gap_width_m)
    others = _check_other_layers(frames, villages, jurisdiction, issues)
    _note_missing_layers(raw, issues, file_errors=file_errors)
    layers = {
        C.VILLAGES: _finish(villages, C.VILLAGES, C.VILLAGE_ID),
        C.JURISDICTION: _finish(jurisdiction, C.JURISDICTION),
        C.OFFICERS: _finish(others[C.OFFICERS], C.OFFICERS, C.OFFICER_ID),
        C.ROADS: _finish(others[C.ROADS], C.ROADS),
        C.INCIDENTS: _finish(others[C.INCIDENTS], C.INCIDENTS),
        C.ROOMS: _finish(others[C.ROOMS], C.ROOMS),
        C.STATION: _finish(others[C.STATION], C.STATION),
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


def _note_scenario(
    raw: RawScenario, issues: list[Issue], *, file_errors: bool, coord_source: str, swap_axes: bool
) -> None:
    """Scenario-wide issues: no villages layer, and the conversions asked for."""
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


def _locate_layers(
    raw: RawScenario, issues: list[Issue], *, coord_source: str, swap_axes: bool
) -> dict[str, gpd.GeoDataFrame]:
    """Each layer's columns named, geometries checked, placed in WGS 84 and (polygons) repaired."""
    frames: dict[str, gpd.GeoDataFrame] = {}
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
    return frames


def _check_areas(
    frames: Mapping[str, gpd.GeoDataFrame], issues: list[Issue], *, gap_width_m: float
) -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    """The villages (attributes, then coverage) and the jurisdiction (derived when missing)."""
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
    return villages, jurisdiction


def _check_other_layers(
    frames: Mapping[str, gpd.GeoDataFrame],
    villages: gpd.GeoDataFrame | None,
    jurisdiction: gpd.GeoDataFrame | None,
    issues: list[Issue],
) -> dict[str, gpd.GeoDataFrame | None]:
    """Officers, rooms, incidents, roads and the station: attributes and references."""
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
    return {
        C.OFFICERS: officers,
        C.ROOMS: rooms,
        C.INCIDENTS: incidents,
        C.ROADS: roads,
        C.STATION: station,
    }


def _note_missing_layers(raw: RawScenario, issues: list[Issue], *, file_errors: bool) -> None:
    """A warning per optional layer the scenario lacks (when the villages were read)."""
    for layer in (C.OFFICERS, C.ROADS, C.INCIDENTS, C.STATION):
        if file_errors or C.VILLAGES not in raw.layers:
            break
        if layer not in raw.layers and not any(i.layer == layer for i in issues):
            _issue(issues, "warning", layer, f"no_{layer}", None)


def _scenario_name(layers: Mapping[str, gpd.GeoDataFrame], source: str) -> str:
    for layer in (C.STATION, C.JURISDICTION):
        names = [n for n in layers[layer].get(C.NAME, []) if n]
        if names:
            return str(names[0])
    from pathlib import PurePath

    return PurePath(source).stem or source
