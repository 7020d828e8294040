"""The flat layout's module paths still import, for one release, as the moved modules."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from zones._moved import MOVED


@pytest.mark.parametrize(("old", "new"), sorted(MOVED.items()))
def test_an_old_path_is_the_moved_module(old: str, new: str) -> None:
    assert importlib.import_module(old) is importlib.import_module(new)


def test_old_imports_work_in_a_fresh_process() -> None:
    code = (
        "from zones.validate import validate\n"
        "from zones.edits import move_villages\n"
        "import zones.io, zones.scenario.io\n"
        "assert zones.io is zones.scenario.io\n"
        "from zones.zoning import plan_zones\n"
        "from zones.roster import plan_roster\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
