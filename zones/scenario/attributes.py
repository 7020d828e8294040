"""Attribute checks per layer: ids, names, counts, roles, references between layers.

Each ``check_<layer>`` takes the layer's frame (geometry already checked, one row per kept
feature, ``_fid`` = feature number), appends issues, and returns a new frame with typed columns.
The checks live by layer (:mod:`~zones.scenario.village_checks`,
:mod:`~zones.scenario.officer_checks`, :mod:`~zones.scenario.incident_checks`,
:mod:`~zones.scenario.room_checks`, :mod:`~zones.scenario.road_checks`; the station and the
jurisdiction here) on what they share (:mod:`~zones.scenario.field_checks`); every name stays
importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import geopandas as gpd

from zones import columns as C
from zones.report import format_ids
from zones.scenario.field_checks import (
    FIELD_ALIASES as FIELD_ALIASES,
)
from zones.scenario.field_checks import (
    Issues as Issues,
)
from zones.scenario.field_checks import (
    _counts as _counts,
)
from zones.scenario.field_checks import (
    _ids as _ids,
)
from zones.scenario.field_checks import (
    _issue as _issue,
)
from zones.scenario.field_checks import (
    _names as _names,
)
from zones.scenario.field_checks import (
    _require as _require,
)
from zones.scenario.field_checks import (
    label as label,
)
from zones.scenario.field_checks import (
    rename_columns as rename_columns,
)
from zones.scenario.field_checks import (
    text_column as text_column,
)
from zones.scenario.incident_checks import (
    DATE as DATE,
)
from zones.scenario.incident_checks import (
    LOCAL_TZ as LOCAL_TZ,
)
from zones.scenario.incident_checks import (
    MIDNIGHT_EXCESS as MIDNIGHT_EXCESS,
)
from zones.scenario.incident_checks import (
    _one_time as _one_time,
)
from zones.scenario.incident_checks import (
    check_incidents as check_incidents,
)
from zones.scenario.incident_checks import (
    midnight_placeholders as midnight_placeholders,
)
from zones.scenario.incident_checks import (
    parse_times as parse_times,
)
from zones.scenario.officer_checks import (
    check_officers as check_officers,
)
from zones.scenario.road_checks import (
    check_roads as check_roads,
)
from zones.scenario.room_checks import (
    check_rooms as check_rooms,
)
from zones.scenario.village_checks import (
    _BRACKETED as _BRACKETED,
)
from zones.scenario.village_checks import (
    _QUALIFIED as _QUALIFIED,
)
from zones.scenario.village_checks import (
    _TOWNSHIP_SUFFIXES as _TOWNSHIP_SUFFIXES,
)
from zones.scenario.village_checks import (
    VillageMatch as VillageMatch,
)
from zones.scenario.village_checks import (
    VillageResolver as VillageResolver,
)
from zones.scenario.village_checks import (
    check_villages as check_villages,
)
from zones.scenario.village_checks import (
    township_key as township_key,
)
from zones.scenario.village_checks import (
    village_resolver as village_resolver,
)


def check_named(
    frame: gpd.GeoDataFrame, layer: str, issues: Issues, fallback: str
) -> gpd.GeoDataFrame:
    """Station and jurisdiction: a ``name`` (warned and filled with ``fallback`` when missing)."""
    out = frame.copy()
    names = text_column(frame, C.NAME)
    if names.isna().any():
        _issue(
            issues,
            "warning",
            layer,
            "missing_name",
            None,
            n=int(names.isna().sum()),
            ids=format_ids(f"#{f}" for f in frame["_fid"][names.isna()]),
        )
    out[C.NAME] = names.fillna(fallback)
    return out


CHECKS: Mapping[str, Callable[..., gpd.GeoDataFrame | None]] = {
    C.INCIDENTS: check_incidents,
    C.ROADS: check_roads,
}
