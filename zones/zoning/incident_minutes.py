"""Minutes of work per incident category: a dispute to mediate weighs more than an enquiry.

A count treats every incident alike, but the work behind them differs: a neighbours' dispute is
mediated on site and followed up, a theft or a fraud is taken down as a case, a request for help
or an enquiry is mostly short. Police workload studies therefore weigh each call by the time it
takes (calls for service × travel and on-scene time), and police districting research balances
incidents weighed by service time or category (Atlanta: Zhu, Wang & Xie, "Data-Driven
Optimization for Atlanta Police Zone Design", arXiv 2104.00535; Madrid: Hindawi, Mathematical
Problems in Engineering 2016, 3690474).

**Where the default numbers come from.** There is no national standard (no Ministry of Public
Security table) of minutes per incident category. :data:`DEFAULT_CATEGORY_MINUTES` is this
project's own assumption: it orders the categories of the incident records (``纠纷 盗窃 交通事故
求助 诈骗 治安 其他``) by the work they usually bring a rural station, at the size of the time per
call measured in workload studies abroad (tens of minutes up to about an hour and a half per
call). It is an editable starting point, not a finding: a station that knows its own average
handling times (from its 接处警 records) should enter them, as ``category_minutes`` of
:func:`zones.make_plan`, ``--category-minutes`` of ``zones plan`` (``纠纷=60,求助=20`` or a CSV
file with the columns ``category,minutes``) or :func:`parse_category_minutes` /
:func:`read_category_minutes`. Categories a table leaves out keep their default; a category in
neither (or an incident without one) counts :data:`UNKNOWN_CATEGORY_MINUTES`.

Errors are :class:`CategoryMinutesError`, whose words (Chinese and English) are in
:mod:`zones.i18n` (``minutes.*``).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd

from zones.i18n import t_nested
from zones.zoning.workload import WorkloadError

DEFAULT_CATEGORY_MINUTES: Mapping[str, float] = {
    "纠纷": 90.0,  # dispute: mediated on site, often visited again
    "盗窃": 60.0,  # theft: scene, statement, a case filed
    "诈骗": 60.0,  # fraud: statement, a case filed
    "治安": 45.0,  # public order
    "交通事故": 45.0,  # traffic accident: scene kept safe, handed to the traffic police
    "其他": 30.0,  # other
    "求助": 20.0,  # request for help, enquiry
}
"""Minutes of work per incident category: an editable assumption (see the module's notes)."""

UNKNOWN_CATEGORY_MINUTES = 30.0
"""Minutes of an incident whose category is in no table, or that has none (as ``其他``)."""

MAX_MINUTES = 10_080.0  # a week: more for one incident is a typing slip
MAX_CATEGORIES = 500
MAX_CATEGORY_CHARS = 100
MAX_FILE_BYTES = 1_000_000
CATEGORY_HEADERS = ("category", "类别", "警情类别")
MINUTES_HEADERS = ("minutes", "分钟", "工时")


class CategoryMinutesError(WorkloadError):
    """A table of minutes per incident category that cannot be used.

    ``str(error)`` is the message in Chinese; :meth:`message` gives it in either language.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(t_nested(key, "zh", params))
        self.key = key
        self.params = params

    def message(self, lang: str = "zh") -> str:
        """The message in ``lang`` ("zh" or "en")."""
        return t_nested(self.key, lang, self.params)


def _refuse(key: str, **params: object) -> NoReturn:
    raise CategoryMinutesError(key, **params)


def _minutes_value(category: object, value: object) -> float:
    try:
        minutes = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        minutes = math.nan
    if isinstance(value, bool) or not (math.isfinite(minutes) and 0 <= minutes <= MAX_MINUTES):
        _refuse("minutes.bad_value", category=category, value=value, max=f"{MAX_MINUTES:g}")
    return minutes


def check_category_minutes(table: Mapping[str, object]) -> dict[str, float]:
    """A user's table of minutes per category, checked.

    Parameters
    ----------
    table
        Category → minutes of work per incident (a number from 0 to a week, or its text).

    Returns
    -------
    dict
        The table with stripped names and float minutes (the input is not changed).

    Raises
    ------
    CategoryMinutesError
        For a table that is not a mapping, is empty or too long, an empty or too long category
        name, or minutes that are not a number from 0 to :data:`MAX_MINUTES`.
    """
    if not isinstance(table, Mapping):
        _refuse("minutes.not_a_table", kind=type(table).__name__)
    if not table:
        _refuse("minutes.empty")
    if len(table) > MAX_CATEGORIES:
        _refuse("minutes.too_many", n=len(table), max=MAX_CATEGORIES)
    checked: dict[str, float] = {}
    for category, value in table.items():
        name = str(category).strip() if isinstance(category, str) else ""
        if not name or len(name) > MAX_CATEGORY_CHARS:
            _refuse("minutes.bad_category", category=str(category)[:40], max=MAX_CATEGORY_CHARS)
        if name in checked:
            _refuse("minutes.duplicate", category=name)
        checked[name] = _minutes_value(name, value)
    return checked


def parse_category_minutes(text: str) -> dict[str, float]:
    """``"纠纷=60,求助=20"`` (commas: ``,`` ``，`` or ``;``) → ``{"纠纷": 60.0, "求助": 20.0}``.

    Raises
    ------
    CategoryMinutesError
        For an item that is not ``category=minutes``, or a table :func:`check_category_minutes`
        refuses.
    """
    pairs: list[tuple[str, str]] = []
    for item in text.replace("，", ",").replace(";", ",").split(","):
        category, sep, value = item.partition("=")
        if not sep or not category.strip() or not value.strip():
            _refuse("minutes.bad_item", item=item.strip()[:40] or "''")
        pairs.append((category.strip(), value.strip()))
    duplicates = [c for i, (c, _) in enumerate(pairs) if c in {p[0] for p in pairs[:i]}]
    if duplicates:
        _refuse("minutes.duplicate", category=duplicates[0])
    return check_category_minutes(dict(pairs))


def _header_index(header: list[str], names: tuple[str, ...]) -> int | None:
    cells = [cell.strip().lower() for cell in header]
    return next((cells.index(name) for name in names if name in cells), None)


def read_category_minutes(path: str | Path) -> dict[str, float]:
    """A table of minutes per category from a CSV file (UTF-8 or GBK) with the columns
    ``category,minutes`` (or ``类别,分钟``).

    Raises
    ------
    CategoryMinutesError
        When the file is missing, too large, not text, lacks the two columns, or holds a value
        :func:`check_category_minutes` refuses (the message names the row).
    """
    file = Path(path)
    if not file.is_file():
        _refuse("minutes.no_file", file=file.name)
    if file.stat().st_size > MAX_FILE_BYTES:
        _refuse("minutes.file_too_large", file=file.name, kb=MAX_FILE_BYTES // 1000)
    data = file.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        _refuse("minutes.not_text", file=file.name)
    reader = csv.reader(io.StringIO(text))
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    header = rows[0][1] if rows else []
    at_category = _header_index(header, CATEGORY_HEADERS)
    at_minutes = _header_index(header, MINUTES_HEADERS)
    if at_category is None or at_minutes is None:
        found = ", ".join(cell.strip() for cell in header)[:80] or "—"
        _refuse("minutes.file_columns", file=file.name, found=found)
    table: dict[str, float] = {}
    for number, row in rows[1:]:
        cells = row + [""] * (max(at_category, at_minutes) + 1 - len(row))
        category, value = cells[at_category].strip(), cells[at_minutes].strip()
        try:
            if category in table:
                _refuse("minutes.duplicate", category=category)
            table.update(check_category_minutes({category: value}))
        except CategoryMinutesError as exc:
            key = "minutes.file_row"  # the row, then what is wrong with it
            raise CategoryMinutesError(
                key, file=file.name, row=number, detail_key=exc.key, **exc.params
            ) from None
    if not table:
        _refuse("minutes.empty")
    return check_category_minutes(table)


def category_table(category_minutes: Mapping[str, float] | None) -> dict[str, float]:
    """The defaults with a user's table on top (``None``: the defaults alone)."""
    return {**DEFAULT_CATEGORY_MINUTES, **(category_minutes or {})}


def minutes_per_incident(
    categories: pd.Series, category_minutes: Mapping[str, float] | None = None
) -> pd.Series:
    """Minutes of work of each incident, from its category (aligned to ``categories``).

    Parameters
    ----------
    categories
        The incidents' ``category`` values (missing: :data:`UNKNOWN_CATEGORY_MINUTES`).
    category_minutes
        A user's table over the defaults (see :func:`category_table`).
    """
    table = category_table(category_minutes)
    names = categories.astype("string").str.strip()
    minutes = names.map(table).astype("Float64").fillna(UNKNOWN_CATEGORY_MINUTES)
    return pd.Series(minutes.to_numpy(dtype=np.float64), index=categories.index)
