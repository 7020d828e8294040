"""Step 1 of the solve: the fairest duty days per officer and role, without a calendar.

A small CP-SAT model: each officer's duty days are capped by the rest rules and leave
(:attr:`zones.roster.problem.Problem.caps`), no days are placed. It is a relaxation of the full
problem, so its bound on the spreads holds for every roster. A water-filling guess
(:func:`greedy_counts`) hints it.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

from zones import columns as C
from zones.roster.cpsat import SHARE_COUNTS, SatRunner
from zones.roster.fairness import spread_objective
from zones.roster.problem import Problem

CountValues = dict[tuple[int, str], int]  # (officer, role) -> duty days


@dataclass
class Counts:
    """The counts found: empty ``values`` when none were; ``bound`` on the objective."""

    values: CountValues
    optimal: bool
    bound: int
    stopped_by: str


def fairest_counts(
    problem: Problem, bound: int, runner: SatRunner, deadline: float
) -> Counts | None:
    """The fairest counts with a shortage cost ≤ ``bound``; None when there are none."""
    from ortools.sat.python import cp_model

    rules, staff = problem.rules, problem.staff
    model = cp_model.CpModel()
    c = {
        (i, r): model.new_int_var(0, min(problem.caps[i], rules.days * rules.pattern[r]), "")
        for i in problem.fair
        for r in rules.roles
    }
    for i in problem.fair:
        model.add(sum(c[i, r] for r in rules.roles) <= problem.caps[i])
    # alike officers are interchangeable: order them by their totals
    for members in problem.classes():
        for a, b in zip(members, members[1:], strict=False):
            model.add(sum(c[a, r] for r in rules.roles) >= sum(c[b, r] for r in rules.roles))
    missing = {}
    for r in rules.roles:
        need = rules.days * rules.pattern[r]
        missing[r, False] = model.new_int_var(0, need, "")
        model.add(sum(c[i, r] for i in problem.fair) + missing[r, False] == need)
    for r, need in rules.sworn.items():
        total = rules.days * need
        missing[r, True] = model.new_int_var(0, total, "")
        sworn = [c[i, r] for i in problem.fair if staff.kinds[i] == C.POLICE]
        model.add(sum(sworn) + missing[r, True] >= total)
    model.add(sum(problem.short_weight(r, s) * v for (r, s), v in missing.items()) <= bound)
    guess = greedy_counts(problem) if bound == 0 else None
    model.minimize(spread_objective(model, problem, c, fixed_total=bound == 0, hint=guess))
    if guess is not None:
        for key, value in guess.items():
            model.add_hint(c[key], value)
        for var in missing.values():
            model.add_hint(var, 0)
    solver, status, stopped_by = runner.run(model, deadline, SHARE_COUNTS, "counts")
    if status == "INFEASIBLE":
        return None
    if status not in ("OPTIMAL", "FEASIBLE"):
        return Counts({}, False, 0, stopped_by)
    values = {key: int(solver.value(var)) for key, var in c.items()}
    bound_value = int(math.ceil(solver.best_objective_bound - 1e-6))
    return Counts(values, status == "OPTIMAL", bound_value, stopped_by)


def greedy_counts(problem: Problem) -> CountValues:
    """A fair first guess at the counts, by water-filling (a hint for CP-SAT).

    The sworn slots go to the least-loaded sworn officers first, then every other slot to
    the least-loaded officer with room; the roles are then dealt out the same way.
    """
    rules, staff = problem.rules, problem.staff
    police = [i for i in problem.fair if staff.kinds[i] == C.POLICE]
    total = dict.fromkeys(problem.fair, 0)
    _fill(problem, total, police, sum(rules.days * n for n in rules.sworn.values()))
    _fill(
        problem, total, problem.fair, rules.days * sum(rules.pattern.values()) - sum(total.values())
    )
    counts = {(i, r): 0 for i in problem.fair for r in rules.roles}
    room = dict(total)
    for r, n in rules.sworn.items():
        _deal(problem, counts, room, r, police, rules.days * n)
    for r in rules.roles:
        units = rules.days * rules.pattern[r] - sum(counts[i, r] for i in problem.fair)
        _deal(problem, counts, room, r, problem.fair, units)
    # follow the model's symmetry breaking: alike officers in non-increasing total order
    for members in problem.classes():
        vectors = sorted(
            (tuple(counts[i, r] for r in rules.roles) for i in members),
            key=lambda v: (sum(v), v),
            reverse=True,
        )
        for i, vector in zip(members, vectors, strict=True):
            counts.update({(i, r): v for r, v in zip(rules.roles, vector, strict=True)})
    return counts


def _fill(problem: Problem, total: dict[int, int], members: list[int], units: int) -> None:
    """Give ``units`` duty days one by one to the least-loaded of ``members`` with room."""
    heap = [(total[i] + problem.credit[i], i) for i in members if total[i] < problem.caps[i]]
    heapq.heapify(heap)
    for _ in range(units):
        if not heap:
            return
        _, i = heapq.heappop(heap)
        total[i] += 1
        if total[i] < problem.caps[i]:
            heapq.heappush(heap, (total[i] + problem.credit[i], i))


def _deal(
    problem: Problem,
    counts: CountValues,
    room: dict[int, int],
    role: str,
    members: list[int],
    units: int,
) -> None:
    """Deal ``units`` days of ``role`` to ``members``: fewest in that role, most room first."""

    def key(i: int) -> tuple[int, int, int]:
        return (counts[i, role] + problem.role_credit[i, role], -room[i], i)

    heap = [key(i) for i in members if room[i] > 0]
    heapq.heapify(heap)
    while units > 0 and heap:
        i = heapq.heappop(heap)[2]
        counts[i, role] += 1
        room[i] -= 1
        units -= 1
        if room[i] > 0:
            heapq.heappush(heap, key(i))
