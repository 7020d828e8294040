"""Exact pair recombination and chains (zones/zoning/recombine.py), checked against brute force
on hand-made coarse stations where every contiguous plan can be listed."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from zones.zoning.chains import rebalance_by_chains
from zones.zoning.facade import plan_zones
from zones.zoning.graph import build_adjacency
from zones.zoning.measures import is_contiguous
from zones.zoning.recombine import improve_pair, recombine
from zones.zoning.state import ZoneState

from .conftest import grid_units

# a coarse station: 3×4 villages of lumpy whole counts (a market village of 17, one of 0)
LUMPY_3X4 = np.array([9, 1, 4, 7, 2, 17, 3, 6, 5, 0, 8, 4], dtype=float)


def _contiguous_plans(graph, n: int, k: int):
    """Every split of ``n`` units into ``k`` non-empty connected zones (labels in canonical
    order: zone numbers appear in first-use order, so each plan is listed once)."""
    nbrs = [graph.indices[graph.indptr[i] : graph.indptr[i + 1]].tolist() for i in range(n)]

    def whole(labels: tuple[int, ...]) -> bool:
        for z in range(k):
            members = [u for u in range(n) if labels[u] == z]
            seen, stack = {members[0]}, [members[0]]
            while stack:
                for v in nbrs[stack.pop()]:
                    if labels[v] == z and v not in seen:
                        seen.add(v)
                        stack.append(v)
            if len(seen) != len(members):
                return False
        return True

    for labels in itertools.product(range(k), repeat=n):
        if labels[0] != 0 or sorted(set(labels)) != list(range(k)):
            continue
        if [z for i, z in enumerate(labels) if z not in labels[:i]] != list(range(k)):
            continue
        if whole(labels):
            yield np.asarray(labels)


def _worst(weights: np.ndarray, labels: np.ndarray, k: int) -> float:
    loads = np.bincount(labels, weights=weights, minlength=k)
    return float(np.max(np.abs(loads / (weights.sum() / k) - 1)))


@pytest.fixture(scope="module")
def optimum_3x4() -> float:
    units = grid_units(3, 4, LUMPY_3X4)
    graph = build_adjacency(units)
    return min(_worst(LUMPY_3X4, p, 3) for p in _contiguous_plans(graph, 12, 3))


def test_the_engine_reaches_the_optimum_found_by_enumeration(optimum_3x4: float) -> None:
    units = grid_units(3, 4, LUMPY_3X4)
    # 66 incidents into 3 zones: 22 each is possible only if some contiguous plan hits it
    result = plan_zones(units, 3, workload="w", tolerance=0.0, seed=0)
    codes = result.labels.map({z: i for i, z in enumerate(result.zones.index)}).to_numpy()
    assert _worst(LUMPY_3X4, codes, 3) == pytest.approx(optimum_3x4, abs=1e-9)
    assert result.metrics["max_abs_deviation"] == pytest.approx(optimum_3x4, abs=1e-9)
    # and the tolerance is met as soon as it allows the optimum
    met = plan_zones(units, 3, workload="w", tolerance=optimum_3x4 + 1e-6, seed=1)
    assert met.metrics["tolerance_met"]


def _state(units, labels: np.ndarray, weights: np.ndarray, k: int) -> ZoneState:
    graph = build_adjacency(units)
    return ZoneState(
        graph,
        weights,
        labels,
        np.full(k, weights.sum() / k),
        fixed=np.zeros(len(weights), dtype=bool),
        unit_group=np.zeros(len(weights), dtype=int),
        zone_group=np.zeros(k, dtype=int),
    )


def test_a_pair_is_re_split_at_its_exact_best_balance() -> None:
    weights = np.array([5, 1, 1, 9, 2, 8, 3, 1, 6, 4], dtype=float)  # 2×5, 40 in all
    units = grid_units(2, 5, weights)
    start = np.array([0, 0, 0, 0, 1, 0, 1, 1, 1, 1])  # 32 against 8
    state = _state(units, start, weights, 2)
    assert improve_pair(state, 0, 1, 0.0, "balance")
    graph = build_adjacency(units)
    best = min(_worst(weights, p, 2) for p in _contiguous_plans(graph, 10, 2))
    assert _worst(weights, state.labels(), 2) == pytest.approx(best)
    assert is_contiguous(graph, state.labels()).all()
    # the loads the state keeps track of are the loads of its labels
    assert state.load == pytest.approx(np.bincount(state.labels(), weights=weights).tolist())
    assert not improve_pair(state, 0, 1, 0.0, "balance")  # nothing better is left


def test_compact_recombination_never_leaves_the_band_and_raises_compactness() -> None:
    rng = np.random.default_rng(5)
    weights = rng.integers(1, 10, 36).astype(float)
    units = grid_units(6, 6, weights)
    # stripes: balanced-ish but long and thin
    labels = np.repeat(np.arange(3), 12)
    state = _state(units, labels, weights, 3)
    tol = max(abs(state.rel_dev(z)) for z in range(3)) + 0.02
    before = sum(state.pp(z) for z in range(3))
    recombine(state, tol, np.random.default_rng(0), mode="compact")
    assert state.within(tol)
    assert sum(state.pp(z) for z in range(3)) >= before
    assert is_contiguous(build_adjacency(units), state.labels()).all()


def test_chains_pass_workload_through_zones_that_cannot_give() -> None:
    # a row of five zones: the light one at the west end, the spare workload at the east end;
    # the zones between are full, so no pair next to the light zone can help
    weights = np.array([1, 1, 1, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10], dtype=float)
    units = grid_units(1, 15, weights)
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    state = _state(units, labels, weights, 5)
    worst = max(abs(state.rel_dev(z)) for z in range(5))
    rebalance_by_chains(state, 0.3)
    assert max(abs(state.rel_dev(z)) for z in range(5)) < worst
    assert is_contiguous(build_adjacency(units), state.labels()).all()
    assert all(state.members[z] for z in range(5))
