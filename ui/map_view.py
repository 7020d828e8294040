"""Offline maps drawn with ``st_folium``: the scenario's, and a plan's (no reruns on pan or zoom).

``returned_objects=[]``: the map never sends values back, so panning and zooming rerun nothing.
A plan's map is built once per plan and language (kept while the plan is alive), so reruns
caused by other widgets send the same map again and Streamlit keeps the iframe as it is.
"""

from __future__ import annotations

import logging
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
    st_folium(
        fmap,
        returned_objects=[],
        height=MAP_HEIGHT,
        use_container_width=True,
        key=state.MAP_KEY,
    )


class _PlanMaps:
    """folium maps per plan object and language; a plan's maps go when the plan does."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.maps: weakref.WeakKeyDictionary[Plan, dict[str, folium.Map]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, plan: Plan, lang: str) -> folium.Map:
        with self.lock:
            known = self.maps.get(plan, {}).get(lang)
        if known is not None:
            return known
        fmap = maps.make_map(plan, lang=lang)
        with self.lock:
            self.maps.setdefault(plan, {})[lang] = fmap
        return fmap


@st.cache_resource(show_spinner=False)
def _plan_maps() -> _PlanMaps:
    return _PlanMaps()


def show_plan_map(plan: Plan, lang: str, *, key: str, height: int = MAP_HEIGHT) -> None:
    """Draw ``plan`` (public profile: role codes, no personal data) on the offline map."""
    try:
        fmap = _plan_maps().get(plan, lang)
    except Exception:
        logger.exception("building the plan map failed")
        st.error(t("app.error.map", lang))
        return
    st_folium(fmap, returned_objects=[], height=height, use_container_width=True, key=key)
