"""Planning in the app: the sidebar's plan settings, running the plan with visible progress,
the cached results, and the session's edit history (hand moves, undo, rebalance proposals).

Plans are cached per server process in a small store held by ``st.cache_resource``, keyed on
the scenario's content key (:attr:`ui.loading.Loaded.key`) and every setting, so reruns, tab
switches and a language switch never plan again. The store is filled outside any cached
function, so ``make_plan``'s progress reaches an ``st.progress`` bar on the page.

Each session keeps a :class:`History`: the plan as made, then one plan per hand edit or
adopted proposal (undo drops the last one). Planning errors (``ZoningError``,
``StaffingError``, …) become a translated message with the core's detail; anything else is
logged and shown as the generic error.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from ui import state
from ui.text import md_escape
from zones import columns as C
from zones.errors import ZonePlannerError
from zones.i18n import TEXTS, t
from zones.model import Scenario
from zones.plan.edits import EditError, move_villages, rebalance, village_graph
from zones.plan.pipeline import Plan, make_plan, suggest_zones
from zones.zoning.graph import UnitGraph
from zones.zoning.workload import Workload, parse_weights

logger = logging.getLogger(__name__)

CACHED_PLANS = 24  # plans kept per server process (all sessions)
CACHED_GRAPHS = 8
TOWNSHIP = "township"
DEFAULT_SHARE = 0.6
DEFAULT_TOLERANCE_PCT = 5


@dataclass(frozen=True)
class PlanRequest:
    """The settings of one run of the plan, for one scenario (hashable: the cache key)."""

    scenario_key: str
    n_zones: int
    workload: str = "incidents"  # one of state.WORKLOADS
    incident_share: float = DEFAULT_SHARE
    tolerance_pct: int = DEFAULT_TOLERANCE_PCT
    nest: bool = False
    seed: int = 0
    patrol_minutes: int = 60
    stop_minutes: int = 12
    radius_m: int = 300
    peak_hours: str = ""  # empty: found in the incidents' times

    def workload_spec(self) -> Workload:
        """The ``workload`` argument of :func:`zones.make_plan`."""
        if self.workload == "weighted":
            share = round(self.incident_share, 4)
            return parse_weights(f"{C.INCIDENT_COUNT}={share},{C.POPULATION}={1 - share:.4f}")
        return C.INCIDENT_COUNT if self.workload == "incidents" else C.POPULATION


@dataclass(frozen=True)
class Outcome:
    """A plan, or why there is none (``error``: the core's message; ``unexpected``: a bug)."""

    plan: Plan | None = None
    error: str | None = None
    unexpected: bool = False


@dataclass(frozen=True)
class History:
    """The plans of this session for one request: as made, then after each edit."""

    request: PlanRequest
    plans: tuple[Plan, ...]

    @property
    def current(self) -> Plan:
        """The plan shown now."""
        return self.plans[-1]

    @property
    def original(self) -> Plan:
        """The plan as made, before any hand edit."""
        return self.plans[0]

    @property
    def edits(self) -> int:
        """How many edits (moves, adopted proposals) lie between the two."""
        return len(self.plans) - 1

    def push(self, plan: Plan) -> History:
        """This history with ``plan`` as the current plan."""
        return History(self.request, (*self.plans, plan))

    def undo(self) -> History:
        """This history without its last edit (the original plan stays)."""
        return History(self.request, self.plans[:-1]) if self.edits else self


@dataclass(frozen=True)
class Proposal:
    """A rebalanced plan made from ``base`` (the current plan when it was asked for)."""

    base: Plan
    plan: Plan
    locked: tuple[str, ...] = field(default=())


class _Store:
    """Plans and village graphs shared by every session (least recently used dropped)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.plans: OrderedDict[PlanRequest, Outcome] = OrderedDict()
        self.graphs: OrderedDict[str, UnitGraph] = OrderedDict()

    def get(self, request: PlanRequest) -> Outcome | None:
        with self.lock:
            outcome = self.plans.get(request)
            if outcome is not None:
                self.plans.move_to_end(request)
            return outcome

    def put(self, request: PlanRequest, outcome: Outcome) -> None:
        with self.lock:
            self.plans[request] = outcome
            while len(self.plans) > CACHED_PLANS:
                self.plans.popitem(last=False)

    def graph(self, scenario_key: str, plan: Plan) -> UnitGraph:
        with self.lock:
            known = self.graphs.get(scenario_key)
        if known is not None and known.n == len(plan.villages):
            return known
        graph = village_graph(plan)
        with self.lock:
            self.graphs[scenario_key] = graph
            while len(self.graphs) > CACHED_GRAPHS:
                self.graphs.popitem(last=False)
        return graph


@st.cache_resource(show_spinner=False)
def store() -> _Store:
    """The process-wide plan store."""
    return _Store()


# --- the sidebar's settings ------------------------------------------------------------------


def has_townships(scenario: Scenario) -> bool:
    """Whether the villages name their township (needed for nesting)."""
    villages = scenario.villages
    return TOWNSHIP in villages.columns and bool(villages[TOWNSHIP].notna().all())


def has_incidents(scenario: Scenario) -> bool:
    """Whether the scenario has incident points or counts to balance."""
    if len(scenario.incidents):
        return True
    counts = scenario.villages.get(C.INCIDENT_COUNT)
    return counts is not None and bool(counts.fillna(0).sum() > 0)


def _reset_for(scenario: Scenario, scenario_key: str) -> None:
    """Default settings for a scenario shown for the first time in this session."""
    ss = st.session_state
    if ss.get("plan.scenario") == scenario_key:
        return
    ss["plan.scenario"] = scenario_key
    ss[state.N_ZONES_KEY] = suggest_zones(scenario)
    ss[state.WORKLOAD_KEY] = "incidents" if has_incidents(scenario) else "population"
    for key in (state.MOVE_VILLAGES_KEY, state.LOCKED_KEY):
        ss.pop(key, None)
    ss.pop(state.PROPOSAL_KEY, None)
    ss.pop(state.EDIT_MESSAGE_KEY, None)


def controls(scenario: Scenario, scenario_key: str, lang: str) -> PlanRequest:
    """Draw the plan settings in the sidebar; return them (and remember them on "Run")."""
    _reset_for(scenario, scenario_key)
    ss = st.session_state
    sb = st.sidebar
    sb.header(t("app.plan.header", lang))
    n_villages = len(scenario.villages)
    suggested = suggest_zones(scenario)
    n_zones = sb.number_input(
        t("app.plan.n_zones", lang),
        min_value=1,
        max_value=n_villages,
        step=1,
        key=state.N_ZONES_KEY,
    )
    population = int(scenario.villages[C.POPULATION].fillna(0).sum())
    sb.caption(
        t(
            "app.plan.suggested",
            lang,
            n=suggested,
            population=f"{population:,}",
            sworn=len(scenario.police),
        )
    )
    current = ss.get(state.WORKLOAD_KEY, "incidents")
    workload = sb.selectbox(
        t("app.plan.workload", lang),
        state.WORKLOADS,
        index=state.WORKLOADS.index(current) if current in state.WORKLOADS else 0,
        format_func=lambda code: t(f"app.plan.workload.{code}", lang),
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
    tolerance = sb.slider(
        t("app.plan.tolerance", lang),
        min_value=1,
        max_value=25,
        value=DEFAULT_TOLERANCE_PCT,
        step=1,
        help=t("app.plan.tolerance.help", lang),
        key=state.TOLERANCE_KEY,
    )
    nest = False
    if has_townships(scenario):
        nest = sb.checkbox(t("app.plan.nest", lang), key=state.NEST_KEY)
    seed = sb.number_input(
        t("app.plan.seed", lang),
        min_value=0,
        value=0,
        step=1,
        help=t("app.plan.seed.help", lang),
        key=state.SEED_KEY,
    )
    with sb.expander(t("app.plan.patrol", lang)):
        patrol_minutes = st.number_input(
            t("app.plan.patrol_minutes", lang),
            min_value=10,
            max_value=480,
            value=60,
            step=5,
            key="plan.patrol_minutes",
        )
        stop_minutes = st.number_input(
            t("app.plan.stop_minutes", lang),
            min_value=0,
            max_value=60,
            value=12,
            step=1,
            help=t("app.plan.stop_minutes.help", lang),
            key="plan.stop_minutes",
        )
        radius_m = st.number_input(
            t("app.plan.radius", lang),
            min_value=50,
            max_value=2000,
            value=300,
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
    request = PlanRequest(
        scenario_key=scenario_key,
        n_zones=int(n_zones),
        workload=str(workload),
        incident_share=float(share),
        tolerance_pct=int(tolerance),
        nest=bool(nest),
        seed=int(seed),
        patrol_minutes=int(patrol_minutes),
        stop_minutes=int(stop_minutes),
        radius_m=int(radius_m),
        peak_hours=str(peak_hours).strip(),
    )
    if sb.button(t("app.plan.run", lang), type="primary", key=state.RUN_BUTTON_KEY):
        ss[state.PLAN_REQUEST_KEY] = request
    return request


# --- running ----------------------------------------------------------------------------------


def progress_bar(title_key: str, lang: str) -> tuple[Callable[[float, str], None], Callable]:
    """An ``st.progress`` bar and the ``progress(fraction, message)`` callback that moves it
    (throttled to whole percents, messages translated); the second value removes the bar."""
    title = t(title_key, lang)
    bar = st.progress(0.0, text=title)
    last = {"pct": -1, "message": ""}

    def report(fraction: float, message: str) -> None:
        pct = int(max(0.0, min(1.0, fraction)) * 100)
        if pct == last["pct"] and message == last["message"]:
            return
        last.update(pct=pct, message=message)
        key = f"app.progress.{message}"
        step = t(key, lang) if key in TEXTS else t("app.progress.other", lang)
        bar.progress(pct / 100, text=f"{title} {step} ({pct}%)")

    return report, bar.empty


def _run(request: PlanRequest, scenario: Scenario, lang: str) -> Outcome:
    report, done = progress_bar("app.plan.running", lang)
    try:
        plan = make_plan(
            scenario,
            n_zones=request.n_zones,
            workload=request.workload_spec(),
            tolerance=request.tolerance_pct / 100,
            seed=request.seed,
            nest_within=TOWNSHIP if request.nest else None,
            patrol_budget_minutes=float(request.patrol_minutes),
            patrol_stop_minutes=float(min(request.stop_minutes, request.patrol_minutes)),
            patrol_radius_m=float(request.radius_m),
            peak_hours=request.peak_hours or None,
            progress=report,
        )
    except ZonePlannerError as exc:
        return Outcome(error=str(exc))
    except Exception:
        logger.exception("planning failed for %s", request)
        return Outcome(unexpected=True)
    finally:
        done()
    return Outcome(plan=plan)


def outcome_for(request: PlanRequest, scenario: Scenario, lang: str) -> Outcome:
    """The plan for ``request``: from the store, or made now with a progress bar."""
    plans = store()
    outcome = plans.get(request)
    if outcome is None:
        outcome = _run(request, scenario, lang)
        if not outcome.unexpected:
            plans.put(request, outcome)
    return outcome


def show_outcome_error(outcome: Outcome, lang: str) -> None:
    """A planning failure in plain words."""
    if outcome.unexpected:
        st.error(t("app.error.unexpected", lang))
        return
    st.error(t("app.plan.error", lang))
    st.caption(t("app.plan.error_detail", lang, detail=md_escape(outcome.error)))


def history(
    widgets: PlanRequest, scenario: Scenario, scenario_key: str, lang: str
) -> History | None:
    """This session's plans for the last "Run" (``None`` before the first run), with the
    messages around them (progress, errors, settings changed since)."""
    ss = st.session_state
    request: PlanRequest | None = ss.get(state.PLAN_REQUEST_KEY)
    if request is None or request.scenario_key != scenario_key:
        return None
    outcome = outcome_for(request, scenario, lang)
    if outcome.plan is None:
        show_outcome_error(outcome, lang)
        return None
    known: History | None = ss.get(state.HISTORY_KEY)
    if known is None or known.request != request or known.original is not outcome.plan:
        known = History(request, (outcome.plan,))
        ss[state.HISTORY_KEY] = known
        ss.pop(state.PROPOSAL_KEY, None)
    if widgets != request:
        st.info(t("app.plan.stale", lang))
    return known


def summary(plan: Plan, edits: int, lang: str) -> str:
    """One line: name, zones, largest deviation, mean compactness (and hand edits)."""
    metrics = plan.metrics
    line = t(
        "app.plan.summary",
        lang,
        name=md_escape(plan.name or "—"),
        n=len(plan.zones),
        dev=f"{float(metrics.get('max_abs_deviation', 0.0)) * 100:.1f}",
        pp=f"{float(metrics.get('mean_polsby_popper', 0.0)):.2f}",
    )
    return line + (t("app.plan.edited", lang, n=edits) if edits else "")


# --- edits (button callbacks: they run before the script, so the page shows the result) -------


def _message(severity: str, key: str, **params: object) -> None:
    st.session_state[state.EDIT_MESSAGE_KEY] = (severity, key, params)


def apply_move(scenario_key: str) -> None:
    """Move the chosen villages to the chosen zone (values read from the widgets' state)."""
    ss = st.session_state
    known: History | None = ss.get(state.HISTORY_KEY)
    villages = list(ss.get(state.MOVE_VILLAGES_KEY) or [])
    target = ss.get(state.MOVE_TARGET_KEY)
    if known is None:
        return
    if not villages or target is None:
        _message("info", "app.edit.pick")
        return
    plan = known.current
    try:
        graph = store().graph(scenario_key, plan)
        edited = move_villages(plan, dict.fromkeys(villages, str(target)), graph=graph)
    except EditError as exc:
        _message("error", "app.edit.error", detail=str(exc))
        return
    ss[state.HISTORY_KEY] = known.push(edited)
    ss[state.MOVE_VILLAGES_KEY] = []
    _message("success", "app.edit.done", n=len(villages), zone=str(target))


def undo() -> None:
    """Drop the last edit."""
    ss = st.session_state
    known: History | None = ss.get(state.HISTORY_KEY)
    if known is not None and known.edits:
        ss[state.HISTORY_KEY] = known.undo()
        _message("info", "app.edit.undone")


def propose(scenario: Scenario, known: History, lang: str) -> None:
    """Rebalance the current plan with the locked villages kept (progress shown)."""
    ss = st.session_state
    locked = tuple(str(v) for v in ss.get(state.LOCKED_KEY) or [])
    report, done = progress_bar("app.plan.rebalancing", lang)
    try:
        plan = rebalance(scenario, known.current, locked, progress=report)
    except ZonePlannerError as exc:
        ss.pop(state.PROPOSAL_KEY, None)
        _message("error", "app.edit.error", detail=str(exc))
        return
    except Exception:
        logger.exception("rebalancing failed")
        ss.pop(state.PROPOSAL_KEY, None)
        _message("error", "app.error.unexpected")
        return
    finally:
        done()
    ss[state.PROPOSAL_KEY] = Proposal(base=known.current, plan=plan, locked=locked)
    ss.pop(state.EDIT_MESSAGE_KEY, None)


def proposal(known: History) -> Proposal | None:
    """The rebalanced plan waiting for a decision, if it was made from the current plan."""
    found: Proposal | None = st.session_state.get(state.PROPOSAL_KEY)
    if found is None or found.base is not known.current:
        return None
    return found


def adopt() -> None:
    """Make the proposal the current plan (undo brings the previous one back)."""
    ss = st.session_state
    known: History | None = ss.get(state.HISTORY_KEY)
    found: Proposal | None = ss.pop(state.PROPOSAL_KEY, None)
    if known is not None and found is not None and found.base is known.current:
        ss[state.HISTORY_KEY] = known.push(found.plan)
        _message("success", "app.edit.adopted")


def discard() -> None:
    """Forget the proposal."""
    st.session_state.pop(state.PROPOSAL_KEY, None)
