"""``plan_zones``: balanced, contiguous, compact responsibility zones (责任区) from any polygons.

The facade is a short sequence of named steps; each lives in its own module:
adjacency and workload (:mod:`~zones.zoning.graph`, :mod:`~zones.zoning.workload`), nesting
(:mod:`~zones.zoning.nesting`), the previous map and locks (:mod:`~zones.zoning.locks`),
feasibility (:mod:`~zones.zoning.feasibility`), the search over starts
(:mod:`~zones.zoning.search`, :mod:`~zones.zoning.starts`) and the figures of the result
(:mod:`~zones.zoning.figures`, :mod:`~zones.zoning.result`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.report import Issue, format_ids
from zones.zoning.bounds import balance_floor
from zones.zoning.feasibility import check_feasibility, search_tolerance
from zones.zoning.figures import REASONS, summarise
from zones.zoning.graph import UnitGraph, build_adjacency
from zones.zoning.locks import labels_from_previous
from zones.zoning.nesting import nesting_groups, zones_per_group
from zones.zoning.result import LAYER, ZoningError, ZoningResult, add_issue
from zones.zoning.search import (
    KICK_MAX_UNITS,
    KICKS,
    POLISH_MAX_UNITS,
    SearchProblem,
    locked_units,
    polish_best,
    search,
)
from zones.zoning.starts import restarts
from zones.zoning.workload import Workload, resolve_workload_notes

__all__ = [
    "DEFAULT_TOLERANCE",
    "KICKS",
    "KICK_MAX_UNITS",
    "LAYER",
    "POLISH_MAX_UNITS",
    "REASONS",
    "ZoningError",
    "ZoningResult",
    "plan_zones",
]

DEFAULT_TOLERANCE = 0.05  # allowed deviation of a zone's workload from the mean (±5%)


def plan_zones(
    units: gpd.GeoDataFrame,
    n_zones: int,
    *,
    workload: Workload,
    tolerance: float = DEFAULT_TOLERANCE,
    seed: int = 0,
    locked: pd.Series | Mapping[Hashable, Hashable] | None = None,
    previous: pd.Series | None = None,
    nest_within: str | pd.Series | None = None,
    compactness: bool = True,
    snap_m: float = 1.0,
    progress: Callable[[float, str], None] | None = None,
) -> ZoningResult:
    """Split polygon units into ``n_zones`` contiguous, balanced, compact zones.

    Parameters
    ----------
    units
        Polygon/MultiPolygon units (villages, grid cells, counties) in any CRS; geographic
        units are measured in their local UTM zone.
    n_zones
        Number of zones, 1 … number of units.
    workload
        Column name, Series aligned to ``units.index``, or ``{column: weight}`` mix (see
        :func:`zones.zoning.workload.resolve_workload`; ``"area"`` and ``"units"`` are computed).
    tolerance
        Allowed relative deviation of each zone's workload from the mean (0.05 = ±5%).
    seed
        Seed of every random choice (METIS and the search order): same seed, same plan.
    locked
        Units pinned to a zone: a Series (or mapping) of zone labels indexed by unit; other
        units NaN or absent.
    previous
        The current map (zone label per unit): start there and move as few units as possible
        to meet the tolerance; every move is listed in ``moves``.
    nest_within
        Column (or Series) of areas (e.g. townships) that zones must not cross; zones are
        shared among the areas by workload (D'Hondt rule).
    compactness
        Shorten zone borders after balancing (default True).
    snap_m
        Borders closer than this count as shared when units do not form an exact coverage.
    progress
        Called as ``progress(fraction, message)`` during long runs.

    Returns
    -------
    ZoningResult

    Raises
    ------
    ZoningError
        When the request cannot be met at all (too many zones, conflicting locks, an area of
        ``nest_within`` in several pieces); balance that is merely out of reach is a warning.
    """
    request = _Request(
        n_zones, workload, tolerance, seed, locked, previous, nest_within, compactness, snap_m
    )
    started = time.perf_counter()
    report = progress or _silent
    request.check(len(units))
    issues: list[Issue] = []
    graph, weights = _measure(units, workload, snap_m, issues, report)
    problem, starts = _frame(units, graph, weights, request, issues, report)
    best, log = search(problem, starts, seed, report)
    state = polish_best(problem, best, seed, report)
    log.warn(issues, problem.group_names)
    floor = balance_floor(
        weights,
        n_zones,
        tolerance,
        unit_group=problem.unit_group,
        zones_per_group=problem.counts,
    )
    labels, metrics, zones, moves = summarise(
        units, graph, weights, state, best.zone_names, best.previous, issues, tolerance, floor
    )
    metrics["seconds"] = round(time.perf_counter() - started, 3)  # reported, never decides
    report(1.0, "done")
    return ZoningResult(
        labels=labels,
        zones=zones,
        metrics=metrics,
        warnings=tuple(issues),
        moves=moves,
        joins=_joins_table(graph, units.index),
        settings=request.settings(locked_units(problem, state)),
        workload=pd.Series(weights, index=units.index, name="workload"),
    )


@dataclass(frozen=True)
class _Request:
    """The parameters of one :func:`plan_zones` call."""

    n_zones: int
    workload: Workload
    tolerance: float
    seed: int
    locked: pd.Series | Mapping[Hashable, Hashable] | None
    previous: pd.Series | None
    nest_within: str | pd.Series | None
    compactness: bool
    snap_m: float

    def check(self, n: int) -> None:
        """Refuse a zone count outside 1 … ``n`` units and a tolerance outside [0, 1)."""
        n_zones, tolerance = self.n_zones, self.tolerance
        if not isinstance(n_zones, int | np.integer) or not 1 <= n_zones <= n:
            raise ZoningError(code="zoning.n_zones", n=n, n_zones=n_zones)
        if not 0 <= tolerance < 1:
            raise ZoningError(code="zoning.tolerance", tolerance=tolerance)

    def settings(self, locked: int) -> dict[str, object]:
        """Every parameter, so the plan can be reproduced (Series as ``"series"``)."""
        nest = self.nest_within
        return {
            "n_zones": int(self.n_zones),
            "tolerance": self.tolerance,
            "seed": self.seed,
            "workload": self.workload if not isinstance(self.workload, pd.Series) else "series",
            "nest_within": nest if isinstance(nest, str) else (None if nest is None else "series"),
            "locked": locked,
            "previous": self.previous is not None,
            "compactness": self.compactness,
            "snap_m": self.snap_m,
        }


def _silent(fraction: float, message: str) -> None:
    """The progress callback when none is given."""


def _measure(
    units: gpd.GeoDataFrame,
    workload: Workload,
    snap_m: float,
    issues: list[Issue],
    report: Callable[[float, str], None],
) -> tuple[UnitGraph, np.ndarray]:
    """The units' adjacency and workload, with warnings for workload notes and joined units."""
    report(0.0, "adjacency")
    graph = build_adjacency(units, snap_m=snap_m)
    weights, notes = resolve_workload_notes(units, workload)
    issues += [Issue("warning", LAYER, None, code, params) for code, params in notes]
    ids = units.index
    if graph.joins:
        pairs = [f"{ids[j.i]}–{ids[j.j]} ({j.distance_m:,.0f} m)" for j in graph.joins]
        add_issue(issues, "units_joined", n=len(pairs), pairs=format_ids(pairs, 5))
    return graph, weights


def _frame(
    units: gpd.GeoDataFrame,
    graph: UnitGraph,
    weights: np.ndarray,
    request: _Request,
    issues: list[Issue],
    report: Callable[[float, str], None],
) -> tuple[SearchProblem, list[tuple[str, np.ndarray | None]]]:
    """The search problem (nesting areas, zones per area, targets, the band, what is feasible)
    and its starts: the previous map, or METIS runs. Warns about balance out of reach."""
    unit_group, group_names = nesting_groups(units, request.nest_within)
    report(0.1, "start")
    n_zones, tolerance = request.n_zones, request.tolerance
    starts: list[tuple[str, np.ndarray | None]]
    if request.previous is not None:
        labels, zone_names, zone_group = labels_from_previous(
            units, request.previous, n_zones, unit_group, group_names
        )
        counts = np.bincount(zone_group, minlength=len(group_names))
        starts = [("previous", labels)]
    else:
        counts = zones_per_group(graph, weights, unit_group, group_names, n_zones)
        zone_group = np.repeat(np.arange(len(counts)), counts)
        zone_names = None
        starts = [(f"metis:{r}", None) for r in range(restarts(len(units)))]
    group_w = np.bincount(unit_group, weights=weights, minlength=len(group_names))
    targets = (group_w / np.maximum(counts, 1))[zone_group]
    heavy, lumpy = check_feasibility(
        issues, units.index, weights, unit_group, zone_group, group_names, counts, tolerance
    )
    problem = SearchProblem(
        graph,
        weights,
        targets,
        unit_group,
        zone_group,
        counts,
        search_tolerance(weights, heavy, unit_group, counts, tolerance),
        request.compactness,
        units,
        request.locked,
        request.previous is not None,
        group_names,
        zone_names,
        feasible=not heavy.any() and not lumpy,
        heavy=heavy,
        lumpy=lumpy,
    )
    return problem, starts


def _joins_table(graph: UnitGraph, ids: pd.Index) -> pd.DataFrame:
    """Units joined although they share no border, by id."""
    return pd.DataFrame(
        [
            {"unit_a": ids[j.i], "unit_b": ids[j.j], "distance_m": j.distance_m, "reason": j.reason}
            for j in graph.joins
        ],
        columns=["unit_a", "unit_b", "distance_m", "reason"],
    )
