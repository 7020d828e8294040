"""Reading formats and archives: folders, zips, GeoPackage, uploads, and the safety caps."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest

import zones
from zones import columns as C
from zones import io as zio

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
    monkeypatch.setattr("zones.scenario.MAX_FILE_MB", 0.001)
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
