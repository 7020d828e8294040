"""Hypothesis strategies of hostile reader inputs, for ``tests/test_fuzz.py``.

Everything starts from small valid inputs and breaks them: three villages, five incidents and
the station cut from ``data/sample``, three officers in a CSV, the same layers as a GeoPackage
and as a shapefile, and a saved plan of the sample. The mutations are

- bytes: flips, cuts, insertions of tokens that matter to a parser (quotes, brackets, ``NaN``,
  BOMs, U+2028, broken UTF-8);
- parsed JSON: wrong types, deep nesting, huge and non-finite numbers, duplicate keys, hostile
  text and keys, odd geometries, coordinates out of range, a ``crs`` member naming a file, a
  URL or a PROJ init file;
- CSV: random columns and cells, quoting, line ends, delimiters and encodings;
- zip archives: member names with ``..``, absolute and Windows paths, duplicates, nested zips,
  shapefile parts that are VRTs, patched headers (encrypted, unknown method, lying sizes);
- GeoPackages: SQL run on a copy (views, virtual tables, triggers, extra and renamed tables,
  odd geometry blobs, hostile CRS definitions, generated columns and column defaults);
- plan zips: members dropped, renamed, replaced and mutated, ``plan.json`` dtypes and lists.

Hostile values point at a planted secret (:func:`secret_dir`: a CSV, a GeoJSON and a VRT
holding a name and a phone) and at a local HTTP server serving it (:func:`secret_server`), so
the harness can tell whether a reader followed them. Both are made on first use only.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import functools
import http.server
import io
import json
import shutil
import sqlite3
import struct
import tempfile
import threading
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from hypothesis import strategies as st

import zones
from tests.data import hostile

SECRET_NAME = hostile.SECRET_NAME
SECRET_PHONE = hostile.SECRET_PHONE
SECRET_TEXTS = (SECRET_NAME, SECRET_PHONE)

# --------------------------------------------------------------------------------------------
# the planted secret and a server that would hand it out
# --------------------------------------------------------------------------------------------


@functools.cache
def secret_dir() -> Path:
    """A folder outside every input, holding a person's name and phone in three formats."""
    folder = Path(tempfile.mkdtemp(prefix="zones-fuzz-outside-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "secret.csv").write_bytes(hostile.secret_csv())
    feature = {
        "type": "Feature",
        "properties": {"village_id": SECRET_PHONE, "name": SECRET_NAME, "phone": SECRET_PHONE},
        "geometry": {"type": "Point", "coordinates": [113.1, 41.0]},
    }
    collection = {"type": "FeatureCollection", "features": [feature]}
    (folder / "secret.geojson").write_text(json.dumps(collection, ensure_ascii=False), "utf-8")
    (folder / "secret.vrt").write_bytes(hostile.vrt(folder / "secret.csv"))
    return folder


@dataclass(frozen=True)
class SecretServer:
    """A local HTTP server answering every GET with the secret CSV; ``hits`` lists the paths."""

    url: str
    hits: list[str]


@functools.cache
def secret_server() -> SecretServer:
    hits: list[str] = []
    body = hostile.secret_csv()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self, with_body: bool) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(True)

        def do_HEAD(self) -> None:
            self._answer(False)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True, name="zones-fuzz-http").start()
    atexit.register(server.server_close)
    atexit.register(server.shutdown)  # runs first
    return SecretServer(f"http://127.0.0.1:{server.server_address[1]}", hits)


def _wkt_with_grid(path: str) -> str:
    return (
        'GEOGCS["x",DATUM["y",SPHEROID["z",6378137,298.257223563]],PRIMEM["G",0],'
        f'UNIT["degree",0.0174532925199433],EXTENSION["PROJ4","+proj=longlat +nadgrids={path}"]]'
    )


@functools.cache
def secret_refs() -> tuple[str, ...]:
    """Texts that make GDAL, PROJ or a careless reader open the secret or fetch it."""
    folder = secret_dir()
    url = secret_server().url
    data = folder / "secret.csv"
    return (
        str(data),
        str(folder / "secret.geojson"),
        str(folder / "secret.vrt"),
        data.as_uri(),
        f"/vsicurl/{url}/secret.csv",
        f"{url}/secret.csv",
        f"/vsicurl_streaming/{url}/secret.geojson",
        f"/vsizip/{folder}/x.zip/secret.csv",
        f"/vsisubfile/0_100,{data}",
        f"+init={data}:x",
        f"+init=file:{data}:x",
        f"+proj=longlat +nadgrids={data}",
        f"+proj=longlat +geoidgrids=@{data}",
        f"EPSG:4326 +nadgrids={data}",
        f"urn:ogc:def:crs:EPSG::{data}",
        _wkt_with_grid(str(data)),
        _wkt_with_grid(f"{url}/secret.csv"),
        'GEOGCS["x",DATUM["y",SPHEROID["z",6378137,298.257223563]],PRIMEM["G",0],'
        f'UNIT["degree",0.0174532925199433],AUTHORITY["{data}","1"]]',
        f"@{data}",
        f"{folder}/../{folder.name}/secret.csv",
        "../" * 12 + str(data).lstrip("/"),
        hostile.vrt(data).decode(),
        hostile.vrt(f"/vsicurl/{url}/secret.csv").decode(),
    )


def pick(words: str) -> st.SearchStrategy[str]:
    """One of the space-separated ``words`` (a word given twice is drawn twice as often)."""
    return st.sampled_from(words.split())


secret_ref = st.deferred(lambda: st.sampled_from(secret_refs()))

# --------------------------------------------------------------------------------------------
# hostile scalars
# --------------------------------------------------------------------------------------------

NASTY_TEXT = (
    "",
    " ",
    "\u3000",
    "\x00",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\x1b[2J",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u202e",
    "\ud800",
    "\udfff",
    "\U0010ffff",
    "\U0001f693",
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "'=1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea><b>",
    "{0}",
    "{n}",
    "{file}",
    "%s%s%n",
    "${jndi:ldap://x}",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "1e999",
    "null",
    "None",
    "True",
    "false",
    "0x10",
    "\uff11\uff12\uff13",
    "113,1",
    "113\u00b006\u2032",
    "9" * 400,
    "x" * 5000,
    "\u632f\u5174\u793e\u533a",
    "150902100001",
    "150902100001 ",
    "\uff11\uff15\uff10\uff19\uff10\uff12\uff11\uff10\uff10\uff10\uff10\uff11",
    "P001",
    "police",
    "auxiliary",
    "\u6751",
    "\\",
    "..",
    "../../../../etc/passwd",
    "C:\\Windows\\win.ini",
    '"',
    "'",
    ",",
    ";",
    "a;b;;",
    '["a"]',
    "[",
    "{}",
)

hostile_text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(max_size=20),
    secret_ref,
    st.lists(st.sampled_from(NASTY_TEXT), max_size=4).map("".join),
)

hostile_key = st.one_of(
    st.sampled_from(
        (
            "village_id",
            "name",
            "population",
            "households",
            "kind",
            "officer_id",
            "role",
            "home_village",
            "familiar_villages",
            "phone",
            "time",
            "geometry",
            "_fid",
            "_geometry_error",
            "",
            " name",
            "NAME",
            "\uff56\uff49\uff4c\uff4c\uff41\uff47\uff45\uff3f\uff49\uff44",  # full-width village_id
            "\u6751\u540d",
            "crs",
            "type",
            "__proto__",
            "x" * 300,
        )
    ),
    hostile_text,
)

BIG_INTS = (2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**30, -(10**30), 10**400)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(BIG_INTS),
    st.floats(),
    hostile_text,
)
json_value = st.recursive(
    json_scalar,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(hostile_key, kids, max_size=4),
    max_leaves=12,
)


# --------------------------------------------------------------------------------------------
# JSON documents that a plain json.dumps cannot write: raw tokens and duplicate keys
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """A JSON text written as is (``1e999``, ``NaN``, ``[[[[…]]]]``, broken escapes)."""

    text: str


@dataclass(frozen=True)
class Pairs:
    """A JSON object written member by member, so a key can be given twice."""

    pairs: tuple[tuple[str, Any], ...]


_MARK = "\x00zones-fuzz-{}\x00"


def dumps(value: Any, *, ascii_only: bool = True) -> str:
    """JSON text of ``value`` in which :class:`Raw` and :class:`Pairs` are written as such."""
    marks: dict[str, str] = {}

    def default(obj: object) -> str:
        key = _MARK.format(len(marks))
        if isinstance(obj, Raw):
            marks[json.dumps(key)] = obj.text
        elif isinstance(obj, Pairs):
            members = (
                json.dumps(str(k), ensure_ascii=ascii_only) + ":" + dumps(v, ascii_only=ascii_only)
                for k, v in obj.pairs
            )
            marks[json.dumps(key)] = "{" + ",".join(members) + "}"
        else:
            marks[json.dumps(key)] = json.dumps(str(obj))
        return key

    text = json.dumps(value, ensure_ascii=ascii_only, default=default)
    for token, raw in marks.items():
        text = text.replace(token, raw, 1)
    return text


RAW_NUMBERS = (
    "1e999",
    "-1e999",
    "1E400",
    "NaN",
    "Infinity",
    "-Infinity",
    "1" * 5000,
    "-" + "9" * 4400,
    "1e-400",
    "-0",
    "0.0000000000000000000000001",
    "123456789012345678901234567890",
    "1" + "0" * 400,
    "-" + "9" * 400,
    "0x10",
    "01",
    "+1",
    ".5",
    "1.",
    "nul",
    '"\\ud800"',
    '"\\u0000"',
    '"\\x00"',
    "'single'",
    "[1,]",
    '{"a":1,}',
    '"\\u2028<script>"',
)


@st.composite
def deep_json(draw: st.DrawFn) -> Raw:
    """Arrays or objects nested up to far past Python's recursion limit."""
    depth = draw(st.one_of(st.integers(1, 1100), st.sampled_from((5000, 100_000))))
    if draw(st.booleans()):
        return Raw("[" * depth + "1" + "]" * depth)
    return Raw('{"a":' * depth + "1" + "}" * depth)


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


@st.composite
def json_path(draw: st.DrawFn, doc: Any, max_depth: int = 10) -> tuple:
    """A path into ``doc`` found by a random walk (any depth, leaves included)."""
    path: list[Any] = []
    node = doc
    for _ in range(draw(st.integers(0, max_depth))):
        keys = _children(node)
        if not keys:
            break
        key = keys[draw(st.integers(0, len(keys) - 1))]
        path.append(key)
        node = node[key]
    return tuple(path)


def get_path(doc: Any, path: tuple) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def set_path(doc: Any, path: tuple, value: Any) -> Any:
    """``doc`` with the node at ``path`` replaced, copying only the containers on the path."""
    if not path:
        return value
    key, rest = path[0], path[1:]
    out = dict(doc) if isinstance(doc, dict) else list(doc)
    out[key] = set_path(doc[key], rest, value)
    return out


@st.composite
def mutated_node(draw: st.DrawFn, node: Any) -> Any:
    """A replacement for one node of a JSON document."""
    kind = draw(pick("value value raw deep text delete add duplicate wrap stringify scale"))
    if kind == "value":
        return draw(json_value)
    if kind == "raw":
        return Raw(draw(st.sampled_from(RAW_NUMBERS)))
    if kind == "deep":
        return draw(deep_json())
    if kind == "text":
        return draw(hostile_text)
    if kind == "delete" and isinstance(node, dict | list) and node:
        keys = _children(node)
        key = keys[draw(st.integers(0, len(keys) - 1))]
        if isinstance(node, dict):
            return {k: v for k, v in node.items() if k != key}
        return node[:key] + node[key + 1 :]
    if kind == "add" and isinstance(node, dict):
        return {**node, draw(hostile_key): draw(json_value)}
    if kind == "add" and isinstance(node, list):
        at = draw(st.integers(0, len(node)))
        return [*node[:at], draw(json_value), *node[at:]]
    if kind == "duplicate" and isinstance(node, dict) and node:
        items = list(node.items())
        key = items[draw(st.integers(0, len(items) - 1))][0]
        extra = (key, draw(json_value))
        at = draw(st.integers(0, len(items)))
        return Pairs((*items[:at], extra, *items[at:]))
    if kind == "wrap":
        return draw(st.sampled_from(([node], {"type": node}, {"coordinates": node})))
    if kind == "stringify":
        return draw(st.sampled_from((str(node), repr(node)[:200], None, 0, True)))
    if kind == "scale" and isinstance(node, int | float) and not isinstance(node, bool):
        factor = draw(st.sampled_from((1e6, -1, 1e-9, 1e300, 0, 3600, 100_000)))
        return node * factor + draw(st.sampled_from((0, 180, -360, 90)))
    return draw(json_value)


# --------------------------------------------------------------------------------------------
# GeoJSON geometries and coordinates
# --------------------------------------------------------------------------------------------

LON = st.one_of(
    st.floats(113.05, 113.25),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from((180, -180, 180.0000001, 181, -181, 360, 1e6, 500_000, 4_500_000, 0, -0.0)),
)
LAT = st.one_of(
    st.floats(40.95, 41.06),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from((90, -90, 90.0000001, 91, 4_540_000, 0, 1e308, 5e-324)),
)
position = st.one_of(
    st.tuples(LON, LAT).map(list),
    st.tuples(LON, LAT).map(list),
    st.tuples(LAT, LON).map(list),  # swapped
    st.tuples(LON, LAT, st.floats()).map(list),
    st.lists(st.floats(), max_size=5),
    st.lists(json_scalar, max_size=3),
)


@st.composite
def ring(draw: st.DrawFn) -> list:
    points = draw(st.lists(position, max_size=7))
    if points and draw(st.booleans()):
        points.append(points[0])
    return points


def _circle(n: int, x: float = 113.1, y: float = 41.0, r: float = 0.01) -> list:
    import math

    pts = [
        [x + r * math.cos(2 * math.pi * k / n), y + r * math.sin(2 * math.pi * k / n)]
        for k in range(n)
    ]
    return [*pts, pts[0]]


BOWTIE = [[113.1, 41.0], [113.11, 41.01], [113.11, 41.0], [113.1, 41.01], [113.1, 41.0]]
SPECIAL_GEOMETRIES = (
    {"type": "Polygon", "coordinates": [BOWTIE]},
    {"type": "Polygon", "coordinates": []},
    {"type": "Polygon", "coordinates": [[]]},
    {"type": "Polygon"},
    {"type": "Polygon", "coordinates": None},
    {"type": "MultiPolygon", "coordinates": [[], [[]]]},
    {"type": "Point", "coordinates": []},
    {"type": "LineString", "coordinates": [[113.1, 41.0]]},
    {"type": "Polygon", "coordinates": [[[179.9, 41], [-179.9, 41], [-179.9, 41.1], [179.9, 41]]]},
    {"type": "GeometryCollection", "geometries": []},
    {"type": "GeometryCollection"},
    {"type": "Circle", "coordinates": [113.1, 41.0], "radius": 5},
    {"type": "Topology", "objects": {}},
    {"type": "Polygon", "coordinates": "POLYGON((0 0,1 0,1 1,0 0))"},
    {"type": "Point", "coordinates": {"x": 113.1, "y": 41.0}},
)


@st.composite
def geometry(draw: st.DrawFn) -> Any:
    kind = draw(
        pick(
            "Point MultiPoint LineString MultiLineString Polygon MultiPolygon "
            "GeometryCollection nested special big"
        )
    )
    if kind == "Point":
        return {"type": kind, "coordinates": draw(position)}
    if kind in ("MultiPoint", "LineString"):
        return {"type": kind, "coordinates": draw(st.lists(position, max_size=6))}
    if kind in ("MultiLineString", "Polygon"):
        return {"type": kind, "coordinates": draw(st.lists(ring(), max_size=3))}
    if kind == "MultiPolygon":
        return {
            "type": kind,
            "coordinates": draw(st.lists(st.lists(ring(), max_size=2), max_size=3)),
        }
    if kind == "GeometryCollection":
        parts = draw(st.lists(st.sampled_from(SPECIAL_GEOMETRIES), max_size=3))
        return {"type": kind, "geometries": parts}
    if kind == "nested":  # collections nested up to near and past the recursion limit
        depth = draw(st.integers(1, 700))
        return Raw('{"type":"GeometryCollection","geometries":[' * depth + "]}" * depth)
    if kind == "big":
        return {"type": "Polygon", "coordinates": [_circle(draw(st.integers(4, 20_000)))]}
    return draw(st.sampled_from(SPECIAL_GEOMETRIES))


@st.composite
def crs_member(draw: st.DrawFn) -> Any:
    """A legacy GeoJSON ``crs`` member, mostly naming something it should not."""
    name = draw(
        st.one_of(
            secret_ref,
            st.sampled_from(
                (
                    "urn:ogc:def:crs:OGC:1.3:CRS84",
                    "EPSG:4326",
                    "EPSG:3857",
                    "urn:ogc:def:crs:EPSG::4490",
                    "EPSG:4547",
                    "EPSG:999999",
                    "ESRI:102100",
                    "IGNF:LAMB93",
                    "+proj=longlat +datum=WGS84",
                    "proj=utm zone=49",
                    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
                    'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]',
                    '{"type":"GeographicCRS","name":"x"}',
                    "WGS84",
                    "",
                )
            ),
            hostile_text,
        )
    )
    shape = draw(st.sampled_from(("name", "name", "link", "odd", "scalar")))
    if shape == "name":
        return {"type": "name", "properties": {"name": name}}
    if shape == "link":
        return {"type": "link", "properties": {"href": name, "type": "proj4"}}
    if shape == "odd":
        return {"type": draw(json_value), "properties": draw(json_value)}
    return draw(st.one_of(st.just(name), json_value))


# --------------------------------------------------------------------------------------------
# the small valid scenario everything starts from
# --------------------------------------------------------------------------------------------


@functools.cache
def base_docs() -> dict[str, dict]:
    """Parsed GeoJSON layers: three sample villages, five incidents, the station."""
    sample = zones.SAMPLE_PATH
    docs = {}
    for name, count in (("villages", 3), ("incidents", 5), ("station", 1)):
        doc = json.loads((sample / f"{name}.geojson").read_text("utf-8"))
        doc["features"] = doc["features"][:count]
        docs[name] = doc
    return docs


def _village_ids() -> list[str]:
    return [f["properties"]["village_id"] for f in base_docs()["villages"]["features"]]


OFFICER_COLUMNS = (
    "officer_id",
    "name",
    "role",
    "home_village",
    "familiar_villages",
    "phone",
    "available",
    "reward_leave_days",
    "lon",
    "lat",
)


@functools.cache
def base_officer_rows() -> tuple[tuple[str, ...], ...]:
    a, b, c = _village_ids()
    return (
        (
            "P001",
            "\u5f20\u4e09",
            "police",
            a,
            f"{b};{c}",
            "13800000001",
            "True",
            "1",
            "113.1",
            "41.0",
        ),
        ("P002", "\u674e\u56db", "police", "", "", "13800000002", "True", "2", "", ""),
        ("A001", "\u738b\u4e94", "auxiliary", b, a, "13800000003", "True", "0", "113.11", "40.99"),
    )


@functools.cache
def base_files() -> dict[str, bytes]:
    """The valid scenario as uploads: ``{file name: bytes}``."""
    files = {
        f"{name}.geojson": json.dumps(doc, ensure_ascii=False).encode()
        for name, doc in base_docs().items()
    }
    files["officers.csv"] = _csv_bytes(OFFICER_COLUMNS, base_officer_rows())
    return files


def _csv_bytes(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue().encode()


def zipped(
    files: dict[str, bytes] | list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buffer = io.BytesIO()
    items = files.items() if isinstance(files, dict) else files
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name" is the point
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, data in items:  # a lone surrogate cannot be written into a zip, and
                # ZipInfo cuts a name at its first NUL (an empty name it cannot write)
                safe = name.encode("utf-8", "replace").decode().split("\x00")[0] or "_"
                archive.writestr(safe, data)
    return buffer.getvalue()


@functools.cache
def base_frames() -> dict[str, gpd.GeoDataFrame | pd.DataFrame]:
    frames: dict[str, gpd.GeoDataFrame | pd.DataFrame] = {
        name: gpd.GeoDataFrame.from_features(doc["features"], crs="EPSG:4326")
        for name, doc in base_docs().items()
    }
    frames["officers"] = pd.DataFrame(list(base_officer_rows()), columns=list(OFFICER_COLUMNS))
    return frames


@functools.cache
def base_geopackage() -> bytes:
    """The valid scenario as one GeoPackage written by GDAL (villages, incidents, station and
    an officers attribute table)."""
    with tempfile.TemporaryDirectory(prefix="zones-fuzz-") as tmp:
        path = Path(tmp) / "scenario.gpkg"
        for name, frame in base_frames().items():
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
        return path.read_bytes()


@functools.cache
def base_shapefile(encoding: str = "utf-8") -> dict[str, bytes]:
    """The villages as a shapefile's parts (``.shp``, ``.shx``, ``.dbf``, ``.prj``, ``.cpg``)."""
    with tempfile.TemporaryDirectory(prefix="zones-fuzz-") as tmp:
        pyogrio.write_dataframe(
            base_frames()["villages"], Path(tmp) / "villages.shp", encoding=encoding
        )
        return {p.suffix: p.read_bytes() for p in Path(tmp).iterdir()}


@functools.cache
def base_plan_files() -> dict[str, bytes]:
    """A saved plan of the sample (8 zones, no patrols): ``{file name: bytes}``."""
    plan = zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=8, patrol=False)
    with tempfile.TemporaryDirectory(prefix="zones-fuzz-") as tmp:
        zones.write_plan(plan, tmp, xlsx=False, gpkg=False)
        return {p.name: p.read_bytes() for p in sorted(Path(tmp).iterdir())}


@functools.cache
def _parsed_plan_json(name: str) -> Any:
    return json.loads(base_plan_files()[name].decode("utf-8"))


# --------------------------------------------------------------------------------------------
# byte-level mutation
# --------------------------------------------------------------------------------------------

TOKENS = (
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\\",
    b"NaN",
    b"1e999",
    b"-",
    b"\\u0000",
    b"\\ud800",
    b"\xef\xbb\xbf",
    b"\xe2\x80\xa8",
    b"\x00",
    b"\xff\xfe",
    b"\xc3",
    b"\xe6\x9d",
    b"\r",
    b"\n",
    b'"features":[]',
    b'"crs":{"type":"name","properties":{"name":"+init=x:y"}},',
    b'"type":"Feature",',
    b"PK\x03\x04",
    b"SQLite format 3\x00",
    b"<OGRVRTDataSource>",
    b"=cmd|",
    b"\x00\x00\x27\x0a",
)


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes, *, max_ops: int = 4, keep: int = 0) -> bytes:
    """``data`` after 1 … ``max_ops`` byte edits (the first ``keep`` bytes stay as they are)."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(
            st.sampled_from(("flip", "set", "insert", "token", "delete", "truncate", "splice"))
        )
        lo = min(keep, len(buf))
        at = draw(st.integers(lo, len(buf)))
        if op == "flip" and at < len(buf):
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "set" and at < len(buf):
            buf[at] = draw(st.sampled_from((0, 0xFF, 0x7F, 0x80, 0x22, 0x5C, 0x0A, 0x0D)))
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif op == "token":
            buf[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "delete":
            del buf[at : at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del buf[at:]
        elif op == "splice" and len(buf) > lo:
            start = draw(st.integers(lo, len(buf) - 1))
            piece = bytes(buf[start : start + draw(st.integers(1, 256))])
            buf[at:at] = piece * draw(st.integers(1, 3))
    return bytes(buf)


# --------------------------------------------------------------------------------------------
# scenario uploads: GeoJSON
# --------------------------------------------------------------------------------------------

UPLOAD_NAMES = {
    "villages": (
        "villages.geojson",
        "villages.json",
        "VILLAGES.GEOJSON",
        "\u884c\u653f\u6751.geojson",
        "\uff56\uff49\uff4c\uff4c\uff41\uff47\uff45\uff53.geojson",
        "../villages.geojson",
        "/etc/villages.geojson",
        "C:\\data\\villages.geojson",
        "villages.geojson.csv",
        "villages.csv",
        "villages.gpkg",
        "villages.zip",
        "villages.shp",
        "villages.osm",
        "villages.xlsx",
    ),
}


@st.composite
def upload_name(draw: st.DrawFn, name: str) -> str:
    """Mostly ``name``; sometimes a name that a hostile or careless uploader would give."""
    if draw(st.integers(0, 5)) < 5:
        return name
    stem, _, suffix = name.partition(".")
    odd = (
        f"../{name}",
        f"/abs/{name}",
        f"C:\\x\\{name}",
        name.upper(),
        f" {name}",
        f"{stem} .{suffix}",
        f"{stem}.{suffix}\x00.txt",
        f"{stem}..{suffix}",
        f"{stem}.{suffix}.zip",
        f".{name}",
        *UPLOAD_NAMES.get(stem, ()),
    )
    return draw(st.sampled_from(odd))


@st.composite
def geojson_doc_mutation(draw: st.DrawFn, doc: Any) -> Any:
    """One structural mutation of a GeoJSON FeatureCollection (shares unchanged parts)."""
    features = doc.get("features") if isinstance(doc, dict) else None
    targeted = draw(
        pick("walk walk walk crs property geometry coordinate type copies deep_property")
    )
    feature_ok = isinstance(features, list) and features
    if targeted == "crs" and isinstance(doc, dict):
        return {**doc, "crs": draw(crs_member())}
    if targeted == "type" and isinstance(doc, dict):
        where = draw(st.sampled_from(("doc", "feature", "geometry")))
        value = draw(
            st.sampled_from(
                (
                    "Feature",
                    "FeatureCollection",
                    "Polygon",
                    "Point",
                    "GeometryCollection",
                    "featurecollection",
                    "Topology",
                    "",
                    None,
                    1,
                    ["FeatureCollection"],
                )
            )
        )
        if where == "doc" or not feature_ok:
            return {**doc, "type": value}
        n = draw(st.integers(0, len(features) - 1))
        path = ("features", n) if where == "feature" else ("features", n, "geometry")
        try:
            target = get_path(doc, path)
        except (LookupError, TypeError):  # an earlier mutation took the feature apart
            return doc
        if isinstance(target, dict):
            return set_path(doc, path, {**target, "type": value})
        return doc
    if targeted == "copies" and feature_ok:
        n = draw(st.integers(0, len(features) - 1))
        copies = draw(st.sampled_from((2, 3, 50, 500)))
        return {**doc, "features": features + [features[n]] * copies}
    if targeted in ("property", "deep_property", "geometry", "coordinate") and feature_ok:
        n = draw(st.integers(0, len(features) - 1))
        feature = features[n]
        if not isinstance(feature, dict):
            return doc
        if targeted == "property":
            props = feature.get("properties")
            props = dict(props) if isinstance(props, dict) else {}
            props[draw(hostile_key)] = draw(st.one_of(hostile_text, json_value))
            return set_path(doc, ("features", n), {**feature, "properties": props})
        if targeted == "deep_property":
            props = feature.get("properties")
            props = dict(props) if isinstance(props, dict) else {}
            props[draw(hostile_key)] = draw(deep_json())
            return set_path(doc, ("features", n), {**feature, "properties": props})
        if targeted == "geometry":
            return set_path(doc, ("features", n), {**feature, "geometry": draw(geometry())})
        geom = feature.get("geometry")
        if isinstance(geom, dict) and isinstance(geom.get("coordinates"), list):
            path = draw(json_path(geom["coordinates"], max_depth=4))
            new = draw(st.one_of(position, st.sampled_from(RAW_NUMBERS).map(Raw)))
            coords = set_path(geom["coordinates"], path, new)
            return set_path(doc, ("features", n, "geometry"), {**geom, "coordinates": coords})
        return doc
    path = draw(json_path(doc))
    return set_path(doc, path, draw(mutated_node(get_path(doc, path))))


ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1", "cp1252")


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding, "surrogatepass")
    except (UnicodeEncodeError, LookupError):
        return text.encode(encoding, "replace")


@st.composite
def geojson_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The base scenario with one GeoJSON layer changed structurally, then re-encoded."""
    docs = dict(base_docs())
    layer = draw(
        st.sampled_from(
            ("villages", "villages", "incidents", "station", "rooms", "jurisdiction", "roads")
        )
    )
    if layer not in docs:  # a layer the base lacks, made of generated features
        feats = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "type": st.just("Feature"),
                        "properties": st.dictionaries(hostile_key, json_scalar, max_size=3),
                        "geometry": geometry(),
                    }
                ),
                max_size=4,
            )
        )
        docs[layer] = {"type": "FeatureCollection", "features": feats}
    doc: Any = docs[layer]
    for _ in range(draw(st.integers(1, 4))):
        doc = draw(geojson_doc_mutation(doc))
    text = dumps(doc, ascii_only=draw(st.booleans()))
    files = dict(base_files())
    files.pop(f"{layer}.geojson", None)
    files[draw(upload_name(f"{layer}.geojson"))] = encode(text, draw(st.sampled_from(ENCODINGS)))
    return files


@st.composite
def geojson_bytes_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The base scenario with the bytes of one GeoJSON file mutated."""
    files = dict(base_files())
    name = draw(
        st.sampled_from(
            ("villages.geojson", "villages.geojson", "incidents.geojson", "station.geojson")
        )
    )
    files[name] = draw(mutated_bytes(files[name], max_ops=6))
    return files


# --------------------------------------------------------------------------------------------
# scenario uploads: CSV
# --------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    *OFFICER_COLUMNS,
    "\u7ecf\u5ea6",
    "\u7eac\u5ea6",
    "x",
    "y",
    "longitude",
    "Lat",
    "\uff4c\uff4f\uff4e",
    "officer_id ",
    "OFFICER_ID",
    "\ufeffofficer_id",
    "village_id",
    "time",
    "category",
    "",
    "=cmd|' /C calc'!A0",
)
LONLAT_TEXT = (
    "113.1",
    "41.0",
    " 113.1 ",
    "113,1",
    "1e999",
    "-1e999",
    "nan",
    "NaN",
    "inf",
    "",
    "\uff11\uff11\uff13.\uff11",
    "113\u00b006\u2032",
    "0x71",
    "1_13",
    "9" * 400,
    "-0",
    "181",
    "91",
    "500000",
)


def _cell_for(column: str) -> st.SearchStrategy[str]:
    ids = st.deferred(lambda: st.sampled_from((*_village_ids(), "")))
    by_column = {
        "officer_id": st.sampled_from(("P001", "P002", "A001", "P001 ", "")),
        "role": st.sampled_from(("police", "auxiliary", "Police", "\u6c11\u8b66", "")),
        "home_village": ids,
        "familiar_villages": st.lists(ids, max_size=3).map(";".join),
        "available": st.sampled_from(("True", "False", "true", "1", "\u662f", "")),
        "reward_leave_days": st.sampled_from(("1", "-1", "1.5", "99999999999999999999", "")),
        "lon": st.sampled_from(LONLAT_TEXT),
        "lat": st.sampled_from(LONLAT_TEXT),
    }
    base = by_column.get(column.strip().lower(), st.sampled_from(("a", "1", "")))
    return st.one_of(base, base, hostile_text, st.sampled_from(LONLAT_TEXT))


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        columns = list(OFFICER_COLUMNS)
        extra = draw(st.lists(st.sampled_from(CSV_COLUMNS), max_size=3))
        columns += extra
    else:
        columns = draw(st.lists(st.one_of(st.sampled_from(CSV_COLUMNS), hostile_text), max_size=12))
    n_rows = draw(st.integers(0, 6))
    rows = []
    for _ in range(n_rows):
        row = [draw(_cell_for(c)) for c in columns]
        if draw(st.integers(0, 7)) == 7:  # ragged
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(hostile_text, max_size=2))
        rows.append(row)
    how = draw(st.sampled_from(("csv", "csv", "raw")))
    delimiter = draw(st.sampled_from((",", ",", ",", ";", "\t", "\uff0c")))
    newline = draw(st.sampled_from(("\n", "\r\n", "\r")))
    if how == "raw":  # no quoting at all: embedded commas, quotes and newlines break rows
        return newline.join(delimiter.join(r) for r in [columns, *rows]) + newline
    out = io.StringIO()
    quoting = draw(
        st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE))
    )
    try:
        writer = csv.writer(
            out,
            delimiter=delimiter if len(delimiter) == 1 else ",",
            quoting=quoting,
            lineterminator=newline,
            escapechar="\\",
        )
        writer.writerows([columns, *rows])
    except csv.Error:
        out = io.StringIO()
        csv.writer(out, lineterminator=newline).writerows([columns, *rows])
    return out.getvalue()


@st.composite
def csv_table_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """A CSV table with 1 … 3 cell, row or column edits: the table keeps its shape, so the
    reader gets past the header to the values."""
    try:  # the table may be damaged already by an earlier edit
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig", "replace")))) or [[]]
    except csv.Error:
        rows = [[]]
    for _ in range(draw(st.integers(1, 3))):
        op = draw(pick("cell cell cell cell drop_row copy_row add_column drop_column header"))
        r = draw(st.integers(0, len(rows) - 1))
        row = rows[r]
        if op == "cell" and row:
            c = draw(st.integers(0, len(row) - 1))
            header = rows[0][c] if c < len(rows[0]) else ""
            rows[r] = [*row[:c], draw(_cell_for(header)), *row[c + 1 :]]
        elif op == "drop_row" and len(rows) > 1:
            del rows[max(r, 1)]
        elif op == "copy_row":
            rows.append(list(row))
        elif op == "add_column":
            rows = [[*x, draw(hostile_text)] for x in rows]
        elif op == "drop_column" and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows = [x[:c] + x[c + 1 :] for x in rows]
        elif op == "header" and rows[0]:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows[0] = [*rows[0][:c], draw(hostile_key), *rows[0][c + 1 :]]
    out = io.StringIO()
    csv.writer(out, lineterminator=draw(st.sampled_from(("\n", "\r\n", "\r")))).writerows(rows)
    return encode(out.getvalue(), draw(st.sampled_from(ENCODINGS)))


@st.composite
def csv_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The base scenario with a generated officers CSV (or another layer as CSV)."""
    if draw(st.booleans()):
        data = draw(csv_table_mutation(base_files()["officers.csv"]))
    else:
        data = encode(draw(csv_text()), draw(st.sampled_from((*ENCODINGS, "utf-16-le", "utf-32"))))
    if draw(st.integers(0, 4)) == 4:
        data = draw(st.sampled_from((b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"\x81\x30"))) + data
    if draw(st.integers(0, 4)) == 4:
        data = draw(mutated_bytes(data))
    files = dict(base_files())
    del files["officers.csv"]
    name = draw(
        st.sampled_from(
            (
                "officers.csv",
                "officers.csv",
                "officers.csv",
                "\u8b66\u529b.csv",
                "staff.csv",
                "OFFICERS.CSV",
                "villages.csv",
                "incidents.csv",
                "rooms.csv",
                "station.csv",
            )
        )
    )
    files[name] = data
    return files


# --------------------------------------------------------------------------------------------
# scenario uploads: zip archives and shapefiles
# --------------------------------------------------------------------------------------------

MEMBER_PREFIXES = (
    "",
    "",
    "",
    "sub/",
    "sub/deeper/",
    "../",
    "../../",
    "/",
    "/tmp/",
    "C:\\",
    "C:/",
    "a\\..\\..\\",
    "a/../../",
    "\\\\server\\share\\",
    "./",
    "__MACOSX/",
    ".hidden/",
    "~/",
)
MEMBER_NAMES = (
    "villages.geojson",
    "incidents.geojson",
    "station.geojson",
    "officers.csv",
    "villages.shp",
    "villages.shx",
    "villages.dbf",
    "villages.prj",
    "villages.cpg",
    "xzqh.shp",
    "scenario.gpkg",
    "inner.zip",
    "roads.osm",
    "villages.xlsx",
    "readme.txt",
    ".DS_Store",
    "\u884c\u653f\u6751.geojson",
    "villages.GEOJSON",
)
PRJ_TEXTS = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    'PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",'
    'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],'
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],'
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
    "EPSG:4326",
    "+proj=longlat +datum=WGS84 +no_defs",
    "",
    "garbage",
)
CPG_TEXTS = (
    "UTF-8",
    "936",
    "GBK",
    "cp936",
    "65001",
    "latin1",
    "utf-16",
    "utf-32",
    "undefined",
    "rot13",
    "hex",
    "base64",
    "unicode_escape",
    "raw_unicode_escape",
    "punycode",
    "idna",
    "uu",
    "zlib",
    "mbcs",
    "bogus",
    "",
    "\x00",
    "UTF-8\x00GBK",
    "x" * 500,
)


@st.composite
def member_data(draw: st.DrawFn, name: str) -> bytes:
    """Contents for an archive member or upload called ``name``."""
    secret = secret_dir()
    kind = draw(pick("base base vrt vrt_url json binary shp gpkg zip mutated text"))
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    base = base_files()
    if kind == "base":
        if f"villages.{suffix}" in base:
            return base[f"villages.{suffix}"]
        if suffix in ("shp", "shx", "dbf", "prj", "cpg"):
            return base_shapefile().get(f".{suffix}", b"")
        if suffix == "csv":
            return base["officers.csv"]
        if suffix == "gpkg":
            return base_geopackage()
        return base["villages.geojson"]
    if kind == "vrt":
        return hostile.vrt(
            secret / draw(st.sampled_from(("secret.csv", "secret.geojson", "secret.vrt")))
        )
    if kind == "vrt_url":
        return hostile.vrt(f"/vsicurl/{secret_server().url}/secret.csv")
    if kind == "json":
        return encode(dumps(draw(json_value)), "utf-8")
    if kind == "binary":
        return draw(st.binary(max_size=300))
    if kind == "shp":
        return draw(st.sampled_from(sorted(base_shapefile().values())))
    if kind == "gpkg":
        return base_geopackage()
    if kind == "zip":
        return zipped(hostile.vrt_shapefile(secret / "secret.csv"))
    if kind == "text":
        return encode(draw(st.one_of(secret_ref, hostile_text)), "utf-8")
    return draw(mutated_bytes(draw(st.sampled_from(sorted(base.values())))))


def _central_entries(data: bytes) -> list[int]:
    """Offsets of the central-directory entries of a zip written by :mod:`zipfile`."""
    end = data.rfind(b"PK\x05\x06")
    if end < 0:
        return []
    count, _size, start = struct.unpack_from("<HII", data, end + 10)
    offsets = []
    at = start
    for _ in range(count):
        if data[at : at + 4] != b"PK\x01\x02":
            break
        offsets.append(at)
        n, m, k = struct.unpack_from("<HHH", data, at + 28)
        at += 46 + n + m + k
    return offsets


@st.composite
def patched_zip(draw: st.DrawFn, data: bytes) -> bytes:
    """A zip with a header field of one member changed: flags, method, sizes, name bytes."""
    entries = _central_entries(data)
    if not entries:
        return data
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        central = entries[draw(st.integers(0, len(entries) - 1))]
        (local,) = struct.unpack_from("<I", buf, central + 42)
        field = draw(pick("gbk_name utf8_off crc size small method encrypted"))
        if field == "encrypted":
            for at in (central + 8, local + 6):
                buf[at] |= 0x01
        elif field == "utf8_off":
            for at in (central + 9, local + 7):
                buf[at] &= ~0x08 & 0xFF
        elif field == "method":
            method = draw(st.sampled_from((1, 6, 9, 12, 14, 19, 93, 95, 97, 98, 99)))
            struct.pack_into("<H", buf, central + 10, method)
            struct.pack_into("<H", buf, local + 8, method)
        elif field in ("size", "small"):
            size = draw(st.sampled_from((0, 1, 2**31, 2**32 - 1))) if field == "size" else 1
            struct.pack_into("<I", buf, central + 24, size)
            struct.pack_into("<I", buf, local + 22, size)
        elif field == "crc":
            struct.pack_into("<I", buf, central + 16, 0)
            struct.pack_into("<I", buf, local + 14, 0)
        else:  # the name's bytes as a Chinese Windows tool writes them: GBK, no UTF-8 flag
            (n,) = struct.unpack_from("<H", buf, central + 28)
            gbk = ("\u884c\u653f\u6751" + ".geojson").encode("gb18030")[:n].ljust(n, b"_")
            buf[central + 46 : central + 46 + n] = gbk
            buf[local + 30 : local + 30 + n] = gbk
            for at in (central + 9, local + 7):
                buf[at] &= ~0x08 & 0xFF
    return bytes(buf)


ZIP_METHODS = (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)


@functools.cache
def bomb_zip() -> bytes:
    """A zip whose villages.geojson says 1000 bytes and inflates to 60 MB of spaces."""
    return hostile.lying_zip(inflated_mb=60)


@st.composite
def zip_files(draw: st.DrawFn) -> dict[str, bytes]:
    """One uploaded zip built member by member (and sometimes a second upload beside it)."""
    members: list[tuple[str, bytes]] = []
    if draw(st.booleans()):
        members += [(n, d) for n, d in base_files().items() if draw(st.booleans())]
    for _ in range(draw(st.integers(0, 5))):
        name = draw(
            st.one_of(st.sampled_from(MEMBER_NAMES), hostile_text.map(lambda t: t + ".geojson"))
        )
        members.append((draw(st.sampled_from(MEMBER_PREFIXES)) + name, draw(member_data(name))))
    if draw(st.integers(0, 9)) == 9:
        members += [(f"f{i}.txt", b"") for i in range(draw(st.sampled_from((499, 501, 2000))))]
    data = zipped(members, draw(st.sampled_from(ZIP_METHODS)))
    if draw(st.integers(0, 2)) == 2:
        data = draw(patched_zip(data))
    choice = draw(st.sampled_from(("zip", "zip", "zip", "bomb", "two", "misnamed")))
    name = draw(st.sampled_from(("scenario.zip", "villages.zip", "\u8f96\u533a.zip", "UPLOAD.ZIP")))
    if choice == "bomb":
        return {name: data, "bomb.zip": bomb_zip()}
    if choice == "two":
        return {name: data, "second.zip": zipped(dict(base_files()))}
    if choice == "misnamed":
        return {draw(st.sampled_from(("villages.geojson", "scenario.gpkg", "officers.csv"))): data}
    return {name: data}


@st.composite
def zip_bytes_files(draw: st.DrawFn) -> dict[str, bytes]:
    """A valid zipped scenario with its bytes mutated (headers included)."""
    method = draw(st.sampled_from(ZIP_METHODS))
    data = zipped(dict(base_files()), method)
    return {"scenario.zip": draw(mutated_bytes(data, max_ops=5))}


@st.composite
def shapefile_files(draw: st.DrawFn) -> dict[str, bytes]:
    """A villages shapefile with parts mutated, swapped, missing or hostile; uploaded as
    separate files or zipped."""
    encoding = draw(st.sampled_from(("utf-8", "gb18030")))
    parts = dict(base_shapefile(encoding))
    for _ in range(draw(st.integers(1, 3))):
        suffix = draw(st.sampled_from((".shp", ".shx", ".dbf", ".prj", ".cpg")))
        action = draw(st.sampled_from(("mutate", "mutate", "drop", "vrt", "swap", "text")))
        if action == "mutate" and suffix in parts:
            parts[suffix] = draw(
                mutated_bytes(parts[suffix], keep=draw(st.sampled_from((0, 4, 32, 100))))
            )
        elif action == "drop":
            parts.pop(suffix, None)
        elif action == "vrt":
            parts[suffix] = hostile.vrt(secret_dir() / "secret.csv")
        elif action == "swap":
            parts[suffix] = parts.get(draw(st.sampled_from((".shp", ".shx", ".dbf"))), b"")
        elif suffix == ".prj":
            parts[suffix] = encode(
                draw(st.one_of(st.sampled_from(PRJ_TEXTS), secret_ref, hostile_text)), "utf-8"
            )
        elif suffix == ".cpg":
            parts[suffix] = encode(draw(st.sampled_from(CPG_TEXTS)), "utf-8")
    stem = draw(st.sampled_from(("villages", "villages", "\u884c\u653f\u6751", "xzqh", "Villages")))
    files = {f"{stem}{suffix}": data for suffix, data in parts.items()}
    others = {n: d for n, d in base_files().items() if not n.startswith("villages")}
    if draw(st.booleans()):
        return {"villages.zip": zipped(files), **others}
    return {**files, **others}


# --------------------------------------------------------------------------------------------
# scenario uploads: GeoPackages
# --------------------------------------------------------------------------------------------

CONTENTS_SQL = (
    "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
    "VALUES (?, ?, ?, ?)"
)
ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x AS fid FROM n"


def _gp_header(flags: int, srs: int = 4326, magic: bytes = b"GP", version: int = 0) -> bytes:
    return magic + bytes([version, flags]) + struct.pack("<i", srs)


WKB_POINT = struct.pack("<BIdd", 1, 1, 113.1, 41.0)
WKB_BODIES = (
    WKB_POINT,
    struct.pack(">BIdd", 0, 1, 113.1, 41.0),
    struct.pack("<BI", 1, 3) + struct.pack("<I", 2**31),  # a polygon claiming 2^31 rings
    struct.pack("<BII", 1, 3, 1) + struct.pack("<I", 2**30),  # a ring claiming 2^30 points
    struct.pack("<BII", 1, 7, 2**31),  # a collection claiming 2^31 parts
    struct.pack("<BI", 1, 1001) + struct.pack("<ddd", 113.1, 41.0, 5.0),  # ISO PointZ
    struct.pack("<BI", 1, 0x80000001) + struct.pack("<ddd", 113.1, 41.0, 5.0),  # EWKB PointZ
    struct.pack("<BI", 1, 3001) + struct.pack("<dddd", 113.1, 41.0, 5.0, 1.0),  # PointZM
    struct.pack("<BII", 1, 8, 3)
    + struct.pack("<6d", 113, 41, 113.1, 41.1, 113.2, 41),  # CircularString
    struct.pack("<BII", 1, 10, 0),  # CurvePolygon
    struct.pack("<BII", 1, 15, 0),  # PolyhedralSurface
    struct.pack("<BII", 1, 17, 0),  # TIN
    struct.pack("<BIdd", 1, 1, float("nan"), float("inf")),
    struct.pack("<BI", 1, 99),
    struct.pack("<BII", 1, 7, 1) * 300 + WKB_POINT,  # collections nested 300 deep
    struct.pack("<BII", 1, 7, 1) * 5000 + WKB_POINT,  # … and 5000 deep
    b"",
    b"\x01",
)


@st.composite
def geometry_blob(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(("gp", "gp", "gp", "raw", "binary", "value")))
    body = draw(st.one_of(st.sampled_from(WKB_BODIES), st.binary(max_size=64)))
    if kind == "gp":
        flags = draw(
            st.sampled_from((0x01, 0x00, 0x03, 0x05, 0x07, 0x09, 0x0B, 0x0F, 0x11, 0x21, 0xFF))
        )
        envelope = b"\x00" * draw(st.sampled_from((0, 32, 48, 64, 7)))
        magic = draw(st.sampled_from((b"GP", b"GP", b"gp", b"GQ")))
        return (
            _gp_header(flags, magic=magic, version=draw(st.sampled_from((0, 1, 255))))
            + envelope
            + body
        )
    if kind == "raw":
        return body
    if kind == "binary":
        return draw(st.binary(max_size=200))
    return draw(st.sampled_from(("POINT(113.1 41)", 42, 1.5, "", None)))


SQL_NAMES = (
    "villages",
    "officers",
    "incidents",
    "station",
    "rooms",
    "jurisdiction",
    "roads",
    "\u884c\u653f\u6751",
    "Villages",
    "villages ",
    'vil"lages',
    "villages]",
    "gpkg_contents",
    "sqlite_master",
    "sqlite_sequence",
    "",
)

SRS_DEFINITIONS = (
    "undefined",
    "",
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
    'PRIMEM["Greenwich",0],'
    'UNIT["degree",0.0174532925199433]]',
    "+proj=longlat +datum=WGS84",
    "EPSG:4326",
    "PROJCS[",
    "x" * 100_000,
)


def _gpkg_functions(connection: sqlite3.Connection) -> None:
    """Stand-ins for the SpatiaLite functions GDAL's R-tree triggers call, so edits run."""
    for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY", "ST_SRID"):
        connection.create_function(name, 1, lambda _blob: 0)


def _layer_columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


@st.composite
def sql_mutation(draw: st.DrawFn) -> list[tuple[str, tuple]]:
    """One edit of the GeoPackage, as SQL statements with their arguments."""
    kind = draw(
        pick(
            "view metadata_view virtual trigger extra_table blob blob srs srs add_column values "
            "rows contents geometry_columns drop rename schema generated default"
        )
    )
    layer = draw(st.sampled_from(("villages", "villages", "incidents", "station", "officers")))
    name = draw(st.one_of(st.sampled_from(SQL_NAMES), hostile_text))
    q = '"' + name.replace('"', '""') + '"'
    contents = (
        CONTENTS_SQL,
        (
            name,
            draw(st.sampled_from(("features", "attributes", "tiles", "FEATURES", ""))),
            name,
            4326,
        ),
    )
    if kind == "view":
        query = draw(
            st.sampled_from(
                (
                    ENDLESS,
                    "SELECT * FROM villages",
                    "SELECT a.* FROM villages a, villages b, villages c, villages d",
                    "SELECT zeroblob(1000000000) AS geom",
                    "SELECT * FROM sqlite_master",
                )
            )
        )
        return [(f"CREATE VIEW {q} AS {query}", ()), contents]
    if kind == "metadata_view":
        table = draw(
            st.sampled_from(("gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"))
        )
        return [
            (f"ALTER TABLE {table} RENAME TO {table}_kept", ()),
            (
                f"CREATE VIEW {table} AS SELECT * FROM {table}_kept "
                f"UNION ALL SELECT * FROM {table}_kept",
                (),
            ),
        ]
    if kind == "virtual":
        module = draw(
            st.sampled_from(("rtree(id, minx, maxx)", "fts5(a)", "fts4(a)", "fts3(a)", "dbstat"))
        )
        return [(f"CREATE VIRTUAL TABLE {q} USING {module}", ()), contents]
    if kind == "trigger":
        return [
            (
                f'CREATE TRIGGER "t_{layer}" AFTER INSERT ON "{layer}" BEGIN '
                "SELECT zeroblob(1000000000); END",
                (),
            ),
            (f'CREATE INDEX "i_{layer}" ON "{layer}" (abs(fid))', ()),
        ]
    if kind == "extra_table":
        columns = draw(
            st.lists(
                st.one_of(st.sampled_from(("geom", "village_id", "name", "fid")), hostile_text),
                min_size=1,
                max_size=4,
            )
        )
        spec = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
        return [(f"CREATE TABLE {q} ({spec})", ()), contents]
    if kind == "blob":
        return [
            (
                f'UPDATE "{layer}" SET geom = ? WHERE fid = ?',
                (draw(geometry_blob()), draw(st.integers(1, 3))),
            )
        ]
    if kind == "srs":
        srs_id = draw(st.sampled_from((4326, 99999, 0, -1, None, "4326", 2**62)))
        definition = draw(st.one_of(st.sampled_from(SRS_DEFINITIONS), secret_ref, hostile_text))
        organization = draw(st.sampled_from(("EPSG", "epsg", "NONE", "ESRI", "", None, "EPSG ")))
        code = draw(st.sampled_from((4326, 4490, 3857, 0, -1, 999999, 2**40, "4326", "x", None)))
        return [
            (
                "INSERT OR REPLACE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                "organization_coordsys_id, definition) VALUES ('x', ?, ?, ?, ?)",
                (srs_id if srs_id is not None else 99998, organization, code, definition),
            ),
            ("UPDATE gpkg_geometry_columns SET srs_id = ? WHERE table_name = ?", (srs_id, layer)),
            ("UPDATE gpkg_contents SET srs_id = ? WHERE table_name = ?", (srs_id, layer)),
        ]
    if kind == "add_column":
        column = draw(
            st.one_of(
                st.sampled_from(
                    ("geometry", "_fid", "Village_ID", "NAME", "fid", "geom", "", "_geometry_error")
                ),
                hostile_text,
            )
        )
        kind_sql = draw(
            st.sampled_from(("TEXT", "BLOB", "INTEGER", "REAL", "", "DATETIME", "BOOLEAN"))
        )
        cq = '"' + column.replace('"', '""') + '"'
        return [
            (f'ALTER TABLE "{layer}" ADD COLUMN {cq} {kind_sql}', ()),
            (
                f'UPDATE "{layer}" SET {cq} = ?',
                (
                    draw(
                        st.one_of(
                            json_scalar.filter(
                                lambda v: not isinstance(v, int) or -(2**63) <= v < 2**63
                            ),
                            st.binary(max_size=30),
                        )
                    ),
                ),
            ),
        ]
    if kind == "values":
        column = draw(
            st.sampled_from(
                ("village_id", "name", "population", "officer_id", "role", "time", "phone")
            )
        )
        value = draw(
            st.one_of(
                hostile_text,
                st.sampled_from(
                    (2**63 - 1, -(2**63), float("inf"), float("-inf"), b"\x00\xff", None, 1e308)
                ),
            )
        )
        return [
            (f'UPDATE "{layer}" SET "{column}" = ? WHERE fid = ?', (value, draw(st.integers(1, 3))))
        ]
    if kind == "rows":
        n = draw(st.sampled_from((10, 100, 5000)))
        return [
            (
                f"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {n}) "
                f'INSERT INTO "{layer}" (geom) SELECT (SELECT geom FROM "{layer}" LIMIT 1) FROM n',
                (),
            )
        ]
    if kind == "contents":
        return [
            (
                CONTENTS_SQL,
                (
                    draw(
                        st.one_of(
                            st.sampled_from(SQL_NAMES), st.none(), st.integers(), hostile_text
                        )
                    ),
                    draw(st.sampled_from(("features", "attributes", None, 7))),
                    draw(st.one_of(st.none(), hostile_text)),
                    draw(st.sampled_from((4326, 0, None, 123456))),
                ),
            )
        ]
    if kind == "geometry_columns":
        column = draw(
            st.one_of(
                st.sampled_from(("village_id", "nope", "fid", "GEOM", None, "")), hostile_text
            )
        )
        return [
            (
                "UPDATE gpkg_geometry_columns SET column_name = ? WHERE table_name = ?",
                (column, layer),
            )
        ]
    if kind == "drop":
        table = draw(
            pick(
                "gpkg_geometry_columns gpkg_spatial_ref_sys villages gpkg_ogr_contents "
                "rtree_villages_geom"
            )
        )
        return [(f'DROP TABLE "{table}"', ())]
    if kind == "rename":
        return [
            (f'ALTER TABLE "{layer}" RENAME TO {q}', ()),
            ("UPDATE gpkg_contents SET table_name = ? WHERE table_name = ?", (name, layer)),
            ("UPDATE gpkg_geometry_columns SET table_name = ? WHERE table_name = ?", (name, layer)),
        ]
    if kind == "schema":  # the schema table itself says something else than the pages hold
        edit = draw(
            st.sampled_from(
                (
                    ("UPDATE sqlite_master SET type = 'view' WHERE name = ?", (layer,)),
                    ("UPDATE sqlite_master SET sql = 'CREATE TABLE x(' WHERE name = ?", (layer,)),
                    ("UPDATE sqlite_master SET rootpage = 1 WHERE name = ?", (layer,)),
                    ("UPDATE sqlite_master SET name = 'gpkg_contents' WHERE name = ?", (layer,)),
                    ("UPDATE sqlite_master SET rootpage = 99999 WHERE name = ?", (layer,)),
                )
            )
        )
        return [("PRAGMA writable_schema = ON", ()), edit]
    if kind == "generated":  # a column computed on reading, named as the geometry column
        size = draw(st.sampled_from((1000, 1_000_000, 30_000_000)))
        return [
            (f'ALTER TABLE "{layer}" ADD COLUMN boom BLOB AS (zeroblob({size})) VIRTUAL', ()),
            (
                "UPDATE gpkg_geometry_columns SET column_name = 'boom' WHERE table_name = ?",
                (layer,),
            ),
            (
                f"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100) "
                f'INSERT INTO "{layer}" (geom) SELECT NULL FROM n',
                (),
            ),
        ]
    # default: rows written before a column was added read that column's DEFAULT, stored once
    size = draw(st.sampled_from((100, 100_000, 1_000_000)))
    rows = draw(st.sampled_from((10, 200, 2000)))
    return [
        (
            f"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {rows}) "
            f'INSERT INTO "{layer}" (geom) SELECT NULL FROM n',
            (),
        ),
        (f"ALTER TABLE \"{layer}\" ADD COLUMN boom TEXT DEFAULT '{'x' * size}'", ()),
    ]


@st.composite
def geopackage_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The base GeoPackage after 1 … 4 SQL edits (each may fail harmlessly), and sometimes a
    header patch."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(base_geopackage())
        _gpkg_functions(connection)
        for _ in range(draw(st.integers(1, 4))):
            for sql, args in draw(sql_mutation()):
                with contextlib.suppress(sqlite3.Error, OverflowError, ValueError):
                    connection.execute(sql, args)
        with contextlib.suppress(sqlite3.Error):
            connection.execute("PRAGMA writable_schema = OFF")
        connection.commit()
        data = bytearray(connection.serialize())
    finally:
        connection.close()
    patch = draw(
        st.sampled_from(("none", "none", "none", "wal", "version", "page_size", "reserved"))
    )
    if patch == "wal":
        data[18] = data[19] = 2
    elif patch == "version":
        data[18] = data[19] = draw(st.sampled_from((0, 3, 255)))
    elif patch == "page_size":
        struct.pack_into(">H", data, 16, draw(st.sampled_from((0, 1, 512, 65535, 3000))))
    elif patch == "reserved":
        data[20] = draw(st.sampled_from((1, 32, 255)))
    name = draw(
        st.sampled_from(
            ("scenario.gpkg", "scenario.gpkg", "\u6d3e\u51fa\u6240.gpkg", "villages.gpkg", "S.GPKG")
        )
    )
    files = {name: bytes(data)}
    if draw(st.integers(0, 4)) == 4:
        files["second.gpkg"] = base_geopackage()
    return files


@st.composite
def geopackage_bytes_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The base GeoPackage with its bytes mutated: anywhere, or inside one page."""
    data = base_geopackage()
    if draw(st.booleans()):
        return {
            "scenario.gpkg": draw(
                mutated_bytes(data, max_ops=8, keep=draw(st.sampled_from((0, 16, 100))))
            )
        }
    page_size = 4096
    pages = max(1, len(data) // page_size)
    page = draw(st.integers(0, pages - 1))
    head, body, tail = (
        data[: page * page_size],
        data[page * page_size : (page + 1) * page_size],
        data[(page + 1) * page_size :],
    )
    return {"scenario.gpkg": head + draw(mutated_bytes(body, max_ops=8)) + tail}


# --------------------------------------------------------------------------------------------
# scenario uploads: OpenStreetMap XML
# --------------------------------------------------------------------------------------------


LAUGHS = (
    "<!DOCTYPE osm ["
    + "".join(
        f'<!ENTITY {name} "{(f"&{prev};" * 10) if prev else "a" * 10}">'
        for prev, name in zip(("", "a", "b", "c", "d", "e"), "abcdex", strict=True)
    )
    + "]>"
)
"""The billion laughs, 10^6 times "aaaaaaaaaa" in entity ``x``."""


@st.composite
def osm_files(draw: st.DrawFn) -> dict[str, bytes]:
    """A small ``.osm`` road file, with entities pointing at the secret, or expanding, or broken."""
    secret = secret_dir() / "secret.csv"
    way_name = draw(
        st.one_of(
            st.just("\u4eba\u6c11\u8def"),
            hostile_text.map(lambda t: t.replace("&", "").replace("<", "").replace('"', "")),
        )
    )
    doctype = draw(
        st.sampled_from(
            (
                "",
                f'<!DOCTYPE osm [<!ENTITY x SYSTEM "{secret.as_uri()}">]>',
                f'<!DOCTYPE osm [<!ENTITY x SYSTEM "{secret_server().url}/secret.csv">]>',
                LAUGHS,
                f'<!DOCTYPE osm SYSTEM "{secret.as_uri()}">',
            )
        )
    )
    use_entity = "&x;" if "ENTITY x" in doctype else way_name
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<osm version="0.6">'
        '<node id="1" lat="41.0" lon="113.1"/><node id="2" lat="41.01" lon="113.11"/>'
        f'<node id="3" lat="{draw(st.sampled_from(LONLAT_TEXT))}" lon="113.12"/>'
        '<way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/>'
        f'<tag k="highway" v="{draw(st.sampled_from(("residential", "proposed", "")))}"/>'
        f'<tag k="name" v="{use_entity}"/>'
        f'<tag k="maxspeed" v="{draw(st.sampled_from(("50", "30 mph", "1e999", "-5")))}"/>'
        "</way></osm>"
    )
    data = encode(text, "utf-8")
    if draw(st.integers(0, 2)) == 2:
        data = draw(mutated_bytes(data))
    return {**base_files(), draw(st.sampled_from(("roads.osm", "map.osm", "villages.osm"))): data}


# --------------------------------------------------------------------------------------------
# plan zips for read_plan_bytes
# --------------------------------------------------------------------------------------------

DTYPES = (
    "object",
    "str",
    "string",
    "int64",
    "Int64",
    "int8",
    "uint8",
    "float64",
    "Float32",
    "bool",
    "boolean",
    "datetime64[ns]",
    "datetime64[s]",
    "datetime64[ns, UTC]",
    "datetime64[ns, Nowhere/Atlantis]",
    "datetime64[ns, +25:00]",
    "timedelta64[ns]",
    "category",
    "complex128",
    "period[D]",
    "interval",
    "Sparse[int64]",
    "string[pyarrow]",
    "geometry",
    "list",
    "<M8[ns]",
    "O",
    "V8",
    "S3",
    "U",
    "bogus",
    "",
)


@st.composite
def plan_json_mutation(draw: st.DrawFn, meta: Any) -> Any:
    kind = draw(st.sampled_from(("walk", "walk", "dtype", "dtype", "lists", "drop_column")))
    if (
        kind == "dtype"
        and isinstance(meta, dict)
        and isinstance(meta.get("columns"), dict)
        and meta["columns"]
    ):
        layer = draw(st.sampled_from(sorted(meta["columns"])))
        kinds = meta["columns"][layer]
        if isinstance(kinds, list) and kinds:
            n = draw(st.integers(0, len(kinds) - 1))
            return set_path(
                meta,
                ("columns", layer, n),
                [
                    kinds[n][0] if isinstance(kinds[n], list) and kinds[n] else "x",
                    draw(st.one_of(st.sampled_from(DTYPES), json_value)),
                ],
            )
        return meta
    if kind == "drop_column" and isinstance(meta, dict) and isinstance(meta.get("columns"), dict):
        layer = draw(st.sampled_from(sorted(meta["columns"]) or ["zones"]))
        extra = [draw(hostile_key), draw(st.sampled_from(DTYPES))]
        kinds = meta["columns"].get(layer)
        return set_path(
            meta,
            ("columns",),
            {**meta["columns"], layer: [*(kinds if isinstance(kinds, list) else []), extra]},
        )
    if kind == "lists" and isinstance(meta, dict):
        key = draw(
            st.sampled_from(
                ("warnings", "pool", "metrics", "settings", "name", "columns", "format")
            )
        )
        return {
            **meta,
            key: draw(
                st.one_of(
                    json_value, st.lists(json_value, max_size=3), st.just([{"severity": "warning"}])
                )
            ),
        }
    path = draw(json_path(meta))
    return set_path(meta, path, draw(mutated_node(get_path(meta, path))))


@st.composite
def plan_zip(draw: st.DrawFn) -> bytes:
    """A saved plan's files, zipped, after 1 … 3 member edits (mostly of the content)."""
    files: dict[str, bytes] = dict(base_plan_files())
    extra: list[tuple[str, bytes]] = []
    for _ in range(draw(st.integers(1, 3))):
        names = sorted(files)
        op = draw(
            pick(
                "plan_json plan_json plan_json layer layer layer table table table csv bytes "
                "drop rename hostile duplicate"
            )
        )
        if op == "plan_json" and "plan.json" in files:
            meta = _parsed_plan_json("plan.json")
            for _ in range(draw(st.integers(1, 3))):
                meta = draw(plan_json_mutation(meta))
            files["plan.json"] = encode(dumps(meta, ascii_only=draw(st.booleans())), "utf-8")
        elif op == "layer":
            name = draw(
                st.sampled_from(
                    (
                        "zones.geojson",
                        "villages.geojson",
                        "rooms.geojson",
                        "station.geojson",
                        "jurisdiction.geojson",
                        "incidents.geojson",
                        "patrols.geojson",
                        "stops.geojson",
                    )
                )
            )
            if name in base_plan_files():
                doc = _parsed_plan_json(name)
                for _ in range(draw(st.integers(1, 3))):
                    doc = draw(geojson_doc_mutation(doc))
                files[name] = encode(dumps(doc, ascii_only=draw(st.booleans())), "utf-8")
        elif op == "table":
            name = draw(st.sampled_from(("officers.csv", "roster.csv", "moves.csv", "zones.csv")))
            if name in files:
                files[name] = draw(csv_table_mutation(files[name]))
        elif op == "csv":
            name = draw(st.sampled_from(("officers.csv", "roster.csv", "moves.csv")))
            files[name] = encode(draw(csv_text()), draw(st.sampled_from(ENCODINGS)))
        elif op == "bytes" and names:
            name = draw(st.sampled_from(names))
            files[name] = draw(mutated_bytes(files[name], max_ops=5))
        elif op == "drop" and names:
            files.pop(draw(st.sampled_from(names)))
        elif op == "rename" and names:
            old = draw(st.sampled_from(names))
            new = draw(st.sampled_from(MEMBER_PREFIXES)) + draw(
                st.one_of(st.sampled_from(names), st.sampled_from(MEMBER_NAMES))
            )
            files[new] = files.pop(old)
        elif op == "hostile":
            name = draw(
                st.sampled_from(
                    (
                        "villages.geojson",
                        "zones.geojson",
                        "plan.json",
                        "officers.csv",
                        "plan.gpkg",
                        "plan.xlsx",
                        "x.shp",
                    )
                )
            )
            files[name] = draw(member_data(name))
        elif op == "duplicate" and names:
            name = draw(st.sampled_from(names))
            extra.append((draw(st.sampled_from(("", "sub/"))) + name, draw(member_data(name))))
    data = zipped([*files.items(), *extra])
    if draw(st.integers(0, 11)) == 11:
        data = draw(patched_zip(data))
    return data


@st.composite
def plan_zip_bytes(draw: st.DrawFn) -> bytes:
    """The zipped saved plan with its bytes mutated."""
    return draw(mutated_bytes(zipped(dict(base_plan_files())), max_ops=5))


# --------------------------------------------------------------------------------------------
# options of read_scenario_bytes
# --------------------------------------------------------------------------------------------

read_options = st.fixed_dictionaries(
    {},
    optional={
        "coord_source": st.sampled_from(("wgs84", "gcj02", "bd09")),
        "swap_axes": st.booleans(),
        "name": st.one_of(st.just("upload"), hostile_text),
    },
)
