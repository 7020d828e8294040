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
from collections import deque
from dataclasses import dataclass
from typing import Literal

import numpy as np

from zones.zoning.state import ZoneState

Mode = Literal["balance", "compact"]

MAX_FREE = 12  # villages of a pair whose side is chosen freely (2**MAX_FREE splits scored)
MAX_NODES = 63  # free villages plus fixed pieces must fit the bits of one uint64
MAX_SWEEPS = 8  # passes over all neighbouring pairs
CHAIN_PARTNERS = 6  # zones with room tried for the worst zone's transfer, nearest first
CHAIN_ROUNDS = 200  # transfers tried, at most
KEY_SLACK = 1e-12  # a key this much better counts as better (not rounding)
PP_MIN_GAIN = 1e-9  # smallest rise of the pair's Σ Polsby–Popper that counts


@dataclass
class _Pair:
    """Two zones' units as bit-mask nodes: free units first (bits 0 … f−1), then the fixed
    pieces of each side (connected runs of units kept where they are)."""

    free: list[int]
    pieces: list[list[int]]
    fixed_a: int  # bits of the pieces that stay in zone a
    w: np.ndarray
    area: np.ndarray
    perim: np.ndarray
    nbr: np.ndarray  # uint64 neighbour bits per node
    edges: list[tuple[int, int, float]]  # node pairs with their shared border (m)
    current: int  # the free bits now in zone a

    @property
    def f(self) -> int:
        return len(self.free)

    @property
    def n_nodes(self) -> int:
        return len(self.free) + len(self.pieces)


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


def shift_pair(state: ZoneState, a: int, b: int, goal_a: float) -> bool:
    """Re-split zones ``a`` and ``b`` so that ``a``'s load comes as close to ``goal_a`` as the
    connected splits allow (then the most compact such split); True when it changed them."""
    pair = _build_pair(state, a, b)
    if pair is None or pair.f == 0:
        return False
    masks = np.arange(1 << pair.f, dtype=np.uint64)
    load_a = _sum_bits(masks, pair.w[: pair.f]) + _fixed_sum(pair, pair.w)
    side_a = masks | np.uint64(pair.fixed_a)
    side_b = np.uint64((1 << pair.n_nodes) - 1) & ~side_a
    whole = (side_a != 0) & (side_b != 0) & _connected(side_a, pair) & _connected(side_b, pair)
    index = np.flatnonzero(whole)
    if not len(index):
        return False
    score = _pp_pair(side_a[index], side_b[index], pair)
    miss = np.round(np.abs(load_a[index] - goal_a), 9)
    best = int(index[np.lexsort((-score, miss))[0]])
    if best == pair.current:
        return False
    _apply(state, pair, best, a, b, "chain")
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
    pair = _build_pair(state, a, b, max_free)
    if pair is None or pair.f == 0:
        return False
    masks = np.arange(1 << pair.f, dtype=np.uint64)
    ta, tb = state.target[a], state.target[b]
    total = state.load[a] + state.load[b]
    load_a = _sum_bits(masks, pair.w[: pair.f]) + _fixed_sum(pair, pair.w)
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
    candidates = masks[keep]
    side_a = candidates | np.uint64(pair.fixed_a)
    everything = np.uint64((1 << pair.n_nodes) - 1)
    side_b = everything & ~side_a
    whole = (side_a != 0) & (side_b != 0)
    whole &= _connected(side_a, pair) & _connected(side_b, pair)
    candidates, side_a, side_b = candidates[whole], side_a[whole], side_b[whole]
    if not len(candidates):
        return False
    score = _pp_pair(side_a, side_b, pair)
    index = candidates.astype(np.int64)
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
    _apply(state, pair, best, a, b, "over" if mode == "balance" else "compact")
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


def _build_pair(state: ZoneState, a: int, b: int, max_free: int = MAX_FREE) -> _Pair | None:
    """The pair's nodes: a window of up to ``MAX_FREE`` free units nearest the common border,
    and the rest of each zone as fixed connected pieces."""
    region = state.members[a] | state.members[b]
    free = _window(state, a, b, region, max_free)
    free_set = set(free)
    pieces: list[list[int]] = []
    piece_side: list[bool] = []
    seen: set[int] = set()
    for start in sorted(region - free_set):
        if start in seen:
            continue
        zone = state.lab[start]
        piece = _flood(state, start, lambda v, z=zone: v in region and v not in free_set
                       and state.lab[v] == z)  # fmt: skip
        seen.update(piece)
        pieces.append(piece)
        piece_side.append(zone == a)
    n_nodes = len(free) + len(pieces)
    if n_nodes > MAX_NODES:
        return None
    node_of = {u: i for i, u in enumerate(free)}
    for p, piece in enumerate(pieces):
        for u in piece:
            node_of[u] = len(free) + p
    return _measure_nodes(state, a, free, pieces, piece_side, node_of)


def _window(state: ZoneState, a: int, b: int, region: set[int], max_free: int) -> list[int]:
    """Up to ``max_free`` movable units of the pair, by distance from the common border."""
    border = [
        u
        for u in region
        if not state.fixed[u]
        and any(state.lab[v] == (b if state.lab[u] == a else a) for v in state.nbrs[u])
    ]
    dist = dict.fromkeys(border, 0)
    queue = deque(sorted(border))
    while queue:
        u = queue.popleft()
        for v in state.nbrs[u]:
            if v in region and v not in dist and not state.fixed[v]:
                dist[v] = dist[u] + 1
                queue.append(v)
    ranked = sorted(dist, key=lambda u: (dist[u], u))
    return ranked[:max_free]


def _flood(state: ZoneState, start: int, inside) -> list[int]:
    """Units connected to ``start`` through units where ``inside(v)`` holds."""
    seen = {start}
    stack = [start]
    while stack:
        u = stack.pop()
        for v in state.nbrs[u]:
            if v not in seen and inside(v):
                seen.add(v)
                stack.append(v)
    return sorted(seen)


def _measure_nodes(
    state: ZoneState,
    a: int,
    free: list[int],
    pieces: list[list[int]],
    piece_side: list[bool],
    node_of: dict[int, int],
) -> _Pair:
    """Weights, areas, perimeters and adjacency bits of the pair's nodes."""
    n_nodes = len(free) + len(pieces)
    groups = [[u] for u in free] + pieces
    w = np.array([sum(state.w[u] for u in g) for g in groups])
    area = np.array([sum(state.unit_area[u] for u in g) for g in groups])
    perim = np.array([sum(state.unit_perim[u] for u in g) for g in groups])
    shared: dict[tuple[int, int], float] = {}
    for u, i in node_of.items():
        for v, length in zip(state.nbrs[u], state.blen[u], strict=True):
            j = node_of.get(v)
            if j is None or u > v:
                continue
            if i == j:
                perim[i] -= 2 * length  # a border inside a fixed piece
            else:
                key = (min(i, j), max(i, j))
                shared[key] = shared.get(key, 0.0) + length
    nbr = np.zeros(n_nodes, dtype=np.uint64)
    for i, j in shared:
        nbr[i] |= np.uint64(1 << j)
        nbr[j] |= np.uint64(1 << i)
    fixed_a = sum(1 << (len(free) + p) for p, side in enumerate(piece_side) if side)
    current = sum(1 << i for i, u in enumerate(free) if state.lab[u] == a)
    edges = [(i, j, length) for (i, j), length in shared.items()]
    return _Pair(free, pieces, fixed_a, w, area, perim, nbr, edges, current)


def _sum_bits(masks: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Σ values[i] over the set bits i of each mask."""
    out = np.zeros(len(masks))
    for i, value in enumerate(values):
        if value:
            out += ((masks >> np.uint64(i)) & np.uint64(1)).astype(float) * value
    return out


def _fixed_sum(pair: _Pair, values: np.ndarray) -> float:
    """Σ values over the fixed pieces of side a."""
    return float(
        sum(values[pair.f + p] for p in range(len(pair.pieces)) if pair.fixed_a >> (pair.f + p) & 1)
    )


def _connected(side: np.ndarray, pair: _Pair) -> np.ndarray:
    """Whether the nodes of each mask form one connected piece (an empty mask counts)."""
    reach = side & (~side + np.uint64(1))  # the lowest node of each mask
    todo = np.flatnonzero(reach != side)
    while len(todo):
        r, s = reach[todo], side[todo]
        grown = r.copy()
        for i in range(pair.n_nodes):
            grown |= pair.nbr[i] * ((r >> np.uint64(i)) & np.uint64(1))
        grown &= s
        moved = grown != r
        reach[todo] = grown
        todo = todo[moved & (grown != s)]
    return reach == side


def _pp_pair(side_a: np.ndarray, side_b: np.ndarray, pair: _Pair) -> np.ndarray:
    """Σ Polsby–Popper of the two zones for each split."""
    return _pp(side_a, pair) + _pp(side_b, pair)


def _pp(side: np.ndarray, pair: _Pair) -> np.ndarray:
    area = _sum_bits(side, pair.area)
    perim = _sum_bits(side, pair.perim)
    for i, j, length in pair.edges:
        both = ((side >> np.uint64(i)) & (side >> np.uint64(j)) & np.uint64(1)).astype(float)
        perim -= 2 * length * both
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(perim > 0, 4 * math.pi * area / (perim * perim), 0.0)


def _apply(state: ZoneState, pair: _Pair, mask: int, a: int, b: int, reason: str) -> None:
    """Move the free units to the sides ``mask`` gives them (``reason`` as in
    :data:`zones.zoning.figures.REASONS`)."""
    for i, u in enumerate(pair.free):
        target = a if mask >> i & 1 else b
        if state.lab[u] != target:
            state.apply(u, target, reason)
