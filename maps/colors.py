"""Zone colours: distinct, colour-blind-safe, keyed by zone id, never shared by neighbours.

A plan map fills each zone with a colour of :data:`ZONE_PALETTE` at
:data:`ZONE_FILL_OPACITY`. The palette's twelve colours are taken from Paul Tol's and
Okabe & Ito's colour-blind-safe schemes, chosen (and ordered) so that, drawn at that opacity on
the map's background, any two of them and the background stay apart in normal vision and in
simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009): CIEDE2000 at least 6
for all twelve, at least 14 among the first four (``tests/test_map_legibility.py`` checks it).

Colours follow the zone id, not the drawing order (:func:`zone_colors`): a station of up to
twelve zones gives each zone its own colour, by the zone id's place in the natural order of all
ids, so moving a village never changes a colour and the legend names one zone per colour. With
more zones, colours repeat: each zone, in id order, keeps its own colour unless a neighbour
already has it, and then takes the next free one (a graph colouring of the zone adjacency, as
stable through edits as the borders allow).
"""

from __future__ import annotations

import geopandas as gpd
import networkx as nx
import numpy as np
import shapely

from zones.ids import natural_key
from zones.zoning.polygons import ZONE_ID

ZONE_PALETTE: tuple[str, ...] = (
    "#332288", "#CC6677", "#33BBEE", "#CCBB44", "#B07AA1", "#BBBBBB",
    "#882255", "#0077BB", "#999933", "#99DDFF", "#117733", "#F0E442",
)  # fmt: skip
"""Zone fill colours, in the order zones get them (see the module docstring)."""
ZONE_FILL_OPACITY = 0.75
"""The opacity the palette was chosen for (lighter fills bring the colours closer together)."""
FALLBACK_STRATEGY = "smallest_last"
"""networkx ``greedy_color`` strategy used when keeping colours by id would give two
neighbours the same one (at most six colours on a planar map)."""


def zone_adjacency(zones: gpd.GeoDataFrame) -> nx.Graph:
    """The graph of zones (nodes: row positions) joined where two zones share a border.

    Two zones share a border when their boundaries have a common part of positive length;
    zones that only touch at a corner are not adjacent. Zones in a geographic CRS are measured
    in their UTM zone (pass them projected to skip that).
    """
    graph = nx.Graph()
    graph.add_nodes_from(range(len(zones)))
    geoms = np.asarray(zones.geometry.array, dtype=object)
    valid = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if zones.crs is not None and zones.crs.is_geographic and valid.any():
        metric = gpd.GeoSeries(geoms[valid], crs=zones.crs)
        geoms = geoms.copy()
        geoms[valid] = np.asarray(metric.to_crs(metric.estimate_utm_crs()).array, dtype=object)
    boundaries = shapely.boundary(geoms)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i < j and shapely.length(shapely.intersection(boundaries[i], boundaries[j])) > 0:
            graph.add_edge(i, j)
    return graph


def zone_ranks(zones: gpd.GeoDataFrame) -> list[int]:
    """Each row's place (0, 1, …) in the natural order of the zone ids (:data:`ZONE_ID`, else
    the index); rows with the same id share a place."""
    ids = zones[ZONE_ID] if ZONE_ID in zones else zones.index.to_series()
    names = [str(v) for v in ids]
    order = {name: i for i, name in enumerate(sorted(set(names), key=natural_key))}
    return [order[name] for name in names]


def zone_colors(zones: gpd.GeoDataFrame, palette: tuple[str, ...] = ZONE_PALETTE) -> list[str]:
    """One fill colour per zone (row order), keyed by zone id, different for any two zones
    that share a border.

    Up to ``len(palette)`` zones: ``palette[rank]``, the rank of the zone's id among all ids
    (:func:`zone_ranks`), so every zone has its own colour. More zones: in id order, each
    zone takes ``palette[rank % len(palette)]`` unless a neighbour (:func:`zone_adjacency`)
    already has it, else the next colour of the palette that no neighbour has; should none be
    free, the whole map is coloured by :data:`FALLBACK_STRATEGY` instead.

    Parameters
    ----------
    zones
        Zone polygons (any CRS), with a :data:`ZONE_ID` column (else the index is the id).
    palette
        The colours, in the order zones get them.

    Returns
    -------
    list of str
        A colour of ``palette`` per row.
    """
    ranks = zone_ranks(zones)
    k = len(palette)
    if len(set(ranks)) <= k:
        return [palette[r] for r in ranks]
    graph = zone_adjacency(zones)
    chosen: dict[int, int] = {}
    for i in sorted(range(len(zones)), key=ranks.__getitem__):
        taken = {chosen[j] for j in graph[i] if j in chosen}
        free = [(ranks[i] + step) % k for step in range(k) if (ranks[i] + step) % k not in taken]
        if not free:
            fallback = nx.greedy_color(graph, strategy=FALLBACK_STRATEGY)
            return [palette[fallback[i] % k] for i in range(len(zones))]
        chosen[i] = free[0]
    return [palette[chosen[i]] for i in range(len(zones))]


__all__ = [
    "FALLBACK_STRATEGY",
    "ZONE_FILL_OPACITY",
    "ZONE_PALETTE",
    "zone_adjacency",
    "zone_colors",
    "zone_ranks",
]
