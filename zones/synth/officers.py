"""The officers layer: a roster of sworn and auxiliary officers with homes, phones and leave."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.synth.lonlat import WGS84
from zones.synth.names import person_names
from zones.synth.tessellation import Tessellation, points_near
from zones.synth.townships import Administration


def officers_layer(
    rng: np.random.Generator,
    tess: Tessellation,
    admin: Administration,
    village_ids: np.ndarray,
    n_police: int,
    n_aux: int,
    project: Callable[[np.ndarray], np.ndarray],
) -> gpd.GeoDataFrame:
    """``n_police`` sworn officers (P001…) and ``n_aux`` auxiliaries (A001…).

    Officers without a home village have no geometry and an empty ``home_village``.
    """
    home = _homes(rng, tess.n, admin, n_police, n_aux)
    total = n_police + n_aux
    role = np.array([C.POLICE] * n_police + [C.AUXILIARY] * n_aux, dtype=object)
    width_p, width_a = max(3, len(str(n_police))), max(3, len(str(n_aux)))
    ids = [f"P{k + 1:0{width_p}d}" for k in range(n_police)]
    ids += [f"A{k + 1:0{width_a}d}" for k in range(n_aux)]
    phones = np.concatenate(
        [_phone_numbers(rng, 13800000000, n_police), _phone_numbers(rng, 13900000000, n_aux)]
    )
    available = rng.random(total) >= 0.05
    leave = rng.choice(6, size=total, p=[0.35, 0.2, 0.15, 0.12, 0.1, 0.08])
    familiar = _familiar_villages(rng, home, tess, village_ids)
    geometry = np.full(total, None, dtype=object)
    has_home = home >= 0
    lonlat = project(points_near(rng, tess, home[has_home], 0.1, 0.7))
    geometry[has_home] = shapely.points(lonlat)
    return gpd.GeoDataFrame(
        {
            C.OFFICER_ID: ids,
            C.NAME: person_names(rng, total),
            C.ROLE: role.astype(str),
            C.HOME_VILLAGE: np.where(has_home, village_ids[np.maximum(home, 0)], ""),
            C.FAMILIAR_VILLAGES: familiar,
            C.PHONE: phones.astype(str),
            C.AVAILABLE: available,
            C.REWARD_LEAVE_DAYS: leave.astype(np.int64),
        },
        geometry=gpd.GeoSeries(geometry, crs=WGS84),
        crs=WGS84,
    )


def _homes(
    rng: np.random.Generator, n: int, admin: Administration, n_police: int, n_aux: int
) -> np.ndarray:
    """Home village of each officer, sworn officers first (-1: none, or outside)."""
    # sworn officers: half live in the station's township seat, a few outside the jurisdiction
    seat_area = np.flatnonzero((admin.township == 0) & (admin.kind == C.KIND_COMMUNITY))
    draw = rng.random(n_police)
    police_home = np.where(
        draw < 0.5, rng.choice(seat_area, size=n_police), rng.integers(n, size=n_police)
    )
    police_home[draw >= 0.9] = -1
    # auxiliaries: mostly one per village, some sharing a home village, a few without one
    n_distinct = min(n, round(0.85 * n_aux))
    n_none = round(0.04 * n_aux)
    n_shared = n_aux - n_distinct - n_none
    distinct = rng.permutation(n)[:n_distinct]
    shared: np.ndarray | list[int] = (
        rng.choice(distinct, size=n_shared) if n_shared > 0 and n_distinct > 0 else []
    )
    aux_home = rng.permutation(
        np.concatenate([distinct, shared, np.full(n_aux - n_distinct - len(shared), -1)])
    ).astype(np.int64)
    return np.concatenate([police_home, aux_home])


def _phone_numbers(rng: np.random.Generator, base: int, count: int) -> np.ndarray:
    """``count`` distinct, obviously fake mobile numbers ``base + k`` (e.g. 1380000xxxx)."""
    span = max(10_000, 4 * count)
    return base + rng.choice(span, size=count, replace=False).astype(np.int64)


def _familiar_villages(
    rng: np.random.Generator, home: np.ndarray, tess: Tessellation, village_ids: np.ndarray
) -> list[list[str]]:
    """0–3 random neighbours of each home village (none without a home village)."""
    if len(home) == 0:
        return []
    rows = np.concatenate([tess.adj_i, tess.adj_j])
    cols = np.concatenate([tess.adj_j, tess.adj_i])
    order = np.lexsort((cols, rows))
    rows, cols = rows[order], cols[order]
    indptr = np.searchsorted(rows, np.arange(tess.n + 1))
    wanted = rng.integers(0, 4, size=len(home))
    degree = np.where(home >= 0, np.diff(indptr)[np.maximum(home, 0)], 0)
    owner = np.repeat(np.arange(len(home)), degree)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(degree) - degree, degree)
    entry = indptr[home[owner]] + offset
    keys = rng.random(len(owner))
    shuffled = np.lexsort((keys, owner))
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(degree) - degree, degree)
    pick = shuffled[rank < wanted[owner[shuffled]]]
    picked_owner, picked = owner[pick], village_ids[cols[entry[pick]]]
    order = np.lexsort((picked, picked_owner))
    picked_owner, picked = picked_owner[order], picked[order]
    bounds = np.searchsorted(picked_owner, np.arange(1, len(home)))
    return [part.tolist() for part in np.split(picked, bounds)]
