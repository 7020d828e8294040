"""Moved to :mod:`zones.patrol.peaks`.

This alias keeps ``zones.peaks`` working for one release.
"""

import sys

from zones.patrol import peaks as _moved

sys.modules[__name__] = _moved
