"""Moved to :mod:`zones.patrol.roads`.

This alias keeps ``zones.roads`` working for one release.
"""

import sys

from zones.patrol import roads as _moved

sys.modules[__name__] = _moved
