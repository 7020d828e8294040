"""Writing a zoning result next to its villages, and reading a current map back in."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from zones import columns as C
from zones.errors import ZonePlannerError
from zones.writers import write_csv, write_geojson
from zones.zoning import ZoningResult

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


def write_zoning(units: gpd.GeoDataFrame, result: ZoningResult, folder: str | Path) -> list[Path]:
    """Write ``zones.geojson``, ``villages.geojson`` (with ``zone_id``), ``zones.csv`` and, for a
    minimal-change plan, ``moves.csv``. Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    zones = zone_polygons(units, result)
    villages = units.copy()
    villages[ZONE_ID] = result.labels.reindex(units.index).astype(str)
    paths = [folder / "zones.geojson", folder / "villages.geojson", folder / "zones.csv"]
    zones = zones.round(
        {
            "deviation": 5,
            "polsby_popper": 4,
            "area_km2": 3,
            "perimeter_km": 3,
            "mean_distance_m": 1,
            "workload": 3,
            "target": 3,
        }
    )
    write_geojson(zones, paths[0])
    write_geojson(villages, paths[1])
    write_csv(pd.DataFrame(zones.drop(columns="geometry")), paths[2])
    if len(result.moves):
        paths.append(folder / "moves.csv")
        write_csv(result.moves.astype({"unit": str, "from_zone": str, "to_zone": str}), paths[-1])
    return paths


def read_previous(path: str | Path, index: pd.Index) -> pd.Series:
    """The current map from a villages GeoJSON/CSV with ``village_id`` and ``zone_id``.

    Raises
    ------
    ZonePlannerError
        When the file lacks the columns or misses villages (it names them).
    """
    path = Path(path)
    if not path.is_file():
        msg = f"the current map {path} does not exist; give the villages file of a saved plan"
        raise ZonePlannerError(msg)
    if path.suffix.lower() == ".csv":
        table = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    else:
        table = pd.DataFrame(gpd.read_file(path).drop(columns="geometry"))
    for column in (C.VILLAGE_ID, ZONE_ID):
        if column not in table.columns:
            msg = f"{path.name} has no {column} column; it needs village_id and zone_id"
            raise ZonePlannerError(msg)
    ids = table[C.VILLAGE_ID].astype(str)
    repeated = ids[ids.duplicated()].unique()
    if len(repeated):
        shown = ", ".join(map(str, repeated[:10]))
        msg = (
            f"{path.name} lists {len(repeated)} villages twice or more ({shown}); keep one row each"
        )
        raise ZonePlannerError(msg)
    series = pd.Series(table[ZONE_ID].astype(str).to_numpy(), index=ids.to_numpy())
    missing = index.difference(series.index)
    if len(missing):
        shown = ", ".join(map(str, missing[:10]))
        msg = f"{path.name} gives no zone for {len(missing)} villages ({shown}); add them"
        raise ZonePlannerError(msg)
    return series.reindex(index)


def write_plan_files(plan, folder: str | Path, *, moves: pd.DataFrame | None = None) -> list[Path]:
    """Write a :class:`zones.plan.Plan` for ``zones plan``: ``zones.geojson`` (with the zone
    head's id), ``villages.geojson`` (zone, auxiliary officer and why), ``rooms.geojson``,
    ``zones.csv``, ``villages.csv`` and, when given, ``moves.csv``. Officer ids only: names and
    phones stay in the roster, out of the map files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    zones = plan.zones.round(
        {
            "deviation": 5,
            "polsby_popper": 4,
            "area_km2": 3,
            "perimeter_km": 3,
            "mean_distance_m": 1,
            "workload": 3,
            "target": 3,
        }
    )
    villages = plan.villages
    paths = {
        name: folder / name
        for name in (
            "zones.geojson",
            "villages.geojson",
            "rooms.geojson",
            "zones.csv",
            "villages.csv",
        )
    }
    write_geojson(zones, paths["zones.geojson"])
    write_geojson(villages, paths["villages.geojson"])
    write_geojson(plan.rooms, paths["rooms.geojson"])
    write_csv(pd.DataFrame(zones.drop(columns="geometry")), paths["zones.csv"])
    write_csv(pd.DataFrame(villages.drop(columns="geometry")), paths["villages.csv"])
    out = list(paths.values())
    if moves is not None and len(moves):
        out.append(folder / "moves.csv")
        write_csv(moves.astype({"unit": str, "from_zone": str, "to_zone": str}), out[-1])
    return out
