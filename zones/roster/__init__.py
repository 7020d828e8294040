"""The daily 1+3+2 duty roster."""

from __future__ import annotations

from zones.roster.cpsat import DETERMINISTIC_SHARE
from zones.roster.files import write_roster
from zones.roster.leave import read_leave
from zones.roster.result import RosterResult
from zones.roster.roster import plan_roster, solve_roster
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
    role_label,
)
from zones.roster.shortages import RosterShortageError, shortage_lines
from zones.roster.tables import roster_tables

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
