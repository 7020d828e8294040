"""Updating the patrol lines after hand edits: plan them again for the edited zones only.

A hand move (:func:`zones.plan.edits.move_villages`) leaves the patrol lines and posts of the
zones it changed drawn for their old shape, and lists those zones
(:func:`zones.plan.choices.stale_zones`, warning ``edit_patrols_stale``).
:func:`refresh_patrols` runs :func:`zones.patrol.plan_patrols` on those zones alone, with the
plan's own patrol settings, and merges the result into the plan: their rows of the ``patrols``,
``posts`` and ``stops`` layers and their patrol figures in the ``zones`` layer are replaced, every
other zone's are kept as they were. The zones' road distances from their centre village
(:mod:`zones.plan.reach`), which a hand edit leaves missing, are measured again.

The plan-wide patrol figures are recomputed from the merged layers and zone figures. The base
distances (from each zone's base to its incidents) are not kept by a plan: they are measured again
for every zone as the patrol planner does, on the roads near the zone and then the whole network
(:func:`zones.patrol.figures.base_distances`), which gives the figures of a full re-plan except
where a loop had to be routed on the whole network.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection
from types import SimpleNamespace
from typing import cast

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.ids import natural_sorted
from zones.model import Scenario
from zones.patrol.figures import base_distances, plan_metrics
from zones.patrol.inputs import read_inputs
from zones.patrol.issues import base_unreachable, patrol_warnings
from zones.patrol.lines import BUDGET_MINUTES, RADIUS_M, STOP_MINUTES, PatrolPlan, plan_patrols
from zones.patrol.loops import Loop, zone_roads
from zones.patrol.roads import build_road_graph
from zones.patrol.stops import find_base
from zones.plan.choices import PATROLS_DRAWN, stale_zones
from zones.plan.comparison import current_labels, zone_ids
from zones.plan.edits import LAYER, EditError
from zones.plan.reach import road_reach
from zones.report import Issue, format_ids
from zones.staffing.matching import DEFAULT_DETOUR
from zones.zoning.polygons import ZONE_ID
from zones.zoning.result import ZoningResult

STALE_CODE = "edit_patrols_stale"
# zone-level patrol warnings recomputed from the merged layers (the others are about the whole
# station: roads, peak windows, and stay as they were)
_ZONE_CODES = (
    "patrol_approximate",
    "patrol_no_roads_in_zone",
    "patrol_stops_dropped",
    "patrol_unreachable",
    "patrol_none",
)

__all__ = ["refresh_patrols"]


def refresh_patrols(
    scenario: Scenario,
    plan,
    zones: Collection[str] | None = None,
    *,
    progress: Callable[[float, str], None] | None = None,
):
    """Return a new plan with the patrol lines and posts of ``zones`` planned again.

    Parameters
    ----------
    scenario
        The scenario the plan was made from (its roads, incidents and station).
    plan
        The plan after hand edits; not modified.
    zones
        Zone ids to plan again; default the zones edited since their lines were drawn
        (:func:`zones.plan.choices.stale_zones`).
    progress
        Called as ``progress(fraction, message)``.

    Returns
    -------
    Plan
        With those zones' patrol rows and figures replaced (module docstring), the road
        distances measured again, and the hand moves between updated zones no longer counted
        as stale (``settings["patrols_drawn_zones"]``; the ``edit_patrols_stale`` warning is
        gone, or names the zones still stale). The plan itself when there is nothing to
        update.

    Raises
    ------
    EditError
        For a zone the plan does not have, or a plan made without patrol planning.
    """
    if plan.settings.get("patrol") is False:
        raise EditError(code="edit.no_patrols")
    wanted = [str(z) for z in (stale_zones(plan) if zones is None else zones)]
    unknown = [z for z in wanted if z not in zone_ids(plan)]
    if unknown:
        known = format_ids(zone_ids(plan))
        raise EditError(code="edit.no_zone", zones=format_ids(unknown), known=known)
    if not wanted:
        return plan
    road = build_road_graph(scenario.roads, scenario.metric_crs) if len(scenario.roads) else None
    detour = float(plan.settings.get("detour_factor", DEFAULT_DETOUR))
    fresh = _plan_zones(scenario, plan, wanted, road, detour, progress)
    layers = {
        name: _merged(getattr(plan, name), getattr(fresh, name), wanted, zone_ids(plan))
        for name in ("patrols", "posts", "stops")
    }
    zones_layer = _zone_figures(plan.zones, fresh.zones, wanted)
    distances = _base_distances(scenario, plan, road, detour)
    metrics = _metrics(plan, zones_layer, layers, distances)
    warnings = _warnings(plan, fresh, zones_layer, layers, road, wanted, metrics)
    record = dict(plan.settings)
    now = current_labels(plan)
    drawn = plan.settings.get(PATROLS_DRAWN) or {}
    left = {v: z for v, z in drawn.items() if not {z, now.get(v)} <= set(wanted)}
    record[PATROLS_DRAWN] = left
    if not left:
        record.pop(PATROLS_DRAWN)
    refreshed = dataclasses.replace(
        plan, zones=zones_layer, metrics=metrics, warnings=warnings, settings=record, **layers
    )
    stale_left = stale_zones(refreshed)
    if stale_left:
        issue = Issue("warning", LAYER, None, STALE_CODE, {"zones": format_ids(stale_left)})
        refreshed = dataclasses.replace(refreshed, warnings=(*refreshed.warnings, issue))
    return _road_reach_again(refreshed, scenario, road, detour)


def _plan_zones(
    scenario: Scenario,
    plan,
    wanted: list[str],
    road,
    detour: float,
    progress: Callable[[float, str], None] | None,
) -> PatrolPlan:
    """:func:`zones.patrol.plan_patrols` on the ``wanted`` zones, with the plan's settings."""
    settings = plan.settings
    return plan_patrols(
        plan.zones[plan.zones[ZONE_ID].astype(str).isin(wanted)],
        plan.villages,
        scenario.incidents,
        plan.rooms,
        scenario.station,
        road,
        crs=scenario.metric_crs,
        peak_hours=settings.get("peak_hours") or None,
        budget_minutes=float(settings.get("patrol_budget_minutes", BUDGET_MINUTES)),
        stop_minutes=float(settings.get("patrol_stop_minutes", STOP_MINUTES)),
        radius_m=float(settings.get("patrol_radius_m", RADIUS_M)),
        detour=detour,
        progress=progress,
        roads=scenario.roads,
    )


def _merged(
    old: gpd.GeoDataFrame | None, new: gpd.GeoDataFrame, wanted: list[str], order: list[str]
) -> gpd.GeoDataFrame:
    """``old`` without the rows of the ``wanted`` zones, plus ``new``'s, in zone order."""
    new = new.to_crs(old.crs) if old is not None and old.crs is not None else new
    if old is None or not len(old):
        merged = new
    else:
        kept = old[~old[ZONE_ID].astype(str).isin(wanted)]
        merged = pd.concat([kept, new], ignore_index=True) if len(new) else kept
    position = {z: i for i, z in enumerate(order)}
    rank = merged[ZONE_ID].astype(str).map(position).fillna(len(order)).to_numpy()
    merged = merged.iloc[np.argsort(rank, kind="stable")].reset_index(drop=True)
    return gpd.GeoDataFrame(merged, geometry=merged.geometry.name, crs=new.crs)


def _zone_figures(zones: gpd.GeoDataFrame, table: pd.DataFrame, wanted: list[str]):
    """The zones layer with the patrol figures of the ``wanted`` zones from ``table``."""
    out = zones.copy()
    rows = out[ZONE_ID].astype(str)
    hit = rows.isin(wanted).to_numpy()
    for column in table.columns:
        values = table[column].reindex(rows[hit]).to_numpy()
        if column not in out.columns:
            out.insert(len(out.columns) - 1, column, np.nan)
        column_values = out[column].to_numpy().copy()
        if column_values.dtype.kind in "iub" and pd.isna(values).any():
            column_values = column_values.astype(float)
        column_values[hit] = values
        out[column] = column_values
    return out


def _metrics(plan, zones, layers: dict, distances: np.ndarray) -> dict:
    """The plan-wide patrol figures of the merged plan (module docstring)."""
    table = pd.DataFrame(zones.drop(columns=zones.geometry.name)).set_index(ZONE_ID)
    stops = layers["stops"].copy()
    if not len(stops):
        stops = pd.DataFrame(columns=["status", "reason"])
    figures = plan_metrics(table, [distances], (), "", layers["patrols"], layers["posts"], stops)
    keep = ("peak_windows", "peak_source")  # found in every incident: the same as before
    figures = {k: v for k, v in figures.items() if k not in keep}
    patrols = layers["patrols"]
    approximate = patrols["approximate"].astype(bool) if "approximate" in patrols else []
    figures["patrol_approximate"] = bool(np.any(approximate))
    return {**plan.metrics, **figures}


def _base_distances(scenario: Scenario, plan, road, detour: float) -> np.ndarray:
    """Every incident's distance (m) from its zone's base, as the patrol planner measures it."""
    found = read_inputs(
        plan.zones,
        plan.villages,
        scenario.incidents,
        plan.rooms,
        scenario.station,
        road,
        crs=scenario.metric_crs,
        peak_hours=plan.settings.get("peak_hours") or None,
    )
    out = []
    for z, poly in enumerate(found.polys):
        mine = np.flatnonzero(found.inc_zone == z)
        my_rooms = np.flatnonzero(found.room_zone == z)
        base_xy = find_base(
            poly, found.station_xy, found.room_xy, found.room_ids, my_rooms, found.inc_xy[mine]
        )[0]
        nodes_in = np.flatnonzero(found.node_zone == z) if road is not None else np.empty(0)
        roads = zone_roads(road, poly, nodes_in) if road is not None and len(nodes_in) else None
        # base_distances reads only the graph the loop was routed on: the roads near the zone
        routed = cast(Loop, SimpleNamespace(road=roads.local if roads is not None else None))
        out.append(base_distances(base_xy, found.inc_xy[mine], poly, roads, routed, detour))
    return np.concatenate(out) if out else np.empty(0)


def _warnings(
    plan, fresh: PatrolPlan, zones, layers: dict, road, wanted: list[str], metrics: dict
) -> tuple:
    """The plan's warnings with the stale-lines one gone and the zone-level patrol ones made
    again from the merged plan (and those the updated zones' planning raised about them)."""
    table = pd.DataFrame(zones.drop(columns=zones.geometry.name)).set_index(ZONE_ID)
    patrols = layers["patrols"]
    approximate = natural_sorted(
        set(patrols.loc[patrols.get("approximate", False).astype(bool), ZONE_ID].astype(str))
    )
    budget = float(plan.settings.get("patrol_budget_minutes", BUDGET_MINUTES))
    redone = patrol_warnings(road, approximate, (), "manual", 0, layers["stops"], table, budget)
    redone = [w for w in redone if w.code in _ZONE_CODES]
    unreachable = int(metrics.get("base_unreachable") or 0)
    if unreachable:
        redone.append(base_unreachable(unreachable))
    stopped = [w for w in fresh.warnings if w.code == "patrol_time_limit"]
    kept = [
        w
        for w in plan.warnings
        if not (w.layer == LAYER and w.code == STALE_CODE)
        and not (w.layer == "patrol" and w.code in (*_ZONE_CODES, "base_unreachable"))
    ]
    return tuple(kept + redone + stopped)


def _road_reach_again(plan, scenario: Scenario, road, detour: float):
    """``plan`` with every zone's road distance from its centre village measured again."""
    if road is None or "centre_village" not in plan.zones:
        return plan
    labels = current_labels(plan)
    table = pd.DataFrame(plan.zones.drop(columns=plan.zones.geometry.name))
    zoning = SimpleNamespace(  # what road_reach reads of a zoning result
        labels=labels,
        zones=table.set_index(table[ZONE_ID].astype(str)),
        workload=pd.to_numeric(plan.villages.get("workload"), errors="coerce"),
    )
    villages = scenario.villages.loc[labels.index]
    reach, metrics = road_reach(
        road, villages, cast(ZoningResult, zoning), crs=scenario.metric_crs, detour=detour
    )
    zones = plan.zones.copy()
    for column in reach.columns:
        values = reach[column].reindex(zones[ZONE_ID].astype(str)).to_numpy()
        if column in zones.columns:
            zones[column] = values
        else:
            zones.insert(len(zones.columns) - 1, column, values)
    return dataclasses.replace(plan, zones=zones, metrics={**plan.metrics, **metrics})
