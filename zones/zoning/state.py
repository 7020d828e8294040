"""The local search's only state: labels, zone loads, members and shapes, updated move by move.

:class:`ZoneState` works on integer positions and plain lists (fast single-element access); the
measures the search ranks moves by (Φ, Polsby–Popper, cut length) are computed incrementally.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from zones.zoning.graph import UnitGraph

Progress = Callable[[float, str], None]

BAND_SLACK = 1e-12  # a zone this far outside the tolerance band still counts as inside (rounding)
PHI_MIN_FALL = 1e-15  # smallest fall of Φ that counts as an improvement, not rounding noise


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
        # where a zone's load would best sit inside its band: the target, except where units
        # heavier than a zone leave the others a smaller share (see feasibility.pin_heavy)
        self.centre: list[float] = list(self.target)
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

    def within(self, tol: float) -> bool:
        """True when every zone is within ``tol`` of its target (up to rounding)."""
        return self.max_dev() <= tol + BAND_SLACK

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
        return self._reaches_all(u, seen, local - seen)

    def _reaches_all(self, u: int, seen: set[int], remaining: set[int]) -> bool:
        """Global test: a breadth-first search inside ``u``'s zone from ``seen``, avoiding
        ``u``, reaches every unit of ``remaining``."""
        a = self.lab[u]
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


def copy_state(state: ZoneState) -> ZoneState:
    """A fresh state with the same labels and settings (moves not copied)."""
    fresh = ZoneState(
        state.graph,
        np.asarray(state.w),
        state.labels(),
        np.asarray(state.target),
        fixed=np.asarray(state.fixed),
        unit_group=np.asarray(state.ugroup),
        zone_group=np.asarray(state.zgroup),
    )
    fresh.centre = list(state.centre)
    return fresh


def phi(state: ZoneState) -> float:
    """Σ ((L_z − T_z) / T_z)² over zones."""
    return sum(state.rel_dev(z) ** 2 for z in range(state.k))


def total_pp(state: ZoneState) -> float:
    """Σ Polsby–Popper over zones."""
    return sum(state.pp(z) for z in range(state.k))
