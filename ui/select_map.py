"""The village selection map of the zones tab: a small two-way component of our own.

The plan map (:mod:`ui.map_view`) is a one-way offline page. Editing needs the clicked villages
back in the app, so this map is a Streamlit component (``components.v1.declare_component``):
a local page (``ui/select_map/``: HTML, CSS and JS) that loads Leaflet from the bundled
``xstatic-leaflet`` files, all served by the app itself (nothing from the network). A click
toggles a village, the lasso adds the villages it encloses; the page sends
``{"selected": [village ids], "seq": n}`` back (``Streamlit.setComponentValue``).

Why not ``streamlit_folium.st_folium``: it rebuilds and re-sends the whole Folium page on every
rerun that changes the map (the selection shown, a move), and the browser draws it again. This
page gets the villages' geometry once (it says which village set it holds, ``have``, and the app
stops sending it); a rerun sends each village's zone, the zone outlines, colours and the
selection, which it applies to the layers it has: no redraw, the view kept. On the sample, on
the shared test machine (load average about 5 on 2 cores; median of 5 in a bare test app):
click → selection in the app 179 ms here against 574 ms with st_folium, move → app updated
466 ms against 646 ms, server time per rerun 16–56 ms against 124–171 ms.

The page's files are copied once per server process into a temporary folder with Leaflet next
to them (Streamlit serves a component's files from one folder only).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import shutil
import tempfile
import threading
import weakref
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import streamlit as st
import streamlit.components.v1 as components
import xstatic.pkg.leaflet

from maps.colors import ZONE_FILL_OPACITY, zone_colors
from ui.i18n import t
from zones import columns as C
from zones.plan.choices import zone_title
from zones.plan.comparison import current_labels, zone_ids
from zones.plan.edits import utm_crs
from zones.plan.pipeline import Plan

FRONTEND = Path(__file__).with_name("select_map")
FILES = ("index.html", "select_map.js", "select_map.css")
HEIGHT = 520
SIMPLIFY_M = 15.0  # display simplification of the village borders (metres)
PRECISION = 1e-5  # degrees (about 1 m): the coordinates sent to the page
CACHED = 16

__all__ = ["HEIGHT", "held", "map_args", "select_map", "selection"]


@functools.cache
def _folder() -> str:
    """The component's folder: our page and Leaflet, copied once per process."""
    out = Path(tempfile.mkdtemp(prefix="zoneplanner-select-map-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    for name in FILES:
        shutil.copyfile(FRONTEND / name, out / name)
    leaflet = Path(xstatic.pkg.leaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css"):
        text = (leaflet / name).read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if "sourceMappingURL" not in line)
        (out / name).write_text(text, encoding="utf-8")
    shutil.copytree(leaflet / "images", out / "images")
    return str(out)


_component = components.declare_component("select_map", path=_folder())


class _Geometry:
    """The villages' display geometry (GeoJSON, lasso points) per village set, and each
    plan's zone outlines and labels per plan object."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.villages: dict[str, tuple[dict, dict]] = {}
        self.simplified: dict[str, np.ndarray] = {}
        self.zones: weakref.WeakKeyDictionary[Plan, tuple[str, dict, list, dict]] = (
            weakref.WeakKeyDictionary()
        )


@st.cache_resource(show_spinner=False)
def _geometry() -> _Geometry:
    return _Geometry()


def _village_key(plan: Plan) -> str:
    villages = plan.villages
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update("\x1f".join(map(str, villages.index)).encode("utf-8"))
    digest.update(np.asarray(villages.total_bounds, dtype=float).tobytes())
    digest.update(str(int(shapely.get_num_coordinates(villages.geometry.values).sum())).encode())
    return digest.hexdigest()[:16]


def _simplified(plan: Plan) -> np.ndarray:
    """The villages' borders simplified together (shared borders stay shared), in WGS 84;
    made once per village set."""
    key = _village_key(plan)
    cache = _geometry()
    with cache.lock:
        known = cache.simplified.get(key)
    if known is not None:
        return known
    villages = plan.villages
    crs = utm_crs(villages)
    metric = np.asarray(villages.geometry.to_crs(crs).array, dtype=object)
    if shapely.coverage_is_valid(metric):
        metric = shapely.coverage_simplify(metric, SIMPLIFY_M)
    else:
        metric = shapely.simplify(metric, SIMPLIFY_M, preserve_topology=True)
    simplified = np.asarray(gpd.GeoSeries(metric, crs=crs).to_crs(C.WGS84).array, dtype=object)
    with cache.lock:
        cache.simplified[key] = simplified
        while len(cache.simplified) > CACHED:
            cache.simplified.pop(next(iter(cache.simplified)))
    return simplified


def _feature(fid: str, geom: shapely.Geometry, **properties: object) -> dict:
    shape = shapely.geometry.mapping(shapely.set_precision(geom, PRECISION))
    return {"type": "Feature", "id": fid, "geometry": shape, "properties": properties}


def _village_layer(plan: Plan) -> tuple[str, dict, dict]:
    """``(key, GeoJSON of the villages, {village id: [lat, lon]})`` for the village set."""
    key = _village_key(plan)
    cache = _geometry()
    with cache.lock:
        known = cache.villages.get(key)
    if known is not None:
        return key, *known
    villages = plan.villages
    ids = villages.index.astype(str)
    names = villages.get(C.NAME, pd.Series(ids, index=villages.index)).astype(str)
    features = [
        _feature(vid, geom, name=name)
        for vid, name, geom in zip(ids, names, _simplified(plan), strict=True)
        if geom is not None and not geom.is_empty
    ]
    reps = shapely.point_on_surface(np.asarray(villages.geometry.array, dtype=object))
    points = {
        vid: [round(float(shapely.get_y(p)), 5), round(float(shapely.get_x(p)), 5)]
        for vid, p in zip(ids, reps, strict=True)
        if p is not None and not p.is_empty
    }
    layer = {"type": "FeatureCollection", "features": features}
    with cache.lock:
        cache.villages[key] = (layer, points)
        while len(cache.villages) > CACHED:
            cache.villages.pop(next(iter(cache.villages)))
    return key, layer, points


def _zone_layer(plan: Plan) -> tuple[str, dict, list, dict]:
    """``(key, zone outlines GeoJSON, labels [lat, lon, zone id], {zone id: colour})``."""
    cache = _geometry()
    with cache.lock:
        known = cache.zones.get(plan)
    if known is not None:
        return known
    ids = zone_ids(plan)
    labels = current_labels(plan)
    geoms = _simplified(plan)
    outlines, marks = [], []
    for zone in ids:
        parts = [g for g in geoms[(labels == zone).to_numpy()] if g is not None and not g.is_empty]
        if not parts:
            continue
        try:
            shape = shapely.coverage_union_all(parts)
        except shapely.errors.GEOSException:
            shape = shapely.union_all(parts)
        outlines.append(_feature(zone, shape))
        at = shapely.point_on_surface(shape)
        marks.append([round(at.y, 5), round(at.x, 5), zone])
    colors = dict(zip(ids, zone_colors(plan.zones), strict=True))
    digest = hashlib.sha1(usedforsecurity=False)
    digest.update("\x1f".join(f"{v}={z}" for v, z in labels.items()).encode("utf-8"))
    digest.update("\x1f".join(f"{z}={c}" for z, c in colors.items()).encode("utf-8"))
    layer = {"type": "FeatureCollection", "features": outlines}
    found = (digest.hexdigest()[:16], layer, marks, colors)
    with cache.lock:
        cache.zones[plan] = found
    return found


def map_args(
    plan: Plan,
    selected: list[str],
    ack: int,
    lang: str,
    *,
    names: Mapping[str, str] | None = None,
    locked: Collection[str] = (),
    have: str | None = None,
) -> dict[str, Any]:
    """The component's arguments for ``plan`` (see ``select_map.js``).

    Parameters
    ----------
    plan
        The plan shown: its villages (drawn once per village set), each village's zone, the
        zone outlines, labels and colours (:func:`maps.colors.zone_colors`, by zone id).
    selected, ack
        The selection and the last ``seq`` of the page the app has taken.
    names, locked
        Zone names and locked zones (shown in the zone labels).
    have
        The village layer the page says it holds (``"have"`` of its last value): when it is
        this plan's, the villages' geometry is not sent again.
    """
    geo_key, geo, points = _village_layer(plan)
    zones_key, outlines, marks, colors = _zone_layer(plan)
    names = names or {}
    mark = t("app.select_map.locked", lang)
    labels = []
    for lat, lon, zone in marks:
        text = zone_title(zone, names)
        labels.append([lat, lon, f"{text}{mark}" if zone in locked else text])
    fresh = have != geo_key
    return {
        "geo_key": geo_key,
        "geo": geo if fresh else None,
        "points": points if fresh else None,
        "zones_key": f"{zones_key}:{hash(tuple(map(tuple, labels)))}",
        "outlines": outlines,
        "labels": labels,
        "colors": colors,
        "opacity": ZONE_FILL_OPACITY,
        "zone_of": current_labels(plan).to_dict(),
        "selected": list(selected),
        "ack": int(ack),
        "height": HEIGHT,
        "texts": {
            "zone": t("app.select_map.zone", lang),
            "lasso": t("app.select_map.lasso", lang),
            "clear": t("app.select_map.clear", lang),
            "count": t("app.select_map.count", lang, n="{n}"),
        },
    }


def select_map(args: dict[str, Any], *, key: str, on_change: Callable[[], None] | None = None):
    """Draw the selection map with ``args`` (:func:`map_args`); returns the last value the page
    sent (``{"selected": [...], "seq": n, "have": key}``), or ``None`` before the first."""
    return _component(**args, key=key, default=None, on_change=on_change)


def selection(value: object) -> tuple[list[str], int] | None:
    """The village ids and sequence number of a value the page sent, if it is one."""
    if not isinstance(value, dict):
        return None
    ids = value.get("selected")
    seq = value.get("seq")
    if not isinstance(ids, list) or not isinstance(seq, int) or isinstance(seq, bool):
        return None
    return [str(v) for v in ids], seq


def held(value: object) -> str | None:
    """The village layer a value of the page says it holds."""
    found = value.get("have") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None
