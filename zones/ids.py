"""Identifiers (DESIGN.md: ids are strings) and their natural order, the one every list of zone
ids, tables and messages alike, is sorted by."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DIGIT_RUNS = re.compile(r"(\d+)")  # \d: Unicode decimal digits (ASCII, full-width, Arabic-Indic …)

NaturalKey = tuple[tuple[tuple[int, int, str], ...], str]


def natural_key(value: object) -> NaturalKey:
    """Sort key that orders ids naturally: ``"2"`` before ``"10"``, ``"A2"`` before ``"A10"``,
    ``"3"`` before ``"3b"`` before ``"4"``.

    The id's text (``str(value)``) is cut into runs of digits and runs of other characters.
    Runs compare in turn: a digit run by its value (any script's decimal digits, any length),
    another run by its text, and at the same place a number comes before text (so ``"10"``
    before ``"A"`` and ``"北区"``). Ids equal so far (``"02"`` and ``"2"``) are ordered by
    their text, so the order is total: two ids get the same key only when their text is the
    same, and a sort gives the same list whatever order the ids came in.

    Parameters
    ----------
    value
        An id; anything else is taken as its ``str``.

    Returns
    -------
    tuple
        The key (compare keys with ``<``; do not look inside).
    """
    text = str(value)
    runs = []
    for i, run in enumerate(_DIGIT_RUNS.split(text)):
        if not run:
            continue
        if i % 2:  # a digit run: by value, as the digits without leading zeros
            digits = "".join(str(unicodedata.decimal(c)) for c in run).lstrip("0")
            runs.append((0, len(digits), digits))
        else:
            runs.append((1, 0, run))
    return tuple(runs), text


def natural_sorted(values: Iterable[object]) -> list[str]:
    """The ids of ``values`` as strings, each once, in natural order (:func:`natural_key`)."""
    return sorted({str(v) for v in values}, key=natural_key)
