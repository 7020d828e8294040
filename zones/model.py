"""The validated inputs of a plan: :class:`Scenario`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import pyproj

from zones import columns as C
from zones.columns import WGS84 as WGS84  # re-exported: the one constant
from zones.report import ValidationReport


@dataclass(frozen=True, eq=False)
class Scenario:
    """A station's validated inputs, every layer in WGS 84 (EPSG:4326).

    Built by :func:`zones.read_scenario` / :func:`zones.read_scenario_bytes`; never mutate the
    layers in place (use ``.copy()``). Layers a scenario does not have are empty GeoDataFrames
    with the layer's columns, so code never has to test for ``None``.

    Attributes
    ----------
    villages
        Administrative villages/communities: Polygon/MultiPolygon, indexed by ``village_id``
        (strings), columns ``village_id``, ``name``, ``population`` (nullable Int64),
        ``households``, ``kind``, ``township``, ``incidents`` and any extra input fields.
    jurisdiction
        The station's jurisdiction (one or more polygons).
    officers
        Sworn (``police``) and auxiliary (``auxiliary``) officers, indexed by ``officer_id``;
        ``familiar_villages`` holds tuples of village ids; geometry may be missing.
    roads, incidents, rooms, station
        As in DESIGN.md; ``incidents.time`` is a timezone-naive datetime (NaT where unknown).
    report
        Every repair and warning made while reading (errors raise instead).
    name
        A display name: the station's name, else the jurisdiction's, else the source's.
    settings
        How the input was read (``coord_source``, ``swap_axes``), so a plan can record it.
    """

    villages: gpd.GeoDataFrame
    jurisdiction: gpd.GeoDataFrame
    officers: gpd.GeoDataFrame
    roads: gpd.GeoDataFrame
    incidents: gpd.GeoDataFrame
    rooms: gpd.GeoDataFrame
    station: gpd.GeoDataFrame
    report: ValidationReport = field(default_factory=ValidationReport)
    name: str = ""
    settings: Mapping[str, object] = field(default_factory=dict)

    def layer(self, name: str) -> gpd.GeoDataFrame:
        """Return a layer by its name (one of :data:`zones.columns.LAYERS`)."""
        if name not in C.LAYERS:
            msg = f"unknown layer {name!r}; layers are {', '.join(C.LAYERS)}"
            raise KeyError(msg)
        return getattr(self, name)

    @cached_property
    def metric_crs(self) -> pyproj.CRS:
        """The local UTM CRS in which distances and areas are measured."""
        return self.villages.estimate_utm_crs()

    def to_metric(self, name: str) -> gpd.GeoDataFrame:
        """Return a copy of layer ``name`` in :attr:`metric_crs` (metres)."""
        return self.layer(name).to_crs(self.metric_crs)

    def counts(self) -> dict[str, int]:
        """Number of features per layer."""
        return {name: len(self.layer(name)) for name in C.LAYERS}

    @property
    def police(self) -> gpd.GeoDataFrame:
        """Sworn officers (民警)."""
        return self.officers[self.officers[C.ROLE] == C.POLICE]

    @property
    def auxiliaries(self) -> gpd.GeoDataFrame:
        """Auxiliary officers (辅警)."""
        return self.officers[self.officers[C.ROLE] == C.AUXILIARY]
