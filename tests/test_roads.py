"""The road graph: noding, edges cut to length, one-way roads, geometry of walks, pieces."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from scipy.sparse.csgraph import dijkstra

from zones.patrol.roads import build_road_graph

CRS = "EPSG:32650"


def roads(lines, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=[shapely.LineString(c) for c in lines], crs=CRS)


def node(graph, xy) -> int:
    return int(graph.nearest_nodes(np.array([xy], dtype=float))[0][0])


def test_crossing_roads_are_noded_and_long_roads_cut():
    g = build_road_graph(
        roads([[(0, 0), (2000, 0)], [(1000, -1000), (1000, 1000)]]), CRS, max_edge_m=250
    )
    centre = node(g, (1000, 0))
    assert np.allclose(g.xy[centre], (1000, 0))
    assert g.length_m[centre].nnz == 4  # the crossing joins four road arms
    lengths = g.length_m.data
    assert lengths.max() <= 500 + 1e-6
    assert lengths.min() > 0
    assert g.n_components == 1
    # total length: every two-way edge appears once in each direction
    assert g.length_m.sum() / 2 == pytest.approx(4000, abs=1e-6)


def test_one_way_road_is_entered_only_in_its_drawn_direction():
    # a square: the bottom side is one-way eastwards, the rest two-way
    square = [
        [(0, 0), (1000, 0)],
        [(1000, 0), (1000, 1000)],
        [(1000, 1000), (0, 1000)],
        [(0, 1000), (0, 0)],
    ]
    g = build_road_graph(roads(square, oneway=[True, False, False, False]), CRS)
    a, b = node(g, (0, 0)), node(g, (1000, 0))
    forward = dijkstra(g.length_m, indices=a)[b]
    backward = dijkstra(g.length_m, indices=b)[a]
    assert forward == pytest.approx(1000)
    assert backward == pytest.approx(3000)  # the long way round
    # a one-way road drawn against travel: the same road reversed in the input
    g2 = build_road_graph(
        roads([[(1000, 0), (0, 0)], *square[1:]], oneway=[True, False, False, False]), CRS
    )
    assert dijkstra(g2.length_m, indices=node(g2, (0, 0)))[node(g2, (1000, 0))] == (
        pytest.approx(3000)
    )
    # walking ignores one-way rules
    assert g.distances_m(np.array([[0.0, 0.0]]), np.array([[1000.0, 0.0]]))[0, 0] == (
        pytest.approx(1000)
    )


def test_walk_geometry_follows_the_roads_and_matches_the_distance():
    bendy = [[(0, 0), (300, 400), (600, 0), (900, 400), (1200, 0)], [(1200, 0), (1200, 900)]]
    g = build_road_graph(roads(bendy), CRS, max_edge_m=200)
    a, b = node(g, (0, 0)), node(g, (1200, 900))
    dist, pred = dijkstra(g.length_m, indices=a, return_predecessors=True)
    path = [b]
    while path[-1] != a:
        path.append(int(pred[path[-1]]))
    line = shapely.LineString(g.path_coords(path[::-1]))
    assert line.length == pytest.approx(dist[b], abs=0.05)
    assert line.length == pytest.approx(4 * 500 + 900)
    network = shapely.union_all([shapely.LineString(c) for c in bendy])
    assert shapely.hausdorff_distance(line, network) < 0.01  # nodes are kept to the cm
    assert tuple(line.coords[0]) == (0, 0)
    assert tuple(line.coords[-1]) == (1200, 900)


def test_separate_pieces_are_counted():
    g = build_road_graph(roads([[(0, 0), (500, 0)], [(0, 5000), (500, 5000)]]), CRS)
    assert g.n_components == 2
    assert np.isinf(dijkstra(g.length_m, indices=node(g, (0, 0)))[node(g, (0, 5000))])


def test_speeds_come_from_speed_kmh_then_the_road_class():
    g = build_road_graph(
        roads(
            [[(0, 0), (1000, 0)], [(0, 100), (1000, 100)]],
            speed_kmh=[60.0, np.nan],
            highway=["residential", "residential"],
        ),
        CRS,
        max_edge_m=5000,
    )
    fast = dijkstra(g.minutes, indices=node(g, (0, 0)))[node(g, (1000, 0))]
    slow = dijkstra(g.minutes, indices=node(g, (0, 100)))[node(g, (1000, 100))]
    assert fast == pytest.approx(1.0)  # 1 km at 60 km/h
    assert slow == pytest.approx(60 / 25)  # residential default 25 km/h


def test_no_roads_gives_no_graph():
    assert build_road_graph(roads([]), CRS) is None


def test_sample_graph_is_one_piece(sample):
    g = build_road_graph(sample.roads, sample.metric_crs)
    assert g.n_components == 1
    assert g.n_edges > len(sample.roads)
    total = sample.roads.to_crs(sample.metric_crs).length.sum()
    one_way = sample.roads[sample.roads["oneway"]].to_crs(sample.metric_crs).length.sum()
    # two-way roads count twice, one-way roads once; duplicates between two nodes kept once
    assert g.length_m.sum() == pytest.approx(2 * total - one_way, rel=0.02)


@pytest.mark.parametrize("counter_clockwise", [True, False])
def test_a_one_way_roundabout_is_driven_its_way_round(counter_clockwise):
    ring = [(0, 0), (100, 0), (100, 100), (0, 100), (0, 0)]
    if not counter_clockwise:
        ring = ring[::-1]
    spokes = [[(-200, 50), (0, 50)], [(100, 50), (300, 50)]]  # west and east, two-way
    g = build_road_graph(roads([ring, *spokes], oneway=[True, False, False]), CRS, max_edge_m=1000)
    west, east = node(g, (-200, 50)), node(g, (300, 50))
    there = dijkstra(g.length_m, indices=west)[east]
    back = dijkstra(g.length_m, indices=east)[west]
    # from the west spoke at (0, 50) to the east spoke at (100, 50): half the ring either way
    assert there == pytest.approx(200 + 200 + 200)
    assert back == pytest.approx(200 + 200 + 200)
    # but only one way round: (0, 50) -> (0, 0) is allowed counter-clockwise, not clockwise
    a, b = node(g, (0, 50)), node(g, (0, 0))
    assert (g.length_m[a, b] > 0) == counter_clockwise
