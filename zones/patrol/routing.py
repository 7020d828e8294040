"""A closed patrol tour through optional stops within a time budget (OR-Tools routing).

The tour starts and ends at stop 0 (the zone's base). Every other stop is optional: leaving it
out costs its prize, so the solver first fits in as much prize as the budget allows and then
drives as little as it can (a prize-collecting travelling-salesman tour with a time dimension).
Travel times may be asymmetric (one-way roads). Search: a cheapest-arc first tour, then guided
local search stopped after a fixed number of search branches, so the result is the same on
every machine (a time limit would not be; a solution-count limit never ends on tiny or tightly
budgeted problems, where few neighbours are feasible). A wall-clock limit stays as a safety net
only (:func:`safety_seconds`, about a hundred times what the branches take on the reference
machine); a tour it stopped says so (``Tour.timed_out``), and the patrol plan warns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

SCALE = 100  # OR-Tools works in integers: hundredths of a minute
UNREACHABLE = 10**9  # travel time standing for "no road", far above any budget
DEFAULT_BRANCHES = 500
SAFETY_SECONDS = 5.0  # per DEFAULT_BRANCHES branches: a last guard, ~100× what they take


@dataclass(frozen=True)
class Tour:
    """The order of the stops visited (starting with 0, the return to 0 implied), the driving
    minutes, the minutes spent at stops, the stops left out, and whether the wall-clock safety
    net stopped the search before its branch limit (then the tour may differ by machine)."""

    order: tuple[int, ...]
    drive_minutes: float
    dwell_minutes: float
    dropped: tuple[int, ...]
    timed_out: bool = False

    @property
    def minutes(self) -> float:
        """Driving plus stop time."""
        return self.drive_minutes + self.dwell_minutes


def tour_minutes(travel: np.ndarray, order: tuple[int, ...] | list[int]) -> float:
    """Driving minutes of the closed tour ``order`` (back to its first stop)."""
    order = list(order)
    if len(order) < 2:
        return 0.0
    return float(sum(travel[a, b] for a, b in zip(order, order[1:] + order[:1], strict=True)))


def safety_seconds(branches: int) -> float:
    """The wall-clock safety net of a search of ``branches`` branches, in seconds."""
    return SAFETY_SECONDS * max(1.0, branches / DEFAULT_BRANCHES)


def solve_tour(
    travel: np.ndarray,
    *,
    prize: np.ndarray,
    dwell_minutes: np.ndarray,
    budget_minutes: float,
    branches: int = DEFAULT_BRANCHES,
) -> Tour:
    """The best closed tour from stop 0 within ``budget_minutes``.

    Parameters
    ----------
    travel
        ``(n, n)`` driving minutes between stops (``inf`` where no road leads).
    prize
        Value of visiting each stop (stop 0's is ignored: the base is always visited). Prizes
        are compared before driving time: a stop is left out only when it does not fit.
    dwell_minutes
        Time spent at each stop (the base's counts too, once).
    budget_minutes
        Driving plus stop time may not exceed this.
    branches
        Search effort: guided local search stops after this many branches of the search
        tree (500 reaches the exact optimum on road tours of up to 13 stops in tests).

    Returns
    -------
    Tour
        Visited stops in order and the stops left out (no road, or no room in the budget);
        ``timed_out`` when the wall-clock safety net (:func:`safety_seconds`) ended the search
        before ``branches``.
    """
    dwell = np.asarray(dwell_minutes, dtype=float)
    # stops that cannot fit even alone (or have no road) never enter the model
    alone = travel[0, :] + dwell + travel[:, 0] + dwell[0]
    keep = np.flatnonzero(alone <= budget_minutes + 1e-9)
    keep = np.r_[0, keep[keep != 0]]
    if len(keep) < len(travel):
        return _on_stops(keep, travel, prize, dwell, budget_minutes, branches)
    if len(travel) == 1:
        return Tour((0,), 0.0, float(dwell[0]), ())
    return _search(travel, np.asarray(prize, dtype=float), dwell, budget_minutes, branches)


def _on_stops(
    keep: np.ndarray,
    travel: np.ndarray,
    prize: np.ndarray,
    dwell: np.ndarray,
    budget_minutes: float,
    branches: int,
) -> Tour:
    """The tour through the stops ``keep`` only (0 among them), numbered as in ``travel``;
    the others are dropped."""
    never = tuple(int(s) for s in np.setdiff1d(np.arange(len(travel)), keep))
    inner = solve_tour(
        travel[np.ix_(keep, keep)],
        prize=np.asarray(prize, dtype=float)[keep],
        dwell_minutes=dwell[keep],
        budget_minutes=budget_minutes,
        branches=branches,
    )
    return Tour(
        tuple(int(keep[s]) for s in inner.order),
        inner.drive_minutes,
        inner.dwell_minutes,
        tuple(sorted(never + tuple(int(keep[s]) for s in inner.dropped))),
        inner.timed_out,
    )


def _search(
    travel: np.ndarray,
    prize: np.ndarray,
    dwell: np.ndarray,
    budget_minutes: float,
    branches: int,
) -> Tour:
    """OR-Tools' prize-collecting tour over every stop of ``travel`` (at least two)."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n = len(travel)
    finite = np.isfinite(travel)
    cost = np.where(finite, np.rint(np.where(finite, travel, 0) * SCALE), UNREACHABLE)
    cost = cost.astype(np.int64)
    np.fill_diagonal(cost, 0)
    # time dimension: driving from i to j plus the time spent at i
    busy = np.minimum(cost + np.rint(dwell * SCALE).astype(np.int64)[:, None], UNREACHABLE)
    manager = pywrapcp.RoutingIndexManager(n, 1, 0)
    model = pywrapcp.RoutingModel(manager)
    arc = model.RegisterTransitMatrix(cost.tolist())
    model.SetArcCostEvaluatorOfAllVehicles(arc)
    timed = model.RegisterTransitMatrix(busy.tolist())
    budget = int(np.floor(budget_minutes * SCALE))
    model.AddDimension(timed, 0, budget, True, "time")
    # leaving a stop out costs more than any tour can drive, scaled by its prize
    unit = (budget + 1) * 4
    for stop in range(1, n):
        penalty = int(max(1, round(prize[stop] * unit)))
        model.AddDisjunction([manager.NodeToIndex(stop)], penalty)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    meta = routing_enums_pb2.LocalSearchMetaheuristic
    params.local_search_metaheuristic = meta.GUIDED_LOCAL_SEARCH
    safety = safety_seconds(branches)
    params.time_limit.FromMilliseconds(round(safety * 1000))
    model.AddSearchMonitor(model.solver().BranchesLimit(branches))
    started = time.perf_counter()
    solution = model.SolveWithParameters(params)
    # the branch limit ends the search everywhere alike; the safety net only on a slow machine
    timed_out = bool(
        model.solver().Branches() < branches and time.perf_counter() - started >= 0.99 * safety
    )
    if solution is None:  # not even the base alone fits (its own dwell exceeds the budget)
        return Tour((0,), 0.0, float(dwell[0]), tuple(range(1, n)), timed_out)
    order = []
    index = model.Start(0)
    while not model.IsEnd(index):
        order.append(manager.IndexToNode(index))
        index = solution.Value(model.NextVar(index))
    visited = set(order)
    dropped = tuple(s for s in range(1, n) if s not in visited)
    drive = tour_minutes(np.where(finite, travel, np.inf), order)
    return Tour(tuple(order), drive, float(dwell[order].sum()), dropped, timed_out)
