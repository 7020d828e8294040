"""Village police rooms (乡村警务室) and the police station: points inside villages."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.synth.lonlat import wgs84_frame
from zones.synth.tessellation import Tessellation, points_near

ROOM_SHARE = 0.30


def rooms_layer(
    rng: np.random.Generator,
    tess: Tessellation,
    villages: gpd.GeoDataFrame,
    project: Callable[[np.ndarray], np.ndarray],
) -> gpd.GeoDataFrame:
    """Existing rooms in :data:`ROOM_SHARE` of the villages, chosen by population."""
    population = villages[C.POPULATION].to_numpy()
    chosen = _weighted_sample(rng, population, round(ROOM_SHARE * tess.n))
    lonlat = project(points_near(rng, tess, chosen, 0.05, 0.35))
    inside = shapely.contains_properly(tess.village_ll[chosen], shapely.points(lonlat))
    lonlat[~inside] = project(tess.centre_xy[chosen[~inside]])
    names = villages[C.NAME].to_numpy()[chosen]
    return wgs84_frame(
        {
            C.VILLAGE_ID: villages[C.VILLAGE_ID].to_numpy()[chosen],
            C.NAME: [f"{name}警务室" for name in names],
        },
        lonlat,
    )


def station_layer(
    rng: np.random.Generator,
    tess: Tessellation,
    seat: int,
    station_name: str,
    project: Callable[[np.ndarray], np.ndarray],
) -> gpd.GeoDataFrame:
    """The station: one point near the settlement of its township's seat village."""
    station_xy = points_near(rng, tess, np.array([seat]), 0.1, 0.3)
    return wgs84_frame({C.NAME: [station_name]}, project(station_xy))


def _weighted_sample(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """``size`` distinct indices drawn with probability proportional to ``weights``."""
    keys = rng.exponential(size=len(weights)) / np.asarray(weights, dtype=float)
    return np.sort(np.argsort(keys, kind="stable")[:size])
