"""Reading formats and archives: folders, zips, GeoPackage, uploads, and the safety caps."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest

import zones
from zones import columns as C
from zones.scenario import io as zio

from .conftest import CASES, case_files


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_of_a_folder_reads_like_the_folder(tmp_path: Path) -> None:
    files = case_files("utf8_bom")
    archive = tmp_path / "scenario.zip"
    archive.write_bytes(_zip({f"scenario/{n}": d for n, d in files.items()}))
    from_zip = zones.read_scenario(archive)
    from_folder = zones.read_scenario(CASES / "utf8_bom")
    assert from_zip.counts() == from_folder.counts()
    assert from_zip.villages[C.NAME].tolist() == from_folder.villages[C.NAME].tolist()


def test_geopackage_with_the_same_layer_names(tmp_path: Path) -> None:
    scenario = zones.read_scenario(CASES / "utf8_bom")
    path = tmp_path / "scenario.gpkg"
    scenario.villages.to_file(path, layer="villages")
    scenario.jurisdiction.to_file(path, layer="jurisdiction")
    scenario.villages.to_file(path, layer="something_else")
    back = zones.read_scenario(path)
    assert back.villages[C.NAME].tolist() == scenario.villages[C.NAME].tolist()
    assert back.villages[C.POPULATION].tolist() == scenario.villages[C.POPULATION].tolist()
    assert "ignored_layer" in back.report.codes("warning")
    # the same GeoPackage uploaded as bytes
    uploaded = zones.read_scenario_bytes({"mine.gpkg": path.read_bytes()})
    assert uploaded.counts() == back.counts()


def test_projected_geopackage_is_reprojected(tmp_path: Path) -> None:
    scenario = zones.read_scenario(CASES / "utf8_bom")
    path = tmp_path / "metric.gpkg"
    scenario.villages.to_crs(4547).to_file(path, layer="villages")  # CGCS2000 3-degree GK
    back = zones.read_scenario(path)
    assert "reprojected" in back.report.codes("repair")
    assert back.villages.total_bounds == pytest.approx(scenario.villages.total_bounds, abs=1e-6)


def test_shapefile_zip_named_after_its_layer() -> None:
    members = _shapefile_members()
    renamed = {n.replace("villages", "xzqh"): d for n, d in members.items()}
    scenario = zones.read_scenario_bytes({"villages.zip": _zip(renamed)})
    assert "测试1村" in set(scenario.villages[C.NAME])


def _shapefile_members() -> dict[str, bytes]:
    with zipfile.ZipFile(CASES / "shapefile_gbk_cpg" / "villages.zip") as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_chinese_file_names_name_layers() -> None:
    files = case_files("utf8_bom")
    files["行政村.geojson"] = files.pop("villages.geojson")
    files["辖区.geojson"] = files.pop("jurisdiction.geojson")
    scenario = zones.read_scenario_bytes(files)
    assert len(scenario.villages) == 9
    assert "jurisdiction_derived" not in scenario.report.codes()


def test_upload_names_are_never_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = case_files("utf8_bom")
    files = {f"../../{n}": d for n, d in files.items()}
    scenario = zones.read_scenario_bytes(files)
    assert len(scenario.villages) == 9
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path.parent / "villages.geojson").exists()


def test_zip_slip_is_refused_as_upload_error() -> None:
    with pytest.raises(zones.UploadError) as info:
        zones.read_scenario_bytes(case_files("zip_slip"))
    assert info.value.report.codes() == {"zip_unsafe"}
    assert "../evil.shp" in info.value.message("en")


def test_zip_bomb_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    big = _zip({"villages.geojson": b" " * (3 * 2**20)})
    monkeypatch.setattr(zio, "MAX_ZIP_TOTAL_MB", 2)
    with pytest.raises(zones.UploadError) as info:
        zones.read_scenario_bytes({"s.zip": big})
    assert info.value.report.codes() == {"zip_too_large"}
    monkeypatch.setattr(zio, "MAX_ZIP_TOTAL_MB", 500)
    monkeypatch.setattr(zio, "MAX_ZIP_MEMBERS", 3)
    many = _zip({f"f{i}.txt": b"x" for i in range(5)})
    with pytest.raises(zones.UploadError) as info:
        zones.read_scenario_bytes({"s.zip": many})
    assert info.value.report.codes() == {"zip_too_many"}


def test_file_over_the_cap_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("zones.scenario.readers.MAX_FILE_MB", 0.001)
    with pytest.raises(zones.UploadError) as info:
        zones.read_scenario_bytes(case_files("utf8_bom"))
    assert info.value.report.codes() == {"file_too_large"}
    monkeypatch.setattr(zio, "MAX_FILE_MB", 0.001)
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario(CASES / "utf8_bom")
    assert "file_too_large" in info.value.report.codes()


def test_gpkg_name_with_other_content_is_refused() -> None:
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes({"plan.gpkg": b"{}"})
    assert "not_gpkg" in info.value.report.codes()


def test_csv_point_layer_with_lon_lat() -> None:
    files = case_files("utf8_bom")
    files["station.csv"] = "name,经度,纬度\n测试派出所,113.115,41.015\n".encode()
    scenario = zones.read_scenario_bytes(files)
    assert scenario.station.geometry.iloc[0].x == pytest.approx(113.115)
    assert scenario.station[C.NAME].iloc[0] == "测试派出所"


def test_two_files_for_one_layer_is_an_error() -> None:
    files = case_files("utf8_bom")
    files["villages.csv"] = b"village_id,name\nV1,a\n"
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    assert "duplicate_layer" in info.value.report.codes()


def test_raw_geojson_keeps_lists_and_nested_values() -> None:
    issues: list = []
    raw = zio.parse_geojson(
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        b'{"a":[1,2],"b":{"c":"\xe4\xb8\xad"}},"geometry":null}]}',
        "officers",
        "officers.geojson",
        issues,
    )
    assert raw is not None
    assert raw.frame["a"].iloc[0] == (1, 2)
    assert raw.frame["b"].iloc[0] == '{"c": "中"}'
    assert issues == []


def test_missing_path_is_reported() -> None:
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario("/no/such/folder")
    assert info.value.report.codes() == {"path_missing"}


def test_geodataframe_crs_mismatch_is_never_silent() -> None:
    """geopandas only warns on CRS-mismatched joins; our pytest config makes that an error."""
    scenario = zones.read_scenario(CASES / "utf8_bom")
    with pytest.raises(UserWarning, match="CRS mismatch"):
        gpd.sjoin(scenario.villages, scenario.villages.to_crs(3857))


# --- findings of the fresh-eyes review: each once crashed or misled -------------------------


def test_encrypted_and_damaged_zip_members_are_reported() -> None:
    data = bytearray(
        _zip({"villages.geojson": (CASES / "utf8_bom" / "villages.geojson").read_bytes()})
    )
    flag_at = data.find(b"PK\x03\x04") + 6  # general purpose flag of the local header
    central = data.find(b"PK\x01\x02") + 8  # ... and of the central directory entry
    data[flag_at] |= 1
    data[central] |= 1
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes({"s.zip": bytes(data)})
    assert "zip_encrypted" in info.value.report.codes()
    damaged = bytearray(_zip({"villages.geojson": b"x" * 5000}))
    start = 30 + len("villages.geojson")  # local header, then the member's compressed data
    damaged[start + 2 : start + 8] = b"\xff" * 6
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes({"s.zip": bytes(damaged)})
    assert info.value.report.codes() == {"zip_member_broken"}


def test_zip_member_names_from_chinese_windows_are_gbk() -> None:
    files = case_files("utf8_bom")
    buf = io.BytesIO()

    class GbkName(zipfile.ZipInfo):
        """Writes the name in GBK without the UTF-8 flag, as Windows zip tools in China do."""

        def _encodeFilenameFlags(self):  # noqa: N802 - CPython's private hook
            return self.filename.encode("gbk"), self.flag_bits & ~0x800

    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in (
            ("行政村.geojson", files["villages.geojson"]),
            ("jurisdiction.geojson", files["jurisdiction.geojson"]),
        ):
            zf.writestr(GbkName(name), data)
    scenario = zones.read_scenario_bytes({"s.zip": buf.getvalue()})
    assert len(scenario.villages) == 9


def test_unrelated_files_are_ignored_and_excel_gets_advice() -> None:
    files = case_files("utf8_bom")
    files["说明.docx"] = _zip({"word/document.xml": b"<w/>"})
    files["basemap.tif"] = b"II*\x00" + b"\x00" * 100
    scenario = zones.read_scenario_bytes(files)
    ignored = {i.feature for i in scenario.report.issues if i.code == "ignored_file"}
    assert {"说明.docx", "basemap.tif"} <= ignored
    files["officers.xlsx"] = _zip({"xl/workbook.xml": b"<x/>"})
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    assert "spreadsheet" in info.value.report.codes()
    assert "CSV" in info.value.message("en")


def test_deeply_nested_json_is_bad_json() -> None:
    files = case_files("utf8_bom")
    files["villages.geojson"] = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    assert "bad_json" in info.value.report.codes()


def test_duplicate_csv_columns_are_reported() -> None:
    files = case_files("utf8_bom")
    files["officers.csv"] = "officer_id,name,role,name \nP1,张三,民警,李四\n".encode()
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    assert "duplicate_field" in info.value.report.codes()


def test_attribute_only_officers_table_in_a_geopackage(tmp_path: Path) -> None:
    import pandas as pd
    import pyogrio

    scenario = zones.read_scenario(CASES / "utf8_bom")
    path = tmp_path / "s.gpkg"
    scenario.villages.to_file(path, layer="villages")
    table = pd.DataFrame({"officer_id": ["P1"], "name": ["张三"], "role": ["民警"]})
    pyogrio.write_dataframe(table, path, layer="officers")
    back = zones.read_scenario(path)
    assert back.officers.loc["P1", C.ROLE] == "police"


def test_single_file_given_alone_is_read_as_villages(tmp_path: Path) -> None:
    path = tmp_path / "xzqh.geojson"
    path.write_bytes((CASES / "utf8_bom" / "villages.geojson").read_bytes())
    scenario = zones.read_scenario(path)
    assert len(scenario.villages) == 9
    assert "read_as_villages" in scenario.report.codes("repair")


def test_one_stray_point_is_dropped_by_name_not_the_whole_layer() -> None:
    files = case_files("utf8_bom")
    files["incidents.csv"] = (
        b"incident_id,time,lon,lat\nI1,2025-01-01T08:00:00,113.11,41.01\n"
        b"I2,2025-01-01T09:00:00,41.01,113.11\nI3,2025-01-01T10:00:00,113.12,41.02\n"
    )
    scenario = zones.read_scenario_bytes(files)
    assert len(scenario.incidents) == 2
    dropped = next(i for i in scenario.report.issues if i.code == "coords_out_of_range_dropped")
    assert "#2" in dropped.params["ids"]


def test_csv_formula_guard_round_trips(tmp_path: Path) -> None:
    import pandas as pd

    from zones.writers import write_csv

    table = pd.DataFrame(
        {
            "officer_id": ["P1"],
            "name": ['=HYPERLINK("x")'],
            "role": ["民警"],
            "phone": ["+8613800000000"],
        }
    )
    write_csv(table, tmp_path / "officers.csv")
    text = (tmp_path / "officers.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    files = case_files("utf8_bom")
    files["officers.csv"] = (tmp_path / "officers.csv").read_bytes()
    back = zones.read_scenario_bytes(files)
    assert back.officers.loc["P1", C.NAME] == '=HYPERLINK("x")'
    assert back.officers.loc["P1", C.PHONE] == "+8613800000000"


@pytest.mark.parametrize(("encoding", "cpg"), [("gbk", b"LATIN1"), ("utf-8", b"936")])
def test_wrong_cpg_does_not_garble_chinese(tmp_path: Path, encoding: str, cpg: bytes) -> None:
    scenario = zones.read_scenario(CASES / "utf8_bom")
    scenario.villages.to_file(tmp_path / "villages.shp", encoding=encoding)
    (tmp_path / "villages.cpg").write_bytes(cpg)
    members = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    back = zones.read_scenario_bytes({"villages.zip": _zip(members)})
    assert back.villages[C.NAME].tolist() == scenario.villages[C.NAME].tolist()


def test_a_missing_villages_layer_names_the_files_that_were_not_read() -> None:
    empty = b'{"type": "FeatureCollection", "features": []}'
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes({"cun.geojson": empty, "roads.geojson": empty, "a.txt": b"x"})
    (error,) = [i for i in info.value.report.issues if i.severity == "error"]
    assert error.code == "missing_villages_ignored"
    assert "cun.geojson" in error.what("en")
    assert "a.txt" in error.what("zh")
    assert "villages.geojson" in error.fix("en")
