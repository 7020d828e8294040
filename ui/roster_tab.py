"""The roster tab: the plan's daily 1+3+2 duty roster as a day × duty table, or a way to plan one.

A plan made with a roster (``make_plan(roster_start=…)``) shows it; otherwise the tab asks for a
start date and a number of days and calls :func:`zones.plan_roster` with the plan's zone
heads kept free on some days and the plan's seed, exactly as :func:`zones.make_plan` does.
That roster is kept in the session for this plan (the plan itself is not changed). Days with an
empty slot or without a sworn responder are highlighted and listed in plain words; the roster
downloads as CSV and XLSX, each download audited with the user's name (:mod:`ui.audit`). Names
are shown to accounts allowed the internal profile only. Widget keys start with ``roster.``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from ui import audit, auth, downloads
from ui.i18n import t
from ui.tables import People, guarded, highlight_rows, profile_choice
from ui.text import md_escape
from zones.model import Scenario
from zones.plan.pipeline import HEAD_OFFICER_ID, Plan
from zones.roster.roster import (
    DATE,
    DEFAULT_PATTERN,
    OFFICER_ID,
    ROLE,
    SHORTAGE_COLUMNS,
    RosterError,
    RosterShortageError,
    plan_roster,
    role_label,
    shortage_lines,
)

logger = logging.getLogger(__name__)

RESULTS_KEY = "roster.results"  # {plan fingerprint: roster table} planned in this session
RESULTS_KEPT = 4
DEFAULT_DAYS = 28
MAX_DAYS = 366


def render(plan: Plan, lang: str, *, scenario: Scenario | None = None) -> None:
    """Draw the roster tab for ``plan`` in ``lang`` (``scenario`` is not needed)."""
    with guarded("roster", lang):
        _render(plan, lang)


def _render(plan: Plan, lang: str) -> None:
    roster = plan.roster if plan.roster is not None and len(plan.roster) else None
    if roster is None:
        roster = planned_here(plan)
        if roster is None:
            st.info(t("app.roster.none", lang))
        request(plan, lang)
        if roster is None:
            return
        st.caption(t("app.roster.session", lang))
    profile = profile_choice("roster", lang, plan=plan)
    people = People(plan, profile, lang)
    show_roster(plan, roster, people, lang)


# --- planning one --------------------------------------------------------------------------------


def planned_here(plan: Plan) -> pd.DataFrame | None:
    """The roster planned in this session for this plan, if any."""
    return st.session_state.get(RESULTS_KEY, {}).get(downloads.fingerprint(plan))


def _next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=7 - today.weekday())


def request(plan: Plan, lang: str) -> None:
    """Start date, number of days and the button that plans the roster for this plan."""
    if plan.officers is None or len(plan.officers) == 0:
        st.warning(t("app.roster.no_officers", lang))
        return
    left, right = st.columns(2)
    start = left.date_input(
        t("app.roster.start", lang), value=_next_monday(dt.date.today()), key="roster.start"
    )
    days = right.number_input(
        t("app.roster.days", lang),
        min_value=1,
        max_value=MAX_DAYS,
        value=DEFAULT_DAYS,
        step=1,
        key="roster.days",
    )
    flag = st.checkbox(
        t("app.roster.flag", lang),
        value=True,
        help=t("app.roster.flag.help", lang),
        key="roster.flag",
    )
    if st.button(t("app.roster.run", lang), key="roster.run", type="primary"):
        run(plan, start, int(days), flag=bool(flag), lang=lang)


def run(plan: Plan, start: dt.date, days: int, *, flag: bool, lang: str) -> None:
    """Plan the roster (zone heads kept free, the plan's seed) and keep it for this plan."""
    known = set(plan.officers[OFFICER_ID].astype(str)) if OFFICER_ID in plan.officers else set()
    heads = []
    if HEAD_OFFICER_ID in plan.zones:  # heads missing from the list have no duty to be freed of
        heads = [str(h) for h in plan.zones[HEAD_OFFICER_ID].dropna() if str(h) in known]
    bar = st.progress(0.0, text=t("app.roster.running", lang))
    try:
        table = plan_roster(
            plan.officers,
            start,
            days,
            zone_heads=heads,
            seed=int(plan.settings.get("seed", 0) or 0),
            on_shortage="flag" if flag else "raise",
            progress=lambda f, _m: bar.progress(
                min(max(float(f), 0.0), 1.0), text=t("app.roster.running", lang)
            ),
        )
    except RosterShortageError as exc:
        bar.empty()
        lines = exc.message(lang).splitlines()
        st.error("\n".join([md_escape(lines[0]), ""] + [f"- {md_escape(x)}" for x in lines[1:]]))
        return
    except RosterError as exc:
        bar.empty()
        st.error(t("app.roster.error", lang, error=md_escape(exc.message(lang))))
        return
    bar.empty()
    results = dict(st.session_state.get(RESULTS_KEY, {}))
    results[downloads.fingerprint(plan)] = table
    st.session_state[RESULTS_KEY] = dict(list(results.items())[-RESULTS_KEPT:])
    st.rerun()


# --- showing one ---------------------------------------------------------------------------------


def _plain(roster: pd.DataFrame) -> pd.DataFrame:
    """The roster without ``attrs``: pandas deep-copies them on every operation (slow)."""
    plain = roster.copy(deep=False)
    plain.attrs = {}
    return plain


def roles_of(roster: pd.DataFrame) -> list[str]:
    """Duty roles in pattern order (the roster's own pattern when it says, else 1+3+2)."""
    settings = roster.attrs.get("settings", {}) if isinstance(roster.attrs, Mapping) else {}
    pattern = settings.get("pattern") or DEFAULT_PATTERN
    roles = [r for r, n in pattern.items() if n > 0]
    return roles + sorted(set(map(str, roster[ROLE].dropna())) - set(roles))


def shortages_of(roster: pd.DataFrame) -> pd.DataFrame:
    """The roster's shortages (``date``, ``role``, ``missing``, ``sworn``).

    From ``roster.attrs`` when the roster planner left them there (they include days without a
    sworn responder), else counted from the slots without an officer.
    """
    listed = roster.attrs.get("shortages") if isinstance(roster.attrs, Mapping) else None
    if listed:
        table = pd.DataFrame(listed, columns=list(SHORTAGE_COLUMNS))
        table[DATE] = pd.to_datetime(table[DATE])
        return table
    roster = _plain(roster)
    empty = roster[~roster[OFFICER_ID].map(People.present).astype(bool)]
    if empty.empty:
        return pd.DataFrame(columns=list(SHORTAGE_COLUMNS))
    counts = empty.groupby([pd.to_datetime(empty[DATE]), ROLE]).size().reset_index(name="missing")
    counts["sworn"] = False
    return counts[list(SHORTAGE_COLUMNS)]


def by_day(roster: pd.DataFrame, people: People, lang: str) -> tuple[pd.DataFrame, list[bool]]:
    """One row per day: date, weekday, the officers of each duty, the pattern filled (1+3+2).

    Returns the table (translated headers) and, per row, whether the day is short.
    """
    roles = roles_of(roster)
    short_days = {pd.Timestamp(d).normalize() for d in shortages_of(roster)[DATE]}
    roster = _plain(roster)
    vacant = t("roster.vacant", lang)
    joiner = "、" if lang == "zh" else ", "
    days: dict[pd.Timestamp, dict[str, list[object]]] = {}
    dates = pd.to_datetime(roster[DATE]).dt.normalize()
    for day, role, officer in zip(dates, roster[ROLE], roster[OFFICER_ID], strict=True):
        days.setdefault(day, {}).setdefault(str(role), []).append(officer)
    rows, short = [], []
    for day in sorted(days):
        row = {
            t("roster.col.date", lang): day.date().isoformat(),
            t("roster.col.weekday", lang): t(f"roster.weekday.{day.weekday()}", lang),
        }
        filled = []
        for role in roles:
            ids = days[day].get(role, [])
            row[role_label(role, lang)] = joiner.join(
                people.label(o) if people.present(o) else vacant for o in ids
            )
            filled.append(str(sum(people.present(o) for o in ids)))
        row[t("app.roster.col.filled", lang)] = "+".join(filled)
        rows.append(row)
        short.append(day in short_days)
    return pd.DataFrame(rows), short


def per_officer(roster: pd.DataFrame, people: People, lang: str) -> pd.DataFrame:
    """Duty days per officer and duty (the fairness check), most duty first."""
    roles = roles_of(roster)
    roster = _plain(roster)
    staffed = roster[roster[OFFICER_ID].map(People.present).astype(bool)]
    counts = pd.crosstab(staffed[OFFICER_ID].astype(str), staffed[ROLE]).reindex(
        columns=roles, fill_value=0
    )
    counts = counts.assign(total=counts.sum(axis=1)).sort_values(
        ["total"], ascending=False, kind="stable"
    )
    table = pd.DataFrame(people.person_columns(counts.index))
    table = table.rename(columns=lambda c: t(f"app.tabs.col.{c}", lang))
    for role in roles:
        table[role_label(role, lang)] = counts[role].to_numpy()
    table[t("roster.col.duty_days", lang)] = counts["total"].to_numpy()
    return table


def slots(roster: pd.DataFrame, people: People, lang: str) -> pd.DataFrame:
    """One row per slot (date, duty, officer id, + name when internal), for the downloads."""
    roster = _plain(roster)
    ids = roster[OFFICER_ID].tolist()
    table = pd.DataFrame(
        {
            t("roster.col.date", lang): [pd.Timestamp(d).date().isoformat() for d in roster[DATE]],
            t("roster.col.role", lang): [role_label(str(r), lang) for r in roster[ROLE]],
            t("roster.col.officer_id", lang): [str(o) if people.present(o) else "" for o in ids],
        }
    )
    if people.internal:
        table[t("roster.col.name", lang)] = [
            people.name(o) if people.present(o) else t("roster.vacant", lang) for o in ids
        ]
    return table


def _digest(roster: pd.DataFrame) -> str:
    hashed = pd.util.hash_pandas_object(_plain(roster).astype(str), index=False).to_numpy()
    return hashlib.sha256(hashed.tobytes()).hexdigest()[:12]


def roster_csv(plan: Plan, roster: pd.DataFrame, people: People, lang: str) -> bytes:
    """The roster as CSV, one row per slot (cached per plan, roster, language and profile)."""
    key = ("roster-csv", downloads.fingerprint(plan), _digest(roster), lang, people.internal)
    return downloads.cached(key, lambda: downloads.csv_bytes(slots(roster, people, lang)))


def roster_xlsx(plan: Plan, roster: pd.DataFrame, people: People, lang: str) -> bytes:
    """The roster as XLSX: sheets by day, per slot and per officer (cached like the CSV)."""

    def build() -> bytes:
        return downloads.xlsx_bytes(
            {
                t("roster.sheet.by_day", lang): by_day(roster, people, lang)[0],
                t("roster.sheet.roster", lang): slots(roster, people, lang),
                t("roster.sheet.summary", lang): per_officer(roster, people, lang),
            }
        )

    key = ("roster-xlsx", downloads.fingerprint(plan), _digest(roster), lang, people.internal)
    return downloads.cached(key, build)


def show_roster(plan: Plan, roster: pd.DataFrame, people: People, lang: str) -> None:
    """The roster: shortages in plain words, the day × duty table, duty per officer, downloads."""
    shortages = shortages_of(roster)
    if len(shortages):
        days = int(shortages[DATE].nunique())
        lines = [f"- {md_escape(line)}" for line in shortage_lines(shortages, lang)]
        st.error("\n".join([t("app.roster.short", lang, days=days), "", *lines]))
    else:
        st.success(t("app.roster.full", lang, days=int(pd.to_datetime(roster[DATE]).nunique())))
    table, short = by_day(roster, people, lang)
    st.dataframe(highlight_rows(table, short), hide_index=True)
    officers = per_officer(roster, people, lang)
    with st.expander(t("app.roster.per_officer", lang, n=len(officers))):
        st.dataframe(officers, hide_index=True)
    profile = "internal" if people.internal else "public"
    confirmed = True
    if people.internal:  # files with names: the same explicit confirmation as the export tab
        confirmed = st.checkbox(t("app.export.confirm", lang), key="roster.confirm")
    what = f"roster-{profile}"
    names = {ext: downloads.file_name(plan, what, ext, lang=lang) for ext in ("csv", "xlsx")}
    left, right = st.columns(2)
    left.download_button(
        t("app.roster.csv", lang),
        data=functools.partial(roster_csv, plan, roster, people, lang),
        file_name=names["csv"],
        mime=downloads.MIME["csv"],
        key="roster.csv",
        on_click=record,
        args=(plan.name, profile, names["csv"]),
        disabled=not confirmed,
    )
    right.download_button(
        t("app.roster.xlsx", lang),
        data=functools.partial(roster_xlsx, plan, roster, people, lang),
        file_name=names["xlsx"],
        mime=downloads.MIME["xlsx"],
        key="roster.xlsx",
        on_click=record,
        args=(plan.name, profile, names["xlsx"]),
        disabled=not confirmed,
    )


def record(plan_name: str, profile: str, file_name: str) -> None:
    """Download callback: one audit line (time, user, role, profile, plan name, file)."""
    audit.download(auth.current_account(), plan_name, profile, file_name)
