"""Tests of the synthetic scenario generator (zones.synth) and the exchange writers."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import re
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely

from zones import columns as C
from zones.synth import INCIDENT_ID, main, make_scenario_layers, write_scenario
from zones.writers import write_csv, write_geojson

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"
ROAD_CLASSES = {"trunk", "primary", "secondary", "tertiary", "unclassified", "residential"}
CATEGORIES = {"纠纷", "盗窃", "交通事故", "求助", "诈骗", "治安", "其他"}


def _load_make_sample():
    spec = importlib.util.spec_from_file_location("make_sample", ROOT / "data" / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=["villages120", "sample"])
def scenario(request) -> tuple[dict[str, gpd.GeoDataFrame], dict[str, object]]:
    """A 120-village scenario with defaults, and one with the bundled sample's settings."""
    if request.param == "villages120":
        settings: dict[str, object] = {"n_villages": 120, "seed": 7}
    else:
        settings = dict(_load_make_sample().SETTINGS)
    arguments = dict(settings)
    n_villages = arguments.pop("n_villages")
    return make_scenario_layers(n_villages, **arguments), settings


def _adjacency(villages: gpd.GeoDataFrame) -> nx.Graph:
    """Villages sharing a border of positive length."""
    geometries = np.asarray(villages.geometry.array)
    first, second = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    keep = first < second
    first, second = first[keep], second[keep]
    shared = shapely.length(shapely.intersection(geometries[first], geometries[second]))
    graph = nx.Graph()
    graph.add_nodes_from(range(len(geometries)))
    graph.add_edges_from(zip(first[shared > 0], second[shared > 0], strict=True))
    return graph


def _road_graph(roads: gpd.GeoDataFrame) -> nx.Graph:
    graph = nx.Graph()
    for line in roads.geometry:
        coords = shapely.get_coordinates(line)
        graph.add_edge(tuple(coords[0]), tuple(coords[-1]))
    return graph


def _ring_area(ring: list[list[float]]) -> float:
    xy = np.asarray(ring)
    x, y = xy[:, 0] - xy[0, 0], xy[:, 1] - xy[0, 1]
    return float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]) / 2.0)


# --- the layers --------------------------------------------------------------------------


def test_all_layers_in_wgs84_with_expected_geometry(scenario):
    layers, _ = scenario
    assert list(layers) == list(C.LAYERS)
    kinds = {
        C.JURISDICTION: {"Polygon", "MultiPolygon"},
        C.VILLAGES: {"Polygon", "MultiPolygon"},
        C.ROADS: {"LineString"},
        C.INCIDENTS: {"Point"},
        C.ROOMS: {"Point"},
        C.STATION: {"Point"},
        C.OFFICERS: {"Point"},
    }
    for name, layer in layers.items():
        assert layer.crs.to_epsg() == 4326, name
        assert set(layer.geom_type.dropna()) <= kinds[name], name
        for field in C.REQUIRED_FIELDS[name]:
            assert field in layer.columns, (name, field)
    assert len(layers[C.JURISDICTION]) == 1
    assert len(layers[C.STATION]) == 1


def test_villages_are_a_valid_coverage_of_the_jurisdiction(scenario):
    layers, _ = scenario
    villages = np.asarray(layers[C.VILLAGES].geometry.array)
    jurisdiction = layers[C.JURISDICTION].geometry.iloc[0]
    assert shapely.is_valid(villages).all()
    assert shapely.is_valid(jurisdiction)
    assert shapely.coverage_is_valid(villages)
    union = shapely.coverage_union_all(villages)
    assert abs(union.area - jurisdiction.area) / jurisdiction.area < 1e-9
    assert shapely.symmetric_difference(union, jurisdiction).area / jurisdiction.area < 1e-9
    assert abs(shapely.area(villages).sum() - jurisdiction.area) / jurisdiction.area < 1e-9
    # already at the written precision: rounding changes nothing
    coords = shapely.get_coordinates(villages)
    assert np.array_equal(np.round(coords, 6), coords)


def test_jurisdiction_is_irregular_not_a_rectangle(scenario):
    layers, _ = scenario
    jurisdiction = layers[C.JURISDICTION].geometry.iloc[0]
    assert jurisdiction.geom_type == "Polygon"
    assert shapely.get_num_coordinates(jurisdiction) > 100
    assert jurisdiction.area / jurisdiction.envelope.area < 0.9


def test_village_fields(scenario):
    layers, settings = scenario
    villages = layers[C.VILLAGES]
    assert len(villages) == settings["n_villages"]
    ids = villages[C.VILLAGE_ID]
    assert ids.is_unique
    assert ids.map(lambda value: bool(re.fullmatch(r"150902\d{6}", value))).all()
    names = villages[C.NAME]
    assert names.is_unique
    assert names.map(lambda name: re.search(r"(村|营子|社区)$", name) is not None).all()
    community = villages[C.KIND] == C.KIND_COMMUNITY
    assert set(villages[C.KIND]) == {C.KIND_VILLAGE, C.KIND_COMMUNITY}
    assert names[community].str.endswith("社区").all()
    population = villages[C.POPULATION]
    assert population.between(200, 3000)[~community].all()
    assert population.between(2000, 8000)[community].all()
    ratio = population / villages[C.HOUSEHOLDS]
    assert ratio.between(1.8, 3.5).all()
    station_township = villages[C.TOWNSHIP].iloc[0]
    assert station_township == "白海子镇"
    seat_communities = community & (villages[C.TOWNSHIP] == station_township)
    assert 1 <= seat_communities.sum() <= 3


def test_townships_are_contiguous(scenario):
    layers, settings = scenario
    villages = layers[C.VILLAGES]
    graph = _adjacency(villages)
    assert nx.is_connected(graph)
    townships = villages[C.TOWNSHIP].to_numpy()
    expected = settings.get("n_townships") or round(settings["n_villages"] / 25)
    assert len(set(townships)) == expected
    for township in set(townships):
        members = np.flatnonzero(townships == township)
        assert nx.is_connected(graph.subgraph(members)), township


def test_roads_connect_every_village(scenario):
    layers, _ = scenario
    roads, villages = layers[C.ROADS], layers[C.VILLAGES]
    graph = _road_graph(roads)
    assert nx.is_connected(graph)
    nodes = np.array(list(graph.nodes))
    tree = shapely.STRtree(np.asarray(villages.geometry.array))
    _, hit = tree.query(shapely.points(nodes), predicate="within")
    assert set(hit) == set(range(len(villages)))


def test_roads_are_noded(scenario):
    layers, _ = scenario
    lines = np.asarray(layers[C.ROADS].geometry.array)
    first, second = shapely.STRtree(lines).query(lines, predicate="crosses")
    assert not (first < second).any()
    assert (shapely.length(lines) > 0).all()


def test_road_attributes(scenario):
    layers, _ = scenario
    roads = layers[C.ROADS]
    assert set(roads[C.ROAD_CLASS]) <= ROAD_CLASSES
    assert {"trunk", "primary", "tertiary", "residential"} <= set(roads[C.ROAD_CLASS])
    assert (roads.loc[roads[C.ROAD_CLASS] == "trunk", C.NAME] == "G208国道").all()
    expected = roads[C.ROAD_CLASS].map(C.ROAD_CLASS_SPEEDS_KMH)
    assert (roads[C.SPEED_KMH] == expected).all()
    assert roads[C.ONEWAY].dtype == bool
    assert roads[C.ONEWAY].mean() < 0.25


def test_rooms_strictly_inside_their_village(scenario):
    layers, _ = scenario
    villages = layers[C.VILLAGES].set_index(C.VILLAGE_ID)
    rooms = layers[C.ROOMS]
    assert rooms[C.VILLAGE_ID].is_unique
    assert 0.2 <= len(rooms) / len(villages) <= 0.4
    polygons = np.asarray(villages.geometry.loc[rooms[C.VILLAGE_ID]].array)
    assert shapely.contains_properly(polygons, np.asarray(rooms.geometry.array)).all()
    names = villages[C.NAME].loc[rooms[C.VILLAGE_ID]].to_numpy()
    assert (rooms[C.NAME].to_numpy() == np.char.add(names.astype(str), "警务室")).all()


def test_station_in_a_community_of_its_township(scenario):
    layers, _ = scenario
    station = layers[C.STATION]
    assert station[C.NAME].iloc[0] == "白海子派出所"
    villages = layers[C.VILLAGES]
    home = villages[villages.contains(station.geometry.iloc[0])]
    assert len(home) == 1
    assert home[C.KIND].iloc[0] == C.KIND_COMMUNITY
    assert home[C.TOWNSHIP].iloc[0] == "白海子镇"
    assert layers[C.JURISDICTION][C.NAME].iloc[0] == "白海子派出所辖区"


def test_incidents_inside_with_daily_and_weekly_peaks(scenario):
    layers, settings = scenario
    incidents = layers[C.INCIDENTS]
    assert len(incidents) == max(2000, 25 * settings["n_villages"])
    assert incidents[INCIDENT_ID].is_unique
    jurisdiction = layers[C.JURISDICTION].geometry.iloc[0]
    assert jurisdiction.contains(incidents.geometry).all()
    assert incidents[C.TIME].str.fullmatch(r"2025-\d\d-\d\dT\d\d:\d\d:00").all()
    assert set(incidents[C.CATEGORY]) == CATEGORIES
    times = pd.to_datetime(incidents[C.TIME])
    hourly = times.dt.hour.value_counts().reindex(range(24), fill_value=0)
    trough = hourly.loc[1:5].mean()
    assert hourly.loc[7:9].mean() > 2.5 * trough
    assert hourly.loc[17:20].mean() > 2.5 * trough
    assert hourly.loc[21:23].mean() > 2.0 * trough
    assert hourly.loc[8] > hourly.loc[11]  # a morning peak, not just a daytime plateau
    weekday = times.dt.day_of_week.value_counts()
    assert weekday.loc[[4, 5]].mean() > 1.15 * weekday.loc[[0, 1, 2, 3]].mean()


def test_officers(scenario):
    layers, settings = scenario
    officers, villages = layers[C.OFFICERS], layers[C.VILLAGES]
    n_villages = settings["n_villages"]
    assert officers[C.OFFICER_ID].is_unique
    roles = officers[C.ROLE].value_counts()
    assert roles[C.AUXILIARY] == n_villages - settings.get("aux_shortfall", 4)
    assert roles[C.POLICE] == settings.get("n_police", max(8, round(n_villages / 4)))
    assert officers[C.PHONE].str.fullmatch(r"1[3-9]\d{9}").all()
    assert officers[C.PHONE].is_unique
    assert officers[C.AVAILABLE].dtype == bool
    assert officers[C.REWARD_LEAVE_DAYS].between(0, 5).all()
    assert officers[C.NAME].str.fullmatch(r"[\u4e00-\u9fff]{2,4}").all()
    ids = set(villages[C.VILLAGE_ID])
    homes = officers[C.HOME_VILLAGE]
    assert set(homes[homes != ""]) <= ids
    aux_homes = homes[(officers[C.ROLE] == C.AUXILIARY) & (homes != "")]
    assert aux_homes.nunique() >= 0.75 * roles[C.AUXILIARY]
    assert (aux_homes.duplicated()).any()
    assert ((officers[C.ROLE] == C.AUXILIARY) & (homes == "")).any()
    # officers with a home village live inside it; the others have no location
    has_home = homes != ""
    assert officers.geometry[~has_home].isna().all()
    polygons = villages.set_index(C.VILLAGE_ID).geometry.loc[homes[has_home]]
    points = np.asarray(officers.geometry[has_home].array)
    assert shapely.contains(np.asarray(polygons.array), points).all()
    # familiar villages are 0–3 neighbours of the home village
    graph = _adjacency(villages)
    position = {village_id: k for k, village_id in enumerate(villages[C.VILLAGE_ID])}
    for home, familiar in zip(homes, officers[C.FAMILIAR_VILLAGES], strict=True):
        assert isinstance(familiar, list)
        assert len(familiar) <= 3
        assert len(set(familiar)) == len(familiar)
        for village_id in familiar:
            assert graph.has_edge(position[home], position[village_id])


# --- determinism -------------------------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_layers_different_seed_different(tmp_path):
    first = make_scenario_layers(60, seed=11)
    again = make_scenario_layers(60, seed=11)
    other = make_scenario_layers(60, seed=12)
    for name in C.LAYERS:
        pd.testing.assert_frame_equal(pd.DataFrame(first[name]), pd.DataFrame(again[name]))
    write_scenario(first, tmp_path / "a")
    write_scenario(again, tmp_path / "b")
    write_scenario(other, tmp_path / "c")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    differing = {
        name
        for name, digest in _digest(tmp_path / "c").items()
        if digest != _digest(tmp_path / "a")[name]
    }
    assert {"villages.geojson", "incidents.geojson", "officers.csv"} <= differing


def test_bundled_sample_is_reproducible(tmp_path):
    assert SAMPLE_DIR.is_dir(), "run .venv/bin/python data/make_sample.py"
    module = _load_make_sample()
    module.main(tmp_path)
    assert _digest(tmp_path) == _digest(SAMPLE_DIR)
    size = sum(path.stat().st_size for path in SAMPLE_DIR.iterdir())
    assert size < 2_000_000
    lon_min, lat_min, lon_max, lat_max = module.build()[C.JURISDICTION].total_bounds
    assert lon_min >= 113.0
    assert lon_max <= 113.3
    assert lat_min >= 40.9
    assert lat_max <= 41.1


# --- the written files -------------------------------------------------------------------


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scenario")
    write_scenario(make_scenario_layers(80, seed=3), folder)
    return folder


def test_written_folder_has_one_file_per_layer(written):
    names = sorted(path.name for path in written.iterdir())
    expected = sorted(f"{name}.geojson" for name in C.LAYERS if name != C.OFFICERS)
    assert names == sorted([*expected, "officers.csv"])


def test_written_geojson_is_rfc7946(written):
    for path in sorted(written.glob("*.geojson")):
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), path.name
        text = raw.decode("utf-8")
        assert "\\u" not in text, path.name  # Chinese written as UTF-8, not escaped
        document = json.loads(text)
        assert document["type"] == "FeatureCollection"
        assert "crs" not in document
        for feature in document["features"]:
            geometry = feature["geometry"]
            coords = shapely.get_coordinates(shapely.from_geojson(json.dumps(geometry)))
            assert np.array_equal(np.round(coords, 6), coords), path.name
            if geometry["type"] == "Polygon":
                exterior, *holes = geometry["coordinates"]
                assert _ring_area(exterior) > 0, path.name
                assert all(_ring_area(hole) < 0 for hole in holes), path.name
    numbers = re.findall(r"-?\d+\.\d+", (written / "villages.geojson").read_text("utf-8"))
    assert max(len(number.split(".")[1]) for number in numbers) <= 6


def test_written_villages_still_a_valid_coverage(written):
    villages = gpd.read_file(written / "villages.geojson")
    jurisdiction = gpd.read_file(written / "jurisdiction.geojson").geometry.iloc[0]
    geometries = np.asarray(villages.geometry.array)
    assert shapely.coverage_is_valid(geometries)
    assert shapely.is_valid(geometries).all()
    union = shapely.coverage_union_all(geometries)
    assert abs(union.area - jurisdiction.area) / jurisdiction.area < 1e-9


def test_written_officers_csv(written):
    raw = (written / "officers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(
        written / "officers.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    assert list(table.columns) == [
        C.OFFICER_ID,
        C.NAME,
        C.ROLE,
        C.HOME_VILLAGE,
        C.FAMILIAR_VILLAGES,
        C.PHONE,
        C.AVAILABLE,
        C.REWARD_LEAVE_DAYS,
        "lon",
        "lat",
    ]
    familiar = table[C.FAMILIAR_VILLAGES]
    assert familiar.str.fullmatch(r"(\d{12}(;\d{12}){0,2})?").all()
    assert familiar.str.contains(";").any()
    located = table["lon"] != ""
    assert (located == (table[C.HOME_VILLAGE] != "")).all()
    assert table.loc[located, "lon"].str.fullmatch(r"1\d\d\.\d{1,6}").all()


def test_officers_geojson_option(tmp_path):
    layers = make_scenario_layers(20, seed=1, n_incidents=50)
    write_scenario(layers, tmp_path, officers_csv=False)
    document = json.loads((tmp_path / "officers.geojson").read_text("utf-8"))
    assert not (tmp_path / "officers.csv").exists()
    features = document["features"]
    assert all(isinstance(f["properties"][C.FAMILIAR_VILLAGES], list) for f in features)
    assert any(f["geometry"] is None for f in features)


def test_command_line(tmp_path, capsys):
    assert main(["--villages", "30", "--seed", "5", "--out", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s" / "villages.geojson").exists()
    assert "villages 30" in capsys.readouterr().out


@pytest.mark.slow
def test_five_thousand_villages():
    layers = make_scenario_layers(5000, seed=1, n_incidents=20_000)
    villages = layers[C.VILLAGES]
    assert len(villages) == 5000
    geometries = np.asarray(villages.geometry.array)
    assert shapely.coverage_is_valid(geometries)
    assert villages[C.VILLAGE_ID].is_unique
    assert villages[C.NAME].is_unique
    assert villages[C.TOWNSHIP].nunique() == 200
    assert len(layers[C.OFFICERS]) == 1250 + 4996
    assert nx.is_connected(_road_graph(layers[C.ROADS]))


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="n_villages"):
        make_scenario_layers(1)
    with pytest.raises(ValueError, match="n_townships"):
        make_scenario_layers(10, n_townships=11)
    with pytest.raises(ValueError, match="aux_shortfall"):
        make_scenario_layers(10, aux_shortfall=-1)


# --- the writers on their own ------------------------------------------------------------


def test_write_geojson_properties_and_null_geometry(tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "name": ["白海子", None],
            "count": np.array([1, 2], dtype=np.int64),
            "share": [0.5, np.nan],
            "flag": [True, False],
            "nullable": pd.array([3, None], dtype="Int64"),
            "ids": [["a", "b"], ()],
            "when": [pd.Timestamp("2025-03-14 08:12"), pd.NaT],
            "day": [dt.date(2025, 1, 2), np.int32(7)],
        },
        geometry=[shapely.Point(113.1234564, 41.0), None],
        crs="EPSG:4326",
    )
    path = tmp_path / "out.geojson"
    write_geojson(frame, path)
    document = json.loads(path.read_text("utf-8"))
    first, second = document["features"]
    assert first["properties"] == {
        "name": "白海子",
        "count": 1,
        "share": 0.5,
        "flag": True,
        "nullable": 3,
        "ids": ["a", "b"],
        "when": "2025-03-14T08:12:00",
        "day": "2025-01-02",
    }
    assert second["properties"] == {
        "name": None,
        "count": 2,
        "share": None,
        "flag": False,
        "nullable": None,
        "ids": [],
        "when": None,
        "day": 7,
    }
    assert first["geometry"] == {"type": "Point", "coordinates": [113.123456, 41.0]}
    assert second["geometry"] is None
    assert "白海子" in path.read_text("utf-8")


def test_write_geojson_reprojects_and_orients(tmp_path):
    corners = np.array([(0, 0), (0, 1000), (1000, 1000), (1000, 0)]) + (500_000, 4_500_000)
    clockwise = shapely.Polygon(corners)
    frame = gpd.GeoDataFrame({"id": ["x"]}, geometry=[clockwise], crs="EPSG:32649")
    path = tmp_path / "square.geojson"
    write_geojson(frame, path)
    ring = json.loads(path.read_text("utf-8"))["features"][0]["geometry"]["coordinates"][0]
    assert _ring_area(ring) > 0
    assert 110 < ring[0][0] < 112
    assert 40 < ring[0][1] < 41


def test_write_geojson_refuses_rounding_that_breaks_a_geometry(tmp_path):
    sliver = shapely.Polygon([(113.0, 41.0), (113.001, 41.0001), (113.002, 41.0)])
    frame = gpd.GeoDataFrame({"id": ["a"]}, geometry=[sliver], crs="EPSG:4326")
    with pytest.raises(ValueError, match="feature 0"):
        write_geojson(frame, tmp_path / "bad.geojson", precision=3)
    write_geojson(frame, tmp_path / "good.geojson", precision=6)


def test_write_csv_bom_and_lists(tmp_path):
    table = pd.DataFrame({"id": ["A1", "A2"], "near": [["v1", "v2"], []], "n": [1, 2]})
    path = tmp_path / "t.csv"
    write_csv(table, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == "id,near,n\nA1,v1;v2,1\nA2,,2\n"
    assert table["near"].iloc[0] == ["v1", "v2"]  # the input is not modified


def test_write_geojson_in_chunks_keeps_order(tmp_path, monkeypatch):
    monkeypatch.setattr("zones.writers._CHUNK", 7)
    frame = gpd.GeoDataFrame(
        {"k": np.arange(25)},
        geometry=shapely.points(np.column_stack([np.arange(25) / 3.0, np.zeros(25)])),
        crs="EPSG:4326",
    )
    path = tmp_path / "chunks.geojson"
    write_geojson(frame, path)
    features = json.loads(path.read_text("utf-8"))["features"]
    assert [f["properties"]["k"] for f in features] == list(range(25))
    assert features[1]["geometry"]["coordinates"] == [0.333333, 0.0]
