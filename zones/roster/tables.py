"""The roster's tables as people read them: headers, duty names and yes/no in one language."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from zones import columns as C
from zones.i18n import DEFAULT_LANG, t
from zones.roster.result import RosterResult
from zones.roster.rules import DATE, DEFAULT_PATTERN, OFFICER_ID, ROLE, is_missing, role_label

COLUMN_KEYS = (
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


def roster_tables(result: RosterResult, lang: str = DEFAULT_LANG) -> dict[str, pd.DataFrame]:
    """The roster's tables with headers and values in ``lang``, ready to write.

    Returns
    -------
    dict
        ``roster`` (日期, 岗位, 警号, 姓名: one row per slot, an empty slot named
        （空缺）), ``by_day`` (one row per day, one column per duty role), ``summary`` (per
        officer), ``shortages`` and ``time_off``.
    """
    col = {key: t(f"roster.col.{key}", lang) for key in COLUMN_KEYS}
    names = dict(zip(result.summary[C.OFFICER_ID], result.summary[C.NAME], strict=True))
    pattern = result.settings.get("pattern", DEFAULT_PATTERN)
    assert isinstance(pattern, Mapping)  # the settings the solve recorded: a dict
    roles = [r for r, n in pattern.items() if n > 0]
    return {
        "roster": _slots(result, col, names, lang),
        "by_day": _by_day(result, col, names, roles, lang),
        "summary": _per_officer(result, col, roles, lang),
        "shortages": _shortages(result, col, lang),
        "time_off": _time_off(result, col, names, lang),
    }


def _slots(result: RosterResult, col: dict, names: dict, lang: str) -> pd.DataFrame:
    vacant = t("roster.vacant", lang)
    table = result.table
    ids = table[OFFICER_ID].tolist()
    return pd.DataFrame(
        {
            col[DATE]: [_iso(d) for d in table[DATE]],
            col[ROLE]: [role_label(r, lang) for r in table[ROLE]],
            col[OFFICER_ID]: ["" if is_missing(o) else str(o) for o in ids],
            col[C.NAME]: [vacant if is_missing(o) else names.get(o, "") for o in ids],
        }
    )


def _by_day(
    result: RosterResult, col: dict, names: dict, roles: list[str], lang: str
) -> pd.DataFrame:
    vacant = t("roster.vacant", lang)
    joiner = "、" if lang == "zh" else ", "
    rows = []
    for day, group in result.table.groupby(DATE, sort=True):
        row = {col[DATE]: _iso(day), col["weekday"]: t(f"roster.weekday.{day.weekday()}", lang)}
        for r in roles:
            members = group.loc[group[ROLE] == r, OFFICER_ID].tolist()
            row[role_label(r, lang)] = joiner.join(
                vacant if is_missing(o) else f"{names.get(o, '')}({o})" for o in members
            )
        rows.append(row)
    return pd.DataFrame(rows)


def _per_officer(result: RosterResult, col: dict, roles: list[str], lang: str) -> pd.DataFrame:
    yes_no = {True: t("roster.yes", lang), False: t("roster.no", lang)}
    summary = result.summary
    table = pd.DataFrame(
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
        table[role_label(r, lang)] = summary[r]
    for key in ("leave_days", "reward_leave_days", "reward_leave_owed"):
        table[col[key]] = summary[key]
    table[col["fair"]] = [yes_no[bool(v)] for v in summary["fair"]]
    return table


def _shortages(result: RosterResult, col: dict, lang: str) -> pd.DataFrame:
    yes_no = {True: t("roster.yes", lang), False: t("roster.no", lang)}
    return pd.DataFrame(
        {
            col[DATE]: [_iso(d) for d in result.shortages[DATE]],
            col[ROLE]: [role_label(r, lang) for r in result.shortages[ROLE]],
            col["missing"]: result.shortages["missing"],
            col["sworn"]: [yes_no[bool(v)] for v in result.shortages["sworn"]],
        }
    )


def _time_off(result: RosterResult, col: dict, names: dict, lang: str) -> pd.DataFrame:
    off = result.time_off
    return pd.DataFrame(
        {
            col[DATE]: [_iso(d) for d in off[DATE]],
            col[OFFICER_ID]: off[OFFICER_ID].astype(object),
            col[C.NAME]: [names.get(o, "") for o in off[OFFICER_ID]],
            col["reason"]: [t(f"roster.reason.{why}", lang) for why in off["reason"]],
        }
    )


def _iso(day: object) -> str:
    return pd.Timestamp(day).date().isoformat()
