"""Recombination: two neighbouring zones merged and split again, exactly.

Single moves and swaps stall on coarse stations (5–10 villages a zone, lumpy incident counts):
the one village that would fix a zone is too heavy for it, or leaving would cut its zone in two.
Here two neighbouring zones are taken together and every split of a window of villages along
their common border is scored at once (``2**MAX_FREE`` splits, vectorised with bit masks); the
villages outside the window stay on their side. A split counts when both zones stay one
connected piece; the best one is kept when it beats the current split:

- ``mode="balance"``: first the pair's worst excess over the band, then the pair's sum of
  squared deviations (so load flows from an over-full zone through its neighbours, one pair at
  a time, towards the light ones), then compactness;
- ``mode="compact"``: first the pair's excess over the band (never worse), then the two zones'
  summed Polsby–Popper score.

On coarse stations the window holds both zones whole, so each step is the exact optimum of the
pair. This is the recombination of ReCom (DeFord, Duchin & Solomon, 2021), solved by enumeration
instead of a random spanning tree.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

from zones.zoning.pairs import MAX_FREE, apply_split, build_pair, pp_pair, splits, whole
from zones.zoning.state import ZoneState

Mode = Literal["balance", "compact"]

MAX_SWEEPS = 8  # passes over all neighbouring pairs
KEY_SLACK = 1e-12  # a key this much better counts as better (not rounding)
PP_MIN_GAIN = 1e-9  # smallest rise of the pair's Σ Polsby–Popper that counts


def recombine(
    state: ZoneState,
    tol: float,
    rng: np.random.Generator,
    *,
    mode: Mode,
    max_sweeps: int = MAX_SWEEPS,
    max_free: int = MAX_FREE,
) -> int:
    """Improve neighbouring pairs of zones by exact recombination until a sweep changes none.

    Parameters
    ----------
    state
        The search state, changed in place (moves are recorded with reason ``"over"`` when
        balancing, ``"compact"`` when compacting).
    tol
        The band, relative to each zone's target.
    rng
        Orders the pairs of each sweep.
    mode
        ``"balance"`` or ``"compact"`` (see the module docstring).
    max_sweeps
        Most passes over the pairs.
    max_free
        Most units of a pair whose side is chosen (``2**max_free`` splits per pair).

    Returns
    -------
    int
        How many pairs were changed.
    """
    changed = 0
    version = [0] * state.k  # bumped when a zone changes: a pair is solved again only then
    solved: dict[tuple[int, int], tuple[int, int]] = {}
    for _ in range(max_sweeps):
        if mode == "balance" and state.within(tol):
            break
        pairs = _neighbour_pairs(state)
        if mode == "balance":
            pairs = [p for p in pairs if _worth_balancing(state, p, tol)]
        rng.shuffle(pairs)
        swept = 0
        for a, b in pairs:
            if solved.get((a, b)) == (version[a], version[b]):
                continue
            if (
                state.members[a]
                and state.members[b]
                and improve_pair(state, a, b, tol, mode, max_free)
            ):
                swept += 1
                version[a] += 1
                version[b] += 1
            solved[(a, b)] = (version[a], version[b])
        changed += swept
        if not swept:
            break
    return changed


def _neighbour_pairs(state: ZoneState) -> list[tuple[int, int]]:
    """Pairs of zones (a < b) of the same nesting group that share a border."""
    pairs: set[tuple[int, int]] = set()
    for u, za in enumerate(state.lab):
        for v in state.nbrs[u]:
            zb = state.lab[v]
            if za < zb and state.zgroup[za] == state.zgroup[zb]:
                pairs.add((za, zb))
    return sorted(pairs)


def _worth_balancing(state: ZoneState, pair: tuple[int, int], tol: float) -> bool:
    """A pair can help balance when one of its zones is outside the band or near its edge."""
    return max(abs(state.rel_dev(pair[0])), abs(state.rel_dev(pair[1]))) > tol / 2


def improve_pair(
    state: ZoneState, a: int, b: int, tol: float, mode: Mode, max_free: int = MAX_FREE
) -> bool:
    """Re-split zones ``a`` and ``b`` at their best split; True when it changed them."""
    pair = build_pair(state, a, b, max_free)
    if pair is None or pair.f == 0:
        return False
    masks, load_a, side_a, side_b = splits(pair)
    ta, tb = state.target[a], state.target[b]
    total = state.load[a] + state.load[b]
    dev_a = (load_a - ta) / ta if ta > 0 else np.zeros_like(load_a)
    dev_b = (total - load_a - tb) / tb if tb > 0 else np.zeros_like(load_a)
    over = np.maximum(np.maximum(np.abs(dev_a), np.abs(dev_b)) - tol, 0.0)
    ca, cb = state.centre[a], state.centre[b]
    spread = ((load_a - ca) / ca) ** 2 + ((total - load_a - cb) / cb) ** 2
    now = pair.current
    if mode == "balance":
        keep = (over < over[now] - KEY_SLACK) | (
            (over <= over[now] + KEY_SLACK) & (spread <= spread[now] + KEY_SLACK)
        )
    else:
        keep = over <= over[now] + KEY_SLACK
    index = np.flatnonzero(keep)
    index = index[whole(side_a[index], side_b[index], pair)]
    if not len(index):
        return False
    score = pp_pair(side_a[index], side_b[index], pair)
    balance = np.round(spread[index], 12) if mode == "balance" else np.zeros(len(index))
    order = np.lexsort((-score, balance, np.round(over[index], 12)))
    best = int(index[order[0]])
    at = np.flatnonzero(index == now)
    now_score = float(score[at[0]]) if len(at) else -math.inf
    if not _better(
        (over[best], spread[best] if mode == "balance" else 0.0, float(score[order[0]])),
        (over[now], spread[now] if mode == "balance" else 0.0, now_score),
    ):
        return False
    apply_split(state, pair, best, a, b, "over" if mode == "balance" else "compact")
    return True


def _better(new: tuple[float, float, float], old: tuple[float, float, float]) -> bool:
    """Whether ``(excess, spread, Σ PP)`` ``new`` beats ``old``: less excess, then less spread,
    then more Polsby–Popper (each by more than rounding)."""
    for n, o in zip(new[:2], old[:2], strict=True):
        if n < o - KEY_SLACK:
            return True
        if n > o + KEY_SLACK:
            return False
    return new[2] > old[2] + PP_MIN_GAIN
