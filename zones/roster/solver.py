"""The order of the solve's steps: counts, then the calendar (greedy, else CP-SAT), and the
fallbacks when they fail (see :mod:`zones.roster.roster` for the whole story)."""

from __future__ import annotations

from collections.abc import Mapping

from zones.roster.calendar_model import Calendar, build_calendar
from zones.roster.counts import Counts, fairest_counts
from zones.roster.cpsat import (
    SHARE_CALENDAR,
    SHARE_FAIRNESS,
    SHARE_SHORTAGE,
    SatRunner,
    work_limit,
)
from zones.roster.greedy import greedy_calendar
from zones.roster.problem import Problem, Solution
from zones.roster.rules import ProgressFn, Rules
from zones.roster.staff import Staff


class RosterSolver:
    """The roster's steps over one :class:`~zones.roster.problem.Problem`.

    CP-SAT runs through a :class:`~zones.roster.cpsat.SatRunner` whose work limit comes from
    the problem's size; ``deadline`` (a ``time.perf_counter()`` time) is the wall-clock
    safety net of every step.
    """

    def __init__(
        self, staff: Staff, rules: Rules, *, seed: int, workers: int, progress: ProgressFn
    ) -> None:
        self.staff = staff
        self.rules = rules
        self.problem = Problem(staff, rules)
        work = work_limit(len(self.problem.fair), rules.days)
        self.runner = SatRunner(work, seed=seed, workers=workers, progress=progress)

    @property
    def fair(self) -> list[int]:
        """Officers counted in the fairness figures."""
        return self.problem.fair

    @property
    def credit(self) -> dict[int, int]:
        """Duty days credited for leave, per counted officer."""
        return self.problem.credit

    @property
    def wall_clock_steps(self) -> list[str]:
        """Steps the wall-clock safety net stopped (empty when the answer is reproducible)."""
        return self.runner.wall_clock_steps

    def counts(self, bound: int, deadline: float) -> Counts | None:
        """The fairest duty days per officer and role, no calendar; None when infeasible."""
        return fairest_counts(self.problem, bound, self.runner, deadline)

    def greedy_calendar(self, counts: Mapping[tuple[int, str], int]) -> Solution | None:
        """Place exactly ``counts`` on days without CP-SAT, or None when the greedy gets stuck."""
        return greedy_calendar(self.problem, counts)

    def solve_calendar(
        self, calendar: Calendar, deadline: float, share: float, step: str
    ) -> tuple[Solution | None, str]:
        """Solve a calendar model: the roster found (or None) and CP-SAT's status."""
        solver, status, stopped_by = self.runner.run(calendar.model, deadline, share, step)
        if status not in ("OPTIMAL", "FEASIBLE"):
            return None, status
        return calendar.solution(solver, self.problem, status, stopped_by), status

    def fewest_missing(self, deadline: float) -> Solution | None:
        """The roster with the lowest shortage cost, fairness ignored."""
        calendar = build_calendar(self.problem, None)
        solution, _ = self.solve_calendar(calendar, deadline, SHARE_SHORTAGE, "gaps")
        return solution

    def fairest(self, bound: int, deadline: float, hint: Solution | None = None) -> Solution | None:
        """The fairest roster with shortage cost ≤ ``bound``; None when there is none.

        The counts first; then they are placed by the greedy (bound 0 only), else by the
        CP-SAT calendar; when neither places them, the calendar model minimises the spreads
        itself, knowing the counts' bound (and starting from ``hint``).
        """
        counts = self.counts(bound, deadline)
        if counts is None:  # even the counts cannot be met: no roster within the bound
            return None
        if counts.values:
            found = self._place(counts, bound, deadline)
            if found is not None:  # the counts are met: as fair as the counts model proved
                found.proven = counts.optimal
                found.status = "OPTIMAL" if counts.optimal else "FEASIBLE"
                found.stopped_by = counts.stopped_by
                return found
        lower = counts.bound if counts.values else None
        calendar = build_calendar(self.problem, bound, lower=lower, stagger=hint is None)
        if hint is not None:
            for (i, d, r), var in calendar.x.items():
                calendar.model.add_hint(var, hint.duty.get((i, d)) == r)
        found, status = self.solve_calendar(calendar, deadline, SHARE_FAIRNESS, "fairness")
        if found is None and status == "INFEASIBLE":
            return None
        return found or hint

    def _place(self, counts: Counts, bound: int, deadline: float) -> Solution | None:
        """The counts on days: by the greedy when nothing is short, else (or when it gets
        stuck) by the CP-SAT calendar model."""
        if bound == 0:
            found = self.greedy_calendar(counts.values)
            if found is not None:
                return found
        calendar = build_calendar(self.problem, bound, counts=counts.values)
        found, _ = self.solve_calendar(calendar, deadline, SHARE_CALENDAR, "calendar")
        return found
