"""The map of a whole plan: zones, villages, rooms, patrol lines, posts, incident density, station.

Each part is a toggleable ``FeatureGroup`` holding data built here from an allow-list of fields,
every value escaped (:mod:`maps.escape`), following :mod:`maps.scenario_map` and reusing its
helpers. Zones, villages, the jurisdiction, incident density and rooms are compact layers
(:mod:`maps.compact`: every border stored once as quantized arcs, decoded into canvas layers in
the page), so that a station of 10,000 villages stays a few megabytes; patrol lines, posts and
the station are folium GeoJSON. Two privacy profiles decide what the map shows about people:

``public`` (the default)
    Role codes instead of names (zone head → ``片区长-03`` by zone order, village auxiliary →
    ``驻村辅警-V007`` by village order), no phone numbers, no home villages (nor the reason an
    auxiliary was chosen, which would tell), no times on posts or patrol lines. None of these
    reach the page at all, not even as hidden GeoJSON properties.
``internal``
    Names (looked up in ``plan.officers`` by officer id) and phone numbers, and a fixed banner
    "内部资料 注意保密" / "Internal — confidential".

Zone colours are colour-blind-safe and keyed by zone id, and adjacent zones never share one
(:mod:`maps.colors`). The page fits the station whenever the map is shown or resized, until
the user moves it, folds its legend and layer control on a small map, and hides zone labels
that would overlap (:mod:`maps.view`); the incident density starts switched off.

Display geometry is simplified as a coverage in metres (:func:`shapely.coverage_simplify`, so
shared borders stay shared; zone outlines are dissolved from the simplified villages, so they
lie exactly on village borders) at a tolerance that a large station's initial view cannot show
(:func:`display_tolerance`), and quantized to 5–7 decimals. Incidents are counted on a square
grid (:func:`incident_grid`) and drawn in shades of one colour, not as a heat map plugin, which
would load its script from a CDN. The view is fitted before any layer is added, so the canvas is
drawn once.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import mapping

from maps.i18n import t
from zones import columns as C
from zones.ids import natural_key
from zones.plan.files import PLAN_LAYERS
from zones.plan.pipeline import AUX_OFFICER_ID, HEAD_OFFICER_ID
from zones.scenario.coords import COORD_SOURCES, wgs84_to
from zones.zoning.polygons import ZONE_ID

from .colors import ZONE_FILL_OPACITY, ZONE_PALETTE, zone_adjacency, zone_colors
from .compact import CompactLayer, Topology, decimals_for
from .escape import display_properties, esc, is_missing, legend_html, swatch, title_html
from .offline import WITHOUT_JQUERY, make_offline
from .people import INTERNAL, PROFILES, PUBLIC, People, orders
from .scenario_map import (
    COORD_DECIMALS,
    JURISDICTION_COLOR,
    ROOM_COLOR,
    STATION_COLOR,
    _col,
    _drawable,
    _feature_collection,
    _fmt_number,
    _geojson,
    _station_layer,
    _trusted,
    base_map,
    village_names,
)
from .view import Declutter, FitView, KeepOrder, Panels, set_page

if TYPE_CHECKING:
    from zones.plan.pipeline import Plan


MAX_LEGEND_ZONES = 12
LEGEND_ONE_COLUMN = 6
"""Up to this many zones the legend lists them one to a line with their heads; more, by name
only, three to a line (their labels on the map name the heads)."""
DISPLAY_TOLERANCE_M = 15.0
"""Simplification tolerance (metres) for display geometry of a large station."""
TOLERANCE_PER_SIZE = 1e-3
"""Smaller stations get ``TOLERANCE_PER_SIZE × √area`` (a 1 km² station: 1 m)."""
VIEW_PX = 1000
"""The map's initial view is taken to be about this many pixels across (the station's extent
fitted into it gives the size of one pixel at the initial zoom)."""
PIXEL_FRACTION = 0.5
"""Large stations are simplified at this fraction of a pixel of the initial view, so what is
left out cannot be seen until the user zooms in (a 200 km wide station: 100 m)."""
DENSITY_CELL_M = 500.0
MAX_DENSITY_CELLS = 4000
"""Above this many occupied cells the grid cell doubles until it fits (the layer name says so)."""
MAX_SHOWN_ROOMS = 1000
"""A plan with more village police rooms starts with their layer switched off."""
ARROW_SPACING_M = 400.0
ARROW_SPACING_PX = 20
"""…and at least this many pixels of the initial view apart (a large station's overview would
otherwise be covered in arrows)."""
MAX_ARROWS_PER_LINE = 12
ARROW_ANGLE_STEP = 5
"""Arrow rotations are rounded to this many degrees (fewer distinct styles in the page)."""

ZONE_LINE_COLOR = "#333333"
VILLAGE_LINE_COLOR = "#555555"
DENSITY_COLOR = "#67000d"
"""Incident density: one dark red, more opaque where there are more incidents."""
PATROL_COLOR = "#1a1a1a"
POST_COLOR = "#6a3d9a"
ROOM_EXISTING_STYLE = {"color": "#ffffff", "weight": 1.5, "fillColor": ROOM_COLOR, "fillOpacity": 1}
ROOM_NEW_STYLE = {"color": ROOM_COLOR, "weight": 2.5, "fillColor": "#ffffff", "fillOpacity": 1}
"""Village police rooms: existing ones solid green, new (planned) ones a green ring."""
BANNER_COLOR = "#c00000"

_PLAN_CSS = (
    "<style>"
    ".zp-tip table{margin:auto}.zp-tip tr{text-align:left}"
    ".zp-tip th{color:#555;padding:2px;padding-right:8px}"
    ".zp-station,.zp-label,.zp-arrow{background:none;border:none}"
    ".zp-label>div{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;"
    "text-align:center;font:bold 13px/16px sans-serif;color:#111;"
    "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff}"
    ".zp-label span{font-weight:normal;font-size:12px}"
    ".zp-arrow>div{position:absolute;font:16px/16px sans-serif;color:"
    f"{PATROL_COLOR};text-shadow:0 0 2px #fff,0 0 2px #fff}}"
    "</style>"
)


# --- geometry helpers ------------------------------------------------------------------------


def _metric_crs(plan: Plan) -> pyproj.CRS:
    for layer in (plan.villages, plan.zones):
        drawable = _drawable(layer)
        if not drawable.empty:
            return drawable.estimate_utm_crs()
    return pyproj.CRS.from_epsg(3857)


def display_tolerance(area_m2: float, extent_m: float = 0.0) -> float:
    """Simplification tolerance in metres for a station of ``area_m2`` square metres that is
    ``extent_m`` metres across (its longer side).

    :data:`DISPLAY_TOLERANCE_M`, scaled down as ``TOLERANCE_PER_SIZE × √area`` for small
    stations so they keep their shape; for large ones at least :data:`PIXEL_FRACTION` of a
    pixel of the initial view (``extent_m / VIEW_PX``), which the eye cannot tell apart there.
    """
    fine = min(DISPLAY_TOLERANCE_M, TOLERANCE_PER_SIZE * math.sqrt(max(area_m2, 0.0)))
    return float(max(fine, PIXEL_FRACTION * max(extent_m, 0.0) / VIEW_PX))


def _is_polygonal(geoms: np.ndarray) -> np.ndarray:
    return np.isin(shapely.get_type_id(geoms), (3, 6))  # Polygon, MultiPolygon


def simplify_coverage(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Simplify the polygons of ``geoms`` for display; other geometries pass unchanged.

    A valid coverage is simplified with :func:`shapely.coverage_simplify`, so borders shared by
    two polygons stay shared; anything else polygon by polygon (topology preserved).

    Parameters
    ----------
    geoms
        Geometries in a metric CRS.
    tolerance
        In the units of the CRS (metres); ``0`` returns a copy.
    """
    out = np.array(geoms, dtype=object)
    polygonal = _is_polygonal(out)
    if tolerance <= 0 or not polygonal.any():
        return out
    parts = out[polygonal]
    if shapely.coverage_is_valid(parts):
        out[polygonal] = shapely.coverage_simplify(parts, tolerance)
    else:
        out[polygonal] = shapely.simplify(parts, tolerance, preserve_topology=True)
    return out


def _union(parts: np.ndarray) -> shapely.Geometry:
    try:
        return shapely.coverage_union_all(parts)
    except shapely.errors.GEOSException:
        return shapely.union_all(parts)


def _to_wgs84(geoms: np.ndarray, crs: pyproj.CRS) -> np.ndarray:
    return np.asarray(gpd.GeoSeries(geoms, crs=crs).to_crs(C.WGS84).array, dtype=object)


def label_points(geoms: np.ndarray, crs: pyproj.CRS) -> tuple[list[tuple[float, float]], list[int]]:
    """Where each zone's label goes and how much room it has there.

    The label point is the centre of the zone's largest inscribed circle (its pole of
    inaccessibility: the point farthest inside it, so a label stays clear of the borders even
    in a long or bent zone), and the priority is that circle's radius in metres (a larger zone's
    label wins where two overlap).

    Parameters
    ----------
    geoms
        Zone polygons in the metric ``crs``.
    crs
        Their CRS.

    Returns
    -------
    points : list of (float, float)
        (latitude, longitude) per zone.
    priorities : list of int
        The radius per zone, in metres.
    """
    if len(geoms) == 0:
        return [], []
    lines = shapely.maximum_inscribed_circle(geoms)
    centres = shapely.get_point(lines, 0)
    wgs84 = _to_wgs84(centres, crs)
    return [(float(p.y), float(p.x)) for p in wgs84], [round(r) for r in shapely.length(lines)]


def _with_geometry(frame: gpd.GeoDataFrame, geoms: np.ndarray, crs: pyproj.CRS) -> gpd.GeoDataFrame:
    """A copy of ``frame`` (any CRS) with ``geoms`` (in ``crs``) as its EPSG:4326 geometry."""
    series = gpd.GeoSeries(geoms, index=frame.index, crs=crs).to_crs(C.WGS84)
    return gpd.GeoDataFrame(frame.drop(columns=frame.geometry.name), geometry=series)


GEOMETRY_FIELDS = PLAN_LAYERS  # every map layer of a plan


def shifted_for_display(plan: Plan, datum: str) -> Plan:
    """The plan with every layer shifted to ``datum`` for drawing on GCJ-02 (Amap, Tencent)
    or BD-09 (Baidu) tiles; the plan itself stays WGS 84. ``"wgs84"`` returns it unchanged."""
    if datum not in COORD_SOURCES:
        msg = f"unknown datum {datum!r}; use one of {', '.join(COORD_SOURCES)}"
        raise ValueError(msg)
    if datum == "wgs84":
        return plan
    changes = {}
    for name in GEOMETRY_FIELDS:
        layer = getattr(plan, name)
        if layer is None or not len(layer):
            continue
        shifted = layer.to_crs(C.WGS84).copy()
        shifted[shifted.geometry.name] = wgs84_to(np.asarray(shifted.geometry.array), datum)
        changes[name] = shifted
    return dataclasses.replace(plan, **changes)


def _area_extent(plan: Plan, crs: pyproj.CRS) -> tuple[float, float]:
    """Area (m²) and extent (the longer side, m) of the villages (else the zones) in ``crs``."""
    for layer in (plan.villages, plan.zones):
        geoms = np.asarray(_drawable(layer).to_crs(crs).geometry.array, dtype=object)
        geoms = geoms[_is_polygonal(geoms)] if len(geoms) else geoms
        if len(geoms):
            west, south, east, north = shapely.total_bounds(geoms)
            return float(shapely.area(geoms).sum()), float(max(east - west, north - south))
    return 0.0, 0.0


def plan_tolerance(plan: Plan, crs: pyproj.CRS) -> float:
    """The display tolerance (metres) of a plan: :func:`display_tolerance` of the area and
    extent of its villages (else its zones) in the metric ``crs``."""
    return display_tolerance(*_area_extent(plan, crs))


def display_layers(
    plan: Plan, crs: pyproj.CRS, *, tolerance: float | None = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame | None]:
    """Zones, villages and jurisdiction with simplified display geometry (EPSG:4326).

    Rows without a drawable geometry are left out. Villages are simplified as one coverage
    at ``tolerance`` metres (default :func:`plan_tolerance`); when they are all polygons and
    cover every zone, each zone's outline is the union of its simplified villages (so zone and
    village borders coincide), else the zones are simplified as their own coverage.
    """
    villages = _drawable(plan.villages)
    zones = _drawable(plan.zones)
    villages_m = np.asarray(villages.to_crs(crs).geometry.array, dtype=object)
    zones_m = np.asarray(zones.to_crs(crs).geometry.array, dtype=object)
    if tolerance is None:
        tolerance = plan_tolerance(plan, crs)
    villages_s = simplify_coverage(villages_m, tolerance)

    zone_of = villages[ZONE_ID].astype(str).to_numpy() if ZONE_ID in villages else None
    zone_ids = zones[ZONE_ID].astype(str).to_numpy() if ZONE_ID in zones else None
    dissolve = (
        zone_of is not None
        and zone_ids is not None
        and bool(_is_polygonal(villages_s).all())
        and set(zone_ids) <= set(zone_of)
    )
    if dissolve:
        zones_s = np.array([_union(villages_s[zone_of == z]) for z in zone_ids], dtype=object)
    else:
        zones_s = simplify_coverage(zones_m, tolerance)

    jurisdiction = None
    if plan.jurisdiction is not None and not _drawable(plan.jurisdiction).empty:
        jur = _drawable(plan.jurisdiction)
        jur_s = simplify_coverage(np.asarray(jur.to_crs(crs).geometry.array), tolerance)
        jurisdiction = _with_geometry(jur, jur_s, crs)

    return (
        _with_geometry(zones, zones_s, crs),
        _with_geometry(villages, villages_s, crs),
        jurisdiction,
    )


def incident_grid(
    incidents: gpd.GeoDataFrame,
    crs: pyproj.CRS,
    *,
    cell_m: float = DENSITY_CELL_M,
    max_cells: int = MAX_DENSITY_CELLS,
    clip: shapely.Geometry | None = None,
) -> tuple[gpd.GeoDataFrame, float]:
    """Count incidents on a square grid of ``cell_m`` metres in ``crs``.

    Parameters
    ----------
    incidents
        Points (rows without a geometry are ignored).
    crs
        The metric CRS of the grid.
    cell_m
        Cell size in metres; doubled until at most ``max_cells`` cells hold incidents.
    clip
        An area in ``crs`` (the station's): incidents outside it are left out and cells are
        cut to it.

    Returns
    -------
    cells : geopandas.GeoDataFrame
        One square (EPSG:4326) per occupied cell, column ``count``.
    cell : float
        The cell size used, in metres.
    """
    points = np.asarray(_drawable(incidents).to_crs(crs).geometry.array, dtype=object)
    if clip is not None:
        points = points[shapely.intersects(clip, points)]
    xy = shapely.get_coordinates(points)
    cell = float(cell_m)
    if len(xy) == 0:
        empty = gpd.GeoDataFrame({"count": []}, geometry=gpd.GeoSeries([], crs=C.WGS84))
        return empty, cell
    while True:
        keys, counts = np.unique(np.floor(xy / cell).astype(np.int64), axis=0, return_counts=True)
        if len(keys) <= max_cells:
            break
        cell *= 2
    x, y = keys[:, 0] * cell, keys[:, 1] * cell
    boxes = shapely.box(x, y, x + cell, y + cell)
    if clip is not None:
        boxes = shapely.intersection(boxes, clip)
    cells = gpd.GeoDataFrame({"count": counts.astype(int)}, geometry=boxes, crs=crs)
    return cells.to_crs(C.WGS84), cell


def _arrows(
    lines: gpd.GeoDataFrame, crs: pyproj.CRS, spacing: float = ARROW_SPACING_M
) -> tuple[list[shapely.Point], list[int]]:
    """Arrow positions (EPSG:4326) and CSS rotations (degrees clockwise from east) along lines.

    Arrows sit every ``spacing`` metres (at least one, at most :data:`MAX_ARROWS_PER_LINE` per
    part), pointing the way the line is drawn.
    """
    points, angles = [], []
    for line in shapely.get_parts(np.asarray(lines.to_crs(crs).geometry.array, dtype=object)):
        length = float(line.length)
        if length <= 0:
            continue
        n = int(min(max(round(length / spacing), 1), MAX_ARROWS_PER_LINE))
        step = min(5.0, length / 100)
        for k in range(n):
            d = (k + 0.5) / n * length
            a = line.interpolate(max(d - step, 0.0))
            b = line.interpolate(min(d + step, length))
            # UTM is conformal: the angle on the map is the angle in metres; CSS turns clockwise
            angle = -math.degrees(math.atan2(b.y - a.y, b.x - a.x))
            angles.append(int(round(angle / ARROW_ANGLE_STEP) * ARROW_ANGLE_STEP) % 360)
            points.append(line.interpolate(d))
    wgs84 = _to_wgs84(np.array(points, dtype=object), crs) if points else []
    return list(wgs84), angles


# --- layers ----------------------------------------------------------------------------------


def _fmt_percent(value: Any, *, signed: bool = True) -> Any:
    if pd.api.types.is_number(value) and not pd.isna(value):
        return f"{value * 100:+.1f}%" if signed else f"{value * 100:.1f}"
    return value


def _fmt_area(km2: Any) -> Any:
    if pd.api.types.is_number(km2) and not pd.isna(km2):
        return f"{km2:.1f}"
    return km2


def _fmt_km(metres: Any) -> Any:
    if pd.api.types.is_number(metres) and not pd.isna(metres):
        return f"{metres / 1000:.1f}"
    return metres


def _zone_name(zone_id: Any, lang: str) -> str:
    return t("map.plan.zone", lang, zone=zone_id) if not is_missing(zone_id) else ""


class _Row(dict):
    """One row as a plain dict with the two ``pd.Series`` attributes the property functions
    use (``name`` and ``index``): much cheaper than ``iterrows`` for 10,000 villages."""

    __slots__ = ("name",)

    @property
    def index(self) -> Any:
        return self.keys()


def _escaped_rows(
    gdf: gpd.GeoDataFrame, properties: Callable[[Any], Mapping[str, Any]]
) -> list[dict[str, str]]:
    """Display-only, escaped tooltip values of each drawable row (an allow-list of fields)."""
    drawn = _drawable(gdf)
    records = pd.DataFrame(drawn.drop(columns=drawn.geometry.name)).to_dict("records")
    out = []
    for name, record in zip(drawn.index, records, strict=True):
        row = _Row(record)
        row.name = name
        out.append(display_properties(properties(row)))
    return out


def _escaped_fields(fields: Mapping[str, str]) -> dict[str, str]:
    return {key: esc(label) for key, label in fields.items()}


def _style_table(styles: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[int]]:
    """Distinct styles and each feature's index into them (the page stores each style once)."""
    table: dict[str, int] = {}
    distinct: list[dict[str, Any]] = []
    index = []
    for style in styles:
        key = repr(sorted(style.items()))
        if key not in table:
            table[key] = len(distinct)
            distinct.append(style)
        index.append(table[key])
    return distinct, index


def _zones_layer(
    zones: gpd.GeoDataFrame,
    colors: list[str],
    heads: list[str],
    people: People,
    labels: tuple[list[tuple[float, float]], list[int]],
    lang: str,
    shapes: tuple[Topology, int],
) -> folium.FeatureGroup:
    """The zones; ``labels`` holds each zone's label point (lat, lon) and its priority (the
    label of a larger zone wins where two would overlap, :class:`maps.view.Declutter`)."""
    position = {idx: i for i, idx in enumerate(zones.index)}

    def props(row: pd.Series) -> dict[str, Any]:
        i = position[row.name]
        values = {
            "zone": _zone_name(_col(row, ZONE_ID), lang),
            "head": heads[i],
            "head_phone": people.phone(_col(row, HEAD_OFFICER_ID)),
            "villages": _fmt_number(_col(row, "n_units")),
            "population": _fmt_number(_col(row, C.POPULATION)),
            "workload": _fmt_number(_col(row, "workload")),
            "target": _fmt_number(_col(row, "target")),
            "deviation": _fmt_percent(_col(row, "deviation")),
            "area": _fmt_area(_col(row, "area_km2")),
        }
        if not people.internal:
            del values["head_phone"]
        return values

    fields = {
        "zone": t("map.plan.field.zone", lang),
        "head": t("map.plan.field.head", lang),
        "head_phone": t("map.plan.field.head_phone", lang),
        "villages": t("map.plan.field.villages", lang),
        "population": t("map.field.population", lang),
        "workload": t("map.plan.field.workload", lang),
        "target": t("map.plan.field.target", lang),
        "deviation": t("map.plan.field.deviation", lang),
        "area": t("map.plan.field.area", lang),
    }
    if not people.internal:
        del fields["head_phone"]
    group = folium.FeatureGroup(name=esc(t("map.plan.layer.zones", lang, n=len(zones))))
    styles, index = _style_table(
        [
            {
                "fillColor": c,
                "fillOpacity": ZONE_FILL_OPACITY,
                "color": ZONE_LINE_COLOR,
                "weight": 2.5,
            }
            for c in colors
        ]
    )
    topology, handle = shapes
    CompactLayer(
        "polygons",
        properties=_escaped_rows(zones, props),
        fields=_escaped_fields(fields),
        styles=styles,
        style_index=index,
        topology=topology,
        handle=handle,
        highlight={"fillOpacity": min(ZONE_FILL_OPACITY + 0.15, 1.0), "weight": 4},
    ).add_to(group)
    points, priorities = labels
    html = [
        f'<div data-p="{int(p)}">{esc(_zone_name(zone_id, lang))}<br><span>{esc(head)}</span></div>'
        for zone_id, head, p in zip(zones[ZONE_ID], heads, priorities, strict=True)
    ]
    if html:
        CompactLayer(
            "labels",
            points=np.array([(lon, lat) for lat, lon in points], dtype=float),
            decimals=topology.decimals,
            html=html,
            class_name="zp-label",
        ).add_to(group)
    return group


def _villages_layer(
    villages: gpd.GeoDataFrame,
    orders: Mapping[Any, str],
    people: People,
    lang: str,
    shapes: tuple[Topology, int],
) -> folium.FeatureGroup:
    """Villages; ``orders`` maps a village's index to its number in the plan (``"007"``)."""
    statuses = {s: t(f"map.plan.room.{s}", lang) for s in ("existing", "new")}
    reasons = {
        r: t(f"map.plan.reason.{r}", lang) for r in ("home", "familiar", "distance", "manual")
    }

    def props(row: pd.Series) -> dict[str, Any]:
        aux = _col(row, AUX_OFFICER_ID)
        status = _col(row, "room_status")
        values = {
            "name": _col(row, C.NAME),
            "village_id": _col(row, C.VILLAGE_ID),
            "zone": _zone_name(_col(row, ZONE_ID), lang),
            "population": _fmt_number(_col(row, C.POPULATION)),
            "aux": people.auxiliary(aux, orders[row.name]),
            "room": statuses.get(status, status) if isinstance(status, str) else status,
        }
        if people.internal:
            reason = _col(row, "aux_reason")
            values["aux_phone"] = people.phone(aux)
            values["aux_reason"] = (
                reasons.get(reason, reason) if isinstance(reason, str) else reason
            )
        return values

    keys = ["name", "village_id", "zone", "population", "aux"]
    keys += ["aux_phone", "aux_reason", "room"] if people.internal else ["room"]
    labels = {
        "name": "map.field.name",
        "village_id": "map.field.village_id",
        "population": "map.field.population",
    }
    fields = {k: t(labels.get(k, f"map.plan.field.{k}"), lang) for k in keys}
    group = folium.FeatureGroup(name=esc(t("map.plan.layer.villages", lang, n=len(villages))))
    topology, handle = shapes
    CompactLayer(
        "polygons",
        properties=_escaped_rows(villages, props),
        fields=_escaped_fields(fields),
        # outlines only: no fill to paint (the pointer still finds a village anywhere inside it)
        styles=[
            {"color": VILLAGE_LINE_COLOR, "weight": 0.8, "fill": False, "fillColor": "#ffffff"}
        ],
        topology=topology,
        handle=handle,
        highlight={"weight": 2.5, "color": "#000000", "fill": True, "fillOpacity": 0.25},
    ).add_to(group)
    return group


def _density_classes(cells: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The grid cells merged by shade: one MultiPolygon per opacity, with the range of counts
    it stands for (``low``, ``high``) and its ``opacity``, lightest first.

    Thousands of cells would each be a layer of their own in the page; a few dozen shades draw
    the same picture (the villages above them take the pointer anyway).
    """
    counts = cells["count"].to_numpy()
    top = max(int(counts.max()), 1) if len(counts) else 1
    opacity = np.round(0.08 + 0.55 * np.sqrt(counts / top), 2)
    geoms = np.asarray(cells.geometry.array, dtype=object)
    rows = []
    for value in np.unique(opacity):
        members = opacity == value
        parts = shapely.get_parts(geoms[members])
        rows.append(
            {
                "low": int(counts[members].min()),
                "high": int(counts[members].max()),
                "cells": int(members.sum()),
                "opacity": float(value),
                "geometry": shapely.MultiPolygon(list(parts[_is_polygonal(parts)])),
            }
        )
    if not rows:
        return gpd.GeoDataFrame(
            {"low": [], "high": [], "cells": [], "opacity": []},
            geometry=gpd.GeoSeries([], crs=cells.crs),
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=cells.crs)


def _density_layer(
    cells: gpd.GeoDataFrame,
    classes: gpd.GeoDataFrame,
    cell: float,
    lang: str,
    shapes: tuple[Topology, int],
) -> folium.FeatureGroup:
    name = t("map.plan.layer.density", lang, n=int(cells["count"].sum()), cell=f"{cell:.0f}")
    # off at start: its shades would muddy the zone colours (one tick in the layer control)
    group = folium.FeatureGroup(name=esc(name), show=False)

    def props(row: Any) -> dict[str, Any]:
        low, high = row["low"], row["high"]
        return {"count": f"{low}" if low == high else f"{low}–{high}"}

    topology, handle = shapes
    CompactLayer(
        "polygons",
        properties=_escaped_rows(classes, props),
        fields=_escaped_fields({"count": t("map.plan.field.incidents", lang)}),
        styles=[
            {"stroke": False, "fillColor": DENSITY_COLOR, "fillOpacity": o}
            for o in classes["opacity"]
        ],
        style_index=list(range(len(classes))),
        topology=topology,
        handle=handle,
    ).add_to(group)
    return group


def _plan_jurisdiction_layer(
    jurisdiction: gpd.GeoDataFrame, lang: str, shapes: tuple[Topology, int]
) -> folium.FeatureGroup:
    names = [str(v) for v in jurisdiction.get(C.NAME, []) if not is_missing(v)]
    label = "、".join(dict.fromkeys(names)) or t("layer.jurisdiction", lang)
    group = folium.FeatureGroup(name=esc(t("map.layer.jurisdiction", lang, name=label)))
    topology, handle = shapes
    CompactLayer(
        "outline",
        properties=_escaped_rows(jurisdiction, lambda row: {"name": _col(row, C.NAME)}),
        fields=_escaped_fields({"name": t("map.field.name", lang)}),
        styles=[{"color": JURISDICTION_COLOR, "weight": 3, "opacity": 0.9, "dashArray": "8 4"}],
        topology=topology,
        handle=handle,
    ).add_to(group)
    return group


def _rooms_layer(
    rooms: gpd.GeoDataFrame, villages: gpd.GeoDataFrame, lang: str, decimals: int
) -> folium.FeatureGroup:
    names = village_names(villages)
    statuses = {s: t(f"map.plan.room.{s}", lang) for s in ("existing", "new")}
    drawn = _drawable(rooms)
    new = (drawn["status"] == "new").tolist() if "status" in drawn else [False] * len(drawn)

    def props(row: pd.Series) -> dict[str, Any]:
        vid = _col(row, C.VILLAGE_ID)
        village = names.get(vid)
        status = _col(row, "status")
        return {
            "name": _col(row, C.NAME),
            "village": vid if is_missing(village) else f"{village} ({vid})",
            "status": statuses.get(status, status) if isinstance(status, str) else status,
        }

    fields = {
        "name": t("map.field.name", lang),
        "village": t("map.field.village", lang),
        "status": t("map.plan.field.status", lang),
    }
    # thousands of dots hide the map at the first view and slow it: above MAX_SHOWN_ROOMS the
    # layer starts switched off (one tick in the layer control shows it)
    group = folium.FeatureGroup(
        name=esc(t("map.plan.layer.rooms", lang, n=len(drawn))), show=len(drawn) <= MAX_SHOWN_ROOMS
    )
    # a point per room (the centre of any other geometry), as canvas circle markers
    geoms = np.asarray(drawn.geometry.array, dtype=object)
    points = shapely.get_coordinates(
        np.where(shapely.get_type_id(geoms) == 0, geoms, shapely.point_on_surface(geoms))
    )
    CompactLayer(
        "points",
        properties=_escaped_rows(drawn, props),
        fields=_escaped_fields(fields),
        styles=[{**ROOM_EXISTING_STYLE, "radius": 5}, {**ROOM_NEW_STYLE, "radius": 5}],
        style_index=[int(is_new) for is_new in new],
        points=points,
        decimals=decimals,
        highlight={"weight": 3, "color": "#000000"},
    ).add_to(group)
    return group


def _patrols_layer(
    patrols: gpd.GeoDataFrame,
    crs: pyproj.CRS,
    people: People,
    lang: str,
    spacing: float,
    tolerance: float,
) -> folium.FeatureGroup:
    drawn = _drawable(patrols)
    # lines that follow roads carry many vertices: simplified for display like the polygons
    metric = np.asarray(drawn.to_crs(crs).geometry.array, dtype=object)
    shown = _with_geometry(drawn, shapely.simplify(metric, tolerance), crs)

    def props(row: pd.Series) -> dict[str, Any]:
        values = {
            "zone": _zone_name(_col(row, ZONE_ID), lang),
            "length": _fmt_km(_col(row, "length_m")),
            "route": t(
                "map.plan.patrol.straight" if _approximate(row) else "map.plan.patrol.roads", lang
            ),
        }
        if people.internal:  # times are operationally sensitive: never in the public map
            values["minutes"] = _fmt_number(_col(row, "minutes"))
        return values

    keys = (
        ["zone", "length", "route", "minutes"] if people.internal else ["zone", "length", "route"]
    )
    straight = t("map.plan.patrol.straight", lang)
    # off at start, as the posts: the zones are this map's subject (the patrol map has them all)
    group = folium.FeatureGroup(
        name=esc(t("map.plan.layer.patrols", lang, n=len(drawn))), show=False
    )
    _geojson(
        _feature_collection(shown, props),
        {k: t(f"map.plan.field.{k}", lang) for k in keys},
        lambda f: {
            "color": PATROL_COLOR,
            "weight": 3,
            "opacity": 0.85,
            # straight-line estimates (no roads) dotted, lines on roads dashed
            "dashArray": "2 7" if f["properties"].get("route") == straight else "8 5",
        },
        highlight={"weight": 5},
    ).add_to(group)
    points, angles = _arrows(drawn, crs, spacing)
    if points:
        arrows = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "id": str(i),
                    "properties": {},
                    "geometry": mapping(
                        shapely.transform(p, lambda xy: np.round(xy, COORD_DECIMALS))
                    ),
                }
                for i, p in enumerate(points)
            ],
        }
        icon = folium.DivIcon(html="", icon_size=(0, 0), icon_anchor=(0, 0), class_name="zp-arrow")
        folium.GeoJson(
            arrows,
            style_function=lambda f: {
                "html": (
                    '<div style="transform:translate(-50%,-50%) '
                    f'rotate({angles[int(f["id"])]}deg)">&#10148;</div>'
                )
            },
            marker=folium.Marker(icon=icon, interactive=False),
            control=False,
        ).add_to(group)
    return group


def _approximate(row: pd.Series) -> bool:
    value = _col(row, "approximate")
    return bool(value) and not pd.isna(value)


def _posts_layer(posts: gpd.GeoDataFrame, people: People, lang: str) -> folium.FeatureGroup:
    drawn = _drawable(posts)

    def props(row: pd.Series) -> dict[str, Any]:
        values = {"zone": _zone_name(_col(row, ZONE_ID), lang)}
        if people.internal:  # times are operationally sensitive: never in the public map
            values["hours"] = _col(row, "hours")
        return values

    keys = ["zone", "hours"] if people.internal else ["zone"]
    group = folium.FeatureGroup(name=esc(t("map.plan.layer.posts", lang, n=len(drawn))), show=False)
    _geojson(
        _feature_collection(drawn, props),
        {k: t(f"map.plan.field.{k}", lang) for k in keys},
        lambda _f: {"color": "#ffffff", "weight": 2, "fillColor": POST_COLOR, "fillOpacity": 1},
        highlight={"weight": 3, "color": "#000000"},
        marker=folium.CircleMarker(radius=7, fill=True),
    ).add_to(group)
    return group


# --- the map ---------------------------------------------------------------------------------


def _present(layer: gpd.GeoDataFrame | None) -> bool:
    return layer is not None and not _drawable(layer).empty


def _bounds(*layers: gpd.GeoDataFrame | None) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the first of ``layers`` with a drawable geometry."""
    for layer in layers:
        if _present(layer):
            west, south, east, north = _drawable(layer).total_bounds
            return [[float(south), float(west)], [float(north), float(east)]]
    return [[-1.0, -1.0], [1.0, 1.0]]


def _figures(plan: Plan) -> dict[str, Any]:
    """The key figures of the title block, from the layers drawn (metrics as a fallback)."""
    zones, villages, rooms = plan.zones, plan.villages, plan.rooms
    if "deviation" in zones and zones["deviation"].notna().any():
        deviation = float(zones["deviation"].abs().max())
    else:
        deviation = plan.metrics.get("max_abs_deviation")
    staffed = (
        int(villages[AUX_OFFICER_ID].notna().sum())
        if AUX_OFFICER_ID in villages
        else plan.metrics.get("villages_staffed", 0)
    )
    rooms_new = (
        int((rooms["status"] == "new").sum())
        if "status" in rooms
        else plan.metrics.get("rooms_new", 0)
    )
    return {
        "zones": len(zones),
        "deviation": _fmt_percent(deviation, signed=False) if deviation is not None else "—",
        "staffed": staffed,
        "villages": len(villages),
        "rooms_new": rooms_new,
    }


def _banner_html(text: str) -> str:
    return (
        '<div class="zp-banner" style="position:fixed;bottom:30px;left:50%;'
        "transform:translateX(-50%);z-index:1001;background:rgba(255,255,255,.95);"
        f"color:{BANNER_COLOR};border:2px solid {BANNER_COLOR};border-radius:4px;"
        "padding:3px 14px;font:bold 16px/22px sans-serif;letter-spacing:2px;"
        f'pointer-events:none;box-shadow:0 1px 4px rgba(0,0,0,.3)">{esc(text)}</div>'
    )


def _ring(color: str) -> str:
    """A legend symbol for a new police room: a ring (``swatch`` has only filled dots)."""
    return (
        '<span style="display:inline-block;vertical-align:middle;margin-right:6px;width:7px;'
        f'height:7px;border-radius:50%;background:#fff;border:2px solid {esc(color)}"></span>'
    )


def _legend_entries(
    plan: Plan,
    zones: gpd.GeoDataFrame,
    colors: list[str],
    heads: list[str],
    lang: str,
    *,
    density: bool,
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The legend's rows and its grid of zones (the zones are rows, with their heads, when
    there are at most :data:`LEGEND_ONE_COLUMN`; else only their names, in the grid)."""
    entries: list[tuple[str, str]] = [("", t("map.plan.legend.zones", lang))]
    grid: list[tuple[str, str]] = []
    shown = min(len(zones), MAX_LEGEND_ZONES)
    listed = sorted(
        zip(zones[ZONE_ID], colors, heads, strict=True), key=lambda z: natural_key(z[0])
    )
    for zone_id, color, head in listed[:shown]:
        if len(zones) > LEGEND_ONE_COLUMN:
            grid.append((swatch(color), _zone_name(zone_id, lang)))
        else:
            label = t("map.plan.legend.zone", lang, zone=_zone_name(zone_id, lang), head=head)
            entries.append((swatch(color), label))
    if len(zones) > shown:
        entries.append(("", t("map.plan.legend.more_zones", lang, n=len(zones) - shown)))
    entries.append((swatch(VILLAGE_LINE_COLOR, shape="line"), t("map.plan.legend.villages", lang)))
    if _present(plan.jurisdiction):
        entries.append(
            (swatch(JURISDICTION_COLOR, shape="line"), t("map.legend.jurisdiction", lang))
        )
    if density:
        entries.append((swatch(DENSITY_COLOR), t("map.plan.legend.density", lang)))
    if _present(plan.patrols):
        entries.append((swatch(PATROL_COLOR, shape="line"), t("map.plan.legend.patrols", lang)))
        if "approximate" in plan.patrols and plan.patrols["approximate"].fillna(False).any():
            entries.append(("", t("map.plan.legend.patrols_straight", lang)))
    if _present(plan.posts):
        entries.append((swatch(POST_COLOR, shape="dot"), t("map.plan.legend.posts", lang)))
    if _present(plan.rooms):
        status = plan.rooms["status"] if "status" in plan.rooms else pd.Series(dtype=object)
        for key, color, present in (
            ("room_existing", ROOM_COLOR, (status != "new").any()),
            ("room_new", None, (status == "new").any()),
        ):
            if present:
                entries.append(
                    (
                        _ring(ROOM_COLOR) if color is None else swatch(color, shape="dot"),
                        t(f"map.plan.legend.{key}", lang),
                    )
                )
    if _present(plan.station):
        entries.append((swatch(STATION_COLOR), t("map.legend.station", lang)))
    return entries, grid


def make_map(
    plan: Plan,
    *,
    lang: str = "zh",
    tiles: str | None = None,
    profile: str = PUBLIC,
    tianditu_key: str | None = None,
    datum: str = "wgs84",
) -> folium.Map:
    """Draw a whole plan on an offline-ready folium map.

    Layers (bottom to top, each a toggleable ``FeatureGroup``, empty ones left out): zones
    (colour-blind-safe colours keyed by zone id, never shared by neighbours, each labelled with
    its name and zone head where the label does not hide another), incident density (counts on
    a :data:`DENSITY_CELL_M` grid; off at start), villages (auxiliary officer, police room),
    the jurisdiction outline, patrol lines (dashed, with arrows showing the direction; off at
    start), village police rooms (existing and new in different colours), peak-hour posts (off
    at start) and the station. A title block (station, today's date, key figures), a legend
    (folded on a small map), a metric scale bar and the tooltips use the labels of
    :func:`zones.i18n.t`; every data value in them is escaped.

    Parameters
    ----------
    plan
        The plan (:func:`zones.make_plan`); not modified.
    lang
        ``"zh"`` (default) or ``"en"``.
    tiles
        Basemap: ``None`` (default: none, works offline), ``"osm"``, ``"tianditu"`` or an XYZ
        URL template (see :func:`maps.tiles.tile_layers`).
    profile
        ``"public"`` (default: role codes, no phone numbers, no home villages, no times) or
        ``"internal"`` (names and phone numbers, with a "内部资料 注意保密" banner); see the
        module docstring.
    tianditu_key
        Tianditu ``tk`` key, needed for ``tiles="tianditu"``.
    datum
        The tiles' coordinate system: ``"wgs84"`` (default; also Tianditu's CGCS2000 and OSM),
        ``"gcj02"`` (Amap, Tencent, many intranet copies of them) or ``"bd09"`` (Baidu). The
        drawing is shifted to match; the plan's data stays WGS 84.

    Returns
    -------
    folium.Map
        With Leaflet and jQuery inlined (:func:`maps.offline.make_offline`), ``prefer_canvas``
        on, a metric scale bar, the view fitted to the jurisdiction (else the zones) whenever
        the page is shown, and the page's ``<title>`` (station, 责任区方案, date) and ``lang``.

    Raises
    ------
    ValueError
        For an unknown ``profile`` or an invalid ``tiles`` choice.
    KeyError
        For an unknown ``lang``.
    """
    if profile not in PROFILES:
        msg = f"unknown map profile {profile!r}; use {' or '.join(repr(p) for p in PROFILES)}"
        raise ValueError(msg)
    plan = shifted_for_display(plan, datum)
    bounds = _bounds(plan.jurisdiction, plan.zones, plan.villages)
    m = base_map(bounds, lang=lang, tiles=tiles, tianditu_key=tianditu_key)
    setattr(m, WITHOUT_JQUERY, True)  # no Popup here: jQuery is not needed
    make_offline(m)
    root = m.get_root()
    root.header.add_child(_trusted(_PLAN_CSS))
    # an audit mark: which profile this file was made with (a constant, never data)
    root.header.add_child(_trusted(f'<meta name="zoneplanner-profile" content="{profile}">'))

    crs = _metric_crs(plan)
    people = People(plan, profile, lang)
    tolerance = plan_tolerance(plan, crs)
    zones, villages, jurisdiction = display_layers(plan, crs, tolerance=tolerance)
    # role codes number zones and villages in plan order, whether drawn or not
    zone_orders = dict(zip(plan.zones.index, orders(len(plan.zones), 2), strict=True))
    village_orders = dict(zip(plan.villages.index, orders(len(plan.villages), 3), strict=True))
    heads = [
        people.head(_col(row, HEAD_OFFICER_ID), zone_orders[idx]) for idx, row in zones.iterrows()
    ]
    original = plan.zones.loc[zones.index]
    colors = zone_colors(original.to_crs(crs))
    labels = label_points(np.asarray(original.to_crs(crs).geometry.array), crs)
    density = _present(plan.incidents)
    if density:
        area = _union(np.asarray(original.to_crs(crs).geometry.array)) if len(original) else None
        cells, cell = incident_grid(plan.incidents, crs, clip=area)
        classes = _density_classes(cells)

    # every polygon layer's borders are stored once, in one topology (maps.compact)
    topology = Topology(decimals_for(tolerance))
    handles = {
        "zones": topology.add(zones.geometry.array),
        "villages": topology.add(villages.geometry.array),
    }
    if jurisdiction is not None:
        handles["jurisdiction"] = topology.add(jurisdiction.geometry.array)
    if density:
        handles["density"] = topology.add(classes.geometry.array)
    topology.build()
    FitView(bounds).add_to(m)  # before any layer: drawn once; fitted again when shown
    topology.add_to(m)

    if not zones.empty:
        shapes = (topology, handles["zones"])
        _zones_layer(zones, colors, heads, people, labels, lang, shapes).add_to(m)
    if density:
        _density_layer(cells, classes, cell, lang, (topology, handles["density"])).add_to(m)
    if not villages.empty:
        shapes = (topology, handles["villages"])
        _villages_layer(villages, village_orders, people, lang, shapes).add_to(m)
    if jurisdiction is not None:
        _plan_jurisdiction_layer(jurisdiction, lang, (topology, handles["jurisdiction"])).add_to(m)
    if _present(plan.patrols):
        spacing = max(ARROW_SPACING_M, ARROW_SPACING_PX * _area_extent(plan, crs)[1] / VIEW_PX)
        _patrols_layer(plan.patrols, crs, people, lang, spacing, tolerance).add_to(m)
    if _present(plan.rooms):
        _rooms_layer(plan.rooms, plan.villages, lang, topology.decimals).add_to(m)
    if _present(plan.posts):
        _posts_layer(plan.posts, people, lang).add_to(m)
    if _present(plan.station):
        _station_layer(plan.station, lang).add_to(m)
    control = folium.LayerControl(collapsed=True).add_to(m)

    title = t("map.plan.title", lang, name=plan.name) if plan.name else t("map.plan.untitled", lang)
    today = datetime.date.today().isoformat()
    name = plan.name or t("map.plan.untitled", lang)
    set_page(m, lang=lang, title=t("map.plan.page_title", lang, name=name, date=today))
    subtitle = t("map.plan.subtitle", lang, date=today, **_figures(plan))
    root.html.add_child(_trusted(title_html(title, subtitle)))
    entries, grid = _legend_entries(plan, zones, colors, heads, lang, density=density)
    root.html.add_child(
        _trusted(legend_html(t("map.legend.title", lang), entries, grid=grid, grid_at=1))
    )
    if profile == INTERNAL:
        root.html.add_child(_trusted(_banner_html(t("map.plan.banner", lang))))
    Panels(control).add_to(m)  # legend and layer control: open on a large map, folded on a small
    Declutter().add_to(m)  # zone labels that would overlap a larger zone's are hidden
    KeepOrder().add_to(m)  # density switched on goes under the villages, not on top
    return m


__all__ = [
    "INTERNAL",
    "PROFILES",
    "PUBLIC",
    "ZONE_PALETTE",
    "display_layers",
    "display_tolerance",
    "incident_grid",
    "make_map",
    "simplify_coverage",
    "zone_adjacency",
    "zone_colors",
]
