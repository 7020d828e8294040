"""Zone heads (片区长): one available sworn officer per zone, by an optimal assignment
(``linear_sum_assignment``) that prefers officers who know the zone's villages and live near it.

Some zones may have their head given (``fixed``: chosen by hand, or kept from an earlier plan);
the other zones are matched optimally among the officers left.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from zones import columns as C
from zones.staffing.matching import (
    DEFAULT_DETOUR,
    UNKNOWN_M,
    StaffingError,
    check_fixed,
    distance_matrix,
    home_points,
    listed_ids,
    village_points,
)

KNOW_WORTH_KM = 10.0  # a zone head who knows all of a zone's villages is worth 10 km of travel
HEAD_COLUMNS = ("head_officer_id", "head_reason", "head_known_villages", "head_distance_km")
MATCHED, MANUAL = "matched", "manual"  # head_reason: the optimal assignment, or chosen by hand


def check_zone_heads(officers: gpd.GeoDataFrame, n_zones: int) -> None:
    """Raise :class:`StaffingError` when fewer sworn officers are available than ``n_zones``
    (cheap: :func:`zones.make_plan` calls it before zoning)."""
    police = officers[(officers[C.ROLE] == C.POLICE) & officers[C.AVAILABLE].astype(bool)]
    if len(police) < n_zones:
        raise StaffingError(
            code="staff.heads_short",
            n_zones=n_zones,
            police=len(police),
            missing=n_zones - len(police),
        )


def assign_zone_heads(
    zones: pd.Series,
    villages: gpd.GeoDataFrame,
    officers: gpd.GeoDataFrame,
    workload: pd.Series,
    *,
    crs: object,
    detour: float = DEFAULT_DETOUR,
    fixed: Mapping[Any, str] | None = None,
) -> pd.DataFrame:
    """One available sworn officer per zone, optimally.

    Cost = (1 − share of the zone's villages the officer knows) × 10 km + distance (km) from
    the officer's home to the zone's workload centre (straight line × ``detour``; officers
    without a known home get the median distance).

    Parameters
    ----------
    zones
        Zone label per village (aligned to ``villages.index``).
    fixed
        ``{zone: officer_id}``: zones whose head is given (an available sworn officer each,
        no officer twice); the other zones are matched among the officers left.

    Returns
    -------
    DataFrame
        Indexed by zone: ``head_officer_id``, ``head_reason`` (``"manual"`` for the zones of
        ``fixed``, else ``"matched"``), ``head_known_villages``, ``head_distance_km``.

    Raises
    ------
    StaffingError
        When fewer sworn officers are available than there are zones, or ``fixed`` names a
        zone or officer that cannot be used.
    """
    police = officers[(officers[C.ROLE] == C.POLICE) & officers[C.AVAILABLE].astype(bool)]
    labels = list(pd.unique(zones))
    k = len(labels)
    check_zone_heads(officers, k)
    given = check_fixed_heads(fixed or {}, labels, police.index)
    reps = village_points(villages, crs)
    w = workload.reindex(villages.index).fillna(0).to_numpy() + 1e-9
    centres = np.array(
        [
            np.average(
                reps.to_numpy()[(zones == z).to_numpy()], axis=0, weights=w[(zones == z).to_numpy()]
            )
            for z in labels
        ]
    )
    homes = home_points(police, villages, crs)
    dist_km = distance_matrix(homes, centres, None, detour) / 1000.0
    unknown = dist_km >= UNKNOWN_M / 1000.0
    if unknown.any() and (~unknown).any():
        dist_km[unknown] = np.median(dist_km[~unknown])
    elif unknown.all():
        dist_km[:] = 0.0
    known = np.zeros((len(police), k))
    members = {z: set(zones.index[zones == z]) for z in labels}
    for o, (home, familiar) in enumerate(
        zip(police[C.HOME_VILLAGE], police[C.FAMILIAR_VILLAGES], strict=True)
    ):
        knows = set(listed_ids(familiar)) | ({home} if isinstance(home, str) else set())
        for zi, z in enumerate(labels):
            known[o, zi] = len(knows & members[z])
    sizes = np.array([len(members[z]) for z in labels])
    cost = (1 - known / sizes) * KNOW_WORTH_KM + dist_km
    rows, cols = _assignment(cost, given, list(police.index), labels)
    table = pd.DataFrame(
        {
            "head_officer_id": police.index[rows],
            "head_reason": [MANUAL if labels[c] in given else MATCHED for c in cols],
            "head_known_villages": known[rows, cols].astype(int),
            "head_distance_km": np.round(dist_km[rows, cols], 2),
        },
        index=pd.Index([labels[c] for c in cols], name="zone"),
    )
    return table.reindex(labels)


def check_fixed_heads(fixed: Mapping[Any, str], labels: list, police: pd.Index) -> dict[Any, str]:
    """``fixed`` checked against the zones and the available sworn officers (see
    :func:`assign_zone_heads`); raises :class:`StaffingError`."""
    check_fixed(
        fixed,
        labels,
        police,
        codes=("staff.head_no_zone", "staff.head_not_sworn", "staff.head_twice"),
        place_param="zones",
    )
    return dict(fixed)


def _assignment(
    cost: np.ndarray, given: Mapping[Any, str], officers: list, labels: list
) -> tuple[np.ndarray, np.ndarray]:
    """The optimal officer (rows) for each zone (columns) with the ``given`` pairs kept."""
    row_of = {o: i for i, o in enumerate(officers)}
    fixed_cols = [labels.index(z) for z in given]
    fixed_rows = [row_of[o] for o in given.values()]
    free_rows = np.setdiff1d(np.arange(cost.shape[0]), fixed_rows)
    free_cols = np.setdiff1d(np.arange(cost.shape[1]), fixed_cols)
    r, c = linear_sum_assignment(cost[np.ix_(free_rows, free_cols)])
    rows = np.concatenate([np.asarray(fixed_rows, dtype=int), free_rows[r]])
    cols = np.concatenate([np.asarray(fixed_cols, dtype=int), free_cols[c]])
    return rows, cols
