"""Moved to :mod:`zones.scenario.fields`.

This alias keeps ``zones.fields`` working for one release.
"""

import sys

from zones.scenario import fields as _moved

sys.modules[__name__] = _moved
