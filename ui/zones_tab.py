"""The zones tab: key figures, the plan's warnings with their cause and what to do, hand edits
(move, undo, lock, rebalance), the zone table (zones outside the tolerance marked), each zone's
workload against the tolerance band, the map.

Edits go through :mod:`ui.plan_page` (button callbacks, so the table below already shows the
edited plan in the same rerun); the figures come from :func:`zones.plan.edits.move_villages`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from ui import plan_page, state
from ui.edit_panel import show_edit_controls, show_rebalance
from ui.i18n import t
from ui.map_view import show_plan_map
from ui.text import md_escape
from ui.workload_chart import (
    ABOVE,
    BELOW,
    WITHIN,
    plan_tolerance,
    show_workload_bars,
    zone_status,
)
from zones import columns as C
from zones.model import Scenario
from zones.plan.edits import current_labels
from zones.plan.pipeline import Plan
from zones.report import Issue
from zones.zoning.workload_choice import ISSUE_CODE as WORKLOAD_CHOSEN

TABLE_COLUMNS = (
    ("zone_id", "app.col.zone_id"),
    ("head_officer_id", "app.col.head"),
    ("workload", "app.col.workload"),
    ("deviation", "app.col.deviation"),
    ("tolerance_status", "app.col.tolerance_status"),
    ("population", "app.col.population"),
    ("n_units", "app.col.villages"),
    ("area_km2", "app.col.area"),
    ("polsby_popper", "app.col.pp"),
    ("contiguous", "app.col.contiguous"),
    ("centre_distance_km", "app.col.centre_distance"),
    ("road_distance_km", "app.col.road_distance"),
)


def zone_table(plan: Plan, lang: str) -> pd.DataFrame:
    """The per-zone table with translated headers (deviation in %, areas and scores rounded)."""
    zones = plan.zones
    frame = pd.DataFrame(index=range(len(zones)))
    for column, key in TABLE_COLUMNS:
        values = zones[column].to_numpy() if column in zones.columns else [None] * len(zones)
        frame[t(key, lang)] = values
    frame[t("app.col.zone_id", lang)] = frame[t("app.col.zone_id", lang)].astype(str)
    frame[t("app.col.workload", lang)] = pd.to_numeric(frame[t("app.col.workload", lang)]).round(1)
    frame[t("app.col.deviation", lang)] = (
        pd.to_numeric(frame[t("app.col.deviation", lang)]) * 100
    ).round(1)
    frame[t("app.col.area", lang)] = pd.to_numeric(frame[t("app.col.area", lang)]).round(2)
    frame[t("app.col.pp", lang)] = pd.to_numeric(frame[t("app.col.pp", lang)]).round(3)
    for key in ("app.col.centre_distance", "app.col.road_distance"):
        frame[t(key, lang)] = pd.to_numeric(frame[t(key, lang)]).round(2)
    yes, no = t("app.yes", lang), t("app.no", lang)
    frame[t("app.col.contiguous", lang)] = [yes if v else no for v in zones["contiguous"]]
    tol = f"{plan_tolerance(plan) * 100:g}"
    frame[t("app.col.tolerance_status", lang)] = [
        t(f"app.zones.status.{code}", lang) + ("" if code == WITHIN else f" ±{tol}%")
        for code in zone_status(plan)
    ]
    return frame


ROW_FILL = {ABOVE: "#FBE1D3", BELOW: "#F5E0EC"}  # light tints of the chart's colours
DECIMALS = {
    "app.col.workload": 1,
    "app.col.deviation": 1,
    "app.col.area": 2,
    "app.col.pp": 3,
    "app.col.centre_distance": 2,
    "app.col.road_distance": 2,
}


def styled_zone_table(plan: Plan, lang: str) -> Styler:
    """:func:`zone_table` with the rows outside the tolerance tinted (vermilion above, purple
    below, as the bars) and their deviation in bold; numbers with fixed decimals."""
    frame = zone_table(plan, lang)
    status = zone_status(plan).to_numpy()
    deviation = t("app.col.deviation", lang)

    def tint(row: pd.Series) -> list[str]:
        fill = ROW_FILL.get(status[row.name])
        if fill is None:
            return [""] * len(row)
        return [
            f"background-color: {fill}" + ("; font-weight: bold" if col == deviation else "")
            for col in row.index
        ]

    formats = {t(key, lang): f"{{:,.{n}f}}" for key, n in DECIMALS.items()}
    formats[t("app.col.population", lang)] = "{:,.0f}"
    return frame.style.apply(tint, axis=1).format(formats, na_rep="—")


def village_label(plan: Plan) -> dict[str, str]:
    """``village_id`` → "id name (zone)" for the select boxes (ids stay the values)."""
    labels = current_labels(plan)
    names = plan.villages[C.NAME] if C.NAME in plan.villages.columns else labels
    return {
        str(v): f"{v} {names.loc[v]} ({labels.loc[v]})" for v in plan.villages.index.astype(str)
    }


def render(known: plan_page.History, scenario: Scenario, scenario_key: str, lang: str) -> None:
    """Draw the tab for the session's current plan (``known`` is read again inside)."""
    del known  # the fragment reads the session's history itself, see zones_section
    zones_section(scenario, scenario_key, lang)


@st.fragment
def zones_section(scenario: Scenario, scenario_key: str, lang: str) -> None:
    """The whole tab as a fragment: its widgets rerun only this part of the page.

    Picking villages or a zone, a move, an undo, locks and rebalance redraw the figures, the
    table (first) and the map here without running the rest of the page; the other tabs follow
    when they are opened (the tab bar reruns the page on a switch) or at the next page run. The
    plan is read from the session, since a fragment rerun gets the arguments of the last page run.
    """
    known: plan_page.History | None = st.session_state.get(state.HISTORY_KEY)
    if known is None:
        return
    plan = known.current
    show_figures(plan, lang)
    # one element whatever they show: the selection map below keeps its place, so the browser
    # never moves (and so reloads) its frame when a message or a warning comes or goes
    with st.container():
        show_workload_choice(plan, lang)
        show_plan_warnings(plan, lang)
        show_message(lang)
    show_edit_controls(known, scenario_key, lang)
    st.subheader(t("app.zones.table", lang))
    show_outside(plan, lang)
    st.dataframe(
        styled_zone_table(plan, lang),
        hide_index=True,
        height=table_height(len(plan.zones)),
        column_config={
            t("app.col.pp", lang): st.column_config.Column(help=t("app.col.pp.help", lang))
        },
    )
    show_workload_bars(plan, lang)
    show_rebalance(known, scenario, lang)
    st.subheader(t("app.zones.map", lang))
    show_plan_map(plan, lang)


def show_figures(plan: Plan, lang: str) -> None:
    """Largest deviation, mean compactness, contiguity, tolerance, reach (straight, road)."""
    metrics = plan.metrics
    yes, no = t("app.yes", lang), t("app.no", lang)

    def km(key: str) -> str:
        value = metrics.get(key)
        return "—" if value is None else f"{float(value):.2f}"

    values = (
        ("max_abs_deviation", f"{float(metrics.get('max_abs_deviation', 0)) * 100:.1f}"),
        ("mean_polsby_popper", f"{float(metrics.get('mean_polsby_popper', 0)):.3f}"),
        ("all_contiguous", yes if metrics.get("all_contiguous") else no),
        ("tolerance_met", yes if metrics.get("tolerance_met") else no),
        ("mean_centre_distance_km", km("mean_centre_distance_km")),
        ("mean_road_distance_km", km("mean_road_distance_km")),
    )
    helps = {
        "mean_centre_distance_km": t("app.metric.mean_centre_distance_km.help", lang),
        "mean_road_distance_km": t(
            "app.metric.mean_road_distance_km.help",
            lang,
            n=metrics.get("road_distance_fallbacks", 0),
        ),
    }
    for column, (key, value) in zip(st.columns(len(values)), values, strict=True):
        column.metric(t(f"app.metric.{key}", lang), value, help=helps.get(key))


def show_workload_choice(plan: Plan, lang: str) -> None:
    """The workload the plan chose and why (its ``workload_chosen`` note), when it chose one."""
    for issue in plan.warnings:
        if issue.code == WORKLOAD_CHOSEN:
            st.info(md_escape(issue.what(lang)))


def show_message(lang: str) -> None:
    """The outcome of the last edit button (moved, undone, refused)."""
    found = st.session_state.get(state.EDIT_MESSAGE_KEY)
    if not found:
        return
    severity, key, params = found
    text = t(key, lang, **{k: md_escape(v) for k, v in params.items()})
    {"success": st.success, "error": st.error}.get(severity, st.info)(text)


ROWS_SHOWN = 25  # zone tables up to this long show every row; longer ones scroll
ROW_PX = 35  # Streamlit's data grid: one row (and the header) in pixels


def table_height(n_rows: int) -> int | str:
    """Every row of the zone table (not Streamlit's default ten), up to :data:`ROWS_SHOWN`."""
    return "content" if n_rows <= ROWS_SHOWN else (ROWS_SHOWN + 1) * ROW_PX + 3


WARNING_LAYERS = ("zones", "patrol")  # the zoning's and the patrols' (staffing: its own tab)


def zone_warnings(plan: Plan) -> list[Issue]:
    """The plan's zoning and patrol warnings (the tolerance missed and why, hand edits that
    split a zone, patrol stops left out, …), without the workload note of
    :func:`show_workload_choice`."""
    return [
        issue
        for issue in plan.warnings
        if issue.layer in WARNING_LAYERS and issue.code != WORKLOAD_CHOSEN
    ]


def warning_text(issue: Issue, lang: str) -> str:
    """An issue as markdown: what is wrong (its cause), then what to do on a line of its own."""
    fix = md_escape(t("app.zones.fix", lang)) + md_escape(issue.fix(lang))
    return f"{md_escape(issue.what(lang))}  \n{fix}"


def show_plan_warnings(plan: Plan, lang: str) -> None:
    """Each zoning and patrol warning with its cause and what to do (after a hand edit: what
    the edit broke, since the edit replaces the zoning's tolerance warnings)."""
    issues = zone_warnings(plan)
    if not issues:
        return
    st.subheader(t("app.zones.warnings", lang))
    for issue in issues:
        box = st.warning if issue.severity in ("warning", "error") else st.info
        box(warning_text(issue, lang))


def show_outside(plan: Plan, lang: str) -> None:
    """How many zones lie outside the tolerance (marked in the table below), or that none do."""
    outside = int((zone_status(plan) != WITHIN).sum())
    tol = f"{plan_tolerance(plan) * 100:g}"
    if outside:
        st.caption(t("app.zones.outside", lang, n=outside, tol=tol))
    else:
        st.caption(t("app.zones.all_within", lang, tol=tol))
