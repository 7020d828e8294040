"""The patrol plan's warnings (layer ``patrol``): approximate lines, split road networks, peak
windows not found, stops dropped or cut off, zones without a line, searches stopped early."""

from __future__ import annotations

import numpy as np
import pandas as pd

from zones.ids import natural_sorted
from zones.patrol.peaks import PeakWindow, windows_label
from zones.patrol.roads import RoadGraph
from zones.patrol.routing import DEFAULT_BRANCHES, safety_seconds
from zones.report import Issue, format_ids


def patrol_warnings(
    road: RoadGraph | None,
    approximate_zones: list[str],
    windows: tuple[PeakWindow, ...],
    source: str,
    n_timed: int,
    stops: pd.DataFrame,
    table: pd.DataFrame,
    budget_minutes: float,
) -> list[Issue]:
    """Warnings about the roads, the peak windows, the stops and the lines of a plan
    (``n_timed``: incidents with a time of day; ``table``: the per-zone figures)."""
    issues: list[Issue] = []

    def warn(code: str, feature: str | None = None, **params: object) -> None:
        issues.append(Issue("warning", "patrol", feature, code, params))

    if road is None:
        warn("patrol_approximate", n=len(approximate_zones))
    elif approximate_zones:
        warn(
            "patrol_no_roads_in_zone",
            n=len(approximate_zones),
            ids=format_ids(approximate_zones),
        )
    if road is not None and road.n_components > 1:
        sizes = np.bincount(road.component)
        warn(
            "roads_disconnected",
            n=road.n_components,
            pct=f"{sizes.max() / sizes.sum() * 100:.0f}",
        )
    if source == "default":
        warn("peaks_default", n=n_timed, windows=windows_label(windows))
    elif not windows and source != "manual":
        warn("peaks_none")
    if len(stops):
        dropped = stops[stops["status"] == "dropped"]
        budget = dropped[dropped["reason"] == "budget"]
        if len(budget):
            warn(
                "patrol_stops_dropped",
                n=len(budget),
                zones=_ids(budget["zone_id"]),
                budget=f"{budget_minutes:g}",
            )
        no_road = dropped[dropped["reason"] == "no_road"]
        if len(no_road):
            warn(
                "patrol_unreachable",
                n=len(no_road),
                zones=_ids(no_road["zone_id"]),
            )
    if len(table):
        empty = table.index[table["patrol_length_m"] <= 0]
        if len(empty):
            warn("patrol_none", n=len(empty), ids=format_ids(empty))
    return issues


def base_unreachable(n: int) -> Issue:
    """Incidents that no road from their zone's base reaches."""
    return Issue("warning", "patrol", None, "base_unreachable", {"n": n})


def timed_out(zone_ids: list[str], branches: int = DEFAULT_BRANCHES) -> Issue:
    """Zones whose tour search the wall-clock safety net stopped (they may differ by machine)."""
    params = {
        "n": len(zone_ids),
        "seconds": f"{safety_seconds(branches):g}",
        "zones": _ids(zone_ids),
    }
    return Issue("warning", "patrol", None, "patrol_time_limit", params)


def _ids(values) -> str:
    """Zone ids in natural order (2 before 10)."""
    return format_ids(natural_sorted(values))
