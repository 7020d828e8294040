"""Recording a validation step's findings: one :class:`~zones.report.Issue` appended at a time."""

from __future__ import annotations

from zones.report import Issue, Severity


def add_issue(
    issues: list[Issue],
    severity: Severity,
    layer: str,
    code: str,
    feature: str | None = None,
    **params: object,
) -> None:
    """Append one issue to ``issues``.

    Parameters
    ----------
    issues
        The issues found so far.
    severity
        ``"error"``, ``"warning"`` or ``"repair"``.
    layer
        The layer the issue is about (or the scenario as a whole).
    code
        The issue's code (``issue.<code>`` in :mod:`zones.i18n`).
    feature
        The feature it names, if one.
    **params
        The message's parameters.
    """
    issues.append(Issue(severity, layer, feature, code, params))
