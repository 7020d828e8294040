"""GeoPackages: the scenario's layers read through :mod:`~zones.scenario.gpkg` (SQLite in
memory, plain tables only, bounded in rows and wall time; GDAL is not used)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

from zones import columns as C
from zones.report import Issue
from zones.scenario.crs import UnsafeCRSError, safe_crs
from zones.scenario.raw import (
    RawLayer,
    _drop_z,
    _feature_label,
    _gdal_frame,
    _issue,
    _too_many_rows,
    layer_for_stem,
    limits,
)


def read_geopackage(data: bytes, source: str, issues: list[Issue]) -> dict[str, RawLayer]:
    """Read the scenario layers of a GeoPackage held in memory (:mod:`~zones.scenario.gpkg`:
    SQLite in memory, plain tables only, bounded in rows and wall time; GDAL is not used)."""
    from zones.scenario import gpkg

    layers: dict[str, RawLayer] = {}
    try:
        connection = gpkg.open_geopackage(data, seconds=limits().READ_SECONDS)
    except gpkg.GeoPackageError as exc:
        issues.append(_gpkg_issue(exc, C.SCENARIO, source))
        return layers
    try:
        try:
            listed = gpkg.list_layers(connection)
        except gpkg.GeoPackageError as exc:
            issues.append(_gpkg_issue(exc, C.SCENARIO, source))
            return layers
        for name, kind in listed:
            layer = layer_for_stem(name)
            if layer is None:
                issues.append(_issue("warning", C.SCENARIO, "ignored_layer", name, file=source))
                continue
            if kind != "table":
                issues.append(
                    _issue("error", layer, "gpkg_not_table", name, file=source, kind=kind)
                )
                continue
            if layer in layers:
                issues.append(_issue("error", layer, "duplicate_layer", name, file=source))
                continue
            try:
                table = gpkg.read_layer(connection, name, max_rows=limits().MAX_ROWS)
            except gpkg.GeoPackageError as exc:
                issues.append(_gpkg_issue(exc, layer, f"{source}:{name}"))
                if exc.code == "gpkg_timeout":
                    break
                continue
            raw = _gpkg_layer(table, layer, f"{source}:{name}", issues)
            if raw is not None:
                layers[layer] = raw
    finally:
        connection.close()
    return layers


def _gpkg_issue(exc: Exception, layer: str, source: str) -> Issue:
    code = getattr(exc, "code", "bad_gpkg")
    params = dict(getattr(exc, "params", {}))
    if code == "gpkg_timeout":
        params["seconds"] = int(limits().READ_SECONDS)
    if code == "too_many_rows":
        return _too_many_rows(layer, source, int(params.get("n", 0)))
    if code == "not_gpkg":
        return _issue("error", C.SCENARIO, "not_gpkg", source)
    return _issue("error", layer, code, None, file=source, **params)


def _gpkg_layer(table: Any, layer: str, source: str, issues: list[Issue]) -> RawLayer | None:
    frame = pd.DataFrame.from_records(table.rows, columns=table.columns)
    for column in frame.columns:  # BLOBs other than the geometry are not data we read
        if frame[column].map(lambda v: isinstance(v, bytes)).any():
            frame[column] = frame[column].map(lambda v: None if isinstance(v, bytes) else v)
    geometry = table.geometries if table.geometries is not None else [None] * len(frame)
    frame = gpd.GeoDataFrame(frame, geometry=list(geometry))
    for n in table.bad_geometries:
        issues.append(
            _issue(
                "error", layer, "bad_geometry", _feature_label(layer, frame.iloc[n], f"#{n + 1}")
            )
        )
    try:
        crs = safe_crs(table.crs)
    except UnsafeCRSError:
        issues.append(_issue("error", layer, "unsafe_crs", None, file=source, crs=table.crs[:120]))
        return None
    except Exception:  # pyproj's CRSError: not a CRS
        issues.append(_issue("error", layer, "unknown_crs", None, file=source, crs=table.crs[:120]))
        return None
    return RawLayer(layer, _drop_z(_gdal_frame(frame), layer, issues), source, crs)
