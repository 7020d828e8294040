"""Nesting: the areas (e.g. townships) zones must not cross, and how many zones each gets."""

from __future__ import annotations

from collections.abc import Hashable

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from zones.report import format_ids
from zones.zoning.graph import UnitGraph
from zones.zoning.result import ZoningError
from zones.zoning.seeding import allocate_zones, subgraph


def nesting_groups(
    units: gpd.GeoDataFrame, nest_within: str | pd.Series | None
) -> tuple[np.ndarray, list[Hashable]]:
    """The nesting area of each unit (codes 0…g−1) and the areas' names (sorted); one area
    ``"all"`` without nesting.

    Raises
    ------
    ZoningError
        When the column is missing or leaves units without an area.
    """
    if nest_within is None:
        return np.zeros(len(units), dtype=np.int64), ["all"]
    if isinstance(nest_within, str):
        if nest_within not in units.columns:
            raise ZoningError(code="zoning.nest_column", column=nest_within)
        values = units[nest_within]
    else:
        values = nest_within.reindex(units.index)
    if values.isna().any():
        missing = format_ids(units.index[values.isna().to_numpy()])
        raise ZoningError(code="zoning.nest_missing", n=int(values.isna().sum()), ids=missing)
    codes, names = pd.factorize(values, sort=True)
    return codes.astype(np.int64), list(names)


def zones_per_group(
    graph: UnitGraph, weights: np.ndarray, unit_group: np.ndarray, names: list[Hashable], k: int
) -> np.ndarray:
    """Zones per nesting area by workload (D'Hondt rule, see
    :func:`zones.zoning.seeding.allocate_zones`).

    Raises
    ------
    ZoningError
        When an area is in several pieces (with nesting) or there are fewer zones than areas.
    """
    g = len(names)
    sizes = np.bincount(unit_group, minlength=g)
    for gi in range(g):
        members = np.flatnonzero(unit_group == gi)
        indptr, indices, _ = subgraph(graph, members)
        matrix = sparse.csr_matrix(
            (np.ones(len(indices)), indices, indptr), shape=(len(members), len(members))
        )
        pieces = connected_components(matrix, directed=False)[0]
        if pieces > 1 and g > 1:
            raise ZoningError(code="zoning.nest_pieces", area=names[gi], n=pieces)
    if k < g:
        raise ZoningError(code="zoning.nest_too_few", k=k, g=g)
    try:
        return allocate_zones(np.bincount(unit_group, weights=weights, minlength=g), sizes, k)
    except ValueError as exc:
        raise ZoningError(str(exc)) from exc
