"""zoneplanner's planning core: responsibility zones (责任区) for police stations.

Pure Python over GeoDataFrames: no Streamlit, no Folium. Public entry points:

- :func:`read_scenario` / :func:`read_scenario_bytes` → :class:`Scenario`
- :class:`ValidationReport`, :class:`ScenarioError`
- :func:`plan_zones` → :class:`ZoningResult` (zones from any polygons)
- :func:`make_plan` → :class:`Plan` (zones, zone heads, auxiliaries, rooms)
- :func:`write_plan` / :func:`read_plan` (a plan folder that round-trips)
- :func:`plan_roster` → the daily "1+3+2" duty roster (``date``, ``role``, ``officer_id``)
"""

from zones import _moved
from zones.errors import ScenarioError, UploadError, ZonePlannerError
from zones.model import Scenario
from zones.plan.files import read_plan, write_plan
from zones.plan.pipeline import Plan, make_plan, suggest_zones
from zones.report import Issue, ValidationReport
from zones.roster.roster import plan_roster
from zones.scenario.readers import SAMPLE_PATH, read_scenario, read_scenario_bytes
from zones.zoning.facade import ZoningResult, plan_zones

_moved.install()


def __getattr__(name: str) -> object:
    """``zones.io`` and the other old paths after a plain ``import zones`` (as before the move)."""
    if f"zones.{name}" in _moved.MOVED:
        import importlib

        return importlib.import_module(f"zones.{name}")
    msg = f"module 'zones' has no attribute {name!r}"
    raise AttributeError(msg)


# zones.io, zones.validate, … (the flat layout's paths) for one release

__all__ = [
    "SAMPLE_PATH",
    "Issue",
    "Plan",
    "Scenario",
    "ScenarioError",
    "UploadError",
    "ValidationReport",
    "ZonePlannerError",
    "ZoningResult",
    "make_plan",
    "plan_roster",
    "plan_zones",
    "read_plan",
    "read_scenario",
    "read_scenario_bytes",
    "suggest_zones",
    "write_plan",
]
