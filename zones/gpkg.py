"""Moved to :mod:`zones.scenario.gpkg`.

This alias keeps ``zones.gpkg`` working for one release.
"""

import sys

from zones.scenario import gpkg as _moved

sys.modules[__name__] = _moved
