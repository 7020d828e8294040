"""The officers as the roster solver sees them: positions 0 … n−1 in input order."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from zones import columns as C
from zones.roster.leave import leave_days
from zones.roster.rules import KINDS, LeaveInput, RosterError, is_missing


@dataclass
class Staff:
    """Officer ids, names, kinds (police/auxiliary), availability, leave, reward leave owed
    and zone heads, each a list over officer positions."""

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
    ) -> Staff:
        """Check the officers table, the leave and the zone heads; :class:`RosterError` if wrong."""
        frame = pd.DataFrame(officers)
        source = frame[C.OFFICER_ID] if C.OFFICER_ID in frame.columns else frame.index
        ids = [str(v) for v in source]
        for column in (C.NAME, C.ROLE):
            if column not in frame.columns:
                raise RosterError(code="roster.officers_column", column=column)
        repeated = sorted(officer for officer, n in Counter(ids).items() if n > 1)
        if repeated:
            raise RosterError(code="roster.officers_twice", ids=", ".join(repeated[:10]))
        kinds = [str(v) for v in frame[C.ROLE]]
        bad = [ids[k] for k, kind in enumerate(kinds) if kind not in KINDS]
        if bad:
            raise RosterError(code="roster.officers_role", ids=", ".join(bad[:10]))
        names = ["" if is_missing(v) else str(v) for v in frame[C.NAME]]
        available = [True] * len(ids)
        if C.AVAILABLE in frame.columns:
            available = [_available(v) for v in frame[C.AVAILABLE]]
        owed = [0] * len(ids)
        if C.REWARD_LEAVE_DAYS in frame.columns:
            owed = [_owed(v, ids[k]) for k, v in enumerate(frame[C.REWARD_LEAVE_DAYS])]
        position = {officer: k for k, officer in enumerate(ids)}
        away = leave_days(leave, dates, position)
        return cls(ids, names, kinds, available, away, owed, _heads(zone_heads, position))

    def workable(self, i: int, days: int) -> list[int]:
        """Day positions officer ``i`` can be scheduled on (reward leave not yet placed)."""
        if not self.available[i]:
            return []
        return [d for d in range(days) if d not in self.leave[i]]


def _heads(zone_heads: Iterable[str] | None, position: dict[str, int]) -> set[int]:
    if zone_heads is None:
        return set()
    wanted = [zone_heads] if isinstance(zone_heads, str) else list(zone_heads)
    unknown = sorted({str(h) for h in wanted} - set(position))
    if unknown:
        raise RosterError(code="roster.heads_unknown", ids=", ".join(unknown[:10]))
    return {position[str(h)] for h in wanted}


def _available(value: object) -> bool:
    """``available`` as a bool: missing means available; "false"/"0"/"no"/"否" do not."""
    if is_missing(value):
        return True
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no", "n", "否", "")
    return bool(value)


def _owed(value: object, officer: str) -> int:
    if is_missing(value):
        return 0
    try:  # any cell value: what float() cannot take raises TypeError, a wrong number below
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = -1.0
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise RosterError(code="roster.reward_leave", officer=officer, value=repr(value))
    return int(number)
