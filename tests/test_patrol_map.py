"""The patrol map (maps.patrol_map) on the bundled sample: a zone's line, numbered stops and
posts with their place, times only in the internal profile, every value escaped, offline."""

from __future__ import annotations

import dataclasses
import re

import folium
import pytest

import maps
import zones
from maps.i18n import t
from maps.patrol_map import INTERNAL, make_patrol_map

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture(scope="module")
def plan() -> zones.Plan:
    return zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH))


def page(plan: zones.Plan, **options: object) -> str:
    return maps.render_html(make_patrol_map(plan, **options))  # render_html checks offline


def marks(m: folium.Map, css: str) -> list[str]:
    """The text of every marker drawn as a ``<div class="css">`` box, in drawing order."""
    found = []

    def walk(element: object) -> None:
        if isinstance(element, folium.GeoJson):
            for feature in element.data.get("features", []):
                hit = re.fullmatch(
                    rf'<div class="{css}">([^<]*)</div>', feature["properties"].get("html", "")
                )
                if hit:
                    found.append(hit.group(1))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(m)
    return found


def features(m: folium.Map) -> list[dict]:
    """Every feature of the map's GeoJSON layers."""
    found = []

    def walk(element: object) -> None:
        if isinstance(element, folium.GeoJson):
            found.extend(element.data.get("features", []))
        for child in getattr(element, "_children", {}).values():
            walk(child)

    walk(m)
    return found


def test_a_zones_map_numbers_its_stops_and_names_its_posts(plan: zones.Plan) -> None:
    m = make_patrol_map(plan, zone="2", lang="zh")
    html = maps.render_html(m)
    line = plan.patrols.set_index("zone_id").loc["2"]
    assert t("map.patrol.title_zone", "zh", name=plan.name, zone="2") in html
    assert f"巡逻线 {line.length_m / 1000:.1f} 公里" in html
    assert marks(m, "zp-start") == [t("map.patrol.start_mark", "zh")]
    assert marks(m, "") == [str(i) for i in range(1, line.stops + 1)]
    assert marks(m, "zp-post") == ["岗1", "岗2"]
    posts = plan.posts[plan.posts["zone_id"] == "2"]
    places = [f["properties"].get("place") for f in features(m)]
    for post in posts.itertuples():
        assert f"{post.village_name} · {post.road_name}" in places
    lines = [f for f in features(m) if "length" in f["properties"]]
    assert len(lines) == len(plan.patrols)  # this zone's, and the others' as context
    assert '<html lang="zh-CN">' in html


def test_public_maps_show_no_times_internal_ones_do(plan: zones.Plan) -> None:
    hours = plan.posts.loc[plan.posts["zone_id"] == "2", "hours"].iloc[0]
    window = hours.split(",")[0].replace("-", "\\u2013")  # as the page's JSON writes it
    public = page(plan, zone="2", lang="en")
    assert window not in public
    assert t("map.plan.banner", "en") not in public
    internal = page(plan, zone="2", lang="en", profile=INTERNAL)
    assert window in internal
    assert t("map.plan.banner", "en") in internal


def test_the_overview_draws_every_line_and_no_stop_numbers(plan: zones.Plan) -> None:
    m = make_patrol_map(plan, lang="en")
    html = maps.render_html(m)
    assert t("map.patrol.layer.line", "en", n=len(plan.patrols)) in html
    assert t("map.patrol.subtitle", "en", lines=len(plan.patrols), posts=len(plan.posts)) in html
    assert marks(m, "zp-start") == ["S"] * len(plan.patrols)
    assert marks(m, "") == []  # no stop numbers
    assert marks(m, "zp-post") == []  # posts as dots


def test_names_from_the_data_are_escaped(plan: zones.Plan) -> None:
    posts = plan.posts.assign(village_name=HOSTILE, road_name="{{ 7*7 }}")
    villages = plan.villages.assign(name=HOSTILE)
    hostile = dataclasses.replace(plan, posts=posts, villages=villages, name=HOSTILE)
    html = page(hostile, zone="2", lang="zh")
    assert "<img src" not in html
    assert "{{ 7*7 }}" not in html
    assert "&lt;img src&#61;x" in html


def test_an_unknown_zone_or_profile_is_refused(plan: zones.Plan) -> None:
    with pytest.raises(ValueError, match="no zone"):
        make_patrol_map(plan, zone="99")
    with pytest.raises(ValueError, match="profile"):
        make_patrol_map(plan, profile="everyone")
