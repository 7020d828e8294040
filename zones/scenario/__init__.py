"""Reading and checking a scenario: files and archives, formats, validation steps, fields,
coordinates, topology, OpenStreetMap.
"""

from __future__ import annotations

from zones.scenario.readers import (
    SAMPLE_PATH,
    read_scenario,
    read_scenario_bytes,
)

__all__ = [
    "SAMPLE_PATH",
    "read_scenario",
    "read_scenario_bytes",
]
