"""The officers layer's attributes: ids, names, roles, village references, availability, leave."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from zones import columns as C
from zones.report import format_ids
from zones.scenario import fields as F
from zones.scenario.field_checks import (
    Issues,
    _counts,
    _ids,
    _issue,
    _names,
    _require,
    label,
    text_column,
)
from zones.scenario.village_checks import VillageResolver


def check_officers(
    frame: gpd.GeoDataFrame, villages: pd.DataFrame | None, issues: Issues
) -> gpd.GeoDataFrame | None:
    """Ids, names, roles, village references, availability and leave of the officers."""
    layer = C.OFFICERS
    if not _require(frame, layer, issues):
        return None
    out = frame.copy()
    out[C.OFFICER_ID] = _ids(frame, C.OFFICER_ID, layer, issues)
    out[C.NAME] = _names(frame, out[C.OFFICER_ID], layer, issues)
    roles = _roles(frame, layer, issues)
    out[C.ROLE] = roles
    towns = text_column(frame, C.TOWNSHIP)
    if C.TOWNSHIP in frame.columns:
        out[C.TOWNSHIP] = towns
    homes, familiar = _village_refs(frame, villages, towns, issues)
    out[C.HOME_VILLAGE] = homes
    out[C.FAMILIAR_VILLAGES] = pd.Series(familiar, index=frame.index, dtype=object)
    no_home = [
        label(frame, p, layer)
        for p in range(len(frame))
        if roles[p] == C.AUXILIARY and not homes[p]
    ]
    if no_home:
        _issue(
            issues,
            "warning",
            layer,
            "aux_without_home",
            None,
            n=len(no_home),
            ids=format_ids(no_home),
        )
    out[C.AVAILABLE] = _availability(frame, layer, issues)
    if C.REWARD_LEAVE_DAYS in frame.columns:
        out[C.REWARD_LEAVE_DAYS] = _counts(
            frame, C.REWARD_LEAVE_DAYS, layer, issues, warn_missing=False
        ).fillna(0)
    else:
        out[C.REWARD_LEAVE_DAYS] = pd.array([0] * len(frame), dtype="Int64")
    out[C.PHONE] = text_column(frame, C.PHONE)
    for role in C.ROLES:
        if role not in roles:
            _issue(issues, "warning", layer, f"no_{role}", None)
    return out


def _roles(frame: gpd.GeoDataFrame, layer: str, issues: Issues) -> list[str | None]:
    """Each officer's role (police or auxiliary); an unreadable one is an error."""
    roles: list[str | None] = []
    for pos, raw in enumerate(frame[C.ROLE].tolist()):
        try:
            roles.append(F.parse_role(raw))
        except ValueError:
            roles.append(None)
            _issue(issues, "error", layer, "bad_role", label(frame, pos, layer), value=str(raw))
    return roles


def _village_refs(
    frame: gpd.GeoDataFrame, villages: pd.DataFrame | None, towns: pd.Series, issues: Issues
) -> tuple[list[str | None], list[tuple[str, ...]]]:
    """Home and familiar villages resolved to ids (references naming no village or several are
    errors; without a villages layer they are kept as written)."""
    layer = C.OFFICERS
    resolver = VillageResolver(villages) if villages is not None else None

    def _ref(pos: int, ref: str, field: str, point: object = None) -> str | None:
        if resolver is None:
            return ref
        match = resolver.resolve(ref, township=towns.iloc[pos], point=point)
        resolver.report(match, issues, layer, label(frame, pos, layer), field, ref)
        return match.village_id

    homes: list[str | None] = []
    points = frame.geometry.values
    for pos, raw in enumerate(frame.get(C.HOME_VILLAGE, pd.Series(None, index=frame.index))):
        ref = F.text(raw)
        point = points[pos] if points[pos] is not None and not points[pos].is_empty else None
        homes.append(_ref(pos, ref, C.HOME_VILLAGE, point) if ref else None)
    familiar: list[tuple[str, ...]] = []
    for pos, raw in enumerate(frame.get(C.FAMILIAR_VILLAGES, pd.Series(None, index=frame.index))):
        refs = [_ref(pos, r, C.FAMILIAR_VILLAGES) for r in F.parse_list(raw)]
        familiar.append(tuple(r for r in refs if r))
    return homes, familiar


def _availability(frame: gpd.GeoDataFrame, layer: str, issues: Issues) -> list[bool]:
    """Whether each officer is on duty (yes when blank); an unreadable value is an error."""
    available: list[bool] = []
    for pos, raw in enumerate(frame.get(C.AVAILABLE, pd.Series(None, index=frame.index))):
        try:
            available.append(F.parse_bool(raw, default=True))
        except ValueError:
            available.append(True)
            _issue(
                issues,
                "error",
                layer,
                "bad_bool",
                label(frame, pos, layer),
                field=C.AVAILABLE,
                value=str(raw),
            )
    return available
