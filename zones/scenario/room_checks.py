"""The rooms layer's attributes: each existing village police room names a known village, once,
and lies inside it."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.scenario import fields as F
from zones.scenario.field_checks import Issues, _issue, _require, text_column
from zones.scenario.village_checks import VillageResolver


def check_rooms(
    frame: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None, issues: Issues
) -> gpd.GeoDataFrame | None:
    """Each existing village police room names a known village, once, and lies inside it."""
    layer = C.ROOMS
    if not _require(frame, layer, issues):
        return None
    out = frame.copy()
    resolver = VillageResolver(villages) if villages is not None else None
    towns = text_column(frame, C.TOWNSHIP)
    points = frame.geometry.values
    refs: list[str | None] = []
    for pos, raw in enumerate(frame[C.VILLAGE_ID].tolist()):
        ref = F.text(raw)
        if ref is None:
            _issue(
                issues,
                "error",
                layer,
                "missing_id",
                f"#{frame['_fid'].iloc[pos]}",
                field=C.VILLAGE_ID,
            )
            refs.append(None)
            continue
        if resolver is None:
            refs.append(ref)
            continue
        match = resolver.resolve(ref, township=towns.iloc[pos], point=points[pos])
        resolver.report(match, issues, layer, f"#{frame['_fid'].iloc[pos]}", C.VILLAGE_ID, ref)
        found = match.village_id
        refs.append(found)
    out[C.VILLAGE_ID] = refs
    known = out[C.VILLAGE_ID].notna()
    dup = out[known & out[C.VILLAGE_ID].duplicated(keep=False)]
    for value, group in dup.groupby(C.VILLAGE_ID):
        _issue(
            issues,
            "error",
            layer,
            "duplicate_room",
            str(value),
            rows=", ".join(f"#{f}" for f in group["_fid"]),
        )
    if villages is not None and len(villages):
        usable = villages[
            villages[C.VILLAGE_ID].notna()
            & ~villages[C.VILLAGE_ID].duplicated(keep=False)
            & ~shapely.is_missing(villages.geometry.values)
        ]
        polys = usable.set_index(C.VILLAGE_ID).geometry
        for pos in np.flatnonzero(known.to_numpy()).tolist():
            vid = out[C.VILLAGE_ID].iloc[pos]
            point = out.geometry.iloc[pos]
            if vid in polys.index and point is not None and not polys[vid].covers(point):
                _issue(
                    issues,
                    "error",
                    layer,
                    "room_outside_village",
                    vid,
                    rows=f"#{frame['_fid'].iloc[pos]}",
                )
    out[C.NAME] = text_column(frame, C.NAME)
    return out
