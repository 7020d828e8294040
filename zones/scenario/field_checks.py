"""What every layer's attribute check shares: column aliases and renames, labels, required
fields, ids, names and counts."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

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
