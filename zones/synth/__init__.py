"""Synthetic stations for tests and benchmarks.

Modules, in the order the layers are made: :mod:`~zones.synth.scenario` (``make_scenario_layers``,
which runs the rest), :mod:`~zones.synth.tessellation` (the station's outline and the village
cells; :mod:`~zones.synth.rings` traces their polygons), :mod:`~zones.synth.townships`
(townships, seats, communities, village codes), :mod:`~zones.synth.villages`,
:mod:`~zones.synth.roads` (:mod:`~zones.synth.noding` splits them at crossings),
:mod:`~zones.synth.incidents`, :mod:`~zones.synth.officers`, :mod:`~zones.synth.rooms` (and the
station); :mod:`~zones.synth.names` (the name tables), :mod:`~zones.synth.lonlat` (metres to
rounded lon/lat), :mod:`~zones.synth.folder` (``write_scenario``) and :mod:`~zones.synth.cli`
(``python -m zones.synth``).
"""

from __future__ import annotations

from zones.synth.cli import main
from zones.synth.folder import LAT, LON, write_scenario
from zones.synth.incidents import (
    CATEGORIES,
    HOURLY_PROFILE,
    INCIDENT_ID,
    INCIDENTS_PER_VILLAGE,
    MIN_INCIDENTS,
    WEEKDAY_FACTORS,
)
from zones.synth.lonlat import COORD_DECIMALS, WGS84
from zones.synth.roads import PRIMARY_NAME, TRUNK_NAME
from zones.synth.rooms import ROOM_SHARE
from zones.synth.scenario import make_scenario_layers
from zones.synth.tessellation import (
    LARGE_SCENARIO,
    MAX_ATTEMPTS,
    SUBPOINTS_PER_VILLAGE,
    SUBPOINTS_PER_VILLAGE_LARGE,
    VILLAGE_AREA_M2,
)
from zones.synth.townships import TOWNSHIPS_PER_COUNTY

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
