"""Attribute checks per layer: ids, names, counts, roles, references between layers.

Each ``check_<layer>`` takes the layer's frame (geometry already checked, one row per kept
feature, ``_fid`` = feature number), appends issues, and returns a new frame with typed columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones import fields as F
from zones.report import Issue, format_ids

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
    },
    C.INCIDENTS: {
        "时间": C.TIME,
        "报警时间": C.TIME,
        "datetime": C.TIME,
        "类别": C.CATEGORY,
        "警情类别": C.CATEGORY,
        "type": C.CATEGORY,
    },
    C.ROOMS: {"村编码": C.VILLAGE_ID, "名称": C.NAME},
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


def _issue(
    issues: Issues,
    severity: str,
    layer: str,
    code: str,
    feature: str | None = None,
    **params: object,
) -> None:
    issues.append(Issue(severity, layer, feature, code, params))  # type: ignore[arg-type]


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


def village_resolver(villages: pd.DataFrame) -> Callable[[str], str | None]:
    """Resolve a reference to a village by id, or by name when the name is unique."""
    ids = set(villages[C.VILLAGE_ID].dropna())
    names = villages[C.NAME].dropna()
    unique_names = names[~names.duplicated(keep=False)]
    by_name = dict(zip(unique_names, villages.loc[unique_names.index, C.VILLAGE_ID], strict=True))

    def resolve(ref: str) -> str | None:
        if ref in ids:
            return ref
        return by_name.get(ref)

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
    resolve = village_resolver(villages) if villages is not None else (lambda ref: ref)

    def _ref(pos: int, ref: str, field: str) -> str | None:
        found = resolve(ref)
        if found is None:
            _issue(
                issues,
                "error",
                layer,
                "unknown_village",
                label(frame, pos, layer),
                field=field,
                value=ref,
            )
        return found

    homes: list[str | None] = []
    for pos, raw in enumerate(frame.get(C.HOME_VILLAGE, pd.Series(None, index=frame.index))):
        ref = F.text(raw)
        homes.append(_ref(pos, ref, C.HOME_VILLAGE) if ref else None)
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
    except (ValueError, TypeError):
        return pd.NaT
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(LOCAL_TZ).tz_localize(None)
    return stamp


def parse_times(raw: pd.Series) -> pd.Series:
    """ISO 8601 texts → naive local (Beijing) times; offsets converted, unreadable → NaT."""
    try:
        parsed = pd.to_datetime(raw, errors="coerce", format="ISO8601")
    except (ValueError, TypeError):  # naive and offset-aware mixed: go one by one
        return pd.Series([_one_time(v) for v in raw], index=raw.index, dtype="datetime64[ns]")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)
    return parsed


def check_incidents(frame: gpd.GeoDataFrame, issues: Issues) -> gpd.GeoDataFrame:
    """Timestamps (ISO 8601; kept as NaT when unreadable, with a warning) and categories."""
    layer = C.INCIDENTS
    out = frame.copy()
    if C.TIME in frame.columns:
        raw = frame[C.TIME].map(F.text)
        parsed = parse_times(raw)
        bad = parsed.isna() & raw.notna()
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
        out[C.TIME] = parsed.astype("datetime64[ns]")
    else:
        _issue(issues, "warning", layer, "no_time_field", None)
        out[C.TIME] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
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
    resolve = village_resolver(villages) if villages is not None else (lambda ref: ref)
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
        found = resolve(ref)
        if found is None:
            _issue(
                issues,
                "error",
                layer,
                "unknown_village",
                f"#{frame['_fid'].iloc[pos]}",
                field=C.VILLAGE_ID,
                value=ref,
            )
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
        for pos in np.flatnonzero(known.to_numpy()):
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
