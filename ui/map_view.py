"""Offline maps in the app: the scenario's and a plan's, each shown as its own offline HTML page.

Every map is :func:`maps.render_html`'s self-contained page (Leaflet inlined, jQuery only where a
map needs it; no request leaves the machine) in an ``st.iframe``:

- the page is one-way, so panning and zooming never rerun the script;
- it is made once per scenario (content key) or plan, and language, and kept, so a rerun caused
  by any other widget sends the same page again and the browser keeps the drawn map as it is;
- Streamlit draws every tab, so a map is often made in a hidden tab (no size): the page fits
  the station itself when it gets a size, and again on a resize, until the user moves it
  (:class:`maps.view.FitView`), so a map opened after "生成方案" from another tab, or the
  Compare maps after an edit, show the station, not the world;
- the plan map's page decodes its compact layers with a script in the page header
  (:mod:`maps.compact`), which ``streamlit_folium.st_folium`` never runs (it inserts the header
  with ``innerHTML``); the whole page runs it.

(``st_folium`` also rewrites the element ids of the map it is given, so a map object cannot be
kept between runs there, and rebuilding a 90-village map plus ``st_folium``'s processing took
0.7–1.9 s per rerun on the shared test machine.)
"""

from __future__ import annotations

import logging
import threading
import weakref

import streamlit as st

import maps
from ui.i18n import t
from zones.model import Scenario
from zones.plan.pipeline import Plan

logger = logging.getLogger(__name__)

MAP_HEIGHT = 620
SIDE_BY_SIDE_HEIGHT = 480
CACHED_SCENARIO_PAGES = 8


@st.cache_resource(show_spinner=False, max_entries=CACHED_SCENARIO_PAGES)
def _scenario_page(scenario_key: str, lang: str, _scenario: Scenario) -> str:
    """The scenario map's page (cached on the scenario's content key and the language)."""
    return maps.render_html(maps.make_scenario_map(_scenario, lang=lang))


def show_map(scenario: Scenario, lang: str, *, scenario_key: str = "") -> None:
    """Draw ``scenario`` on the offline map, or a translated message if that fails.

    ``scenario_key`` identifies the scenario's content (:attr:`ui.loading.Loaded.key`); without
    it the page is made afresh.
    """
    st.subheader(t("app.map", lang))
    try:
        if scenario_key:
            page = _scenario_page(scenario_key, lang, _scenario=scenario)
        else:
            page = maps.render_html(maps.make_scenario_map(scenario, lang=lang))
    except Exception:
        logger.exception("building the scenario map failed")
        st.error(t("app.error.map", lang))
        return
    st.iframe(page, height=MAP_HEIGHT)


class _PageCache:
    """The offline page of a plan's map per plan object and language (gone with the plan)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pages: weakref.WeakKeyDictionary[Plan, dict[str, str]] = weakref.WeakKeyDictionary()

    def get(self, plan: Plan, lang: str) -> str:
        with self.lock:
            known = self.pages.get(plan, {}).get(lang)
        if known is not None:
            return known
        page = maps.render_html(maps.make_map(plan, lang=lang))
        with self.lock:
            self.pages.setdefault(plan, {})[lang] = page
        return page


@st.cache_resource(show_spinner=False)
def _plan_pages() -> _PageCache:
    return _PageCache()


def plan_page(plan: Plan, lang: str) -> str:
    """The offline HTML page of ``plan``'s map (public profile), made once per plan object."""
    return _plan_pages().get(plan, lang)


def show_plan_map(plan: Plan, lang: str, *, height: int = MAP_HEIGHT) -> None:
    """Draw ``plan`` (public profile: role codes, no personal data) on the offline map."""
    try:
        page = plan_page(plan, lang)
    except Exception:
        logger.exception("building the plan map failed")
        st.error(t("app.error.map", lang))
        return
    st.iframe(page, height=height)
