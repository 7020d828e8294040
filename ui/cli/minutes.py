"""``zones plan --category-minutes``: minutes of work per incident category, written inline
(``纠纷=60,求助=20``) or as a CSV file with the columns ``category,minutes``
(:mod:`zones.zoning.incident_minutes`, loaded only when the option is used)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ui.cli.checks import current_lang, input_file
from ui.cli.texts import t

OPTION = "--category-minutes"


def category_minutes_arg(text: str) -> dict[str, float] | Path:
    """An argparse ``type`` for ``--category-minutes``.

    Parameters
    ----------
    text
        ``category=minutes`` items separated by commas, or the path of a CSV file.

    Returns
    -------
    dict or Path
        The table (inline), or the file's path, read by :func:`category_minutes` before the
        plan is made. A malformed inline table or a folder is a usage error (exit 2).
    """
    from zones.zoning.incident_minutes import CategoryMinutesError, parse_category_minutes

    if "=" not in text:
        return input_file(OPTION)(text)
    try:
        return parse_category_minutes(text)
    except CategoryMinutesError as exc:
        lang = current_lang()
        msg = t("cli.arg.category_minutes", lang, detail=exc.message(lang))
        raise argparse.ArgumentTypeError(msg) from None


def category_minutes(value: dict[str, float] | Path | None) -> dict[str, float] | None:
    """The table of ``--category-minutes``: read from its file when a path was given.

    Raises
    ------
    zones.zoning.incident_minutes.CategoryMinutesError
        For a file that is missing, damaged or holds unusable values (exit 1; the message says
        which row and why, in the language of ``--lang``).
    """
    from zones.zoning.incident_minutes import read_category_minutes

    if isinstance(value, Path):
        return read_category_minutes(value)
    return value
