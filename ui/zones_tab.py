"""The zones tab: key figures, hand edits (move, undo, lock, rebalance), the zone table, the map.

Edits go through :mod:`ui.plan_page` (button callbacks, so the table below already shows the
edited plan in the same rerun); the figures come from :func:`zones.plan.edits.move_villages`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import plan_page, state
from ui.i18n import t
from ui.map_view import show_plan_map
from ui.text import md_escape
from zones import columns as C
from zones.model import Scenario
from zones.plan.edits import EDIT_CODES, compare_plans, current_labels, zone_ids
from zones.plan.pipeline import Plan
from zones.zoning.workload_choice import ISSUE_CODE as WORKLOAD_CHOSEN

TABLE_COLUMNS = (
    ("zone_id", "app.col.zone_id"),
    ("head_officer_id", "app.col.head"),
    ("workload", "app.col.workload"),
    ("deviation", "app.col.deviation"),
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
    return frame


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
    show_workload_choice(plan, lang)
    show_message(lang)
    show_edit_controls(known, scenario_key, lang)
    st.subheader(t("app.zones.table", lang))
    show_edit_warnings(plan, lang)
    st.dataframe(
        zone_table(plan, lang),
        hide_index=True,
        column_config={
            t("app.col.pp", lang): st.column_config.NumberColumn(help=t("app.col.pp.help", lang))
        },
    )
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


def show_edit_warnings(plan: Plan, lang: str) -> None:
    """What the hand edits broke: zones in several pieces, zones outside the tolerance."""
    for issue in plan.warnings:
        if issue.code in EDIT_CODES:
            st.warning(md_escape(f"{issue.what(lang)} — {issue.fix(lang)}"))


def show_edit_controls(known: plan_page.History, scenario_key: str, lang: str) -> None:
    """Pick villages and a zone, move; undo."""
    plan = known.current
    st.subheader(t("app.edit.header", lang))
    labels = village_label(plan)
    left, right = st.columns([3, 1])
    left.multiselect(
        t("app.edit.villages", lang),
        list(labels),
        format_func=labels.get,
        key=state.MOVE_VILLAGES_KEY,
        # typing an id then Enter picks that village, never "Select all matches"
        filter_mode="contains",
        select_all=False,
        placeholder=t("app.edit.choose", lang),
    )
    ids = zone_ids(plan)
    if st.session_state.get(state.MOVE_TARGET_KEY) not in ids:
        st.session_state.pop(state.MOVE_TARGET_KEY, None)
    right.selectbox(t("app.edit.target", lang), ids, key=state.MOVE_TARGET_KEY)
    move, back, _ = st.columns([1, 1, 4])
    move.button(
        t("app.edit.apply", lang),
        key=state.MOVE_BUTTON_KEY,
        on_click=plan_page.apply_move,
        args=(scenario_key,),
        type="primary",
    )
    back.button(
        t("app.edit.undo", lang),
        key=state.UNDO_BUTTON_KEY,
        on_click=plan_page.undo,
        disabled=not known.edits,
    )
    st.caption(plan_page.summary(plan, known.edits, lang))


def show_rebalance(known: plan_page.History, scenario: Scenario, lang: str) -> None:
    """Lock villages, rebalance with minimal change, adopt or discard the proposal."""
    labels = village_label(known.current)
    st.multiselect(
        t("app.edit.locked", lang),
        list(labels),
        format_func=labels.get,
        key=state.LOCKED_KEY,
        filter_mode="contains",
        select_all=False,
        placeholder=t("app.edit.choose", lang),
    )
    if st.button(
        t("app.edit.rebalance", lang),
        key=state.REBALANCE_BUTTON_KEY,
        help=t("app.edit.rebalance.help", lang),
    ):
        plan_page.propose(scenario, known, lang)
        show_message(lang)
    found = plan_page.proposal(known)
    if found is None:
        return
    moved = len(compare_plans(known.current, found.plan).moved)
    dev = float(found.plan.metrics.get("max_abs_deviation", 0.0)) * 100
    st.info(t("app.edit.proposal", lang, n=moved, dev=f"{dev:.1f}"))
    adopt, discard, _ = st.columns([1, 1, 4])
    adopt.button(t("app.edit.adopt", lang), key=state.ADOPT_BUTTON_KEY, on_click=plan_page.adopt)
    discard.button(
        t("app.edit.discard", lang), key=state.DISCARD_BUTTON_KEY, on_click=plan_page.discard
    )
