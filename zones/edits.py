"""Moved to :mod:`zones.plan.edits`.

This alias keeps ``zones.edits`` working for one release.
"""

import sys

from zones.plan import edits as _moved

sys.modules[__name__] = _moved
