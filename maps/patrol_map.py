"""The patrol map of a plan: each zone's patrol line with its direction and numbered stops, the
peak-hour posts with their place, and the zones' outlines for context.

Made for an officer who follows a line: with a ``zone`` chosen, that zone's line is drawn bold
with arrows, its stops numbered in visiting order (the start, 起, is where the loop begins and
ends), the stops left out as grey rings, its villages outlined and named, and the view fitted to
it; the other zones' lines stay as thin grey context. Without a zone every line is drawn with
arrows. Posts carry their place (the village and the road at the post,
:mod:`zones.patrol.places`) in a tooltip and a popup.

Like :mod:`maps.plan_map`, every data value is escaped (:mod:`maps.escape`), the page is offline
(:mod:`maps.offline`; no jQuery: the popups are ``GeoJsonPopup``), and two profiles decide what
it shows: ``public`` (the default) no times (no post hours, no minutes), ``internal`` the hours
and minutes with the "内部资料 注意保密" banner. The patrol map names no officer in either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from maps.i18n import t
from zones import columns as C
from zones.patrol.itinerary import itinerary
from zones.zoning.polygons import ZONE_ID

from .escape import is_missing, legend_html, swatch, title_html
from .offline import WITHOUT_JQUERY, make_offline
from .patrol_layers import (
    CSS,
    DROPPED_COLOR,
    OTHER_LINE_COLOR,
    STOP_COLOR,
    ZONE_FILL_COLOR,
    ZONE_OUTLINE_COLOR,
    dropped_layer,
    km,
    lines_layer,
    place_label,
    post_marks,
    posts_layer,
    stop_place,
    stops_layer,
    villages_layer,
    zones_layer,
)
from .people import INTERNAL, PROFILES, PUBLIC
from .plan_map import (
    PATROL_COLOR,
    POST_COLOR,
    _banner_html,
    _metric_crs,
    display_layers,
    plan_tolerance,
    shifted_for_display,
)
from .scenario_map import (
    STATION_COLOR,
    _col,
    _drawable,
    _fmt_number,
    _station_layer,
    _trusted,
    base_map,
)
from .view import Declutter, FitView, Panels, set_page

if TYPE_CHECKING:
    from zones.plan.pipeline import Plan

__all__ = ["INTERNAL", "PUBLIC", "make_patrol_map", "place_label", "post_marks", "stop_place"]


# --- the map ---------------------------------------------------------------------------------


def _bounds(*layers: gpd.GeoDataFrame | None) -> list[list[float]]:
    """``[[south, west], [north, east]]`` around every drawable geometry of ``layers``."""
    boxes = [_drawable(layer).total_bounds for layer in layers if _present(layer)]
    if not boxes:
        return [[-1.0, -1.0], [1.0, 1.0]]
    b = np.array(boxes)
    west, south, east, north = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    return [[float(south), float(west)], [float(north), float(east)]]


def _present(layer: gpd.GeoDataFrame | None) -> bool:
    return layer is not None and len(layer) > 0 and not _drawable(layer).empty


def _of_zone(layer: gpd.GeoDataFrame | None, zone: str | None) -> gpd.GeoDataFrame:
    """The drawable rows of ``layer`` in ``zone`` (every row when ``zone`` is None)."""
    if layer is None or not len(layer):
        return gpd.GeoDataFrame(geometry=gpd.GeoSeries([], crs=C.WGS84), crs=C.WGS84)
    drawn = _drawable(layer.to_crs(C.WGS84))
    if zone is None or ZONE_ID not in drawn:
        return drawn
    return drawn[drawn[ZONE_ID].astype(str) == zone]


def _station_name(plan: Plan) -> str:
    station = plan.station
    if station is not None and len(station) and C.NAME in station:
        name = station[C.NAME].iloc[0]
        return "" if is_missing(name) else str(name)
    return ""


def _title(plan: Plan, zone: str | None, lang: str, times: bool) -> tuple[str, str]:
    name = plan.name or _station_name(plan)
    posts = _of_zone(plan.posts, zone)
    if zone is None:
        title = t("map.patrol.title", lang, name=name) if name else t("map.patrol.untitled", lang)
        lines = len(_of_zone(plan.patrols, None))
        return title, t("map.patrol.subtitle", lang, lines=lines, posts=len(posts))
    title = t("map.patrol.title_zone", lang, name=name or t("map.patrol.untitled", lang), zone=zone)
    line = _of_zone(plan.patrols, zone)
    if line.empty:
        return title, t("map.patrol.subtitle_no_line", lang, posts=len(posts))
    row = line.iloc[0]
    figures = {"km": km(_col(row, "length_m")), "stops": _col(row, "stops"), "posts": len(posts)}
    if times:
        minutes = _fmt_number(round(float(_col(row, "minutes") or 0)))
        return title, t("map.patrol.subtitle_zone_time", lang, minutes=minutes, **figures)
    return title, t("map.patrol.subtitle_zone", lang, **figures)


def _legend(plan: Plan, zone: str | None, dropped: bool, lang: str) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    if _present(plan.patrols):
        key = "map.patrol.legend.line" if zone is not None else "map.patrol.legend.lines"
        entries.append((swatch(PATROL_COLOR, shape="line"), t(key, lang)))
        if zone is not None and len(_of_zone(plan.patrols, None)) > 1:
            entries.append(
                (swatch(OTHER_LINE_COLOR, shape="line"), t("map.patrol.legend.other_lines", lang))
            )
        entries.append((swatch("#111111"), t("map.patrol.legend.start", lang)))
        if zone is not None:
            entries.append((swatch(STOP_COLOR, shape="dot"), t("map.patrol.legend.stop", lang)))
    if dropped:
        entries.append((swatch(DROPPED_COLOR, shape="dot"), t("map.patrol.legend.dropped", lang)))
    if _present(plan.posts):
        entries.append((swatch(POST_COLOR), t("map.patrol.legend.posts", lang)))
    if zone is not None:
        entries.append((swatch(ZONE_FILL_COLOR), t("map.patrol.legend.zone", lang)))
    entries.append((swatch(ZONE_OUTLINE_COLOR, shape="line"), t("map.patrol.legend.zones", lang)))
    if _present(plan.station):
        entries.append((swatch(STATION_COLOR), t("map.legend.station", lang)))
    return entries


def _route(plan: Plan, zones_shown: list[str], crs: Any) -> gpd.GeoDataFrame:
    """The visited stops of ``zones_shown`` in order, with their distance and time from the
    start (:func:`zones.patrol.itinerary.itinerary`)."""
    if plan.stops is None or not len(plan.stops) or plan.patrols is None:
        return _of_zone(None, None)
    parts = [itinerary(plan.stops, plan.patrols, z, crs=crs) for z in zones_shown]
    parts = [p for p in parts if len(p)]
    if not parts:
        return _of_zone(None, None)
    route = gpd.GeoDataFrame(pd.concat(parts), geometry=parts[0].geometry.name, crs=parts[0].crs)
    return _drawable(route.to_crs(C.WGS84))


def make_patrol_map(
    plan: Plan,
    *,
    zone: str | None = None,
    lang: str = "zh",
    profile: str = PUBLIC,
    tiles: str | None = None,
    tianditu_key: str | None = None,
    datum: str = "wgs84",
) -> folium.Map:
    """Draw a plan's patrol lines, stops and posts on an offline-ready folium map.

    Parameters
    ----------
    plan
        The plan (:func:`zones.make_plan`); not modified.
    zone
        A zone id to show that zone's line (bold, arrows, numbered stops, the stops left out,
        its villages named) fitted to the view, the other lines as grey context; ``None``
        (default) for every line with arrows and numbered stops, fitted to the station.
    lang
        ``"zh"`` (default) or ``"en"``.
    profile
        ``"public"`` (default: no times) or ``"internal"`` (post hours, minutes, and the
        "内部资料 注意保密" banner).
    tiles, tianditu_key, datum
        The basemap and the datum of its tiles, as for :func:`maps.make_map`.

    Returns
    -------
    folium.Map
        With Leaflet inlined (no jQuery), ``prefer_canvas`` on, a scale bar and a legend.

    Raises
    ------
    ValueError
        For an unknown ``profile``, a ``zone`` the plan does not have, or an invalid ``tiles``.
    KeyError
        For an unknown ``lang``.
    """
    if profile not in PROFILES:
        msg = f"unknown map profile {profile!r}; use {' or '.join(repr(p) for p in PROFILES)}"
        raise ValueError(msg)
    zone_ids = [str(z) for z in plan.zones[ZONE_ID]] if ZONE_ID in plan.zones else []
    if zone is not None and str(zone) not in zone_ids:
        msg = f"the plan has no zone {zone!r}"
        raise ValueError(msg)
    zone = None if zone is None else str(zone)
    times = profile == INTERNAL
    plan = shifted_for_display(plan, datum)
    crs = _metric_crs(plan)
    zones, villages, _ = display_layers(plan, crs, tolerance=plan_tolerance(plan, crs))
    shown_zones = zone_ids if zone is None else [zone]
    route = _route(plan, shown_zones, crs)
    lines, posts = _of_zone(plan.patrols, zone), _of_zone(plan.posts, zone)
    dropped = _of_zone(plan.stops, zone) if zone is not None else _of_zone(None, None)
    if "status" in dropped:
        dropped = dropped[dropped["status"] != "visited"]
    if zone is not None:
        bounds = _bounds(_of_zone(zones, zone), lines, posts, route)
    else:
        bounds = _bounds(plan.jurisdiction, zones)

    m = base_map(bounds, lang=lang, tiles=tiles, tianditu_key=tianditu_key)
    setattr(m, WITHOUT_JQUERY, True)  # GeoJsonPopup and tooltips need no jQuery
    make_offline(m)
    root = m.get_root()
    root.header.add_child(_trusted(CSS))
    root.header.add_child(_trusted(f'<meta name="zoneplanner-profile" content="{profile}">'))
    FitView(bounds).add_to(m)  # before any layer; fitted again when the map is shown

    zones_layer(zones, zone, lang).add_to(m)
    if zone is not None and ZONE_ID in villages:
        mine = villages[villages[ZONE_ID].astype(str) == zone]
        if len(mine):
            villages_layer(mine, lang).add_to(m)
    others = _of_zone(plan.patrols, None)
    if zone is None or ZONE_ID not in others:  # the overview, or a plan without patrol lines
        others = others.iloc[0:0]
    else:
        others = others[others[ZONE_ID].astype(str) != zone]
    if len(others):
        name = t("map.patrol.layer.other_lines", lang, n=len(others))
        lines_layer(others, crs, lang, name=name, bold=False, times=times).add_to(m)
    if len(lines):
        name = t("map.patrol.layer.line", lang, n=len(lines))
        lines_layer(lines, crs, lang, name=name, bold=True, times=times).add_to(m)
    station = _station_name(plan)
    if len(dropped):
        dropped_layer(dropped, lang, station).add_to(m)
    if zone is None and len(route):  # the overview marks where each line starts
        route = route[route["order"] == 0]
    if len(route):
        stops_layer(route, lang, station, times).add_to(m)
    all_posts = _of_zone(plan.posts, None)
    if len(posts):
        marks = dict(zip(all_posts.index, post_marks(all_posts, lang), strict=True))
        shown_marks = [marks[i] for i in posts.index]
        posts_layer(posts, shown_marks, lang, times=times, labelled=zone is not None).add_to(m)
    if _present(plan.station):
        _station_layer(plan.station, lang).add_to(m)
    control = folium.LayerControl(collapsed=True).add_to(m)

    title, subtitle = _title(plan, zone, lang, times)
    set_page(m, lang=lang, title=title)
    root.html.add_child(_trusted(title_html(title, subtitle)))
    legend = _legend(plan, zone, bool(len(dropped)), lang)
    root.html.add_child(_trusted(legend_html(t("map.legend.title", lang), legend)))
    if times:
        root.html.add_child(_trusted(_banner_html(t("map.plan.banner", lang))))
    Panels(control).add_to(m)  # legend and layers open on a large map, folded on a small one
    Declutter().add_to(m)  # village names that would overlap are hidden
    return m
