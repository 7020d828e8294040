"""Reading scenario files into raw layers: the only module of the core that touches files.

Every input is first turned into ``{file name: bytes}`` (a folder, a ``.zip`` or uploaded files)
or a GeoPackage; then each file is parsed by its format. Parsing never stops at the first bad
feature: problems are recorded as :class:`~zones.report.Issue` objects and the feature is kept
with a null geometry, so :mod:`zones.scenario.validate` can report every problem at once.

Safety (notes/inputs-and-safety.md §3.2): file names from archives or uploads are only used to
recognise layers, never as paths; zip members are checked for ``..``, absolute paths, count and
uncompressed size; content is sniffed, not trusted from the extension.
"""

from __future__ import annotations

import io
import json
import lzma
import math
import re
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import shape

from zones import columns as C
from zones.report import Issue
from zones.scenario.crs import UnsafeCRSError, safe_crs
from zones.writers import unguard_text

MAX_FILE_MB = 50
"""Largest file read (MB), on disk, uploaded, or unpacked from a zip (counted as it unpacks)."""
MAX_ZIP_MEMBERS = 500
MAX_ZIP_TOTAL_MB = 500
"""Largest total a zip may unpack to (MB), counted byte by byte as members stream out."""
MAX_ROWS = 1_000_000
"""Most features (rows) one layer may hold."""
READ_SECONDS = 20.0
"""Wall-time limit of one GeoPackage read (SQLite interrupts the statement running then)."""
_CHUNK = 1 << 20
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".xml")
TABLE_SUFFIXES = (".csv",)
GEOJSON_SUFFIXES = (".geojson", ".json")
GPKG_SUFFIX = ".gpkg"
ZIP_SUFFIX = ".zip"
OSM_SUFFIX = ".osm"
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".et")
ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"
SHAPEFILE_DRIVER = "ESRI Shapefile"

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

# CSV column names that carry point coordinates
LON_COLUMNS = ("lon", "lng", "longitude", "x", "经度")
LAT_COLUMNS = ("lat", "latitude", "y", "纬度")

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


# --------------------------------------------------------------------------------------------
# collecting files
# --------------------------------------------------------------------------------------------


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


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name; names written by Chinese Windows tools without the UTF-8 flag are GBK."""
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        try:
            return name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return name
    return name


def _check_size(name: str, size: int, issues: list[Issue]) -> bool:
    if size > MAX_FILE_MB * 1024 * 1024:
        issues.append(
            _issue(
                "error",
                C.SCENARIO,
                "file_too_large",
                name,
                mb=round(size / 2**20, 1),
                cap=MAX_FILE_MB,
            )
        )
        return False
    return True


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return not (path.is_absolute() or ".." in path.parts or re.match(r"^[A-Za-z]:", name))


def unpack_zip(data: bytes, label: str, issues: list[Issue]) -> dict[str, bytes]:
    """Return the files of a zip archive held in memory, refusing unsafe or oversized members.

    Members are keyed by their base name (folders inside the archive are ignored); members that
    are folders, hidden files (``__MACOSX``, ``.DS_Store``) are skipped silently.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        issues.append(_issue("error", C.SCENARIO, "bad_zip", label))
        return {}
    with archive:
        # not ZipInfo.is_dir(): it fails on an empty member name (filename[-1])
        infos = [i for i in archive.infolist() if not i.filename.endswith("/")]
        if len(infos) > MAX_ZIP_MEMBERS:
            issues.append(
                _issue(
                    "error", C.SCENARIO, "zip_too_many", label, n=len(infos), cap=MAX_ZIP_MEMBERS
                )
            )
            return {}
        declared = sum(i.file_size for i in infos)
        if declared > MAX_ZIP_TOTAL_MB * 2**20:
            issues.append(
                _issue(
                    "error",
                    C.SCENARIO,
                    "zip_too_large",
                    label,
                    mb=round(declared / 2**20),
                    cap=MAX_ZIP_TOTAL_MB,
                )
            )
            return {}
        unsafe = [i.filename for i in infos if not _safe_member(i.filename)]
        if unsafe:
            issues.append(_issue("error", C.SCENARIO, "zip_unsafe", label, names=", ".join(unsafe)))
            return {}
        files: dict[str, bytes] = {}
        for info in infos:
            base = PurePosixPath(_member_name(info).replace("\\", "/")).name
            if not base or base.startswith(".") or "__MACOSX" in info.filename:
                continue
            if not is_relevant(base):
                issues.append(_issue("warning", C.SCENARIO, "ignored_file", base))
                continue
            if base in files:
                issues.append(_issue("error", C.SCENARIO, "duplicate_file", base))
                continue
            if info.flag_bits & 0x1:
                issues.append(_issue("error", C.SCENARIO, "zip_encrypted", base, file=label))
                continue
            if not _check_size(base, info.file_size, issues):
                continue
            budget = MAX_ZIP_TOTAL_MB * 2**20 - sum(len(v) for v in files.values())
            try:
                content = _read_member(archive, info, min(MAX_FILE_MB * 2**20, budget))
            except _MemberTooLarge as exc:
                issues.append(
                    _issue(
                        "error",
                        C.SCENARIO,
                        "zip_member_lies",
                        base,
                        member=base,
                        file=label,
                        cap=round(exc.cap / 2**20, 1),
                        declared=round(info.file_size / 2**20, 1),
                    )
                )
                return {}
            except (
                zipfile.BadZipFile,
                RuntimeError,
                NotImplementedError,
                EOFError,
                zlib.error,
                lzma.LZMAError,
                OSError,  # bzip2's "Invalid data stream"
                ValueError,  # a seek before the start: the archive's offsets are wrong
            ) as exc:
                issues.append(
                    _issue(
                        "error",
                        C.SCENARIO,
                        "zip_member_broken",
                        base,
                        file=label,
                        reason=str(exc)[:120],
                    )
                )
            else:
                files[base] = content
        return files


class _MemberTooLarge(Exception):
    def __init__(self, cap: int) -> None:
        super().__init__(cap)
        self.cap = cap


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A member's bytes, counted as they stream out: the header's size is not trusted, and
    reading stops as soon as ``cap`` bytes are passed (memory stays bounded by the cap)."""
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > cap:
                raise _MemberTooLarge(cap)
            chunks.append(chunk)
    return b"".join(chunks)


def _regular_file(path: Path, issues: list[Issue], *, follow: bool = False) -> bytes | None:
    """The bytes of a regular file, or None with an issue: a link inside a scenario is not
    followed (it could point anywhere on the server), and a pipe or device is not read (it
    could block forever)."""
    if path.is_symlink() and not follow:
        issues.append(_issue("error", C.SCENARIO, "not_a_regular_file", path.name))
        return None
    if not path.is_file():
        issues.append(_issue("error", C.SCENARIO, "not_a_regular_file", path.name))
        return None
    if not _check_size(path.name, path.stat().st_size, issues):
        return None
    return path.read_bytes()


def collect_folder(folder: Path, issues: list[Issue]) -> dict[str, bytes]:
    """Read the files directly inside ``folder`` (sub-folders are reported, not read; links,
    pipes and devices are refused)."""
    files: dict[str, bytes] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            issues.append(_issue("warning", C.SCENARIO, "ignored_folder", path.name))
            continue
        if not is_relevant(path.name):
            issues.append(_issue("warning", C.SCENARIO, "ignored_file", path.name))
            continue
        data = _regular_file(path, issues)
        if data is not None:
            files[path.name] = data
    return files


def expand_archives(files: Mapping[str, bytes], issues: list[Issue]) -> dict[str, bytes]:
    """Replace each zip among ``files`` by its members (one level; sniffed by magic bytes).

    A zip that holds only one shapefile keeps the zip's name as the layer name when its members
    do not name a layer themselves (``villages.zip`` holding ``xzqh.shp``).
    """
    out: dict[str, bytes] = {}
    for name, data in files.items():
        suffix = PurePosixPath(name).suffix.lower()
        if suffix != ".zip":
            if suffix in SPREADSHEET_SUFFIXES:  # xlsx is a zip: refused later, with advice
                out[name] = data
            elif data[:4] == ZIP_MAGIC or data[:16] == SQLITE_MAGIC and suffix != GPKG_SUFFIX:
                issues.append(_issue("error", C.SCENARIO, "content_mismatch", name))
            else:
                out[name] = data
            continue
        if data[:4] != ZIP_MAGIC:
            issues.append(_issue("error", C.SCENARIO, "bad_zip", name))
            continue
        members = unpack_zip(data, name, issues)
        stems = {PurePosixPath(m).stem for m in members if m.lower().endswith(".shp")}
        rename = (
            len(stems) == 1
            and layer_for_stem(next(iter(stems))) is None
            and layer_for_stem(PurePosixPath(name).stem) is not None
        )
        for member, content in members.items():
            key = member
            if rename and PurePosixPath(member).stem in stems:
                key = PurePosixPath(name).stem + PurePosixPath(member).suffix
            if key in out:
                issues.append(_issue("error", C.SCENARIO, "duplicate_file", key))
            out[key] = content
    return out


# --------------------------------------------------------------------------------------------
# GeoJSON
# --------------------------------------------------------------------------------------------


def _reject_constant(token: str) -> float:
    msg = f"non-finite number {token}"
    raise ValueError(msg)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's members; a key given twice is an error (never "the last one wins")."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


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


def _check_positions(coords: Any, depth: int, state: dict[str, bool]) -> str | None:
    """Walk a coordinates array; return an error code or None. ``depth`` = nesting of positions."""
    if depth == 0:
        if not isinstance(coords, list) or len(coords) < 2:
            return "bad_position"
        if len(coords) > 3:
            return "coords_4d"
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in coords):
            return "bad_position"
        try:
            finite = all(math.isfinite(v) for v in coords)
        except OverflowError:  # an integer too large for a float (JSON allows 10**400)
            finite = False
        if not finite:
            return "coords_nan"
        if len(coords) == 3:
            state["z"] = True
        return None
    if not isinstance(coords, list):
        return "bad_position"
    for item in coords:
        err = _check_positions(item, depth - 1, state)
        if err:
            return err
    return None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(doc: Any) -> str | None:
    """The first lone surrogate in a key or text of ``doc``, or None.

    JSON can escape half of a surrogate pair (``"\\ud800"``); Python decodes it into a string
    that is not Unicode text, which UTF-8 and Arrow-backed pandas strings refuse later.
    """
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack += [*node, *node.values()]
        elif isinstance(node, list):
            stack += node
        elif isinstance(node, str) and not node.isascii():
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                return node[exc.start]
    return None


def _check_rings(rings: list) -> str | None:
    for ring in rings:
        if len(ring) < 4:
            return "ring_too_short"
        if ring[0][:2] != ring[-1][:2]:
            return "ring_not_closed"
        lons = [p[0] for p in ring]
        if all(abs(v) <= 180 for v in lons) and any(
            abs(a - b) > 180 for a, b in zip(lons, lons[1:], strict=False)
        ):
            return "antimeridian"
    return None


_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def check_geojson_geometry(geom: Any, state: dict[str, bool]) -> str | None:
    """Check a GeoJSON geometry object; return an error code (``issue.<code>``) or None."""
    if not isinstance(geom, dict) or "type" not in geom:
        return "bad_geometry"
    gtype = geom["type"]
    if not isinstance(gtype, str):  # a list or an object: not hashable, not a type name
        return "bad_geometry"
    if gtype == "GeometryCollection":
        parts = geom.get("geometries") or []
        if not isinstance(parts, list):
            return "bad_geometry"
        for part in parts:
            err = check_geojson_geometry(part, state)
            if err:
                return err
        return None
    if gtype not in _DEPTH:
        return "bad_geometry"
    coords = geom.get("coordinates")
    if coords is None:
        return "bad_geometry"
    err = _check_positions(coords, _DEPTH[gtype], state)
    if err:
        return err
    if gtype == "Polygon":
        return _check_rings(coords)
    if gtype == "MultiPolygon":
        for poly in coords:
            err = _check_rings(poly)
            if err:
                return err
    return None


def _property_value(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return tuple(value)
    return value


def parse_osm(data: bytes, source: str, issues: list[Issue]) -> RawLayer | None:
    """Roads from an OpenStreetMap ``.osm`` file (:mod:`~zones.scenario.osm`), read as GeoJSON."""
    from zones.scenario.osm import OsmError, osm_roads_geojson

    try:
        geojson, counts = osm_roads_geojson(data)
    except OsmError as exc:
        issues.append(_issue("error", C.ROADS, "bad_osm", None, file=source, reason=exc.detail))
        return None
    if counts["incomplete"]:
        issues.append(
            _issue("warning", C.ROADS, "osm_incomplete", None, file=source, n=counts["incomplete"])
        )
    if not counts["ways"]:
        issues.append(_issue("warning", C.ROADS, "osm_no_roads", None, file=source))
        return None
    return parse_geojson(geojson, C.ROADS, source, issues)


def parse_geojson(data: bytes, layer: str, source: str, issues: list[Issue]) -> RawLayer | None:
    """Parse GeoJSON bytes into a raw layer, recording every problem as an issue."""
    text = decode_text(data, layer, source, issues, allow_gb=False)
    if text is None:
        return None
    try:
        doc = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        issues.append(
            _issue("error", layer, "json_duplicate_key", None, file=source, key=exc.key[:80])
        )
        return None
    except json.JSONDecodeError as exc:
        issues.append(
            _issue(
                "error",
                layer,
                "bad_json",
                None,
                file=source,
                line=exc.lineno,
                col=exc.colno,
                reason=exc.msg,
            )
        )
        return None
    except RecursionError:
        issues.append(
            _issue(
                "error",
                layer,
                "bad_json",
                None,
                file=source,
                line=1,
                col=1,
                reason="nested too deeply",
            )
        )
        return None
    except ValueError:
        issues.append(_issue("error", layer, "json_nan", None, file=source))
        return None
    lone = _lone_surrogate(doc) if _SURROGATE_ESCAPE.search(text) else None
    if lone is not None:
        escape = f"\\u{ord(lone):04x}"
        at = max(0, text.lower().find(escape))
        issues.append(
            _issue(
                "error",
                layer,
                "bad_json",
                None,
                file=source,
                line=text.count("\n", 0, at) + 1,
                col=at - text.rfind("\n", 0, at),
                reason=f"{escape} is half of a surrogate pair, not a character",
            )
        )
        return None
    if not isinstance(doc, dict) or doc.get("type") not in (
        "FeatureCollection",
        "Feature",
        *_DEPTH,
        "GeometryCollection",
    ):
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        issues.append(_issue("error", layer, "not_geojson", None, file=source, found=str(found)))
        return None
    if doc["type"] == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            issues.append(
                _issue("error", layer, "not_geojson", None, file=source, found="features")
            )
            return None
    elif doc["type"] == "Feature":
        features = [doc]
    else:
        features = [{"type": "Feature", "properties": {}, "geometry": doc}]
    if len(features) > MAX_ROWS:
        issues.append(_too_many_rows(layer, source, len(features)))
        return None

    crs = _legacy_crs(doc, layer, source, issues)
    records: list[dict[str, Any]] = []
    geoms: list[Any] = []
    z_features: list[str] = []
    for n, feature in enumerate(features, start=1):
        fid = f"#{n}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            issues.append(_issue("error", layer, "not_a_feature", fid))
            records.append({"_fid": n})
            geoms.append(None)
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        record = {str(k): _property_value(v) for k, v in props.items()}
        record["_fid"] = n
        label = _feature_label(layer, record, fid)
        geom = feature.get("geometry")
        built = None
        if geom is not None:
            state: dict[str, bool] = {}
            err = check_geojson_geometry(geom, state)
            if err:
                issues.append(_issue("error", layer, err, label))
                record["_geometry_error"] = err
            else:
                try:
                    built = shape(geom)
                except (ValueError, TypeError, AttributeError, shapely.errors.ShapelyError):
                    issues.append(_issue("error", layer, "bad_geometry", label))
                    record["_geometry_error"] = "bad_geometry"
                else:
                    if state.get("z"):
                        built = shapely.force_2d(built)
                        z_features.append(label)
        records.append(record)
        geoms.append(built)
    if z_features:
        issues.append(
            _issue("repair", layer, "coords_3d", None, n=len(z_features), ids=_ids(z_features))
        )
    frame = gpd.GeoDataFrame(pd.DataFrame.from_records(records), geometry=geoms)
    if "_fid" not in frame:
        frame["_fid"] = pd.Series(dtype="int64")
    return RawLayer(layer, frame, source, crs)


def _too_many_rows(layer: str, source: str, n: int) -> Issue:
    return _issue("error", layer, "too_many_rows", None, file=source, n=n, cap=MAX_ROWS)


def _legacy_crs(doc: dict, layer: str, source: str, issues: list[Issue]) -> Any:
    member = doc.get("crs")
    if not member:
        return None
    name = ""
    if isinstance(member, dict):
        props = member.get("properties")
        props = props if isinstance(props, dict) else {}
        name = str(props.get("name") or props.get("href") or "")
    if re.search(r"CRS84|EPSG:+4326$|EPSG::4326|EPSG:4490|EPSG::4490", name):
        return None
    try:
        crs = safe_crs(name)
    except Exception:  # UnsafeCRSError, pyproj's CRSError: either way not a CRS we can use
        issues.append(_issue("error", layer, "unknown_crs", None, file=source, crs=name[:120]))
        return None
    issues.append(_issue("repair", layer, "legacy_crs", None, file=source, crs=name))
    return crs


def _feature_label(layer: str, record: Mapping[str, Any], fallback: str) -> str:
    field = C.ID_FIELDS.get(layer)
    if field and record.get(field) not in (None, ""):
        return normalise_text(record[field])
    return fallback


def _ids(labels: list[str]) -> str:
    from zones.report import format_ids

    return format_ids(labels)


# --------------------------------------------------------------------------------------------
# CSV tables
# --------------------------------------------------------------------------------------------


def parse_csv(data: bytes, layer: str, source: str, issues: list[Issue]) -> RawLayer | None:
    """Parse a CSV table (UTF-8, UTF-8 with BOM, or GB18030 as saved by Chinese Excel).

    Point geometry comes from ``lon``/``lat`` (or ``经度``/``纬度``, ``x``/``y``) columns when
    present. All values are read as text; :mod:`zones.scenario.validate` converts them.
    """
    text = decode_text(data, layer, source, issues, allow_gb=True)
    if text is None:
        return None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        issues.append(
            _issue("error", layer, "bad_csv", None, file=source, reason=str(exc).splitlines()[0])
        )
        return None
    if len(table) > MAX_ROWS:
        issues.append(_too_many_rows(layer, source, len(table)))
        return None
    table.columns = [normalise_text(c) for c in table.columns]
    repeated = table.columns[table.columns.duplicated()].unique()
    for column in repeated:
        issues.append(_issue("error", layer, "duplicate_field", None, field=str(column)))
    if len(repeated):
        return None
    lower = {c.lower(): c for c in table.columns}
    lon_col = next((lower[c] for c in LON_COLUMNS if c in lower), None)
    lat_col = next((lower[c] for c in LAT_COLUMNS if c in lower), None)
    geoms: list[Any] = [None] * len(table)
    if lon_col and lat_col:
        lon = pd.to_numeric(table[lon_col].str.strip(), errors="coerce")
        lat = pd.to_numeric(table[lat_col].str.strip(), errors="coerce")
        blank = (table[lon_col].str.strip() == "") & (table[lat_col].str.strip() == "")
        bad = (lon.isna() | lat.isna()) & ~blank
        for n in np.flatnonzero(bad.to_numpy()):
            label = _feature_label(layer, table.iloc[n].to_dict(), f"#{n + 1}")
            issues.append(
                _issue(
                    "error",
                    layer,
                    "bad_lonlat",
                    label,
                    lon=table[lon_col].iloc[n],
                    lat=table[lat_col].iloc[n],
                )
            )
        ok = ~(lon.isna() | lat.isna())
        points = shapely.points(lon.fillna(0).to_numpy(), lat.fillna(0).to_numpy())
        geoms = [p if flag else None for p, flag in zip(points, ok.to_numpy(), strict=True)]
        table = table.drop(columns=[lon_col, lat_col])
    table = table.replace({"": None})
    for column in table.columns:  # undo the writer's guard against spreadsheet formulas
        table[column] = table[column].map(unguard_text)
    table["_fid"] = np.arange(1, len(table) + 1)
    return RawLayer(layer, gpd.GeoDataFrame(table, geometry=geoms), source, None)


# --------------------------------------------------------------------------------------------
# GDAL formats: shapefiles and GeoPackage
# --------------------------------------------------------------------------------------------


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


def _gdal_frame(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frame = frame.copy()
    frame["_fid"] = np.arange(1, len(frame) + 1)
    return frame


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
    return None


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
    if rows > MAX_ROWS:
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
        try:
            driver = pyogrio.read_info(path, encoding="utf-8")["driver"]
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
            issues.append(
                _issue("error", layer, "gdal_unreadable", None, file=source, reason=str(exc)[:200])
            )
            return None
        except UnicodeDecodeError:
            driver = SHAPEFILE_DRIVER
        if driver != SHAPEFILE_DRIVER:
            issues.append(
                _issue("error", layer, "not_a_shapefile", None, file=source, part=str(driver))
            )
            return None
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
                    _issue(
                        "error", layer, "gdal_unreadable", None, file=source, reason=str(exc)[:200]
                    )
                )
                return None
            repeated = frame.columns[frame.columns.duplicated()].unique()
            if len(repeated):  # a .dbf may name two fields alike; GDAL keeps both
                for column in repeated:
                    issues.append(
                        _issue("error", layer, "duplicate_field", None, field=str(column))
                    )
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


def read_geopackage(data: bytes, source: str, issues: list[Issue]) -> dict[str, RawLayer]:
    """Read the scenario layers of a GeoPackage held in memory (:mod:`~zones.scenario.gpkg`:
    SQLite in memory, plain tables only, bounded in rows and wall time; GDAL is not used)."""
    from zones.scenario import gpkg

    layers: dict[str, RawLayer] = {}
    try:
        connection = gpkg.open_geopackage(data, seconds=READ_SECONDS)
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
                table = gpkg.read_layer(connection, name, max_rows=MAX_ROWS)
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
        params["seconds"] = int(READ_SECONDS)
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


# --------------------------------------------------------------------------------------------
# putting it together
# --------------------------------------------------------------------------------------------


def read_files(files: Mapping[str, bytes], source: str) -> RawScenario:
    """Parse a mapping of file name → bytes (a folder, a zip's members, or uploads)."""
    issues: list[Issue] = []
    relevant: dict[str, bytes] = {}
    for name, data in files.items():
        if not is_relevant(name):
            issues.append(_issue("warning", C.SCENARIO, "ignored_file", name))
        elif _check_size(name, len(data), issues):
            relevant[name] = data
    files = expand_archives(relevant, issues)
    layers: dict[str, RawLayer] = {}

    def add(raw: RawLayer | None) -> None:
        if raw is None:
            return
        if raw.name in layers:
            issues.append(
                _issue(
                    "error",
                    raw.name,
                    "duplicate_layer",
                    None,
                    file=f"{layers[raw.name].source}, {raw.source}",
                )
            )
            return
        layers[raw.name] = raw

    shapefiles: dict[str, dict[str, bytes]] = {}
    for name, data in sorted(files.items()):
        path = PurePosixPath(name)
        suffix = path.suffix.lower()
        if suffix == GPKG_SUFFIX:
            if data[:16] != SQLITE_MAGIC:
                issues.append(_issue("error", C.SCENARIO, "not_gpkg", name))
                continue
            for raw in read_geopackage(data, name, issues).values():
                add(raw)
            continue
        if suffix in SHAPEFILE_PARTS:
            shapefiles.setdefault(path.stem, {})[suffix] = data
            continue
        if suffix == OSM_SUFFIX:  # an OpenStreetMap export is the roads layer, whatever its name
            add(parse_osm(data, name, issues))
            continue
        layer = layer_for_stem(path.stem)
        if suffix in SPREADSHEET_SUFFIXES:  # a layer's workbook stops; another one is noted
            severity = "error" if layer is not None else "warning"
            issues.append(_issue(severity, layer or C.SCENARIO, "spreadsheet", None, file=name))
            continue
        if layer is None or suffix not in (*GEOJSON_SUFFIXES, *TABLE_SUFFIXES):
            issues.append(_issue("warning", C.SCENARIO, "ignored_file", name))
            continue
        if suffix in TABLE_SUFFIXES:
            add(parse_csv(data, layer, name, issues))
        else:
            add(parse_geojson(data, layer, name, issues))
    for stem, parts in sorted(shapefiles.items()):
        layer = layer_for_stem(stem)
        if layer is None:
            issues.append(_issue("warning", C.SCENARIO, "ignored_file", f"{stem}.shp"))
            continue
        add(parse_shapefile(parts, layer, f"{stem}.shp", issues))
    return RawScenario(layers, tuple(issues), source)


def single_file(path: Path, issues: list[Issue]) -> dict[str, bytes]:
    """One file given on its own: a shapefile brings its sidecar files, and a layer file whose
    name names no layer (``xzqh.geojson``) is read as the villages layer, with a note."""
    suffix = path.suffix.lower()
    parts = [path]
    if suffix == ".shp":
        parts += [
            p
            for p in sorted(path.parent.glob(f"{path.stem}.*"))
            if p.suffix.lower() in SHAPEFILE_PARTS and p.name != path.name
        ]
    files = {}
    for part in parts:  # the file named by the user may be a link; its sidecars may not
        data = _regular_file(part, issues, follow=part == path)
        if data is not None:
            files[part.name] = data
    single_layer = suffix in (*GEOJSON_SUFFIXES, *TABLE_SUFFIXES, ".shp")
    if single_layer and layer_for_stem(path.stem) is None:
        issues.append(_issue("repair", C.SCENARIO, "read_as_villages", path.name))
        files = {f"{C.VILLAGES}{PurePosixPath(n).suffix}": d for n, d in files.items()}
    return files


def read_raw(path: str | Path) -> RawScenario:
    """Read a scenario folder, ``.zip`` or ``.gpkg`` from disk into raw layers."""
    path = Path(path)
    issues: list[Issue] = []
    if not path.exists():
        issues.append(_issue("error", C.SCENARIO, "path_missing", str(path)))
        return RawScenario({}, tuple(issues), str(path))
    files = collect_folder(path, issues) if path.is_dir() else single_file(path, issues)
    raw = read_files(files, str(path))
    return RawScenario(raw.layers, tuple(issues) + raw.issues, str(path))
