"""The fairness objective that the CP-SAT models minimise.

The spread (max − min) of duty days over everybody, then the spread within each kind (sworn,
auxiliary), then the spread per duty role within each kind: lexicographic through the weights.
Duty days include the leave credit (:class:`zones.roster.problem.Problem`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

from zones.roster.problem import Problem
from zones.roster.rules import KINDS

if TYPE_CHECKING:  # ortools is imported where a model is built: it is slow to import
    from ortools.sat.python.cp_model import CpModel, IntVar, LinearExpr

# (officer, role) -> duty days: numbers (a hint) or CP-SAT variables and sums. Any: the same
# arithmetic serves both (a max over numbers, a sum over variables), which no one type does
CountMap: TypeAlias = Mapping[tuple[int, str], Any]
Load: TypeAlias = Callable[[int, CountMap], Any]


def spread_objective(
    model: CpModel,
    problem: Problem,
    role_count: CountMap,
    fixed_total: bool,
    hint: Mapping[tuple[int, str], int] | None = None,
) -> LinearExpr | int:
    """The weighted spreads of ``role_count`` (CP-SAT expressions) to minimise in ``model``.

    ``fixed_total``: every slot is filled, so the total duty is known (a tighter model).
    ``hint`` (counts per officer and role) hints the spreads' bound variables too.
    """
    rules, staff, roles = problem.rules, problem.staff, problem.rules.roles
    top = rules.days + max([*problem.credit.values(), 0]) + 1

    def load(i: int, count: CountMap) -> Any:
        return sum(count[i, r] for r in roles) + problem.credit[i]

    def role_load(r: str) -> Load:
        return lambda i, count: count[i, r] + problem.role_credit[i, r]

    def spread(members: list[int], value: Load, total: int | None = None) -> LinearExpr | int:
        return _spread(model, members, value, role_count, top, total, hint)

    total = None
    if fixed_total:
        total = rules.days * sum(rules.pattern.values()) + sum(problem.credit.values())
    overall = spread(problem.fair, load, total)
    groups = {k: [i for i in problem.fair if staff.kinds[i] == k] for k in KINDS}
    by_kind = sum(spread(groups[k], load) for k in KINDS)
    by_role = sum(spread(groups[k], role_load(r)) for k in KINDS for r in roles)
    w_kind = 2 * len(roles) * top + 1
    w_all = w_kind * (2 * top + 1)
    return w_all * overall + w_kind * by_kind + by_role


def _spread(
    model: CpModel,
    members: list[int],
    value: Load,
    role_count: CountMap,
    top: int,
    total: int | None,
    hint: Mapping[tuple[int, str], int] | None,
) -> LinearExpr | int:
    """max − min of ``value`` over ``members``, as bound variables in ``model`` (0 for < 2)."""
    if len(members) < 2:
        return 0
    hi, lo = model.new_int_var(0, top, ""), model.new_int_var(0, top, "")
    for i in members:
        model.add(hi >= value(i, role_count))
        model.add(lo <= value(i, role_count))
    # max ≥ mean ≥ min: with whole days, an uneven total forces a spread of one
    whole: IntVar | int  # the members' total duty: known, or a variable
    if total is None:
        whole = model.new_int_var(0, top * len(members), "")
        model.add(whole == sum(value(i, role_count) for i in members))
    else:
        whole = total
    model.add(hi * len(members) >= whole)
    model.add(lo * len(members) <= whole)
    if hint is not None:
        values = [value(i, hint) for i in members]
        model.add_hint(hi, max(values))
        model.add_hint(lo, min(values))
    return hi - lo
