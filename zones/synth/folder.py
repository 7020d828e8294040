"""Writing a scenario folder: one GeoJSON file per layer, the officers optionally as CSV."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.synth.lonlat import COORD_DECIMALS
from zones.writers import write_csv, write_geojson

# the officers table's coordinate columns (fields that zones/columns.py does not define)
LON = "lon"
LAT = "lat"


def write_scenario(
    layers: dict[str, gpd.GeoDataFrame], folder: Path | str, *, officers_csv: bool = True
) -> None:
    """Write a scenario folder: one ``<layer>.geojson`` per layer (RFC 7946).

    Parameters
    ----------
    layers
        Layers by name, as returned by :func:`zones.synth.make_scenario_layers`; layers not in
        :data:`zones.columns.LAYERS` are written too, under their own names.
    folder
        The output folder; created if missing. Existing files of the same names are replaced.
    officers_csv
        Write the officers as ``officers.csv`` (UTF-8 with BOM, ``lon``/``lat`` columns,
        ``familiar_villages`` joined by ``;``) instead of ``officers.geojson``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, layer in layers.items():
        if name == C.OFFICERS and officers_csv:
            write_csv(_officers_table(layer), folder / f"{name}.csv")
        else:
            write_geojson(layer, folder / f"{name}.geojson", precision=COORD_DECIMALS)


def _officers_table(officers: gpd.GeoDataFrame) -> pd.DataFrame:
    """The officers as a plain table with ``lon``/``lat`` columns (empty without a point)."""
    geometry = np.asarray(officers.geometry.array, dtype=object)
    table = pd.DataFrame(officers.drop(columns=officers.geometry.name))
    table[LON] = shapely.get_x(geometry)
    table[LAT] = shapely.get_y(geometry)
    return table
