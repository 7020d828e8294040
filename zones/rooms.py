"""Moved to :mod:`zones.staffing.rooms`.

This alias keeps ``zones.rooms`` working for one release.
"""

import sys

from zones.staffing import rooms as _moved

sys.modules[__name__] = _moved
