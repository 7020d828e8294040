"""Hand choices on a plan (zones.plan.manual), rebalancing under the same locks
(zones.plan.rebalance) and updating the patrol lines of edited zones (zones.plan.patrol_refresh)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import zones
from zones import columns as C
from zones.errors import ZonePlannerError
from zones.patrol.lines import plan_patrols
from zones.patrol.roads import build_road_graph
from zones.plan.choices import hand_choices, stale_zones
from zones.plan.edits import EditError, current_labels, move_villages, village_graph, zone_ids
from zones.plan.files import read_plan, write_plan
from zones.plan.manual import (
    HEADS_CHANGED,
    assign_auxiliary,
    assign_head,
    lock_zone,
    name_zone,
)
from zones.plan.patrol_refresh import refresh_patrols
from zones.plan.pipeline import Plan, make_plan
from zones.plan.rebalance import FRESH, MINIMAL, Option, better, match_zone_ids, rebalance_options
from zones.staffing import StaffingError
from zones.synth import make_scenario_layers, write_scenario

TOLERANCE = 0.05


@pytest.fixture(scope="module")
def plan(sample: zones.Scenario) -> Plan:
    return make_plan(sample, n_zones=12, seed=0)


def heads(plan: Plan) -> dict[str, str]:
    return dict(zip(plan.zones["zone_id"].astype(str), plan.zones["head_officer_id"], strict=True))


def _the_testers_edit(sample: zones.Scenario, plan: Plan) -> tuple[Plan, str]:
    """The edit of the issue: 振兴社区 moved into zone 5 (from a zone it does not border much)."""
    village = str(sample.villages.index[sample.villages[C.NAME] == "振兴社区"][0])
    assert current_labels(plan)[village] != "5"
    return move_villages(plan, {village: "5"}), village


# --- zone heads and auxiliaries chosen by hand ----------------------------------------------


def test_a_chosen_zone_head_displaces_only_the_zone_it_leaves(plan: Plan) -> None:
    before = heads(plan)
    zone, other = "3", "8"
    officer = before[other]  # the head of zone 8 is chosen for zone 3
    edited = assign_head(plan, zone, officer)
    after = heads(edited)
    assert after[zone] == officer
    assert after[other] not in (officer, None)
    assert after[other] not in before.values() or after[other] == before[zone]
    assert {z: h for z, h in after.items() if z not in (zone, other)} == {
        z: h for z, h in before.items() if z not in (zone, other)
    }
    reasons = dict(zip(edited.zones["zone_id"], edited.zones["head_reason"], strict=True))
    assert reasons[zone] == "manual"
    assert reasons[other] == "matched"
    assert hand_choices(edited).heads == {zone: officer}
    (issue,) = [w for w in edited.warnings if w.code == HEADS_CHANGED]
    assert issue.params["n"] == 2
    assert f"{zone}: {before[zone]} → {officer}" in issue.params["changes"]
    assert issue.what("zh")
    assert issue.what("en")
    assert heads(plan) == before  # the input is untouched


def test_a_zone_head_must_be_an_available_sworn_officer(plan: Plan) -> None:
    auxiliary = str(plan.officers.index[plan.officers[C.ROLE] == C.AUXILIARY][0])
    with pytest.raises(StaffingError) as refused:
        assign_head(plan, "3", auxiliary)
    assert auxiliary in refused.value.message("zh")
    with pytest.raises(EditError):
        assign_head(plan, "99", str(plan.zones["head_officer_id"].iloc[0]))


def test_a_chosen_auxiliary_frees_the_village_it_left_which_is_matched_again(plan: Plan) -> None:
    villages = plan.villages
    staffed = villages[villages["aux_officer_id"].notna()]
    village, left = str(staffed.index[0]), str(staffed.index[1])
    officer = str(staffed.loc[left, "aux_officer_id"])  # taken from the second village
    edited = assign_auxiliary(plan, village, officer)
    out = edited.villages
    assert out.loc[village, "aux_officer_id"] == officer
    assert out.loc[village, "aux_reason"] == "manual"
    assert out.loc[left, "aux_officer_id"] not in (None, officer)
    others = villages.index.difference([village, left])
    pd.testing.assert_series_equal(
        out.loc[others, "aux_officer_id"], villages.loc[others, "aux_officer_id"]
    )
    assert out["aux_officer_id"].dropna().is_unique
    free = set(plan.pool) | {villages.loc[village, "aux_officer_id"]}
    assert out.loc[left, "aux_officer_id"] in free
    assert set(edited.pool) == free - {out.loc[left, "aux_officer_id"]}
    assert edited.metrics["villages_staffed"] == int(out["aux_officer_id"].notna().sum())
    assert hand_choices(edited).auxiliaries == {village: officer}


def test_hand_choices_survive_moves_rebalance_and_plan_files(
    sample: zones.Scenario, plan: Plan, tmp_path: Path
) -> None:
    village = str(plan.villages.index[0])
    auxiliary = (
        str(plan.pool[0]) if len(plan.pool) else str(plan.villages["aux_officer_id"].iloc[5])
    )
    head = heads(plan)["8"]
    chosen = name_zone(
        assign_auxiliary(assign_head(plan, "3", head), village, auxiliary), "5", "城关片"
    )
    edited, moved = _the_testers_edit(sample, chosen)
    assert heads(edited)["3"] == head  # a move keeps the heads

    options = rebalance_options(sample, edited, [moved])
    for option in options.options:
        rebalanced = option.plan
        assert heads(rebalanced)["3"] == head
        row = rebalanced.zones[rebalanced.zones["zone_id"] == "3"]
        assert row["head_reason"].tolist() == ["manual"]
        assert rebalanced.villages.loc[village, "aux_officer_id"] == auxiliary
        assert rebalanced.villages.loc[village, "aux_reason"] == "manual"
        assert hand_choices(rebalanced).names == {"5": "城关片"}
        assert current_labels(rebalanced)[moved] == "5"

    write_plan(options.plan, tmp_path / "plan", xlsx=False, gpkg=False)
    back = read_plan(tmp_path / "plan")
    assert heads(back)["3"] == head
    assert back.zones.set_index("zone_id").loc["3", "head_reason"] == "manual"
    assert back.zones.set_index("zone_id").loc["5", "zone_name"] == "城关片"
    assert back.villages.loc[village, ["aux_officer_id", "aux_reason"]].tolist() == [
        auxiliary,
        "manual",
    ]
    assert hand_choices(back) == hand_choices(options.plan)
    with open(tmp_path / "plan" / "zones.csv", encoding="utf-8-sig") as f:
        assert any("manual" in row for row in csv.reader(f))


def test_zone_names_are_cleaned_unique_and_removable(plan: Plan) -> None:
    named = name_zone(plan, "2", "  北\n片区  ")
    assert hand_choices(named).names == {"2": "北片区"}
    assert named.zones.set_index("zone_id").loc["2", "zone_name"] == "北片区"
    with pytest.raises(EditError) as taken:
        name_zone(named, "4", "北片区")
    assert "北片区" in taken.value.message("zh")
    cleared = name_zone(named, "2", "")
    assert hand_choices(cleared).names == {}
    assert "zone_name" not in cleared.zones


def test_a_locked_zone_takes_no_move_and_rebalance_keeps_it(
    sample: zones.Scenario, plan: Plan
) -> None:
    graph = village_graph(plan)
    labels = current_labels(plan)
    locked = lock_zone(plan, "7")
    inside = str(labels.index[labels == "7"][0])
    outside = str(labels.index[labels != "7"][0])
    for moves in ({inside: "1"}, {outside: "7"}):
        with pytest.raises(EditError) as refused:
            move_villages(locked, moves, graph=graph)
        assert refused.value.code == "edit.zone_locked"
        assert "7" in refused.value.message("zh")
    edited, village = _the_testers_edit(sample, locked)
    for option in rebalance_options(sample, edited, [village]).options:
        after = current_labels(option.plan)
        assert (after[labels == "7"] == "7").all()
        assert (after == "7").sum() == (labels == "7").sum()
    assert hand_choices(lock_zone(locked, "7", locked=False)).locked_zones == ()


def test_hand_choices_of_a_damaged_plan_file_are_ignored(plan: Plan) -> None:
    import dataclasses

    damaged = dataclasses.replace(
        plan,
        settings={
            **plan.settings,
            "zone_names": ["not", "a", "map"],
            "locked_zones": {"a": 1},
            "manual_heads": {"3": 5},
            "manual_auxiliaries": None,
        },
    )
    assert hand_choices(damaged) == hand_choices(plan)


# --- rebalance: never worse than a fresh plan under the same locks --------------------------


def _fresh_deviation(scenario: zones.Scenario, plan: Plan, locked: list[str]) -> float:
    """A plan made afresh with ``locked`` villages pinned to their zones, as a user would."""
    labels = current_labels(plan)
    fresh = make_plan(
        scenario,
        n_zones=len(plan.zones),
        seed=int(plan.settings.get("seed", 0)),
        locked=labels.loc[locked],
    )
    return float(fresh.metrics["max_abs_deviation"])


def test_rebalance_is_never_worse_than_a_fresh_plan_on_the_sample(
    sample: zones.Scenario, plan: Plan
) -> None:
    edited, village = _the_testers_edit(sample, plan)
    assert edited.metrics["max_abs_deviation"] > TOLERANCE
    options = rebalance_options(sample, edited, [village])
    assert [o.name for o in options.options] == [MINIMAL, FRESH]
    fresh = _fresh_deviation(sample, edited, [village])
    best = options.best
    assert best.max_abs_deviation <= max(fresh, TOLERANCE) + 1e-9
    assert best.plan.metrics["max_abs_deviation"] == pytest.approx(best.max_abs_deviation)
    assert current_labels(best.plan)[village] == "5"  # the lock held
    for option in options.options:  # the figures shown are the plans' own
        moved = (current_labels(option.plan) != current_labels(edited)).sum()
        assert option.moved == moved
        assert option.plan.settings["rebalance"] == option.name
    # the fresh plan's zones are numbered after the current ones: it moves far fewer villages
    # than its raw numbering would
    assert options.option(FRESH).moved < len(plan.villages) / 2
    # zone head changes are said, in the plan too
    changed = [w for w in best.plan.warnings if w.code == HEADS_CHANGED]
    assert bool(changed) == bool(best.head_changes)


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> zones.Scenario:
    folder = tmp_path_factory.mktemp("synth") / "station"
    write_scenario(make_scenario_layers(70, seed=5), folder)
    return zones.read_scenario(folder)


def test_rebalance_is_never_worse_than_a_fresh_plan_on_a_synthetic_station(
    synth: zones.Scenario,
) -> None:
    plan = make_plan(synth, n_zones=7, seed=1)
    labels = current_labels(plan)
    graph = village_graph(plan)
    # move the three villages farthest from zone 1's first village into zone 1: a big edit
    first = int(np.flatnonzero(labels.to_numpy() == "1")[0])
    reps = plan.villages.to_crs(synth.metric_crs).representative_point()
    far = reps.distance(reps.iloc[first]).sort_values(ascending=False).index[:3]
    moves = {str(v): "1" for v in far if labels[v] != "1"}
    edited = move_villages(plan, moves, graph=graph)
    locked = list(moves)
    options = rebalance_options(synth, edited, locked)
    fresh = _fresh_deviation(synth, edited, locked)
    assert options.best.max_abs_deviation <= max(fresh, TOLERANCE) + 1e-9
    for option in options.options:
        assert (current_labels(option.plan)[locked] == "1").all()


def _option(name: str, moved: int, dev: float) -> Option:
    return Option(name, None, moved, dev, dev <= TOLERANCE, ())


def test_the_better_option() -> None:
    few_off, many_on = _option(MINIMAL, 5, 0.20), _option(FRESH, 40, 0.04)
    assert better(few_off, many_on, TOLERANCE) is many_on  # within the tolerance wins
    few_on = _option(MINIMAL, 5, 0.049)
    assert better(few_on, many_on, TOLERANCE) is few_on  # both within: fewer moves
    worse_off = _option(FRESH, 30, 0.30)
    assert better(few_off, worse_off, TOLERANCE) is few_off  # neither: better balanced
    assert better(worse_off, few_off, TOLERANCE) is few_off


def test_fresh_zones_are_numbered_after_the_zones_they_overlap() -> None:
    index = [f"v{i}" for i in range(8)]
    current = pd.Series(["1", "1", "1", "2", "2", "3", "3", "3"], index=index)
    fresh = pd.Series(["c", "c", "a", "a", "a", "b", "b", "b"], index=index)
    renamed = match_zone_ids(fresh, current, pinned=())
    assert renamed.tolist() == ["1", "1", "2", "2", "2", "3", "3", "3"]
    # a pinned name (a locked village's zone) stays where the fresh plan put it
    fresh = pd.Series(["2", "2", "x", "x", "x", "y", "y", "y"], index=index)
    renamed = match_zone_ids(fresh, current, pinned={"2"})
    assert renamed.tolist()[:2] == ["2", "2"]
    assert set(renamed) == {"1", "2", "3"}


# --- updating the patrol lines of the edited zones ------------------------------------------


def test_patrol_update_replans_only_the_edited_zones(sample: zones.Scenario, plan: Plan) -> None:
    edited, village = _the_testers_edit(sample, plan)
    stale = stale_zones(edited)
    assert set(stale) == {current_labels(plan)[village], "5"}
    assert any(w.code == "edit_patrols_stale" for w in edited.warnings)

    updated = refresh_patrols(sample, edited)
    assert stale_zones(updated) == ()
    assert not any(w.code == "edit_patrols_stale" for w in updated.warnings)
    # the other zones' lines, posts and stops are exactly as they were
    for layer in ("patrols", "posts", "stops"):
        old, new = getattr(edited, layer), getattr(updated, layer)
        kept_old = old[~old["zone_id"].isin(stale)].reset_index(drop=True)
        kept_new = new[~new["zone_id"].isin(stale)].reset_index(drop=True)
        assert kept_new.geometry.geom_equals_exact(kept_old.geometry, 1e-9).all()
        pd.testing.assert_frame_equal(
            pd.DataFrame(kept_new.drop(columns="geometry")),
            pd.DataFrame(kept_old.drop(columns="geometry")),
        )
    # the edited zones' lines are the ones a full patrol planning draws for the edited plan
    road = build_road_graph(sample.roads, sample.metric_crs)
    full = plan_patrols(
        edited.zones, edited.villages, sample.incidents, edited.rooms, sample.station, road,
        crs=sample.metric_crs, roads=sample.roads,
    )  # fmt: skip
    for zone in stale:
        mine = updated.patrols[updated.patrols["zone_id"] == zone]
        theirs = full.patrols[full.patrols["zone_id"] == zone]
        assert mine["length_m"].tolist() == theirs["length_m"].tolist()
        row = updated.zones.set_index("zone_id").loc[zone]
        assert row["patrol_coverage"] == full.zones.loc[zone, "patrol_coverage"]
    # and the station's figures are those of the full planning
    for key in ("patrol_coverage_offpeak", "post_coverage_peak", "base_distance_m_median"):
        assert updated.metrics[key] == pytest.approx(full.metrics[key]), key
    # the road distances a hand edit left missing are measured again
    assert updated.zones["road_distance_km"].notna().all()
    assert "mean_road_distance_km" in updated.metrics
    # nothing to update: the same plan
    assert refresh_patrols(sample, updated) is updated


def test_moving_a_village_back_leaves_no_stale_lines(plan: Plan) -> None:
    graph = village_graph(plan)
    village = str(plan.villages.index[3])
    home = current_labels(plan)[village]
    other = next(z for z in zone_ids(plan) if z != home)
    there = move_villages(plan, {village: other}, graph=graph)
    assert set(stale_zones(there)) == {home, other}
    back = move_villages(there, {village: home}, graph=graph)
    assert stale_zones(back) == ()


def test_patrol_update_needs_patrol_planning(sample: zones.Scenario) -> None:
    plan = make_plan(sample, n_zones=12, seed=0, patrol=False)
    with pytest.raises(ZonePlannerError):
        refresh_patrols(sample, plan)
