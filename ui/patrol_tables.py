"""The patrol tab's tables (:mod:`ui.patrol_tab`): a zone's stops in visiting order, the stops
left out, posts with their place and hours, the lines of every zone, per-zone figures and the
coverage figures. Lengths are in kilometres with one decimal, times in whole minutes; headers
and words come from :mod:`ui.i18n` (places from :mod:`maps.patrol_layers`).

Every function takes the plan and returns a ``pandas.DataFrame`` with translated headers ready
for ``st.dataframe``; none of them draws anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd

from maps.patrol_layers import hours_label, place_label, post_marks, stop_place
from ui.i18n import TEXTS, t
from ui.tables import header, metric_label, round_or_blank
from zones import columns as C
from zones.model import Scenario
from zones.patrol.itinerary import ALONG_M, ARRIVE_MINUTES, itinerary
from zones.patrol.places import PLACE_COLUMNS, with_places
from zones.plan.edits import utm_crs
from zones.plan.pipeline import Plan
from zones.zoning.polygons import ZONE_ID

METRIC_PREFIXES: tuple[str, ...] = ("patrol_", "post_", "posts", "base_")
ZONE_PREFIXES: tuple[str, ...] = ("patrol_", "post_", "posts", "offpeak_", "peak_", "base_")

__all__ = [
    "METRIC_PREFIXES",
    "ZONE_PREFIXES",
    "coverage_figures",
    "dropped_table",
    "hours_text",
    "km_headers",
    "lines_table",
    "posts_table",
    "station_name",
    "stops_table",
    "with_place_names",
    "zone_table",
]


def km_headers(lang: str) -> set[str]:
    """The headers of the columns in kilometres (shown with one decimal)."""
    keys = [k for k in TEXTS if k.startswith("app.patrol.km.")]
    return {t(k, lang) for k in [*keys, "app.patrol.col.along_km", "app.patrol.col.length_km"]}


def _headers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: t(f"app.patrol.col.{c}", lang) for c in frame.columns})


def _km(metres: object) -> float | None:
    value = pd.to_numeric(pd.Series([metres]), errors="coerce").iloc[0]
    return None if pd.isna(value) else round(float(value) / 1000, 1)


def _minutes(value: object) -> object:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return pd.NA if pd.isna(number) else round(float(number))


def _metric_crs(plan: Plan) -> object:
    """The UTM zone of the plan's villages (no CRS database query), else Web Mercator."""
    return utm_crs(plan.villages) if len(plan.villages) else "EPSG:3857"


def station_name(plan: Plan) -> str:
    """The station's name (``""`` when the plan has none)."""
    station = plan.station
    if station is None or not len(station) or C.NAME not in station:
        return ""
    name = station[C.NAME].iloc[0]
    return "" if pd.isna(name) else str(name)


def with_place_names(plan: Plan, scenario: Scenario | None = None) -> Plan:
    """The plan with the place of every post and stop (:mod:`zones.patrol.places`).

    Plans made by :func:`zones.make_plan` carry them; a plan read from an older folder, or
    whose lines were re-planned without them, gets them here from its villages (and the
    scenario's named roads when ``scenario`` is given). Returns ``plan`` itself when nothing
    is missing.
    """
    changes = {}
    for name in ("posts", "stops"):
        layer = getattr(plan, name)
        if layer is None or not len(layer) or all(c in layer for c in PLACE_COLUMNS):
            continue
        crs = _metric_crs(plan)
        roads = scenario.roads if scenario is not None else None
        own = None
        if name == "stops" and {"kind", "ref"} <= set(layer.columns):
            own = layer["ref"].where(layer["kind"] != "hotspot", "")
        changes[name] = with_places(layer, plan.villages, roads, crs=crs, own_village=own)
    return dataclasses.replace(plan, **changes) if changes else plan


def _column(layer: pd.DataFrame, name: str) -> pd.Series:
    """A column of ``layer``, or missing values where it has none."""
    return layer[name] if name in layer else pd.Series(pd.NA, index=layer.index, dtype=object)


def _counts(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").round().astype("Int64")


def _line(plan: Plan, zone: str) -> pd.Series | None:
    if plan.patrols is None or not len(plan.patrols) or ZONE_ID not in plan.patrols:
        return None
    rows = plan.patrols[plan.patrols[ZONE_ID].astype(str) == zone]
    return None if rows.empty else rows.iloc[0]


def stops_table(plan: Plan, zone: str, lang: str) -> pd.DataFrame:
    """One zone's patrol line as an officer follows it: the start, each stop in order, and
    the way back to the start, with place, kind, kilometres from the start (one decimal), the
    minute it is reached (about), the minutes spent there and the off-peak incidents nearby.

    Empty (with the headers) when the zone has no line.
    """
    columns = ["order", "place", "kind", "along_km", "arrive", "dwell", "incidents"]
    line = _line(plan, zone)
    if line is None or plan.stops is None or not len(plan.stops):
        return _headers(pd.DataFrame(columns=columns), lang)
    crs = _metric_crs(plan)
    route = itinerary(plan.stops, plan.patrols, zone, crs=crs)
    station = station_name(plan)
    rows = []
    for _, stop in route.iterrows():
        order = int(stop["order"])
        rows.append(
            {
                "order": t("map.patrol.start_mark", lang) if order == 0 else str(order),
                "place": stop_place(stop, lang, station),
                "kind": t(f"map.patrol.kind.{stop['kind']}", lang),
                "along_km": _km(stop[ALONG_M]),
                "arrive": _minutes(stop[ARRIVE_MINUTES]),
                "dwell": _minutes(stop["dwell_minutes"]),
                "incidents": str(int(stop["incidents"])) if stop["kind"] == "hotspot" else "",
            }
        )
    if rows:  # and back to the start
        rows.append(
            {
                **rows[0],
                "order": t("app.patrol.back_mark", lang),
                "along_km": _km(line.get("length_m")),
                "arrive": _minutes(line.get("minutes")),
            }
        )
    table = pd.DataFrame(rows, columns=columns)
    for column in ("arrive", "dwell"):
        table[column] = table[column].astype("Int64")
    table["along_km"] = table["along_km"].astype(float)
    return _headers(table, lang)


def dropped_table(plan: Plan, zone: str, lang: str) -> pd.DataFrame:
    """The zone's stops left out of its line: place, kind and why."""
    stops = plan.stops
    if stops is None or not len(stops) or "status" not in stops:
        return _headers(pd.DataFrame(columns=["place", "kind", "reason"]), lang)
    mine = stops[(stops[ZONE_ID].astype(str) == zone) & (stops["status"] != "visited")]
    station = station_name(plan)
    rows = [
        {
            "place": stop_place(stop, lang, station),
            "kind": t(f"map.patrol.kind.{stop['kind']}", lang),
            "reason": _reason(stop.get("reason"), lang),
        }
        for _, stop in mine.iterrows()
    ]
    return _headers(pd.DataFrame(rows, columns=["place", "kind", "reason"]), lang)


def _reason(reason: object, lang: str) -> str:
    key = f"map.patrol.reason.{reason}"
    return t(key, lang) if reason in ("budget", "no_road", "far") else str(reason or "")


def hours_text(hours: object, lang: str) -> str:
    """A post's hours in words (:func:`maps.patrol_layers.hours_label`)."""
    return hours_label(hours, lang)


def posts_table(plan: Plan, lang: str, zone: str | None = None) -> pd.DataFrame:
    """Peak-hour posts (of ``zone``, or all with their zone): mark (岗1, 岗2 within each
    zone), place (village and road), hours, and the peak incidents each covers."""
    columns = ["zone", "post", "place", "hours", "covered"]
    posts = plan.posts
    if posts is None or not len(posts):
        return _headers(pd.DataFrame(columns=columns), lang)
    marks = pd.Series(post_marks(posts, lang), index=posts.index)
    table = pd.DataFrame(
        {
            "zone": posts[ZONE_ID].astype(str),
            "post": marks,
            "place": [
                place_label(row.get("village_name"), row.get("road_name"), lang)
                for _, row in posts.iterrows()
            ],
            "hours": [hours_text(h, lang) for h in _column(posts, "hours")],
            "covered": _counts(_column(posts, "incidents")),
        }
    )
    if zone is not None:
        table = table[table["zone"] == zone].drop(columns=["zone"])
    return _headers(table.reset_index(drop=True), lang)


def lines_table(plan: Plan, lang: str) -> pd.DataFrame:
    """Every zone's patrol line: length (km, one decimal), minutes for one loop, of which
    driving, stops, the zone's posts, and whether it follows roads."""
    columns = ["zone", "length_km", "minutes", "drive_minutes", "stops", "posts", "route"]
    lines = plan.patrols
    if lines is None or not len(lines):
        return _headers(pd.DataFrame(columns=columns), lang)
    posts = plan.posts[ZONE_ID].astype(str).value_counts() if len(plan.posts) else pd.Series()
    zone = lines[ZONE_ID].astype(str)
    approximate = _column(lines, "approximate")
    table = pd.DataFrame(
        {
            "zone": zone,
            "length_km": [_km(v) for v in _column(lines, "length_m")],
            "minutes": _counts(_column(lines, "minutes")),
            "drive_minutes": _counts(_column(lines, "drive_minutes")),
            "stops": _counts(_column(lines, "stops")),
            "posts": zone.map(posts).fillna(0).astype(int),
            "route": [
                t("app.patrol.route_straight" if a is True else "app.patrol.route_roads", lang)
                for a in approximate.map(lambda v: bool(v) if pd.notna(v) else False)
            ],
        }
    )
    return _headers(table.reset_index(drop=True), lang)


def zone_table(plan: Plan, lang: str) -> pd.DataFrame | None:
    """The per-zone patrol columns of ``plan.zones`` (:data:`ZONE_PREFIXES`; ``None`` if none),
    translated: coverage shares as percentages, metres as kilometres with one decimal."""
    present = [c for c in plan.zones.columns if str(c).startswith(ZONE_PREFIXES)]
    if not present or plan.zones[present].isna().all().all():
        return None
    table = pd.DataFrame(plan.zones[[ZONE_ID, *present]]).reset_index(drop=True)
    names = {c: header(c, lang) for c in table.columns}
    for column in present:
        values = pd.to_numeric(table[column], errors="coerce")
        if "coverage" in column:
            table[column] = (values * 100).round(1)
        elif column.endswith("_m"):
            table[column] = (values / 1000).round(1)
            names[column] = t(f"app.patrol.km.{column}", lang)
        elif pd.api.types.is_float_dtype(table[column]):
            table[column] = table[column].round(1)
    return table.rename(columns=names)


def coverage_figures(metrics: Mapping[str, object], lang: str) -> pd.DataFrame:
    """The patrol, post and base-distance metrics as a two-column table (figure, value);
    shares as percentages, distances in kilometres with one decimal."""
    rows = []
    for key, value in _flatten(
        {k: v for k, v in metrics.items() if str(k).startswith(METRIC_PREFIXES)}
    ).items():
        km_key = f"app.patrol.km.{key}"
        if km_key in TEXTS and isinstance(value, int | float) and not isinstance(value, bool):
            rows.append((t(km_key, lang), f"{value / 1000:.1f}"))
        else:
            rows.append((metric_label(key, lang), _value(key, value, lang)))
    return pd.DataFrame(rows, columns=[t("app.patrol.figure", lang), t("app.patrol.value", lang)])


def _flatten(metrics: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _value(key: str, value: object, lang: str) -> str:
    if isinstance(value, bool):
        return t(f"app.tabs.{'yes' if value else 'no'}", lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(round_or_blank(v)) for v in value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float) and "coverage" in key and 0 <= value <= 1:
        return f"{value * 100:.1f}%"
    rounded = round_or_blank(value, 1)
    return "—" if rounded is None else str(rounded)
