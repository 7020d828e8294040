"""A patrol plan: patrol lines, posts and stops as layers, with per-zone and overall figures."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from zones.columns import WGS84
from zones.report import Issue

PATROL_COLUMNS = ["zone_id", "length_m", "minutes", "drive_minutes", "stops", "approximate"]
PLACE_COLUMNS = ["village_id", "village_name", "road_name"]  # zones.patrol.places
POST_COLUMNS = ["zone_id", "hours", "incidents", "approximate", *PLACE_COLUMNS]
STOP_COLUMNS = [
    "zone_id",
    "kind",
    "ref",
    "incidents",
    "dwell_minutes",
    "order",
    "status",
    "reason",
    *PLACE_COLUMNS,
]


@dataclass(frozen=True)
class PatrolPlan:
    """Patrol lines, posts and stops (EPSG:4326), per-zone figures and overall metrics.

    Attributes
    ----------
    patrols
        One closed LineString per zone that has one: ``zone_id``, ``length_m``, ``minutes``
        (driving plus stops), ``drive_minutes``, ``stops``, ``approximate``.
    posts
        Points: ``zone_id``, ``hours`` (``"07:00-09:00,17:00-19:00"``), ``incidents`` (peak
        incidents within the radius), ``approximate``, and where it is: ``village_id``,
        ``village_name`` (the village it lies in) and ``road_name`` (the named road at it, or
        ``""``; :mod:`zones.patrol.places`).
    stops
        Every candidate stop: ``zone_id``, ``kind`` (base/hotspot/room), ``ref`` (village id or
        ``station``), ``incidents``, ``dwell_minutes``, ``order`` (0 = base; -1 = left out),
        ``status`` (visited/dropped), ``reason`` when dropped: ``budget`` (does not fit),
        ``no_road`` (no road leads there and back) or ``far`` (a room farther from the loop
        than the rooms offered to the router); ``village_id``, ``village_name`` and
        ``road_name`` as for posts (a room's own village).
    zones
        Per zone (index ``zone_id``): ``patrol_length_m``, ``patrol_minutes``, ``patrol_stops``,
        ``patrol_dropped``, ``patrol_coverage``, ``post_coverage``, ``posts``,
        ``offpeak_incidents``, ``peak_incidents``, ``base_median_m``, ``base_p90_m``,
        ``base_max_m``.
    metrics, warnings
        Overall figures and issues (layer ``patrol``).
    """

    patrols: gpd.GeoDataFrame
    posts: gpd.GeoDataFrame
    stops: gpd.GeoDataFrame
    zones: pd.DataFrame
    metrics: dict[str, object]
    warnings: tuple[Issue, ...]


def empty_patrol_plan() -> PatrolPlan:
    """A plan without posts or patrol lines (patrol planning switched off)."""
    return PatrolPlan(
        frame([], PATROL_COLUMNS, WGS84),
        frame([], POST_COLUMNS, WGS84),
        frame([], STOP_COLUMNS, WGS84),
        pd.DataFrame(),
        {},
        (),
    )


def frame(rows: list[dict], columns: list[str], crs: object) -> gpd.GeoDataFrame:
    """Rows (each with a ``geometry`` in ``crs``) as a layer in EPSG:4326."""
    if not rows:
        layer = gpd.GeoDataFrame(
            {c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=crs), crs=crs
        )
    else:
        layer = gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)
    return layer.to_crs(WGS84)
