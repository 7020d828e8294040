"""GCJ-02 / BD-09 conversions against published reference points and as round trips."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from zones import coords


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
