"""Plans on disk: ``write_plan`` / ``read_plan`` round-trip a :class:`~zones.plan.Plan`.

A plan folder holds RFC 7946 GeoJSON layers (``zones``, ``villages``, ``rooms``, ``patrols``,
``posts``, ``jurisdiction``, ``station``, ``incidents``), the same layers in one GeoPackage
(``plan.gpkg``), the people in ``officers.csv`` (names and phones: internal, never in the map
layers), ``roster.csv``, ``moves.csv``, the spreadsheets (``zones.csv``, ``villages.csv`` and
``plan.xlsx`` with Chinese sheet names), and ``plan.json`` (settings with the seed, metrics,
warnings, pool), so the plan can be reproduced and read back unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from zones import columns as C
from zones.errors import ZonePlannerError
from zones.fields import parse_list
from zones.report import Issue
from zones.writers import write_csv, write_geojson

PLAN_LAYERS = (
    "zones",
    "villages",
    "rooms",
    "patrols",
    "posts",
    "stops",
    "jurisdiction",
    "station",
    "incidents",
)
INDEXED = {"villages": C.VILLAGE_ID, "rooms": C.VILLAGE_ID}
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
    "posts": {"zone_id": "str", "hours": "str", "incidents": "int64", "approximate": "bool"},
    "stops": {
        "zone_id": "str",
        "kind": "str",
        "ref": "str",
        "incidents": "int64",
        "order": "int64",
        "status": "str",
        "reason": "str",
    },
    "incidents": {C.TIME: "datetime"},
}
GEOJSON_DECIMALS = 7
PLAN_JSON = "plan.json"
GPKG = "plan.gpkg"
XLSX = "plan.xlsx"


class PlanFileError(ZonePlannerError):
    """A folder is not a readable plan (missing layers or plan.json)."""


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Series):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def write_plan(plan, path: str | Path, *, xlsx: bool = True, gpkg: bool = True) -> list[Path]:
    """Write a plan folder (see the module docstring); returns the files written.

    Parameters
    ----------
    plan
        A :class:`zones.plan.Plan`.
    path
        The output folder (created; files of the same names are replaced).
    xlsx, gpkg
        Also write ``plan.xlsx`` / ``plan.gpkg``.
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    layers = {name: getattr(plan, name) for name in PLAN_LAYERS}
    for name, layer in layers.items():
        if layer is None:
            continue
        target = folder / f"{name}.geojson"
        write_geojson(_for_file(layer), target, precision=GEOJSON_DECIMALS)
        written.append(target)
    if gpkg:
        target = folder / GPKG
        target.unlink(missing_ok=True)
        for name, layer in layers.items():
            if layer is not None and len(layer):
                pyogrio.write_dataframe(_for_file(layer), target, layer=name, driver="GPKG")
        written.append(target)
    if plan.officers is not None:
        officers = pd.DataFrame(plan.officers.drop(columns="geometry"))
        write_csv(officers, folder / "officers.csv")
        written.append(folder / "officers.csv")
    for name, table in (("roster.csv", plan.roster), ("moves.csv", plan.moves)):
        write_csv(pd.DataFrame(table).astype(object), folder / name)
        written.append(folder / name)
    zones_table = pd.DataFrame(plan.zones.drop(columns="geometry"))
    villages_table = pd.DataFrame(plan.villages.drop(columns="geometry"))
    write_csv(zones_table, folder / "zones.csv")
    write_csv(villages_table, folder / "villages.csv")
    written += [folder / "zones.csv", folder / "villages.csv"]
    if xlsx:
        target = folder / XLSX
        with pd.ExcelWriter(target, engine="openpyxl") as book:
            zones_table.to_excel(book, sheet_name="责任区 zones", index=False)
            villages_table.to_excel(book, sheet_name="村 villages", index=False)
            pd.DataFrame(plan.roster).to_excel(book, sheet_name="排班 roster", index=False)
        written.append(target)
    meta = {
        "name": plan.name,
        "settings": _jsonable(dict(plan.settings)),
        "metrics": _jsonable(dict(plan.metrics)),
        "warnings": [
            {
                "severity": i.severity,
                "layer": i.layer,
                "feature": i.feature,
                "code": i.code,
                "params": _jsonable(dict(i.params)),
            }
            for i in plan.warnings
        ],
        "pool": [str(p) for p in plan.pool],
        "format": "zoneplanner plan 1",
    }
    (folder / PLAN_JSON).write_text(
        json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    written.append(folder / PLAN_JSON)
    return written


def _for_file(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
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


def _cast(frame: pd.DataFrame, layer: str) -> pd.DataFrame:
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


def read_plan(path: str | Path):
    """Read a plan folder written by :func:`write_plan` back into a :class:`zones.plan.Plan`.

    Raises
    ------
    PlanFileError
        When ``plan.json`` or the zones/villages layers are missing.
    """
    from zones.plan import Plan

    folder = Path(path)
    if not (folder / PLAN_JSON).is_file():
        msg = f"{folder} is not a plan folder: {PLAN_JSON} is missing (write it with write_plan)"
        raise PlanFileError(msg)
    meta = json.loads((folder / PLAN_JSON).read_text(encoding="utf-8"))
    layers: dict[str, gpd.GeoDataFrame | None] = {}
    for name in PLAN_LAYERS:
        file = folder / f"{name}.geojson"
        if not file.is_file():
            if name in ("zones", "villages"):
                msg = f"{folder} has no {file.name}; the plan folder is incomplete"
                raise PlanFileError(msg)
            layers[name] = None
            continue
        frame = pyogrio.read_dataframe(file)
        frame = _cast(frame, name)
        if name in INDEXED and len(frame):
            frame.index = pd.Index(frame[INDEXED[name]].to_numpy())
        layers[name] = frame
    officers = None
    if (folder / "officers.csv").is_file():
        table = pd.read_csv(
            folder / "officers.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False
        ).replace({"": None})
        if C.FAMILIAR_VILLAGES in table:
            table[C.FAMILIAR_VILLAGES] = table[C.FAMILIAR_VILLAGES].map(parse_list)
        if C.AVAILABLE in table:
            table[C.AVAILABLE] = table[C.AVAILABLE].map(lambda v: v == "True")
        if C.REWARD_LEAVE_DAYS in table:
            table[C.REWARD_LEAVE_DAYS] = pd.to_numeric(table[C.REWARD_LEAVE_DAYS]).astype("Int64")
        officers = gpd.GeoDataFrame(table, geometry=[None] * len(table), crs="EPSG:4326")
        officers.index = pd.Index(table[C.OFFICER_ID].to_numpy())
    roster = pd.DataFrame(columns=["date", "role", "officer_id"])
    if (folder / "roster.csv").is_file():
        roster = (
            pd.read_csv(
                folder / "roster.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False
            )
            .replace({"": None})
            .astype(object)
        )
        if "date" in roster and len(roster):
            roster["date"] = pd.to_datetime(roster["date"])
    moves = (
        pd.read_csv(folder / "moves.csv", dtype=str, encoding="utf-8-sig")
        if (folder / "moves.csv").is_file()
        else pd.DataFrame()
    )
    warnings = tuple(
        Issue(w["severity"], w["layer"], w["feature"], w["code"], w["params"])
        for w in meta.get("warnings", [])
    )
    return Plan(
        zones=layers["zones"],
        villages=layers["villages"],
        rooms=layers["rooms"],
        patrols=layers["patrols"],
        posts=layers["posts"],
        stops=layers["stops"],
        roster=roster,
        pool=pd.Index(meta.get("pool", [])),
        moves=moves,
        metrics=meta.get("metrics", {}),
        warnings=warnings,
        settings=meta.get("settings", {}),
        name=meta.get("name", ""),
        jurisdiction=layers["jurisdiction"],
        station=layers["station"],
        incidents=layers["incidents"],
        officers=officers,
    )
