"""Moved to :mod:`zones.scenario.osm`.

This alias keeps ``zones.osm`` working for one release.
"""

import sys

from zones.scenario import osm as _moved

sys.modules[__name__] = _moved
