"""Session-state keys and the small helpers around them."""

from __future__ import annotations

import streamlit as st

from zones.i18n import DEFAULT_LANG, LANGS

LANG_KEY = "lang"
COORD_SOURCE_KEY = "coord_source"
SWAP_AXES_KEY = "swap_axes"
UPLOAD_GENERATION_KEY = "upload_generation"
SAMPLE_BUTTON_KEY = "use_sample"

COORD_SOURCES: tuple[str, ...] = ("wgs84", "gcj02", "bd09")


def current_lang() -> str:
    """The language chosen in the sidebar (before or after its widget is drawn)."""
    lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def coord_source() -> str:
    """The coordinate source chosen for uploads (kept across language switches)."""
    value = st.session_state.get(COORD_SOURCE_KEY, COORD_SOURCES[0])
    return value if value in COORD_SOURCES else COORD_SOURCES[0]


def coord_source_widget_key(lang: str) -> str:
    """One selectbox per language: the browser keeps showing a selectbox's old option label
    when only ``format_func`` changes, so a language switch draws a fresh widget."""
    return f"{COORD_SOURCE_KEY}-{lang}"


def upload_key() -> str:
    """The uploader's widget key; a new key empties the uploader (Streamlit cannot set it)."""
    return f"uploads-{st.session_state.get(UPLOAD_GENERATION_KEY, 0)}"


def reset_to_sample() -> None:
    """Button callback: forget the uploaded files, so the bundled sample is shown again."""
    st.session_state[UPLOAD_GENERATION_KEY] = st.session_state.get(UPLOAD_GENERATION_KEY, 0) + 1


# --- planning --------------------------------------------------------------------------------
PLAN_REQUEST_KEY = "plan.request"  # the settings of the last "Run the plan" (a PlanRequest)
HISTORY_KEY = "plan.history"  # the plan as made, then one entry per hand edit (ui.plan_page)
PROPOSAL_KEY = "plan.proposal"  # a rebalanced plan waiting to be adopted or discarded
EDIT_MESSAGE_KEY = "plan.edit_message"  # (severity, i18n key, params) of the last edit
RUN_BUTTON_KEY = "plan.run"
CANCEL_BUTTON_KEY = "plan.cancel"  # stops the plan being made (ui.plan_page.cancel)
RUN_MESSAGE_KEY = "plan.run_message"  # i18n key of a message about the last run (cancelled)
N_ZONES_KEY = "plan.n_zones"
WORKLOAD_KEY = "plan.workload"
INCIDENT_SHARE_KEY = "plan.incident_share"
TOLERANCE_KEY = "plan.tolerance"
NEST_KEY = "plan.nest"
SEED_KEY = "plan.seed"
MOVE_VILLAGES_KEY = "zones.move_villages"
MOVE_TARGET_KEY = "zones.move_target"
MOVE_BUTTON_KEY = "zones.move"
UNDO_BUTTON_KEY = "zones.undo"
LOCKED_KEY = "zones.locked"
REBALANCE_BUTTON_KEY = "zones.rebalance"
ADOPT_BUTTON_KEY = "zones.adopt"
DISCARD_BUTTON_KEY = "zones.discard"
# editing on the map and hand choices (ui/edit_panel.py)
SELECT_MAP_KEY = "zones.select_map"  # the selection map's value: {"selected": [...], "seq": n}
SELECT_ACK_KEY = "zones.select_ack"  # the last "seq" of the map the app has taken
PROPOSAL_CHOICE_KEY = "zones.proposal_choice"  # which rebalance option to adopt
PATROLS_BUTTON_KEY = "zones.patrols"
SETTINGS_ZONE_KEY = "zones.settings_zone"
ZONE_NAME_KEY = "zones.zone_name"
NAME_BUTTON_KEY = "zones.name"
ZONE_LOCK_KEY = "zones.zone_lock"
HEAD_KEY = "zones.head"
HEAD_BUTTON_KEY = "zones.head_apply"
AUX_VILLAGE_KEY = "zones.aux_village"
AUX_KEY = "zones.aux"
AUX_BUTTON_KEY = "zones.aux_apply"
COMPARE_WITH_KEY = "compare.with"
COMPARE_UPLOAD_KEY = "compare.upload"
WORKLOADS: tuple[str, ...] = ("auto", "incidents", "population", "weighted")  # auto: chosen


def lang_keyed(key: str, lang: str) -> str:
    """A widget key per language, for selectboxes whose option labels are translated (see
    :func:`coord_source_widget_key`); the value is kept under ``key`` itself."""
    return f"{key}-{lang}"
