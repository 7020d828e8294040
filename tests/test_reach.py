"""Compactness in travel terms: zones.zoning.reach (centre villages, straight-line means) and
zones.plan.reach (the same by road), as plan_zones, make_plan, hand edits and plan files show
them."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import zones
from tests.conftest import grid_units
from zones.patrol.roads import build_road_graph
from zones.plan.edits import move_villages, village_graph
from zones.plan.files import read_plan, write_plan
from zones.plan.pipeline import METRICS_ORDER
from zones.plan.reach import ROAD_COLUMNS, ROAD_METRICS, road_distances
from zones.zoning import reach
from zones.zoning.reach import weighted_medoid, zone_centres, zone_means

# a 3 × 3 grid of 1 km squares: cell centres at x, y = 0, 1, 2 km
GRID_XY = np.array([(x, y) for y in range(3) for x in range(3)], dtype=float) * 1000.0
CORNER = 0  # (0, 0)
MIDDLE = 4  # (1, 1)


def test_equal_weights_put_the_centre_in_the_middle() -> None:
    found = zone_centres(GRID_XY, np.zeros(9, dtype=int), np.ones(9), 1)
    assert found.centre.tolist() == [MIDDLE]
    # four neighbours 1 km away, four corners √2 km away, the middle itself 0
    assert found.mean_m[0] == pytest.approx((4 + 4 * math.sqrt(2)) / 9 * 1000)
    assert found.station_mean_m == pytest.approx(found.mean_m[0])
    assert found.distance_m[MIDDLE] == 0.0


@pytest.mark.parametrize("cells", [reach.CHUNK_CELLS, 4])  # 4: the bounded search, one by one
def test_a_heavy_corner_pulls_the_centre_to_it(cells: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reach, "CHUNK_CELLS", cells)
    weights = np.ones(9)
    weights[CORNER] = 10.0
    found = zone_centres(GRID_XY, np.zeros(9, dtype=int), weights, 1)
    assert found.centre.tolist() == [CORNER]
    # from the corner: 1, 2 along each edge, √2, √5, √5, 2√2; each other village weighs 1
    others = 2 * (1 + 2) + math.sqrt(2) + 2 * math.sqrt(5) + 2 * math.sqrt(2)
    assert found.mean_m[0] == pytest.approx(others / 18 * 1000)
    # the middle is worse: 10·√2 to the corner alone
    middle = (np.hypot(*(GRID_XY - GRID_XY[MIDDLE]).T) * weights).sum()
    assert middle > others * 1000


def test_zone_means_weigh_by_workload_and_fall_back_to_equal_weights() -> None:
    distance = np.array([1.0, 3.0, 10.0, 20.0, 5.0])
    labels = np.array([0, 0, 1, 1, 0])
    weights = np.array([3.0, 1.0, 0.0, 0.0, 0.0])
    per_zone, station = zone_means(distance, labels, weights, 3)
    assert per_zone.tolist() == [pytest.approx(1.5), pytest.approx(15.0), 0.0]  # 2: empty
    assert station == pytest.approx(1.5)  # zone 1 carries no workload
    _, plain = zone_means(distance, labels, np.zeros(5), 3)
    assert plain == pytest.approx(distance.mean())


@pytest.mark.parametrize("seed", range(6))
def test_the_medoid_is_exact_on_large_zones(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(seed)
    m = 1600 + 300 * seed  # more than one chunk of distances: the bounded search
    assert m * m > reach.CHUNK_CELLS
    monkeypatch.setattr(reach, "CHUNK_CELLS", 2 * m)  # two candidates at a time
    xy = rng.normal(size=(m, 2)) * [5000.0, 1000.0 * (seed + 1)]
    if seed % 2:
        xy = np.round(xy / 200) * 200  # many points on the same spot
    weights = rng.poisson(2, m).astype(float)
    weights[rng.integers(m, size=3)] = 400.0  # lumpy, like incident counts
    sums = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1]) @ weights
    assert sums[weighted_medoid(xy, weights)] == pytest.approx(sums.min(), rel=1e-12)


def test_the_bounded_search_tries_on_until_no_candidate_can_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # one candidate at a time: on some of these sets the lowest bound is not the medoid
    monkeypatch.setattr(reach, "CHUNK_CELLS", 1)
    rng = np.random.default_rng(7)
    for _ in range(300):
        m = int(rng.integers(5, 40))
        xy = rng.normal(size=(m, 2)) * 1000
        weights = rng.poisson(2, m).astype(float)
        sums = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
        sums = sums @ (weights if weights.sum() > 0 else np.ones(m))
        assert sums[weighted_medoid(xy, weights)] == pytest.approx(sums.min(), rel=1e-12)


def test_the_medoid_of_a_zone_without_workload_weighs_villages_equally() -> None:
    assert weighted_medoid(GRID_XY, np.zeros(9)) == MIDDLE
    assert weighted_medoid(GRID_XY[:1], np.zeros(1)) == 0


def test_plan_zones_gives_the_centre_village_and_its_distance() -> None:
    weights = np.ones(9)
    weights[CORNER] = 10.0  # r0c0 (row 0 is the northern edge)
    result = zones.plan_zones(grid_units(3, 3, weights), 1, workload="w")
    zone = result.zones.iloc[0]
    assert zone["centre_village"] == "r0c0"
    others = 2 * (1 + 2) + math.sqrt(2) + 2 * math.sqrt(5) + 2 * math.sqrt(2)
    assert zone["centre_distance_km"] == pytest.approx(others / 18)
    assert result.metrics["mean_centre_distance_km"] == pytest.approx(others / 18)


def test_each_zones_figures_belong_to_that_zone() -> None:
    rng = np.random.default_rng(3)
    units = grid_units(6, 6, rng.integers(0, 9, 36))
    result = zones.plan_zones(units, 4, workload="w", seed=1)
    xy = shapely.get_coordinates(units.geometry.representative_point().values)
    w = units["w"].to_numpy(dtype=float)
    total = 0.0
    for zone, row in result.zones.iterrows():
        members = (result.labels == zone).to_numpy()
        assert result.labels[row["centre_village"]] == zone
        centre = xy[units.index.get_loc(row["centre_village"])]
        d = np.hypot(*(xy[members] - centre).T)
        sums = [np.hypot(*(xy[members] - p).T) @ w[members] for p in xy[members]]
        assert d @ w[members] == pytest.approx(min(sums))  # no member is a better centre
        assert row["centre_distance_km"] * 1000 == pytest.approx(d @ w[members] / w[members].sum())
        total += d @ w[members]
    assert result.metrics["mean_centre_distance_km"] * 1000 == pytest.approx(total / w.sum())


def _line(*points: tuple[float, float]) -> shapely.LineString:
    return shapely.LineString(points)


def test_road_distances_follow_the_roads_and_count_the_fallbacks() -> None:
    # one road along y = 0 from x = 0 to 3 km, another piece 5 km north; villages 10 m off them
    roads = gpd.GeoDataFrame(
        geometry=[_line((0, 0), (3000, 0)), _line((0, 5000), (1000, 5000))], crs=32649
    )
    road = build_road_graph(roads, roads.crs)
    xy = np.array([(0, 10), (1000, 10), (3000, 10), (0, 5010)], dtype=float)
    distance, fallback = road_distances(road, xy, np.zeros(4, dtype=int), np.array([0]), 1.3)
    assert distance[0] == 0.0  # the centre itself
    assert distance[1] == pytest.approx(10 + 1000 + 10)  # access legs and the road
    assert distance[2] == pytest.approx(10 + 3000 + 10)
    assert fallback.tolist() == [False, False, False, True]
    assert distance[3] == pytest.approx(5000 * 1.3)  # no road joins it: straight × detour


def test_road_distances_measure_each_village_from_its_own_zones_centre() -> None:
    roads = gpd.GeoDataFrame(geometry=[_line((0, 0), (4000, 0))], crs=32649)
    road = build_road_graph(roads, roads.crs)
    xy = np.array([(0, 0), (1000, 0), (3000, 0), (4000, 0)], dtype=float)
    labels = np.array([0, 0, 1, 1])
    distance, fallback = road_distances(road, xy, labels, np.array([0, 3]))
    assert distance.tolist() == pytest.approx([0, 1000, 1000, 0])
    assert not fallback.any()


@pytest.fixture(scope="module")
def plan(sample: zones.Scenario) -> zones.Plan:
    return zones.make_plan(sample, n_zones=8, patrol=False)


def test_the_plan_on_the_sample_has_both_figures(plan: zones.Plan) -> None:
    m = plan.metrics
    assert 0 < m["mean_centre_distance_km"] < m["mean_road_distance_km"]
    assert isinstance(m["road_distance_fallbacks"], int)
    assert m["road_distance_fallbacks"] == plan.zones["road_distance_fallbacks"].sum()
    # the new figures come last of the figures plan files have always had, in this order
    assert METRICS_ORDER[-3:] == ("mean_centre_distance_km", *ROAD_METRICS)
    known = [key for key in METRICS_ORDER if key in m]
    assert list(m)[: len(known)] == known
    table = plan.zones.set_index("zone_id")
    for zone, row in table.iterrows():
        assert plan.villages.loc[row["centre_village"], "zone_id"] == zone
        # by road (access legs included) never shorter than the straight line
        assert row["road_distance_km"] >= row["centre_distance_km"] * (1 - 1e-6)
    weights = table["workload"]
    station = np.average(table["road_distance_km"], weights=weights)
    assert m["mean_road_distance_km"] == pytest.approx(station)


def test_the_figures_survive_the_plan_files(plan: zones.Plan, tmp_path: Path) -> None:
    write_plan(plan, tmp_path, xlsx=False, gpkg=False)
    back = read_plan(tmp_path)
    for key in ("mean_centre_distance_km", *ROAD_METRICS):
        assert back.metrics[key] == pytest.approx(plan.metrics[key])
    for column in ("centre_village", "centre_distance_km", *ROAD_COLUMNS):
        pd.testing.assert_series_equal(
            back.zones[column].reset_index(drop=True),
            plan.zones[column].reset_index(drop=True),
            check_exact=False,
            rtol=1e-6,
        )


def test_a_hand_edit_recomputes_the_centres_and_forgets_stale_road_figures(
    plan: zones.Plan,
) -> None:
    graph = village_graph(plan)
    same = move_villages(plan, {}, graph=graph)
    assert same.zones["centre_village"].tolist() == plan.zones["centre_village"].tolist()
    np.testing.assert_allclose(same.zones["centre_distance_km"], plan.zones["centre_distance_km"])
    assert same.metrics["mean_centre_distance_km"] == pytest.approx(
        plan.metrics["mean_centre_distance_km"]
    )
    assert same.metrics["mean_road_distance_km"] == plan.metrics["mean_road_distance_km"]

    # move a zone's centre village to a neighbouring zone: both zones change
    labels = plan.villages["zone_id"]
    positions = {v: i for i, v in enumerate(plan.villages.index)}
    for village in plan.zones["centre_village"]:
        own = labels[village]
        near = [labels.iloc[j] for j in graph.neighbours(positions[village])]
        others = [z for z in near if z != own]
        if others:
            break
    edited = move_villages(plan, {village: others[0]}, graph=graph)
    table = edited.zones.set_index("zone_id")
    assert table.loc[own, "centre_village"] != village
    assert edited.villages.loc[table.loc[own, "centre_village"], "zone_id"] == own
    touched = table.index.isin([own, others[0]])
    assert table.loc[touched, "road_distance_km"].isna().all()
    assert table.loc[~touched, "road_distance_km"].notna().all()
    assert not set(ROAD_METRICS) & set(edited.metrics)
    load = table["workload"]
    assert edited.metrics["mean_centre_distance_km"] == pytest.approx(
        np.average(table["centre_distance_km"], weights=load)
    )
