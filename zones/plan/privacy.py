"""The privacy profiles: what every output of a plan shows about people.

A plan holds officers' names, phone numbers and homes (the ``officers`` layer) and columns that
tell where an officer lives (why an auxiliary was chosen, home distances). Every output applies
one profile:

- ``public`` (the default): officer ids and role codes only; no officers layer, none of
  :data:`PERSONAL_COLUMNS`. Fit to hand on.
- ``internal``: everything, for the station's own use ("内部资料 注意保密").

This module is the one place for that policy; the maps (:mod:`maps.people`), the app's
downloads and the ``zones`` command all use it. It is pure: no Folium, no Streamlit.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from zones.errors import ZonePlannerError

if TYPE_CHECKING:
    from zones.plan.pipeline import Plan

PUBLIC = "public"
INTERNAL = "internal"
PROFILES: tuple[str, ...] = (PUBLIC, INTERNAL)
DEFAULT_PROFILE = PUBLIC

# plan columns that tell where officers live: why an auxiliary was chosen ("lives there") and
# how far their home is, and the zone heads' distance and known villages
PERSONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "villages": ("aux_reason", "aux_distance_km"),
    "zones": ("head_known_villages", "head_distance_km"),
}
# files of a plan folder that only the internal profile writes (names, phones, homes): a public
# plan written over an internal one removes them
PERSONAL_FILES: tuple[str, ...] = ("officers.csv",)

__all__ = [
    "DEFAULT_PROFILE",
    "INTERNAL",
    "PERSONAL_COLUMNS",
    "PERSONAL_FILES",
    "PROFILES",
    "PUBLIC",
    "ProfileError",
    "check_profile",
    "plan_for_profile",
    "public_plan",
]


class ProfileError(ZonePlannerError):
    """An unknown privacy profile was asked for."""


def check_profile(profile: str) -> str:
    """Return ``profile`` if it is one of :data:`PROFILES`.

    Parameters
    ----------
    profile
        ``"public"`` or ``"internal"``.

    Returns
    -------
    str
        The profile, unchanged.

    Raises
    ------
    ProfileError
        For any other value.
    """
    if profile not in PROFILES:
        raise ProfileError(code="plan.profile", profile=repr(profile))
    return profile


def public_plan(plan: Plan) -> Plan:
    """A copy of ``plan`` fit for the public profile's files.

    Parameters
    ----------
    plan
        A :class:`zones.Plan`.

    Returns
    -------
    Plan
        The same plan without the officers layer (names, phones, homes) and without
        :data:`PERSONAL_COLUMNS`; officer ids stay, so zones keep their heads and villages
        their auxiliaries. ``plan`` itself is not changed.
    """
    changes: dict[str, Any] = {"officers": None}
    for layer, columns in PERSONAL_COLUMNS.items():
        frame = getattr(plan, layer)
        changes[layer] = frame.drop(columns=[c for c in columns if c in frame.columns])
    return dataclasses.replace(plan, **changes)


def plan_for_profile(plan: Plan, profile: str = DEFAULT_PROFILE) -> Plan:
    """The plan as ``profile`` may show it: :func:`public_plan` for ``public``, the plan itself
    for ``internal``.

    Parameters
    ----------
    plan
        A :class:`zones.Plan`.
    profile
        ``"public"`` (default) or ``"internal"``.

    Returns
    -------
    Plan
        The plan to write or show.

    Raises
    ------
    ProfileError
        For an unknown profile.
    """
    return plan if check_profile(profile) == INTERNAL else public_plan(plan)
