"""Moved to :mod:`zones.zoning.polygons`.

This alias keeps ``zones.plan_io`` working for one release.
"""

import sys

from zones.zoning import polygons as _moved

sys.modules[__name__] = _moved
