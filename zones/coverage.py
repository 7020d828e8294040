"""Moved to :mod:`zones.patrol.coverage`.

This alias keeps ``zones.coverage`` working for one release.
"""

import sys

from zones.patrol import coverage as _moved

sys.modules[__name__] = _moved
