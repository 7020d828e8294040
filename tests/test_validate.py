"""Every validation rule, one small bad scenario each (tests/data/cases, see make_cases.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

import zones
from zones import columns as C
from zones.report import ValidationReport

from .conftest import CASES, case_files

MANIFEST = json.loads((CASES / "cases.json").read_text(encoding="utf-8"))


def _report(name: str) -> tuple[ValidationReport, zones.Scenario | None]:
    options = MANIFEST[name]["options"]
    try:
        scenario = zones.read_scenario(CASES / name, **options)
    except zones.ScenarioError as exc:
        return exc.report, None
    return scenario.report, scenario


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_case_reports_expected_issue(name: str) -> None:
    report, scenario = _report(name)
    for want in MANIFEST[name]["expect"]:
        hits = [
            i
            for i in report.issues
            if i.code == want["code"]
            and i.severity == want["severity"]
            and i.layer == want["layer"]
            and (want["feature"] is None or i.feature == want["feature"])
        ]
        assert hits, f"{name}: expected {want}, got {[(i.code, i.feature) for i in report.issues]}"
    expected_errors = {w["code"] for w in MANIFEST[name]["expect"] if w["severity"] == "error"}
    assert {i.code for i in report.errors} == expected_errors
    # an error means no scenario; no error means a scenario came back
    assert (scenario is None) == bool(expected_errors)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_case_messages_are_complete_in_both_languages(name: str) -> None:
    report, _ = _report(name)
    for issue in report.issues:
        for lang in ("zh", "en"):
            line = issue.to_text(lang)
            assert "{" not in line, line
            assert issue.what(lang)
            assert issue.fix(lang)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_upload_reads_like_the_folder(name: str) -> None:
    """The in-memory reader (app uploads) reports exactly what the folder reader reports."""
    options = MANIFEST[name]["options"]
    folder_report, _ = _report(name)
    try:
        upload_report = zones.read_scenario_bytes(case_files(name), **options).report
    except zones.ScenarioError as exc:
        upload_report = exc.report
    key = sorted((i.code, i.severity, i.layer, i.feature) for i in folder_report.issues)
    assert sorted((i.code, i.severity, i.layer, i.feature) for i in upload_report.issues) == key


def test_error_names_layer_feature_and_fix() -> None:
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario(CASES / "ring_not_closed")
    text_en = info.value.message("en")
    assert "villages / V5" in text_en
    assert "not closed" in text_en
    assert "close the ring" in text_en
    assert "村界" not in text_en
    assert "未闭合" in str(info.value)  # Chinese by default


def test_all_errors_reported_at_once() -> None:
    report, scenario = _report("officers_bad")
    assert scenario is None
    assert len(report.errors) == 4


def test_swapped_axes_option_restores_position() -> None:
    fixed = zones.read_scenario(CASES / "swapped_fixed", swap_axes=True)
    minx, miny, maxx, maxy = fixed.villages.total_bounds
    assert 113.0 < minx < maxx < 113.2
    assert 40.9 < miny < maxy < 41.1


def test_gcj02_source_is_shifted_back_to_wgs84() -> None:
    plain = zones.read_scenario(CASES / "gcj02")
    shifted = zones.read_scenario(CASES / "gcj02", coord_source="gcj02")
    a = plain.to_metric(C.VILLAGES).geometry.centroid
    b = shifted.villages.to_crs(plain.metric_crs).geometry.centroid
    offset_m = a.distance(b)
    # GCJ-02 offsets are a few hundred metres in northern China
    assert (offset_m > 100).all()
    assert (offset_m < 1000).all()


def test_legacy_crs_is_honoured() -> None:
    scenario = zones.read_scenario(CASES / "legacy_crs")
    minx, miny, maxx, maxy = scenario.villages.total_bounds
    assert minx == pytest.approx(113.1, abs=1e-6)
    assert maxy == pytest.approx(41.03, abs=1e-6)


def test_population_text_is_parsed() -> None:
    scenario = zones.read_scenario(CASES / "population_text")
    assert scenario.villages.loc["V2", C.POPULATION] == 12000
    assert str(scenario.villages[C.POPULATION].dtype) == "Int64"


def test_missing_population_stays_missing_not_zero() -> None:
    scenario = zones.read_scenario(CASES / "population_missing")
    assert scenario.villages[C.POPULATION].isna().sum() == 1


def test_clockwise_ring_is_stored_counter_clockwise() -> None:
    scenario = zones.read_scenario(CASES / "clockwise")
    rings = shapely.get_exterior_ring(scenario.villages.geometry.values)
    assert shapely.is_ccw(rings).all()


def test_bowtie_is_repaired_to_valid_polygons() -> None:
    scenario = zones.read_scenario(CASES / "bowtie")
    assert scenario.villages.is_valid.all()
    repair = next(i for i in scenario.report.repairs if i.code == "made_valid")
    assert "Self-intersection" in repair.what("en")


def test_small_overlap_and_narrow_gap_are_cleaned_into_a_coverage() -> None:
    for name in ("overlap_small", "gap_narrow"):
        scenario = zones.read_scenario(CASES / name)
        geoms = scenario.to_metric(C.VILLAGES).geometry.values
        assert shapely.coverage_is_valid(geoms, gap_width=1.0), name
        assert len(scenario.villages) == 9


def test_sliver_is_merged_and_reported() -> None:
    scenario = zones.read_scenario(CASES / "sliver")
    assert "V10" not in scenario.villages.index
    repair = next(i for i in scenario.report.repairs if i.code == "sliver_merged")
    assert repair.params["into"] == "V1"
    # nothing lost: the merged area went to V1
    jur = scenario.to_metric(C.JURISDICTION).area.sum()
    assert scenario.to_metric(C.VILLAGES).area.sum() == pytest.approx(jur, rel=1e-6)


def test_village_points_become_cells_tiling_the_jurisdiction() -> None:
    scenario = zones.read_scenario(CASES / "village_points")
    geoms = scenario.to_metric(C.VILLAGES).geometry.values
    assert shapely.get_type_id(geoms).tolist() == [3] * 9
    assert shapely.coverage_is_valid(geoms)
    assert shapely.area(geoms).sum() == pytest.approx(
        scenario.to_metric(C.JURISDICTION).area.sum(), rel=1e-6
    )


def test_clipped_village_keeps_only_the_inside() -> None:
    scenario = zones.read_scenario(CASES / "village_clipped")
    jur = shapely.union_all(scenario.jurisdiction.geometry.values)
    assert scenario.villages.loc["V10"].geometry.within(jur.buffer(1e-9))


def test_incidents_keep_every_located_feature() -> None:
    scenario = zones.read_scenario(CASES / "incidents_bad")
    # 4 features: one without geometry is reported and left out, the rest kept (even outside)
    assert len(scenario.incidents) == 3
    times = scenario.incidents[C.TIME]
    assert times.isna().sum() == 1
    # an offset time is converted to Beijing local time
    assert (times.dropna().dt.hour.tolist()) == [8, 12]


def test_officers_refer_by_name_or_id() -> None:
    files = case_files("gbk_csv")
    files["officers.csv"] = (
        "officer_id,name,role,home_village,familiar_villages\n"
        "A1,李秀英,auxiliary,测试1村,V2、测试3村\n"
    ).encode("utf-8-sig")
    scenario = zones.read_scenario_bytes(files)
    row = scenario.officers.loc["A1"]
    assert row[C.HOME_VILLAGE] == "V1"
    assert row[C.FAMILIAR_VILLAGES] == ("V2", "V3")


def test_gbk_texts_survive() -> None:
    for name, layer, column in (
        ("gbk_csv", C.OFFICERS, C.NAME),
        ("shapefile_gbk_cpg", C.VILLAGES, C.NAME),
        ("shapefile_gbk_nocpg", C.VILLAGES, C.NAME),
        ("utf8_bom", C.VILLAGES, C.NAME),
    ):
        scenario = zones.read_scenario(CASES / name)
        names = set(scenario.layer(layer)[column])
        assert names & {"张建国", "测试1村"}, (name, names)


def test_nothing_is_dropped_silently() -> None:
    """Every input feature of every readable case is kept or named in an issue."""
    for name in MANIFEST:
        report, scenario = _report(name)
        if scenario is None:
            continue
        folder = CASES / name
        for path in folder.glob("*.geojson"):
            doc = json.loads(path.read_bytes().decode("utf-8-sig"))
            layer = path.stem
            kept = len(scenario.layer(layer))
            if kept == len(doc["features"]):
                continue
            dropped_issue = [
                i
                for i in report.issues
                if i.layer == layer
                and i.code in ("null_geometry_dropped", "empty_geometry_dropped", "sliver_merged")
            ]
            assert dropped_issue, f"{name}/{layer}: {len(doc['features'])} in, {kept} kept"


def test_scenario_layers_are_wgs84_and_typed() -> None:
    scenario = zones.read_scenario(CASES / "utf8_bom")
    for layer in C.LAYERS:
        frame = scenario.layer(layer)
        assert frame.crs.to_epsg() == 4326, layer
    assert scenario.villages.index.tolist() == [f"V{k}" for k in range(1, 10)]
    assert np.issubdtype(scenario.villages[C.POPULATION].dtype.numpy_dtype, np.integer)


def test_bad_coord_source_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="coord_source"):
        zones.read_scenario(CASES / "utf8_bom", coord_source="mars")


def test_rooms_pointing_at_a_duplicated_village_do_not_crash() -> None:
    files = case_files("duplicate_id")
    files["rooms.geojson"] = (
        b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        b'{"village_id":"V1"},"geometry":{"type":"Point","coordinates":[113.105,41.005]}}]}'
    )
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    assert "duplicate_id" in info.value.report.codes()


def test_huge_and_infinite_counts_are_errors_not_crashes() -> None:
    files = case_files("utf8_bom")
    text = files["villages.geojson"].decode("utf-8-sig")
    text = text.replace('"population": 1001', '"population": 1e400', 1)
    text = text.replace('"population": 1002', '"population": "123456789012345678901"', 1)
    files["villages.geojson"] = text.encode()
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    bad = {i.feature for i in info.value.report.issues if i.code == "count_not_a_number"}
    assert bad == {"V1", "V2"}


def test_familiar_village_names_may_contain_spaces() -> None:
    files = case_files("utf8_bom")
    text = files["villages.geojson"].decode("utf-8-sig").replace("测试1村", "East Hill")
    files["villages.geojson"] = text.encode()
    files["officers.csv"] = (
        "officer_id,name,role,home_village,familiar_villages\nA1,李,辅警,V2,East Hill; V3\n"
    ).encode()
    scenario = zones.read_scenario_bytes(files)
    assert scenario.officers.loc["A1", C.FAMILIAR_VILLAGES] == ("V1", "V3")
