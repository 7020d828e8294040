"""Planning in the app: running the plan with visible progress, the cached results, and the
session's edit history (hand moves, undo, rebalance proposals). The sidebar's settings are in
:mod:`ui.plan_settings` (:func:`controls`, :class:`PlanRequest`, re-exported here).

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
from ui.i18n import TEXTS, t
from ui.plan_settings import PlanRequest
from ui.plan_settings import controls as controls  # the sidebar, from here as before
from ui.text import md_escape
from zones import columns as C
from zones.errors import ZonePlannerError
from zones.model import Scenario
from zones.plan.edits import EditError, move_villages, rebalance, village_graph
from zones.plan.pipeline import Plan, make_plan
from zones.plan.steps import step_at
from zones.zoning.graph import UnitGraph

logger = logging.getLogger(__name__)

CACHED_PLANS = 24  # plans kept per server process (all sessions)
CACHED_GRAPHS = 8


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


# --- running ----------------------------------------------------------------------------------


def progress_bar(title_key: str, lang: str) -> tuple[Callable[[float, str], None], Callable]:
    """An ``st.progress`` bar and the ``progress(fraction, message)`` callback of
    :func:`zones.make_plan` that moves it (throttled to whole percents); the second value
    removes the bar.

    The text names the step running, found from the fraction in the core's list of steps
    (:func:`zones.plan.steps.step_at`), and what the step reports within it where the app has
    words for that (``app.progress.<first word>``: the zoning's phases)."""
    title = t(title_key, lang)
    bar = st.progress(0.0, text=title)
    last = {"pct": -1, "text": ""}

    def report(fraction: float, message: str) -> None:
        fraction = max(0.0, min(1.0, fraction))
        text = progress_text(fraction, message, lang)
        pct = int(fraction * 100)
        if pct == last["pct"] and text == last["text"]:
            return
        last.update(pct=pct, text=text)
        bar.progress(pct / 100, text=f"{title} {text} ({pct}%)")

    return report, bar.empty


def progress_text(fraction: float, message: str, lang: str) -> str:
    """The words for ``progress(fraction, message)`` of :func:`zones.make_plan`: the step
    running, and its phase when the step reports a known one (``"划分责任区 · 均衡工作量"``)."""
    step = step_at(fraction)
    if step is None:
        return t("app.progress.done", lang)
    text = t(step.label, lang)
    phase = f"app.progress.{message.split(' ', 1)[0]}" if message else ""
    if message != step.name and phase in TEXTS and phase != "app.progress.done":
        text += f" · {t(phase, lang)}"
    return text


def _run(request: PlanRequest, scenario: Scenario, lang: str) -> Outcome:
    report, done = progress_bar("app.plan.running", lang)
    try:
        plan = make_plan(
            scenario,
            n_zones=request.n_zones,
            workload=request.workload_spec(),
            tolerance=request.tolerance_pct / 100,
            seed=request.seed,
            nest_within=C.TOWNSHIP if request.nest else None,
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
