"""Legible maps: zone colours (distinct for colour-blind eyes, keyed by zone id, never shared by
neighbours), what is on at start, incident colours, the legend, label places, page title and
language. (The page's behaviour in a browser: tests/test_map_fit_browser.py.)"""

from __future__ import annotations

import datetime
import itertools
import re

import folium
import geopandas as gpd
import numpy as np
import pytest
import shapely
import shapely.affinity

import maps
import zones
from maps import colors, plan_map, scenario_map
from maps.compact import CompactLayer
from maps.view import Declutter, FitView, KeepOrder, MetricScale, Panels
from zones.plan.edits import current_labels, move_villages, village_graph

from .test_maps import feature_groups, make_scenario, walk

# --- colour vision ----------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
CVD = {
    "normal": np.eye(3),
    "protan": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deutan": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritan": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
_WHITE = np.array([0.95047, 1.0, 1.08883])


def _linear(hex_color: str) -> np.ndarray:
    c = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def seen(color: str, vision: str, *, alpha: float = 1.0, background: str = "#ffffff") -> np.ndarray:
    """CIELAB of ``color`` drawn at ``alpha`` over ``background``, as ``vision`` sees it."""
    rgb = alpha * _linear(color) + (1 - alpha) * _linear(background)
    f = (_XYZ @ np.clip(CVD[vision] @ rgb, 0, 1)) / _WHITE
    f = np.where(f > 216 / 24389, np.cbrt(f), (24389 / 27 * f + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_hue = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    l_bar, c_bar = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_bar = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_bar = (h1 + h2) / 2
    else:
        h_bar = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(h_bar - 30))
        + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6))
        - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / np.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_bar, 1 + 0.015 * c_bar * t
    r_t = (
        -np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2))))
        * 2
        * np.sqrt(c_bar**7 / (c_bar**7 + 25**7))
    )
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, d_hue / s_h
    return float(np.sqrt(dl**2 + dc**2 + dhh**2 + r_t * dc * dhh))


def closest_pair(palette: tuple[str, ...], alpha: float, *, with_background: bool) -> float:
    """The smallest CIEDE2000 between two colours (and the map's background) in any vision."""
    bg = scenario_map.BACKGROUND_COLOR
    worst = np.inf
    for vision in CVD:
        labs = [seen(c, vision, alpha=alpha, background=bg) for c in palette]
        if with_background:
            labs.append(seen(bg, vision))
        for a, b in itertools.combinations(labs, 2):
            worst = min(worst, delta_e(a, b))
    return float(worst)


def test_delta_e_matches_published_pairs() -> None:
    # Sharma, Wu & Dalal (2005), pairs 1 and 17
    assert delta_e(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])) == pytest.approx(
        2.0425, abs=1e-3
    )
    assert delta_e(np.array([50, 2.5, 0]), np.array([73, 25, -18])) == pytest.approx(
        27.1492, abs=1e-3
    )


def test_zone_palette_stays_distinct_in_every_colour_vision() -> None:
    palette, alpha = colors.ZONE_PALETTE, colors.ZONE_FILL_OPACITY
    assert len(palette) == len(set(palette)) == 12
    assert closest_pair(palette, alpha, with_background=True) >= 6.0
    assert closest_pair(palette[:4], alpha, with_background=True) >= 14.0  # small stations
    # the palette it replaces (Tableau 10 less red, at 0.4) had pairs a red-blind eye cannot
    # tell apart: the measure does tell palettes apart
    old = ("#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7")
    assert closest_pair(old, 0.4, with_background=False) < 2.0


def test_incidents_are_not_the_red_of_main_roads() -> None:
    road = scenario_map.ROAD_STYLES["major"]["color"]
    for vision in CVD:
        a, b = seen(scenario_map.INCIDENT_COLOR, vision), seen(road, vision)
        assert delta_e(a, b) >= 15.0, vision


# --- colours keyed by zone id -----------------------------------------------------------------


@pytest.fixture(scope="module")
def plan() -> zones.Plan:
    return zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=12, patrol=False)


def _border_move(plan: zones.Plan) -> dict[str, str]:
    """A village and the neighbouring zone it can join, every zone staying in one piece."""
    graph, labels = village_graph(plan), current_labels(plan)
    for i in range(graph.n):
        for j in graph.neighbours(i):
            if labels.iloc[j] != labels.iloc[i]:
                move = {plan.villages.index[i]: labels.iloc[j]}
                if move_villages(plan, move, graph=graph).metrics["all_contiguous"]:
                    return move
    raise AssertionError("no border village")


def _fills(m: folium.Map) -> dict[str, str]:
    """Zone name → fill colour, as the page gets them."""
    (layer,) = [
        e for e in walk(plan_map_group(m)) if isinstance(e, CompactLayer) and e.kind == "polygons"
    ]
    return {
        f["properties"]["zone"]: layer.style_function(f)["fillColor"]
        for f in layer.data["features"]
    }


def plan_map_group(m: folium.Map) -> folium.FeatureGroup:
    (group,) = [g for g in feature_groups(m) if g.layer_name.startswith("责任区（")]
    return group


def test_each_of_twelve_zones_has_its_own_colour_kept_through_an_edit(plan: zones.Plan) -> None:
    fills = _fills(maps.make_map(plan))
    assert len(fills) == 12
    assert len(set(fills.values())) == 12  # the legend names one zone per colour
    ids = sorted(plan.zones["zone_id"].astype(str), key=int)
    assert fills == {f"责任区 {z}": colors.ZONE_PALETTE[i] for i, z in enumerate(ids)}

    edited = move_villages(plan, _border_move(plan))
    assert not edited.zones.geometry.geom_equals(plan.zones.geometry).all()
    assert _fills(maps.make_map(edited)) == fills  # same zone id, same colour
    # the row order of the zones does not matter either
    shuffled = plan.zones.iloc[::-1]
    by_id = dict(zip(shuffled["zone_id"], colors.zone_colors(shuffled), strict=True))
    assert by_id == dict(zip(plan.zones["zone_id"], colors.zone_colors(plan.zones), strict=True))


def _grid(rows: int, cols: int) -> gpd.GeoDataFrame:
    cells = [shapely.box(x, y, x + 1, y + 1) for y in range(rows) for x in range(cols)]
    ids = [str(i + 1) for i in range(len(cells))]
    return gpd.GeoDataFrame({"zone_id": ids}, geometry=cells, crs=32649)


def test_more_zones_than_colours_neighbours_differ_and_colours_stay() -> None:
    grid = _grid(6, 5)  # 30 zones, 12 colours
    graph = colors.zone_adjacency(grid)
    fills = colors.zone_colors(grid)
    assert all(fills[i] != fills[j] for i, j in graph.edges)
    assert len(set(fills)) == 12
    # keyed by id: zone k keeps palette[k mod 12] wherever no earlier neighbour has it
    kept = sum(f == colors.ZONE_PALETTE[i % 12] for i, f in enumerate(fills))
    assert kept >= 25, kept
    # a border moves (cell 8 takes half of cell 9): the colours of far zones do not change
    moved = grid.copy()
    moved.loc[7, "geometry"] = shapely.box(2, 1, 3.5, 2)
    moved.loc[8, "geometry"] = shapely.box(3.5, 1, 4, 2)
    after = colors.zone_colors(moved)
    assert all(after[i] != after[j] for i, j in colors.zone_adjacency(moved).edges)
    changed = [i for i in range(len(grid)) if after[i] != fills[i]]
    assert len(changed) <= 3, changed


# --- what a page starts with ------------------------------------------------------------------


def test_plan_map_starts_with_the_zones_not_the_clutter() -> None:
    plan = zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=6)
    m = maps.make_map(plan)
    show = {g.layer_name.split("（")[0]: g.show for g in feature_groups(m)}
    assert show == {
        "责任区": True,
        "警情密度": False,  # would muddy the zone colours
        "行政村/社区": True,
        "辖区边界：白海子派出所辖区": True,
        "平峰巡逻线": False,  # the patrol map shows them
        "村警务室": True,
        "高峰岗点": False,
        "派出所": True,
    }
    children = list(m._children.values())
    first_layer = next(i for i, c in enumerate(children) if isinstance(c, folium.FeatureGroup))
    (fit,) = [i for i, c in enumerate(children) if isinstance(c, FitView)]
    (control,) = [i for i, c in enumerate(children) if isinstance(c, folium.LayerControl)]
    assert fit < first_layer  # the first view is drawn once
    for kind in (Panels, Declutter, KeepOrder):
        (after,) = [i for i, c in enumerate(children) if isinstance(c, kind)]
        assert after > control
    assert sum(isinstance(c, MetricScale) for c in children) == 1
    html = maps.render_html(m)
    assert "ResizeObserver" in html
    assert "imperial: false" in html
    # KeepOrder restacks every feature group, in the order they were added
    stack = re.search(r"\((map_\w+), \[((?:feature_group_\w+(?:, )?)+)\]\)", html)
    assert stack is not None
    assert stack.group(2).split(", ") == [g.get_name() for g in feature_groups(m)]


@pytest.mark.parametrize(("n", "on"), [(2, True), (scenario_map.MAX_SHOWN_INCIDENTS + 1, False)])
def test_many_incidents_start_switched_off(n: int, on: bool) -> None:
    m = maps.make_scenario_map(make_scenario(n_incidents=n))
    (incidents,) = [g for g in feature_groups(m) if g.layer_name.startswith("警情")]
    assert incidents.show is on


# --- legend, labels, page ---------------------------------------------------------------------


def test_legend_lists_twelve_zones_in_a_grid_and_folds(plan: zones.Plan) -> None:
    html = maps.render_html(maps.make_map(plan))
    legend = html.split('<details class="zp-legend" open')[1].split("</details>")[0]
    assert "<summary" in legend
    assert "max-height" in legend
    grid = legend.split("display:grid;grid-template-columns:auto auto auto")[1]
    cells = re.findall(r"background:(#[0-9A-Fa-f]{6});[^>]*></span>(责任区 \d+)</div>", grid)
    # every zone, in natural order, with its own colour
    assert cells == [(c, f"责任区 {i}") for i, c in enumerate(colors.ZONE_PALETTE, start=1)]
    # six zones or fewer: one to a line, with their heads
    few = maps.render_html(maps.make_map(zones.make_plan(plan_scenario(), n_zones=5, patrol=False)))
    assert "grid-template-columns" not in few
    assert "责任区 1 · 片区长-01" in few


def plan_scenario() -> zones.Scenario:
    return zones.read_scenario(zones.SAMPLE_PATH)


def test_labels_sit_where_each_zone_has_most_room(plan: zones.Plan) -> None:
    m = maps.make_map(plan)
    (labels,) = [
        e for e in walk(plan_map_group(m)) if isinstance(e, CompactLayer) and e.kind == "labels"
    ]
    crs = plan.zones.estimate_utm_crs()
    metric = plan.zones.to_crs(crs).geometry.to_list()
    points = gpd.GeoSeries(labels.geometries(), crs=4326).to_crs(crs).to_list()
    for zone, point, html in zip(metric, points, labels.html, strict=True):
        radius = shapely.length(shapely.maximum_inscribed_circle(zone))
        room = zone.exterior.distance(point)
        assert zone.contains(point)
        assert room >= 0.9 * radius  # the label sits at the pole of inaccessibility
        assert f'data-p="{round(radius)}"' in html  # the larger zone's label wins a clash
    # a U-shaped zone: the label is in an arm, not in the gap nor on a border
    x0, y0 = 500_000, 4_500_000  # metres in the UTM zone of the sample
    u = shapely.affinity.translate(
        shapely.Polygon(
            [(0, 0), (90, 0), (90, 90), (60, 90), (60, 30), (30, 30), (30, 90), (0, 90)]
        ),
        x0,
        y0,
    )
    (lat_lon,), (radius,) = plan_map.label_points(np.array([u]), crs)
    point = gpd.GeoSeries([shapely.Point(lat_lon[1], lat_lon[0])], crs=4326).to_crs(crs)[0]
    assert radius >= 15
    assert u.exterior.distance(point) >= 15  # as far from every border as the arms allow
    assert not shapely.Polygon([(30, 30), (60, 30), (60, 90), (30, 90)]).contains(
        shapely.affinity.translate(point, -x0, -y0)
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pages_carry_their_language_and_title(plan: zones.Plan, lang: str) -> None:
    today = datetime.date.today().isoformat()
    html = maps.render_html(maps.make_map(plan, lang=lang))
    code = {"zh": "zh-CN", "en": "en"}[lang]
    assert html.startswith(f'<!DOCTYPE html>\n<html lang="{code}">')
    title = {"zh": f"{plan.name} 责任区方案 {today}", "en": f"{plan.name} zone plan {today}"}
    assert f"<title>{title[lang]}</title>" in html
    scenario = maps.render_html(maps.make_scenario_map(make_scenario(name="东风派出所"), lang=lang))
    assert f'<html lang="{code}">' in scenario
    assert {
        "zh": "<title>东风派出所 场景数据</title>",
        "en": "<title>东风派出所: scenario</title>",
    }[lang] in scenario


def test_hostile_station_names_reach_the_title_escaped(plan: zones.Plan) -> None:
    import dataclasses

    evil = dataclasses.replace(plan, name="</title><script>alert(1)</script>{{ 7*7 }}")
    html = maps.render_html(maps.make_map(evil))
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<" not in title
    assert "{{" not in title
    assert "&lt;/title&gt;&lt;script&gt;" in title
