"""Folium rendering of scenarios and plans: offline-ready, escaped, translated. Renders only.

Every map this package makes carries its own Leaflet and jQuery (``data:`` URIs), so it opens on
an air-gapped intranet, both as saved HTML and inside ``streamlit_folium.st_folium``.
"""

from __future__ import annotations

from pathlib import Path

import folium

from .offline import NotOfflineError, assert_offline, external_links, external_refs, make_offline
from .scenario_map import make_scenario_map

__all__ = [
    "NotOfflineError",
    "assert_offline",
    "external_links",
    "external_refs",
    "make_offline",
    "make_scenario_map",
    "render_html",
    "save_html",
]


def render_html(m: folium.Map) -> str:
    """Return the map as one self-contained HTML page.

    Makes ``m`` offline first (:func:`make_offline`) and checks the result.

    Raises
    ------
    NotOfflineError
        If something in the map (a folium plugin, say) still refers to an external asset.
    """
    make_offline(m)
    html = m.get_root().render()
    assert_offline(html)
    return html


def save_html(m: folium.Map, path: str | Path) -> Path:
    """Write the offline HTML of ``m`` to ``path`` (UTF-8) and return the path.

    Raises
    ------
    NotOfflineError
        As :func:`render_html`.
    """
    path = Path(path)
    path.write_text(render_html(m), encoding="utf-8")
    return path
