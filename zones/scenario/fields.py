"""Parsing attribute values as people type them: counts, yes/no, roles, lists of ids.

Each parser is pure and returns ``None`` for a blank value; it raises :class:`ValueError` for a
value it cannot read, so the caller can report the feature and the value.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable

from zones import columns as C

_BLANKS = {"", "nan", "none", "null", "na", "n/a", "-", "—", "无", "空"}
_MULTIPLIERS = {"万": 10_000, "千": 1_000, "百": 100, "w": 10_000, "k": 1_000}
_COUNT = re.compile(
    r"^(?:约|大约|about|~)?\s*([0-9]+(?:\.[0-9]+)?)\s*([万千百wk])?\s*(?:人|户|口)?$"
)
_TRUE = {"true", "t", "yes", "y", "1", "是", "有", "在岗", "可用", "√"}
_FALSE = {"false", "f", "no", "n", "0", "否", "无", "休假", "不可用", "×"}
_ROLES = {
    "police": C.POLICE,
    "民警": C.POLICE,
    "警察": C.POLICE,
    "sworn": C.POLICE,
    "officer": C.POLICE,
    "auxiliary": C.AUXILIARY,
    "辅警": C.AUXILIARY,
    "协警": C.AUXILIARY,
    "aux": C.AUXILIARY,
    "assistant": C.AUXILIARY,
    "警务助理": C.AUXILIARY,
}
_KINDS = {
    "village": C.KIND_VILLAGE,
    "村": C.KIND_VILLAGE,
    "行政村": C.KIND_VILLAGE,
    "community": C.KIND_COMMUNITY,
    "社区": C.KIND_COMMUNITY,
}
_LIST_SPLIT = re.compile(r"\s*[;,、|，；]\s*")  # not spaces or "/": names may contain them
MAX_COUNT = 10**9


def text(value: object) -> str | None:
    """NFKC-normalised, stripped text; ``None`` for blanks and missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    out = unicodedata.normalize("NFKC", str(value)).strip()
    return None if out.lower() in _BLANKS else out


def parse_count(value: object) -> tuple[int | None, bool]:
    """Parse a non-negative count such as ``1203``, ``"1,234"``, ``"1.2万"`` or ``"约800人"``.

    Returns
    -------
    (count, was_text)
        ``count`` is ``None`` for a blank; ``was_text`` tells that a written form was converted.

    Raises
    ------
    ValueError
        For an unreadable or negative value (the message says which).
    """
    if isinstance(value, bool):
        msg = "not_a_number"
        raise ValueError(msg)
    if isinstance(value, int | float) and not (isinstance(value, float) and math.isnan(value)):
        if value < 0:
            msg = "negative"
            raise ValueError(msg)
        if value > MAX_COUNT or not math.isfinite(value):  # an int past floats: no overflow
            msg = "not_a_number"
            raise ValueError(msg)
        return round(value), False
    raw = text(value)
    if raw is None:
        return None, False
    cleaned = raw.replace(",", "").replace(" ", "").lower()
    if cleaned.startswith("-"):
        msg = "negative"
        raise ValueError(msg)
    match = _COUNT.match(cleaned)
    if not match:
        msg = "not_a_number"
        raise ValueError(msg)
    number = float(match.group(1)) * _MULTIPLIERS.get(match.group(2) or "", 1)
    if not math.isfinite(number) or number > MAX_COUNT:
        msg = "not_a_number"
        raise ValueError(msg)
    return round(number), cleaned != str(round(number))


def parse_bool(value: object, default: bool = True) -> bool:
    """Parse yes/no in English or Chinese; blank gives ``default``.

    Raises
    ------
    ValueError
        For a value that is neither.
    """
    if isinstance(value, bool):
        return value
    raw = text(value)
    if raw is None:
        return default
    key = raw.lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    msg = "not_a_bool"
    raise ValueError(msg)


def parse_role(value: object) -> str:
    """Map ``police``/``民警``/``auxiliary``/``辅警``/… to ``police`` or ``auxiliary``."""
    raw = text(value)
    role = _ROLES.get((raw or "").lower())
    if role is None:
        msg = "bad_role"
        raise ValueError(msg)
    return role


def parse_kind(value: object) -> str | None:
    """Map ``village``/``村``/``community``/``社区`` to the data model's kinds (None if blank)."""
    raw = text(value)
    if raw is None:
        return None
    kind = _KINDS.get(raw.lower())
    if kind is None:
        msg = "bad_kind"
        raise ValueError(msg)
    return kind


def parse_list(value: object) -> tuple[str, ...]:
    """A list of ids from a JSON array, a tuple, or text split on ``; , 、 |`` (not spaces)."""
    if isinstance(value, list | tuple):
        items: Iterable[object] = value
    else:
        raw = text(value)
        if raw is None:
            return ()
        if raw.startswith("["):
            try:
                items = json.loads(raw)
            except json.JSONDecodeError:
                items = _LIST_SPLIT.split(raw.strip("[]"))
        else:
            items = _LIST_SPLIT.split(raw)
    out = [t for t in (text(i) for i in items) if t]
    return tuple(dict.fromkeys(out))


# times as people write them: ISO 8601, 2025/3/1 8:30, 2025年3月1日 8时30分, or a date alone
_TIME_WORDS = str.maketrans({"年": "-", "月": "-", "日": " ", "时": ":", "点": ":", "分": ":"})
_DATE_ONLY = re.compile(r"^\d{4}([-/.])\d{1,2}\1\d{1,2}$|^\d{8}$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:[-/.]\d{1,2})?$")
_DATED = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]|$)")


def time_text(value: object) -> str | None:
    """A time as text in one spelling: NFKC, Chinese date words as separators, single spaces.

    Parameters
    ----------
    value
        A time as written (text, or a datetime, which is written out first).

    Returns
    -------
    str or None
        ``"2025年3月1日 8时30分"`` → ``"2025-3-1 8:30"``; ``None`` for blanks.
    """
    raw = text(value)
    if raw is None:
        return None
    out = raw.replace("秒", "").translate(_TIME_WORDS)
    return " ".join(out.split()).rstrip(":-").strip() or None


def time_precision(value: object) -> str | None:
    """How much of a time was given: ``"clock"``, ``"date"`` (a day, no clock time),
    ``"partial"`` (a year or a month only), or ``None`` for a blank.

    Only the text is looked at (``"2025-03-01"``, ``"2025/3/1"``, ``"2025年3月1日"`` and
    ``"20250301"`` are dates); a value written with a clock time, ``00:00`` included, is
    ``"clock"`` whether or not it can be parsed.

    Parameters
    ----------
    value
        A time as written.

    Returns
    -------
    str or None
        ``"clock"``, ``"date"``, ``"partial"``, or ``None``.
    """
    raw = time_text(value)
    if raw is None:
        return None
    if _DATE_ONLY.match(raw):
        return "date"
    if _PARTIAL_DATE.match(raw):
        return "partial"
    return "clock"


def starts_with_date(value: object) -> bool:
    """Whether a :func:`time_text` begins with a full year-month-day date."""
    return isinstance(value, str) and bool(_DATED.match(value))
