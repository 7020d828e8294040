"""Reading a GeoPackage held in memory as plain feature tables, with SQLite and no GDAL.

A GeoPackage is an SQLite database, and an uploaded one is hostile until proved otherwise: a
layer can be a view whose query never ends, GDAL would follow what the file declares (other
drivers, attached databases, virtual tables), and a CRS definition can name files on the
server. So the reader here

- deserialises the bytes into an in-memory database (nothing is written to disk, no other file
  is ever opened: ``ATTACH`` is disabled with ``SQLITE_LIMIT_ATTACHED = 0``, extensions stay
  off, ``trusted_schema`` is off and the connection is ``query_only``);
- reads only layers that ``gpkg_contents`` lists and ``sqlite_master`` shows as ordinary
  tables: a view, a virtual table or anything else is refused by name;
- bounds every statement by wall time (SQLite's progress handler interrupts it) and every layer
  by its row count;
- decodes geometries from the GeoPackage binary header and WKB with shapely, and takes the CRS
  only as an EPSG code or a WKT text (:func:`zones.scenario.crs.safe_crs`).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

MAGIC = b"SQLite format 3\x00"
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
METADATA_TABLES = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys")
_PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock


class GeoPackageError(Exception):
    """A GeoPackage cannot be read safely; ``code`` names the issue, ``params`` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Table:
    """One layer of a GeoPackage as read: column names, rows, geometries and the CRS text."""

    name: str
    columns: list[str]
    rows: list[tuple]
    geometries: np.ndarray | None  # shapely geometries (None where missing or unreadable)
    bad_geometries: list[int]  # 0-based rows whose geometry blob could not be decoded
    crs: str | None  # "EPSG:n", a WKT text, or None
    has_z: bool


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _connect(data: bytes, deadline: float) -> sqlite3.Connection:
    if data[:16] != MAGIC:
        raise GeoPackageError(code="not_gpkg")
    image = bytearray(data)
    if len(image) > 19 and image[18] == 2 and image[19] == 2:  # WAL mode: read as rollback
        image[18] = image[19] = 1
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 64 * 2**20)
    try:
        connection.deserialize(bytes(image))
    except (sqlite3.DatabaseError, OverflowError, ValueError) as exc:
        connection.close()
        raise GeoPackageError(code="bad_gpkg", reason=str(exc)[:120]) from None

    def over_time() -> int:
        return int(time.monotonic() > deadline)

    connection.set_progress_handler(over_time, _PROGRESS_STEPS)
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA query_only = ON")
    return connection


def _query(
    connection: sqlite3.Connection, sql: str, args: tuple = (), *, max_bytes: int | None = None
) -> list[tuple]:
    """The rows of ``sql``; with ``max_bytes``, counted as they stream: reading stops once the
    values add up to more than ``max_bytes`` (a text or blob by its length, any other value as
    one byte, the least a stored value takes in its record's header)."""
    try:
        cursor = connection.execute(sql, args)
        if max_bytes is None:
            return cursor.fetchall()
        rows, size = [], 0
        for row in cursor:
            size += sum(len(v) if isinstance(v, str | bytes) else 1 for v in row)
            if size > max_bytes:
                raise GeoPackageError(
                    code="bad_gpkg", reason="its values add up to more than the file holds"
                )
            rows.append(row)
        return rows
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise GeoPackageError(code="gpkg_timeout") from None
        raise GeoPackageError(code="bad_gpkg", reason=str(exc)[:120]) from None
    except sqlite3.DatabaseError as exc:
        raise GeoPackageError(code="bad_gpkg", reason=str(exc)[:120]) from None


def list_layers(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(table name, sqlite_master type)`` of every layer ``gpkg_contents`` lists."""
    kinds = dict(_query(connection, "SELECT name, type FROM sqlite_master"))
    if "gpkg_contents" not in kinds:
        raise GeoPackageError(code="bad_gpkg", reason="no gpkg_contents table")
    for table in METADATA_TABLES:  # a view here would run a query of the file's choosing
        if kinds.get(table, "table") != "table":
            raise GeoPackageError(code="bad_gpkg", reason=f"{table} is not a plain table")
    names = _query(
        connection,
        "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', 'attributes')",
    )
    return [(str(name), str(kinds.get(name, "missing"))) for (name,) in names]


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    return bool(_query(connection, "SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))


def _crs(connection: sqlite3.Connection, srs_id: Any) -> str | None:
    if srs_id in (0, -1, None) or not _has_table(connection, "gpkg_spatial_ref_sys"):
        return None
    rows = _query(
        connection,
        "SELECT organization, organization_coordsys_id, definition "
        "FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    )
    if not rows or srs_id in (0, -1, None):
        return None
    organization, code, definition = rows[0]
    if str(organization).upper() == "EPSG" and isinstance(code, int) and code > 0:
        return f"EPSG:{code}"
    text = str(definition or "").strip()
    return None if text.lower() in ("", "undefined") else text


def wkb_of(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (header and envelope stripped).

    Raises
    ------
    ValueError
        When the blob is not a standard GeoPackage geometry.
    """
    if len(blob) < 8 or blob[:2] != b"GP":
        msg = "no GP header"
        raise ValueError(msg)
    flags = blob[3]
    if flags & 0x20:
        msg = "extended GeoPackage geometry"
        raise ValueError(msg)
    envelope = (flags >> 1) & 0x07
    if envelope not in _ENVELOPE_BYTES:
        msg = "bad envelope"
        raise ValueError(msg)
    return bytes(blob[8 + _ENVELOPE_BYTES[envelope] :])


def read_layer(connection: sqlite3.Connection, name: str, *, max_rows: int) -> Table:
    """Read one ordinary table of the GeoPackage (geometry decoded, the fid column left out)."""
    (count,) = _query(connection, f"SELECT count(*) FROM {_quote(name)}")[0]
    if count > max_rows:
        raise GeoPackageError(code="too_many_rows", n=count, cap=max_rows)
    # stored values never add up to more than the file; but a column's DEFAULT (NULL or not,
    # read for rows written before the column was added) or a generated column is made up on
    # reading, once per row, so a small file could make the reader hold gigabytes: twice the
    # file is the cap
    ((pages,),) = _query(connection, "PRAGMA page_count")
    ((page_size,),) = _query(connection, "PRAGMA page_size")
    max_bytes = 2 * pages * page_size
    info = _query(connection, f"PRAGMA table_info({_quote(name)})")
    fid = [row[1] for row in info if row[5] == 1 and str(row[2]).upper() == "INTEGER"]
    geometry = (
        _query(
            connection,
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?",
            (name,),
        )
        if _has_table(connection, "gpkg_geometry_columns")
        else []
    )
    geometry_column = str(geometry[0][0]) if geometry else None
    crs = _crs(connection, geometry[0][1]) if geometry else None
    columns = [str(row[1]) for row in info if row[1] not in fid and row[1] != geometry_column]
    selected = ", ".join(_quote(c) for c in columns) or "NULL"
    if geometry_column is not None:
        selected += f", {_quote(geometry_column)}"
    rows = _query(connection, f"SELECT {selected} FROM {_quote(name)}", max_bytes=max_bytes)
    geometries = None
    bad: list[int] = []
    has_z = False
    if geometry_column is not None:
        wkbs: list[bytes | None] = []
        for n, row in enumerate(rows):
            blob = row[-1]
            if blob is None:
                wkbs.append(None)
                continue
            try:
                wkbs.append(wkb_of(bytes(blob)) if isinstance(blob, bytes | memoryview) else None)
            except ValueError:
                wkbs.append(None)
                bad.append(n)
        geometries = np.array(
            [None if w is None else shapely.from_wkb(w, on_invalid="ignore") for w in wkbs],
            dtype=object,
        )
        bad += [n for n, (w, g) in enumerate(zip(wkbs, geometries, strict=True)) if w and g is None]
        present = np.array([g is not None for g in geometries], dtype=bool)
        if present.any():
            has_z = bool(shapely.has_z(geometries[present]).any())
        rows = [row[:-1] for row in rows]
    if not columns:
        rows = [() for _ in rows]
    return Table(name, columns, rows, geometries, sorted(set(bad)), crs, has_z)


def open_geopackage(data: bytes, *, seconds: float) -> sqlite3.Connection:
    """An in-memory, read-only connection to the GeoPackage ``data`` with a time limit.

    Raises
    ------
    GeoPackageError
        When the bytes are not an SQLite database.
    """
    return _connect(data, time.monotonic() + seconds)
