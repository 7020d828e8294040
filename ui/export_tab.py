"""The export tab: the offline HTML map, the plan folder as a zip, GeoPackage, XLSX and CSV.

Files are made only when their button is clicked and cached per plan (:mod:`ui.downloads`), so
the tab costs nothing until then. The profile decides what leaves the station: the **public**
HTML map shows role codes and the public zip leaves out ``officers.csv``; the **internal** map
(names, phones, "内部资料 注意保密" banner) and the internal zip need an explicit confirmation
tick; a viewer's account is offered the public profile only (:func:`ui.auth.allowed_profiles`).
Every download is recorded as an audit line (time, user, role, profile, plan name, file) in the
page and in the server log (:mod:`ui.audit`). Widget keys start with ``export.``.

The XLSX and the two CSV files are for people: headers, words and units in the page's language
(:mod:`ui.sheets`); the zip, the GeoPackage and the map keep the plan folder's documented field
names for programs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from maps.people import public_plan
from ui import audit, auth, downloads, sheets
from ui.i18n import t
from ui.tables import INTERNAL, guarded, profile_choice
from zones.model import Scenario
from zones.plan.files import GPKG
from zones.plan.pipeline import Plan

audit_log = audit.audit_log  # "zoneplanner.audit": the server's log, whatever the root level
AUDIT_KEY = audit.DOWNLOADS_KEY
AUDIT_LINES = audit.DOWNLOADS_KEPT  # kept per session, newest last
AUDIT_COLUMNS = ("time", "user", "profile", "plan", "file")


@dataclass(frozen=True)
class Download:
    """One download button: what it hands out and how the file is made."""

    key: str
    file_name: str
    mime: str
    build: Callable[[], bytes]
    personal: bool  # carries names/phones in the internal profile: needs the confirmation


def downloads_for(plan: Plan, lang: str, profile: str) -> list[Download]:
    """The export tab's downloads for ``plan`` (the same callables its buttons are given)."""
    name = functools.partial(downloads.file_name, plan, lang=lang)
    mime = downloads.MIME
    return [
        Download(
            "export.html",
            name(f"map-{profile}", "html"),
            mime["html"],
            functools.partial(downloads.map_html, plan, lang=lang, profile=profile),
            personal=True,
        ),
        Download(
            "export.zip",
            name(f"plan-{profile}", "zip"),
            mime["zip"],
            functools.partial(downloads.plan_zip, plan, profile=profile),
            personal=True,
        ),
        Download(
            "export.gpkg",
            name("layers", "gpkg"),
            mime["gpkg"],
            functools.partial(downloads.plan_file, plan, GPKG),
            personal=False,
        ),
        Download(
            "export.xlsx",
            name("tables", "xlsx"),
            mime["xlsx"],
            functools.partial(people_file, plan, "xlsx", lang),
            personal=False,
        ),
        Download(
            "export.zones_csv",
            name("zones", "csv"),
            mime["csv"],
            functools.partial(people_file, plan, "zones_csv", lang),
            personal=False,
        ),
        Download(
            "export.villages_csv",
            name("villages", "csv"),
            mime["csv"],
            functools.partial(people_file, plan, "villages_csv", lang),
            personal=False,
        ),
    ]


def people_file(plan: Plan, what: str, lang: str) -> bytes:
    """A spreadsheet for people (``xlsx``, ``zones_csv``, ``villages_csv``) of the public copy of
    ``plan`` in ``lang`` (:mod:`ui.sheets`), made once per plan and language."""

    def build() -> bytes:
        return sheets.BUILDERS[what](public_plan(plan), lang)

    key = ("people", what, downloads.fingerprint(plan), lang)
    return downloads.cached(key, build)  # type: ignore[return-value]


def render(plan: Plan, lang: str, *, scenario: Scenario | None = None) -> None:
    """Draw the export tab for ``plan`` in ``lang`` (``scenario`` is not needed)."""
    with guarded("export", lang):
        _render(plan, lang)


def _render(plan: Plan, lang: str) -> None:
    profile = profile_choice("export", lang, plan=plan)
    confirmed = True
    if profile == INTERNAL:
        confirmed = st.checkbox(t("app.export.confirm", lang), key="export.confirm")
        if not confirmed:
            st.info(t("app.export.confirm_needed", lang))
    st.caption(t("app.export.lazy", lang))
    for item in downloads_for(plan, lang, profile):
        what = item.key.removeprefix("export.")
        left, right = st.columns([2, 3], vertical_alignment="center")
        with left:
            st.download_button(
                t(f"app.export.{what}", lang),
                data=item.build,
                file_name=item.file_name,
                mime=item.mime,
                key=item.key,
                on_click=record,
                args=(plan.name, profile, item.file_name),
                disabled=item.personal and not confirmed,
                width="stretch",
            )
        right.caption(t(f"app.export.{what}.help", lang))
    show_audit(lang)


def record(plan_name: str, profile: str, file_name: str) -> None:
    """Button callback: one audit line (time, user, role, profile, plan name, file)."""
    audit.download(auth.current_account(), plan_name, profile, file_name)


def show_audit(lang: str) -> None:
    """The downloads of this session, newest first (time, user, profile, plan, file)."""
    lines = st.session_state.get(AUDIT_KEY, [])
    with st.expander(t("app.export.audit", lang, n=len(lines)), expanded=bool(lines)):
        if not lines:
            st.caption(t("app.export.audit_empty", lang))
            return
        table = pd.DataFrame(lines[::-1], columns=list(AUDIT_COLUMNS))
        table["profile"] = [t(f"app.tabs.profile.{p}", lang) for p in table["profile"]]
        table.columns = [t(f"app.export.audit.{c}", lang) for c in table.columns]
        st.dataframe(table, hide_index=True)
