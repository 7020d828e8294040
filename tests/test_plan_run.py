"""Making a plan in a worker the page waits for (ui.plan_run, ui.plan_page): jobs shared per
request, cancelled at the core's next progress report, the cancel button's callback, the bar's
words. The click during a real run is in tests/test_zones_tab_browser.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import zones
from ui import plan_page, state
from ui.plan_progress import bar_text
from ui.plan_run import Job, Jobs, PlanCancelled
from ui.plan_settings import PlanRequest


@pytest.fixture(autouse=True)
def _fresh_store() -> Iterator[None]:
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def busy_work(limit_s: float = 20.0, result: object = "finished"):
    """Work that reports progress every 10 ms (as the core does, more often) until cancelled
    or ``limit_s`` has passed."""

    def work(job: Job) -> object:
        started = time.monotonic()
        step = 0
        try:
            while time.monotonic() - started < limit_s:
                step += 1
                job.report(min(0.99, step / 1000), "balance 1%")
                time.sleep(0.01)
        except PlanCancelled:
            return "cancelled"
        return result

    return work


def test_a_cancelled_job_stops_at_its_next_report() -> None:
    jobs = Jobs()
    job = jobs.start("a", busy_work())
    time.sleep(0.1)
    assert jobs.get("a") is job
    assert 0 < job.fraction < 1
    assert jobs.cancel("a")
    assert job.finished.wait(1.0)  # one report (10 ms) later, not at the end (20 s)
    assert job.result == "cancelled"
    assert jobs.get("a") is None
    assert not jobs.cancel("a")  # nothing left to cancel


def test_jobs_are_shared_per_key_and_a_cancelled_one_is_not_reused() -> None:
    jobs = Jobs()
    first = jobs.start("a", busy_work())
    assert jobs.start("a", busy_work()) is first  # a second page waits for the same work
    other = jobs.start("b", busy_work(limit_s=0.05))
    assert other is not first
    assert other.finished.wait(2.0)
    assert other.result == "finished"
    first.cancel()
    again = jobs.start("a", busy_work(limit_s=0.05))
    assert again is not first
    assert again.finished.wait(2.0)
    assert first.finished.wait(2.0)
    assert jobs.get("a") is None


def test_progress_never_goes_back() -> None:
    job = Job("a")
    job.report(0.52, "compactness")
    job.report(0.50, "balance 3%")  # a restart of the zoning reports from its share's start
    assert job.fraction == 0.52
    assert job.message == "balance 3%"
    job.report(7.0, "done")
    assert job.fraction == 1.0


def test_the_bar_names_the_step_the_share_and_the_time() -> None:
    job = Job("a")
    job.report(0.3, "balance 12%")
    job.started -= 65  # started 65 s ago
    assert (
        bar_text(job, "正在生成方案…", "zh")
        == "正在生成方案… 划分责任区 · 均衡工作量（30%，已用 1:05）"
    )
    assert bar_text(job, "Planning…", "en") == (
        "Planning… drawing the zones · balancing workload (30%, 1:05 elapsed)"
    )
    job.report(0.99, "patrol")  # the patrol step: the last 2% (zones.plan.steps.STEPS)
    assert "规划巡逻线和岗点（99%" in bar_text(job, "正在生成方案…", "zh")


def page(scenario, key, widgets):  # no annotations: the body runs as a script on its own
    """The planning part of the page and a button wired to the cancel button's callback."""
    import streamlit as st

    from ui import plan_page

    waiting = st.session_state.get("test.waiting")
    if waiting is not None:
        st.button("cancel", key="test.cancel", on_click=plan_page.cancel, args=(waiting,))
    known = plan_page.history(widgets, scenario, key, "zh")
    if known is not None:
        st.markdown(f"plan of {len(known.current.zones)} zones")


@pytest.fixture(scope="module")
def plan(sample: zones.Scenario) -> zones.Plan:
    return zones.make_plan(sample, n_zones=6, patrol=False)


def test_the_page_waits_for_a_running_job_instead_of_planning_again(
    sample: zones.Scenario, plan: zones.Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = PlanRequest("test", 6)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("planned twice")

    monkeypatch.setattr(plan_page, "make_plan", never)
    release = threading.Event()

    def slow(job: Job) -> plan_page.Outcome:  # a run a click interrupted the page of
        while not release.wait(0.01):
            job.report(0.4, "balance 5%")
        outcome = plan_page.Outcome(plan=plan)
        plan_page.store().put(request, outcome)
        return outcome

    job = plan_page.store().jobs.start(request, slow)
    threading.Timer(0.5, release.set).start()
    at = AppTest.from_function(page, args=(sample, "test", request), default_timeout=30)
    at.session_state[state.PLAN_REQUEST_KEY] = request
    at.run()
    assert not at.exception
    assert job.finished.is_set()
    assert "plan of 6 zones" in [el.value for el in at.markdown]
    assert at.session_state[state.HISTORY_KEY].current is plan


def test_cancel_stops_the_job_and_brings_back_the_last_plan(
    sample: zones.Scenario, plan: zones.Plan
) -> None:
    shown, waiting = PlanRequest("test", 6), PlanRequest("test", 60)
    plan_page.store().put(shown, plan_page.Outcome(plan=plan))
    at = AppTest.from_function(page, args=(sample, "test", shown), default_timeout=30)
    at.session_state[state.PLAN_REQUEST_KEY] = shown
    at.run()
    assert "plan of 6 zones" in [el.value for el in at.markdown]
    at.session_state["test.waiting"] = waiting
    at.run()  # draws the button (the app draws its own under the bar while it waits)
    # "Run" with other settings: their plan is being made when the cancel button is pressed
    job = plan_page.store().jobs.start(waiting, busy_work())
    at.session_state[state.PLAN_REQUEST_KEY] = waiting
    at.button(key="test.cancel").click()
    at.run()
    assert not at.exception
    assert job.cancelled
    assert job.finished.wait(1.0)
    assert job.result == "cancelled"
    assert at.session_state[state.PLAN_REQUEST_KEY] == shown
    assert [el.value for el in at.info] == ["已取消生成方案。"]
    assert "plan of 6 zones" in [el.value for el in at.markdown]  # the last plan stays
    at.run()
    assert [el.value for el in at.info] == []  # said once
