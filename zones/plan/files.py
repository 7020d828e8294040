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
from zones.columns import WGS84
from zones.errors import PlanFileError, by_lang
from zones.plan.columns import (
    cast,
    column_kinds,
    for_file,
    is_kinds,
    legacy_officers,
    officers_table,
    restore,
)
from zones.report import Issue
from zones.writers import write_csv, write_geojson, write_xlsx

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
GEOJSON_DECIMALS = 7
PLAN_JSON = "plan.json"
GPKG = "plan.gpkg"
XLSX = "plan.xlsx"


TABLES = ("officers", "roster", "moves")


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
        raise PlanFileError(code="planfile.is_file", folder=folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = WrittenFiles()
    layers = {name: getattr(plan, name) for name in PLAN_LAYERS}
    written += _write_layers(layers, folder, gpkg=gpkg)
    written += _write_tables(plan, folder)
    if xlsx:
        written.warnings = _write_workbook(plan, folder / XLSX)
        written.append(folder / XLSX)
    recorded = {
        name: frame
        for name, frame in {**layers, **{t: getattr(plan, t) for t in TABLES}}.items()
        if frame is not None
    }
    (folder / PLAN_JSON).write_text(
        json.dumps(_meta(plan, recorded), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    written.append(folder / PLAN_JSON)
    return written


def _write_layers(layers: dict, folder: Path, *, gpkg: bool) -> list[Path]:
    """Each map layer as RFC 7946 GeoJSON, and all of them in one GeoPackage."""
    written = []
    for name, layer in layers.items():
        if layer is None:
            continue
        target = folder / f"{name}.geojson"
        write_geojson(for_file(layer), target, precision=GEOJSON_DECIMALS)
        written.append(target)
    if gpkg:
        target = folder / GPKG
        target.unlink(missing_ok=True)
        for name, layer in layers.items():
            if layer is not None and len(layer):
                pyogrio.write_dataframe(for_file(layer), target, layer=name, driver="GPKG")
        written.append(target)
    return written


def _write_tables(plan, folder: Path) -> list[Path]:
    """The people, the roster, the moves and the zones and villages as CSV."""
    tables: dict[str, pd.DataFrame] = {}
    if plan.officers is not None:
        tables["officers.csv"] = officers_table(plan.officers)
    tables["roster.csv"] = pd.DataFrame(plan.roster).astype(object)
    tables["moves.csv"] = pd.DataFrame(plan.moves).astype(object)
    tables["zones.csv"] = pd.DataFrame(plan.zones.drop(columns="geometry"))
    tables["villages.csv"] = pd.DataFrame(plan.villages.drop(columns="geometry"))
    for name, table in tables.items():
        write_csv(table, folder / name)
    return [folder / name for name in tables]


def _write_workbook(plan, target: Path) -> tuple[Issue, ...]:
    """``plan.xlsx``; the cells Excel could not hold exactly, as warnings."""
    sheets = {
        "责任区 zones": pd.DataFrame(plan.zones.drop(columns="geometry")),
        "村 villages": pd.DataFrame(plan.villages.drop(columns="geometry")),
        "排班 roster": pd.DataFrame(plan.roster),
    }
    return tuple(
        Issue(
            "warning",
            "export",
            f"{note.sheet}!{note.cell}",
            f"xlsx_{note.kind}",
            {"file": XLSX, "cell": f"{note.sheet}!{note.cell}", "n": note.length},
        )
        for note in write_xlsx(sheets, target)
    )


def _meta(plan, recorded: dict[str, pd.DataFrame]) -> dict[str, object]:
    """``plan.json``: settings, metrics, warnings, pool, and each table's dtypes and rows."""
    return {
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
        "columns": {name: column_kinds(frame) for name, frame in recorded.items()},
        "rows": {name: len(frame) for name, frame in recorded.items()},
        "format": "zoneplanner plan 1",
    }


def _plan_error(where: str, issues: list[Issue]) -> PlanFileError:
    errors = [i for i in issues[:3] if i.severity == "error"]
    shown = by_lang(lambda lang: "; ".join(i.what(lang) for i in errors))
    return PlanFileError(code="planfile.damaged", where=where, shown=shown)


def _read_bytes(file: Path) -> bytes:
    from zones.scenario.io import MAX_FILE_MB

    if file.stat().st_size > MAX_FILE_MB * 2**20 * 4:
        raise PlanFileError(code="planfile.too_large", file=file.name, cap=MAX_FILE_MB * 4)
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
    frame = frame.set_crs(WGS84, allow_override=True)
    if kinds is not None:
        return restore(frame, kinds, file.name)
    return cast(frame, name)


def _read_table(file: Path, name: str, kinds: list[list[str]] | None) -> pd.DataFrame:
    """A plan table (CSV) with the writer's formula guard undone and the recorded dtypes."""
    from zones.scenario.io import parse_csv

    issues: list[Issue] = []
    raw = parse_csv(_read_bytes(file), name, file.name, issues)
    if raw is None or any(i.severity == "error" for i in issues):
        raise _plan_error(file.name, issues)
    frame = raw.frame.drop(columns=["_fid"])
    if kinds is not None:
        return restore(frame, kinds, file.name)
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
    meta = _read_meta(folder)
    reader = _FolderReader(folder, meta)
    layers = {name: reader.layer(name) for name in PLAN_LAYERS}
    return Plan(
        zones=layers["zones"],
        villages=layers["villages"],
        rooms=layers["rooms"],
        patrols=layers["patrols"],
        posts=layers["posts"],
        stops=layers["stops"],
        roster=reader.roster(),
        pool=pd.Index([str(p) for p in meta.get("pool", [])], dtype=object),
        moves=reader.table("moves", pd.DataFrame()),
        metrics=meta.get("metrics", {}),
        warnings=_warnings(meta, folder),
        settings=meta.get("settings", {}),
        name=str(meta.get("name", "")),
        jurisdiction=layers["jurisdiction"],
        station=layers["station"],
        incidents=layers["incidents"],
        officers=reader.officers(),
    )


def _read_meta(folder: Path) -> dict:
    """``plan.json`` as a dict, its column types and row counts checked."""
    if not (folder / PLAN_JSON).is_file():
        raise PlanFileError(code="planfile.no_plan_json", folder=folder)
    try:
        meta = json.loads(_read_bytes(folder / PLAN_JSON).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: bad JSON, or
        # an integer of over 4300 digits (Python's limit on int from text)
        raise PlanFileError(
            code="planfile.json_damaged", folder=folder.name, detail=str(exc)
        ) from None
    if not isinstance(meta, dict):
        raise PlanFileError(code="planfile.json_not_plan", folder=folder.name)
    columns = meta.get("columns")
    if not isinstance(columns, dict):
        columns = {}
    if not all(is_kinds(kinds) for kinds in columns.values()):
        raise PlanFileError(code="planfile.json_columns", folder=folder.name)
    kinds = {"pool": list, "metrics": dict, "settings": dict, "warnings": list}
    damaged = [key for key, kind in kinds.items() if not isinstance(meta.get(key, kind()), kind)]
    if damaged:
        raise PlanFileError(
            code="planfile.json_parts", folder=folder.name, parts=", ".join(damaged)
        )
    rows = meta.get("rows")
    return {**meta, "columns": columns, "rows": rows if isinstance(rows, dict) else {}}


class _FolderReader:
    """Reads a plan folder's layers and tables with the dtypes and row counts of plan.json."""

    def __init__(self, folder: Path, meta: dict) -> None:
        self.folder = folder
        self.columns: dict = meta["columns"]
        self.rows: dict = meta["rows"]

    def counted(self, frame: pd.DataFrame, name: str, file: str) -> pd.DataFrame:
        """A file cut between two rows still parses: plan.json's row count tells."""
        if name in self.rows and self.rows[name] != len(frame):
            raise PlanFileError(
                code="planfile.rows", file=file, n=len(frame), written=self.rows[name]
            )
        return frame

    def layer(self, name: str) -> gpd.GeoDataFrame | None:
        file = self.folder / f"{name}.geojson"
        if not file.is_file():
            if name in ("zones", "villages"):
                raise PlanFileError(
                    code="planfile.layer_missing", folder=self.folder, file=file.name
                )
            return None
        frame = self.counted(_read_layer(file, name, self.columns.get(name)), name, file.name)
        if name in INDEXED and len(frame):
            frame.index = pd.Index(frame[INDEXED[name]].to_numpy())
        return frame

    def table(self, name: str, missing: pd.DataFrame) -> pd.DataFrame:
        file = self.folder / f"{name}.csv"
        if not file.is_file():
            return missing
        table = self.counted(_read_table(file, name, self.columns.get(name)), name, file.name)
        return pd.DataFrame(table).drop(columns="geometry", errors="ignore")

    def roster(self) -> pd.DataFrame:
        roster = self.table("roster", pd.DataFrame(columns=["date", "role", "officer_id"]))
        if "date" in roster and len(roster) and roster["date"].dtype == object:
            roster["date"] = pd.to_datetime(roster["date"])
        return roster

    def officers(self) -> gpd.GeoDataFrame | None:
        file = self.folder / "officers.csv"
        if not file.is_file():
            return None
        table = _read_table(file, C.OFFICERS, self.columns.get("officers"))
        table = self.counted(table, "officers", "officers.csv")
        if "officers" not in self.columns:  # written before dtypes were recorded
            table = legacy_officers(table)
        geometry = table.geometry if isinstance(table, gpd.GeoDataFrame) else None
        officers = gpd.GeoDataFrame(
            pd.DataFrame(table).drop(columns="geometry", errors="ignore"),
            geometry=geometry if geometry is not None else [None] * len(table),
            crs=WGS84,
        )
        if C.OFFICER_ID not in officers:
            raise PlanFileError(code="planfile.officer_id")
        officers.index = pd.Index(officers[C.OFFICER_ID].to_numpy())
        return officers


def _warnings(meta: dict, folder: Path) -> tuple[Issue, ...]:
    try:
        return tuple(
            Issue(w["severity"], w["layer"], w["feature"], w["code"], w["params"])
            for w in meta.get("warnings", [])
        )
    except (KeyError, TypeError) as exc:
        raise PlanFileError(
            code="planfile.json_warning", folder=folder.name, detail=repr(exc)
        ) from None
