"""Moved to :mod:`zones.scenario.topology`.

This alias keeps ``zones.topology`` working for one release.
"""

import sys

from zones.scenario import topology as _moved

sys.modules[__name__] = _moved
