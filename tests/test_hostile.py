"""Hostile files against the readers (issue 12): one regression test per attack class.

The files come from ``tests/data/hostile.py``. Where an attack works against plain GDAL, the test
shows that first, so the test proves the reader, not a harmless file.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

import zones
from tests.data import hostile
from zones.errors import ScenarioError
from zones.plan.edits import read_plan_bytes
from zones.plan.files import PlanFileError, write_plan
from zones.scenario import gpkg
from zones.scenario import io as zio

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file of the server outside any scenario folder: a person's name and phone."""
    path = tmp_path / "outside" / "secret.csv"
    path.parent.mkdir()
    path.write_bytes(hostile.secret_csv())
    return path


def _refused(call, *codes: str) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        call()
    found = info.value.report.codes("error")
    assert found & set(codes), found
    for lang in ("zh", "en"):
        text = info.value.message(lang)
        assert hostile.SECRET_NAME not in text
        assert hostile.SECRET_PHONE not in text
    return info.value


# --- 1. GDAL must not pick its driver from the content ----------------------------------------


def test_a_vrt_posing_as_a_shapefile_reads_no_file_of_the_server(
    secret: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "scenario"
    folder.mkdir()
    for name, data in hostile.vrt_shapefile(secret).items():
        (folder / name).write_bytes(data)
    # plain GDAL follows the VRT and reads the planted file: the attack is real
    leaked = pyogrio.read_dataframe(folder / "villages.shp")
    assert hostile.SECRET_NAME in set(leaked["name"])
    # our readers refuse it: from a folder, from a zip upload, and as separate uploads
    _refused(lambda: zones.read_scenario(folder), "not_a_shapefile")
    upload = hostile.zipped(hostile.vrt_shapefile(secret))
    _refused(lambda: zones.read_scenario_bytes({"s.zip": upload}), "not_a_shapefile")
    _refused(lambda: zones.read_scenario_bytes(hostile.vrt_shapefile(secret)), "not_a_shapefile")


def test_a_vrt_posing_as_geojson_or_a_plan_layer_is_not_json(secret: Path, tmp_path: Path) -> None:
    vrt = hostile.vrt(secret)
    _refused(lambda: zones.read_scenario_bytes({"villages.geojson": vrt}), "bad_json")
    # a saved plan whose villages layer is a VRT: read with our JSON parser, never GDAL
    plan = zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=8, patrol=False)
    write_plan(plan, tmp_path / "saved", xlsx=False, gpkg=False)
    (tmp_path / "saved" / "villages.geojson").write_bytes(hostile.vrt(secret))
    files = {p.name: p.read_bytes() for p in (tmp_path / "saved").iterdir()}
    with pytest.raises(PlanFileError) as info:
        read_plan_bytes(hostile.zipped(files))
    assert hostile.SECRET_NAME not in str(info.value)
    assert "villages.geojson" in str(info.value)


def test_a_crs_naming_a_server_file_is_refused() -> None:
    _refused(
        lambda: zones.read_scenario_bytes({"s.gpkg": hostile.grid_crs_geopackage()}),
        "unsafe_crs",
    )
    doc = (
        hostile.duplicate_key_geojson()
        .decode()
        .replace(
            '"type": "FeatureCollection", ',
            '"type": "FeatureCollection", "crs": {"type": "name", "properties": '
            '{"name": "+init=/etc/passwd:x"}}, ',
        )
    )
    doc = doc[: doc.rindex(', "features"')] + "}"  # one features member
    _refused(lambda: zones.read_scenario_bytes({"villages.geojson": doc.encode()}), "unknown_crs")


# --- 2. GeoPackages: plain tables only, bounded in time ---------------------------------------


def test_an_endless_view_is_refused_at_once() -> None:
    started = time.monotonic()
    _refused(
        lambda: zones.read_scenario_bytes({"s.gpkg": hostile.endless_view_geopackage()}),
        "gpkg_not_table",
    )
    _refused(
        lambda: zones.read_scenario_bytes({"s.gpkg": hostile.endless_contents_geopackage()}),
        "bad_gpkg",
    )
    assert time.monotonic() - started < 10


def test_the_time_limit_interrupts_a_statement_stuck_in_sqlite() -> None:
    connection = gpkg.open_geopackage(hostile.endless_view_geopackage(), seconds=0.5)
    started = time.monotonic()
    with pytest.raises(gpkg.GeoPackageError) as info:
        gpkg._query(connection, "SELECT count(*) FROM villages")
    assert info.value.code == "gpkg_timeout"
    assert time.monotonic() - started < 5
    # nothing outside the deserialised bytes can be attached
    with pytest.raises(gpkg.GeoPackageError):
        gpkg._query(connection, "ATTACH DATABASE '/tmp/x.db' AS x")


def test_the_cli_refuses_an_endless_view_within_seconds(tmp_path: Path) -> None:
    path = tmp_path / "station.gpkg"
    path.write_bytes(hostile.endless_view_geopackage())
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "zones.cli", "validate", str(path), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert time.monotonic() - started < 30
    assert done.returncode == 1
    assert "not a plain feature table" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_a_geopackage_layer_over_the_row_cap_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zio, "MAX_ROWS", 0)
    data = (zones.SAMPLE_PATH / "villages.geojson").read_bytes()
    _refused(lambda: zones.read_scenario_bytes({"villages.geojson": data}), "too_many_rows")


# --- 4. zip members that lie about their size ------------------------------------------------


def test_a_lying_zip_member_stops_with_bounded_memory() -> None:
    data = hostile.lying_zip(inflated_mb=300)
    assert len(data) < 1_000_000
    tracemalloc.start()
    try:
        error = _refused(
            lambda: zones.read_scenario_bytes({"s.zip": data}),
            "zip_member_broken",
            "zip_member_lies",
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MB"
    assert "villages.geojson" in error.message("en")


def test_members_are_counted_as_they_unpack() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("villages.geojson", b" " * 5000)
    with zipfile.ZipFile(buffer) as archive:
        (info,) = archive.infolist()
        assert zio._read_member(archive, info, 5000) == b" " * 5000
        with pytest.raises(zio._MemberTooLarge):
            zio._read_member(archive, info, 4999)


# --- 5. silent results: duplicate keys, heights dropped from shapefiles -----------------------


def test_a_duplicate_key_is_an_error_naming_it() -> None:
    error = _refused(
        lambda: zones.read_scenario_bytes({"villages.geojson": hostile.duplicate_key_geojson()}),
        "json_duplicate_key",
    )
    assert '"features"' in error.message("en")


def test_heights_dropped_from_a_shapefile_are_reported() -> None:
    scenario = zones.read_scenario_bytes({"s.zip": hostile.zipped(hostile.shapefile_3d())})
    assert "coords_3d" in scenario.report.codes("repair")
    assert not scenario.villages.geometry.has_z.any()


def test_an_endless_view_uploaded_in_the_app_is_refused_within_seconds() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    started = time.monotonic()
    (uploader,) = at.get("file_uploader")
    uploader.set_value([("station.gpkg", hostile.endless_view_geopackage(), "application/x")])
    at.run()
    assert time.monotonic() - started < 30
    assert not at.exception
    assert at.error, "the refusal is shown"
    report = " ".join(el.value.to_string() for el in at.dataframe)
    assert "不是普通要素表" in report  # gpkg_not_table, in Chinese by default
    assert "Traceback" not in report + " ".join(e.value for e in at.error)


def test_links_and_pipes_in_a_scenario_folder_are_not_followed(
    secret: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "scenario"
    folder.mkdir()
    for name in ("villages.geojson", "jurisdiction.geojson"):
        (folder / name).write_bytes((zones.SAMPLE_PATH / name).read_bytes())
    (folder / "officers.csv").symlink_to(secret)
    os.mkfifo(folder / "roads.geojson")  # reading a pipe would block forever
    error = _refused(lambda: zones.read_scenario(folder), "not_a_regular_file")
    assert {i.feature for i in error.report.errors} >= {"officers.csv", "roads.geojson"}


# --- found by the review: amplification and header formulas -----------------------------------


def test_a_shapefile_index_pointing_every_row_at_one_record_is_refused() -> None:
    parts = hostile.shapefile_3d()
    shx = bytearray(parts["villages.shx"])
    first = bytes(shx[100:108])
    shx[108:116] = first  # the second row points at the first row's polygon
    parts["villages.shx"] = bytes(shx)
    _refused(lambda: zones.read_scenario_bytes({"s.zip": hostile.zipped(parts)}), "not_a_shapefile")


def test_a_csv_with_thousands_of_columns_is_refused_before_pandas() -> None:
    header = "officer_id,name,role" + "," * 20_000
    data = (header + "\nP1,甲,police" + "," * 20_000 + "\n").encode()
    villages = (zones.SAMPLE_PATH / "villages.geojson").read_bytes()
    started = time.monotonic()
    _refused(
        lambda: zones.read_scenario_bytes({"villages.geojson": villages, "officers.csv": data}),
        "too_many_columns",
    )
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("ending", ["\r", "\r\n", "\n"])
def test_a_csv_with_any_line_ending_is_read(ending: str) -> None:
    # found by the fuzzer in CI: old Mac line endings (a lone CR) stopped the header count
    from zones.scenario.csv_tables import parse_csv

    rows = ["officer_id,name,role", "P1,甲,police", 'P2,"乙,丙",auxiliary']
    raw = parse_csv(ending.join(rows).encode() + ending.encode(), "officers", "o.csv", [])
    assert raw is not None
    assert raw.frame["name"].tolist() == ["甲", "乙,丙"]


def test_header_cells_are_guarded_and_read_back(tmp_path: Path) -> None:
    from zones.scenario.csv_tables import parse_csv
    from zones.writers import write_csv

    frame = pd.DataFrame({"=HYPERLINK(1)": ["a"], "name": ["+86"]})
    write_csv(frame, tmp_path / "t.csv")
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "'=HYPERLINK(1),name"
    raw = parse_csv((tmp_path / "t.csv").read_bytes(), "officers", "t.csv", [])
    assert raw is not None
    assert list(raw.frame.columns[:2]) == ["=HYPERLINK(1)", "name"]
    assert raw.frame["name"].tolist() == ["+86"]


def test_the_old_module_paths_are_attributes_of_zones_again() -> None:
    import zones.scenario.io

    assert zones.io is zones.scenario.io
    assert zones.export.write_plan is zones.write_plan


def test_a_plan_json_with_damaged_parts_is_a_plan_error(tmp_path: Path) -> None:
    import json

    plan = zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=8, patrol=False)
    write_plan(plan, tmp_path, xlsx=False, gpkg=False)
    meta = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    meta["pool"] = 5
    (tmp_path / "plan.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(PlanFileError, match="damaged pool"):
        zones.read_plan(tmp_path)
