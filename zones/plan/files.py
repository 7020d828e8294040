"""Plans on disk: ``write_plan`` / ``read_plan`` round-trip a :class:`~zones.Plan`.

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
from zones.report import Issue
from zones.writers import CSV_LIST_SEPARATOR, write_csv, write_geojson, write_xlsx

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


TABLES = ("officers", "roster", "moves")
LIST_KIND = "list"  # an object column of tuples (familiar villages), kept as tuples


class PlanFileError(ZonePlannerError):
    """A folder is not a readable plan (missing layers or plan.json, or a damaged file)."""


class WrittenFiles(list):
    """The files :func:`write_plan` wrote (a list of paths), with ``warnings``: cells of
    ``plan.xlsx`` that could not be written exactly (cut at Excel's 32,767 characters, or
    cleaned of control characters); the GeoJSON and CSV files keep the full text."""

    warnings: tuple[Issue, ...] = ()


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
        A :class:`zones.Plan`.
    path
        The output folder (created; files of the same names are replaced).
    xlsx, gpkg
        Also write ``plan.xlsx`` / ``plan.gpkg``.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        msg = f"{folder} is a file; write_plan needs a folder (give a new or existing folder)"
        raise PlanFileError(msg)
    folder.mkdir(parents=True, exist_ok=True)
    written = WrittenFiles()
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
        write_csv(_officers_table(plan.officers), folder / "officers.csv")
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
        sheets = {
            "责任区 zones": zones_table,
            "村 villages": villages_table,
            "排班 roster": pd.DataFrame(plan.roster),
        }
        notes = write_xlsx(sheets, target)
        written.warnings = tuple(
            Issue(
                "warning",
                "export",
                f"{note.sheet}!{note.cell}",
                f"xlsx_{note.kind}",
                {"file": XLSX, "cell": f"{note.sheet}!{note.cell}", "n": note.length},
            )
            for note in notes
        )
        written.append(target)
    recorded = {
        name: frame
        for name, frame in {**layers, **{t: getattr(plan, t) for t in TABLES}}.items()
        if frame is not None
    }
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
        "columns": {name: _column_kinds(frame) for name, frame in recorded.items()},
        "rows": {name: len(frame) for name, frame in recorded.items()},
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


def _column_kinds(frame: pd.DataFrame) -> list[list[str]]:
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


def _list_cell(value: object) -> object:
    """A tuple as ``a;b`` text, or as a JSON array when an item would not survive the split."""
    if not isinstance(value, tuple):
        return value
    items = [str(v) for v in value]
    if any(CSV_LIST_SEPARATOR in v or v == "" or v.startswith("[") for v in items):
        return json.dumps(items, ensure_ascii=False)
    return CSV_LIST_SEPARATOR.join(items)


def _read_list(value: object) -> tuple[str, ...]:
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


def _officers_table(officers: gpd.GeoDataFrame) -> pd.DataFrame:
    """The officers as a table: list cells as text, and ``lon``/``lat`` for located officers."""
    table = pd.DataFrame(officers.drop(columns=officers.geometry.name)).copy()
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(_list_cell)
    points = [
        p if p is not None and not p.is_empty and p.geom_type == "Point" else None
        for p in officers.geometry
    ]
    if any(p is not None for p in points):
        table["lon"] = [None if p is None else repr(p.x) for p in points]
        table["lat"] = [None if p is None else repr(p.y) for p in points]
    return table


def _restore(frame: pd.DataFrame, kinds: list[list[str]], where: str) -> pd.DataFrame:
    """Give ``frame`` exactly the recorded columns, in order, with their recorded dtypes."""
    out = frame.copy()
    for column, kind in kinds:
        if column not in out.columns and not len(out):  # an empty GeoJSON layer has no names
            out[column] = pd.Series(dtype=object, index=out.index)
        if column not in out.columns:
            msg = f"{where} has no column {column!r} that plan.json lists; the file is damaged"
            raise PlanFileError(msg)
        values = out[column]
        try:
            out[column] = _as_kind(values, kind)
        except (ValueError, TypeError, OverflowError) as exc:
            msg = f"{where}: column {column!r} does not hold {kind} values ({exc}); damaged file"
            raise PlanFileError(msg) from None
    geometry = [out.geometry.name] if isinstance(out, gpd.GeoDataFrame) else []
    return out[[c for c, _ in kinds] + geometry]


def _is_kinds(kinds: object) -> bool:
    """Whether ``kinds`` is what plan.json records for a layer: a list of [column, dtype] texts."""
    return isinstance(kinds, list) and all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair)
        for pair in kinds
    )


def _as_kind(values: pd.Series, kind: str) -> pd.Series:
    if kind == LIST_KIND:
        return pd.Series([_read_list(v) for v in values], index=values.index, dtype=object)
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


def _plan_error(where: str, issues: list[Issue]) -> PlanFileError:
    shown = "; ".join(i.what("en") for i in issues[:3] if i.severity == "error")
    return PlanFileError(f"{where} is damaged: {shown}; write the plan again (zones plan --out)")


def _read_bytes(file: Path) -> bytes:
    from zones.scenario.io import MAX_FILE_MB

    if file.stat().st_size > MAX_FILE_MB * 2**20 * 4:
        msg = f"{file.name} is over {MAX_FILE_MB * 4} MB; it is not a plan file written here"
        raise PlanFileError(msg)
    return file.read_bytes()


def _read_layer(file: Path, name: str, kinds: list[list[str]] | None) -> gpd.GeoDataFrame:
    """A plan layer through the project's own GeoJSON parser (never GDAL: a plan folder from
    someone else must not make GDAL open other files)."""
    from zones.scenario.io import parse_geojson

    issues: list[Issue] = []
    raw = parse_geojson(_read_bytes(file), name, file.name, issues)
    if raw is None or any(i.severity == "error" for i in issues):
        raise _plan_error(file.name, issues)
    frame = raw.frame.drop(columns=["_fid", "_geometry_error"], errors="ignore")
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    if kinds is not None:
        return _restore(frame, kinds, file.name)
    return _cast(frame, name)


def _read_table(file: Path, name: str, kinds: list[list[str]] | None) -> pd.DataFrame:
    """A plan table (CSV) with the writer's formula guard undone and the recorded dtypes."""
    from zones.scenario.io import parse_csv

    issues: list[Issue] = []
    raw = parse_csv(_read_bytes(file), name, file.name, issues)
    if raw is None or any(i.severity == "error" for i in issues):
        raise _plan_error(file.name, issues)
    frame = raw.frame.drop(columns=["_fid"])
    if kinds is not None:
        return _restore(frame, kinds, file.name)
    return pd.DataFrame(frame.drop(columns=frame.geometry.name)).astype(object)


def read_plan(path: str | Path):
    """Read a plan folder written by :func:`write_plan` back into a :class:`zones.Plan`.

    Every file is read by the project's own parsers (GeoJSON and CSV; GDAL opens nothing), and
    each column gets back the dtype recorded in ``plan.json``, so people, ids, phones and any
    text come back exactly as written.

    Raises
    ------
    PlanFileError
        When ``plan.json`` or the zones/villages layers are missing, or a file is damaged.
    """
    from zones.plan.pipeline import Plan

    folder = Path(path)
    if not (folder / PLAN_JSON).is_file():
        msg = f"{folder} is not a plan folder: {PLAN_JSON} is missing (write it with write_plan)"
        raise PlanFileError(msg)
    try:
        meta = json.loads(_read_bytes(folder / PLAN_JSON).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: bad JSON, or
        # an integer of over 4300 digits (Python's limit on int from text)
        msg = f"{PLAN_JSON} in {folder.name} is damaged ({exc}); write the plan again"
        raise PlanFileError(msg) from None
    if not isinstance(meta, dict):
        msg = f"{PLAN_JSON} in {folder.name} is not a plan description; write the plan again"
        raise PlanFileError(msg)
    columns = meta.get("columns")
    if not isinstance(columns, dict):
        columns = {}
    if not all(_is_kinds(kinds) for kinds in columns.values()):
        msg = f"{PLAN_JSON} in {folder.name} lists damaged column types; write the plan again"
        raise PlanFileError(msg)
    rows = meta.get("rows")
    if not isinstance(rows, dict):
        rows = {}

    def counted(frame: pd.DataFrame, name: str, file: str) -> pd.DataFrame:
        """A file cut between two rows still parses: plan.json's row count tells."""
        if name in rows and rows[name] != len(frame):
            msg = f"{file} holds {len(frame)} rows but {rows[name]} were written; it is damaged"
            raise PlanFileError(msg)
        return frame

    layers: dict[str, gpd.GeoDataFrame | None] = {}
    for name in PLAN_LAYERS:
        file = folder / f"{name}.geojson"
        if not file.is_file():
            if name in ("zones", "villages"):
                msg = f"{folder} has no {file.name}; the plan folder is incomplete"
                raise PlanFileError(msg)
            layers[name] = None
            continue
        frame = counted(_read_layer(file, name, columns.get(name)), name, file.name)
        if name in INDEXED and len(frame):
            frame.index = pd.Index(frame[INDEXED[name]].to_numpy())
        layers[name] = frame
    officers = None
    if (folder / "officers.csv").is_file():
        table = _read_table(folder / "officers.csv", C.OFFICERS, columns.get("officers"))
        table = counted(table, "officers", "officers.csv")
        if "officers" not in columns:  # written before dtypes were recorded
            table = _legacy_officers(table)
        geometry = table.geometry if isinstance(table, gpd.GeoDataFrame) else None
        officers = gpd.GeoDataFrame(
            pd.DataFrame(table).drop(columns="geometry", errors="ignore"),
            geometry=geometry if geometry is not None else [None] * len(table),
            crs="EPSG:4326",
        )
        if C.OFFICER_ID not in officers:
            msg = f"officers.csv has no {C.OFFICER_ID} column; the file is damaged"
            raise PlanFileError(msg)
        officers.index = pd.Index(officers[C.OFFICER_ID].to_numpy())
    roster = pd.DataFrame(columns=["date", "role", "officer_id"])
    if (folder / "roster.csv").is_file():
        roster = counted(
            _read_table(folder / "roster.csv", "roster", columns.get("roster")),
            "roster",
            "roster.csv",
        )
        roster = pd.DataFrame(roster).drop(columns="geometry", errors="ignore")
        if "date" in roster and len(roster) and roster["date"].dtype == object:
            roster["date"] = pd.to_datetime(roster["date"])
    moves = pd.DataFrame()
    if (folder / "moves.csv").is_file():
        moves = counted(
            _read_table(folder / "moves.csv", "moves", columns.get("moves")), "moves", "moves.csv"
        )
        moves = pd.DataFrame(moves).drop(columns="geometry", errors="ignore")
    try:
        warnings = tuple(
            Issue(w["severity"], w["layer"], w["feature"], w["code"], w["params"])
            for w in meta.get("warnings", [])
        )
    except (KeyError, TypeError) as exc:
        msg = f"{PLAN_JSON} in {folder.name} lists a damaged warning ({exc}); write the plan again"
        raise PlanFileError(msg) from None
    return Plan(
        zones=layers["zones"],
        villages=layers["villages"],
        rooms=layers["rooms"],
        patrols=layers["patrols"],
        posts=layers["posts"],
        stops=layers["stops"],
        roster=roster,
        pool=pd.Index([str(p) for p in meta.get("pool", [])], dtype=object),
        moves=moves,
        metrics=meta.get("metrics", {}),
        warnings=warnings,
        settings=meta.get("settings", {}),
        name=str(meta.get("name", "")),
        jurisdiction=layers["jurisdiction"],
        station=layers["station"],
        incidents=layers["incidents"],
        officers=officers,
    )


def _legacy_officers(table: pd.DataFrame) -> pd.DataFrame:
    """Officers of a plan folder written before dtypes were recorded in plan.json."""
    out = table.copy()
    if C.FAMILIAR_VILLAGES in out:
        out[C.FAMILIAR_VILLAGES] = out[C.FAMILIAR_VILLAGES].map(_read_list)
    if C.AVAILABLE in out:
        out[C.AVAILABLE] = out[C.AVAILABLE].map(lambda v: v == "True")
    if C.REWARD_LEAVE_DAYS in out:
        out[C.REWARD_LEAVE_DAYS] = pd.to_numeric(out[C.REWARD_LEAVE_DAYS]).astype("Int64")
    return out
