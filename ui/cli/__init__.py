"""The ``zones`` command, a face of its own beside the app: ``validate``, ``info``, ``plan``,
``roster`` and ``export``.

The console script ``zones`` is :func:`main`. The package holds the parser
(:mod:`ui.cli.parser`), the argument checks and errors (:mod:`ui.cli.checks`), the commands
(:mod:`ui.cli.commands`, and :mod:`ui.cli.export`, the one that draws) and the command's words
(:mod:`ui.cli.texts`). Starting the command loads neither folium nor Streamlit; ``zones export``
loads the map code when it runs.

Exit codes: 0 done (valid), 1 bad input or a request that cannot be met (a damaged or invalid
file, a folder that cannot be written, too few officers …), 2 usage error (an option's value is
malformed or out of range: a zero, negative, NaN, infinite or huge number, a file where a folder
is needed). Every message is in the language of ``--lang`` and says how to fix it. No traceback
reaches the user; ``--debug`` shows one for bug reports.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Mapping, Sequence

from ui.cli.checks import (
    EXAMPLE_TILES,
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_PATTERN_SLOTS,
    MAX_ROSTER_DAYS,
    MAX_SEED,
    MAX_TIME_LIMIT_S,
    InputFileError,
    OutputError,
    UsageError,
    check_writable,
    current_lang,
    date_arg,
    input_file,
    lang_of,
    number,
    os_error_text,
    output_file,
    output_folder,
    pattern_arg,
    speaking,
    tiles_arg,
    whole_number,
    workload_arg,
)
from ui.cli.commands import cmd_info, cmd_plan, cmd_roster, cmd_validate, profile_line
from ui.cli.export import cmd_export
from ui.cli.parser import (
    Extension,
    add_common_options,
    add_export_parser,
    add_profile_option,
    build_parser,
)
from ui.cli.texts import t
from zones.errors import ScenarioError, ZonePlannerError

__all__ = [
    "COMMANDS",
    "EXAMPLE_TILES",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_PATTERN_SLOTS",
    "MAX_ROSTER_DAYS",
    "MAX_SEED",
    "MAX_TIME_LIMIT_S",
    "Extension",
    "InputFileError",
    "OutputError",
    "UsageError",
    "add_common_options",
    "add_export_parser",
    "add_profile_option",
    "build_parser",
    "check_writable",
    "cmd_export",
    "cmd_info",
    "cmd_plan",
    "cmd_roster",
    "cmd_validate",
    "current_lang",
    "date_arg",
    "input_file",
    "lang_of",
    "main",
    "number",
    "os_error_text",
    "output_file",
    "output_folder",
    "pattern_arg",
    "profile_line",
    "speaking",
    "tiles_arg",
    "whole_number",
    "workload_arg",
]

log = logging.getLogger("zones")

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate,
    "info": cmd_info,
    "plan": cmd_plan,
    "roster": cmd_roster,
    "export": cmd_export,
}


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
        More subcommands: functions that add their parsers (see :func:`build_parser`) and
        the functions that run them, by name.

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
