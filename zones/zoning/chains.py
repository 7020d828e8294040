"""Chains: workload passed along a path of neighbouring zones, pair by pair.

When a light zone is surrounded by light zones (or a full one by full ones), no pair of
neighbours can help: the workload must come from, or go to, a zone further away. Along the
shortest path of zones between them, every pair is re-split exactly
(:mod:`~zones.zoning.pairs`) so that each zone passes on what it received; a transfer is kept
only when the station's excess over the band falls.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from zones.zoning.pairs import apply_split, build_pair, pp_pair, splits, whole
from zones.zoning.state import ZoneState

CHAIN_PARTNERS = 6  # zones with room tried for the worst zone's transfer, nearest first
CHAIN_ROUNDS = 200  # transfers tried, at most
KEY_SLACK = 1e-12  # a deviation this much beyond the band counts as outside (rounding)


def shift_pair(state: ZoneState, a: int, b: int, goal_a: float) -> bool:
    """Re-split zones ``a`` and ``b`` so that ``a``'s load comes as close to ``goal_a`` as the
    connected splits allow (then the most compact such split); True when it changed them."""
    pair = build_pair(state, a, b)
    if pair is None or pair.f == 0:
        return False
    _, load_a, side_a, side_b = splits(pair)
    index = np.flatnonzero(whole(side_a, side_b, pair))
    if not len(index):
        return False
    score = pp_pair(side_a[index], side_b[index], pair)
    miss = np.round(np.abs(load_a[index] - goal_a), 9)
    best = int(index[np.lexsort((-score, miss))[0]])
    if best == pair.current:
        return False
    apply_split(state, pair, best, a, b, "chain")
    return True


def rebalance_by_chains(
    state: ZoneState, tol: float, *, partners: int = CHAIN_PARTNERS, rounds: int = CHAIN_ROUNDS
) -> int:
    """Bring zones outside the band back by passing workload along a path of neighbouring zones.

    When a light zone is surrounded by light zones (or a full one by full ones), no pair can
    help: the workload must come from, or go to, a zone further away. For the worst zone, the
    nearest zones with room are tried in turn: along the shortest path between them every
    pair is re-split (:func:`shift_pair`) so that each zone passes on what it received. A
    transfer is kept only when the station's excess over the band falls; otherwise undone.

    Returns
    -------
    int
        How many transfers were kept.
    """
    kept = 0
    for _ in range(rounds):
        worst = _worst_outside(state, tol)
        if worst is None:
            break
        done = False
        for path, delta in _transfer_paths(state, worst, tol, partners):
            before = _excess_key(state, tol)
            mark = len(state.moves)
            _transfer(state, path, delta)
            if _excess_key(state, tol) < before and _all_whole(state, path):
                kept += 1
                done = True
                break
            _undo(state, mark)
        if not done:
            break
    return kept


def _worst_outside(state: ZoneState, tol: float) -> int | None:
    """The zone furthest outside the band, or None."""
    outside = [z for z in range(state.k) if abs(state.rel_dev(z)) > tol + KEY_SLACK]
    return max(outside, key=lambda z: (abs(state.rel_dev(z)), -z)) if outside else None


def _excess_key(state: ZoneState, tol: float) -> tuple[float, float, float]:
    """(worst excess over the band, total excess, Σ squared deviations), rounded."""
    over = [max(abs(state.rel_dev(z)) - tol, 0.0) for z in range(state.k)]
    spread = sum(((state.load[z] - c) / c) ** 2 for z, c in enumerate(state.centre) if c > 0)
    return (round(max(over), 12), round(sum(over), 12), round(spread, 12))


def _transfer_paths(
    state: ZoneState, zone: int, tol: float, partners: int
) -> list[tuple[list[int], float]]:
    """Shortest zone paths from ``zone`` to the nearest zones that can take (or give) the
    workload it has too much (or too little), with the amount to pass: paths run from the
    giving zone to the taking one."""
    light = state.rel_dev(zone) < 0
    parent = {zone: zone}
    order = [zone]
    queue = deque([zone])
    graph = _zone_graph(state)
    while queue:
        z = queue.popleft()
        for y in sorted(graph[z]):
            if y not in parent and state.zgroup[y] == state.zgroup[zone]:
                parent[y] = z
                order.append(y)
                queue.append(y)
    need = abs(state.load[zone] - state.target[zone]) - tol * state.target[zone]
    found: list[tuple[list[int], float]] = []
    for y in order[1:]:
        dev = state.rel_dev(y)
        room = (dev + tol if light else tol - dev) * state.target[y]
        if room <= 0:
            continue
        path = [y]
        while path[-1] != zone:
            path.append(parent[path[-1]])
        if not light:
            path.reverse()
        found.append((path, max(min(need, room), 0.0)))
        if len(found) >= partners:
            break
    return found


def _zone_graph(state: ZoneState) -> dict[int, set[int]]:
    """Zones and the zones they border."""
    graph: dict[int, set[int]] = {z: set() for z in range(state.k)}
    for u, zu in enumerate(state.lab):
        for v in state.nbrs[u]:
            if state.lab[v] != zu:
                graph[zu].add(state.lab[v])
    return graph


def _transfer(state: ZoneState, path: list[int], delta: float) -> None:
    """Pass ``delta`` of workload from ``path[0]`` along the path: each pair re-split so that
    the giving zone ends where it started, less ``delta`` for the first."""
    start = {z: state.load[z] for z in path}
    for i in range(len(path) - 1):
        giver = path[i]
        goal = start[giver] - (delta if i == 0 else 0.0)
        shift_pair(state, giver, path[i + 1], goal)


def _all_whole(state: ZoneState, zones: list[int]) -> bool:
    """Every zone of ``zones`` still has a unit (re-splits keep them connected)."""
    return all(state.members[z] for z in zones)


def _undo(state: ZoneState, mark: int) -> None:
    """Take back the moves made after ``mark``."""
    for move in reversed(state.moves[mark:]):
        state.apply(move.unit, move.source, "undo")
    del state.moves[mark:]
