"""The patrol planner's inputs in the metric CRS: zones, incidents (where, when, which zone),
village police rooms and their zones, the station, and the zone of every road node."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.patrol.peaks import PeakWindow, busy_weekdays, in_windows, minute_of_day
from zones.patrol.roads import RoadGraph
from zones.patrol.settings import resolve_windows
from zones.zoning.polygons import ZONE_ID


@dataclass
class PatrolInputs:
    """Everything :func:`zones.patrol.plan_patrols` reads, as arrays in metric coordinates.

    Incidents are one row each, aligned to ``minutes`` (NaN for an untimed incident) and
    ``zone`` (-1 for one outside every zone, or without a point geometry).
    """

    zone_ids: np.ndarray
    polys: np.ndarray
    inc_xy: np.ndarray
    minutes: np.ndarray  # minute of the day of each incident
    peak: np.ndarray  # whether each incident falls in a peak window
    inc_zone: np.ndarray
    windows: tuple[PeakWindow, ...]
    source: str  # where the windows come from: manual, incidents or default
    weekdays: tuple[int, ...]  # ISO weekdays busier than the others
    room_xy: np.ndarray
    room_ids: np.ndarray
    room_zone: np.ndarray
    station_xy: np.ndarray | None
    node_zone: np.ndarray  # zone of each road node (empty without roads)


def read_inputs(
    zones: gpd.GeoDataFrame,
    villages: gpd.GeoDataFrame,
    incidents: gpd.GeoDataFrame | None,
    rooms: gpd.GeoDataFrame,
    station: gpd.GeoDataFrame | None,
    road: RoadGraph | None,
    *,
    crs: object,
    peak_hours: str | tuple[PeakWindow, ...] | None,
) -> PatrolInputs:
    """The inputs of :func:`zones.patrol.plan_patrols` in ``crs``, each with its zone."""
    zones_m = zones.to_crs(crs)
    zone_ids = zones_m[ZONE_ID].astype(str).to_numpy()
    polys = zones_m.geometry.values
    if incidents is not None and len(incidents):
        inc = incidents.to_crs(crs)
        points = inc.geometry.values
        inc_xy = np.c_[shapely.get_x(points), shapely.get_y(points)]
        times = inc[C.TIME] if C.TIME in inc else pd.Series(pd.NaT, index=inc.index)
    else:
        inc_xy = np.empty((0, 2))
        times = pd.Series([], dtype="datetime64[ns]")
    windows, source = resolve_windows(peak_hours, times)
    # weekdays need no clock time: incidents recorded with a date only count too
    dated = incidents is not None and len(incidents) and "date" in incidents
    weekdays = busy_weekdays(inc["date"] if dated else times)
    minutes = minute_of_day(times)
    room_xy, room_ids, room_zone = _rooms(villages, rooms, zone_ids, crs)
    station_xy = None
    if station is not None and len(station):
        station_xy = shapely.get_coordinates(station.to_crs(crs).geometry.values[:1])[0]
    node_zone = zone_of(polys, road.xy) if road is not None else np.empty(0, dtype=np.int64)
    return PatrolInputs(
        zone_ids=zone_ids,
        polys=polys,
        inc_xy=inc_xy,
        minutes=minutes,
        peak=in_windows(minutes, windows),
        inc_zone=zone_of(polys, inc_xy),
        windows=windows,
        source=source,
        weekdays=weekdays,
        room_xy=room_xy,
        room_ids=room_ids,
        room_zone=room_zone,
        station_xy=station_xy,
        node_zone=node_zone,
    )


def _rooms(
    villages: gpd.GeoDataFrame, rooms: gpd.GeoDataFrame, zone_ids: np.ndarray, crs: object
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rooms' points, village ids and zone numbers (-1 for a village in no zone)."""
    zone_number = {z: i for i, z in enumerate(zone_ids)}
    village_zone = villages.set_index(C.VILLAGE_ID)[ZONE_ID].astype(str)
    rooms_m = rooms.to_crs(crs)
    room_xy = shapely.get_coordinates(rooms_m.geometry.values)
    room_ids = rooms_m[C.VILLAGE_ID].astype(str).to_numpy()
    room_zone = np.array(
        [zone_number.get(village_zone.get(v), -1) for v in room_ids], dtype=np.int64
    )
    return room_xy, room_ids, room_zone


def zone_of(polys: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Zone number of each metric point (-1 outside every zone; the first zone on borders)."""
    out = np.full(len(xy), -1, dtype=np.int64)
    if not len(xy) or not len(polys):
        return out
    tree = shapely.STRtree(polys)
    point_pos, zone_pos = tree.query(shapely.points(xy), predicate="intersects")
    order = np.lexsort((zone_pos, point_pos))[::-1]  # smallest zone number written last
    out[point_pos[order]] = zone_pos[order]
    return out
