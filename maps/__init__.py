"""Folium rendering of scenarios and plans: offline-ready, escaped, translated. Renders only.

- :func:`make_scenario_map`: a scenario's inputs.
- :func:`make_map`: a whole plan (zones, villages, rooms, patrols, posts, incident density), in
  the ``public`` (default) or ``internal`` privacy profile.
- :func:`save_html` / :func:`render_html`: the self-contained HTML page.

Every map this package makes carries its own Leaflet and jQuery (``data:`` URIs), so it opens on
an air-gapped intranet, both as saved HTML and inside ``streamlit_folium.st_folium``. Its page has
a ``<title>`` and ``<html lang="zh-CN">`` (or ``"en"``), and fits the station whenever it is
shown or resized (a map made in a hidden tab too) until the user moves it (:mod:`maps.view`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import folium

from zones.plan.pipeline import Plan

from .offline import NotOfflineError, assert_offline, external_links, external_refs, make_offline
from .plan_map import make_map
from .scenario_map import make_scenario_map

__all__ = [
    "NotOfflineError",
    "assert_offline",
    "external_links",
    "external_refs",
    "make_map",
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


def save_html(source: folium.Map | Plan, path: str | Path, **options: Any) -> Path:
    """Write the offline HTML of a map or of a plan to ``path`` (UTF-8) and return the path.

    Parameters
    ----------
    source
        A ``folium.Map`` (from :func:`make_scenario_map`, :func:`make_map` or elsewhere), written
        as it is; or a :class:`zones.Plan`, drawn first with ``make_map(source, **options)``.
    path
        The file to write.
    **options
        For a plan only: ``lang``, ``tiles``, ``profile`` and ``tianditu_key`` of
        :func:`make_map` (the ``public`` profile is the default).

    Raises
    ------
    TypeError
        If ``source`` is neither a map nor a plan, or if ``options`` come with a map.
    NotOfflineError
        As :func:`render_html`; nothing is written then.
    """
    if isinstance(source, Plan):
        m = make_map(source, **options)
    elif isinstance(source, folium.Map):
        if options:
            msg = f"options {', '.join(sorted(options))} only apply to a Plan, not to a folium.Map"
            raise TypeError(msg)
        m = source
    else:
        msg = f"save_html needs a folium.Map or a zones.Plan, not {type(source).__name__}"
        raise TypeError(msg)
    path = Path(path)
    path.write_text(render_html(m), encoding="utf-8")
    return path
