"""The offline map of a scenario, drawn with ``st_folium`` (no reruns on pan or zoom)."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit_folium import st_folium

import maps
from ui import state
from zones.i18n import t
from zones.model import Scenario

logger = logging.getLogger(__name__)

MAP_HEIGHT = 620


def show_map(scenario: Scenario, lang: str) -> None:
    """Draw ``scenario`` on the offline map, or a translated message if that fails."""
    st.subheader(t("app.map", lang))
    try:
        fmap = maps.make_scenario_map(scenario, lang=lang)
    except Exception:
        logger.exception("building the scenario map failed")
        st.error(t("app.error.map", lang))
        return
    # returned_objects=[]: the map never sends values back, so panning/zooming reruns nothing
    st_folium(
        fmap,
        returned_objects=[],
        height=MAP_HEIGHT,
        use_container_width=True,
        key=state.MAP_KEY,
    )
