"""The roster's files: CSV (UTF-8 with BOM) and XLSX, headers in Chinese or English."""

from __future__ import annotations

from pathlib import Path

from zones.i18n import DEFAULT_LANG, t
from zones.roster.result import RosterResult
from zones.roster.tables import roster_tables
from zones.writers import write_csv, write_xlsx


def write_roster(
    result: RosterResult,
    folder: str | Path,
    *,
    lang: str = DEFAULT_LANG,
    xlsx: bool = True,
) -> list[Path]:
    """Write the roster as spreadsheets with headers in ``lang`` (Chinese by default).

    Files: ``roster.csv`` (日期, 岗位, 警号, 姓名), ``roster_summary.csv`` (per officer),
    ``roster_shortages.csv`` (only when some slots are unfilled), all UTF-8 with BOM through
    :func:`zones.writers.write_csv`; and ``roster.xlsx`` with one sheet each for the roster,
    the roster by day, the per-officer summary, the days off and any shortages. Text that a
    spreadsheet would run as a formula is written as text.

    Parameters
    ----------
    result
        From :func:`zones.roster.solve_roster`.
    folder
        Output folder, created if needed.
    lang
        ``"zh"`` or ``"en"``: headers, duty names and yes/no values.
    xlsx
        Also write ``roster.xlsx`` (default True).

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = roster_tables(result, lang)
    paths = [folder / "roster.csv", folder / "roster_summary.csv"]
    write_csv(tables["roster"], paths[0])
    write_csv(tables["summary"], paths[1])
    if len(result.shortages):
        paths.append(folder / "roster_shortages.csv")
        write_csv(tables["shortages"], paths[-1])
    if xlsx:
        paths.append(folder / "roster.xlsx")
        sheets = ["roster", "by_day", "summary", "time_off"]
        if len(result.shortages):
            sheets.append("shortages")
        write_xlsx({t(f"roster.sheet.{key}", lang): tables[key] for key in sheets}, paths[-1])
    return paths
