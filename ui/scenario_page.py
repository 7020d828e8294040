"""The main area: which scenario is shown, the plan, and the tabs.

Tabs: the scenario (layer counts, validation report, map), then the plan's zones (with hand
edits), compare, staffing, patrol, export and roster. The last four are
:mod:`ui.staffing_tab`, :mod:`ui.patrol_tab`, :mod:`ui.export_tab` and :mod:`ui.roster_tab`:
each renders one plan, the session's current one (after hand edits).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from ui import (
    compare_tab,
    export_tab,
    loading,
    patrol_tab,
    plan_page,
    roster_tab,
    staffing_tab,
    zones_tab,
)
from ui.i18n import t
from ui.map_view import show_map
from ui.sidebar import SidebarInputs
from ui.text import capitalised, md_escape
from zones import columns as C
from zones.errors import ScenarioError
from zones.model import Scenario
from zones.report import ValidationReport

logger = logging.getLogger(__name__)

MAX_ERRORS_LISTED = 8
PLAN_TABS: dict[str, Callable[..., None]] = {
    "staffing": staffing_tab.render,
    "patrol": patrol_tab.render,
    "export": export_tab.render,
    "roster": roster_tab.render,
}
TABS: tuple[str, ...] = ("scenario", "zones", "compare", *PLAN_TABS)
TABS_KEY = "main.tabs"  # a keyed tab bar keeps the open tab across reruns


def load(inputs: SidebarInputs) -> loading.Loaded:
    """Read what the sidebar asks for: the uploads if there are any, else the sample."""
    if inputs.files is None:
        return loading.load_sample()
    if inputs.duplicates:
        return loading.Loaded(
            message_key="app.error.duplicate_name",
            message_params={"names": ", ".join(inputs.duplicates)},
        )
    return loading.load_upload(inputs.files, inputs.options)


def render(inputs: SidebarInputs) -> None:
    """Draw the main area for the sidebar's choices."""
    lang = inputs.lang
    st.title(t("app.title", lang))
    if inputs.files is None:
        st.caption(t("app.source.sample", lang))
    else:
        names = ", ".join(md_escape(name) for name in inputs.files)
        st.caption(t("app.source.upload", lang, files=names))

    loaded = load(inputs)
    if loaded.scenario is not None:
        show_planner(loaded.scenario, loaded.key, lang)
        return
    if loaded.error is not None:
        show_scenario_error(loaded.error, lang)
    elif loaded.message_key is not None:
        params = {k: md_escape(v) for k, v in loaded.message_params.items()}
        st.error(t(loaded.message_key, lang, **params))
    if inputs.files is not None:
        st.info(t("app.error.hint", lang))


def show_planner(scenario: Scenario, scenario_key: str, lang: str) -> None:
    """The scenario's name, the plan settings (sidebar), the plan, and the tabs."""
    st.header(md_escape(scenario.name))
    widgets = plan_page.controls(scenario, scenario_key, lang)
    with st.container():  # one element whatever it shows, so the tabs below keep their place
        known = plan_page.history(widgets, scenario, scenario_key, lang)
    labels = [t(f"app.tab.{name}", lang) for name in TABS]
    # a tab switch reruns the page, so a tab opened after a hand edit (made in the zones tab's
    # fragment) shows the edited plan
    tabs = dict(zip(TABS, st.tabs(labels, key=TABS_KEY, on_change="rerun"), strict=True))
    with tabs["scenario"]:
        _guarded("scenario", lang, lambda: show_scenario(scenario, lang, scenario_key))
    for name in TABS[1:]:
        with tabs[name]:
            if known is None:
                st.info(t("app.plan.none", lang))
                continue
            if name == "zones":
                _guarded(name, lang, lambda: zones_tab.render(known, scenario, scenario_key, lang))
            elif name == "compare":
                _guarded(name, lang, lambda: compare_tab.render(known, lang))
            else:
                render = PLAN_TABS[name]
                _guarded(name, lang, lambda r=render: r(known.current, lang, scenario=scenario))


def _guarded(name: str, lang: str, draw: Callable[[], None]) -> None:
    """Draw one tab; an unexpected failure is logged and shown as a message, never a traceback."""
    try:
        draw()
    except Exception:
        logger.exception("the %s tab failed", name)
        st.error(t("app.error.page", lang))


def show_scenario(scenario: Scenario, lang: str, scenario_key: str = "") -> None:
    """Counts, report and map of a scenario that was read."""
    show_counts(scenario.counts(), lang)
    show_report(scenario.report, lang)
    show_map(scenario, lang, scenario_key=scenario_key)


def show_counts(counts: dict[str, int], lang: str) -> None:
    """One metric per layer, in the data model's order."""
    st.subheader(t("app.counts", lang))
    layers = [name for name in C.LAYERS if name in counts]
    for column, name in zip(st.columns(len(layers)), layers, strict=True):
        column.metric(capitalised(t(f"layer.{name}", lang)), f"{counts[name]:,}")


def show_report(report: ValidationReport, lang: str) -> None:
    """The validation report: a short verdict, then the table of repairs and warnings."""
    st.subheader(t("app.report", lang))
    if not report.issues:
        st.success(t("app.report.clean", lang))
        return
    if report.repairs:
        st.warning(t("app.report.repairs", lang, n=len(report.repairs)))
    if report.warnings:
        st.info(t("app.report.warnings", lang, n=len(report.warnings)))
    st.dataframe(report.to_frame(lang), hide_index=True)


def show_scenario_error(error: ScenarioError, lang: str) -> None:
    """A scenario that cannot be used: its errors in plain words, then the whole report table."""
    report = error.report
    errors = report.errors
    lines = [t("app.error.scenario", lang, n=len(errors)), ""]
    lines += [f"- {md_escape(issue.to_text(lang))}" for issue in errors[:MAX_ERRORS_LISTED]]
    if len(errors) > MAX_ERRORS_LISTED:
        lines += ["", t("app.error.more", lang, n=len(errors) - MAX_ERRORS_LISTED)]
    st.error("\n".join(lines))
    st.dataframe(report.to_frame(lang), hide_index=True)
