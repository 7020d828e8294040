"""The figures a hand move changes (:func:`zones.plan.edits.move_villages`): each zone's
workload, deviation, population, shape, contiguity and reach from the villages and their
adjacency, the zone polygons of the zones touched, and the plan's metrics."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from zones import columns as C
from zones.plan.comparison import zone_ids
from zones.zoning import partition as P
from zones.zoning.graph import UnitGraph
from zones.zoning.polygons import ZONE_ID
from zones.zoning.reach import zone_centres

__all__ = ["known_villages", "numeric", "updated_metrics", "updated_zones", "zone_figures"]


def zone_figures(
    villages: gpd.GeoDataFrame,
    metric: gpd.GeoSeries,
    graph: UnitGraph,
    labels: np.ndarray,
    k: int,
) -> pd.DataFrame:
    """Per zone position 0…k−1: the figures zoning computes, from the villages and the graph."""
    weights = numeric(villages, "workload")
    population = numeric(villages, C.POPULATION)
    load = np.bincount(labels, weights=weights, minlength=k)
    total = weights.sum()
    mean = total / k if k else 0.0
    deviation = load / mean - 1 if mean > 0 else np.zeros(k)
    area, perimeter = P.zone_shapes(graph, labels, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        pp = np.where(perimeter > 0, 4 * math.pi * area / perimeter**2, 0.0)
    centre = shapely.get_coordinates(shapely.centroid(metric.to_numpy()))
    mean_distance = np.zeros(k)
    for z in range(k):
        members = labels == z
        pts, w = centre[members], weights[members]
        if not len(pts):
            continue
        c = np.average(pts, axis=0, weights=w) if w.sum() > 0 else pts.mean(axis=0)
        d = np.hypot(*(pts - c).T)
        mean_distance[z] = np.average(d, weights=w) if w.sum() > 0 else d.mean()
    reps = shapely.get_coordinates(shapely.point_on_surface(metric.to_numpy()))
    reach = zone_centres(reps, labels, weights, k)
    return pd.DataFrame(
        {
            "n_units": np.bincount(labels, minlength=k),
            "workload": load,
            "deviation": deviation,
            "population": np.bincount(labels, weights=population, minlength=k).astype("int64"),
            "area_km2": area / 1e6,
            "perimeter_km": perimeter / 1e3,
            "polsby_popper": pp,
            "mean_distance_m": mean_distance,
            "contiguous": P.is_contiguous(graph, labels, k),
            "centre_village": np.asarray(villages.index, dtype=object)[reach.centre],
            "centre_distance_km": reach.mean_m / 1e3,
        }
    )


def numeric(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.zeros(len(frame))
    return pd.to_numeric(frame[column], errors="coerce").fillna(0).to_numpy(dtype=float)


def updated_zones(
    plan,
    metric: gpd.GeoSeries,
    labels: pd.Series,
    figures: pd.DataFrame,
    touched: set[str],
) -> gpd.GeoDataFrame:
    zones = plan.zones.copy()
    for column in figures.columns:
        values = figures[column].to_numpy()
        if column in zones.columns and pd.api.types.is_integer_dtype(zones[column].dtype):
            values = values.astype(zones[column].dtype)
        zones[column] = values
    if touched:
        crs = metric.crs
        parts_of = metric.to_numpy()
        rows = [i for i, z in enumerate(zone_ids(plan)) if z in touched]
        shapes = []
        for i in rows:
            parts = parts_of[(labels == zone_ids(plan)[i]).to_numpy()]
            try:
                shapes.append(shapely.coverage_union_all(parts))
            except shapely.errors.GEOSException:
                shapes.append(shapely.union_all(parts))
        redrawn = gpd.GeoSeries(shapes, crs=crs).to_crs(zones.crs)
        geometry = zones.geometry.to_numpy().copy()
        geometry[rows] = redrawn.to_numpy()
        zones = zones.set_geometry(gpd.GeoSeries(geometry, index=zones.index, crs=zones.crs))
    if "head_known_villages" in zones.columns and plan.officers is not None and touched:
        zones["head_known_villages"] = known_villages(plan, zones, labels)
    return zones


def known_villages(plan, zones: gpd.GeoDataFrame, labels: pd.Series) -> list[object]:
    """How many of its zone's villages each zone head lives in or knows."""
    officers = plan.officers
    out: list[object] = []
    for zone, head, old in zip(
        zones[ZONE_ID].astype(str),
        zones.get("head_officer_id", pd.Series(index=zones.index)),
        zones["head_known_villages"],
        strict=True,
    ):
        if not isinstance(head, str) or head not in officers.index:
            out.append(old)
            continue
        row = officers.loc[head]
        home = row.get(C.HOME_VILLAGE)
        familiar = row.get(C.FAMILIAR_VILLAGES)
        knows = set(familiar) if isinstance(familiar, list | tuple | np.ndarray) else set()
        knows |= {home} if isinstance(home, str) else set()
        out.append(len(knows & set(labels.index[labels == zone])))
    return out


def updated_metrics(
    plan,
    graph: UnitGraph,
    labels: np.ndarray,
    figures: pd.DataFrame,
    tolerance: float,
    n_hand: int,
) -> dict[str, object]:
    rows = np.repeat(np.arange(graph.n), np.diff(graph.indptr))
    cut = graph.border_m[labels[rows] != labels[graph.indices]].sum() / 2
    max_dev = float(np.max(np.abs(figures["deviation"]))) if len(figures) else 0.0
    pp = figures["polsby_popper"]
    load = figures["workload"] if figures["workload"].sum() > 0 else figures["n_units"]
    return {
        **plan.metrics,
        "max_abs_deviation": max_dev,
        "mean_polsby_popper": float(pp.mean()),
        "min_polsby_popper": float(pp.min()),
        "cut_km": float(cut / 1e3),
        "all_contiguous": bool(figures["contiguous"].all()),
        "tolerance_met": bool(max_dev <= tolerance + 1e-9),
        "hand_moves": n_hand,
        "mean_centre_distance_km": float(np.average(figures["centre_distance_km"], weights=load)),
    }
