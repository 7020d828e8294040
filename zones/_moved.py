"""The module paths of the flat ``zones/`` before its sub-packages, kept working for one release.

``import zones.io`` (or ``from zones.validate import validate``) gives the moved module itself,
:mod:`zones.scenario.io`: the same object, so its names, private helpers and monkeypatching
behave as before. New code imports the new paths; these aliases go in the next release.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

MOVED: dict[str, str] = {
    "zones.attributes": "zones.scenario.attributes",
    "zones.coords": "zones.scenario.coords",
    "zones.coverage": "zones.patrol.coverage",
    "zones.crs": "zones.scenario.crs",
    "zones.edits": "zones.plan.edits",
    "zones.export": "zones.plan.files",
    "zones.fields": "zones.scenario.fields",
    "zones.gpkg": "zones.scenario.gpkg",
    "zones.graph": "zones.zoning.graph",
    "zones.io": "zones.scenario.io",
    "zones.osm": "zones.scenario.osm",
    "zones.partition": "zones.zoning.partition",
    "zones.peaks": "zones.patrol.peaks",
    "zones.plan_io": "zones.zoning.polygons",
    "zones.privacy": "zones.plan.privacy",
    "zones.roads": "zones.patrol.roads",
    "zones.rooms": "zones.staffing.rooms",
    "zones.routing": "zones.patrol.routing",
    "zones.seeding": "zones.zoning.seeding",
    "zones.summary": "zones.scenario.summary",
    "zones.topology": "zones.scenario.topology",
    "zones.validate": "zones.scenario.validate",
    "zones.workload": "zones.zoning.workload",
}
"""Old module path → where it lives now."""


class _Alias(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the moved module is already imported."""


class _AliasFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, _Alias(MOVED[fullname]))


def install() -> None:
    """Make the old paths importable (once per process)."""
    if not any(isinstance(finder, _AliasFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AliasFinder())
