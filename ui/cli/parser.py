"""The ``zones`` command's parser: ``validate``, ``info``, ``plan``, ``roster`` and ``export``.

Usage errors exit with 2 and a hint in the language of ``--lang`` (:class:`_Parser`); the value
checks are :mod:`ui.cli.checks`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from ui.cli.checks import (
    EXIT_USAGE,
    MAX_ROSTER_DAYS,
    MAX_SEED,
    MAX_TIME_LIMIT_S,
    current_lang,
    date_arg,
    input_file,
    number,
    output_file,
    output_folder,
    pattern_arg,
    tiles_arg,
    whole_number,
    workload_arg,
)
from ui.cli.minutes import category_minutes_arg
from ui.cli.texts import DEFAULT_LANG, LANGS, t
from zones.plan.privacy import DEFAULT_PROFILE, PROFILES
from zones.roster.cpsat import DEFAULT_TIME_LIMIT_S
from zones.scenario import coords


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


Extension = Callable[[argparse._SubParsersAction], None]


def build_parser(extra: Sequence[Extension] = ()) -> argparse.ArgumentParser:
    """The argument parser of the ``zones`` command.

    Parameters
    ----------
    extra
        Functions that add more subcommands (after ``validate``, ``info``, ``plan``, ``roster``
        and ``export``).

    Returns
    -------
    argparse.ArgumentParser
        A parser whose errors exit with 2 and a hint in the language of ``--lang``.
    """
    parser = _Parser(
        prog="zones", description="zoneplanner: police responsibility-zone planner (责任区规划)"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser("validate", help="check a scenario and print the report")
    _add_read_options(validate)
    info = sub.add_parser("info", help="summarise a scenario")
    _add_read_options(info)
    info.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_plan_parser(sub)
    _add_roster_parser(sub)
    add_export_parser(sub)
    for add in extra:
        add(sub)
    return parser


def _add_plan_parser(sub) -> None:
    """The ``zones plan`` subcommand: zones, staffing, the plan folder and its privacy profile."""
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
        type=workload_arg,
        default=None,
        help="column or mix, e.g. incidents=0.6,population=0.4 (default: chosen from the "
        "incidents and population, and the plan says which and why)",
    )
    plan.add_argument(
        "--category-minutes",
        type=category_minutes_arg,
        default=None,
        help="minutes of work per incident category, e.g. 纠纷=90,求助=20, or a CSV file with "
        "the columns category,minutes (default: the built-in table, an editable assumption)",
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
    _add_plan_extras(plan)


def _add_plan_extras(plan: argparse.ArgumentParser) -> None:
    """``zones plan``'s roster, peak-hour and patrol options."""
    from zones.patrol.lines import MAX_BUDGET_MINUTES, MAX_RADIUS_M

    plan.add_argument(
        "--roster-start",
        default=None,
        type=date_arg,
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


def _add_roster_parser(sub) -> None:
    """The ``zones roster`` subcommand (the daily "1+3+2" duty roster)."""
    roster = sub.add_parser("roster", help="plan the daily 1+3+2 duty roster (值班表)")
    _add_read_options(roster)
    roster.add_argument("--start", required=True, type=date_arg, help="first day, YYYY-MM-DD")
    roster.add_argument(
        "--days",
        type=whole_number("--days", 1, MAX_ROSTER_DAYS, hint="cli.hint.days"),
        default=28,
        help=f"number of days, 1 to {MAX_ROSTER_DAYS} (28)",
    )
    roster.add_argument(
        "--pattern",
        type=pattern_arg,
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
        default=DEFAULT_TIME_LIMIT_S,
        help=f"seconds, above 0 and at most {MAX_TIME_LIMIT_S:g} ({DEFAULT_TIME_LIMIT_S:g}): "
        "a safety net; the search itself is bounded by counted work, the same on any machine",
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


def add_export_parser(sub) -> None:
    """The ``zones export`` subcommand: an offline HTML map of a saved plan folder.

    Parameters
    ----------
    sub
        The subparsers of the ``zones`` parser.
    """
    export = sub.add_parser("export", help="write an offline HTML map of a saved plan folder")
    export.add_argument("plan", help="a plan folder written by `zones plan --out`")
    export.add_argument(
        "--html",
        required=True,
        type=output_file("--html", "map.html"),
        help="the HTML file to write (missing folders are created)",
    )
    add_profile_option(export, "what the map shows about officers")
    export.add_argument(
        "--tiles",
        default=None,
        type=tiles_arg,
        help="basemap: osm, tianditu or an XYZ URL template (default: none)",
    )
    export.add_argument(
        "--datum",
        choices=coords.COORD_SOURCES,
        default="wgs84",
        help="the tiles' coordinate system (gcj02 for Amap-style tiles)",
    )
    export.add_argument("--tianditu-key", default=None, help="the tk key for --tiles tianditu")
    add_common_options(export)
