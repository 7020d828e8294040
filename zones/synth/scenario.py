"""Seeded synthetic scenarios: villages, officers, roads, incidents, rooms and a station.

The generator builds a plausible rural police-station jurisdiction in North China / Inner
Mongolia, for the bundled sample and for benchmarks from 100 to 50,000 villages. Everything
is a pure function of the arguments: randomness comes only from
``numpy.random.default_rng(seed)``, so equal arguments give equal layers (and, through
:func:`zones.synth.write_scenario`, equal bytes). How the villages are made is told in
:mod:`zones.synth.tessellation`.

The layers are made in a fixed order that draws from one random generator: villages, roads,
incidents, officers, rooms, station. Keep that order: any change changes every later layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pyproj

from zones import columns as C
from zones.synth.incidents import INCIDENTS_PER_VILLAGE, MIN_INCIDENTS, incidents_layer
from zones.synth.lonlat import WGS84, projector, utm_crs, wgs84_frame
from zones.synth.officers import officers_layer
from zones.synth.roads import roads_layer
from zones.synth.rooms import rooms_layer, station_layer
from zones.synth.tessellation import Tessellation, village_coverage
from zones.synth.townships import Administration, administration
from zones.synth.villages import villages_layer

__all__ = ["make_scenario_layers"]


@dataclass(frozen=True)
class _Settings:
    """What the layers after the villages need, with the defaults resolved."""

    n_incidents: int
    n_police: int
    n_aux: int
    station_name: str
    year: int


def make_scenario_layers(
    n_villages: int = 90,
    *,
    seed: int = 0,
    center_lonlat: tuple[float, float] = (113.15, 41.0),
    n_townships: int | None = None,
    n_incidents: int | None = None,
    n_police: int | None = None,
    aux_shortfall: int = 4,
    station_name: str = "白海子派出所",
    year: int = 2025,
) -> dict[str, gpd.GeoDataFrame]:
    """Generate a synthetic scenario: every layer of the data model, in WGS 84.

    Parameters
    ----------
    n_villages
        Number of administrative villages and communities (at least 2). About 2.5 km² each.
    seed
        Seed of ``numpy.random.default_rng``; equal arguments give equal layers.
    center_lonlat
        Approximate centre of the jurisdiction (lon, lat).
    n_townships
        Number of townships (contiguous groups of villages); default ``round(n_villages / 25)``
        but at least 3 (or ``n_villages`` when smaller).
    n_incidents
        Number of incidents; default ``max(2000, 25 * n_villages)``.
    n_police
        Number of sworn officers; default ``max(8, round(n_villages / 4))``.
    aux_shortfall
        How many fewer auxiliary officers than villages (so a few villages lack one).
    station_name
        Name of the police station (派出所); its township is named after it.
    year
        Calendar year of the incident timestamps.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        The layers ``jurisdiction``, ``villages``, ``officers``, ``roads``, ``incidents``,
        ``rooms`` and ``station`` (keys from :data:`zones.columns.LAYERS`), all EPSG:4326 with
        coordinates rounded to 6 decimals. ``officers.familiar_villages`` holds lists of
        village ids; officers without a home village have no geometry.

    Raises
    ------
    ValueError
        If an argument is out of range.
    RuntimeError
        If no valid village coverage could be built (not expected in practice).
    """
    _check_arguments(n_villages, n_townships, n_incidents, n_police, aux_shortfall, year)
    rng = np.random.default_rng(seed)
    lon0, lat0 = (float(value) for value in center_lonlat)
    metric_crs = utm_crs(lon0, lat0)
    to_metric = pyproj.Transformer.from_crs(WGS84, metric_crs, always_xy=True)
    to_lonlat = pyproj.Transformer.from_crs(metric_crs, WGS84, always_xy=True)
    centre_xy = np.array(to_metric.transform(lon0, lat0), dtype=float)
    tess = village_coverage(rng, n_villages, centre_xy, to_lonlat)
    k_townships = n_townships if n_townships is not None else _default_townships(n_villages)
    admin = administration(rng, tess, k_townships, station_name)
    settings = _Settings(
        n_incidents=(
            n_incidents
            if n_incidents is not None
            else max(MIN_INCIDENTS, INCIDENTS_PER_VILLAGE * n_villages)
        ),
        n_police=n_police if n_police is not None else max(8, round(n_villages / 4)),
        n_aux=max(0, n_villages - aux_shortfall),
        station_name=station_name,
        year=year,
    )
    return _layers(rng, tess.permuted(admin.order), admin, projector(to_lonlat), settings)


def _layers(
    rng: np.random.Generator,
    tess: Tessellation,
    admin: Administration,
    project: Callable[[np.ndarray], np.ndarray],
    settings: _Settings,
) -> dict[str, gpd.GeoDataFrame]:
    """Every layer from the villages on, in the order they draw from ``rng``."""
    villages = villages_layer(rng, tess, admin)
    roads, road_lines_xy, road_classes = roads_layer(
        rng, tess, admin, project, villages[C.NAME].to_numpy()
    )
    incidents = incidents_layer(
        rng,
        tess,
        admin,
        villages[C.POPULATION].to_numpy(),
        road_lines_xy,
        road_classes,
        settings.n_incidents,
        settings.year,
        project,
    )
    officers = officers_layer(
        rng,
        tess,
        admin,
        villages[C.VILLAGE_ID].to_numpy(),
        settings.n_police,
        settings.n_aux,
        project,
    )
    rooms = rooms_layer(rng, tess, villages, project)
    station = station_layer(rng, tess, admin.station_seat, settings.station_name, project)
    jurisdiction = wgs84_frame(
        {C.NAME: [f"{settings.station_name}辖区"], C.STATION_NAME: [settings.station_name]},
        np.array([tess.jurisdiction_ll], dtype=object),
    )
    return {
        C.JURISDICTION: jurisdiction,
        C.VILLAGES: villages,
        C.OFFICERS: officers,
        C.ROADS: roads,
        C.INCIDENTS: incidents,
        C.ROOMS: rooms,
        C.STATION: station,
    }


def _check_arguments(
    n_villages: int,
    n_townships: int | None,
    n_incidents: int | None,
    n_police: int | None,
    aux_shortfall: int,
    year: int,
) -> None:
    if n_villages < 2:
        msg = f"n_villages must be at least 2, got {n_villages}"
        raise ValueError(msg)
    if n_townships is not None and not 1 <= n_townships <= n_villages:
        msg = f"n_townships must be between 1 and n_villages ({n_villages}), got {n_townships}"
        raise ValueError(msg)
    if n_incidents is not None and n_incidents < 0:
        msg = f"n_incidents must not be negative, got {n_incidents}"
        raise ValueError(msg)
    if n_police is not None and n_police < 0:
        msg = f"n_police must not be negative, got {n_police}"
        raise ValueError(msg)
    if aux_shortfall < 0:
        msg = f"aux_shortfall must not be negative, got {aux_shortfall}"
        raise ValueError(msg)
    if not 1900 <= year <= 2100:
        msg = f"year must be between 1900 and 2100, got {year}"
        raise ValueError(msg)


def _default_townships(n_villages: int) -> int:
    return max(min(3, n_villages), round(n_villages / 25))
