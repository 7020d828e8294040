"""The ``zones`` command's argument checks, its errors and the language it speaks.

Every check is an argparse ``type=``: a malformed or out-of-range value (a zero, negative, NaN,
infinite or huge number, a file where a folder is needed) is a usage error (exit 2) whose message
is in the language of ``--lang`` and names the option and the fix. Output paths are checked before
any long work (:func:`check_writable`); file-system errors become one translated line
(:func:`os_error_text`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import math
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from ui.cli.texts import DEFAULT_LANG, LANGS, t
from zones.errors import ZonePlannerError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2

MAX_SEED = 2**31 - 1  # OR-Tools' random_seed is a 32-bit integer
MAX_ROSTER_DAYS = 366  # one year
MAX_PATTERN_SLOTS = 1000  # officers per duty role and day
MAX_TIME_LIMIT_S = 3600.0
FIRST_YEAR, LAST_YEAR = 1900, 2200  # dates a roster may start on (pandas ends in 2262)
EXAMPLE_TILES = "http://pgis.example/tiles/{z}/{x}/{y}.png"

_LANG: ContextVar[str] = ContextVar("zones_cli_lang", default=DEFAULT_LANG)


class UsageError(ZonePlannerError):
    """A command line that cannot work as given, found after parsing (exit 2): two options
    that contradict each other, or one that needs another."""


class OutputError(ZonePlannerError):
    """An output path that cannot be written (exit 1); the message says why and what to do."""


class InputFileError(ZonePlannerError):
    """A file named on the command line cannot be used (exit 1); the message is translated
    and says what to do."""


def lang_of(argv: Sequence[str]) -> str:
    """The language ``--lang`` asks for in ``argv`` (also ``--lang=en`` and unambiguous
    prefixes such as ``--la en``), found before parsing so that usage errors speak it too.

    Parameters
    ----------
    argv
        The command's arguments, without the program name.

    Returns
    -------
    str
        ``"zh"`` (default) or ``"en"``.
    """
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        name, sep, value = arg.partition("=")
        if len(name) < 4 or not "--lang".startswith(name):
            continue
        if not sep:
            value = args[i + 1] if i + 1 < len(args) else ""
        if value in LANGS:
            return value
    return DEFAULT_LANG


def current_lang() -> str:
    """The language of the command being run (for argument checks, which run while parsing)."""
    return _LANG.get()


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within this block, argument checks write their messages in ``lang``.

    Parameters
    ----------
    lang
        ``"zh"`` or ``"en"``.
    """
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


# --- argument checks (argparse ``type=``): a bad value is a usage error in the chosen language ---


def _refuse(
    option: str, value: str, span: str, hint: str | None = None
) -> argparse.ArgumentTypeError:
    lang = current_lang()
    text = t("cli.arg.bad_value", lang, option=option, span=span, value=value)
    if hint:
        text += t("cli.arg.with_hint", lang, hint=hint)
    return argparse.ArgumentTypeError(text)


def _hint(key: str | None, **params: object) -> str | None:
    return t(key, current_lang(), **params) if key else None


def whole_number(
    option: str, low: int, high: int | None = None, *, hint: str | None = None
) -> Callable[[str], int]:
    """An argparse ``type`` for a whole number from ``low`` to ``high`` (no upper bound when
    ``None``).

    Parameters
    ----------
    option
        The option's name, as the message shows it (``"--zones"``).
    low, high
        The smallest and largest value allowed.
    hint
        An ``i18n`` key of a sentence added to the message: what the value means or how to
        leave it out.

    Returns
    -------
    callable
        Text → int; raises ``argparse.ArgumentTypeError`` (a usage error, exit 2) with a
        translated message for anything else: 0, negatives, decimals, ``nan``, out of range.
    """

    def parse(text: str) -> int:
        try:
            value: int | None = int(text.strip())
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            lang = current_lang()
            span = (
                t("cli.arg.whole_min", lang, low=low)
                if high is None
                else t("cli.arg.whole_range", lang, low=low, high=high)
            )
            raise _refuse(option, text, span, _hint(hint, low=low, high=high))
        return value

    return parse


def number(
    option: str,
    low: float,
    high: float,
    *,
    low_open: bool = False,
    high_open: bool = False,
    hint: str | None = None,
) -> Callable[[str], float]:
    """An argparse ``type`` for a finite number between ``low`` and ``high``.

    Parameters
    ----------
    option
        The option's name, as the message shows it (``"--radius"``).
    low, high
        The bounds.
    low_open, high_open
        Whether the bound itself is excluded (``--radius 0`` covers nothing).
    hint
        An ``i18n`` key of a sentence added to the message.

    Returns
    -------
    callable
        Text → float; raises ``argparse.ArgumentTypeError`` (exit 2) with a translated
        message for ``nan``, ``inf``, text and values out of range.
    """

    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            value = math.nan
        above = value > low if low_open else value >= low
        below = value < high if high_open else value <= high
        if not (math.isfinite(value) and above and below):  # NaN fails every comparison
            kind = ("open" if low_open else "closed") + "_" + ("open" if high_open else "closed")
            span = t(f"cli.arg.number_{kind}", current_lang(), low=f"{low:g}", high=f"{high:g}")
            raise _refuse(option, text, span, _hint(hint, low=f"{low:g}", high=f"{high:g}"))
        return value

    return parse


def _nearest_existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path.cwd()


def _path_text(text: str) -> Path:
    return Path(text).expanduser()


def output_folder(option: str) -> Callable[[str], Path]:
    """An argparse ``type`` for an output folder: new or existing, never an existing file.

    Parameters
    ----------
    option
        The option's name (``"--out"``).

    Returns
    -------
    callable
        Text → Path; a path that is a file, or lies under one, is a usage error (exit 2).
        Whether the folder can be written is checked by :func:`check_writable`.
    """

    def parse(text: str) -> Path:
        path = _path_text(text)
        if not text.strip():
            raise _refuse(option, repr(text), t("cli.arg.a_folder", current_lang()))
        existing = _nearest_existing(path)
        if existing == path and not path.is_dir():
            raise argparse.ArgumentTypeError(
                t("cli.arg.folder_is_file", current_lang(), option=option, path=path)
            )
        if not existing.is_dir():
            raise argparse.ArgumentTypeError(
                t("cli.arg.under_a_file", current_lang(), option=option, path=path, file=existing)
            )
        return path

    return parse


def output_file(option: str, example: str) -> Callable[[str], Path]:
    """An argparse ``type`` for a file to write: new or existing, never a folder.

    Parameters
    ----------
    option
        The option's name (``"--html"``).
    example
        A file name to suggest when a folder is given (``"map.html"``).

    Returns
    -------
    callable
        Text → Path; a folder, or a path under an existing file, is a usage error (exit 2).
        Missing parent folders are fine: the command creates them (:func:`check_writable`).
    """

    def parse(text: str) -> Path:
        path = _path_text(text)
        lang = current_lang()
        if not text.strip() or path.is_dir() or text.rstrip().endswith(("/", os.sep)):
            shown = path / example if text.strip() else Path(example)
            raise argparse.ArgumentTypeError(
                t("cli.arg.file_is_folder", lang, option=option, path=path, example=shown)
            )
        existing = _nearest_existing(path.parent)
        if not existing.is_dir():
            raise argparse.ArgumentTypeError(
                t("cli.arg.under_a_file", lang, option=option, path=path, file=existing)
            )
        return path

    return parse


def input_file(option: str) -> Callable[[str], Path]:
    """An argparse ``type`` for a file to read: a folder is a usage error (exit 2); a missing
    file is left to the reader, which says so (exit 1).

    Parameters
    ----------
    option
        The option's name (``"--previous"``).

    Returns
    -------
    callable
        Text → Path.
    """

    def parse(text: str) -> Path:
        path = _path_text(text)
        if not text.strip() or path.is_dir():
            raise argparse.ArgumentTypeError(
                t("cli.arg.input_is_folder", current_lang(), option=option, path=path)
            )
        return path

    return parse


def check_writable(path: Path, lang: str) -> None:
    """Check, before any long work, that ``path`` (a file or folder to write) can be written:
    its nearest existing folder must be writable. Missing folders are created later.

    Parameters
    ----------
    path
        The output file or folder.
    lang
        Language of the message.

    Raises
    ------
    OutputError
        When the nearest existing folder is not writable (exit 1).
    """
    existing = _nearest_existing(path)
    folder = existing if existing.is_dir() else existing.parent
    if existing == path and existing.is_file():
        writable = os.access(existing, os.W_OK)
    else:
        writable = os.access(folder, os.W_OK | os.X_OK)
    if not writable:
        raise OutputError(t("cli.not_writable", lang, path=path, folder=folder))


def date_arg(text: str) -> str:
    """An argparse ``type`` for a day, ``YYYY-MM-DD``, from :data:`FIRST_YEAR` to
    :data:`LAST_YEAR` (``--start``, ``--roster-start``).

    Parameters
    ----------
    text
        The option's value.

    Returns
    -------
    str
        The day in ISO form; anything else is a usage error (exit 2) in the chosen language.
    """
    lang = current_lang()
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.roster.bad_date", lang, value=text)) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        msg = t("cli.arg.date_range", lang, value=text, low=FIRST_YEAR, high=LAST_YEAR)
        raise argparse.ArgumentTypeError(msg)
    return day.isoformat()


def pattern_arg(text: str) -> dict[str, int]:
    """An argparse ``type`` for ``--pattern``: slots per duty role and day,
    ``call_taker=1,responder=3,patroller=2``.

    Parameters
    ----------
    text
        The option's value.

    Returns
    -------
    dict
        Role → slots; a malformed, empty or huge pattern is a usage error (exit 2).
    """
    lang = current_lang()
    pattern: dict[str, int] = {}
    for part in text.split(","):
        role, sep, count = part.partition("=")
        if not sep or not role.strip() or not count.strip().isdigit() or role.strip() in pattern:
            raise argparse.ArgumentTypeError(t("cli.roster.bad_pattern", lang, value=text))
        pattern[role.strip()] = int(count)
    if not sum(pattern.values()):
        raise argparse.ArgumentTypeError(t("cli.roster.bad_pattern", lang, value=text))
    if max(pattern.values()) > MAX_PATTERN_SLOTS:
        msg = t("cli.arg.pattern_slots", lang, value=text, high=MAX_PATTERN_SLOTS)
        raise argparse.ArgumentTypeError(msg)
    return pattern


def workload_arg(text: str) -> str | dict[str, float]:
    """An argparse ``type`` for ``--workload``: a column or a weighted mix of columns
    (``incidents=0.6,population=0.4``).

    Parameters
    ----------
    text
        The option's value.

    Returns
    -------
    str or dict
        The column, or column → weight; weights that are negative, not finite or all zero are a
        usage error (exit 2).
    """
    from zones.zoning.workload import parse_weights

    try:
        weights = parse_weights(text)
    except ZonePlannerError:
        weights = {}
    if isinstance(weights, str):
        ok = bool(weights)
    else:
        values = list(weights.values())
        ok = (
            bool(values)
            and all(math.isfinite(w) and w >= 0 for w in values)
            and sum(values) > 0
            and all(name.strip() for name in weights)
        )
    if not ok:
        shown = text if text.strip() else repr(text)
        raise argparse.ArgumentTypeError(t("cli.arg.workload", current_lang(), value=shown))
    return weights


def tiles_arg(text: str) -> str:
    """An argparse ``type`` for ``--tiles``: ``osm``, ``tianditu`` or an XYZ URL template.

    Parameters
    ----------
    text
        The option's value.

    Returns
    -------
    str
        The name or the template; anything else is a usage error (exit 2). The map code
        (:mod:`maps.tiles`) is loaded only here, when a basemap is asked for.
    """
    from maps.tiles import NAMED_TILES, validate_template

    if text in NAMED_TILES:
        return text
    try:
        return validate_template(text)
    except ValueError:
        lang = current_lang()
        msg = t(
            "cli.export.bad_tiles",
            lang,
            value=text,
            named=t("cli.list_sep", lang).join(NAMED_TILES),
            example=EXAMPLE_TILES,
        )
        raise argparse.ArgumentTypeError(msg) from None


_OS_REASONS = {
    errno.EACCES: "cli.os.denied",
    errno.EPERM: "cli.os.denied",
    errno.EROFS: "cli.os.read_only",
    errno.ENOSPC: "cli.os.full",
    errno.EDQUOT: "cli.os.full",
    errno.ENOENT: "cli.os.missing",
    errno.EISDIR: "cli.os.is_folder",
    errno.ENOTDIR: "cli.os.not_folder",
    errno.ENAMETOOLONG: "cli.os.too_long",
}


def os_error_text(exc: OSError, lang: str) -> str:
    """A file-system error as one translated line: which path, what went wrong, what to do.

    Parameters
    ----------
    exc
        The error (``PermissionError``, a full disk, a read-only file system …).
    lang
        ``"zh"`` or ``"en"``.
    """
    key = _OS_REASONS.get(exc.errno or -1)
    reason = t(key, lang) if key else (exc.strerror or str(exc))
    path = exc.filename if exc.filename is not None else "-"
    return t("cli.os_error", lang, path=path, reason=reason)
