"""Exception classes of the planning core. All derive from ``ValueError`` (osmnx style)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zones.report import ValidationReport


class ZonePlannerError(ValueError):
    """Base class of every error this package raises on purpose."""


class ScenarioError(ZonePlannerError):
    """A scenario cannot be used; ``report`` lists every problem found, not just the first.

    ``str(error)`` is the report in Chinese; ``error.report.to_text("en")`` gives English.
    """

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(report.to_text("zh", only_errors=True))

    def message(self, lang: str = "zh") -> str:
        """Return the error report in ``lang`` ("zh" or "en")."""
        return self.report.to_text(lang, only_errors=True)


class UploadError(ScenarioError):
    """An uploaded or archived file was refused before reading (size, type, unsafe zip member)."""


class PlanFileError(ZonePlannerError):
    """A folder is not a readable plan (missing layers or plan.json, or a damaged file)."""
