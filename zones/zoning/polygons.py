"""Writing a zoning result next to its villages, and reading a current map back in."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from zones import columns as C
from zones.errors import ZonePlannerError, by_lang
from zones.zoning.result import ZoningResult

ZONE_ID = "zone_id"


def zone_polygons(units: gpd.GeoDataFrame, result: ZoningResult) -> gpd.GeoDataFrame:
    """One dissolved polygon per zone with the zone's figures (``zone_id`` first)."""
    labels = result.labels.reindex(units.index)
    metric = units.to_crs(units.estimate_utm_crs()) if units.crs.is_geographic else units
    geoms = []
    for zone in result.zones.index:
        parts = metric.geometry[labels == zone].values
        try:
            geoms.append(shapely.coverage_union_all(parts))
        except shapely.errors.GEOSException:
            geoms.append(shapely.union_all(parts))
    table = result.zones.reset_index(names=ZONE_ID)
    table[ZONE_ID] = table[ZONE_ID].astype(str)
    zones = gpd.GeoDataFrame(table, geometry=geoms, crs=metric.crs)
    return zones.to_crs(units.crs)


def _read_table(path: Path) -> pd.DataFrame:
    """A villages table from a plan's GeoJSON or CSV, by the project's own parsers (GDAL never
    opens a file given here, whatever its content)."""
    from zones.scenario.io import MAX_FILE_MB, parse_csv, parse_geojson

    if path.stat().st_size > MAX_FILE_MB * 2**20:
        raise ZonePlannerError(code="previous.too_large", file=path.name, cap=MAX_FILE_MB)
    issues: list = []
    parse = parse_csv if path.suffix.lower() == ".csv" else parse_geojson
    raw = parse(path.read_bytes(), C.VILLAGES, path.name, issues)
    errors = [i for i in issues if i.severity == "error"]
    if raw is None or errors:
        shown = by_lang(lambda lang: "; ".join(i.what(lang) for i in errors[:3]))
        raise ZonePlannerError(code="previous.unreadable", file=path.name, shown=shown)
    return pd.DataFrame(raw.frame.drop(columns=raw.frame.geometry.name))


def read_previous(path: str | Path, index: pd.Index) -> pd.Series:
    """The current map from a villages GeoJSON/CSV with ``village_id`` and ``zone_id``.

    Raises
    ------
    ZonePlannerError
        When the file lacks the columns or misses villages (it names them).
    """
    path = Path(path)
    if not path.is_file():
        raise ZonePlannerError(code="previous.missing", path=path)
    table = _read_table(path)
    for column in (C.VILLAGE_ID, ZONE_ID):
        if column not in table.columns:
            raise ZonePlannerError(code="previous.column", file=path.name, column=column)
    ids = table[C.VILLAGE_ID].astype(str)
    repeated = ids[ids.duplicated()].unique()
    if len(repeated):
        shown = ", ".join(map(str, repeated[:10]))
        raise ZonePlannerError(code="previous.twice", file=path.name, n=len(repeated), ids=shown)
    series = pd.Series(table[ZONE_ID].astype(str).to_numpy(), index=ids.to_numpy())
    missing = index.difference(series.index)
    if len(missing):
        shown = ", ".join(map(str, missing[:10]))
        raise ZonePlannerError(code="previous.no_zone", file=path.name, n=len(missing), ids=shown)
    return series.reindex(index)
