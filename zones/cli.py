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
from zones.errors import ScenarioError
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
    parser.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG,
                        help="language of the output (zh default, en)")
    parser.add_argument("--coord-source", choices=coords.COORD_SOURCES, default="wgs84",
                        help="coordinate system the data was captured in (wgs84 = also CGCS2000)")
    parser.add_argument("--swap-axes", action="store_true",
                        help="swap x and y of every layer (for files written lat/lon)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``zones`` command."""
    parser = _Parser(prog="zones", description="zoneplanner: police responsibility-zone planner "
                     "(责任区规划)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = sub.add_parser("validate", help="check a scenario and print the report")
    _add_read_options(validate)
    info = sub.add_parser("info", help="summarise a scenario")
    _add_read_options(info)
    info.add_argument("--json", action="store_true", help="print the summary as JSON")
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
        t("cli.info.villages", lang, n=counts["villages"], area=facts["area_km2"],
          population=facts["population"]),
        t("cli.info.townships", lang, townships="; ".join(
            f"{k} {v}" for k, v in facts["townships"].items())),
        t("cli.info.officers", lang, police=facts["police"], aux=facts["auxiliaries"]),
        t("cli.info.layers", lang, roads=counts["roads"], incidents=counts["incidents"],
          rooms=counts["rooms"], station=counts["station"]),
    ]
    if facts["incident_first"]:
        lines.append(t("cli.info.period", lang, first=facts["incident_first"],
                       last=facts["incident_last"]))
    lines.append(t("cli.info.report", lang, repairs=len(scenario.report.repairs),
                   warnings=len(scenario.report.warnings)))
    print("\n".join(lines))
    return EXIT_OK


COMMANDS = {"validate": cmd_validate, "info": cmd_info}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``zones`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(levelname)s %(message)s")
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return EXIT_INVALID
    except Exception as exc:  # the last line of defence: no traceback for users
        if args.debug:
            raise
        log.debug("internal error", exc_info=True)
        print(t("cli.internal_error", args.lang, error=f"{type(exc).__name__}: {exc}"),
              file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
