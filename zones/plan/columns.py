"""How a plan's columns travel through files and come back with the same values and dtypes.

``plan.json`` records every column's dtype (``list`` for tuples such as familiar villages);
reading gives each column that dtype back (:func:`restore`), and folders written before the
dtypes were recorded fall back to :data:`SCHEMA`.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd

from zones import columns as C
from zones.errors import PlanFileError
from zones.writers import CSV_LIST_SEPARATOR

# dtypes that GeoJSON/GeoPackage cannot carry exactly (integers with gaps, text that looks
# numeric) are restored from this schema on reading
SCHEMA: dict[str, dict[str, str]] = {
    "zones": {
        "zone_id": "str",
        "head_officer_id": "str",
        "n_units": "int64",
        "head_known_villages": "int64",
        "population": "int64",
        "contiguous": "bool",
        "patrol_stops": "int64",
        "patrol_dropped": "int64",
        "posts": "int64",
        "offpeak_incidents": "int64",
        "peak_incidents": "int64",
        "offpeak_covered": "int64",
        "peak_covered": "int64",
    },
    "villages": {
        C.VILLAGE_ID: "str",
        C.POPULATION: "Int64",
        C.HOUSEHOLDS: "Int64",
        C.INCIDENT_COUNT: "int64",
        "zone_id": "str",
        "aux_officer_id": "object",
        "aux_reason": "object",
        "room_status": "str",
    },
    "rooms": {C.VILLAGE_ID: "str"},
    "patrols": {"zone_id": "str", "stops": "int64", "approximate": "bool"},
    "posts": {
        "zone_id": "str",
        "hours": "str",
        "incidents": "int64",
        "approximate": "bool",
        C.VILLAGE_ID: "str",
        "village_name": "str",
        "road_name": "str",
    },
    "stops": {
        "zone_id": "str",
        "kind": "str",
        "ref": "str",
        "incidents": "int64",
        "order": "int64",
        "status": "str",
        "reason": "str",
        C.VILLAGE_ID: "str",
        "village_name": "str",
        "road_name": "str",
    },
    "incidents": {C.TIME: "datetime"},
}


LIST_KIND = "list"  # an object column of tuples (familiar villages), kept as tuples


def for_file(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Tuples (familiar villages) as ;-joined text and datetimes as ISO text, for any writer."""
    out = layer.copy()
    for column in out.columns:
        if column == out.geometry.name:
            continue
        if out[column].map(lambda v: isinstance(v, tuple)).any():
            out[column] = out[column].map(lambda v: ";".join(v) if isinstance(v, tuple) else v)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%S").where(out[column].notna())
    return out


def column_kinds(frame: pd.DataFrame) -> list[list[str]]:
    """Each column's name and dtype (``list`` for tuples), so reading restores them exactly."""
    kinds = []
    for column in frame.columns:
        if isinstance(frame, gpd.GeoDataFrame) and column == frame.geometry.name:
            continue
        kind = str(frame[column].dtype)
        if kind == "object" and frame[column].map(lambda v: isinstance(v, tuple)).any():
            kind = LIST_KIND
        kinds.append([str(column), kind])
    return kinds


def list_cell(value: object) -> object:
    """A tuple as ``a;b`` text, or as a JSON array when an item would not survive the split."""
    if not isinstance(value, tuple):
        return value
    items = [str(v) for v in value]
    if any(CSV_LIST_SEPARATOR in v or v == "" or v.startswith("[") for v in items):
        return json.dumps(items, ensure_ascii=False)
    return CSV_LIST_SEPARATOR.join(items)


def read_list(value: object) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ()
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    text = str(value)
    if text.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError:
            items = None
        if isinstance(items, list):
            return tuple(str(v) for v in items)
    return tuple(text.split(CSV_LIST_SEPARATOR)) if text else ()


def officers_table(officers: gpd.GeoDataFrame) -> pd.DataFrame:
    """The officers as a table: list cells as text, and ``lon``/``lat`` for located officers."""
    table = pd.DataFrame(officers.drop(columns=officers.geometry.name)).copy()
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(list_cell)
    points = [
        p if p is not None and not p.is_empty and p.geom_type == "Point" else None
        for p in officers.geometry
    ]
    if any(p is not None for p in points):
        table["lon"] = [None if p is None else repr(p.x) for p in points]
        table["lat"] = [None if p is None else repr(p.y) for p in points]
    return table


def restore(frame: pd.DataFrame, kinds: list[list[str]], where: str) -> pd.DataFrame:
    """Give ``frame`` exactly the recorded columns, in order, with their recorded dtypes."""
    out = frame.copy()
    for column, kind in kinds:
        if column not in out.columns and not len(out):  # an empty GeoJSON layer has no names
            out[column] = pd.Series(dtype=object, index=out.index)
        if column not in out.columns:
            raise PlanFileError(code="planfile.column_missing", where=where, column=column)
        values = out[column]
        try:
            out[column] = as_kind(values, kind)
        except (ValueError, TypeError, OverflowError) as exc:
            raise PlanFileError(
                code="planfile.column_kind", where=where, column=column, kind=kind, detail=str(exc)
            ) from None
    geometry = [out.geometry.name] if isinstance(out, gpd.GeoDataFrame) else []
    return out[[c for c, _ in kinds] + geometry]


def is_kinds(kinds: object) -> bool:
    """Whether ``kinds`` is what plan.json records for a layer: a list of [column, dtype] texts."""
    return isinstance(kinds, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
        for pair in kinds
    )


def as_kind(values: pd.Series, kind: str) -> pd.Series:
    if kind == LIST_KIND:
        return pd.Series([read_list(v) for v in values], index=values.index, dtype=object)
    if kind == "object":
        return values.astype(object).where(values.notna(), None)
    if kind in ("bool", "boolean"):
        mapped = values.map(lambda v: {"True": True, "False": False}.get(v, v))
        if kind == "bool":
            return mapped.astype(bool)
        return mapped.astype("boolean")
    if kind.startswith(("int", "uint", "Int", "UInt", "float", "Float")):
        numbers = pd.to_numeric(values)
        if kind[0] in "iuIU":
            numbers = numbers.round()
        return numbers.astype(kind)
    if kind.startswith("datetime64"):
        return pd.to_datetime(values).astype(kind)
    return values.astype(kind)


def cast(frame: pd.DataFrame, layer: str) -> pd.DataFrame:
    out = frame.copy()
    for column, kind in SCHEMA.get(layer, {}).items():
        if column not in out.columns:
            continue
        if kind in ("Int64", "int64"):
            out[column] = pd.to_numeric(out[column]).round().astype(kind)
        elif kind == "str":
            out[column] = out[column].astype(str).astype("str")
        elif kind == "object":
            values = out[column].astype(object)
            out[column] = values.where(values.notna(), None).astype(object)
        elif kind == "bool":
            out[column] = out[column].astype(bool)
        elif kind == "datetime":
            out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
    return out


def legacy_officers(table: pd.DataFrame) -> pd.DataFrame:
    """Officers of a plan folder written before dtypes were recorded in plan.json."""
    out = table.copy()
    if C.FAMILIAR_VILLAGES in out:
        out[C.FAMILIAR_VILLAGES] = out[C.FAMILIAR_VILLAGES].map(read_list)
    if C.AVAILABLE in out:
        out[C.AVAILABLE] = out[C.AVAILABLE].map(lambda v: v == "True")
    if C.REWARD_LEAVE_DAYS in out:
        out[C.REWARD_LEAVE_DAYS] = pd.to_numeric(out[C.REWARD_LEAVE_DAYS]).astype("Int64")
    return out
