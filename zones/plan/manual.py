"""Choices made by hand on a plan: name a zone, lock a zone, choose a zone head or a village's
auxiliary officer.

Everything here is pure: a :class:`~zones.Plan` goes in, a new one comes out. Each choice is
recorded in the plan's settings (:mod:`zones.plan.choices`), so rebalancing, plan files and the
exports keep it; a chosen zone head or auxiliary has the reason ``manual`` in the plan's
``head_reason`` / ``aux_reason`` column.

The rest is solved again around a choice, changing as little as possible: a zone whose head was
taken for another zone gets the best officer left (the optimal assignment of
:func:`zones.staffing.assign_zone_heads` over the zones without a head), a village whose
auxiliary was taken gets the best auxiliary left (:func:`zones.staffing.reassign_auxiliaries`);
everyone else keeps their post. Every zone head that changed is listed in a warning
(``edit_heads_changed``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd

from zones import columns as C
from zones.ids import natural_sorted
from zones.plan.choices import (
    LOCKED_ZONES,
    MANUAL_AUXILIARIES,
    MANUAL_HEADS,
    NAME_MAX_CHARS,
    ZONE_NAME,
    ZONE_NAMES,
    hand_choices,
)
from zones.plan.comparison import current_labels, zone_ids
from zones.plan.edits import LAYER, EditError, utm_crs
from zones.report import Issue, format_ids
from zones.staffing.auxiliaries import AUX_COLUMNS, reassign_auxiliaries
from zones.staffing.heads import HEAD_COLUMNS, MANUAL, MATCHED, assign_zone_heads
from zones.staffing.matching import DEFAULT_DETOUR
from zones.zoning.polygons import ZONE_ID

HEAD_OFFICER_ID = "head_officer_id"
AUX_OFFICER_ID = "aux_officer_id"
HEADS_CHANGED = "edit_heads_changed"  # warning code: the zone heads an edit changed

HeadChange = tuple[str, str | None, str | None]  # (zone, head before, head after)

__all__ = [
    "HEADS_CHANGED",
    "HeadChange",
    "assign_auxiliary",
    "assign_head",
    "head_changes",
    "lock_zone",
    "locked_villages",
    "name_zone",
    "restaff_heads",
    "zone_heads",
]


def _check_zone(plan, zone: object) -> str:
    zone = str(zone)
    if zone not in zone_ids(plan):
        raise EditError(code="edit.no_zone", zones=zone, known=format_ids(zone_ids(plan)))
    return zone


def _settings(plan, **changes: object) -> dict[str, object]:
    settings = dict(plan.settings)
    for key, value in changes.items():
        if value:
            settings[key] = value
        else:
            settings.pop(key, None)
    return settings


def name_zone(plan, zone: object, name: str):
    """Return a new plan in which ``zone`` is called ``name`` (``""`` removes the name).

    The name goes into the zones layer's ``zone_name`` column and ``settings["zone_names"]``;
    line breaks and other control characters are dropped, and it is cut to
    :data:`~zones.plan.choices.NAME_MAX_CHARS` characters.

    Raises
    ------
    EditError
        For a zone the plan does not have, or a name another zone already has.
    """
    zone = _check_zone(plan, zone)
    clean = "".join(ch for ch in str(name) if ch.isprintable()).strip()[:NAME_MAX_CHARS]
    names = dict(hand_choices(plan).names)
    names.pop(zone, None)
    if clean:
        if clean in names.values():
            raise EditError(code="edit.name_taken", name=clean)
        names[zone] = clean
    zones = plan.zones.copy()
    ids = zones[ZONE_ID].astype(str)
    column = pd.Series([names.get(z) for z in ids], index=zones.index, dtype=object)
    if names:
        at = list(zones.columns).index(ZONE_ID) + 1
        zones = zones.drop(columns=ZONE_NAME, errors="ignore")
        zones.insert(at, ZONE_NAME, column)
    else:
        zones = zones.drop(columns=ZONE_NAME, errors="ignore")
    ordered = {z: names[z] for z in natural_sorted(names)}
    return dataclasses.replace(plan, zones=zones, settings=_settings(plan, **{ZONE_NAMES: ordered}))


def lock_zone(plan, zone: object, locked: bool = True):
    """Return a new plan with ``zone`` locked (or unlocked): a rebalance keeps every one of its
    villages, and a hand move may neither take a village out of it nor put one in.

    Raises
    ------
    EditError
        For a zone the plan does not have.
    """
    zone = _check_zone(plan, zone)
    zones = set(hand_choices(plan).locked_zones)
    if locked:
        zones.add(zone)
    else:
        zones.discard(zone)
    return dataclasses.replace(
        plan, settings=_settings(plan, **{LOCKED_ZONES: natural_sorted(zones)})
    )


def locked_villages(plan) -> list[str]:
    """The villages of the plan's locked zones (their ``village_id``)."""
    locked = set(hand_choices(plan).locked_zones)
    labels = current_labels(plan)
    return [str(v) for v in labels.index[labels.isin(locked)]]


def _officers(plan):
    if plan.officers is None or not len(plan.officers):
        raise EditError(code="edit.no_officers")
    return plan.officers


def assign_head(plan, zone: object, officer_id: str):
    """Return a new plan with ``officer_id`` as the zone head of ``zone``, chosen by hand.

    The choice is kept (``head_reason`` ``manual``, ``settings["manual_heads"]``) through hand
    moves, rebalancing and plan files. When the officer headed another zone, that zone gets the
    best sworn officer left (the optimal assignment over the zones without a head); every other
    zone keeps its head. The zone heads that changed are listed in an ``edit_heads_changed``
    warning.

    Raises
    ------
    EditError
        For a zone the plan does not have, or a plan without officers.
    zones.staffing.StaffingError
        When ``officer_id`` is not an available sworn officer.
    """
    zone = _check_zone(plan, zone)
    _officers(plan)
    manual = {z: o for z, o in hand_choices(plan).heads.items() if o != officer_id and z != zone}
    manual[zone] = str(officer_id)
    current = zone_heads(plan)
    keep = {z: o for z, o in current.items() if z != zone and o != officer_id}
    return restaff_heads(plan, manual=manual, keep=keep)


def zone_heads(plan) -> dict[str, str]:
    """Zone id → zone head's officer id, for the zones that have one."""
    zones = plan.zones
    if HEAD_OFFICER_ID not in zones:
        return {}
    return {
        str(z): h
        for z, h in zip(zones[ZONE_ID], zones[HEAD_OFFICER_ID], strict=True)
        if isinstance(h, str) and h
    }


def restaff_heads(plan, *, manual: Mapping[str, str], keep: Mapping[str, str]):
    """Return a new plan whose zone heads are ``manual`` (chosen by hand: reason ``manual``),
    then ``keep`` where the officer is free (their reason kept), and the optimal assignment for
    the zones left; the heads that changed are listed in an ``edit_heads_changed`` warning.

    Parameters
    ----------
    plan
        A plan with officers; its zones' workload centres and villages are read as they are now.
    manual
        ``{zone_id: officer_id}``: recorded as ``settings["manual_heads"]``.
    keep
        ``{zone_id: officer_id}``: heads to keep unless a manual choice takes the officer or
        the zone, or the officer is no longer an available sworn officer.
    """
    officers = _officers(plan)
    police = officers[(officers[C.ROLE] == C.POLICE) & officers[C.AVAILABLE].astype(bool)]
    taken = set(manual.values())
    kept = {
        z: o
        for z, o in keep.items()
        if z not in manual and o not in taken and o in police.index and z in zone_ids(plan)
    }
    villages = plan.villages
    table = assign_zone_heads(
        current_labels(plan),
        villages,
        officers,
        pd.to_numeric(villages.get("workload", pd.Series(0.0, villages.index)), errors="coerce"),
        crs=utm_crs(villages),
        detour=float(plan.settings.get("detour_factor", DEFAULT_DETOUR)),
        fixed={**kept, **manual},
    )
    before = zone_heads(plan)
    reasons = plan.zones.get("head_reason", pd.Series(None, index=plan.zones.index))
    old_reason = dict(zip(plan.zones[ZONE_ID].astype(str), reasons, strict=True))

    def reason(zone: str) -> str:
        if zone in manual:
            return MANUAL
        old = old_reason.get(zone)
        return old if zone in kept and isinstance(old, str) and old != MANUAL else MATCHED

    table["head_reason"] = [reason(z) for z in table.index]
    zones = _with_heads(plan.zones, table)
    after = dataclasses.replace(plan, zones=zones)
    changes = head_changes(before, zone_heads(after))
    warnings = [w for w in plan.warnings if not (w.layer == LAYER and w.code == HEADS_CHANGED)]
    if changes:
        warnings.insert(0, heads_changed_issue(changes))
    ordered = {z: manual[z] for z in natural_sorted(manual)}
    return dataclasses.replace(
        after, warnings=tuple(warnings), settings=_settings(plan, **{MANUAL_HEADS: ordered})
    )


def _with_heads(zones, table: pd.DataFrame):
    """``zones`` with the head columns of ``table`` (indexed by zone id); ``head_reason``
    placed right after ``head_officer_id``."""
    out = zones.copy()
    rows = table.reindex(out[ZONE_ID].astype(str))
    for column in HEAD_COLUMNS:
        values = rows[column].to_numpy()
        if column in out.columns:
            if pd.api.types.is_integer_dtype(out[column].dtype) and not pd.isna(values).any():
                values = values.astype(out[column].dtype)
            out[column] = values
        else:
            at = list(out.columns).index(HEAD_OFFICER_ID) + 1 if HEAD_OFFICER_ID in out else 1
            out.insert(at, column, values)
    return out


def head_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[HeadChange]:
    """``(zone, head before, head after)`` for every zone whose head differs, in zone order."""
    zones = natural_sorted(set(before) | set(after))
    return [(z, before.get(z), after.get(z)) for z in zones if before.get(z) != after.get(z)]


def heads_changed_issue(changes: list[HeadChange]) -> Issue:
    """The ``edit_heads_changed`` warning listing ``zone: before → after``."""
    shown = [f"{z}: {a or '—'} → {b or '—'}" for z, a, b in changes]
    return Issue(
        "warning", LAYER, None, HEADS_CHANGED, {"n": len(changes), "changes": format_ids(shown)}
    )


def assign_auxiliary(plan, village: object, officer_id: str):
    """Return a new plan with ``officer_id`` as the auxiliary officer of ``village``, chosen by
    hand (``aux_reason`` ``manual``, ``settings["manual_auxiliaries"]``).

    A village the officer served before is matched again among the auxiliaries nobody keeps
    (:func:`zones.staffing.reassign_auxiliaries`); every other village keeps its auxiliary.
    The spare pool, the shortage and spare warnings and the staffing figures follow.

    Raises
    ------
    EditError
        For a village the plan does not have, or a plan without officers.
    zones.staffing.StaffingError
        When ``officer_id`` is not an available auxiliary officer.
    """
    village = str(village)
    villages = plan.villages
    if village not in villages.index:
        raise EditError(code="edit.no_village", villages=village)
    officers = _officers(plan)
    manual = {
        v: o for v, o in hand_choices(plan).auxiliaries.items() if o != officer_id and v != village
    }
    manual[village] = str(officer_id)
    current = villages.reindex(columns=list(AUX_COLUMNS))
    result = reassign_auxiliaries(
        villages,
        officers,
        pd.to_numeric(villages.get("workload", pd.Series(0.0, villages.index)), errors="coerce"),
        current,
        crs=utm_crs(villages),
        fixed=manual,
        detour=float(plan.settings.get("detour_factor", DEFAULT_DETOUR)),
    )
    out = villages.copy()
    for column in AUX_COLUMNS:
        out[column] = result.villages[column].reindex(out.index)
    ordered = {v: manual[v] for v in natural_sorted(manual)}
    return with_auxiliaries(
        dataclasses.replace(plan, settings=_settings(plan, **{MANUAL_AUXILIARIES: ordered})),
        out,
        result.unstaffed,
        result.pool,
    )


def with_auxiliaries(plan, villages, unstaffed: pd.Index, pool: pd.Index):
    """``plan`` with ``villages`` (their auxiliaries), the spare ``pool``, and the staffing
    warnings (``aux_shortage``, ``aux_pool``) and figures that follow from them."""
    codes = ("aux_shortage", "aux_pool")
    at = next((i for i, w in enumerate(plan.warnings) if w.code in codes), len(plan.warnings))
    warnings = [w for w in plan.warnings if w.code not in codes]
    extra = []
    for code, ids in zip(codes, (unstaffed, pool), strict=True):
        if len(ids):
            params = {"n": len(ids), "ids": format_ids(ids)}
            extra.append(Issue("warning", "staffing", None, code, params))
    reasons = villages["aux_reason"]
    metrics = dict(plan.metrics)
    metrics.update(
        villages_staffed=int(villages[AUX_OFFICER_ID].notna().sum()),
        auxiliaries_short=len(unstaffed),
        auxiliaries_spare=len(pool),
        aux_home=int((reasons == "home").sum()),
        aux_familiar=int((reasons == "familiar").sum()),
    )
    return dataclasses.replace(
        plan,
        villages=villages,
        pool=pd.Index(pool, dtype=object),
        warnings=(*warnings[:at], *extra, *warnings[at:]),
        metrics=metrics,
    )
