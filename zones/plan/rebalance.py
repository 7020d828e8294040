"""Rebalancing a hand-edited plan: the least change, or a fresh plan, whichever is better.

:func:`rebalance_options` makes two plans under the same locks (the villages locked by hand and
every village of a locked zone):

- ``minimal``: from the current map, moving as few villages as possible
  (``make_plan(previous=..., locked=...)``);
- ``fresh``: a plan made afresh with the same locks, its zones then numbered after the current
  zones they overlap most (an optimal assignment), so "moved" counts real moves.

The better one is chosen (:func:`better`): the one within the tolerance, both within it the one
that moves fewer villages, neither within it the better balanced. The minimal-change search can
stall far from the tolerance after a big edit; the fresh plan bounds it, so a rebalance is never
worse than a fresh plan under the same locks. Both are offered with their trade-off (villages
moved against the largest deviation, zone heads changed).

In both, every hand choice is kept (:mod:`zones.plan.choices`): zone names, locks, zone heads
and auxiliary officers chosen by hand. A zone that keeps at least half its villages keeps its
zone head; every other zone head change is listed (warning ``edit_heads_changed``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Hashable
from typing import TypedDict

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from zones.errors import ZonePlannerError
from zones.model import Scenario
from zones.plan.choices import hand_choices
from zones.plan.comparison import current_labels, zone_ids
from zones.plan.edits import EditError
from zones.plan.manual import (
    HeadChange,
    head_changes,
    heads_changed_issue,
    locked_villages,
    name_zone,
    restaff_heads,
    with_auxiliaries,
    zone_heads,
)
from zones.plan.pipeline import PlanSettings, make_plan
from zones.plan.steps import ROSTER_DAYS, zoning_step
from zones.report import Issue, format_ids
from zones.staffing.auxiliaries import AUX_COLUMNS
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.polygons import ZONE_ID

MINIMAL, FRESH = "minimal", "fresh"
REPLAN = "replan"  # the reason of a move in the fresh plan (``Plan.moves``)
SURVIVES = 0.5  # a zone keeping this share of its villages keeps its zone head
MINIMAL_SHARE = 0.45  # the share of the progress bar the least-change plan takes (the rest:
# the fresh plan, its zoning then the plan)

Progress = Callable[[float, str], None]

__all__ = [
    "FRESH",
    "MINIMAL",
    "Option",
    "Rebalanced",
    "better",
    "match_zone_ids",
    "option_at",
    "rebalance_options",
]


@dataclasses.dataclass(frozen=True)
class Option:
    """One rebalanced plan and its trade-off against the plan it was made from.

    Attributes
    ----------
    name
        ``"minimal"`` or ``"fresh"``.
    plan
        The rebalanced plan (zone ids kept, hand choices kept).
    moved
        Villages in another zone than before.
    max_abs_deviation
        The largest deviation of a zone's workload from the mean (0.05 = 5%).
    tolerance_met
        Whether every zone is within the tolerance.
    head_changes
        ``(zone, head before, head after)`` of every zone head that changed.
    """

    name: str
    plan: object
    moved: int
    max_abs_deviation: float
    tolerance_met: bool
    head_changes: tuple[HeadChange, ...]


@dataclasses.dataclass(frozen=True)
class Rebalanced:
    """The options of :func:`rebalance_options` (``minimal`` first) and the one chosen."""

    options: tuple[Option, ...]
    chosen: str

    @property
    def best(self) -> Option:
        """The chosen option."""
        return self.option(self.chosen)

    @property
    def plan(self):
        """The chosen option's plan."""
        return self.best.plan

    def option(self, name: str) -> Option:
        """The option called ``name``."""
        return next(o for o in self.options if o.name == name)


class _Reused(TypedDict, total=False):
    """The settings of :func:`~zones.plan.pipeline.make_plan` that a rebalance takes from the
    plan it re-plans (those the plan does not record keep make_plan's defaults)."""

    roster_start: str | None
    roster_days: int
    patrol: bool
    patrol_budget_minutes: float
    patrol_stop_minutes: float
    patrol_radius_m: float
    peak_hours: str | None
    detour_factor: float
    category_minutes: dict[str, float]


def _reused(settings) -> _Reused:
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
    if settings.get("category_minutes"):
        options["category_minutes"] = dict(settings["category_minutes"])
    return options


def _workload(settings):
    workload = settings.get("workload")
    if settings.get("workload_choice"):  # chosen: chosen again (the same), with its note
        return None
    return workload if workload not in (None, "series") else None


def rebalance_options(
    scenario: Scenario,
    plan,
    locked: Collection[Hashable] = (),
    *,
    progress: Progress | None = None,
) -> Rebalanced:
    """Rebalance ``plan`` two ways under the same locks and choose the better (module docstring).

    Parameters
    ----------
    scenario
        The scenario the plan was made from (the same villages).
    plan
        The current plan (after any hand edits); its settings (workload, tolerance, seed,
        nesting, patrol, roster) are reused.
    locked
        Village ids that must stay in their current zone (the villages of locked zones are
        added).
    progress
        Called as ``progress(fraction, message)``: the least-change plan first, then the fresh
        one (:func:`option_at` tells which from the fraction).

    Returns
    -------
    Rebalanced
        ``minimal`` and, when it can be made, ``fresh``; each plan's ``moves`` lists every
        village that changed zone and why (``replan`` for the fresh plan's own moves).

    Raises
    ------
    EditError
        For a locked id the plan does not have.
    zones.zoning.facade.ZoningError, zones.staffing.StaffingError
        As :func:`zones.make_plan` (e.g. locks that cannot be kept together).
    """
    report = progress or (lambda fraction, message: None)
    labels = current_labels(plan)
    locked_ids = [str(v) for v in locked]
    unknown = [v for v in locked_ids if v not in labels.index]
    if unknown:
        raise EditError(code="edit.lock_no_village", villages=format_ids(unknown))
    locked_ids = list(dict.fromkeys([*locked_ids, *locked_villages(plan)]))
    pins = labels.loc[locked_ids] if locked_ids else None
    settings = plan.settings
    common = {
        "n_zones": len(plan.zones),
        "workload": _workload(settings),
        "tolerance": float(settings.get("tolerance", DEFAULT_TOLERANCE)),
        "seed": int(settings.get("seed", 0)),
        "nest_within": settings.get("nest_within"),
        **_reused(settings),
    }
    minimal = make_plan(
        scenario, previous=labels, locked=pins, progress=_span(report, 0.0, MINIMAL_SHARE), **common
    )
    options = [_option(MINIMAL, plan, minimal)]
    fresh = _fresh(scenario, plan, labels, pins, common, _span(report, MINIMAL_SHARE, 1.0))
    if fresh is not None:
        options.append(_option(FRESH, plan, fresh))
    report(1.0, "done")
    tolerance = float(common["tolerance"])
    chosen = options[0]
    for option in options[1:]:
        chosen = better(chosen, option, tolerance)
    return Rebalanced(tuple(options), chosen.name)


def option_at(fraction: float) -> str:
    """Which option :func:`rebalance_options` is making when it reports ``fraction``."""
    return MINIMAL if fraction < MINIMAL_SHARE else FRESH


def _span(report: Progress, start: float, end: float) -> Progress:
    def within(fraction: float, message: str) -> None:
        if message != "done":
            report(start + (end - start) * fraction, message)

    return within


def _fresh(scenario, plan, labels: pd.Series, pins, common: dict, report: Progress):
    """The fresh plan under ``pins``, its zones numbered after the current ones (``None`` when
    it cannot be made: the minimal-change plan stands alone)."""
    keys = ("n_zones", "workload", "tolerance", "seed", "nest_within", "category_minutes")
    request = PlanSettings(**{k: common[k] for k in keys if k in common}, locked=pins)
    try:
        zoning = zoning_step(scenario, request, {}, _span(report, 0.0, 0.5)).parts["zoning"]
        fresh = zoning.labels.astype(str)
        pinned = set(pins.astype(str)) if pins is not None else set()
        numbered = match_zone_ids(fresh, labels, pinned)
        made = make_plan(
            scenario, previous=labels, locked=numbered, progress=_span(report, 0.5, 1.0), **common
        )
    except ZonePlannerError:  # e.g. the locks cannot be met from scratch: least change stands
        return None
    moves = made.moves.copy()
    pinned_villages = set(pins.index.astype(str)) if pins is not None else set()
    if len(moves):
        own = ~moves["unit"].astype(str).isin(pinned_villages)
        moves.loc[own, "reason"] = REPLAN
    settings = {**made.settings, "locked": len(pinned_villages)}
    return dataclasses.replace(made, moves=moves, settings=settings)


def match_zone_ids(fresh: pd.Series, current: pd.Series, pinned: Collection[str]) -> pd.Series:
    """``fresh`` zone labels renamed after the ``current`` zone each overlaps most.

    Zones named in ``pinned`` (the labels of locked villages: the fresh plan already uses
    them) keep their names; the others are matched one to one with the current names left,
    maximising the villages that stay in a zone of the same name (``linear_sum_assignment``).

    Parameters
    ----------
    fresh, current
        Zone label per village (the same index).
    pinned
        Labels both plans share by construction.
    """
    fresh = fresh.astype(str)
    current = current.astype(str).reindex(fresh.index)
    free_fresh = [z for z in pd.unique(fresh) if z not in pinned]
    free_names = [z for z in pd.unique(current) if z not in pinned]
    for z in pd.unique(fresh):  # names the fresh plan has but no current zone (never, k equal)
        if z not in pinned and len(free_names) < len(free_fresh):
            free_names.append(z)
    overlap = np.zeros((len(free_fresh), len(free_names)))
    row = {z: i for i, z in enumerate(free_fresh)}
    col = {z: j for j, z in enumerate(free_names)}
    for f, c in zip(fresh, current, strict=True):
        if f in row and c in col:
            overlap[row[f], col[c]] += 1
    rows, cols = linear_sum_assignment(-overlap)
    rename = {free_fresh[r]: free_names[c] for r, c in zip(rows, cols, strict=True)}
    return fresh.map(lambda z: rename.get(z, z)).rename(ZONE_ID)


def better(a: Option, b: Option, tolerance: float) -> Option:
    """The better of two options: the one within the tolerance; both within it, the one that
    moves fewer villages; neither, the one with the smaller largest deviation (ties: ``a``)."""
    met_a = a.max_abs_deviation <= tolerance + 1e-9
    met_b = b.max_abs_deviation <= tolerance + 1e-9
    if met_a != met_b:
        return a if met_a else b
    if met_a:
        return a if a.moved <= b.moved else b
    return a if a.max_abs_deviation <= b.max_abs_deviation + 1e-12 else b


def _option(name: str, old, new) -> Option:
    """``new`` with ``old``'s hand choices kept, and its figures against ``old``."""
    kept = keep_choices(old, new)
    before, after = current_labels(old), current_labels(kept)
    heads = tuple(head_changes(zone_heads(old), zone_heads(kept)))
    metrics = kept.metrics
    return Option(
        name=name,
        plan=dataclasses.replace(kept, settings={**kept.settings, "rebalance": name}),
        moved=int((before.reindex(after.index) != after).sum()),
        max_abs_deviation=float(metrics.get("max_abs_deviation", np.nan)),
        tolerance_met=bool(metrics.get("tolerance_met", False)),
        head_changes=heads,
    )


def keep_choices(old, new):
    """``new`` (re-planned from ``old``, the same zone ids) with ``old``'s hand choices: zone
    names and locks, the auxiliary officers (they do not depend on the zones), the zone heads
    chosen by hand, and the heads of the zones that keep at least half their villages."""
    choices = hand_choices(old)
    settings = dict(new.settings)
    for key, value in old.settings.items():
        if key in ("zone_names", "locked_zones", "manual_heads", "manual_auxiliaries"):
            settings[key] = value
    plan = dataclasses.replace(new, settings=settings)
    for zone, name in choices.names.items():
        if zone in zone_ids(plan):
            plan = name_zone(plan, zone, name)
    if all(c in old.villages for c in AUX_COLUMNS):
        villages = plan.villages.copy()
        for column in AUX_COLUMNS:
            villages[column] = old.villages[column].reindex(villages.index)
        load = pd.to_numeric(villages.get("workload", 0.0), errors="coerce").fillna(0)
        missing = villages["aux_officer_id"].isna()
        unstaffed = load[missing].sort_values(ascending=False, kind="mergesort").index
        plan = with_auxiliaries(plan, villages, unstaffed, old.pool)
    if plan.officers is None or "head_officer_id" not in plan.zones:
        return plan
    before, after = current_labels(old), current_labels(plan)
    keep = {}
    for zone, head in zone_heads(old).items():
        members = before.index[before == zone]
        if len(members) and (after.reindex(members) == zone).mean() >= SURVIVES:
            keep[zone] = head
    manual = {z: o for z, o in choices.heads.items() if z in zone_ids(plan)}
    restaffed = restaff_heads(plan, manual=manual, keep=keep)
    changed = head_changes(zone_heads(plan), zone_heads(restaffed))
    if changed and len(restaffed.roster):  # the roster keeps the zone heads free on some days
        restaffed = _roster_again(restaffed)
    # the warning lists the changes against the old plan, not against the re-plan's own heads
    warnings = [w for w in restaffed.warnings if w.code != "edit_heads_changed"]
    moved = head_changes(zone_heads(old), zone_heads(restaffed))
    if moved:
        warnings.insert(0, heads_changed_issue(moved))
    return dataclasses.replace(restaffed, warnings=tuple(warnings))


def _roster_again(plan):
    """``plan`` with its duty roster made again for its zone heads (as the pipeline's roster
    step: the heads are kept free on some days)."""
    from zones.roster.roster import plan_roster

    settings = plan.settings
    roster = plan_roster(
        plan.officers,
        str(settings["roster_start"]),
        int(settings.get("roster_days", ROSTER_DAYS)),
        zone_heads=list(plan.zones["head_officer_id"].dropna()),
        seed=int(settings.get("seed", 0)),
        on_shortage="flag",
    )
    short = roster.attrs.get("shortages") or []
    warnings = [w for w in plan.warnings if w.code != "roster_short"]
    if short:
        warnings.append(Issue("warning", "staffing", None, "roster_short", {"n": len(short)}))
    return dataclasses.replace(plan, roster=roster, warnings=tuple(warnings))
