"""Who is shown how on maps and in the app's tables, by privacy profile.

The profiles themselves (:data:`PUBLIC`, :data:`INTERNAL`, :data:`PROFILES`,
:data:`PERSONAL_COLUMNS`, :func:`public_plan`) are the core's policy in :mod:`zones.plan.privacy`,
re-exported here. In the public profile officers appear only as role codes (``片区长-03``,
``驻村辅警-007``, numbered by the order of zones and villages in the plan); in the internal
profile with their names and phone numbers. Names and phones are not even loaded for the
public profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maps.i18n import t
from zones import columns as C
from zones.plan.privacy import INTERNAL, PERSONAL_COLUMNS, PROFILES, PUBLIC, public_plan

from .escape import is_missing

if TYPE_CHECKING:
    from zones.plan.pipeline import Plan

__all__ = [
    "INTERNAL",
    "PERSONAL_COLUMNS",
    "PROFILES",
    "PUBLIC",
    "People",
    "orders",
    "public_plan",
]


def orders(n: int, width: int) -> list[str]:
    """``"01"``, ``"02"``, … (1-based, zero-padded to ``width`` or more digits): how zones
    (width 2) and villages (width 3) are numbered in role codes."""
    width = max(width, len(str(n)))
    return [f"{i:0{width}d}" for i in range(1, n + 1)]


class People:
    """Officers of a plan as one privacy profile shows them.

    Parameters
    ----------
    plan
        The plan (its ``officers`` layer holds names and phones; it may be missing).
    profile
        ``"public"`` or ``"internal"``.
    lang
        ``"zh"`` or ``"en"``, for the role codes.
    """

    def __init__(self, plan: Plan, profile: str, lang: str) -> None:
        self.internal = profile == INTERNAL
        self.lang = lang
        self.names: dict[str, Any] = {}
        self.phones: dict[str, Any] = {}
        officers = plan.officers
        if self.internal and officers is not None and C.OFFICER_ID in officers:
            ids = officers[C.OFFICER_ID].astype(str)
            if C.NAME in officers:
                self.names = dict(zip(ids, officers[C.NAME], strict=True))
            if C.PHONE in officers:
                self.phones = dict(zip(ids, officers[C.PHONE], strict=True))

    @staticmethod
    def present(officer_id: Any) -> bool:
        """Whether an officer id is there (not None, NaN or blank)."""
        return not is_missing(officer_id) and bool(str(officer_id).strip())

    def name(self, officer_id: Any) -> str:
        """The officer's name (internal profile only; empty otherwise or when unknown)."""
        if not self.internal or not self.present(officer_id):
            return ""
        value = self.names.get(str(officer_id))
        return "" if is_missing(value) else str(value).strip()

    def phone(self, officer_id: Any) -> str | None:
        """The officer's phone number (internal profile only; ``None`` otherwise)."""
        if not self.internal or not self.present(officer_id):
            return None
        value = self.phones.get(str(officer_id))
        return None if is_missing(value) else str(value)

    def label(self, officer_id: Any) -> str:
        """``name (id)`` in the internal profile, the id alone when the name is not shown."""
        name = self.name(officer_id)
        officer = str(officer_id)
        return t("map.plan.officer", self.lang, name=name, id=officer) if name else officer

    def head(self, officer_id: Any, order: str) -> str:
        """The zone head of the ``order``-th zone (``"03"``): the role code in public."""
        if not self.present(officer_id):
            return t("map.plan.head_missing", self.lang)
        if self.internal:
            return self.label(officer_id)
        return t("map.plan.head_code", self.lang, code=order)

    def auxiliary(self, officer_id: Any, order: str) -> str:
        """The auxiliary officer of the ``order``-th village (``"007"``): the role code in
        public."""
        if not self.present(officer_id):
            return t("map.plan.aux_missing", self.lang)
        if self.internal:
            return self.label(officer_id)
        return t("map.plan.aux_code", self.lang, code=order)
