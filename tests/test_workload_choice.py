"""The workload a plan balances when none is chosen: the share of incidents walks down until no
village outweighs a zone, and the plan says which workload it used and why."""

from __future__ import annotations

import json

import numpy as np
import pytest

import zones
from zones import columns as C
from zones.plan.files import read_plan, write_plan
from zones.zoning.workload import BLEND, default_workload, resolve_workload
from zones.zoning.workload_choice import (
    ISSUE_CODE,
    SHARE_LADDER,
    WorkloadChoice,
    choose_workload,
)

from .conftest import grid_units

TOL = 0.05


def _units(incidents=None, population=None, names=None):
    units = grid_units(10, 10)
    if incidents is not None:
        units[C.INCIDENT_COUNT] = np.asarray(incidents)
    if population is not None:
        units[C.POPULATION] = np.asarray(population)
    if names is not None:
        units[C.NAME] = names
    return units


def _worst(units, workload, k: int) -> float:
    weights, _ = resolve_workload(units, workload)
    return float(weights.max() / (weights.sum() / k))


def test_sparse_counts_choose_the_blend_and_say_so() -> None:
    rng = np.random.default_rng(0)
    units = _units(rng.poisson(2.0, 100), rng.integers(200, 2000, 100))  # ~40 incidents a zone
    choice = choose_workload(units, 5)
    assert choice.workload == BLEND
    assert (choice.reason, choice.incident_share, choice.heavy_ids) == ("sparse", 0.6, ())
    assert choice.incidents_per_zone == pytest.approx(units[C.INCIDENT_COUNT].sum() / 5)
    zh, en = choice.text("zh"), choice.text("en")
    per_zone = f"{choice.incidents_per_zone:.0f}"
    assert zh.startswith("工作量按 警情数 60% + 人口 40% 均衡：警情偏少")
    assert f"约 {per_zone} 起（少于 400 起）" in zh
    assert en.startswith("workload balanced on incidents 60% + population 40%: incidents are")
    assert f"only about {per_zone} a zone (fewer than 400)" in en
    issue = choice.issue()
    assert (issue.severity, issue.layer, issue.code) == ("info", "zones", ISSUE_CODE)
    assert issue.what("en") == en
    assert issue.to_text("zh").startswith("[说明] 责任区: 工作量按")


def test_steady_counts_are_balanced_as_they_are() -> None:
    choice = choose_workload(_units(np.full(100, 40), np.full(100, 1000)), 10)  # 400 a zone
    assert (choice.workload, choice.reason, choice.worst_ratio) == ("incidents", "steady", 0.1)
    assert "足够稳定" in choice.text("zh")


def test_a_village_heavier_than_a_zone_walks_the_share_down() -> None:
    counts = np.full(100, 40)
    counts[44] = 1000  # 4,960 incidents into 10 zones: the village alone is 2× a zone
    names = [f"村{i}" for i in range(100)]
    names[44] = "白海子镇政府驻地"
    units = _units(counts, np.full(100, 1000), names)
    choice = choose_workload(units, 10)
    assert choice.reason == "heavy_village"
    assert choice.heavy_ids == ("r4c4",)
    assert choice.incident_share == 0.4
    assert choice.workload == {C.INCIDENT_COUNT: 0.4, C.POPULATION: 0.6}
    # every share tried above the one taken has the village too heavy; the one taken has none
    assert [s for s, _ in choice.ratios] == [1.0, 0.6, 0.5, 0.4]
    assert all(r > 1 + TOL for _, r in choice.ratios[:-1])
    assert _worst(units, choice.workload, 10) == pytest.approx(choice.worst_ratio, abs=1e-4)
    assert choice.worst_ratio <= 1 + TOL
    assert _worst(units, {C.INCIDENT_COUNT: 0.5, C.POPULATION: 0.5}, 10) > 1 + TOL
    assert choice.start_ratio == pytest.approx(1000 / 496, abs=1e-3)
    assert choice.incident_ratio == choice.start_ratio  # steady counts: the walk starts there
    zh, en = choice.text("zh"), choice.text("en")
    assert "警情数 40% + 人口 60%" in zh
    assert (
        "超过一个责任区的平均量：白海子镇政府驻地 (r4c4)（只按警情最重 2.02 倍，上限 1.05 倍）"
        in zh
    )
    assert "白海子镇政府驻地 (r4c4)" in zh
    assert "白海子镇政府驻地 (r4c4)" in en
    assert "heaviest now 0.87×" in en


def test_heavy_even_by_population_takes_the_lightest_mix_and_names_the_village() -> None:
    counts, population = np.full(100, 40), np.full(100, 100)
    counts[7], population[7] = 1000, 20_000  # heavier than a zone by incidents and by residents
    units = _units(counts, population)
    choice = choose_workload(units, 10)
    assert choice.reason == "heavy_everywhere"
    assert [s for s, _ in choice.ratios] == list(SHARE_LADDER)  # the whole ladder was tried
    lightest = min(choice.ratios, key=lambda sr: sr[1])
    assert choice.incident_share == lightest[0] == 1.0
    assert choice.heavy_ids == ("r0c7",)
    assert choice.ratio_at(0.0) > 1 + TOL
    zh, en = choice.text("zh"), choice.text("en")
    assert "任何警情与人口的配比都有村单村超过" in zh
    assert "其下 1 个村各自单独成区：r0c7" in zh  # named where it is heavy: the mix taken
    assert "where 1 village(s) are each a zone of their own: r0c7" in en
    assert "±5% cannot be met" in en


def test_whole_counts_too_coarse_are_blended() -> None:
    # 5,000 incidents in steps of 100 into 11 zones: a zone's share, 454.5, lies 54.5 above 400
    # and 45.5 below 500, so some zone is at least 12% off whatever the plan
    units = _units(np.where(np.arange(100) % 2 == 0, 100, 0), np.full(100, 500))
    choice = choose_workload(units, 11)
    assert choice.reason == "coarse"
    assert choice.incident_share == 0.6
    assert choice.floor == pytest.approx((5000 / 11 - 400) / (5000 / 11), abs=1e-4)
    assert "最小可达偏差 12.0%" in choice.text("zh")


def test_missing_layers_are_said() -> None:
    no_incidents = choose_workload(_units(np.zeros(100), np.full(100, 10)), 5)
    assert (no_incidents.workload, no_incidents.reason) == (C.POPULATION, "no_incidents")
    no_population = choose_workload(_units(np.full(100, 3), None), 5)
    assert (no_population.workload, no_population.reason) == (C.INCIDENT_COUNT, "no_population")
    nothing = choose_workload(_units(None, None), 5)
    assert (nothing.workload, nothing.reason) == ("units", "no_data")
    assert nothing.text("en").startswith("workload balanced on villages (each the same)")


def test_default_workload_is_the_choice() -> None:
    counts = np.full(100, 40)
    counts[44] = 1000
    units = _units(counts, np.full(100, 1000))
    assert default_workload(units, 10) == choose_workload(units, 10).workload
    # a wider tolerance lets a larger share of incidents through
    assert default_workload(units, 10, 0.3) == {C.INCIDENT_COUNT: 0.6, C.POPULATION: 0.4}


def test_the_record_comes_back_as_the_same_choice() -> None:
    counts = np.full(100, 40)
    counts[44] = 1000
    choice = choose_workload(_units(counts, np.full(100, 1000)), 10)
    record = json.loads(json.dumps(choice.record()))
    again = WorkloadChoice.from_record(record, json.loads(json.dumps(choice.workload)))
    assert again == choice
    assert again.text("en") == choice.text("en")


@pytest.fixture(scope="module")
def sample_plan(sample: zones.Scenario) -> zones.Plan:
    return zones.make_plan(sample, patrol=False)


def test_make_plan_records_the_choice_and_the_files_keep_it(
    sample_plan: zones.Plan, tmp_path
) -> None:
    plan = sample_plan
    # the sample: 2,250 incidents with categories into 12 zones, 188 a zone: blended
    assert plan.settings["workload"] == {"incident_minutes": 0.6, C.POPULATION: 0.4}
    record = plan.settings["workload_choice"]
    assert (record["reason"], record["incident_share"], record["n_zones"]) == ("sparse", 0.6, 12)
    note = plan.warnings[0]
    assert (note.severity, note.code) == ("info", ISSUE_CODE)
    assert note.what("zh").startswith("工作量按 警情工时（按类别折算）60% + 人口 40% 均衡")
    assert plan.metrics["tolerance_met"]
    write_plan(plan, tmp_path / "plan", xlsx=False, gpkg=False)
    back = read_plan(tmp_path / "plan")
    assert back.settings["workload"] == plan.settings["workload"]
    assert back.settings["workload_choice"] == json.loads(json.dumps(record))
    assert back.warnings[0] == note
    shown = WorkloadChoice.from_record(back.settings["workload_choice"], back.settings["workload"])
    assert shown.text("en") == note.what("en")


def test_an_explicit_workload_is_used_as_given(sample: zones.Scenario) -> None:
    plan = zones.make_plan(sample, n_zones=6, workload="incidents", patrol=False)
    assert plan.settings["workload"] == "incidents"
    assert "workload_choice" not in plan.settings
    assert ISSUE_CODE not in [w.code for w in plan.warnings]
    assert plan.villages["workload"].sum() == plan.villages[C.INCIDENT_COUNT].sum()
