"""``python -m ui.cli``: the ``zones`` command (see :func:`ui.cli.main`)."""

from ui.cli import main

raise SystemExit(main())
