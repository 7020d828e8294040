"""Moved to :mod:`zones.scenario.attributes`.

This alias keeps ``zones.attributes`` working for one release.
"""

import sys

from zones.scenario import attributes as _moved

sys.modules[__name__] = _moved
