"""Responsibility zones: adjacency, workload, seeding, the local search and the ``plan_zones``
facade.
"""

from __future__ import annotations

from zones.zoning.facade import (
    KICK_MAX_UNITS,
    KICKS,
    LAYER,
    POLISH_MAX_UNITS,
    REASONS,
    ZoningError,
    ZoningResult,
    plan_zones,
)

__all__ = [
    "LAYER",
    "KICKS",
    "KICK_MAX_UNITS",
    "POLISH_MAX_UNITS",
    "ZoningError",
    "ZoningResult",
    "plan_zones",
    "REASONS",
]
