"""Contiguity repair: after a start is pinned to its locks, every zone is made one piece again,
and every zone gets at least one unit.
"""

from __future__ import annotations

from collections import deque

from zones.zoning.state import ZoneState

REPAIR_ROUNDS = 50  # sweeps over all zones before repair_contiguity gives up
JOIN_BORDER_M = 1e-6  # border counted for a neighbour even when the pair shares no border (a
# join across a gap), so a stray piece touching only by a join is still absorbed


def zone_pieces(state: ZoneState, z: int) -> list[list[int]]:
    """The connected pieces of zone ``z`` (largest first by weight)."""
    pieces: list[list[int]] = []
    seen: set[int] = set()
    for s in sorted(state.members[z]):
        if s in seen:
            continue
        piece = [s]
        seen.add(s)
        queue = deque([s])
        while queue:
            x = queue.popleft()
            for y in state.nbrs[x]:
                if y not in seen and state.lab[y] == z:
                    seen.add(y)
                    piece.append(y)
                    queue.append(y)
        pieces.append(piece)
    pieces.sort(key=lambda p: (-sum(state.fixed[u] for u in p), -sum(state.w[u] for u in p), p[0]))
    return pieces


def repair_contiguity(state: ZoneState, max_rounds: int = REPAIR_ROUNDS) -> list[int]:
    """Make every zone one piece: stray pieces join the neighbour they share most border with,
    and stray locked units are connected by the shortest path of free units.

    Returns the zones that could not be made whole (see :func:`stray_units` for why).
    """
    for _ in range(max_rounds):
        changed = False
        broken: list[int] = []
        for z in range(state.k):
            pieces = zone_pieces(state, z)
            for piece in pieces[1:]:
                if any(state.fixed[u] for u in piece):
                    if _connect(state, z, piece, set(pieces[0])):
                        changed = True
                    else:
                        broken.append(z)
                    continue
                _absorb(state, z, piece)
                changed = True
        if not changed:
            return sorted(set(broken))
    return sorted({z for z in range(state.k) if len(zone_pieces(state, z)) > 1})


def stray_units(state: ZoneState, z: int) -> tuple[list[int], bool]:
    """The units of zone ``z`` outside its main piece, and whether any of them is locked (then
    the locks cannot be connected; otherwise the pieces touch no other zone they could join)."""
    stray = [u for piece in zone_pieces(state, z)[1:] for u in piece]
    return stray, any(state.fixed[u] for u in stray)


def _absorb(state: ZoneState, z: int, piece: list[int]) -> None:
    border: dict[int, float] = {}
    for u in piece:
        for v, length in zip(state.nbrs[u], state.blen[u], strict=True):
            zv = state.lab[v]
            if zv != z and state.zgroup[zv] == state.ugroup[u]:
                border[zv] = border.get(zv, 0.0) + length + JOIN_BORDER_M
    if not border:
        return
    target = max(sorted(border), key=lambda b: border[b])
    for u in piece:
        state.apply(u, target, "contiguity")


def _connect(state: ZoneState, z: int, piece: list[int], core: set[int]) -> bool:
    """Give zone ``z`` the shortest path of free units from ``piece`` to its core."""
    start = set(piece)
    parent: dict[int, int] = {}
    queue = deque(piece)
    seen = set(piece)
    while queue:
        x = queue.popleft()
        for y in state.nbrs[x]:
            if y in seen:
                continue
            if y in core:
                path = []
                while x not in start:
                    path.append(x)
                    x = parent[x]
                for u in path:
                    state.apply(u, z, "contiguity")
                return True
            if state.fixed[y] or state.ugroup[y] != state.ugroup[piece[0]]:
                continue
            seen.add(y)
            parent[y] = x
            queue.append(y)
    return False


def fill_empty_zones(state: ZoneState) -> None:
    """Give each empty zone one movable unit from the heaviest zone of its group."""
    for z in range(state.k):
        if state.members[z]:
            continue
        group = state.zgroup[z]
        donors = sorted(
            (
                zz
                for zz in range(state.k)
                if state.zgroup[zz] == group and len(state.members[zz]) > 1
            ),
            key=lambda zz: -state.load[zz],
        )
        for d in donors:
            movable = [
                u for u in sorted(state.members[d]) if not state.fixed[u] and state.can_leave(u)
            ]
            if movable:
                state.apply(movable[0], z, "seed")
                break
