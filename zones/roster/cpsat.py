"""Running CP-SAT so that the same inputs and seed give the same roster on any machine.

Every CP-SAT step is limited by **deterministic work** (CP-SAT's deterministic time: counted
operations, the same on every machine), never by the wall clock alone. The whole solve may do
:func:`work_limit` deterministic seconds, which depends on the problem's size only; each step
may use its share of the work not yet used (``SHARE_*``), and what a step used is itself
deterministic, so every step's limit is too.

The wall clock (``time_limit_s``) stays as an outer safety net: each step may also use
``WALL_SHARE`` of the wall-clock time left. All the work takes at most 40 seconds on the
reference machine (20 for most stations), and a search that proves its answer stops long
before; the default net, ``DEFAULT_TIME_LIMIT_S``, is well above that. When a slow machine
reaches it anyway, the step's ``stopped_by`` is
``wall_clock`` and the step is listed in :attr:`SatRunner.wall_clock_steps`, which the roster
reports as a warning: only then may two runs give different rosters.
"""

from __future__ import annotations

import time

from zones.roster.rules import ProgressFn

# CP-SAT's deterministic seconds per wall-clock second on the reference machine (2 cores,
# unloaded): what the work limits are sized with
DETERMINISTIC_SHARE = 0.4
# deterministic seconds for the whole solve: the effort the former 20-second default gave on the
# reference machine, plus a little more for larger problems (per counted officer and day), capped
WORK_MIN = DETERMINISTIC_SHARE * 20.0
WORK_PER_OFFICER_DAY = 1e-4
WORK_MAX = 16.0
# the default wall-clock safety net: well above what the largest work limit takes on the
# reference machine (40 s), so that it stops only a much slower or overloaded machine
DEFAULT_TIME_LIMIT_S = 60.0
MIN_STEP_WORK = 0.02
MIN_STEP_SECONDS = 0.05
# shares of the work left that each step may use
SHARE_COUNTS, SHARE_CALENDAR, SHARE_FAIRNESS, SHARE_SHORTAGE = 0.25, 0.5, 0.7, 0.8
WALL_SHARE = 0.8  # of the wall-clock time left, for any step: the safety net


def work_limit(officers: int, days: int) -> float:
    """Deterministic seconds the whole solve may use, from the problem's size only."""
    return min(WORK_MIN + WORK_PER_OFFICER_DAY * officers * days, WORK_MAX)


class SatRunner:
    """Solves CP-SAT models one step after another within the work limit.

    Parameters
    ----------
    work
        Deterministic seconds for all the steps (:func:`work_limit`).
    seed, workers
        CP-SAT's ``random_seed`` and ``num_workers`` (two run the interleaved, deterministic
        portfolio).
    progress
        Told ``(fraction, step)`` as each step starts.
    """

    def __init__(self, work: float, *, seed: int, workers: int, progress: ProgressFn) -> None:
        self.work = work
        self.seed = seed
        self.workers = workers
        self.progress = progress
        self.used = 0.0  # deterministic seconds used by the steps so far
        self.steps = 0
        self.wall_clock_steps: list[str] = []

    def run(self, model, deadline: float, share: float, step: str):
        """Solve ``model`` with ``share`` of the work left; (solver, status name, stopped_by).

        ``stopped_by`` is ``proof`` (optimal or infeasible), ``deterministic_time`` (the work
        limit) or ``wall_clock`` (the safety net at ``deadline``, a ``time.perf_counter()``).
        """
        from ortools.sat.python import cp_model

        self.steps += 1
        self.progress(min(0.2 * self.steps, 0.9), step)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.interleave_search = self.workers > 1
        params.random_seed = self.seed
        params.max_deterministic_time = max((self.work - self.used) * share, MIN_STEP_WORK)
        left = deadline - time.perf_counter()
        params.max_time_in_seconds = max(left * WALL_SHARE, MIN_STEP_SECONDS)
        params.max_presolve_iterations = 1
        status = solver.solve(model)
        spent = solver.response_proto.deterministic_time
        self.used += spent
        if status in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            stopped_by = "proof"
        elif spent >= params.max_deterministic_time * 0.99:
            stopped_by = "deterministic_time"
        else:
            stopped_by = "wall_clock"
            self.wall_clock_steps.append(step)
        return solver, solver.status_name(status), stopped_by
