"""Chinese throughout: in Chinese mode no English sentence of ours, no raw key and no Python
value (``True``, ``nan``) reaches the page, the people's spreadsheets or an error's words.

The page is scanned as rendered by ``streamlit.testing.v1.AppTest`` (every tab renders in one
run): titles, texts, messages, captions, metrics, widget labels, help and options, tab and
expander labels, buttons, and every header and text cell of every table. An "English sentence"
is three or more English words in a row; ids, units, codes (``1+3+2``, ``GCJ-02``), file names
and the documented field names a fix text tells the user to fill in are allowed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import zones
from tests.test_app import APP
from ui import export_tab, sheets
from ui.i18n import t

CJK = re.compile(r"[\u4e00-\u9fff]")

# a stretch of ASCII text between Chinese characters, full-width punctuation, "|" and line ends
ASCII_RUN = re.compile(r"[\x20-\x7b\x7d\x7e]+")
# an English word: two or more letters, one of them lower case (GPS, WGS84 and 1+3+2 are not)
WORD = re.compile(r"(?<![\w.])(?=[A-Za-z]*[a-z])[A-Za-z]{2,}(?:['’-][A-Za-z]+)*(?![\w.])")
PATH = re.compile(r"\S*/\S*")  # a file's path in a message: its own words, not ours
FILE_NAME = re.compile(r"\b[\w-]+\.(?:geojson|gpkg|json|csv|xlsx|zip|shp|html|osm)\b")
MIN_WORDS = 3  # three English words between two Chinese characters make a sentence of ours
# a translation key or a snake_case name shown as it is (``patrol_rooms_far``, ``app.edit.done``)
SNAKE = re.compile(r"(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.])")
DOTTED_KEY = re.compile(
    r"\b(?:app|map|issue|fix|layer|roster|cli|error|staff|plan|minutes)(?:\.[a-z0-9_]+)+\b"
)
PYTHON_VALUES = frozenset({"True", "False", "None", "nan", "NaN", "NaT", "<NA>", "inf"})
# field names of the documented input layers: a fix may tell the user to fill one in
FIELD_NAMES = frozenset(
    {
        "village_id",
        "officer_id",
        "home_village",
        "familiar_villages",
        "reward_leave_days",
        "speed_kmh",
    }
)
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info")
TEXT_KINDS += ("success", "exception", "code", "latex", "text")


def _strings(values: Iterable[object]) -> Iterator[str]:
    for value in values:
        if isinstance(value, str) and value:
            yield value


def _frame_texts(frame: object) -> Iterator[str]:
    data = getattr(frame, "data", frame)  # a Styler's frame
    if not isinstance(data, pd.DataFrame):
        return
    yield from (str(c) for c in data.columns)
    for column in data.columns:  # a bool column shows as ticks, numbers as numbers
        values = data[column]
        if not pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            yield from (str(v) for v in values.tolist() if v is not None)


def _element_texts(element: object) -> Iterator[str]:
    kind = getattr(element, "type", "")
    if kind in TEXT_KINDS:
        yield from _strings([getattr(element, "value", None)])
    if kind == "dataframe":
        yield from _frame_texts(element.value)
    if kind == "metric":
        yield from _strings([element.label, element.value, getattr(element, "help", None)])
        yield from _strings([getattr(element.proto, "delta", None)])
    proto = getattr(element, "proto", None)
    for name in ("label", "help", "placeholder"):
        if kind not in TEXT_KINDS and kind != "metric":
            yield from _strings([getattr(proto, name, None)])
    if proto is not None and kind in ("selectbox", "radio", "multiselect", "select_slider"):
        yield from _strings(list(getattr(proto, "options", [])))


def page_texts(at: AppTest) -> list[str]:
    """Every text a person sees on the page AppTest rendered (Markdown escapes removed)."""
    found: list[str] = []

    def walk(node: object) -> None:
        children = getattr(node, "children", None)
        if not isinstance(children, dict):
            return
        for child in children.values():
            found.extend(_element_texts(child))
            walk(child)

    walk(at._tree)
    return [re.sub(r"\\(.)", r"\1", text) for text in found]


def english_runs(text: str) -> list[str]:
    """The stretches of ``text`` between Chinese characters that hold three English words."""
    found = []
    for run in ASCII_RUN.findall(text):
        words = WORD.findall(SNAKE.sub(" ", FILE_NAME.sub(" ", PATH.sub(" ", run))))
        if len(words) >= MIN_WORDS:
            found.append(run.strip())
    return found


def leaks(texts: Iterable[str]) -> list[str]:
    """The English sentences, raw keys, snake_case names and Python values among ``texts``."""
    found = []
    for text in texts:
        if text.strip() in PYTHON_VALUES:
            found.append(text)
            continue
        found += english_runs(text)
        found += [m for m in SNAKE.findall(text) if m not in FIELD_NAMES]
        found += [m.group(0) for m in DOTTED_KEY.finditer(FILE_NAME.sub(" ", text))]
    return sorted(set(found))


def test_the_scanner_finds_what_it_must() -> None:
    detail = "30 zones need 30 zone heads, but only 22 sworn officers are available"
    assert leaks([f"无法生成方案：{detail}。"]) == [detail]
    assert leaks(["指标 patrol_rooms_far"]) == ["patrol_rooms_far"]
    assert leaks(["True", "是"]) == ["True"]
    assert leaks(["app.edit.done"]) == ["app.edit.done"]
    ok = [
        "WGS84 / CGCS2000（GPS、天地图）",
        "同样的图层合在一个文件中，可用 QGIS、ArcGIS 打开",
        "补填 home_village，以便优先安排本村辅警",
        "全部图层（GeoJSON）、表格和 plan.json，可再次读入；公开版不含 officers.csv",
        "1+3+2",
        "GCJ-02（高德、腾讯）",
        "中文 | English",
    ]
    assert leaks(ok) == []


# --- the app in Chinese mode --------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def planned() -> AppTest:
    """The app on the sample in Chinese (the default), with the plan made."""
    at = _run(AppTest.from_file(APP, default_timeout=120))
    at.button(key="plan.run").click()
    return _run(at)


def test_chinese_page_with_a_plan_has_no_english() -> None:
    at = planned()
    seen = page_texts(at)
    assert len(seen) > 200  # every tab rendered
    at.button(key="roster.run").click()
    seen += page_texts(_run(at))
    assert not (found := leaks(seen)), found


def test_chinese_edit_messages_have_no_english() -> None:
    at = planned()
    plan = at.session_state["plan.history"].current
    labels = plan.villages["zone_id"].astype(str)
    # a move that succeeds: one village into a neighbouring zone (its message counts villages)
    first = labels.index[0]
    other = next(z for z in plan.zones["zone_id"].astype(str) if z != labels.iloc[0])
    at.multiselect(key="zones.move_villages").set_value([first])
    at.selectbox(key="zones.move_target").set_value(other)
    at.button(key="zones.move").click()
    seen = page_texts(_run(at))
    # a move that empties a zone: refused, with the core's reason
    plan = at.session_state["plan.history"].current
    labels = plan.villages["zone_id"].astype(str)
    smallest = plan.zones.sort_values("n_units")["zone_id"].astype(str).iloc[0]
    target = next(z for z in plan.zones["zone_id"].astype(str) if z != smallest)
    at.multiselect(key="zones.move_villages").set_value(list(labels.index[labels == smallest]))
    at.selectbox(key="zones.move_target").set_value(target)
    at.button(key="zones.move").click()
    at = _run(at)
    errors = [el.value for el in at.error]
    assert any(smallest in e for e in errors), errors
    seen += page_texts(at)
    assert not (found := leaks(seen)), found


def test_chinese_outcome_and_upload_errors_have_no_english(tmp_path: Path) -> None:
    """A bad peak-hours text, then an uploaded plan that is not a zip: both read in Chinese."""
    at = _run(AppTest.from_file(APP, default_timeout=120))
    at.text_input(key="plan.peak_hours").set_value("morning")
    at.button(key="plan.run").click()
    at = _run(at)
    shown = re.sub(r"\\(.)", r"\1", " ".join(el.value for el in at.caption))  # unescaped
    assert "morning" in shown
    assert "07:30-09:00" in shown
    seen = page_texts(at)
    at.text_input(key="plan.peak_hours").set_value("")
    at.button(key="plan.run").click()
    at = _run(at)
    at.radio(key="compare.with").set_value("upload")
    at = _run(at)
    uploader = next(el for el in at.get("file_uploader") if el.key == "compare.upload")
    uploader.set_value([("old-plan.zip", b"not a zip", "application/zip")])
    at = _run(at)
    errors = [el.value for el in at.error]
    prefix = t("app.compare.upload_error", "zh", detail="")
    assert any(e.startswith(prefix) for e in errors), errors
    seen += page_texts(at)
    assert not (found := leaks(seen)), found


def outcome_script(n_zones, lang):  # no annotations: the body runs as a script on its own
    """The AppTest script: the message of a plan the core refuses (more zones than heads)."""
    import zones
    from ui import plan_page

    try:
        zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=n_zones)
    except zones.ZonePlannerError as exc:
        plan_page.show_outcome_error(plan_page.Outcome(error=exc), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refused_plan_reads_in_the_page_language(lang: str) -> None:
    at = AppTest.from_function(outcome_script, args=(30, lang), default_timeout=60)
    at = _run(at)
    (caption,) = [el.value for el in at.caption]
    wanted = "30 个责任区需要 30 名片区长" if lang == "zh" else "30 zones need 30 zone heads"
    assert wanted in caption
    assert "21" in caption
    assert "9" in caption
    if lang == "zh":
        assert not (found := leaks(page_texts(at))), found


# --- the people's spreadsheets ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> zones.Scenario:
    return zones.read_scenario(zones.SAMPLE_PATH)


@pytest.fixture(scope="module")
def made(sample: zones.Scenario) -> zones.Plan:
    return zones.make_plan(sample, n_zones=8, patrol=False)


def _cells(book: openpyxl.Workbook) -> tuple[list[str], list[object]]:
    headers, values = [], []
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if rows:
            headers += [str(h) for h in rows[0]]
            values += [v for row in rows[1:] for v in row]
    return headers, values


def test_spreadsheets_for_people_are_in_chinese(made: zones.Plan) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_tab.people_file(made, "xlsx", "zh")))
    assert book.sheetnames == ["责任区", "村", "排班"]
    headers, values = _cells(book)
    assert all(CJK.search(h) for h in headers), headers
    texts = [v for v in values if isinstance(v, str)]
    assert not (found := leaks(headers + texts)), found
    assert not [v for v in values if isinstance(v, bool)]
    zones_sheet = book["责任区"]
    header = [c.value for c in zones_sheet[1]]
    assert {"偏差 %", "面积 km²", "紧凑度", "连成一片", "人口"} <= set(header)
    column = header.index("人口") + 1
    cell = zones_sheet.cell(row=2, column=column)
    assert isinstance(cell.value, int)
    assert cell.number_format == "#,##0"
    deviation = header.index("偏差 %") + 1
    shown = [zones_sheet.cell(row=r, column=deviation).value for r in range(2, len(made.zones) + 2)]
    assert shown == (made.zones["deviation"] * 100).round(1).tolist()
    assert {
        zones_sheet.cell(row=r, column=header.index("连成一片") + 1).value for r in range(2, 4)
    } <= {
        "是",
        "否",
    }
    villages = [c.value for c in book["村"][1]]
    assert "驻村辅警选派依据" not in villages  # the single files are public: no reasons, no homes
    kinds = {r[villages.index("类型")] for r in book["村"].iter_rows(min_row=2, values_only=True)}
    assert kinds <= {"行政村", "社区"}


@pytest.mark.parametrize("what", ["zones_csv", "villages_csv"])
def test_csv_for_people_has_chinese_headers_and_english_in_english(
    made: zones.Plan, what: str
) -> None:
    zh = pd.read_csv(io.BytesIO(export_tab.people_file(made, what, "zh")), dtype=str)
    en = pd.read_csv(io.BytesIO(export_tab.people_file(made, what, "en")), dtype=str)
    assert all(CJK.search(c) for c in zh.columns), list(zh.columns)
    assert not any(CJK.search(c) for c in en.columns), list(en.columns)
    assert len(zh) == len(en) == (len(made.zones) if what == "zones_csv" else len(made.villages))
    texts = [str(v) for v in zh.to_numpy().ravel() if isinstance(v, str)]
    assert not (found := leaks(list(zh.columns) + texts)), found
    assert "True" not in texts
    assert "False" not in texts


def test_machine_files_keep_their_field_names(made: zones.Plan) -> None:
    """The plan folder (zip) keeps the documented names; only the people's files change."""
    data = export_tab.downloads_for(made, "zh", "public")[1].build()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        header = archive.read("villages.csv").decode("utf-8-sig").splitlines()[0]
        assert header.startswith("village_id,")
        assert "zone_id" in header
    villages = sheets.people_table(made.villages, sheets.VILLAGE_COLUMNS, "zh")
    assert list(villages.columns[:2]) == ["村编号", "村名"]


def test_every_patrol_figure_has_a_label(sample: zones.Scenario) -> None:
    """The patrol tab names the plan's patrol figures by their labels, never by their keys
    (``patrol_rooms_far`` was shown as it is)."""
    from ui.tables import metric_label

    plan = zones.make_plan(sample, n_zones=6)
    keys = [k for k in plan.metrics if k.startswith(("patrol_", "post_", "posts", "base_"))]
    assert "patrol_rooms_far" in keys
    assert [k for k in keys if metric_label(k, "zh") == k] == []
    assert [k for k in keys if metric_label(k, "en") == k] == []
