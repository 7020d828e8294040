"""Staffing: a zone head (片区长) per zone and one auxiliary officer per village (一村一辅警).

Both are optimal assignments (scipy): zone heads by ``linear_sum_assignment`` on a cost that
prefers sworn officers who know the zone's villages and live near it; auxiliaries by a
lexicographic cost — lives in the village, then listed as familiar with it, then the nearest
home — solved densely (``linear_sum_assignment``) for small stations and, for large ones, as a
min-cost flow (OR-Tools) over each village's nearest candidates (widened when they admit no
matching). Shortages are reported, never hidden: with fewer auxiliaries than villages the
heaviest villages are staffed first and every unstaffed village is named. Every village stays a
candidate column, so a shortage keeps the problem rectangular with slack.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.optimize import linear_sum_assignment
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


def staffing_sets(workload: np.ndarray, n_aux: int) -> tuple[np.ndarray, np.ndarray]:
    """Which villages must be staffed and which may be, for ``n_aux`` auxiliaries.

    With enough auxiliaries every village must be. With too few, the heaviest villages come
    first: every village heavier than the ``n_aux``-th heaviest must be staffed, the villages
    tied with it compete for the auxiliaries left (the optimiser picks those it can staff most
    cheaply), and lighter ones go unstaffed.

    Returns
    -------
    (must, may)
        Boolean masks over the villages; ``may`` excludes ``must``.
    """
    w = np.asarray(workload, dtype=float)
    if n_aux >= len(w):
        return np.ones(len(w), bool), np.zeros(len(w), bool)
    if n_aux <= 0:
        return np.zeros(len(w), bool), np.zeros(len(w), bool)
    threshold = np.sort(w)[::-1][n_aux - 1]
    return w > threshold, w == threshold


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
        Workload per village: with too few auxiliaries, the heaviest villages are staffed
        (:func:`staffing_sets`; among villages of equal workload at the cut, those that can be
        staffed most cheaply).
    crs
        Metric CRS for distances.
    road
        A :class:`zones.patrol.roads.RoadGraph` for road distances (small stations); else straight
        line × ``detour``.
    candidates
        Nearest auxiliaries per village (and villages per auxiliary) in the sparse solver
        (widened automatically).
    """
    aux = officers[(officers[C.ROLE] == C.AUXILIARY) & officers[C.AVAILABLE].astype(bool)]
    load = workload.reindex(villages.index).fillna(0)
    order = load.sort_values(ascending=False, kind="mergesort").index
    must, may = staffing_sets(load.to_numpy(), len(aux))
    column_ids = villages.index[must | may]
    out = pd.DataFrame(
        index=villages.index,
        data={
            "aux_officer_id": pd.Series(None, index=villages.index, dtype=object),
            "aux_reason": pd.Series(None, index=villages.index, dtype=object),
            "aux_distance_km": pd.Series(np.nan, index=villages.index),
        },
    )
    if len(column_ids) == 0:
        return AuxiliaryAssignment(out, order, aux.index, 0.0, "none")
    must_col = must[must | may]
    reps = village_points(villages.loc[column_ids], crs).to_numpy()
    homes = home_points(aux, villages, crs)
    n_v, n_a = len(column_ids), len(aux)
    if n_v * n_a <= DENSE_MAX_CELLS:
        dist = _distance_matrix(homes, reps, road, detour).T  # villages × aux
        tiers = _tiers(aux, column_ids).T
        rows, cols = match_dense(dist + tiers, must_col)
        matched_d, matched_t = dist[rows, cols], tiers[rows, cols]
        solver = "dense"
    else:
        rows, cols, matched_d, matched_t = _sparse_assign(
            aux, column_ids, homes, reps, detour, candidates, must_col
        )
        solver = "sparse"
    reason = np.where(
        matched_t == TIER_M[HOME], HOME, np.where(matched_t == TIER_M[FAMILIAR], FAMILIAR, DISTANCE)
    )
    vids = column_ids[rows]
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
    unstaffed = order[~order.isin(vids)]  # heaviest first, as the shortage warning lists them
    return AuxiliaryAssignment(out, unstaffed, pool, total, solver)


def match_dense(cost: np.ndarray, must: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Optimal villages × auxiliaries matching on a full cost matrix (``linear_sum_assignment``).

    Every village where ``must`` is set is staffed; the other villages (rows) compete for the
    auxiliaries left, so exactly ``min(villages, auxiliaries)`` are matched. They are steered by
    an offset larger than any single cost on the optional rows: leaving a must-village empty to
    staff an optional one can then never pay.

    Returns
    -------
    (rows, cols)
        Matched village rows and auxiliary columns.
    """
    must = np.ones(cost.shape[0], bool) if must is None else np.asarray(must, bool)
    if must.all():
        return linear_sum_assignment(cost)
    offset = float(np.abs(cost).max()) * 2.0 + 1.0
    return linear_sum_assignment(cost + np.where(must, 0.0, offset)[:, None])


def _sparse_assign(
    aux: pd.DataFrame,
    village_ids: pd.Index,
    homes: np.ndarray,
    reps: np.ndarray,
    detour: float,
    k: int,
    must: np.ndarray,
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
    return match_sparse(preferred, homes, reps, must=must, detour=detour, k=k)


COST_UNIT_M = 0.001  # the flow solver works in integer millimetres


def match_sparse(
    preferred: dict[tuple[int, int], float],
    homes: np.ndarray,
    reps: np.ndarray,
    *,
    must: np.ndarray | None = None,
    detour: float = DEFAULT_DETOUR,
    k: int = 50,
):
    """Optimal villages→auxiliaries matching over nearest candidates, as a min-cost flow.

    Candidate pairs: each village's ``k`` nearest auxiliaries, each auxiliary's ``k`` nearest
    villages, and the preferred pairs (``preferred[(village, aux)]`` = tier offset). Auxiliaries
    without a known home reach every village through one hub node (their cost is the same
    everywhere). Villages where ``must`` is set (default: all) are staffed; with fewer
    auxiliaries, the other villages compete for those left, so ``min(villages, auxiliaries)``
    are matched. Solved by OR-Tools' ``SimpleMinCostFlow`` (cost scaling) on costs rounded to
    millimetres; ``k`` doubles while the candidates admit no such matching. Exact (to the
    millimetre per pair) whenever the optimum uses candidate pairs.

    Straight-line distances × ``detour``.

    Returns
    -------
    (rows, cols, distances, tiers)
        The matched village rows and auxiliary columns, with each match's distance (m) and
        tier offset.
    """
    from ortools.graph.python import min_cost_flow

    n_v, n_a = len(reps), len(homes)
    must = np.ones(n_v, bool) if must is None else np.asarray(must, bool)
    n_staff = min(n_v, n_a)
    if must.sum() > n_staff:
        msg = f"{int(must.sum())} villages must be staffed, but only {n_staff} auxiliaries exist"
        raise StaffingError(msg)
    located = np.flatnonzero(~np.isnan(homes).any(axis=1))
    unlocated = np.flatnonzero(np.isnan(homes).any(axis=1))
    pref = np.array(list(preferred), dtype=np.int64).reshape(-1, 2)
    pref_key = pref[:, 0] * n_a + pref[:, 1]
    pref_tier = np.array(list(preferred.values()), dtype=float)
    order = np.argsort(pref_key)
    pref_key, pref_tier = pref_key[order], pref_tier[order]
    aux_tree = cKDTree(homes[located]) if len(located) else None
    village_tree = cKDTree(reps)
    # nodes: villages 0..n_v-1, auxiliaries n_v.., source, sink (optional villages), hub
    source, sink, hub = n_v + n_a, n_v + n_a + 1, n_v + n_a + 2
    hub_cost = int(round((UNKNOWN_M + TIER_M[DISTANCE]) / COST_UNIT_M))
    while True:
        parts = [pref_key]
        if aux_tree is not None:
            kk = min(k, len(located))
            _, near = aux_tree.query(reps, k=kk)
            near = located[np.asarray(near).reshape(n_v, kk)]
            parts.append((np.arange(n_v)[:, None] * n_a + near).ravel())
            kv = min(k, n_v)
            _, near_v = village_tree.query(homes[located], k=kv)
            parts.append((np.asarray(near_v).reshape(-1, kv) * n_a + located[:, None]).ravel())
        keys = np.sort(np.concatenate(parts))
        if len(keys):  # unique (np.unique hashes: slower)
            keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
        rows, cols = keys // n_a, keys % n_a
        d = np.hypot(*(homes[cols] - reps[rows]).T) * detour
        d = np.where(np.isnan(d), UNKNOWN_M, d)
        tiers = np.full(len(keys), TIER_M[DISTANCE])
        if len(pref_key):
            at = np.searchsorted(pref_key, keys).clip(max=len(pref_key) - 1)
            hit = pref_key[at] == keys
            tiers[hit] = pref_tier[at[hit]]
        optional = np.flatnonzero(~must)
        tails = [n_v + cols, np.full(n_a, source), optional]
        heads = [rows, n_v + np.arange(n_a), np.full(len(optional), sink)]
        costs = [np.round((tiers + d) / COST_UNIT_M).astype(np.int64)]
        costs.append(np.zeros(n_a + len(optional), np.int64))
        if len(unlocated):
            tails += [n_v + unlocated, np.full(n_v, hub)]
            heads += [np.full(len(unlocated), hub), np.arange(n_v)]
            costs += [np.zeros(len(unlocated), np.int64), np.full(n_v, hub_cost, np.int64)]
        tails, heads, costs = np.concatenate(tails), np.concatenate(heads), np.concatenate(costs)
        flow = min_cost_flow.SimpleMinCostFlow()
        arcs = flow.add_arcs_with_capacity_and_unit_cost(
            tails, heads, np.ones(len(tails), np.int64), costs
        )
        supply = np.zeros(n_v + n_a + 3, np.int64)
        supply[source] = n_staff
        supply[np.flatnonzero(must)] = -1
        supply[sink] = -(n_staff - int(must.sum()))
        flow.set_nodes_supplies(np.arange(len(supply)), supply)
        status = flow.solve()
        if status == flow.OPTIMAL:
            break
        if status != flow.INFEASIBLE or k >= len(located):  # all located: always feasible
            msg = f"auxiliary matching failed ({status.name}); report this with the scenario"
            raise StaffingError(msg)
        k *= 2
    used = flow.flows(arcs) > 0
    pair = np.flatnonzero(used[: len(keys)])
    r_ind, c_ind = rows[pair], cols[pair]
    d_out, t_out = d[pair], tiers[pair]
    if len(unlocated):
        via_hub = np.flatnonzero(used[len(tails) - n_v :])
        hub_aux = unlocated[used[len(tails) - n_v - len(unlocated) : len(tails) - n_v]]
        r_ind = np.concatenate([r_ind, via_hub])
        c_ind = np.concatenate([c_ind, hub_aux])
        d_out = np.concatenate([d_out, np.full(len(via_hub), UNKNOWN_M)])
        t_out = np.concatenate([t_out, np.full(len(via_hub), TIER_M[DISTANCE])])
    return r_ind, c_ind, d_out, t_out


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
