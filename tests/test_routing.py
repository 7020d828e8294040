"""Patrol tours: exact on small cases, budgets honoured, unreachable stops left out."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse.csgraph import dijkstra

from tests.oracles import held_karp
from zones.patrol.routing import solve_tour, tour_minutes


def road_instances(n_stops: int, count: int, seed: int = 0):
    """Travel times between random stops on a 40 × 40 grid road network with random speeds
    and some roads missing (as real networks are)."""
    rng = np.random.default_rng(seed)
    side = 40
    idx = np.arange(side * side).reshape(side, side)
    a = np.r_[idx[:, :-1].ravel(), idx[:-1, :].ravel()]
    b = np.r_[idx[:, 1:].ravel(), idx[1:, :].ravel()]
    keep = rng.random(len(a)) > 0.2
    minutes = rng.uniform(0.5, 2.0, len(a))
    graph = sparse.coo_matrix((minutes[keep], (a[keep], b[keep])), shape=(side**2,) * 2).tocsr()
    made = 0
    while made < count:
        stops = rng.choice(side * side, n_stops, replace=False)
        travel = dijkstra(graph, directed=False, indices=stops)[:, stops]
        if np.isfinite(travel).all():
            made += 1
            yield travel


@pytest.mark.parametrize("n_stops", [6, 9, 11])
def test_tours_match_the_exact_optimum_on_small_cases(n_stops):
    worst = 0.0
    for travel in road_instances(n_stops, 8, seed=n_stops):
        exact, order = held_karp(travel)
        assert tour_minutes(travel, order) == pytest.approx(exact)
        tour = solve_tour(
            travel,
            prize=np.ones(n_stops),
            dwell_minutes=np.zeros(n_stops),
            budget_minutes=10_000,
        )
        assert sorted(tour.order) == list(range(n_stops))
        assert tour.order[0] == 0
        assert tour.dropped == ()
        worst = max(worst, tour.drive_minutes / exact - 1)
    assert worst <= 0.02


def test_asymmetric_travel_is_respected():
    # going round 0 → 1 → 2 → 0 is cheap, the other way round is dear (one-way streets)
    travel = np.array([[0, 1, 9], [9, 0, 1], [1, 9, 0]], dtype=float)
    tour = solve_tour(travel, prize=np.ones(3), dwell_minutes=np.zeros(3), budget_minutes=100)
    assert tour.order == (0, 1, 2)
    assert tour.drive_minutes == pytest.approx(3)
    assert held_karp(travel) == (pytest.approx(3), (0, 1, 2))


def test_budget_keeps_the_most_valuable_stops_and_lists_the_rest():
    # stops on a line: 1 and 2 near, 3 far; 12 minutes at each stop
    xy = np.array([0.0, 2.0, 4.0, 40.0])
    travel = np.abs(xy[:, None] - xy[None, :])
    dwell = np.array([0.0, 12.0, 12.0, 12.0])
    tour = solve_tour(travel, prize=np.array([0, 5, 1, 3]), dwell_minutes=dwell, budget_minutes=40)
    assert tour.minutes <= 40
    assert set(tour.order) == {0, 1, 2}
    assert tour.dropped == (3,)
    # a bigger prize far away wins over two small near ones when only one stop fits
    tour = solve_tour(travel, prize=np.array([0, 1, 1, 10]), dwell_minutes=dwell, budget_minutes=95)
    assert 3 in tour.order
    assert tour.minutes <= 95


def test_unreachable_stops_are_left_out():
    travel = np.array([[0, 2, np.inf], [2, 0, np.inf], [np.inf, np.inf, 0]])
    tour = solve_tour(travel, prize=np.ones(3), dwell_minutes=np.zeros(3), budget_minutes=60)
    assert tour.order == (0, 1)
    assert tour.dropped == (2,)
    assert np.isfinite(tour.drive_minutes)


def test_same_inputs_give_the_same_tour():
    travel = next(road_instances(15, 1, seed=3))
    runs = {
        solve_tour(
            travel, prize=np.arange(15.0), dwell_minutes=np.full(15, 3.0), budget_minutes=60
        ).order
        for _ in range(3)
    }
    assert len(runs) == 1
