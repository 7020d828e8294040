"""Hand edits of a plan: move villages between zones, lock and rebalance.

Everything here is pure: a :class:`~zones.Plan` goes in, a new one comes out, nothing is
changed in place. Ids are the stable ones of the plan (``village_id`` of the villages,
``zone_id`` of the zones), so a move means the same thing before and after any other edit.

- :func:`move_villages` relabels villages and recomputes every zone figure (workload,
  deviation, population, area, Polsby–Popper, contiguity, the zone polygon) with warnings when a
  zone falls apart or leaves the tolerance;
- :func:`rebalance` re-plans from the current map with some villages locked, moving as few
  villages as possible (``make_plan(previous=..., locked=...)``).

Comparing two plans (:func:`compare_plans`) is in :mod:`zones.plan.comparison` and reading an
uploaded plan zip (:func:`read_plan_bytes`) in :mod:`zones.plan.zips`; both are importable from
here too, as before.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Collection, Hashable, Mapping
from typing import TypedDict

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from zones import columns as C
from zones.columns import WGS84
from zones.errors import ZonePlannerError
from zones.ids import natural_sorted
from zones.model import Scenario
from zones.plan.comparison import (
    OVERALL,
    ZONE_FIGURES,
    PlanComparison,
    compare_plans,
    current_labels,
    zone_ids,
)
from zones.plan.pipeline import make_plan
from zones.plan.reach import forget_road_reach
from zones.plan.steps import ROSTER_DAYS
from zones.plan.zips import read_plan_bytes
from zones.report import Issue, format_ids
from zones.zoning import partition as P
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.figures import UNMET_CODES
from zones.zoning.graph import UnitGraph, build_adjacency
from zones.zoning.polygons import ZONE_ID
from zones.zoning.reach import zone_centres

__all__ = [
    "LAYER",
    "HAND",
    "HAND_MOVES",
    "EDIT_CODES",
    "OVERALL",
    "ZONE_FIGURES",
    "EditError",
    "PlanComparison",
    "zone_ids",
    "current_labels",
    "village_graph",
    "move_villages",
    "utm_crs",
    "rebalance",
    "compare_plans",
    "read_plan_bytes",
]

LAYER = "zones"
HAND = "hand"  # the reason of a move made by hand, in ``Plan.moves``
HAND_MOVES = "hand_moves"  # settings key: village_id → zone_id of every village moved by hand
EDIT_CODES = ("edit_split", "edit_tolerance", "edit_patrols_stale")
# zone warnings that an edit makes stale (recomputed by move_villages)
_STALE_CODES = (*UNMET_CODES, *EDIT_CODES)


class EditError(ZonePlannerError):
    """A hand edit cannot be applied (unknown village or zone, a zone left without villages)."""


def village_graph(plan) -> UnitGraph:
    """The shared-border adjacency of the plan's villages (positions follow their row order).

    Building it is the costly part of :func:`move_villages`; build it once per plan's village
    set and pass it to every edit.
    """
    return build_adjacency(plan.villages)


def move_villages(
    plan,
    moves: Mapping[Hashable, Hashable],
    *,
    graph: UnitGraph | None = None,
    tolerance: float | None = None,
):
    """Return a new plan with ``moves`` applied and every zone figure recomputed.

    Parameters
    ----------
    plan
        A :class:`zones.Plan` (from :func:`zones.make_plan`, :func:`zones.read_plan` or an
        earlier edit); not modified.
    moves
        ``{village_id: zone_id}``: the zone each village goes to. Villages already in that zone
        are left alone.
    graph
        The villages' adjacency (:func:`village_graph`); built when not given.
    tolerance
        Allowed relative deviation of a zone's workload from the mean; default the plan's own
        (``settings["tolerance"]``, else 0.05).

    Returns
    -------
    Plan
        With the villages' ``zone_id`` changed; the zones' ``n_units``, ``workload``,
        ``deviation``, ``population``, ``area_km2``, ``perimeter_km``, ``polsby_popper``,
        ``mean_distance_m``, ``contiguous``, ``centre_village``, ``centre_distance_km``,
        ``head_known_villages`` and polygons recomputed (the road figures of the changed zones
        become missing: :func:`zones.plan.reach.forget_road_reach`);
        the zone metrics updated; each hand move listed in ``moves`` (reason ``"hand"``) and in
        ``settings["hand_moves"]`` (the net moves from the plan as made: a village moved back drops
        out; so the plan can be reproduced); and warnings (layer
        ``zones``): ``edit_split`` for each zone that is no longer one piece,
        ``edit_tolerance`` when zones leave the tolerance, ``edit_patrols_stale`` when the plan
        has patrol lines or posts drawn for the old zones. Zone heads and auxiliaries stay.

    Raises
    ------
    EditError
        For a village or zone id the plan does not have, or a move that leaves a zone with no
        village.
    """
    villages = plan.villages
    ids = zone_ids(plan)
    before = current_labels(plan)
    after, changed = _moved_labels(before, ids, moves)
    if graph is None:
        graph = village_graph(plan)
    if graph.n != len(villages):
        msg = f"the graph has {graph.n} units but the plan {len(villages)} villages"
        raise EditError(msg)
    if tolerance is None:
        tolerance = float(plan.settings.get("tolerance", DEFAULT_TOLERANCE))

    code = {z: i for i, z in enumerate(ids)}
    labels = after.map(code).to_numpy(dtype=np.int64)
    k = len(ids)
    metric = villages.geometry.to_crs(utm_crs(villages))
    figures = _zone_figures(villages, metric, graph, labels, k)
    touched = {before[v] for v in changed} | set(changed.values())
    zones = _updated_zones(plan, metric, after, figures, touched)
    moves_table = _updated_moves(plan.moves, changed, before)
    hand_rows = moves_table[moves_table["reason"] == HAND]
    hand = dict(zip(hand_rows["unit"].astype(str), hand_rows["to_zone"].astype(str), strict=True))
    metrics = _updated_metrics(plan, graph, labels, figures, tolerance, len(hand))
    zones, metrics = forget_road_reach(zones, metrics, touched)
    villages_out = villages.copy()
    villages_out[ZONE_ID] = after.to_numpy()
    warnings = _edit_warnings(plan, ids, figures, tolerance, changed, before, bool(hand))
    settings = dict(plan.settings)
    settings[HAND_MOVES] = hand
    return dataclasses.replace(
        plan,
        zones=zones,
        villages=villages_out,
        moves=moves_table,
        metrics=metrics,
        warnings=warnings,
        settings=settings,
    )


def _moved_labels(
    before: pd.Series, ids: list[str], moves: Mapping[Hashable, Hashable]
) -> tuple[pd.Series, dict[str, str]]:
    """The villages' zones after ``moves`` and the moves that change a zone (checked: known
    villages and zones, no zone left empty; see :func:`move_villages`)."""
    wanted = {str(v) if not isinstance(v, str) else v: str(z) for v, z in moves.items()}
    unknown_villages = [v for v in wanted if v not in before.index]
    if unknown_villages:
        msg = (
            f"the plan has no village {format_ids(unknown_villages)}; use village_id values of "
            f"plan.villages"
        )
        raise EditError(msg)
    unknown_zones = natural_sorted(z for z in wanted.values() if z not in ids)
    if unknown_zones:
        msg = f"the plan has no zone {format_ids(unknown_zones)}; its zones are {format_ids(ids)}"
        raise EditError(msg)
    changed = {v: z for v, z in wanted.items() if before[v] != z}
    after = before.copy()
    if changed:
        after.loc[list(changed)] = list(changed.values())
    emptied = [z for z in ids if not (after == z).any()]
    if emptied:
        msg = (
            f"the moves leave zone {format_ids(emptied)} without any village; keep at least "
            f"one village in every zone, or plan again with fewer zones"
        )
        raise EditError(msg)
    return after, changed


def utm_crs(frame: gpd.GeoDataFrame) -> pyproj.CRS:
    """The frame's own CRS when projected, else the WGS 84 UTM zone of its centre.

    The same zone ``estimate_utm_crs`` picks for a station-sized area, without its CRS
    database query (about 0.2 s, most of a hand edit's time).
    """
    if frame.crs is not None and not frame.crs.is_geographic:
        return frame.crs
    minx, miny, maxx, maxy = frame.to_crs(WGS84).total_bounds
    lon, lat = (minx + maxx) / 2, (miny + maxy) / 2
    zone = int(np.clip(np.floor((lon + 180) / 6) + 1, 1, 60))
    return pyproj.CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def _zone_figures(
    villages: gpd.GeoDataFrame,
    metric: gpd.GeoSeries,
    graph: UnitGraph,
    labels: np.ndarray,
    k: int,
) -> pd.DataFrame:
    """Per zone position 0…k−1: the figures zoning computes, from the villages and the graph."""
    weights = _numeric(villages, "workload")
    population = _numeric(villages, C.POPULATION)
    load = np.bincount(labels, weights=weights, minlength=k)
    total = weights.sum()
    mean = total / k if k else 0.0
    deviation = load / mean - 1 if mean > 0 else np.zeros(k)
    area, perimeter = P.zone_shapes(graph, labels, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        pp = np.where(perimeter > 0, 4 * math.pi * area / perimeter**2, 0.0)
    centre = shapely.get_coordinates(shapely.centroid(metric.to_numpy()))
    mean_distance = np.zeros(k)
    for z in range(k):
        members = labels == z
        pts, w = centre[members], weights[members]
        if not len(pts):
            continue
        c = np.average(pts, axis=0, weights=w) if w.sum() > 0 else pts.mean(axis=0)
        d = np.hypot(*(pts - c).T)
        mean_distance[z] = np.average(d, weights=w) if w.sum() > 0 else d.mean()
    reps = shapely.get_coordinates(shapely.point_on_surface(metric.to_numpy()))
    reach = zone_centres(reps, labels, weights, k)
    return pd.DataFrame(
        {
            "n_units": np.bincount(labels, minlength=k),
            "workload": load,
            "deviation": deviation,
            "population": np.bincount(labels, weights=population, minlength=k).astype("int64"),
            "area_km2": area / 1e6,
            "perimeter_km": perimeter / 1e3,
            "polsby_popper": pp,
            "mean_distance_m": mean_distance,
            "contiguous": P.is_contiguous(graph, labels, k),
            "centre_village": np.asarray(villages.index, dtype=object)[reach.centre],
            "centre_distance_km": reach.mean_m / 1e3,
        }
    )


def _numeric(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.zeros(len(frame))
    return pd.to_numeric(frame[column], errors="coerce").fillna(0).to_numpy(dtype=float)


def _updated_zones(
    plan,
    metric: gpd.GeoSeries,
    labels: pd.Series,
    figures: pd.DataFrame,
    touched: set[str],
) -> gpd.GeoDataFrame:
    zones = plan.zones.copy()
    for column in figures.columns:
        values = figures[column].to_numpy()
        if column in zones.columns and pd.api.types.is_integer_dtype(zones[column].dtype):
            values = values.astype(zones[column].dtype)
        zones[column] = values
    if touched:
        crs = metric.crs
        parts_of = metric.to_numpy()
        rows = [i for i, z in enumerate(zone_ids(plan)) if z in touched]
        shapes = []
        for i in rows:
            parts = parts_of[(labels == zone_ids(plan)[i]).to_numpy()]
            try:
                shapes.append(shapely.coverage_union_all(parts))
            except shapely.errors.GEOSException:
                shapes.append(shapely.union_all(parts))
        redrawn = gpd.GeoSeries(shapes, crs=crs).to_crs(zones.crs)
        geometry = zones.geometry.to_numpy().copy()
        geometry[rows] = redrawn.to_numpy()
        zones = zones.set_geometry(gpd.GeoSeries(geometry, index=zones.index, crs=zones.crs))
    if "head_known_villages" in zones.columns and plan.officers is not None and touched:
        zones["head_known_villages"] = _known_villages(plan, zones, labels)
    return zones


def _known_villages(plan, zones: gpd.GeoDataFrame, labels: pd.Series) -> list[object]:
    """How many of its zone's villages each zone head lives in or knows."""
    officers = plan.officers
    out: list[object] = []
    for zone, head, old in zip(
        zones[ZONE_ID].astype(str),
        zones.get("head_officer_id", pd.Series(index=zones.index)),
        zones["head_known_villages"],
        strict=True,
    ):
        if not isinstance(head, str) or head not in officers.index:
            out.append(old)
            continue
        row = officers.loc[head]
        home = row.get(C.HOME_VILLAGE)
        familiar = row.get(C.FAMILIAR_VILLAGES)
        knows = set(familiar) if isinstance(familiar, list | tuple | np.ndarray) else set()
        knows |= {home} if isinstance(home, str) else set()
        out.append(len(knows & set(labels.index[labels == zone])))
    return out


def _updated_metrics(
    plan,
    graph: UnitGraph,
    labels: np.ndarray,
    figures: pd.DataFrame,
    tolerance: float,
    n_hand: int,
) -> dict[str, object]:
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    cut = graph.border_m[labels[rows] != labels[graph.indices]].sum() / 2
    max_dev = float(np.max(np.abs(figures["deviation"]))) if len(figures) else 0.0
    pp = figures["polsby_popper"]
    load = figures["workload"] if figures["workload"].sum() > 0 else figures["n_units"]
    return {
        **plan.metrics,
        "max_abs_deviation": max_dev,
        "mean_polsby_popper": float(pp.mean()),
        "min_polsby_popper": float(pp.min()),
        "cut_km": float(cut / 1e3),
        "all_contiguous": bool(figures["contiguous"].all()),
        "tolerance_met": bool(max_dev <= tolerance + 1e-9),
        "hand_moves": n_hand,
        "mean_centre_distance_km": float(np.average(figures["centre_distance_km"], weights=load)),
    }


def _edit_warnings(
    plan,
    ids: list[str],
    figures: pd.DataFrame,
    tolerance: float,
    changed: Mapping[str, str],
    before: pd.Series,
    edited: bool,
) -> tuple[Issue, ...]:
    kept = [w for w in plan.warnings if not (w.layer == LAYER and w.code in _STALE_CODES)]
    issues: list[Issue] = []
    for z in np.flatnonzero(~figures["contiguous"].to_numpy()):
        zone = ids[z]
        involved = [v for v, to in changed.items() if to == zone or before[v] == zone]
        issues.append(
            Issue(
                "warning",
                LAYER,
                zone,
                "edit_split",
                {"zone": zone, "villages": format_ids(involved) if involved else "—"},
            )
        )
    deviation = figures["deviation"].to_numpy()
    over = [z for z in np.argsort(-np.abs(deviation)) if abs(deviation[z]) > tolerance + 1e-9]
    if over:
        shown = [f"{ids[z]} ({deviation[z] * 100:+.1f}%)" for z in over]
        issues.append(
            Issue(
                "warning",
                LAYER,
                None,
                "edit_tolerance",
                {"n": len(over), "zones": format_ids(shown, 6), "tol": f"{tolerance * 100:g}"},
            )
        )
    drawn = (
        any(layer is not None and len(layer) > 0 for layer in (plan.patrols, plan.posts)) and edited
    )
    if drawn:
        issues.append(Issue("warning", LAYER, None, "edit_patrols_stale", {}))
    return tuple(issues + kept)


def _updated_moves(
    moves: pd.DataFrame | None, changed: Mapping[str, str], before: pd.Series
) -> pd.DataFrame:
    columns = ["unit", "from_zone", "to_zone", "reason"]
    table = (
        moves.copy()
        if moves is not None and set(columns) <= set(moves.columns)
        else pd.DataFrame(columns=columns)
    )
    for village, zone in changed.items():
        hand = (table["unit"].astype(str) == village) & (table["reason"] == HAND)
        if hand.any():
            start = str(table.loc[hand, "from_zone"].iloc[0])
            table = table[~hand]
        else:
            start = before[village]
        if start != zone:
            row = pd.DataFrame(
                [{"unit": village, "from_zone": start, "to_zone": zone, "reason": HAND}]
            )
            table = pd.concat([table, row], ignore_index=True) if len(table) else row
    return table.reset_index(drop=True)


class _Reused(TypedDict, total=False):
    """The settings of :func:`~zones.plan.pipeline.make_plan` that :func:`rebalance` takes from
    the plan it re-plans (those the plan does not record keep make_plan's defaults)."""

    roster_start: str | None
    roster_days: int
    patrol: bool
    patrol_budget_minutes: float
    patrol_stop_minutes: float
    patrol_radius_m: float
    peak_hours: str | None
    detour_factor: float
    category_minutes: dict[str, float]


def rebalance(
    scenario: Scenario,
    plan,
    locked: Collection[Hashable] = (),
    *,
    progress: Callable[[float, str], None] | None = None,
):
    """Re-plan from ``plan``'s current map with ``locked`` villages kept in their zones,
    moving as few other villages as possible to bring every zone within the tolerance.

    Parameters
    ----------
    scenario
        The scenario the plan was made from (the same villages).
    plan
        The current plan (after any hand edits); its settings (workload, tolerance, seed,
        nesting, roster) are reused.
    locked
        Village ids that must stay in their current zone.
    progress
        Called as ``progress(fraction, message)``.

    Returns
    -------
    Plan
        A new plan (zone ids kept) whose ``moves`` list every village that changed zone, and
        why.

    Raises
    ------
    EditError
        For a locked id the plan does not have.
    zones.zoning.facade.ZoningError, zones.staffing.StaffingError
        As :func:`zones.make_plan` (e.g. locks that cannot be kept together).
    """
    labels = current_labels(plan)
    locked_ids = [str(v) for v in locked]
    unknown = [v for v in locked_ids if v not in labels.index]
    if unknown:
        msg = f"the plan has no village {format_ids(unknown)} to lock; use village_id values"
        raise EditError(msg)
    settings = plan.settings
    options: _Reused = {}
    if settings.get("roster_start"):
        options["roster_start"] = settings["roster_start"]
        options["roster_days"] = int(settings.get("roster_days", ROSTER_DAYS))
    # the patrol and distance settings the plan was made with (older plans: the defaults)
    if "patrol" in settings:
        options["patrol"] = bool(settings["patrol"])
    for key in ("patrol_budget_minutes", "patrol_stop_minutes", "patrol_radius_m"):
        if settings.get(key) is not None:
            options[key] = float(settings[key])
    if settings.get("peak_hours"):
        options["peak_hours"] = str(settings["peak_hours"])
    if settings.get("detour_factor") is not None:
        options["detour_factor"] = float(settings["detour_factor"])
    workload = settings.get("workload")
    if settings.get("workload_choice"):  # chosen: chosen again (the same), with its note
        workload = None
    if settings.get("category_minutes"):
        options["category_minutes"] = dict(settings["category_minutes"])
    return make_plan(
        scenario,
        n_zones=len(plan.zones),
        workload=workload if workload not in (None, "series") else None,
        tolerance=float(settings.get("tolerance", DEFAULT_TOLERANCE)),
        seed=int(settings.get("seed", 0)),
        nest_within=settings.get("nest_within"),
        previous=labels,
        locked=labels.loc[locked_ids] if locked_ids else None,
        progress=progress,
        **options,
    )
