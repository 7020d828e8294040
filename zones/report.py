"""Validation issues and the report that collects them.

An :class:`Issue` is data (layer, feature, code, parameters); its words come from the translation
table in :mod:`zones.i18n`, so the same report prints in Chinese or English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from zones.i18n import t, t_nested

Severity = Literal["error", "warning", "repair", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "repair", "warning", "info")
MAX_IDS_SHOWN = 10


def format_ids(ids: Iterable[object], limit: int = MAX_IDS_SHOWN) -> str:
    """Join feature ids for a message, truncated after ``limit`` with a count of the rest."""
    items = [str(i) for i in ids]
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += f" … (+{len(items) - limit})"
    return shown


@dataclass(frozen=True)
class Issue:
    """One finding about the input.

    Parameters
    ----------
    severity
        ``"error"`` stops the scenario; ``"repair"`` was fixed and is reported; ``"warning"``
        is kept as is and reported; ``"info"`` says what was decided and why (the workload a
        plan chose).
    layer
        Layer name (``villages``, ``officers``, …) or ``scenario`` for the whole input.
    feature
        The feature's id (``village_id``/``officer_id``) or ``#n`` (1-based feature number),
        or ``None`` when the issue is about the whole layer.
    code
        Key of the message in the translation table (``issue.<code>`` and ``fix.<code>``).
    params
        Values filled into the message; a ``<name>_key`` value is a key whose text fills
        ``{<name>}`` (:func:`zones.i18n.t_nested`).
    """

    severity: Severity
    layer: str
    feature: str | None
    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def what(self, lang: str = "zh") -> str:
        """What is wrong, in ``lang``."""
        return t_nested(f"issue.{self.code}", lang, self.params)

    def fix(self, lang: str = "zh") -> str:
        """How to fix it (or what was done about it), in ``lang``."""
        return t_nested(f"fix.{self.code}", lang, self.params)

    def to_text(self, lang: str = "zh") -> str:
        """One line: ``[severity] layer / feature: what — fix``."""
        where = t(f"layer.{self.layer}", lang)
        if self.feature is not None:
            where += f" / {self.feature}"
        sev = t(f"severity.{self.severity}", lang)
        return f"[{sev}] {where}: {self.what(lang)} — {self.fix(lang)}"


@dataclass(frozen=True)
class ValidationReport:
    """Every issue found while reading a scenario, plus where it came from."""

    issues: tuple[Issue, ...] = ()
    source: str = ""
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """Issues that stop the scenario."""
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def repairs(self) -> tuple[Issue, ...]:
        """Issues that were repaired."""
        return tuple(i for i in self.issues if i.severity == "repair")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """Issues kept as they are, with a warning."""
        return tuple(i for i in self.issues if i.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def codes(self, severity: Severity | None = None) -> set[str]:
        """The set of issue codes, optionally of one severity (handy in tests and scripts)."""
        return {i.code for i in self.issues if severity is None or i.severity == severity}

    def to_text(self, lang: str = "zh", *, only_errors: bool = False) -> str:
        """The report as plain text, errors first."""
        lines = [t("report.title", lang, source=self.source)]
        if self.counts:
            parts = [
                t("report.count", lang, layer=t(f"layer.{k}", lang), n=v)
                for k, v in self.counts.items()
            ]
            lines.append(t("report.counts", lang) + "; ".join(parts))
        lines.append(
            t(
                "report.summary",
                lang,
                errors=len(self.errors),
                repairs=len(self.repairs),
                warnings=len(self.warnings),
            )
        )
        for sev in SEVERITIES:
            if only_errors and sev != "error":
                continue
            lines.extend(i.to_text(lang) for i in self.issues if i.severity == sev)
        return "\n".join(lines)

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """The report as a table (severity, layer, feature, problem, fix) for app and exports."""
        order = {s: n for n, s in enumerate(SEVERITIES)}
        rows = [
            {
                t("report.col.severity", lang): t(f"severity.{i.severity}", lang),
                t("report.col.layer", lang): t(f"layer.{i.layer}", lang),
                t("report.col.feature", lang): i.feature or "",
                t("report.col.what", lang): i.what(lang),
                t("report.col.fix", lang): i.fix(lang),
            }
            for i in sorted(self.issues, key=lambda i: order[i.severity])
        ]
        columns = [
            t(f"report.col.{c}", lang) for c in ("severity", "layer", "feature", "what", "fix")
        ]
        return pd.DataFrame(rows, columns=columns)
