"""Moved to :mod:`zones.zoning.seeding`.

This alias keeps ``zones.seeding`` working for one release.
"""

import sys

from zones.zoning import seeding as _moved

sys.modules[__name__] = _moved
