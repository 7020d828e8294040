"""Attribute checks per layer: ids, names, counts, roles, references between layers.

Each ``check_<layer>`` takes the layer's frame (geometry already checked, one row per kept
feature, ``_fid`` = feature number), appends issues, and returns a new frame with typed columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.report import Issue, Severity, format_ids
from zones.scenario import fields as F

# column names as people write them → the data model's names, per layer (matched lower-case)
FIELD_ALIASES: dict[str, dict[str, str]] = {
    C.VILLAGES: {
        "id": C.VILLAGE_ID,
        "code": C.VILLAGE_ID,
        "村编码": C.VILLAGE_ID,
        "村代码": C.VILLAGE_ID,
        "编码": C.VILLAGE_ID,
        "区划代码": C.VILLAGE_ID,
        "村名": C.NAME,
        "名称": C.NAME,
        "村庄名称": C.NAME,
        "pop": C.POPULATION,
        "人口": C.POPULATION,
        "常住人口": C.POPULATION,
        "实有人口": C.POPULATION,
        "户数": C.HOUSEHOLDS,
        "类型": C.KIND,
        "乡镇": C.TOWNSHIP,
        "乡镇街道": C.TOWNSHIP,
        "街道": C.TOWNSHIP,
        "town": C.TOWNSHIP,
    },
    C.OFFICERS: {
        "id": C.OFFICER_ID,
        "警号": C.OFFICER_ID,
        "编号": C.OFFICER_ID,
        "姓名": C.NAME,
        "角色": C.ROLE,
        "身份": C.ROLE,
        "类别": C.ROLE,
        "居住村": C.HOME_VILLAGE,
        "户籍村": C.HOME_VILLAGE,
        "熟悉村": C.FAMILIAR_VILLAGES,
        "熟悉村庄": C.FAMILIAR_VILLAGES,
        "电话": C.PHONE,
        "手机": C.PHONE,
        "是否在岗": C.AVAILABLE,
        "在岗": C.AVAILABLE,
        "奖休天数": C.REWARD_LEAVE_DAYS,
        "奖休": C.REWARD_LEAVE_DAYS,
        "乡镇": C.TOWNSHIP,
        "所属乡镇": C.TOWNSHIP,
        "乡镇街道": C.TOWNSHIP,
        "town": C.TOWNSHIP,
    },
    C.INCIDENTS: {
        "时间": C.TIME,
        "报警时间": C.TIME,
        "datetime": C.TIME,
        "类别": C.CATEGORY,
        "警情类别": C.CATEGORY,
        "type": C.CATEGORY,
    },
    C.ROOMS: {"村编码": C.VILLAGE_ID, "名称": C.NAME, "乡镇": C.TOWNSHIP, "town": C.TOWNSHIP},
    C.STATION: {"名称": C.NAME},
    C.JURISDICTION: {"名称": C.NAME, "派出所": C.STATION_NAME},
    C.ROADS: {
        "名称": C.NAME,
        "道路名称": C.NAME,
        "等级": C.ROAD_CLASS,
        "class": C.ROAD_CLASS,
        "fclass": C.ROAD_CLASS,
        "speed": C.SPEED_KMH,
        "maxspeed": C.SPEED_KMH,
        "限速": C.SPEED_KMH,
        "单行": C.ONEWAY,
    },
}

Issues = list[Issue]
LOCAL_TZ = "Asia/Shanghai"
DATE = "date"  # incidents: the day of each incident, also when its clock time is unknown
MIDNIGHT_EXCESS = 5  # 00:00:00 this many times busier than any other second: placeholders


def _issue(
    issues: Issues,
    severity: Severity,
    layer: str,
    code: str,
    feature: str | None = None,
    **params: object,
) -> None:
    issues.append(Issue(severity, layer, feature, code, params))


def rename_columns(frame: gpd.GeoDataFrame, layer: str, issues: Issues) -> gpd.GeoDataFrame:
    """Rename known aliases (``村名`` → ``name``) and report each rename once."""
    aliases = FIELD_ALIASES.get(layer, {})
    mapping: dict[str, str] = {}
    for col in frame.columns:
        if col in ("geometry", "_fid", "_geometry_error"):
            continue
        target = aliases.get(str(col).strip().lower())
        if target and target not in frame.columns and target not in mapping.values():
            mapping[col] = target
        elif (
            str(col).strip().lower() != col
            and str(col).strip().lower() not in frame.columns
            and str(col).strip().lower() not in mapping.values()
        ):
            mapping[col] = str(col).strip().lower()
    for old, new in mapping.items():
        if old.strip().lower() != new:
            _issue(issues, "repair", layer, "column_renamed", None, old=old, new=new)
    return frame.rename(columns=mapping)


def text_column(frame: pd.DataFrame, field: str) -> pd.Series:
    """The field as normalised text (None for blanks); all None when the field is absent."""
    if field in frame.columns:
        return frame[field].map(F.text)
    return pd.Series(None, index=frame.index, dtype=object)


def label(frame: pd.DataFrame, pos: int, layer: str) -> str:
    """The id shown for row ``pos``: its id field if it has one, else ``#feature-number``."""
    field = C.ID_FIELDS.get(layer)
    if field and field in frame.columns:
        value = F.text(frame[field].iloc[pos])
        if value:
            return value
    return f"#{frame['_fid'].iloc[pos]}"


def _require(frame: pd.DataFrame, layer: str, issues: Issues) -> bool:
    missing = [f for f in C.REQUIRED_FIELDS[layer] if f not in frame.columns]
    if missing:
        found = [str(c) for c in frame.columns if c not in ("geometry", "_fid", "_geometry_error")]
        _issue(
            issues,
            "error",
            layer,
            "missing_field",
            None,
            field=", ".join(missing),
            found=", ".join(found) or "-",
        )
        return False
    return True


def _ids(frame: pd.DataFrame, field: str, layer: str, issues: Issues) -> pd.Series:
    ids = frame[field].map(F.text)
    for pos in np.flatnonzero(ids.isna().to_numpy()):
        _issue(issues, "error", layer, "missing_id", f"#{frame['_fid'].iloc[pos]}", field=field)
    dup = ids[ids.notna() & ids.duplicated(keep=False)]
    for value, group in frame.loc[dup.index].groupby(dup):
        rows = ", ".join(f"#{f}" for f in group["_fid"])
        _issue(issues, "error", layer, "duplicate_id", str(value), field=field, rows=rows)
    return ids


def _names(frame: pd.DataFrame, ids: pd.Series, layer: str, issues: Issues) -> pd.Series:
    names = text_column(frame, C.NAME)
    blank = names.isna() & ids.notna()
    if blank.any():
        _issue(
            issues,
            "warning",
            layer,
            "missing_name",
            None,
            n=int(blank.sum()),
            ids=format_ids(ids[blank]),
        )
    return names.where(~blank, ids)


def _counts(
    frame: pd.DataFrame, field: str, layer: str, issues: Issues, *, warn_missing: bool
) -> pd.Series:
    values: list[int | None] = []
    converted: list[str] = []
    missing: list[str] = []
    for pos, raw in enumerate(frame[field].tolist()):
        try:
            value, was_text = F.parse_count(raw)
        except ValueError as exc:
            _issue(
                issues,
                "error",
                layer,
                f"count_{exc}",
                label(frame, pos, layer),
                field=field,
                value=str(raw),
            )
            value, was_text = None, False
        if was_text:
            converted.append(f"{label(frame, pos, layer)}: {raw} → {value}")
        if value is None and F.text(raw) is None:
            missing.append(label(frame, pos, layer))
        values.append(value)
    if converted:
        _issue(
            issues,
            "repair",
            layer,
            "count_parsed",
            None,
            field=field,
            n=len(converted),
            examples=format_ids(converted, 3),
        )
    if missing and warn_missing:
        _issue(
            issues,
            "warning",
            layer,
            "missing_count",
            None,
            field=field,
            n=len(missing),
            ids=format_ids(missing),
        )
    return pd.array(values, dtype="Int64")


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
    roles: list[str | None] = []
    for pos, raw in enumerate(frame[C.ROLE].tolist()):
        try:
            roles.append(F.parse_role(raw))
        except ValueError:
            roles.append(None)
            _issue(issues, "error", layer, "bad_role", label(frame, pos, layer), value=str(raw))
    out[C.ROLE] = roles
    resolver = VillageResolver(villages) if villages is not None else None
    towns = text_column(frame, C.TOWNSHIP)
    if C.TOWNSHIP in frame.columns:
        out[C.TOWNSHIP] = towns

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
    out[C.HOME_VILLAGE] = homes
    familiar: list[tuple[str, ...]] = []
    for pos, raw in enumerate(frame.get(C.FAMILIAR_VILLAGES, pd.Series(None, index=frame.index))):
        refs = [_ref(pos, r, C.FAMILIAR_VILLAGES) for r in F.parse_list(raw)]
        familiar.append(tuple(r for r in refs if r))
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
    out[C.AVAILABLE] = available
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


def _one_time(value: str | None) -> pd.Timestamp:
    if value is None:
        return pd.NaT
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(LOCAL_TZ).tz_localize(None)
    return stamp


def parse_times(raw: pd.Series) -> pd.Series:
    """Times as written → naive local (Beijing) times; offsets converted, unreadable → NaT.

    Read: ISO 8601 (``2025-03-14T08:12:00``, ``+08:00`` offsets), ``2025/3/14 8:12`` (as
    Excel saves it) and ``2025年3月14日 8时12分``. A date without a clock time becomes its
    midnight here (:func:`check_incidents` tells those apart with
    :func:`zones.scenario.fields.time_precision`); a year or a month alone (``2025-03``) is NaT.

    Parameters
    ----------
    raw
        The values of a time field (text, or datetimes read from a GeoPackage/shapefile).

    Returns
    -------
    Series
        ``datetime64[ns]``, aligned to ``raw``.
    """
    texts = pd.Series([F.time_text(v) for v in raw], index=raw.index, dtype=object)
    try:
        parsed = pd.to_datetime(texts, errors="coerce", format="ISO8601")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)
    except (ValueError, TypeError):  # naive and offset-aware mixed: go one by one
        parsed = pd.Series([_one_time(v) for v in texts], index=raw.index)
    parsed = parsed.astype("datetime64[ns]")
    # other spellings of a full date (2025/3/1 8:30) one by one; never a bare clock time,
    # which pandas would put on today's date
    retry = parsed.isna() & texts.map(F.starts_with_date).astype(bool)
    if retry.any():
        parsed[retry] = pd.Series(
            [_one_time(v) for v in texts[retry]], index=texts.index[retry], dtype="datetime64[ns]"
        )
    partial = texts.map(lambda v: F.time_precision(v) == "partial").astype(bool)
    return parsed.mask(partial)


def midnight_placeholders(times: pd.Series) -> pd.Series:
    """Times at exactly 00:00:00 that stand for "no clock time" (a date stored as a date-time).

    They are taken as placeholders when at least two times are at exactly midnight and they
    outnumber every other time of day (to the second) more than fivefold: a date field read
    from a shapefile or GeoPackage (every time at 00:00:00), or a system that writes 00:00:00
    when the clock time is unknown. Real incidents are spread over the day.

    Parameters
    ----------
    times
        Parsed times (NaT ignored).

    Returns
    -------
    Series of bool
        True for the placeholder times, aligned to ``times``.
    """
    known = times.dropna()
    seconds = (known - known.dt.normalize()).dt.total_seconds()
    at_midnight = seconds == 0
    flagged = pd.Series(False, index=times.index)
    n = int(at_midnight.sum())
    busiest_other = int(seconds[~at_midnight].value_counts().max()) if (~at_midnight).any() else 0
    if n >= 2 and n > MIDNIGHT_EXCESS * busiest_other:
        flagged[at_midnight[at_midnight].index] = True
    return flagged


def check_incidents(frame: gpd.GeoDataFrame, issues: Issues) -> gpd.GeoDataFrame:
    """Timestamps and categories of the incidents.

    ``time`` holds the time of each incident (naive Beijing time), NaT when it is unknown:
    missing, unreadable (warned), or a date without a clock time. ``date`` holds the day of
    every incident with a readable date, clock time or not, so dates and weekdays can still be
    counted. Dates without a clock time (``2025-03-01``, or times all at 00:00:00 as a date
    field gives them) are warned with their count: they cannot show the hour of day, and read
    as midnight they would make midnight a peak hour.
    """
    layer = C.INCIDENTS
    out = frame.copy()
    if C.TIME in frame.columns:
        raw = frame[C.TIME]
        given = raw.map(F.text).notna()
        parsed = parse_times(raw)
        bad = parsed.isna() & given
        if bad.any():
            examples = [f"#{f}: {v}" for f, v in zip(frame["_fid"][bad], raw[bad], strict=True)]
            _issue(
                issues,
                "warning",
                layer,
                "bad_time",
                None,
                n=int(bad.sum()),
                examples=format_ids(examples, 3),
            )
        date_only = parsed.notna() & raw.map(lambda v: F.time_precision(v) == "date").astype(bool)
        if date_only.any():
            examples = [
                f"#{f}: {F.text(v)}"
                for f, v in zip(frame["_fid"][date_only], raw[date_only], strict=True)
            ]
            _issue(
                issues,
                "warning",
                layer,
                "date_only_times",
                None,
                n=int(date_only.sum()),
                total=int(parsed.notna().sum()),
                examples=format_ids(examples, 3),
            )
        midnight = midnight_placeholders(parsed.where(~date_only))
        if midnight.any():
            _issue(
                issues,
                "warning",
                layer,
                "midnight_times",
                None,
                n=int(midnight.sum()),
                total=int(parsed.notna().sum()),
                ids=format_ids(f"#{f}" for f in frame["_fid"][midnight]),
            )
        out[C.TIME] = parsed.mask(date_only | midnight)
        out[DATE] = parsed.dt.normalize()
    else:
        _issue(issues, "warning", layer, "no_time_field", None)
        out[C.TIME] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        out[DATE] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    out[C.CATEGORY] = text_column(frame, C.CATEGORY)
    return out


def check_rooms(
    frame: gpd.GeoDataFrame, villages: gpd.GeoDataFrame | None, issues: Issues
) -> gpd.GeoDataFrame | None:
    """Each existing village police room names a known village, once, and lies inside it."""
    layer = C.ROOMS
    if not _require(frame, layer, issues):
        return None
    out = frame.copy()
    resolver = VillageResolver(villages) if villages is not None else None
    towns = text_column(frame, C.TOWNSHIP)
    points = frame.geometry.values
    refs: list[str | None] = []
    for pos, raw in enumerate(frame[C.VILLAGE_ID].tolist()):
        ref = F.text(raw)
        if ref is None:
            _issue(
                issues,
                "error",
                layer,
                "missing_id",
                f"#{frame['_fid'].iloc[pos]}",
                field=C.VILLAGE_ID,
            )
            refs.append(None)
            continue
        if resolver is None:
            refs.append(ref)
            continue
        match = resolver.resolve(ref, township=towns.iloc[pos], point=points[pos])
        resolver.report(match, issues, layer, f"#{frame['_fid'].iloc[pos]}", C.VILLAGE_ID, ref)
        found = match.village_id
        refs.append(found)
    out[C.VILLAGE_ID] = refs
    known = out[C.VILLAGE_ID].notna()
    dup = out[known & out[C.VILLAGE_ID].duplicated(keep=False)]
    for value, group in dup.groupby(C.VILLAGE_ID):
        _issue(
            issues,
            "error",
            layer,
            "duplicate_room",
            str(value),
            rows=", ".join(f"#{f}" for f in group["_fid"]),
        )
    if villages is not None and len(villages):
        usable = villages[
            villages[C.VILLAGE_ID].notna()
            & ~villages[C.VILLAGE_ID].duplicated(keep=False)
            & ~shapely.is_missing(villages.geometry.values)
        ]
        polys = usable.set_index(C.VILLAGE_ID).geometry
        for pos in np.flatnonzero(known.to_numpy()).tolist():
            vid = out[C.VILLAGE_ID].iloc[pos]
            point = out.geometry.iloc[pos]
            if vid in polys.index and point is not None and not polys[vid].covers(point):
                _issue(
                    issues,
                    "error",
                    layer,
                    "room_outside_village",
                    vid,
                    rows=f"#{frame['_fid'].iloc[pos]}",
                )
    out[C.NAME] = text_column(frame, C.NAME)
    return out


def check_roads(frame: gpd.GeoDataFrame, issues: Issues) -> gpd.GeoDataFrame:
    """Road class, speed (km/h, 1–150) and one-way flags; bad values warned and left blank."""
    layer = C.ROADS
    out = frame.copy()
    out[C.NAME] = text_column(frame, C.NAME)
    out[C.ROAD_CLASS] = (
        frame[C.ROAD_CLASS].map(F.text).str.lower() if C.ROAD_CLASS in frame.columns else None
    )
    speeds = pd.to_numeric(
        frame[C.SPEED_KMH].map(F.text)
        if C.SPEED_KMH in frame.columns
        else pd.Series(None, index=frame.index, dtype=object),
        errors="coerce",
    )
    given = (
        frame[C.SPEED_KMH].map(F.text).notna()
        if C.SPEED_KMH in frame.columns
        else pd.Series(False, index=frame.index)
    )
    bad = given & (speeds.isna() | (speeds <= 0) | (speeds > 150))
    if bad.any():
        _issue(
            issues,
            "warning",
            layer,
            "bad_speed",
            None,
            n=int(bad.sum()),
            ids=format_ids(f"#{f}" for f in frame["_fid"][bad]),
        )
    out[C.SPEED_KMH] = speeds.where(~bad).astype("Float64")
    oneway: list[bool] = []
    bad_oneway: list[str] = []
    for pos, raw in enumerate(frame.get(C.ONEWAY, pd.Series(None, index=frame.index))):
        try:
            oneway.append(F.parse_bool(raw, default=False))
        except ValueError:
            oneway.append(False)
            bad_oneway.append(f"#{frame['_fid'].iloc[pos]}")
    if bad_oneway:
        _issue(
            issues,
            "warning",
            layer,
            "bad_oneway",
            None,
            n=len(bad_oneway),
            ids=format_ids(bad_oneway),
        )
    out[C.ONEWAY] = oneway
    return out


def check_named(
    frame: gpd.GeoDataFrame, layer: str, issues: Issues, fallback: str
) -> gpd.GeoDataFrame:
    """Station and jurisdiction: a ``name`` (warned and filled with ``fallback`` when missing)."""
    out = frame.copy()
    names = text_column(frame, C.NAME)
    if names.isna().any():
        _issue(
            issues,
            "warning",
            layer,
            "missing_name",
            None,
            n=int(names.isna().sum()),
            ids=format_ids(f"#{f}" for f in frame["_fid"][names.isna()]),
        )
    out[C.NAME] = names.fillna(fallback)
    return out


CHECKS: Mapping[str, Callable[..., gpd.GeoDataFrame | None]] = {
    C.INCIDENTS: check_incidents,
    C.ROADS: check_roads,
}
