"""Raw layers as the readers build them, and what the readers share: layer names, file kinds,
text decoding, feature labels and the reading limits.

The limits (``MAX_ROWS``, ``MAX_FILE_MB`` …) are defined in :mod:`zones.scenario.io` and read
from it at call time (:func:`limits`), so setting them there (callers, tests) takes effect.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from types import ModuleType
from typing import Any

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.report import Issue

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".xml")
TABLE_SUFFIXES = (".csv",)
GEOJSON_SUFFIXES = (".geojson", ".json")
GPKG_SUFFIX = ".gpkg"
ZIP_SUFFIX = ".zip"
OSM_SUFFIX = ".osm"
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".et")
ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"

# file stems (after NFKC + lower-case) that name a layer
LAYER_ALIASES: dict[str, str] = {
    **{name: name for name in C.LAYERS},
    "village": C.VILLAGES,
    "communities": C.VILLAGES,
    "行政村": C.VILLAGES,
    "村庄": C.VILLAGES,
    "村": C.VILLAGES,
    "辖区": C.JURISDICTION,
    "boundary": C.JURISDICTION,
    "警力": C.OFFICERS,
    "人员": C.OFFICERS,
    "警员": C.OFFICERS,
    "roster": C.OFFICERS,
    "staff": C.OFFICERS,
    "道路": C.ROADS,
    "路网": C.ROADS,
    "警情": C.INCIDENTS,
    "events": C.INCIDENTS,
    "警务室": C.ROOMS,
    "police_rooms": C.ROOMS,
    "派出所": C.STATION,
    "stations": C.STATION,
}


@dataclass(frozen=True)
class RawLayer:
    """A layer as parsed, before validation.

    ``frame`` keeps one row per input feature, in input order, with a ``_fid`` column (1-based
    feature number, for messages) and whatever geometry could be built (``None`` otherwise).
    ``crs`` is the layer's declared CRS (``None`` if it declared none).
    """

    name: str
    frame: gpd.GeoDataFrame
    source: str
    crs: Any = None


@dataclass(frozen=True)
class RawScenario:
    """All raw layers of a scenario and the issues found while reading them."""

    layers: Mapping[str, RawLayer]
    issues: tuple[Issue, ...]
    source: str


def _issue(severity: str, layer: str, code: str, feature: str | None = None, **params: object):
    return Issue(severity, layer, feature, code, params)  # type: ignore[arg-type]


def normalise_text(value: object) -> str:
    """NFKC-normalise and strip a text (full-width digits and spaces become ASCII)."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def layer_for_stem(stem: str) -> str | None:
    """The layer a file stem names (``villages``, ``行政村`` …), or ``None``."""
    key = normalise_text(stem).lower().replace(" ", "_").replace("-", "_")
    return LAYER_ALIASES.get(key)


def is_relevant(name: str) -> bool:
    """Whether a file's extension is one the reader parses (others are listed and ignored)."""
    suffix = PurePosixPath(name).suffix.lower()
    return (
        suffix
        in (
            *GEOJSON_SUFFIXES,
            *TABLE_SUFFIXES,
            *SHAPEFILE_PARTS,
            GPKG_SUFFIX,
            ZIP_SUFFIX,
            OSM_SUFFIX,
        )
        or suffix in SPREADSHEET_SUFFIXES
    )  # refused with the advice to save as CSV


def limits() -> ModuleType:
    """The module holding the reading limits, :mod:`zones.scenario.io` (read at call time)."""
    from zones.scenario import io

    return io


def decode_text(
    data: bytes, layer: str, source: str, issues: list[Issue], *, allow_gb: bool
) -> str | None:
    """Decode UTF-8 (with or without BOM); for tables also GB18030, with a warning."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if allow_gb:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                pass
            else:
                issues.append(_issue("repair", layer, "read_as_gb18030", None, file=source))
                return text
        issues.append(_issue("error", layer, "not_utf8", None, file=source, pos=exc.start))
        return None


def _too_many_rows(layer: str, source: str, n: int) -> Issue:
    return _issue("error", layer, "too_many_rows", None, file=source, n=n, cap=limits().MAX_ROWS)


def _feature_label(layer: str, record: Mapping[str, Any], fallback: str) -> str:
    field = C.ID_FIELDS.get(layer)
    if field and record.get(field) not in (None, ""):
        return normalise_text(record[field])
    return fallback


def _ids(labels: list[str]) -> str:
    from zones.report import format_ids

    return format_ids(labels)


def _gdal_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame.copy()
    frame["_fid"] = np.arange(1, len(frame) + 1)
    return frame


def _drop_z(frame: gpd.GeoDataFrame, layer: str, issues: list[Issue]) -> gpd.GeoDataFrame:
    """Heights are dropped from 3D geometries, and the report says which features had them."""
    geometry = np.asarray(frame.geometry.array, dtype=object)
    present = ~shapely.is_missing(geometry)
    with_z = np.zeros(len(frame), dtype=bool)
    with_z[present] = shapely.has_z(geometry[present])
    if not with_z.any():
        return frame
    frame = frame.copy()
    frame[frame.geometry.name] = shapely.force_2d(geometry)
    labels = [
        _feature_label(layer, frame.iloc[n].to_dict(), f"#{n + 1}") for n in np.flatnonzero(with_z)
    ]
    issues.append(_issue("repair", layer, "coords_3d", None, n=len(labels), ids=_ids(labels)))
    return frame
