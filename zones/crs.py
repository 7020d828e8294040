"""Moved to :mod:`zones.scenario.crs`.

This alias keeps ``zones.crs`` working for one release.
"""

import sys

from zones.scenario import crs as _moved

sys.modules[__name__] = _moved
