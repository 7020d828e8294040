"""Posts and patrol lines: on roads, closed, within budget, inside their zones; coverage by hand."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from zones.patrol.lines import PatrolError, plan_patrols
from zones.patrol.peaks import PeakHoursError
from zones.patrol.roads import build_road_graph
from zones.plan.pipeline import make_plan

CRS = "EPSG:32650"


def frame(rows: dict, geoms) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry=list(geoms), crs=CRS)


def small_case(times_off="03:00", n_peak=0):
    """One 4 km × 2 km zone with one straight east–west road at y = 1000; the base room at
    the west end; off-peak incidents in a cluster near the east end and along the road at known
    distances from it; optional peak-hour incidents at x = 2000."""
    zone = frame({"zone_id": ["A"]}, [shapely.box(0, 0, 4000, 2000)])
    villages = frame({"village_id": ["v1"], "zone_id": ["A"]}, [shapely.box(0, 0, 4000, 2000)])
    rooms = frame({"village_id": ["v1"]}, [shapely.Point(100, 1000)])
    road = frame({"name": ["main"]}, [shapely.LineString([(0, 1000), (4000, 1000)])])
    points = (
        [(3500, 1000 + d) for d in (0, 20, -20, 40, -40, 60)]  # the hotspot: 6 incidents
        + [(1500, 1100), (2500, 750)]  # 100 m and 250 m off the road: covered at 300 m
        + [(1500, 1400), (2500, 500)]  # 400 m and 500 m off: not covered
    )
    times = [f"2025-03-03 {times_off}"] * len(points)
    points += [(2000, 1000 + 10 * i) for i in range(n_peak)]
    times += ["2025-03-03 08:15"] * n_peak
    incidents = frame({"time": pd.to_datetime(times)}, [shapely.Point(p) for p in points])
    graph = build_road_graph(road, CRS)
    return zone, villages, incidents, rooms, graph


def test_coverage_matches_a_hand_computation():
    zone, villages, incidents, rooms, graph = small_case(n_peak=5)
    result = plan_patrols(
        zone, villages, incidents, rooms, None, graph, crs=CRS, peak_hours="07:00-09:00"
    )
    line = result.patrols.to_crs(CRS).geometry.iloc[0]
    # the loop runs out to the hotspot at x≈3500 and back along the one road
    assert line.coords[0] == line.coords[-1]
    assert shapely.get_coordinates(line)[:, 0].max() == pytest.approx(3500, abs=130)
    figures = result.zones.loc["A"]
    # by hand: the 6 hotspot incidents and the 2 near the road are within 300 m; 2 are not
    assert figures["offpeak_incidents"] == 10
    assert figures["peak_incidents"] == 5
    assert figures["patrol_coverage"] == pytest.approx(8 / 10)
    assert result.metrics["patrol_coverage_offpeak"] == pytest.approx(0.8)
    # one post at the peak cluster covers all 5 peak incidents, staffed in the peak window
    assert len(result.posts) == 1
    post = result.posts.iloc[0]
    assert post["incidents"] == 5
    assert post["hours"] == "07:00-09:00"
    assert figures["post_coverage"] == pytest.approx(1.0)
    # road distance from the base: 100 m to the road node at x = 0, along the road to the node
    # nearest each incident (nodes every 250 m), then straight to the incident
    by_hand = [
        100 + x + abs(y - 1000)
        for x, y in [
            (3500, 1000),
            (3500, 1020),
            (3500, 980),
            (3500, 1040),
            (3500, 960),
            (3500, 1060),
            (1500, 1100),
            (2500, 750),
            (1500, 1400),
            (2500, 500),
            *[(2000, 1000 + 10 * i) for i in range(5)],
        ]
    ]
    assert figures["base_max_m"] == pytest.approx(max(by_hand))
    assert figures["base_median_m"] == pytest.approx(np.median(by_hand))
    # the patrol: 12 minutes at the hotspot plus about 2 × 3.4 km at 30 km/h
    patrol = result.patrols.iloc[0]
    assert patrol["minutes"] == pytest.approx(12 + 2 * 3.4 / 30 * 60, abs=1.0)
    assert patrol["stops"] == 1


def test_budget_too_short_for_the_hotspot_leaves_it_out_and_says_so():
    zone, villages, incidents, rooms, graph = small_case()
    result = plan_patrols(zone, villages, incidents, rooms, None, graph, crs=CRS, budget_minutes=15)
    assert len(result.patrols) == 0
    dropped = result.stops[result.stops["status"] == "dropped"]
    assert list(dropped["kind"]) == ["hotspot"]
    assert list(dropped["reason"]) == ["budget"]
    codes = {w.code for w in result.warnings}
    assert {"patrol_stops_dropped", "patrol_none"} <= codes


def test_without_roads_lines_are_straight_and_marked_approximate():
    zone, villages, incidents, rooms, _ = small_case()
    result = plan_patrols(zone, villages, incidents, rooms, None, None, crs=CRS)
    assert result.patrols["approximate"].all()
    assert result.metrics["patrol_approximate"] is True
    assert "patrol_approximate" in {w.code for w in result.warnings}
    line = result.patrols.to_crs(CRS).geometry.iloc[0]
    assert line.coords[0] == line.coords[-1]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"budget_minutes": 0}, PatrolError),
        ({"radius_m": -5}, PatrolError),
        ({"stop_minutes": -1}, PatrolError),
        ({"peak_hours": "morning"}, PeakHoursError),
        ({"budget_minutes": float("inf")}, PatrolError),
        ({"budget_minutes": float("nan")}, PatrolError),
        ({"budget_minutes": 1e15}, PatrolError),
        ({"stop_minutes": float("nan")}, PatrolError),
        ({"stop_minutes": 90}, PatrolError),
        ({"radius_m": float("inf")}, PatrolError),
    ],
)
def test_bad_settings_raise_one_clear_error(kwargs, error):
    zone, villages, incidents, rooms, graph = small_case()
    with pytest.raises(error, match="e.g."):
        plan_patrols(zone, villages, incidents, rooms, None, graph, crs=CRS, **kwargs)


@pytest.fixture(scope="module")
def sample_plan(sample):
    return make_plan(sample, seed=0)


def test_sample_patrol_lines_run_on_roads_are_closed_and_fit_the_budget(sample, sample_plan):
    crs = sample.metric_crs
    lines = sample_plan.patrols.to_crs(crs)
    assert len(lines) == len(sample_plan.zones)
    network = shapely.union_all(sample.roads.to_crs(crs).geometry.values)
    for line, minutes in zip(lines.geometry, lines["minutes"], strict=True):
        assert line.coords[0] == line.coords[-1]
        # every metre of the line lies within 1 m of a road
        assert line.difference(network.buffer(1.0)).length < 1e-6
        assert minutes <= 60.0
    assert (lines["drive_minutes"] <= lines["minutes"]).all()


def test_sample_posts_lie_on_roads_inside_their_zone(sample, sample_plan):
    crs = sample.metric_crs
    posts = sample_plan.posts.to_crs(crs)
    zones = sample_plan.zones.to_crs(crs).set_index("zone_id")
    network = shapely.union_all(sample.roads.to_crs(crs).geometry.values)
    assert len(posts) >= len(zones)
    assert shapely.distance(posts.geometry.values, network).max() <= 1.0
    for zone_id, point in zip(posts["zone_id"], posts.geometry, strict=True):
        assert zones.geometry[zone_id].buffer(1e-6).contains(point)
    windows = sample_plan.metrics["peak_windows"].split(",")
    for hours in posts["hours"]:
        assert hours
        assert set(hours.split(",")) <= set(windows)


def test_sample_metrics_and_zone_figures_agree(sample_plan):
    zones = sample_plan.zones
    m = sample_plan.metrics
    covered = zones["offpeak_covered"].sum() / zones["offpeak_incidents"].sum()
    assert m["patrol_coverage_offpeak"] == pytest.approx(covered, abs=1e-4)
    assert m["peak_source"] == "incidents"
    assert m["base_distance_m_median"] <= m["base_distance_m_p90"] <= m["base_distance_m_max"]
    stops = sample_plan.stops
    visited = stops[stops["status"] == "visited"]
    assert set(visited.groupby("zone_id")["order"].min()) == {0}
    assert m["patrol_lines"] == len(sample_plan.patrols)
    assert sample_plan.settings["patrol_budget_minutes"] == 60


def test_patrol_planning_is_reproducible_and_leaves_inputs_alone(sample, sample_plan):
    plan = sample_plan
    before = plan.zones.copy()
    g = build_road_graph(sample.roads, sample.metric_crs)
    runs = [
        plan_patrols(
            plan.zones,
            plan.villages,
            sample.incidents,
            plan.rooms,
            sample.station,
            g,
            crs=sample.metric_crs,
        )
        for _ in range(2)
    ]
    assert runs[0].patrols.geometry.equals(runs[1].patrols.geometry)
    assert runs[0].patrols.geometry.equals(plan.patrols.geometry)
    pd.testing.assert_frame_equal(plan.zones, before)


def test_plan_without_patrol_has_empty_layers(sample):
    plan = make_plan(sample, seed=0, patrol=False)
    assert len(plan.patrols) == 0
    assert len(plan.posts) == 0
    assert "patrol_coverage_offpeak" not in plan.metrics


@pytest.mark.parametrize("eastwards", [True, False])
def test_loops_drive_one_way_roads_only_in_their_direction(eastwards):
    ring = [
        [(0, 0), (1000, 0)],
        [(1000, 0), (1000, 1000)],
        [(1000, 1000), (0, 1000)],
        [(0, 1000), (0, 0)],
    ]
    if not eastwards:
        ring[0] = ring[0][::-1]
    road = gpd.GeoDataFrame(
        {"oneway": [True, False, False, False]},
        geometry=[shapely.LineString(c) for c in ring],
        crs=CRS,
    )
    zone = frame({"zone_id": ["A"]}, [shapely.box(-100, -100, 1100, 1100)])
    villages = frame(
        {"village_id": ["v1"], "zone_id": ["A"]}, [shapely.box(-100, -100, 1100, 1100)]
    )
    rooms = frame({"village_id": ["v1"]}, [shapely.Point(0, 0)])
    hot = [(1000 + d, 1000) for d in (0, 10, 20, 30)]
    incidents = frame(
        {"time": pd.to_datetime(["2025-03-03 03:00"] * 4)}, [shapely.Point(p) for p in hot]
    )
    graph = build_road_graph(road, CRS)
    result = plan_patrols(zone, villages, incidents, rooms, None, graph, crs=CRS)
    xy = shapely.get_coordinates(result.patrols.to_crs(CRS).geometry.iloc[0])
    on_bottom = (np.abs(xy[:-1, 1]) < 1e-6) & (np.abs(xy[1:, 1]) < 1e-6)
    step = np.diff(xy[:, 0])[on_bottom]
    assert len(step)
    assert (step > 0).all() if eastwards else (step < 0).all()


def test_separate_road_pieces_are_reported():
    zone, villages, incidents, rooms, _ = small_case()
    roads = frame(
        {"name": ["main", "island"]},
        [shapely.LineString([(0, 1000), (4000, 1000)]), shapely.LineString([(0, 100), (300, 100)])],
    )
    result = plan_patrols(
        zone, villages, incidents, rooms, None, build_road_graph(roads, CRS), crs=CRS
    )
    warning = next(w for w in result.warnings if w.code == "roads_disconnected")
    assert warning.params["n"] == 2
    assert "2" in warning.what("en")


def test_stops_at_the_base_cover_their_incidents_without_a_line():
    # the station sits on the hotspot: the loop never leaves the base's road node
    zone, villages, incidents, rooms, graph = small_case()
    station = frame({"name": ["所"]}, [shapely.Point(3500, 1000)])
    no_rooms = rooms.iloc[0:0]
    result = plan_patrols(zone, villages, incidents, no_rooms, station, graph, crs=CRS)
    figures = result.zones.loc["A"]
    assert len(result.patrols) == 0
    assert figures["patrol_stops"] == 1
    # the 6 hotspot incidents are within 300 m of the stop at the base
    assert figures["patrol_coverage"] == pytest.approx(6 / 10)


def test_incidents_no_road_reaches_are_counted_and_reported():
    zone, villages, incidents, rooms, _ = small_case()
    # the main road, and a separate lane by the 2 incidents at x = 1500
    roads = frame(
        {"name": ["main", "lane"]},
        [
            shapely.LineString([(0, 1000), (4000, 1000)]),
            shapely.LineString([(1400, 1500), (1600, 1500)]),
        ],
    )
    result = plan_patrols(
        zone, villages, incidents, rooms, None, build_road_graph(roads, CRS), crs=CRS
    )
    assert result.metrics["base_unreachable"] == 1  # (1500, 1400) snaps to the lane
    warning = next(w for w in result.warnings if w.code == "base_unreachable")
    assert warning.params["n"] == 1
