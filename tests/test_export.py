"""write_plan / read_plan: a plan folder that round-trips, GDAL-readable, Excel-friendly."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pyogrio
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zones
from zones import columns as C
from zones.plan.files import PLAN_LAYERS, PlanFileError, read_plan, write_plan


@pytest.fixture(scope="module")
def plan() -> zones.Plan:
    return zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=8)


@pytest.fixture(scope="module")
def folder(plan: zones.Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plan")
    write_plan(plan, out)
    return out


def assert_same_layers(plan: zones.Plan, back: zones.Plan) -> None:
    """Every layer of ``back`` equals ``plan``'s: columns, values, geometry within rounding."""
    for name in PLAN_LAYERS:
        left, right = getattr(plan, name), getattr(back, name)
        if left is None or not len(left):  # an empty layer has no properties to keep
            assert right is None or not len(right), name
            continue
        assert list(left.columns) == list(right.columns), name
        for column in left.columns.drop(left.geometry.name):
            pd.testing.assert_series_equal(
                left[column].reset_index(drop=True),
                right[column].reset_index(drop=True),
                check_exact=False,
                rtol=1e-6,
                obj=f"{name}.{column}",
            )
        distance = shapely.hausdorff_distance(left.geometry.values, right.geometry.values)
        assert (distance < 1e-6).all(), name
    assert back.villages.index.equals(plan.villages.index)


def test_write_then_read_returns_an_equal_plan(plan: zones.Plan, folder: Path) -> None:
    back = read_plan(folder)
    assert_same_layers(plan, back)  # patrols, posts and stops included
    assert len(back.patrols) == len(plan.patrols) > 0
    assert len(back.stops) == len(plan.stops) > 0
    assert back.villages.loc[plan.villages.index[0], C.NAME] == plan.villages[C.NAME].iloc[0]
    assert back.settings == json.loads(json.dumps(dict(plan.settings)))
    assert [w.code for w in back.warnings] == [w.code for w in plan.warnings]
    assert back.warnings[0].to_text("zh") == plan.warnings[0].to_text("zh")
    assert list(back.pool) == [str(p) for p in plan.pool]
    assert (
        back.officers.loc["A001", C.FAMILIAR_VILLAGES]
        == plan.officers.loc["A001", C.FAMILIAR_VILLAGES]
    )


def test_the_settings_reproduce_the_plan(plan: zones.Plan, folder: Path) -> None:
    settings = read_plan(folder).settings
    again = zones.make_plan(
        zones.read_scenario(zones.SAMPLE_PATH),
        n_zones=settings["n_zones"],
        workload=settings["workload"],
        tolerance=settings["tolerance"],
        seed=settings["seed"],
    )
    assert again.villages["zone_id"].equals(plan.villages["zone_id"])
    assert again.villages["aux_officer_id"].equals(plan.villages["aux_officer_id"])


def test_geopackage_lists_every_layer_for_gdal(plan: zones.Plan, folder: Path) -> None:
    listed = {name for name, _ in pyogrio.list_layers(folder / "plan.gpkg")}
    non_empty = {n for n in PLAN_LAYERS if getattr(plan, n) is not None and len(getattr(plan, n))}
    assert listed == non_empty
    villages = pyogrio.read_dataframe(folder / "plan.gpkg", layer="villages")
    assert set(villages[C.NAME]) == set(plan.villages[C.NAME])


def test_geojson_is_rfc7946_and_keeps_people_out_of_map_layers(folder: Path) -> None:
    for name in ("zones", "villages", "rooms"):
        doc = json.loads((folder / f"{name}.geojson").read_text(encoding="utf-8"))
        assert "crs" not in doc
        text = json.dumps(doc["features"][0]["properties"], ensure_ascii=False)
        assert "phone" not in text
    assert "phone" in (folder / "officers.csv").read_text(encoding="utf-8-sig").splitlines()[0]


def test_spreadsheets_open_in_excel(folder: Path) -> None:
    for name in ("zones.csv", "villages.csv", "officers.csv"):
        assert (folder / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    sheets = pd.read_excel(folder / "plan.xlsx", sheet_name=None)
    assert set(sheets) == {"责任区 zones", "村 villages", "排班 roster"}
    assert len(sheets["村 villages"]) == 90


def test_reading_a_folder_that_is_not_a_plan(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="plan.json"):
        read_plan(tmp_path)


def test_the_roster_travels_with_the_plan(tmp_path: Path) -> None:
    plan = zones.make_plan(
        zones.read_scenario(zones.SAMPLE_PATH), n_zones=8, roster_start="2025-03-03", roster_days=14
    )
    assert len(plan.roster) == 14 * 6
    heads = set(plan.zones["head_officer_id"])
    per_day = plan.roster.groupby("date")["officer_id"].apply(set)
    assert (per_day.map(lambda ids: len(ids & heads)) < len(heads)).all()
    write_plan(plan, tmp_path)
    back = read_plan(tmp_path)
    assert back.roster["officer_id"].tolist() == plan.roster["officer_id"].tolist()
    assert (back.roster["date"].dt.date == pd.to_datetime(plan.roster["date"]).dt.date).all()
    assert back.settings["roster_start"] == "2025-03-03"


# --- hostile text: exact round trips, no live formula (issue 12: round trips, formulas) ---------

HOSTILE = [
    '=HYPERLINK("http://x.invalid","点我")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+1",
    "'=already quoted",
    "''",
    "'",
    'quote " inside, and, commas',
    "carriage\rreturn",
    "line\nfeed\r\nboth",
    "\ttab first",
    "separator\u2028line\u2029para",
    "  spaces kept  ",
    "<script>alert(1)</script>",
    "+86 138 0000 0000",
    "; semicolons; and | bars、",
]


def _hostile_plan(plan: zones.Plan, long_name: str) -> zones.Plan:
    officers = plan.officers.copy()
    n = len(HOSTILE)
    officers.iloc[:n, officers.columns.get_loc(C.NAME)] = HOSTILE
    officers.iloc[:n, officers.columns.get_loc("phone")] = list(reversed(HOSTILE))
    officers.iloc[n, officers.columns.get_loc(C.NAME)] = long_name
    officers.iloc[n + 1, officers.columns.get_loc(C.FAMILIAR_VILLAGES)] = ("a;b", "[x]", "c")
    villages = plan.villages.copy()
    villages.iloc[:n, villages.columns.get_loc(C.NAME)] = HOSTILE
    villages.iloc[n, villages.columns.get_loc(C.NAME)] = long_name
    return dataclasses.replace(plan, officers=officers, villages=villages)


def test_hostile_text_round_trips_exactly_and_stays_text_in_excel(
    plan: zones.Plan, tmp_path: Path
) -> None:
    long_name = "长" * 100_000
    hostile = _hostile_plan(plan, long_name)
    written = write_plan(hostile, tmp_path)
    back = read_plan(tmp_path)
    assert_same_layers(hostile, back)
    pd.testing.assert_frame_equal(
        pd.DataFrame(back.officers.drop(columns="geometry")),
        pd.DataFrame(hostile.officers.drop(columns="geometry")),
        check_exact=True,
    )
    assert back.officers.geometry.equals(hostile.officers.geometry)
    assert back.villages[C.NAME].tolist() == hostile.villages[C.NAME].tolist()
    # Excel cuts cells at 32,767 characters: said in a warning naming the cell, never silently
    assert {w.code for w in written.warnings} == {"xlsx_truncated"}
    assert all(w.params["n"] == 100_000 for w in written.warnings)
    assert "32767" in written.warnings[0].what("en").replace(",", "")
    # no live formula anywhere in the workbook, and the texts read back as written
    with zipfile.ZipFile(tmp_path / "plan.xlsx") as book:
        for member in book.namelist():
            if member.startswith("xl/worksheets/"):
                sheet = book.read(member)
                assert b"<f>" not in sheet
                assert b"<f " not in sheet
    workbook = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    names = [c.value for c in workbook["村 villages"]["B"][1:]]
    assert names[: len(HOSTILE)] == [h.replace("\r\n", "\n").replace("\r", "\n") for h in HOSTILE]
    formula_like = [c for c in workbook["村 villages"]["B"][1:] if str(c.value)[:1] in "=+-@"]
    assert formula_like
    assert all(c.data_type == "s" for c in formula_like)
    assert all(c.quotePrefix for c in formula_like)


def test_csv_cells_are_guarded_against_formulas(plan: zones.Plan, tmp_path: Path) -> None:
    write_plan(_hostile_plan(plan, "x"), tmp_path, xlsx=False, gpkg=False)
    for name in ("officers.csv", "villages.csv"):
        rows = list(csv.reader(io.StringIO((tmp_path / name).read_text(encoding="utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
        assert '\'=HYPERLINK("http://x.invalid","点我")' in cells


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
        min_size=3,
        max_size=3,
    )
)
def test_any_text_round_trips(plan: zones.Plan, tmp_path_factory, texts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("any")
    officers = plan.officers.copy()
    officers.iloc[:3, officers.columns.get_loc(C.NAME)] = texts
    officers.iloc[:3, officers.columns.get_loc("phone")] = texts[::-1]
    villages = plan.villages.copy()
    villages.iloc[:3, villages.columns.get_loc(C.NAME)] = texts
    hostile = dataclasses.replace(plan, officers=officers, villages=villages)
    write_plan(hostile, folder, xlsx=False, gpkg=False)
    back = read_plan(folder)
    # a CSV cannot tell an empty text from a missing one: both come back missing
    expected = [t if t != "" else None for t in texts]
    got = back.officers[C.NAME].iloc[:3].tolist()
    assert [None if pd.isna(v) else v for v in got] == expected
    assert back.villages[C.NAME].iloc[:3].tolist() == texts
    assert back.officers.dtypes.equals(hostile.officers.dtypes)
    assert back.villages.dtypes.equals(hostile.villages.dtypes)
