"""Step 2 of the solve without CP-SAT: place the counts on days greedily, when that works.

Reward leave takes the staggered blocks; then day by day, the slots go to the officers who most
need the day to reach their counts (duty left ÷ days left), the roles by an optimal assignment
(scipy's ``linear_sum_assignment``) that keeps a sworn responder. Every rule is checked as it
goes, so a roster it returns keeps them all; when it gets stuck it gives up (None) and the
CP-SAT calendar model takes over.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from zones import columns as C
from zones.roster.problem import Problem, Solution

IMPOSSIBLE = 1e9  # the cost of a slot an officer may not take
Slot = tuple[str, bool]  # (role, sworn only)


def greedy_calendar(problem: Problem, counts: Mapping[tuple[int, str], int]) -> Solution | None:
    """Place exactly ``counts`` on days without CP-SAT, or None when the greedy gets stuck."""
    rules = problem.rules
    if any(not problem.block_starts[i] for i in problem.block_starts):
        return None
    off = {
        (i, d) for i, s in problem.suggested.items() for d in range(s, s + problem.reward_taken[i])
    }
    days = _Days(problem, counts, off)
    for d in range(rules.days):
        if not days.staff_day(d):
            return None
    reward = set(off)
    reward |= {
        (i, d)
        for i, workable in enumerate(problem.workable)
        if problem.reward_taken[i] and i not in problem.suggested
        for d in workable
    }
    short = {(d, r, s): 0 for d in range(rules.days) for r in rules.roles for s in (False, True)}
    return Solution(days.duty, reward, short, 0, "FEASIBLE", False, "greedy")


class _Days:
    """The greedy's state as it goes through the days."""

    def __init__(
        self,
        problem: Problem,
        counts: Mapping[tuple[int, str], int],
        off: set[tuple[int, int]],
    ) -> None:
        rules, staff = problem.rules, problem.staff
        self.problem = problem
        self.left = {key: n for key, n in counts.items() if n}
        self.total = {i: sum(counts[i, r] for r in rules.roles) for i in problem.fair}
        self.open_days: list[list[int]] = [[] for _ in range(rules.days)]
        self.remaining = dict.fromkeys(problem.fair, 0)
        for i in problem.fair:
            for d in problem.workable[i]:
                if (i, d) not in off:
                    self.open_days[d].append(i)
                    self.remaining[i] += 1
        # slots of a day: sworn ones first (only sworn officers), then the rest of the pattern
        self.slots: list[Slot] = []
        for r in rules.roles:
            sworn = rules.sworn.get(r, 0)
            self.slots += [(r, True)] * sworn + [(r, False)] * (rules.pattern[r] - sworn)
        self.worked: dict[int, list[int]] = {i: [] for i in problem.fair}
        self.police = [i for i in problem.fair if staff.kinds[i] == C.POLICE]
        self.duty: dict[tuple[int, int], str] = {}

    def staff_day(self, d: int) -> bool:
        """Fill day ``d``'s slots; False when the greedy is stuck."""
        from scipy.optimize import linear_sum_assignment

        problem, staff = self.problem, self.problem.staff
        pool = [
            i
            for i in self.open_days[d]
            if self.total[i] > 0 and may_work(problem, i, d, self.worked[i])
        ]
        if len(pool) < len(self.slots):
            return False
        spare = self._spare(d)
        cost = self._costs(pool, spare)
        rows, cols = linear_sum_assignment(cost)
        if len(rows) < len(self.slots) or (cost[rows, cols] >= IMPOSSIBLE).any():
            return False
        for r in spare:  # never more sworn officers in ordinary slots than the spare
            ordinary = sum(
                1
                for row, col in zip(rows, cols, strict=True)
                if self.slots[row] == (r, False) and staff.kinds[pool[col]] == C.POLICE
            )
            if ordinary > spare[r]:
                return False
        for row, col in zip(rows, cols, strict=True):
            i, r = pool[col], self.slots[row][0]
            self.duty[i, d] = r
            self.left[i, r] -= 1
            self.total[i] -= 1
            self.worked[i].append(d)
        for i in self.open_days[d]:
            self.remaining[i] -= 1
            if self.total[i] > self.remaining[i]:
                return False
        return True

    def _spare(self, d: int) -> dict[str, int]:
        """Per sworn role: the duty in that role that sworn officers hold beyond the sworn
        slots of the days left (what they may spend on its ordinary slots)."""
        rules = self.problem.rules
        return {
            r: sum(self.left.get((i, r), 0) for i in self.police) - (rules.days - d) * need
            for r, need in rules.sworn.items()
        }

    def _costs(self, pool: list[int], spare: Mapping[str, int]) -> np.ndarray:
        """Cost of each slot (row) for each officer of ``pool`` (column): the more urgent, the
        cheaper. Sworn officers take an ordinary slot of a sworn role only with the spare (and
        reluctantly when the spare is short of the ordinary slots)."""
        rules, staff = self.problem.rules, self.problem.staff
        cost = np.full((len(self.slots), len(pool)), IMPOSSIBLE)
        for col, i in enumerate(pool):
            urgency = self.total[i] / self.remaining[i]
            is_police = staff.kinds[i] == C.POLICE
            for row, (r, sworn) in enumerate(self.slots):
                if not self.left.get((i, r), 0) or (sworn and not is_police):
                    continue
                penalty = 0.0
                if is_police and not sworn and r in spare:
                    if spare[r] <= 0:
                        continue
                    penalty = 1e6 if spare[r] < rules.pattern[r] - rules.sworn[r] else 0.0
                cost[row, col] = penalty - (1000.0 * urgency + self.left[i, r] / self.remaining[i])
        return cost


def may_work(problem: Problem, i: int, d: int, worked: list[int]) -> bool:
    """Whether a duty on day ``d`` keeps officer ``i``'s rest rules and zone-head weeks."""
    rules = problem.rules
    if rules.days > rules.max_consecutive:
        run = 0
        while run < len(worked) and worked[-1 - run] == d - 1 - run:
            run += 1
        if run >= rules.max_consecutive:
            return False
    if rules.min_rest and rules.days >= 7:
        recent = sum(1 for day in worked[-7:] if day > d - 7)
        if recent + 1 > 7 - rules.min_rest:
            return False
    if i in problem.staff.heads:
        begin = d - d % 7
        length, need = rules.head_need(begin)
        if sum(1 for day in worked[-7:] if day >= begin) + 1 > length - need:
            return False
    return True
