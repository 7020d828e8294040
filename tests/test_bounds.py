"""Proven floors of the worst deviation (zones/zoning/bounds.py) and how a plan reports them."""

from __future__ import annotations

import numpy as np
import pytest

from zones.zoning.bounds import HEAVY, NEST, NONE, SPARSE, WHOLE, balance_floor
from zones.zoning.facade import plan_zones

from .conftest import grid_units


def test_a_heavy_village_sets_the_floor_and_is_named() -> None:
    weights = np.array([30.0, *[1.0] * 24])  # 54 in 5 zones: 10.8 each, the first is 30
    floor = balance_floor(weights, 5, 0.05)
    assert floor.reason == HEAVY
    assert floor.units == (0,)
    assert floor.deviation == pytest.approx(30 / 10.8 - 1)
    # the other 4 zones share 24: at best 6 each, 44.4% under the mean
    assert floor.others == pytest.approx(1 - 6 / 10.8)
    assert floor.proves_unreachable(0.05)


def test_whole_counts_too_coarse_for_the_mean() -> None:
    weights = np.ones(10)  # 10 incidents into 3 zones: 3.33 a zone, so 3, 3, 4 at best
    floor = balance_floor(weights, 3, 0.05)
    assert floor.reason == WHOLE
    assert floor.step == 1
    assert floor.deviation == pytest.approx((4 - 10 / 3) / (10 / 3))


def test_counts_in_steps_of_their_common_divisor() -> None:
    weights = np.array([4.0, 8.0, 4.0, 4.0, 4.0, 8.0])  # steps of 4: 32 into 3 zones
    floor = balance_floor(weights, 3, 0.05)
    assert floor.step == 4
    share = 32 / 3  # 10.67: zones of 8 or 12 at best
    assert floor.deviation == pytest.approx(max(share - 8, 12 - share) / share)


def test_fewer_villages_with_workload_than_zones() -> None:
    floor = balance_floor(np.array([0.0, 5.0, 0.0, 7.0, 0.0]), 3, 0.05)
    assert (floor.reason, floor.deviation) == (SPARSE, 1.0)


def test_smooth_workloads_prove_nothing() -> None:
    floor = balance_floor(np.random.default_rng(0).lognormal(0, 0.3, 200), 10, 0.05)
    assert (floor.reason, floor.deviation) == (NONE, 0.0)
    assert not floor.proves_unreachable(0.0)


@pytest.mark.parametrize("seed", [2, 11, 23])
def test_the_floor_is_never_above_a_plan(seed: int) -> None:
    rng = np.random.default_rng(seed)
    weights = rng.poisson(3, 49).astype(float)
    weights[rng.integers(49)] += 40  # a market village
    units = grid_units(7, 7, weights)
    result = plan_zones(units, 6, workload="w", tolerance=0.05, seed=seed)
    floor = balance_floor(weights, 6, 0.05)
    assert floor.deviation <= result.metrics["max_abs_deviation"] + 1e-9
    assert result.metrics["deviation_floor"] == pytest.approx(floor.deviation)


def test_an_impossible_tolerance_is_reported_with_its_proof() -> None:
    units = grid_units(2, 5, np.ones(10))  # 10 incidents into 3 zones
    result = plan_zones(units, 3, workload="w", tolerance=0.05)
    codes = {w.code for w in result.warnings}
    assert "tolerance_impossible_counts" in codes
    assert "tolerance_unmet" not in codes
    # the plan is at the floor: 20% is the best any plan can do
    assert result.metrics["max_abs_deviation"] == pytest.approx(0.2)
    assert result.metrics["deviation_floor"] == pytest.approx(0.2)
    warning = next(w for w in result.warnings if w.code == "tolerance_impossible_counts")
    assert "20.00%" in warning.to_text("en")
    assert "无法达到" in warning.to_text("zh")


def test_a_heavy_village_is_named_in_the_proof() -> None:
    weights = np.ones(25)
    weights[12] = 30.0
    units = grid_units(5, 5, weights)
    result = plan_zones(units, 5, workload="w", tolerance=0.05)
    warning = next(w for w in result.warnings if w.code == "tolerance_impossible_heavy")
    assert "r2c2" in warning.to_text("zh")
    assert "r2c2" in warning.to_text("en")
    assert result.metrics["max_abs_deviation"] == pytest.approx(30 / 10.8 - 1)
    assert result.metrics["deviation_floor_reason"] == HEAVY


def test_two_heavy_villages_leave_the_rest_too_little() -> None:
    # 28 into 3 zones (9.33 each): the two 13s are zones of their own, the third zone gets 2
    weights = np.array([13, 0, 13, 0, 1, 0, 1, 0, 0], dtype=float)
    floor = balance_floor(weights, 3, 0.05)
    assert floor.reason == HEAVY
    assert floor.deviation == pytest.approx(1 - 2 / (28 / 3))  # 78.6%, the optimum
    result = plan_zones(grid_units(3, 3, weights), 3, workload="w", tolerance=0.05)
    assert result.metrics["max_abs_deviation"] == pytest.approx(floor.deviation)
    warning = next(w for w in result.warnings if w.code == "tolerance_impossible_heavy")
    assert "1.39" in warning.to_text("en")  # the heaviest village's multiple, not the floor


def test_nesting_areas_whose_mean_zone_is_off_the_station_mean() -> None:
    weights = np.ones(12)
    units = grid_units(2, 6, weights)
    units["township"] = ["a"] * 6 + ["b"] * 6  # 6 each; 3 zones: one area gets 1, the other 2
    result = plan_zones(units, 3, workload="w", tolerance=0.05, nest_within="township")
    assert result.metrics["deviation_floor_reason"] == NEST
    assert result.metrics["deviation_floor"] == pytest.approx(0.5)
    codes = {w.code for w in result.warnings}
    assert "tolerance_impossible_nesting" in codes
    assert "tolerance_unmet" not in codes
