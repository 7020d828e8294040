"""Shortages: days the pattern cannot be staffed, as a table, as text and as an error."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from zones import columns as C
from zones.i18n import DEFAULT_LANG, t
from zones.roster.rules import DATE, ROLE, SHORTAGE_COLUMNS, RosterError, Rules, role_label
from zones.roster.staff import Staff

Shortfall = tuple[int, str, int, bool]  # (day, role, missing, sworn)


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
        zh, en = day_texts(shortages, "zh"), day_texts(shortages, "en")
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


def shortage_lines(shortages: pd.DataFrame, lang: str = DEFAULT_LANG) -> list[str]:
    """One line per short day in ``lang``: ``2025-03-04: 缺 1 名出警员``."""
    return [f"{day}: {text}" for day, text in day_texts(shortages, lang)]


def day_texts(shortages: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
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


def headcount_shortages(staff: Staff, rules: Rules) -> list[Shortfall]:
    """Shortfalls no roster can avoid, as (day, role, missing, sworn), filled in pattern order."""
    found: list[Shortfall] = []
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


def shortage_table(
    found: Iterable[Shortfall], dates: pd.DatetimeIndex, rules: Rules
) -> pd.DataFrame:
    """The shortfalls as a table (``date``, ``role``, ``missing``, ``sworn``), by day."""
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
