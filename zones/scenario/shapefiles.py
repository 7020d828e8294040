"""Shapefiles: parts checked by content, the ``.prj`` read here, GDAL given only the
``.shp``/``.shx``/``.dbf`` in a fresh folder, and the attribute encoding detected."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyogrio
import shapely

from zones.report import Issue
from zones.scenario.crs import UnsafeCRSError, safe_crs
from zones.scenario.raw import (
    RawLayer,
    _drop_z,
    _gdal_frame,
    _issue,
    _too_many_rows,
    limits,
)

SHAPEFILE_DRIVER = "ESRI Shapefile"

_CPG_ENCODINGS = {
    "936": "gb18030",
    "cp936": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "65001": "utf-8",
}
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff][\u0080-\u00ff]|\ufffd")


def _looks_garbled(frame: pd.DataFrame) -> bool:
    for col in frame.columns:
        if col == "geometry" or not (
            frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col])
        ):
            continue
        for value in frame[col].dropna().astype(str):
            if _MOJIBAKE.search(value):
                return True
    return bool(any(_MOJIBAKE.search(str(c)) for c in frame.columns))


SHP_MAGIC = b"\x00\x00\x27\x0a"  # file code 9994, big-endian, at the start of .shp and .shx
_DBF_VERSIONS = frozenset({0x02, 0x03, 0x04, 0x05, 0x30, 0x31, 0x32, 0x43, 0x63, 0x83, 0x8B})
_DBF_VERSIONS |= {0x8E, 0xCB, 0xF5, 0xFB}


def _shapefile_imposter(parts: Mapping[str, bytes]) -> str | None:
    """The part whose content is not what a shapefile's part holds, or None.

    GDAL picks its driver from a file's content, so a ``.shp`` that is really an OGR VRT, a CSV
    or a GeoPackage would make it open other files; each part is checked by its magic bytes
    before GDAL sees it.
    """
    for suffix in (".shp", ".shx"):
        if len(parts[suffix]) < 100 or parts[suffix][:4] != SHP_MAGIC:
            return suffix
    dbf = parts[".dbf"]
    if len(dbf) < 32 or dbf[0] not in _DBF_VERSIONS:
        return ".dbf"
    if not _index_is_sequential(parts[".shx"], len(parts[".shp"])):
        return ".shx"
    return None


def _index_is_sequential(shx: bytes, shp_size: int) -> bool:
    """Whether the ``.shx`` index points at records one after another inside the ``.shp``, as
    every writer lays them out: an index that points many rows at one large record would make
    GDAL build that geometry once per row (memory by rows × size, not by the file's size)."""
    end = 100  # the .shp header
    for at in range(100, len(shx) - 7, 8):
        offset = int.from_bytes(shx[at : at + 4], "big") * 2
        length = int.from_bytes(shx[at + 4 : at + 8], "big") * 2
        if offset < end or offset + 8 + length > shp_size:
            return False
        end = offset + 8 + length
    return True


def _prj_crs(parts: Mapping[str, bytes], layer: str, source: str, issues: list[Issue]) -> Any:
    """The CRS of a ``.prj`` (read here, never by GDAL), or None; problems become issues."""
    if ".prj" not in parts:
        return None
    text = parts[".prj"].decode("utf-8", "replace").strip()
    if not text:
        return None
    try:
        return safe_crs(text)
    except UnsafeCRSError:
        issues.append(_issue("error", layer, "unsafe_crs", None, file=source, crs=text[:120]))
    except Exception:  # pyproj's CRSError and kin: not a CRS
        issues.append(_issue("error", layer, "unknown_crs", None, file=source, crs=text[:120]))
    return False


def parse_shapefile(
    parts: Mapping[str, bytes], layer: str, source: str, issues: list[Issue]
) -> RawLayer | None:
    """Read one shapefile from its parts (suffix → bytes) with encoding detection.

    Each part is checked by its content first (a ``.shp`` must be a shapefile, not a VRT or
    anything else GDAL could open), GDAL gets only the ``.shp``, ``.shx`` and ``.dbf`` in a
    fresh temporary folder, must open them with its shapefile driver, and the ``.prj`` is read
    here (:func:`zones.scenario.crs.safe_crs`). Encodings tried in order: UTF-8, the ``.cpg``
    declaration, GB18030 (a superset of GBK); the first that decodes without replacement
    characters or mojibake wins, and a non-UTF-8 choice is reported. Heights are dropped with a
    note.
    """
    missing = [s for s in (".shp", ".shx", ".dbf") if s not in parts]
    if missing:
        issues.append(
            _issue(
                "error",
                layer,
                "shapefile_incomplete",
                None,
                file=source,
                missing=", ".join(missing),
            )
        )
        return None
    imposter = _shapefile_imposter(parts)
    if imposter is not None:
        issues.append(_issue("error", layer, "not_a_shapefile", None, file=source, part=imposter))
        return None
    rows = int.from_bytes(parts[".dbf"][4:8], "little")
    if rows > limits().MAX_ROWS:
        issues.append(_too_many_rows(layer, source, rows))
        return None
    crs = _prj_crs(parts, layer, source, issues)
    if crs is False:
        return None
    # strict UTF-8 first: GBK bytes almost never decode as UTF-8, so a success is trustworthy
    # even when a wrong .cpg says otherwise; then the declared encoding, then GB18030
    declared = None
    if ".cpg" in parts:
        text = parts[".cpg"].decode("ascii", "replace").strip().lower()
        declared = _CPG_ENCODINGS.get(text, text)
    candidates = list(dict.fromkeys(["utf-8", *([declared] if declared else []), "gb18030"]))
    with tempfile.TemporaryDirectory(prefix="zones-shp-") as tmp:
        for suffix in (".shp", ".shx", ".dbf"):
            (Path(tmp) / f"layer{suffix}").write_bytes(parts[suffix])
        path = Path(tmp) / "layer.shp"
        if not _gdal_sees_shapefile(path, layer, source, issues):
            return None
        return _read_attributes(path, candidates, declared, layer, source, crs, issues)


def _gdal_sees_shapefile(path: Path, layer: str, source: str, issues: list[Issue]) -> bool:
    """Whether GDAL opens the file with its shapefile driver (else one error)."""
    try:
        driver = pyogrio.read_info(path, encoding="utf-8")["driver"]
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
        issues.append(
            _issue("error", layer, "gdal_unreadable", None, file=source, reason=str(exc)[:200])
        )
        return False
    except UnicodeDecodeError:
        driver = SHAPEFILE_DRIVER
    if driver != SHAPEFILE_DRIVER:
        issues.append(
            _issue("error", layer, "not_a_shapefile", None, file=source, part=str(driver))
        )
        return False
    return True


def _read_attributes(
    path: Path,
    candidates: list[str],
    declared: str | None,
    layer: str,
    source: str,
    crs: Any,
    issues: list[Issue],
) -> RawLayer | None:
    """The layer read with the first encoding that gives no mojibake (else one error)."""
    for encoding in candidates:
        try:
            frame = pyogrio.read_dataframe(path, encoding=encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        except (
            pyogrio.errors.DataSourceError,
            pyogrio.errors.DataLayerError,
            shapely.errors.ShapelyError,  # a shape GEOS cannot build (a ring left open)
        ) as exc:
            issues.append(
                _issue("error", layer, "gdal_unreadable", None, file=source, reason=str(exc)[:200])
            )
            return None
        repeated = frame.columns[frame.columns.duplicated()].unique()
        if len(repeated):  # a .dbf may name two fields alike; GDAL keeps both
            for column in repeated:
                issues.append(_issue("error", layer, "duplicate_field", None, field=str(column)))
            return None
        if _looks_garbled(frame):
            continue
        if encoding != "utf-8" and encoding != declared:
            issues.append(
                _issue(
                    "repair",
                    layer,
                    "shapefile_encoding",
                    None,
                    file=source,
                    encoding=encoding.upper(),
                )
            )
        frame = _drop_z(_gdal_frame(frame.set_crs(None, allow_override=True)), layer, issues)
        return RawLayer(layer, frame, source, crs)
    issues.append(_issue("error", layer, "shapefile_garbled", None, file=source))
    return None
