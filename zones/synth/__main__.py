"""``python -m zones.synth``: write a synthetic station (see :func:`zones.synth.cli.main`)."""

from zones.synth.cli import main

raise SystemExit(main())
