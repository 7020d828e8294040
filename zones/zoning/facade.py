"""``plan_zones``: balanced, contiguous, compact responsibility zones (责任区) from any polygons."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import connected_components

from zones.errors import ZonePlannerError
from zones.report import Issue, format_ids
from zones.zoning import partition as P
from zones.zoning.graph import UnitGraph, build_adjacency, metric_geometries
from zones.zoning.seeding import allocate_zones, metis_labels, subgraph, tree_labels
from zones.zoning.workload import Workload, resolve_workload

LAYER = "zones"
KICKS = 60  # random restarts of the balance search when it stalls (small inputs only)
KICK_MAX_UNITS = 5_000
POLISH_MAX_UNITS = 3_000


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
        ``contiguous``.
    metrics
        ``max_abs_deviation``, ``mean_polsby_popper``, ``min_polsby_popper``, ``cut_km``,
        ``all_contiguous``, ``tolerance_met``, ``moved_units`` (with ``previous``), ``seconds``.
    warnings
        Issues (layer ``zones``): infeasible balance, tolerance not met, joined islands, …
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


def _issue(
    issues: list[Issue],
    code: str,
    severity: str = "warning",
    feature: str | None = None,
    **params: object,
) -> None:
    issues.append(Issue(severity, LAYER, feature, code, params))  # type: ignore[arg-type]


def plan_zones(
    units: gpd.GeoDataFrame,
    n_zones: int,
    *,
    workload: Workload,
    tolerance: float = 0.05,
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
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    n = len(units)
    if not isinstance(n_zones, int | np.integer) or not 1 <= n_zones <= n:
        msg = f"n_zones must be a whole number from 1 to the number of units ({n}), got {n_zones}"
        raise ZoningError(msg)
    if not 0 <= tolerance < 1:
        msg = f"tolerance must be between 0 and 1 (0.05 = ±5%), got {tolerance}"
        raise ZoningError(msg)
    issues: list[Issue] = []
    report(0.0, "adjacency")
    graph = build_adjacency(units, snap_m=snap_m)
    weights, notes = resolve_workload(units, workload)
    for note in notes:
        _issue(issues, "workload_note", note=note)
    ids = units.index
    if graph.joins:
        pairs = [f"{ids[j.i]}–{ids[j.j]} ({j.distance_m:,.0f} m)" for j in graph.joins]
        _issue(issues, "units_joined", n=len(pairs), pairs=format_ids(pairs, 5))

    unit_group, group_names = _groups(units, nest_within)
    report(0.1, "start")
    if previous is not None:
        labels, zone_names, zone_group = _from_previous(
            units, previous, n_zones, unit_group, group_names
        )
        counts = np.bincount(zone_group, minlength=len(group_names))
        starts = [("previous", labels)]
    else:
        counts = _zones_per_group(graph, weights, unit_group, group_names, n_zones)
        zone_group = np.repeat(np.arange(len(counts)), counts)
        zone_names = None
        starts = [(f"metis:{r}", None) for r in range(_restarts(n))]
    group_w = np.bincount(unit_group, weights=weights, minlength=len(group_names))
    targets = (group_w / np.maximum(counts, 1))[zone_group]
    heavy, lumpy = _feasibility(
        issues, ids, weights, unit_group, zone_group, targets, group_names, counts, tolerance
    )
    context = _Context(
        graph,
        weights,
        targets,
        unit_group,
        zone_group,
        counts,
        _search_tolerance(weights, heavy, unit_group, counts, tolerance),
        compactness,
        units,
        locked,
        previous is not None,
        feasible=not heavy.any() and not lumpy,
        heavy=heavy,
        lumpy=lumpy,
    )
    best: _Run | None = None
    tried = 0
    while starts:
        kind, labels0 = starts.pop(0)
        tried += 1
        if labels0 is None:
            labels0 = _start_labels(context, kind, seed)
            if labels0 is None:
                continue
        span = 0.85 / (len(starts) + tried)
        base = 0.1 + 0.85 * (tried - 1) / (len(starts) + tried)
        run = _solve(
            context,
            labels0,
            zone_names,
            seed,
            tried,
            lambda f, m, b=base, s=span: report(b + s * f, m),
        )
        if best is None or run.key < best.key:
            best = run
        if (
            not starts
            and previous is None
            and best.key[0]
            and kind.startswith("metis")
            and context.feasible
        ):
            starts = [(f"tree:{r}", None) for r in range(_restarts(n, tree=True))]
    assert best is not None
    state, zone_names, prev_arr, met = best.state, best.zone_names, best.previous, best.met
    rounds = _polish_rounds(n)
    if compactness and previous is None and not best.key[0] and rounds:
        report(0.95, "polish")
        moves_so_far = state.moves
        state = P.polish(state, context.tolerance, np.random.default_rng([seed, 99]), rounds=rounds)
        state.moves = moves_so_far + state.moves
    fixed = np.asarray(state.fixed) & ~heavy  # heavy units are pinned, not locked
    if best.broken:
        _issue(issues, "locks_disconnected", n=len(best.broken))
    final = state.labels()
    result = _result(
        units,
        graph,
        weights,
        final,
        np.asarray(state.target),
        zone_names,
        state,
        prev_arr,
        issues,
        tolerance,
        met,
    )
    elapsed = time.perf_counter() - started
    metrics = dict(result[1], seconds=round(elapsed, 3))
    report(1.0, "done")
    settings = {
        "n_zones": int(n_zones),
        "tolerance": tolerance,
        "seed": seed,
        "workload": workload if not isinstance(workload, pd.Series) else "series",
        "nest_within": nest_within
        if isinstance(nest_within, str)
        else (None if nest_within is None else "series"),
        "locked": int(fixed.sum()),
        "previous": previous is not None,
        "compactness": compactness,
        "snap_m": snap_m,
    }
    joins = pd.DataFrame(
        [
            {"unit_a": ids[j.i], "unit_b": ids[j.j], "distance_m": j.distance_m, "reason": j.reason}
            for j in graph.joins
        ],
        columns=["unit_a", "unit_b", "distance_m", "reason"],
    )
    return ZoningResult(
        labels=result[0],
        zones=result[2],
        metrics=metrics,
        warnings=tuple(issues),
        moves=result[3],
        joins=joins,
        settings=settings,
        workload=pd.Series(weights, index=units.index, name="workload"),
    )


# --------------------------------------------------------------------------------------------
# one run of the search, and the choice among runs
# --------------------------------------------------------------------------------------------


@dataclass
class _Context:
    graph: UnitGraph
    weights: np.ndarray
    targets: np.ndarray
    unit_group: np.ndarray
    zone_group: np.ndarray
    counts: np.ndarray
    tolerance: float
    compactness: bool
    units: gpd.GeoDataFrame
    locked: object
    minimal_change: bool
    feasible: bool = True
    heavy: np.ndarray | None = None
    lumpy: bool = False


@dataclass
class _Run:
    state: P.ZoneState
    zone_names: list[Hashable] | None
    previous: np.ndarray | None
    met: bool
    broken: list[int]
    key: tuple[bool, float, float]


def _restarts(n: int, *, tree: bool = False) -> int:
    """How many starts to try: several on small inputs, one on large ones."""
    if tree:
        return 4 if n <= 2_000 else (2 if n <= 20_000 else 0)
    return 4 if n <= 2_000 else (2 if n <= 5_000 else 1)


def _polish_rounds(n: int) -> int:
    """Kick-and-recompact rounds for small inputs, where each round is cheap."""
    if n > POLISH_MAX_UNITS:
        return 0
    return int(np.clip(6000 // max(n, 1), 4, 40))


def _start_labels(ctx: _Context, kind: str, seed: int) -> np.ndarray | None:
    method, run = kind.split(":")
    labels = np.zeros(ctx.graph.n, dtype=np.int64)
    offset = 0
    rng = np.random.default_rng([seed, int(run), 7])
    for gi, k_g in enumerate(ctx.counts):
        members = np.flatnonzero(ctx.unit_group == gi)
        if method == "metis":
            part = metis_labels(ctx.graph, ctx.weights, int(k_g), members, seed + int(run))
        else:
            part = tree_labels(ctx.graph, ctx.weights, int(k_g), members, rng, ctx.tolerance)
            if part is None:
                return None
        labels[members] = part + offset
        offset += int(k_g)
    return labels


def _solve(
    ctx: _Context,
    labels: np.ndarray,
    zone_names: list[Hashable] | None,
    seed: int,
    run: int,
    report: Callable[[float, str], None],
) -> _Run:
    given = labels.copy()
    fixed = np.zeros(ctx.graph.n, dtype=bool)
    if ctx.locked is not None:
        labels, zone_names, fixed = _apply_locks(
            ctx.units, ctx.locked, labels, zone_names, ctx.zone_group, ctx.unit_group, ctx.weights
        )
    state = P.ZoneState(
        ctx.graph,
        ctx.weights,
        labels,
        ctx.targets,
        fixed=fixed,
        unit_group=ctx.unit_group,
        zone_group=ctx.zone_group,
    )
    P.fill_empty_zones(state)
    broken = P.repair_contiguity(state)
    P.fill_empty_zones(state)
    if ctx.heavy is not None and ctx.heavy.any():
        _pin_heavy(state, ctx.heavy)
    if broken:
        shown = [zone_names[z] if zone_names is not None else z + 1 for z in broken]
        msg = (
            f"the villages locked to zone(s) {format_ids(shown)} cannot be joined into one "
            f"piece without emptying another zone; unlock some of them or use fewer zones"
        )
        raise ZoningError(msg)
    empty = [z for z in range(state.k) if not state.members[z]]
    if empty:
        msg = (
            f"the locks leave {len(empty)} zone(s) without any village: every free village "
            f"is needed to connect locked ones. Lock fewer villages or use fewer zones"
        )
        raise ZoningError(msg)
    previous = given if ctx.minimal_change else None
    rng = np.random.default_rng([seed, run])
    report(0.0, "balance")
    met = P.balance(
        state, ctx.tolerance, previous=previous, progress=lambda f, m: report(0.6 * f, m)
    )
    if not met and previous is None and ctx.graph.n <= KICK_MAX_UNITS and not ctx.lumpy:
        moves_so_far = state.moves
        state = P.kick_and_balance(state, ctx.tolerance, rng, kicks=KICKS)
        state.moves = moves_so_far + state.moves
        met = state.max_dev() <= ctx.tolerance + 1e-12
    if ctx.compactness:
        report(0.6, "compactness")
        P.compact(
            state,
            ctx.tolerance,
            rng,
            keep_previous=previous,
            progress=lambda f, m: report(0.6 + 0.4 * f, m),
        )
    dev = state.max_dev()
    over = dev > ctx.tolerance + 1e-9
    mean_pp = sum(state.pp(z) for z in range(state.k)) / state.k
    key = (over or bool(broken), dev if over else 0.0, -mean_pp)
    return _Run(state, zone_names, previous, met, broken, key)


# --------------------------------------------------------------------------------------------
# groups, starts and locks
# --------------------------------------------------------------------------------------------


def _groups(
    units: gpd.GeoDataFrame, nest_within: str | pd.Series | None
) -> tuple[np.ndarray, list[Hashable]]:
    if nest_within is None:
        return np.zeros(len(units), dtype=np.int64), ["all"]
    if isinstance(nest_within, str):
        if nest_within not in units.columns:
            msg = f"nest_within column {nest_within!r} is not in the units"
            raise ZoningError(msg)
        values = units[nest_within]
    else:
        values = nest_within.reindex(units.index)
    if values.isna().any():
        missing = format_ids(units.index[values.isna().to_numpy()])
        msg = (
            f"nest_within has no area for {int(values.isna().sum())} units ({missing}); fill it in"
        )
        raise ZoningError(msg)
    codes, names = pd.factorize(values, sort=True)
    return codes.astype(np.int64), list(names)


def _zones_per_group(
    graph: UnitGraph, weights: np.ndarray, unit_group: np.ndarray, names: list[Hashable], k: int
) -> np.ndarray:
    g = len(names)
    sizes = np.bincount(unit_group, minlength=g)
    for gi in range(g):
        members = np.flatnonzero(unit_group == gi)
        indptr, indices, _ = subgraph(graph, members)
        from scipy import sparse

        matrix = sparse.csr_matrix(
            (np.ones(len(indices)), indices, indptr), shape=(len(members), len(members))
        )
        pieces = connected_components(matrix, directed=False)[0]
        if pieces > 1 and g > 1:
            msg = (
                f"nest_within area {names[gi]!r} is in {pieces} separate pieces; zones inside "
                f"it could not be connected. Merge or split that area, or plan without nesting"
            )
            raise ZoningError(msg)
    try:
        return allocate_zones(np.bincount(unit_group, weights=weights, minlength=g), sizes, k)
    except ValueError as exc:
        raise ZoningError(str(exc)) from exc


def _start(
    graph: UnitGraph, weights: np.ndarray, unit_group: np.ndarray, counts: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    labels = np.zeros(graph.n, dtype=np.int64)
    zone_group: list[int] = []
    offset = 0
    for gi, k_g in enumerate(counts):
        members = np.flatnonzero(unit_group == gi)
        labels[members] = metis_labels(graph, weights, int(k_g), members, seed) + offset
        zone_group.extend([gi] * int(k_g))
        offset += int(k_g)
    return labels, np.asarray(zone_group, dtype=np.int64)


def _from_previous(
    units: gpd.GeoDataFrame,
    previous: pd.Series,
    k: int,
    unit_group: np.ndarray,
    group_names: list[Hashable],
) -> tuple[np.ndarray, list[Hashable], np.ndarray]:
    prev = pd.Series(previous).reindex(units.index)
    if prev.isna().any():
        missing = format_ids(units.index[prev.isna().to_numpy()])
        msg = f"previous has no zone for {int(prev.isna().sum())} units ({missing})"
        raise ZoningError(msg)
    codes, names = pd.factorize(prev, sort=True)
    if len(names) != k:
        msg = (
            f"previous has {len(names)} zones but n_zones is {k}; minimal-change planning "
            f"keeps the number of zones"
        )
        raise ZoningError(msg)
    zone_group = np.zeros(k, dtype=np.int64)
    for z in range(k):
        groups = np.unique(unit_group[codes == z])
        if len(groups) > 1:
            msg = (
                f"previous zone {names[z]!r} spans {len(groups)} nest_within areas; "
                f"nesting needs every zone inside one area"
            )
            raise ZoningError(msg)
        zone_group[z] = groups[0]
    return codes.astype(np.int64), list(names), zone_group


def _apply_locks(
    units: gpd.GeoDataFrame,
    locked: pd.Series | Mapping,
    labels: np.ndarray,
    zone_names: list[Hashable] | None,
    zone_group: np.ndarray,
    unit_group: np.ndarray,
    weights: np.ndarray,
) -> tuple[np.ndarray, list[Hashable] | None, np.ndarray]:
    given = pd.Series(locked, dtype=object).dropna()
    unknown = given.index.difference(units.index)
    if len(unknown):
        msg = (
            f"locked names {len(unknown)} units that are not in the units "
            f"({format_ids(unknown)}); use ids from units.index"
        )
        raise ZoningError(msg)
    lock = given.reindex(units.index)
    pinned = lock.notna().to_numpy()
    labels = labels.copy()
    k = len(zone_group)
    if not pinned.any():
        return labels, zone_names, pinned
    lock_values = list(pd.unique(lock[pinned]))
    if zone_names is not None:
        unknown = [v for v in lock_values if v not in zone_names]
        if unknown:
            msg = (
                f"locked refers to zones {unknown} that are not in previous "
                f"({format_ids(zone_names)})"
            )
            raise ZoningError(msg)
        index = {name: z for z, name in enumerate(zone_names)}
    else:
        if len(lock_values) > k:
            msg = f"locked names {len(lock_values)} zones but n_zones is {k}"
            raise ZoningError(msg)
        # match lock labels to starting zones by shared workload (Hungarian), within groups
        score = np.zeros((len(lock_values), k))
        pos = {v: i for i, v in enumerate(lock_values)}
        for u in np.flatnonzero(pinned):
            z = labels[u]
            score[pos[lock.iloc[u]], z] += weights[u] + 1e-9
        for i, v in enumerate(lock_values):
            grp = set(unit_group[(lock == v).to_numpy()])
            if len(grp) > 1:
                msg = f"units locked to zone {v!r} lie in different nest_within areas"
                raise ZoningError(msg)
            score[i, zone_group != next(iter(grp))] = -1e18
        rows, cols = linear_sum_assignment(-score)
        index = {lock_values[r]: int(c) for r, c in zip(rows, cols, strict=True)}
        zone_names = _names_with_locks(lock_values, index, k)
    for u in np.flatnonzero(pinned):
        z = index[lock.iloc[u]]
        if zone_group[z] != unit_group[u]:
            msg = f"unit {units.index[u]!r} is locked to a zone outside its nest_within area"
            raise ZoningError(msg)
        labels[u] = z
    return labels, zone_names, pinned


def _names_with_locks(
    lock_values: list[Hashable], index: Mapping[Hashable, int], k: int
) -> list[Hashable]:
    names: list[Hashable | None] = [None] * k
    for value, z in index.items():
        names[z] = value
    ints = all(isinstance(v, int | np.integer) for v in lock_values)
    used = set(lock_values)
    counter = 1
    for z in range(k):
        if names[z] is None:
            while (counter if ints else str(counter)) in used:
                counter += 1
            names[z] = counter if ints else str(counter)
            used.add(names[z])
    return names  # type: ignore[return-value]


def _feasibility(
    issues: list[Issue],
    ids: pd.Index,
    weights: np.ndarray,
    unit_group: np.ndarray,
    zone_group: np.ndarray,
    targets: np.ndarray,
    group_names: list[Hashable],
    counts: np.ndarray,
    tolerance: float,
) -> tuple[np.ndarray, bool]:
    """Warn, up front, about balance the input cannot allow.

    Returns
    -------
    (heavy, lumpy)
        Units heavier than a zone's band (each gets a zone of its own, see :func:`_pin_heavy`),
        and whether the rest of the workload is too lumpy for the tolerance (whole counts
        whose per-zone share has no reachable value within the band, or fewer units with any
        workload than zones).
    """
    k = len(zone_group)
    mean = weights.sum() / k
    group_w = np.bincount(unit_group, weights=weights, minlength=len(group_names))
    group_target = group_w / np.maximum(counts, 1)
    unit_target = group_target[unit_group]
    heavy = weights > (1 + tolerance) * unit_target
    if heavy.any():
        at = np.flatnonzero(heavy)
        worst = float(np.max(weights[at] / unit_target[at] - 1))
        rest_zones = k - len(at)
        rest = (weights.sum() - weights[at].sum()) / max(rest_zones, 1)
        _issue(
            issues,
            "unit_too_heavy",
            n=len(at),
            ids=format_ids(ids[at]),
            pct=f"{worst * 100:.1f}",
            tol=f"{tolerance * 100:g}",
            zones=rest_zones,
            rest=f"{(rest / mean - 1) * 100:+.1f}",
        )
    lumpy = False
    whole = np.all(weights == np.round(weights)) and weights.max() < 2**53
    for gi in range(len(group_names)):
        in_group = unit_group == gi
        light = in_group & ~heavy
        zones_rest = int(counts[gi]) - int((in_group & heavy).sum())
        if zones_rest <= 0:
            continue
        share = weights[light].sum() / zones_rest
        carrying = int(np.count_nonzero(weights[in_group]))  # heavy ones included
        if carrying < counts[gi]:
            lumpy = True
            _issue(
                issues,
                "workload_too_sparse",
                feature=None if len(group_names) == 1 else str(group_names[gi]),
                units=carrying,
                zones=int(counts[gi]),
                empty=int(counts[gi]) - carrying,
            )
            continue
        if not whole or share <= 0:
            continue
        step, floor = _count_floor(weights[light], share)
        if floor > tolerance + 1e-12:
            lumpy = True
            _issue(
                issues,
                "workload_lumpy",
                feature=None if len(group_names) == 1 else str(group_names[gi]),
                share=f"{share:.4g}",
                step=f"{step:g}",
                pct=f"{floor * 100:.1f}",
                tol=f"{tolerance * 100:g}",
            )
    if len(group_names) > 1:
        off = np.abs(group_target / mean - 1)
        for gi in np.flatnonzero(off > tolerance):
            _issue(
                issues,
                "nest_imbalance",
                feature=str(group_names[gi]),
                pct=f"{off[gi] * 100:.1f}",
                zones=int(counts[gi]),
            )
    return heavy, lumpy


def _count_floor(weights: np.ndarray, share: float) -> tuple[float, float]:
    """For whole-count weights: their step (gcd) and the smallest worst deviation zones of
    mean ``share`` can reach (some zones must round down to a step, others up)."""
    positive = weights[weights > 0]
    if not len(positive) or share <= 0:
        return 1.0, 0.0
    step = float(np.gcd.reduce(positive.astype(np.int64)))
    below, above = share - step * np.floor(share / step), step * np.ceil(share / step) - share
    return step, (max(below, above) / share if below > 1e-9 and above > 1e-9 else 0.0)


def _search_tolerance(
    weights: np.ndarray,
    heavy: np.ndarray,
    unit_group: np.ndarray,
    counts: np.ndarray,
    tolerance: float,
) -> float:
    """The band the search aims for, relative to each zone's own target.

    Without units heavier than a zone it is the tolerance. With them, the other zones of a
    group share what is left (a smaller share than the mean); the band around that share is
    narrowed so that it also lies within the tolerance of the group's mean zone, where it can
    (at least a fifth of the tolerance, when the share itself is outside that band). Whole
    counts too coarse for the band widen it to the smallest deviation they can reach, so the
    search stops there and compaction can still work inside it.
    """
    band, floor = tolerance, 0.0
    whole = bool(np.all(weights == np.round(weights))) and weights.max() < 2**53
    for gi, k_g in enumerate(counts):
        in_group = unit_group == gi
        rest_zones = int(k_g) - int((heavy & in_group).sum())
        total = weights[in_group].sum()
        if rest_zones <= 0 or total <= 0:
            continue
        mean = total / int(k_g)
        share = weights[in_group & ~heavy].sum() / rest_zones
        if share <= 0:
            continue
        if (heavy & in_group).any():
            fits = min(1 - mean * (1 - tolerance) / share, mean * (1 + tolerance) / share - 1)
            band = min(band, max(fits - 1e-9, tolerance / 5))
        if whole:
            floor = max(floor, _count_floor(weights[in_group & ~heavy], share)[1])
    return max(band, floor + 1e-9) if floor > 0 else band


def _pin_heavy(state: P.ZoneState, heavy: np.ndarray) -> None:
    """Give each unit heavier than a zone's band a zone of its own.

    The unit is pinned where the start put it, and its zone's target becomes the unit's own
    workload (the smallest deviation possible), so the search pushes every other unit out of
    it instead of trying, move after move, to bring an impossible zone into the band. The other
    zones of the nesting group share the rest of its workload equally.
    """
    for u in np.flatnonzero(heavy):
        state.fixed[u] = True
    for group in set(state.zgroup):
        zones = [z for z in range(state.k) if state.zgroup[z] == group]
        total = sum(state.load[z] for z in zones)
        pinned: dict[int, float] = {}
        for u in np.flatnonzero(heavy):
            if state.ugroup[u] == group:
                pinned[state.lab[u]] = pinned.get(state.lab[u], 0.0) + state.w[u]
        rest = [z for z in zones if z not in pinned]
        share = max((total - sum(pinned.values())) / max(len(rest), 1), 1e-9 * max(total, 1.0))
        for z in zones:
            state.target[z] = pinned.get(z, share)


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------


def _zone_order(
    units: gpd.GeoDataFrame, labels: np.ndarray, weights: np.ndarray, k: int
) -> list[int]:
    """Zones numbered north-west to south-east by their centre (rows of ~√k zones)."""
    geoms = metric_geometries(units)
    centre = shapely.get_coordinates(shapely.centroid(geoms))
    cx = np.bincount(labels, weights=centre[:, 0], minlength=k) / np.maximum(
        np.bincount(labels, minlength=k), 1
    )
    cy = np.bincount(labels, weights=centre[:, 1], minlength=k) / np.maximum(
        np.bincount(labels, minlength=k), 1
    )
    rows = max(1, round(np.sqrt(k)))
    band = np.floor((cy.max() - cy) / max(np.ptp(cy), 1e-9) * rows * 0.999)
    return list(np.lexsort((cx, band)))


REASONS = {
    "over": "balance_out",
    "under": "balance_in",
    "swap": "swap",
    "chain": "chain",
    "compact": "compact",
    "contiguity": "contiguity",
    "kick": "balance_out",
}


def _reason(code: str | None, fixed: bool) -> str:
    """Why a unit changed zone, in the vocabulary of ``ZoningResult.moves``."""
    if fixed:
        return "lock"
    return REASONS.get(code or "", "balance_out")


def _natural_key(label: object) -> tuple[int, object]:
    """Sort key: integer-like labels by value, then any others as text."""
    text = str(label)
    return (0, int(text)) if text.isdigit() else (1, text)


def _result(
    units: gpd.GeoDataFrame,
    graph: UnitGraph,
    weights: np.ndarray,
    labels: np.ndarray,
    targets: np.ndarray,
    zone_names: list[Hashable] | None,
    state: P.ZoneState,
    previous: np.ndarray | None,
    issues: list[Issue],
    tolerance: float,
    met: bool,
) -> tuple[pd.Series, dict, pd.DataFrame, pd.DataFrame]:
    k = len(targets)
    if zone_names is None:
        order = _zone_order(units, labels, weights, k)
        zone_names = [0] * k
        for rank, z in enumerate(order, start=1):
            zone_names[z] = rank
    names = np.asarray(zone_names, dtype=object)
    load = np.bincount(labels, weights=weights, minlength=k)
    mean = weights.sum() / k
    deviation = load / mean - 1
    pp = P.polsby_popper(graph, labels, k)
    contiguous = P.is_contiguous(graph, labels, k)
    geoms = metric_geometries(units)
    centre = shapely.get_coordinates(shapely.centroid(geoms))
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
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    cut = graph.border_m[labels[rows] != labels[graph.indices]].sum() / 2
    area, perimeter = P.zone_shapes(graph, labels, k)
    zones = pd.DataFrame(
        {
            "n_units": np.bincount(labels, minlength=k),
            "workload": load,
            "target": targets,
            "deviation": deviation,
            "area_km2": area / 1e6,
            "perimeter_km": perimeter / 1e3,
            "polsby_popper": pp,
            "mean_distance_m": mean_distance,
            "contiguous": contiguous,
        },
        index=pd.Index(names, name="zone"),
    )
    # zone order: numbers as numbers ("2" before "10"), so role codes numbered by row stay put
    zones = zones.loc[sorted(zones.index, key=_natural_key)]
    max_dev = float(np.max(np.abs(deviation)))
    tolerance_met = bool(max_dev <= tolerance + 1e-9)
    if not tolerance_met:
        worst = [
            names[z] for z in np.argsort(-np.abs(deviation))[:5] if abs(deviation[z]) > tolerance
        ]
        _issue(
            issues,
            "tolerance_unmet",
            pct=f"{max_dev * 100:.2f}",
            tol=f"{tolerance * 100:g}",
            zones=format_ids(worst),
        )
    labels_out = pd.Series(names[labels], index=units.index, name="zone")
    moves = pd.DataFrame(columns=["unit", "from_zone", "to_zone", "reason"])
    if previous is not None:
        last_reason: dict[int, str] = {}
        for move in state.moves:
            last_reason[move.unit] = move.reason.split(":")[0]
        changed = np.flatnonzero(labels != previous)
        moves = pd.DataFrame(
            {
                "unit": units.index[changed],
                "from_zone": names[previous[changed]],
                "to_zone": names[labels[changed]],
                "reason": [_reason(last_reason.get(int(u)), state.fixed[u]) for u in changed],
            }
        )
    metrics = {
        "n_zones": k,
        "max_abs_deviation": max_dev,
        "mean_polsby_popper": float(pp.mean()),
        "min_polsby_popper": float(pp.min()),
        "cut_km": float(cut / 1e3),
        "all_contiguous": bool(contiguous.all()),
        "tolerance_met": tolerance_met,
        "moved_units": int(len(moves)),
    }
    return labels_out, metrics, zones, moves
