"""Hand edits on the zones tab: select villages on the map (or by name), move them, undo;
rebalance (the least change or a fresh plan, with the trade-off shown); update the patrol lines
of the edited zones. Zone names, locks, zone heads and auxiliaries chosen by hand are in
:mod:`ui.zone_settings`.

The selection lives in the villages multiselect's state (:data:`ui.state.MOVE_VILLAGES_KEY`);
the map (:mod:`ui.select_map`) shows it and changes it: a click on the map sends the new
selection, its callback writes it into the multiselect's state before the fragment reruns, and
the map is told which of its own messages the app has taken (``ack``), so a rerun that started
before a second click never takes the second click back.

Every edit is a button callback (:mod:`ui.plan_page`), so the figures, the workload bars and
the table drawn below already show the edited plan in the same rerun.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from ui import plan_page, state, zone_settings
from ui.i18n import t
from ui.select_map import held, map_args, select_map, selection
from ui.text import md_escape
from zones import columns as C
from zones.errors import ZonePlannerError, error_message
from zones.model import Scenario
from zones.plan.choices import hand_choices, stale_zones
from zones.plan.comparison import compare_plans, current_labels, zone_ids
from zones.plan.patrol_refresh import refresh_patrols
from zones.plan.pipeline import Plan
from zones.plan.rebalance import Option
from zones.report import format_ids

logger = logging.getLogger(__name__)

__all__ = [
    "show_edit_controls",
    "show_rebalance",
    "village_options",
    "zone_label",
]


def village_options(plan: Plan) -> dict[str, str]:
    """``village_id`` → "id name (zone)" for the select boxes (ids stay the values)."""
    labels = current_labels(plan)
    names = plan.villages[C.NAME] if C.NAME in plan.villages.columns else labels
    return {
        str(v): f"{v} {names.loc[v]} ({labels.loc[v]})" for v in plan.villages.index.astype(str)
    }


def zone_label(plan: Plan) -> dict[str, str]:
    """``zone_id`` → "id name" (the name a user gave it, if any)."""
    choices = hand_choices(plan)
    return {z: choices.title(z) for z in zone_ids(plan)}


# --- the selection, from the map ------------------------------------------------------------


def _map_changed() -> None:
    """The map's callback: a selection made on the map (a ``seq`` the app has not taken yet)
    becomes the multiselect's; a message that only says which villages the page holds leaves
    the selection alone (it may be older than a village picked by name meanwhile)."""
    ss = st.session_state
    found = selection(ss.get(state.SELECT_MAP_KEY))
    known: plan_page.History | None = ss.get(state.HISTORY_KEY)
    if found is None or known is None:
        return
    ids, seq = found
    if seq <= int(ss.get(state.SELECT_ACK_KEY, 0)):
        return  # not a new selection: the page only says which villages it holds
    present = set(known.current.villages.index.astype(str))
    ss[state.MOVE_VILLAGES_KEY] = [v for v in ids if v in present]
    ss[state.SELECT_ACK_KEY] = seq


def _selected(plan: Plan) -> list[str]:
    """The selection, without villages the plan does not have (another scenario's)."""
    ss = st.session_state
    present = set(plan.villages.index.astype(str))
    chosen = [str(v) for v in ss.get(state.MOVE_VILLAGES_KEY) or [] if str(v) in present]
    ss[state.MOVE_VILLAGES_KEY] = chosen
    return chosen


def show_edit_controls(known: plan_page.History, scenario_key: str, lang: str) -> None:
    """The map to select villages on, the villages and the zone to move them to
    (:func:`selection_section`), move, undo; then the zone settings
    (:func:`ui.zone_settings.show_zone_settings`)."""
    plan = known.current
    plan_page.store().graph(scenario_key, plan)  # built now, not on the first move (~0.1 s)
    st.subheader(t("app.edit.header", lang))
    st.caption(t("app.select_map.hint", lang))
    selection_section(lang)
    move, back, summary = st.columns([1, 1, 5], vertical_alignment="center")
    move.button(
        t("app.edit.apply", lang),
        key=state.MOVE_BUTTON_KEY,
        on_click=plan_page.apply_move,
        args=(scenario_key,),
        type="primary",
        width="stretch",
    )
    back.button(
        t("app.edit.undo", lang),
        key=state.UNDO_BUTTON_KEY,
        on_click=plan_page.undo,
        disabled=not known.edits,
        width="stretch",
    )
    summary.caption(plan_page.summary(plan, known.edits, lang))
    choices = hand_choices(plan)
    if choices.locked_zones:
        st.caption(t("app.edit.locked_zones", lang, zones=format_ids(choices.locked_zones)))
    zone_settings.show_zone_settings(known, lang)


@st.fragment
def selection_section(lang: str) -> None:
    """The selection map, the villages selected and the zone to move them to, as a fragment
    of its own: a click on the map, a village picked or a zone chosen reruns only this part
    (the move button, outside, reruns the whole tab).

    The map is drawn straight in the fragment, never inside columns: Streamlit keeps a keyed
    widget that is a direct child of its block across reruns, but rebuilds everything inside
    a block (columns) whose place changes. The plan is read from the session (a fragment rerun
    gets the arguments of the last page run)."""
    ss = st.session_state
    known: plan_page.History | None = ss.get(state.HISTORY_KEY)
    if known is None:
        return
    plan = known.current
    chosen = _selected(plan)
    choices = hand_choices(plan)
    try:
        args = map_args(
            plan,
            chosen,
            int(ss.get(state.SELECT_ACK_KEY, 0)),
            lang,
            names=choices.names,
            locked=choices.locked_zones,
            have=held(ss.get(state.SELECT_MAP_KEY)),
        )
        select_map(args, key=state.SELECT_MAP_KEY, on_change=_map_changed)
    except Exception:
        logger.exception("the selection map failed")
        st.error(t("app.error.map", lang))
    villages, target = st.columns([5, 2])
    options = village_options(plan)
    villages.multiselect(
        t("app.edit.villages", lang),
        list(options),
        format_func=options.get,
        key=state.MOVE_VILLAGES_KEY,
        # typing an id then Enter picks that village, never "Select all matches"
        filter_mode="contains",
        select_all=False,
        placeholder=t("app.edit.choose", lang),
    )
    ids = zone_ids(plan)
    if ss.get(state.MOVE_TARGET_KEY) not in ids:
        ss.pop(state.MOVE_TARGET_KEY, None)
    labels = zone_label(plan)
    target.selectbox(
        t("app.edit.target", lang), ids, format_func=labels.get, key=state.MOVE_TARGET_KEY
    )


# --- rebalance and the patrol lines ---------------------------------------------------------


def refused(exc: ZonePlannerError) -> None:
    """The message of an edit the core refused, in the page's language."""
    detail = error_message(exc, state.current_lang())
    st.session_state[state.EDIT_MESSAGE_KEY] = ("error", "app.edit.error", {"detail": detail})


def _refresh(scenario: Scenario) -> None:
    """Button callback: plan the patrol lines of the edited zones again."""
    ss = st.session_state
    known: plan_page.History | None = ss.get(state.HISTORY_KEY)
    if known is None:
        return
    zones = stale_zones(known.current)
    try:
        refreshed = refresh_patrols(scenario, known.current)
    except ZonePlannerError as exc:
        refused(exc)
        return
    except Exception:
        logger.exception("updating the patrol lines failed")
        ss[state.EDIT_MESSAGE_KEY] = ("error", "app.error.unexpected", {})
        return
    ss[state.HISTORY_KEY] = known.push(refreshed)
    ss[state.EDIT_MESSAGE_KEY] = ("success", "app.edit.patrols.done", {"zones": format_ids(zones)})


def show_rebalance(known: plan_page.History, scenario: Scenario, lang: str) -> None:
    """Lock villages, rebalance (both ways, the trade-off shown), adopt or discard; update the
    patrol lines of the zones edited by hand."""
    plan = known.current
    options = village_options(plan)
    st.multiselect(
        t("app.edit.locked", lang),
        list(options),
        format_func=options.get,
        key=state.LOCKED_KEY,
        filter_mode="contains",
        select_all=False,
        placeholder=t("app.edit.choose", lang),
    )
    stale = stale_zones(plan)
    rebalance, patrols, _ = st.columns([1, 1, 3])
    clicked = rebalance.button(
        t("app.edit.rebalance", lang),
        key=state.REBALANCE_BUTTON_KEY,
        help=t("app.edit.rebalance.help", lang),
        width="stretch",
    )
    if stale:
        patrols.button(
            t("app.edit.patrols", lang),
            key=state.PATROLS_BUTTON_KEY,
            help=t("app.edit.patrols.help", lang),
            on_click=_refresh,
            args=(scenario,),
            width="stretch",
        )
    if clicked:
        plan_page.propose(scenario, known, lang)
        found = plan_page.proposal(known)
        if found is not None:
            st.session_state[state.PROPOSAL_CHOICE_KEY] = found.chosen
        _show_message(lang)
    found = plan_page.proposal(known)
    if found is None:
        return
    if found.options is not None and len(found.options.options) > 1:
        _show_options(found, lang)
    moved = len(compare_plans(plan, found.plan).moved)
    dev = float(found.plan.metrics.get("max_abs_deviation", 0.0)) * 100
    st.info(t("app.edit.proposal", lang, n=moved, dev=f"{dev:.1f}"))
    adopt, discard, _ = st.columns([1, 1, 4])
    adopt.button(t("app.edit.adopt", lang), key=state.ADOPT_BUTTON_KEY, on_click=plan_page.adopt)
    discard.button(
        t("app.edit.discard", lang), key=state.DISCARD_BUTTON_KEY, on_click=plan_page.discard
    )


def _show_message(lang: str) -> None:
    found = st.session_state.get(state.EDIT_MESSAGE_KEY)
    if found:
        severity, key, params = found
        text = t(key, lang, **{k: md_escape(v) for k, v in params.items()})
        {"success": st.success, "error": st.error}.get(severity, st.info)(text)


def _changes(option: Option) -> str:
    return format_ids([f"{z}: {a or '—'} → {b or '—'}" for z, a, b in option.head_changes])


def option_table(found: plan_page.Proposal, lang: str) -> pd.DataFrame:
    """The rebalance options side by side: villages moved, largest deviation, within the
    tolerance, zone head changes (the recommended one marked)."""
    assert found.options is not None
    yes, no = t("app.yes", lang), t("app.no", lang)
    rows = []
    for option in found.options.options:
        name = t(f"app.edit.option.{option.name}", lang)
        if option.name == found.options.chosen:
            name += t("app.edit.option.recommended", lang)
        rows.append(
            {
                t("app.edit.option.col.option", lang): name,
                t("app.edit.option.col.moved", lang): option.moved,
                t("app.edit.option.col.dev", lang): round(option.max_abs_deviation * 100, 1),
                t("app.edit.option.col.met", lang): yes if option.tolerance_met else no,
                t("app.edit.option.col.heads", lang): _changes(option) or "—",
            }
        )
    return pd.DataFrame(rows)


def _why(found: plan_page.Proposal) -> str:
    """Why the recommended option is recommended (``app.edit.option.why.*``)."""
    assert found.options is not None
    met = [o.tolerance_met for o in found.options.options]
    if all(met):
        return "app.edit.option.why.fewer"
    if any(met):
        return "app.edit.option.why.only"
    return "app.edit.option.why.closer"


def _show_options(found: plan_page.Proposal, lang: str) -> None:
    """The trade-off between the two ways and the choice of the one to adopt."""
    assert found.options is not None
    st.caption(t("app.edit.options", lang))
    st.dataframe(option_table(found, lang), hide_index=True)
    st.caption(t(_why(found), lang))
    names = [o.name for o in found.options.options]
    ss = st.session_state
    if ss.get(state.PROPOSAL_CHOICE_KEY) not in names:
        ss[state.PROPOSAL_CHOICE_KEY] = found.chosen
    st.radio(
        t("app.edit.option.choose", lang),
        names,
        format_func=lambda name: t(f"app.edit.option.{name}", lang),
        key=state.PROPOSAL_CHOICE_KEY,
        horizontal=True,
        on_change=plan_page.choose,
    )
    option = found.options.option(found.chosen)
    if option.head_changes:
        st.warning(t("app.edit.heads_changed", lang, changes=md_escape(_changes(option))))
