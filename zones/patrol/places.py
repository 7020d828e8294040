"""Place names of patrol stops and posts: the village a point lies in and the named road at it.

An officer follows a patrol line by names, not coordinates: each post and stop gets the id and
name of the village it lies in (the nearest village within :data:`VILLAGE_RADIUS_M` when it
falls in a gap between villages; a village police room keeps its own village) and the name of
the nearest named road within :data:`ROAD_NAME_RADIUS_M` (blank when there is none, or no
roads layer).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.patrol.result import PLACE_COLUMNS

ROAD_NAME_RADIUS_M = 150.0
"""A named road farther than this from a point does not name it."""
VILLAGE_RADIUS_M = 1000.0
"""A point outside every village takes the nearest village within this distance."""
VILLAGE_ID = C.VILLAGE_ID
VILLAGE_NAME = "village_name"
ROAD_NAME = "road_name"
if PLACE_COLUMNS != [VILLAGE_ID, VILLAGE_NAME, ROAD_NAME]:  # pragma: no cover - a guard
    raise AssertionError(PLACE_COLUMNS)

__all__ = [
    "PLACE_COLUMNS",
    "ROAD_NAME",
    "ROAD_NAME_RADIUS_M",
    "VILLAGE_NAME",
    "VILLAGE_RADIUS_M",
    "place_names",
    "with_places",
]


def _names(values: pd.Series) -> np.ndarray:
    """Text names with missing values as ``""`` (surrounding blanks removed)."""
    return np.array([str(v).strip() if pd.notna(v) else "" for v in values], dtype=object)


def _village_names(villages: pd.DataFrame) -> np.ndarray:
    if C.NAME in villages:
        return _names(villages[C.NAME])
    return np.full(len(villages), "", dtype=object)


def _nearest(points: np.ndarray, geoms: np.ndarray, max_distance: float) -> np.ndarray:
    """For each point, the position of the nearest of ``geoms`` within ``max_distance`` (-1 for
    none); ties go to the first in ``geoms``."""
    found = np.full(len(points), -1, dtype=np.int64)
    if not len(points) or not len(geoms):
        return found
    tree = shapely.STRtree(geoms)
    point_pos, geom_pos = tree.query_nearest(points, max_distance=max_distance, all_matches=True)
    order = np.lexsort((geom_pos, point_pos))[::-1]  # the smallest position written last
    found[point_pos[order]] = geom_pos[order]
    return found


def place_names(
    points: gpd.GeoSeries,
    villages: gpd.GeoDataFrame,
    roads: gpd.GeoDataFrame | None,
    *,
    crs: object,
    road_radius_m: float = ROAD_NAME_RADIUS_M,
) -> pd.DataFrame:
    """The village and the named road at each point.

    Parameters
    ----------
    points
        Points (any CRS; missing or empty geometries get blank names).
    villages
        Village polygons with ``village_id`` and ``name`` (any CRS).
    roads
        The scenario's roads with ``name`` (any CRS), or None.
    crs
        A metric CRS in which distances are measured.
    road_radius_m
        The farthest a named road may be from a point to name it.

    Returns
    -------
    pandas.DataFrame
        Aligned to ``points.index``: ``village_id``, ``village_name`` (the village the point
        lies in, else the nearest within :data:`VILLAGE_RADIUS_M`, else ``""``) and
        ``road_name`` (``""`` when no named road is near enough).
    """
    out = pd.DataFrame(
        {column: pd.Series("", index=points.index, dtype=object) for column in PLACE_COLUMNS}
    )
    if not len(points):
        return out
    geoms = np.asarray(points.to_crs(crs).geometry.array, dtype=object)
    usable = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    where = np.flatnonzero(usable)
    if len(villages):
        shapes = villages.to_crs(crs)
        found = _nearest(
            geoms[where], np.asarray(shapes.geometry.array, dtype=object), VILLAGE_RADIUS_M
        )
        ids, names = _names(shapes[VILLAGE_ID]), _village_names(shapes)
        hit = found >= 0
        out.iloc[where[hit], 0] = ids[found[hit]]
        out.iloc[where[hit], 1] = names[found[hit]]
    if roads is not None and len(roads) and C.NAME in roads:
        named = roads[_names(roads[C.NAME]) != ""]
        if len(named):
            lines = named.to_crs(crs)
            found = _nearest(
                geoms[where], np.asarray(lines.geometry.array, dtype=object), road_radius_m
            )
            hit = found >= 0
            out.iloc[where[hit], 2] = _names(lines[C.NAME])[found[hit]]
    return out


def with_places(
    layer: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame,
    roads: gpd.GeoDataFrame | None,
    *,
    crs: object,
    own_village: pd.Series | None = None,
) -> gpd.GeoDataFrame:
    """A copy of a point ``layer`` with the :data:`PLACE_COLUMNS` of :func:`place_names`
    before its geometry (replacing any it had).

    ``own_village`` (aligned to ``layer``; a village id or ``""``) names the village of rows
    that belong to one, such as a village police room on the patrol line, whatever village
    polygon its point falls in.
    """
    places = place_names(layer.geometry, villages, roads, crs=crs)
    if own_village is not None and len(villages):
        names = dict(zip(_names(villages[VILLAGE_ID]), _village_names(villages), strict=True))
        own = own_village.reindex(layer.index).fillna("").astype(str)
        known = own.map(lambda v: v in names).to_numpy(dtype=bool)
        places.loc[known, VILLAGE_ID] = own[known]
        places.loc[known, VILLAGE_NAME] = own[known].map(names)
    out = layer.drop(columns=[c for c in PLACE_COLUMNS if c in layer.columns])
    at = list(out.columns).index(out.geometry.name)
    for offset, column in enumerate(PLACE_COLUMNS):
        out.insert(at + offset, column, places[column].to_numpy())
    return out
