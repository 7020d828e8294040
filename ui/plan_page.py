"""Planning in the app: running the plan with visible progress, the cached results, and the
session's edit history (hand moves, undo, rebalance proposals). The sidebar's settings are in
:mod:`ui.plan_settings` (:func:`controls`, :class:`PlanRequest`, re-exported here).

Plans are cached per server process in a small store held by ``st.cache_resource``, keyed on
the scenario's content key (:attr:`ui.loading.Loaded.key`) and every setting, so reruns, tab
switches and a language switch never plan again.

A plan is made in a worker thread (:mod:`ui.plan_run`), which puts it in the store: the page
waits with a progress bar that names the step running and the time spent, and a cancel button
(:mod:`ui.plan_progress`); a click during the wait (another tab, the language) leaves the work
running and the page waits for it again.

Each session keeps a :class:`History`: the plan as made, then one plan per hand edit or
adopted proposal (undo drops the last one). Planning errors (``ZoningError``,
``StaffingError``, …) become a translated message with the core's detail; anything else is
logged and shown as the generic error.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from ui import state
from ui.i18n import t
from ui.plan_progress import progress_bar as progress_bar  # from here as before
from ui.plan_progress import progress_text as progress_text  # from here as before
from ui.plan_progress import show_progress
from ui.plan_run import Job, Jobs, PlanCancelled
from ui.plan_settings import PlanRequest
from ui.plan_settings import controls as controls  # the sidebar, from here as before
from ui.text import md_escape
from zones import columns as C
from zones.errors import ZonePlannerError, error_message
from zones.model import Scenario
from zones.plan.edits import EditError, move_villages, village_graph
from zones.plan.pipeline import Plan, make_plan
from zones.plan.rebalance import Rebalanced, option_at, rebalance_options
from zones.zoning.graph import UnitGraph

logger = logging.getLogger(__name__)

CACHED_PLANS = 24  # plans kept per server process (all sessions)
CACHED_GRAPHS = 8


@dataclass(frozen=True)
class Outcome:
    """A plan, or why there is none (``error``: the core's error, read in the page's language by
    :func:`zones.errors.error_message`; ``unexpected``: a bug;
    ``cancelled``: the user stopped the run)."""

    plan: Plan | None = None
    error: ZonePlannerError | str | None = None
    unexpected: bool = False
    cancelled: bool = False


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
    """A rebalanced plan made from ``base`` (the current plan when it was asked for): ``plan``
    is the option chosen (``chosen``) among ``options``
    (:func:`zones.plan.rebalance.rebalance_options`: the least change and a fresh plan)."""

    base: Plan
    plan: Plan
    locked: tuple[str, ...] = field(default=())
    options: Rebalanced | None = None
    chosen: str = ""


class _Store:
    """Plans and village graphs shared by every session (least recently used dropped)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.plans: OrderedDict[PlanRequest, Outcome] = OrderedDict()
        self.graphs: OrderedDict[str, UnitGraph] = OrderedDict()
        self.jobs = Jobs()  # plans being made, by request

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


def _make(request: PlanRequest, scenario: Scenario, job: Job) -> Outcome:
    """Make the plan of ``request`` (in the job's worker thread), reporting to ``job``."""
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
            progress=job.report,
        )
    except PlanCancelled:
        logger.info("planning cancelled for %s after %.1f s", request, job.elapsed_s)
        return Outcome(cancelled=True)
    except ZonePlannerError as exc:
        return Outcome(error=exc)
    except Exception:
        logger.exception("planning failed for %s", request)
        return Outcome(unexpected=True)
    return Outcome(plan=plan)


def _work(plans: _Store, request: PlanRequest, scenario: Scenario, job: Job) -> Outcome:
    """The job's work: the outcome, kept in the store (unless cancelled or a bug) before the
    job ends, so a page that stopped waiting finds the plan at its next run."""
    outcome = _make(request, scenario, job)
    if not (outcome.unexpected or outcome.cancelled):
        plans.put(request, outcome)
    return outcome


def outcome_for(request: PlanRequest, scenario: Scenario, lang: str) -> Outcome:
    """The plan for ``request``: from the store, or made now (in a worker thread, shared with
    any session asking for the same) while the page shows its progress and a cancel button."""
    plans = store()
    outcome = plans.get(request)
    if outcome is None:
        job = plans.jobs.start(request, lambda job: _work(plans, request, scenario, job))
        outcome = wait_for(job, request, lang)
    return outcome


def wait_for(job: Job, request: PlanRequest, lang: str) -> Outcome:
    """Wait for ``job`` with its progress bar and a cancel button (:func:`cancel`)."""
    result = show_progress(job, "app.plan.running", lang, on_cancel=cancel, args=(request,))
    return result if isinstance(result, Outcome) else Outcome(unexpected=True)


def cancel(request: PlanRequest) -> None:
    """The cancel button's callback (it runs before the page script): stop the job of
    ``request`` at the core's next progress report, go back to the session's last plan (if
    any), and say so."""
    ss = st.session_state
    store().jobs.cancel(request)
    known: History | None = ss.get(state.HISTORY_KEY)
    if known is not None and known.request != request:
        ss[state.PLAN_REQUEST_KEY] = known.request
    else:
        ss.pop(state.PLAN_REQUEST_KEY, None)
    ss[state.RUN_MESSAGE_KEY] = "app.plan.cancelled"


def show_outcome_error(outcome: Outcome, lang: str) -> None:
    """A planning failure in plain words."""
    if outcome.unexpected:
        st.error(t("app.error.unexpected", lang))
        return
    st.error(t("app.plan.error", lang))
    detail = error_message(outcome.error or "", lang)
    st.caption(t("app.plan.error_detail", lang, detail=md_escape(detail)))


def history(
    widgets: PlanRequest, scenario: Scenario, scenario_key: str, lang: str
) -> History | None:
    """This session's plans for the last "Run" (``None`` before the first run), with the
    messages around them (progress, errors, a cancelled run, settings changed since)."""
    ss = st.session_state
    message = ss.pop(state.RUN_MESSAGE_KEY, None)
    if message:
        st.info(t(message, lang))
    request: PlanRequest | None = ss.get(state.PLAN_REQUEST_KEY)
    if request is None or request.scenario_key != scenario_key:
        return None
    outcome = outcome_for(request, scenario, lang)
    if outcome.cancelled:  # by another session waiting for the same plan
        st.info(t("app.plan.cancelled", lang))
        ss.pop(state.PLAN_REQUEST_KEY, None)
        return None
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
        _message("error", "app.edit.error", detail=error_message(exc, state.current_lang()))
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
    report, done = _rebalance_bar(lang)
    try:
        options = rebalance_options(scenario, known.current, locked, progress=report)
    except ZonePlannerError as exc:
        ss.pop(state.PROPOSAL_KEY, None)
        _message("error", "app.edit.error", detail=error_message(exc, lang))
        return
    except Exception:
        logger.exception("rebalancing failed")
        ss.pop(state.PROPOSAL_KEY, None)
        _message("error", "app.error.unexpected")
        return
    finally:
        done()
    ss[state.PROPOSAL_KEY] = Proposal(
        base=known.current,
        plan=options.plan,
        locked=locked,
        options=options,
        chosen=options.chosen,
    )
    ss.pop(state.EDIT_MESSAGE_KEY, None)


def _rebalance_bar(lang: str) -> tuple[Callable[[float, str], None], Callable[[], None]]:
    """A progress bar for :func:`zones.plan.rebalance.rebalance_options`: which of the two
    plans is being made, and how far (the function that removes it second)."""
    title = t("app.plan.rebalancing", lang)
    bar = st.progress(0.0, text=title)
    last = {"pct": -1}

    def report(fraction: float, message: str) -> None:
        pct = int(max(0.0, min(1.0, fraction)) * 100)
        if pct != last["pct"]:
            last["pct"] = pct
            option = t(f"app.edit.option.{option_at(fraction)}", lang)
            bar.progress(pct / 100, text=f"{title} {option} ({pct}%)")

    return report, bar.empty


def choose(name: str | None = None) -> None:
    """Make the option ``name`` (default: the one picked in the options radio) the proposal."""
    ss = st.session_state
    found: Proposal | None = ss.get(state.PROPOSAL_KEY)
    name = name if name is not None else ss.get(state.PROPOSAL_CHOICE_KEY)
    if found is None or found.options is None:
        return
    if name not in [option.name for option in found.options.options]:
        return
    option = found.options.option(name)
    ss[state.PROPOSAL_KEY] = dataclasses.replace(found, plan=option.plan, chosen=name)


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
