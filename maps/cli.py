"""The ``zones`` console script: the core's commands plus ``zones export``, which renders.

``zones/`` never imports folium, so the one command that draws a map lives here and is added
to the core's parser through :func:`zones.cli.main`'s ``extra``/``commands`` hooks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from maps import save_html
from zones import cli
from zones.coords import COORD_SOURCES
from zones.export import read_plan
from zones.i18n import DEFAULT_LANG, LANGS, t


def add_export_parser(sub) -> None:
    """The ``zones export`` subcommand: an offline HTML map (and spreadsheets) of a saved plan."""
    export = sub.add_parser("export", help="write an offline HTML map of a saved plan folder")
    export.add_argument("plan", help="a plan folder written by `zones plan --out`")
    export.add_argument("--html", required=True, help="the HTML file to write")
    export.add_argument(
        "--profile",
        choices=("public", "internal"),
        default="public",
        help="public (default): role codes, no personal data; internal: names, "
        "phones and a confidentiality banner",
    )
    export.add_argument("--lang", choices=LANGS, default=DEFAULT_LANG)
    export.add_argument(
        "--tiles",
        default=None,
        help="basemap: osm, tianditu or an XYZ URL template (default: none)",
    )
    export.add_argument(
        "--datum",
        choices=COORD_SOURCES,
        default="wgs84",
        help="the tiles' coordinate system (gcj02 for Amap-style tiles)",
    )
    export.add_argument("--tianditu-key", default=None)
    export.add_argument("--debug", action="store_true")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the HTML map of a saved plan."""
    plan = read_plan(args.plan)
    path = save_html(
        plan,
        args.html,
        lang=args.lang,
        tiles=args.tiles,
        profile=args.profile,
        datum=args.datum,
        tianditu_key=args.tianditu_key,
    )
    print(t("cli.export.written", args.lang, file=str(path), profile=args.profile))
    return cli.EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``zones`` command with ``export`` included; returns the exit code."""
    return cli.main(argv, extra=[add_export_parser], commands={"export": cmd_export})


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
