"""The roster's result: the table, the per-officer summary, the days off and the figures."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from zones import columns as C
from zones.report import Issue
from zones.roster.problem import Solution
from zones.roster.rules import (
    DATE,
    KINDS,
    LEAVE,
    OFFICER_ID,
    REWARD_LEAVE,
    ROLE,
    SHORTAGE_COLUMNS,
    Rules,
)
from zones.roster.shortages import shortage_table
from zones.roster.solver import RosterSolver
from zones.roster.staff import Staff


@dataclass(frozen=True, eq=False)
class RosterResult:
    """The outcome of :func:`solve_roster`.

    Attributes
    ----------
    table
        One row per day, duty role and slot: ``date`` (datetime64), ``role`` (a pattern key:
        ``call_taker``/``responder``/``patroller`` by default) and ``officer_id`` (missing for a
        slot left empty with ``on_shortage="flag"``); sorted by date, pattern order and
        officer. ``table.attrs`` holds :meth:`attrs`.
    summary
        One row per officer given (unavailable ones too): ``officer_id``, ``name``, ``role``
        (police/auxiliary), ``available``, ``zone_head``, ``duty_days``, one column per duty
        role of the pattern (days in that role), ``leave_days``, ``reward_leave_days`` (taken
        in the period), ``reward_leave_owed``, ``fair`` (counted in the fairness figures).
    shortages
        Unfilled needs: ``date``, ``role``, ``missing``, ``sworn`` (True: the responders lack
        a sworn officer, though the slots are filled). Empty when every day is fully staffed.
    time_off
        Days off the roster honours: ``date``, ``officer_id``, ``reason`` (``leave`` /
        ``reward_leave``).
    metrics
        JSON-ready figures: ``spread`` (max − min duty days over ``all`` counted officers and
        per kind), ``role_spread`` (the same per duty role), ``adjusted_spread`` (with the
        leave credit: what the solver minimised), ``flagged_days`` (ISO dates),
        ``unfilled_slots``, ``days_without_sworn``, ``mean_duty_days``, ``status``
        (``OPTIMAL`` when proven fairest), ``stopped_by``, ``seconds``.
    settings
        Every parameter (dates as ISO strings), so that the roster can be reproduced.
    warnings
        Issues (layer ``roster``): ``roster_wall_clock`` when the wall-clock safety net
        (``time_limit_s``) stopped a step of the search, so that the roster may differ from
        one machine to another.
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    shortages: pd.DataFrame
    time_off: pd.DataFrame
    metrics: Mapping[str, object]
    settings: Mapping[str, object] = field(default_factory=dict)
    warnings: tuple[Issue, ...] = ()

    def attrs(self) -> dict[str, object]:
        """JSON-ready figures for ``DataFrame.attrs``: metrics, counts per officer, settings
        and warnings (``{"code": …, "params": …}``)."""
        fair = self.summary[self.summary["fair"]]
        pattern = self.settings.get("pattern", {})
        assert isinstance(pattern, Mapping)  # the settings the solve recorded: a dict
        roles = [role for role in pattern if role in fair.columns]
        ids = [str(v) for v in fair[C.OFFICER_ID]]
        return {
            "metrics": dict(self.metrics),
            "duty_days": dict(zip(ids, map(int, fair["duty_days"]), strict=True)),
            "role_days": {
                officer: {role: int(fair[role].iloc[k]) for role in roles}
                for k, officer in enumerate(ids)
            },
            "shortages": [
                {
                    DATE: pd.Timestamp(day).date().isoformat(),
                    ROLE: str(role),
                    "missing": int(missing),
                    "sworn": bool(sworn),
                }
                for day, role, missing, sworn in self.shortages[list(SHORTAGE_COLUMNS)].itertuples(
                    index=False
                )
            ],
            "settings": dict(self.settings),
            "warnings": [{"code": w.code, "params": dict(w.params)} for w in self.warnings],
        }


def build_result(
    staff: Staff,
    rules: Rules,
    dates: pd.DatetimeIndex,
    solution: Solution,
    solver: RosterSolver,
    settings: dict[str, object],
    started: float,
) -> RosterResult:
    """The result of a solve, with ``table.attrs`` filled."""
    table = _table(staff, rules, dates, solution)
    summary = _summary(staff, rules, solution, set(solver.fair))
    shortages = shortage_table(solution.shortages(), dates, rules)
    metrics = _metrics(summary, rules, shortages, solution, solver, started)
    warnings: tuple[Issue, ...] = ()
    if solver.wall_clock_steps:
        params = {"seconds": f"{settings['time_limit_s']:g}"}
        warnings = (Issue("warning", "roster", None, "roster_wall_clock", params),)
    result = RosterResult(
        table, summary, shortages, _time_off(staff, dates, solution), metrics, settings, warnings
    )
    table.attrs.update(result.attrs())
    return result


def _table(staff: Staff, rules: Rules, dates: pd.DatetimeIndex, solution: Solution) -> pd.DataFrame:
    """One row per slot, empty slots included, by day, pattern order and officer."""
    order = {role: k for k, role in enumerate(rules.pattern)}
    rows: list[tuple[int, str, str | None]] = [
        (d, r, staff.ids[i]) for (i, d), r in solution.duty.items()
    ]
    for (d, r, sworn), n in solution.short.items():
        if not sworn:
            rows.extend((d, r, None) for _ in range(n))
    rows.sort(key=lambda row: (row[0], order[row[1]], row[2] is None, row[2] or ""))
    return pd.DataFrame(
        {
            DATE: pd.DatetimeIndex([dates[d] for d, _, _ in rows], dtype=dates.dtype),
            ROLE: pd.Series([r for _, r, _ in rows], dtype=object),
            OFFICER_ID: pd.Series([o for _, _, o in rows], dtype=object),
        }
    )


def _time_off(staff: Staff, dates: pd.DatetimeIndex, solution: Solution) -> pd.DataFrame:
    """Leave and reward leave, one row per officer and day."""
    off = [
        (d, staff.ids[i], LEAVE)
        for i in range(len(staff.ids))
        if staff.available[i]
        for d in staff.leave[i]
    ]
    off += [(d, staff.ids[i], REWARD_LEAVE) for i, d in solution.reward]
    off.sort()
    return pd.DataFrame(
        {
            DATE: pd.DatetimeIndex([dates[d] for d, _, _ in off], dtype=dates.dtype),
            OFFICER_ID: pd.Series([o for _, o, _ in off], dtype=object),
            "reason": pd.Series([why for _, _, why in off], dtype=object),
        }
    )


def _summary(staff: Staff, rules: Rules, solution: Solution, fair: set[int]) -> pd.DataFrame:
    n = len(staff.ids)
    counts = {r: np.zeros(n, dtype=np.int64) for r in rules.pattern}
    for (i, _d), r in solution.duty.items():
        counts[r][i] += 1
    reward = np.zeros(n, dtype=np.int64)
    for i, _d in solution.reward:
        reward[i] += 1
    table = pd.DataFrame(
        {
            C.OFFICER_ID: pd.Series(staff.ids, dtype=object),
            C.NAME: pd.Series(staff.names, dtype=object),
            C.ROLE: pd.Series(staff.kinds, dtype=object),
            C.AVAILABLE: np.array(staff.available, dtype=bool),
            "zone_head": np.array([i in staff.heads for i in range(n)], dtype=bool),
            "duty_days": sum(counts.values(), np.zeros(n, dtype=np.int64)),
        }
    )
    for r in rules.pattern:
        table[r] = counts[r]
    table["leave_days"] = np.array(
        [len(staff.leave[i]) if staff.available[i] else 0 for i in range(n)], dtype=np.int64
    )
    table["reward_leave_days"] = reward
    table["reward_leave_owed"] = np.array(staff.reward_owed, dtype=np.int64)
    table["fair"] = np.array([i in fair for i in range(n)], dtype=bool)
    return table


def _metrics(
    summary: pd.DataFrame,
    rules: Rules,
    shortages: pd.DataFrame,
    solution: Solution,
    solver: RosterSolver,
    started: float,
) -> dict[str, object]:
    fair = summary[summary["fair"]]
    position = {officer: k for k, officer in enumerate(summary[C.OFFICER_ID])}
    credit = np.array([solver.credit[position[o]] for o in fair[C.OFFICER_ID]], dtype=np.int64)
    groups = {"all": fair[C.ROLE].notna(), **{k: fair[C.ROLE] == k for k in KINDS}}

    def spread(values: np.ndarray) -> int:
        return int(values.max() - values.min()) if len(values) else 0

    duty = fair["duty_days"].to_numpy()
    return {
        "spread": {name: spread(duty[mask.to_numpy()]) for name, mask in groups.items()},
        "role_spread": {
            name: {r: spread(fair[r].to_numpy()[mask.to_numpy()]) for r in rules.roles}
            for name, mask in groups.items()
        },
        "adjusted_spread": {
            name: spread((duty + credit)[mask.to_numpy()]) for name, mask in groups.items()
        },
        "mean_duty_days": {
            name: round(float(duty[mask.to_numpy()].mean()), 3) if mask.any() else 0.0
            for name, mask in groups.items()
        },
        "flagged_days": sorted({pd.Timestamp(d).date().isoformat() for d in shortages[DATE]}),
        "unfilled_slots": int(shortages.loc[~shortages["sworn"], "missing"].sum()),
        "days_without_sworn": int(shortages.loc[shortages["sworn"], DATE].nunique()),
        "status": solution.status,
        "stopped_by": solution.stopped_by,
        "seconds": round(time.perf_counter() - started, 3),
    }
