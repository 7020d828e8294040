"""Balance repair: move units until every zone's workload is within the tolerance of its target.

The search lowers Φ = Σ ((L_z − T_z) / T_z)² move by move, worst zone first (see
:mod:`zones.zoning.moves`); when it stalls on small inputs, :func:`kick_and_balance` restarts it
from randomly perturbed copies and keeps the best.
"""

from __future__ import annotations

import numpy as np

from zones.zoning.moves import best_single_move, best_swap, ejection_chain, kick
from zones.zoning.state import PHI_MIN_FALL, Move, Progress, ZoneState, copy_state, phi

COMPACT_WEIGHT = 3.0  # weight of the zone-border change against the Φ gain when ranking moves
STEPS_PER_UNIT = 50  # balance: moves allowed per unit (plus STEPS_BASE) before it gives up
STEPS_BASE = 1000
RETRY_STEPS_PER_UNIT = 20  # the same limit for each rebalance after a kick
RETRY_STEPS_BASE = 200
KICK_SIZE = 3  # random boundary moves per kick of kick_and_balance
PROGRESS_EVERY = 200  # moves between two progress reports
PROGRESS_FLOOR = 1e-9  # smallest deviation gap progress is measured against (no division by 0)


def zone_perimeter_scale(state: ZoneState) -> float:
    """The mean zone's share of the total cut length (m): the unit of border changes."""
    total = float(np.sum(state.graph.border_m)) / 2.0
    return max(total / max(state.k, 1), 1.0)


def balance(
    state: ZoneState,
    tol: float,
    *,
    previous: np.ndarray | None = None,
    compact_weight: float = COMPACT_WEIGHT,
    max_steps: int | None = None,
    progress: Progress | None = None,
) -> bool:
    """Move units until every zone is within ``tol`` of its target, or no move helps.

    With ``previous`` labels (minimal-change mode), leaving a unit's previous zone costs one
    change and returning to it saves one, so the search moves as few units as it can.

    Returns True when every zone ended within tolerance.
    """
    scale = zone_perimeter_scale(state)
    steps = 0
    limit = max_steps if max_steps is not None else STEPS_PER_UNIT * state.graph.n + STEPS_BASE
    stuck: set[int] = set()
    swept = 0  # steps at the last retry of every stuck zone
    start_dev = state.max_dev()
    while steps < limit:
        outside = [z for z in range(state.k) if abs(state.rel_dev(z)) > tol and z not in stuck]
        if not outside:
            if stuck and steps > swept:  # moves since the last sweep may have freed any zone
                stuck.clear()
                swept = steps
                continue
            break
        a = max(outside, key=lambda z: (abs(state.rel_dev(z)), -z))
        done = len(state.moves)
        if (
            best_single_move(state, a, scale, compact_weight, previous)
            or best_swap(state, a)
            or ejection_chain(state, a)
        ):
            steps += 1
            # a stuck zone is tried again only when the moves touched it or its neighbours: a
            # zone that cannot improve (e.g. one unit heavier than the band) is not searched
            # again after every move elsewhere, which made lumpy inputs take minutes
            if stuck:
                stuck -= _touched(state, state.moves[done:])
            if progress and steps % PROGRESS_EVERY == 0:
                _report(state, tol, start_dev, progress)
        else:
            stuck.add(a)
    return state.within(tol)


def _report(state: ZoneState, tol: float, start_dev: float, progress: Progress) -> None:
    now = state.max_dev()
    done = 1.0 - min(1.0, max(now - tol, 0) / max(start_dev - tol, PROGRESS_FLOOR))
    progress(done, f"balance {now:.2%}")


def _touched(state: ZoneState, moves: list[Move]) -> set[int]:
    """Zones whose load or border the moves changed: both ends and the moved units' neighbours."""
    zones: set[int] = set()
    for move in moves:
        zones.add(move.source)
        zones.add(move.target)
        zones.update(state.lab[v] for v in state.nbrs[move.unit])
    return zones


def retry_steps(state: ZoneState) -> int:
    """The move limit of a rebalance after a kick."""
    return RETRY_STEPS_PER_UNIT * state.graph.n + RETRY_STEPS_BASE


def kick_and_balance(
    state: ZoneState, tol: float, rng: np.random.Generator, *, kicks: int, size: int = KICK_SIZE
) -> ZoneState:
    """Iterated local search for balance: when moves stall, make a few random boundary moves
    (a kick), balance again, and keep the result only if Φ fell. Returns the best state."""
    best = state
    best_phi = phi(state)
    for _ in range(kicks):
        if best.within(tol):
            break
        trial = copy_state(best)
        kick(trial, rng, size)
        balance(trial, tol, max_steps=retry_steps(trial))
        value = phi(trial)
        if value < best_phi - PHI_MIN_FALL:
            best, best_phi = trial, value
    return best
