"""The roads layer's attributes: road class, speed and one-way flags."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from zones import columns as C
from zones.report import format_ids
from zones.scenario import fields as F
from zones.scenario.field_checks import Issues, _issue, text_column


def check_roads(frame: gpd.GeoDataFrame, issues: Issues) -> gpd.GeoDataFrame:
    """Road class, speed (km/h, 1–150) and one-way flags; bad values warned and left blank."""
    layer = C.ROADS
    out = frame.copy()
    out[C.NAME] = text_column(frame, C.NAME)
    out[C.ROAD_CLASS] = (
        frame[C.ROAD_CLASS].map(F.text).str.lower() if C.ROAD_CLASS in frame.columns else None
    )
    speeds = pd.to_numeric(
        frame[C.SPEED_KMH].map(F.text)
        if C.SPEED_KMH in frame.columns
        else pd.Series(None, index=frame.index, dtype=object),
        errors="coerce",
    )
    given = (
        frame[C.SPEED_KMH].map(F.text).notna()
        if C.SPEED_KMH in frame.columns
        else pd.Series(False, index=frame.index)
    )
    bad = given & (speeds.isna() | (speeds <= 0) | (speeds > 150))
    if bad.any():
        _issue(
            issues,
            "warning",
            layer,
            "bad_speed",
            None,
            n=int(bad.sum()),
            ids=format_ids(f"#{f}" for f in frame["_fid"][bad]),
        )
    out[C.SPEED_KMH] = speeds.where(~bad).astype("Float64")
    oneway: list[bool] = []
    bad_oneway: list[str] = []
    for pos, raw in enumerate(frame.get(C.ONEWAY, pd.Series(None, index=frame.index))):
        try:
            oneway.append(F.parse_bool(raw, default=False))
        except ValueError:
            oneway.append(False)
            bad_oneway.append(f"#{frame['_fid'].iloc[pos]}")
    if bad_oneway:
        _issue(
            issues,
            "warning",
            layer,
            "bad_oneway",
            None,
            n=len(bad_oneway),
            ids=format_ids(bad_oneway),
        )
    out[C.ONEWAY] = oneway
    return out
