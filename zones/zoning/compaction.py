"""Compaction: raise the zones' summed Polsby–Popper by moving boundary units, every zone kept
within its workload band and in one piece.
"""

from __future__ import annotations

import numpy as np

from zones.zoning.balance import balance, retry_steps
from zones.zoning.moves import kick
from zones.zoning.state import Progress, ZoneState, copy_state, total_pp

COMPACT_PASSES = 30  # sweeps over the boundary units, at most (stops at a sweep with no move)
PP_MIN_GAIN = 1e-9  # smallest rise of Σ Polsby–Popper a compaction move must bring
LOAD_SLACK = 1e-9  # a zone load this far outside its band still counts as inside (rounding)
POLISH_KICK_SIZE = 4  # random boundary moves per round of polish
POLISH_PASSES = 10  # compaction sweeps per round of polish
POLISH_MIN_GAIN = 1e-12  # smallest rise of Σ Polsby–Popper for polish to keep a round
NO_GAIN = -1.0  # the gain of a swap whose second unit no longer borders the first zone


def compact(
    state: ZoneState,
    tol: float,
    rng: np.random.Generator,
    *,
    max_passes: int = COMPACT_PASSES,
    keep_previous: np.ndarray | None = None,
    progress: Progress | None = None,
) -> int:
    """Raise the zones' summed Polsby–Popper by moving boundary units, every zone within ``tol``.

    With ``keep_previous`` (previous labels), only moves back to a unit's previous zone are
    made, so compactness never adds changes in minimal-change mode. Returns the moves made.
    """
    made = 0
    # a zone already outside the band (an infeasible input) may not get worse, nothing more
    lower = [min((1 - tol) * t, load) for t, load in zip(state.target, state.load, strict=True)]
    upper = [max((1 + tol) * t, load) for t, load in zip(state.target, state.load, strict=True)]
    for pass_no in range(max_passes):
        units = [u for z in range(state.k) for u in state.boundary(z)]
        rng.shuffle(units)
        improved = 0
        for u in units:
            best_b = _best_target(state, u, lower, upper, keep_previous)
            if best_b >= 0 and state.can_leave(u):
                state.apply(u, best_b, "compact")
                improved += 1
            elif keep_previous is None and _compact_swap(state, u, lower, upper):
                improved += 2
        made += improved
        if progress:
            progress(min(1.0, (pass_no + 1) / max_passes), f"compactness pass {pass_no + 1}")
        if improved == 0:
            break
    return made


def _best_target(
    state: ZoneState,
    u: int,
    lower: list[float],
    upper: list[float],
    keep_previous: np.ndarray | None,
) -> int:
    """The neighbouring zone whose taking ``u`` raises Σ Polsby–Popper most with both zones
    within their bounds (only ``u``'s previous zone with ``keep_previous``); −1 if none."""
    a = state.lab[u]
    w = state.w[u]
    best_b, best_gain = -1, PP_MIN_GAIN
    for b in state.neighbour_zones(u) if state.load[a] - w >= lower[a] - LOAD_SLACK else ():
        if keep_previous is not None and b != keep_previous[u]:
            continue
        if state.load[b] + w > upper[b] + LOAD_SLACK:
            continue
        gain = state.pp_delta(u, b)
        if gain > best_gain:
            best_b, best_gain = b, gain
    return best_b


def _compact_swap(state: ZoneState, u: int, lower: list[float], upper: list[float]) -> bool:
    """Move ``u`` to a neighbouring zone and take back a unit of similar weight, when the pair
    raises Σ Polsby–Popper and both zones stay within their bounds."""
    a = state.lab[u]
    for b in sorted(state.neighbour_zones(u)):
        first = state.pp_delta(u, b)
        if first <= PP_MIN_GAIN:
            continue
        options = _swap_partners(state, u, b, lower, upper)
        if not options or not state.can_leave(u):
            continue
        state.apply(u, b, "compact")
        best_v, best_gain = -1, PP_MIN_GAIN
        for v in options:
            if state.lab[v] != b:
                continue
            gain = (
                first + state.pp_delta(v, a)
                if any(state.lab[x] == a for x in state.nbrs[v])
                else NO_GAIN
            )
            if gain > best_gain:
                best_v, best_gain = v, gain
        if best_v >= 0 and state.can_leave(best_v):
            state.apply(best_v, a, "compact")
            return True
        state.apply(u, a, "undo")
        del state.moves[-2:]
    return False


def _swap_partners(
    state: ZoneState, u: int, b: int, lower: list[float], upper: list[float]
) -> list[int]:
    """Boundary units of zone ``b`` touching ``u``'s zone that could go there in exchange for
    ``u`` with both zones' loads within their bounds."""
    a = state.lab[u]
    wu = state.w[u]
    options = []
    for v in state.boundary(b):
        if v == u or not any(state.lab[x] == a for x in state.nbrs[v]):
            continue
        wv = state.w[v]
        la = state.load[a] - wu + wv
        lb = state.load[b] + wu - wv
        if (
            lower[a] - LOAD_SLACK <= la <= upper[a] + LOAD_SLACK
            and lower[b] - LOAD_SLACK <= lb <= upper[b] + LOAD_SLACK
        ):
            options.append(v)
    return options


def polish(
    state: ZoneState,
    tol: float,
    rng: np.random.Generator,
    *,
    rounds: int,
    size: int = POLISH_KICK_SIZE,
) -> ZoneState:
    """Iterated local search for compactness: kick a few boundary units, balance, compact, and
    keep the result when every zone is within ``tol`` and Σ Polsby–Popper rose."""
    best = state
    best_pp = total_pp(state) if state.within(tol) else -1.0
    for _ in range(rounds):
        trial = copy_state(best)
        kick(trial, rng, size)
        balance(trial, tol, max_steps=retry_steps(trial))
        if not trial.within(tol):
            continue
        compact(trial, tol, rng, max_passes=POLISH_PASSES)
        value = total_pp(trial)
        if value > best_pp + POLISH_MIN_GAIN:
            best, best_pp = trial, value
    return best
