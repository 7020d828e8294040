"""The balance no plan can beat: proven floors of the worst deviation, and who causes them.

Contiguity only removes plans, so a floor proved without it holds for every contiguous plan.
The arguments are the ones command staff can check by hand:

- **a heavy village**: a zone holding a village heavier than the band is at least that village
  (``worst / mean − 1``); the other zones then share what is left, which is below the mean;
- **whole counts**: incident counts move in steps of their greatest common divisor, so when a
  zone's share of the workload is not a whole number of steps, some zone is a step away;
- **too few villages carry any workload**: fewer villages with workload than zones leaves a
  zone at 0 (100% off).

They are lower bounds, not the optimum: a plan that misses the tolerance although its floor
is below the tolerance has not been proven impossible, and the plan says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zones.zoning.feasibility import count_floor, whole_counts

NONE, HEAVY, WHOLE, SPARSE = "none", "heavy_unit", "whole_counts", "sparse"


@dataclass(frozen=True)
class Floor:
    """The smallest worst deviation provably possible, and why.

    Attributes
    ----------
    deviation
        Smallest possible worst ``|zone workload − mean| / mean`` over all zones.
    others
        Smallest possible worst deviation over the zones without a heavy unit (equal to
        ``deviation`` when no unit is heavy).
    reason
        ``"heavy_unit"``, ``"whole_counts"``, ``"sparse"`` or ``"none"`` (nothing proves a
        deviation above 0): the argument behind ``deviation``.
    units
        Positions of the units responsible (the heavy ones), heaviest first.
    step
        Step of whole counts (their greatest common divisor), 0 for other workloads.
    """

    deviation: float
    others: float
    reason: str
    units: tuple[int, ...] = ()
    step: float = 0.0

    def proves_unreachable(self, tolerance: float, slack: float = 1e-9) -> bool:
        """True when no plan can bring every zone within ``tolerance`` of the mean."""
        return self.deviation > tolerance + slack


def balance_floor(weights: np.ndarray, n_zones: int, tolerance: float) -> Floor:
    """The proven floor of the worst deviation for ``weights`` split into ``n_zones`` zones.

    Parameters
    ----------
    weights
        Non-negative workload per unit.
    n_zones
        Number of zones.
    tolerance
        The tolerance asked for; units heavier than ``(1 + tolerance)`` times the mean zone
        are the heavy ones.

    Returns
    -------
    Floor
    """
    w = np.asarray(weights, dtype=float)
    total = float(w.sum())
    if n_zones < 1 or total <= 0:
        return Floor(0.0, 0.0, NONE)
    mean = total / n_zones
    if np.count_nonzero(w) < n_zones:
        return Floor(1.0, 1.0, SPARSE)
    heavy = np.flatnonzero(w > (1 + tolerance) * mean)
    heavy = heavy[np.argsort(-w[heavy], kind="stable")]
    whole = whole_counts(w)
    if len(heavy):
        heavy_dev = float(w[heavy[0]] / mean - 1)
        rest_zones = n_zones - len(heavy)
        others = 0.0
        if rest_zones > 0:
            light = np.delete(w, heavy)
            share = float(light.sum()) / rest_zones  # the most the other zones can average
            low = share
            if whole and share > 0:
                step, _ = count_floor(light, share)
                low = step * np.floor(share / step + 1e-12)
            others = max(0.0, 1 - low / mean)
        step = float(count_floor(w, mean)[0]) if whole else 0.0
        return Floor(heavy_dev, others, HEAVY, tuple(int(u) for u in heavy), step)
    if whole:
        step, floor = count_floor(w, mean)
        if floor > 0:
            return Floor(float(floor), float(floor), WHOLE, (), float(step))
    return Floor(0.0, 0.0, NONE)
