"""``zones export``: the offline HTML map of a saved plan folder, the one command that draws.

The map code (:mod:`maps`, folium) is loaded when the command runs, so the other commands start
without it. Option checks and errors are those of every command (:mod:`ui.cli.checks`): the same
exit codes and translated messages.
"""

from __future__ import annotations

import argparse

from ui.cli.checks import EXIT_OK, InputFileError, UsageError, check_writable
from ui.cli.commands import profile_line
from ui.cli.texts import t
from zones.errors import ZonePlannerError
from zones.plan.files import read_plan
from zones.plan.privacy import INTERNAL


def cmd_export(args: argparse.Namespace) -> int:
    """Write the HTML map of a saved plan in the privacy profile of ``--profile``.

    Parameters
    ----------
    args
        The parsed ``zones export`` arguments.

    Returns
    -------
    int
        0 when the map was written; errors leave as exceptions (see :func:`ui.cli.main`).
    """
    from maps import save_html
    from maps.tiles import tile_layers

    lang = args.lang
    if args.tiles == "tianditu":
        try:
            tile_layers("tianditu", tianditu_key=args.tianditu_key)
        except ValueError:
            raise UsageError(t("cli.export.tianditu_key", lang)) from None
    check_writable(args.html, lang)
    try:
        plan = read_plan(args.plan)
    except ZonePlannerError as exc:  # PlanFileError: missing, incomplete or damaged files
        msg = t("cli.export.bad_plan", lang, path=args.plan, error=exc.message(lang))
        raise InputFileError(msg) from exc
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
    print(profile_line(args.profile, lang))
    if args.profile == INTERNAL and plan.officers is None:
        print(t("cli.export.no_people", lang))
    return EXIT_OK
