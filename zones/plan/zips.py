"""A saved plan folder uploaded as a zip (:func:`read_plan_bytes`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from zones.errors import ByLang, by_lang
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
        shown = by_lang(lambda lang: "; ".join(i.what(lang) for i in errors[:3]))
        raise PlanFileError(code="planfile.zip", name=name, shown=shown)
    with tempfile.TemporaryDirectory(prefix="zoneplanner-plan-") as folder:
        for base, content in files.items():
            target = Path(folder) / Path(base).name
            target.write_bytes(content)
        try:
            return read_plan(folder)
        except PlanFileError as exc:
            raise _renamed(exc, folder, name) from None
        except Exception as exc:
            raise PlanFileError(
                code="planfile.unreadable", name=name, kind=type(exc).__name__
            ) from exc


def _renamed(error: PlanFileError, folder: str, name: str) -> PlanFileError:
    """``error`` with the temporary folder it was read from named as the upload."""

    def rename(value: object) -> object:
        if isinstance(value, ByLang):
            return ByLang({lang: rename(text) for lang, text in value.items()})
        if isinstance(value, str | Path):
            return str(value).replace(folder, name).replace(Path(folder).name, name)
        return value

    if error.code is None:
        return PlanFileError(rename(str(error)))
    return PlanFileError(code=error.code, **{k: rename(v) for k, v in error.params.items()})
