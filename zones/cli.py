"""The ``zones`` command: ``validate`` and ``info`` (more subcommands arrive with the planner).

Exit codes: 0 valid, 1 invalid input, 2 usage error. No traceback reaches the user; ``--debug``
shows one for bug reports.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``zones`` command."""
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
    return parser


def _read(args: argparse.Namespace):
    return read_scenario(args.path, coord_source=args.coord_source, swap_axes=args.swap_axes)


def cmd_validate(args: argparse.Namespace) -> int:
    """Print the validation report; 0 when the scenario is usable, 1 when not."""
    try:
        scenario = _read(args)
    except ScenarioError as exc:
        print(exc.report.to_text(args.lang))
        print(t("cli.invalid", args.lang))
        return EXIT_INVALID
    print(scenario.report.to_text(args.lang))
    print(t("cli.valid", args.lang))
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """Print a summary of the scenario (or its errors)."""
    try:
        scenario = _read(args)
    except ScenarioError as exc:
        print(exc.report.to_text(args.lang))
        return EXIT_INVALID
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


def cmd_plan(args: argparse.Namespace) -> int:
    """Plan zones, zone heads, auxiliaries and rooms, and write the plan folder (write_plan)."""
    from zones.export import write_plan
    from zones.plan import make_plan
    from zones.plan_io import read_previous
    from zones.workload import parse_weights

    try:
        scenario = _read(args)
    except ScenarioError as exc:
        print(exc.report.to_text(args.lang))
        return EXIT_INVALID
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
    for issue in plan.warnings:
        print(issue.to_text(args.lang))
    if previous is not None:
        print(t("cli.plan.moved", args.lang, n=m["moved_units"]))
    print(t("cli.plan.written", args.lang, files=", ".join(p.name for p in paths)))
    return EXIT_OK


COMMANDS = {"validate": cmd_validate, "info": cmd_info, "plan": cmd_plan}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``zones`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
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
