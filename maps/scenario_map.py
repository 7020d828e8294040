"""The map of a scenario's inputs: jurisdiction, villages, roads, police rooms, incidents, station.

Each layer is a toggleable ``FeatureGroup`` holding one ``GeoJson`` built here from an allow-list
of fields, every value escaped (:mod:`maps.escape`); no raw column ever reaches folium. The map
is offline-ready (:func:`maps.offline.make_offline`) and draws vectors on a canvas
(``prefer_canvas=True``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.template import Template
from shapely.geometry import mapping

from maps.i18n import t
from zones import columns as C

from .escape import display_properties, esc, is_missing, legend_html, swatch, title_html
from .offline import make_offline
from .tiles import tile_layers
from .view import FitView, MetricScale, Panels, set_page

if TYPE_CHECKING:
    from zones.model import Scenario

MAX_INCIDENT_POINTS = 3000
"""Incidents drawn at most; a larger layer is shown as a fixed-seed random sample."""
MAX_SHOWN_INCIDENTS = 500
"""A scenario with more incidents starts with their layer switched off (they would hide the
villages and roads at the first view; one tick in the layer control shows them)."""
SAMPLE_SEED = 0
COORD_DECIMALS = 6  # about 0.1 m: plenty for display, and a smaller file

# Tableau 10, a qualitative palette: one colour per township, cycled if there are more
TOWNSHIP_PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
)  # fmt: skip
NO_TOWNSHIP_COLOR = "#d9d9d9"
MAX_LEGEND_TOWNSHIPS = 12
JURISDICTION_COLOR = "#1f3a93"
ROOM_COLOR = "#2ca02c"
INCIDENT_COLOR = "#6a3d9a"
"""Incidents: dark violet, apart from the red of major roads (also for red-blind eyes)."""
STATION_COLOR = "#0b3d91"
BACKGROUND_COLOR = "#f4f3ef"
ZOOM_SNAP = 0.25
"""Zoom levels in quarters, so a fitted station fills its map (whole levels leave up to half
of it empty)."""

ROAD_GROUPS: dict[str, str] = {
    **dict.fromkeys(("motorway", "trunk", "primary"), "major"),
    **dict.fromkeys(("secondary", "tertiary"), "medium"),
}
"""Road class (OSM ``highway``, ``_link`` stripped) to style group; anything else is ``minor``."""
ROAD_STYLES: dict[str, dict[str, Any]] = {
    "major": {"color": "#c0392b", "weight": 4, "opacity": 0.9},
    "medium": {"color": "#e67e22", "weight": 2.5, "opacity": 0.9},
    "minor": {"color": "#7f7f7f", "weight": 1.5, "opacity": 0.8},
}

STATION_ICON = (
    f'<div style="width:22px;height:22px;border-radius:4px;background:{STATION_COLOR};'
    "border:2px solid #fff;box-shadow:0 0 3px #000;color:#fff;font:bold 14px/22px sans-serif;"
    'text-align:center">&#9733;</div>'
)


class _AttributionPrefix(MacroElement):
    """Replace Leaflet's attribution prefix (a link and a flag) with the plain word Leaflet."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        {% endmacro %}"""
    )


def _trusted(markup: str) -> Element:
    """Wrap markup built by :mod:`maps.escape` in an Element.

    branca parses an Element's text as a Jinja template (and re-parses every MacroElement's
    output), so data must never carry ``{{``, ``{%`` or ``{#`` into it; :func:`esc` encodes
    braces, and this check keeps it that way.
    """
    if any(tag in markup for tag in ("{{", "{%", "{#")):
        msg = "refusing to pass Jinja template syntax to folium/branca"
        raise ValueError(msg)
    return Element(markup)


def _drawable(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The rows of ``gdf`` with a geometry that can be drawn (not missing, not empty)."""
    return gdf[np.asarray(~(gdf.geometry.isna() | gdf.geometry.is_empty))]


def _feature_collection(
    gdf: gpd.GeoDataFrame,
    properties: Callable[[Any], Mapping[str, Any]],
    *,
    boundary: bool = False,
) -> dict[str, Any]:
    """Build a GeoJSON FeatureCollection of display-only, escaped properties.

    Rows with a missing or empty geometry are skipped (the validator reports those). Feature
    ids are positions (``"0"``, ``"1"``, …), never data. ``boundary=True`` draws polygons as
    their outlines.
    """
    gdf = _drawable(gdf)
    geoms = gdf.geometry.boundary if boundary else gdf.geometry
    rounded = shapely.transform(
        np.asarray(geoms.array, dtype=object), lambda xy: np.round(xy, COORD_DECIMALS)
    )
    features = [
        {
            "type": "Feature",
            "id": str(i),
            "properties": display_properties(properties(row)),
            "geometry": mapping(geom),
        }
        for i, (geom, (_, row)) in enumerate(zip(rounded, gdf.iterrows(), strict=True))
    ]
    return {"type": "FeatureCollection", "features": features}


def _geojson(
    data: dict[str, Any],
    fields: Mapping[str, str],
    style: Callable[[dict[str, Any]], dict[str, Any]],
    *,
    highlight: Mapping[str, Any] | None = None,
    marker: folium.Marker | folium.CircleMarker | None = None,
) -> folium.GeoJson:
    """A GeoJson whose tooltip shows the (already escaped) ``fields`` under escaped labels."""
    tooltip = None
    if data["features"]:  # folium's GeoJsonTooltip fails on a layer without features
        tooltip = folium.GeoJsonTooltip(
            fields=list(fields),
            aliases=[esc(label) for label in fields.values()],
            sticky=True,
            class_name="zp-tip",
        )
    return folium.GeoJson(
        data,
        style_function=style,
        highlight_function=(lambda _f: dict(highlight)) if highlight else None,
        tooltip=tooltip,
        marker=marker,
        control=False,
    )


def _fmt_number(value: Any) -> Any:
    if pd.api.types.is_number(value) and not pd.isna(value):
        return f"{value:.0f}" if float(value).is_integer() else f"{value:g}"
    return value


def _fmt_time(value: Any) -> Any:
    if isinstance(value, pd.Timestamp | np.datetime64) and not pd.isna(value):
        return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")
    return value


def _road_group(highway: Any) -> str:
    if not isinstance(highway, str):
        return "minor"
    return ROAD_GROUPS.get(highway.strip().lower().removesuffix("_link"), "minor")


def _col(row: pd.Series, name: str) -> Any:
    return row[name] if name in row.index else None


def _township_colors(villages: gpd.GeoDataFrame) -> dict[str, str]:
    """Township name to colour, townships in sorted order (stable across runs)."""
    if C.TOWNSHIP not in villages:
        return {}
    names = sorted({str(v) for v in villages[C.TOWNSHIP] if not is_missing(v) and str(v).strip()})
    return {name: TOWNSHIP_PALETTE[i % len(TOWNSHIP_PALETTE)] for i, name in enumerate(names)}


def _township_of(row: pd.Series) -> str | None:
    value = _col(row, C.TOWNSHIP)
    if is_missing(value) or not str(value).strip():
        return None
    return str(value)


def _villages_layer(
    villages: gpd.GeoDataFrame, lang: str, colors: Mapping[str, str]
) -> folium.FeatureGroup:
    kinds = {
        C.KIND_VILLAGE: t("map.kind.village", lang),
        C.KIND_COMMUNITY: t("map.kind.community", lang),
    }

    def props(row: pd.Series) -> dict[str, Any]:
        kind = _col(row, C.KIND)
        return {
            "name": _col(row, C.NAME),
            "village_id": _col(row, C.VILLAGE_ID),
            "township": _col(row, C.TOWNSHIP),
            "population": _fmt_number(_col(row, C.POPULATION)),
            "kind": kinds.get(kind, kind) if isinstance(kind, str) else kind,
        }

    data = _feature_collection(villages, props)
    fills = [
        colors.get(_township_of(row) or "", NO_TOWNSHIP_COLOR)
        for _, row in _drawable(villages).iterrows()
    ]
    fields = {k: t(f"map.field.{k}", lang) for k in ("name", "village_id", "township")}
    fields |= {k: t(f"map.field.{k}", lang) for k in ("population", "kind")}
    group = folium.FeatureGroup(name=esc(t("map.layer.villages", lang, n=len(villages))))
    _geojson(
        data,
        fields,
        lambda f: {
            "fillColor": fills[int(f["id"])],
            "color": "#555555",
            "weight": 1,
            "fillOpacity": 0.45,
        },
        highlight={"weight": 3, "color": "#000000", "fillOpacity": 0.65},
        marker=folium.CircleMarker(radius=6, fill=True),
    ).add_to(group)
    return group


def _jurisdiction_layer(jurisdiction: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    names = [str(v) for v in jurisdiction.get(C.NAME, []) if not is_missing(v)]
    label = "、".join(dict.fromkeys(names)) or t("layer.jurisdiction", lang)
    data = _feature_collection(jurisdiction, lambda row: {"name": _col(row, C.NAME)}, boundary=True)
    group = folium.FeatureGroup(name=esc(t("map.layer.jurisdiction", lang, name=label)))
    _geojson(
        data,
        {"name": t("map.field.name", lang)},
        lambda _f: {"color": JURISDICTION_COLOR, "weight": 3, "opacity": 0.9, "dashArray": "8 4"},
    ).add_to(group)
    return group


def _roads_layer(roads: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=esc(t("map.layer.roads", lang, n=len(roads))))
    groups = (
        roads[C.ROAD_CLASS].map(_road_group)
        if C.ROAD_CLASS in roads
        else pd.Series("minor", index=roads.index)
    )
    fields = {k: t(f"map.field.{k}", lang) for k in ("name", "road_class", "speed")}
    # one GeoJson per style group, minor roads first so major ones draw on top
    for key in ("minor", "medium", "major"):
        part = roads[(groups == key).to_numpy()]
        if part.empty:
            continue

        def props(row: pd.Series, key: str = key) -> dict[str, Any]:
            highway = _col(row, C.ROAD_CLASS)
            label = t(f"map.road.{key}", lang)
            shown = f"{label} ({highway})" if isinstance(highway, str) and highway else label
            return {
                "name": _col(row, C.NAME),
                "road_class": shown,
                "speed": _fmt_number(_col(row, C.SPEED_KMH)),
            }

        style = dict(ROAD_STYLES[key])
        _geojson(
            _feature_collection(part, props),
            fields,
            lambda _f, style=style: dict(style),
            highlight={"weight": style["weight"] + 2},
        ).add_to(group)
    return group


def village_names(villages: gpd.GeoDataFrame) -> dict[Any, Any]:
    """Village id → name, for labelling rooms (empty when the columns are missing)."""
    if {C.VILLAGE_ID, C.NAME} <= set(villages.columns):
        return dict(zip(villages[C.VILLAGE_ID], villages[C.NAME], strict=True))
    return {}


def _rooms_layer(
    rooms: gpd.GeoDataFrame, villages: gpd.GeoDataFrame, lang: str
) -> folium.FeatureGroup:
    names = village_names(villages)

    def props(row: pd.Series) -> dict[str, Any]:
        vid = _col(row, C.VILLAGE_ID)
        village = names.get(vid)
        return {
            "name": _col(row, C.NAME),
            "village": vid if is_missing(village) else f"{village} ({vid})",
        }

    group = folium.FeatureGroup(name=esc(t("map.layer.rooms", lang, n=len(rooms))))
    _geojson(
        _feature_collection(rooms, props),
        {k: t(f"map.field.{k}", lang) for k in ("name", "village")},
        lambda _f: {"color": "#ffffff", "weight": 2, "fillColor": ROOM_COLOR, "fillOpacity": 1},
        highlight={"weight": 3, "color": "#000000"},
        marker=folium.CircleMarker(radius=7, fill=True),
    ).add_to(group)
    return group


def _incidents_layer(incidents: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    """Incidents as small canvas circles; above :data:`MAX_INCIDENT_POINTS`, a random sample.

    The sample (fixed seed :data:`SAMPLE_SEED`) keeps the file small and the browser fast; the
    layer name says that it is a sample and of how many incidents.
    """
    n = len(incidents)
    shown = incidents
    if n > MAX_INCIDENT_POINTS:
        shown = incidents.sample(n=MAX_INCIDENT_POINTS, random_state=SAMPLE_SEED).sort_index()
        name = t("map.layer.incidents_sampled", lang, shown=MAX_INCIDENT_POINTS, n=n)
    else:
        name = t("map.layer.incidents", lang, n=n)
    group = folium.FeatureGroup(name=esc(name), show=n <= MAX_SHOWN_INCIDENTS)
    _geojson(
        _feature_collection(
            shown,
            lambda row: {
                "category": _col(row, C.CATEGORY),
                "time": _fmt_time(_col(row, C.TIME)),
            },
        ),
        {k: t(f"map.field.{k}", lang) for k in ("category", "time")},
        lambda _f: {
            "color": "#ffffff",
            "weight": 0.5,
            "fillColor": INCIDENT_COLOR,
            "fillOpacity": 0.75,
        },
        highlight={"weight": 2, "color": "#000000"},
        marker=folium.CircleMarker(radius=3, fill=True),
    ).add_to(group)
    return group


def _station_layer(station: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=esc(t("map.layer.station", lang)))
    icon = folium.DivIcon(
        html=STATION_ICON, icon_size=(26, 26), icon_anchor=(13, 13), class_name="zp-station"
    )
    _geojson(
        _feature_collection(station, lambda row: {"name": _col(row, C.NAME)}),
        {"name": t("map.field.name", lang)},
        lambda _f: {},
        marker=folium.Marker(icon=icon),
    ).add_to(group)
    return group


def _legend_entries(
    scenario: Scenario, lang: str, colors: Mapping[str, str]
) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    if not scenario.villages.empty:
        entries.append(("", t("map.legend.townships", lang)))
        shown = list(colors.items())[:MAX_LEGEND_TOWNSHIPS]
        entries += [(swatch(color), name) for name, color in shown]
        if len(colors) > len(shown):
            more = len(colors) - len(shown)
            entries.append(("", t("map.legend.more_townships", lang, n=more)))
        if any(_township_of(row) is None for _, row in scenario.villages.iterrows()):
            entries.append((swatch(NO_TOWNSHIP_COLOR), t("map.legend.no_township", lang)))
    if not scenario.jurisdiction.empty:
        entries.append(
            (swatch(JURISDICTION_COLOR, shape="line"), t("map.legend.jurisdiction", lang))
        )
    roads = scenario.roads
    if not roads.empty:
        present = set(roads[C.ROAD_CLASS].map(_road_group)) if C.ROAD_CLASS in roads else {"minor"}
        for key in ("major", "medium", "minor"):
            if key in present:
                entries.append(
                    (swatch(ROAD_STYLES[key]["color"], shape="line"), t(f"map.road.{key}", lang))
                )
    if not scenario.rooms.empty:
        entries.append((swatch(ROOM_COLOR, shape="dot"), t("map.legend.rooms", lang)))
    if not scenario.incidents.empty:
        entries.append((swatch(INCIDENT_COLOR, shape="dot"), t("map.legend.incidents", lang)))
    if not scenario.station.empty:
        entries.append((swatch(STATION_COLOR), t("map.legend.station", lang)))
    return entries


def _bounds(scenario: Scenario) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the jurisdiction, else of the villages."""
    for layer in (scenario.jurisdiction, scenario.villages):
        geoms = layer.geometry[~(layer.geometry.isna() | layer.geometry.is_empty)]
        if not geoms.empty:
            west, south, east, north = geoms.total_bounds
            return [[float(south), float(west)], [float(north), float(east)]]
    return [[-1.0, -1.0], [1.0, 1.0]]


def base_map(
    bounds: list[list[float]], *, lang: str, tiles: str | None, tianditu_key: str | None
) -> folium.Map:
    """An offline canvas map centred on ``bounds`` ([[south, west], [north, east]]), with the
    chosen basemap (or a plain background and no attribution when there is none), a metric
    scale bar and a page in ``lang`` (:func:`maps.view.set_page`)."""
    basemaps = tile_layers(tiles, lang=lang, tianditu_key=tianditu_key)
    center = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2]
    m = folium.Map(
        location=center,
        zoom_start=12,
        zoom_snap=ZOOM_SNAP,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,  # Leaflet's default bar adds miles and feet: MetricScale instead
        attribution_control=bool(basemaps),
    )
    make_offline(m)
    set_page(m, lang=lang, title=t("map.page_title.default", lang))
    MetricScale().add_to(m)
    for layer in basemaps:
        layer.add_to(m)
    if basemaps:
        _AttributionPrefix().add_to(m)
    else:
        m.get_root().header.add_child(
            _trusted(f"<style>#{m.get_name()} {{ background: {BACKGROUND_COLOR}; }}</style>")
        )
    return m


def make_scenario_map(
    scenario: Scenario,
    *,
    lang: str = "zh",
    tiles: str | None = None,
    tianditu_key: str | None = None,
) -> folium.Map:
    """Draw a scenario's input layers on an offline-ready folium map.

    Layers (bottom to top, each a toggleable ``FeatureGroup`` in the layer control, empty layers
    left out): villages coloured by township, roads styled by class, the jurisdiction outline,
    existing village police rooms, incidents (small canvas circles; more than
    :data:`MAX_INCIDENT_POINTS` are shown as a fixed-seed random sample, and the layer name says
    so; more than :data:`MAX_SHOWN_INCIDENTS` start switched off) and the station. A title
    block, a legend and tooltips use the labels of :func:`zones.i18n.t`; every data value in
    them is escaped. The page is fitted to the station whenever it is shown (:mod:`maps.view`).

    Parameters
    ----------
    scenario
        The validated inputs; not modified.
    lang
        ``"zh"`` (default) or ``"en"``.
    tiles
        Basemap: ``None`` (default: none, blank background, works offline), ``"osm"``,
        ``"tianditu"`` or an XYZ URL template (see :func:`maps.tiles.tile_layers`).
    tianditu_key
        Tianditu ``tk`` key, needed for ``tiles="tianditu"``.

    Returns
    -------
    folium.Map
        With Leaflet and jQuery inlined (:func:`maps.offline.make_offline`), ``prefer_canvas``
        on, a metric scale bar and the view fitted to the jurisdiction (else the villages).

    Raises
    ------
    ValueError
        For an invalid ``tiles`` choice (see :func:`maps.tiles.tile_layers`).
    KeyError
        For an unknown ``lang``.
    """
    bounds = _bounds(scenario)
    m = base_map(bounds, lang=lang, tiles=tiles, tianditu_key=tianditu_key)
    title = scenario.name or t("map.untitled", lang)
    set_page(m, lang=lang, title=t("map.page_title.scenario", lang, name=title))
    FitView(bounds).add_to(m)  # before any layer; fitted again when the map is shown
    m.get_root().header.add_child(
        _trusted("<style>.zp-tip th{color:#555}.zp-station{background:none;border:none}</style>")
    )

    colors = _township_colors(scenario.villages)
    if not scenario.villages.empty:
        _villages_layer(scenario.villages, lang, colors).add_to(m)
    if not scenario.roads.empty:
        _roads_layer(scenario.roads, lang).add_to(m)
    if not scenario.jurisdiction.empty:
        _jurisdiction_layer(scenario.jurisdiction, lang).add_to(m)
    if not scenario.rooms.empty:
        _rooms_layer(scenario.rooms, scenario.villages, lang).add_to(m)
    if not scenario.incidents.empty:
        _incidents_layer(scenario.incidents, lang).add_to(m)
    if not scenario.station.empty:
        _station_layer(scenario.station, lang).add_to(m)
    control = folium.LayerControl(collapsed=True).add_to(m)

    m.get_root().html.add_child(_trusted(title_html(title, t("map.subtitle", lang))))
    legend = legend_html(t("map.legend.title", lang), _legend_entries(scenario, lang, colors))
    m.get_root().html.add_child(_trusted(legend))
    Panels(control).add_to(m)  # open on a large map, folded on a small one
    return m
