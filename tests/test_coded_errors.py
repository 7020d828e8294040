"""The core's errors a person can meet are coded: their words come from the core's table in
Chinese and English (``error.<code>``), with the numbers that tell what is wrong; ``str(error)``
stays the English for logs and scripts. Also: the workload notes are coded, every code has words,
and counts of one read as one ("Moved 1 village").
"""

from __future__ import annotations

import ast
import io
import pickle
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import zones
from tests.conftest import grid_units
from tests.test_chinese_throughout import CJK, english_runs
from ui.i18n import t
from zones import i18n
from zones.error_texts import ERROR_TEXTS, ONE_TEXTS
from zones.errors import ZonePlannerError, error_message
from zones.patrol.peaks import parse_peak_windows
from zones.patrol.settings import check_settings
from zones.plan.edits import current_labels, move_villages, zone_ids
from zones.plan.files import read_plan, write_plan
from zones.plan.privacy import check_profile
from zones.plan.zips import read_plan_bytes
from zones.roster.leave import read_leave
from zones.roster.roster import plan_roster
from zones.scenario.osm import OsmError, osm_roads_geojson
from zones.zoning import plan_zones
from zones.zoning.polygons import read_previous
from zones.zoning.workload import parse_weights, resolve_workload

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sample() -> zones.Scenario:
    return zones.read_scenario(zones.SAMPLE_PATH)


@pytest.fixture(scope="module")
def made(sample: zones.Scenario) -> zones.Plan:
    return zones.make_plan(sample, n_zones=8, patrol=False)


GRID = grid_units(2, 3)
ROW = grid_units(1, 5)
HALVES = pd.Series(["1", "1", "1", "2", "2", "2"], index=GRID.index)


def _nest(*areas: str | None) -> pd.Series:
    return pd.Series(list(areas), index=GRID.index)


def _emptying_move(plan: zones.Plan) -> tuple[str, dict[str, str]]:
    """A zone, and the moves that take every village out of it."""
    labels = current_labels(plan)
    zone = zone_ids(plan)[0]
    other = zone_ids(plan)[1]
    return zone, dict.fromkeys(labels.index[labels == zone], other)


# code → (make the error from the context, values the words must show in both languages)
ERRORS: dict[str, tuple[Callable[..., object], tuple[str, ...]]] = {
    "zoning.n_zones": (lambda c: plan_zones(GRID, 9, workload="w"), ("6", "9")),
    "zoning.tolerance": (lambda c: plan_zones(GRID, 2, workload="w", tolerance=1.5), ("1.5",)),
    "zoning.previous_missing": (
        lambda c: plan_zones(GRID, 2, workload="w", previous=pd.Series({"r0c0": "1"})),
        ("5", "r0c1"),
    ),
    "zoning.previous_count": (
        lambda c: plan_zones(GRID, 3, workload="w", previous=HALVES),
        ("2", "3"),
    ),
    "zoning.locked_unknown": (
        lambda c: plan_zones(GRID, 2, workload="w", locked={"V404": "1"}),
        ("V404",),
    ),
    "zoning.locked_too_many_zones": (
        lambda c: plan_zones(GRID, 2, workload="w", locked={"r0c0": "a", "r0c1": "b", "r0c2": "c"}),
        ("3", "2"),
    ),
    "zoning.locked_zones_unknown": (
        lambda c: plan_zones(GRID, 2, workload="w", previous=HALVES, locked={"r0c0": "7"}),
        ("7", "1, 2"),
    ),
    "zoning.locked_across_nests": (
        lambda c: plan_zones(
            GRID, 2, workload="w", nest_within=_nest(*"AAABBB"), locked={"r0c0": "a", "r1c0": "a"}
        ),
        ("a",),
    ),
    "zoning.locks_empty": (
        lambda c: plan_zones(ROW, 3, workload="w", locked={"r0c0": "a", "r0c4": "a"}),
        ("2",),
    ),
    "zoning.nest_column": (lambda c: plan_zones(GRID, 2, workload="w", nest_within="乡"), ("乡",)),
    "zoning.nest_missing": (
        lambda c: plan_zones(GRID, 2, workload="w", nest_within=_nest(*"AAAAA", None)),
        ("1", "r1c2"),
    ),
    "zoning.nest_too_few": (
        lambda c: plan_zones(GRID, 2, workload="w", nest_within=_nest(*"ABCABC")),
        ("2", "3"),
    ),
    "zoning.nest_pieces": (
        lambda c: plan_zones(
            grid_units(1, 3),
            2,
            workload="w",
            nest_within=pd.Series(list("ABA"), index=ROW.index[:3]),
        ),
        ("A", "2"),
    ),
    "workload.column": (lambda c: plan_zones(GRID, 2, workload="人口数"), ("人口数", "w")),
    "workload.weights": (lambda c: plan_zones(GRID, 2, workload={"w": -1}), ("-1",)),
    "workload.negative": (
        lambda c: resolve_workload(GRID, pd.Series([-1.0, 1, 1, 1, 1, 1], index=GRID.index)),
        ("1", "r0c0"),
    ),
    "workload.zero": (lambda c: resolve_workload(GRID, pd.Series(0.0, index=GRID.index)), ()),
    "workload.weight_text": (lambda c: parse_weights("incidents=abc"), ("incidents=abc",)),
    "staff.heads_short": (
        lambda c: zones.make_plan(c["sample"], n_zones=30),
        ("30", "21", "9"),
    ),
    "plan.n_zones": (lambda c: zones.make_plan(c["sample"], n_zones=0), ("0",)),
    "plan.profile": (lambda c: check_profile("secret"), ("secret",)),
    "patrol.budget": (lambda c: check_settings(0, 1, 300), ("0", "1440")),
    "patrol.stop": (lambda c: check_settings(60, 70, 300), ("70", "60")),
    "patrol.radius": (lambda c: check_settings(60, 10, 20_000), ("20000", "10000")),
    "peaks.format": (lambda c: parse_peak_windows("morning"), ("morning", "07:30-09:00")),
    "peaks.range": (lambda c: parse_peak_windows("25:00-26:00"), ("25:00-26:00",)),
    "peaks.empty": (lambda c: parse_peak_windows("07:00-07:00"), ("07:00-07:00",)),
    "roster.not_a_date": (
        lambda c: plan_roster(c["sample"].officers, "2025-02-30", 7),
        ("2025-02-30",),
    ),
    "roster.heads_unknown": (
        lambda c: plan_roster(c["sample"].officers, "2025-03-03", 7, zone_heads=["X9"]),
        ("X9",),
    ),
    "roster.leave_unknown": (
        lambda c: plan_roster(c["sample"].officers, "2025-03-03", 7, leave={"X9": ["2025-03-04"]}),
        ("X9",),
    ),
    "roster.leave_order": (
        lambda c: plan_roster(
            c["sample"].officers,
            "2025-03-03",
            7,
            leave=pd.DataFrame(
                {"officer_id": ["P001"], "start": ["2025-03-05"], "end": ["2025-03-04"]}
            ),
        ),
        ("P001", "2025-03-04", "2025-03-05"),
    ),
    "roster.min_sworn": (
        lambda c: plan_roster(c["sample"].officers, "2025-03-03", 7, min_sworn={"responder": 5}),
        ("5", "3"),
    ),
    "roster.leave_missing": (lambda c: read_leave(c["tmp"] / "休假.csv"), ("休假.csv",)),
    "planfile.no_plan_json": (lambda c: read_plan(c["tmp"]), ("plan.json",)),
    "planfile.is_file": (lambda c: write_plan(c["plan"], c["tmp"] / "a-file.txt"), ("a-file.txt",)),
    "planfile.zip": (lambda c: read_plan_bytes(b"not a zip", name="旧方案.zip"), ("旧方案.zip",)),
    "planfile.layer_missing": (
        lambda c: read_plan_bytes(c["zip_without_zones"]),
        ("zones.geojson",),
    ),
    "previous.missing": (
        lambda c: read_previous(c["tmp"] / "none.csv", c["sample"].villages.index),
        ("none.csv",),
    ),
    "previous.twice": (
        lambda c: read_previous(c["tmp"] / "twice.csv", c["sample"].villages.index),
        ("twice.csv", "1", "V1"),
    ),
    "edit.emptied": (
        lambda c: move_villages(c["plan"], _emptying_move(c["plan"])[1]),
        (),
    ),
    "edit.no_zone": (
        lambda c: move_villages(c["plan"], {c["plan"].villages.index[0]: "99"}),
        ("99",),
    ),
}


@pytest.fixture(scope="module")
def context(sample: zones.Scenario, made: zones.Plan, tmp_path_factory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("errors")
    (tmp / "a-file.txt").write_text("x", encoding="utf-8")
    (tmp / "twice.csv").write_text("village_id,zone_id\nV1,1\nV1,2\n", encoding="utf-8")
    folder = tmp_path_factory.mktemp("saved")
    write_plan(made, folder, xlsx=False, gpkg=False)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            if path.name != "zones.geojson":
                archive.write(path, path.name)
    return {"sample": sample, "plan": made, "tmp": tmp, "zip_without_zones": buffer.getvalue()}


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_each_error_reads_in_chinese_and_english_with_its_numbers(
    code: str, context: dict[str, object]
) -> None:
    make, values = ERRORS[code]
    with pytest.raises(ZonePlannerError) as info:
        make(context)
    error = info.value
    assert error.code == code
    zh, en = error.message("zh"), error.message("en")
    assert str(error) == en  # logs and scripts keep the English words
    assert CJK.search(zh), zh
    assert english_runs(zh) == [], zh
    assert not CJK.search(en.replace(str(context["tmp"]), "")) or any(CJK.search(v) for v in values)
    for value in values:
        assert value in zh, (value, zh)
        assert value in en, (value, en)
    assert error_message(error, "zh") == zh
    again = pickle.loads(pickle.dumps(error))  # a coded error survives a process boundary
    assert type(again) is type(error)
    assert again.message("zh") == zh


def test_an_emptied_zone_is_named(made: zones.Plan) -> None:
    zone, moves = _emptying_move(made)
    with pytest.raises(ZonePlannerError) as info:
        move_villages(made, moves)
    assert f"责任区 {zone} 一个村也不剩" in info.value.message("zh")
    assert f"the moves leave zone {zone} without any village" in str(info.value)


def test_an_unreadable_osm_file_reads_in_both_languages() -> None:
    with pytest.raises(OsmError) as info:
        osm_roads_geojson(b"<gpx/>")
    assert "<gpx>" in info.value.message("zh")
    assert "OpenStreetMap" in info.value.message("zh")
    assert english_runs(info.value.message("zh")) == []
    assert str(info.value) == info.value.message("en")
    assert "the XML root is <gpx>, not <osm>" in str(info.value)


def test_a_plain_error_keeps_its_words() -> None:
    error = ZonePlannerError("something only a script sees")
    assert error.code is None
    assert error.message("zh") == error.message("en") == str(error)
    assert error_message("已是文字", "en") == "已是文字"


def test_workload_notes_are_coded() -> None:
    units = GRID.assign(pop=[1.0, None, 2.0, 3.0, 4.0, 5.0])
    _, notes = resolve_workload(units, {"w": 0.5, "pop": 0.5})
    assert notes == ["1 unit has no pop; counted as 0"]  # English for scripts, as before
    result = plan_zones(units, 2, workload={"w": 0.5, "pop": 0.5})
    (note,) = [w for w in result.warnings if w.code == "workload_column_missing"]
    assert note.what("zh") == "1 个村没有pop数据，按 0 计"
    population = GRID.assign(population=[1.0, None, 2.0, 3.0, 4.0, 5.0])
    result = plan_zones(population, 2, workload={"w": 0.5, "population": 0.5})
    (note,) = [w for w in result.warnings if w.code == "workload_column_missing"]
    assert note.what("zh") == "1 个村没有人口数据，按 0 计"
    assert note.what("en") == "1 unit has no population; counted as 0"


def test_every_error_code_in_the_code_has_words() -> None:
    """Every ``code="…"`` an error is raised with in zones/ has its ``error.<code>`` text."""
    pattern = re.compile(r'Error\(\s*code=f?"([a-z_]+\.[a-z_.{}]+)"')
    codes: set[str] = set()
    for path in (ROOT / "zones").rglob("*.py"):
        codes |= set(pattern.findall(path.read_text(encoding="utf-8")))
    fixed = {c for c in codes if "{" not in c}
    assert len(fixed) > 50
    assert sorted(c for c in fixed if f"error.{c}" not in i18n.TEXTS) == []
    assert {"error.roster.time_limit_reached", "error.roster.work_limit"} <= set(i18n.TEXTS)


def test_added_tables_do_not_shadow_the_core_table() -> None:
    """zones/error_texts.py is merged into the core's table: no key may be in both."""
    tree = ast.parse((ROOT / "zones" / "i18n.py").read_text(encoding="utf-8"))
    literal = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign)
        and getattr(node.target, "id", None) == "TEXTS"
        and isinstance(node.value, ast.Dict)
    )
    own = {key.value for key in literal.keys if isinstance(key, ast.Constant)}
    assert own
    assert not own & (set(ERROR_TEXTS) | set(ONE_TEXTS))
    for key in ONE_TEXTS:
        assert key.removesuffix(i18n.ONE) in i18n.TEXTS, key


def test_one_village_is_one_village() -> None:
    assert t("app.edit.done", "en", n=1, zone="5").startswith("Moved 1 village to zone 5;")
    assert t("app.edit.done", "en", n="1", zone="5").startswith("Moved 1 village ")  # escaped
    assert t("app.edit.done", "en", n=2, zone="5").startswith("Moved 2 villages ")
    assert t("app.edit.done", "zh", n=1, zone="5") == t(
        "app.edit.done", "zh", n=3, zone="5"
    ).replace("3", "1")
    assert i18n.t("issue.base_unreachable", "en", n=1).startswith("1 incident cannot")
    assert t("app.tabs.metric.patrol_rooms_far", "zh") == "离巡逻线太远未纳入的乡村警务室"
