"""Moved to :mod:`zones.zoning.graph`.

This alias keeps ``zones.graph`` working for one release.
"""

import sys

from zones.zoning import graph as _moved

sys.modules[__name__] = _moved
