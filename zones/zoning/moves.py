"""The moves the balance search makes on a :class:`~zones.zoning.state.ZoneState`.

Each move function either applies a change that lowers Φ = Σ ((L_z − T_z) / T_z)² and returns
True, or leaves the state as it was and returns False. Every move keeps each zone connected.

- :func:`best_single_move`: one boundary unit into or out of a zone, ranked by Φ gain, border
  change and (in minimal-change mode) the number of changed units;
- :func:`best_swap`: two units across one border, for a smaller net transfer;
- :func:`ejection_chain`: load passed along a path of zones, one unit per step;
- :func:`kick`: random boundary moves that let an iterated search leave a local optimum.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from zones.zoning.state import PHI_MIN_FALL, ZoneState, phi

CHANGE_COST = 1.0  # minimal-change mode: score of one unit changed from (or back to) its zone
NEED_FLOOR = 1e-12  # smallest squared deviation a move's Φ gain is divided by (a zone on target)
CHAIN_MAX_PATHS = 12  # zone paths an ejection chain tries, nearest and neediest first
CHAIN_UNIT_CANDIDATES = 20  # units per chain step tested for contiguity, closest weight first


def best_single_move(
    state: ZoneState, a: int, scale: float, compact_weight: float, previous: np.ndarray | None
) -> bool:
    """Apply the best Φ-decreasing single move into or out of zone ``a``; False if none."""
    over = state.rel_dev(a) > 0
    need = state.rel_dev(a) ** 2 or NEED_FLOOR
    candidates: list[tuple[float, int, int]] = []
    for u, src, dst in _single_moves(state, a, over):
        d_phi = state.phi_delta(src, dst, state.w[u])
        if d_phi < -PHI_MIN_FALL:
            score = move_score(state, u, dst, d_phi, need, scale, compact_weight, previous)
            candidates.append((score, u, dst))
    candidates.sort()
    for _, u, b in candidates:
        if state.can_leave(u):
            reason = "over" if over else "under"
            state.apply(u, b, f"{reason}:{a}")
            return True
    return False


def _single_moves(state: ZoneState, a: int, over: bool) -> list[tuple[int, int, int]]:
    """Candidate moves ``(unit, from zone, to zone)``: out of ``a`` when it is over its target,
    into ``a`` from its neighbouring zones when it is under."""
    if over:
        return [(u, a, b) for u in state.boundary(a) for b in state.neighbour_zones(u)]
    sources = {
        state.lab[v]
        for u in state.members[a]
        for v in state.nbrs[u]
        if state.lab[v] != a and state.zgroup[state.lab[v]] == state.zgroup[a]
    }
    return [
        (u, c, a)
        for c in sorted(sources)
        for u in state.boundary(c)
        if a in state.neighbour_zones(u)
    ]


def move_score(
    state: ZoneState,
    u: int,
    b: int,
    d_phi: float,
    need: float,
    scale: float,
    compact_weight: float,
    previous: np.ndarray | None,
) -> float:
    """Rank of moving ``u`` to ``b`` (lower is better): the Φ gain relative to the zone's need,
    plus the weighted change of border length, plus or minus the changed units."""
    score = d_phi / need + compact_weight * state.cut_delta(u, b) / scale
    if previous is not None:
        if b == previous[u]:
            score -= CHANGE_COST  # returning home undoes a change
        elif state.lab[u] == previous[u]:
            score += CHANGE_COST  # leaving home adds a change
    return score


def best_swap(state: ZoneState, a: int) -> bool:
    """Swap two units across a border of zone ``a`` when the net transfer lowers Φ."""
    over = state.rel_dev(a) > 0
    best: tuple[float, int, int, int] | None = None
    for u in state.boundary(a):
        for b in state.neighbour_zones(u):
            if over == (state.rel_dev(b) > state.rel_dev(a)):
                continue
            for v in state.boundary(b):
                if a not in state.neighbour_zones(v):
                    continue
                net = state.w[u] - state.w[v] if over else state.w[v] - state.w[u]
                if net <= 0:
                    continue
                src, dst = (a, b) if over else (b, a)
                d_phi = state.phi_delta(src, dst, net)
                if d_phi < -PHI_MIN_FALL and (best is None or d_phi < best[0]):
                    best = (d_phi, u, v, b)
    if best is None:
        return False
    _, u, v, b = best
    # apply u → b, then v → a, checking connectivity at each step; undo on failure
    if not state.can_leave(u):
        return False
    state.apply(u, b, f"swap:{a}")
    if state.lab[v] == b and a in {state.lab[x] for x in state.nbrs[v]} and state.can_leave(v):
        state.apply(v, a, f"swap:{a}")
        return True
    # undo the first half
    state.apply(u, a, "undo")
    state.moves = state.moves[:-2]
    return False


def zone_graph(state: ZoneState) -> dict[int, set[int]]:
    """Which zones border which, within their nesting groups."""
    adjacent: dict[int, set[int]] = {z: set() for z in range(state.k)}
    for z in range(state.k):
        for u in state.members[z]:
            for v in state.nbrs[u]:
                zv = state.lab[v]
                if zv != z and state.zgroup[zv] == state.zgroup[z]:
                    adjacent[z].add(zv)
    return adjacent


def ejection_chain(state: ZoneState, a: int, max_paths: int = CHAIN_MAX_PATHS) -> bool:
    """Pass load along a path of zones: a → b → … → z, one boundary unit per step.

    For an over-loaded ``a`` the path ends in an under-loaded zone (and the other way round);
    each step moves the unit whose weight is closest to the wanted transfer. The chain is kept
    only if Φ falls; otherwise every step is undone.
    """
    over = state.rel_dev(a) > 0
    parent, ends = _chain_ends(state, a, over)
    before = phi(state)
    for end in ends[:max_paths]:
        path = [end]
        while parent[path[-1]] != -1:
            path.append(parent[path[-1]])
        path.reverse()  # a … end
        if not over:
            path.reverse()  # load flows from the heavy end towards a
        if _pass_along(state, path, a, before):
            return True
    return False


def _chain_ends(state: ZoneState, a: int, over: bool) -> tuple[dict[int, int], list[int]]:
    """Breadth-first tree of zones from ``a`` (parent per zone), and the zones a chain may end
    in (under-loaded for an over-loaded ``a``, and the other way round), nearest first."""
    adjacent = zone_graph(state)
    parent = {a: -1}
    order = [a]
    queue = deque([a])
    while queue:
        x = queue.popleft()
        for y in sorted(adjacent[x]):
            if y not in parent:
                parent[y] = x
                order.append(y)
                queue.append(y)
    ends = [z for z in order[1:] if (state.rel_dev(z) < 0) == over]
    ends.sort(key=lambda z: (_depth(parent, z), state.rel_dev(z) if over else -state.rel_dev(z)))
    return parent, ends


def _pass_along(state: ZoneState, path: list[int], a: int, before: float) -> bool:
    """Move one unit along each step of ``path``; keep the chain if Φ fell below ``before``,
    else undo it."""
    src, dst = path[0], path[-1]
    want = min(state.load[src] - state.target[src], state.target[dst] - state.load[dst])
    if want <= 0:
        return False
    done = 0
    for x, y in zip(path, path[1:], strict=False):
        unit = _unit_towards(state, x, y, want)
        if unit < 0:
            break
        state.apply(unit, y, f"chain:{a}")
        done += 1
    if done == len(path) - 1 and phi(state) < before - PHI_MIN_FALL:
        return True
    for move in reversed(state.moves[-done:] if done else []):
        state.apply(move.unit, move.source, "undo")
    if done:
        del state.moves[-2 * done :]
    return False


def _depth(parent: dict[int, int], z: int) -> int:
    depth = 0
    while parent[z] != -1:
        z = parent[z]
        depth += 1
    return depth


def _unit_towards(state: ZoneState, x: int, y: int, want: float) -> int:
    """The boundary unit of ``x`` touching ``y`` with weight closest to ``want`` that can leave."""
    candidates = []
    for u in state.boundary(x):
        if any(state.lab[v] == y for v in state.nbrs[u]):
            candidates.append((abs(state.w[u] - want), u))
    candidates.sort()
    for _, u in candidates[:CHAIN_UNIT_CANDIDATES]:
        if state.can_leave(u):
            return u
    return -1


def kick(state: ZoneState, rng: np.random.Generator, size: int) -> None:
    """Move ``size`` random boundary units to a random neighbouring zone (contiguity kept)."""
    for _ in range(size):
        z = int(rng.integers(state.k))
        units = state.boundary(z)
        if not units:
            continue
        u = units[int(rng.integers(len(units)))]
        zones = sorted(state.neighbour_zones(u))
        if zones and state.can_leave(u):
            state.apply(u, zones[int(rng.integers(len(zones)))], "kick")
