"""Moved to :mod:`zones.zoning.workload`.

This alias keeps ``zones.workload`` working for one release.
"""

import sys

from zones.zoning import workload as _moved

sys.modules[__name__] = _moved
