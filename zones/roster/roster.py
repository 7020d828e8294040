"""The daily duty roster (值班表): the "1+3+2" pattern, fair over weeks, leave honoured.

Each day a station staffs 1 call-taker (接警员), 3 responders (出警员) and 2 patrol officers
(巡逻员); :func:`plan_roster` spreads those slots over the station's officers for a period.

Rules (hard, unless the station is short of people: see *Shortage*):

- every day has exactly the pattern, and nobody holds two slots on one day;
- officers with ``available == False`` are never scheduled, nor is anybody on ``leave``;
- every officer takes his or her ``reward_leave_days`` (奖休) inside the period as **one block
  of consecutive days off**. The blocks are staggered through the period, one after another
  in officer order, so that few officers are away at once; the CP-SAT calendar moves a block
  when the staffing needs it. When leave splits the period so that no block fits, the days are
  taken wherever they fit; when fewer free days remain than are owed, every free day is reward
  leave (``summary.reward_leave_days`` is what was taken, ``reward_leave_owed`` what was owed);
- at least one sworn officer (``role == "police"``) among the responders every day:
  auxiliaries do not respond alone (``min_sworn`` makes this configurable);
- at most ``max_consecutive`` duty days in a row, and at least ``min_rest_per_week`` days off
  in every 7-day window of the period (days on leave are days off; days before ``start`` are
  not known and not counted);
- zone heads (片区长) are free of duty on at least ``head_free_days_per_week`` days of every
  week, counted in weeks from ``start`` (a final partial week of ``L`` days needs
  ``floor(N * L / 7)`` such days); days on leave count as duty-free.

**Fairness** is the objective, in this order: the spread (max − min) of duty days over all
officers, then the spread within each kind (sworn, auxiliary), then the spread per duty role
within each kind. The overall spread comes first so that duty is shared between sworn and
auxiliary officers too (minimising the spreads per kind alone would be met by giving all duty
to the sworn officers); when the sworn-responder rule makes sworn officers work more, the
spreads per kind keep each kind even. An officer on ``leave`` for part of the period is
credited with the duty an average officer does in that many days (rounded to whole days), so
nobody has to catch up in the days left; reward leave earns no credit (it is time owed, not
time away). Only officers with at least one day they could work are counted.

**Shortage**: when a day cannot be staffed (too few people, no sworn officer, or the rest rules
and leave leave nobody), ``on_shortage="raise"`` raises :class:`RosterShortageError`, naming
each day and the shortfall per role; ``on_shortage="flag"`` returns the roster that leaves the
fewest slots empty, with each empty slot as a row whose ``officer_id`` is missing, listed in
``RosterResult.shortages`` and ``metrics["flagged_days"]``. Slots are left empty in reverse
pattern order: patrol first, then responders, the call-taker last.

**Why CP-SAT** (OR-Tools): the rules are counting constraints over yes/no choices (slots per
day, sliding windows of days, blocks of leave) and the objective is a min–max spread. CP-SAT's
clause learning with an LP relaxation handles exactly this mix and proves the result optimal,
where a greedy rotation alone cannot meet the windows, the leave blocks and the spreads at once
and say how far from fair it is, and a MIP solver struggles with the symmetric 0/1 structure
(many interchangeable officers). The solve has two steps:

1. a small *counts* model (CP-SAT): duty days per officer and role, each officer capped by the
   rest rules and leave, no calendar. It finds the fairest counts and proves them optimal (its
   bound is valid for the full problem, since it is a relaxation);
2. the *calendar*: those exact counts placed on days. A greedy pass tries first (day by day,
   the slots go to the officers who most need the day, the roles by an optimal assignment that
   keeps a sworn responder; every rule is checked as it goes); if it gets stuck, the CP-SAT
   calendar model places the counts; if even that fails (leave crowding a few days, dense
   rest windows), the calendar model minimises the spreads itself, knowing the bound.

CP-SAT runs with ``num_workers`` ≤ 2 (one by default; two use its interleaved, deterministic
portfolio), a fixed ``random_seed`` and a limit of deterministic work that depends on the
problem's size only (:mod:`zones.roster.cpsat`), so the same inputs and seed give the same
roster on any machine, whatever ``time_limit_s``. ``time_limit_s`` is a wall-clock safety net:
``metrics["stopped_by"]`` says what ended the search (``proof``, ``deterministic_time`` or, on
a very slow machine, ``wall_clock``), and when the net stopped any step, the result carries a
``roster_wall_clock`` warning (``RosterResult.warnings``, ``table.attrs["warnings"]``): only
then may two runs differ. ``metrics["status"]`` is ``OPTIMAL`` when the spreads are proven the
smallest possible.

The DESIGN contract is :func:`plan_roster`, which returns the table (``date``, ``role``,
``officer_id``) with the fairness figures in ``table.attrs`` (JSON-ready dicts);
:func:`solve_roster` takes the same arguments and returns a :class:`RosterResult` that also
holds the per-officer summary, the shortages and the days off; :func:`write_roster` writes it
as CSV (UTF-8 with BOM) and XLSX with Chinese or English headers.

This module holds the two entry points; the pieces live beside it: :mod:`~zones.roster.rules`
(roles, pattern, checks), :mod:`~zones.roster.leave`, :mod:`~zones.roster.staff`,
:mod:`~zones.roster.shortages`, :mod:`~zones.roster.problem` (what the models need),
:mod:`~zones.roster.fairness` (the objective), :mod:`~zones.roster.counts` (step 1),
:mod:`~zones.roster.greedy` and :mod:`~zones.roster.calendar_model` (step 2),
:mod:`~zones.roster.cpsat` (running CP-SAT), :mod:`~zones.roster.solver` (the order of the
steps), :mod:`~zones.roster.result`, :mod:`~zones.roster.tables` and
:mod:`~zones.roster.files`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import pandas as pd

from zones.roster.counts import Counts
from zones.roster.cpsat import DEFAULT_TIME_LIMIT_S, DETERMINISTIC_SHARE
from zones.roster.files import write_roster
from zones.roster.leave import read_leave
from zones.roster.problem import Solution
from zones.roster.result import RosterResult, build_result
from zones.roster.rules import (
    CALL_TAKER,
    DATE,
    DEFAULT_MIN_SWORN,
    DEFAULT_PATTERN,
    KINDS,
    LEAVE,
    MAX_WORKERS,
    OFFICER_ID,
    PATROLLER,
    RESPONDER,
    REWARD_LEAVE,
    ROLE,
    SHORTAGE_COLUMNS,
    TABLE_COLUMNS,
    DateLike,
    LeaveInput,
    ProgressFn,
    RosterError,
    Rules,
    check_min_sworn,
    check_request,
    role_label,
)
from zones.roster.shortages import (
    RosterShortageError,
    Shortfall,
    headcount_shortages,
    shortage_lines,
    shortage_table,
)
from zones.roster.solver import RosterSolver
from zones.roster.staff import Staff
from zones.roster.tables import roster_tables

# the names this module held before it was split (zones.roster.roster keeps working)
__all__ = [
    "CALL_TAKER",
    "RESPONDER",
    "PATROLLER",
    "DEFAULT_PATTERN",
    "DEFAULT_MIN_SWORN",
    "DATE",
    "ROLE",
    "OFFICER_ID",
    "TABLE_COLUMNS",
    "SHORTAGE_COLUMNS",
    "KINDS",
    "LEAVE",
    "REWARD_LEAVE",
    "MAX_WORKERS",
    "DETERMINISTIC_SHARE",
    "ProgressFn",
    "DateLike",
    "LeaveInput",
    "RosterError",
    "RosterShortageError",
    "RosterResult",
    "plan_roster",
    "solve_roster",
    "read_leave",
    "shortage_lines",
    "role_label",
    "roster_tables",
    "write_roster",
]

_Solver = RosterSolver  # the names tests patch
_Counts = Counts


def plan_roster(
    officers: pd.DataFrame,
    start: DateLike,
    days: int,
    *,
    pattern: Mapping[str, int] | None = None,
    leave: LeaveInput = None,
    max_consecutive: int = 5,
    min_rest_per_week: int = 1,
    zone_heads: Iterable[str] | None = None,
    head_free_days_per_week: int = 2,
    min_sworn: Mapping[str, int] | None = None,
    seed: int = 0,
    on_shortage: str = "raise",
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    num_workers: int = 1,
    progress: ProgressFn | None = None,
) -> pd.DataFrame:
    """Plan the daily duty roster; return the table (``date``, ``role``, ``officer_id``).

    This is :func:`solve_roster` returning ``result.table`` only: the fairness figures, the
    duty days per officer and role, the shortages, the settings and any warnings are in
    ``table.attrs`` (JSON-ready dicts, see :meth:`RosterResult.attrs`). Parameters, rules and
    errors are those of :func:`solve_roster`.

    Returns
    -------
    pandas.DataFrame
        One row per day, duty role and slot; ``officer_id`` is missing for an unfilled slot.

    Examples
    --------
    >>> import zones
    >>> officers = zones.read_scenario(zones.SAMPLE_PATH).officers
    >>> table = zones.plan_roster(officers, "2025-03-03", 7)
    >>> len(table)  # 7 days x (1 + 3 + 2) slots
    42
    >>> table.attrs["metrics"]["spread"]["all"] <= 1
    True
    """
    return solve_roster(
        officers,
        start,
        days,
        pattern=pattern,
        leave=leave,
        max_consecutive=max_consecutive,
        min_rest_per_week=min_rest_per_week,
        zone_heads=zone_heads,
        head_free_days_per_week=head_free_days_per_week,
        min_sworn=min_sworn,
        seed=seed,
        on_shortage=on_shortage,
        time_limit_s=time_limit_s,
        num_workers=num_workers,
        progress=progress,
    ).table


def solve_roster(
    officers: pd.DataFrame,
    start: DateLike,
    days: int,
    *,
    pattern: Mapping[str, int] | None = None,
    leave: LeaveInput = None,
    max_consecutive: int = 5,
    min_rest_per_week: int = 1,
    zone_heads: Iterable[str] | None = None,
    head_free_days_per_week: int = 2,
    min_sworn: Mapping[str, int] | None = None,
    seed: int = 0,
    on_shortage: str = "raise",
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    num_workers: int = 1,
    progress: ProgressFn | None = None,
) -> RosterResult:
    """Plan the daily duty roster over ``days`` days from ``start`` (rules: module docstring).

    Parameters
    ----------
    officers
        The officers (``Scenario.officers``): ``officer_id`` (column, else the index),
        ``name``, ``role`` (``police``/``auxiliary``), optional ``available`` (missing means
        available) and ``reward_leave_days`` (missing means 0).
    start
        The first day: a date, or an ISO string such as ``"2025-03-03"``.
    days
        Number of days, at least 1.
    pattern
        Slots per duty role and day, in priority order (default
        ``{"call_taker": 1, "responder": 3, "patroller": 2}``); other role names may be used.
    leave
        Days officers are away: ``{officer_id: [dates]}``, or a table with ``officer_id`` and
        either ``date`` or ``start``/``end`` (inclusive; see :func:`read_leave`). Days outside
        the period are ignored.
    max_consecutive
        Most duty days in a row (≥ 1).
    min_rest_per_week
        Fewest days off in every 7-day window (0 … 6).
    zone_heads
        Officer ids of zone heads, kept free of duty ``head_free_days_per_week`` days a week.
    head_free_days_per_week
        Duty-free days per week for each zone head (0 … 7).
    min_sworn
        Fewest sworn officers per duty role and day; default ``{"responder": 1}`` when the
        pattern has responders (auxiliaries do not respond alone); ``{}`` turns it off.
    seed
        CP-SAT's ``random_seed``: the same inputs and seed give the same roster.
    on_shortage
        ``"raise"`` (default) raises :class:`RosterShortageError` when a day cannot be staffed;
        ``"flag"`` returns the roster with the fewest empty slots, each one a row without
        ``officer_id``, listed in ``shortages``.
    time_limit_s
        Wall-clock safety net of the whole solve, in seconds (default 60). The search's
        effort is a deterministic work limit set by the problem's size, the same on every
        machine; this net only stops a search that a slow or overloaded machine has not
        finished, and says so with a ``roster_wall_clock`` warning.
    num_workers
        CP-SAT workers: 1 (default, sequential) or 2 (interleaved portfolio; deterministic too).
    progress
        Called as ``progress(fraction, message)`` between steps.

    Returns
    -------
    RosterResult

    Raises
    ------
    RosterShortageError
        With ``on_shortage="raise"``, when some day cannot be staffed.
    RosterError
        When the request is wrong: bad pattern, dates or limits, leave or zone heads naming
        unknown officers, officers with a role other than police/auxiliary.
    """
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    checked, dates = check_request(
        pattern=pattern,
        start=start,
        days=days,
        max_consecutive=max_consecutive,
        min_rest_per_week=min_rest_per_week,
        head_free_days_per_week=head_free_days_per_week,
        seed=seed,
        on_shortage=on_shortage,
        time_limit_s=time_limit_s,
        num_workers=num_workers,
    )
    staff = Staff.build(officers, dates, leave, zone_heads)
    rules = Rules(
        pattern=checked,
        sworn=check_min_sworn(min_sworn, checked),
        days=int(days),
        max_consecutive=int(max_consecutive),
        min_rest=int(min_rest_per_week),
        head_free=int(head_free_days_per_week),
    )
    settings = _settings(rules, staff, dates)
    settings.update(
        seed=int(seed),
        on_shortage=on_shortage,
        time_limit_s=float(time_limit_s),
        num_workers=int(num_workers),
    )
    report(0.0, "check")
    forced = headcount_shortages(staff, rules)
    if forced and on_shortage == "raise":
        raise RosterShortageError(shortage_table(forced, dates, rules))
    solver = RosterSolver(staff, rules, seed=int(seed), workers=int(num_workers), progress=report)
    deadline = started + float(time_limit_s)
    solution = _solve(solver, forced, on_shortage == "raise", deadline, dates)
    report(1.0, "done")
    return build_result(staff, rules, dates, solution, solver, settings, started)


def _settings(rules: Rules, staff: Staff, dates: pd.DatetimeIndex) -> dict[str, object]:
    """The request's rules as JSON-ready settings (the search's own settings are added)."""
    return {
        "start": dates[0].date().isoformat(),
        "days": rules.days,
        "pattern": dict(rules.pattern),
        "leave": {
            staff.ids[i]: [dates[d].date().isoformat() for d in sorted(away)]
            for i, away in enumerate(staff.leave)
            if away
        },
        "max_consecutive": rules.max_consecutive,
        "min_rest_per_week": rules.min_rest,
        "zone_heads": [staff.ids[i] for i in sorted(staff.heads)],
        "head_free_days_per_week": rules.head_free,
        "min_sworn": dict(rules.sworn),
    }


def _solve(
    solver: RosterSolver,
    forced: list[Shortfall],
    raise_short: bool,
    deadline: float,
    dates: pd.DatetimeIndex,
) -> Solution:
    """The fairest fully staffed roster; else (``raise_short`` False) the fairest of those
    with the fewest empty slots. :class:`RosterShortageError` when short and ``raise_short``."""
    solution = None if forced else solver.fairest(0, deadline)
    if solution is not None:
        return solution
    best = solver.fewest_missing(deadline)
    if best is None:  # leaving every slot empty is always allowed: only a limit lands here
        limit = "time_limit_reached" if solver.wall_clock_steps else "work_limit"
        raise RosterError(code=f"roster.{limit}")
    if best.short_cost == 0:  # fully staffed after all, though the spreads were not solved
        return best
    if raise_short:
        table = shortage_table(best.shortages(), dates, solver.rules)
        raise RosterShortageError(table, proven=best.proven)
    return solver.fairest(best.short_cost, deadline, hint=best) or best
