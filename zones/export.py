"""Moved to :mod:`zones.plan.files`.

This alias keeps ``zones.export`` working for one release.
"""

import sys

from zones.plan import files as _moved

sys.modules[__name__] = _moved
