"""Every validation rule, one small bad scenario each (tests/data/cases, see make_cases.py)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
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


# --------------------------------------------------------------------------------------------
# declared CRSs that do not fit the numbers; old Chinese datums
# --------------------------------------------------------------------------------------------


def _grid(lon: float = 113.1, lat: float = 41.0, step: float = 0.01):
    """Nine village squares (3 × 3) in WGS 84, ids V1…V9, townships 白海子镇 / 乌兰乡."""
    import geopandas as gpd

    cells = [
        shapely.box(lon + c * step, lat + r * step, lon + (c + 1) * step, lat + (r + 1) * step)
        for r in range(3)
        for c in range(3)
    ]
    return gpd.GeoDataFrame(
        {
            "village_id": [f"V{k}" for k in range(1, 10)],
            "name": [f"测试{k}村" for k in range(1, 10)],
            "population": [1000] * 9,
            "township": ["白海子镇"] * 3 + ["乌兰乡"] * 3 + ["白海子镇"] * 3,
        },
        geometry=cells,
        crs=4326,
    )


def _shapefile_report(tmp_path, frame, declared, layer: str = "villages"):
    """Write ``frame`` (already in the CRS its numbers are in) as a shapefile labelled
    ``declared``, read the folder, and return (report, scenario or None)."""
    frame.set_crs(declared, allow_override=True).to_file(tmp_path / f"{layer}.shp")
    try:
        scenario = zones.read_scenario(tmp_path)
    except zones.ScenarioError as exc:
        return exc.report, None
    return scenario.report, scenario


@pytest.mark.parametrize(
    ("numbers_in", "declared", "code", "named"),
    [
        # lon/lat numbers labelled projected (UTM, Gauss-Krüger with zone, Xian 1980 CM)
        (4326, 32650, "crs_lonlat_declared_projected", "EPSG:32650"),
        (4326, 4528, "crs_lonlat_declared_projected", "EPSG:4528"),
        (4326, 2383, "crs_lonlat_declared_projected", "EPSG:2383"),
        # UTM zone 50 metres labelled zone 40: lands in Central Asia
        (32650, 32640, "crs_outside_china", "EPSG:32640"),
        # Gauss-Krüger zone 38 (zone number in x) labelled zone 39, or labelled CM 114E
        (4526, 4527, "crs_zone_number", "EPSG:4527"),
        (4526, 4547, "crs_zone_number", "EPSG:4547"),
        # CM 114E (no zone number in x) labelled zone 38
        (4547, 4526, "crs_zone_number_missing", "EPSG:4526"),
        # metres labelled lon/lat
        (4526, 4490, "crs_metres_declared_lonlat_zone", "EPSG:4490"),
        (32649, 4610, "crs_metres_declared_lonlat", "EPSG:4610"),
        # numbers no projection can turn into lon/lat
        (4326, 3857, "crs_lonlat_declared_projected", "EPSG:3857"),
    ],
)
def test_a_declared_crs_that_does_not_fit_is_one_clear_error(
    tmp_path, numbers_in, declared, code, named
) -> None:
    report, scenario = _shapefile_report(tmp_path, _grid().to_crs(numbers_in), declared)
    assert scenario is None
    assert [(i.code, i.layer) for i in report.errors] == [(code, C.VILLAGES)]
    error = report.errors[0]
    for lang in ("zh", "en"):
        line = error.to_text(lang)
        assert "villages.shp" in line
        assert named in line
        assert "{" not in line
    assert ".prj" in error.fix("en")


def test_a_wrong_gauss_kruger_zone_names_the_right_one(tmp_path) -> None:
    report, _ = _shapefile_report(tmp_path, _grid().to_crs(4526), 4527)
    assert report.errors[0].params["zone"] == 38
    assert "EPSG:4526" in report.errors[0].fix("zh")  # CGCS2000 / 3-degree GK zone 38
    report, _ = _shapefile_report(tmp_path, _grid().to_crs(4547), 4526)
    assert "EPSG:4547" in report.errors[0].fix("en")  # the same central meridian, no zone


def test_reprojection_results_are_checked_not_trusted(tmp_path) -> None:
    """Numbers that a CRS cannot turn into lon/lat (UTM eastings 100,000 km out, which PROJ
    answers with infinity) are one error naming the CRS, never an internal GEOS error."""
    frame = _grid().to_crs(32650)
    frame.geometry = shapely.transform(frame.geometry.values, lambda xy: xy * [1000, 1])
    report, scenario = _shapefile_report(tmp_path, frame, 32650)
    assert scenario is None
    assert [i.code for i in report.errors] == ["crs_reprojection_failed"]
    assert "EPSG:32650" in report.errors[0].what("en")


def test_a_right_crs_is_reprojected_quietly(tmp_path) -> None:
    for numbers_in in (32649, 4526, 4547):
        report, scenario = _shapefile_report(tmp_path, _grid().to_crs(numbers_in), numbers_in)
        assert scenario is not None, report.to_text("en")
        assert "reprojected" in report.codes("repair")
        assert not {c for c in report.codes() if c.startswith(("crs_", "datum_"))}
        assert scenario.villages.total_bounds == pytest.approx([113.1, 41.0, 113.13, 41.03])


def test_a_wrong_crs_in_a_geopackage_or_a_legacy_geojson_crs(tmp_path) -> None:
    _grid().to_crs(4526).set_crs(4527, allow_override=True).to_file(
        tmp_path / "scenario.gpkg", layer="villages"
    )
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario(tmp_path / "scenario.gpkg")
    assert info.value.report.codes("error") == {"crs_zone_number"}
    doc = json.loads(_grid().to_json())
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32650"}}
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes({"villages.geojson": json.dumps(doc).encode()})
    assert info.value.report.codes("error") == {"crs_lonlat_declared_projected"}


def test_a_wrong_crs_on_a_point_layer_is_named_too(tmp_path) -> None:
    import geopandas as gpd

    _grid().to_file(tmp_path / "villages.geojson")
    points = gpd.GeoDataFrame(
        {"time": ["2025-03-01T08:00:00"] * 2},
        geometry=[shapely.Point(113.105, 41.005), shapely.Point(113.115, 41.015)],
        crs=4326,
    )
    report, scenario = _shapefile_report(tmp_path, points, 32650, layer="incidents")
    assert scenario is None
    assert [(i.code, i.layer) for i in report.errors] == [
        ("crs_lonlat_declared_projected", C.INCIDENTS)
    ]


@pytest.mark.parametrize(
    ("code", "datum"),
    [(2383, "Xian 1980"), (4610, "Xian 1980"), (2436, "Beijing 1954"), (4214, "Beijing 1954")],
)
def test_old_datums_warn_that_no_datum_shift_was_made(tmp_path, code, datum) -> None:
    report, scenario = _shapefile_report(tmp_path, _grid().to_crs(code), code)
    assert scenario is not None
    warning = next(i for i in report.warnings if i.layer == C.VILLAGES and i.code.startswith("d"))
    assert warning.code == "datum_ballpark"
    assert warning.params["datum"] == datum
    assert f"EPSG:{code}" in warning.what("en")
    assert "100 m" in warning.what("en")
    assert "七参数" in warning.fix("zh")
    # what PROJ does here (no EPSG transformation for this area): the datum's latitudes and
    # longitudes are taken over as WGS 84 unchanged, as the warning says
    report, scenario = _shapefile_report(tmp_path, _grid(), 4610 if datum == "Xian 1980" else 4214)
    assert scenario.villages.total_bounds == pytest.approx([113.1, 41.0, 113.13, 41.03], abs=1e-9)


def test_beijing_1954_in_the_ordos_basin_names_the_regional_transformation(tmp_path) -> None:
    # Beijing 1954 latitudes/longitudes of the Ordos basin, where EPSG has parameters
    report, scenario = _shapefile_report(tmp_path, _grid(108.5, 37.0), 4214)
    warning = next(i for i in report.warnings if i.code.startswith("datum_"))
    assert warning.code == "datum_regional"
    assert "Beijing 1954 to WGS 84" in warning.params["operations"]
    assert "Ordos" in warning.params["operations"]
    # here PROJ did shift the data, by some tens of metres
    shift = scenario.villages.total_bounds[:2] - np.array([108.5, 37.0])
    assert 1e-4 < np.abs(shift).max() < 2e-3


def test_cgcs2000_needs_no_datum_caveat(tmp_path) -> None:
    for code in (4526, 4490):
        report, _ = _shapefile_report(tmp_path, _grid().to_crs(code), code)
        assert not {c for c in report.codes() if c.startswith("datum_")}


# --------------------------------------------------------------------------------------------
# incident times with a date but no clock time
# --------------------------------------------------------------------------------------------


def _incidents_files(times: list[object]) -> dict[str, bytes]:
    files = {"villages.geojson": _grid().to_json().encode()}
    features = [
        {
            "type": "Feature",
            "properties": {"time": t},
            "geometry": {"type": "Point", "coordinates": [113.105 + 0.0001 * (k % 200), 41.005]},
        }
        for k, t in enumerate(times)
    ]
    doc = {"type": "FeatureCollection", "features": features}
    files["incidents.geojson"] = json.dumps(doc, ensure_ascii=False).encode()
    return files


def test_date_only_times_are_counted_apart_and_never_make_midnight_a_peak() -> None:
    from zones.patrol.peaks import busy_weekdays, find_peak_windows, in_windows, weekday_counts

    rng = np.random.default_rng(0)
    timed = [
        f"2025-03-{1 + d:02d}T{h:02d}:{m:02d}:00"
        for d, h, m in zip(
            rng.integers(0, 28, 300),
            rng.integers(0, 24, 300),
            rng.integers(0, 60, 300),
            strict=True,
        )
    ]
    dates = ["2025-03-03", "2025/3/3", "2025年3月3日", "20250303"] * 25  # 100, all Mondays
    scenario = zones.read_scenario_bytes(_incidents_files(timed + dates))
    warning = next(i for i in scenario.report.warnings if i.code == "date_only_times")
    assert warning.params["n"] == 100
    assert warning.params["total"] == 400
    assert "100" in warning.what("zh")
    incidents = scenario.incidents
    # the clock time is unknown (NaT); the day is kept in `date`
    assert incidents[C.TIME].isna().sum() == 100
    assert incidents["date"].notna().all()
    assert (incidents.loc[incidents[C.TIME].isna(), "date"] == pd.Timestamp("2025-03-03")).all()
    windows, _ = find_peak_windows(incidents[C.TIME])
    assert not in_windows(np.array([0.0, 30.0]), windows).any()
    # weekdays still count them: Monday stands out
    assert weekday_counts(incidents["date"])[0] >= 100
    assert busy_weekdays(incidents["date"]) == (1,)


def test_a_date_field_read_as_midnight_is_recognised(tmp_path) -> None:
    """A shapefile date field (DBF type D) comes back as date-times at 00:00:00."""
    import geopandas as gpd

    _grid().to_file(tmp_path / "villages.geojson")
    days = [f"202503{d:02d}" for d in range(1, 29)] * 2
    points = gpd.GeoDataFrame(
        {"time": days},
        geometry=[shapely.Point(113.105 + 0.0005 * k, 41.005) for k in range(len(days))],
        crs=4326,
    )
    points.to_file(tmp_path / "incidents.shp")
    dbf = bytearray((tmp_path / "incidents.dbf").read_bytes())
    assert dbf[32:36] == b"time"
    dbf[32 + 11] = ord("D")  # field type: date
    dbf[32 + 16] = 8
    (tmp_path / "incidents.dbf").write_bytes(bytes(dbf))
    scenario = zones.read_scenario(tmp_path)
    assert "midnight_times" in scenario.report.codes("warning")
    assert scenario.incidents[C.TIME].isna().all()
    assert scenario.incidents["date"].min() == pd.Timestamp("2025-03-01")


def test_real_midnight_incidents_stay_timed() -> None:
    times = [f"2025-03-{1 + k % 28:02d}T{k % 24:02d}:00:00" for k in range(240)]
    scenario = zones.read_scenario_bytes(_incidents_files(times))
    assert not {"midnight_times", "date_only_times"} & scenario.report.codes()
    assert scenario.incidents[C.TIME].notna().all()


def test_other_spellings_of_a_time_are_read_and_partial_dates_are_not() -> None:
    scenario = zones.read_scenario_bytes(
        _incidents_files(["2025/3/1 8:30", "2025年3月1日 9时15分", "2025-03", "2025-03-01T23:10"])
    )
    times = scenario.incidents[C.TIME]
    assert times.tolist()[:2] == [
        pd.Timestamp("2025-03-01 08:30"),
        pd.Timestamp("2025-03-01 09:15"),
    ]
    assert pd.isna(times.iloc[2])
    bad = next(i for i in scenario.report.warnings if i.code == "bad_time")
    assert "2025-03" in bad.params["examples"]


# --------------------------------------------------------------------------------------------
# village names shared by villages of different townships
# --------------------------------------------------------------------------------------------


def _shared_name_files(officers: str, rooms: list[tuple[str, float, float]] | None = None):
    """V2 (白海子镇) and V5 (乌兰乡) are both called 红旗村; V8 (白海子镇) is 测试8村."""
    frame = _grid()
    frame.loc[frame["village_id"].isin(["V2", "V5"]), "name"] = "红旗村"
    files = {"villages.geojson": frame.to_json(ensure_ascii=False).encode()}
    files["officers.csv"] = officers.encode("utf-8-sig")
    if rooms is not None:
        features = [
            {
                "type": "Feature",
                "properties": {"village_id": ref},
                "geometry": {"type": "Point", "coordinates": [x, y]},
            }
            for ref, x, y in rooms
        ]
        doc = {"type": "FeatureCollection", "features": features}
        files["rooms.geojson"] = json.dumps(doc, ensure_ascii=False).encode()
    return files


def test_a_shared_village_name_is_ambiguous_not_unknown() -> None:
    files = _shared_name_files(
        "officer_id,name,role,home_village,familiar_villages\nA1,李,辅警,红旗村,测试1村;红旗村\n"
    )
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    errors = info.value.report.errors
    assert {i.code for i in errors} == {"ambiguous_village"}
    assert {i.params["field"] for i in errors} == {C.HOME_VILLAGE, C.FAMILIAR_VILLAGES}
    text = errors[0].to_text("zh")
    assert "V2 = 白海子镇/红旗村" in text
    assert "V5 = 乌兰乡/红旗村" in text
    assert "乡镇" in errors[0].fix("zh")
    assert "township" in errors[0].fix("en")


@pytest.mark.parametrize(
    ("home", "expected"),
    [
        ("白海子镇/红旗村", "V2"),
        ("乌兰乡／红旗村", "V5"),  # full-width slash
        ("白海子镇红旗村", "V2"),
        ("乌兰红旗村", "V5"),  # the township without 乡
        ("红旗村（乌兰乡）", "V5"),
        ("白海子镇 红旗村", "V2"),
        ("白海子镇-红旗村", "V2"),
    ],
)
def test_the_township_settles_a_shared_name(home: str, expected: str) -> None:
    files = _shared_name_files(f"officer_id,name,role,home_village\nA1,李,辅警,{home}\n")
    scenario = zones.read_scenario_bytes(files)
    assert scenario.officers.loc["A1", C.HOME_VILLAGE] == expected


def test_the_officer_rows_township_settles_a_shared_name() -> None:
    files = _shared_name_files(
        "officer_id,name,role,home_village,familiar_villages,乡镇\n"
        "A1,李,辅警,红旗村,红旗村;测试1村,乌兰乡\n"
        "A2,王,民警,V1,红旗村,白海子镇\n"
    )
    scenario = zones.read_scenario_bytes(files)
    assert scenario.officers.loc["A1", C.HOME_VILLAGE] == "V5"
    assert scenario.officers.loc["A1", C.FAMILIAR_VILLAGES] == ("V5", "V1")
    assert scenario.officers.loc["A2", C.FAMILIAR_VILLAGES] == ("V2",)


def test_a_township_that_is_not_there_is_unknown() -> None:
    files = _shared_name_files("officer_id,name,role,home_village\nA1,李,辅警,新华镇/红旗村\n")
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    assert info.value.report.codes("error") == {"unknown_village"}


def test_rooms_by_shared_name_are_placed_by_their_point() -> None:
    # V2 is the square 113.11–113.12 × 41.00–41.01, V5 is 113.11–113.12 × 41.01–41.02
    officers = "officer_id,name,role\nA1,李,辅警\n"
    scenario = zones.read_scenario_bytes(
        _shared_name_files(officers, [("红旗村", 113.115, 41.015), ("红旗村", 113.115, 41.005)])
    )
    assert sorted(scenario.rooms[C.VILLAGE_ID]) == ["V2", "V5"]
    with pytest.raises(zones.ScenarioError) as info:  # in neither village: still ambiguous
        zones.read_scenario_bytes(_shared_name_files(officers, [("红旗村", 113.105, 41.025)]))
    assert "ambiguous_village" in info.value.report.codes("error")


def test_a_name_twice_in_one_township_asks_for_the_id() -> None:
    frame = _grid()
    frame.loc[frame["village_id"].isin(["V1", "V2"]), "name"] = "红旗村"  # both 白海子镇
    files = {
        "villages.geojson": frame.to_json(ensure_ascii=False).encode(),
        "officers.csv": "officer_id,name,role,home_village\nA1,李,辅警,白海子镇/红旗村\n".encode(),
    }
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    error = info.value.report.errors[0]
    assert error.code == "ambiguous_village_ids"
    assert "V1 = 白海子镇/红旗村" in error.what("en")
    assert "V2 = 白海子镇/红旗村" in error.what("en")


def test_a_layer_in_another_zone_inside_china_is_named(tmp_path) -> None:
    """UTM 49N numbers labelled 50N land 6° east, still in China: only the other layers show it."""
    import geopandas as gpd

    _grid().to_file(tmp_path / "villages.geojson")
    roads = gpd.GeoDataFrame(
        {"name": ["一号路"]},
        geometry=[shapely.LineString([(113.101, 41.005), (113.129, 41.025)])],
        crs=4326,
    )
    report, scenario = _shapefile_report(tmp_path, roads.to_crs(32649), 32650, layer="roads")
    assert scenario is not None
    warning = next(i for i in report.warnings if i.code == "layer_far_from_villages")
    assert warning.layer == C.ROADS
    assert "EPSG:32650" in warning.what("en")
    assert "EPSG:4326" in warning.what("en")
    # layers in the same CRS as the villages, or close to them, are not flagged
    report, _ = _shapefile_report(tmp_path, roads.to_crs(32649), 32649, layer="roads")
    assert "layer_far_from_villages" not in report.codes()


def test_a_shared_name_without_township_lists_the_ids() -> None:
    frame = _grid()
    frame.loc[frame["village_id"].isin(["V2", "V5"]), "name"] = "红旗村"
    frame.loc[frame["village_id"] == "V2", "township"] = None
    files = {
        "villages.geojson": frame.to_json(ensure_ascii=False).encode(),
        "officers.csv": "officer_id,name,role,home_village\nA1,李,辅警,红旗村\n".encode(),
    }
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario_bytes(files)
    error = info.value.report.errors[0]
    assert error.code == "ambiguous_village_ids"
    assert error.params["candidates"] == "V2 = 红旗村; V5 = 乌兰乡/红旗村"
