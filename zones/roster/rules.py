"""The roster's vocabulary and rules: duty roles, the pattern, limits, and checks of a request.

:class:`Rules` holds a checked request (pattern, sworn officers per role, rest and zone-head
rules); :func:`check_request` and :func:`check_min_sworn` check
:func:`zones.roster.solve_roster`'s arguments, raising :class:`RosterError` that names the argument
and the fix.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import pandas as pd

from zones import columns as C
from zones.errors import ZonePlannerError
from zones.i18n import DEFAULT_LANG, TEXTS, t

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

ProgressFn = Callable[[float, str], None]
DateLike: TypeAlias = str | dt.date | dt.datetime | pd.Timestamp | np.datetime64
LeaveInput: TypeAlias = Mapping[str, Iterable[DateLike] | DateLike] | pd.DataFrame | None


class RosterError(ZonePlannerError):
    """The roster request itself is wrong (bad pattern, unknown officers, bad dates, …)."""


@dataclass(frozen=True)
class Rules:
    """A checked roster request: the pattern and the rules every roster keeps."""

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

    @property
    def rest_windows(self) -> list[tuple[int, int]]:
        """(span, most duty days) of the sliding windows the rest rules set."""
        windows = [(self.max_consecutive + 1, self.max_consecutive)]
        if self.min_rest > 0:
            windows.append((7, 7 - self.min_rest))
        return windows

    def head_need(self, begin: int) -> tuple[int, int]:
        """(length, duty-free days needed) of the zone-head week starting at day ``begin``."""
        length = min(7, self.days - begin)
        return length, self.head_free * length // 7


def check_request(
    *,
    pattern: Mapping[str, int] | None,
    start: object,
    days: object,
    max_consecutive: object,
    min_rest_per_week: object,
    head_free_days_per_week: object,
    seed: object,
    on_shortage: object,
    time_limit_s: object,
    num_workers: object,
) -> tuple[dict[str, int], pd.DatetimeIndex]:
    """The checked pattern and the period's dates; :class:`RosterError` for a wrong argument.

    ``min_sworn`` is checked against the pattern by :func:`check_min_sworn`.
    """
    checked = check_pattern(pattern)
    first = as_day(start, "start")
    check_int(days, "days", 1)
    check_int(max_consecutive, "max_consecutive", 1)
    check_int(min_rest_per_week, "min_rest_per_week", 0, 6)
    check_int(head_free_days_per_week, "head_free_days_per_week", 0, 7)
    check_int(num_workers, "num_workers", 1, MAX_WORKERS)
    check_int(seed, "seed", 0)
    if on_shortage not in ("raise", "flag"):
        raise RosterError(code="roster.on_shortage", value=repr(on_shortage))
    if isinstance(time_limit_s, bool) or not (
        isinstance(time_limit_s, int | float) and time_limit_s > 0
    ):
        raise RosterError(code="roster.time_limit", value=repr(time_limit_s))
    return checked, pd.date_range(first, periods=days, freq="D")


def role_label(role: str, lang: str = DEFAULT_LANG, *, plural: bool = False) -> str:
    """The display name of a duty role (接警员, 出警员, 巡逻员); other roles as given."""
    key = f"roster.role{'s' if plural else ''}.{role}"
    return t(key, lang) if key in TEXTS else role


def is_missing(value: object) -> bool:
    """Whether a cell is empty (None, NA, NaT or NaN)."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def as_day(value: object, what: str, **params: object) -> pd.Timestamp:
    """``value`` as a day (midnight, no time zone); :class:`RosterError` naming ``what``: the
    suffix of a key ``error.roster.what.<what>`` (filled with ``params``: ``officer``), or a
    text."""
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError):
        day = pd.NaT
    if is_missing(day):
        key = f"error.roster.what.{what}"
        named = {"what_key": key, **params} if key in TEXTS else {"what": what}
        raise RosterError(code="roster.not_a_date", value=repr(value), **named)
    if day.tzinfo is not None:
        day = day.tz_localize(None)
    return day.normalize()


def check_int(value: object, what: str, low: int, high: int | None = None) -> None:
    """Raise :class:`RosterError` unless ``value`` is a whole number in ``low … high``."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | np.integer)
        or value < low
        or (high is not None and value > high)
    ):
        span = f"{low} … {high}" if high is not None else f"≥ {low}"
        raise RosterError(code="roster.whole_number", what=what, span=span, value=repr(value))


def check_pattern(pattern: Mapping[str, int] | None) -> dict[str, int]:
    """The pattern (slots per duty role and day) checked; the default 1+3+2 for None."""
    if pattern is None:
        return dict(DEFAULT_PATTERN)
    if not isinstance(pattern, Mapping) or not pattern:
        raise RosterError(code="roster.pattern")
    checked: dict[str, int] = {}
    for role, count in pattern.items():
        if not isinstance(role, str) or not role.strip():
            raise RosterError(code="roster.pattern_role", role=repr(role))
        check_int(count, f"pattern[{role!r}]", 0)
        checked[role.strip()] = int(count)
    if sum(checked.values()) == 0:
        raise RosterError(code="roster.pattern_empty")
    return checked


def check_min_sworn(
    min_sworn: Mapping[str, int] | None, pattern: Mapping[str, int]
) -> dict[str, int]:
    """Sworn officers needed per duty role and day (default: one responder, if any)."""
    if min_sworn is None:
        return {r: n for r, n in DEFAULT_MIN_SWORN.items() if pattern.get(r, 0) > 0}
    checked: dict[str, int] = {}
    for role, count in min_sworn.items():
        check_int(count, f"min_sworn[{role!r}]", 0)
        if count > pattern.get(role, 0):
            raise RosterError(
                code="roster.min_sworn", role=repr(role), count=count, slots=pattern.get(role, 0)
            )
        if count:
            checked[role] = int(count)
    return checked
