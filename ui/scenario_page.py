"""The main area: which scenario is shown, its layer counts, its validation report and its map."""

from __future__ import annotations

import streamlit as st

from ui import loading
from ui.map_view import show_map
from ui.sidebar import SidebarInputs
from ui.text import capitalised, md_escape
from zones import columns as C
from zones.errors import ScenarioError
from zones.i18n import t
from zones.model import Scenario
from zones.report import ValidationReport

MAX_ERRORS_LISTED = 8


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
        show_scenario(loaded.scenario, lang)
        return
    if loaded.error is not None:
        show_scenario_error(loaded.error, lang)
    elif loaded.message_key is not None:
        params = {k: md_escape(v) for k, v in loaded.message_params.items()}
        st.error(t(loaded.message_key, lang, **params))
    if inputs.files is not None:
        st.info(t("app.error.hint", lang))


def show_scenario(scenario: Scenario, lang: str) -> None:
    """Name, counts, report and map of a scenario that was read."""
    st.header(md_escape(scenario.name))
    show_counts(scenario.counts(), lang)
    show_report(scenario.report, lang)
    show_map(scenario, lang)


def show_counts(counts: dict[str, int], lang: str) -> None:
    """One metric per layer, in the data model's order."""
    st.subheader(t("app.counts", lang))
    layers = [name for name in C.LAYERS if name in counts]
    for column, name in zip(st.columns(len(layers)), layers, strict=True):
        column.metric(capitalised(t(f"layer.{name}", lang)), counts[name])


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
