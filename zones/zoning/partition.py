"""The zoning engine on arrays: a METIS start, then local search for balance and compactness.

Everything here works on integer positions, a :class:`~zones.zoning.graph.UnitGraph` and numpy
arrays (the public wrapper, :func:`zones.plan_zones`, converts GeoDataFrames once).

1. **Start**: METIS (``pymetis``, contiguous k-way, vertex weights = workload, edge weights =
   shared border length, so a small cut means short zone borders), per nesting group; or the
   previous plan; then locked units are pinned and every zone is made one piece again.
2. **Balance**: move boundary units from heavier to lighter neighbouring zones while the
   potential Φ = Σ ((L_z − T_z) / T_z)² strictly falls, worst zone first, preferring moves that
   shorten zone borders. Donor zones must stay connected. When single moves stall, swaps of two
   units across a border move smaller net amounts.
3. **Compactness**: move boundary units to the neighbouring zone they share the most border with,
   whenever that shortens the total cut and keeps both zones within tolerance.

Every move keeps each zone connected (only the donor can split; it is checked by a local test,
then a breadth-first search bounded by the zone). Deterministic for a seed.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from zones.zoning.graph import UnitGraph

Progress = Callable[[float, str], None]


@dataclass
class Move:
    """One unit moved by the search: position, from zone, to zone, and why."""

    unit: int
    source: int
    target: int
    reason: str


class ZoneState:
    """Labels, zone loads and members, updated move by move (the search's only state)."""

    def __init__(
        self,
        graph: UnitGraph,
        weights: np.ndarray,
        labels: np.ndarray,
        targets: np.ndarray,
        *,
        fixed: np.ndarray,
        unit_group: np.ndarray,
        zone_group: np.ndarray,
    ) -> None:
        n = graph.n
        self.graph = graph
        self.nbrs: list[list[int]] = [
            graph.indices[graph.indptr[i] : graph.indptr[i + 1]].tolist() for i in range(n)
        ]
        self.blen: list[list[float]] = [
            graph.border_m[graph.indptr[i] : graph.indptr[i + 1]].tolist() for i in range(n)
        ]
        self.w: list[float] = weights.astype(float).tolist()
        self.lab: list[int] = labels.astype(int).tolist()
        self.k = len(targets)
        self.target: list[float] = targets.astype(float).tolist()
        self.fixed: list[bool] = fixed.astype(bool).tolist()
        self.ugroup: list[int] = unit_group.astype(int).tolist()
        self.zgroup: list[int] = zone_group.astype(int).tolist()
        self.load = [0.0] * self.k
        self.members: list[set[int]] = [set() for _ in range(self.k)]
        self.unit_area: list[float] = graph.area_m2.tolist()
        self.unit_perim: list[float] = graph.perimeter_m.tolist()
        self.area = [0.0] * self.k
        self.perim = [0.0] * self.k
        for u, z in enumerate(self.lab):
            self.load[z] += self.w[u]
            self.members[z].add(u)
            self.area[z] += self.unit_area[u]
            self.perim[z] += self.unit_perim[u]
        for u, z in enumerate(self.lab):
            for v, length in zip(self.nbrs[u], self.blen[u], strict=True):
                if self.lab[v] == z:
                    self.perim[z] -= length  # each internal border is met from both sides
        self.moves: list[Move] = []

    # ---- measures --------------------------------------------------------------------------
    def rel_dev(self, z: int) -> float:
        """(L_z − T_z) / T_z."""
        t = self.target[z]
        return (self.load[z] - t) / t if t > 0 else 0.0

    def max_dev(self) -> float:
        """Largest |relative deviation| over zones."""
        return max(abs(self.rel_dev(z)) for z in range(self.k))

    def borders(self, u: int, b: int) -> tuple[float, float]:
        """Border length of ``u`` with its own zone and with zone ``b``."""
        a = self.lab[u]
        to_a = to_b = 0.0
        for v, length in zip(self.nbrs[u], self.blen[u], strict=True):
            zv = self.lab[v]
            if zv == a:
                to_a += length
            elif zv == b:
                to_b += length
        return to_a, to_b

    def pp(self, z: int) -> float:
        """Polsby–Popper of zone ``z`` (4πA/P²)."""
        p = self.perim[z]
        return 4 * math.pi * self.area[z] / (p * p) if p > 0 else 0.0

    def pp_delta(self, u: int, b: int) -> float:
        """Change of Σ Polsby–Popper if ``u`` moved from its zone to ``b``."""
        a = self.lab[u]
        to_a, to_b = self.borders(u, b)
        au, pu = self.unit_area[u], self.unit_perim[u]
        pa = self.perim[a] - pu + 2 * to_a
        pb = self.perim[b] + pu - 2 * to_b
        new_a = 4 * math.pi * (self.area[a] - au) / (pa * pa) if pa > 0 else 0.0
        new_b = 4 * math.pi * (self.area[b] + au) / (pb * pb) if pb > 0 else 0.0
        return new_a + new_b - self.pp(a) - self.pp(b)

    def cut_delta(self, u: int, b: int) -> float:
        """Change of the total cut length if ``u`` moved to zone ``b`` (negative: shorter)."""
        to_a, to_b = self.borders(u, b)
        return to_a - to_b

    def phi_delta(self, a: int, b: int, w: float) -> float:
        """Change of Σ((L−T)/T)² when weight ``w`` moves from zone ``a`` to ``b``."""
        ta, tb = self.target[a], self.target[b]
        la, lb = self.load[a], self.load[b]
        return (
            ((la - w - ta) / ta) ** 2
            - ((la - ta) / ta) ** 2
            + ((lb + w - tb) / tb) ** 2
            - ((lb - tb) / tb) ** 2
        )

    def neighbour_zones(self, u: int) -> set[int]:
        """Zones other than ``u``'s that ``u`` touches, within ``u``'s nesting group."""
        a = self.lab[u]
        group = self.ugroup[u]
        return {
            self.lab[v]
            for v in self.nbrs[u]
            if self.lab[v] != a and self.zgroup[self.lab[v]] == group
        }

    def boundary(self, z: int) -> list[int]:
        """Movable units of zone ``z`` that touch another zone of the same group (sorted)."""
        out = []
        for u in self.members[z]:
            if self.fixed[u]:
                continue
            group = self.ugroup[u]
            for v in self.nbrs[u]:
                zv = self.lab[v]
                if zv != z and self.zgroup[zv] == group:
                    out.append(u)
                    break
        out.sort()
        return out

    # ---- contiguity --------------------------------------------------------------------
    def can_leave(self, u: int) -> bool:
        """True when zone ``lab[u]`` stays one non-empty connected piece without ``u``."""
        a = self.lab[u]
        if len(self.members[a]) <= 1:
            return False
        same = [v for v in self.nbrs[u] if self.lab[v] == a]
        if len(same) <= 1:
            return len(same) == 1
        # local test: are the same-zone neighbours connected among themselves?
        local = set(same)
        seen = {same[0]}
        stack = [same[0]]
        while stack:
            x = stack.pop()
            for y in self.nbrs[x]:
                if y in local and y not in seen:
                    seen.add(y)
                    stack.append(y)
        if len(seen) == len(local):
            return True
        # global test: breadth-first search inside the zone, avoiding u
        remaining = local - seen
        queue = deque(seen)
        visited = set(seen)
        visited.add(u)
        lab = self.lab
        while queue:
            x = queue.popleft()
            for y in self.nbrs[x]:
                if y not in visited and lab[y] == a:
                    if y in remaining:
                        remaining.discard(y)
                        if not remaining:
                            return True
                    visited.add(y)
                    queue.append(y)
        return False

    # ---- moving ------------------------------------------------------------------------
    def apply(self, u: int, b: int, reason: str) -> None:
        """Move unit ``u`` to zone ``b``."""
        a = self.lab[u]
        to_a, to_b = self.borders(u, b)
        self.perim[a] += -self.unit_perim[u] + 2 * to_a
        self.perim[b] += self.unit_perim[u] - 2 * to_b
        self.area[a] -= self.unit_area[u]
        self.area[b] += self.unit_area[u]
        self.lab[u] = b
        self.load[a] -= self.w[u]
        self.load[b] += self.w[u]
        self.members[a].discard(u)
        self.members[b].add(u)
        self.moves.append(Move(u, a, b, reason))

    def labels(self) -> np.ndarray:
        """Current labels as an array."""
        return np.asarray(self.lab, dtype=np.int64)


# --------------------------------------------------------------------------------------------
# balance
# --------------------------------------------------------------------------------------------


def _zone_perimeter_scale(state: ZoneState) -> float:
    total = float(np.sum(state.graph.border_m)) / 2.0
    return max(total / max(state.k, 1), 1.0)


def balance(
    state: ZoneState,
    tol: float,
    *,
    previous: np.ndarray | None = None,
    compact_weight: float = 3.0,
    max_steps: int | None = None,
    progress: Progress | None = None,
) -> bool:
    """Move units until every zone is within ``tol`` of its target, or no move helps.

    With ``previous`` labels (minimal-change mode), leaving a unit's previous zone costs one
    change and returning to it saves one, so the search moves as few units as it can.

    Returns True when every zone ended within tolerance.
    """
    scale = _zone_perimeter_scale(state)
    steps = 0
    limit = max_steps if max_steps is not None else 50 * state.graph.n + 1000
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
            _best_single_move(state, a, scale, compact_weight, previous)
            or _best_swap(state, a)
            or _ejection_chain(state, a)
        ):
            steps += 1
            # a stuck zone is tried again only when the moves touched it or its neighbours: a
            # zone that cannot improve (e.g. one unit heavier than the band) is not searched
            # again after every move elsewhere, which made lumpy inputs take minutes
            if stuck:
                stuck -= _touched(state, state.moves[done:])
            if progress and steps % 200 == 0:
                now = state.max_dev()
                done = 1.0 - min(1.0, max(now - tol, 0) / max(start_dev - tol, 1e-9))
                progress(done, f"balance {now:.2%}")
        else:
            stuck.add(a)
    return state.max_dev() <= tol + 1e-12


def _touched(state: ZoneState, moves: list[Move]) -> set[int]:
    """Zones whose load or border the moves changed: both ends and the moved units' neighbours."""
    zones: set[int] = set()
    for move in moves:
        zones.add(move.source)
        zones.add(move.target)
        zones.update(state.lab[v] for v in state.nbrs[move.unit])
    return zones


def _best_single_move(
    state: ZoneState, a: int, scale: float, compact_weight: float, previous: np.ndarray | None
) -> bool:
    """Apply the best Φ-decreasing single move into or out of zone ``a``; False if none."""
    over = state.rel_dev(a) > 0
    need = state.rel_dev(a) ** 2 or 1e-12
    candidates: list[tuple[float, int, int]] = []
    if over:
        for u in state.boundary(a):
            w = state.w[u]
            for b in state.neighbour_zones(u):
                d_phi = state.phi_delta(a, b, w)
                if d_phi < -1e-15:
                    candidates.append(
                        (_score(state, u, b, d_phi, need, scale, compact_weight, previous), u, b)
                    )
    else:
        sources = {
            state.lab[v]
            for u in state.members[a]
            for v in state.nbrs[u]
            if state.lab[v] != a and state.zgroup[state.lab[v]] == state.zgroup[a]
        }
        for c in sorted(sources):
            for u in state.boundary(c):
                if a not in state.neighbour_zones(u):
                    continue
                d_phi = state.phi_delta(c, a, state.w[u])
                if d_phi < -1e-15:
                    candidates.append(
                        (_score(state, u, a, d_phi, need, scale, compact_weight, previous), u, a)
                    )
    candidates.sort()
    for _, u, b in candidates:
        if state.can_leave(u):
            reason = "over" if over else "under"
            state.apply(u, b, f"{reason}:{a}")
            return True
    return False


def _score(
    state: ZoneState,
    u: int,
    b: int,
    d_phi: float,
    need: float,
    scale: float,
    compact_weight: float,
    previous: np.ndarray | None,
) -> float:
    score = d_phi / need + compact_weight * state.cut_delta(u, b) / scale
    if previous is not None:
        if b == previous[u]:
            score -= 1.0  # returning home undoes a change
        elif state.lab[u] == previous[u]:
            score += 1.0  # leaving home adds a change
    return score


def _best_swap(state: ZoneState, a: int) -> bool:
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
                if d_phi < -1e-15 and (best is None or d_phi < best[0]):
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


def kick_and_balance(
    state: ZoneState, tol: float, rng: np.random.Generator, *, kicks: int, size: int = 3
) -> ZoneState:
    """Iterated local search for balance: when moves stall, make a few random boundary moves
    (a kick), balance again, and keep the result only if Φ fell. Returns the best state."""
    best = state
    best_phi = phi(state)
    for _ in range(kicks):
        if best.max_dev() <= tol + 1e-12:
            break
        trial = copy_state(best)
        _kick(trial, rng, size)
        balance(trial, tol, max_steps=20 * trial.graph.n + 200)
        value = phi(trial)
        if value < best_phi - 1e-15:
            best, best_phi = trial, value
    return best


def _kick(state: ZoneState, rng: np.random.Generator, size: int) -> None:
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


def copy_state(state: ZoneState) -> ZoneState:
    """A fresh state with the same labels and settings (moves not copied)."""
    return ZoneState(
        state.graph,
        np.asarray(state.w),
        state.labels(),
        np.asarray(state.target),
        fixed=np.asarray(state.fixed),
        unit_group=np.asarray(state.ugroup),
        zone_group=np.asarray(state.zgroup),
    )


def total_pp(state: ZoneState) -> float:
    """Σ Polsby–Popper over zones."""
    return sum(state.pp(z) for z in range(state.k))


def polish(
    state: ZoneState, tol: float, rng: np.random.Generator, *, rounds: int, size: int = 4
) -> ZoneState:
    """Iterated local search for compactness: kick a few boundary units, balance, compact, and
    keep the result when every zone is within ``tol`` and Σ Polsby–Popper rose."""
    best = state
    best_pp = total_pp(state) if state.max_dev() <= tol + 1e-12 else -1.0
    for _ in range(rounds):
        trial = copy_state(best)
        _kick(trial, rng, size)
        balance(trial, tol, max_steps=20 * trial.graph.n + 200)
        if trial.max_dev() > tol + 1e-12:
            continue
        compact(trial, tol, rng, max_passes=10)
        value = total_pp(trial)
        if value > best_pp + 1e-12:
            best, best_pp = trial, value
    return best


def phi(state: ZoneState) -> float:
    """Σ ((L_z − T_z) / T_z)² over zones."""
    return sum(state.rel_dev(z) ** 2 for z in range(state.k))


def _zone_graph(state: ZoneState) -> dict[int, set[int]]:
    adjacent: dict[int, set[int]] = {z: set() for z in range(state.k)}
    for z in range(state.k):
        for u in state.members[z]:
            for v in state.nbrs[u]:
                zv = state.lab[v]
                if zv != z and state.zgroup[zv] == state.zgroup[z]:
                    adjacent[z].add(zv)
    return adjacent


def _ejection_chain(state: ZoneState, a: int, max_paths: int = 12) -> bool:
    """Pass load along a path of zones: a → b → … → z, one boundary unit per step.

    For an over-loaded ``a`` the path ends in an under-loaded zone (and the other way round);
    each step moves the unit whose weight is closest to the wanted transfer. The chain is kept
    only if Φ falls; otherwise every step is undone.
    """
    over = state.rel_dev(a) > 0
    adjacent = _zone_graph(state)
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
    before = phi(state)
    for end in ends[:max_paths]:
        path = [end]
        while parent[path[-1]] != -1:
            path.append(parent[path[-1]])
        path.reverse()  # a … end
        if not over:
            path.reverse()  # load flows from the heavy end towards a
        src, dst = path[0], path[-1]
        want = min(state.load[src] - state.target[src], state.target[dst] - state.load[dst])
        if want <= 0:
            continue
        done = 0
        for x, y in zip(path, path[1:], strict=False):
            unit = _unit_towards(state, x, y, want)
            if unit < 0:
                break
            state.apply(unit, y, f"chain:{a}")
            done += 1
        if done == len(path) - 1 and phi(state) < before - 1e-15:
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
    for _, u in candidates[:20]:
        if state.can_leave(u):
            return u
    return -1


# --------------------------------------------------------------------------------------------
# compactness
# --------------------------------------------------------------------------------------------


def compact(
    state: ZoneState,
    tol: float,
    rng: np.random.Generator,
    *,
    max_passes: int = 30,
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
            a = state.lab[u]
            w = state.w[u]
            best_b, best_gain = -1, 1e-9
            for b in state.neighbour_zones(u) if state.load[a] - w >= lower[a] - 1e-9 else ():
                if keep_previous is not None and b != keep_previous[u]:
                    continue
                if state.load[b] + w > upper[b] + 1e-9:
                    continue
                gain = state.pp_delta(u, b)
                if gain > best_gain:
                    best_b, best_gain = b, gain
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


# --------------------------------------------------------------------------------------------
# contiguity repair (after pinning locked units)
# --------------------------------------------------------------------------------------------


def anneal(
    state: ZoneState,
    tol: float,
    rng: np.random.Generator,
    *,
    iterations: int,
    keep_previous: np.ndarray | None = None,
) -> np.ndarray:
    """Simulated annealing on Σ Polsby–Popper with a soft balance penalty; returns the best
    labels seen with every zone within ``tol`` (the current labels when none was better).

    Only single boundary moves that keep zones connected are proposed; zones may leave the
    tolerance band for a while, which lets the search cross between balanced shapes that single
    in-band moves cannot connect.
    """
    k = state.k

    def excess(z: int) -> float:
        return max(0.0, abs(state.rel_dev(z)) - tol) / max(tol, 1e-3)

    def feasible() -> bool:
        return all(abs(state.rel_dev(z)) <= tol + 1e-12 for z in range(k))

    penalty = 0.005 / k
    best_labels = state.labels()
    best_pp = sum(state.pp(z) for z in range(k)) if feasible() else -1.0
    movable = [u for u in range(len(state.lab)) if not state.fixed[u]]
    if not movable or iterations <= 0:
        return best_labels
    temp0, temp1 = 0.005 / k, 0.0002 / k
    for it in range(iterations):
        temp = temp0 * (temp1 / temp0) ** (it / iterations)
        u = movable[int(rng.integers(len(movable)))]
        zones = state.neighbour_zones(u)
        if not zones:
            continue
        if keep_previous is not None:
            continue
        b = sorted(zones)[int(rng.integers(len(zones)))]
        a = state.lab[u]
        w = state.w[u]
        before = excess(a) + excess(b)
        d_pp = state.pp_delta(u, b)
        la, lb = state.load[a], state.load[b]
        ta, tb = state.target[a], state.target[b]
        after = (
            max(0.0, abs((la - w - ta) / ta) - tol) + max(0.0, abs((lb + w - tb) / tb) - tol)
        ) / max(tol, 1e-3)
        delta = -d_pp / k + penalty * (after - before)
        if delta > 0 and rng.random() >= math.exp(-delta / temp):
            continue
        if not state.can_leave(u):
            continue
        state.apply(u, b, "anneal")
        if delta < 0 and feasible():
            total = sum(state.pp(z) for z in range(k))
            if total > best_pp:
                best_pp = total
                best_labels = state.labels()
    state.moves.clear()
    return best_labels


def _compact_swap(state: ZoneState, u: int, lower: list[float], upper: list[float]) -> bool:
    """Move ``u`` to a neighbouring zone and take back a unit of similar weight, when the pair
    raises Σ Polsby–Popper and both zones stay within their bounds."""
    a = state.lab[u]
    wu = state.w[u]
    for b in sorted(state.neighbour_zones(u)):
        first = state.pp_delta(u, b)
        if first <= 1e-9:
            continue
        options = []
        for v in state.boundary(b):
            if v == u or not any(state.lab[x] == a for x in state.nbrs[v]):
                continue
            wv = state.w[v]
            la = state.load[a] - wu + wv
            lb = state.load[b] + wu - wv
            if (
                lower[a] - 1e-9 <= la <= upper[a] + 1e-9
                and lower[b] - 1e-9 <= lb <= upper[b] + 1e-9
            ):
                options.append(v)
        if not options or not state.can_leave(u):
            continue
        state.apply(u, b, "compact")
        best_v, best_gain = -1, 1e-9
        for v in options:
            if state.lab[v] != b:
                continue
            gain = (
                first + state.pp_delta(v, a)
                if any(state.lab[x] == a for x in state.nbrs[v])
                else -1.0
            )
            if gain > best_gain:
                best_v, best_gain = v, gain
        if best_v >= 0 and state.can_leave(best_v):
            state.apply(best_v, a, "compact")
            return True
        state.apply(u, a, "undo")
        del state.moves[-2:]
    return False


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


def repair_contiguity(state: ZoneState, max_rounds: int = 50) -> list[int]:
    """Make every zone one piece: stray pieces join the neighbour they share most border with,
    and stray locked units are connected by the shortest path of free units.

    Returns the zones that could not be made whole (their locked units cannot be connected).
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


def _absorb(state: ZoneState, z: int, piece: list[int]) -> None:
    border: dict[int, float] = {}
    for u in piece:
        for v, length in zip(state.nbrs[u], state.blen[u], strict=True):
            zv = state.lab[v]
            if zv != z and state.zgroup[zv] == state.ugroup[u]:
                border[zv] = border.get(zv, 0.0) + length + 1e-6
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


def is_contiguous(graph: UnitGraph, labels: np.ndarray, k: int | None = None) -> np.ndarray:
    """Per zone 0…k−1, whether its units form exactly one connected piece (an empty zone is
    not contiguous)."""
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    if k is None:
        k = int(labels.max()) + 1 if len(labels) else 0
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    same = labels[rows] == labels[graph.indices]
    matrix = sparse.csr_matrix(
        (np.ones(same.sum()), (rows[same], graph.indices[same])), shape=(graph.n, graph.n)
    )
    _, comp = connected_components(matrix, directed=False)
    pieces = np.zeros(k, dtype=np.int64)
    for z in range(k):
        pieces[z] = len(np.unique(comp[labels == z]))
    return pieces == 1


def zone_shapes(graph: UnitGraph, labels: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Area (m²) and perimeter (m) per zone, from unit areas, perimeters and shared borders."""
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    inner = labels[rows] == labels[graph.indices]
    area = np.bincount(labels, weights=graph.area_m2, minlength=k)
    perimeter = np.bincount(labels, weights=graph.perimeter_m, minlength=k)
    shared = np.bincount(labels[rows[inner]], weights=graph.border_m[inner], minlength=k)
    return area, perimeter - shared  # each internal border is counted from both sides


def polsby_popper(graph: UnitGraph, labels: np.ndarray, k: int) -> np.ndarray:
    """Polsby–Popper 4πA/P² per zone."""
    area, perimeter = zone_shapes(graph, labels, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(perimeter > 0, 4 * math.pi * area / perimeter**2, 0.0)
