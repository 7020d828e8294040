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

NONE, HEAVY, WHOLE, SPARSE, NEST = "none", "heavy_unit", "whole_counts", "sparse", "nesting"


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
    heaviest
        The heaviest unit over the mean zone.
    """

    deviation: float
    others: float
    reason: str
    units: tuple[int, ...] = ()
    step: float = 0.0
    heaviest: float = 0.0

    def proves_unreachable(self, tolerance: float, slack: float = 1e-9) -> bool:
        """True when no plan can bring every zone within ``tolerance`` of the mean."""
        return self.deviation > tolerance + slack


def balance_floor(
    weights: np.ndarray,
    n_zones: int,
    tolerance: float,
    *,
    unit_group: np.ndarray | None = None,
    zones_per_group: np.ndarray | None = None,
) -> Floor:
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
    unit_group, zones_per_group
        Nesting (``nest_within``): each unit's area and the zones each area gets. An area's
        zones average its own workload, so an area whose mean zone is off the station's mean
        is a floor of its own (reason ``"nesting"``).

    Returns
    -------
    Floor
    """
    w = np.nan_to_num(np.asarray(weights, dtype=float), nan=0.0, posinf=0.0)
    total = float(w.sum())
    if n_zones < 1 or total <= 0:
        return Floor(0.0, 0.0, NONE)
    mean = total / n_zones
    heaviest = float(w.max() / mean)
    if np.count_nonzero(w) < n_zones:
        return Floor(1.0, 1.0, SPARSE, heaviest=heaviest)
    floor = _station_floor(w, n_zones, tolerance, mean, heaviest)
    nest = _nesting_floor(w, mean, unit_group, zones_per_group)
    if nest > floor.deviation:
        return Floor(nest, max(nest, floor.others), NEST, heaviest=heaviest)
    return floor


def _station_floor(
    w: np.ndarray, n_zones: int, tolerance: float, mean: float, heaviest: float
) -> Floor:
    """The floor from heavy units and whole counts over the whole station."""
    heavy = np.flatnonzero(w > (1 + tolerance) * mean)
    heavy = heavy[np.argsort(-w[heavy], kind="stable")]
    whole = whole_counts(w)
    step, count = count_floor(w, mean) if whole else (0.0, 0.0)
    if len(heavy):
        rest_zones = n_zones - len(heavy)
        others = 0.0
        if rest_zones > 0:
            light = np.delete(w, heavy)
            share = float(light.sum()) / rest_zones  # the most the other zones can average
            low = share
            if whole and share > 0:
                light_step, _ = count_floor(light, share)
                low = light_step * np.floor(share / light_step + 1e-12)
            others = max(0.0, 1 - low / mean)
        # the heaviest unit's zone is at least that unit; some other zone is at most the share
        deviation = max(heaviest - 1, others, count)
        units = tuple(int(u) for u in heavy)
        return Floor(deviation, others, HEAVY, units, float(step), heaviest)
    if count > 0:
        return Floor(float(count), float(count), WHOLE, (), float(step), heaviest)
    return Floor(0.0, 0.0, NONE, heaviest=heaviest)


def _nesting_floor(
    w: np.ndarray,
    mean: float,
    unit_group: np.ndarray | None,
    zones_per_group: np.ndarray | None,
) -> float:
    """The largest gap between a nesting area's mean zone and the station's mean (0 without
    nesting): some zone of that area is at least that far off."""
    if unit_group is None or zones_per_group is None or len(zones_per_group) < 2:
        return 0.0
    loads = np.bincount(unit_group, weights=w, minlength=len(zones_per_group))
    counts = np.maximum(np.asarray(zones_per_group, dtype=float), 1)
    return float(np.max(np.abs(loads / counts / mean - 1)))
