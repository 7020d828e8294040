"""Workload per unit: one column, a Series, or a weighted mix that command staff choose."""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.errors import ZonePlannerError

AREA = "area"  # pseudo-column: the unit's area (km²)
UNITS = "units"  # pseudo-column: 1 per unit (balance the number of villages)

Workload = str | pd.Series | Mapping[str, float]


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
