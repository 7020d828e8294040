"""Progress on the page: the bar of a run made in the script (:func:`progress_bar`, used by
rebalancing) and the bar with a cancel button of a run made in a worker (:func:`show_progress`,
see :mod:`ui.plan_run`). Both name the step running from the core's list of steps."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import state
from ui.i18n import TEXTS, t
from ui.plan_run import Job
from zones.plan.steps import step_at

POLL_SECONDS = 0.2  # the waiting page redraws its bar (and notices a click) this often


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


def bar_text(job: Job, title: str, lang: str) -> str:
    """``"正在生成方案… 划分责任区 · 均衡工作量（42%，已用 1:05）"``: the step and phase running
    (:func:`progress_text`), the share done and the time spent."""
    text = progress_text(job.fraction, job.message, lang)
    seconds = int(job.elapsed_s)
    elapsed = t("app.progress.elapsed", lang, time=f"{seconds // 60}:{seconds % 60:02d}")
    pct = int(job.fraction * 100)
    return t("app.progress.bar", lang, title=title, step=text, pct=pct, elapsed=elapsed)


def show_progress(
    job: Job,
    title_key: str,
    lang: str,
    *,
    on_cancel: Callable[..., None],
    args: tuple[object, ...] = (),
) -> object:
    """Wait for ``job`` with a progress bar (the step running, its phase, the share done, the
    time spent) and a cancel button calling ``on_cancel(*args)``; both go once the job is done.
    Returns the job's result.

    Each redraw of the bar is also where Streamlit notices a click (the cancel button, a tab)
    and stops this wait; the job runs on until cancelled."""
    title = t(title_key, lang)
    slot = st.empty()
    with slot.container():
        bar = st.progress(job.fraction, text=title)
        st.button(
            t("app.plan.cancel", lang),
            key=state.CANCEL_BUTTON_KEY,
            on_click=on_cancel,
            args=args,
            help=t("app.plan.cancel.help", lang),
        )
    while not job.finished.wait(POLL_SECONDS):
        bar.progress(job.fraction, text=bar_text(job, title, lang))
    slot.empty()
    return job.result
