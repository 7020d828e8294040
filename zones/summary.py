"""Moved to :mod:`zones.scenario.summary`.

This alias keeps ``zones.summary`` working for one release.
"""

import sys

from zones.scenario import summary as _moved

sys.modules[__name__] = _moved
