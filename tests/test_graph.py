"""Unit adjacency: shared borders, point touches, islands and pieces joined and reported."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from zones.zoning.graph import build_adjacency

from .conftest import grid_units


def test_grid_adjacency_is_rook_with_border_lengths() -> None:
    graph = build_adjacency(grid_units(3, 3))
    assert graph.n == 9
    # centre cell (position 4) touches 4 cells by edge, 4 more only by corner
    assert sorted(graph.neighbours(4).tolist()) == [1, 3, 5, 7]
    lengths = graph.border_m[graph.indptr[4] : graph.indptr[5]]
    assert lengths == pytest.approx([1000.0] * 4)
    assert graph.perimeter_m == pytest.approx([4000.0] * 9)
    assert graph.n_components() == 1
    assert graph.joins == ()


def test_gapped_polygons_still_adjacent_within_snap() -> None:
    units = grid_units(2, 2)
    units.geometry = units.buffer(-0.2, join_style="mitre")  # 0.4 m gaps
    graph = build_adjacency(units, snap_m=1.0)
    assert sorted(graph.neighbours(0).tolist()) == [1, 2]
    assert graph.joins == ()


def test_island_is_joined_to_nearest_and_reported() -> None:
    units = gpd.GeoDataFrame(
        geometry=[
            shapely.box(0, 0, 10, 10),
            shapely.box(10, 0, 20, 10),
            shapely.box(50, 0, 60, 10),
        ],
        crs=32649,
    )
    graph = build_adjacency(units)
    assert graph.n_components() == 1
    assert len(graph.joins) == 1
    join = graph.joins[0]
    assert (join.i, join.j, join.reason) == (1, 2, "island")
    assert join.distance_m == pytest.approx(30.0)


def test_two_pieces_are_joined_by_their_closest_units() -> None:
    left = [shapely.box(x, 0, x + 10, 10) for x in (0, 10)]
    right = [shapely.box(x, 0, x + 10, 10) for x in (100, 110)]
    graph = build_adjacency(gpd.GeoDataFrame(geometry=left + right, crs=32649))
    assert graph.n_components() == 1
    assert [(j.i, j.j, j.reason) for j in graph.joins] == [(1, 2, "component")]


def test_lonlat_units_are_measured_in_metres() -> None:
    units = grid_units(2, 2).to_crs(4326)
    graph = build_adjacency(units)
    assert graph.area_m2 == pytest.approx(np.full(4, 1e6), rel=1e-3)


def test_networkx_view_matches() -> None:
    nx_graph = build_adjacency(grid_units(2, 3)).to_networkx(grid_units(2, 3).index)
    assert nx_graph.number_of_edges() == 7
    assert nx_graph["r0c0"]["r0c1"]["border_m"] == pytest.approx(1000.0)
