"""One auxiliary officer per administrative village (一村一辅警), optimally.

The cost is lexicographic: lives in the village, then listed as familiar with it, then the
nearest home (:mod:`zones.staffing.matching`). Small stations are solved densely
(``linear_sum_assignment``); large ones as a min-cost flow (OR-Tools) over each village's nearest
candidates (widened when they admit no matching). Shortages are reported, never hidden: with
fewer auxiliaries than villages the heaviest villages are staffed first and every unstaffed
village is named. Every village stays a candidate column, so a shortage keeps the problem
rectangular with slack.

An auxiliary chosen by hand for a village (:func:`reassign_auxiliaries`) is kept, with reason
``manual``; only the villages that choice leaves open are matched again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from zones import columns as C
from zones.staffing.matching import (
    DEFAULT_DETOUR,
    DISTANCE,
    FAMILIAR,
    HOME,
    TIER_M,
    UNKNOWN_M,
    check_fixed,
    distance_matrix,
    home_points,
    listed_ids,
    match_dense,
    match_sparse,
    village_points,
)

DENSE_MAX_CELLS = 4_000_000  # villages × auxiliaries up to this: the dense solver
AUX_COLUMNS = ("aux_officer_id", "aux_reason", "aux_distance_km")


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
    if len(column_ids) * len(aux) <= DENSE_MAX_CELLS:
        dist = distance_matrix(homes, reps, road, detour).T  # villages × aux
        tiers = _tiers(aux, column_ids).T
        rows, cols = match_dense(dist + tiers, must_col)
        matched_d, matched_t = dist[rows, cols], tiers[rows, cols]
        solver = "dense"
    else:
        preferred = _preferred_pairs(aux, column_ids)
        rows, cols, matched_d, matched_t = match_sparse(
            preferred, homes, reps, must=must_col, detour=detour, k=candidates
        )
        solver = "sparse"
    vids = column_ids[rows]
    _fill(out, vids, aux.index[cols].to_numpy(), matched_d, matched_t)
    total = float(np.sum(matched_t + matched_d))
    pool = aux.index[~aux.index.isin(out["aux_officer_id"].dropna())]
    unstaffed = order[~order.isin(vids)]  # heaviest first, as the shortage warning lists them
    return AuxiliaryAssignment(out, unstaffed, pool, total, solver)


def _fill(
    out: pd.DataFrame,
    vids: pd.Index,
    officer_ids: np.ndarray,
    matched_d: np.ndarray,
    matched_t: np.ndarray,
) -> None:
    """Write the matched auxiliaries, their reasons and distances into ``out``."""
    reason = np.where(
        matched_t == TIER_M[HOME], HOME, np.where(matched_t == TIER_M[FAMILIAR], FAMILIAR, DISTANCE)
    )
    out.loc[vids, "aux_officer_id"] = officer_ids
    out.loc[vids, "aux_reason"] = reason
    out.loc[vids, "aux_distance_km"] = np.where(
        matched_d < UNKNOWN_M, np.round(matched_d / 1000.0, 2), np.nan
    )
    for column in ("aux_officer_id", "aux_reason"):  # missing is None, not NaN
        values = out[column].astype(object)
        out[column] = values.where(values.notna(), None).astype(object)


def _tiers(auxiliaries: pd.DataFrame, village_ids: pd.Index) -> np.ndarray:
    """Preference tier offsets (aux × village): 0 home, 1e7 familiar, 2e7 otherwise."""
    tiers = np.full((len(auxiliaries), len(village_ids)), TIER_M[DISTANCE])
    for (v, a), tier in _preferred_pairs(auxiliaries, village_ids).items():
        tiers[a, v] = tier
    return tiers


def _preferred_pairs(auxiliaries: pd.DataFrame, village_ids: pd.Index) -> dict:
    """``{(village position, auxiliary position): tier offset}`` for every auxiliary's home
    village (``home``) and familiar villages (``familiar``; home wins)."""
    pos = {v: i for i, v in enumerate(village_ids)}
    preferred: dict[tuple[int, int], float] = {}
    for a, (home, familiar) in enumerate(
        zip(auxiliaries[C.HOME_VILLAGE], auxiliaries[C.FAMILIAR_VILLAGES], strict=True)
    ):
        for v in listed_ids(familiar):
            if v in pos:
                preferred[(pos[v], a)] = TIER_M[FAMILIAR]
        if isinstance(home, str) and home in pos:
            preferred[(pos[home], a)] = TIER_M[HOME]
    return preferred


MANUAL = "manual"  # aux_reason of an auxiliary chosen by hand


def reassign_auxiliaries(
    villages: gpd.GeoDataFrame,
    officers: gpd.GeoDataFrame,
    workload: pd.Series,
    current: pd.DataFrame,
    *,
    crs: object,
    fixed: Mapping[str, str],
    detour: float = DEFAULT_DETOUR,
) -> AuxiliaryAssignment:
    """The villages' auxiliaries with the ``fixed`` ones given, changing as little as possible.

    Each village of ``fixed`` gets its officer (reason ``"manual"``); a village that officer
    served before is left open, and every open village (those, and the ones without an
    auxiliary before) is matched optimally (:func:`assign_auxiliaries`) among the auxiliaries
    nobody else keeps. Every other village keeps its auxiliary, reason and distance.

    Parameters
    ----------
    villages, officers, workload, crs, detour
        As in :func:`assign_auxiliaries`; distances of the new pairs are straight line ×
        ``detour``.
    current
        The villages' ``aux_officer_id``, ``aux_reason`` and ``aux_distance_km`` now (indexed by
        village id; a missing officer is an unstaffed village).
    fixed
        ``{village_id: officer_id}``: an available auxiliary each, no officer twice.

    Returns
    -------
    AuxiliaryAssignment
        ``solver`` is ``"kept"`` when no village was left open.

    Raises
    ------
    StaffingError
        For a village or officer of ``fixed`` that cannot be used.
    """
    aux = officers[(officers[C.ROLE] == C.AUXILIARY) & officers[C.AVAILABLE].astype(bool)]
    _check_fixed(fixed, villages.index, aux.index)
    out = pd.DataFrame(index=villages.index)
    for column in AUX_COLUMNS:
        default = np.nan if column == "aux_distance_km" else None
        values = current[column] if column in current else pd.Series(default, index=current.index)
        out[column] = values.reindex(villages.index).astype(float if default is np.nan else object)
    taken = set(fixed.values())
    freed = out["aux_officer_id"].isin(taken) | out.index.isin(list(fixed))
    out.loc[freed, list(AUX_COLUMNS)] = [None, None, np.nan]
    if fixed:
        vids = pd.Index(list(fixed))
        homes = home_points(aux.loc[list(fixed.values())], villages, crs)
        reps = village_points(villages.loc[vids], crs).to_numpy()
        d = np.hypot(*(homes - reps).T) * detour
        out.loc[vids, "aux_officer_id"] = list(fixed.values())
        out.loc[vids, "aux_reason"] = MANUAL
        out.loc[vids, "aux_distance_km"] = np.where(np.isnan(d), np.nan, np.round(d / 1000.0, 2))
    used = set(out["aux_officer_id"].dropna())
    open_ids = out.index[out["aux_officer_id"].isna()]
    free = officers.loc[aux.index[~aux.index.isin(used)]]
    solver = "kept"
    if len(open_ids) and len(free):
        solved = assign_auxiliaries(villages.loc[open_ids], free, workload, crs=crs, detour=detour)
        for column in AUX_COLUMNS:
            out.loc[open_ids, column] = solved.villages[column]
        solver = solved.solver
    for column in ("aux_officer_id", "aux_reason"):  # missing is None, not NaN
        values = out[column].astype(object)
        out[column] = values.where(values.notna(), None).astype(object)
    load = workload.reindex(villages.index).fillna(0)
    order = load.sort_values(ascending=False, kind="mergesort").index
    unstaffed = order[order.isin(out.index[out["aux_officer_id"].isna()])]
    pool = aux.index[~aux.index.isin(out["aux_officer_id"].dropna())]
    return AuxiliaryAssignment(out, unstaffed, pool, float("nan"), solver)


def _check_fixed(fixed: Mapping[str, str], villages: pd.Index, aux: pd.Index) -> None:
    check_fixed(
        fixed,
        villages,
        aux,
        codes=("staff.aux_no_village", "staff.aux_not_auxiliary", "staff.aux_twice"),
        place_param="villages",
    )
