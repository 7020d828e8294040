"""Comparing two plans of the same villages by their stable ids (:func:`compare_plans`): the
moved villages, each zone's figures before and after, and the plan's overall figures.

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
    """

    moved: pd.DataFrame
    zones: pd.DataFrame
    overall: pd.DataFrame
    unmatched: pd.Index


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
    return PlanComparison(moved=moved, zones=zones, overall=overall, unmatched=unmatched)


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
