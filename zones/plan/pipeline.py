"""The pipeline: a :class:`Plan` from a :class:`~zones.model.Scenario` (zones, heads,
auxiliaries, rooms, posts and patrol lines, and optionally the duty roster), made by the steps
of :mod:`zones.plan.steps` in order."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.columns import WGS84
from zones.errors import ZonePlannerError
from zones.model import Scenario
from zones.patrol.lines import BUDGET_MINUTES, RADIUS_M, STOP_MINUTES, check_settings
from zones.patrol.peaks import parse_peak_windows
from zones.plan.steps import (
    AUX_OFFICER_ID,
    HEAD_OFFICER_ID,
    HEAD_SHARE_MIN,
    RESIDENTS_PER_HEAD,
    ROAD_DISTANCE_MAX_CELLS,
    ROSTER_DAYS,
    STEPS,
    PlanSettings,
    Step,
    StepResult,
    run_steps,
    step_at,
)
from zones.plan.zone_count import DUTY_RESERVE, ZoneCountAdvice, zone_count_advice
from zones.report import Issue
from zones.staffing.heads import check_zone_heads
from zones.staffing.matching import DEFAULT_DETOUR
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.incident_minutes import check_category_minutes
from zones.zoning.workload import Workload

__all__ = [
    "HEAD_OFFICER_ID",
    "AUX_OFFICER_ID",
    "RESIDENTS_PER_HEAD",
    "HEAD_SHARE_MIN",
    "ROAD_DISTANCE_MAX_CELLS",
    "DUTY_RESERVE",
    "STEPS",
    "Step",
    "StepResult",
    "PlanSettings",
    "step_at",
    "Plan",
    "suggest_zones",
    "ZoneCountAdvice",
    "zone_count_advice",
    "make_plan",
]


@dataclass(frozen=True, eq=False)
class Plan:
    """A station's plan (DESIGN.md): zones, staffed villages, rooms, and how it was made.

    Attributes
    ----------
    zones
        One dissolved polygon per zone: ``zone_id``, ``head_officer_id``, workload figures,
        Polsby–Popper, ``population``, the centre village and the mean distance from it
        (``centre_village``, ``centre_distance_km``; with roads also ``road_distance_km`` and
        ``road_distance_fallbacks``, :mod:`zones.plan.reach`).
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


def suggest_zones(scenario: Scenario) -> int:
    """A starting number of zones from the guidelines (domain notes D3, D4).

    The fewest zones with at most 5,000 residents each (the rural ceiling per zone head), kept
    between 40% of the sworn officers (the floor for community posts) and the available sworn
    officers less a reserve of ``DUTY_RESERVE`` for the daily duty; never more than the villages,
    never fewer than 1. :func:`zones.plan.zone_count.zone_count_advice` gives the same count with
    its rule, cap and shortfall.
    """
    return zone_count_advice(scenario).suggested


def make_plan(
    scenario: Scenario,
    *,
    n_zones: int | None = None,
    workload: Workload | None = None,
    category_minutes: Mapping[str, float] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    seed: int = 0,
    nest_within: str | None = None,
    locked: pd.Series | Mapping[Hashable, Hashable] | None = None,
    previous: pd.Series | None = None,
    detour_factor: float = DEFAULT_DETOUR,
    roster_start: str | None = None,
    roster_days: int = ROSTER_DAYS,
    patrol: bool = True,
    peak_hours: str | None = None,
    patrol_budget_minutes: float = BUDGET_MINUTES,
    patrol_stop_minutes: float = STOP_MINUTES,
    patrol_radius_m: float = RADIUS_M,
    progress: Callable[[float, str], None] | None = None,
) -> Plan:
    """Plan a station: zones, a zone head per zone, an auxiliary per village, a room per village.

    The settings are checked first (before the long work), then the steps of
    :data:`zones.plan.steps.STEPS` run in order: zoning, zone heads, road graph, auxiliaries,
    rooms, roster, patrol.

    Parameters
    ----------
    scenario
        Validated inputs (:func:`zones.read_scenario`).
    n_zones
        Number of zones; default :func:`suggest_zones`.
    workload
        Village workload (see :func:`zones.zoning.facade.plan_zones`). Default ``None``: chosen
        by :func:`zones.zoning.workload_choice.choose_workload` (incidents weighed by minutes of
        work per category when they carry categories, blended with population when they are
        sparse or a village would outweigh a zone); the plan's settings hold the workload used
        (``workload``) and why (``workload_choice``), and its warnings a note
        (``workload_chosen``).
    category_minutes
        Minutes of work per incident category, over
        :data:`zones.zoning.incident_minutes.DEFAULT_CATEGORY_MINUTES` (an editable assumption);
        they make the villages' ``incident_minutes``, which the default workload balances when
        the incidents carry categories (``workload="incidents"`` stays plain counts).
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
    progress
        Called as ``progress(fraction, message)``: the step's name when a step starts (its
        share of the bar is its weight, see :func:`zones.plan.steps.step_at`), the step's own
        messages within it, and ``"done"`` at 1.

    Raises
    ------
    zones.errors.ZonePlannerError
        When ``n_zones`` is not a whole number of at least 1.
    zones.zoning.incident_minutes.CategoryMinutesError
        For a table of category minutes that cannot be used.
    zones.staffing.StaffingError
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
    whole = isinstance(n_zones, int | np.integer) and not isinstance(n_zones, bool)
    if n_zones is not None and not (whole and n_zones >= 1):
        raise ZonePlannerError(code="plan.n_zones", n_zones=repr(n_zones))
    if category_minutes is not None:
        category_minutes = check_category_minutes(category_minutes)
    k = int(n_zones) if n_zones is not None else suggest_zones(scenario)
    check_zone_heads(scenario.officers, k)  # before the long work
    settings = PlanSettings(
        n_zones=k,
        workload=workload,
        category_minutes=category_minutes,
        tolerance=tolerance,
        seed=seed,
        nest_within=nest_within,
        locked=locked,
        previous=previous,
        detour_factor=detour_factor,
        roster_start=roster_start,
        roster_days=roster_days,
        patrol=patrol,
        peak_hours=peak_hours,
        patrol_budget_minutes=patrol_budget_minutes,
        patrol_stop_minutes=patrol_stop_minutes,
        patrol_radius_m=patrol_radius_m,
    )
    plan = _assemble(scenario, *run_steps(scenario, settings, report))
    report(1.0, "done")
    return plan


METRICS_ORDER = (
    *("n_zones", "max_abs_deviation", "mean_polsby_popper", "min_polsby_popper", "cut_km"),
    *("all_contiguous", "tolerance_met", "moved_units", "seconds", "zone_heads"),
    *("sworn_officers", "villages", "villages_staffed", "auxiliaries_short"),
    *("auxiliaries_spare", "aux_home", "aux_familiar", "rooms_existing", "rooms_new"),
    *("aux_distance", "aux_solver"),
    *("mean_centre_distance_km", "mean_road_distance_km", "road_distance_fallbacks"),
)
"""The order of the plan's figures in ``plan.json`` (as written before the pipeline had steps),
so the same plan gives the same file."""


def _assemble(
    scenario: Scenario,
    parts: Mapping[str, object],
    warnings: tuple[Issue, ...],
    metrics: dict[str, object],
    record: dict[str, object],
) -> Plan:
    """The :class:`Plan` of the steps' parts named like its fields (zones in WGS 84), with the
    scenario's layers carried along."""
    # the figures keep the order plan files have always had; a new step's come after them
    known = [key for key in METRICS_ORDER if key in metrics]
    metrics = {key: metrics[key] for key in [*known, *(k for k in metrics if k not in known)]}
    fields = {f.name for f in dataclasses.fields(Plan)}
    made: dict[str, Any] = {name: part for name, part in parts.items() if name in fields}
    made["zones"] = made["zones"].to_crs(WGS84)
    return Plan(
        **made,
        metrics=metrics,
        warnings=warnings,
        settings=record,
        name=scenario.name,
        jurisdiction=scenario.jurisdiction,
        station=scenario.station,
        incidents=scenario.incidents,
        officers=scenario.officers,
    )
