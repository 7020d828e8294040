"""The steps of :func:`zones.make_plan`, in the order it runs them (:data:`STEPS`).

Each step is a function of the scenario, the plan's settings and the parts made so far (read
only) that returns its new parts, warnings, metrics and the settings it used
(:class:`StepResult`). A part named like a field of :class:`zones.Plan` (``zones``, ``villages``,
``rooms``, ``patrols``, ``posts``, ``stops``, ``roster``, ``pool``, ``moves``) becomes that field; a
later step may replace a part with an extended copy (the zone heads and the patrol figures join
the ``zones`` layer). Adding a part to the plan (a duty plan, reach) is writing a step function
and adding a :class:`Step` to :data:`STEPS`.

Each step also has a translated label (:mod:`zones.i18n` key) and a weight: its share of the
progress bar, which :func:`step_at` maps back to the step, so the app shows the same list.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from zones import columns as C
from zones.model import Scenario
from zones.patrol.lines import (
    BUDGET_MINUTES,
    RADIUS_M,
    STOP_MINUTES,
    empty_patrol_plan,
    plan_patrols,
)
from zones.patrol.roads import build_road_graph
from zones.plan.reach import road_reach
from zones.report import Issue, format_ids
from zones.staffing.auxiliaries import AUX_COLUMNS, assign_auxiliaries
from zones.staffing.heads import HEAD_COLUMNS, assign_zone_heads
from zones.staffing.matching import DEFAULT_DETOUR
from zones.staffing.rooms import site_rooms
from zones.zoning.facade import DEFAULT_TOLERANCE, plan_zones
from zones.zoning.polygons import ZONE_ID, zone_polygons
from zones.zoning.workload import Workload, village_units
from zones.zoning.workload_choice import choose_workload

HEAD_OFFICER_ID = "head_officer_id"
AUX_OFFICER_ID = "aux_officer_id"
RESIDENTS_PER_HEAD = (3_000, 5_000)  # domain notes D3
HEAD_SHARE_MIN = 0.40  # domain notes D4
ROAD_DISTANCE_MAX_CELLS = 2_000_000  # road distances for auxiliaries up to this many pairs
ROSTER_DAYS = 28
ROSTER_COLUMNS = ["date", "role", "officer_id"]

Progress = Callable[[float, str], None]
Parts = Mapping[str, Any]


@dataclass(frozen=True, eq=False)
class PlanSettings:
    """The settings of one :func:`zones.make_plan` run, checked and resolved (see there)."""

    n_zones: int
    workload: Workload | None = None  # None: chosen (zones.zoning.workload_choice), and why
    category_minutes: Mapping[str, float] | None = None  # over DEFAULT_CATEGORY_MINUTES
    tolerance: float = DEFAULT_TOLERANCE
    seed: int = 0
    nest_within: str | None = None
    locked: pd.Series | Mapping[Hashable, Hashable] | None = None
    previous: pd.Series | None = None
    detour_factor: float = DEFAULT_DETOUR
    roster_start: str | None = None
    roster_days: int = ROSTER_DAYS
    patrol: bool = True
    peak_hours: str | None = None
    patrol_budget_minutes: float = BUDGET_MINUTES
    patrol_stop_minutes: float = STOP_MINUTES
    patrol_radius_m: float = RADIUS_M


@dataclass(frozen=True)
class StepResult:
    """What a step adds to the plan.

    Attributes
    ----------
    parts
        New or replaced parts, by name.
    warnings
        Issues for the plan's warnings, in order.
    metrics
        Key figures for the plan's metrics.
    settings
        The parameters the step used, for the plan's settings (so it can be reproduced).
    """

    parts: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()
    metrics: Mapping[str, object] = field(default_factory=dict)
    settings: Mapping[str, object] = field(default_factory=dict)


StepFunction = Callable[[Scenario, PlanSettings, Parts, Progress], StepResult]


@dataclass(frozen=True)
class Step:
    """One step of :func:`zones.make_plan`.

    Attributes
    ----------
    name
        The step's name; :func:`zones.make_plan` reports it as the progress message when the
        step starts.
    label
        The :mod:`zones.i18n` key of the step's words (``plan.step.<name>``).
    weight
        The step's share of the progress bar (relative to the other steps' weights).
    run
        ``run(scenario, settings, parts, progress) -> StepResult``; ``progress(fraction,
        message)`` reports within the step (fraction 0…1 of the step).
    """

    name: str
    label: str
    weight: float
    run: StepFunction


def _staffing_issue(code: str, **params: object) -> Issue:
    return Issue("warning", "staffing", None, code, params)


def _geometry_last(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return frame[[c for c in frame.columns if c != C.GEOMETRY] + [C.GEOMETRY]]


def zoning_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """Zones (:func:`zones.plan_zones`): parts ``units``, ``zoning``, ``zones`` (one polygon per
    zone), ``villages`` (with ``zone_id``, ``incidents``, ``workload``) and ``moves``.

    Without a workload the step chooses one (:func:`zones.zoning.workload_choice.choose_workload`):
    settings ``workload`` (the one used) and ``workload_choice`` (its record), and a note (severity
    ``info``, code ``workload_chosen``) first among the warnings."""
    units = village_units(scenario, settings.category_minutes)
    workload = settings.workload
    choice = None
    if workload is None:
        choice = choose_workload(units, settings.n_zones, settings.tolerance)
        workload = choice.workload
    zoning = plan_zones(
        units,
        settings.n_zones,
        workload=workload,
        tolerance=settings.tolerance,
        seed=settings.seed,
        nest_within=settings.nest_within,
        locked=settings.locked,
        previous=settings.previous,
        progress=progress,
    )
    villages = scenario.villages.copy()
    villages[ZONE_ID] = zoning.labels.astype(str)
    villages[C.INCIDENT_COUNT] = units[C.INCIDENT_COUNT]
    villages["workload"] = zoning.workload
    return StepResult(
        parts={
            "units": units,
            "zoning": zoning,
            "zones": zone_polygons(units, zoning),
            "villages": _geometry_last(villages),
            "moves": zoning.moves,
        },
        warnings=(*((choice.issue(),) if choice else ()), *zoning.warnings),
        metrics=zoning.metrics,
        settings={
            **zoning.settings,
            "n_zones": settings.n_zones,
            "workload": workload,
            **({"workload_choice": choice.record()} if choice else {}),
            **(
                {"category_minutes": dict(settings.category_minutes)}
                if settings.category_minutes
                else {}
            ),
            "detour_factor": settings.detour_factor,
            # how the scenario's coordinates were read: the geometry every step works on
            "coord_source": scenario.settings.get("coord_source", "wgs84"),
        },
    )


def heads_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """A zone head per zone (:func:`zones.staffing.assign_zone_heads`): the ``zones`` layer
    gains ``head_officer_id`` (second), ``head_known_villages``, ``head_distance_km`` and
    ``population``; warns when zones hold more or fewer residents than a zone head serves, or
    when too few sworn officers are zone heads."""
    zoning = parts["zoning"]
    heads = assign_zone_heads(
        zoning.labels,
        scenario.villages,
        scenario.officers,
        zoning.workload,
        crs=scenario.metric_crs,
        detour=settings.detour_factor,
    )
    zones_layer = parts["zones"].copy()
    for column in HEAD_COLUMNS:
        zones_layer[column] = heads[column].reindex(zoning.zones.index).to_numpy()
    population = parts["units"][C.POPULATION].fillna(0).groupby(zoning.labels).sum()
    zones_layer["population"] = population.reindex(zoning.zones.index).astype("int64").to_numpy()
    first = (ZONE_ID, HEAD_OFFICER_ID)
    zones_layer = zones_layer[
        [*first, *[c for c in zones_layer.columns if c not in (*first, C.GEOMETRY)], C.GEOMETRY]
    ]
    warnings = []
    low, high = RESIDENTS_PER_HEAD
    outside = zones_layer[(zones_layer["population"] < low) | (zones_layer["population"] > high)]
    if len(outside):
        shown = [
            f"{z} ({p:,})" for z, p in zip(outside[ZONE_ID], outside["population"], strict=True)
        ]
        warnings.append(
            _staffing_issue(
                "residents_per_head",
                n=len(outside),
                zones=format_ids(shown, 8),
                low=f"{low:,}",
                high=f"{high:,}",
            )
        )
    k, sworn = settings.n_zones, len(scenario.police)
    if sworn and k / sworn < HEAD_SHARE_MIN:
        pct = f"{k / sworn * 100:.0f}"
        warnings.append(_staffing_issue("head_share_low", heads=k, sworn=sworn, pct=pct))
    return StepResult(
        parts={"zones": zones_layer, "heads": heads},
        warnings=tuple(warnings),
        metrics={"zone_heads": k, "sworn_officers": sworn},
    )


def _road_distances(scenario: Scenario) -> bool:
    """Whether auxiliaries are matched by road distance (else straight line × detour)."""
    n_pairs = len(scenario.villages) * max(len(scenario.auxiliaries), 1)
    return n_pairs <= ROAD_DISTANCE_MAX_CELLS


def roads_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """The road graph (:func:`zones.patrol.roads.build_road_graph`), part ``road``, when the
    scenario has roads and patrols or auxiliaries use it (else ``None``); with it, the zones'
    reach by road (:func:`zones.plan.reach.road_reach`): the ``zones`` layer gains
    ``road_distance_km`` and ``road_distance_fallbacks``, the metrics ``mean_road_distance_km``
    and ``road_distance_fallbacks``."""
    use = len(scenario.roads) and (settings.patrol or _road_distances(scenario))
    road = build_road_graph(scenario.roads, scenario.metric_crs) if use else None
    if road is None or "zoning" not in parts:
        return StepResult(parts={"road": road})
    zoning = parts["zoning"]
    table, metrics = road_reach(
        road, scenario.villages, zoning, crs=scenario.metric_crs, detour=settings.detour_factor
    )
    zones_layer = parts["zones"].copy()
    for column in table.columns:
        zones_layer[column] = table[column].reindex(zoning.zones.index).to_numpy()
    return StepResult(parts={"road": road, "zones": _geometry_last(zones_layer)}, metrics=metrics)


def auxiliaries_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """An auxiliary per village (:func:`zones.staffing.assign_auxiliaries`): the ``villages``
    gain ``aux_officer_id``, ``aux_reason``, ``aux_distance_km``; part ``pool`` (the spare
    auxiliaries); shortages and spares are warned about."""
    by_road = _road_distances(scenario)
    road = parts["road"] if by_road else None
    aux = assign_auxiliaries(
        scenario.villages,
        scenario.officers,
        parts["zoning"].workload,
        crs=scenario.metric_crs,
        road=road,
        detour=settings.detour_factor,
    )
    villages = parts["villages"].copy()
    for column in AUX_COLUMNS:
        villages[column] = aux.villages[column]
    warnings = []
    if len(aux.unstaffed):
        ids = format_ids(aux.unstaffed)
        warnings.append(_staffing_issue("aux_shortage", n=len(aux.unstaffed), ids=ids))
    if len(aux.pool):
        warnings.append(_staffing_issue("aux_pool", n=len(aux.pool), ids=format_ids(aux.pool)))
    reasons = villages["aux_reason"]
    metrics = {
        "villages": len(villages),
        "villages_staffed": int(villages[AUX_OFFICER_ID].notna().sum()),
        "auxiliaries_short": len(aux.unstaffed),
        "auxiliaries_spare": len(aux.pool),
        "aux_home": int((reasons == "home").sum()),
        "aux_familiar": int((reasons == "familiar").sum()),
        "aux_distance": "road" if road is not None else f"straight×{settings.detour_factor}",
        "aux_solver": aux.solver,
    }
    return StepResult(
        parts={"villages": _geometry_last(villages), "auxiliaries": aux, "pool": aux.pool},
        warnings=tuple(warnings),
        metrics=metrics,
    )


def rooms_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """A village police room per village (:func:`zones.staffing.rooms.site_rooms`): part
    ``rooms``; the ``villages`` gain ``room_status``."""
    rooms = site_rooms(scenario.villages, scenario.rooms, scenario.roads, crs=scenario.metric_crs)
    villages = parts["villages"].copy()
    villages["room_status"] = rooms["status"]
    metrics = {
        "rooms_existing": int((rooms["status"] == "existing").sum()),
        "rooms_new": int((rooms["status"] == "new").sum()),
    }
    return StepResult(parts={"rooms": rooms, "villages": _geometry_last(villages)}, metrics=metrics)


def roster_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """The daily 1+3+2 duty roster (:func:`zones.plan_roster`) from ``roster_start`` for
    ``roster_days``, keeping the zone heads free on some days; part ``roster`` (empty without a
    start); days that cannot be fully staffed are warned about."""
    if settings.roster_start is None:
        return StepResult(parts={"roster": pd.DataFrame(columns=ROSTER_COLUMNS)})
    from zones.roster.roster import plan_roster

    roster = plan_roster(
        scenario.officers,
        settings.roster_start,
        settings.roster_days,
        zone_heads=list(parts["zones"][HEAD_OFFICER_ID].dropna()),
        seed=settings.seed,
        on_shortage="flag",
    )
    short = roster.attrs.get("shortages") or []
    return StepResult(
        parts={"roster": roster},
        warnings=(_staffing_issue("roster_short", n=len(short)),) if short else (),
        settings={"roster_start": str(settings.roster_start), "roster_days": settings.roster_days},
    )


def patrol_step(
    scenario: Scenario, settings: PlanSettings, parts: Parts, progress: Progress
) -> StepResult:
    """Peak-hour posts and off-peak patrol lines (:func:`zones.patrol.plan_patrols`): parts
    ``patrols``, ``posts``, ``stops`` (empty when patrol planning is off); the ``zones`` layer
    gains each zone's patrol figures."""
    if not settings.patrol:
        empty = empty_patrol_plan()
        return StepResult(
            parts={"patrols": empty.patrols, "posts": empty.posts, "stops": empty.stops},
            settings={"patrol": False},
        )
    zones_layer = parts["zones"]
    patrols = plan_patrols(
        zones_layer,
        parts["villages"],
        scenario.incidents,
        parts["rooms"],
        scenario.station,
        parts["road"],
        crs=scenario.metric_crs,
        peak_hours=settings.peak_hours,
        budget_minutes=settings.patrol_budget_minutes,
        stop_minutes=settings.patrol_stop_minutes,
        radius_m=settings.patrol_radius_m,
        detour=settings.detour_factor,
        progress=progress,
        roads=scenario.roads,
    )
    zones_layer = zones_layer.copy()
    figures = patrols.zones.reindex(zones_layer[ZONE_ID].astype(str))
    for column in figures.columns:
        zones_layer.insert(len(zones_layer.columns) - 1, column, figures[column].to_numpy())
    return StepResult(
        parts={
            "zones": zones_layer,
            "patrols": patrols.patrols,
            "posts": patrols.posts,
            "stops": patrols.stops,
        },
        warnings=tuple(patrols.warnings),
        metrics=patrols.metrics,
        settings={
            "patrol": True,
            "peak_hours": settings.peak_hours,  # as given (None: found in the incidents)
            "patrol_budget_minutes": settings.patrol_budget_minutes,
            "patrol_stop_minutes": settings.patrol_stop_minutes,
            "patrol_radius_m": settings.patrol_radius_m,
        },
    )


STEPS: tuple[Step, ...] = (
    Step("zoning", "plan.step.zoning", 0.80, zoning_step),
    Step("heads", "plan.step.heads", 0.05, heads_step),
    Step("roads", "plan.step.roads", 0.03, roads_step),
    Step("auxiliaries", "plan.step.auxiliaries", 0.07, auxiliaries_step),
    Step("rooms", "plan.step.rooms", 0.02, rooms_step),
    Step("roster", "plan.step.roster", 0.01, roster_step),
    Step("patrol", "plan.step.patrol", 0.02, patrol_step),
)
"""The steps of :func:`zones.make_plan`, in order."""


def step_spans(steps: tuple[Step, ...] = STEPS) -> list[tuple[float, float]]:
    """Each step's share of the progress bar as ``(start, end)`` fractions, in order."""
    total = sum(step.weight for step in steps)
    spans, start = [], 0.0
    for i, step in enumerate(steps):
        end = 1.0 if i == len(steps) - 1 else start + step.weight / total
        spans.append((start, end))
        start = end
    return spans


def step_at(fraction: float, steps: tuple[Step, ...] = STEPS) -> Step | None:
    """The step running when :func:`zones.make_plan` reports ``fraction``; ``None`` once done
    (``fraction`` ≥ 1)."""
    if fraction >= 1.0:
        return None
    starts = [start for start, _ in step_spans(steps)]
    return steps[max(0, bisect.bisect_right(starts, fraction) - 1)]


def run_steps(
    scenario: Scenario,
    settings: PlanSettings,
    progress: Progress,
    steps: tuple[Step, ...] = STEPS,
) -> tuple[dict[str, Any], tuple[Issue, ...], dict[str, object], dict[str, object]]:
    """Run ``steps`` in order, each on the parts of the steps before it.

    Returns
    -------
    (parts, warnings, metrics, settings)
        Every part by name (a later step's part replaces an earlier one of the same name), and
        the steps' warnings, metrics and settings merged in order.
    """
    parts: dict[str, Any] = {}
    warnings: list[Issue] = []
    metrics: dict[str, object] = {}
    record: dict[str, object] = {}
    for step, (start, end) in zip(steps, step_spans(steps), strict=True):
        progress(start, step.name)

        def within(fraction: float, message: str, start=start, end=end) -> None:
            progress(start + (end - start) * fraction, message)

        result = step.run(scenario, settings, dict(parts), within)
        parts.update(result.parts)
        warnings.extend(result.warnings)
        metrics.update(result.metrics)
        record.update(result.settings)
    return parts, tuple(warnings), metrics, record
