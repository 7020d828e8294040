"""Workload per unit: one column, a Series, or a weighted mix that command staff choose."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeAlias

import geopandas as gpd
import numpy as np
import pandas as pd

from zones.errors import ZonePlannerError
from zones.i18n import TEXTS, t_nested

AREA = "area"  # pseudo-column: the unit's area (km²)
UNITS = "units"  # pseudo-column: 1 per unit (balance the number of villages)
INCIDENT_MINUTES = "incident_minutes"  # minutes of work of a village's incidents, by category

Workload: TypeAlias = str | pd.Series | Mapping[str, float]
Note: TypeAlias = tuple[str, dict[str, object]]
"""A note on the workload: its issue code (``issue.<code>``) and parameters."""


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
        if numeric:
            raise WorkloadError(code="workload.column", column=name, numeric=", ".join(numeric))
        raise WorkloadError(
            code="workload.column", column=name, numeric_key="error.workload.no_columns"
        )
    return pd.to_numeric(units[name], errors="coerce").astype(float)


def resolve_workload(units: gpd.GeoDataFrame, workload: Workload) -> tuple[np.ndarray, list[str]]:
    """Workload per unit as a float array aligned to ``units``' rows, and notes on missing values
    (in English; :func:`resolve_workload_notes` gives them as codes).

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
    values, notes = resolve_workload_notes(units, workload)
    return values, [t_nested(f"issue.{code}", "en", params) for code, params in notes]


def resolve_workload_notes(
    units: gpd.GeoDataFrame, workload: Workload
) -> tuple[np.ndarray, list[Note]]:
    """:func:`resolve_workload` with its notes as issue codes and parameters
    (``workload_series_missing``, ``workload_column_missing``, ``workload_missing``), so a plan
    can say them in either language.

    Parameters
    ----------
    units
        The units.
    workload
        As :func:`resolve_workload`.

    Returns
    -------
    (values, notes)
        The workload per unit, and ``(code, params)`` per note.

    Raises
    ------
    WorkloadError
        As :func:`resolve_workload`.
    """
    notes: list[Note] = []
    if isinstance(workload, pd.Series):
        values = workload.reindex(units.index).astype(float)
        if values.isna().any():
            notes.append(("workload_series_missing", {"n": int(values.isna().sum())}))
    elif isinstance(workload, str):
        values = _column(units, workload)
    elif isinstance(workload, Mapping):
        total_weight = float(sum(workload.values()))
        if not workload or total_weight <= 0 or any(v < 0 for v in workload.values()):
            raise WorkloadError(code="workload.weights", weights=dict(workload))
        values = pd.Series(0.0, index=units.index)
        for name, weight in workload.items():
            column = _column(units, name)
            if column.isna().any():
                notes.append(("workload_column_missing", _missing(name, column)))
            column = column.fillna(0.0)
            total = column.sum()
            if total > 0 and weight > 0:
                values = values + 100.0 * (weight / total_weight) * column / total
    else:
        raise WorkloadError(code="workload.kind", kind=type(workload).__name__)
    if values.isna().any():
        notes.append(("workload_missing", {"n": int(values.isna().sum())}))
    values = values.fillna(0.0)
    negative = values[values < 0]
    if len(negative):
        shown = ", ".join(map(str, negative.index[:10]))
        raise WorkloadError(code="workload.negative", n=len(negative), ids=shown)
    if values.sum() <= 0:
        raise WorkloadError(code="workload.zero")
    return values.to_numpy(dtype=float), notes


def _missing(name: str, column: pd.Series) -> dict[str, object]:
    """The parameters of a ``workload_column_missing`` note: the count, and the column by its
    translated name where there is one (``workload.only.<name>``)."""
    params: dict[str, object] = {"n": int(column.isna().sum())}
    label = f"workload.only.{name}"
    if label in TEXTS:
        params["column_key"] = label
    else:
        params["column"] = name
    return params


STEADY_PER_ZONE = 400  # incidents a zone needs before chance moves its count by ≤ 5% (1/√400)
BLEND = {"incidents": 0.6, "population": 0.4}  # the app's default incident share, too


def default_workload(
    units: gpd.GeoDataFrame, n_zones: int, tolerance: float | None = None
) -> Workload:
    """The workload a plan should balance when the user has not chosen one.

    Incident counts are what command staff balance, but a count is a sample: a zone with λ
    incidents a year sees about ±√λ by chance, so counts of fewer than ``STEADY_PER_ZONE``
    (400) a zone vary by more than the default 5% tolerance from year to year, and sparse
    counts (many villages at 0, a few hot spots) make exact balance meaningless or impossible.
    Then the counts are blended with population, a steadier measure of demand (``BLEND``:
    60% incidents, 40% population, each as its share of the station's total). A village
    heavier than a zone lowers the incidents' share further (see
    :func:`zones.zoning.workload_choice.choose_workload`, which also says why).

    Parameters
    ----------
    units
        Zoning units with ``incidents`` and ``population`` columns (either may be missing) and,
        when the incidents carry categories, ``incident_minutes`` (see :func:`village_units`).
    n_zones
        Number of zones.
    tolerance
        Allowed deviation of a zone from the mean; default
        :data:`zones.zoning.facade.DEFAULT_TOLERANCE` (±5%).

    Returns
    -------
    Workload
        ``"incidents"`` (or ``"incident_minutes"``) when there are at least 400 a zone and no
        village is heavier than a zone, ``BLEND`` when there are fewer, a blend with a smaller
        incident share when a village is too heavy, ``"population"`` without incidents,
        ``"units"`` without either.
    """
    from zones.zoning.facade import DEFAULT_TOLERANCE
    from zones.zoning.workload_choice import choose_workload

    used = DEFAULT_TOLERANCE if tolerance is None else tolerance
    return choose_workload(units, n_zones, used).workload


def village_units(
    scenario, category_minutes: Mapping[str, float] | None = None
) -> gpd.GeoDataFrame:
    """The scenario's villages as zoning units, with ``incidents`` counted from the incident
    points (unless the villages already carry an ``incidents`` field), ``incident_minutes``
    (the minutes of work of those incidents by category,
    :mod:`zones.zoning.incident_minutes`) and ``area_km2``.

    Incidents outside every village are not counted (the validation report lists them). When
    the villages carry their own counts, the categories are unknown and every incident counts
    :data:`~zones.zoning.incident_minutes.UNKNOWN_CATEGORY_MINUTES`.

    Parameters
    ----------
    scenario
        A :class:`zones.model.Scenario`.
    category_minutes
        Minutes per incident category over the defaults
        (:data:`~zones.zoning.incident_minutes.DEFAULT_CATEGORY_MINUTES`); ``None``: the
        defaults.
    """
    from zones import columns as C
    from zones.zoning.incident_minutes import UNKNOWN_CATEGORY_MINUTES, minutes_per_incident

    villages = scenario.villages.copy()
    if villages.get(C.INCIDENT_COUNT) is None or villages[C.INCIDENT_COUNT].isna().all():
        counts = pd.Series(0, index=villages.index, dtype="int64")
        minutes = pd.Series(0.0, index=villages.index)
        incidents = scenario.incidents
        if len(incidents):
            categories = incidents.get(C.CATEGORY, pd.Series(pd.NA, index=incidents.index))
            each = minutes_per_incident(categories, category_minutes).to_numpy()
            joined = gpd.sjoin(
                incidents[[incidents.geometry.name]].assign(_minutes=each),
                villages[[villages.geometry.name]],
                predicate="within",
            )
            found = joined["index_right"].value_counts()
            counts = counts.add(found, fill_value=0).astype("int64")
            per_village = joined.groupby("index_right")["_minutes"].sum()
            minutes = minutes.add(per_village, fill_value=0.0)
        villages[C.INCIDENT_COUNT] = counts
        villages[INCIDENT_MINUTES] = minutes.astype(float)
    else:
        given = pd.to_numeric(villages[C.INCIDENT_COUNT], errors="coerce")
        villages[INCIDENT_MINUTES] = given * UNKNOWN_CATEGORY_MINUTES
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
            raise WorkloadError(code="workload.weight_text", part=part) from exc
    return weights
