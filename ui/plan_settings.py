"""The sidebar's plan settings: the widgets (:func:`controls`) and the settings of one run
(:class:`PlanRequest`, the plan cache's key). Defaults are the core's (tolerance, the weighted
workload's blend, the patrol budget, stop time and radius), in the widgets' units.

The number of zones starts at the core's suggestion, said with its rule, cap and shortfall
(:func:`zones.plan.zone_count.zone_count_advice`); counts the core would refuse after "Run"
cannot be entered (more zones than villages or available sworn officers) or keep "Run" disabled
with the reason (fewer zones than townships when nesting, no sworn officer available)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui import state
from ui.i18n import t
from zones import columns as C
from zones.model import Scenario
from zones.patrol.lines import BUDGET_MINUTES, RADIUS_M, STOP_MINUTES
from zones.plan.zone_count import ZoneCountAdvice, zone_count_advice
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.workload import BLEND, Workload, parse_weights

DEFAULT_SHARE = BLEND[C.INCIDENT_COUNT]  # incidents' share of a weighted workload
DEFAULT_TOLERANCE_PCT = round(DEFAULT_TOLERANCE * 100)
DEFAULT_PATROL_MINUTES = round(BUDGET_MINUTES)
DEFAULT_STOP_MINUTES = round(STOP_MINUTES)
DEFAULT_RADIUS_M = round(RADIUS_M)


@dataclass(frozen=True)
class PlanRequest:
    """The settings of one run of the plan, for one scenario (hashable: the cache key)."""

    scenario_key: str
    n_zones: int
    workload: str = "auto"  # one of state.WORKLOADS; auto: make_plan chooses and says why
    incident_share: float = DEFAULT_SHARE
    tolerance_pct: int = DEFAULT_TOLERANCE_PCT
    nest: bool = False
    seed: int = 0
    patrol_minutes: int = DEFAULT_PATROL_MINUTES
    stop_minutes: int = DEFAULT_STOP_MINUTES
    radius_m: int = DEFAULT_RADIUS_M
    peak_hours: str = ""  # empty: found in the incidents' times

    def workload_spec(self) -> Workload | None:
        """The ``workload`` argument of :func:`zones.make_plan` (``None``: chosen there)."""
        if self.workload == "auto":
            return None
        if self.workload == "weighted":
            share = round(self.incident_share, 4)
            return parse_weights(f"{C.INCIDENT_COUNT}={share},{C.POPULATION}={1 - share:.4f}")
        return C.INCIDENT_COUNT if self.workload == "incidents" else C.POPULATION


def has_townships(scenario: Scenario) -> bool:
    """Whether the villages name their township (needed for nesting)."""
    villages = scenario.villages
    return C.TOWNSHIP in villages.columns and bool(villages[C.TOWNSHIP].notna().all())


def has_incidents(scenario: Scenario) -> bool:
    """Whether the scenario has incident points or counts to balance."""
    if len(scenario.incidents):
        return True
    counts = scenario.villages.get(C.INCIDENT_COUNT)
    return counts is not None and bool(counts.fillna(0).sum() > 0)


def n_townships(scenario: Scenario) -> int:
    """How many townships the villages name (0 without the column)."""
    villages = scenario.villages
    return int(villages[C.TOWNSHIP].nunique()) if C.TOWNSHIP in villages.columns else 0


def _reset_for(scenario: Scenario, scenario_key: str, advice: ZoneCountAdvice) -> None:
    """Default settings for a scenario shown for the first time in this session."""
    ss = st.session_state
    if ss.get("plan.scenario") == scenario_key:
        return
    ss["plan.scenario"] = scenario_key
    ss[state.N_ZONES_KEY] = min(advice.suggested, max(1, advice.max_zones))
    ss[state.WORKLOAD_KEY] = "auto"
    for key in (state.MOVE_VILLAGES_KEY, state.LOCKED_KEY):
        ss.pop(key, None)
    ss.pop(state.PROPOSAL_KEY, None)
    ss.pop(state.EDIT_MESSAGE_KEY, None)


def controls(scenario: Scenario, scenario_key: str, lang: str) -> PlanRequest:
    """Draw the plan settings in the sidebar; return them (and remember them on "Run")."""
    advice = zone_count_advice(scenario)
    _reset_for(scenario, scenario_key, advice)
    ss = st.session_state
    sb = st.sidebar
    sb.header(t("app.plan.header", lang))
    n_zones = _zone_count(advice, lang)
    workload, share = _workload_controls(lang)
    tolerance = sb.slider(
        t("app.plan.tolerance", lang),
        min_value=1,
        max_value=25,
        value=DEFAULT_TOLERANCE_PCT,
        step=1,
        help=t("app.plan.tolerance.help", lang),
        key=state.TOLERANCE_KEY,
    )
    nest, nest_ok = _nest_control(scenario, advice, n_zones, lang)
    with sb.expander(t("app.plan.advanced", lang)):
        seed = st.number_input(
            t("app.plan.seed", lang),
            min_value=0,
            value=0,
            step=1,
            help=t("app.plan.seed.help", lang),
            key=state.SEED_KEY,
        )
    request = PlanRequest(
        scenario_key=scenario_key,
        n_zones=int(n_zones),
        workload=str(workload),
        incident_share=float(share),
        tolerance_pct=int(tolerance),
        nest=bool(nest),
        seed=int(seed),
        **_patrol_controls(lang),
    )
    runnable = advice.max_zones >= 1 and nest_ok
    if sb.button(
        t("app.plan.run", lang),
        type="primary",
        key=state.RUN_BUTTON_KEY,
        disabled=not runnable,
    ):
        ss[state.PLAN_REQUEST_KEY] = request
    return request


def _zone_count(advice: ZoneCountAdvice, lang: str) -> int:
    """The number of zones (at most :attr:`ZoneCountAdvice.max_zones`: one village and one
    available sworn officer per zone) and the suggestion in words under it."""
    sb = st.sidebar
    most = max(1, advice.max_zones)
    n_zones = sb.number_input(
        t("app.plan.n_zones", lang),
        min_value=1,
        max_value=most,
        step=1,
        help=t(
            "app.plan.n_zones.help",
            lang,
            max=most,
            available=advice.available,
            villages=advice.villages,
        ),
        key=state.N_ZONES_KEY,
    )
    sb.caption(advice.to_text(lang))
    if advice.max_zones < 1:
        sb.error(t("app.plan.no_heads", lang))
    return int(n_zones)


def _nest_control(
    scenario: Scenario, advice: ZoneCountAdvice, n_zones: int, lang: str
) -> tuple[bool, bool]:
    """Whether zones stay inside townships, and whether that can be planned with ``n_zones``
    (a zone per township at least; said under the checkbox when not)."""
    if not has_townships(scenario):
        return False, True
    sb = st.sidebar
    townships = n_townships(scenario)
    possible = townships <= advice.max_zones
    nest = sb.checkbox(
        t("app.plan.nest", lang),
        key=state.NEST_KEY,
        disabled=not possible,
        help=None
        if possible
        else t("app.plan.nest_impossible", lang, townships=townships, max=advice.max_zones),
    )
    nest = bool(nest) and possible
    if nest and n_zones < townships:
        sb.error(t("app.plan.nest_short", lang, townships=townships, n=n_zones))
        return nest, False
    return nest, True


def _workload_controls(lang: str) -> tuple[str, float]:
    """The workload to balance and, for a weighted one, the incidents' share."""
    ss = st.session_state
    sb = st.sidebar
    current = ss.get(state.WORKLOAD_KEY, "auto")
    workload = sb.selectbox(
        t("app.plan.workload", lang),
        state.WORKLOADS,
        index=state.WORKLOADS.index(current) if current in state.WORKLOADS else 0,
        format_func=lambda code: t(f"app.plan.workload.{code}", lang),
        help=t("app.plan.workload.help", lang),
        key=state.lang_keyed(state.WORKLOAD_KEY, lang),
    )
    ss[state.WORKLOAD_KEY] = workload
    share = DEFAULT_SHARE
    if workload == "weighted":
        share = sb.slider(
            t("app.plan.incident_share", lang),
            min_value=0.0,
            max_value=1.0,
            value=DEFAULT_SHARE,
            step=0.05,
            help=t("app.plan.incident_share.help", lang),
            key=state.INCIDENT_SHARE_KEY,
        )
    return workload, share


def _patrol_controls(lang: str) -> dict[str, object]:
    """The patrol settings (in an expander), as :class:`PlanRequest` fields."""
    with st.sidebar.expander(t("app.plan.patrol", lang)):
        patrol_minutes = st.number_input(
            t("app.plan.patrol_minutes", lang),
            min_value=10,
            max_value=480,
            value=DEFAULT_PATROL_MINUTES,
            step=5,
            key="plan.patrol_minutes",
        )
        stop_minutes = st.number_input(
            t("app.plan.stop_minutes", lang),
            min_value=0,
            max_value=60,
            value=DEFAULT_STOP_MINUTES,
            step=1,
            help=t("app.plan.stop_minutes.help", lang),
            key="plan.stop_minutes",
        )
        radius_m = st.number_input(
            t("app.plan.radius", lang),
            min_value=50,
            max_value=2000,
            value=DEFAULT_RADIUS_M,
            step=50,
            key="plan.radius",
        )
        peak_hours = st.text_input(
            t("app.plan.peak_hours", lang),
            value="",
            placeholder="07:30-09:00,17:00-19:00",
            help=t("app.plan.peak_hours.help", lang),
            key="plan.peak_hours",
        )
    return {
        "patrol_minutes": int(patrol_minutes),
        "stop_minutes": int(stop_minutes),
        "radius_m": int(radius_m),
        "peak_hours": str(peak_hours).strip(),
    }
