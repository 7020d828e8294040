"""Zone heads (片区长): one available sworn officer per zone, by an optimal assignment
(``linear_sum_assignment``) that prefers officers who know the zone's villages and live near it.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment

from zones import columns as C
from zones.staffing.matching import (
    DEFAULT_DETOUR,
    UNKNOWN_M,
    StaffingError,
    distance_matrix,
    home_points,
    listed_ids,
    village_points,
)

KNOW_WORTH_KM = 10.0  # a zone head who knows all of a zone's villages is worth 10 km of travel
HEAD_COLUMNS = ("head_officer_id", "head_known_villages", "head_distance_km")


def check_zone_heads(officers: gpd.GeoDataFrame, n_zones: int) -> None:
    """Raise :class:`StaffingError` when fewer sworn officers are available than ``n_zones``
    (cheap: :func:`zones.make_plan` calls it before zoning)."""
    police = officers[(officers[C.ROLE] == C.POLICE) & officers[C.AVAILABLE].astype(bool)]
    if len(police) < n_zones:
        missing = n_zones - len(police)
        msg = (
            f"{n_zones} zones need {n_zones} zone heads, but only {len(police)} sworn officers "
            f"are available: {missing} missing. Plan at most {len(police)} zones, or mark more "
            f"sworn officers available"
        )
        raise StaffingError(msg)


def assign_zone_heads(
    zones: pd.Series,
    villages: gpd.GeoDataFrame,
    officers: gpd.GeoDataFrame,
    workload: pd.Series,
    *,
    crs: object,
    detour: float = DEFAULT_DETOUR,
) -> pd.DataFrame:
    """One available sworn officer per zone, optimally.

    Cost = (1 − share of the zone's villages the officer knows) × 10 km + distance (km) from
    the officer's home to the zone's workload centre (straight line × ``detour``; officers
    without a known home get the median distance).

    Parameters
    ----------
    zones
        Zone label per village (aligned to ``villages.index``).

    Returns
    -------
    DataFrame
        Indexed by zone: ``head_officer_id``, ``head_known_villages``, ``head_distance_km``.

    Raises
    ------
    StaffingError
        When fewer sworn officers are available than there are zones.
    """
    police = officers[(officers[C.ROLE] == C.POLICE) & officers[C.AVAILABLE].astype(bool)]
    labels = list(pd.unique(zones))
    k = len(labels)
    check_zone_heads(officers, k)
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
    rows, cols = linear_sum_assignment(cost)
    table = pd.DataFrame(
        {
            "head_officer_id": police.index[rows],
            "head_known_villages": known[rows, cols].astype(int),
            "head_distance_km": np.round(dist_km[rows, cols], 2),
        },
        index=pd.Index([labels[c] for c in cols], name="zone"),
    )
    return table.reindex(labels)
