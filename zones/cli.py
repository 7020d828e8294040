"""The ``zones`` command: ``validate`` and ``info`` (more subcommands arrive with the planner).

Exit codes: 0 valid, 1 invalid input, 2 usage error. No traceback reaches the user; ``--debug``
shows one for bug reports.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Mapping, Sequence

from zones import coords
from zones.errors import ScenarioError, ZonePlannerError
from zones.i18n import DEFAULT_LANG, LANGS, t
from zones.scenario import read_scenario
from zones.summary import summarise

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
log = logging.getLogger("zones")


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and a translated hint on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="scenario folder, .zip or .gpkg")
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=DEFAULT_LANG,
        help="language of the output (zh default, en)",
    )
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
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


Extension = Callable[[argparse._SubParsersAction], None]


def build_parser(extra: Sequence[Extension] = ()) -> argparse.ArgumentParser:
    """The argument parser of the ``zones`` command; ``extra`` adds subcommands that live
    outside the core (``zones export`` comes from :mod:`maps.cli`)."""
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
        type=int,
        default=None,
        help="number of zones (default: suggested from population and staff)",
    )
    plan.add_argument(
        "--tolerance",
        type=float,
        default=0.05,
        help="allowed workload deviation from the mean (0.05 = ±5%%)",
    )
    plan.add_argument(
        "--workload",
        default=None,
        help="column or mix, e.g. incidents=0.6,population=0.4 (default: "
        "incidents when the scenario has them, else population)",
    )
    plan.add_argument(
        "--nest", default=None, help="keep zones inside this village column (e.g. township)"
    )
    plan.add_argument("--seed", type=int, default=0)
    plan.add_argument(
        "--previous",
        default=None,
        help="current map: a villages file (GeoJSON/CSV) with village_id and "
        "zone_id; the plan then moves as few villages as possible",
    )
    plan.add_argument("--out", required=True, help="output folder")
    plan.add_argument(
        "--roster-start",
        default=None,
        type=_date_arg,
        help="also plan the 1+3+2 duty roster from this day (YYYY-MM-DD)",
    )
    plan.add_argument(
        "--roster-days", default=28, type=_positive_int, help="days of the roster (28)"
    )
    plan.add_argument(
        "--peak-hours",
        default=None,
        help="peak windows, e.g. 07:30-09:00,17:00-19:00 (default: found in the incidents)",
    )
    plan.add_argument(
        "--patrol-minutes", type=float, default=60.0, help="time for one patrol loop (60)"
    )
    plan.add_argument(
        "--stop-minutes", type=float, default=12.0, help="time at each hotspot, 10-16 (12)"
    )
    plan.add_argument("--radius", type=float, default=300.0, help="coverage radius in metres (300)")
    plan.add_argument("--no-patrol", action="store_true", help="skip posts and patrol lines")
    _add_roster_parser(sub)
    for add in extra:
        add(sub)
    return parser


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


def cmd_plan(args: argparse.Namespace) -> int:
    """Plan zones, zone heads, auxiliaries and rooms, and write the plan folder (write_plan)."""
    from zones.export import write_plan
    from zones.plan import make_plan
    from zones.plan_io import read_previous
    from zones.workload import parse_weights

    scenario = _read(args)
    workload = parse_weights(args.workload) if args.workload else None
    previous = read_previous(args.previous, scenario.villages.index) if args.previous else None

    shown = [0.0]

    def show(fraction: float, message: str) -> None:
        shown[0] = max(shown[0], fraction)
        if sys.stderr.isatty():
            print(
                f"\r{t('cli.plan.progress', args.lang)} {shown[0]:4.0%} {message:<30}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    plan = make_plan(
        scenario,
        n_zones=args.zones,
        workload=workload,
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
    paths = write_plan(plan, args.out)
    m = plan.metrics
    print(
        t(
            "cli.plan.done",
            args.lang,
            zones=m["n_zones"],
            dev=f"{m['max_abs_deviation']:.2%}",
            pp=f"{m['mean_polsby_popper']:.3f}",
            seconds=m["seconds"],
        )
    )
    print(
        t(
            "cli.plan.staffed",
            args.lang,
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
                args.lang,
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
    for issue in plan.warnings:
        print(issue.to_text(args.lang))
    if previous is not None:
        print(t("cli.plan.moved", args.lang, n=m["moved_units"]))
    print(t("cli.plan.written", args.lang, files=", ".join(p.name for p in paths)))
    return EXIT_OK


def _add_roster_parser(sub) -> None:
    """The ``zones roster`` subcommand (the daily "1+3+2" duty roster)."""
    roster = sub.add_parser("roster", help="plan the daily 1+3+2 duty roster (值班表)")
    _add_read_options(roster)
    roster.add_argument("--start", required=True, type=_date_arg, help="first day, YYYY-MM-DD")
    roster.add_argument("--days", type=_positive_int, default=28, help="number of days (28)")
    roster.add_argument(
        "--pattern",
        type=_pattern_arg,
        default=None,
        help="slots per duty role and day (default call_taker=1,responder=3,patroller=2)",
    )
    roster.add_argument("--leave", default=None, help="CSV of leave: officer_id,start,end")
    roster.add_argument("--heads", default=None, help="zone heads' officer ids, comma-separated")
    roster.add_argument("--seed", type=int, default=0)
    roster.add_argument("--time-limit", type=float, default=20.0, help="seconds (20)")
    roster.add_argument(
        "--on-shortage",
        choices=("raise", "flag"),
        default="raise",
        help="raise: stop when a day cannot be staffed (exit 1); flag: write the gaps",
    )
    roster.add_argument("--out", default=".", help="output folder (default: here)")


def _both(key: str, **params: object) -> str:
    return f"{t(key, 'zh', **params)} / {t(key, 'en', **params)}"


def _date_arg(text: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(_both("cli.roster.bad_date", value=text)) from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"{text!r}: ≥ 1"
        raise argparse.ArgumentTypeError(msg)
    return value


def _pattern_arg(text: str) -> dict[str, int]:
    pattern: dict[str, int] = {}
    for part in text.split(","):
        role, sep, count = part.partition("=")
        if not sep or not role.strip() or not count.strip().isdigit() or role.strip() in pattern:
            raise argparse.ArgumentTypeError(_both("cli.roster.bad_pattern", value=text))
        pattern[role.strip()] = int(count)
    if not sum(pattern.values()):
        raise argparse.ArgumentTypeError(_both("cli.roster.bad_pattern", value=text))
    return pattern


def cmd_roster(args: argparse.Namespace) -> int:
    """Plan the duty roster and write roster.csv, roster_summary.csv and roster.xlsx."""
    from zones.roster import (
        RosterShortageError,
        read_leave,
        shortage_lines,
        solve_roster,
        write_roster,
    )

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


def main(
    argv: Sequence[str] | None = None,
    *,
    extra: Sequence[Extension] = (),
    commands: Mapping[str, Callable[[argparse.Namespace], int]] | None = None,
) -> int:
    """Run the ``zones`` command; returns the exit code.

    ``extra`` and ``commands`` let an outer layer add subcommands (the console script is
    :func:`maps.cli.main`, which adds ``export``), so the core never imports rendering code.
    """
    args = build_parser(extra).parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        return {**COMMANDS, **(commands or {})}[args.command](args)
    except KeyboardInterrupt:
        return EXIT_INVALID
    except ScenarioError as exc:  # bad input: the whole report, then what to do
        print(exc.report.to_text(args.lang))
        print(t("cli.invalid", args.lang))
        return EXIT_INVALID
    except ZonePlannerError as exc:  # a request that cannot be met: the message says why
        print(t("cli.request_error", args.lang, error=str(exc)), file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # the last line of defence: no traceback for users
        if args.debug:
            raise
        log.debug("internal error", exc_info=True)
        print(
            t("cli.internal_error", args.lang, error=f"{type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
