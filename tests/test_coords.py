"""GCJ-02 / BD-09 conversions against published reference points and as round trips."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from zones.scenario import coords


def test_tiananmen_reference_point() -> None:
    # WGS 84 (116.404, 39.915) → GCJ-02 ≈ (116.41024, 39.91640), as published by Amap-compatible
    # converters (coordtransform, prcoords)
    lon, lat = coords.wgs84_to_gcj02(np.array([116.404]), np.array([39.915]))
    assert lon[0] == pytest.approx(116.4102445, abs=1e-6)
    assert lat[0] == pytest.approx(39.9164043, abs=1e-6)


lons = st.floats(min_value=74.0, max_value=134.0)
lats = st.floats(min_value=19.0, max_value=53.0)


@given(lons, lats)
def test_gcj02_round_trip_below_a_millimetre(lon: float, lat: float) -> None:
    g = coords.wgs84_to_gcj02(np.array([lon]), np.array([lat]))
    back = coords.gcj02_to_wgs84(*g)
    assert abs(back[0][0] - lon) < 1e-8
    assert abs(back[1][0] - lat) < 1e-8


@given(lons, lats)
def test_bd09_round_trip_below_a_millimetre(lon: float, lat: float) -> None:
    g = coords.wgs84_to_gcj02(np.array([lon]), np.array([lat]))
    b = coords.gcj02_to_bd09(*g)
    back = coords.bd09_to_wgs84(*b)
    assert abs(back[0][0] - lon) < 1e-8
    assert abs(back[1][0] - lat) < 1e-8


def test_outside_china_is_unchanged() -> None:
    lon, lat = coords.wgs84_to_gcj02(np.array([2.35]), np.array([48.85]))
    assert (lon[0], lat[0]) == (2.35, 48.85)


def test_geometries_shift_and_come_back() -> None:
    square = shapely.box(113.1, 41.0, 113.11, 41.01)
    shown = coords.wgs84_to(np.array([square]), "gcj02")
    back = coords.to_wgs84(shown, "gcj02")
    assert shapely.hausdorff_distance(back[0], square) < 1e-8
    assert shapely.hausdorff_distance(shown[0], square) > 1e-3


# --------------------------------------------------------------------------------------------
# declared CRSs: Gauss-Krüger zone numbers, old datums
# --------------------------------------------------------------------------------------------


def test_zone_numbers_in_x() -> None:
    assert coords.zone_in_data(38_420_000, 38_600_000) == 38
    assert coords.zone_in_data(20_300_000, 20_700_000) == 20  # a 6° zone
    assert coords.zone_in_data(420_000, 600_000) is None  # no zone number
    assert coords.zone_in_data(37_900_000, 39_100_000) is None  # spread over zones
    assert coords.zone_in_data(5_500_000, 5_600_000) is None  # no zone over China


def test_declared_zone_of_a_crs() -> None:
    assert coords.declared_zone(4526) == 38  # CGCS2000 / 3-degree Gauss-Kruger zone 38
    assert coords.declared_zone(2383) == 0  # Xian 1980 / 3-degree Gauss-Kruger CM 114E
    assert coords.declared_zone(32650) == 0  # UTM
    assert coords.declared_zone(4326) is None
    assert coords.declared_zone(3857) is None  # not Transverse Mercator


def test_the_gauss_kruger_crs_that_fits_is_suggested() -> None:
    # zone 38 numbers labelled zone 39, or labelled without zone number
    assert coords.suggest_gauss_kruger(4527, 38.42e6, 38.6e6).startswith("EPSG:4526 ")
    assert coords.suggest_gauss_kruger(4547, 38.42e6, 38.6e6).startswith("EPSG:4526 ")
    # on the declared datum: Xian 1980 zone 38, Beijing 1954 zone 38
    assert coords.suggest_gauss_kruger(2383, 38.42e6, 38.6e6).startswith("EPSG:2362 ")
    assert coords.suggest_gauss_kruger(2436, 38.42e6, 38.6e6).startswith("EPSG:2414 ")
    # numbers without zone number labelled zone 38: the same central meridian, 114°E
    assert coords.suggest_gauss_kruger(4526, 420_000, 600_000) == (
        "EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)"
    )
    # numbers that fit (even a little outside the zone) get no suggestion
    assert coords.suggest_gauss_kruger(4526, 38.3e6, 38.7e6) is None
    assert coords.suggest_gauss_kruger(32650, 200_000, 300_000) is None


def test_old_datums_are_recognised_in_epsg_and_esri_spellings() -> None:
    from pyproj import CRS

    for code, datum in ((4610, "Xian 1980"), (2383, "Xian 1980"), (2349, "Xian 1980")):
        assert coords.old_datum(code) == datum
        assert coords.old_datum(CRS.from_wkt(CRS.from_epsg(code).to_wkt("WKT1_ESRI"))) == datum
    for code in (4214, 2401, 2436, 21413, 21480):
        assert coords.old_datum(code) == "Beijing 1954"
    for code in (4490, 4526, 4547, 4326, 32650):
        assert coords.old_datum(code) is None
    assert coords.describe_crs(2383) == "EPSG:2383 (Xian 1980 / 3-degree Gauss-Kruger CM 114E)"


def test_the_datum_step_proj_uses_is_reported_truthfully() -> None:
    # Xian 1980: no transformation in the EPSG database, only PROJ's "ballpark" (no shift)
    (step,) = coords.datum_operations(4610, np.array([[113.1, 41.0]]))
    assert step[0] == "Ballpark geographic offset from Xian 1980 to WGS 84"
    assert step[1] is None
    # Beijing 1954 in the Ordos basin: an EPSG transformation, stated accuracy 1 m
    steps = coords.datum_operations(4214, np.array([[108.5, 37.0], [113.1, 41.0]]))
    names = [s[0] for s in steps]
    assert any(n.startswith("Beijing 1954 to WGS 84") for n in names)
    assert "Ballpark geographic offset from Beijing 1954 to WGS 84" in names
