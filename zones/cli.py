"""The ``zones`` command: ``validate``, ``info``, ``plan`` and ``roster`` (``export`` is added by
:mod:`maps.cli`).

Exit codes: 0 done (valid), 1 bad input or a request that cannot be met (a damaged or invalid
file, a folder that cannot be written, too few officers …), 2 usage error (an option's value is
malformed or out of range: a zero, negative, NaN, infinite or huge number, a file where a folder
is needed). Every message is in the language of ``--lang`` and says how to fix it. No traceback
reaches the user; ``--debug`` shows one for bug reports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import json
import logging
import math
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from zones.errors import ScenarioError, ZonePlannerError
from zones.i18n import DEFAULT_LANG, LANGS, t
from zones.plan.privacy import DEFAULT_PROFILE, PROFILES, PUBLIC
from zones.scenario import coords
from zones.scenario.readers import read_scenario
from zones.scenario.summary import summarise

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("zones")

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


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a translated hint on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        head, _, rest = message.partition(": ")
        if head.startswith("argument ") and rest.startswith(head.removeprefix("argument ")):
            message = rest  # our checks name the option themselves, in the chosen language
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {message}\n")
        sys.stderr.write(t("cli.usage_hint", current_lang(), prog=self.prog) + "\n")
        raise SystemExit(EXIT_USAGE)


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


def _date_arg(text: str) -> str:
    lang = current_lang()
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.roster.bad_date", lang, value=text)) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        msg = t("cli.arg.date_range", lang, value=text, low=FIRST_YEAR, high=LAST_YEAR)
        raise argparse.ArgumentTypeError(msg)
    return day.isoformat()


def _pattern_arg(text: str) -> dict[str, int]:
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


def _workload_arg(text: str) -> str | dict[str, float]:
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


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """``--lang`` and ``--debug``, which every subcommand has.

    Parameters
    ----------
    parser
        The subcommand's parser.
    """
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=DEFAULT_LANG,
        help="language of the output (zh default, en)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="scenario folder, .zip or .gpkg")
    add_common_options(parser)
    parser.add_argument(
        "--coord-source",
        choices=coords.COORD_SOURCES,
        default="wgs84",
        help="coordinate system the data was captured in (wgs84 = also CGCS2000)",
    )
    parser.add_argument(
        "--swap-axes",
        action="store_true",
        help="swap x and y of every layer (for files written lat/lon)",
    )


def add_profile_option(parser: argparse.ArgumentParser, what: str) -> None:
    """The ``--profile public|internal`` option (default ``public``) of commands that write
    officers' data.

    Parameters
    ----------
    parser
        The subcommand's parser.
    what
        What the profile decides, for the help text.
    """
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default=DEFAULT_PROFILE,
        help=f"{what}: public (default) has officer ids and role codes only, no names, phones "
        "or homes; internal has everything (内部资料: keep it confidential)",
    )


def profile_line(profile: str, lang: str) -> str:
    """The line that says which privacy profile was written, e.g. ``已写出：公开版（不含姓名、
    电话）`` / ``Profile written: public (no names or phones)``.

    Parameters
    ----------
    profile
        ``"public"`` or ``"internal"``.
    lang
        ``"zh"`` or ``"en"``.
    """
    return t("cli.profile.written", lang, profile=t(f"cli.profile.{profile}", lang))


Extension = Callable[[argparse._SubParsersAction], None]


def build_parser(extra: Sequence[Extension] = ()) -> argparse.ArgumentParser:
    """The argument parser of the ``zones`` command.

    Parameters
    ----------
    extra
        Functions that add subcommands living outside the core (``zones export`` comes
        from :mod:`maps.cli`).

    Returns
    -------
    argparse.ArgumentParser
        A parser whose errors exit with 2 and a hint in the language of ``--lang``.
    """
    from zones.patrol.lines import MAX_BUDGET_MINUTES, MAX_RADIUS_M

    parser = _Parser(
        prog="zones", description="zoneplanner: police responsibility-zone planner (责任区规划)"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser("validate", help="check a scenario and print the report")
    _add_read_options(validate)
    info = sub.add_parser("info", help="summarise a scenario")
    _add_read_options(info)
    info.add_argument("--json", action="store_true", help="print the summary as JSON")
    plan = sub.add_parser("plan", help="split the villages into responsibility zones")
    _add_read_options(plan)
    plan.add_argument(
        "--zones",
        type=whole_number("--zones", 1, hint="cli.hint.zones"),
        default=None,
        help="number of zones, 1 or more (default: suggested from population and staff)",
    )
    plan.add_argument(
        "--tolerance",
        type=number("--tolerance", 0, 1, high_open=True, hint="cli.hint.tolerance"),
        default=0.05,
        help="allowed workload deviation from the mean, 0 to below 1 (0.05 = ±5%%)",
    )
    plan.add_argument(
        "--workload",
        type=_workload_arg,
        default=None,
        help="column or mix, e.g. incidents=0.6,population=0.4 (default: "
        "incidents when the scenario has them, else population)",
    )
    plan.add_argument(
        "--nest", default=None, help="keep zones inside this village column (e.g. township)"
    )
    plan.add_argument(
        "--seed",
        type=whole_number("--seed", 0, MAX_SEED, hint="cli.hint.seed"),
        default=0,
        help=f"0 to {MAX_SEED}: the same seed gives the same plan (0)",
    )
    plan.add_argument(
        "--previous",
        type=input_file("--previous"),
        default=None,
        help="current map: a villages file (GeoJSON/CSV) with village_id and "
        "zone_id; the plan then moves as few villages as possible",
    )
    plan.add_argument(
        "--out",
        required=True,
        type=output_folder("--out"),
        help="output folder (created when missing)",
    )
    add_profile_option(plan, "what the plan folder holds about officers")
    plan.add_argument(
        "--roster-start",
        default=None,
        type=_date_arg,
        help="also plan the 1+3+2 duty roster from this day (YYYY-MM-DD)",
    )
    plan.add_argument(
        "--roster-days",
        default=28,
        type=whole_number("--roster-days", 1, MAX_ROSTER_DAYS, hint="cli.hint.days"),
        help=f"days of the roster, 1 to {MAX_ROSTER_DAYS} (28)",
    )
    plan.add_argument(
        "--peak-hours",
        default=None,
        help="peak windows, e.g. 07:30-09:00,17:00-19:00 (default: found in the incidents)",
    )
    plan.add_argument(
        "--patrol-minutes",
        type=number(
            "--patrol-minutes", 0, MAX_BUDGET_MINUTES, low_open=True, hint="cli.hint.patrol"
        ),
        default=60.0,
        help=f"time for one patrol loop, above 0 and at most {MAX_BUDGET_MINUTES} (60)",
    )
    plan.add_argument(
        "--stop-minutes",
        type=number("--stop-minutes", 0, MAX_BUDGET_MINUTES, hint="cli.hint.stop"),
        default=12.0,
        help="time at each hotspot, 10-16 (12); at most the patrol minutes",
    )
    plan.add_argument(
        "--radius",
        type=number("--radius", 0, MAX_RADIUS_M, low_open=True, hint="cli.hint.radius"),
        default=300.0,
        help=f"coverage radius in metres, above 0 and at most {MAX_RADIUS_M} (300)",
    )
    plan.add_argument("--no-patrol", action="store_true", help="skip posts and patrol lines")
    _add_roster_parser(sub)
    for add in extra:
        add(sub)
    return parser


def _add_roster_parser(sub) -> None:
    """The ``zones roster`` subcommand (the daily "1+3+2" duty roster)."""
    roster = sub.add_parser("roster", help="plan the daily 1+3+2 duty roster (值班表)")
    _add_read_options(roster)
    roster.add_argument("--start", required=True, type=_date_arg, help="first day, YYYY-MM-DD")
    roster.add_argument(
        "--days",
        type=whole_number("--days", 1, MAX_ROSTER_DAYS, hint="cli.hint.days"),
        default=28,
        help=f"number of days, 1 to {MAX_ROSTER_DAYS} (28)",
    )
    roster.add_argument(
        "--pattern",
        type=_pattern_arg,
        default=None,
        help="slots per duty role and day (default call_taker=1,responder=3,patroller=2)",
    )
    roster.add_argument(
        "--leave",
        type=input_file("--leave"),
        default=None,
        help="CSV of leave: officer_id,start,end",
    )
    roster.add_argument("--heads", default=None, help="zone heads' officer ids, comma-separated")
    roster.add_argument(
        "--seed",
        type=whole_number("--seed", 0, MAX_SEED, hint="cli.hint.seed"),
        default=0,
        help=f"0 to {MAX_SEED} (0)",
    )
    roster.add_argument(
        "--time-limit",
        type=number("--time-limit", 0, MAX_TIME_LIMIT_S, low_open=True, hint="cli.hint.time"),
        default=20.0,
        help=f"seconds, above 0 and at most {MAX_TIME_LIMIT_S:g} (20)",
    )
    roster.add_argument(
        "--on-shortage",
        choices=("raise", "flag"),
        default="raise",
        help="raise: stop when a day cannot be staffed (exit 1); flag: write the gaps",
    )
    roster.add_argument(
        "--out",
        default=".",
        type=output_folder("--out"),
        help="output folder (default: here; created when missing)",
    )


def _read(args: argparse.Namespace):
    return read_scenario(args.path, coord_source=args.coord_source, swap_axes=args.swap_axes)


def cmd_validate(args: argparse.Namespace) -> int:
    """Print the validation report; 0 when the scenario is usable, 1 when not."""
    scenario = _read(args)
    print(scenario.report.to_text(args.lang))
    print(t("cli.valid", args.lang))
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """Print a summary of the scenario (or its errors)."""
    scenario = _read(args)
    facts = summarise(scenario)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = args.lang
    counts = facts["counts"]
    lines = [
        t("cli.info.name", lang, name=facts["name"]),
        t(
            "cli.info.villages",
            lang,
            n=counts["villages"],
            area=facts["area_km2"],
            population=facts["population"],
        ),
        t(
            "cli.info.townships",
            lang,
            townships="; ".join(f"{k} {v}" for k, v in facts["townships"].items()),
        ),
        t("cli.info.officers", lang, police=facts["police"], aux=facts["auxiliaries"]),
        t(
            "cli.info.layers",
            lang,
            roads=counts["roads"],
            incidents=counts["incidents"],
            rooms=counts["rooms"],
            station=counts["station"],
        ),
    ]
    if facts["incident_first"]:
        lines.append(
            t("cli.info.period", lang, first=facts["incident_first"], last=facts["incident_last"])
        )
    lines.append(
        t(
            "cli.info.report",
            lang,
            repairs=len(scenario.report.repairs),
            warnings=len(scenario.report.warnings),
        )
    )
    print("\n".join(lines))
    return EXIT_OK


def _pct(share: float) -> str:
    return "-" if share != share else f"{share:.0%}"  # NaN: nothing to cover


def _km(metres: float) -> str:
    return "-" if metres != metres else f"{metres / 1000:.1f}"


class InputFileError(ZonePlannerError):
    """A file named on the command line cannot be used (exit 1); the message is translated
    and says what to do."""


def _read_previous(path: Path, index, lang: str):
    """The current map (``--previous``), with a damaged or foreign file as an input error."""
    from zones.zoning.polygons import read_previous

    try:
        return read_previous(path, index)
    except ZonePlannerError:
        raise
    except (RuntimeError, ValueError) as exc:  # pyogrio, pandas and codec errors of a bad file
        log.debug("unreadable --previous", exc_info=True)
        msg = t("cli.previous_unreadable", lang, path=path, error=exc)
        raise InputFileError(msg) from exc


def _remove_personal_files(folder: Path) -> list[Path]:
    """Files with names and phones that an earlier internal plan left in ``folder``."""
    from zones.plan.privacy import PERSONAL_FILES

    removed = []
    for name in PERSONAL_FILES:
        stale = folder / name
        if stale.is_file():
            stale.unlink()
            removed.append(stale)
    return removed


def cmd_plan(args: argparse.Namespace) -> int:
    """Plan zones, zone heads, auxiliaries, rooms and patrols, and write the plan folder
    (:func:`zones.write_plan`) in the privacy profile of ``--profile``."""
    from zones.plan.files import write_plan
    from zones.plan.pipeline import make_plan
    from zones.plan.privacy import plan_for_profile

    lang = args.lang
    if not args.no_patrol and args.stop_minutes > args.patrol_minutes:
        msg = t(
            "cli.plan.stop_over_budget",
            lang,
            stop=f"{args.stop_minutes:g}",
            budget=f"{args.patrol_minutes:g}",
        )
        raise UsageError(msg)
    check_writable(args.out, lang)  # before the long work
    scenario = _read(args)
    previous = (
        _read_previous(args.previous, scenario.villages.index, lang) if args.previous else None
    )

    shown = [0.0]

    def show(fraction: float, message: str) -> None:
        shown[0] = max(shown[0], fraction)
        if sys.stderr.isatty():
            print(
                f"\r{t('cli.plan.progress', lang)} {shown[0]:4.0%} {message:<30}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    plan = make_plan(
        scenario,
        n_zones=args.zones,
        workload=args.workload,
        tolerance=args.tolerance,
        seed=args.seed,
        previous=previous,
        nest_within=args.nest,
        roster_start=args.roster_start,
        roster_days=args.roster_days,
        patrol=not args.no_patrol,
        peak_hours=args.peak_hours,
        patrol_budget_minutes=args.patrol_minutes,
        patrol_stop_minutes=args.stop_minutes,
        patrol_radius_m=args.radius,
        progress=show,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    removed = _remove_personal_files(args.out) if args.profile == PUBLIC else []
    paths = write_plan(plan_for_profile(plan, args.profile), args.out)
    m = plan.metrics
    print(
        t(
            "cli.plan.done",
            lang,
            zones=m["n_zones"],
            dev=f"{m['max_abs_deviation']:.2%}",
            pp=f"{m['mean_polsby_popper']:.3f}",
            seconds=m["seconds"],
        )
    )
    print(
        t(
            "cli.plan.staffed",
            lang,
            staffed=m["villages_staffed"],
            villages=m["villages"],
            home=m["aux_home"],
            familiar=m["aux_familiar"],
            new=m["rooms_new"],
        )
    )
    if "patrol_lines" in m:
        print(
            t(
                "cli.plan.patrol",
                lang,
                lines=m["patrol_lines"],
                posts=m["posts"],
                peaks=m["peak_windows"] or "-",
                offpeak=_pct(m["patrol_coverage_offpeak"]),
                peak=_pct(m["post_coverage_peak"]),
                radius=f"{args.radius:g}",
                median=_km(m["base_distance_m_median"]),
                p90=_km(m["base_distance_m_p90"]),
            )
        )
    for issue in (*plan.warnings, *paths.warnings):
        print(issue.to_text(lang))
    if previous is not None:
        print(t("cli.plan.moved", lang, n=m["moved_units"]))
    print(t("cli.plan.written", lang, files=", ".join(p.name for p in paths)))
    print(profile_line(args.profile, lang))
    if removed:
        print(t("cli.plan.removed_personal", lang, files=", ".join(p.name for p in removed)))
    return EXIT_OK


def cmd_roster(args: argparse.Namespace) -> int:
    """Plan the duty roster and write roster.csv, roster_summary.csv and roster.xlsx."""
    from zones.roster.roster import (
        RosterShortageError,
        read_leave,
        shortage_lines,
        solve_roster,
        write_roster,
    )

    check_writable(args.out, args.lang)  # before the work
    scenario = _read(args)
    leave = read_leave(args.leave) if args.leave else None
    heads = [h.strip() for h in args.heads.split(",") if h.strip()] if args.heads else None

    def show(fraction: float, message: str) -> None:
        if sys.stderr.isatty():
            text = f"\r{t('cli.roster.progress', args.lang)} {fraction:4.0%} {message:<12}"
            print(text, end="", file=sys.stderr, flush=True)

    try:
        result = solve_roster(
            scenario.officers,
            args.start,
            args.days,
            pattern=args.pattern,
            leave=leave,
            zone_heads=heads,
            seed=args.seed,
            on_shortage=args.on_shortage,
            time_limit_s=args.time_limit,
            progress=show,
        )
    except RosterShortageError as exc:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(exc.message(args.lang), file=sys.stderr)
        return EXIT_INVALID
    if sys.stderr.isatty():
        print(file=sys.stderr)
    paths = write_roster(result, args.out, lang=args.lang)
    m = result.metrics
    spread = m["spread"]
    print(
        t(
            "cli.roster.done",
            args.lang,
            start=result.settings["start"],
            end=result.table["date"].max().date().isoformat(),
            days=result.settings["days"],
            officers=int(result.summary["fair"].sum()),
            spread=spread["all"],
            police=spread["police"],
            aux=spread["auxiliary"],
            seconds=f"{m['seconds']:.1f}",
        )
    )
    if m["flagged_days"]:
        days, slots = len(m["flagged_days"]), m["unfilled_slots"]
        print(t("cli.roster.flagged", args.lang, days=days, slots=slots))
        print("\n".join(shortage_lines(result.shortages, args.lang)))
    if m["stopped_by"] != "proof":
        print(t("cli.roster.time_limit", args.lang))
    print(t("cli.roster.written", args.lang, files=", ".join(p.name for p in paths)))
    return EXIT_OK


COMMANDS = {
    "validate": cmd_validate,
    "info": cmd_info,
    "plan": cmd_plan,
    "roster": cmd_roster,
}

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


def main(
    argv: Sequence[str] | None = None,
    *,
    extra: Sequence[Extension] = (),
    commands: Mapping[str, Callable[[argparse.Namespace], int]] | None = None,
) -> int:
    """Run the ``zones`` command; returns the exit code.

    Parameters
    ----------
    argv
        The arguments (default ``sys.argv[1:]``).
    extra, commands
        Let an outer layer add subcommands (the console script is :func:`maps.cli.main`,
        which adds ``export``), so the core never imports rendering code.

    Returns
    -------
    int
        0 done, 1 bad input or a request that cannot be met, 2 usage error (argparse's own
        usage errors leave through ``SystemExit(2)``).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(lang_of(argv)):
        args = build_parser(extra).parse_args(argv)
    lang = args.lang
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        with speaking(lang):
            return {**COMMANDS, **(commands or {})}[args.command](args)
    except KeyboardInterrupt:
        print(t("cli.interrupted", lang), file=sys.stderr)
        return EXIT_INVALID
    except ScenarioError as exc:  # bad input: the whole report, then what to do
        print(exc.report.to_text(lang))
        print(t("cli.invalid", lang))
        return EXIT_INVALID
    except UsageError as exc:  # options that contradict each other
        print(str(exc), file=sys.stderr)
        print(t("cli.usage_hint", lang, prog=f"zones {args.command}"), file=sys.stderr)
        return EXIT_USAGE
    except (InputFileError, OutputError) as exc:  # translated already, with the fix
        print(str(exc), file=sys.stderr)
        return EXIT_INVALID
    except ZonePlannerError as exc:  # a request that cannot be met: the message says why
        message = exc.message(lang) if callable(getattr(exc, "message", None)) else str(exc)
        print(t("cli.request_error", lang, error=message), file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # the file system said no: permissions, a full disk, a read-only mount
        log.debug("file system error", exc_info=True)
        print(os_error_text(exc, lang), file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # the last line of defence: no traceback for users
        if args.debug:
            raise
        log.debug("internal error", exc_info=True)
        print(
            t("cli.internal_error", lang, error=f"{type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
