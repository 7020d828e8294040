"""The layers of the patrol map (:mod:`maps.patrol_map`): zone outlines, a zone's villages,
patrol lines with direction arrows, numbered stops, stops left out and peak-hour posts, and the
words for a stop's or post's place. Every data value is escaped (:mod:`maps.escape`)."""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from maps.i18n import t
from zones import columns as C
from zones.patrol.itinerary import ALONG_M, ARRIVE_MINUTES
from zones.zoning.polygons import ZONE_ID

from .escape import esc, is_missing
from .plan_map import ARROW_SPACING_M, PATROL_COLOR, POST_COLOR, _arrows
from .scenario_map import _col, _drawable, _feature_collection, _fmt_number

OTHER_LINE_COLOR = "#9a9a9a"
ZONE_OUTLINE_COLOR = "#555555"
ZONE_FILL_COLOR = "#fff3c4"
VILLAGE_LINE_COLOR = "#8a8a8a"
STOP_COLOR = "#1f4e9c"
DROPPED_COLOR = "#7f7f7f"
MAX_VILLAGE_LABELS = 60
"""A chosen zone with more villages shows their names on hover only."""

CSS = (
    "<style>"
    ".zp-tip table{margin:auto}.zp-tip tr{text-align:left}"
    ".zp-tip th{color:#555;padding:2px;padding-right:8px}"
    ".zp-station,.zp-arrow,.zp-stop,.zp-label{background:none;border:none}"
    ".zp-arrow>div{position:absolute;font:16px/16px sans-serif;color:"
    f"{PATROL_COLOR};text-shadow:0 0 2px #fff,0 0 2px #fff}}"
    ".zp-stop>div{position:absolute;transform:translate(-50%,-50%);min-width:20px;height:20px;"
    "padding:0 3px;box-sizing:border-box;border-radius:10px;border:2px solid #fff;"
    f"background:{STOP_COLOR};color:#fff;font:bold 12px/16px sans-serif;text-align:center;"
    "white-space:nowrap;box-shadow:0 0 3px rgba(0,0,0,.6)}"
    ".zp-stop>div.zp-start{border-radius:3px;background:#111}"
    f".zp-stop>div.zp-post{{border-radius:3px;background:{POST_COLOR};"
    "transform:translate(-50%,-135%)}"
    ".zp-label>div{position:absolute;transform:translate(-50%,-50%);white-space:nowrap;"
    "font:12px/14px sans-serif;color:#444;text-shadow:0 0 3px #fff,0 0 3px #fff}"
    "</style>"
)


def place_label(village: Any, road: Any, lang: str) -> str:
    """The place of a post or stop in words: ``"建设社区 · 环城路"`` (village and road), or the
    one of them that is known, or ``""``."""
    village = "" if is_missing(village) else str(village).strip()
    road = "" if is_missing(road) else str(road).strip()
    if village and road:
        return t("map.patrol.place", lang, village=village, road=road)
    return village or road


def hours_label(hours: Any, lang: str) -> str:
    """A post's hours in words: ``"07:00-09:00,17:00-20:00"`` as ``"07:00–09:00、17:00–20:00"``
    (``", "`` between windows in English)."""
    if is_missing(hours):
        return ""
    windows = [w.strip().replace("-", "–") for w in str(hours).split(",") if w.strip()]
    return t("map.patrol.hours_sep", lang).join(windows)


def post_marks(posts: gpd.GeoDataFrame, lang: str) -> list[str]:
    """Each post's mark within its zone, in layer order: 岗1, 岗2, … (P1, P2, … in English)."""
    zone = posts[ZONE_ID].astype(str) if ZONE_ID in posts else pd.Series("", index=posts.index)
    numbers = zone.groupby(zone, sort=False).cumcount() + 1
    return [t("map.patrol.post_mark", lang, n=int(n)) for n in numbers]


def stop_place(row: Any, lang: str, station: str = "") -> str:
    """The place of one stop: the station, a village's police room, or the village and road."""
    kind, ref = _col(row, "kind"), _col(row, "ref")
    village = _col(row, "village_name")
    if ref == "station":
        return station or t("map.legend.station", lang)
    if kind in ("room", "base") and not is_missing(village) and str(village).strip():
        return t("map.patrol.room_place", lang, village=str(village).strip())
    return place_label(village, _col(row, "road_name"), lang)


def html_points(
    frame: gpd.GeoDataFrame, htmls: list[str], class_name: str, *, interactive: bool = False
) -> folium.GeoJson:
    """Point markers drawn as the given markup (built here, every data value in it escaped)."""
    data = _feature_collection(frame, lambda row: {})
    for feature, markup in zip(data["features"], htmls, strict=True):
        feature["properties"] = {"html": markup}
    icon = folium.DivIcon(html="", icon_size=(0, 0), icon_anchor=(0, 0), class_name=class_name)
    return folium.GeoJson(
        data,
        style_function=lambda f: {"html": f["properties"]["html"]},
        marker=folium.Marker(icon=icon, interactive=interactive),
        control=False,
    )


def marks_html(marks: list[str], classes: list[str]) -> list[str]:
    return [
        f'<div class="{css}">{esc(mark)}</div>' for mark, css in zip(marks, classes, strict=True)
    ]


def tooltip(fields: dict[str, str]) -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(
        fields=list(fields), aliases=[esc(v) for v in fields.values()], class_name="zp-tip"
    )


def hover_layer(frame: gpd.GeoDataFrame, props: Any, fields: dict[str, str], marker: Any) -> Any:
    """An invisible-until-hovered GeoJson carrying the escaped tooltip of each feature."""
    return folium.GeoJson(
        _feature_collection(frame, props),
        style_function=lambda _f: {"opacity": 0, "fillOpacity": 0},
        tooltip=tooltip(fields) if len(frame) else None,
        marker=marker,
        control=False,
    )


def zones_layer(zones: gpd.GeoDataFrame, chosen: str | None, lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=esc(t("map.patrol.layer.zones", lang, n=len(zones))))
    folium.GeoJson(
        _feature_collection(
            zones,
            lambda row: {
                "zone": t("map.plan.zone", lang, zone=_col(row, ZONE_ID)),
                "chosen": "1" if str(_col(row, ZONE_ID)) == chosen else "0",
            },
        ),
        style_function=lambda f: {
            "color": ZONE_OUTLINE_COLOR,
            "weight": 2.5 if f["properties"]["chosen"] == "1" else 1,
            "opacity": 0.9 if f["properties"]["chosen"] == "1" else 0.45,
            "fillColor": ZONE_FILL_COLOR,
            "fillOpacity": 0.35 if f["properties"]["chosen"] == "1" else 0,
        },
        tooltip=tooltip({"zone": t("map.plan.field.zone", lang)}) if len(zones) else None,
        control=False,
    ).add_to(group)
    return group


def villages_layer(villages: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=esc(t("map.patrol.layer.villages", lang, n=len(villages))))
    folium.GeoJson(
        _feature_collection(villages, lambda row: {"name": _col(row, C.NAME)}, boundary=True),
        style_function=lambda _f: {"color": VILLAGE_LINE_COLOR, "weight": 1, "dashArray": "3 4"},
        control=False,
    ).add_to(group)
    if len(villages) <= MAX_VILLAGE_LABELS:
        shapes = _drawable(villages)
        # larger villages keep their name where two would overlap (maps.view.Declutter)
        areas = shapely.area(np.asarray(shapes.geometry.array, dtype=object))
        rank = pd.Series(areas).rank(method="first").astype(int)
        htmls = [
            f'<div data-p="{p}">{esc(_col(row, C.NAME))}</div>'
            for p, (_, row) in zip(rank, shapes.iterrows(), strict=True)
        ]
        points = shapes.set_geometry(shapes.geometry.representative_point())
        html_points(points, htmls, "zp-label").add_to(group)
    return group


def lines_layer(
    lines: gpd.GeoDataFrame, crs: Any, lang: str, *, name: str, bold: bool, times: bool
) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=esc(name))

    def props(row: Any) -> dict[str, Any]:
        values = {
            "zone": t("map.plan.zone", lang, zone=_col(row, ZONE_ID)),
            "length": km(_col(row, "length_m")),
        }
        if times:
            values["minutes"] = _fmt_number(_col(row, "minutes"))
        return values

    keys = ["zone", "length", "minutes"] if times else ["zone", "length"]
    folium.GeoJson(
        _feature_collection(lines, props),
        style_function=lambda _f: {
            "color": PATROL_COLOR if bold else OTHER_LINE_COLOR,
            "weight": 4 if bold else 2,
            "opacity": 0.9 if bold else 0.7,
            "dashArray": None if bold else "6 5",
        },
        highlight_function=lambda _f: {"weight": 6 if bold else 3},
        tooltip=tooltip({k: t(f"map.plan.field.{k}", lang) for k in keys}),
        control=False,
    ).add_to(group)
    if bold:
        points, angles = _arrows(lines, crs, ARROW_SPACING_M)
        if points:
            arrows = gpd.GeoDataFrame(geometry=points, crs=C.WGS84)
            htmls = [
                f'<div style="transform:translate(-50%,-50%) rotate({int(a)}deg)">&#10148;</div>'
                for a in angles
            ]
            html_points(arrows, htmls, "zp-arrow").add_to(group)
    return group


def km(metres: Any) -> Any:
    if pd.api.types.is_number(metres) and not pd.isna(metres):
        return f"{metres / 1000:.1f}"
    return metres


def stops_layer(route: gpd.GeoDataFrame, lang: str, station: str, times: bool) -> Any:
    group = folium.FeatureGroup(name=esc(t("map.patrol.layer.stops", lang, n=len(route))))
    start = t("map.patrol.start_mark", lang)
    marks = [start if o == 0 else str(int(o)) for o in route["order"]]
    classes = ["zp-start" if o == 0 else "" for o in route["order"]]
    html_points(route, marks_html(marks, classes), "zp-stop").add_to(group)

    def props(row: Any) -> dict[str, Any]:
        order = int(_col(row, "order"))
        values = {
            "order": start if order == 0 else order,
            "place": stop_place(row, lang, station),
            "kind": t(f"map.patrol.kind.{_col(row, 'kind')}", lang),
            "along": km(_col(row, ALONG_M)),
        }
        if times:
            values["arrive"] = _fmt_number(round(float(_col(row, ARRIVE_MINUTES) or 0)))
        return values

    keys = ["order", "place", "kind", "along", *(["arrive"] if times else [])]
    fields = {k: t(f"map.patrol.field.{k}", lang) for k in keys}
    hover_layer(route, props, fields, folium.CircleMarker(radius=11, fill=True)).add_to(group)
    return group


def dropped_layer(dropped: gpd.GeoDataFrame, lang: str, station: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=esc(t("map.patrol.layer.dropped", lang, n=len(dropped))))

    def props(row: Any) -> dict[str, Any]:
        reason = _col(row, "reason")
        known = reason in ("budget", "no_road", "far")
        return {
            "place": stop_place(row, lang, station),
            "kind": t(f"map.patrol.kind.{_col(row, 'kind')}", lang),
            "reason": t(f"map.patrol.reason.{reason}", lang) if known else reason,
        }

    fields = {k: t(f"map.patrol.field.{k}", lang) for k in ("place", "kind", "reason")}
    folium.GeoJson(
        _feature_collection(dropped, props),
        style_function=lambda _f: {
            "color": DROPPED_COLOR,
            "weight": 2,
            "fillColor": "#ffffff",
            "fillOpacity": 0.9,
        },
        tooltip=tooltip(fields) if len(dropped) else None,
        marker=folium.CircleMarker(radius=5, fill=True),
        control=False,
    ).add_to(group)
    return group


def posts_layer(
    posts: gpd.GeoDataFrame, marks: list[str], lang: str, *, times: bool, labelled: bool
) -> folium.FeatureGroup:
    """Posts as purple dots with a tooltip and a popup (mark, place, zone, incidents covered,
    and the hours when ``times``), labelled with their mark above the dot when ``labelled``."""
    group = folium.FeatureGroup(name=esc(t("map.plan.layer.posts", lang, n=len(posts))))
    mark_of = dict(zip(posts.index, marks, strict=True))

    def props(row: Any) -> dict[str, Any]:
        values = {
            "post": mark_of.get(row.name, ""),
            "place": place_label(_col(row, "village_name"), _col(row, "road_name"), lang),
            "zone": t("map.plan.zone", lang, zone=_col(row, ZONE_ID)),
            "covered": _fmt_number(_col(row, "incidents")),
        }
        if times:
            values["hours"] = hours_label(_col(row, "hours"), lang)
        return values

    keys = ["post", "place", "zone", "covered", *(["hours"] if times else [])]
    labels = {
        k: t(f"map.plan.field.{k}" if k in ("zone", "hours") else f"map.patrol.field.{k}", lang)
        for k in keys
    }
    dots = folium.GeoJson(
        _feature_collection(posts, props),
        style_function=lambda _f: {
            "color": "#ffffff",
            "weight": 2,
            "fillColor": POST_COLOR,
            "fillOpacity": 1,
        },
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=tooltip(labels) if len(posts) else None,
        marker=folium.CircleMarker(radius=7, fill=True),
        control=False,
    )
    if len(posts):
        folium.GeoJsonPopup(
            fields=list(labels), aliases=[esc(v) for v in labels.values()], class_name="zp-tip"
        ).add_to(dots)
    dots.add_to(group)
    if labelled:
        html_points(posts, marks_html(marks, ["zp-post"] * len(posts)), "zp-stop").add_to(group)
    return group


__all__ = [
    "CSS",
    "dropped_layer",
    "hours_label",
    "km",
    "lines_layer",
    "place_label",
    "post_marks",
    "posts_layer",
    "stop_place",
    "stops_layer",
    "villages_layer",
    "zones_layer",
]
