"""Small, generic writers for exchange files: RFC 7946 GeoJSON and Excel-friendly CSV.

Both writers never modify their input and write deterministic bytes for equal input, so a
seeded scenario written twice is byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones.columns import WGS84

CSV_LIST_SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a text cell as a formula (OWASP, CSV injection)."""
GUARD = "'"
"""The prefix that keeps a formula-like text a text in CSV (also guarded: a text that starts
with the prefix itself, so that :func:`unguard_text` undoes exactly :func:`guard_text`)."""
XLSX_MAX_CELL = 32_767
"""Excel keeps at most this many characters in a cell."""
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_CHUNK = 20_000  # features converted and written at a time


def write_geojson(gdf: gpd.GeoDataFrame, path: Path | str, *, precision: int = 6) -> None:
    """Write a GeoDataFrame as an RFC 7946 GeoJSON FeatureCollection.

    The file is UTF-8 without a byte-order mark, one feature per line, with compact separators
    and Chinese text unescaped. Geometries are reprojected to WGS 84 if the frame has another
    CRS, their coordinates are rounded to ``precision`` decimals, and polygon exterior rings are
    written counter-clockwise (holes clockwise). No ``crs`` member is written (RFC 7946 §4).
    Features whose geometry is missing or empty are written with ``"geometry": null``.

    Parameters
    ----------
    gdf
        The features. Property values may be strings, numbers (numpy or Python), booleans,
        missing values (written as ``null``), lists/tuples/arrays (JSON arrays), dicts (JSON
        objects) and dates or datetimes (ISO 8601 strings); anything else is written as its
        ``str()``. The index is not written.
    path
        The output file; its folder must exist.
    precision
        Decimal places kept in coordinates (6 decimals is about 0.1 m).

    Raises
    ------
    ValueError
        If rounding made a valid geometry invalid (the message names the feature); the file
        is then not written.
    """
    if gdf.crs is not None and not gdf.crs.equals(WGS84, ignore_axis_order=True):
        gdf = gdf.to_crs(WGS84)
    # check every geometry before the file is touched, then write in chunks to bound memory
    geometries = _rfc7946_geometries(np.asarray(gdf.geometry.array, dtype=object), precision)
    properties = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
    long_decimal = re.compile(rf"\d+\.\d{{{precision + 1},}}")
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        stream.write('{"type":"FeatureCollection","features":[')
        for start in range(0, len(gdf), _CHUNK):
            stop = min(start + _CHUNK, len(gdf))
            rows = _json_rows(properties.iloc[start:stop])
            shapes = _geometry_json(geometries[start:stop], long_decimal)
            stream.write("\n" if start == 0 else ",\n")
            stream.write(
                ",\n".join(
                    '{"type":"Feature","properties":'
                    + _ENCODER.encode(row)
                    + ',"geometry":'
                    + shape
                    + "}"
                    for row, shape in zip(rows, shapes, strict=True)
                )
            )
        stream.write("\n]}\n" if len(gdf) else "]}\n")


def write_csv(df: pd.DataFrame, path: Path | str | IO[bytes]) -> None:
    """Write a table as CSV in UTF-8 with a byte-order mark, so Excel shows Chinese correctly.

    The index is not written; lines end with ``\\n``; list and tuple cells are joined with
    ``";"`` (for example ``familiar_villages``); missing values are empty cells. Every text cell
    is guarded with :func:`guard_text` (OWASP's CSV-injection advice: a leading apostrophe before
    ``= + - @``, tab or carriage return); :func:`unguard_text` undoes exactly that, so files
    round-trip. A table holding a carriage return in any cell is written with every field
    quoted (Python's csv module does not quote a lone ``\\r`` when lines end with ``\\n``,
    and the cell would split into two rows on reading).

    Parameters
    ----------
    df
        The table (a GeoDataFrame's geometry column is written as WKT; drop it first if unwanted).
    path
        The output file (its folder must exist) or a binary stream.
    """
    table = pd.DataFrame(df).copy()
    carriage_return = False
    for column in table.columns:
        if table[column].dtype == object or pd.api.types.is_string_dtype(table[column]):
            values = [_csv_cell(value) for value in table[column].tolist()]
            carriage_return |= any(isinstance(v, str) and "\r" in v for v in values)
            table[column] = pd.Series(values, index=table.index, dtype=object)
    table.columns = [guard_text(str(column)) for column in table.columns]  # headers too
    carriage_return |= any("\r" in column for column in table.columns)
    quoting = csv.QUOTE_ALL if carriage_return else csv.QUOTE_MINIMAL
    table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n", quoting=quoting)


def guard_text(value: str) -> str:
    """Neutralise a text that a spreadsheet would run as a formula (OWASP, CSV injection).

    A text starting with ``= + - @``, a tab, a carriage return or an apostrophe gets one more
    apostrophe in front; any other text is returned unchanged.
    """
    return GUARD + value if value[:1] in (*FORMULA_STARTS, GUARD) else value


def unguard_text(value: object) -> object:
    """Undo :func:`guard_text` (non-texts and unguarded texts are returned unchanged)."""
    if isinstance(value, str) and value[:1] == GUARD and value[1:2] in (*FORMULA_STARTS, GUARD):
        return value[1:]
    return value


@dataclass(frozen=True)
class CellNote:
    """A spreadsheet cell that could not be written exactly (cut at Excel's limit, or cleaned
    of control characters Excel cannot store)."""

    sheet: str
    cell: str
    kind: str  # "truncated" or "cleaned"
    length: int


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame],
    target: Path | str | IO[bytes],
    *,
    formats: Mapping[str, Mapping[str, str]] | None = None,
) -> list[CellNote]:
    """Write tables as one XLSX workbook (sheet name → table) with no live formula in it.

    Every text cell is written as text (never as a formula) and a text that starts like a
    formula (``= + - @``, tab, carriage return) carries Excel's own quote prefix (what typing an
    apostrophe does): it shows exactly as written and stays text when edited. List cells are
    joined with ``";"``. Texts longer than Excel's 32,767 characters are cut, and control
    characters Excel cannot store become U+FFFD; each such cell is returned as a
    :class:`CellNote` (the CSV and GeoJSON files keep the full text).

    Parameters
    ----------
    sheets
        Sheet name (cut to Excel's 31 characters) → table; the index is not written.
    target
        The output file or a binary stream.
    formats
        Sheet name → column header → Excel number format of that column's numbers
        (``"#,##0"``: thousands separators, ``"0.0"``), for tables people read.

    Returns
    -------
    list of CellNote
        Cells that could not be written exactly.
    """
    from openpyxl.utils import get_column_letter

    notes: list[CellNote] = []
    with pd.ExcelWriter(target, engine="openpyxl") as book:
        for sheet, frame in sheets.items():
            name = sheet[:31]
            table = pd.DataFrame(frame).copy()
            texts = [
                column
                for column in range(table.shape[1])
                if pd.api.types.is_object_dtype(table.dtypes.iloc[column])
                or pd.api.types.is_string_dtype(table.dtypes.iloc[column])
            ]
            for column in texts:
                values = []
                for row, value in enumerate(table.iloc[:, column].tolist()):
                    if isinstance(value, list | tuple | np.ndarray):
                        value = CSV_LIST_SEPARATOR.join(str(v) for v in _flatten(value))
                    if isinstance(value, str):
                        where = f"{get_column_letter(column + 1)}{row + 2}"
                        if _XLSX_ILLEGAL.search(value):
                            value = _XLSX_ILLEGAL.sub("\ufffd", value)
                            notes.append(CellNote(name, where, "cleaned", len(value)))
                        if len(value) > XLSX_MAX_CELL:
                            notes.append(CellNote(name, where, "truncated", len(value)))
                            value = value[:XLSX_MAX_CELL]
                    values.append(value)
                table[table.columns[column]] = pd.Series(values, index=table.index, dtype=object)
            table.to_excel(book, sheet_name=name, index=False)
            wanted = (formats or {}).get(sheet, {})
            number_formats = [wanted.get(str(column)) for column in table.columns]
            for row in book.sheets[name].iter_rows():
                for cell, number_format in zip(row, number_formats, strict=False):
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # text, never a formula
                        if cell.value[:1] in FORMULA_STARTS:
                            cell.quotePrefix = True
                    elif number_format and isinstance(cell.value, int | float):
                        cell.number_format = number_format
    return notes


def _rfc7946_geometries(geometries: np.ndarray, precision: int) -> np.ndarray:
    """Round, check and orient geometries for RFC 7946 (None for missing or empty ones)."""
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    result = np.full(len(geometries), None, dtype=object)
    if not present.any():
        return result
    source = geometries[present]
    rounded = shapely.transform(source, lambda coords: np.round(coords, precision), include_z=None)
    broken = shapely.is_valid(source) & ~shapely.is_valid(rounded)
    if broken.any():
        position = int(np.flatnonzero(present)[np.flatnonzero(broken)[0]])
        reason = shapely.is_valid_reason(rounded[np.flatnonzero(broken)[0]])
        msg = (
            f"rounding coordinates to {precision} decimals made the geometry of feature "
            f"{position} invalid ({reason}); {int(broken.sum())} feature(s) affected. "
            "Write with a higher precision or repair the geometry (e.g. shapely.make_valid)."
        )
        raise ValueError(msg)
    result[present] = shapely.orient_polygons(rounded, exterior_cw=False)
    return result


def _geometry_json(geometries: np.ndarray, long_decimal: re.Pattern[str]) -> list[str]:
    """GeoJSON texts of prepared geometries (``null`` for None).

    GEOS sometimes prints a rounded double with 17 digits (``40.960012999999996``); such numbers
    are printed again as Python's shortest repr, which gives back the rounded decimal
    (``40.960013``). One regex pass covers the whole chunk.
    """
    texts = shapely.to_geojson(geometries)
    joined = "\n".join("null" if text is None else str(text) for text in texts)
    return long_decimal.sub(_shortest, joined).split("\n") if len(texts) else []


def _shortest(match: re.Match[str]) -> str:
    return repr(float(match.group()))


def _json_rows(table: pd.DataFrame) -> list[dict[str, object]]:
    """Convert a property table into JSON-ready row dicts (column order kept)."""
    names = [str(column) for column in table.columns]
    columns = [_json_column(table.iloc[:, i]) for i in range(table.shape[1])]
    if not columns:
        return [{} for _ in range(len(table))]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _json_column(series: pd.Series) -> list[object]:
    """Convert one column to a list of JSON-ready Python values."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) and not series.hasnans:
        return [bool(value) for value in series.to_numpy(dtype=bool)]
    if pd.api.types.is_integer_dtype(dtype) and not series.hasnans:
        return series.to_numpy(dtype=np.int64).tolist()
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        values = series.to_numpy().astype(float).tolist()
        return [value if math.isfinite(value) else None for value in values]
    return [_json_value(value) for value in series.astype(object).tolist()]


def _json_value(value: object) -> object:
    """Convert one property value into a value ``json.dumps`` accepts."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple | np.ndarray | pd.api.extensions.ExtensionArray):
        return [_json_value(item) for item in value]
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, pd.Timedelta | dt.timedelta):
        return pd.Timedelta(value).isoformat()
    return str(value)


def _csv_cell(value: object) -> object:
    """Join list-like cells for CSV; leave everything else to pandas."""
    if isinstance(value, list | tuple | np.ndarray):
        value = CSV_LIST_SEPARATOR.join(str(item) for item in _flatten(value))
    if isinstance(value, str):
        return guard_text(value)
    return value


def _flatten(values: Iterable[object]) -> Iterable[object]:
    """Yield the items of a (possibly nested) list, skipping missing ones."""
    for item in values:
        if isinstance(item, list | tuple | np.ndarray):
            yield from _flatten(item)
        elif item is not None and not (isinstance(item, float) and math.isnan(item)):
            yield item
