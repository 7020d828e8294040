"""The bundled sample scenario: what it contains, and that it round-trips intact."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import shapely

import zones
from zones import columns as C
from zones.synth import write_scenario


def test_sample_is_clean(sample: zones.Scenario) -> None:
    assert sample.report.ok
    assert not sample.report.repairs
    # the only warning: some auxiliaries without a home village, on purpose
    assert sample.report.codes("warning") <= {"aux_without_home"}


def test_sample_matches_the_brief(sample: zones.Scenario) -> None:
    counts = sample.counts()
    assert 60 <= counts[C.VILLAGES] <= 120
    assert 3 <= sample.villages[C.TOWNSHIP].nunique() <= 4
    assert counts[C.INCIDENTS] >= 2000
    assert counts[C.STATION] == 1
    assert 0 < counts[C.ROOMS] < counts[C.VILLAGES]
    minx, miny, maxx, maxy = sample.villages.total_bounds
    assert 113.0 <= minx < maxx <= 113.3
    assert 40.9 <= miny < maxy <= 41.1
    population = sample.villages[C.POPULATION]
    assert population.min() >= 100
    assert population.max() <= 10_000
    assert len(sample.police) >= 10
    shortfall = counts[C.VILLAGES] - len(sample.auxiliaries)
    assert 1 <= shortfall <= 10
    assert set(sample.villages[C.KIND]) == {C.KIND_VILLAGE, C.KIND_COMMUNITY}


def test_sample_villages_tile_the_jurisdiction(sample: zones.Scenario) -> None:
    villages = sample.to_metric(C.VILLAGES).geometry.values
    assert shapely.coverage_is_valid(villages)
    jurisdiction = sample.to_metric(C.JURISDICTION).area.sum()
    assert shapely.area(villages).sum() == pytest.approx(jurisdiction, rel=1e-6)


def test_sample_incidents_have_times_and_categories(sample: zones.Scenario) -> None:
    times = sample.incidents[C.TIME]
    assert times.notna().all()
    assert times.dt.year.nunique() == 1
    assert sample.incidents[C.CATEGORY].nunique() >= 4
    hourly = times.dt.hour.value_counts()
    assert hourly.loc[[7, 8, 17, 18]].mean() > 2 * hourly.loc[[2, 3, 4]].mean()


def _assert_same(a: zones.Scenario, b: zones.Scenario) -> None:
    assert a.counts() == b.counts()
    for layer in C.LAYERS:
        left, right = a.layer(layer), b.layer(layer)
        for column in left.columns.drop("geometry"):
            pd.testing.assert_series_equal(
                left[column].reset_index(drop=True),
                right[column].reset_index(drop=True),
                check_dtype=True,
                obj=f"{layer}.{column}",
            )
        distance = shapely.hausdorff_distance(left.geometry.values, right.geometry.values)
        assert (pd.Series(distance).fillna(0) < 1e-6).all(), layer


def test_write_then_read_returns_the_same_scenario(sample: zones.Scenario, tmp_path: Path) -> None:
    write_scenario({name: sample.layer(name) for name in C.LAYERS}, tmp_path)
    back = zones.read_scenario(tmp_path)
    _assert_same(sample, back)
    assert back.villages.loc[sample.villages.index[0], C.NAME] == sample.villages[C.NAME].iloc[0]
    assert str(back.villages[C.POPULATION].dtype) == "Int64"
    assert back.officers[C.FAMILIAR_VILLAGES].map(type).eq(tuple).all()


def test_sample_reads_the_same_from_zip_upload_and_geopackage(
    sample: zones.Scenario, tmp_path: Path
) -> None:
    files = {p.name: p.read_bytes() for p in sorted(zones.SAMPLE_PATH.iterdir())}
    _assert_same(sample, zones.read_scenario_bytes(files))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(f"baihaizi/{name}", data)
    _assert_same(sample, zones.read_scenario_bytes({"baihaizi.zip": buf.getvalue()}))

    gpkg = tmp_path / "baihaizi.gpkg"
    for layer in C.LAYERS:
        frame = sample.layer(layer).copy()
        if layer == C.OFFICERS:
            frame[C.FAMILIAR_VILLAGES] = frame[C.FAMILIAR_VILLAGES].map(";".join)
        pyogrio.write_dataframe(frame, gpkg, layer=layer)
    assert {name for name, _ in pyogrio.list_layers(gpkg)} == set(C.LAYERS)
    back = zones.read_scenario(gpkg)
    assert back.counts() == sample.counts()
    assert back.villages[C.NAME].tolist() == sample.villages[C.NAME].tolist()
    assert back.villages[C.POPULATION].tolist() == sample.villages[C.POPULATION].tolist()
    assert (
        back.officers[C.FAMILIAR_VILLAGES].tolist() == sample.officers[C.FAMILIAR_VILLAGES].tolist()
    )
