"""Moved to :mod:`ui.cli`: the ``zones`` command, ``zones export`` included, is a face of its own
beside the app (the export command is :mod:`ui.cli.export`).

This alias keeps ``maps.cli`` working for one release; ``python -m maps.cli`` runs the command.
Nothing in ``maps`` imports it.
"""

from __future__ import annotations

import sys

from ui.cli import add_export_parser, cmd_export, main
from ui.cli import tiles_arg as _tiles_arg

__all__ = ["_tiles_arg", "add_export_parser", "cmd_export", "main"]

if __name__ == "__main__":
    sys.exit(main())
