"""A saved plan folder uploaded as a zip (:func:`read_plan_bytes`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from zones.plan.files import PlanFileError, read_plan
from zones.report import Issue
from zones.scenario.io import unpack_zip


def read_plan_bytes(data: bytes, *, name: str = "plan.zip"):
    """Read a saved plan folder uploaded as a zip (:func:`zones.write_plan`'s files, zipped).

    The archive is checked like a scenario upload (no ``..`` or absolute member paths, member
    count and size caps), unpacked by base name into a temporary folder and read with
    :func:`zones.read_plan`; the folder is removed afterwards.

    Parameters
    ----------
    data
        The zip file's bytes.
    name
        The upload's file name, for messages.

    Returns
    -------
    Plan

    Raises
    ------
    zones.plan.files.PlanFileError
        When the archive is unsafe, damaged, or not a plan folder.
    """
    issues: list[Issue] = []
    files = unpack_zip(data, name, issues)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        shown = "; ".join(i.what("en") for i in errors[:3])
        msg = f"{name} cannot be read as a plan: {shown}"
        raise PlanFileError(msg)
    with tempfile.TemporaryDirectory(prefix="zoneplanner-plan-") as folder:
        for base, content in files.items():
            target = Path(folder) / Path(base).name
            target.write_bytes(content)
        try:
            return read_plan(folder)
        except PlanFileError as exc:
            text = str(exc).replace(folder, name).replace(Path(folder).name, name)
            raise PlanFileError(text) from None
        except Exception as exc:
            msg = f"{name} is not a readable plan folder ({type(exc).__name__}); zip a folder "
            msg += "written by zones plan or the app's export"
            raise PlanFileError(msg) from exc
