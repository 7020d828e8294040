"""The plan's tables for people: the export tab's XLSX and CSV in the page's language.

The plan folder's own files (GeoJSON, GeoPackage, ``plan.json``, its CSVs) keep the documented
field names (``zone_id``, ``polsby_popper``) for programs; the spreadsheets a person opens get the
headers the page shows (责任区, 紧凑度 …) with the unit in the header (``面积 km²``), values in
words (是/否, 本村人, 社区), shares as percentages, numbers rounded as on the page and, in the
XLSX, shown with thousands separators. Columns the profile leaves out (:func:`maps.people
.public_plan`) are left out here too; a column the plan does not have is skipped.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from ui.i18n import TABLES, t
from zones.plan.pipeline import Plan
from zones.roster.rules import role_label
from zones.writers import write_csv, write_xlsx

KNOWN = frozenset(key for table in TABLES for key in table)
AUX_REASONS = ("map.plan.reason.", "staff.reason.")  # the map's words; "manual" the core's
INTEGER = "#,##0"
DECIMALS = {0: INTEGER, 1: "#,##0.0", 2: "#,##0.00", 3: "0.000"}


@dataclass(frozen=True)
class Column:
    """One column of a people's table: the plan's column, its header and how values show.

    ``kind``: ``text`` (as is), ``number`` (rounded to ``digits``), ``percent`` (a share × 100),
    ``km`` (metres shown as km), ``yes_no`` (是/否) or ``words`` (each value's text is the key
    ``<prefix><value>`` of the first of ``words`` that has it; unknown values as they are).
    """

    name: str
    header: str
    kind: str = "text"
    digits: int = 0
    words: tuple[str, ...] = ()


ZONE_COLUMNS: tuple[Column, ...] = (
    Column("zone_id", "app.col.zone_id"),
    Column("zone_name", "app.sheet.col.zone_name"),
    Column("head_officer_id", "app.sheet.col.head_officer_id"),
    Column("head_reason", "app.sheet.col.head_reason", "words", words=("app.sheet.head_reason.",)),
    Column("head_known_villages", "app.tabs.col.head_known_villages", "number"),
    Column("head_distance_km", "app.tabs.col.head_distance_km", "number", 2),
    Column("n_units", "app.col.villages", "number"),
    Column("population", "app.col.population", "number"),
    Column("workload", "app.col.workload", "number", 1),
    Column("deviation", "app.col.deviation", "percent", 1),
    Column("area_km2", "app.col.area", "number", 2),
    Column("perimeter_km", "app.sheet.col.perimeter_km", "number", 2),
    Column("polsby_popper", "app.col.pp", "number", 3),
    Column("contiguous", "app.col.contiguous", "yes_no"),
    Column("centre_village", "app.sheet.col.centre_village"),
    Column("centre_distance_km", "app.col.centre_distance", "number", 2),
    Column("road_distance_km", "app.col.road_distance", "number", 2),
    Column("patrol_length_m", "app.sheet.col.patrol_length_km", "km", 1),
    Column("patrol_minutes", "app.tabs.col.patrol_minutes", "number"),
    Column("patrol_stops", "app.tabs.col.patrol_stops", "number"),
    Column("patrol_dropped", "app.tabs.col.patrol_dropped", "number"),
    Column("patrol_coverage", "app.tabs.col.patrol_coverage", "percent", 1),
    Column("posts", "app.tabs.col.posts", "number"),
    Column("post_coverage", "app.tabs.col.post_coverage", "percent", 1),
    Column("offpeak_incidents", "app.tabs.col.offpeak_incidents", "number"),
    Column("offpeak_covered", "app.tabs.col.offpeak_covered", "number"),
    Column("peak_incidents", "app.tabs.col.peak_incidents", "number"),
    Column("peak_covered", "app.tabs.col.peak_covered", "number"),
    Column("base_median_m", "app.tabs.col.base_median_m", "number"),
    Column("base_p90_m", "app.tabs.col.base_p90_m", "number"),
    Column("base_max_m", "app.tabs.col.base_max_m", "number"),
)
"""The zones sheet: the zones tab's figures first, then staffing and patrol."""

VILLAGE_COLUMNS: tuple[Column, ...] = (
    Column("village_id", "app.col.village_id"),
    Column("name", "app.col.name"),
    Column("township", "app.tabs.col.township"),
    Column("kind", "app.sheet.col.kind", "words", words=("app.sheet.kind.",)),
    Column("population", "app.col.population", "number"),
    Column("households", "app.sheet.col.households", "number"),
    Column("incidents", "app.sheet.col.incidents", "number"),
    Column("workload", "app.col.workload", "number", 1),
    Column("zone_id", "app.col.zone_id"),
    Column("aux_officer_id", "app.sheet.col.aux_officer_id"),
    Column("aux_reason", "app.sheet.col.aux_reason", "words", words=AUX_REASONS),
    Column("aux_distance_km", "app.sheet.col.aux_distance_km", "number", 2),
    Column("room_status", "app.sheet.col.room_status", "words", words=("map.plan.room.",)),
)
"""The villages sheet: who the village is, its zone, its auxiliary and its police room."""


def _values(column: Column, values: pd.Series, lang: str) -> pd.Series:
    """The values of one column as a person reads them."""
    if column.kind in ("number", "percent", "km"):
        numbers = pd.to_numeric(values, errors="coerce").astype(float)
        scale = {"percent": 100.0, "km": 0.001}.get(column.kind, 1.0)
        rounded = (numbers * scale).round(column.digits)
        if column.digits == 0:
            return rounded.astype("Int64")
        return rounded
    if column.kind == "yes_no":
        return values.map(
            lambda v: "" if pd.isna(v) else t("app.yes" if bool(v) else "app.no", lang)
        ).astype(object)
    if column.kind == "words":

        def word(value: object) -> object:
            if value is None or (isinstance(value, float) and pd.isna(value)):
                return ""
            keys = [f"{prefix}{value}" for prefix in column.words]
            return next((t(key, lang) for key in keys if key in KNOWN), str(value))

        return values.map(word).astype(object)
    return values.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else v)


def people_table(frame: pd.DataFrame, columns: Sequence[Column], lang: str) -> pd.DataFrame:
    """``frame`` as a person reads it: the known ``columns`` that it has, in their order, with
    translated headers and values (see :class:`Column`); other columns are left out.

    Parameters
    ----------
    frame
        A layer of a plan (``zones``, ``villages``), its geometry ignored.
    columns
        The columns to show (:data:`ZONE_COLUMNS`, :data:`VILLAGE_COLUMNS`).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    pandas.DataFrame
        The table, indexed 0…n−1.
    """
    table = pd.DataFrame(index=range(len(frame)))
    for column in columns:
        if column.name in frame.columns:
            values = pd.Series(frame[column.name].to_numpy(), index=table.index)
            table[t(column.header, lang)] = _values(column, values, lang)
    return table


def number_formats(columns: Sequence[Column], lang: str) -> dict[str, str]:
    """Header → Excel number format for the numeric ``columns`` (thousands separators)."""
    return {
        t(c.header, lang): DECIMALS.get(c.digits, INTEGER)
        for c in columns
        if c.kind in ("number", "percent", "km")
    }


def roster_table(roster: pd.DataFrame | None, lang: str) -> pd.DataFrame:
    """The plan's roster, one row per slot: date, duty (接警员 …), officer id."""
    headers = [t(f"roster.col.{c}", lang) for c in ("date", "role", "officer_id")]
    if roster is None or not len(roster):
        return pd.DataFrame(columns=headers)
    dates = [pd.Timestamp(d).date().isoformat() for d in roster["date"]]
    roles = [role_label(str(r), lang) for r in roster["role"]]
    officers = ["" if pd.isna(o) else str(o) for o in roster["officer_id"]]
    return pd.DataFrame(dict(zip(headers, (dates, roles, officers), strict=True)))


def sheets(plan: Plan, lang: str) -> dict[str, pd.DataFrame]:
    """The workbook's sheets (zones, villages, roster) with their translated names."""
    return {
        t("app.sheet.zones", lang): people_table(plan.zones, ZONE_COLUMNS, lang),
        t("app.sheet.villages", lang): people_table(plan.villages, VILLAGE_COLUMNS, lang),
        t("app.sheet.roster", lang): roster_table(plan.roster, lang),
    }


def xlsx_bytes(plan: Plan, lang: str) -> bytes:
    """The plan's tables as one XLSX workbook for people (numbers with thousands separators)."""
    formats = {
        t("app.sheet.zones", lang): number_formats(ZONE_COLUMNS, lang),
        t("app.sheet.villages", lang): number_formats(VILLAGE_COLUMNS, lang),
    }
    buffer = io.BytesIO()
    write_xlsx(sheets(plan, lang), buffer, formats=formats)
    return buffer.getvalue()


def csv_bytes(table: pd.DataFrame) -> bytes:
    """A people's table as CSV (UTF-8 with BOM so Excel reads the Chinese; formulas guarded)."""
    buffer = io.BytesIO()
    write_csv(table, buffer)  # type: ignore[arg-type]  # pandas writes to a binary buffer too
    return buffer.getvalue()


BUILDERS: dict[str, Callable[[Plan, str], bytes]] = {
    "xlsx": xlsx_bytes,
    "zones_csv": lambda plan, lang: csv_bytes(people_table(plan.zones, ZONE_COLUMNS, lang)),
    "villages_csv": lambda plan, lang: csv_bytes(
        people_table(plan.villages, VILLAGE_COLUMNS, lang)
    ),
}
"""The export tab's people's files, by what they are: ``(plan, lang) → bytes``."""
