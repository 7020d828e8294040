"""Moved to :mod:`zones.scenario.coords`.

This alias keeps ``zones.coords`` working for one release.
"""

import sys

from zones.scenario import coords as _moved

sys.modules[__name__] = _moved
