"""Step 2 of the solve, in CP-SAT: the full calendar model (who works which role on which day).

:func:`build_calendar` builds it for one of three uses: minimise the shortage (``bound=None``);
place given counts exactly; or minimise the spreads itself within a shortage bound. Only what
can matter is built: no variable for a role an officer's counts rule out, no rest window or
zone-head week an officer's most duty days cannot fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zones import columns as C
from zones.roster.fairness import spread_objective
from zones.roster.problem import Problem, Solution

if TYPE_CHECKING:  # ortools is imported where a model is built: it is slow to import
    from ortools.sat.python.cp_model import CpModel, CpSolver, IntVar


@dataclass
class Calendar:
    """A built calendar model and its variables."""

    model: CpModel
    x: dict[tuple[int, int, str], IntVar]  # (officer, day, role) -> on duty in that role
    # (officer, day) -> variables meaning "reward leave" (True: a free day is reward leave)
    reward: dict[tuple[int, int], list[IntVar | bool]]
    short: dict[tuple[int, str, bool], IntVar]  # (day, role, sworn) -> officers missing

    def solution(
        self, solver: CpSolver, problem: Problem, status: str, stopped_by: str
    ) -> Solution:
        """The roster ``solver`` found in this model."""
        missing = {key: int(solver.value(var)) for key, var in self.short.items()}
        return Solution(
            duty={(i, d): r for (i, d, r), v in self.x.items() if solver.boolean_value(v)},
            reward={
                key
                for key, found in self.reward.items()
                if any(v is True or solver.boolean_value(v) for v in found)
            },
            short=missing,
            short_cost=sum(problem.short_weight(r, s) * n for (_d, r, s), n in missing.items()),
            status=status,
            proven=status == "OPTIMAL",
            stopped_by=stopped_by,
        )


def build_calendar(
    problem: Problem,
    bound: int | None,
    counts: Mapping[tuple[int, str], int] | None = None,
    lower: int | None = None,
    stagger: bool = True,
) -> Calendar:
    """The full model. ``bound=None``: minimise the shortage. Else keep the shortage cost
    ≤ ``bound`` and either realise ``counts`` exactly or minimise the spreads (≥ ``lower``).
    ``stagger`` hints reward-leave blocks spread over the period (one after another).
    """
    from ortools.sat.python import cp_model

    build = _Builder(problem, cp_model.CpModel(), counts)
    build.reward_leave(stagger)
    build.one_slot_a_day()
    build.pattern()
    build.rest()
    build.goal(bound, lower)
    return Calendar(build.model, build.x, build.reward, build.short)


class _Builder:
    """Adds the calendar's variables and rules to ``model``, one kind at a time."""

    def __init__(
        self, problem: Problem, model: CpModel, counts: Mapping[tuple[int, str], int] | None
    ) -> None:
        self.problem = problem
        self.model = model
        self.counts = counts
        roles = problem.rules.roles
        self.x: dict[tuple[int, int, str], IntVar] = {}
        for i in problem.fair:
            mine = [r for r in roles if counts is None or counts[i, r] > 0]
            for d in problem.workable[i]:
                for r in mine:
                    self.x[i, d, r] = model.new_bool_var("")
        self.reward: dict[tuple[int, int], list[IntVar | bool]] = {}
        # (officer, day) -> the day's duty variables
        self.duty: dict[tuple[int, int], list[IntVar]] = {}
        self.on_day: list[list[int]] = [[] for _ in range(problem.rules.days)]
        self.short: dict[tuple[int, str, bool], IntVar] = {}

    def reward_leave(self, stagger: bool) -> None:
        """One block of consecutive free days (the solver picks where), else any free days;
        ``reward[i, d]`` lists the variables that put day d inside it."""
        problem, model = self.problem, self.model
        fair = set(problem.fair)
        for i, workable in enumerate(problem.workable):
            k = problem.reward_taken[i]
            if k == 0 or i not in fair:  # not counted: every free day is reward leave
                self.reward.update({(i, d): [True] for d in workable} if k else {})
                continue
            starts = problem.block_starts[i]
            if not starts:
                for d in workable:
                    self.reward[i, d] = [model.new_bool_var("")]
                model.add(sum(self.reward[i, d][0] for d in workable) == k)
                continue
            begin = {s: model.new_bool_var("") for s in starts}
            model.add_exactly_one(begin.values())
            for d in workable:
                self.reward[i, d] = [begin[s] for s in starts if s <= d < s + k]
            if stagger:  # suggest blocks one after another, so that not everybody is off at once
                for s, var in begin.items():
                    model.add_hint(var, s == problem.suggested[i])

    def one_slot_a_day(self) -> None:
        """At most one slot a day, none on reward leave."""
        roles = self.problem.rules.roles
        for i in self.problem.fair:
            for d in self.problem.workable[i]:
                cell = [self.x[i, d, r] for r in roles if (i, d, r) in self.x]
                if not cell:
                    continue
                off = [v for v in self.reward.get((i, d), []) if v is not True]
                if len(cell) + len(off) > 1:
                    self.model.add_at_most_one([*cell, *off])
                self.duty[i, d] = cell
                self.on_day[d].append(i)

    def pattern(self) -> None:
        """The pattern and the sworn officers every day, with slack for shortages."""
        rules, staff, x, model = self.problem.rules, self.problem.staff, self.x, self.model
        for d in range(rules.days):
            for r in rules.roles:
                self.short[d, r, False] = gap = model.new_int_var(0, rules.pattern[r], "")
                slots = [x[i, d, r] for i in self.on_day[d] if (i, d, r) in x]
                model.add(sum(slots) + gap == rules.pattern[r])
            for r, need in rules.sworn.items():
                self.short[d, r, True] = gap = model.new_int_var(0, need, "")
                sworn = [
                    x[i, d, r]
                    for i in self.on_day[d]
                    if staff.kinds[i] == C.POLICE and (i, d, r) in x
                ]
                model.add(sum(sworn) + gap >= need)

    def rest(self) -> None:
        """At most max_consecutive duty days in any max_consecutive + 1, and 7 − min_rest in
        any 7 (windows inside the period); zone heads: duty-free days every week."""
        problem, counts, model = self.problem, self.counts, self.model
        rules, roles = problem.rules, problem.rules.roles
        for i in problem.fair:
            most = sum(counts[i, r] for r in roles) if counts is not None else problem.caps[i]
            cells = [v for d in problem.workable[i] for v in self.duty.get((i, d), [])]
            if counts is None and len(cells) > most:
                model.add(sum(cells) <= most)  # implied by the rules: it lets them go
            for span, limit in rules.rest_windows:
                if most <= limit:
                    continue
                for begin in range(rules.days - span + 1):
                    self._at_most(i, begin, span, limit)
            if i not in problem.staff.heads:
                continue
            for begin in range(0, rules.days, 7):
                length, need = rules.head_need(begin)
                if need:
                    self._at_most(i, begin, length, length - need, most)

    def _at_most(self, i: int, begin: int, span: int, limit: int, most: int | None = None) -> None:
        """Officer ``i`` on duty at most ``limit`` days of ``span`` from ``begin`` (unless
        fewer cells, or ``most`` duty days in all, cannot exceed it)."""
        inside = [v for d in range(begin, begin + span) for v in self.duty.get((i, d), [])]
        reach = len(inside) if most is None else min(len(inside), most)
        if reach > limit:
            self.model.add(sum(inside) <= limit)

    def goal(self, bound: int | None, lower: int | None) -> None:
        """Minimise the shortage, or keep it ≤ ``bound`` and meet the counts or minimise the
        spreads (≥ ``lower``)."""
        problem, model, x = self.problem, self.model, self.x
        short_cost = sum(problem.short_weight(r, s) * v for (_d, r, s), v in self.short.items())
        if bound is None:
            model.minimize(short_cost)
            return
        model.add(short_cost <= bound)
        role_count = {
            (i, r): sum(x[i, d, r] for d in problem.workable[i] if (i, d, r) in x)
            for i in problem.fair
            for r in problem.rules.roles
        }
        if self.counts is not None:
            for key, expr in role_count.items():
                if self.counts[key]:
                    model.add(expr == self.counts[key])
            return
        objective = spread_objective(model, problem, role_count, fixed_total=bound == 0)
        if lower is not None:
            model.add(objective >= lower)
        model.minimize(objective)
