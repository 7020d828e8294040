"""Moved to :mod:`zones.plan.privacy`.

This alias keeps ``zones.privacy`` working for one release.
"""

import sys

from zones.plan import privacy as _moved

sys.modules[__name__] = _moved
