"""The patrol tab on the bundled sample: a zone's stops in order with their places, posts with
place and hours, kilometres with one decimal, and the tab showing its map and a zone's stops
(AppTest)."""

from __future__ import annotations

import dataclasses

import pytest
from streamlit.testing.v1 import AppTest

import zones
from ui import patrol_tab
from ui.i18n import t
from ui.patrol_tables import (
    coverage_figures,
    lines_table,
    posts_table,
    stops_table,
    with_place_names,
    zone_table,
)
from zones.patrol.places import PLACE_COLUMNS
from zones.plan.choices import stale_zones
from zones.plan.comparison import current_labels
from zones.plan.edits import move_villages, village_graph
from zones.report import format_ids

LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def scenario() -> zones.Scenario:
    return zones.read_scenario(zones.SAMPLE_PATH)


@pytest.fixture(scope="module")
def plan(scenario: zones.Scenario) -> zones.Plan:
    return zones.make_plan(scenario)


def col(key: str, lang: str) -> str:
    return t(f"app.patrol.col.{key}", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_zones_stops_are_listed_in_order_from_the_start_and_back(
    plan: zones.Plan, lang: str
) -> None:
    names = dict(zip(plan.villages["village_id"], plan.villages["name"], strict=True))
    for line in plan.patrols.itertuples():
        table = stops_table(plan, line.zone_id, lang)
        assert len(table) == line.stops + 2  # the start, each stop, the way back
        order = list(table[col("order", lang)])
        assert order[0] == t("map.patrol.start_mark", lang)
        assert order[1:-1] == [str(i) for i in range(1, line.stops + 1)]
        assert order[-1] == t("app.patrol.back_mark", lang)
        km = table[col("along_km", lang)]
        assert km.iloc[0] == 0
        assert km.is_monotonic_increasing
        assert km.iloc[-1] == round(line.length_m / 1000, 1)
        assert all(v == round(v, 1) for v in km)  # one decimal
        arrive = table[col("arrive", lang)]
        assert arrive.is_monotonic_increasing
        assert arrive.iloc[-1] == round(line.minutes)
        # every stop has a place in words: a police room by its village, else village and road
        places = table[col("place", lang)]
        assert (places != "").all()
        stops = plan.stops
        visited = stops[(stops["zone_id"] == line.zone_id) & (stops["status"] == "visited")]
        visited = visited.sort_values("order")
        for place, (_, stop) in zip(places.iloc[:-1], visited.iterrows(), strict=True):
            if stop["kind"] == "room":
                assert place == t("map.patrol.room_place", lang, village=names[stop["ref"]])
            elif stop["kind"] == "hotspot":
                assert stop["village_name"] in place
                assert stop["road_name"] in place
        assert places.iloc[-1] == places.iloc[0]  # back where it started


def test_a_zone_without_a_line_has_an_empty_table(plan: zones.Plan) -> None:
    table = stops_table(plan, "no-such-zone", "zh")
    assert table.empty
    assert col("place", "zh") in table.columns


@pytest.mark.parametrize("lang", LANGS)
def test_posts_show_their_place_and_hours(plan: zones.Plan, lang: str) -> None:
    table = posts_table(plan, lang)
    assert len(table) == len(plan.posts)
    for (_, post), (_, row) in zip(plan.posts.iterrows(), table.iterrows(), strict=True):
        place = row[col("place", lang)]
        assert post["village_name"]
        assert post["village_name"] in place
        assert post["road_name"] in place
        hours = row[col("hours", lang)]
        assert (
            hours.replace("–", "-").replace(t("map.patrol.hours_sep", lang), ",") == post["hours"]
        )
    one = posts_table(plan, lang, zone="9")
    assert list(one[col("post", lang)]) == [
        t("map.patrol.post_mark", lang, n=n)
        for n in range(1, (plan.posts["zone_id"] == "9").sum() + 1)
    ]
    assert col("zone", lang) not in one.columns


def test_lengths_are_kilometres_with_one_decimal(plan: zones.Plan) -> None:
    lines = lines_table(plan, "zh")
    assert list(lines[col("length_km", "zh")]) == [
        round(m / 1000, 1) for m in plan.patrols["length_m"]
    ]
    assert list(lines[col("posts", "zh")]) == [
        int((plan.posts["zone_id"] == z).sum()) for z in plan.patrols["zone_id"]
    ]
    by_zone = zone_table(plan, "zh")
    assert by_zone is not None
    km = by_zone[t("app.patrol.km.patrol_length_m", "zh")]
    assert list(km) == [round(m / 1000, 1) for m in plan.zones["patrol_length_m"]]
    assert not [c for c in by_zone.columns if "（米）" in c]
    figures = coverage_figures(plan.metrics, "zh")
    values = dict(zip(figures.iloc[:, 0], figures.iloc[:, 1], strict=True))
    median = plan.metrics["base_distance_m_median"]
    assert values[t("app.patrol.km.base_distance_m_median", "zh")] == f"{median / 1000:.1f}"


def test_a_plan_without_places_gets_them_from_villages_and_roads(
    plan: zones.Plan, scenario: zones.Scenario
) -> None:
    bare = dataclasses.replace(
        plan,
        posts=plan.posts.drop(columns=PLACE_COLUMNS),
        stops=plan.stops.drop(columns=PLACE_COLUMNS),
    )
    named = with_place_names(bare, scenario)
    for name in ("posts", "stops"):
        got, want = getattr(named, name), getattr(plan, name)
        assert got[PLACE_COLUMNS].equals(want[PLACE_COLUMNS]), name
    assert with_place_names(plan) is plan
    no_roads = with_place_names(bare)  # without the scenario: villages only
    assert (no_roads.posts["road_name"] == "").all()
    assert no_roads.posts["village_name"].equals(plan.posts["village_name"])


# --- the tab in AppTest ----------------------------------------------------------------------


def tab_script(plan, lang):  # no annotations: the body runs as a script on its own
    from ui import patrol_tab

    patrol_tab.render(plan, lang)


def pages(at: AppTest) -> list[str]:
    return [el.proto.srcdoc for el in at.get("iframe")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_patrol_tab_shows_the_map_and_a_zones_stops(plan: zones.Plan, lang: str) -> None:
    at = AppTest.from_function(tab_script, args=(plan, lang), default_timeout=60)
    at.run()
    assert not at.exception
    assert not at.error
    choice = at.selectbox(key=patrol_tab.ZONE_KEY)
    assert choice.value == "1"  # the first zone with a line
    assert choice.options[-1] == t("app.patrol.all_zones", lang)
    (page,) = pages(at)
    assert "leaflet" in page.lower()
    assert "L.map(" in page
    title = t("map.patrol.title_zone", lang, name=plan.name, zone="1")
    assert title in page.replace("&#39;", "'")
    stops = at.dataframe[0].value
    assert list(stops.columns)[:3] == [col(k, lang) for k in ("order", "place", "kind")]
    assert len(stops) == int(plan.patrols.set_index("zone_id").loc["1", "stops"]) + 2
    assert t("app.patrol.route", lang, n=len(stops) - 2) in [
        m.value.lstrip("# ") for m in at.markdown
    ]

    # another zone: its own map and stops
    choice.set_value("9")
    at.run()
    (page,) = pages(at)
    assert t("map.patrol.title_zone", lang, name=plan.name, zone="9") in page.replace("&#39;", "'")
    stops = at.dataframe[0].value
    assert len(stops) == int(plan.patrols.set_index("zone_id").loc["9", "stops"]) + 2
    (posts,) = [
        f.value
        for f in at.dataframe
        if col("post", lang) in f.value.columns and col("zone", lang) not in f.value.columns
    ]
    mine = plan.posts[plan.posts["zone_id"] == "9"]
    assert len(posts) == len(mine)
    for place, village in zip(posts[col("place", lang)], mine["village_name"], strict=True):
        assert village in place

    # the overview: every line, no stop list
    at.selectbox(key=patrol_tab.ZONE_KEY).set_value(patrol_tab.ALL)
    at.run()
    (page,) = pages(at)
    assert t("map.patrol.title", lang, name=plan.name) in page.replace("&#39;", "'")
    assert not [f for f in at.dataframe if col("order", lang) in f.value.columns]


def test_the_tab_says_which_zones_lines_are_older_than_a_hand_edit(plan: zones.Plan) -> None:
    graph = village_graph(plan)
    labels = current_labels(plan)
    i, j = next(
        (i, j)
        for i in range(graph.n)
        for j in graph.neighbours(i)
        if labels.iloc[i] != labels.iloc[j]
    )
    village, zone = plan.villages.index[i], labels.iloc[j]
    edited = move_villages(plan, {village: zone}, graph=graph)
    stale = stale_zones(edited)
    assert set(stale) == {labels.iloc[i], zone}
    at = AppTest.from_function(tab_script, args=(edited, "zh"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [t("app.patrol.stale", "zh", zones=format_ids(stale))]
    at = AppTest.from_function(tab_script, args=(plan, "zh"), default_timeout=60)
    at.run()
    assert not at.warning
