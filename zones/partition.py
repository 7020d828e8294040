"""Moved to :mod:`zones.zoning.partition`.

This alias keeps ``zones.partition`` working for one release.
"""

import sys

from zones.zoning import partition as _moved

sys.modules[__name__] = _moved
