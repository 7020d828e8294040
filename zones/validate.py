"""Moved to :mod:`zones.scenario.validate`.

This alias keeps ``zones.validate`` working for one release.
"""

import sys

from zones.scenario import validate as _moved

sys.modules[__name__] = _moved
