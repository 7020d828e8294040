"""Hand edits of a plan (zones.plan.edits): moves, warnings, rebalance, comparison, zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

import zones
from zones.plan.edits import (
    EditError,
    compare_plans,
    current_labels,
    move_villages,
    read_plan_bytes,
    rebalance,
    village_graph,
    zone_ids,
)
from zones.plan.files import PlanFileError, write_plan
from zones.plan.pipeline import Plan, make_plan
from zones.zoning.graph import UnitGraph

FIGURES = (
    "n_units",
    "workload",
    "deviation",
    "population",
    "area_km2",
    "perimeter_km",
    "polsby_popper",
    "mean_distance_m",
    "contiguous",
    "head_known_villages",
)


@pytest.fixture(scope="module")
def plan(sample: zones.Scenario) -> Plan:
    return make_plan(sample, n_zones=12, seed=0)


@pytest.fixture(scope="module")
def graph(plan: Plan) -> UnitGraph:
    return village_graph(plan)


def _border_move(plan: Plan, graph: UnitGraph) -> tuple[str, str, str]:
    """A village on a zone border whose zone stays in one piece without it: (village, from, to)."""
    labels = current_labels(plan)
    ids = plan.villages.index
    for i in range(graph.n):
        own = labels.iloc[i]
        others = [labels.iloc[j] for j in graph.neighbours(i) if labels.iloc[j] != own]
        if not others:
            continue
        trial = move_villages(plan, {ids[i]: others[0]}, graph=graph)
        if trial.metrics["all_contiguous"]:
            return ids[i], own, others[0]
    raise AssertionError("no border village found")


def _far_move(plan: Plan, graph: UnitGraph) -> tuple[str, str]:
    """A village and a zone that does not touch it (moving it there splits that zone)."""
    labels = current_labels(plan)
    v = plan.villages.index[0]
    near = {labels.iloc[j] for j in graph.neighbours(0)} | {labels.iloc[0]}
    far = next(z for z in zone_ids(plan) if z not in near)
    return v, far


def test_no_moves_reproduce_the_plans_figures(plan: Plan, graph: UnitGraph) -> None:
    same = move_villages(plan, {}, graph=graph)
    for column in FIGURES:
        np.testing.assert_allclose(
            same.zones[column].to_numpy(dtype=float), plan.zones[column].to_numpy(dtype=float)
        )
    for key in ("max_abs_deviation", "mean_polsby_popper", "min_polsby_popper", "cut_km"):
        assert same.metrics[key] == pytest.approx(plan.metrics[key])
    assert same.metrics["tolerance_met"] == plan.metrics["tolerance_met"]
    assert same.moves.empty


def test_a_move_recomputes_every_figure(plan: Plan, graph: UnitGraph) -> None:
    villages_before = plan.villages.copy()
    zones_before = plan.zones.copy()
    village, source, target = _border_move(plan, graph)
    edited = move_villages(plan, {village: target}, graph=graph)

    # the input plan is untouched
    pd.testing.assert_frame_equal(plan.villages, villages_before)
    pd.testing.assert_frame_equal(plan.zones, zones_before)

    assert edited.villages.loc[village, "zone_id"] == target
    assert (current_labels(edited).drop(village) == current_labels(plan).drop(village)).all()
    old = plan.zones.set_index("zone_id")
    new = edited.zones.set_index("zone_id")
    row = plan.villages.loc[village]
    assert new.loc[source, "n_units"] == old.loc[source, "n_units"] - 1
    assert new.loc[target, "n_units"] == old.loc[target, "n_units"] + 1
    assert new.loc[target, "workload"] == pytest.approx(
        old.loc[target, "workload"] + row["workload"]
    )
    assert new.loc[source, "population"] == old.loc[source, "population"] - row["population"]
    mean = plan.villages["workload"].sum() / len(plan.zones)
    assert new.loc[target, "deviation"] == pytest.approx(new.loc[target, "workload"] / mean - 1)
    assert new["area_km2"].sum() == pytest.approx(old["area_km2"].sum())
    assert new.loc[source, "area_km2"] < old.loc[source, "area_km2"]
    assert new["head_officer_id"].tolist() == old["head_officer_id"].tolist()
    # the zone polygons follow the village
    point = plan.villages.geometry.loc[village].representative_point()
    assert shapely.contains(edited.zones.set_index("zone_id").geometry.loc[target], point)
    assert not shapely.contains(edited.zones.set_index("zone_id").geometry.loc[source], point)
    # the move is recorded, so the plan can be reproduced
    assert edited.moves.to_dict("records") == [
        {"unit": village, "from_zone": source, "to_zone": target, "reason": "hand"}
    ]
    assert edited.settings["hand_moves"] == {village: target}
    assert edited.metrics["hand_moves"] == 1
    assert edited.metrics["all_contiguous"]


def test_breaking_contiguity_and_tolerance_warns(plan: Plan, graph: UnitGraph) -> None:
    village, far = _far_move(plan, graph)
    edited = move_villages(plan, {village: far}, graph=graph)
    split = [w for w in edited.warnings if w.code == "edit_split"]
    assert [w.params["zone"] for w in split] == [far]
    assert village in split[0].params["villages"]
    assert not edited.zones.set_index("zone_id").loc[far, "contiguous"]
    assert not edited.metrics["all_contiguous"]
    assert not edited.metrics["tolerance_met"]
    (over,) = [w for w in edited.warnings if w.code == "edit_tolerance"]
    assert far in over.params["zones"]
    assert "tolerance_unmet" not in {w.code for w in edited.warnings}
    # every warning has texts in both languages
    for warning in edited.warnings:
        assert warning.to_text("zh")
        assert warning.to_text("en")

    # moving it back restores the plan and forgets the hand move
    back = move_villages(edited, {village: current_labels(plan)[village]}, graph=graph)
    assert back.moves.empty
    assert back.settings["hand_moves"] == {}
    assert back.metrics["all_contiguous"]
    assert not [w for w in back.warnings if w.code.startswith("edit_")]
    np.testing.assert_allclose(back.zones["workload"], plan.zones["workload"])


def test_bad_moves_are_refused(plan: Plan, graph: UnitGraph) -> None:
    with pytest.raises(EditError, match="no village nowhere"):
        move_villages(plan, {"nowhere": "1"}, graph=graph)
    with pytest.raises(EditError, match="no zone 99"):
        move_villages(plan, {plan.villages.index[0]: "99"}, graph=graph)
    labels = current_labels(plan)
    smallest = plan.zones.sort_values("n_units")["zone_id"].iloc[0]
    other = next(z for z in zone_ids(plan) if z != smallest)
    emptying = dict.fromkeys(labels.index[labels == smallest], other)
    with pytest.raises(EditError, match=f"leave zone {smallest} without any village"):
        move_villages(plan, emptying, graph=graph)


def test_rebalance_keeps_locks_and_changes_little(
    sample: zones.Scenario, plan: Plan, graph: UnitGraph
) -> None:
    village, source, target = _border_move(plan, graph)
    edited = move_villages(plan, {village: target}, graph=graph)
    proposed = rebalance(sample, edited, locked=[village])
    labels = current_labels(proposed)
    assert labels[village] == target  # the locked village stays where the user put it
    assert set(zone_ids(proposed)) == set(zone_ids(plan))  # zone ids are kept
    assert proposed.metrics["all_contiguous"]
    moved = compare_plans(edited, proposed).moved
    assert set(moved["village_id"]) == set(proposed.moves["unit"])
    assert village not in set(moved["village_id"])
    assert len(moved) < len(plan.villages) / 3
    if edited.metrics["tolerance_met"] is False and proposed.metrics["tolerance_met"]:
        assert proposed.metrics["max_abs_deviation"] <= plan.settings["tolerance"] + 1e-9
    with pytest.raises(EditError, match="to lock"):
        rebalance(sample, edited, locked=["nowhere"])


def test_rebalance_keeps_the_plans_patrol_and_distance_settings(sample: zones.Scenario) -> None:
    made = make_plan(
        sample,
        n_zones=6,
        seed=0,
        peak_hours="07:00-08:00",
        patrol_budget_minutes=90,
        patrol_radius_m=500,
        detour_factor=1.6,
    )
    again = rebalance(sample, made, locked=[])
    for key in ("peak_hours", "patrol_budget_minutes", "patrol_radius_m", "detour_factor"):
        assert again.settings[key] == made.settings[key], key
    assert again.metrics["peak_windows"] == "07:00-08:00"
    quiet = rebalance(sample, make_plan(sample, n_zones=6, seed=0, patrol=False), locked=[])
    assert len(quiet.patrols) == 0
    assert quiet.settings["patrol"] is False


def test_compare_plans(plan: Plan, graph: UnitGraph) -> None:
    village, far = _far_move(plan, graph)
    edited = move_villages(plan, {village: far}, graph=graph)
    comparison = compare_plans(plan, edited)
    assert comparison.moved.to_dict("records") == [
        {
            "village_id": village,
            "name": plan.villages.loc[village, "name"],
            "from_zone": current_labels(plan)[village],
            "to_zone": far,
        }
    ]
    table = comparison.zones
    assert table["workload_change"].sum() == pytest.approx(0)
    assert table["n_units_change"].sum() == 0
    gained = table.loc[far, "workload_change"]
    assert gained == pytest.approx(plan.villages.loc[village, "workload"])
    assert not table.loc[far, "contiguous_after"]
    overall = comparison.overall
    assert overall.loc["moved", "after"] == 1
    assert overall.loc["all_contiguous", "before"] is True
    assert overall.loc["all_contiguous", "after"] is False
    assert comparison.unmatched.empty


def _zip_folder(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, f"plan/{path.name}")
    return buf.getvalue()


def test_a_zipped_plan_folder_reads_back(plan: Plan, graph: UnitGraph, tmp_path: Path) -> None:
    write_plan(plan, tmp_path / "saved", xlsx=False, gpkg=False)
    back = read_plan_bytes(_zip_folder(tmp_path / "saved"))
    pd.testing.assert_series_equal(current_labels(back), current_labels(plan), check_dtype=False)
    assert zone_ids(back) == zone_ids(plan)
    # a read plan can be edited and compared like a fresh one
    village, source, target = _border_move(plan, graph)
    edited = move_villages(back, {village: target}, graph=graph)
    assert compare_plans(back, edited).moved["village_id"].tolist() == [village]


def test_bad_plan_zips_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError):
        read_plan_bytes(b"not a zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../plan.json", "{}")
    with pytest.raises(PlanFileError):
        read_plan_bytes(buf.getvalue())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("villages.geojson", '{"type": "FeatureCollection", "features": []}')
    with pytest.raises(PlanFileError, match="plan.json") as caught:
        read_plan_bytes(buf.getvalue(), name="old.zip")
    assert "zoneplanner-plan-" not in str(caught.value)  # no server path in the message
