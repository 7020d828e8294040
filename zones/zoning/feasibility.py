"""What balance the input allows: units heavier than a zone, whole counts too coarse for the
tolerance, nesting areas whose zones cannot meet the mean; the band the search aims for; and
zones of their own for the heavy units."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from zones.report import Issue, format_ids
from zones.zoning.result import add_issue
from zones.zoning.state import BAND_SLACK, ZoneState

EXACT_FLOAT_INT = 2**53  # whole numbers up to this are exact in a float (gcd needs them exact)
BAND_FLOOR_DIVISOR = 5  # a band narrowed for heavy units keeps at least tolerance / 5
NARROW_MARGIN = 1e-9  # margin kept inside a narrowed band, and above the whole-count floor
MIN_TARGET_SHARE = 1e-9  # smallest target of a zone, as a share of its group's workload
STEP_SLACK = 1e-9  # a share this close to a whole step is on it


def check_feasibility(
    issues: list[Issue],
    ids: pd.Index,
    weights: np.ndarray,
    unit_group: np.ndarray,
    zone_group: np.ndarray,
    group_names: list[Hashable],
    counts: np.ndarray,
    tolerance: float,
) -> tuple[np.ndarray, bool]:
    """Warn, up front, about balance the input cannot allow.

    Returns
    -------
    (heavy, lumpy)
        Units heavier than a zone's band (each gets a zone of its own, see :func:`pin_heavy`),
        and whether the rest of the workload is too lumpy for the tolerance (whole counts
        whose per-zone share has no reachable value within the band, or fewer units with any
        workload than zones).
    """
    k = len(zone_group)
    mean = weights.sum() / k
    group_w = np.bincount(unit_group, weights=weights, minlength=len(group_names))
    group_target = group_w / np.maximum(counts, 1)
    unit_target = group_target[unit_group]
    heavy = weights > (1 + tolerance) * unit_target
    if heavy.any():
        _warn_heavy(issues, ids, weights, heavy, unit_target, k, tolerance)
    lumpy = _check_lumpy(issues, weights, heavy, unit_group, group_names, counts, tolerance)
    if len(group_names) > 1:
        off = np.abs(group_target / mean - 1)
        for gi in np.flatnonzero(off > tolerance):
            add_issue(
                issues,
                "nest_imbalance",
                feature=str(group_names[gi]),
                pct=f"{off[gi] * 100:.1f}",
                zones=int(counts[gi]),
            )
    return heavy, lumpy


def _warn_heavy(
    issues: list[Issue],
    ids: pd.Index,
    weights: np.ndarray,
    heavy: np.ndarray,
    unit_target: np.ndarray,
    k: int,
    tolerance: float,
) -> None:
    mean = weights.sum() / k
    at = np.flatnonzero(heavy)
    worst = float(np.max(weights[at] / unit_target[at] - 1))
    rest_zones = k - len(at)
    rest = (weights.sum() - weights[at].sum()) / max(rest_zones, 1)
    add_issue(
        issues,
        "unit_too_heavy",
        n=len(at),
        ids=format_ids(ids[at]),
        pct=f"{worst * 100:.1f}",
        tol=f"{tolerance * 100:g}",
        zones=rest_zones,
        rest=f"{(rest / mean - 1) * 100:+.1f}",
    )


def _check_lumpy(
    issues: list[Issue],
    weights: np.ndarray,
    heavy: np.ndarray,
    unit_group: np.ndarray,
    group_names: list[Hashable],
    counts: np.ndarray,
    tolerance: float,
) -> bool:
    """Warn about nesting groups whose workload is too sparse or too coarse for the tolerance;
    True when any is."""
    lumpy = False
    whole = whole_counts(weights)
    for gi in range(len(group_names)):
        feature = None if len(group_names) == 1 else str(group_names[gi])
        in_group = unit_group == gi
        light = in_group & ~heavy
        zones_rest = int(counts[gi]) - int((in_group & heavy).sum())
        if zones_rest <= 0:
            continue
        share = weights[light].sum() / zones_rest
        carrying = int(np.count_nonzero(weights[in_group]))  # heavy ones included
        if carrying < counts[gi]:
            lumpy = True
            add_issue(
                issues,
                "workload_too_sparse",
                feature=feature,
                units=carrying,
                zones=int(counts[gi]),
                empty=int(counts[gi]) - carrying,
            )
            continue
        if not whole or share <= 0:
            continue
        step, floor = count_floor(weights[light], share)
        if floor > tolerance + BAND_SLACK:
            lumpy = True
            add_issue(
                issues,
                "workload_lumpy",
                feature=feature,
                share=f"{share:.4g}",
                step=f"{step:g}",
                pct=f"{floor * 100:.1f}",
                tol=f"{tolerance * 100:g}",
            )
    return lumpy


def whole_counts(weights: np.ndarray) -> bool:
    """True when every weight is a whole number small enough to be exact."""
    return bool(np.all(weights == np.round(weights))) and weights.max() < EXACT_FLOAT_INT


def count_floor(weights: np.ndarray, share: float) -> tuple[float, float]:
    """For whole-count weights: their step (gcd) and the smallest worst deviation zones of
    mean ``share`` can reach (some zones must round down to a step, others up)."""
    positive = weights[weights > 0]
    if not len(positive) or share <= 0:
        return 1.0, 0.0
    step = float(np.gcd.reduce(positive.astype(np.int64)))
    below, above = share - step * np.floor(share / step), step * np.ceil(share / step) - share
    off_step = below > STEP_SLACK and above > STEP_SLACK
    return step, (max(below, above) / share if off_step else 0.0)


def search_tolerance(
    weights: np.ndarray,
    heavy: np.ndarray,
    unit_group: np.ndarray,
    counts: np.ndarray,
    tolerance: float,
) -> float:
    """The band the search aims for, relative to each zone's own target.

    Without units heavier than a zone it is the tolerance. With them, the other zones of a
    group share what is left (a smaller share than the mean). While that share is within the
    tolerance of the mean, the other zones keep the mean as their target and the tolerance as
    their band (see :func:`pin_heavy`), so any plan with every such zone within the tolerance
    of the mean counts. When the share itself is outside that band, they aim at the share and
    the band is narrowed to a fifth of the tolerance (every such zone as close to the share,
    the best they can do, as whole units allow). Whole
    counts too coarse for the band widen it to the smallest deviation they can reach, so the
    search stops there and compaction can still work inside it.
    """
    band, floor = tolerance, 0.0
    whole = whole_counts(weights)
    for gi, k_g in enumerate(counts):
        in_group = unit_group == gi
        rest_zones = int(k_g) - int((heavy & in_group).sum())
        total = weights[in_group].sum()
        if rest_zones <= 0 or total <= 0:
            continue
        mean = total / int(k_g)
        share = weights[in_group & ~heavy].sum() / rest_zones
        if share <= 0:
            continue
        if (heavy & in_group).any() and share < mean * (1 - tolerance):
            fits = min(1 - mean * (1 - tolerance) / share, mean * (1 + tolerance) / share - 1)
            band = min(band, max(fits - NARROW_MARGIN, tolerance / BAND_FLOOR_DIVISOR))
        if whole:
            floor = max(floor, count_floor(weights[in_group & ~heavy], share)[1])
    return max(band, floor + NARROW_MARGIN) if floor > 0 else band


def pin_heavy(state: ZoneState, heavy: np.ndarray, tolerance: float) -> None:
    """Give each unit heavier than a zone's band a zone of its own.

    The unit is pinned where the start put it, and its zone's target becomes the unit's own
    workload (the smallest deviation possible), so the search pushes every other unit out of
    it instead of trying, move after move, to bring an impossible zone into the band. The other
    zones of the nesting group keep the group's mean zone as their target while the rest of the
    workload, shared equally, is within ``tolerance`` of it; otherwise they aim at that share.
    """
    for u in np.flatnonzero(heavy):
        state.fixed[u] = True
    for group in set(state.zgroup):
        zones = [z for z in range(state.k) if state.zgroup[z] == group]
        total = sum(state.load[z] for z in zones)
        pinned: dict[int, float] = {}
        for u in np.flatnonzero(heavy):
            if state.ugroup[u] == group:
                pinned[state.lab[u]] = pinned.get(state.lab[u], 0.0) + state.w[u]
        rest = [z for z in zones if z not in pinned]
        share = max(
            (total - sum(pinned.values())) / max(len(rest), 1), MIN_TARGET_SHARE * max(total, 1.0)
        )
        mean = total / max(len(zones), 1)
        aim = mean if share >= mean * (1 - tolerance) else share
        for z in zones:
            state.target[z] = pinned.get(z, aim)
            state.centre[z] = pinned.get(z, share)
