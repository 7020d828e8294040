"""Moved: the generator is now split into the modules of :mod:`zones.synth`.

This module keeps ``zones.synth.synth`` and the names imported from it working for one release;
import them from :mod:`zones.synth`.
"""

from __future__ import annotations

from zones.synth import (
    CATEGORIES,
    COORD_DECIMALS,
    HOURLY_PROFILE,
    INCIDENT_ID,
    INCIDENTS_PER_VILLAGE,
    LARGE_SCENARIO,
    LAT,
    LON,
    MAX_ATTEMPTS,
    MIN_INCIDENTS,
    PRIMARY_NAME,
    ROOM_SHARE,
    SUBPOINTS_PER_VILLAGE,
    SUBPOINTS_PER_VILLAGE_LARGE,
    TOWNSHIPS_PER_COUNTY,
    TRUNK_NAME,
    VILLAGE_AREA_M2,
    WEEKDAY_FACTORS,
    WGS84,
    main,
    make_scenario_layers,
    write_scenario,
)

__all__ = [
    "INCIDENT_ID",
    "LON",
    "LAT",
    "WGS84",
    "COORD_DECIMALS",
    "VILLAGE_AREA_M2",
    "SUBPOINTS_PER_VILLAGE",
    "SUBPOINTS_PER_VILLAGE_LARGE",
    "LARGE_SCENARIO",
    "MAX_ATTEMPTS",
    "INCIDENTS_PER_VILLAGE",
    "MIN_INCIDENTS",
    "TOWNSHIPS_PER_COUNTY",
    "ROOM_SHARE",
    "TRUNK_NAME",
    "PRIMARY_NAME",
    "CATEGORIES",
    "HOURLY_PROFILE",
    "WEEKDAY_FACTORS",
    "make_scenario_layers",
    "write_scenario",
    "main",
]
