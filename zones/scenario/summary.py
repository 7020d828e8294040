"""Plain figures about a scenario, for ``zones info`` and the app."""

from __future__ import annotations

import pandas as pd

from zones import columns as C
from zones.model import Scenario


def summarise(scenario: Scenario) -> dict[str, object]:
    """Key figures of a scenario: counts, area, population, staff, incident period.

    Returns
    -------
    dict
        ``name``, ``counts`` (per layer), ``area_km2``, ``population``, ``townships``
        (villages per township), ``police``, ``auxiliaries``, ``incident_first`` /
        ``incident_last`` (ISO dates or None), ``bounds`` (lon/lat), ``metric_crs``.
    """
    villages = scenario.villages
    area_km2 = float(scenario.to_metric(C.VILLAGES).area.sum() / 1e6) if len(villages) else 0.0
    townships = (
        villages[C.TOWNSHIP].fillna("-").value_counts().sort_index().to_dict()
        if len(villages)
        else {}
    )
    incidents = scenario.incidents
    # the period covered counts incidents recorded with a date only as well
    column = "date" if "date" in incidents else C.TIME
    times = incidents[column].dropna() if len(incidents) else pd.Series([])
    return {
        "name": scenario.name,
        "counts": scenario.counts(),
        "area_km2": round(area_km2, 2),
        "population": int(villages[C.POPULATION].fillna(0).sum()) if len(villages) else 0,
        "townships": {str(k): int(v) for k, v in townships.items()},
        "police": len(scenario.police),
        "auxiliaries": len(scenario.auxiliaries),
        "incident_first": times.min().date().isoformat() if len(times) else None,
        "incident_last": times.max().date().isoformat() if len(times) else None,
        "bounds": [round(float(v), 6) for v in villages.total_bounds] if len(villages) else [],
        "metric_crs": scenario.metric_crs.to_string() if len(villages) else "",
    }
