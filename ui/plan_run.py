"""Long work (making a plan) in a worker thread the page waits for, with a cancel.

Why a thread: Streamlit runs the page script in one thread and acts on a click only at the
script's next Streamlit call (a rerun request raised there). With the plan made in the script
thread, the bar shows nothing new while the core is silent (a long phase of the zoning), a cancel
waits until the core next reports, and any other click during the run (a tab, the language)
throws the work away and starts it again. Here the work runs in a :class:`Job` (one per plan
request, shared by every session asking for the same settings, see :class:`Jobs`); the page only
waits, redrawing its bar every few tenths of a second, so a click interrupts the waiting at once.
A cancel sets the job's flag, and the core's next progress report (:meth:`Job.report`, the
``progress`` callback of :func:`zones.make_plan`) raises :class:`PlanCancelled` in the worker,
which ends the work there. After any other click the page waits for the same job again.

Nothing here imports Streamlit: the page's side (bar, button) is in :mod:`ui.plan_page`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

__all__ = ["PlanCancelled", "Job", "Jobs"]


class PlanCancelled(Exception):  # noqa: N818 (a request, not a failure)
    """Raised by :meth:`Job.report` in the worker once its job was cancelled."""


@dataclass(eq=False)
class Job:
    """One piece of work running in its own thread, and what it reported so far.

    Attributes
    ----------
    key
        What the work is for (the plan request); the job's key in :class:`Jobs`.
    fraction, message
        The largest fraction the work reported (``progress(fraction, message)``) and its
        last message.
    result
        What the work returned, once :attr:`finished` is set.
    """

    key: Hashable
    fraction: float = 0.0
    message: str = ""
    result: object = None
    started: float = field(default_factory=time.monotonic)
    finished: threading.Event = field(default_factory=threading.Event)
    _cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, fraction: float, message: str) -> None:
        """The work's progress callback: remember the report, or stop the work when cancelled.

        Raises
        ------
        PlanCancelled
            Once :meth:`cancel` was called.
        """
        if self._cancel.is_set():
            raise PlanCancelled
        # never backwards: the zoning's restarts report from the start of their share again
        self.fraction = max(self.fraction, min(1.0, float(fraction)))
        self.message = message

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancel.is_set()

    @property
    def elapsed_s(self) -> float:
        """Seconds since the job started."""
        return time.monotonic() - self.started


class Jobs:
    """The running jobs by key, shared by every session (thread safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Hashable, Job] = {}

    def get(self, key: Hashable) -> Job | None:
        """The running job for ``key``, if there is one."""
        with self._lock:
            return self._running.get(key)

    def start(self, key: Hashable, work: Callable[[Job], object]) -> Job:
        """The running job for ``key``, or a new one running ``work(job)`` in a daemon thread.

        A cancelled job still finishing is not reused: a new one starts. The job leaves the
        running ones, then sets :attr:`Job.finished`, once ``work`` returns (its value is
        :attr:`Job.result`; ``work`` must catch its own errors).
        """
        with self._lock:
            found = self._running.get(key)
            if found is not None and not found.cancelled:
                return found
            job = Job(key)
            self._running[key] = job

        def run() -> None:
            try:
                job.result = work(job)
            finally:
                with self._lock:
                    if self._running.get(key) is job:
                        del self._running[key]
                job.finished.set()

        threading.Thread(target=run, name=f"plan-job-{id(job):x}", daemon=True).start()
        return job

    def cancel(self, key: Hashable) -> bool:
        """Cancel the running job for ``key``; whether there was one."""
        with self._lock:
            job = self._running.pop(key, None)
        if job is None:
            return False
        job.cancel()
        return True
