"""From metres to lon/lat: the metric CRS, rounding to 6 decimals and WGS 84 layers."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from zones.columns import WGS84

COORD_DECIMALS = 6


def utm_crs(lon: float, lat: float) -> pyproj.CRS:
    """The WGS 84 / UTM zone of a point (EPSG:32649 for the default centre)."""
    zone = int(np.floor((lon + 180.0) / 6.0)) % 60 + 1
    return pyproj.CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def projector(to_lonlat: pyproj.Transformer) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function mapping metric (N, 2) coordinates to rounded lon/lat (N, 2)."""

    def project(xy: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        lon, lat = to_lonlat.transform(xy[:, 0], xy[:, 1])
        return np.round(np.column_stack([lon, lat]), COORD_DECIMALS)

    return project


def wgs84_frame(columns: dict[str, object], geometry: np.ndarray) -> gpd.GeoDataFrame:
    """A WGS 84 GeoDataFrame from columns and either Points' (N, 2) coords or geometries."""
    geometry = np.asarray(geometry)
    if geometry.dtype != object:
        geometry = shapely.points(geometry)
    return gpd.GeoDataFrame(pd.DataFrame(columns), geometry=geometry, crs=WGS84)
