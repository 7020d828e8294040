"""The app's result tabs (staffing, patrol, export, roster) on the bundled sample, in zh and en.

Each tab is rendered on its own with ``AppTest.from_function`` (the plan is passed in as an
argument), so these tests do not depend on how the page wires the tabs. Downloads are checked
through the same callables the buttons are given (AppTest cannot fetch a deferred download).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from streamlit.testing.v1 import AppTest

import maps
import zones
from ui import downloads, export_tab, patrol_tab, roster_tab
from ui.i18n import t
from ui.tables import People
from zones import columns as C
from zones.plan.pipeline import AUX_OFFICER_ID, HEAD_OFFICER_ID
from zones.roster.roster import role_label

from .test_export import assert_same_layers

LANGS = ("zh", "en")


def tab_script(tab, plan, lang):  # no annotations: the body runs as a script on its own
    """The AppTest script: one tab of one plan."""
    import importlib

    importlib.import_module(f"ui.{tab}_tab").render(plan, lang)


def run_tab(tab: str, plan: zones.Plan, lang: str) -> AppTest:
    at = AppTest.from_function(tab_script, args=(tab, plan, lang), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception
    return at


def page_text(at: AppTest) -> str:
    """Every text and table cell of the page, for "is it shown" checks."""
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "subheader")
    parts = [str(el.value) for kind in kinds for el in at.get(kind)]
    parts += [m.label + " " + str(m.value) for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def plan() -> zones.Plan:
    """The sample's default plan (no roster), with the pipeline's own patrols if it has them."""
    return zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH))


@pytest.fixture(scope="module")
def rostered(plan: zones.Plan) -> zones.Plan:
    return zones.make_plan(
        zones.read_scenario(zones.SAMPLE_PATH), roster_start="2025-03-03", roster_days=14
    )


@pytest.fixture(scope="module")
def names(plan: zones.Plan) -> list[str]:
    """Names of the officers who appear in the plan (zone heads and village auxiliaries)."""
    ids = set(plan.zones[HEAD_OFFICER_ID].dropna()) | set(plan.villages[AUX_OFFICER_ID].dropna())
    officers = plan.officers.set_index(C.OFFICER_ID)
    return [str(officers.loc[i, C.NAME]) for i in sorted(ids)]


def test_names_are_not_village_text(plan: zones.Plan, names: list[str]) -> None:
    """Guard for the privacy tests: no officer name is part of a village or zone text."""
    text = plan.villages[[C.NAME, C.TOWNSHIP]].to_csv() + plan.name
    assert not [name for name in names if name in text]


# --- staffing -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_staffing_tab_has_one_row_per_village_and_counts_shortages(
    plan: zones.Plan, lang: str
) -> None:
    at = run_tab("staffing", plan, lang)
    heads, villages = at.dataframe[0].value, at.dataframe[1].value
    assert len(heads) == len(plan.zones)
    assert len(villages) == len(plan.villages)
    status = villages[t("app.tabs.col.status", lang)]
    short = int((status == t("app.staffing.status.short", lang)).sum())
    assert short == plan.metrics["auxiliaries_short"] > 0
    assert t("app.staffing.short", lang, n=short) in [e.value for e in at.error]
    # public: nothing tells where an auxiliary lives ("lives there", km from home)
    reasons = villages[t("app.tabs.col.aux_reason", lang)]
    assert int((reasons == t("map.plan.reason.home", lang)).sum()) == 0
    assert t("app.tabs.col.aux_distance_km", lang) not in villages.columns
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("app.staffing.fig.short", lang)] == str(plan.metrics["auxiliaries_short"])
    # the staffing warnings, each in plain words in this language
    staffing = [w for w in plan.warnings if w.layer == "staffing"]
    shown = "\n".join(w.value for w in at.warning)
    assert staffing
    for issue in staffing:
        assert issue.fix(lang).split("（")[0].split(" (")[0][:8] in shown.replace("\\", "")
    assert t("app.tabs.col.village_id", lang) in villages.columns


@pytest.mark.parametrize("lang", LANGS)
def test_staffing_public_profile_shows_role_codes_not_names(
    plan: zones.Plan, names: list[str], lang: str
) -> None:
    at = run_tab("staffing", plan, lang)
    text = page_text(at)
    assert not [name for name in names if name in text]
    phones = [str(p) for p in plan.officers[C.PHONE].dropna()]
    assert not [p for p in phones if p in text]
    heads = at.dataframe[0].value
    assert heads[t("app.tabs.col.role_code", lang)].iloc[0] == t(
        "map.plan.head_code", lang, code="01"
    )
    assert t("app.tabs.col.officer_name", lang) not in heads.columns

    at.radio(key=f"staffing.profile-{lang}").set_value("internal")
    rerun(at)
    text = page_text(at)
    assert t("map.plan.banner", lang) in [w.value for w in at.warning]
    assert all(name in text for name in names)
    heads = at.dataframe[0].value
    first = plan.officers.set_index(C.OFFICER_ID).loc[plan.zones[HEAD_OFFICER_ID].iloc[0]]
    assert heads[t("app.tabs.col.officer_name", lang)].iloc[0] == first[C.NAME]
    assert heads[t("app.tabs.col.phone", lang)].iloc[0] == str(first[C.PHONE])
    villages = at.dataframe[1].value  # internal: why each auxiliary was chosen
    reasons = villages[t("app.tabs.col.aux_reason", lang)]
    assert int((reasons == t("map.plan.reason.home", lang)).sum()) == plan.metrics["aux_home"]


def switching_script(tab, plan):  # no annotations: the body runs as a script on its own
    """One tab under a language radio, as the app's sidebar switches it."""
    import importlib

    import streamlit as st

    lang = st.radio("lang", ["zh", "en"], key="test.lang")
    importlib.import_module(f"ui.{tab}_tab").render(plan, lang)


def test_the_profile_choice_survives_a_language_switch(plan: zones.Plan, names: list[str]) -> None:
    at = AppTest.from_function(switching_script, args=("staffing", plan), default_timeout=60)
    rerun(at)
    at.radio(key="staffing.profile-zh").set_value("internal")
    rerun(at)
    at.radio(key="test.lang").set_value("en")
    rerun(at)
    radio = at.radio(key="staffing.profile-en")
    assert radio.value == "internal"
    assert radio.options[radio.index] == t("app.tabs.profile.internal", "en")
    assert t("map.plan.banner", "en") in [w.value for w in at.warning]
    assert all(name in page_text(at) for name in names)


def test_staffing_filter_shows_only_the_villages_without_an_auxiliary(plan: zones.Plan) -> None:
    at = run_tab("staffing", plan, "zh")
    at.checkbox(key="staffing.only_short").check()
    rerun(at)
    villages = at.dataframe[1].value
    assert len(villages) == plan.metrics["auxiliaries_short"]
    unstaffed = plan.villages.index[plan.villages[AUX_OFFICER_ID].isna()].astype(str)
    assert set(villages[t("app.tabs.col.village_id", "zh")]) == set(unstaffed)


def test_staffing_lists_the_spare_pool() -> None:
    scenario = zones.read_scenario(zones.SAMPLE_PATH)
    few_villages = scenario.villages.iloc[:30]
    small = dataclasses.replace(scenario, villages=few_villages)
    spare = zones.make_plan(small, n_zones=4)
    assert len(spare.pool) > 0
    at = run_tab("staffing", spare, "en")
    assert t("app.staffing.pool_n", "en", n=len(spare.pool)) in [i.value for i in at.info]
    pool = at.dataframe[2].value
    assert list(pool[t("app.tabs.col.officer_id", "en")]) == [str(p) for p in spare.pool]


# --- patrol ---------------------------------------------------------------------------------


def without_patrols(plan: zones.Plan) -> zones.Plan:
    """The plan as it is before the patrol planner runs: no lines, posts or figures."""
    zone_columns = [c for c in plan.zones if c.startswith(patrol_tab.ZONE_PREFIXES)]
    return dataclasses.replace(
        plan,
        patrols=plan.patrols.iloc[0:0],
        posts=plan.posts.iloc[0:0],
        zones=plan.zones.drop(columns=zone_columns),
        metrics={
            k: v for k, v in plan.metrics.items() if not k.startswith(patrol_tab.METRIC_PREFIXES)
        },
    )


def with_patrols(plan: zones.Plan) -> zones.Plan:
    """Two hand-made patrol lines and a post, with a column the tab does not know."""
    centre = plan.zones.geometry.iloc[0].representative_point()
    line = shapely.LineString([(centre.x, centre.y), (centre.x + 0.01, centre.y + 0.01)])
    patrols = gpd.GeoDataFrame(
        {
            "zone_id": ["1", "2"],
            "length_m": [1234.567, 890.0],
            "minutes": [55.0, 42.5],
            "wind_factor": [0.5, 0.7],
        },
        geometry=[line, line],
        crs="EPSG:4326",
    )
    posts = gpd.GeoDataFrame(
        {"zone_id": ["1"], "hours": ["07:00-09:00"]}, geometry=[centre], crs="EPSG:4326"
    )
    zones_layer = plan.zones.assign(patrol_minutes=50.0, patrol_coverage=0.625)
    metrics = {**without_patrols(plan).metrics, "patrol_coverage_offpeak": 0.5, "posts": 1}
    return dataclasses.replace(
        without_patrols(plan), patrols=patrols, posts=posts, zones=zones_layer, metrics=metrics
    )


@pytest.mark.parametrize("lang", LANGS)
def test_patrol_tab_says_when_the_plan_has_no_patrols(plan: zones.Plan, lang: str) -> None:
    at = run_tab("patrol", without_patrols(plan), lang)
    assert [i.value for i in at.info] == [t("app.patrol.none", lang)]
    assert not at.dataframe


@pytest.mark.parametrize("lang", LANGS)
def test_patrol_tab_shows_lines_posts_and_coverage(plan: zones.Plan, lang: str) -> None:
    at = run_tab("patrol", with_patrols(plan), lang)
    assert not at.info
    frames = [frame.value for frame in at.dataframe]
    figures, by_zone, lines, posts = frames[-4:]  # the tables of every zone come last
    values = dict(zip(figures.iloc[:, 0], figures.iloc[:, 1], strict=True))
    assert values[t("app.tabs.metric.patrol_coverage_offpeak", lang)] == "50.0%"
    assert values[t("app.tabs.metric.posts", lang)] == "1"
    assert list(by_zone[t("app.tabs.col.patrol_coverage", lang)].unique()) == [62.5]
    assert len(by_zone) == len(plan.zones)
    assert "wind_factor" not in lines.columns  # the lines table shows what an officer needs
    assert list(lines[t("app.patrol.col.zone", lang)]) == ["1", "2"]
    assert list(lines[t("app.patrol.col.length_km", lang)]) == [1.2, 0.9]  # km, one decimal
    assert list(posts[t("app.patrol.col.hours", lang)]) == ["07:00–09:00"]
    assert t("app.patrol.lines", lang, n=2) in [m.value.lstrip("# ") for m in at.markdown]


# --- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_export_tab_offers_every_file_with_safe_names(plan: zones.Plan, lang: str) -> None:
    at = run_tab("export", plan, lang)
    buttons = {b.key: b for b in at.download_button}
    assert set(buttons) == {
        "export.html",
        "export.zip",
        "export.gpkg",
        "export.xlsx",
        "export.zones_csv",
        "export.villages_csv",
    }
    assert buttons["export.html"].label == t("app.export.html", lang)
    assert not any(b.proto.disabled for b in buttons.values())
    for item in export_tab.downloads_for(plan, lang, "public"):
        # people's names: station, what, date (and the profile where it matters), in ``lang``
        assert item.file_name.startswith(f"{plan.name}-"), item.file_name
        assert dt.date.today().isoformat() in item.file_name
        assert not re.search(r'[<>:"/\\|?*\s]', item.file_name), item.file_name
    files = {item.key: item.file_name for item in export_tab.downloads_for(plan, lang, "public")}
    words = {"zh": ("责任区方案", "公开"), "en": ("zone-plan", "public")}[lang]
    assert files["export.html"] == f"{plan.name}-{words[0]}-{dt.date.today()}-{words[1]}.html"
    assert t("app.export.audit", lang, n=0) in [e.label for e in at.expander]


def test_internal_export_needs_the_confirmation_and_is_audited(plan: zones.Plan) -> None:
    at = run_tab("export", plan, "zh")
    at.radio(key="export.profile-zh").set_value("internal")
    rerun(at)
    assert t("map.plan.banner", "zh") in [w.value for w in at.warning]
    buttons = {b.key: b for b in at.download_button}
    assert buttons["export.html"].proto.disabled
    assert buttons["export.zip"].proto.disabled
    assert not buttons["export.gpkg"].proto.disabled
    at.checkbox(key="export.confirm").check()
    rerun(at)
    html = at.download_button(key="export.html")
    assert not html.proto.disabled
    html.click()
    rerun(at)
    audit = at.dataframe[0].value
    assert len(audit) == 1
    row = audit.iloc[0]
    assert row[t("app.export.audit.profile", "zh")] == t("app.tabs.profile.internal", "zh")
    assert row[t("app.export.audit.plan", "zh")] == plan.name
    assert row[t("app.export.audit.file", "zh")] == downloads.file_name(
        plan, "map-internal", "html"
    )
    assert dt.datetime.fromisoformat(row[t("app.export.audit.time", "zh")])
    # back to public: the confirmation is gone with its checkbox
    at.radio(key="export.profile-zh").set_value("public")
    rerun(at)
    at.radio(key="export.profile-zh").set_value("internal")
    rerun(at)
    assert at.download_button(key="export.html").proto.disabled


def build(plan: zones.Plan, key: str, profile: str, lang: str = "zh") -> bytes:
    """The bytes a download button of the export tab hands out."""
    (item,) = [d for d in export_tab.downloads_for(plan, lang, profile) if d.key == key]
    return item.build()


def test_zip_reads_back_into_an_equal_plan(plan: zones.Plan, tmp_path: Path) -> None:
    data = build(plan, "export.zip", "internal")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "officers.csv" in archive.namelist()
        archive.extractall(tmp_path)
    back = zones.read_plan(tmp_path)
    assert_same_layers(plan, back)
    assert back.name == plan.name
    assert back.settings == json.loads(json.dumps(dict(plan.settings)))
    assert [w.to_text("en") for w in back.warnings] == [w.to_text("en") for w in plan.warnings]
    assert back.officers[C.NAME].tolist() == plan.officers[C.NAME].tolist()


def test_public_zip_leaves_out_names_and_phones(plan: zones.Plan, names: list[str]) -> None:
    data = build(plan, "export.zip", "public")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.namelist()
        text = "\n".join(
            archive.read(m).decode("utf-8", "replace")
            for m in members
            if m.endswith((".csv", ".geojson", ".json"))
        )
    assert "officers.csv" not in members
    assert {"zones.geojson", "villages.geojson", "plan.json", "plan.gpkg"} <= set(members)
    assert not [name for name in names if name in text]
    assert not [p for p in plan.officers[C.PHONE].dropna().astype(str) if p in text]


@pytest.mark.parametrize("lang", LANGS)
def test_html_map_is_offline_and_public_by_default(
    plan: zones.Plan, names: list[str], lang: str
) -> None:
    html = build(plan, "export.html", "public", lang).decode("utf-8")
    assert maps.external_refs(html) == []
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", html, re.IGNORECASE)
    assert 'content="public"' in html
    assert not [name for name in names if name in html]
    assert t("map.plan.banner", lang) not in html
    internal = build(plan, "export.html", "internal", lang).decode("utf-8")
    assert maps.external_refs(internal) == []
    assert t("map.plan.banner", lang) in internal
    assert names[0] in internal


def test_geopackage_and_spreadsheets(plan: zones.Plan, tmp_path: Path) -> None:
    gpkg = tmp_path / "plan.gpkg"
    gpkg.write_bytes(build(plan, "export.gpkg", "public"))
    layers = {name for name, _ in pyogrio.list_layers(gpkg)}
    assert {"zones", "villages", "rooms"} <= layers
    book = openpyxl.load_workbook(io.BytesIO(build(plan, "export.xlsx", "public")))
    assert book.sheetnames == ["责任区", "村", "排班"]  # for people: see test_chinese_throughout
    assert book["村"].max_row == len(plan.villages) + 1
    zones_csv = build(plan, "export.zones_csv", "public")
    assert zones_csv.startswith("\ufeff".encode())
    assert len(pd.read_csv(io.BytesIO(zones_csv), encoding="utf-8-sig")) == len(plan.zones)
    villages_csv = pd.read_csv(io.BytesIO(build(plan, "export.villages_csv", "public")), dtype=str)
    ids = villages_csv[t("app.col.village_id", "zh")].tolist()
    assert ids == plan.villages.index.astype(str).tolist()


def test_files_are_cached_per_plan_and_rebuilt_for_a_changed_plan(plan: zones.Plan) -> None:
    first = downloads.map_html(plan, lang="zh", profile="public")
    assert downloads.map_html(plan, lang="zh", profile="public") is first
    assert downloads.plan_files(plan) is downloads.plan_files(plan)
    villages = plan.villages.copy()
    village = villages.index[0]
    other = next(z for z in plan.zones["zone_id"] if z != villages.loc[village, "zone_id"])
    villages.loc[village, "zone_id"] = other
    edited = dataclasses.replace(plan, villages=villages)
    assert downloads.fingerprint(edited) != downloads.fingerprint(plan)
    assert downloads.fingerprint(dataclasses.replace(plan)) == downloads.fingerprint(plan)
    # the file name is for people (station, what, date), the cache key tells the edit apart
    assert downloads.file_name(edited, "zones", "csv") == downloads.file_name(plan, "zones", "csv")


def test_file_names_are_safe_whatever_the_plan_name(plan: zones.Plan) -> None:
    day = dt.date(2026, 12, 7)
    for name, stem in (
        ("白海子派出所", "白海子派出所"),
        ("../../etc/passwd", "etc-passwd"),
        ("Station 7 <b>", "Station-7-b"),
        ('a:b|c?d*e"f\\g', "a-b-c-d-e-f-g"),
        ("x\u202eexe.  ", "x-exe"),
        ("", ""),
    ):
        assert downloads.safe_stem(name) == stem
        named = downloads.file_name(
            dataclasses.replace(plan, name=name), "map-public", "html", day=day
        )
        assert named == f"{stem or '未命名方案'}-责任区方案-2026-12-07-公开.html"
        assert not re.search(r'[<>:"/\\|?*\x00-\x1f\u202e]', named)
        assert ".." not in named
    english = downloads.file_name(plan, "roster-internal", "xlsx", lang="en", day=day)
    assert english == f"{plan.name}-duty-roster-2026-12-07-internal.xlsx"
    tables = downloads.file_name(plan, "tables", "xlsx", day=day)
    assert tables == f"{plan.name}-方案表格-2026-12-07.xlsx"
    with pytest.raises(ValueError, match="unknown download"):
        downloads.file_name(plan, "map-secret", "html")
    with pytest.raises(ValueError, match="profile"):
        downloads.map_html(plan, lang="zh", profile="secret")
    with pytest.raises(ValueError, match="personal"):
        downloads.plan_file(plan, "officers.csv")


# --- roster ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_roster_tab_shows_the_plans_roster_day_by_duty(
    rostered: zones.Plan, names: list[str], lang: str
) -> None:
    at = run_tab("roster", rostered, lang)
    table = at.dataframe[0].value
    assert len(table) == 14
    assert (table[t("app.roster.col.filled", lang)] == "1+3+2").all()
    joiner = "、" if lang == "zh" else ", "
    for role, n in (("call_taker", 1), ("responder", 3), ("patroller", 2)):
        cells = table[role_label(role, lang)]
        assert (cells.str.split(joiner).map(len) == n).all(), role
    first_day = rostered.roster[pd.to_datetime(rostered.roster["date"]) == "2025-03-03"]
    assert set(table[role_label("responder", lang)].iloc[0].split(joiner)) == set(
        first_day.loc[first_day["role"] == "responder", "officer_id"]
    )
    assert t("app.roster.full", lang, days=14) in [s.value for s in at.success]
    assert not [name for name in names if name in page_text(at)]
    per_officer = at.dataframe[1].value
    assert per_officer[t("roster.col.duty_days", lang)].sum() == len(rostered.roster)
    assert {b.key for b in at.download_button} == {"roster.csv", "roster.xlsx"}


def test_roster_internal_profile_adds_names_and_downloads(rostered: zones.Plan) -> None:
    at = run_tab("roster", rostered, "zh")
    assert all(not b.proto.disabled for b in at.get("download_button"))  # public: no names
    at.radio(key="roster.profile-zh").set_value("internal")
    rerun(at)
    # files with names wait for the same confirmation as the export tab
    assert [b.proto.disabled for b in at.get("download_button")] == [True, True]
    at.checkbox(key="roster.confirm").check()
    rerun(at)
    assert [b.proto.disabled for b in at.get("download_button")] == [False, False]
    officers = rostered.officers.set_index(C.OFFICER_ID)[C.NAME]
    first = rostered.roster.iloc[0]["officer_id"]
    table = at.dataframe[0].value
    assert f"{officers[first]}（{first}）" in table.iloc[0].tolist()
    people = People(rostered, "internal", "zh")
    csv = pd.read_csv(
        io.BytesIO(roster_tab.roster_csv(rostered, rostered.roster, people, "zh")), dtype=str
    )
    assert list(csv.columns) == ["日期", "岗位", "警号", "姓名"]
    assert len(csv) == len(rostered.roster)
    assert csv["姓名"].iloc[0] == officers[first]
    book = openpyxl.load_workbook(
        io.BytesIO(roster_tab.roster_xlsx(rostered, rostered.roster, people, "zh"))
    )
    assert book.sheetnames == ["按日排班", "值班表", "个人统计"]
    assert book["按日排班"].max_row == 15
    public = People(rostered, "public", "en")
    csv = pd.read_csv(
        io.BytesIO(roster_tab.roster_csv(rostered, rostered.roster, public, "en")), dtype=str
    )
    assert list(csv.columns) == ["Date", "Duty", "Officer ID"]


def test_roster_tab_plans_a_roster_on_request(plan: zones.Plan) -> None:
    at = run_tab("roster", plan, "en")
    assert t("app.roster.none", "en") in [i.value for i in at.info]
    assert not at.dataframe
    at.date_input(key="roster.start").set_value(dt.date(2025, 3, 3))
    at.number_input(key="roster.days").set_value(7)
    at.button(key="roster.run").click()
    rerun(at)
    table = at.dataframe[0].value
    assert table[t("roster.col.date", "en")].tolist() == [
        (dt.date(2025, 3, 3) + dt.timedelta(days=k)).isoformat() for k in range(7)
    ]
    assert (table[t("app.roster.col.filled", "en")] == "1+3+2").all()
    heads = set(plan.zones[HEAD_OFFICER_ID])
    duty = ", ".join(table.iloc[:, 2:5].to_numpy().ravel()).split(", ")
    assert len(duty) == 7 * 6
    assert {d for d in duty if d in heads}, "zone heads still take some duty"
    assert t("app.roster.session", "en") in [c.value for c in at.caption]
    assert plan.roster.empty, "the plan itself is not changed"


def test_roster_shortages_are_highlighted_or_explained(plan: zones.Plan) -> None:
    few = plan.officers.iloc[:5]  # five people for six daily slots
    short = dataclasses.replace(plan, officers=few)
    at = run_tab("roster", short, "zh")
    at.date_input(key="roster.start").set_value(dt.date(2025, 3, 3))
    at.number_input(key="roster.days").set_value(3)
    at.checkbox(key="roster.flag").uncheck()
    at.button(key="roster.run").click()
    rerun(at)
    (error,) = at.error
    assert error.value.startswith(t("roster.shortage", "zh", days=3))
    assert "2025\\-03\\-03" in error.value
    assert not at.dataframe
    at.checkbox(key="roster.flag").check()
    at.button(key="roster.run").click()
    rerun(at)
    assert at.error[0].value.startswith(t("app.roster.short", "zh", days=3))
    table = at.dataframe[0].value
    assert (table[t("app.roster.col.filled", "zh")] != "1+3+2").all()
    assert table.map(lambda v: t("roster.vacant", "zh") in str(v)).any().any()


def test_a_plan_without_officers_cannot_be_rostered(plan: zones.Plan) -> None:
    at = run_tab("roster", dataclasses.replace(plan, officers=None), "en")
    assert [w.value for w in at.warning] == [t("app.roster.no_officers", "en")]
    assert not at.button


# --- errors never reach the page as tracebacks ----------------------------------------------


@pytest.mark.parametrize("tab", ["staffing", "patrol", "export", "roster"])
def test_a_broken_plan_gives_a_translated_error(tab: str) -> None:
    at = run_tab(tab, None, "en")  # not a plan at all: every tab fails on its first look
    assert [e.value for e in at.error] == [
        t("app.tabs.error", "en", tab=t(f"app.tabs.{tab}", "en"))
    ]


def test_only_short_tables_are_coloured_row_by_row() -> None:
    from ui.tables import SHORT_COLOR, STYLED_ROWS_MAX, highlight_rows

    small = pd.DataFrame({"a": [1, 2, 3]}, index=["x", "y", "z"])
    styled = highlight_rows(small, [False, True, False])
    styles = styled._compute().ctx
    assert styles[(1, 0)] == [tuple(s.strip() for s in SHORT_COLOR.split(":"))]
    assert (0, 0) not in styles
    large = pd.DataFrame({"a": range(STYLED_ROWS_MAX + 1)})
    plain = highlight_rows(large, [True] * len(large))
    assert isinstance(plain, pd.DataFrame)
    assert len(plain) == len(large)


def test_the_file_cache_is_bounded_in_entries_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    downloads.clear_cache()
    monkeypatch.setattr(downloads, "CACHE_ENTRIES", 3)
    monkeypatch.setattr(downloads, "CACHE_BYTES", 100)
    for k in range(4):
        downloads.cached(("test", k), lambda: b"x" * 10)
    assert downloads.cached(("test", 0), lambda: b"rebuilt") == b"rebuilt"  # oldest dropped
    assert downloads.cached(("test", 3), lambda: b"rebuilt") == b"x" * 10
    big = downloads.cached(("test", "big"), lambda: {"a": b"y" * 150})
    assert downloads.cached(("test", "big"), lambda: {}) is big  # the newest stays, alone
    assert downloads.cached(("test", 3), lambda: b"gone") == b"gone"
    downloads.clear_cache()


def test_public_files_do_not_tell_where_officers_live(plan: zones.Plan) -> None:
    import io
    import zipfile

    from ui import downloads

    public = zipfile.ZipFile(io.BytesIO(downloads.plan_zip(plan, profile="public")))
    internal = zipfile.ZipFile(io.BytesIO(downloads.plan_zip(plan, profile="internal")))
    for name in ("villages.csv", "villages.geojson", "zones.csv", "zones.geojson"):
        text = public.read(name).decode("utf-8-sig")
        for column in ("aux_reason", "aux_distance_km", "head_distance_km"):
            assert column not in text, (name, column)
    assert "aux_reason" in internal.read("villages.csv").decode("utf-8-sig")
    assert "aux_reason" not in downloads.plan_file(plan, "villages.csv").decode("utf-8-sig")
