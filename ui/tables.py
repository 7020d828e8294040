"""What the result tabs share: translated headers, people shown by profile, the error guard.

The tabs (:mod:`ui.staffing_tab`, :mod:`ui.patrol_tab`, :mod:`ui.export_tab`,
:mod:`ui.roster_tab`) show one :class:`~zones.Plan`; nothing here plans or draws a map.

People follow the map's privacy profiles (:mod:`maps.plan_map`): the **public** profile shows
officer ids and the map's role codes (片区长-03, 驻村辅警-V007: zones and villages numbered in
plan order, exactly as on the map), the **internal** one adds names and phone numbers under the
"内部资料 注意保密" warning.
"""

from __future__ import annotations

import contextlib
import logging
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from maps.people import INTERNAL, PROFILES, PUBLIC, orders
from maps.people import People as SharedPeople
from ui import audit, auth
from ui.i18n import TEXTS, t
from ui.text import md_escape
from zones.plan.pipeline import Plan
from zones.report import Issue

logger = logging.getLogger(__name__)

SHORT_COLOR = "background-color: #fde2e1"  # rows that lack someone (light red)
STYLED_ROWS_MAX = 1_000  # longer tables are shown without row colours (see highlight_rows)

__all__ = [
    "INTERNAL",
    "PROFILES",
    "PUBLIC",
    "SHORT_COLOR",
    "STYLED_ROWS_MAX",
    "People",
    "guarded",
    "header",
    "highlight_rows",
    "issue_text",
    "metric_label",
    "number_config",
    "orders",
    "profile_choice",
    "round_or_blank",
    "with_headers",
]


def header(column: Hashable, lang: str) -> str:
    """The translated header of a known column (``app.tabs.col.<name>``), else the name as it is."""
    key = f"app.tabs.col.{column}"
    return t(key, lang) if key in TEXTS else str(column)


def with_headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy of ``frame`` with translated headers for the known columns."""
    return frame.rename(columns=lambda column: header(column, lang))


def metric_label(key: str, lang: str) -> str:
    """The translated name of a plan metric (``app.tabs.metric.<key>``), else the key itself."""
    text_key = f"app.tabs.metric.{key}"
    return t(text_key, lang) if text_key in TEXTS else key


def number_config(frame: Any) -> dict[str, Any]:
    """``st.dataframe``'s ``column_config`` that shows the whole numbers of ``frame`` (a table or
    a Styler of one) with thousands separators (``110,864``), as the page's texts do."""
    data = getattr(frame, "data", frame)
    return {
        str(column): st.column_config.NumberColumn(format="localized")
        for column in data.columns
        if pd.api.types.is_integer_dtype(data[column])
        and not pd.api.types.is_bool_dtype(data[column])
    }


def round_or_blank(value: Any, digits: int = 2) -> Any:
    """A number rounded to ``digits`` (missing values stay missing); other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    return round(float(value), digits)


def issue_text(issue: Issue, lang: str) -> str:
    """One issue in plain words, "what — how to fix", as Markdown-safe text."""
    return md_escape(f"{issue.what(lang)} — {issue.fix(lang)}")


def highlight_rows(frame: pd.DataFrame, mask: Iterable[bool], color: str = SHORT_COLOR):
    """A Styler that colours the rows where ``mask`` is true (``st.dataframe`` shows it).

    Tables longer than :data:`STYLED_ROWS_MAX` come back unstyled: a Styler costs about a
    millisecond per row on every page run (the tabs say which rows are short in words too).
    """
    flags = list(mask)
    if len(frame) > STYLED_ROWS_MAX:
        return frame.reset_index(drop=True)

    def paint(row: pd.Series) -> list[str]:
        return [color if flags[row.name] else ""] * len(row)

    positional = frame.reset_index(drop=True)
    return positional.style.apply(paint, axis=1).format(precision=2, na_rep="")


class People(SharedPeople):
    """Officers as a tab shows them: ids and role codes always; names and phones if internal
    (the privacy rules are :class:`maps.people.People`'s, shared with the maps).

    Parameters
    ----------
    plan
        The plan (its ``officers`` layer holds the names and phones; it may be missing).
    profile
        ``"public"`` or ``"internal"``.
    lang
        ``"zh"`` or ``"en"``, for the role codes.
    """

    def __init__(self, plan: Plan, profile: str, lang: str) -> None:
        super().__init__(plan, profile, lang)
        self.zone_codes = dict(zip(plan.zones.index, orders(len(plan.zones), 2), strict=True))
        self.village_codes = dict(
            zip(plan.villages.index, orders(len(plan.villages), 3), strict=True)
        )

    def head_code(self, zone_index: Hashable) -> str:
        """The zone head's role code of a zone (``片区长-03``), by its row label in ``zones``."""
        return t("map.plan.head_code", self.lang, code=self.zone_codes[zone_index])

    def aux_code(self, village_index: Hashable) -> str:
        """The auxiliary's role code of a village (``驻村辅警-V007``), by its row label."""
        return t("map.plan.aux_code", self.lang, code=self.village_codes[village_index])

    def phone(self, officer_id: Any) -> str:
        """The officer's phone number (internal profile only; empty otherwise)."""
        return super().phone(officer_id) or ""

    def person_columns(self, ids: Iterable[Any]) -> dict[str, list[str]]:
        """Columns ``officer_id`` (+ ``name`` and ``phone`` when internal) for ``ids``."""
        ids = list(ids)
        columns = {"officer_id": [str(i) if self.present(i) else "" for i in ids]}
        if self.internal:
            columns["officer_name"] = [self.name(i) for i in ids]
            columns["phone"] = [self.phone(i) for i in ids]
        return columns


def profile_choice(tab: str, lang: str, *, plan: Plan | None = None) -> str:
    """A radio of the profiles this session's account may see (:func:`ui.auth.allowed_profiles`);
    internal shows the 内部资料 banner and is audited with the user's name. Returns the profile.

    A viewer (public only) gets no radio, only a caption saying so. The choice is kept in
    ``st.session_state["<tab>.profile"]``; the radio itself has one key per language
    (``<tab>.profile-zh``/``-en``): Streamlit keeps a radio's value as its option label, so a
    radio whose labels change with the language would come back with nothing selected (the same
    reason as :func:`ui.state.coord_source_widget_key`). ``plan`` names the plan in the audit.
    """
    account = auth.current_account()
    allowed = auth.allowed_profiles(account)
    state_key = f"{tab}.profile"
    if len(allowed) == 1:
        st.session_state[state_key] = allowed[0]
        st.caption(t("app.auth.public_only", lang))
        audit.view(account, tab, allowed[0], plan)
        return allowed[0]
    current = st.session_state.get(state_key, PUBLIC)
    profile = st.radio(
        t("app.tabs.profile", lang),
        allowed,
        index=allowed.index(current) if current in allowed else 0,
        format_func=lambda code: t(f"app.tabs.profile.{code}", lang),
        horizontal=True,
        key=f"{state_key}-{lang}",
        help=t("app.tabs.profile.help", lang),
    )
    st.session_state[state_key] = profile
    if profile == INTERNAL:
        st.warning(t("map.plan.banner", lang))
    audit.view(account, tab, str(profile), plan)
    return str(profile)


@contextlib.contextmanager
def guarded(tab: str, lang: str, params: Mapping[str, object] | None = None) -> Iterator[None]:
    """Catch anything a tab raises: log it with a traceback, show a translated error instead."""
    try:
        yield
    except Exception:
        logger.exception("the %s tab failed (%s)", tab, dict(params or {}))
        st.error(t("app.tabs.error", lang, tab=t(f"app.tabs.{tab}", lang)))
