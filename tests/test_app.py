"""Widget flow of the Streamlit app (``streamlit.testing.v1.AppTest``; no browser).

Each map is its offline HTML page in an ``st.iframe``, which AppTest keeps as an unknown element:
nothing renders, but the page (``srcdoc``) can be inspected.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import maps
import zones
from maps.escape import esc
from ui import loading, plan_page, zones_tab
from ui.i18n import t
from ui.sidebar import UPLOAD_TYPES
from ui.text import capitalised, md_escape
from zones import columns as C
from zones.plan.edits import compare_plans, current_labels, move_villages, village_graph, zone_ids
from zones.plan.files import write_plan
from zones.plan.pipeline import suggest_zones
from zones.plan.zone_count import zone_count_advice

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
XSS_NAME = '<img src=x onerror="alert(1)">村</script>'


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Every test starts with empty read caches (they are process-wide).

    ``sample`` (the bundled scenario, read once) comes from ``tests/conftest.py``.
    """
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def sample_files() -> dict[str, bytes]:
    """The bundled sample's layer files, as a user would upload them one by one."""
    files = {
        p.name: p.read_bytes()
        for p in sorted(Path(zones.SAMPLE_PATH).iterdir())
        if p.is_file() and p.suffix.lstrip(".").lower() in UPLOAD_TYPES
    }
    assert any(name.startswith(C.VILLAGES) for name in files)
    return files


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    return at


def upload(at: AppTest, files: dict[str, bytes]) -> AppTest:
    (uploader,) = at.get("file_uploader")
    uploader.set_value([(name, data, "application/octet-stream") for name, data in files.items()])
    at.run()
    assert not at.exception
    return at


def map_pages(at: AppTest) -> list[str]:
    """The HTML pages of the maps shown, in page order (the scenario map first)."""
    return [el.proto.srcdoc for el in at.get("iframe")]


def map_page(at: AppTest) -> str:
    """The scenario map's page (the only map before a plan is made)."""
    (page,) = map_pages(at)
    return page


def in_script(text: str, script: str) -> bool:
    """Whether ``text`` occurs in the map JS, raw or as folium writes it inside JSON strings."""
    as_json = json.dumps(text)[1:-1]
    folium_json = as_json.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return any(form in script for form in (text, as_json, folium_json))


def texts(at: AppTest) -> str:
    """Every text of the page (markdown-like elements) joined, for 'is it shown' checks."""
    kinds = ("title", "header", "subheader", "caption", "markdown", "error", "warning", "info")
    parts = []
    for kind in (*kinds, "success"):
        parts += [str(el.value) for el in at.get(kind)]
    return "\n".join(parts)


def test_default_run_shows_sample(sample: zones.Scenario) -> None:
    at = run_app()
    assert [el.value for el in at.title] == [t("app.title", "zh")]
    assert md_escape(sample.name) in [el.value for el in at.header]
    assert t("app.source.sample", "zh") in [el.value for el in at.caption]
    metrics = {m.label: m.value for m in at.metric}
    for layer, n in sample.counts().items():
        assert metrics[capitalised(t(f"layer.{layer}", "zh"))] == f"{n:,}"  # 2,250
    assert not at.error


def test_map_is_offline_and_escaped(sample: zones.Scenario) -> None:
    page = map_page(run_app())
    assert maps.external_refs(page) == []
    assert re.search(r"""<script src=["']?data:""", page), "Leaflet is inlined"
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    for name in sample.villages[C.NAME]:
        assert in_script(esc(name), page), name


def test_switch_to_english_changes_labels(sample: zones.Scenario) -> None:
    at = run_app()
    at.radio(key="lang").set_value("en")
    at.run()
    assert not at.exception
    assert [el.value for el in at.title] == [t("app.title", "en")]
    assert t("app.source.sample", "en") in [el.value for el in at.caption]
    labels = {m.label for m in at.metric}
    assert capitalised(t("layer.villages", "en")) in labels
    assert t("layer.villages", "zh") not in labels
    assert at.sidebar.header[0].value == t("app.sidebar.data", "en")
    assert at.sidebar.selectbox(key="coord_source-en").label == t("app.coord_source", "en")


def test_choices_survive_a_language_switch(sample_files: dict[str, bytes]) -> None:
    at = run_app()
    at.selectbox(key="coord_source-zh").set_value("gcj02")
    at.checkbox(key="swap_axes").check()
    upload(at, sample_files)
    at.radio(key="lang").set_value("en")
    at.run()
    assert not at.exception
    coord = at.selectbox(key="coord_source-en")
    assert coord.value == "gcj02"
    assert coord.options[coord.index] == t("app.coord.gcj02", "en")
    assert at.checkbox(key="swap_axes").value
    assert at.get("file_uploader")[0].value, "uploads are kept"
    assert at.session_state["coord_source"] == "gcj02"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_geojson_upload_shows_error(lang: str) -> None:
    at = run_app()
    at.radio(key="lang").set_value(lang)
    upload(at, {"villages.geojson": b"not json"})
    assert at.error, "a bad file must be reported"
    with pytest.raises(zones.ScenarioError) as caught:
        zones.read_scenario_bytes({"villages.geojson": b"not json"})
    n_errors = len(caught.value.report.errors)
    assert at.error[0].value.startswith(t("app.error.scenario", lang, n=n_errors))
    assert at.dataframe, "the error report is shown as a table"
    assert not at.get("iframe"), "no map for an unusable scenario"
    assert "Traceback" not in texts(at)


def test_zip_with_path_traversal_is_refused() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../evil.shp", b"\x00" * 100)
        zf.writestr("villages.geojson", b'{"type": "FeatureCollection", "features": []}')
    at = upload(run_app(), {"scenario.zip": buf.getvalue()})
    assert at.error
    assert "Traceback" not in texts(at)
    assert not at.get("iframe")


def test_valid_upload_of_separate_files_is_shown(
    sample: zones.Scenario, sample_files: dict[str, bytes]
) -> None:
    at = upload(run_app(), sample_files)
    assert not at.error
    caption = t("app.source.upload", "zh", files=", ".join(md_escape(n) for n in sample_files))
    assert caption in [el.value for el in at.caption]
    uploaded = zones.read_scenario_bytes(sample_files, name="upload")
    assert md_escape(uploaded.name) in [el.value for el in at.header]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[t("layer.villages", "zh")] == str(len(sample.villages))
    assert maps.external_refs(map_page(at)) == []

    # back to the sample: the uploader is emptied and the sample is shown again
    at.button(key="use_sample").click()
    at.run()
    assert not at.exception
    assert t("app.source.sample", "zh") in [el.value for el in at.caption]
    assert not at.get("file_uploader")[0].value


def _with_name(data: bytes, name: str) -> bytes:
    """A GeoJSON layer's bytes with the first feature renamed."""
    doc = json.loads(data.decode("utf-8-sig"))
    doc["features"][0]["properties"][C.NAME] = name
    return json.dumps(doc, ensure_ascii=False).encode()


def test_uploaded_names_are_escaped_everywhere(sample_files: dict[str, bytes]) -> None:
    files = dict(sample_files)
    for layer in (C.VILLAGES, C.STATION):  # a village name, and the scenario's (station) name
        files[f"{layer}.geojson"] = _with_name(files[f"{layer}.geojson"], XSS_NAME)
    at = upload(run_app(), files)
    assert not at.error
    assert md_escape(XSS_NAME) in [el.value for el in at.header]  # Markdown shows it literally
    page = map_page(at)
    assert "<img src=x" not in page
    assert 'onerror="' not in page
    assert "村</script>" not in page  # the name cannot close the page's script
    assert in_script(esc(XSS_NAME), page)


def test_duplicate_file_names_are_refused(sample_files: dict[str, bytes]) -> None:
    at = run_app()
    (uploader,) = at.get("file_uploader")
    name, data = next(iter(sample_files.items()))
    uploader.set_value([(name, data, "application/octet-stream")] * 2)
    at.run()
    assert not at.exception
    assert [el.value for el in at.error] == [
        t("app.error.duplicate_name", "zh", names=md_escape(name))
    ]


def test_size_cap_is_checked_in_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loading, "MAX_UPLOAD_BYTES", 1024)
    at = upload(run_app(), {"villages.geojson": b" " * 2048})
    assert [el.value for el in at.error] == [
        t(
            "app.error.file_too_large",
            "zh",
            name=md_escape("villages.geojson"),
            size=md_escape("0.0"),
            limit=loading.MAX_UPLOAD_MB,
        )
    ]


def test_check_upload_sizes() -> None:
    mb = 1024 * 1024
    assert loading.check_upload_sizes({"a.csv": 10, "b.csv": 20}) is None
    one = loading.check_upload_sizes({"big.gpkg": loading.MAX_UPLOAD_BYTES + 1})
    assert one is not None
    assert one.message_key == "app.error.file_too_large"
    assert one.message_params["name"] == "big.gpkg"
    half = loading.MAX_UPLOAD_BYTES // 2 + mb
    total = loading.check_upload_sizes({"a.geojson": half, "b.geojson": half})
    assert total is not None
    assert total.message_key == "app.error.total_too_large"


def test_unexpected_failure_shows_no_details(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret /srv/internal/path")

    monkeypatch.setattr(zones, "read_scenario_bytes", boom)
    at = upload(run_app(), {"villages.geojson": b'{"type": "FeatureCollection"}'})
    page = texts(at)
    assert t("app.error.unexpected", "zh") in [el.value for el in at.error]
    assert "secret" not in page
    assert "RuntimeError" not in page
    assert "secret /srv/internal/path" in caplog.text  # logged for the administrator


def test_md_escape() -> None:
    assert md_escape("东风村") == "东风村"
    assert md_escape("![x](http://a/b.png)") == "\\!\\[x\\]\\(http\\:\u2060\\/\\/a\\/b\\.png\\)"
    assert md_escape(":red[村]\n$x$") == r"\:red\[村\] \$x\$"
    assert md_escape("<b>") == r"\<b\>"


def test_app_never_allows_raw_html() -> None:
    sources = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]
    for path in sources:
        assert "unsafe_allow_html" not in path.read_text(encoding="utf-8"), path


# --- planning: run, zones tab, hand edits, rebalance, compare ----------------------------------


ZONE_HEADERS = [key for _, key in zones_tab.TABLE_COLUMNS]


def zone_table(at: AppTest, lang: str = "zh") -> pd.DataFrame:
    """The zones tab's per-zone table (found by its translated headers)."""
    headers = [t(key, lang) for key in ZONE_HEADERS]
    (table,) = [el.value for el in at.dataframe if list(el.value.columns) == headers]
    return table


def run_plan(at: AppTest) -> AppTest:
    at.button(key="plan.run").click()
    at.run()
    assert not at.exception
    return at


def history(at: AppTest) -> plan_page.History:
    return at.session_state["plan.history"]


def test_default_plan_runs_on_the_sample(sample: zones.Scenario) -> None:
    at = run_app()
    assert t("app.plan.none", "zh") in [el.value for el in at.info]
    assert at.number_input(key="plan.n_zones").value == suggest_zones(sample)
    assert zone_count_advice(sample).to_text("zh") in texts(at)
    run_plan(at)
    plan = history(at).current
    table = zone_table(at)
    assert len(table) == suggest_zones(sample) == len(plan.zones)
    assert table[t("app.col.zone_id", "zh")].tolist() == [str(z) for z in plan.zones["zone_id"]]
    deviation = (plan.zones["deviation"] * 100).round(1).tolist()
    assert table[t("app.col.deviation", "zh")].tolist() == deviation
    # automatic workload is the default: the zones tab says which one was used and why
    assert plan.settings["workload_choice"]["reason"] == "sparse"
    assert md_escape(plan.warnings[0].what("zh")) in [el.value for el in at.info]
    assert t("app.plan.error", "zh") not in texts(at)
    assert t("app.error.page", "zh") not in texts(at)
    # the plan maps (zones tab, compare tab) are drawn offline after the scenario map
    pages = map_pages(at)
    # scenario; zones; the patrol tab's own map; compare before and after
    assert len(pages) == 5
    patrol = [p for p in pages if esc(t("map.patrol.title", "zh", name=plan.name)) in p]
    assert len(patrol) == 1
    plan_pages = [p for p in pages[1:] if p not in patrol]
    assert plan_pages[0] == plan_pages[1] == plan_pages[2]  # the same plan: one page, kept
    assert plan_pages[0] != pages[0]
    for page in pages:
        assert maps.external_refs(page) == []
    assert in_script(esc(plan.name), pages[1])
    assert "Traceback" not in texts(at)


def test_changing_the_number_of_zones_reruns_the_plan(sample: zones.Scenario) -> None:
    at = run_plan(run_app())
    first = history(at).current
    at.number_input(key="plan.n_zones").set_value(8)
    at.run()
    assert t("app.plan.stale", "zh") in [el.value for el in at.info]
    assert history(at).current is first  # nothing replanned before "Run"
    run_plan(at)
    assert len(zone_table(at)) == 8
    assert len(history(at).current.zones) == 8
    assert t("app.plan.stale", "zh") not in [el.value for el in at.info]
    # back to the first settings: the cached plan comes back, not a new one
    at.number_input(key="plan.n_zones").set_value(suggest_zones(sample))
    run_plan(at)
    assert history(at).current is first


def test_patrol_settings_reach_the_plan() -> None:
    at = run_app()
    at.text_input(key="plan.peak_hours").set_value("07:30-08:30")
    at.number_input(key="plan.patrol_minutes").set_value(90)
    plan = history(run_plan(at)).current
    assert plan.metrics["peak_windows"] == "07:30-08:30"
    assert plan.settings["patrol_budget_minutes"] == 90
    assert plan.patrols["minutes"].max() <= 90
    at.text_input(key="plan.peak_hours").set_value("morning")
    run_plan(at)
    assert t("app.plan.error", "zh") in [el.value for el in at.error]
    assert "Traceback" not in texts(at)


def test_impossible_counts_cannot_be_entered(sample: zones.Scenario) -> None:
    """More zones than available sworn officers (each zone's head) was refused only after
    "Run"; now the box stops at that count, and "Run" plans what it shows."""
    at = run_app()
    box = at.number_input(key="plan.n_zones")
    available = int(sample.police[C.AVAILABLE].astype(bool).sum())
    assert box.max == available == zone_count_advice(sample).max_zones < len(sample.villages)
    box.set_value(60)  # more zones than sworn officers: not taken
    at.run()
    assert at.number_input(key="plan.n_zones").value <= available
    at.number_input(key="plan.n_zones").set_value(available)
    plan = history(run_plan(at)).current
    assert len(plan.zones) == available
    assert t("app.plan.error", "zh") not in [el.value for el in at.error]
    assert "Traceback" not in texts(at)


def _border_and_far_moves(plan) -> tuple[tuple[str, str], tuple[str, str]]:
    """(village, neighbouring zone) keeping every zone whole, and (village, a zone it does not
    touch), both from the plan's own adjacency."""
    graph = village_graph(plan)
    labels = current_labels(plan)
    ids = plan.villages.index
    border = None
    for i in range(graph.n):
        others = [labels.iloc[j] for j in graph.neighbours(i) if labels.iloc[j] != labels.iloc[i]]
        if (
            others
            and move_villages(plan, {ids[i]: others[0]}, graph=graph).metrics["all_contiguous"]
        ):
            border = (ids[i], others[0])
            break
    near = {labels.iloc[j] for j in graph.neighbours(0)} | {labels.iloc[0]}
    far = (ids[0], next(z for z in zone_ids(plan) if z not in near))
    assert border is not None
    return border, far


def move(at: AppTest, village: str, zone: str) -> AppTest:
    at.multiselect(key="zones.move_villages").set_value([village])
    at.selectbox(key="zones.move_target").set_value(zone)
    at.button(key="zones.move").click()
    at.run()
    assert not at.exception
    return at


def test_hand_edit_updates_the_zone_table_and_warns() -> None:
    at = run_plan(run_app())
    plan = history(at).current
    (village, zone), (far_village, far_zone) = _border_and_far_moves(plan)
    before = zone_table(at)

    move(at, village, zone)
    expected = move_villages(plan, {village: zone})
    table = zone_table(at)
    assert not table.equals(before)
    workload = t("app.col.workload", "zh")
    assert table[workload].tolist() == expected.zones["workload"].round(1).tolist()
    villages = t("app.col.villages", "zh")
    assert table[villages].tolist() == expected.zones["n_units"].tolist()
    assert t("app.edit.done", "zh", n=1, zone=zone) in [el.value for el in at.success]
    assert at.multiselect(key="zones.move_villages").value == []
    split = t("issue.edit_split", "zh", zone=far_zone, villages=far_village)
    assert not [el for el in at.warning if el.value.startswith(md_escape(split))]

    # a move into a zone the village does not touch splits that zone: warned, table says so
    move(at, far_village, far_zone)
    warnings = [el.value for el in at.warning]
    assert any(w.startswith(md_escape(split)) for w in warnings), warnings
    table = zone_table(at)
    row = table[table[t("app.col.zone_id", "zh")] == far_zone]
    assert row[t("app.col.contiguous", "zh")].tolist() == [t("app.no", "zh")]
    assert history(at).edits == 2

    # undo takes the last move back
    at.button(key="zones.undo").click()
    at.run()
    assert not any(w.startswith(md_escape(split)) for w in (el.value for el in at.warning))
    assert zone_table(at)[workload].tolist() == expected.zones["workload"].round(1).tolist()
    assert history(at).edits == 1


def test_bad_edit_is_a_message() -> None:
    at = run_plan(run_app())
    plan = history(at).current
    smallest = plan.zones.sort_values("n_units")["zone_id"].iloc[0]
    labels = current_labels(plan)
    other = next(z for z in zone_ids(plan) if z != smallest)
    at.multiselect(key="zones.move_villages").set_value(list(labels.index[labels == smallest]))
    at.selectbox(key="zones.move_target").set_value(other)
    at.button(key="zones.move").click()
    at.run()
    assert not at.exception
    (error,) = [el.value for el in at.error if el.value.startswith(t("app.edit.error", "zh")[:5])]
    assert smallest in error
    assert history(at).edits == 0


def test_lock_rebalance_adopt_and_compare() -> None:
    at = run_plan(run_app())
    plan = history(at).current
    (village, zone), _ = _border_and_far_moves(plan)
    move(at, village, zone)
    at.multiselect(key="zones.locked").set_value([village])
    at.button(key="zones.rebalance").click()
    at.run()
    assert not at.exception
    found = at.session_state["plan.proposal"]
    assert current_labels(found.plan)[village] == zone  # the lock held
    assert found.locked == (village,)
    moved = len(compare_plans(history(at).current, found.plan).moved)
    dev = f"{found.plan.metrics['max_abs_deviation'] * 100:.1f}"
    assert t("app.edit.proposal", "zh", n=moved, dev=dev) in [el.value for el in at.info]

    at.radio(key="compare.with").set_value("proposed")
    at.run()
    assert t("app.compare.moved", "zh", n=moved) in [el.value for el in at.subheader]

    at.button(key="zones.adopt").click()
    at.run()
    assert history(at).current is found.plan
    assert history(at).edits == 2
    at.radio(key="compare.with").set_value("original")
    at.run()
    original = compare_plans(plan, found.plan)
    assert t("app.compare.moved", "zh", n=len(original.moved)) in [el.value for el in at.subheader]
    headers = [t(k, "zh") for k in ("app.col.village_id", "app.col.name")]
    tables = [el.value for el in at.dataframe if list(el.value.columns[:2]) == headers]
    assert tables
    assert set(tables[0][headers[0]]) == set(original.moved["village_id"])


def test_compare_with_an_uploaded_plan(tmp_path: Path) -> None:
    at = run_plan(run_app())
    plan = history(at).current
    write_plan(plan, tmp_path / "saved", xlsx=False, gpkg=False)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in sorted((tmp_path / "saved").iterdir()):
            zf.write(path, path.name)
    at.radio(key="compare.with").set_value("upload")
    at.run()
    assert t("app.compare.upload_hint", "zh") in [el.value for el in at.info]
    uploader = next(el for el in at.get("file_uploader") if el.key == "compare.upload")
    uploader.set_value([("old-plan.zip", buf.getvalue(), "application/zip")])
    at.run()
    assert not at.exception
    assert t("app.compare.none_moved", "zh") in [el.value for el in at.success]

    uploader = next(el for el in at.get("file_uploader") if el.key == "compare.upload")
    uploader.set_value([("old-plan.zip", b"not a zip", "application/zip")])
    at.run()
    assert not at.exception
    prefix = t("app.compare.upload_error", "zh", detail="")
    assert any(el.value.startswith(prefix) for el in at.error)
    assert "Traceback" not in texts(at)


def test_language_switch_changes_the_plan_labels() -> None:
    at = run_plan(run_app())
    assert [tab.label for tab in at.tabs][:3] == [
        t(f"app.tab.{name}", "zh") for name in ("scenario", "zones", "compare")
    ]
    at.radio(key="lang").set_value("en")
    at.run()
    assert not at.exception
    assert [tab.label for tab in at.tabs][:3] == [
        t(f"app.tab.{name}", "en") for name in ("scenario", "zones", "compare")
    ]
    assert len(zone_table(at, "en")) == len(history(at).current.zones)
    subheaders = [el.value for el in at.subheader]
    assert t("app.zones.table", "en") in subheaders
    assert t("app.zones.table", "zh") not in subheaders
    assert at.sidebar.header[-1].value == t("app.plan.header", "en")
    workload = at.selectbox(key="plan.workload-en")
    assert workload.options[workload.index] == t("app.plan.workload.auto", "en")
    assert at.button(key="plan.run").label == t("app.plan.run", "en")


def test_md_escape_breaks_autolinks_but_keeps_the_text() -> None:
    shown = md_escape("见 http://evil.example/s.png 或 www.evil.cn")
    assert "://" not in shown
    assert "www." not in shown
    # what a reader sees: the same characters once escapes and the invisible joiner are gone
    assert (
        shown.replace("\\", "").replace("\u2060", "")
        == "见 http://evil.example/s.png 或 www.evil.cn"
    )


def _empty_workbook() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["villages.xlsx", "行政村.xls"])
def test_excel_uploads_get_the_save_as_csv_advice(name: str, lang: str) -> None:
    """The uploader takes Excel files (Streamlit would refuse them with its own "invalid
    extension" message), so the core's advice reaches the user."""
    assert {"xlsx", "xls"} <= set(UPLOAD_TYPES)
    at = run_app()
    at.radio(key="lang").set_value(lang)
    upload(at, {name: _empty_workbook()})
    shown = "\n".join(el.value for el in at.error)
    assert md_escape(t("issue.spreadsheet", lang, file=name)) in shown
    assert md_escape(t("fix.spreadsheet", lang)) in shown
    assert "Traceback" not in texts(at)
