"""The patrol tab's map in a real browser (Debian Chromium, offline): after a run from the
场景数据 tab, the 巡逻 tab's map has Leaflet, draws the patrol lines (the chosen zone's bold, on
the canvas) and is fitted to the chosen zone, also after choosing another zone.

The figures seen are written to ``artifacts/patrol_map.json``, a screenshot to
``artifacts/patrol_tab.png``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from ui.i18n import t

from .browser import ARTIFACTS, needs_chromium, offline_page, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) not installed")

MAP_IFRAME = 'iframe[title="st.iframe"]'
TIMEOUT_MS = 60_000
MIN_ZOOM = 11  # a zone of the sample is 3–8 km across: zoom 12–14 in a 560 px map
FIGURES: dict[str, Any] = {}

# the patrol map of a page: Leaflet, its size and zoom, the patrol lines held and projected, the
# chosen zone (its outline) and its bold line inside the view, and paint on the canvas
PATROL_VIEW_JS = """
() => {
  const m = window.L && Object.values(window).find(v => v instanceof L.Map);
  if (!m || !m._loaded) return null;
  const s = m.getSize(), view = m.getBounds();
  let lines = 0, projected = 0, bold = null, zone = null;
  m.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (!p) return;
    if (l instanceof L.Polygon && p.chosen === '1') zone = l.getBounds();
    else if (l instanceof L.Polyline && !(l instanceof L.Polygon) && 'length' in p) {
      lines++;
      if (l._parts && l._parts.length) projected++;
      if (l.options.weight === 4) bold = l.getBounds();
    }
  });
  let painted = 0;
  const canvas = document.querySelector('.leaflet-overlay-pane canvas');
  if (canvas && canvas.width && canvas.height) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i]) painted++;
  }
  return {
    width: s.x, height: s.y, zoom: m.getZoom(), lines, projected, painted,
    holds_line: !!bold && view.contains(bold),
    holds_zone: !!zone && view.contains(zone),
    fit_zoom: zone && s.x && s.y ? m.getBoundsZoom(zone) : null,
    title: (document.querySelector('.zp-title') || {}).textContent || '',
    stops: document.querySelectorAll('.zp-stop > div').length,
  };
}
"""
FITTED_JS = f"""
(minZoom) => {{
  const v = ({PATROL_VIEW_JS})();
  return !!v && v.width > 0 && v.height > 0 && v.lines > 0 && v.projected > 0 && v.painted > 0
    && v.holds_line && v.holds_zone && v.zoom >= v.fit_zoom - 1 && v.zoom >= minZoom;
}}
"""
IDLE_JS = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server("app.py", ARTIFACTS / "streamlit-patrol.log") as url:
        yield url


def _settle(page: Any) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)


def _patrol_frame(page: Any, zone: str) -> Any:
    """The frame of the patrol map in the open tab, once it shows ``zone``."""
    title = t("map.patrol.title_zone", "zh", name="", zone=zone).strip()
    shown = page.locator(f'[role="tabpanel"]:visible {MAP_IFRAME}')
    sync_api.expect(shown).to_have_count(1, timeout=TIMEOUT_MS)
    page.frame_locator(f'[role="tabpanel"]:visible {MAP_IFRAME}').locator(".zp-title").filter(
        has_text=title
    ).wait_for(timeout=TIMEOUT_MS)
    frame = shown.first.element_handle().content_frame()
    assert frame is not None
    return frame


def _assert_fitted(frame: Any, name: str) -> dict[str, Any]:
    try:
        frame.wait_for_function(FITTED_JS, arg=MIN_ZOOM, timeout=TIMEOUT_MS)
    finally:
        FIGURES[name] = frame.evaluate(PATROL_VIEW_JS)
        (ARTIFACTS / "patrol_map.json").write_text(json.dumps(FIGURES, indent=1), "utf-8")
    return FIGURES[name]


def test_patrol_map_is_drawn_and_fits_the_chosen_zone(server: str) -> None:
    blocked: list[str] = []
    with offline_page(server, blocked, viewport=(1440, 900), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        # run from 场景数据, as a user does: the patrol map is made in its hidden tab
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        _settle(page)
        page.get_by_role("tab", name=t("app.tab.patrol", "zh"), exact=True).click()
        _settle(page)

        frame = _patrol_frame(page, "1")
        first = _assert_fitted(frame, "zone_1")
        assert first["stops"] >= 3, first  # the start, numbered stops, posts
        page.screenshot(path=str(ARTIFACTS / "patrol_tab.png"))

        # another zone: a new map, fitted to it
        page.get_by_role("combobox", name=t("app.patrol.zone", "zh")).click()
        page.get_by_role("option").filter(has_text=t("map.plan.zone", "zh", zone=9)).first.click()
        _settle(page)
        frame = _patrol_frame(page, "9")
        other = _assert_fitted(frame, "zone_9")
        assert other["title"] != first["title"]
    assert blocked == [], f"the page tried to reach the internet: {blocked}"
