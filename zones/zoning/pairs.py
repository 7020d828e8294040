"""Two neighbouring zones as bit-mask nodes, for exact re-splitting.

A *pair* is the units of two zones: up to ``max_free`` units near their common border whose side
is free (bits 0 … f−1) and the rest as fixed connected pieces that stay on their side (one
node each). Every split of the free units is then a number below ``2**f``; loads, connectivity
(vectorised reachability over the nodes' neighbour bits) and Polsby–Popper are computed for all
splits at once with numpy. Used by :mod:`~zones.zoning.recombine` and :mod:`~zones.zoning.chains`.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import numpy as np

from zones.zoning.state import ZoneState

MAX_FREE = 12  # units of a pair whose side is chosen freely (2**MAX_FREE splits scored)
MAX_NODES = 63  # free units plus fixed pieces must fit the bits of one uint64


@dataclass
class Pair:
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


def splits(pair: Pair) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every split of ``pair``: the masks of the free units on side a, the load of side a, and
    the node bits of side a and side b (fixed pieces included)."""
    masks = np.arange(1 << pair.f, dtype=np.uint64)
    load_a = sum_bits(masks, pair.w[: pair.f]) + fixed_sum(pair, pair.w)
    side_a = masks | np.uint64(pair.fixed_a)
    side_b = np.uint64((1 << pair.n_nodes) - 1) & ~side_a
    return masks, load_a, side_a, side_b


def whole(side_a: np.ndarray, side_b: np.ndarray, pair: Pair) -> np.ndarray:
    """Whether both sides of each split are non-empty and connected."""
    return (side_a != 0) & (side_b != 0) & connected(side_a, pair) & connected(side_b, pair)


def build_pair(state: ZoneState, a: int, b: int, max_free: int = MAX_FREE) -> Pair | None:
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
) -> Pair:
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
    return Pair(free, pieces, fixed_a, w, area, perim, nbr, edges, current)


def sum_bits(masks: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Σ values[i] over the set bits i of each mask."""
    out = np.zeros(len(masks))
    for i, value in enumerate(values):
        if value:
            out += ((masks >> np.uint64(i)) & np.uint64(1)).astype(float) * value
    return out


def fixed_sum(pair: Pair, values: np.ndarray) -> float:
    """Σ values over the fixed pieces of side a."""
    return float(
        sum(values[pair.f + p] for p in range(len(pair.pieces)) if pair.fixed_a >> (pair.f + p) & 1)
    )


def connected(side: np.ndarray, pair: Pair) -> np.ndarray:
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


def pp_pair(side_a: np.ndarray, side_b: np.ndarray, pair: Pair) -> np.ndarray:
    """Σ Polsby–Popper of the two zones for each split."""
    return _pp(side_a, pair) + _pp(side_b, pair)


def _pp(side: np.ndarray, pair: Pair) -> np.ndarray:
    area = sum_bits(side, pair.area)
    perim = sum_bits(side, pair.perim)
    for i, j, length in pair.edges:
        both = ((side >> np.uint64(i)) & (side >> np.uint64(j)) & np.uint64(1)).astype(float)
        perim -= 2 * length * both
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(perim > 0, 4 * math.pi * area / (perim * perim), 0.0)


def apply_split(state: ZoneState, pair: Pair, mask: int, a: int, b: int, reason: str) -> None:
    """Move the free units to the sides ``mask`` gives them (``reason`` as in
    :data:`zones.zoning.figures.REASONS`)."""
    for i, u in enumerate(pair.free):
        target = a if mask >> i & 1 else b
        if state.lab[u] != target:
            state.apply(u, target, reason)
