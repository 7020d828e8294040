"""The settings of a patrol plan: defaults, limits, their check, and the peak windows used."""

from __future__ import annotations

import pandas as pd

from zones.errors import ZonePlannerError
from zones.patrol.peaks import PeakWindow, find_peak_windows, parse_peak_windows

BUDGET_MINUTES = 60.0
STOP_MINUTES = 12.0  # Koper curve: 10–16 minutes at a hotspot
RADIUS_M = 300.0
POSTS_PER_ZONE = 2
MIN_POST_INCIDENTS = 3
MIN_HOTSPOT_INCIDENTS = 2
ZONE_MARGIN_M = 600.0  # patrol lines may use roads this far outside their zone
ROOMS_TRIED = 6  # rooms nearest the base and hotspots offered to the router, per zone
ROOM_PRIZE = 0.5  # a room on the way is worth half an incident: visited when it fits
POST_WINDOW_SHARE = 0.25  # a post is staffed in a window holding this share of its incidents
APPROX_SPEED_KMH = 30.0
MAX_BUDGET_MINUTES = 24 * 60
MAX_RADIUS_M = 10_000


class PatrolError(ZonePlannerError):
    """Patrol settings that cannot be used (a budget or radius that is not positive)."""


def check_settings(budget_minutes: float, stop_minutes: float, radius_m: float) -> None:
    """Raise :class:`PatrolError` unless 0 < budget ≤ 24 h, 0 ≤ stop time ≤ budget and
    0 < radius ≤ 10 km (all finite)."""
    if not 0 < budget_minutes <= MAX_BUDGET_MINUTES:  # also False for NaN
        raise PatrolError(code="patrol.budget", budget=budget_minutes, max=MAX_BUDGET_MINUTES)
    if not 0 <= stop_minutes <= budget_minutes:
        raise PatrolError(code="patrol.stop", stop=stop_minutes, budget=budget_minutes)
    if not 0 < radius_m <= MAX_RADIUS_M:
        raise PatrolError(code="patrol.radius", radius=radius_m, max=MAX_RADIUS_M)


def resolve_windows(
    peak_hours: str | tuple[PeakWindow, ...] | None, times: pd.Series
) -> tuple[tuple[PeakWindow, ...], str]:
    """The peak windows and where they come from (``manual``, ``incidents`` or ``default``)."""
    if isinstance(peak_hours, str):
        return parse_peak_windows(peak_hours), "manual"
    if peak_hours is not None:
        return tuple(peak_hours), "manual"
    windows, found = find_peak_windows(times)
    return windows, "incidents" if found else "default"
