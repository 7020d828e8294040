"""A zone's patrol line as an officer follows it: the stops in visiting order, how far along the
line each one is and about when it is reached."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.ops import substring

from zones.zoning.polygons import ZONE_ID

ALONG_M = "along_m"
ARRIVE_MINUTES = "arrive_minutes"

__all__ = ["ALONG_M", "ARRIVE_MINUTES", "itinerary"]


def itinerary(
    stops: gpd.GeoDataFrame,
    patrols: gpd.GeoDataFrame,
    zone_id: str,
    *,
    crs: object,
) -> gpd.GeoDataFrame:
    """The visited stops of one zone's patrol line in order, with distance and time from the
    start.

    Parameters
    ----------
    stops
        The plan's stops layer (``zone_id``, ``order``, ``status``, and ``dwell_minutes``
        when known; any CRS).
    patrols
        The plan's patrol lines (``zone_id``, and ``drive_minutes`` when known; any CRS): the
        zone's line starts and ends at its base (order 0).
    zone_id
        The zone.
    crs
        A metric CRS in which lengths are measured.

    Returns
    -------
    geopandas.GeoDataFrame
        The zone's visited stops sorted by ``order`` (a copy), with ``along_m``: metres along
        the line from the base to the stop (each stop found on the line after the one before
        it), and ``arrive_minutes``: about when it is reached, the line's driving minutes shared
        out by distance plus the minutes spent at the stops before it. Both are NaN when the
        zone has no line. Empty when the zone has no visited stops.
    """
    mine = stops[(stops[ZONE_ID].astype(str) == str(zone_id)) & (stops["status"] == "visited")]
    out = mine.sort_values("order", kind="stable").copy()
    out[ALONG_M] = np.nan
    out[ARRIVE_MINUTES] = np.nan
    line_rows = patrols[patrols[ZONE_ID].astype(str) == str(zone_id)]
    if not len(out) or not len(line_rows):
        return out
    first = line_rows.to_crs(crs).geometry.iloc[0]
    if first is None or first.is_empty:
        return out
    geoms = [first]
    line = shapely.line_merge(geoms[0]) if geoms[0].geom_type != "LineString" else geoms[0]
    if line.geom_type != "LineString":
        return out
    length = float(line.length)
    along: list[float] = []
    done = 0.0
    for point in np.asarray(out.to_crs(crs).geometry.array, dtype=object):
        if not along:  # the base: where the line starts
            along.append(0.0)
            continue
        rest = substring(line, done, length)
        step = float(rest.project(point)) if rest.length > 0 else 0.0
        done = min(done + step, length)
        along.append(done)
    drive = pd.to_numeric(line_rows.get("drive_minutes", np.nan), errors="coerce")
    drive = drive.iloc[0] if isinstance(drive, pd.Series) else drive
    dwell = pd.to_numeric(out.get("dwell_minutes", 0.0), errors="coerce")
    dwell = np.broadcast_to(np.nan_to_num(np.asarray(dwell, dtype=float)), (len(out),))
    before = np.concatenate([[0.0], np.cumsum(dwell)[:-1]])
    out[ALONG_M] = along
    if pd.notna(drive) and length > 0:
        out[ARRIVE_MINUTES] = np.asarray(along) / length * float(drive) + before
    return out
