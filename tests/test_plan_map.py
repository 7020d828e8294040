"""The map of a whole plan: offline, escaped, privacy profiles, zone colours, layers, labels."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from collections.abc import Iterator
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, shape

import maps
import zones
from maps import plan_map
from maps.compact import CompactLayer, Topology, decimals_for, decode_arcs, dumps
from maps.escape import esc
from maps.offline import external_refs
from maps.tiles import OSM_URL
from maps.view import MetricScale

from .test_maps import feature_groups, geojsons, walk

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(2)</script>"
SSTI = "{{ 7*7 }}"
XSS_NAME = "<b>"
PAYLOADS = (XSS_IMG, XSS_SCRIPT, SSTI)
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def shown(html: str) -> str:
    """The page with the ``\\uXXXX`` escapes of its embedded JSON decoded, so that a search
    finds Chinese text wherever it is (GeoJSON, tooltips and layer names are JSON-encoded)."""
    return _JSON_ESCAPE.sub(lambda mt: chr(int(mt.group(1), 16)), html)


@pytest.fixture(scope="module")
def scenario() -> zones.Scenario:
    return zones.read_scenario(zones.SAMPLE_PATH)


@pytest.fixture(scope="module")
def plan(scenario: zones.Scenario) -> zones.Plan:
    return zones.make_plan(scenario, n_zones=6)


@pytest.fixture(scope="module")
def public_map(plan: zones.Plan) -> folium.Map:
    """The sample plan's map, public profile, Chinese (tests only read it)."""
    return maps.make_map(plan)


@pytest.fixture(scope="module")
def public_html(public_map: folium.Map) -> str:
    return shown(maps.render_html(public_map))


@pytest.fixture(scope="module")
def internal_html(plan: zones.Plan) -> str:
    return shown(maps.render_html(maps.make_map(plan, profile="internal")))


@pytest.fixture(scope="module")
def hostile(scenario: zones.Scenario, plan: zones.Plan) -> zones.Plan:
    """The sample with hostile village, officer, jurisdiction and station names."""
    villages = scenario.villages.copy()
    ids = list(villages.index)
    villages.loc[ids[0], "name"] = XSS_IMG
    villages.loc[ids[1], "name"] = f"东{XSS_SCRIPT}村"
    villages.loc[ids[2], "name"] = f"东{SSTI}村"
    officers = scenario.officers.copy()
    head = plan.zones["head_officer_id"].iloc[0]
    aux = plan.villages["aux_officer_id"].dropna().iloc[0]
    for officer_id in (head, aux):
        officers.loc[officer_id, "name"] = f"{XSS_NAME}{officers.loc[officer_id, 'name']}"
    jurisdiction = scenario.jurisdiction.copy()
    jurisdiction["name"] = f"{XSS_IMG}辖区"
    station = scenario.station.copy()
    station["name"] = f"{XSS_SCRIPT}派出所"
    bad = dataclasses.replace(
        scenario,
        villages=villages,
        officers=officers,
        jurisdiction=jurisdiction,
        station=station,
        name=f"{SSTI}派出所",
    )
    hostile_plan = zones.make_plan(bad, n_zones=6)
    assert hostile_plan.zones["head_officer_id"].iloc[0] == head  # names do not change who
    return hostile_plan


def _with_patrols_and_posts(plan: zones.Plan) -> zones.Plan:
    """The plan with two patrol lines (one a MultiLineString) and two posts."""
    zone_a, zone_b = (shapely.point_on_surface(g) for g in plan.zones.geometry.iloc[:2])
    line = LineString([(zone_a.x, zone_a.y), (zone_a.x + 0.02, zone_a.y + 0.01)])
    multi = shapely.MultiLineString(
        [[(zone_b.x, zone_b.y), (zone_b.x, zone_b.y + 0.01)], [(zone_b.x, zone_b.y + 0.012),
         (zone_b.x - 0.01, zone_b.y + 0.012)]]
    )  # fmt: skip
    patrols = gpd.GeoDataFrame(
        {"zone_id": ["1", "2"], "length_m": [2000.0, 2000.0], "minutes": [45.0, 50.0]},
        geometry=[line, multi],
        crs="EPSG:4326",
    )
    posts = gpd.GeoDataFrame(
        {"zone_id": ["1", "2"], "hours": ["07:00-09:00", "17:00-19:00"]},
        geometry=[zone_a, zone_b],
        crs="EPSG:4326",
    )
    return dataclasses.replace(plan, patrols=patrols, posts=posts)


def layers(element: folium.Element) -> list[folium.GeoJson | CompactLayer]:
    """The data layers under ``element``: folium GeoJson and the plan map's compact layers."""
    return [*geojsons(element), *(e for e in walk(element) if isinstance(e, CompactLayer))]


def _labels(element: folium.Element) -> list[CompactLayer]:
    return [e for e in walk(element) if isinstance(e, CompactLayer) and e.kind == "labels"]


def _group(m: folium.Map, start: str) -> folium.FeatureGroup:
    (group,) = [g for g in feature_groups(m) if g.layer_name.startswith(start)]
    return group


def _property_strings(collection: dict) -> Iterator[str]:
    for feature in collection["features"]:
        yield from (str(v) for v in feature["properties"].values())


# --- offline and size -------------------------------------------------------------------------


def test_saved_html_is_offline_and_light(
    plan: zones.Plan, public_map: folium.Map, tmp_path: Path
) -> None:
    path = maps.save_html(plan, tmp_path / "plan.html")
    html = path.read_text(encoding="utf-8")
    assert external_refs(html) == []
    assert re.findall(r"https?://", html) == []
    assert html.startswith("<!DOCTYPE html>")
    assert len(html.encode("utf-8")) < 1_500_000  # Leaflet and jQuery inlined are ~350 KB
    m = public_map
    assert m.options["prefer_canvas"] is True
    assert m.control_scale is False  # Leaflet's own bar adds miles and feet
    scales = [c for c in m._children.values() if isinstance(c, MetricScale)]
    assert len(scales) == 1
    assert "L.control.scale({imperial: false, metric: true})" in html
    assert maps.external_links(m) == []


def test_save_html_takes_a_map_or_a_plan(plan: zones.Plan, tmp_path: Path) -> None:
    m = maps.make_map(plan, lang="en")
    assert "Legend" in maps.save_html(m, tmp_path / "map.html").read_text(encoding="utf-8")
    internal = maps.save_html(plan, tmp_path / "internal.html", profile="internal", lang="en")
    assert "Internal — confidential" in internal.read_text(encoding="utf-8")
    with pytest.raises(TypeError, match="only apply to a Plan"):
        maps.save_html(m, tmp_path / "x.html", lang="en")
    with pytest.raises(TypeError, match="folium.Map or a zones.Plan"):
        maps.save_html("plan.geojson", tmp_path / "x.html")
    with pytest.raises(ValueError, match="unknown map profile"):
        maps.make_map(plan, profile="secret")


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["public", "internal"])
def test_hostile_names_reach_the_page_only_escaped(hostile: zones.Plan, profile: str) -> None:
    m = maps.make_map(hostile, profile=profile)
    page = maps.render_html(m)
    for payload in (*PAYLOADS, XSS_NAME):
        assert payload not in page, payload
    html = shown(page)  # also JSON-embedded data, which innerHTML would parse
    for payload in (*PAYLOADS, XSS_NAME):
        assert payload not in html, payload
    assert "东49村" not in html  # {{ 7*7 }} was not evaluated by Jinja
    assert "49派出所" not in html
    assert esc(f"东{SSTI}村") in html
    # every layer: no raw markup or template characters in any shown value
    for group in feature_groups(m):
        assert "<" not in group.layer_name
        assert "{" not in group.layer_name
        for g in layers(group):
            for value in _property_strings(g.data):
                for ch in "<>`${}":
                    assert ch not in value, (group.layer_name, value)
    villages = json.dumps(layers(_group(m, "行政村"))[0].data, ensure_ascii=False)
    rooms = json.dumps(layers(_group(m, "村警务室"))[0].data, ensure_ascii=False)
    for payload in (XSS_IMG, f"东{XSS_SCRIPT}村", f"东{SSTI}村"):
        assert esc(payload) in villages
        assert esc(payload) in rooms  # new rooms are named after their village
    assert esc(f"{XSS_IMG}辖区") in _group(m, "辖区边界").layer_name
    station = json.dumps(layers(_group(m, "派出所"))[0].data, ensure_ascii=False)
    assert esc(f"{XSS_SCRIPT}派出所") in station
    title = html.split('class="zp-title"')[1].split("</div></div>")[0]
    assert esc(f"{SSTI}派出所") in title
    # zone labels (DivIcon markup built in the page) carry only escaped text
    labels = [h for layer in _labels(m) for h in layer.html]
    assert len(labels) == len(hostile.zones)
    for label in labels:
        assert "<b>" not in label
    if profile == "internal":
        assert esc(XSS_NAME) in html  # the officer name is shown, as text
        assert any(esc(XSS_NAME) in label for label in labels)


# --- privacy profiles -------------------------------------------------------------------------


def test_public_profile_shows_role_codes_only(plan: zones.Plan, public_html: str) -> None:
    assert PHONE.findall(public_html) == []
    for phone in plan.officers["phone"].dropna().astype(str):
        assert phone not in public_html
    names = [n for n in plan.officers["name"].dropna().astype(str) if n in public_html]
    assert names == []
    for officer_id in plan.zones["head_officer_id"]:
        assert f'"{officer_id}' not in public_html
    for code in ("片区长-01", "片区长-06", "驻村辅警-V001", "驻村辅警-V090"):
        assert code in public_html
    assert "内部资料" not in public_html
    assert '<meta name="zoneplanner-profile" content="public">' in public_html
    m = maps.make_map(plan)
    for group in feature_groups(m):
        for g in layers(group):
            keys = {k for f in g.data["features"] for k in f["properties"]}
            assert not keys & {"head_phone", "aux_phone", "aux_reason", "minutes", "hours"}


def test_public_profile_names_the_missing_auxiliaries(
    plan: zones.Plan, public_map: folium.Map
) -> None:
    m = public_map
    data = layers(_group(m, "行政村"))[0].data
    shown = [f["properties"]["aux"] for f in data["features"]]
    missing = int(plan.villages["aux_officer_id"].isna().sum())
    assert missing > 0  # the sample is short of auxiliaries
    assert shown.count("缺驻村辅警") == missing
    assert shown[0] == "驻村辅警-V001"


def test_internal_profile_shows_names_phones_and_banner(
    plan: zones.Plan, internal_html: str
) -> None:
    assert "内部资料 注意保密" in internal_html
    assert 'class="zp-banner"' in internal_html
    officers = plan.officers.set_index("officer_id", drop=False)
    for officer_id in plan.zones["head_officer_id"]:
        assert officers.loc[officer_id, "name"] in internal_html
        assert str(officers.loc[officer_id, "phone"]) in internal_html
    aux = plan.villages["aux_officer_id"].dropna().iloc[0]
    assert officers.loc[aux, "name"] in internal_html
    assert "片区长-01" not in internal_html
    assert '<meta name="zoneplanner-profile" content="internal">' in internal_html


def test_posts_and_patrols_show_no_times_in_public(plan: zones.Plan) -> None:
    full = _with_patrols_and_posts(plan)
    public = maps.make_map(full)
    html = shown(maps.render_html(public))
    assert "07:00" not in html
    patrols = layers(_group(public, "平峰巡逻线"))[0].data["features"]
    assert set(patrols[0]["properties"]) == {"zone", "length", "route"}
    posts = layers(_group(public, "高峰岗点"))[0].data["features"]
    assert set(posts[0]["properties"]) == {"zone"}
    internal = shown(maps.render_html(maps.make_map(full, profile="internal")))
    assert "07:00-09:00" in internal
    assert "用时（分钟）" in internal


# --- layers -----------------------------------------------------------------------------------


def test_layers_and_empty_ones_left_out(plan: zones.Plan, public_map: folium.Map) -> None:
    m = public_map
    patrols = [f"平峰巡逻线（{len(plan.patrols)}）"] if plan_map._present(plan.patrols) else []
    posts = [f"高峰岗点（{len(plan.posts)}）"] if plan_map._present(plan.posts) else []
    assert [g.layer_name for g in feature_groups(m)] == [
        "责任区（6）",
        "警情密度（2250 起，500 米网格）",
        "行政村/社区（90）",
        "辖区边界：白海子派出所辖区",
        *patrols,
        "村警务室（90）",
        *posts,
        "派出所",
    ]
    assert not [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    empty = plan.patrols.iloc[:0] if plan.patrols is not None else None
    bare = maps.make_map(dataclasses.replace(plan, patrols=empty, posts=None))
    names = [g.layer_name for g in feature_groups(bare)]
    assert len(names) == 6
    assert not [n for n in names if n.startswith(("平峰巡逻线", "高峰岗点"))]
    full = maps.make_map(_with_patrols_and_posts(plan))
    names = [g.layer_name for g in feature_groups(full)]
    assert "平峰巡逻线（2）" in names
    assert "高峰岗点（2）" in names


def test_patrol_lines_carry_direction_arrows(plan: zones.Plan) -> None:
    m = maps.make_map(_with_patrols_and_posts(plan))
    arrows = [g for g in layers(_group(m, "平峰巡逻线")) if g.marker is not None]
    assert len(arrows) == 1
    features = arrows[0].data["features"]
    assert len(features) >= 3  # one line and two parts of a MultiLineString
    angles = [
        int(re.search(r"rotate\((\d+)deg\)", arrows[0].style_function(f)["html"]).group(1))
        for f in features
    ]
    # CSS turns clockwise from east: the first line runs 33° north of east (0.01° of latitude
    # against 0.02° of longitude at 41° N), the MultiLineString's parts north, then west
    first_line = angles[: len(angles) - 5]  # the parts get 3 and 2 arrows (1.1 and 0.8 km)
    assert first_line
    assert all(320 <= a <= 335 for a in first_line), angles
    assert angles[-5:] == [270, 270, 270, 180, 180]
    assert external_refs(maps.render_html(m)) == []


def test_zone_labels_at_representative_points(plan: zones.Plan, public_map: folium.Map) -> None:
    m = public_map
    (labels,) = _labels(_group(m, "责任区"))
    points = labels.geometries()  # where the page puts them (quantized like the geometry)
    assert len(points) == len(labels.html) == len(plan.zones)
    for point, label, geom, i in zip(
        points, labels.html, plan.zones.geometry, range(1, 7), strict=True
    ):
        assert geom.contains(point)
        assert f"责任区 {plan.zones['zone_id'].iloc[i - 1]}" in label
        assert f"片区长-{i:02d}" in label
    assert labels.payload()["k"] == "labels"  # drawn as non-interactive DivIcon markers
    assert "interactive: false" in maps.compact.DECODER_JS


def test_adjacent_zones_have_different_colours(plan: zones.Plan, public_map: folium.Map) -> None:
    m = public_map
    layer = layers(_group(m, "责任区"))[0]
    colors = [layer.style_function(f)["fillColor"] for f in layer.data["features"]]
    metric = plan.zones.to_crs(plan.zones.estimate_utm_crs()).geometry.to_list()
    pairs = [
        (i, j)
        for i in range(len(metric))
        for j in range(i + 1, len(metric))
        if metric[i].boundary.intersection(metric[j].boundary).length > 0
    ]
    assert len(pairs) >= 6
    for i, j in pairs:
        assert colors[i] != colors[j], (i, j)
    assert set(colors) <= set(plan_map.ZONE_PALETTE)
    assert len(plan_map.ZONE_PALETTE) >= 8
    assert colors == plan_map.zone_colors(plan.zones)  # deterministic


def test_colouring_of_a_grid_ignores_corner_contacts() -> None:
    cells = [shapely.box(x, y, x + 1, y + 1) for y in range(3) for x in range(3)]
    grid = gpd.GeoDataFrame(geometry=cells, crs=32649)
    graph = plan_map.zone_adjacency(grid)
    assert graph.number_of_edges() == 12  # rook, not queen, contiguity
    assert not graph.has_edge(0, 4)
    colors = plan_map.zone_colors(grid)
    assert all(colors[i] != colors[j] for i, j in graph.edges)


def test_display_geometry_is_simplified_rounded_and_shares_borders(
    plan: zones.Plan, public_map: folium.Map
) -> None:
    m = public_map
    zone_layer = layers(_group(m, "责任区"))[0]
    zones_data = zone_layer.data  # decoded from the page's data, as the page decodes it
    villages_data = layers(_group(m, "行政村"))[0].data
    decimals = zone_layer.topology.decimals
    assert 5 <= decimals <= 7
    for data in (zones_data, villages_data):
        coords = shapely.get_coordinates([shape(f["geometry"]) for f in data["features"]])
        assert np.array_equal(coords, np.round(coords, decimals))
    zone_geoms = [shape(f["geometry"]) for f in zones_data["features"]]
    village_geoms = [shape(f["geometry"]) for f in villages_data["features"]]
    assert shapely.coverage_is_valid(zone_geoms)
    assert shapely.coverage_is_valid(village_geoms)
    # zone outlines lie on village borders: every zone vertex is a village vertex
    village_vertices = {tuple(xy) for xy in shapely.get_coordinates(village_geoms)}
    zone_vertices = {tuple(xy) for xy in shapely.get_coordinates(zone_geoms)}
    assert zone_vertices <= village_vertices
    before = shapely.get_num_coordinates(plan.villages.geometry.array).sum()
    assert shapely.get_num_coordinates(village_geoms).sum() < before
    assert plan_map.display_tolerance(225e6) == plan_map.DISPLAY_TOLERANCE_M
    assert plan_map.display_tolerance(1e6) == pytest.approx(1.0)
    # a large station: half a pixel of a 1000 px view of its extent (here 200 km: 100 m)
    assert plan_map.display_tolerance(2e10, 200e3) == pytest.approx(100.0)
    assert plan_map.display_tolerance(225e6, 15e3) == plan_map.DISPLAY_TOLERANCE_M


def test_incident_density_counts_on_a_grid(plan: zones.Plan, public_map: folium.Map) -> None:
    m = public_map
    layer = layers(_group(m, "警情密度"))[0]
    features = layer.data["features"]
    # one feature per shade: lighter to darker, each with the range of counts it stands for
    ranges = [tuple(int(v) for v in f["properties"]["count"].split("–")) * 2 for f in features]
    lows, highs = [r[0] for r in ranges], [r[-1] for r in ranges]
    opacities = [layer.style_function(f)["fillOpacity"] for f in features]
    assert opacities == sorted(opacities)
    assert len(set(opacities)) == len(opacities)
    assert all(lo <= hi for lo, hi in zip(lows, highs, strict=True))
    assert all(hi < lo for hi, lo in zip(highs, lows[1:], strict=False))  # no overlap
    # the shades cover exactly the occupied cells of the grid, whose counts are every incident
    crs = plan.villages.estimate_utm_crs()
    area = shapely.union_all(plan.zones.to_crs(crs).geometry.array)
    cells, cell = plan_map.incident_grid(plan.incidents, crs, clip=area)
    assert cells["count"].sum() == len(plan.incidents)  # every sample incident is inside
    assert cell == plan_map.DENSITY_CELL_M
    assert f"（{len(plan.incidents)} 起，500 米网格）" in _group(m, "警情密度").layer_name
    assert min(lows) == cells["count"].min()
    assert max(highs) == cells["count"].max()
    drawn = shapely.union_all([shape(f["geometry"]) for f in features])
    occupied = shapely.union_all(cells.geometry.array)
    assert abs(drawn.area - occupied.area) < 1e-3 * occupied.area
    assert sum(len(shapely.get_parts(shape(f["geometry"]))) for f in features) >= len(cells)
    cells, cell = plan_map.incident_grid(plan.incidents, crs, max_cells=100)
    assert cell > plan_map.DENSITY_CELL_M  # coarsened to fit
    assert len(cells) <= 100
    assert cells["count"].sum() == len(plan.incidents)


def test_rooms_existing_and_new_styled_differently(
    plan: zones.Plan, public_map: folium.Map
) -> None:
    m = public_map
    layer = layers(_group(m, "村警务室"))[0]
    styles = {
        f["properties"]["status"]: layer.style_function(f)["fillColor"]
        for f in layer.data["features"]
    }
    assert set(styles) == {"现有", "新建"}
    assert styles["现有"] != styles["新建"]


# --- labels, title and tiles ------------------------------------------------------------------


def test_title_block_has_station_date_and_figures(plan: zones.Plan, public_html: str) -> None:
    title = public_html.split('class="zp-title"')[1].split("</div></div>")[0]
    assert "白海子派出所 责任区方案" in title
    shown = datetime.date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", title).group())
    assert abs(shown - datetime.date.today()) <= datetime.timedelta(days=1)  # made "today"
    deviation = plan.zones["deviation"].abs().max() * 100
    staffed = int(plan.villages["aux_officer_id"].notna().sum())
    new_rooms = int((plan.rooms["status"] == "new").sum())
    assert f"6 个责任区 · 工作量最大偏差 {deviation:.1f}%" in title
    assert f"驻村辅警 {staffed}/90 村" in title
    assert f"新建警务室 {new_rooms} 处" in title


def test_chinese_and_english_labels(plan: zones.Plan, public_html: str) -> None:
    en_html = shown(maps.render_html(maps.make_map(plan, lang="en")))
    for text in ("图例", "责任区（6）", "片区长-01", "现有警务室", "警情密度", "责任区方案"):
        assert text in public_html
        assert text not in en_html
    for text in (
        "Legend",
        "Zones (6)",
        "Zone head 01",
        "Existing police room",
        "Village auxiliary V001",
    ):
        assert text in en_html
        assert text not in public_html
    assert "白海子派出所" in en_html  # data stays Chinese in both


def test_tiles_option(plan: zones.Plan) -> None:
    m = maps.make_map(plan, tiles="osm")
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert [layer.tiles for layer in tiles] == [OSM_URL]
    html = maps.render_html(m)
    assert external_refs(html) == []
    assert set(re.findall(r"https?://[^\s\"'\\]+", html)) == {OSM_URL}
    with pytest.raises(ValueError, match="tianditu_key"):
        maps.make_map(plan, tiles="tianditu")
    with pytest.raises(ValueError, match="placeholder"):
        maps.make_map(plan, tiles="http://pgis.local/{{7*7}}/{z}/{x}/{y}.png")


def test_plan_is_not_modified(plan: zones.Plan) -> None:
    before = {n: getattr(plan, n).copy() for n in ("zones", "villages", "rooms", "officers")}
    maps.render_html(maps.make_map(plan, profile="internal"))
    for name, frame in before.items():
        assert getattr(plan, name).equals(frame), name


def test_gcj02_tiles_shift_the_drawing_not_the_data(plan) -> None:
    import numpy as np
    import shapely

    from maps.plan_map import shifted_for_display

    before = plan.villages.geometry.copy()
    shifted = shifted_for_display(plan, "gcj02")
    assert plan.villages.geometry.equals(before)  # the plan itself untouched
    moved = shapely.distance(
        shifted.villages.to_crs(plan.villages.estimate_utm_crs()).centroid.to_numpy(),
        plan.villages.to_crs(plan.villages.estimate_utm_crs()).centroid.to_numpy(),
    )
    assert np.all((moved > 100) & (moved < 1000))  # hundreds of metres, as GCJ-02 is
    assert shifted_for_display(plan, "wgs84") is plan
    with pytest.raises(ValueError, match="datum"):
        shifted_for_display(plan, "mars")


# --- compact layers (maps.compact) ------------------------------------------------------------


def test_topology_stores_each_shared_border_once() -> None:
    # a 2 × 2 grid of squares, one with a hole, a square island, and the grid's outline
    cells = [shapely.box(x, y, x + 0.01, y + 0.01) for y in (0, 0.01) for x in (0, 0.01)]
    cells[0] = cells[0].difference(shapely.box(0.003, 0.003, 0.006, 0.006))
    island = shapely.box(0.05, 0.05, 0.06, 0.06)
    edge = [(0, 0), (0.01, 0), (0.02, 0), (0.02, 0.01), (0.02, 0.02), (0.01, 0.02), (0, 0.02)]
    outline = shapely.Polygon([*edge, (0, 0.01)])
    topology = Topology(decimals=6)
    handle = topology.add([*cells, island])
    outer = topology.add([outline])
    topology.build()
    arcs = decode_arcs(topology.payload())
    segments = [
        tuple(sorted(map(tuple, arc[i : i + 2].tolist())))
        for arc in arcs
        for i in range(len(arc) - 1)
    ]
    # 12 grid edges, 4 of the hole, 4 of the island: each once, though the grid's are in 2 or 3
    # rings (two cells and the outline)
    assert len(segments) == len(set(segments)) == 20
    assert sum(len(refs) for f in topology.refs(handle) for p in f for refs in p) > len(cells) + 2
    layer = CompactLayer("polygons", topology=topology, handle=handle)
    for decoded, original in zip(layer.geometries(), [*cells, island], strict=True):
        assert decoded.equals(original)
    (ring,) = CompactLayer("outline", topology=topology, handle=outer).geometries()
    assert ring.equals(outline.boundary)


def test_embedded_json_cannot_end_its_script() -> None:
    text = dumps({"name": "</script><!--<img src=x>&", "n": [1, 2]})
    assert "</" not in text
    assert "<!--" not in text
    assert "<" not in text
    assert json.loads(text) == {"name": "</script><!--<img src=x>&", "n": [1, 2]}
    assert decimals_for(15.0) == 5
    assert decimals_for(1.0) == 7
    assert decimals_for(100.0) == 5


def test_compact_layer_data_is_what_the_page_gets(plan: zones.Plan, public_map: folium.Map) -> None:
    html = maps.render_html(public_map)
    villages = layers(_group(public_map, "行政村"))[0]
    block = re.search(
        rf'<script type="application/json" id="{villages.data_id}">(.*?)</script>', html
    )
    data = json.loads(block.group(1))
    assert data == json.loads(dumps(villages.payload()))
    assert len(data["g"]) == len(plan.villages)
    names = data["c"][list(villages.fields).index("name")]
    assert names[0] == "v"
    assert names[1] == [esc(n) for n in plan.villages["name"]]
    topology = villages.topology
    assert f'id="{topology.data_id}"' in html
    assert html.count("var zp = ") == 1  # the decoder once
    # the view is fitted before the first layer is added (no second drawing after fitBounds)
    assert html.index("fitBounds(") < html.index("zp.layer(")
    rooms = layers(_group(public_map, "村警务室"))[0]
    assert len(rooms.geometries()) == len(plan.rooms)
    for point, original in zip(rooms.geometries(), plan.rooms.geometry, strict=True):
        assert point.distance(original) < 1e-5


def test_many_rooms_start_switched_off(plan: zones.Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _group(maps.make_map(plan), "村警务室").show is True  # 90 rooms: shown
    monkeypatch.setattr(plan_map, "MAX_SHOWN_ROOMS", 50)
    m = maps.make_map(plan)
    rooms = _group(m, "村警务室")
    assert rooms.show is False  # in the layer control, unticked
    assert len(layers(rooms)[0].geometries()) == len(plan.rooms)  # all there when ticked
    html = maps.render_html(m)
    assert f"{rooms.get_name()}.addTo(" not in html
    assert f'"村警务室（{len(plan.rooms)}）" : {rooms.get_name()}' in shown(html)


def test_straight_line_patrols_are_marked_on_the_map(sample) -> None:
    from dataclasses import replace

    plan = zones.make_plan(replace(sample, roads=sample.roads.iloc[0:0]), n_zones=4, seed=0)
    assert plan.patrols["approximate"].all()
    html = maps.render_html(maps.make_map(plan, lang="en"))
    assert "straight-line estimate (no roads)" in html
    assert "dotted: no roads" in html
    on_roads = shown(maps.render_html(maps.make_map(zones.make_plan(sample, n_zones=4, seed=0))))
    assert "沿道路" in on_roads
    assert "直线估算" not in on_roads
