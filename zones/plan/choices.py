"""The choices made by hand on a plan, as its settings record them.

A plan keeps every hand choice in its ``settings`` (so :func:`zones.plan.edits.rebalance`,
:func:`zones.write_plan` / :func:`zones.read_plan` and the exports keep them too):

- ``zone_names``: ``{zone_id: name}`` (also the zones layer's ``zone_name`` column);
- ``locked_zones``: the zones no rebalance may change, and no hand move may enter or leave;
- ``manual_heads``: ``{zone_id: officer_id}``, zone heads chosen by hand (``head_reason``
  ``manual`` in the zones layer);
- ``manual_auxiliaries``: ``{village_id: officer_id}``, auxiliary officers chosen by hand
  (``aux_reason`` ``manual`` in the villages layer);
- ``patrols_drawn_zones``: ``{village_id: zone_id}``, the zone each village moved by hand since
  the patrol lines were drawn was in when they were; the zones on either side of such a move
  have stale lines (:func:`stale_zones`; :func:`zones.plan.patrol_refresh.refresh_patrols`
  draws them again).

This module only reads and writes those records; the edits are in :mod:`zones.plan.manual`.
A plan read from someone else's file may hold anything there: what is not of the right shape
is ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zones.ids import natural_sorted

ZONE_NAMES = "zone_names"
LOCKED_ZONES = "locked_zones"
MANUAL_HEADS = "manual_heads"
MANUAL_AUXILIARIES = "manual_auxiliaries"
PATROLS_DRAWN = "patrols_drawn_zones"
ZONE_NAME = "zone_name"  # the zones layer's column of names
NAME_MAX_CHARS = 40

__all__ = [
    "LOCKED_ZONES",
    "MANUAL_AUXILIARIES",
    "MANUAL_HEADS",
    "NAME_MAX_CHARS",
    "PATROLS_DRAWN",
    "ZONE_NAME",
    "ZONE_NAMES",
    "HandChoices",
    "hand_choices",
    "stale_zones",
    "zone_title",
]


@dataclass(frozen=True)
class HandChoices:
    """A plan's hand choices (see the module docstring), each keyed by its stable id."""

    names: Mapping[str, str]
    locked_zones: tuple[str, ...]
    heads: Mapping[str, str]
    auxiliaries: Mapping[str, str]

    def title(self, zone: str) -> str:
        """``zone`` as people see it: "id name" when a name was given by hand, else the id."""
        return zone_title(zone, self.names)

    def is_locked(self, zone: str) -> bool:
        """Whether ``zone`` is locked."""
        return zone in self.locked_zones


def _text_map(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v}


def _text_list(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(natural_sorted({str(v) for v in value if isinstance(v, str | int)}))


def zone_title(zone: str, names: Mapping[str, str]) -> str:
    """ "id name" when ``names`` holds a name for ``zone`` (given by hand), else the id."""
    return f"{zone} {names[zone]}" if zone in names else zone


def hand_choices(plan) -> HandChoices:
    """The hand choices recorded in ``plan.settings`` (any of them may be empty)."""
    settings = plan.settings
    return HandChoices(
        names=_text_map(settings.get(ZONE_NAMES)),
        locked_zones=_text_list(settings.get(LOCKED_ZONES)),
        heads=_text_map(settings.get(MANUAL_HEADS)),
        auxiliaries=_text_map(settings.get(MANUAL_AUXILIARIES)),
    )


def stale_zones(plan) -> tuple[str, ...]:
    """The zones whose patrol lines and posts were drawn before a hand move changed them (in
    natural order): the zone each village moved since was in then, and the zone it is in now."""
    drawn = _text_map(plan.settings.get(PATROLS_DRAWN))
    if not drawn:
        return ()
    now = plan.villages["zone_id"].astype(str)
    zones = {z for v, z in drawn.items()} | {now[v] for v in drawn if v in now.index}
    return tuple(natural_sorted(zones))
