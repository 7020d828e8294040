"""The pipeline: a :class:`Plan` from a :class:`~zones.model.Scenario` (zones, heads,
auxiliaries, rooms, posts and patrol lines, and optionally the duty roster)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd

from zones import columns as C
from zones.errors import ZonePlannerError
from zones.model import Scenario
from zones.patrol.lines import (
    BUDGET_MINUTES,
    RADIUS_M,
    STOP_MINUTES,
    check_settings,
    empty_patrol_plan,
    plan_patrols,
)
from zones.patrol.peaks import parse_peak_windows
from zones.patrol.roads import build_road_graph
from zones.report import Issue, format_ids
from zones.staffing.heads_and_auxiliaries import (
    DEFAULT_DETOUR,
    assign_auxiliaries,
    assign_zone_heads,
    check_zone_heads,
)
from zones.staffing.rooms import site_rooms
from zones.zoning.facade import plan_zones
from zones.zoning.polygons import ZONE_ID, zone_polygons
from zones.zoning.workload import Workload, village_units

HEAD_OFFICER_ID = "head_officer_id"
AUX_OFFICER_ID = "aux_officer_id"
RESIDENTS_PER_HEAD = (3_000, 5_000)  # domain notes D3
HEAD_SHARE_MIN = 0.40  # domain notes D4
ROAD_DISTANCE_MAX_CELLS = 2_000_000  # road distances for auxiliaries up to this many pairs


@dataclass(frozen=True, eq=False)
class Plan:
    """A station's plan (DESIGN.md): zones, staffed villages, rooms, and how it was made.

    Attributes
    ----------
    zones
        One dissolved polygon per zone: ``zone_id``, ``head_officer_id``, workload figures,
        Polsby–Popper, ``population``.
    villages
        The input villages plus ``zone_id``, ``aux_officer_id``, ``aux_reason``
        (home/familiar/distance), ``aux_distance_km``, ``incidents`` and ``workload``.
    rooms
        One village police room per village: ``village_id``, ``name``, ``status``.
    patrols, posts
        Off-peak patrol lines (closed LineStrings: ``zone_id``, ``length_m``, ``minutes``,
        ``drive_minutes``, ``stops``, ``approximate``) and peak-hour posts (Points:
        ``zone_id``, ``hours``, ``incidents``, ``approximate``); see :mod:`zones.patrol.lines`.
    stops
        Every candidate patrol stop (base, hotspots, rooms) with its visit order, or why it
        was left out of the loop (``budget``: does not fit; ``no_road``: on another piece of
        the road network; ``far``: a room farther from the loop than the rooms tried).
    jurisdiction, station, incidents, officers
        The scenario's layers the plan was made from, carried along so maps and exports need
        nothing else (officers hold the personal fields; maps show them only in the internal
        profile).
    roster
        The duty roster (empty until the roster planner runs).
    pool
        Spare auxiliary officers (ids), for the station to deploy.
    moves
        With a previous map: every village that changed zone, and why.
    metrics, warnings, settings
        Key figures; issues (layer ``zones``/``staffing``); every parameter and the seed.
    """

    zones: gpd.GeoDataFrame
    villages: gpd.GeoDataFrame
    rooms: gpd.GeoDataFrame
    patrols: gpd.GeoDataFrame
    posts: gpd.GeoDataFrame
    roster: pd.DataFrame
    pool: pd.Index
    moves: pd.DataFrame
    metrics: Mapping[str, object]
    warnings: tuple[Issue, ...]
    settings: Mapping[str, object] = field(default_factory=dict)
    name: str = ""
    jurisdiction: gpd.GeoDataFrame | None = None
    station: gpd.GeoDataFrame | None = None
    incidents: gpd.GeoDataFrame | None = None
    officers: gpd.GeoDataFrame | None = None
    stops: gpd.GeoDataFrame | None = None


DUTY_RESERVE = 9  # sworn officers kept for the daily 1+3+2 duty with rest days (6 × 7/5 ≈ 9)


def suggest_zones(scenario: Scenario) -> int:
    """A starting number of zones from the guidelines (domain notes D3, D4).

    Residents / 5,000 (the rural ceiling per zone head), kept between 40% of the sworn officers
    (the floor for community posts) and the available sworn officers less a reserve of
    ``DUTY_RESERVE`` for the daily duty; never more than the villages, never fewer than 1.
    """
    population = int(scenario.villages[C.POPULATION].fillna(0).sum())
    police = scenario.police
    sworn = len(police)
    available = int(police[C.AVAILABLE].astype(bool).sum()) if sworn else 0
    guess = round(population / RESIDENTS_PER_HEAD[1])
    upper = max(1, available - DUTY_RESERVE) if available else len(scenario.villages)
    lower = int(np.ceil(HEAD_SHARE_MIN * sworn))
    k = min(max(guess, lower), upper, len(scenario.villages))
    return int(max(1, k))


def _issue(issues: list[Issue], code: str, feature: str | None = None, **params: object) -> None:
    issues.append(Issue("warning", "staffing", feature, code, params))


def make_plan(
    scenario: Scenario,
    *,
    n_zones: int | None = None,
    workload: Workload | None = None,
    tolerance: float = 0.05,
    seed: int = 0,
    nest_within: str | None = None,
    locked: pd.Series | Mapping[Hashable, Hashable] | None = None,
    previous: pd.Series | None = None,
    detour_factor: float = DEFAULT_DETOUR,
    roster_start: str | None = None,
    roster_days: int = 28,
    patrol: bool = True,
    peak_hours: str | None = None,
    patrol_budget_minutes: float = BUDGET_MINUTES,
    patrol_stop_minutes: float = STOP_MINUTES,
    patrol_radius_m: float = RADIUS_M,
    progress: Callable[[float, str], None] | None = None,
) -> Plan:
    """Plan a station: zones, a zone head per zone, an auxiliary per village, a room per village.

    Parameters
    ----------
    scenario
        Validated inputs (:func:`zones.read_scenario`).
    n_zones
        Number of zones; default :func:`suggest_zones`.
    workload
        Village workload (see :func:`zones.zoning.facade.plan_zones`); default incidents when the
        scenario has any, else population.
    tolerance, seed, nest_within, locked, previous
        As in :func:`zones.zoning.facade.plan_zones`.
    detour_factor
        Road distance ≈ straight line × this, where roads are missing or the station is too
        large for road distances.
    roster_start, roster_days
        When ``roster_start`` (ISO date) is given, also plan the daily 1+3+2 duty roster for
        ``roster_days`` days (:func:`zones.plan_roster`), keeping the plan's zone heads
        free on some days for their zones; days that cannot be fully staffed are flagged in
        the plan's warnings rather than raised.
    patrol
        Plan peak-hour posts and off-peak patrol lines (:func:`zones.patrol.plan_patrols`);
        their coverage figures join the metrics and the zones layer.
    peak_hours
        Peak windows as text (``"07:30-09:00,17:00-19:00"``); default: found in the
        incidents' times.
    patrol_budget_minutes, patrol_stop_minutes, patrol_radius_m
        Time for one patrol loop, time at each hotspot (10–16 min), coverage radius.

    Raises
    ------
    zones.errors.ZonePlannerError
        When ``n_zones`` is not a whole number of at least 1.
    zones.staffing.heads_and_auxiliaries.StaffingError
        When fewer sworn officers are available than zones.
    zones.zoning.facade.ZoningError
        When the zoning request cannot be met.
    zones.patrol.lines.PatrolError, zones.patrol.peaks.PeakHoursError
        For patrol settings that cannot be used.
    """
    report = progress or (lambda fraction, message: None)
    if patrol:  # settings errors before the long work
        check_settings(patrol_budget_minutes, patrol_stop_minutes, patrol_radius_m)
        if isinstance(peak_hours, str):
            parse_peak_windows(peak_hours)
    units = village_units(scenario)
    if workload is None:
        workload = C.INCIDENT_COUNT if units[C.INCIDENT_COUNT].sum() > 0 else C.POPULATION
    whole = isinstance(n_zones, int | np.integer) and not isinstance(n_zones, bool)
    if n_zones is not None and not (whole and n_zones >= 1):
        msg = f"n_zones must be a whole number of at least 1 (got {n_zones!r}); or None to suggest"
        raise ZonePlannerError(msg)
    k = int(n_zones) if n_zones is not None else suggest_zones(scenario)
    check_zone_heads(scenario.officers, k)  # before the long work
    zoning = plan_zones(
        units,
        k,
        workload=workload,
        tolerance=tolerance,
        seed=seed,
        nest_within=nest_within,
        locked=locked,
        previous=previous,
        progress=lambda f, m: report(0.8 * f, m),
    )
    issues = list(zoning.warnings)
    labels = zoning.labels
    load = zoning.workload
    report(0.8, "zone heads")
    heads = assign_zone_heads(
        labels,
        scenario.villages,
        scenario.officers,
        load,
        crs=scenario.metric_crs,
        detour=detour_factor,
    )
    report(0.85, "auxiliaries")
    n_pairs = len(scenario.villages) * max(len(scenario.auxiliaries), 1)
    use_roads = len(scenario.roads) and (patrol or n_pairs <= ROAD_DISTANCE_MAX_CELLS)
    road = build_road_graph(scenario.roads, scenario.metric_crs) if use_roads else None
    aux = assign_auxiliaries(
        scenario.villages,
        scenario.officers,
        load,
        crs=scenario.metric_crs,
        road=road if n_pairs <= ROAD_DISTANCE_MAX_CELLS else None,
        detour=detour_factor,
    )
    report(0.95, "rooms")
    rooms = site_rooms(scenario.villages, scenario.rooms, scenario.roads, crs=scenario.metric_crs)

    villages = scenario.villages.copy()
    villages[ZONE_ID] = labels.astype(str)
    villages[C.INCIDENT_COUNT] = units[C.INCIDENT_COUNT]
    villages["workload"] = load
    for column in ("aux_officer_id", "aux_reason", "aux_distance_km"):
        villages[column] = aux.villages[column]
    villages["room_status"] = rooms["status"]
    villages = villages[[c for c in villages.columns if c != "geometry"] + ["geometry"]]

    zones_layer = zone_polygons(units, zoning)
    zones_layer[HEAD_OFFICER_ID] = heads[HEAD_OFFICER_ID].reindex(zoning.zones.index).to_numpy()
    zones_layer["head_known_villages"] = (
        heads["head_known_villages"].reindex(zoning.zones.index).to_numpy()
    )
    zones_layer["head_distance_km"] = (
        heads["head_distance_km"].reindex(zoning.zones.index).to_numpy()
    )
    population = units[C.POPULATION].fillna(0).groupby(labels).sum()
    zones_layer["population"] = population.reindex(zoning.zones.index).astype("int64").to_numpy()
    zones_layer = zones_layer[
        [
            ZONE_ID,
            HEAD_OFFICER_ID,
            *[c for c in zones_layer.columns if c not in (ZONE_ID, HEAD_OFFICER_ID, "geometry")],
            "geometry",
        ]
    ]

    _staffing_checks(issues, scenario, zones_layer, aux, k)
    metrics = {
        **zoning.metrics,
        "zone_heads": k,
        "sworn_officers": len(scenario.police),
        "villages": len(villages),
        "villages_staffed": int(villages["aux_officer_id"].notna().sum()),
        "auxiliaries_short": len(aux.unstaffed),
        "auxiliaries_spare": len(aux.pool),
        "aux_home": int((villages["aux_reason"] == "home").sum()),
        "aux_familiar": int((villages["aux_reason"] == "familiar").sum()),
        "rooms_existing": int((rooms["status"] == "existing").sum()),
        "rooms_new": int((rooms["status"] == "new").sum()),
        "aux_distance": "road"
        if road is not None and n_pairs <= ROAD_DISTANCE_MAX_CELLS
        else f"straight×{detour_factor}",
        "aux_solver": aux.solver,
    }
    settings = {
        **zoning.settings,
        "n_zones": k,
        "workload": workload,
        "detour_factor": detour_factor,
        "coord_source": scenario.settings.get("coord_source", "wgs84"),
    }
    roster = pd.DataFrame(columns=["date", "role", "officer_id"])
    if roster_start is not None:
        from zones.roster.roster import plan_roster

        report(0.97, "roster")
        roster = plan_roster(
            scenario.officers,
            roster_start,
            roster_days,
            zone_heads=list(zones_layer[HEAD_OFFICER_ID].dropna()),
            seed=seed,
            on_shortage="flag",
        )
        short = roster.attrs.get("shortages") or []
        if short:
            _issue(issues, "roster_short", n=len(short))
        settings["roster_start"] = str(roster_start)
        settings["roster_days"] = roster_days
    patrols = empty_patrol_plan()
    if patrol:
        report(0.98, "patrol")
        patrols = plan_patrols(
            zones_layer,
            villages,
            scenario.incidents,
            rooms,
            scenario.station,
            road,
            crs=scenario.metric_crs,
            peak_hours=peak_hours,
            budget_minutes=patrol_budget_minutes,
            stop_minutes=patrol_stop_minutes,
            radius_m=patrol_radius_m,
            detour=detour_factor,
            progress=lambda f, m: report(0.98 + 0.019 * f, m),
        )
        figures = patrols.zones.reindex(zones_layer[ZONE_ID].astype(str))
        for column in figures.columns:
            zones_layer.insert(len(zones_layer.columns) - 1, column, figures[column].to_numpy())
        metrics.update(patrols.metrics)
        issues.extend(patrols.warnings)
        settings.update(
            patrol=True,
            peak_hours=peak_hours,  # as given (None: found in the incidents)
            patrol_budget_minutes=patrol_budget_minutes,
            patrol_stop_minutes=patrol_stop_minutes,
            patrol_radius_m=patrol_radius_m,
        )
    else:
        settings["patrol"] = False
    report(1.0, "done")
    return Plan(
        zones=zones_layer.to_crs("EPSG:4326"),
        villages=villages,
        rooms=rooms,
        patrols=patrols.patrols,
        posts=patrols.posts,
        stops=patrols.stops,
        roster=roster,
        pool=aux.pool,
        moves=zoning.moves,
        metrics=metrics,
        warnings=tuple(issues),
        settings=settings,
        name=scenario.name,
        jurisdiction=scenario.jurisdiction,
        station=scenario.station,
        incidents=scenario.incidents,
        officers=scenario.officers,
    )


def _staffing_checks(
    issues: list[Issue], scenario: Scenario, zones_layer: gpd.GeoDataFrame, aux, k: int
) -> None:
    low, high = RESIDENTS_PER_HEAD
    outside = zones_layer[(zones_layer["population"] < low) | (zones_layer["population"] > high)]
    if len(outside):
        shown = [
            f"{z} ({p:,})" for z, p in zip(outside[ZONE_ID], outside["population"], strict=True)
        ]
        _issue(
            issues,
            "residents_per_head",
            n=len(outside),
            zones=format_ids(shown, 8),
            low=f"{low:,}",
            high=f"{high:,}",
        )
    sworn = len(scenario.police)
    if sworn and k / sworn < HEAD_SHARE_MIN:
        _issue(issues, "head_share_low", heads=k, sworn=sworn, pct=f"{k / sworn * 100:.0f}")
    if len(aux.unstaffed):
        _issue(issues, "aux_shortage", n=len(aux.unstaffed), ids=format_ids(aux.unstaffed))
    if len(aux.pool):
        _issue(issues, "aux_pool", n=len(aux.pool), ids=format_ids(aux.pool))
