"""zoneplanner's planning core: responsibility zones (责任区) for police stations.

Pure Python over GeoDataFrames: no Streamlit, no Folium. Public entry points:

- :func:`read_scenario` / :func:`read_scenario_bytes` → :class:`Scenario`
- :class:`ValidationReport`, :class:`ScenarioError`
"""

from zones.errors import ScenarioError, UploadError, ZonePlannerError
from zones.model import Scenario
from zones.report import Issue, ValidationReport
from zones.scenario import SAMPLE_PATH, read_scenario, read_scenario_bytes

__all__ = [
    "SAMPLE_PATH",
    "Issue",
    "Scenario",
    "ScenarioError",
    "UploadError",
    "ValidationReport",
    "ZonePlannerError",
    "read_scenario",
    "read_scenario_bytes",
]
