"""Workload per unit: one column, a Series, or a weighted mix that command staff choose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.errors import ZonePlannerError

AREA = "area"  # pseudo-column: the unit's area (km²)
UNITS = "units"  # pseudo-column: 1 per unit (balance the number of villages)

Workload: TypeAlias = str | pd.Series | Mapping[str, float]


class WorkloadError(ZonePlannerError):
    """The workload asked for cannot be computed (unknown column, negative or all-zero values)."""


def _column(units: gpd.GeoDataFrame, name: str) -> pd.Series:
    if name == AREA:
        metric = (
            units
            if units.crs is not None and not units.crs.is_geographic
            else (units.to_crs(units.estimate_utm_crs()))
        )
        return pd.Series(metric.area.to_numpy() / 1e6, index=units.index)
    if name == UNITS:
        return pd.Series(1.0, index=units.index)
    if name not in units.columns:
        numeric = [str(c) for c in units.columns if pd.api.types.is_numeric_dtype(units[c])]
        msg = (
            f"workload column {name!r} is not in the units; numeric columns are "
            f"{', '.join(numeric) or 'none'} (or use {AREA!r} / {UNITS!r})"
        )
        raise WorkloadError(msg)
    return pd.to_numeric(units[name], errors="coerce").astype(float)


def resolve_workload(units: gpd.GeoDataFrame, workload: Workload) -> tuple[np.ndarray, list[str]]:
    """Workload per unit as a float array aligned to ``units``' rows, and notes on missing values.

    Parameters
    ----------
    units
        The units.
    workload
        A column name (``"area"`` and ``"units"`` are computed), a Series aligned to
        ``units.index``, or a mapping ``{column: weight}``: each column is first scaled to its
        share of the jurisdiction's total, so incidents and population can be mixed, then
        weighted (weights are normalised to sum to 1; the result sums to 100).

    Raises
    ------
    WorkloadError
        For an unknown column, a negative value, or a workload that is zero everywhere.
    """
    notes: list[str] = []
    if isinstance(workload, pd.Series):
        values = workload.reindex(units.index).astype(float)
        if values.isna().any():
            notes.append(f"{int(values.isna().sum())} units missing from the workload Series")
    elif isinstance(workload, str):
        values = _column(units, workload)
    elif isinstance(workload, Mapping):
        total_weight = float(sum(workload.values()))
        if not workload or total_weight <= 0 or any(v < 0 for v in workload.values()):
            msg = f"workload weights must be non-negative and not all zero, got {dict(workload)}"
            raise WorkloadError(msg)
        values = pd.Series(0.0, index=units.index)
        for name, weight in workload.items():
            column = _column(units, name)
            if column.isna().any():
                notes.append(f"{int(column.isna().sum())} units have no {name}; counted as 0")
            column = column.fillna(0.0)
            total = column.sum()
            if total > 0 and weight > 0:
                values = values + 100.0 * (weight / total_weight) * column / total
    else:
        kind = type(workload).__name__
        msg = f"workload must be a column name, a Series or a {{column: weight}} dict, not {kind}"
        raise WorkloadError(msg)
    if values.isna().any():
        notes.append(f"{int(values.isna().sum())} units have no workload; counted as 0")
    values = values.fillna(0.0)
    negative = values[values < 0]
    if len(negative):
        msg = (
            f"workload is negative for {len(negative)} units "
            f"({', '.join(map(str, negative.index[:10]))}); workloads must be ≥ 0"
        )
        raise WorkloadError(msg)
    if values.sum() <= 0:
        msg = "workload is zero for every unit: choose a column with values, or 'units'"
        raise WorkloadError(msg)
    return values.to_numpy(dtype=float), notes


STEADY_PER_ZONE = 400  # incidents a zone needs before chance moves its count by ≤ 5% (1/√400)
BLEND = {"incidents": 0.6, "population": 0.4}  # the app's default incident share, too


def default_workload(units: gpd.GeoDataFrame, n_zones: int) -> Workload:
    """The workload a plan should balance when the user has not chosen one.

    Incident counts are what command staff balance, but a count is a sample: a zone with λ
    incidents a year sees about ±√λ by chance, so counts of fewer than ``STEADY_PER_ZONE``
    (400) a zone vary by more than the default 5% tolerance from year to year, and sparse
    counts (many villages at 0, a few hot spots) make exact balance meaningless or impossible.
    Then the counts are blended with population, a steadier measure of demand (``BLEND``:
    60% incidents, 40% population, each as its share of the station's total).

    Parameters
    ----------
    units
        Zoning units with ``incidents`` and ``population`` columns (either may be missing).
    n_zones
        Number of zones.

    Returns
    -------
    Workload
        ``"incidents"`` when there are at least 400 a zone (or no population), ``BLEND`` when
        there are fewer, ``"population"`` without incidents, ``"units"`` without either.
    """
    from zones import columns as C

    def total(name: str) -> float:
        if name not in units.columns:
            return 0.0
        return float(pd.to_numeric(units[name], errors="coerce").fillna(0).clip(lower=0).sum())

    incidents, population = total(C.INCIDENT_COUNT), total(C.POPULATION)
    if incidents <= 0:
        return C.POPULATION if population > 0 else UNITS
    if population <= 0 or incidents / max(n_zones, 1) >= STEADY_PER_ZONE:
        return C.INCIDENT_COUNT
    return dict(BLEND)


def village_units(scenario) -> gpd.GeoDataFrame:
    """The scenario's villages as zoning units, with ``incidents`` counted from the incident
    points (unless the villages already carry an ``incidents`` field) and ``area_km2``.

    Incidents outside every village are not counted (the validation report lists them).
    """
    from zones import columns as C

    villages = scenario.villages.copy()
    if villages.get(C.INCIDENT_COUNT) is None or villages[C.INCIDENT_COUNT].isna().all():
        counts = pd.Series(0, index=villages.index, dtype="int64")
        incidents = scenario.incidents
        if len(incidents):
            joined = gpd.sjoin(
                incidents[[incidents.geometry.name]],
                villages[[villages.geometry.name]],
                predicate="within",
            )
            found = joined["index_right"].value_counts()
            counts = counts.add(found, fill_value=0).astype("int64")
        villages[C.INCIDENT_COUNT] = counts
    villages["area_km2"] = scenario.to_metric(C.VILLAGES).area / 1e6
    return villages


def parse_weights(text: str) -> str | dict[str, float]:
    """``"population"`` → ``"population"``; ``"incidents=0.6,population=0.4"`` → a mapping.

    Raises
    ------
    WorkloadError
        For a malformed weight.
    """
    text = text.strip()
    if "=" not in text and "," not in text:
        return text
    weights: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        try:
            weights[name.strip()] = float(value) if value.strip() else 1.0
        except ValueError as exc:
            msg = f"workload weight {part!r} is not name=number (e.g. incidents=0.6)"
            raise WorkloadError(msg) from exc
    return weights
