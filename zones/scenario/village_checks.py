"""The villages layer's attributes, and references to villages from other layers (by id, by
name, or by township and name)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

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


def check_villages(frame: gpd.GeoDataFrame, issues: Issues) -> gpd.GeoDataFrame | None:
    """Ids, names, population/households, kind and township of the village layer."""
    layer = C.VILLAGES
    if not _require(frame, layer, issues):
        return None
    out = frame.copy()
    out[C.VILLAGE_ID] = _ids(frame, C.VILLAGE_ID, layer, issues)
    out[C.NAME] = _names(frame, out[C.VILLAGE_ID], layer, issues)
    if C.POPULATION in frame.columns:
        out[C.POPULATION] = _counts(frame, C.POPULATION, layer, issues, warn_missing=True)
    else:
        _issue(issues, "warning", layer, "no_population_field", None)
        out[C.POPULATION] = pd.array([None] * len(frame), dtype="Int64")
    for field in (C.HOUSEHOLDS, C.INCIDENT_COUNT):
        if field in frame.columns:
            out[field] = _counts(frame, field, layer, issues, warn_missing=False)
        elif field == C.HOUSEHOLDS:
            out[field] = pd.array([None] * len(frame), dtype="Int64")
    kinds: list[str] = []
    bad: list[str] = []
    for pos, raw in enumerate(frame.get(C.KIND, pd.Series(None, index=frame.index)).tolist()):
        try:
            kind = F.parse_kind(raw)
        except ValueError:
            bad.append(f"{label(frame, pos, layer)}: {raw}")
            kind = None
        if kind is None:
            name = out[C.NAME].iloc[pos] or ""
            kind = C.KIND_COMMUNITY if str(name).endswith("社区") else C.KIND_VILLAGE
        kinds.append(kind)
    if bad:
        _issue(issues, "warning", layer, "bad_kind", None, n=len(bad), examples=format_ids(bad, 5))
    out[C.KIND] = kinds
    out[C.TOWNSHIP] = text_column(frame, C.TOWNSHIP)
    return out


_TOWNSHIP_SUFFIXES = ("街道办事处", "办事处", "街道", "民族乡", "镇", "乡", "苏木")
# "白海子镇/红旗村", "白海子镇-红旗村", "白海子镇·红旗村", "白海子镇 红旗村" (township first)
_QUALIFIED = re.compile(r"^(?P<town>[^/\\>·—–\-\s]+?)\s*[/\\>·—–\-\s]\s*(?P<name>\S.*)$")
# "红旗村(白海子镇)", "红旗村（白海子镇）" (full-width brackets are ASCII after NFKC)
_BRACKETED = re.compile(r"^(?P<name>.+?)\s*[(\[](?P<town>[^()\[\]]+)[)\]]$")


def township_key(name: object) -> str | None:
    """A township's name for matching: NFKC, no spaces, without 镇/乡/街道/苏木 at the end.

    Parameters
    ----------
    name
        A township as written (``白海子镇``, ``白海子``, ``新华街道``).

    Returns
    -------
    str or None
        ``白海子`` for both ``白海子镇`` and ``白海子``; ``None`` for a blank.
    """
    raw = F.text(name)
    if raw is None:
        return None
    key = "".join(raw.split())
    for suffix in _TOWNSHIP_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@dataclass(frozen=True)
class VillageMatch:
    """What a reference to a village names.

    ``village_id`` is set when exactly one village fits; otherwise ``candidates`` lists the
    villages of the same name (ambiguous) or is empty (unknown).
    """

    village_id: str | None
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        """Several villages fit the reference."""
        return self.village_id is None and len(self.candidates) > 1


class VillageResolver:
    """Resolve references to villages: by id, by name, or by township and name.

    A name shared by villages of different townships is ambiguous on its own; it is settled by
    the township written with it (``白海子镇/红旗村``, ``白海子镇红旗村``, ``红旗村(白海子镇)``;
    the township with or without 镇/乡/街道/苏木), by a township given for the row
    (``township=``), or by a point that lies in just one of the candidates (``point=``).

    Parameters
    ----------
    villages
        The checked villages (``village_id``, ``name``, ``township``; a GeoDataFrame for
        ``point=``).
    """

    def __init__(self, villages: pd.DataFrame) -> None:
        table = villages.reset_index(drop=True)
        # plain lists of text or None (a pandas string column would hold NaN, which is truthy)
        self._ids = [F.text(v) for v in table[C.VILLAGE_ID]]
        self._names = [F.text(v) for v in table[C.NAME]]
        towns = table[C.TOWNSHIP] if C.TOWNSHIP in table else [None] * len(table)
        self._towns = [F.text(v) for v in towns]
        self._town_keys = [township_key(v) for v in towns]
        self._position = {v: pos for pos, v in enumerate(self._ids) if v is not None}
        self._known = set(self._position)
        self._by_name: dict[str, list[int]] = {}
        for pos, name in enumerate(self._names):
            if name is not None and self._ids[pos] is not None:
                self._by_name.setdefault(name, []).append(pos)
        # township names to try in front of a village name (白海子镇红旗村); a key cut to one
        # character (东乡 → 东) would match too much
        spelled = {t for t in self._towns if t} | {k for k in self._town_keys if k and len(k) > 1}
        self._prefixes = sorted(spelled, key=len, reverse=True)
        self._geoms = table.geometry.values if isinstance(villages, gpd.GeoDataFrame) else None

    def label(self, village_id: str) -> str:
        """``V3 = 白海子镇/红旗村``: the id and how to write the village unambiguously."""
        pos = self._position[village_id]
        town, name = self._towns[pos], self._names[pos]
        return f"{village_id} = {town}/{name}" if town else f"{village_id} = {name}"

    def _in_town(self, positions: list[int], town: object) -> list[int]:
        key = township_key(town)
        if key is None:
            return []
        return [p for p in positions if self._town_keys[p] == key]

    def _qualified(self, ref: str) -> list[int] | None:
        """Villages that a township-and-name reference fits, or None for no such form."""
        forms: list[tuple[str, str]] = []
        for pattern in (_QUALIFIED, _BRACKETED):
            match = pattern.match(ref)
            if match:
                forms.append((match.group("town"), match.group("name").strip()))
        forms += [
            (town, ref[len(town) :].strip()) for town in self._prefixes if ref.startswith(town)
        ]
        for town, name in forms:
            fits = self._in_town(self._by_name.get(name, []), town)
            if fits:
                return fits
        return None

    def resolve(
        self, ref: str, *, township: str | None = None, point: object = None
    ) -> VillageMatch:
        """The village that ``ref`` (an id, a name, or a township and name) names.

        Parameters
        ----------
        ref
            The reference as written (normalised text).
        township
            The row's township, used only to settle a name shared by several villages.
        point
            A shapely point (WGS 84) of the row, used likewise: the candidate covering it.

        Returns
        -------
        VillageMatch
            The village, or the candidates when the reference is ambiguous, or neither.
        """
        if ref in self._known:
            return VillageMatch(ref)
        positions = self._by_name.get(ref)
        if positions is None:
            positions = self._qualified(ref)
        if not positions:
            return VillageMatch(None)
        if len(positions) > 1 and township:
            in_town = self._in_town(positions, township)
            positions = in_town if in_town else positions
        if len(positions) > 1 and point is not None and self._geoms is not None:
            covering = [p for p in positions if shapely.covers(self._geoms[p], point)]
            positions = covering if len(covering) == 1 else positions
        ids = tuple(str(self._ids[p]) for p in positions)
        return VillageMatch(ids[0]) if len(ids) == 1 else VillageMatch(None, ids)

    def report(
        self,
        match: VillageMatch,
        issues: Issues,
        layer: str,
        feature: str,
        field: str,
        value: str,
    ) -> None:
        """Add the error for a reference that names no village or several (else nothing).

        Parameters
        ----------
        match
            What :meth:`resolve` found.
        issues
            The issue list to add to.
        layer, feature, field, value
            Where the reference is (layer, row label, field) and how it was written.
        """
        if match.village_id is not None:
            return
        if not match.ambiguous:
            _issue(issues, "error", layer, "unknown_village", feature, field=field, value=value)
            return
        labels = [self.label(v) for v in match.candidates]
        towns = [self._towns[self._position[v]] for v in match.candidates]
        if all(towns) and len(set(towns)) == len(towns):
            _issue(
                issues,
                "error",
                layer,
                "ambiguous_village",
                feature,
                field=field,
                value=value,
                n=len(labels),
                candidates="; ".join(labels),
                example=labels[0].split(" = ", 1)[1],
            )
        else:  # the same name twice in one township (or without township): only ids tell
            _issue(
                issues,
                "error",
                layer,
                "ambiguous_village_ids",
                feature,
                field=field,
                value=value,
                n=len(labels),
                candidates="; ".join(labels),
            )


def village_resolver(villages: pd.DataFrame) -> Callable[[str], str | None]:
    """Resolve a reference to a village by id, by unique name, or by township and name.

    A shortcut over :class:`VillageResolver` for callers that need the id only: ``None`` for a
    reference that names no village or several.
    """
    resolver = VillageResolver(villages)

    def resolve(ref: str) -> str | None:
        return resolver.resolve(ref).village_id

    return resolve
