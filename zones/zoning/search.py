"""The search over starts: one run from a start (pin the locks, make every zone whole, balance,
compact), the choice of the best run, and the final polish of small inputs."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np

from zones.report import format_ids
from zones.zoning.balance import balance, kick_and_balance
from zones.zoning.chains import rebalance_by_chains
from zones.zoning.compaction import compact, polish
from zones.zoning.contiguity import fill_empty_zones, repair_contiguity, stray_units
from zones.zoning.feasibility import pin_heavy
from zones.zoning.graph import UnitGraph
from zones.zoning.locks import apply_locks
from zones.zoning.pairs import MAX_FREE
from zones.zoning.recombine import recombine
from zones.zoning.result import ZoningError
from zones.zoning.starts import StartLog, restarts, start_labels
from zones.zoning.state import ZoneState, total_pp

Report = Callable[[float, str], None]

KICKS = 60  # random restarts of the balance search when it stalls (small inputs only)
COARSE_KICKS = 15  # kicks on coarse inputs, after exact recombination
KICK_MAX_UNITS = 5_000  # above this many units, a stalled balance search is not kicked
POLISH_MAX_UNITS = 3_000  # above this many units, the best run is not polished
POLISH_UNIT_ROUNDS = 6_000  # polish rounds: this many divided by the units, clipped to …
POLISH_MIN_ROUNDS = 4  # … at least this many …
POLISH_MAX_ROUNDS = 40  # … and at most this many
POLISH_STREAM = 99  # tags the polish's random stream: [seed, POLISH_STREAM]
OVER_SLACK = 1e-9  # a run this far above the tolerance still meets it (rounding)
SEARCH_FROM, SEARCH_SPAN = 0.1, 0.85  # progress: the runs share 0.10 … 0.95
POLISH_AT = 0.95  # progress when the polish starts
RECOMBINE_MAX_UNITS_PER_ZONE = 40  # coarser inputs get exact pair recombination for compactness
RECOMBINE_WIDE = 16  # free units per pair in the compact recombination of small inputs …
RECOMBINE_WIDE_MAX_UNITS = 300  # … of up to this many units
RECOMBINE_STREAM = 98  # tags the compact recombination's random stream: [seed, RECOMBINE_STREAM]
BALANCE_SHARE = 0.6  # a run's progress share for balance; compaction has the rest
COMPACT_SHARE = 0.4


@dataclass
class SearchProblem:
    """Everything a run needs, prepared once (positions, not ids)."""

    graph: UnitGraph
    weights: np.ndarray
    targets: np.ndarray
    unit_group: np.ndarray
    zone_group: np.ndarray
    counts: np.ndarray  # zones per nesting area
    tolerance: float  # the band the search aims for (see feasibility.search_tolerance)
    compactness: bool
    units: gpd.GeoDataFrame
    locked: object
    minimal_change: bool
    group_names: list[Hashable]  # nesting areas ("all" without nesting)
    zone_names: list[Hashable] | None  # the previous map's zones (None: numbered at the end)
    feasible: bool = True
    heavy: np.ndarray | None = None
    lumpy: bool = False


@dataclass
class Run:
    """The outcome of one run: its state, zone names, the start it must stay close to (in
    minimal-change mode), whether balance was met, and its rank (lower is better)."""

    state: ZoneState
    zone_names: list[Hashable] | None
    previous: np.ndarray | None
    met: bool
    key: tuple[bool, float, float]


def search(
    problem: SearchProblem,
    starts: list[tuple[str, np.ndarray | None]],
    seed: int,
    report: Report,
) -> tuple[Run, StartLog]:
    """Run the search from each start; return the best run and the log of the starts (the
    fallbacks they took).

    ``starts`` holds ``(kind, labels)``; labels None are made by
    :func:`~zones.zoning.starts.start_labels`. When every METIS start misses the tolerance of a
    feasible fresh plan, spanning-tree starts are tried too.
    """
    log = StartLog()
    best: Run | None = None
    tried = 0
    starts = list(starts)
    while starts:
        kind, labels0 = starts.pop(0)
        tried += 1
        if labels0 is None:
            labels0 = start_labels(problem, kind, seed, log)
            if labels0 is None:
                continue
        span = SEARCH_SPAN / (len(starts) + tried)
        base = SEARCH_FROM + SEARCH_SPAN * (tried - 1) / (len(starts) + tried)
        run = solve(
            problem,
            labels0,
            problem.zone_names,
            seed,
            tried,
            _part_of(report, base, span),
        )
        if best is None or run.key < best.key:
            best = run
        if not starts and _try_trees(problem, best, kind):
            starts = [(f"tree:{r}", None) for r in range(restarts(problem.graph.n, tree=True))]
    assert best is not None
    return best, log


def _part_of(report: Report, base: float, span: float) -> Report:
    """``report`` for one part of the progress bar: the part's fraction ``f`` is ``base + span * f``
    of the whole."""
    return lambda f, m: report(base + span * f, m)


def _try_trees(problem: SearchProblem, best: Run, kind: str) -> bool:
    """Whether to add spanning-tree starts after the last start of kind ``kind``."""
    return (
        not problem.minimal_change and best.key[0] and kind.startswith("metis") and problem.feasible
    )


def solve(
    problem: SearchProblem,
    labels: np.ndarray,
    zone_names: list[Hashable] | None,
    seed: int,
    run: int,
    report: Report,
) -> Run:
    """One run from the start ``labels``: pin the locks, make zones whole, balance, compact."""
    given = labels.copy()
    state, zone_names = _pinned_start(problem, labels, zone_names)
    previous = given if problem.minimal_change else None
    rng = np.random.default_rng([seed, run])
    report(0.0, "balance")
    state, met = _balance(problem, state, previous, rng, report)
    if problem.compactness:
        report(BALANCE_SHARE, "compactness")
        compact(
            state,
            problem.tolerance,
            rng,
            keep_previous=previous,
            progress=lambda f, m: report(BALANCE_SHARE + COMPACT_SHARE * f, m),
        )
        if previous is None and problem.graph.n <= RECOMBINE_WIDE_MAX_UNITS:
            recombine(state, problem.tolerance, rng, mode="compact")
    dev = state.max_dev()
    over = dev > problem.tolerance + OVER_SLACK
    mean_pp = total_pp(state) / state.k
    return Run(state, zone_names, previous, met, (over, dev if over else 0.0, -mean_pp))


def _pinned_start(
    problem: SearchProblem, labels: np.ndarray, zone_names: list[Hashable] | None
) -> tuple[ZoneState, list[Hashable] | None]:
    """The search state of a start with the locks applied, every zone whole and non-empty,
    and units heavier than a zone pinned to zones of their own."""
    fixed = np.zeros(problem.graph.n, dtype=bool)
    if problem.locked is not None:
        labels, zone_names, fixed = apply_locks(
            problem.units,
            problem.locked,
            labels,
            zone_names,
            problem.zone_group,
            problem.unit_group,
            problem.weights,
        )
    state = ZoneState(
        problem.graph,
        problem.weights,
        labels,
        problem.targets,
        fixed=fixed,
        unit_group=problem.unit_group,
        zone_group=problem.zone_group,
    )
    fill_empty_zones(state)
    broken = repair_contiguity(state)
    fill_empty_zones(state)
    _check_whole(problem, state, broken, zone_names)
    if problem.heavy is not None and problem.heavy.any():
        pin_heavy(state, problem.heavy, problem.tolerance)
    return state, zone_names


def _check_whole(
    problem: SearchProblem,
    state: ZoneState,
    broken: list[int],
    zone_names: list[Hashable] | None,
) -> None:
    """Refuse a start whose zones stay in pieces or empty, naming the real reason: the locks
    when villages are locked, the units and their nesting areas otherwise."""
    if broken:
        stray = {z: stray_units(state, z) for z in broken}
        locked = [z for z in broken if stray[z][1]]
        if locked:
            shown = [zone_names[z] if zone_names is not None else z + 1 for z in locked]
            raise ZoningError(code="zoning.locked_split", zones=format_ids(shown))
        ids = [problem.units.index[u] for z in broken for u in stray[z][0]]
        names = [zone_names[z] if zone_names is not None else z + 1 for z in broken]
        raise ZoningError(code="zoning.nest_split", zones=format_ids(names), units=format_ids(ids))
    empty = [z for z in range(state.k) if not state.members[z]]
    if empty and any(state.fixed):
        raise ZoningError(code="zoning.locks_empty", n=len(empty))
    if empty:
        raise ZoningError(code="zoning.nest_empty", n=len(empty))


def _balance(
    problem: SearchProblem,
    state: ZoneState,
    previous: np.ndarray | None,
    rng: np.random.Generator,
    report: Report,
) -> tuple[ZoneState, bool]:
    """Balance the state; kick a stalled search on small inputs. Returns the (possibly new)
    state and whether every zone is within the band."""
    met = balance(
        state,
        problem.tolerance,
        previous=previous,
        progress=lambda f, m: report(BALANCE_SHARE * f, m),
    )
    if not met and previous is None:
        recombine(state, problem.tolerance, rng, mode="balance")
        rebalance_by_chains(state, problem.tolerance)
        met = state.within(problem.tolerance)
    # on coarse inputs the recombination above is exact per pair: fewer random kicks after it
    coarse = problem.graph.n <= RECOMBINE_MAX_UNITS_PER_ZONE * state.k
    kickable = problem.graph.n <= KICK_MAX_UNITS and not problem.lumpy
    if not met and previous is None and kickable:
        moves_so_far = state.moves
        kicks = COARSE_KICKS if coarse else KICKS
        state = kick_and_balance(state, problem.tolerance, rng, kicks=kicks)
        state.moves = moves_so_far + state.moves
        met = state.within(problem.tolerance)
    return state, met


def locked_units(problem: SearchProblem, state: ZoneState) -> int:
    """How many units the caller locked (units heavier than a zone are pinned, not locked)."""
    fixed = np.asarray(state.fixed)
    return int((fixed & ~problem.heavy).sum() if problem.heavy is not None else fixed.sum())


def polish_rounds(n: int) -> int:
    """Kick-and-recompact rounds for small inputs, where each round is cheap."""
    if n > POLISH_MAX_UNITS:
        return 0
    return int(np.clip(POLISH_UNIT_ROUNDS // max(n, 1), POLISH_MIN_ROUNDS, POLISH_MAX_ROUNDS))


def _compact_window(problem: SearchProblem) -> int:
    """Free units per pair in the compact recombination: more on small inputs, where it is
    cheap (2**16 splits of the few pairs of a 100-unit input take milliseconds)."""
    return RECOMBINE_WIDE if problem.graph.n <= RECOMBINE_WIDE_MAX_UNITS else MAX_FREE


def polish_best(problem: SearchProblem, best: Run, seed: int, report: Report) -> ZoneState:
    """The best run's state, polished for compactness when it is a fresh plan of a small input
    that met the tolerance (the moves made so far are kept in front of the polish's)."""
    state = best.state
    coarse = problem.graph.n <= RECOMBINE_MAX_UNITS_PER_ZONE * state.k
    if problem.compactness and not problem.minimal_change and coarse:
        report(POLISH_AT, "polish")
        rng = np.random.default_rng([seed, RECOMBINE_STREAM])
        recombine(state, problem.tolerance, rng, mode="compact", max_free=_compact_window(problem))
    rounds = polish_rounds(problem.graph.n)
    if problem.compactness and not problem.minimal_change and not best.key[0] and rounds:
        report(POLISH_AT, "polish")
        moves_so_far = state.moves
        rng = np.random.default_rng([seed, POLISH_STREAM])
        state = polish(state, problem.tolerance, rng, rounds=rounds)
        state.moves = moves_so_far + state.moves
    return state
