"""Compactness in travel terms by road: the workload-weighted mean road distance from each
zone's centre village (:mod:`zones.zoning.reach`) to the zone's villages.

Road distances come from the plan's road graph (:meth:`zones.patrol.roads.RoadGraph.distances_m`:
shortest paths ignoring one-way rules, plus the straight access legs from each village's
representative point to its nearest road node), the same distances the auxiliaries are matched
by. A village that no road joins to its zone's centre (another piece of the network) counts as
straight line × the plan's detour factor (:data:`zones.staffing.matching.DEFAULT_DETOUR`, 1.3 by
default, domain notes §1.4), and is counted in ``road_distance_fallbacks``, never hidden.

A hand edit (:func:`zones.plan.edits.move_villages`) has no road graph: the road figures of
the zones it changes become missing and the station's are dropped
(:func:`forget_road_reach`), while the straight-line figures are recomputed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.patrol.roads import RoadGraph
from zones.staffing.matching import DEFAULT_DETOUR, village_points
from zones.zoning.polygons import ZONE_ID
from zones.zoning.reach import zone_means
from zones.zoning.result import ZoningResult

SOURCES_AT_ONCE = 8  # zone centres routed together (one shortest-path table row per centre)
ROAD_COLUMNS = ("road_distance_km", "road_distance_fallbacks")  # per zone
ROAD_METRICS = ("mean_road_distance_km", "road_distance_fallbacks")  # over the station


def road_distances(
    road: RoadGraph,
    xy: np.ndarray,
    labels: np.ndarray,
    centre: np.ndarray,
    detour: float = DEFAULT_DETOUR,
) -> tuple[np.ndarray, np.ndarray]:
    """Road distance (m) from each village's zone centre to the village.

    Parameters
    ----------
    road
        The road graph (metric, the CRS of ``xy``).
    xy
        ``(n, 2)`` metric points of the villages.
    labels
        Per village, its zone 0…k−1.
    centre
        Per zone, the row of its centre village (−1 for a zone without villages).
    detour
        Where no road joins a village to its centre: straight line × ``detour``.

    Returns
    -------
    (distance_m, fallback)
        Per village, the distance (0 for the centre itself) and whether it is the straight-line
        fallback.
    """
    xy = np.asarray(xy, dtype=float)
    labels = np.asarray(labels, dtype=np.int64)
    distance = np.zeros(len(xy))
    zones = np.flatnonzero(np.asarray(centre) >= 0)
    for start in range(0, len(zones), SOURCES_AT_ONCE):
        batch = zones[start : start + SOURCES_AT_ONCE]
        members = np.flatnonzero(np.isin(labels, batch))
        table = road.distances_m(xy[centre[batch]], xy[members])
        row = np.searchsorted(batch, labels[members])
        distance[members] = table[row, np.arange(len(members))]
    distance[centre[zones]] = 0.0
    fallback = ~np.isfinite(distance)
    straight = np.hypot(*(xy - xy[np.maximum(centre, 0)[labels]]).T)
    distance[fallback] = straight[fallback] * detour
    return distance, fallback


def road_reach(
    road: RoadGraph,
    villages: gpd.GeoDataFrame,
    zoning: ZoningResult,
    *,
    crs: object,
    detour: float = DEFAULT_DETOUR,
) -> tuple[pd.DataFrame, dict[str, object]]:
    """Per zone and over the station, the workload-weighted mean road distance from the zone's
    centre village (``zoning.zones["centre_village"]``) to its villages.

    Parameters
    ----------
    road
        The plan's road graph (in ``crs``).
    villages
        The scenario's villages (indexed by village id, as ``zoning.labels``).
    zoning
        The plan's zoning (labels, zone table with ``centre_village``, workload).
    crs
        The metric CRS of the road graph (the scenario's ``metric_crs``).
    detour
        The straight-line fallback's factor.

    Returns
    -------
    (table, metrics)
        ``table`` indexed like ``zoning.zones``: ``road_distance_km`` and
        ``road_distance_fallbacks`` (villages measured straight × ``detour``); ``metrics``:
        ``mean_road_distance_km`` and ``road_distance_fallbacks``.
    """
    xy = village_points(villages, crs).to_numpy()
    names = list(zoning.zones.index)
    code = {z: i for i, z in enumerate(names)}
    labels = zoning.labels.reindex(villages.index).map(code).to_numpy(dtype=np.int64)
    centre = villages.index.get_indexer(zoning.zones["centre_village"])
    distance, fallback = road_distances(road, xy, labels, centre, detour)
    workload = zoning.workload if zoning.workload is not None else pd.Series(1.0, villages.index)
    weights = workload.reindex(villages.index).fillna(0).to_numpy(dtype=float)
    mean, station = zone_means(distance, labels, weights, len(names))
    table = pd.DataFrame(
        {
            "road_distance_km": mean / 1e3,
            "road_distance_fallbacks": np.bincount(
                labels, weights=fallback, minlength=len(names)
            ).astype("int64"),
        },
        index=zoning.zones.index,
    )
    metrics: dict[str, object] = {
        "mean_road_distance_km": station / 1e3,
        "road_distance_fallbacks": int(fallback.sum()),
    }
    return table, metrics


def forget_road_reach(
    zones: gpd.GeoDataFrame, metrics: Mapping[str, object], touched: Collection[str]
) -> tuple[gpd.GeoDataFrame, dict[str, object]]:
    """After a hand edit (no road graph at hand): the road figures of the ``touched`` zones
    (by ``zone_id``) become missing, and the station's road figures are dropped; the rest stay
    (an edit that changes no zone changes nothing).

    Returns
    -------
    (zones, metrics)
        New objects; the inputs are not changed.
    """
    if not touched:
        return zones, dict(metrics)
    metrics = {key: value for key, value in metrics.items() if key not in ROAD_METRICS}
    present = [c for c in ROAD_COLUMNS if c in zones.columns]
    if not present:
        return zones, metrics
    zones = zones.copy()
    hit = zones[ZONE_ID].astype(str).isin({str(z) for z in touched}).to_numpy()
    for column in present:
        zones[column] = zones[column].astype(float).where(~hit)
    return zones, metrics
