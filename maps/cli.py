"""The ``zones`` console script: the core's commands plus ``zones export``, which renders.

``zones/`` never imports folium, so the one command that draws a map lives here and is added
to the core's parser through :func:`zones.cli.main`'s ``extra``/``commands`` hooks. Its option
checks and errors are the core's (:mod:`zones.cli`): the same exit codes and translated
messages.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from maps import save_html
from maps.tiles import NAMED_TILES, tile_layers, validate_template
from zones import cli
from zones.errors import ZonePlannerError
from zones.i18n import t
from zones.plan.files import read_plan
from zones.plan.privacy import INTERNAL
from zones.scenario.coords import COORD_SOURCES


def _tiles_arg(text: str) -> str:
    """``--tiles``: ``osm``, ``tianditu`` or an XYZ template; anything else is a usage error."""
    if text in NAMED_TILES:
        return text
    try:
        return validate_template(text)
    except ValueError:
        lang = cli.current_lang()
        msg = t(
            "cli.export.bad_tiles",
            lang,
            value=text,
            named=t("cli.list_sep", lang).join(NAMED_TILES),
            example=cli.EXAMPLE_TILES,
        )
        raise argparse.ArgumentTypeError(msg) from None


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
        type=cli.output_file("--html", "map.html"),
        help="the HTML file to write (missing folders are created)",
    )
    cli.add_profile_option(export, "what the map shows about officers")
    export.add_argument(
        "--tiles",
        default=None,
        type=_tiles_arg,
        help="basemap: osm, tianditu or an XYZ URL template (default: none)",
    )
    export.add_argument(
        "--datum",
        choices=COORD_SOURCES,
        default="wgs84",
        help="the tiles' coordinate system (gcj02 for Amap-style tiles)",
    )
    export.add_argument("--tianditu-key", default=None, help="the tk key for --tiles tianditu")
    cli.add_common_options(export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the HTML map of a saved plan in the privacy profile of ``--profile``.

    Parameters
    ----------
    args
        The parsed ``zones export`` arguments.

    Returns
    -------
    int
        0 when the map was written; errors leave as the core's exceptions (see
        :func:`zones.cli.main`).
    """
    lang = args.lang
    if args.tiles == "tianditu":
        try:
            tile_layers("tianditu", tianditu_key=args.tianditu_key)
        except ValueError:
            raise cli.UsageError(t("cli.export.tianditu_key", lang)) from None
    cli.check_writable(args.html, lang)
    try:
        plan = read_plan(args.plan)
    except ZonePlannerError as exc:  # PlanFileError: missing, incomplete or damaged files
        msg = t("cli.export.bad_plan", lang, path=args.plan, error=exc)
        raise cli.InputFileError(msg) from exc
    args.html.parent.mkdir(parents=True, exist_ok=True)
    path = save_html(
        plan,
        args.html,
        lang=lang,
        tiles=args.tiles,
        profile=args.profile,
        datum=args.datum,
        tianditu_key=args.tianditu_key,
    )
    print(t("cli.export.map_written", lang, file=str(path)))
    print(cli.profile_line(args.profile, lang))
    if args.profile == INTERNAL and plan.officers is None:
        print(t("cli.export.no_people", lang))
    return cli.EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``zones`` command with ``export`` included.

    Parameters
    ----------
    argv
        The arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        The exit code: 0 done, 1 bad input, 2 usage error.
    """
    return cli.main(argv, extra=[add_export_parser], commands={"export": cmd_export})


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
