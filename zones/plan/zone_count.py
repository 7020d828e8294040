"""How many zones to plan (:func:`zone_count_advice`): the guideline's count of zone heads
(3,000–5,000 residents each, domain notes D3), at least 40% of the sworn officers (D4), capped by
the sworn officers free for zone work (the available ones less the daily duty reserve), and what
the suggested count falls short of the guideline. :func:`zones.plan.pipeline.suggest_zones` is its
count; the app's sidebar shows its words (:meth:`ZoneCountAdvice.to_text`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from zones import columns as C
from zones.i18n import t
from zones.model import Scenario
from zones.plan.steps import HEAD_SHARE_MIN, RESIDENTS_PER_HEAD

__all__ = ["DUTY_RESERVE", "LIMITS", "ZoneCountAdvice", "zone_count_advice"]

DUTY_RESERVE = 9  # sworn officers kept for the daily 1+3+2 duty with rest days (6 × 7/5 ≈ 9)
LIMITS = ("guideline", "floor", "cap", "villages", "no_population")
"""What set the suggestion: the guideline itself, the 40% floor, the cap of free sworn officers,
the number of villages, or (without population) the floor and the cap alone."""


@dataclass(frozen=True)
class ZoneCountAdvice:
    """The suggested number of zones and how it was reached (:func:`zone_count_advice`).

    Attributes
    ----------
    suggested
        The suggestion (at least 1): ``rule`` kept between ``floor`` and ``cap``, never more
        than the villages.
    rule
        The count the guideline asks for: the fewest zones with at most 5,000 residents each
        (within 3,000–5,000 where a whole count fits; else residents / 5,000 rounded).
    cap
        Zone heads free for zone work: available sworn officers less ``reserve`` (at least 1);
        the villages when no sworn officer is available.
    guideline_range
        ``(low, high)``: the zone counts whose mean zone has 3,000–5,000 residents
        (``low > high`` when no whole count does, for a small population).
    shortfall
        Zones the suggestion lies below ``low`` (0 when it meets the guideline): each zone then
        has more than 5,000 residents.
    limit
        What set the suggestion, one of :data:`LIMITS`.
    population, sworn, available, reserve, floor, villages
        The figures behind it: residents, sworn officers (all, and available), the duty reserve,
        40% of the sworn officers (rounded up) and the villages.
    """

    suggested: int
    rule: int
    cap: int
    guideline_range: tuple[int, int]
    shortfall: int
    limit: str
    population: int
    sworn: int
    available: int
    reserve: int
    floor: int
    villages: int

    @property
    def per_zone(self) -> int:
        """Residents per zone at the suggested count (rounded)."""
        return round(self.population / max(self.suggested, 1))

    @property
    def max_zones(self) -> int:
        """The most zones :func:`zones.make_plan` accepts: one village and one available sworn
        officer (its zone head) per zone; 0 when no sworn officer is available."""
        return min(self.villages, self.available)

    def to_text(self, lang: str = "zh") -> str:
        """The suggestion in words: count and residents per zone, the rule, the cap, then the
        40% floor, the villages or the shortfall when they matter."""
        low, high = self.guideline_range
        params = {
            "n": self.suggested,
            "per": f"{self.per_zone:,}",
            "population": f"{self.population:,}",
            "low": low,
            "high": high,
            "rule": self.rule,
            "cap": self.cap,
            "available": self.available,
            "reserve": self.reserve,
            "sworn": self.sworn,
            "floor": self.floor,
            "villages": self.villages,
            "short": self.shortfall,
        }
        if self.limit == "no_population":
            keys = ["zone_count.head_no_population", "zone_count.rule_no_population"]
        else:
            rule = "zone_count.rule" if low <= high else "zone_count.rule_none"
            keys = ["zone_count.head", rule]
        keys.append("zone_count.cap" if self.available else "zone_count.cap_none")
        if self.limit == "floor":
            keys.append("zone_count.floor")
        if self.limit == "villages":
            keys.append("zone_count.villages")
        if self.shortfall:
            keys.append("zone_count.short")
        return (" " if lang == "en" else "").join(t(key, lang, **params) for key in keys)


def zone_count_advice(scenario: Scenario) -> ZoneCountAdvice:
    """The suggested number of zones with its rule, cap and shortfall (domain notes D3, D4).

    The guideline asks for the fewest zones with at most 5,000 residents each (a count within
    3,000–5,000 residents per zone head when one exists); the suggestion keeps that count at or
    above 40% of the sworn officers (the floor for community posts) and at or below the available
    sworn officers less :data:`DUTY_RESERVE` for the daily duty, never more than the villages,
    never fewer than 1.

    Parameters
    ----------
    scenario
        Validated inputs; not modified.

    Returns
    -------
    ZoneCountAdvice
    """
    low_residents, high_residents = RESIDENTS_PER_HEAD
    population = int(scenario.villages[C.POPULATION].fillna(0).sum())
    villages = len(scenario.villages)
    police = scenario.police
    sworn = len(police)
    available = int(police[C.AVAILABLE].astype(bool).sum()) if sworn else 0
    low = math.ceil(population / high_residents)
    high = population // low_residents
    rule = low if low <= high else max(1, round(population / high_residents))
    cap = max(1, available - DUTY_RESERVE) if available else villages
    floor = math.ceil(HEAD_SHARE_MIN * sworn)
    wanted = max(rule, floor)
    limit = "floor" if floor > rule else "guideline"
    if cap < wanted:
        limit = "cap"
    if villages < min(wanted, cap):
        limit = "villages"
    if population <= 0:
        limit = "no_population"
    suggested = max(1, min(wanted, cap, villages))
    shortfall = max(0, low - suggested) if population > 0 and low <= high else 0
    return ZoneCountAdvice(
        suggested=int(suggested),
        rule=int(rule),
        cap=int(cap),
        guideline_range=(int(low), int(high)),
        shortfall=int(shortfall),
        limit=limit,
        population=population,
        sworn=sworn,
        available=available,
        reserve=DUTY_RESERVE,
        floor=int(floor),
        villages=villages,
    )
