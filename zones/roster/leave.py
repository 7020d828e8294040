"""Leave: read from a CSV file, and turned into the days of the period each officer is away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from zones import columns as C
from zones.roster.rules import DATE, LeaveInput, RosterError, as_day, is_missing


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
        raise RosterError(code="roster.leave_missing", path=path)
    table = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            table = pd.read_csv(path, dtype=str, encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise RosterError(code="roster.leave_csv", file=path.name, detail=str(exc)) from exc
    if table is None:
        raise RosterError(code="roster.leave_encoding", file=path.name)
    aliases = {"警号": C.OFFICER_ID, "日期": DATE, "开始": "start", "结束": "end"}
    table = table.rename(columns=lambda c: aliases.get(str(c).strip(), str(c).strip()))
    return table.dropna(how="all").reset_index(drop=True)


def leave_days(
    leave: LeaveInput, dates: pd.DatetimeIndex, position: Mapping[str, int]
) -> list[set[int]]:
    """Day positions on leave per officer; days outside the period are dropped."""
    away: list[set[int]] = [set() for _ in position]
    if leave is None:
        return away
    spans: list[tuple[str, pd.Timestamp, pd.Timestamp]] = []
    if isinstance(leave, pd.DataFrame):
        spans = _table_spans(leave)
    elif isinstance(leave, Mapping):
        for officer, values in leave.items():
            if isinstance(values, str | dt.date | np.datetime64) or not isinstance(
                values, Iterable
            ):
                values = [values]
            for value in values:
                day = as_day(value, "leave", officer=officer)
                spans.append((str(officer), day, day))
    else:
        raise RosterError(code="roster.leave_kind")
    unknown = sorted({officer for officer, _, _ in spans} - set(position))
    if unknown:
        raise RosterError(code="roster.leave_unknown", ids=", ".join(unknown[:10]))
    first, last = dates[0], dates[-1]
    for officer, begin, end in spans:
        lo, hi = max(begin, first), min(end, last)
        if lo <= hi:
            away[position[officer]].update(range((lo - first).days, (hi - first).days + 1))
    return away


def _table_spans(table: pd.DataFrame) -> list[tuple[str, pd.Timestamp, pd.Timestamp]]:
    """(officer, first day, last day) per row of a leave table."""
    if C.OFFICER_ID not in table.columns:
        raise RosterError(code="roster.leave_id_column")
    if "start" not in table.columns and DATE not in table.columns:
        raise RosterError(code="roster.leave_date_column")
    spans = []
    for record in table.to_dict("records"):
        officer = str(record[C.OFFICER_ID])
        if "start" in record and not is_missing(record["start"]):
            begin = as_day(record["start"], "leave_start", officer=officer)
            end_value = record.get("end")
            end = (
                begin if is_missing(end_value) else as_day(end_value, "leave_end", officer=officer)
            )
        else:
            begin = end = as_day(record.get(DATE), "leave_date", officer=officer)
        if end < begin:
            raise RosterError(
                code="roster.leave_order", officer=officer, end=end.date(), start=begin.date()
            )
        spans.append((officer, begin, end))
    return spans
