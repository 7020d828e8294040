"""Staffing: a zone head (片区长) per zone and one auxiliary officer per village (一村一辅警).

Both are optimal assignments (scipy): zone heads by ``linear_sum_assignment`` on a cost that
prefers sworn officers who know the zone's villages and live near it; auxiliaries by a
lexicographic cost — lives in the village, then listed as familiar with it, then the nearest
home — solved densely for small stations and, for large ones, as a sparse minimum-weight full
bipartite matching over each village's nearest candidates (widened when that leaves a village
without a match). Shortages are reported, never hidden: with fewer auxiliaries than villages the
heaviest villages are staffed first and every unstaffed village is named.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching
from scipy.spatial import cKDTree

from zones import columns as C
from zones.errors import ZonePlannerError

HOME, FAMILIAR, DISTANCE = "home", "familiar", "distance"
TIER_M = {HOME: 0.0, FAMILIAR: 1e7, DISTANCE: 2e7}  # tiers dominate any distance (< 10,000 km)
UNKNOWN_M = 5e6  # an officer without a known home: reachable, but after everyone located
DENSE_MAX_CELLS = 4_000_000
DEFAULT_DETOUR = 1.3  # road distance ≈ straight line × 1.3 (domain notes §1.4)
KNOW_WORTH_KM = 10.0  # a zone head who knows all of a zone's villages is worth 10 km of travel


class StaffingError(ZonePlannerError):
    """Staffing is impossible as asked (e.g. fewer sworn officers than zones)."""


@dataclass(frozen=True)
class AuxiliaryAssignment:
    """Result of :func:`assign_auxiliaries`.

    ``villages`` is indexed like the input villages with ``aux_officer_id``, ``aux_reason``
    (``home``/``familiar``/``distance``/``None``) and ``aux_distance_km``; ``unstaffed`` lists
    villages without an auxiliary (lightest workload first to go); ``pool`` the spare
    auxiliaries; ``cost`` the optimum's total cost; ``solver`` which solver ran.
    """

    villages: pd.DataFrame
    unstaffed: pd.Index
    pool: pd.Index
    cost: float
    solver: str


def _ids(value: object) -> tuple:
    """A list-like of village ids, or () for a missing value."""
    return tuple(value) if isinstance(value, list | tuple | np.ndarray) else ()


def home_points(officers: gpd.GeoDataFrame, villages: gpd.GeoDataFrame, crs: object) -> np.ndarray:
    """Each officer's home as metric xy: the point given, else the home village's
    representative point, else NaN."""
    xy = np.full((len(officers), 2), np.nan)
    if len(officers) == 0:
        return xy
    geoms = officers.geometry.values
    given = ~shapely.is_missing(geoms)
    if given.any():
        pts = gpd.GeoSeries(geoms[given], crs=officers.crs or "EPSG:4326").to_crs(crs)
        xy[given] = shapely.get_coordinates(pts.values)
    reps = village_points(villages, crs)
    homes = (
        officers[C.HOME_VILLAGE]
        if C.HOME_VILLAGE in officers
        else pd.Series(None, index=officers.index)
    )
    for pos in np.flatnonzero(~given):
        home = homes.iloc[pos]
        if isinstance(home, str) and home in reps.index:
            xy[pos] = reps.loc[home].to_numpy()
    return xy


def village_points(villages: gpd.GeoDataFrame, crs: object) -> pd.DataFrame:
    """Representative point (always inside) of each village, metric x/y indexed by village id."""
    pts = villages.to_crs(crs).representative_point()
    xy = shapely.get_coordinates(pts.values)
    return pd.DataFrame(xy, index=villages.index, columns=["x", "y"])


def _distance_matrix(
    src: np.ndarray, dst: np.ndarray, road=None, detour: float = DEFAULT_DETOUR
) -> np.ndarray:
    """Metres from each source to each target: along roads when a road graph is given (and
    every point is located), else straight line × ``detour``; NaN sources get UNKNOWN_M."""
    out = np.full((len(src), len(dst)), UNKNOWN_M)
    ok = ~np.isnan(src).any(axis=1)
    if not ok.any():
        return out
    if road is not None:
        along = road.distances_m(src[ok], dst)
        straight = np.hypot(*(src[ok][:, None, :] - dst[None, :, :]).transpose(2, 0, 1)) * detour
        out[ok] = np.where(np.isfinite(along), along, straight)
    else:
        out[ok] = np.hypot(*(src[ok][:, None, :] - dst[None, :, :]).transpose(2, 0, 1)) * detour
    return out


def _tiers(auxiliaries: pd.DataFrame, village_ids: pd.Index) -> np.ndarray:
    """Preference tier offsets (aux × village): 0 home, 1e7 familiar, 2e7 otherwise."""
    pos = {v: i for i, v in enumerate(village_ids)}
    tiers = np.full((len(auxiliaries), len(village_ids)), TIER_M[DISTANCE])
    for a, (home, familiar) in enumerate(
        zip(auxiliaries[C.HOME_VILLAGE], auxiliaries[C.FAMILIAR_VILLAGES], strict=True)
    ):
        for v in _ids(familiar):
            if v in pos:
                tiers[a, pos[v]] = TIER_M[FAMILIAR]
        if isinstance(home, str) and home in pos:
            tiers[a, pos[home]] = TIER_M[HOME]
    return tiers


def assign_auxiliaries(
    villages: gpd.GeoDataFrame,
    officers: gpd.GeoDataFrame,
    workload: pd.Series,
    *,
    crs: object,
    road=None,
    detour: float = DEFAULT_DETOUR,
    candidates: int = 50,
) -> AuxiliaryAssignment:
    """One available auxiliary per village, at most one village per auxiliary, optimally.

    Parameters
    ----------
    villages
        Villages indexed by village id.
    officers
        Officers indexed by officer id; only ``role == "auxiliary"`` and ``available`` count.
    workload
        Workload per village: with too few auxiliaries, the heaviest villages are staffed.
    crs
        Metric CRS for distances.
    road
        A :class:`zones.roads.RoadGraph` for road distances (small stations); else straight
        line × ``detour``.
    candidates
        Nearest auxiliaries per village in the sparse solver (widened automatically).
    """
    aux = officers[(officers[C.ROLE] == C.AUXILIARY) & officers[C.AVAILABLE].astype(bool)]
    order = (
        workload.reindex(villages.index).fillna(0).sort_values(ascending=False, kind="mergesort")
    )
    staffed_ids = order.index[: len(aux)]
    staffed_ids = villages.index[villages.index.isin(staffed_ids)]
    unstaffed = order.index[len(aux) :]
    out = pd.DataFrame(
        index=villages.index,
        data={
            "aux_officer_id": pd.Series(None, index=villages.index, dtype=object),
            "aux_reason": pd.Series(None, index=villages.index, dtype=object),
            "aux_distance_km": pd.Series(np.nan, index=villages.index),
        },
    )
    if len(staffed_ids) == 0:
        return AuxiliaryAssignment(out, unstaffed, aux.index, 0.0, "none")
    reps = village_points(villages.loc[staffed_ids], crs).to_numpy()
    homes = home_points(aux, villages, crs)
    n_v, n_a = len(staffed_ids), len(aux)
    if n_v * n_a <= DENSE_MAX_CELLS:
        dist = _distance_matrix(homes, reps, road, detour).T  # villages × aux
        tiers = _tiers(aux, staffed_ids).T
        rows, cols = linear_sum_assignment(dist + tiers)
        matched_d, matched_t = dist[rows, cols], tiers[rows, cols]
        solver = "dense"
    else:
        rows, cols, matched_d, matched_t = _sparse_assign(
            aux, staffed_ids, homes, reps, detour, candidates
        )
        solver = "sparse"
    reason = np.where(
        matched_t == TIER_M[HOME], HOME, np.where(matched_t == TIER_M[FAMILIAR], FAMILIAR, DISTANCE)
    )
    vids = staffed_ids[rows]
    out.loc[vids, "aux_officer_id"] = aux.index[cols].to_numpy()
    out.loc[vids, "aux_reason"] = reason
    out.loc[vids, "aux_distance_km"] = np.where(
        matched_d < UNKNOWN_M, np.round(matched_d / 1000.0, 2), np.nan
    )
    for column in ("aux_officer_id", "aux_reason"):  # missing is None, not NaN
        values = out[column].astype(object)
        out[column] = values.where(values.notna(), None).astype(object)
    total = float(np.sum(matched_t + matched_d))
    pool = aux.index[~aux.index.isin(out["aux_officer_id"].dropna())]
    return AuxiliaryAssignment(out, unstaffed, pool, total, solver)


def _sparse_assign(
    aux: pd.DataFrame,
    village_ids: pd.Index,
    homes: np.ndarray,
    reps: np.ndarray,
    detour: float,
    k: int,
):
    """Sparse matching for :func:`assign_auxiliaries` (see :func:`match_sparse`)."""
    pos = {v: i for i, v in enumerate(village_ids)}
    preferred: dict[tuple[int, int], float] = {}
    for a, (home, familiar) in enumerate(
        zip(aux[C.HOME_VILLAGE], aux[C.FAMILIAR_VILLAGES], strict=True)
    ):
        for v in _ids(familiar):
            if v in pos:
                preferred[(pos[v], a)] = TIER_M[FAMILIAR]
        if isinstance(home, str) and home in pos:
            preferred[(pos[home], a)] = TIER_M[HOME]
    return match_sparse(preferred, homes, reps, detour=detour, k=k)


def match_sparse(
    preferred: dict[tuple[int, int], float],
    homes: np.ndarray,
    reps: np.ndarray,
    *,
    detour: float = DEFAULT_DETOUR,
    k: int = 50,
):
    """Optimal villages→auxiliaries matching over each village's ``k`` nearest auxiliaries
    plus its preferred ones (``preferred[(village, aux)]`` = tier offset), by scipy's
    ``min_weight_full_bipartite_matching``; ``k`` doubles until every village is matched.

    Straight-line distances × ``detour``. Every candidate weight gets +1, because the solver
    reads a zero weight as a missing edge (home pairs would silently vanish).

    Returns
    -------
    (rows, cols, distances, tiers)
        The matched village rows and auxiliary columns, with each match's distance (m) and
        tier offset.
    """
    located = np.flatnonzero(~np.isnan(homes).any(axis=1))
    tree = cKDTree(homes[located])
    n_v, n_a = len(reps), len(homes)
    # a backbone that always admits a full matching: villages and auxiliaries paired in order
    # along a space-filling sort (x then y), so the nearest-candidate graph can never leave a
    # village unmatchable (which made the solver search for minutes on square problems)
    backbone_v = np.lexsort((reps[:, 1], reps[:, 0]))
    ordered_a = located[np.lexsort((homes[located, 1], homes[located, 0]))]
    unlocated = np.setdiff1d(np.arange(n_a), located)
    ordered_a = np.concatenate([ordered_a, unlocated])[: len(backbone_v)]
    backbone = backbone_v[: len(ordered_a)] * n_a + ordered_a
    pref = np.array(list(preferred), dtype=np.int64).reshape(-1, 2)
    pref_key = pref[:, 0] * n_a + pref[:, 1]
    pref_tier = np.array(list(preferred.values()), dtype=float)
    order = np.argsort(pref_key)
    pref_key, pref_tier = pref_key[order], pref_tier[order]
    while True:
        kk = min(k, len(located))
        _, near = tree.query(reps, k=kk)
        near = located[np.asarray(near).reshape(n_v, kk)]
        keys = np.unique(
            np.concatenate([np.arange(n_v).repeat(kk) * n_a + near.ravel(), pref_key, backbone])
        )
        rows, cols = keys // n_a, keys % n_a
        d = np.hypot(*(homes[cols] - reps[rows]).T) * detour
        d = np.where(np.isnan(d), UNKNOWN_M, d)
        tiers = np.full(len(keys), TIER_M[DISTANCE])
        if len(pref_key):
            at = np.searchsorted(pref_key, keys).clip(max=len(pref_key) - 1)
            hit = pref_key[at] == keys
            tiers[hit] = pref_tier[at[hit]]
        weights = tiers + d + 1.0  # +1: the solver reads a zero weight as a missing edge
        matrix = sparse.csr_matrix((weights, (rows, cols)), shape=(n_v, n_a))
        try:
            r_ind, c_ind = min_weight_full_bipartite_matching(matrix)
        except ValueError:
            if kk >= len(located):
                raise
            k *= 2
            continue
        matched = np.searchsorted(keys, r_ind * n_a + c_ind)
        return r_ind, c_ind, d[matched], tiers[matched]


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
    if len(police) < k:
        missing = k - len(police)
        msg = (
            f"{k} zones need {k} zone heads, but only {len(police)} sworn officers are "
            f"available: {missing} missing. Plan at most {len(police)} zones, or mark more "
            f"sworn officers available"
        )
        raise StaffingError(msg)
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
    dist_km = _distance_matrix(homes, centres, None, detour) / 1000.0
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
        knows = set(_ids(familiar)) | ({home} if isinstance(home, str) else set())
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
