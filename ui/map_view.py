"""Offline maps drawn with ``st_folium``: the scenario's, and a plan's (no reruns on pan or zoom).

``returned_objects=[]``: the map never sends values back, so panning and zooming rerun nothing.
A map whose page needs header scripts (which ``st_folium`` does not run) is shown as its whole
offline HTML page in an ``st.iframe``, which is one-way as well.
"""

from __future__ import annotations

import logging
import re
import threading
import weakref

import folium
import streamlit as st
from streamlit_folium import st_folium

import maps
from ui import state
from zones.i18n import t
from zones.model import Scenario
from zones.plan import Plan

logger = logging.getLogger(__name__)

MAP_HEIGHT = 620
SIDE_BY_SIDE_HEIGHT = 480


def show_map(scenario: Scenario, lang: str) -> None:
    """Draw ``scenario`` on the offline map, or a translated message if that fails."""
    st.subheader(t("app.map", lang))
    try:
        fmap = maps.make_scenario_map(scenario, lang=lang)
    except Exception:
        logger.exception("building the scenario map failed")
        st.error(t("app.error.map", lang))
        return
    if needs_page_scripts(fmap):
        st.iframe(maps.render_html(fmap), height=MAP_HEIGHT)
        return
    st_folium(
        fmap,
        returned_objects=[],
        height=MAP_HEIGHT,
        use_container_width=True,
        key=state.MAP_KEY,
    )


_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
# folium's own header script (Leaflet flags); st_folium does without it
_FOLIUM_FLAGS = re.compile(r"^\s*(L_NO_TOUCH|L_DISABLE_3D)\s*=\s*\w+;?\s*$")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def needs_page_scripts(fmap: folium.Map) -> bool:
    """Whether the map relies on scripts in its page header.

    ``st_folium`` inserts the header with ``innerHTML``, where scripts never run; such a map is
    shown as its whole offline page (:func:`maps.render_html`) in an ``st.iframe`` instead.
    """
    root = fmap.get_root()
    root.render()  # elements may add their header parts while rendering
    for attributes, body in _SCRIPT_TAG.findall(root.header.render()):
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue  # a linked asset: st_folium loads those
        kind = _TYPE.search(attributes)
        if kind is not None and "javascript" not in kind.group(1).lower():
            continue  # data (JSON) blocks stay in the page and are read from there
        if all(_FOLIUM_FLAGS.match(line) for line in body.splitlines() if line.strip()):
            continue
        return True
    return False


class _PageCache:
    """The offline HTML of a plan's map per plan object and language (gone with the plan)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pages: weakref.WeakKeyDictionary[Plan, dict[str, str]] = weakref.WeakKeyDictionary()

    def get(self, plan: Plan, lang: str) -> str | None:
        with self.lock:
            return self.pages.get(plan, {}).get(lang)

    def put(self, plan: Plan, lang: str, html: str) -> None:
        with self.lock:
            self.pages.setdefault(plan, {})[lang] = html


@st.cache_resource(show_spinner=False)
def _pages() -> _PageCache:
    return _PageCache()


def show_plan_map(plan: Plan, lang: str, *, key: str, height: int = MAP_HEIGHT) -> None:
    """Draw ``plan`` (public profile: role codes, no personal data) on the offline map.

    The folium map is built afresh on each run: ``st_folium`` rewrites the element ids of the
    map it is given, so a reused map object would produce different arguments on the next run
    and make the component draw the map twice.
    """
    page = _pages().get(plan, lang)
    if page is None:
        try:
            fmap = maps.make_map(plan, lang=lang)
            if needs_page_scripts(fmap):
                page = maps.render_html(fmap)
                _pages().put(plan, lang, page)
        except Exception:
            logger.exception("building the plan map failed")
            st.error(t("app.error.map", lang))
            return
        if page is None:
            st_folium(fmap, returned_objects=[], height=height, use_container_width=True, key=key)
            return
    st.iframe(page, height=height)
