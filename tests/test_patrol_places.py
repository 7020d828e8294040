"""Where posts and patrol stops are (village and road names) and a zone's stops in order with
their distance and time from the start (zones.patrol.places, zones.patrol.itinerary)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import zones
from zones.patrol.itinerary import ALONG_M, ARRIVE_MINUTES, itinerary
from zones.patrol.places import ROAD_NAME_RADIUS_M, VILLAGE_RADIUS_M, place_names, with_places

CRS = "EPSG:32649"


@pytest.fixture(scope="module")
def plan() -> zones.Plan:
    return zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH))


@pytest.fixture(scope="module")
def metric_crs(plan: zones.Plan) -> object:
    return plan.villages.estimate_utm_crs()


def squares() -> gpd.GeoDataFrame:
    """Two 1 km villages side by side (A west of B), a 200 m gap, then nothing."""
    return gpd.GeoDataFrame(
        {"village_id": ["A", "B"], "name": ["甲村", "乙村"]},
        geometry=[shapely.box(0, 0, 1000, 1000), shapely.box(1200, 0, 2200, 1000)],
        crs=CRS,
    )


def roads() -> gpd.GeoDataFrame:
    """A named road along y = 500 in A, an unnamed one along y = 500 in B."""
    return gpd.GeoDataFrame(
        {"name": ["幸福路", None]},
        geometry=[
            shapely.LineString([(0, 500), (1000, 500)]),
            shapely.LineString([(1200, 500), (2200, 500)]),
        ],
        crs=CRS,
    )


def test_a_point_takes_its_village_and_the_named_road_near_it() -> None:
    points = gpd.GeoSeries(
        [
            shapely.Point(500, 520),  # in A, on the road
            shapely.Point(500, 500 + ROAD_NAME_RADIUS_M + 50),  # in A, too far from the road
            shapely.Point(1700, 510),  # in B, on an unnamed road
            shapely.Point(1100, 500),  # in the gap: the nearest village (A, first on a tie)
            shapely.Point(1000 + VILLAGE_RADIUS_M + 5000, 500),  # far from everything
            None,
        ],
        index=[10, 11, 12, 13, 14, 15],
        crs=CRS,
    )
    found = place_names(points, squares(), roads(), crs=CRS)
    assert list(found.index) == [10, 11, 12, 13, 14, 15]
    assert list(found["village_name"]) == ["甲村", "甲村", "乙村", "甲村", "", ""]
    assert list(found["village_id"]) == ["A", "A", "B", "A", "", ""]
    assert list(found["road_name"]) == ["幸福路", "", "", "幸福路", "", ""]


def test_places_work_in_any_crs_and_without_roads() -> None:
    points = gpd.GeoSeries([shapely.Point(1700, 900)], crs=CRS).to_crs("EPSG:4326")
    found = place_names(points, squares().to_crs("EPSG:4326"), None, crs=CRS)
    assert found.iloc[0].to_dict() == {"village_id": "B", "village_name": "乙村", "road_name": ""}


def test_a_room_keeps_its_own_village_and_the_input_is_not_changed() -> None:
    layer = gpd.GeoDataFrame(
        {"kind": ["room", "hotspot"], "ref": ["B", ""]},
        geometry=[shapely.Point(900, 520), shapely.Point(900, 520)],  # both in A, on the road
        crs=CRS,
    )
    before = layer.copy()
    own = layer["ref"].where(layer["kind"] != "hotspot", "")
    out = with_places(layer, squares(), roads(), crs=CRS, own_village=own)
    assert list(out.columns) == [
        "kind",
        "ref",
        "village_id",
        "village_name",
        "road_name",
        "geometry",
    ]
    assert list(out["village_name"]) == ["乙村", "甲村"]
    assert list(out["road_name"]) == ["幸福路", "幸福路"]
    pd.testing.assert_frame_equal(layer, before)


def test_every_post_and_stop_of_the_sample_has_its_village(
    plan: zones.Plan, metric_crs: object
) -> None:
    villages = plan.villages.to_crs(metric_crs).set_index("village_id")
    for layer in (plan.posts, plan.stops):
        assert (layer["village_name"] != "").all()
        points = layer.to_crs(metric_crs)
        for (_, row), point in zip(points.iterrows(), points.geometry, strict=True):
            village = villages.loc[row["village_id"]]
            assert village["name"] == row["village_name"]
            if row.get("kind") != "room":  # a room's own village, wherever its point is
                assert village.geometry.distance(point) <= VILLAGE_RADIUS_M
    rooms = plan.stops[plan.stops["kind"] == "room"]
    assert (rooms["village_id"] == rooms["ref"]).all()
    # the sample's posts stand on its roads: nearly all on a named one
    assert (plan.posts["road_name"] != "").mean() >= 0.9


def test_a_route_of_the_sample_goes_forward_along_its_line(
    plan: zones.Plan, metric_crs: object
) -> None:
    for zone_id, line in zip(plan.patrols["zone_id"], plan.patrols.itertuples(), strict=True):
        route = itinerary(plan.stops, plan.patrols, zone_id, crs=metric_crs)
        visited = plan.stops[
            (plan.stops["zone_id"] == zone_id) & (plan.stops["status"] == "visited")
        ]
        assert len(route) == len(visited) == line.stops + 1
        assert list(route["order"]) == list(range(len(route)))
        along = route[ALONG_M].to_numpy()
        assert along[0] == 0
        assert (np.diff(along) >= 0).all()
        assert along[-1] <= line.length_m + 1e-6
        arrive = route[ARRIVE_MINUTES].to_numpy()
        assert (np.diff(arrive) >= 0).all()
        assert arrive[-1] <= line.minutes


def test_a_route_measures_the_way_round_a_square_loop() -> None:
    # a 4 km loop (1 km sides) started at its south-west corner, driven in 20 minutes
    loop = shapely.LineString([(0, 0), (1000, 0), (1000, 1000), (0, 1000), (0, 0)])
    patrols = gpd.GeoDataFrame(
        {"zone_id": ["7"], "drive_minutes": [20.0]}, geometry=[loop], crs=CRS
    )
    stops = gpd.GeoDataFrame(
        {
            "zone_id": ["7"] * 5,
            "order": [0, 2, 1, -1, 3],
            "status": ["visited", "visited", "visited", "dropped", "visited"],
            "dwell_minutes": [0.0, 10.0, 12.0, 12.0, 0.0],
        },
        # stop 1 at the SE corner, stop 2 half-way up the east side, stop 3 on the west side
        geometry=[
            shapely.Point(0, 0),
            shapely.Point(1000, 500),
            shapely.Point(1000, 0),
            shapely.Point(500, 500),
            shapely.Point(0, 400),
        ],
        crs=CRS,
    )
    route = itinerary(stops, patrols, "7", crs=CRS)
    assert list(route["order"]) == [0, 1, 2, 3]
    assert route[ALONG_M].tolist() == pytest.approx([0, 1000, 1500, 3600])
    # driving 20 min for 4 km, plus 12 min at stop 1 and 10 at stop 2 before stop 3
    assert route[ARRIVE_MINUTES].tolist() == pytest.approx([0, 5, 7.5 + 12, 18 + 22])
    assert itinerary(stops, patrols, "8", crs=CRS).empty
