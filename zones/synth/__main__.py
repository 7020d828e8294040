"""``python -m zones.synth``: write a synthetic station (see :func:`zones.synth.synth.main`)."""

from zones.synth.synth import main

raise SystemExit(main())
