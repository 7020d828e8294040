"""Locked units and the previous map: pinning a start to the locks, naming zones after them,
and reading the current map a minimal-change plan starts from."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from zones.report import format_ids
from zones.zoning.result import ZoningError

TIE_WEIGHT = 1e-9  # added to each locked unit's workload, so zero-workload locks still count
OTHER_AREA = -1e18  # matching score of a zone outside the locked units' nesting area


def labels_from_previous(
    units: gpd.GeoDataFrame,
    previous: pd.Series,
    k: int,
    unit_group: np.ndarray,
    group_names: list[Hashable],
) -> tuple[np.ndarray, list[Hashable], np.ndarray]:
    """Start labels, zone names and each zone's nesting area from the previous map.

    Raises
    ------
    ZoningError
        When the map misses units, has another number of zones, or a zone crosses areas.
    """
    prev = pd.Series(previous).reindex(units.index)
    if prev.isna().any():
        missing = format_ids(units.index[prev.isna().to_numpy()])
        raise ZoningError(code="zoning.previous_missing", n=int(prev.isna().sum()), ids=missing)
    codes, names = pd.factorize(prev, sort=True)
    if len(names) != k:
        raise ZoningError(code="zoning.previous_count", previous=len(names), k=k)
    zone_group = np.zeros(k, dtype=np.int64)
    for z in range(k):
        groups = np.unique(unit_group[codes == z])
        if len(groups) > 1:
            raise ZoningError(code="zoning.previous_nest", zone=names[z], n=len(groups))
        zone_group[z] = groups[0]
    return codes.astype(np.int64), list(names), zone_group


def apply_locks(
    units: gpd.GeoDataFrame,
    locked: pd.Series | Mapping,
    labels: np.ndarray,
    zone_names: list[Hashable] | None,
    zone_group: np.ndarray,
    unit_group: np.ndarray,
    weights: np.ndarray,
) -> tuple[np.ndarray, list[Hashable] | None, np.ndarray]:
    """Pin the locked units to their zones in a start.

    Without zone names (a fresh plan), lock labels are matched to the start's zones by shared
    workload and the other zones are numbered around them.

    Returns
    -------
    (labels, zone_names, pinned)
        The start with every locked unit in its zone, the zone names, and which units are
        locked.

    Raises
    ------
    ZoningError
        For locks naming unknown units or zones, more zones than ``n_zones``, or zones
        across nesting areas.
    """
    given = pd.Series(locked, dtype=object).dropna()
    unknown = given.index.difference(units.index)
    if len(unknown):
        raise ZoningError(code="zoning.locked_unknown", n=len(unknown), ids=format_ids(unknown))
    lock = given.reindex(units.index)
    pinned = lock.notna().to_numpy()
    labels = labels.copy()
    if not pinned.any():
        return labels, zone_names, pinned
    lock_values = list(pd.unique(lock[pinned]))
    if zone_names is not None:
        unknown = [v for v in lock_values if v not in zone_names]
        if unknown:
            raise ZoningError(
                code="zoning.locked_zones_unknown",
                zones=format_ids(unknown),
                known=format_ids(zone_names),
            )
        index = {name: z for z, name in enumerate(zone_names)}
    else:
        index = _match_locks(lock, lock_values, pinned, labels, zone_group, unit_group, weights)
        zone_names = _names_with_locks(lock_values, index, len(zone_group))
    for u in np.flatnonzero(pinned):
        z = index[lock.iloc[u]]
        if zone_group[z] != unit_group[u]:
            raise ZoningError(code="zoning.locked_outside_nest", unit=units.index[u])
        labels[u] = z
    return labels, zone_names, pinned


def _match_locks(
    lock: pd.Series,
    lock_values: list[Hashable],
    pinned: np.ndarray,
    labels: np.ndarray,
    zone_group: np.ndarray,
    unit_group: np.ndarray,
    weights: np.ndarray,
) -> dict[Hashable, int]:
    """Lock label → start zone, matching by shared workload (Hungarian), within areas."""
    k = len(zone_group)
    if len(lock_values) > k:
        raise ZoningError(code="zoning.locked_too_many_zones", n=len(lock_values), k=k)
    score = np.zeros((len(lock_values), k))
    pos = {v: i for i, v in enumerate(lock_values)}
    for u in np.flatnonzero(pinned):
        z = labels[u]
        score[pos[lock.iloc[u]], z] += weights[u] + TIE_WEIGHT
    for i, v in enumerate(lock_values):
        grp = set(unit_group[(lock == v).to_numpy()])
        if len(grp) > 1:
            raise ZoningError(code="zoning.locked_across_nests", zone=v)
        score[i, zone_group != next(iter(grp))] = OTHER_AREA
    rows, cols = linear_sum_assignment(-score)
    return {lock_values[r]: int(c) for r, c in zip(rows, cols, strict=True)}


def _names_with_locks(
    lock_values: list[Hashable], index: Mapping[Hashable, int], k: int
) -> list[Hashable]:
    """Zone names: the lock labels where matched, numbers not used by a lock elsewhere."""
    names: list[Hashable | None] = [None] * k
    for value, z in index.items():
        names[z] = value
    ints = all(isinstance(v, int | np.integer) for v in lock_values)
    used = set(lock_values)
    counter = 1
    for z in range(k):
        if names[z] is None:
            while (counter if ints else str(counter)) in used:
                counter += 1
            names[z] = counter if ints else str(counter)
            used.add(names[z])
    return names
