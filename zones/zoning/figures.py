"""The figures of a finished zoning: zone names and order, the zone table, the moves made from a
previous map, the metrics, and the warning when the tolerance is missed."""

from __future__ import annotations

from collections.abc import Hashable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones.ids import natural_key
from zones.report import Issue, format_ids
from zones.zoning.bounds import HEAVY, NEST, WHOLE, Floor, balance_floor
from zones.zoning.graph import UnitGraph, metric_geometries
from zones.zoning.measures import cut_length, is_contiguous, polsby_popper, zone_shapes
from zones.zoning.reach import zone_centres
from zones.zoning.result import add_issue
from zones.zoning.state import ZoneState

TOLERANCE_SLACK = 1e-9  # a deviation this far above the tolerance still meets it (rounding)
WORST_SHOWN = 5  # zones named in the "tolerance not met" warning, worst first
ROW_FILL = 0.999  # keeps the southernmost zone centre in the last row when numbering zones

REASONS = {
    "over": "balance_out",
    "under": "balance_in",
    "swap": "swap",
    "chain": "chain",
    "compact": "compact",
    "contiguity": "contiguity",
    "kick": "balance_out",
}


def summarise(
    units: gpd.GeoDataFrame,
    graph: UnitGraph,
    weights: np.ndarray,
    state: ZoneState,
    zone_names: list[Hashable] | None,
    previous: np.ndarray | None,
    issues: list[Issue],
    tolerance: float,
    floor: Floor | None = None,
) -> tuple[pd.Series, dict, pd.DataFrame, pd.DataFrame]:
    """Labels (zone name per unit), metrics, zone table and moves of the final state; warns
    when the tolerance is missed, saying whether ``floor`` proves it cannot be met.

    Zones without names (a fresh plan) are numbered 1… north-west to south-east.
    """
    labels = state.labels()
    k = state.k
    geoms = metric_geometries(units)
    centre = shapely.get_coordinates(shapely.centroid(geoms))
    names = np.asarray(
        numbered_names(centre, labels, k) if zone_names is None else zone_names, dtype=object
    )
    table = _zone_table(graph, weights, labels, np.asarray(state.centre), names, centre)
    # travel compactness: each zone's centre village and the mean distance from it
    reach = zone_centres(
        shapely.get_coordinates(shapely.point_on_surface(geoms)), labels, weights, k
    )
    ids = np.asarray(units.index, dtype=object)
    table["centre_village"] = [ids[c] if c >= 0 else None for c in reach.centre]
    table["centre_distance_km"] = reach.mean_m / 1e3
    deviation = table["deviation"].to_numpy()
    max_dev = float(np.max(np.abs(deviation)))
    tolerance_met = bool(max_dev <= tolerance + TOLERANCE_SLACK)
    floor = floor or balance_floor(weights, k, tolerance)
    if not tolerance_met:
        _warn_unmet(issues, names, deviation, max_dev, tolerance, floor, units.index)
    heavy_zones = np.unique(labels[list(floor.units)]) if floor.units else np.array([], int)
    others = np.delete(deviation, heavy_zones)
    moves = _moves_table(units, state, labels, names, previous)
    pp = table["polsby_popper"].to_numpy()
    metrics = {
        "n_zones": k,
        "max_abs_deviation": max_dev,
        "mean_polsby_popper": float(pp.mean()),
        "min_polsby_popper": float(pp.min()),
        "cut_km": float(cut_length(graph, labels) / 1e3),
        "all_contiguous": bool(table["contiguous"].all()),
        "tolerance_met": tolerance_met,
        "moved_units": int(len(moves)),
        "mean_centre_distance_km": reach.station_mean_m / 1e3,
        "deviation_floor": floor.deviation,
        "deviation_floor_reason": floor.reason,
        "max_other_deviation": float(np.max(np.abs(others))) if len(others) else 0.0,
        "other_deviation_floor": floor.others,
    }
    # zone order: numbers as numbers ("2" before "10"), so role codes numbered by row stay put
    zones = table.loc[sorted(table.index, key=natural_key)]
    return pd.Series(names[labels], index=units.index, name="zone"), metrics, zones, moves


def numbered_names(centre: np.ndarray, labels: np.ndarray, k: int) -> list[int]:
    """Zone numbers 1…k, north-west to south-east by the zones' centres (rows of ~√k zones);
    ``centre`` holds the units' centroids in a metric CRS."""
    names = [0] * k
    for rank, z in enumerate(_zone_order(centre, labels, k), start=1):
        names[z] = rank
    return names


def _zone_order(centre: np.ndarray, labels: np.ndarray, k: int) -> list[int]:
    """Zones north-west to south-east by their centre (rows of ~√k zones)."""
    cx = np.bincount(labels, weights=centre[:, 0], minlength=k) / np.maximum(
        np.bincount(labels, minlength=k), 1
    )
    cy = np.bincount(labels, weights=centre[:, 1], minlength=k) / np.maximum(
        np.bincount(labels, minlength=k), 1
    )
    rows = max(1, round(np.sqrt(k)))
    band = np.floor((cy.max() - cy) / max(np.ptp(cy), 1e-9) * rows * ROW_FILL)
    return list(np.lexsort((cx, band)))


def _zone_table(
    graph: UnitGraph,
    weights: np.ndarray,
    labels: np.ndarray,
    targets: np.ndarray,
    names: np.ndarray,
    centre: np.ndarray,
) -> pd.DataFrame:
    """One row per zone, in zone-position order (see :class:`ZoningResult`)."""
    k = len(targets)
    load = np.bincount(labels, weights=weights, minlength=k)
    area, perimeter = zone_shapes(graph, labels, k)
    return pd.DataFrame(
        {
            "n_units": np.bincount(labels, minlength=k),
            "workload": load,
            "target": targets,
            "deviation": load / (weights.sum() / k) - 1,
            "area_km2": area / 1e6,
            "perimeter_km": perimeter / 1e3,
            "polsby_popper": polsby_popper(graph, labels, k),
            "mean_distance_m": _mean_distances(weights, labels, centre, k),
            "contiguous": is_contiguous(graph, labels, k),
        },
        index=pd.Index(names, name="zone"),
    )


def _mean_distances(
    weights: np.ndarray, labels: np.ndarray, centre: np.ndarray, k: int
) -> np.ndarray:
    """Per zone, the workload-weighted mean distance (m) of its units to the zone's centre
    (unweighted when the zone carries no workload)."""
    mean_distance = np.zeros(k)
    for z in range(k):
        members = labels == z
        w = weights[members]
        pts = centre[members]
        if w.sum() > 0:
            c = np.average(pts, axis=0, weights=w)
            mean_distance[z] = np.average(np.hypot(*(pts - c).T), weights=w)
        elif len(pts):
            c = pts.mean(axis=0)
            mean_distance[z] = np.hypot(*(pts - c).T).mean()
    return mean_distance


UNMET_CODES = (
    "tolerance_unmet",
    "tolerance_impossible_heavy",
    "tolerance_impossible_counts",
    "tolerance_impossible_sparse",
    "tolerance_impossible_nesting",
)
"""The codes of a missed tolerance: not proven impossible, or impossible and why."""


def _warn_unmet(
    issues: list[Issue],
    names: np.ndarray,
    deviation: np.ndarray,
    max_dev: float,
    tolerance: float,
    floor: Floor,
    ids: pd.Index,
) -> None:
    """``tolerance_impossible_*`` when the floor proves the tolerance out of reach (naming the
    cause), ``tolerance_unmet`` with the proven floor otherwise."""
    worst = [
        names[z]
        for z in np.argsort(-np.abs(deviation))[:WORST_SHOWN]
        if abs(deviation[z]) > tolerance
    ]
    common: dict[str, object] = {
        "pct": f"{max_dev * 100:.2f}",
        "tol": f"{tolerance * 100:g}",
        "floor": f"{floor.deviation * 100:.2f}",
        "zones": format_ids(worst),
    }
    if not floor.proves_unreachable(tolerance):
        add_issue(issues, "tolerance_unmet", "warning", None, **common)
    elif floor.reason == HEAVY:
        add_issue(
            issues,
            "tolerance_impossible_heavy",
            "warning",
            None,
            ids=format_ids(ids[list(floor.units)]),
            ratio=f"{floor.heaviest:.2f}",
            others=f"{floor.others * 100:.1f}",
            **common,
        )
    elif floor.reason == WHOLE:
        common["step"] = f"{floor.step:g}"
        add_issue(issues, "tolerance_impossible_counts", "warning", None, **common)
    elif floor.reason == NEST:
        add_issue(issues, "tolerance_impossible_nesting", "warning", None, **common)
    else:
        add_issue(issues, "tolerance_impossible_sparse", "warning", None, **common)


def _moves_table(
    units: gpd.GeoDataFrame,
    state: ZoneState,
    labels: np.ndarray,
    names: np.ndarray,
    previous: np.ndarray | None,
) -> pd.DataFrame:
    """With ``previous`` labels, every unit whose zone changed and why; else an empty table."""
    if previous is None:
        return pd.DataFrame(columns=["unit", "from_zone", "to_zone", "reason"])
    last_reason: dict[int, str] = {}
    for move in state.moves:
        last_reason[move.unit] = move.reason.split(":")[0]
    changed = np.flatnonzero(labels != previous)
    return pd.DataFrame(
        {
            "unit": units.index[changed],
            "from_zone": names[previous[changed]],
            "to_zone": names[labels[changed]],
            "reason": [reason(last_reason.get(int(u)), state.fixed[u]) for u in changed],
        }
    )


def reason(code: str | None, fixed: bool) -> str:
    """Why a unit changed zone, in the vocabulary of ``ZoningResult.moves``."""
    if fixed:
        return "lock"
    return REASONS.get(code or "", "balance_out")
