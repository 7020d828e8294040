"""CSV tables: UTF-8 or GB18030 text, points from lon/lat columns, the writers' guard undone."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones.report import Issue
from zones.scenario.raw import (
    RawLayer,
    _feature_label,
    _issue,
    _too_many_rows,
    decode_text,
    limits,
    normalise_text,
)
from zones.writers import unguard_text

# CSV column names that carry point coordinates
LON_COLUMNS = ("lon", "lng", "longitude", "x", "经度")
LAT_COLUMNS = ("lat", "latitude", "y", "纬度")


MAX_COLUMNS = 1_000
"""Most columns a CSV table may have (a header of thousands of empty names is an attack)."""


def _header_width(text: str) -> int:
    """Number of cells in the first line, whatever its line ending (LF, CRLF or a lone CR)."""
    first = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    try:
        return len(next(iter(csv.reader([first])), []))
    except csv.Error:  # an open quote: pandas reports the table as bad CSV
        return first.count(",") + 1


def parse_csv(data: bytes, layer: str, source: str, issues: list[Issue]) -> RawLayer | None:
    """Parse a CSV table (UTF-8, UTF-8 with BOM, or GB18030 as saved by Chinese Excel).

    Point geometry comes from ``lon``/``lat`` (or ``经度``/``纬度``, ``x``/``y``) columns when
    present. All values are read as text; :mod:`zones.scenario.validate` converts them.
    """
    text = decode_text(data, layer, source, issues, allow_gb=True)
    if text is None:
        return None
    width = _header_width(text)
    if width > MAX_COLUMNS:  # pandas' work grows faster than the file with the columns
        issues.append(_issue("error", layer, "too_many_columns", None, file=source, n=width))
        return None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        issues.append(
            _issue("error", layer, "bad_csv", None, file=source, reason=str(exc).splitlines()[0])
        )
        return None
    if len(table) > limits().MAX_ROWS:
        issues.append(_too_many_rows(layer, source, len(table)))
        return None
    # the writer guards header cells against formulas too (write_csv): undone here
    table.columns = [unguard_text(normalise_text(c)) for c in table.columns]
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
