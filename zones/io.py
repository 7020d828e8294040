"""Moved to :mod:`zones.scenario.io`.

This alias keeps ``zones.io`` working for one release.
"""

import sys

from zones.scenario import io as _moved

sys.modules[__name__] = _moved
