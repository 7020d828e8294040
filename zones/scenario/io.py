"""Reading scenario files into raw layers: the only part of the core that touches files.

Every input is first turned into ``{file name: bytes}`` (a folder, a ``.zip`` or uploaded files:
:mod:`~zones.scenario.archive`) or a GeoPackage; then each file is parsed by its format
(:mod:`~zones.scenario.geojson`, :mod:`~zones.scenario.csv_tables`,
:mod:`~zones.scenario.shapefiles`, :mod:`~zones.scenario.gpkg_layers`) into the raw layers of
:mod:`~zones.scenario.raw`. Parsing never stops at the first bad feature: problems are recorded
as :class:`~zones.report.Issue` objects and the feature is kept with a null geometry, so
:mod:`zones.scenario.validate` can report every problem at once.

Safety (notes/inputs-and-safety.md §3.2): file names from archives or uploads are only used to
recognise layers, never as paths; zip members are checked for ``..``, absolute paths, count and
uncompressed size; content is sniffed, not trusted from the extension.

The reading limits below are read from this module at call time by every reader: setting them
here (``zones.scenario.io.MAX_ROWS = …``) takes effect. The readers' names stay importable from
here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from zones import columns as C
from zones.report import Issue
from zones.scenario.archive import (
    _CHUNK as _CHUNK,
)
from zones.scenario.archive import (
    _check_size as _check_size,
)
from zones.scenario.archive import (
    _member_name as _member_name,
)
from zones.scenario.archive import (
    _MemberTooLarge as _MemberTooLarge,
)
from zones.scenario.archive import (
    _read_member as _read_member,
)
from zones.scenario.archive import (
    _regular_file as _regular_file,
)
from zones.scenario.archive import (
    _safe_member as _safe_member,
)
from zones.scenario.archive import (
    collect_folder as collect_folder,
)
from zones.scenario.archive import (
    expand_archives as expand_archives,
)
from zones.scenario.archive import (
    single_file as single_file,
)
from zones.scenario.archive import (
    unpack_zip as unpack_zip,
)
from zones.scenario.csv_tables import (
    LAT_COLUMNS as LAT_COLUMNS,
)
from zones.scenario.csv_tables import (
    LON_COLUMNS as LON_COLUMNS,
)
from zones.scenario.csv_tables import (
    parse_csv as parse_csv,
)
from zones.scenario.geojson import (
    _DEPTH as _DEPTH,
)
from zones.scenario.geojson import (
    _SURROGATE_ESCAPE as _SURROGATE_ESCAPE,
)
from zones.scenario.geojson import (
    _check_positions as _check_positions,
)
from zones.scenario.geojson import (
    _check_rings as _check_rings,
)
from zones.scenario.geojson import (
    _DuplicateKey as _DuplicateKey,
)
from zones.scenario.geojson import (
    _legacy_crs as _legacy_crs,
)
from zones.scenario.geojson import (
    _lone_surrogate as _lone_surrogate,
)
from zones.scenario.geojson import (
    _property_value as _property_value,
)
from zones.scenario.geojson import (
    _reject_constant as _reject_constant,
)
from zones.scenario.geojson import (
    _unique_keys as _unique_keys,
)
from zones.scenario.geojson import (
    check_geojson_geometry as check_geojson_geometry,
)
from zones.scenario.geojson import (
    parse_geojson as parse_geojson,
)
from zones.scenario.geojson import (
    parse_osm as parse_osm,
)
from zones.scenario.gpkg_layers import (
    _gpkg_issue as _gpkg_issue,
)
from zones.scenario.gpkg_layers import (
    _gpkg_layer as _gpkg_layer,
)
from zones.scenario.gpkg_layers import (
    read_geopackage as read_geopackage,
)
from zones.scenario.raw import (
    GEOJSON_SUFFIXES as GEOJSON_SUFFIXES,
)
from zones.scenario.raw import (
    GPKG_SUFFIX as GPKG_SUFFIX,
)
from zones.scenario.raw import (
    LAYER_ALIASES as LAYER_ALIASES,
)
from zones.scenario.raw import (
    OSM_SUFFIX as OSM_SUFFIX,
)
from zones.scenario.raw import (
    SHAPEFILE_PARTS as SHAPEFILE_PARTS,
)
from zones.scenario.raw import (
    SPREADSHEET_SUFFIXES as SPREADSHEET_SUFFIXES,
)
from zones.scenario.raw import (
    SQLITE_MAGIC as SQLITE_MAGIC,
)
from zones.scenario.raw import (
    TABLE_SUFFIXES as TABLE_SUFFIXES,
)
from zones.scenario.raw import (
    ZIP_MAGIC as ZIP_MAGIC,
)
from zones.scenario.raw import (
    ZIP_SUFFIX as ZIP_SUFFIX,
)
from zones.scenario.raw import (
    RawLayer as RawLayer,
)
from zones.scenario.raw import (
    RawScenario as RawScenario,
)
from zones.scenario.raw import (
    _drop_z as _drop_z,
)
from zones.scenario.raw import (
    _feature_label as _feature_label,
)
from zones.scenario.raw import (
    _gdal_frame as _gdal_frame,
)
from zones.scenario.raw import (
    _ids as _ids,
)
from zones.scenario.raw import (
    _issue as _issue,
)
from zones.scenario.raw import (
    _too_many_rows as _too_many_rows,
)
from zones.scenario.raw import (
    decode_text as decode_text,
)
from zones.scenario.raw import (
    is_relevant as is_relevant,
)
from zones.scenario.raw import (
    layer_for_stem as layer_for_stem,
)
from zones.scenario.raw import (
    normalise_text as normalise_text,
)
from zones.scenario.shapefiles import (
    _CPG_ENCODINGS as _CPG_ENCODINGS,
)
from zones.scenario.shapefiles import (
    _DBF_VERSIONS as _DBF_VERSIONS,
)
from zones.scenario.shapefiles import (
    _MOJIBAKE as _MOJIBAKE,
)
from zones.scenario.shapefiles import (
    SHAPEFILE_DRIVER as SHAPEFILE_DRIVER,
)
from zones.scenario.shapefiles import (
    SHP_MAGIC as SHP_MAGIC,
)
from zones.scenario.shapefiles import (
    _looks_garbled as _looks_garbled,
)
from zones.scenario.shapefiles import (
    _prj_crs as _prj_crs,
)
from zones.scenario.shapefiles import (
    _shapefile_imposter as _shapefile_imposter,
)
from zones.scenario.shapefiles import (
    parse_shapefile as parse_shapefile,
)

MAX_FILE_MB = 50
"""Largest file read (MB), on disk, uploaded, or unpacked from a zip (counted as it unpacks)."""
MAX_ZIP_MEMBERS = 500
MAX_ZIP_TOTAL_MB = 500
"""Largest total a zip may unpack to (MB), counted byte by byte as members stream out."""
MAX_ROWS = 1_000_000
"""Most features (rows) one layer may hold."""
READ_SECONDS = 20.0
"""Wall-time limit of one GeoPackage read (SQLite interrupts the statement running then)."""


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
