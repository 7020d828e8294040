"""Zone settings on the zones tab: name a zone, lock it, choose its zone head, choose a
village's auxiliary officer (:mod:`zones.plan.manual`).

Each control is a button or a checkbox whose callback makes the edit on the current plan and
pushes the result on the session's history (so undo takes it back), with a message. Officers
are shown by id (the public profile) with their post now, so a choice that takes an officer
from another zone or village says so before it is made; the zone heads that change are named
after it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import plan_page, state
from ui.i18n import t
from zones import columns as C
from zones.errors import ZonePlannerError, error_message
from zones.plan.choices import hand_choices
from zones.plan.comparison import current_labels, zone_ids
from zones.plan.manual import HEADS_CHANGED, assign_auxiliary, assign_head, lock_zone, name_zone
from zones.plan.pipeline import Plan

__all__ = ["show_zone_settings"]


def _known() -> plan_page.History | None:
    return st.session_state.get(state.HISTORY_KEY)


def _edit(make: Callable[[Plan], Plan], key: str, **params: object) -> None:
    """Apply ``make`` to the current plan; push the result and say ``key`` (with the zone head
    changes it caused), or say why it was refused."""
    ss = st.session_state
    known = _known()
    if known is None:
        return
    try:
        edited = make(known.current)
    except ZonePlannerError as exc:
        detail = error_message(exc, state.current_lang())
        ss[state.EDIT_MESSAGE_KEY] = ("error", "app.edit.error", {"detail": detail})
        return
    ss[state.HISTORY_KEY] = known.push(edited)
    changes = [w for w in edited.warnings if w.code == HEADS_CHANGED]
    if changes and key == "app.edit.head.done":
        params = {**params, "changes": changes[0].params["changes"]}
        key = "app.edit.head.done_changes"
    ss[state.EDIT_MESSAGE_KEY] = ("success", key, params)


def _save_name(zone: str) -> None:
    name = str(st.session_state.get(f"{state.ZONE_NAME_KEY}-{zone}", "")).strip()
    key = "app.edit.named" if name else "app.edit.unnamed"
    _edit(lambda plan: name_zone(plan, zone, name), key, zone=zone, name=name)


def _toggle_lock(zone: str) -> None:
    locked = bool(st.session_state.get(f"{state.ZONE_LOCK_KEY}-{zone}"))
    key = "app.edit.zone_locked" if locked else "app.edit.zone_unlocked"
    _edit(lambda plan: lock_zone(plan, zone, locked), key, zone=zone)


def _set_head(zone: str) -> None:
    officer = st.session_state.get(f"{state.HEAD_KEY}-{zone}")
    if officer:
        _edit(
            lambda plan: assign_head(plan, zone, officer),
            "app.edit.head.done",
            officer=officer,
            zone=zone,
        )


def _set_aux() -> None:
    ss = st.session_state
    village, officer = ss.get(state.AUX_VILLAGE_KEY), ss.get(state.AUX_KEY)
    if village and officer:
        _edit(
            lambda plan: assign_auxiliary(plan, village, officer),
            "app.edit.aux.done",
            officer=officer,
            village=village,
        )


def _officers(plan: Plan, role: str) -> list[str]:
    officers = plan.officers
    if officers is None or not len(officers):
        return []
    ok = (officers[C.ROLE] == role) & officers[C.AVAILABLE].astype(bool)
    return [str(o) for o in officers.index[ok]]


def _synced(key: str, value: object, *token: object) -> None:
    """Show ``value`` in the widget ``key`` whenever ``token`` (the plan, and what else the
    value depends on) changed since it was last set: a value picked but not yet applied
    survives reruns of the same plan."""
    ss = st.session_state
    marker = f"{key}.for"
    if key not in ss or ss.get(marker) != token:
        ss[key] = value
        ss[marker] = token


def show_zone_settings(known: plan_page.History, lang: str) -> None:
    """The settings of one zone (name, lock, zone head) and a village's auxiliary officer."""
    plan = known.current
    ids = zone_ids(plan)
    choices = hand_choices(plan)
    with st.expander(t("app.edit.settings", lang)):
        ss = st.session_state
        if ss.get(state.SETTINGS_ZONE_KEY) not in ids:
            ss.pop(state.SETTINGS_ZONE_KEY, None)
        names = choices.names
        zone = st.selectbox(
            t("app.edit.zone", lang),
            ids,
            format_func=choices.title,
            key=state.SETTINGS_ZONE_KEY,
        )
        if zone is None:
            return
        name_col, lock_col = st.columns([3, 2])
        name_key = f"{state.ZONE_NAME_KEY}-{zone}"
        _synced(name_key, names.get(zone, ""), plan)
        name_col.text_input(t("app.edit.name", lang), key=name_key, max_chars=40)
        name_col.button(
            t("app.edit.name.save", lang), key=f"{state.NAME_BUTTON_KEY}-{zone}",
            on_click=_save_name, args=(zone,),
        )  # fmt: skip
        lock_key = f"{state.ZONE_LOCK_KEY}-{zone}"
        ss[lock_key] = choices.is_locked(zone)
        lock_col.checkbox(
            t("app.edit.lock_zone", lang), key=lock_key, on_change=_toggle_lock, args=(zone,)
        )
        _head_controls(plan, zone, lang)
        _aux_controls(plan, lang)


def _head_controls(plan: Plan, zone: str, lang: str) -> None:
    police = _officers(plan, C.POLICE)
    if not police:
        return
    heads = {}
    if "head_officer_id" in plan.zones:
        heads = {
            str(h): str(z)
            for z, h in zip(plan.zones["zone_id"], plan.zones["head_officer_id"], strict=True)
            if isinstance(h, str)
        }
    manual = hand_choices(plan).heads

    def label(officer: str) -> str:
        post = heads.get(officer)
        text = (
            t("app.edit.officer.head_of", lang, zone=post)
            if post
            else t("app.edit.officer.free", lang)
        )
        if post and manual.get(post) == officer:
            text += t("app.edit.manual_suffix", lang)
        return t("app.edit.officer.option", lang, officer=officer, post=text)

    key = f"{state.HEAD_KEY}-{zone}"
    current = next((o for o, z in heads.items() if z == zone), police[0])
    _synced(key, current, plan)
    left, right = st.columns([3, 2])
    left.selectbox(t("app.edit.head", lang), police, format_func=label, key=key)
    right.button(
        t("app.edit.head.apply", lang),
        key=f"{state.HEAD_BUTTON_KEY}-{zone}",
        on_click=_set_head,
        args=(zone,),
        width="stretch",
    )


def _aux_controls(plan: Plan, lang: str) -> None:
    auxiliaries = _officers(plan, C.AUXILIARY)
    if not auxiliaries:
        return
    villages = plan.villages
    labels = current_labels(plan)
    names = villages.get(C.NAME, labels)
    options = {str(v): f"{v} {names.loc[v]} ({labels.loc[v]})" for v in villages.index}
    posts = {}
    if "aux_officer_id" in villages:
        posts = {
            str(o): str(v) for v, o in villages["aux_officer_id"].items() if isinstance(o, str)
        }
    manual = hand_choices(plan).auxiliaries

    def label(officer: str) -> str:
        post = posts.get(officer)
        if post:
            text = t("app.edit.officer.aux_of", lang, village=f"{post} {names.get(post, '')}")
            if manual.get(post) == officer:
                text += t("app.edit.manual_suffix", lang)
        else:
            text = t("app.edit.officer.spare", lang)
        return t("app.edit.officer.option", lang, officer=officer, post=text)

    ss = st.session_state
    if ss.get(state.AUX_VILLAGE_KEY) not in options:
        ss.pop(state.AUX_VILLAGE_KEY, None)
    left, middle, right = st.columns([2, 2, 1])
    village = left.selectbox(
        t("app.edit.aux.village", lang), list(options), format_func=options.get,
        key=state.AUX_VILLAGE_KEY,
    )  # fmt: skip
    if village is not None:
        aux = villages.at[village, "aux_officer_id"] if "aux_officer_id" in villages else None
        _synced(state.AUX_KEY, aux if aux in auxiliaries else auxiliaries[0], plan, village)
    middle.selectbox(t("app.edit.aux", lang), auxiliaries, format_func=label, key=state.AUX_KEY)
    right.button(
        t("app.edit.aux.apply", lang), key=state.AUX_BUTTON_KEY, on_click=_set_aux,
        width="stretch",
    )  # fmt: skip
