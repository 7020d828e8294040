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
portfolio), a fixed ``random_seed`` and a deterministic time budget (40% of the wall-clock share
of each step), so the same inputs and seed give the same roster; ``time_limit_s`` caps the wall
clock, and ``metrics["stopped_by"]`` says what ended the search (``proof``,
``deterministic_time`` or, on a very slow machine, ``wall_clock``: only then may two runs
differ). ``metrics["status"]`` is ``OPTIMAL`` when the spreads are proven the smallest possible.

The DESIGN contract is :func:`plan_roster`, which returns the table (``date``, ``role``,
``officer_id``) with the fairness figures in ``table.attrs`` (JSON-ready dicts);
:func:`solve_roster` takes the same arguments and returns a :class:`RosterResult` that also
holds the per-officer summary, the shortages and the days off; :func:`write_roster` writes it
as CSV (UTF-8 with BOM) and XLSX with Chinese or English headers.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from zones import columns as C
from zones.errors import ZonePlannerError
from zones.i18n import DEFAULT_LANG, TEXTS, t
from zones.writers import write_csv, write_xlsx

CALL_TAKER = "call_taker"
RESPONDER = "responder"
PATROLLER = "patroller"
DEFAULT_PATTERN: Mapping[str, int] = {CALL_TAKER: 1, RESPONDER: 3, PATROLLER: 2}
DEFAULT_MIN_SWORN: Mapping[str, int] = {RESPONDER: 1}

DATE = "date"
ROLE = "role"
OFFICER_ID = C.OFFICER_ID
TABLE_COLUMNS: tuple[str, ...] = (DATE, ROLE, OFFICER_ID)
SHORTAGE_COLUMNS: tuple[str, ...] = (DATE, ROLE, "missing", "sworn")

# the kinds of officer that duty is shared fairly within
KINDS: tuple[str, ...] = (C.POLICE, C.AUXILIARY)
LEAVE = "leave"
REWARD_LEAVE = "reward_leave"

MAX_WORKERS = 2
DETERMINISTIC_SHARE = 0.4  # deterministic seconds per wall-clock second of a step's budget
# shares of the time left that each step may use
SHARE_COUNTS, SHARE_CALENDAR, SHARE_FAIRNESS, SHARE_SHORTAGE = 0.25, 0.5, 0.7, 0.8

ProgressFn = Callable[[float, str], None]
DateLike = str | dt.date | dt.datetime | pd.Timestamp | np.datetime64
LeaveInput = Mapping[str, Iterable[DateLike] | DateLike] | pd.DataFrame | None


class RosterError(ZonePlannerError):
    """The roster request itself is wrong (bad pattern, unknown officers, bad dates, …)."""


class RosterShortageError(RosterError):
    """Some days cannot be staffed with the pattern.

    ``str(error)`` lists every day in Chinese and English
    (``2025-03-04: 缺 1 名出警员 / short 1 responder``); :meth:`message` gives one language
    with the fix; ``shortages`` is the table (``date``, ``role``, ``missing``, ``sworn``);
    ``proven`` is False when the time limit ended the search before the shortfall was proven
    unavoidable.
    """

    def __init__(self, shortages: pd.DataFrame, *, proven: bool = True) -> None:
        self.shortages = shortages
        self.proven = proven
        zh, en = _shortage_lines(shortages, "zh"), _shortage_lines(shortages, "en")
        lines = [f"{day}: {a} / {b}" for (day, a), (_, b) in zip(zh, en, strict=True)]
        header = f"{self._header('zh')} / {self._header('en')}"
        super().__init__("\n".join([header, *lines]))

    def _header(self, lang: str) -> str:
        key = "roster.shortage" if self.proven else "roster.shortage_unproven"
        return t(key, lang, days=int(self.shortages[DATE].nunique()))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """The error in ``lang`` ("zh" or "en"): a header, one line per day, and the fix."""
        lines = shortage_lines(self.shortages, lang)
        return "\n".join([self._header(lang), *lines, t("roster.shortage_fix", lang)])


@dataclass(frozen=True, eq=False)
class RosterResult:
    """The outcome of :func:`solve_roster`.

    Attributes
    ----------
    table
        One row per day, duty role and slot: ``date`` (datetime64), ``role`` (a pattern key:
        ``call_taker``/``responder``/``patroller`` by default) and ``officer_id`` (missing for a
        slot left empty with ``on_shortage="flag"``); sorted by date, pattern order and
        officer. ``table.attrs`` holds :meth:`attrs`.
    summary
        One row per officer given (unavailable ones too): ``officer_id``, ``name``, ``role``
        (police/auxiliary), ``available``, ``zone_head``, ``duty_days``, one column per duty
        role of the pattern (days in that role), ``leave_days``, ``reward_leave_days`` (taken
        in the period), ``reward_leave_owed``, ``fair`` (counted in the fairness figures).
    shortages
        Unfilled needs: ``date``, ``role``, ``missing``, ``sworn`` (True: the responders lack
        a sworn officer, though the slots are filled). Empty when every day is fully staffed.
    time_off
        Days off the roster honours: ``date``, ``officer_id``, ``reason`` (``leave`` /
        ``reward_leave``).
    metrics
        JSON-ready figures: ``spread`` (max − min duty days over ``all`` counted officers and
        per kind), ``role_spread`` (the same per duty role), ``adjusted_spread`` (with the
        leave credit: what the solver minimised), ``flagged_days`` (ISO dates),
        ``unfilled_slots``, ``days_without_sworn``, ``mean_duty_days``, ``status``
        (``OPTIMAL`` when proven fairest), ``stopped_by``, ``seconds``.
    settings
        Every parameter (dates as ISO strings), so that the roster can be reproduced.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    shortages: pd.DataFrame
    time_off: pd.DataFrame
    metrics: Mapping[str, object]
    settings: Mapping[str, object] = field(default_factory=dict)

    def attrs(self) -> dict[str, object]:
        """JSON-ready figures for ``DataFrame.attrs``: metrics, counts per officer, settings."""
        fair = self.summary[self.summary["fair"]]
        roles = [role for role in self.settings.get("pattern", {}) if role in fair.columns]
        ids = [str(v) for v in fair[C.OFFICER_ID]]
        return {
            "metrics": dict(self.metrics),
            "duty_days": dict(zip(ids, map(int, fair["duty_days"]), strict=True)),
            "role_days": {
                officer: {role: int(fair[role].iloc[k]) for role in roles}
                for k, officer in enumerate(ids)
            },
            "shortages": [
                {
                    DATE: pd.Timestamp(day).date().isoformat(),
                    ROLE: str(role),
                    "missing": int(missing),
                    "sworn": bool(sworn),
                }
                for day, role, missing, sworn in self.shortages[list(SHORTAGE_COLUMNS)].itertuples(
                    index=False
                )
            ],
            "settings": dict(self.settings),
        }


# --- public entry points ---------------------------------------------------------------------


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
    time_limit_s: float = 20.0,
    num_workers: int = 1,
    progress: ProgressFn | None = None,
) -> pd.DataFrame:
    """Plan the daily duty roster; return the table (``date``, ``role``, ``officer_id``).

    This is :func:`solve_roster` returning ``result.table`` only: the fairness figures, the
    duty days per officer and role, the shortages and the settings are in ``table.attrs``
    (JSON-ready dicts, see :meth:`RosterResult.attrs`). Parameters, rules and errors are those
    of :func:`solve_roster`.

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
    time_limit_s: float = 20.0,
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
        Wall-clock cap of the whole solve, in seconds.
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
    pattern = _check_pattern(pattern)
    first = _as_day(start, "start")
    _check_int(days, "days", 1)
    _check_int(max_consecutive, "max_consecutive", 1)
    _check_int(min_rest_per_week, "min_rest_per_week", 0, 6)
    _check_int(head_free_days_per_week, "head_free_days_per_week", 0, 7)
    _check_int(num_workers, "num_workers", 1, MAX_WORKERS)
    _check_int(seed, "seed", 0)
    if on_shortage not in ("raise", "flag"):
        msg = f'on_shortage must be "raise" or "flag", not {on_shortage!r}'
        raise RosterError(msg)
    if isinstance(time_limit_s, bool) or not (
        isinstance(time_limit_s, int | float) and time_limit_s > 0
    ):
        msg = f"time_limit_s must be a positive number of seconds, not {time_limit_s!r}"
        raise RosterError(msg)
    dates = pd.date_range(first, periods=days, freq="D")
    staff = _Staff.build(officers, dates, leave, zone_heads)
    rules = _Rules(
        pattern=pattern,
        sworn=_check_min_sworn(min_sworn, pattern),
        days=int(days),
        max_consecutive=int(max_consecutive),
        min_rest=int(min_rest_per_week),
        head_free=int(head_free_days_per_week),
    )
    settings: dict[str, object] = {
        "start": dates[0].date().isoformat(),
        "days": int(days),
        "pattern": dict(pattern),
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
        "seed": int(seed),
        "on_shortage": on_shortage,
        "time_limit_s": float(time_limit_s),
        "num_workers": int(num_workers),
    }
    report(0.0, "check")
    forced = _headcount_shortages(staff, rules)
    if forced and on_shortage == "raise":
        raise RosterShortageError(_shortage_table(forced, dates, rules))
    deadline = started + float(time_limit_s)
    solver = _Solver(staff, rules, seed=int(seed), workers=int(num_workers), progress=report)
    solution = None if forced else solver.fairest(0, deadline)
    if solution is None:
        best = solver.fewest_missing(deadline)
        if best is None:  # leaving every slot empty is always allowed: only a timeout lands here
            msg = "the roster solver found no roster within the time limit; raise time_limit_s"
            raise RosterError(msg)
        if best.short_cost == 0:  # fully staffed after all, though the spreads were not solved
            solution = best
        elif on_shortage == "raise":
            raise RosterShortageError(
                _shortage_table(best.shortages(), dates, rules), proven=best.proven
            )
        else:
            solution = solver.fairest(best.short_cost, deadline, hint=best) or best
    report(1.0, "done")
    return _result(staff, rules, dates, solution, solver, settings, started)


def read_leave(path: str | Path) -> pd.DataFrame:
    """Read a leave table from CSV: ``officer_id`` and ``date``, or ``start`` and ``end``.

    UTF-8 (with or without BOM) or GB18030 as Chinese Excel saves it; the Chinese headers
    警号, 日期, 开始, 结束 are accepted too. The result can be passed as ``leave``.

    Raises
    ------
    RosterError
        When the file is missing or cannot be read.
    """
    path = Path(path)
    if not path.is_file():
        msg = f"the leave file {path} does not exist"
        raise RosterError(msg)
    table = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            table = pd.read_csv(path, dtype=str, encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            msg = f"the leave file {path.name} cannot be read as CSV: {exc}"
            raise RosterError(msg) from exc
    if table is None:
        msg = f"the leave file {path.name} is neither UTF-8 nor GB18030 text"
        raise RosterError(msg)
    aliases = {"警号": C.OFFICER_ID, "日期": DATE, "开始": "start", "结束": "end"}
    table = table.rename(columns=lambda c: aliases.get(str(c).strip(), str(c).strip()))
    return table.dropna(how="all").reset_index(drop=True)


def shortage_lines(shortages: pd.DataFrame, lang: str = DEFAULT_LANG) -> list[str]:
    """One line per short day in ``lang``: ``2025-03-04: 缺 1 名出警员``."""
    return [f"{day}: {text}" for day, text in _shortage_lines(shortages, lang)]


def role_label(role: str, lang: str = DEFAULT_LANG, *, plural: bool = False) -> str:
    """The display name of a duty role (接警员, 出警员, 巡逻员); other roles as given."""
    key = f"roster.role{'s' if plural else ''}.{role}"
    return t(key, lang) if key in TEXTS else role


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    pattern: Mapping[str, int]
    sworn: Mapping[str, int]
    days: int
    max_consecutive: int
    min_rest: int
    head_free: int

    @property
    def roles(self) -> list[str]:
        """Duty roles with at least one slot, in pattern order."""
        return [role for role, n in self.pattern.items() if n > 0]

    def head_need(self, begin: int) -> tuple[int, int]:
        """(length, duty-free days needed) of the zone-head week starting at day ``begin``."""
        length = min(7, self.days - begin)
        return length, self.head_free * length // 7


@dataclass
class _Staff:
    """The officers as the solver sees them: positions 0 … n−1 in input order."""

    ids: list[str]
    names: list[str]
    kinds: list[str]
    available: list[bool]
    leave: list[set[int]]  # day positions on leave
    reward_owed: list[int]
    heads: set[int]

    @classmethod
    def build(
        cls,
        officers: pd.DataFrame,
        dates: pd.DatetimeIndex,
        leave: LeaveInput,
        zone_heads: Iterable[str] | None,
    ) -> _Staff:
        frame = pd.DataFrame(officers)
        source = frame[C.OFFICER_ID] if C.OFFICER_ID in frame.columns else frame.index
        ids = [str(v) for v in source]
        for column in (C.NAME, C.ROLE):
            if column not in frame.columns:
                msg = f"the officers table has no {column} column; it needs officer_id, name, role"
                raise RosterError(msg)
        repeated = sorted(officer for officer, n in Counter(ids).items() if n > 1)
        if repeated:
            msg = f"officer ids listed twice or more: {', '.join(repeated[:10])}; keep one row each"
            raise RosterError(msg)
        kinds = [str(v) for v in frame[C.ROLE]]
        bad = [ids[k] for k, kind in enumerate(kinds) if kind not in KINDS]
        if bad:
            msg = (
                f"officers whose role is not police or auxiliary: {', '.join(bad[:10])}; "
                "set role to police (民警) or auxiliary (辅警)"
            )
            raise RosterError(msg)
        names = ["" if _missing(v) else str(v) for v in frame[C.NAME]]
        available = [True] * len(ids)
        if C.AVAILABLE in frame.columns:
            available = [_available(v) for v in frame[C.AVAILABLE]]
        owed = [0] * len(ids)
        if C.REWARD_LEAVE_DAYS in frame.columns:
            owed = [_owed(v, ids[k]) for k, v in enumerate(frame[C.REWARD_LEAVE_DAYS])]
        position = {officer: k for k, officer in enumerate(ids)}
        away = _leave_days(leave, dates, position)
        heads: set[int] = set()
        if zone_heads is not None:
            wanted = [zone_heads] if isinstance(zone_heads, str) else list(zone_heads)
            unknown = sorted({str(h) for h in wanted} - set(position))
            if unknown:
                msg = f"zone heads not in the officers list: {', '.join(unknown[:10])}"
                raise RosterError(msg)
            heads = {position[str(h)] for h in wanted}
        return cls(ids, names, kinds, available, away, owed, heads)

    def workable(self, i: int, days: int) -> list[int]:
        """Day positions officer ``i`` can be scheduled on (reward leave not yet placed)."""
        if not self.available[i]:
            return []
        return [d for d in range(days) if d not in self.leave[i]]


def _missing(value: object) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def _available(value: object) -> bool:
    """``available`` as a bool: missing means available; "false"/"0"/"no"/"否" do not."""
    if _missing(value):
        return True
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "n", "否", "")
    return bool(value)


def _owed(value: object, officer: str) -> int:
    if _missing(value):
        return 0
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = -1.0
    if not math.isfinite(number) or number < 0 or number != int(number):
        msg = f"officer {officer}: reward_leave_days must be a whole number ≥ 0, not {value!r}"
        raise RosterError(msg)
    return int(number)


def _as_day(value: object, what: str) -> pd.Timestamp:
    try:
        day = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        day = pd.NaT
    if _missing(day):
        msg = f"{what}: {value!r} is not a date; write it as YYYY-MM-DD"
        raise RosterError(msg)
    if day.tzinfo is not None:
        day = day.tz_localize(None)
    return day.normalize()


def _check_int(value: object, what: str, low: int, high: int | None = None) -> None:
    whole = isinstance(value, int | np.integer) and not isinstance(value, bool)
    if not whole or value < low or (high is not None and value > high):  # type: ignore[operator]
        span = f"{low} … {high}" if high is not None else f"≥ {low}"
        msg = f"{what} must be a whole number {span}, not {value!r}"
        raise RosterError(msg)


def _check_pattern(pattern: Mapping[str, int] | None) -> dict[str, int]:
    if pattern is None:
        return dict(DEFAULT_PATTERN)
    if not isinstance(pattern, Mapping) or not pattern:
        msg = "pattern must map duty roles to slots per day, e.g. {'call_taker': 1, ...}"
        raise RosterError(msg)
    checked: dict[str, int] = {}
    for role, count in pattern.items():
        if not isinstance(role, str) or not role.strip():
            msg = f"pattern: duty role names must be non-empty text, not {role!r}"
            raise RosterError(msg)
        _check_int(count, f"pattern[{role!r}]", 0)
        checked[role.strip()] = int(count)
    if sum(checked.values()) == 0:
        msg = "pattern: at least one slot per day is needed"
        raise RosterError(msg)
    return checked


def _check_min_sworn(
    min_sworn: Mapping[str, int] | None, pattern: Mapping[str, int]
) -> dict[str, int]:
    if min_sworn is None:
        return {r: n for r, n in DEFAULT_MIN_SWORN.items() if pattern.get(r, 0) > 0}
    checked: dict[str, int] = {}
    for role, count in min_sworn.items():
        _check_int(count, f"min_sworn[{role!r}]", 0)
        if count > pattern.get(role, 0):
            msg = (
                f"min_sworn[{role!r}] = {count} is more than the {pattern.get(role, 0)} "
                "slots the pattern has for that role"
            )
            raise RosterError(msg)
        if count:
            checked[role] = int(count)
    return checked


def _leave_days(
    leave: LeaveInput, dates: pd.DatetimeIndex, position: Mapping[str, int]
) -> list[set[int]]:
    """Day positions on leave per officer; days outside the period are dropped."""
    away: list[set[int]] = [set() for _ in position]
    if leave is None:
        return away
    spans: list[tuple[str, pd.Timestamp, pd.Timestamp]] = []
    if isinstance(leave, pd.DataFrame):
        spans = _leave_spans(leave)
    elif isinstance(leave, Mapping):
        for officer, values in leave.items():
            if isinstance(values, str | dt.date | np.datetime64) or not isinstance(
                values, Iterable
            ):
                values = [values]
            for value in values:
                day = _as_day(value, f"leave of {officer}")
                spans.append((str(officer), day, day))
    else:
        msg = "leave must be {officer_id: [dates]} or a table (officer_id, start, end)"
        raise RosterError(msg)
    unknown = sorted({officer for officer, _, _ in spans} - set(position))
    if unknown:
        msg = f"leave names officers not in the officers list: {', '.join(unknown[:10])}"
        raise RosterError(msg)
    first, last = dates[0], dates[-1]
    for officer, begin, end in spans:
        lo, hi = max(begin, first), min(end, last)
        if lo <= hi:
            away[position[officer]].update(range((lo - first).days, (hi - first).days + 1))
    return away


def _leave_spans(table: pd.DataFrame) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    if C.OFFICER_ID not in table.columns:
        msg = "the leave table needs an officer_id column, and date or start/end columns"
        raise RosterError(msg)
    if "start" not in table.columns and DATE not in table.columns:
        msg = "the leave table needs a date column, or start and end columns"
        raise RosterError(msg)
    spans = []
    for record in table.to_dict("records"):
        officer = str(record[C.OFFICER_ID])
        if "start" in record and not _missing(record["start"]):
            begin = _as_day(record["start"], f"leave of {officer}: start")
            end_value = record.get("end")
            end = begin if _missing(end_value) else _as_day(end_value, f"leave of {officer}: end")
        else:
            begin = end = _as_day(record.get(DATE), f"leave of {officer}: date")
        if end < begin:
            msg = f"leave of {officer}: end {end.date()} is before start {begin.date()}"
            raise RosterError(msg)
        spans.append((officer, begin, end))
    return spans


# --- shortages ---------------------------------------------------------------------------------


def _headcount_shortages(staff: _Staff, rules: _Rules) -> list[tuple[int, str, int, bool]]:
    """Shortfalls no roster can avoid, as (day, role, missing, sworn), filled in pattern order."""
    found: list[tuple[int, str, int, bool]] = []
    people = [0] * rules.days
    sworn_people = [0] * rules.days
    for i in range(len(staff.ids)):
        for d in staff.workable(i, rules.days):
            people[d] += 1
            sworn_people[d] += staff.kinds[i] == C.POLICE
    for d in range(rules.days):
        left = people[d]
        for role in rules.roles:
            filled = min(left, rules.pattern[role])
            left -= filled
            if filled < rules.pattern[role]:
                found.append((d, role, rules.pattern[role] - filled, False))
        left = sworn_people[d]
        for role, need in rules.sworn.items():
            got = min(left, need)
            left -= got
            if got < need:
                found.append((d, role, need - got, True))
    return found


def _shortage_table(
    found: Iterable[tuple[int, str, int, bool]], dates: pd.DatetimeIndex, rules: _Rules
) -> pd.DataFrame:
    order = {role: k for k, role in enumerate(rules.pattern)}
    rows = sorted(found, key=lambda item: (item[0], item[3], order.get(item[1], 0)))
    return pd.DataFrame(
        {
            DATE: pd.DatetimeIndex([dates[d] for d, _, _, _ in rows], dtype=dates.dtype),
            ROLE: pd.Series([role for _, role, _, _ in rows], dtype=object),
            "missing": np.array([n for _, _, n, _ in rows], dtype=np.int64),
            "sworn": np.array([s for _, _, _, s in rows], dtype=bool),
        }
    )


def _shortage_lines(shortages: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """One (ISO day, text) per day: ``缺 1 名出警员`` / ``short 1 responder``."""
    parts: dict[str, list[str]] = {}
    for day, role, missing, sworn in shortages[list(SHORTAGE_COLUMNS)].itertuples(index=False):
        n = int(missing)
        if sworn:
            text = t("roster.short_sworn", lang, n=n, roles=role_label(role, lang, plural=True))
        else:
            text = t("roster.short", lang, n=n, role=role_label(role, lang, plural=n > 1))
        parts.setdefault(pd.Timestamp(day).date().isoformat(), []).append(text)
    sep = "，" if lang == "zh" else "; "
    return [(day, sep.join(texts)) for day, texts in parts.items()]


# --- the CP-SAT models -------------------------------------------------------------------------


@dataclass
class _Solution:
    duty: dict[tuple[int, int], str]  # (officer, day) -> role
    reward: set[tuple[int, int]]  # (officer, day) on reward leave
    short: dict[tuple[int, str, bool], int]  # (day, role, sworn) -> missing
    short_cost: int
    status: str
    proven: bool
    stopped_by: str

    def shortages(self) -> list[tuple[int, str, int, bool]]:
        return [(d, r, n, s) for (d, r, s), n in sorted(self.short.items()) if n > 0]


@dataclass
class _Counts:
    values: dict[tuple[int, str], int]  # (officer, role) -> duty days; empty when none found
    optimal: bool
    bound: int
    stopped_by: str


@dataclass
class _Calendar:
    model: object
    x: dict[tuple[int, int, str], object]
    reward: dict[tuple[int, int], list]  # (officer, day) -> variables meaning "reward leave"
    short: dict[tuple[int, str, bool], object]


class _Solver:
    """The roster models and how they are solved (see the module docstring)."""

    def __init__(
        self, staff: _Staff, rules: _Rules, *, seed: int, workers: int, progress: ProgressFn
    ) -> None:
        self.staff = staff
        self.rules = rules
        self.seed = seed
        self.workers = workers
        self.progress = progress
        self.steps = 0
        n = len(staff.ids)
        self.workable = [staff.workable(i, rules.days) for i in range(n)]
        self.reward_taken = [min(staff.reward_owed[i], len(self.workable[i])) for i in range(n)]
        # counted in the fairness figures: some day left to work after reward leave
        self.fair = [i for i in range(n) if len(self.workable[i]) > self.reward_taken[i]]
        slots = sum(rules.pattern.values())
        n_fair = max(len(self.fair), 1)
        away = {i: len(staff.leave[i]) for i in self.fair}
        self.credit = {i: round(away[i] * slots / n_fair) for i in self.fair}
        self.role_credit = {
            (i, r): round(away[i] * rules.pattern[r] / n_fair)
            for i in self.fair
            for r in rules.roles
        }
        self.caps = {i: self._capacity(i) for i in self.fair}
        # reward-leave blocks: where each may start, and a suggestion that staggers them
        self.block_starts: dict[int, list[int]] = {}
        self.suggested: dict[int, int] = {}
        offset = 0
        for i in self.fair:
            k = self.reward_taken[i]
            if k == 0:
                continue
            free = set(self.workable[i])
            starts = [s for s in range(rules.days - k + 1) if all(s + j in free for j in range(k))]
            self.block_starts[i] = starts
            if starts:
                wanted = offset % (rules.days - k + 1)
                self.suggested[i] = min(starts, key=lambda s: (abs(s - wanted), s))
                offset += k
        # shortage cost: fewest missing first, then leave later roles of the pattern empty
        most = rules.days * (slots + sum(rules.sworn.values()))
        self.short_unit = len(rules.roles) * most + 1

    def short_weight(self, role: str, sworn: bool) -> int:
        """Cost of one missing officer: the unit, plus a premium for earlier roles."""
        if sworn:
            return self.short_unit
        return self.short_unit + len(self.rules.roles) - self.rules.roles.index(role)

    def _capacity(self, i: int) -> int:
        """An upper bound on officer ``i``'s duty days under leave, rest rules and head days."""
        rules = self.rules
        days = set(self.workable[i])
        caps = [len(days) - self.reward_taken[i]]
        windows = [(rules.max_consecutive + 1, rules.max_consecutive)]
        if rules.min_rest > 0:
            windows.append((7, 7 - rules.min_rest))
        for span, most in windows:
            # disjoint windows of `span` days, at every alignment: each holds at most `most`
            for offset in range(min(span, rules.days)):
                total = sum(1 for d in days if d < offset)
                for begin in range(offset, rules.days, span):
                    inside = sum(1 for d in range(begin, begin + span) if d in days)
                    total += min(inside, most) if begin + span <= rules.days else inside
                caps.append(total)
        if i in self.staff.heads:
            total = 0
            for begin in range(0, rules.days, 7):
                length, need = rules.head_need(begin)
                inside = sum(1 for d in range(begin, begin + length) if d in days)
                total += min(inside, length - need)
            caps.append(total)
        return max(min(caps), 0)

    def _classes(self) -> list[list[int]]:
        """Counted officers that the counts model cannot tell apart."""
        classes: dict[tuple, list[int]] = {}
        for i in self.fair:
            key = (
                self.staff.kinds[i],
                self.caps[i],
                self.credit[i],
                tuple(self.role_credit[i, r] for r in self.rules.roles),
            )
            classes.setdefault(key, []).append(i)
        return list(classes.values())

    def _objective(
        self,
        model,
        role_count: Mapping[tuple[int, str], object],
        fixed_total: bool,
        hint: Mapping[tuple[int, str], int] | None = None,
    ):
        """Spread over everybody, then per kind, then per role within each kind.

        Lexicographic through the weights. ``hint`` (counts per officer and role) hints the
        spreads' bound variables too.
        """
        rules, staff, roles = self.rules, self.staff, self.rules.roles
        top = rules.days + max([*self.credit.values(), 0]) + 1

        def load(i: int, count: Mapping[tuple[int, str], object]):
            return sum(count[i, r] for r in roles) + self.credit[i]

        def role_load(r: str):
            return lambda i, count: count[i, r] + self.role_credit[i, r]

        def spread(members: list[int], value, total: int | None = None):
            if len(members) < 2:
                return 0
            hi, lo = model.new_int_var(0, top, ""), model.new_int_var(0, top, "")
            for i in members:
                model.add(hi >= value(i, role_count))
                model.add(lo <= value(i, role_count))
            # max ≥ mean ≥ min: with whole days, an uneven total forces a spread of one
            if total is None:
                total = model.new_int_var(0, top * len(members), "")
                model.add(total == sum(value(i, role_count) for i in members))
            model.add(hi * len(members) >= total)
            model.add(lo * len(members) <= total)
            if hint is not None:
                values = [value(i, hint) for i in members]
                model.add_hint(hi, max(values))
                model.add_hint(lo, min(values))
            return hi - lo

        total = None
        if fixed_total:
            total = rules.days * sum(rules.pattern.values()) + sum(self.credit.values())
        overall = spread(self.fair, load, total)
        groups = {k: [i for i in self.fair if staff.kinds[i] == k] for k in KINDS}
        by_kind = sum(spread(groups[k], load) for k in KINDS)
        by_role = sum(spread(groups[k], role_load(r)) for k in KINDS for r in roles)
        w_kind = 2 * len(roles) * top + 1
        w_all = w_kind * (2 * top + 1)
        return w_all * overall + w_kind * by_kind + by_role

    # --- step 1: counts ---------------------------------------------------------------------

    def counts(self, bound: int, deadline: float) -> _Counts | None:
        """The fairest duty days per officer and role, no calendar; None when infeasible."""
        from ortools.sat.python import cp_model

        rules, staff = self.rules, self.staff
        model = cp_model.CpModel()
        c = {
            (i, r): model.new_int_var(0, min(self.caps[i], rules.days * rules.pattern[r]), "")
            for i in self.fair
            for r in rules.roles
        }
        for i in self.fair:
            model.add(sum(c[i, r] for r in rules.roles) <= self.caps[i])
        # alike officers are interchangeable: order them by their totals
        for members in self._classes():
            for a, b in zip(members, members[1:], strict=False):
                model.add(sum(c[a, r] for r in rules.roles) >= sum(c[b, r] for r in rules.roles))
        missing = {}
        for r in rules.roles:
            need = rules.days * rules.pattern[r]
            missing[r, False] = model.new_int_var(0, need, "")
            model.add(sum(c[i, r] for i in self.fair) + missing[r, False] == need)
        for r, need in rules.sworn.items():
            total = rules.days * need
            missing[r, True] = model.new_int_var(0, total, "")
            sworn = [c[i, r] for i in self.fair if staff.kinds[i] == C.POLICE]
            model.add(sum(sworn) + missing[r, True] >= total)
        model.add(sum(self.short_weight(r, s) * v for (r, s), v in missing.items()) <= bound)
        guess = self._greedy_counts() if bound == 0 else None
        model.minimize(self._objective(model, c, fixed_total=bound == 0, hint=guess))
        if guess is not None:
            for key, value in guess.items():
                model.add_hint(c[key], value)
            for var in missing.values():
                model.add_hint(var, 0)
        solver, status, stopped_by = self._run(model, deadline, SHARE_COUNTS, "counts")
        if status == "INFEASIBLE":
            return None
        if status not in ("OPTIMAL", "FEASIBLE"):
            return _Counts({}, False, 0, stopped_by)
        values = {key: int(solver.value(var)) for key, var in c.items()}
        bound_value = int(math.ceil(solver.best_objective_bound - 1e-6))
        return _Counts(values, status == "OPTIMAL", bound_value, stopped_by)

    def _greedy_counts(self) -> dict[tuple[int, str], int]:
        """A fair first guess at the counts, by water-filling (a hint for CP-SAT).

        The sworn slots go to the least-loaded sworn officers first, then every other slot to
        the least-loaded officer with room; the roles are then dealt out the same way.
        """
        rules, staff = self.rules, self.staff
        total = dict.fromkeys(self.fair, 0)
        police = [i for i in self.fair if staff.kinds[i] == C.POLICE]

        def fill(members: list[int], units: int) -> None:
            heap = [(total[i] + self.credit[i], i) for i in members if total[i] < self.caps[i]]
            heapq.heapify(heap)
            for _ in range(units):
                if not heap:
                    return
                _, i = heapq.heappop(heap)
                total[i] += 1
                if total[i] < self.caps[i]:
                    heapq.heappush(heap, (total[i] + self.credit[i], i))

        fill(police, sum(rules.days * n for n in rules.sworn.values()))
        fill(self.fair, rules.days * sum(rules.pattern.values()) - sum(total.values()))
        counts = {(i, r): 0 for i in self.fair for r in rules.roles}
        room = dict(total)

        def deal(role: str, members: list[int], units: int) -> None:
            def key(i: int) -> tuple[int, int, int]:
                return (counts[i, role] + self.role_credit[i, role], -room[i], i)

            heap = [key(i) for i in members if room[i] > 0]
            heapq.heapify(heap)
            while units > 0 and heap:
                i = heapq.heappop(heap)[2]
                counts[i, role] += 1
                room[i] -= 1
                units -= 1
                if room[i] > 0:
                    heapq.heappush(heap, key(i))

        for r, n in rules.sworn.items():
            deal(r, police, rules.days * n)
        for r in rules.roles:
            deal(r, self.fair, rules.days * rules.pattern[r] - sum(counts[i, r] for i in self.fair))
        # follow the model's symmetry breaking: alike officers in non-increasing total order
        for members in self._classes():
            vectors = sorted(
                (tuple(counts[i, r] for r in rules.roles) for i in members),
                key=lambda v: (sum(v), v),
                reverse=True,
            )
            for i, vector in zip(members, vectors, strict=True):
                counts.update({(i, r): v for r, v in zip(rules.roles, vector, strict=True)})
        return counts

    # --- step 2: the calendar ---------------------------------------------------------------

    def calendar(
        self,
        bound: int | None,
        counts: Mapping[tuple[int, str], int] | None = None,
        lower: int | None = None,
        stagger: bool = True,
    ) -> _Calendar:
        """The full model. ``bound=None``: minimise the shortage. Else keep the shortage cost
        ≤ ``bound`` and either realise ``counts`` exactly or minimise the spreads (≥ ``lower``).
        ``stagger`` hints reward-leave blocks spread over the period (one after another).

        Only what can matter is built: no variable for a role an officer's counts rule out, no
        rest window or zone-head week an officer's most duty days cannot fill.
        """
        from ortools.sat.python import cp_model

        staff, rules = self.staff, self.rules
        days, roles = rules.days, rules.roles
        model = cp_model.CpModel()
        fair = set(self.fair)
        x: dict[tuple[int, int, str], object] = {}
        for i in self.fair:
            mine = [r for r in roles if counts is None or counts[i, r] > 0]
            for d in self.workable[i]:
                for r in mine:
                    x[i, d, r] = model.new_bool_var("")
        # reward leave: one block of consecutive free days (the solver picks where), else any
        # free days; reward[i, d] lists the variables that put day d inside it
        reward: dict[tuple[int, int], list] = {}
        for i, workable in enumerate(self.workable):
            k = self.reward_taken[i]
            if k == 0 or i not in fair:  # not counted: every free day is reward leave
                reward.update({(i, d): [True] for d in workable} if k else {})
                continue
            starts = self.block_starts[i]
            if not starts:
                for d in workable:
                    reward[i, d] = [model.new_bool_var("")]
                model.add(sum(reward[i, d][0] for d in workable) == k)
                continue
            begin = {s: model.new_bool_var("") for s in starts}
            model.add_exactly_one(begin.values())
            for d in workable:
                reward[i, d] = [begin[s] for s in starts if s <= d < s + k]
            if stagger:  # suggest blocks one after another, so that not everybody is off at once
                for s, var in begin.items():
                    model.add_hint(var, s == self.suggested[i])
        # at most one slot a day, none on reward leave
        duty: dict[tuple[int, int], list] = {}
        on_day: list[list[int]] = [[] for _ in range(days)]
        for i in self.fair:
            for d in self.workable[i]:
                cell = [x[i, d, r] for r in roles if (i, d, r) in x]
                if not cell:
                    continue
                off = [v for v in reward.get((i, d), []) if v is not True]
                if len(cell) + len(off) > 1:
                    model.add_at_most_one([*cell, *off])
                duty[i, d] = cell
                on_day[d].append(i)
        # the pattern and the sworn officers, with slack for shortages
        short: dict[tuple[int, str, bool], object] = {}
        for d in range(days):
            for r in roles:
                short[d, r, False] = gap = model.new_int_var(0, rules.pattern[r], "")
                slots = [x[i, d, r] for i in on_day[d] if (i, d, r) in x]
                model.add(sum(slots) + gap == rules.pattern[r])
            for r, need in rules.sworn.items():
                short[d, r, True] = gap = model.new_int_var(0, need, "")
                sworn = [
                    x[i, d, r] for i in on_day[d] if staff.kinds[i] == C.POLICE and (i, d, r) in x
                ]
                model.add(sum(sworn) + gap >= need)
        # rest: at most max_consecutive duty days in any max_consecutive + 1, and 7 − min_rest
        # in any 7 (windows inside the period); zone heads: duty-free days every week
        most_days = {
            i: sum(counts[i, r] for r in roles) if counts is not None else self.caps[i]
            for i in self.fair
        }
        windows = [(rules.max_consecutive + 1, rules.max_consecutive)]
        if rules.min_rest > 0:
            windows.append((7, 7 - rules.min_rest))
        for i in self.fair:
            cells = [v for d in self.workable[i] for v in duty.get((i, d), [])]
            if counts is None and len(cells) > most_days[i]:
                model.add(sum(cells) <= most_days[i])  # implied by the rules: it lets them go
            for span, most in windows:
                if most_days[i] <= most:
                    continue
                for begin in range(days - span + 1):
                    inside = [v for d in range(begin, begin + span) for v in duty.get((i, d), [])]
                    if len(inside) > most:
                        model.add(sum(inside) <= most)
            if i not in staff.heads:
                continue
            for begin in range(0, days, 7):
                length, need = rules.head_need(begin)
                week = [v for d in range(begin, begin + length) for v in duty.get((i, d), [])]
                if need and min(len(week), most_days[i]) > length - need:
                    model.add(sum(week) <= length - need)
        short_cost = sum(self.short_weight(r, s) * v for (_d, r, s), v in short.items())
        if bound is None:
            model.minimize(short_cost)
        else:
            model.add(short_cost <= bound)
            role_count = {
                (i, r): sum(x[i, d, r] for d in self.workable[i] if (i, d, r) in x)
                for i in self.fair
                for r in roles
            }
            if counts is not None:
                for key, expr in role_count.items():
                    if counts[key]:
                        model.add(expr == counts[key])
            else:
                objective = self._objective(model, role_count, fixed_total=bound == 0)
                if lower is not None:
                    model.add(objective >= lower)
                model.minimize(objective)
        return _Calendar(model, x, reward, short)

    def greedy_calendar(self, counts: Mapping[tuple[int, str], int]) -> _Solution | None:
        """Place exactly ``counts`` on days without CP-SAT, or None when the greedy gets stuck.

        Reward leave takes the staggered blocks; then day by day, the slots go to the officers
        who most need the day to reach their counts (duty left ÷ days left), the roles by an
        optimal assignment (scipy's ``linear_sum_assignment``) that keeps a sworn responder.
        Every rule is checked as it goes, so a roster it returns keeps them all.
        """
        from scipy.optimize import linear_sum_assignment

        rules, staff = self.rules, self.staff
        days, roles = rules.days, rules.roles
        if any(not self.block_starts[i] for i in self.block_starts):
            return None
        off = {
            (i, d) for i, s in self.suggested.items() for d in range(s, s + self.reward_taken[i])
        }
        left = {key: n for key, n in counts.items() if n}
        total = {i: sum(counts[i, r] for r in roles) for i in self.fair}
        open_days: list[list[int]] = [[] for _ in range(days)]
        remaining = dict.fromkeys(self.fair, 0)
        for i in self.fair:
            for d in self.workable[i]:
                if (i, d) not in off:
                    open_days[d].append(i)
                    remaining[i] += 1
        # slots of a day: sworn ones first (only sworn officers), then the rest of the pattern
        slots: list[tuple[str, bool]] = []
        for r in roles:
            sworn = rules.sworn.get(r, 0)
            slots += [(r, True)] * sworn + [(r, False)] * (rules.pattern[r] - sworn)
        worked: dict[int, list[int]] = {i: [] for i in self.fair}
        police = [i for i in self.fair if staff.kinds[i] == C.POLICE]
        duty: dict[tuple[int, int], str] = {}
        impossible = 1e9
        for d in range(days):
            pool = [i for i in open_days[d] if total[i] > 0 and self._may_work(i, d, worked[i])]
            if len(pool) < len(slots):
                return None
            # sworn officers take an ordinary slot of a sworn role only with what their counts
            # in that role hold beyond the sworn slots of the days left (and reluctantly when
            # that spare is short of the ordinary slots)
            spare = {
                r: sum(left.get((i, r), 0) for i in police) - (days - d) * need
                for r, need in rules.sworn.items()
            }
            cost = np.full((len(slots), len(pool)), impossible)
            for col, i in enumerate(pool):
                urgency = total[i] / remaining[i]
                is_police = staff.kinds[i] == C.POLICE
                for row, (r, sworn) in enumerate(slots):
                    if not left.get((i, r), 0) or (sworn and not is_police):
                        continue
                    penalty = 0.0
                    if is_police and not sworn and r in spare:
                        if spare[r] <= 0:
                            continue
                        penalty = 1e6 if spare[r] < rules.pattern[r] - rules.sworn[r] else 0.0
                    cost[row, col] = penalty - (1000.0 * urgency + left[i, r] / remaining[i])
            rows, cols = linear_sum_assignment(cost)
            if len(rows) < len(slots) or (cost[rows, cols] >= impossible).any():
                return None
            for r in spare:  # never more sworn officers in ordinary slots than the spare
                ordinary = sum(
                    1
                    for row, col in zip(rows, cols, strict=True)
                    if slots[row] == (r, False) and staff.kinds[pool[col]] == C.POLICE
                )
                if ordinary > spare[r]:
                    return None
            for row, col in zip(rows, cols, strict=True):
                i, r = pool[col], slots[row][0]
                duty[i, d] = r
                left[i, r] -= 1
                total[i] -= 1
                worked[i].append(d)
            for i in open_days[d]:
                remaining[i] -= 1
                if total[i] > remaining[i]:
                    return None
        reward = set(off)
        reward |= {
            (i, d)
            for i, workable in enumerate(self.workable)
            if self.reward_taken[i] and i not in self.suggested
            for d in workable
        }
        short = {(d, r, s): 0 for d in range(days) for r in roles for s in (False, True)}
        return _Solution(duty, reward, short, 0, "FEASIBLE", False, "greedy")

    def _may_work(self, i: int, d: int, worked: list[int]) -> bool:
        """Whether a duty on day ``d`` keeps officer ``i``'s rest rules and zone-head weeks."""
        rules = self.rules
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
        if i in self.staff.heads:
            begin = d - d % 7
            length, need = rules.head_need(begin)
            if sum(1 for day in worked[-7:] if day >= begin) + 1 > length - need:
                return False
        return True

    # --- running CP-SAT ---------------------------------------------------------------------

    def _run(self, model, deadline: float, share: float, step: str):
        """Solve with this step's share of the time left; (solver, status name, stopped_by)."""
        from ortools.sat.python import cp_model

        self.steps += 1
        self.progress(min(0.2 * self.steps, 0.9), step)
        budget = max((deadline - time.perf_counter()) * share, 0.05)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.interleave_search = self.workers > 1
        params.random_seed = self.seed
        params.max_time_in_seconds = budget
        params.max_deterministic_time = budget * DETERMINISTIC_SHARE
        params.max_presolve_iterations = 1
        status = solver.solve(model)
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            stopped_by = "proof"
        elif solver.response_proto.deterministic_time >= params.max_deterministic_time * 0.99:
            stopped_by = "deterministic_time"
        else:
            stopped_by = "wall_clock"
        return solver, solver.status_name(status), stopped_by

    def _solve_calendar(
        self, calendar: _Calendar, deadline: float, share: float, step: str
    ) -> tuple[_Solution | None, str]:
        solver, status, stopped_by = self._run(calendar.model, deadline, share, step)
        if status not in ("OPTIMAL", "FEASIBLE"):
            return None, status
        missing = {key: int(solver.value(var)) for key, var in calendar.short.items()}
        solution = _Solution(
            duty={(i, d): r for (i, d, r), v in calendar.x.items() if solver.boolean_value(v)},
            reward={
                key
                for key, found in calendar.reward.items()
                if any(v is True or solver.boolean_value(v) for v in found)
            },
            short=missing,
            short_cost=sum(self.short_weight(r, s) * n for (_d, r, s), n in missing.items()),
            status=status,
            proven=status == "OPTIMAL",
            stopped_by=stopped_by,
        )
        return solution, status

    def fewest_missing(self, deadline: float) -> _Solution | None:
        """The roster with the lowest shortage cost, fairness ignored."""
        solution, _ = self._solve_calendar(self.calendar(None), deadline, SHARE_SHORTAGE, "gaps")
        return solution

    def fairest(
        self, bound: int, deadline: float, hint: _Solution | None = None
    ) -> _Solution | None:
        """The fairest roster with shortage cost ≤ ``bound``; None when there is none."""
        counts = self.counts(bound, deadline)
        if counts is None:  # even the counts cannot be met: no roster within the bound
            return None
        if counts.values and bound == 0:
            found = self.greedy_calendar(counts.values)
            if found is not None:  # the counts are met: as fair as the counts model proved
                found.proven = counts.optimal
                found.status = "OPTIMAL" if counts.optimal else "FEASIBLE"
                found.stopped_by = counts.stopped_by
                return found
        if counts.values:
            calendar = self.calendar(bound, counts=counts.values)
            found, _ = self._solve_calendar(calendar, deadline, SHARE_CALENDAR, "calendar")
            if found is not None:  # the counts are met: as fair as the counts model proved
                found.proven = counts.optimal
                found.status = "OPTIMAL" if counts.optimal else "FEASIBLE"
                found.stopped_by = counts.stopped_by
                return found
        lower = counts.bound if counts.values else None
        calendar = self.calendar(bound, lower=lower, stagger=hint is None)
        if hint is not None:
            for (i, d, r), var in calendar.x.items():
                calendar.model.add_hint(var, hint.duty.get((i, d)) == r)
        found, status = self._solve_calendar(calendar, deadline, SHARE_FAIRNESS, "fairness")
        if found is None and status == "INFEASIBLE":
            return None
        return found or hint


# --- the result --------------------------------------------------------------------------------


def _result(
    staff: _Staff,
    rules: _Rules,
    dates: pd.DatetimeIndex,
    solution: _Solution,
    solver: _Solver,
    settings: dict[str, object],
    started: float,
) -> RosterResult:
    order = {role: k for k, role in enumerate(rules.pattern)}
    rows: list[tuple[int, str, str | None]] = [
        (d, r, staff.ids[i]) for (i, d), r in solution.duty.items()
    ]
    for (d, r, sworn), n in solution.short.items():
        if not sworn:
            rows.extend((d, r, None) for _ in range(n))
    rows.sort(key=lambda row: (row[0], order[row[1]], row[2] is None, row[2] or ""))
    table = pd.DataFrame(
        {
            DATE: pd.DatetimeIndex([dates[d] for d, _, _ in rows], dtype=dates.dtype),
            ROLE: pd.Series([r for _, r, _ in rows], dtype=object),
            OFFICER_ID: pd.Series([o for _, _, o in rows], dtype=object),
        }
    )
    off = [
        (d, staff.ids[i], LEAVE)
        for i in range(len(staff.ids))
        if staff.available[i]
        for d in staff.leave[i]
    ]
    off += [(d, staff.ids[i], REWARD_LEAVE) for i, d in solution.reward]
    off.sort()
    time_off = pd.DataFrame(
        {
            DATE: pd.DatetimeIndex([dates[d] for d, _, _ in off], dtype=dates.dtype),
            OFFICER_ID: pd.Series([o for _, o, _ in off], dtype=object),
            "reason": pd.Series([why for _, _, why in off], dtype=object),
        }
    )
    summary = _summary(staff, rules, solution, set(solver.fair))
    shortages = _shortage_table(solution.shortages(), dates, rules)
    metrics = _metrics(summary, rules, shortages, solution, solver, started)
    result = RosterResult(table, summary, shortages, time_off, metrics, settings)
    table.attrs.update(result.attrs())
    return result


def _summary(staff: _Staff, rules: _Rules, solution: _Solution, fair: set[int]) -> pd.DataFrame:
    n = len(staff.ids)
    counts = {r: np.zeros(n, dtype=np.int64) for r in rules.pattern}
    for (i, _d), r in solution.duty.items():
        counts[r][i] += 1
    reward = np.zeros(n, dtype=np.int64)
    for i, _d in solution.reward:
        reward[i] += 1
    table = pd.DataFrame(
        {
            C.OFFICER_ID: pd.Series(staff.ids, dtype=object),
            C.NAME: pd.Series(staff.names, dtype=object),
            C.ROLE: pd.Series(staff.kinds, dtype=object),
            C.AVAILABLE: np.array(staff.available, dtype=bool),
            "zone_head": np.array([i in staff.heads for i in range(n)], dtype=bool),
            "duty_days": sum(counts.values(), np.zeros(n, dtype=np.int64)),
        }
    )
    for r in rules.pattern:
        table[r] = counts[r]
    table["leave_days"] = np.array(
        [len(staff.leave[i]) if staff.available[i] else 0 for i in range(n)], dtype=np.int64
    )
    table["reward_leave_days"] = reward
    table["reward_leave_owed"] = np.array(staff.reward_owed, dtype=np.int64)
    table["fair"] = np.array([i in fair for i in range(n)], dtype=bool)
    return table


def _metrics(
    summary: pd.DataFrame,
    rules: _Rules,
    shortages: pd.DataFrame,
    solution: _Solution,
    solver: _Solver,
    started: float,
) -> dict[str, object]:
    fair = summary[summary["fair"]]
    position = {officer: k for k, officer in enumerate(summary[C.OFFICER_ID])}
    credit = np.array([solver.credit[position[o]] for o in fair[C.OFFICER_ID]], dtype=np.int64)
    groups = {"all": fair[C.ROLE].notna(), **{k: fair[C.ROLE] == k for k in KINDS}}

    def spread(values: np.ndarray) -> int:
        return int(values.max() - values.min()) if len(values) else 0

    duty = fair["duty_days"].to_numpy()
    return {
        "spread": {name: spread(duty[mask.to_numpy()]) for name, mask in groups.items()},
        "role_spread": {
            name: {r: spread(fair[r].to_numpy()[mask.to_numpy()]) for r in rules.roles}
            for name, mask in groups.items()
        },
        "adjusted_spread": {
            name: spread((duty + credit)[mask.to_numpy()]) for name, mask in groups.items()
        },
        "mean_duty_days": {
            name: round(float(duty[mask.to_numpy()].mean()), 3) if mask.any() else 0.0
            for name, mask in groups.items()
        },
        "flagged_days": sorted({pd.Timestamp(d).date().isoformat() for d in shortages[DATE]}),
        "unfilled_slots": int(shortages.loc[~shortages["sworn"], "missing"].sum()),
        "days_without_sworn": int(shortages.loc[shortages["sworn"], DATE].nunique()),
        "status": solution.status,
        "stopped_by": solution.stopped_by,
        "seconds": round(time.perf_counter() - started, 3),
    }


# --- output ------------------------------------------------------------------------------------


def roster_tables(result: RosterResult, lang: str = DEFAULT_LANG) -> dict[str, pd.DataFrame]:
    """The roster's tables with headers and values in ``lang``, ready to write.

    Returns
    -------
    dict
        ``roster`` (日期, 岗位, 警号, 姓名: one row per slot, an empty slot named
        （空缺）), ``by_day`` (one row per day, one column per duty role), ``summary`` (per
        officer), ``shortages`` and ``time_off``.
    """
    col = {key: t(f"roster.col.{key}", lang) for key in _COLUMN_KEYS}
    names = dict(zip(result.summary[C.OFFICER_ID], result.summary[C.NAME], strict=True))
    vacant = t("roster.vacant", lang)
    yes_no = {True: t("roster.yes", lang), False: t("roster.no", lang)}
    table = result.table
    ids = table[OFFICER_ID].tolist()
    roster = pd.DataFrame(
        {
            col[DATE]: [_iso(d) for d in table[DATE]],
            col[ROLE]: [role_label(r, lang) for r in table[ROLE]],
            col[OFFICER_ID]: ["" if _missing(o) else str(o) for o in ids],
            col[C.NAME]: [vacant if _missing(o) else names.get(o, "") for o in ids],
        }
    )
    by_day_rows = []
    joiner = "、" if lang == "zh" else ", "
    roles = [r for r, n in result.settings.get("pattern", DEFAULT_PATTERN).items() if n > 0]
    for day, group in table.groupby(DATE, sort=True):
        row = {col[DATE]: _iso(day), col["weekday"]: t(f"roster.weekday.{day.weekday()}", lang)}
        for r in roles:
            members = group.loc[group[ROLE] == r, OFFICER_ID].tolist()
            row[role_label(r, lang)] = joiner.join(
                vacant if _missing(o) else f"{names.get(o, '')}({o})" for o in members
            )
        by_day_rows.append(row)
    by_day = pd.DataFrame(by_day_rows)
    summary = result.summary
    per_officer = pd.DataFrame(
        {
            col[OFFICER_ID]: summary[C.OFFICER_ID].astype(object),
            col[C.NAME]: summary[C.NAME].astype(object),
            col["kind"]: [t(f"role.{k}", lang) for k in summary[C.ROLE]],
            col[C.AVAILABLE]: [yes_no[bool(v)] for v in summary[C.AVAILABLE]],
            col["zone_head"]: [yes_no[bool(v)] for v in summary["zone_head"]],
            col["duty_days"]: summary["duty_days"],
        }
    )
    for r in roles:
        per_officer[role_label(r, lang)] = summary[r]
    for key in ("leave_days", "reward_leave_days", "reward_leave_owed"):
        per_officer[col[key]] = summary[key]
    per_officer[col["fair"]] = [yes_no[bool(v)] for v in summary["fair"]]
    shortages = pd.DataFrame(
        {
            col[DATE]: [_iso(d) for d in result.shortages[DATE]],
            col[ROLE]: [role_label(r, lang) for r in result.shortages[ROLE]],
            col["missing"]: result.shortages["missing"],
            col["sworn"]: [yes_no[bool(v)] for v in result.shortages["sworn"]],
        }
    )
    off = result.time_off
    time_off = pd.DataFrame(
        {
            col[DATE]: [_iso(d) for d in off[DATE]],
            col[OFFICER_ID]: off[OFFICER_ID].astype(object),
            col[C.NAME]: [names.get(o, "") for o in off[OFFICER_ID]],
            col["reason"]: [t(f"roster.reason.{why}", lang) for why in off["reason"]],
        }
    )
    return {
        "roster": roster,
        "by_day": by_day,
        "summary": per_officer,
        "shortages": shortages,
        "time_off": time_off,
    }


_COLUMN_KEYS = (
    DATE,
    "weekday",
    ROLE,
    OFFICER_ID,
    C.NAME,
    "kind",
    C.AVAILABLE,
    "zone_head",
    "duty_days",
    "leave_days",
    "reward_leave_days",
    "reward_leave_owed",
    "fair",
    "missing",
    "sworn",
    "reason",
)


def _iso(day: object) -> str:
    return pd.Timestamp(day).date().isoformat()


def write_roster(
    result: RosterResult,
    folder: str | Path,
    *,
    lang: str = DEFAULT_LANG,
    xlsx: bool = True,
) -> list[Path]:
    """Write the roster as spreadsheets with headers in ``lang`` (Chinese by default).

    Files: ``roster.csv`` (日期, 岗位, 警号, 姓名), ``roster_summary.csv`` (per officer),
    ``roster_shortages.csv`` (only when some slots are unfilled), all UTF-8 with BOM through
    :func:`zones.writers.write_csv`; and ``roster.xlsx`` with one sheet each for the roster,
    the roster by day, the per-officer summary, the days off and any shortages. Text that a
    spreadsheet would run as a formula is written as text.

    Parameters
    ----------
    result
        From :func:`solve_roster`.
    folder
        Output folder, created if needed.
    lang
        ``"zh"`` or ``"en"``: headers, duty names and yes/no values.
    xlsx
        Also write ``roster.xlsx`` (default True).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = roster_tables(result, lang)
    paths = [folder / "roster.csv", folder / "roster_summary.csv"]
    write_csv(tables["roster"], paths[0])
    write_csv(tables["summary"], paths[1])
    if len(result.shortages):
        paths.append(folder / "roster_shortages.csv")
        write_csv(tables["shortages"], paths[-1])
    if xlsx:
        paths.append(folder / "roster.xlsx")
        sheets = ["roster", "by_day", "summary", "time_off"]
        if len(result.shortages):
            sheets.append("shortages")
        write_xlsx({t(f"roster.sheet.{key}", lang): tables[key] for key in sheets}, paths[-1])
    return paths
