"""What :func:`zones.plan_zones` returns (:class:`ZoningResult`) or raises (:class:`ZoningError`),
and how its warnings are made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from zones.errors import ZonePlannerError
from zones.report import Issue, Severity

LAYER = "zones"


class ZoningError(ZonePlannerError):
    """The zoning request itself is impossible (more zones than units, bad locks, …)."""


@dataclass(frozen=True)
class ZoningResult:
    """The outcome of :func:`plan_zones`.

    Attributes
    ----------
    labels
        Zone label per unit, aligned to ``units.index``.
    zones
        One row per zone (index = label): ``n_units``, ``workload``, ``target``, ``deviation``
        (relative to the mean zone workload), ``area_km2``, ``perimeter_km``, ``polsby_popper``,
        ``mean_distance_m`` (workload-weighted mean distance of units to the zone centre),
        ``contiguous``, ``centre_village`` (the unit with the least workload-weighted
        straight-line distance to the zone's units) and ``centre_distance_km`` (the
        workload-weighted mean straight-line distance from it to the zone's units; see
        :mod:`zones.zoning.reach`).
    metrics
        ``max_abs_deviation``, ``mean_polsby_popper``, ``min_polsby_popper``, ``cut_km``,
        ``all_contiguous``, ``tolerance_met``, ``moved_units`` (with ``previous``),
        ``mean_centre_distance_km`` (``centre_distance_km`` over all units, workload-weighted),
        ``seconds``.
    warnings
        Issues (layer ``zones``): infeasible balance, tolerance not met, joined islands, a
        fallback the search had to take (METIS without its contiguous mode, skipped restarts), …
    moves
        With ``previous``: every unit whose zone changed (``unit``, ``from_zone``, ``to_zone``,
        ``reason``: ``balance_out``/``balance_in``/``swap``/``chain``/``contiguity``/
        ``compact``/``lock``).
    joins
        Units joined although they share no border (``unit_a``, ``unit_b``, ``distance_m``).
    workload
        The resolved workload per unit (aligned to ``units.index``).
    settings
        Every parameter, so the plan can be reproduced.
    """

    labels: pd.Series
    zones: pd.DataFrame
    metrics: Mapping[str, float]
    warnings: tuple[Issue, ...]
    moves: pd.DataFrame
    joins: pd.DataFrame
    settings: Mapping[str, object] = field(default_factory=dict)
    workload: pd.Series | None = None


def add_issue(
    issues: list[Issue],
    code: str,
    severity: Severity = "warning",
    feature: str | None = None,
    **params: object,
) -> None:
    """Append an issue of the zones layer (its texts are ``issue.<code>``/``fix.<code>``)."""
    issues.append(Issue(severity, LAYER, feature, code, params))
