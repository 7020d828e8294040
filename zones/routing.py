"""Moved to :mod:`zones.patrol.routing`.

This alias keeps ``zones.routing`` working for one release.
"""

import sys

from zones.patrol import routing as _moved

sys.modules[__name__] = _moved
