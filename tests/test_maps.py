"""Scenario maps: offline HTML, escaping of data (XSS and template injection), labels, tiles."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from branca.element import Element
from folium.plugins import Fullscreen
from shapely.geometry import LineString, Point, box

import maps
from maps import scenario_map
from maps.escape import MISSING, esc, esc_cell, html_table
from maps.offline import NotOfflineError, external_links, external_refs
from maps.tiles import OSM_URL, tile_layers, validate_template
from zones.model import Scenario

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
XSS_QUOTES = "\"'`${alert(1)}\\"
SSTI = "{{ 7*191 }}{% if 1 %}ssti{% endif %}"
PAYLOADS = (XSS_IMG, XSS_SCRIPT, XSS_QUOTES, SSTI)
ORIGIN = (116.0, 39.0)
CELL = 0.01


def _gdf(data: dict, geometry: list) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(data, geometry=geometry, crs="EPSG:4326")


def _empty(*cols: str) -> gpd.GeoDataFrame:
    return _gdf({c: pd.Series([], dtype=object) for c in cols}, [])


def make_scenario(
    names: list[str] | None = None,
    *,
    cols: int = 3,
    tag: str = "",
    full: bool = True,
    n_incidents: int = 2,
    name: str = "",
) -> Scenario:
    """A grid of villages (``cols`` per row) with small other layers; ``tag`` goes into every
    data-derived string (names, categories, townships) when given."""
    names = names or ["东风村", "红旗村", "西湖社区", "南山村", "北岭村", "河湾村"]
    n = len(names)
    x0, y0 = ORIGIN
    polys = [
        box(x0 + CELL * (i % cols), y0 + CELL * (i // cols), x0 + CELL * (i % cols + 1),
            y0 + CELL * (i // cols + 1))
        for i in range(n)
    ]  # fmt: skip
    rows = math.ceil(n / cols)
    ids = [f"V{i:02d}" for i in range(n)]
    villages = _gdf(
        {
            "village_id": ids,
            "name": names,
            "population": pd.array([1000 + i if i % 4 else None for i in range(n)], dtype="Int64"),
            "households": pd.array([300 + i for i in range(n)], dtype="Int64"),
            "kind": ["community" if i % 3 == 2 else "village" for i in range(n)],
            "township": [tag or ("城关镇" if i % 2 else "河口乡") for i in range(n)],
        },
        polys,
    ).set_index(pd.Index(ids))
    east, north = x0 + CELL * cols, y0 + CELL * rows
    jurisdiction = _gdf({"name": [f"{tag}测试派出所辖区"]}, [box(x0, y0, east, north)])
    if not full:
        return Scenario(
            villages=villages,
            jurisdiction=jurisdiction,
            officers=_empty("officer_id", "name", "role"),
            roads=_empty("name", "highway", "speed_kmh", "oneway"),
            incidents=_empty("time", "category"),
            rooms=_empty("village_id", "name"),
            station=_gdf({"name": [f"{tag}测试派出所"]}, [Point(x0 + 0.002, y0 + 0.002)]),
            name=name or f"{tag}测试派出所",
        )
    roads = _gdf(
        {
            "name": [f"{tag}G107", f"{tag}村道"],
            "highway": ["trunk", "residential"],
            "speed_kmh": [80.0, np.nan],
            "oneway": [False, False],
        },
        [
            LineString([(x0, y0 + 0.005), (east, y0 + 0.005)]),
            LineString([(x0 + 0.015, y0), (x0 + 0.015, north)]),
        ],
    )
    rng = np.random.default_rng(1)
    xy = rng.uniform([x0, y0], [east, north], size=(n_incidents, 2))
    times = pd.to_datetime(["2026-01-01 08:30"] * n_incidents)
    times = times.where(np.arange(n_incidents) % 2 == 0)  # every other time unknown (NaT)
    incidents = _gdf(
        {"time": times, "category": [f"{tag}盗窃"] * n_incidents},
        [Point(x, y) for x, y in xy],
    )
    rooms = _gdf(
        {"village_id": [ids[0]], "name": [f"{tag}东风村警务室"]}, [Point(x0 + 0.008, y0 + 0.008)]
    )
    station = _gdf({"name": [f"{tag}测试派出所"]}, [Point(x0 + 0.012, y0 + 0.012)])
    return Scenario(
        villages=villages,
        jurisdiction=jurisdiction,
        officers=_empty("officer_id", "name", "role"),
        roads=roads,
        incidents=incidents,
        rooms=rooms,
        station=station,
        name=name or f"{tag}测试派出所",
    )


def walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from walk(child)


def feature_groups(m: folium.Map) -> list[folium.FeatureGroup]:
    return [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]


def geojsons(m: folium.Map) -> list[folium.GeoJson]:
    return [e for e in walk(m) if isinstance(e, folium.GeoJson)]


@pytest.fixture(scope="module")
def zh_html() -> str:
    return maps.render_html(maps.make_scenario_map(make_scenario()))


# --- offline --------------------------------------------------------------------------------


def test_offline_html_has_no_external_reference(zh_html: str) -> None:
    assert external_refs(zh_html) == []
    assert re.findall(r"https?://", zh_html) == []
    assert 'src="data:text/javascript;base64,' in zh_html
    assert 'href="data:text/css;base64,' in zh_html


def test_st_folium_links_are_all_data_uris() -> None:
    m = maps.make_scenario_map(make_scenario())
    assert external_links(m) == []
    assert [name for name, _ in m.default_js] == ["leaflet", "jquery"]


def _st_folium_app() -> None:  # runs inside AppTest, so imports are local
    from streamlit_folium import st_folium

    import maps
    from tests.test_maps import make_scenario

    st_folium(maps.make_scenario_map(make_scenario()), key="map", height=400)


def test_st_folium_receives_only_inlined_assets() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_st_folium_app, default_timeout=30)
    at.run()
    assert not at.exception
    (component,) = at.get("component_instance")
    args = json.loads(component.proto.json_args)
    assert args["js_links"]
    assert all(link.startswith("data:") for link in args["js_links"] + args["css_links"])
    assert "图例" in args["html"]  # the legend and title travel in the component's html
    assert re.findall(r"https?://", args["script"] + args["header"] + args["html"]) == []


def test_osm_tiles_only_add_the_tile_template() -> None:
    html = maps.render_html(maps.make_scenario_map(make_scenario(), tiles="osm"))
    assert external_refs(html) == []
    assert set(re.findall(r"https?://[^\s\"'\\]+", html)) == {OSM_URL}
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html


def test_tianditu_needs_a_key_and_adds_vector_and_labels() -> None:
    with pytest.raises(ValueError, match="tianditu_key"):
        maps.make_scenario_map(make_scenario(), tiles="tianditu")
    with pytest.raises(ValueError, match="tianditu_key"):
        tile_layers("tianditu", tianditu_key='abc"><img')
    layers = tile_layers("tianditu", tianditu_key="0123456789abcdef")
    assert [layer.overlay for layer in layers] == [False, True]
    assert "vec_w/wmts" in layers[0].tiles
    assert "cva_w/wmts" in layers[1].tiles
    assert layers[0].tiles.endswith("tk=0123456789abcdef")
    assert layers[0].options["subdomains"] == "01234567"
    html = maps.render_html(
        maps.make_scenario_map(make_scenario(), tiles="tianditu", tianditu_key="0123456789abcdef")
    )
    assert external_refs(html) == []


@pytest.mark.parametrize(
    ("template", "match"),
    [
        ("http://pgis.local/tiles/{z}/{x}.png", r"lacks \{y\}"),
        ("http://pgis.local/tiles/{x}/{y}.png", r"lacks \{z\}"),
        ("OpenStreetMap", r"lacks \{z\}, \{x\}, \{y\}"),
        ("javascript:alert(1)//{z}/{x}/{y}", "scheme"),
        ("http://pgis.local/{{7*7}}/{z}/{x}/{y}.png", "placeholder"),
        ("http://pgis.local/{q}/{z}/{x}/{y}.png", "placeholder"),
    ],
)
def test_tile_template_validation(template: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        validate_template(template)
    with pytest.raises(ValueError, match=match):
        maps.make_scenario_map(make_scenario(), tiles=template)


def test_intranet_template_is_used_as_given() -> None:
    url = "http://10.12.0.5/pgis/{z}/{x}/{y}.png"
    m = maps.make_scenario_map(make_scenario(), tiles=url)
    tiles = [c for c in m._children.values() if isinstance(c, folium.TileLayer)]
    assert [layer.tiles for layer in tiles] == [url]
    html = maps.render_html(m)
    assert external_refs(html) == []
    assert validate_template("https://t{s}.example/{z}/{x}/{y}@{r}.png")


def test_make_offline_does_not_leak_into_the_class() -> None:
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    m = maps.make_offline(folium.Map(tiles=None))
    assert m.default_js is not folium.Map.default_js
    assert folium.Map.default_js == before_js
    assert folium.Map.default_css == before_css
    assert any(url.startswith("https://") for _, url in folium.Map().default_js)
    assert all(url.startswith("data:") for _, url in m.default_js + m.default_css)


def test_a_cdn_plugin_is_refused_on_export(tmp_path: Path) -> None:
    m = maps.make_scenario_map(make_scenario())
    Fullscreen().add_to(m)
    assert external_links(m)
    with pytest.raises(NotOfflineError, match="external"):
        maps.save_html(m, tmp_path / "map.html")
    assert not (tmp_path / "map.html").exists()


def test_save_html_writes_utf8(tmp_path: Path) -> None:
    path = maps.save_html(maps.make_scenario_map(make_scenario()), tmp_path / "map.html")
    assert path == tmp_path / "map.html"
    text = path.read_bytes().decode("utf-8")
    assert "图例" in text
    assert text.startswith("<!DOCTYPE html>")


def test_external_refs_finds_assets() -> None:
    html = (
        "<script src=\"https://cdn.example/a.js\"></script><link href='http://x.example/b.css'>"
        "<style>.a{background:url(//cdn.example/i.png)}</style>"
        '<a href="data:text/plain,ok"></a>"src=\\"https://json.example/c.js\\""'
        '<style>@import "https://fonts.example/f.css";</style>'
    )
    assert external_refs(html) == [
        "https://cdn.example/a.js",
        "http://x.example/b.css",
        "//cdn.example/i.png",
        "https://json.example/c.js",
        "https://fonts.example/f.css",
    ]
    with pytest.raises(NotOfflineError, match="5 external"):
        maps.assert_offline(html)
    maps.assert_offline('<script src="data:text/javascript;base64,AA=="></script>')


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_data_strings_reach_the_page_only_escaped(payload: str) -> None:
    scenario = make_scenario(["东风村", payload, "南山村"], tag=payload, name=f"{payload}派出所")
    m = maps.make_scenario_map(scenario)
    html = maps.render_html(m)
    escaped = esc(payload)
    assert payload not in html
    # JSON-embedded data: an unescaped "<" would show as \u003c and run through innerHTML
    for raw in ("\\u003cimg", "\\u003cscript", "\\u003c/script"):
        assert raw not in html
    assert "1337" not in html  # {{ 7*191 }} was not evaluated by Jinja
    # "ssti" only right after the escaped "%}" of the payload, never as Jinja output
    assert all(html[i - 5 : i] == "#125;" for i in (mt.start() for mt in re.finditer("ssti", html)))
    # every layer, its tooltip data and its name
    groups = feature_groups(m)
    assert len(groups) == 6
    for group in groups:
        data = [json.dumps(g.data, ensure_ascii=False) for g in geojsons(group)]
        assert data
        assert any(escaped in d for d in data), group.layer_name
        for d in data:
            for ch in "<>`$\\{}":
                assert ch not in "".join(_property_strings(json.loads(d))), (group.layer_name, ch)
    jurisdiction = [g for g in groups if "辖区边界" in g.layer_name]
    assert escaped in jurisdiction[0].layer_name
    for group in groups:
        assert payload not in group.layer_name
    # title and legend (literal HTML)
    title = html.split('class="zp-title"')[1].split("</div></div>")[0]
    legend = html.split('class="zp-legend"')[1].split("</details>")[0]
    assert escaped in title
    assert escaped in legend


def _property_strings(collection: dict) -> Iterator[str]:
    for feature in collection["features"]:
        yield from (v for v in feature["properties"].values() if isinstance(v, str))


def test_img_payload_shows_as_entities(zh_html: str) -> None:
    html = maps.render_html(maps.make_scenario_map(make_scenario([XSS_IMG, "东风村"], tag=XSS_IMG)))
    assert XSS_IMG not in html
    assert esc(XSS_IMG) in html
    assert esc(XSS_IMG) == "&lt;img src&#61;x onerror&#61;alert(1)&gt;"
    assert "\\u0026lt;img" in html  # inside the embedded GeoJSON


@pytest.mark.parametrize(
    "name", ["<img src=http://evil.example/x.png>", "url(//evil.example/a.css)", "src=https://x.cn"]
)
def test_links_in_data_are_text_and_do_not_trip_the_offline_guard(name: str) -> None:
    scenario = make_scenario([name, "东风村"], tag=name)
    html = maps.render_html(maps.make_scenario_map(scenario))  # raises NotOfflineError if not
    assert maps.external_refs(html) == []


def test_esc() -> None:
    assert esc('<a href="x">&') == "&lt;a href&#61;&quot;x&quot;&gt;&amp;"
    assert esc("it's `${x}` \\ {{ y }}") == (
        "it&#x27;s &#96;&#36;&#123;x&#125;&#96; &#92; &#123;&#123; y &#125;&#125;"
    )
    for missing in (None, float("nan"), np.nan, pd.NA, pd.NaT, np.datetime64("NaT")):
        assert esc(missing) == ""
        assert esc_cell(missing) == MISSING
    assert esc(("V1", "<V2>")) == "V1, &lt;V2&gt;"
    assert esc(0) == "0"
    assert esc("东风村") == "东风村"


def test_html_table_escapes_labels_and_values() -> None:
    table = html_table([("<b>", XSS_IMG), ("人口", None)])
    assert "<b>" not in table
    assert XSS_IMG not in table
    assert f"<td>{MISSING}</td>" in table
    assert table.startswith('<table class="zp-table"><tr><th>&lt;b&gt;</th>')


# --- content and labels -----------------------------------------------------------------------


def test_chinese_and_english_labels(zh_html: str) -> None:
    en_html = maps.render_html(maps.make_scenario_map(make_scenario(), lang="en"))
    for text in ("图例", "行政村（按乡镇着色）", "辖区现状", "主要道路", "现有警务室"):
        assert text in zh_html
        assert text not in en_html
    for text in ("Legend", "Villages (coloured by township)", "Major road", "Existing police room"):
        assert text in en_html
        assert text not in zh_html
    assert "测试派出所" in zh_html  # data stays Chinese in both
    assert "测试派出所" in en_html


def test_layer_names_and_count() -> None:
    m = maps.make_scenario_map(make_scenario())
    names = [g.layer_name for g in feature_groups(m)]
    assert names == [
        "行政村/社区（6）",
        "道路（2）",
        "辖区边界：测试派出所辖区",
        "现有警务室（1）",
        "警情（2）",
        "派出所",
    ]
    controls = [c for c in m._children.values() if isinstance(c, folium.LayerControl)]
    assert len(controls) == 1
    en = maps.make_scenario_map(make_scenario(), lang="en")
    assert [g.layer_name for g in feature_groups(en)][0] == "Villages (6)"


def test_empty_layers_are_left_out() -> None:
    m = maps.make_scenario_map(make_scenario(full=False))
    assert [g.layer_name for g in feature_groups(m)] == [
        "行政村/社区（6）",
        "辖区边界：测试派出所辖区",
        "派出所",
    ]
    assert external_refs(maps.render_html(m)) == []


def test_tooltip_fields_and_missing_values() -> None:
    m = maps.make_scenario_map(make_scenario())
    villages = geojsons(feature_groups(m)[0])[0]
    first = villages.data["features"][0]["properties"]
    assert first == {
        "name": "东风村",
        "village_id": "V00",
        "township": "河口乡",
        "population": MISSING,  # <NA>
        "kind": "行政村",
    }
    tooltip = next(c for c in villages._children.values() if isinstance(c, folium.GeoJsonTooltip))
    assert tooltip.aliases == ["名称", "村编号", "乡镇/街道", "人口", "类型"]
    incidents = geojsons(feature_groups(m)[4])[0]
    times = [f["properties"]["time"] for f in incidents.data["features"]]
    assert times == ["2026-01-01 08:30", MISSING]
    assert set(incidents.data["features"][0]["properties"]) == {"category", "time"}


def test_villages_coloured_by_township() -> None:
    m = maps.make_scenario_map(make_scenario())
    villages = geojsons(feature_groups(m)[0])[0]
    fills = {villages.style_function(f)["fillColor"] for f in villages.data["features"]}
    assert fills == set(scenario_map.TOWNSHIP_PALETTE[:2])


def test_many_incidents_are_sampled() -> None:
    n = scenario_map.MAX_INCIDENT_POINTS + 500
    m = maps.make_scenario_map(make_scenario(n_incidents=n))
    group = feature_groups(m)[4]
    assert group.layer_name == f"警情（随机抽样显示 {scenario_map.MAX_INCIDENT_POINTS}/{n}）"
    assert len(geojsons(group)[0].data["features"]) == scenario_map.MAX_INCIDENT_POINTS
    again = maps.make_scenario_map(make_scenario(n_incidents=n))
    assert geojsons(feature_groups(again)[4])[0].data == geojsons(group)[0].data


def test_view_fits_the_jurisdiction() -> None:
    m = maps.make_scenario_map(make_scenario())
    fit = [c for c in m._children.values() if type(c).__name__ == "FitView"]
    assert fit[0].bounds == [[39.0, 116.0], [39.02, 116.03]]
    # fitted before any layer is added (and again when shown: tests/test_map_fit_browser.py)
    children = list(m._children.values())
    first_group = next(i for i, c in enumerate(children) if isinstance(c, folium.FeatureGroup))
    assert children.index(fit[0]) < first_group
    assert m.options["prefer_canvas"] is True


def test_inputs_are_not_modified() -> None:
    scenario = make_scenario()
    before = {name: getattr(scenario, name).copy() for name in ("villages", "roads", "incidents")}
    maps.render_html(maps.make_scenario_map(scenario))
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(scenario, name), frame)


def test_rows_without_geometry_are_skipped() -> None:
    scenario = make_scenario()
    villages = scenario.villages.copy()
    villages.loc["V01", "geometry"] = None
    broken = Scenario(
        villages=villages,
        jurisdiction=scenario.jurisdiction,
        officers=scenario.officers,
        roads=scenario.roads,
        incidents=scenario.incidents,
        rooms=scenario.rooms,
        station=scenario.station,
        name=scenario.name,
    )
    m = maps.make_scenario_map(broken)
    data = geojsons(feature_groups(m)[0])[0].data
    assert [f["properties"]["village_id"] for f in data["features"]] == [
        "V00", "V02", "V03", "V04", "V05",
    ]  # fmt: skip
    maps.render_html(m)


def test_legend_lists_townships_up_to_a_limit_and_missing_ones() -> None:
    n = scenario_map.MAX_LEGEND_TOWNSHIPS + 2
    scenario = make_scenario([f"村{i}" for i in range(n + 1)], cols=5)
    villages = scenario.villages.copy()
    villages["township"] = [f"镇{i:02d}" for i in range(n)] + [None]
    scenario = Scenario(
        villages=villages,
        jurisdiction=scenario.jurisdiction,
        officers=scenario.officers,
        roads=scenario.roads,
        incidents=scenario.incidents,
        rooms=scenario.rooms,
        station=scenario.station,
        name=scenario.name,
    )
    html = maps.render_html(maps.make_scenario_map(scenario))
    legend = html.split('class="zp-legend"')[1].split("</details>")[0]
    assert "镇11" in legend
    assert "镇12" not in legend
    assert "另有 2 个乡镇" in legend
    assert "未注明乡镇" in legend
    assert scenario_map.NO_TOWNSHIP_COLOR in legend
