"""The matching behind staffing: the costs (homes, village points, distances, preference tiers)
and the two optimal solvers, dense (``linear_sum_assignment``) and sparse (a min-cost flow).

Costs are metres with a tier offset that dominates any distance: the officer lives in the
village (``home``, 0), lists it as familiar (``familiar``, 10,000 km), or neither
(``distance``, 20,000 km). An officer without a known home costs ``UNKNOWN_M`` everywhere:
reachable, but after everyone located.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.optimize import linear_sum_assignment
from scipy.spatial import cKDTree

from zones import columns as C
from zones.columns import WGS84
from zones.errors import ZonePlannerError
from zones.report import format_ids

HOME, FAMILIAR, DISTANCE = "home", "familiar", "distance"
TIER_M = {HOME: 0.0, FAMILIAR: 1e7, DISTANCE: 2e7}  # tiers dominate any distance (< 10,000 km)
UNKNOWN_M = 5e6  # an officer without a known home: reachable, but after everyone located
DEFAULT_DETOUR = 1.3  # road distance ≈ straight line × 1.3 (domain notes §1.4)
COST_UNIT_M = 0.001  # the flow solver works in integer millimetres


class StaffingError(ZonePlannerError):
    """Staffing is impossible as asked (e.g. fewer sworn officers than zones)."""


def listed_ids(value: object) -> tuple:
    """A list-like of village ids (``familiar_villages``), or () for a missing value."""
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
        pts = gpd.GeoSeries(geoms[given], crs=officers.crs or WGS84).to_crs(crs)
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


def distance_matrix(
    src: np.ndarray, dst: np.ndarray, road=None, detour: float = DEFAULT_DETOUR
) -> np.ndarray:
    """Metres from each source to each target: along roads when a road graph is given (and
    every point is located), else straight line × ``detour``; NaN sources get ``UNKNOWN_M``."""
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
    n_v, n_a = len(reps), len(homes)
    must = np.ones(n_v, bool) if must is None else np.asarray(must, bool)
    n_staff = min(n_v, n_a)
    if must.sum() > n_staff:
        raise StaffingError(code="staff.must_exceeds", must=int(must.sum()), n=n_staff)
    pairs = _CandidatePairs(preferred, homes, reps)
    while True:
        keys, d, tiers = pairs.costs(k, detour)
        flow, arcs = _solve_flow(keys, d, tiers, pairs.unlocated, must, n_v, n_a)
        status = flow.solve()
        if status == flow.OPTIMAL:
            break
        if status != flow.INFEASIBLE or k >= len(pairs.located):  # all located: always feasible
            raise StaffingError(code="staff.matching_failed", status=status.name)
        k *= 2
    return _matched(flow.flows(arcs) > 0, keys, d, tiers, pairs.unlocated, n_v, n_a)


class _CandidatePairs:
    """The candidate (village, auxiliary) pairs of :func:`match_sparse` and their costs."""

    def __init__(
        self, preferred: dict[tuple[int, int], float], homes: np.ndarray, reps: np.ndarray
    ) -> None:
        self.homes, self.reps = homes, reps
        self.n_v, self.n_a = len(reps), len(homes)
        self.located = np.flatnonzero(~np.isnan(homes).any(axis=1))
        self.unlocated = np.flatnonzero(np.isnan(homes).any(axis=1))
        pref = np.array(list(preferred), dtype=np.int64).reshape(-1, 2)
        pref_key = pref[:, 0] * self.n_a + pref[:, 1]
        pref_tier = np.array(list(preferred.values()), dtype=float)
        order = np.argsort(pref_key)
        self.pref_key, self.pref_tier = pref_key[order], pref_tier[order]
        self.aux_tree = cKDTree(homes[self.located]) if len(self.located) else None
        self.village_tree = cKDTree(reps)

    def keys(self, k: int) -> np.ndarray:
        """Pair keys (village × n_a + aux), sorted and unique: the preferred pairs, each
        village's ``k`` nearest auxiliaries and each auxiliary's ``k`` nearest villages."""
        n_v, n_a, located = self.n_v, self.n_a, self.located
        parts = [self.pref_key]
        if self.aux_tree is not None:
            kk = min(k, len(located))
            _, near = self.aux_tree.query(self.reps, k=kk)
            near = located[np.asarray(near).reshape(n_v, kk)]
            parts.append((np.arange(n_v)[:, None] * n_a + near).ravel())
            kv = min(k, n_v)
            _, near_v = self.village_tree.query(self.homes[located], k=kv)
            parts.append((np.asarray(near_v).reshape(-1, kv) * n_a + located[:, None]).ravel())
        keys = np.sort(np.concatenate(parts))
        if len(keys):  # unique (np.unique hashes: slower)
            keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
        return keys

    def costs(self, k: int, detour: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidate keys with each pair's distance (m) and tier offset."""
        keys = self.keys(k)
        rows, cols = keys // self.n_a, keys % self.n_a
        d = np.hypot(*(self.homes[cols] - self.reps[rows]).T) * detour
        d = np.where(np.isnan(d), UNKNOWN_M, d)
        tiers = np.full(len(keys), TIER_M[DISTANCE])
        if len(self.pref_key):
            at = np.searchsorted(self.pref_key, keys).clip(max=len(self.pref_key) - 1)
            hit = self.pref_key[at] == keys
            tiers[hit] = self.pref_tier[at[hit]]
        return keys, d, tiers


def _solve_flow(
    keys: np.ndarray,
    d: np.ndarray,
    tiers: np.ndarray,
    unlocated: np.ndarray,
    must: np.ndarray,
    n_v: int,
    n_a: int,
):
    """The min-cost flow of :func:`match_sparse` (not yet solved) and its arcs.

    Nodes: villages 0…n_v−1, auxiliaries n_v…, a source, a sink (the optional villages' way
    out) and the hub of the auxiliaries without a known home. The candidate pairs' arcs come
    first, then source → auxiliaries, optional villages → sink, unlocated auxiliaries → hub
    and hub → every village.
    """
    from ortools.graph.python import min_cost_flow

    source, sink, hub = n_v + n_a, n_v + n_a + 1, n_v + n_a + 2
    hub_cost = int(round((UNKNOWN_M + TIER_M[DISTANCE]) / COST_UNIT_M))
    rows, cols = keys // n_a, keys % n_a
    n_staff = min(n_v, n_a)
    optional = np.flatnonzero(~must)
    tail_parts = [n_v + cols, np.full(n_a, source), optional]
    head_parts = [rows, n_v + np.arange(n_a), np.full(len(optional), sink)]
    cost_parts = [np.round((tiers + d) / COST_UNIT_M).astype(np.int64)]
    cost_parts.append(np.zeros(n_a + len(optional), np.int64))
    if len(unlocated):
        tail_parts += [n_v + unlocated, np.full(n_v, hub)]
        head_parts += [np.full(len(unlocated), hub), np.arange(n_v)]
        cost_parts += [np.zeros(len(unlocated), np.int64), np.full(n_v, hub_cost, np.int64)]
    tails = np.concatenate(tail_parts)
    heads = np.concatenate(head_parts)
    costs = np.concatenate(cost_parts)
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails, heads, np.ones(len(tails), np.int64), costs
    )
    supply = np.zeros(n_v + n_a + 3, np.int64)
    supply[source] = n_staff
    supply[np.flatnonzero(must)] = -1
    supply[sink] = -(n_staff - int(must.sum()))
    flow.set_nodes_supplies(np.arange(len(supply)), supply)
    return flow, arcs


def _matched(
    used: np.ndarray,
    keys: np.ndarray,
    d: np.ndarray,
    tiers: np.ndarray,
    unlocated: np.ndarray,
    n_v: int,
    n_a: int,
):
    """The matching read off the solved flow's used arcs (see :func:`_solve_flow`)."""
    rows, cols = keys // n_a, keys % n_a
    pair = np.flatnonzero(used[: len(keys)])
    r_ind, c_ind = rows[pair], cols[pair]
    d_out, t_out = d[pair], tiers[pair]
    if len(unlocated):
        n_arcs = len(used)
        via_hub = np.flatnonzero(used[n_arcs - n_v :])
        hub_aux = unlocated[used[n_arcs - n_v - len(unlocated) : n_arcs - n_v]]
        r_ind = np.concatenate([r_ind, via_hub])
        c_ind = np.concatenate([c_ind, hub_aux])
        d_out = np.concatenate([d_out, np.full(len(via_hub), UNKNOWN_M)])
        t_out = np.concatenate([t_out, np.full(len(via_hub), TIER_M[DISTANCE])])
    return r_ind, c_ind, d_out, t_out


def check_fixed(
    fixed: Mapping[Any, str],
    places: Collection[Any],
    officers: Collection[str],
    *,
    codes: tuple[str, str, str],
    place_param: str,
) -> None:
    """Refuse hand choices (place → officer) naming an unknown place, an officer who cannot
    take it, or one officer twice. ``codes`` are the error codes of those three cases, and
    ``place_param`` the name of the unknown places in the first one's text."""
    no_place, not_eligible, twice_code = codes
    unknown = [p for p in fixed if p not in places]
    if unknown:
        raise StaffingError(code=no_place, **{place_param: format_ids(unknown)})
    wrong = [o for o in fixed.values() if o not in officers]
    if wrong:
        raise StaffingError(code=not_eligible, officers=format_ids(wrong))
    chosen = list(fixed.values())
    twice = sorted({o for o in chosen if chosen.count(o) > 1})
    if twice:
        raise StaffingError(code=twice_code, officers=format_ids(twice))
