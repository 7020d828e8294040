"""Comparing two plans of the same villages by their stable ids (:func:`compare_plans`): the
moved villages, each zone's figures before and after, the plan's overall figures, and the
staffing changes (who heads which zone, which auxiliary each village has, before and after).

Ids are the stable ones of the plan (``village_id`` of the villages, ``zone_id`` of the zones),
read by :func:`zone_ids` and :func:`current_labels`, which the hand edits use too.
"""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd

from zones import columns as C
from zones.ids import natural_key
from zones.zoning.polygons import ZONE_ID

OVERALL = (
    "n_zones",
    "max_abs_deviation",
    "mean_polsby_popper",
    "min_polsby_popper",
    "cut_km",
    "all_contiguous",
    "tolerance_met",
    "mean_centre_distance_km",
)
ZONE_FIGURES = ("n_units", "workload", "deviation", "population", "area_km2", "polsby_popper")
HEAD, HEAD_REASON = "head_officer_id", "head_reason"
AUX, AUX_REASON = "aux_officer_id", "aux_reason"
HEAD_COLUMNS = (ZONE_ID, "head_before", "head_after", "reason_before", "reason_after")
AUX_COLUMNS = (C.VILLAGE_ID, C.NAME, "aux_before", "aux_after", "reason_before", "reason_after")


def zone_ids(plan) -> list[str]:
    """The plan's zone ids as strings, in the plan's zone order."""
    return [str(z) for z in plan.zones[ZONE_ID]]


def current_labels(plan) -> pd.Series:
    """The zone of every village (``zone_id`` as a string), indexed by ``village_id``."""
    return plan.villages[ZONE_ID].astype(str).rename(ZONE_ID)


@dataclasses.dataclass(frozen=True)
class PlanComparison:
    """What changed from one plan to another (:func:`compare_plans`).

    Attributes
    ----------
    moved
        One row per village whose zone differs: ``village_id``, ``name``, ``from_zone``,
        ``to_zone``.
    zones
        One row per zone id found in either plan (in natural order: 2 before 10):
        ``<figure>_before``, ``<figure>_after`` and ``<figure>_change`` for ``n_units``,
        ``workload``, ``deviation``, ``population``, ``area_km2``, ``polsby_popper``, and
        ``contiguous_before``/``contiguous_after``.
    overall
        Indexed by metric (``n_zones``, ``max_abs_deviation``, ``mean_polsby_popper``,
        ``min_polsby_popper``, ``cut_km``, ``all_contiguous``, ``tolerance_met``,
        ``mean_centre_distance_km``, ``moved``):
        ``before``, ``after``.
    unmatched
        Village ids found in only one of the plans.
    heads
        One row per zone id (natural order) whose zone head differs, the zone being in either
        plan: ``zone_id``, ``head_before``, ``head_after`` (officer ids; ``None`` for no head
        or no such zone) and ``reason_before``/``reason_after`` (``head_reason``: ``manual``
        for a head chosen by hand; ``None`` where the plan does not say).
    auxiliaries
        One row per village in both plans whose auxiliary differs: ``village_id``, ``name``,
        ``aux_before``, ``aux_after`` (officer ids; ``None`` for none) and
        ``reason_before``/``reason_after`` (``aux_reason``).
    """

    moved: pd.DataFrame
    zones: pd.DataFrame
    overall: pd.DataFrame
    unmatched: pd.Index
    heads: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=list(HEAD_COLUMNS))
    )
    auxiliaries: pd.DataFrame = dataclasses.field(
        default_factory=lambda: pd.DataFrame(columns=list(AUX_COLUMNS))
    )


def compare_plans(before, after) -> PlanComparison:
    """Compare two plans of the same villages by their stable ids.

    Parameters
    ----------
    before, after
        Two :class:`zones.Plan` (say the plan as made and after hand edits, or an uploaded
        previous plan and the current one); not modified.

    Returns
    -------
    PlanComparison
    """
    a, b = current_labels(before), current_labels(after)
    common = a.index.intersection(b.index, sort=False)
    unmatched = a.index.symmetric_difference(b.index)
    diff = common[(a.loc[common] != b.loc[common]).to_numpy()]
    names = after.villages[C.NAME] if C.NAME in after.villages.columns else None
    moved = pd.DataFrame(
        {
            C.VILLAGE_ID: list(diff),
            C.NAME: list(names.loc[diff]) if names is not None else [None] * len(diff),
            "from_zone": list(a.loc[diff]),
            "to_zone": list(b.loc[diff]),
        }
    )
    zones = _zone_changes(before.zones, after.zones)
    rows = {}
    for key in OVERALL:
        rows[key] = (before.metrics.get(key), after.metrics.get(key))
    rows["moved"] = (0, len(diff))
    overall = pd.DataFrame.from_dict(rows, orient="index", columns=["before", "after"])
    return PlanComparison(
        moved=moved,
        zones=zones,
        overall=overall,
        unmatched=unmatched,
        heads=head_changes(before, after),
        auxiliaries=auxiliary_changes(before, after, common),
    )


def _text(value: object) -> str | None:
    """An officer id or reason as text; missing (``None``, NaN, ``""``) as ``None``."""
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    return str(value) or None


def _column(frame: pd.DataFrame, column: str, index: pd.Index) -> list[str | None]:
    """``frame[column]`` on ``index`` as :func:`_text` (all ``None`` when the column is absent
    or a row is not in ``frame``)."""
    if column not in frame.columns:
        return [None] * len(index)
    values = pd.Series(frame[column].to_numpy(), index=frame.index, dtype=object)
    return [_text(v) for v in values.reindex(index)]


def _changes(
    before: pd.DataFrame, after: pd.DataFrame, index: pd.Index, column: str, reason: str
) -> tuple[pd.Index, dict[str, list[str | None]]]:
    """The rows of ``index`` whose ``column`` differs, and the values and reasons on both
    sides for those rows (``<side>``, ``reason_<side>``)."""
    a, b = _column(before, column, index), _column(after, column, index)
    changed = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    reasons = (_column(before, reason, index), _column(after, reason, index))
    values = {
        "before": [a[i] for i in changed],
        "after": [b[i] for i in changed],
        "reason_before": [reasons[0][i] for i in changed],
        "reason_after": [reasons[1][i] for i in changed],
    }
    return index[changed], values


def head_changes(before, after) -> pd.DataFrame:
    """The zones whose zone head differs between two plans (see :class:`PlanComparison`)."""
    left = pd.DataFrame(before.zones.drop(columns="geometry"))
    right = pd.DataFrame(after.zones.drop(columns="geometry"))
    left.index = pd.Index(left[ZONE_ID].astype(str))
    right.index = pd.Index(right[ZONE_ID].astype(str))
    order = pd.Index(sorted(dict.fromkeys([*left.index, *right.index]), key=natural_key))
    zones, values = _changes(left, right, order, HEAD, HEAD_REASON)
    return pd.DataFrame(
        {
            ZONE_ID: list(zones),
            "head_before": values["before"],
            "head_after": values["after"],
            "reason_before": values["reason_before"],
            "reason_after": values["reason_after"],
        },
        columns=list(HEAD_COLUMNS),
        dtype=object,  # missing stays None (not NaN)
    )


def auxiliary_changes(before, after, common: pd.Index | None = None) -> pd.DataFrame:
    """The villages (in both plans) whose auxiliary differs (see :class:`PlanComparison`)."""
    if common is None:
        common = before.villages.index.intersection(after.villages.index, sort=False)
    ids, values = _changes(before.villages, after.villages, common, AUX, AUX_REASON)
    names = after.villages[C.NAME] if C.NAME in after.villages.columns else None
    return pd.DataFrame(
        {
            C.VILLAGE_ID: list(ids),
            C.NAME: list(names.loc[ids]) if names is not None else [None] * len(ids),
            "aux_before": values["before"],
            "aux_after": values["after"],
            "reason_before": values["reason_before"],
            "reason_after": values["reason_after"],
        },
        columns=list(AUX_COLUMNS),
        dtype=object,  # missing stays None (not NaN)
    )


def _zone_changes(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> pd.DataFrame:
    left = pd.DataFrame(before.drop(columns="geometry")).set_index(
        before[ZONE_ID].astype(str).to_numpy()
    )
    right = pd.DataFrame(after.drop(columns="geometry")).set_index(
        after[ZONE_ID].astype(str).to_numpy()
    )
    order = sorted(dict.fromkeys([*left.index, *right.index]), key=natural_key)
    table = pd.DataFrame(index=pd.Index(order, name=ZONE_ID))
    for figure in ZONE_FIGURES:
        x = pd.to_numeric(left.get(figure), errors="coerce").reindex(table.index)
        y = pd.to_numeric(right.get(figure), errors="coerce").reindex(table.index)
        table[f"{figure}_before"] = x
        table[f"{figure}_after"] = y
        table[f"{figure}_change"] = y - x
    for side, frame in (("before", left), ("after", right)):
        if "contiguous" in frame.columns:
            table[f"contiguous_{side}"] = frame["contiguous"].reindex(table.index)
    return table
