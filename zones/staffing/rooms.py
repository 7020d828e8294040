"""Village police rooms (乡村警务室): one per village, existing ones kept, new ones sited."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.columns import WGS84

EXISTING, NEW = "existing", "new"


def site_rooms(
    villages: gpd.GeoDataFrame, rooms: gpd.GeoDataFrame, roads: gpd.GeoDataFrame, *, crs: object
) -> gpd.GeoDataFrame:
    """One room per village: the existing room where there is one, else a new site.

    A new room goes to the point on a road inside the village that is nearest the village's
    representative point (a central point that is always inside), or to that central point
    when no road crosses the village. Every site lies inside its village.

    Returns
    -------
    GeoDataFrame
        Indexed by village id (WGS 84): ``village_id``, ``name``, ``status``
        (``existing``/``new``).
    """
    existing = rooms.set_index(C.VILLAGE_ID) if len(rooms) else None
    metric = villages.to_crs(crs)
    centre = metric.representative_point()
    road_lines = roads.to_crs(crs).geometry.values if len(roads) else np.array([])
    tree = shapely.STRtree(road_lines) if len(road_lines) else None
    names, status, geoms = [], [], []
    for vid in villages.index:
        if existing is not None and vid in existing.index:
            row = existing.loc[vid]
            names.append(row[C.NAME] or f"{villages.loc[vid, C.NAME]}警务室")
            status.append(EXISTING)
            geoms.append(gpd.GeoSeries([row.geometry], crs=rooms.crs).to_crs(crs).iloc[0])
            continue
        polygon = metric.geometry.loc[vid]
        point = centre.loc[vid]
        site = point
        if tree is not None:
            hits = tree.query(polygon, predicate="intersects")
            if len(hits):
                inside = shapely.intersection(road_lines[hits], polygon)
                candidates = inside[~shapely.is_empty(inside)]
                if len(candidates):
                    near = shapely.get_point(shapely.shortest_line(candidates, point), 0)
                    best = near[int(np.argmin(shapely.distance(near, point)))]
                    if polygon.contains(best):
                        site = best
        names.append(f"{villages.loc[vid, C.NAME]}警务室")
        status.append(NEW)
        geoms.append(site)
    out = gpd.GeoDataFrame(
        {C.VILLAGE_ID: villages.index.to_numpy(), C.NAME: names, "status": status},
        geometry=geoms,
        crs=crs,
        index=villages.index,
    )
    return out.to_crs(WGS84)
