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
from collections.abc import Callable, Collection, Hashable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj

from zones.columns import WGS84
from zones.errors import ZonePlannerError
from zones.ids import natural_sorted
from zones.model import Scenario
from zones.plan.choices import PATROLS_DRAWN, hand_choices
from zones.plan.comparison import (
    OVERALL,
    ZONE_FIGURES,
    PlanComparison,
    compare_plans,
    current_labels,
    zone_ids,
)
from zones.plan.edit_figures import updated_metrics, updated_zones, zone_figures
from zones.plan.reach import forget_road_reach
from zones.plan.zips import read_plan_bytes
from zones.report import Issue, format_ids
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.figures import UNMET_CODES
from zones.zoning.graph import UnitGraph, build_adjacency
from zones.zoning.polygons import ZONE_ID

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
EDIT_CODES = ("edit_split", "edit_tolerance", "edit_patrols_stale", "edit_heads_changed")
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
        has patrol lines or posts drawn for the old zones (``settings["patrols_drawn_zones"]``
        records where each village moved since was; :func:`zones.plan.choices.stale_zones`,
        :func:`zones.plan.patrol_refresh.refresh_patrols`).
        Zone heads, auxiliaries and every hand choice (:mod:`zones.plan.choices`) stay.

    Raises
    ------
    EditError
        For a village or zone id the plan does not have, a move that leaves a zone with no
        village, or a move into or out of a locked zone.
    """
    villages = plan.villages
    ids = zone_ids(plan)
    before = current_labels(plan)
    after, changed = _moved_labels(before, ids, moves)
    _check_locks(plan, before, changed)
    if graph is None:
        graph = village_graph(plan)
    if graph.n != len(villages):
        raise EditError(code="edit.graph", graph=graph.n, n=len(villages))
    if tolerance is None:
        tolerance = float(plan.settings.get("tolerance", DEFAULT_TOLERANCE))

    code = {z: i for i, z in enumerate(ids)}
    labels = after.map(code).to_numpy(dtype=np.int64)
    k = len(ids)
    metric = villages.geometry.to_crs(utm_crs(villages))
    figures = zone_figures(villages, metric, graph, labels, k)
    touched = {before[v] for v in changed} | set(changed.values())
    zones = updated_zones(plan, metric, after, figures, touched)
    moves_table = _updated_moves(plan.moves, changed, before)
    hand_rows = moves_table[moves_table["reason"] == HAND]
    hand = dict(zip(hand_rows["unit"].astype(str), hand_rows["to_zone"].astype(str), strict=True))
    metrics = updated_metrics(plan, graph, labels, figures, tolerance, len(hand))
    zones, metrics = forget_road_reach(zones, metrics, touched)
    villages_out = villages.copy()
    villages_out[ZONE_ID] = after.to_numpy()
    drawn = _drawn_zones(plan, changed, before)
    settings = {**plan.settings, HAND_MOVES: hand, PATROLS_DRAWN: drawn}
    if not drawn:
        settings.pop(PATROLS_DRAWN)
    warnings = _edit_warnings(plan, ids, figures, tolerance, changed, before, drawn, after)
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
        raise EditError(code="edit.no_village", villages=format_ids(unknown_villages))
    unknown_zones = natural_sorted(z for z in wanted.values() if z not in ids)
    if unknown_zones:
        raise EditError(code="edit.no_zone", zones=format_ids(unknown_zones), known=format_ids(ids))
    changed = {v: z for v, z in wanted.items() if before[v] != z}
    after = before.copy()
    if changed:
        after.loc[list(changed)] = list(changed.values())
    emptied = [z for z in ids if not (after == z).any()]
    if emptied:
        raise EditError(code="edit.emptied", zones=format_ids(emptied))
    return after, changed


def _drawn_zones(plan, changed: Mapping[str, str], before: pd.Series) -> dict[str, str]:
    """``settings["patrols_drawn_zones"]`` after ``changed``: each village moved since the
    patrol lines were drawn, with its zone then (a village back in that zone drops out)."""
    if not any(layer is not None and len(layer) > 0 for layer in (plan.patrols, plan.posts)):
        return {}
    known = plan.settings.get(PATROLS_DRAWN)
    drawn = {str(v): str(z) for v, z in known.items()} if isinstance(known, Mapping) else {}
    for village, zone in changed.items():
        then = drawn.get(village, before[village])
        if then == zone:
            drawn.pop(village, None)
        else:
            drawn[village] = then
    return {v: drawn[v] for v in natural_sorted(drawn)}


def _check_locks(plan, before: pd.Series, changed: Mapping[str, str]) -> None:
    """Refuse moves that take a village out of a locked zone or put one in."""
    locked = hand_choices(plan).locked_zones
    hit = natural_sorted({z for v, to in changed.items() for z in (before[v], to) if z in locked})
    if hit:
        raise EditError(code="edit.zone_locked", zones=format_ids(hit))


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


def _edit_warnings(
    plan,
    ids: list[str],
    figures: pd.DataFrame,
    tolerance: float,
    changed: Mapping[str, str],
    before: pd.Series,
    drawn: Mapping[str, str],
    after: pd.Series,
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
    stale = {*drawn.values(), *(after[v] for v in drawn)}
    if stale:
        params = {"zones": format_ids(natural_sorted(stale))}
        issues.append(Issue("warning", LAYER, None, "edit_patrols_stale", params))
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


def rebalance(
    scenario: Scenario,
    plan,
    locked: Collection[Hashable] = (),
    *,
    progress: Callable[[float, str], None] | None = None,
):
    """Re-plan from ``plan``'s current map with ``locked`` villages (and every village of a
    locked zone) kept in their zones: the better of the least change and a fresh plan under the
    same locks (:func:`zones.plan.rebalance.rebalance_options`, which gives both and their
    trade-off), with every hand choice kept.

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
        why; never worse balanced than a fresh plan under the same locks unless both are
        within the tolerance.

    Raises
    ------
    EditError
        For a locked id the plan does not have.
    zones.zoning.facade.ZoningError, zones.staffing.StaffingError
        As :func:`zones.make_plan` (e.g. locks that cannot be kept together).
    """
    from zones.plan.rebalance import rebalance_options

    return rebalance_options(scenario, plan, locked, progress=progress).plan
