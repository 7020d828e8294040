"""Workload: the default a plan balances when the user has not chosen one."""

from __future__ import annotations

import numpy as np

from zones import columns as C
from zones.zoning.workload import BLEND, default_workload, resolve_workload

from .conftest import grid_units


def _units(incidents: np.ndarray | None, population: np.ndarray | None):
    units = grid_units(10, 10)
    if incidents is not None:
        units[C.INCIDENT_COUNT] = incidents
    if population is not None:
        units[C.POPULATION] = population
    return units


def test_plenty_of_incidents_are_balanced_as_they_are() -> None:
    units = _units(np.full(100, 40), np.full(100, 1000))  # 4,000 incidents, 400 a zone
    assert default_workload(units, 10) == C.INCIDENT_COUNT
    assert default_workload(units, 11) == BLEND  # 364 a zone: fewer than STEADY_PER_ZONE


def test_sparse_counts_are_blended_with_population() -> None:
    rng = np.random.default_rng(0)
    counts = rng.poisson(2.0, 100)  # about 2 a village, many zeros: the lumpy stations
    units = _units(counts, rng.integers(200, 2000, 100))
    workload = default_workload(units, 5)
    assert workload == BLEND
    weights, _ = resolve_workload(units, workload)
    assert weights.sum() == np.float64(100.0)
    assert (weights > 0).all()  # no village without workload: every one counts for something
    # the share of the busiest village falls towards its share of residents
    share = weights / weights.sum()
    raw = counts / counts.sum()
    assert share[np.argmax(raw)] < raw.max()


def test_missing_layers_fall_back() -> None:
    assert default_workload(_units(np.zeros(100), np.full(100, 10)), 5) == C.POPULATION
    assert default_workload(_units(None, None), 5) == "units"
    assert default_workload(_units(np.ones(100), None), 5) == C.INCIDENT_COUNT
