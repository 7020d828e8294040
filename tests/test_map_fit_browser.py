"""Maps fit their station when they are shown, in a real browser (Debian Chromium, offline).

A map page made while its tab is hidden (Streamlit draws every tab, the hidden ones with no size)
used to keep Leaflet's first view, computed for a 0 × 0 map: zoom 0, the whole world. These
tests make the map in a hidden frame first and show it afterwards, as a user does:

- the plan map's page alone, in a hidden ``srcdoc`` frame of a host page, then shown and
  resized; a view the user zoomed is kept;
- the app: the plan is run from the 场景数据 tab, then 责任区 and 方案比较 are opened (and again
  after a hand edit, whose new maps are also made in a hidden tab).

"Fitted" means: the map has a size, its view holds the whole station (the jurisdiction's
bounds) and its zoom is at most one level below the largest at which it does
(``map.getBoundsZoom(station)``; the fit leaves room for the title block and an open legend),
and at least :data:`MIN_ZOOM`. The figures seen are written to ``artifacts/map_fit.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import maps
import zones
from ui.i18n import t

from .browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, needs_chromium, offline_page
from .browser import streamlit_server as _streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) not installed")

MAP_IFRAME = 'iframe[title="st.iframe"]'
TIMEOUT_MS = 60_000
MIN_ZOOM = 9  # the sample station is about 20 km across: zoom 11–12 in a 600 px map
FIGURES: dict[str, Any] = {}

# the Leaflet map of a page, its size, zoom and view, and the zoom that fits ``bounds``
VIEW_JS = """
(bounds) => {
  const m = window.L && Object.keys(window).filter(k => k.startsWith("map_"))
    .map(k => window[k]).find(v => v instanceof L.Map);
  if (!m || !m._loaded) return null;
  const s = m.getSize(), b = m.getBounds();
  const station = L.latLngBounds(bounds);
  return {
    width: s.x, height: s.y, zoom: m.getZoom(),
    fit_zoom: s.x && s.y ? m.getBoundsZoom(station) : null,
    view: [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]],
    holds_station: b.contains(station),
    holds_centre: b.contains(station.getCenter()),
    scale: Array.from(document.querySelectorAll('.leaflet-control-scale-line'))
      .map(e => e.textContent),
  };
}
"""
FITTED_JS = f"""
(a) => {{
  const v = ({VIEW_JS})(a[0]);
  return !!v && v.width > 0 && v.height > 0 && v.holds_station && v.zoom >= v.fit_zoom - 1
    && v.zoom >= a[1] && (!a[2] || (v.width === a[2][0] && v.height === a[2][1]));
}}
"""


def station_bounds(scenario: zones.Scenario) -> list[list[float]]:
    """``[[south, west], [north, east]]`` of the jurisdiction (what the maps are fitted to)."""
    west, south, east, north = scenario.jurisdiction.total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


def assert_fitted(
    frame: Any, bounds: list[list[float]], name: str, size: tuple[int, int] | None = None
) -> dict[str, Any]:
    """Wait until the map in ``frame`` (of ``size`` pixels, if given) is fitted to ``bounds``;
    record and return its view."""
    try:
        arg = [bounds, MIN_ZOOM, list(size) if size else None]
        frame.wait_for_function(FITTED_JS, arg=arg, timeout=TIMEOUT_MS)
    finally:
        FIGURES[name] = frame.evaluate(VIEW_JS, bounds)
        _write_figures()
    view = FIGURES[name]
    assert view["holds_station"], view
    assert view["holds_centre"], view
    # at most one level out: the fit leaves room for the title block and an open legend
    assert view["fit_zoom"] - 1 <= view["zoom"] <= view["fit_zoom"], view
    assert view["zoom"] >= MIN_ZOOM, view
    return view


# the zone labels shown (their boxes), how many are hidden, and the legend's box and state
LEGIBLE_JS = """
() => {
  const shown = [], boxes = [];
  let hidden = 0;
  for (const el of document.querySelectorAll('.zp-label > div')) {
    if (getComputedStyle(el).visibility === 'hidden') { hidden++; continue; }
    const r = el.getBoundingClientRect();
    if (r.width) { shown.push(el.textContent); boxes.push([r.left, r.top, r.right, r.bottom]); }
  }
  const legend = document.querySelector('details.zp-legend');
  const r = legend.getBoundingClientRect();
  return {shown, boxes, hidden, legend_open: legend.open,
          legend: [r.left, r.top, r.right, r.bottom],
          page: [document.documentElement.clientWidth, document.documentElement.clientHeight],
          legend_scrolls: legend.scrollHeight > legend.clientHeight};
}
"""


def assert_legible(frame: Any, name: str, *, legend_open: bool) -> dict[str, Any]:
    """No two zone labels shown overlap; the legend is open or folded as asked and lies
    wholly inside the map (it scrolls rather than being cut off)."""
    frame.wait_for_timeout(200)
    state = frame.evaluate(LEGIBLE_JS)
    FIGURES[f"{name}_legibility"] = {k: v for k, v in state.items() if k != "boxes"}
    _write_figures()
    boxes = state["boxes"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, (state["shown"], a, b)
    assert state["shown"], state
    assert state["legend_open"] is legend_open, state
    left, top, right, bottom = state["legend"]
    width, height = state["page"]
    assert left >= 0, state
    assert top >= 0, state
    assert right <= width, state
    assert bottom <= height, state
    return state


def _write_figures() -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "map_fit.json").write_text(json.dumps(FIGURES, indent=1), encoding="utf-8")


# --- the page alone ---------------------------------------------------------------------------


@pytest.fixture
def page() -> Iterator[Any]:
    """A blank offline page (every non-local request aborted and counted)."""
    blocked: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 800})

            def gate(route: Any) -> None:
                if route.request.url.startswith(("data:", "about:")):
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", gate)
            tab = context.new_page()
            tab.set_default_timeout(TIMEOUT_MS)
            errors: list[str] = []
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            yield tab
            assert blocked == [], blocked
            assert errors == [], errors
        finally:
            browser.close()


def _hidden_frame(page: Any, html: str) -> Any:
    """A host page with ``html`` in a hidden ``srcdoc`` frame (as in a closed tab); its frame."""
    page.set_content('<div id="tab" style="display:none"><iframe id="map"></iframe></div>')
    page.evaluate(
        "html => { const f = document.getElementById('map');"
        " f.style.cssText = 'width:900px;height:600px;border:0'; f.srcdoc = html; }",
        html,
    )
    frame = page.locator("#map").element_handle().content_frame()
    frame.wait_for_function(f"() => ({VIEW_JS})([[0, 0], [1, 1]]) !== null")
    return frame


def test_plan_map_fits_when_its_frame_is_shown_and_keeps_the_users_view(
    page: Any, sample: zones.Scenario
) -> None:
    plan = zones.make_plan(sample, n_zones=12, patrol=False)
    bounds = station_bounds(sample)
    frame = _hidden_frame(page, maps.render_html(maps.make_map(plan)))
    hidden = frame.evaluate(VIEW_JS, bounds)
    FIGURES["page_hidden"] = hidden
    assert hidden["width"] == 0  # made with no size, as in a closed tab

    page.evaluate("() => { document.getElementById('tab').style.display = 'block'; }")
    shown = assert_fitted(frame, bounds, "page_shown", (900, 600))
    assert len(shown["scale"]) == 1, shown["scale"]  # metric only: no miles or feet
    assert shown["scale"][0].strip().endswith(("km", " m")), shown["scale"]
    assert_legible(frame, "page_shown", legend_open=True)

    # a larger frame: fitted again (the user has not moved the map yet)
    page.evaluate("() => { document.getElementById('map').style.height = '900px'; }")
    assert_fitted(frame, bounds, "page_resized", (900, 900))
    # a small frame (as Compare's): fitted, legend folded, labels still apart
    page.evaluate(
        "() => { document.getElementById('map').style.cssText = 'width:420px;"
        "height:400px;border:0'; }"
    )
    assert_fitted(frame, bounds, "page_small", (420, 400))
    small = assert_legible(frame, "page_small", legend_open=False)
    assert small["hidden"] >= 1, small  # twelve zones in 420 px: some labels had to go
    page.evaluate(
        "() => { document.getElementById('map').style.cssText = 'width:900px;"
        "height:900px;border:0'; }"
    )
    assert_fitted(frame, bounds, "page_large_again", (900, 900))

    # the user zooms in: a later resize or hide-and-show keeps their view
    zoom = frame.evaluate(VIEW_JS, bounds)["zoom"]
    frame.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"b => ({VIEW_JS})(b).zoom === {zoom + 1}", arg=bounds)
    page.evaluate("() => { document.getElementById('tab').style.display = 'none'; }")
    page.evaluate("() => { document.getElementById('map').style.height = '500px'; }")
    page.evaluate("() => { document.getElementById('tab').style.display = 'block'; }")
    page.wait_for_timeout(500)
    kept = frame.evaluate(VIEW_JS, bounds)
    FIGURES["page_user_zoomed"] = kept
    assert kept["zoom"] == zoom + 1, kept


def test_scenario_map_fits_when_its_frame_is_shown(page: Any, sample: zones.Scenario) -> None:
    bounds = station_bounds(sample)
    frame = _hidden_frame(page, maps.render_html(maps.make_scenario_map(sample)))
    page.evaluate("() => { document.getElementById('tab').style.display = 'block'; }")
    assert_fitted(frame, bounds, "scenario_page_shown")


# --- the app ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    with _streamlit_server("app.py", ARTIFACTS / "streamlit-map-fit.log") as url:
        yield url


IDLE_JS = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)


def _settle(page: Any) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE_JS)


def _open_tab(page: Any, key: str) -> None:
    page.get_by_role("tab", name=t(key, "zh"), exact=True).click()
    _settle(page)


def _shown_maps(page: Any, n: int) -> list[Any]:
    """The frames of the ``n`` maps in the open tab (Streamlit hides the other tabs' panels)."""
    shown = page.locator(f'[role="tabpanel"]:visible {MAP_IFRAME}')
    sync_api.expect(shown).to_have_count(n, timeout=TIMEOUT_MS)
    frames = [shown.nth(i).element_handle().content_frame() for i in range(n)]
    assert all(f is not None for f in frames)
    return frames


def _all_views(page: Any, bounds: list[list[float]]) -> list[Any]:
    """The views of every map of the page, the hidden tabs' too (those have no size)."""
    frames = page.locator(MAP_IFRAME)
    out = []
    for i in range(frames.count()):
        frame = frames.nth(i).element_handle().content_frame()
        out.append(frame.evaluate(VIEW_JS, bounds) if frame is not None else None)
    return out


def _hand_edit(page: Any) -> bool:
    """Move one village with the zones tab's edit controls; False when they are not there."""
    box = page.get_by_role("combobox", name=t("app.edit.villages", "zh"))
    if box.count() == 0:
        return False
    box.click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    _settle(page)
    page.get_by_role("combobox", name=t("app.edit.target", "zh"), exact=True).click()
    option = page.get_by_role("option").last
    zone = option.inner_text().strip()
    option.click()
    _settle(page)
    page.get_by_role("button", name=t("app.edit.apply", "zh"), exact=True).click()
    page.get_by_text(t("app.edit.done", "zh", n=1, zone=zone)).wait_for()
    _settle(page)
    return True


def test_app_maps_fit_after_a_run_from_the_scenario_tab(
    server: str, sample: zones.Scenario
) -> None:
    bounds = station_bounds(sample)
    blocked: list[str] = []
    with offline_page(server, blocked, viewport=(1440, 900), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        (scenario_map,) = _shown_maps(page, 1)  # the app opens on 场景数据
        assert_fitted(scenario_map, bounds, "app_scenario")

        # run from 场景数据: the plan's maps are made in the hidden tabs
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.map", "zh"), exact=True).wait_for(state="attached")
        _settle(page)
        page.wait_for_timeout(1000)  # let the hidden pages load
        FIGURES["app_all_after_run"] = _all_views(page, bounds)

        _open_tab(page, "app.tab.zones")
        (zone_map,) = _shown_maps(page, 1)
        assert_fitted(zone_map, bounds, "app_zones")
        page.screenshot(path=str(ARTIFACTS / "map_fit_zones.png"))

        _open_tab(page, "app.tab.compare")
        before, after = _shown_maps(page, 2)
        assert_fitted(before, bounds, "app_compare_before")
        assert_fitted(after, bounds, "app_compare_after")

        # a hand edit in 责任区 makes a new plan, whose Compare map is made while hidden
        _open_tab(page, "app.tab.zones")
        if _hand_edit(page):
            (zone_map,) = _shown_maps(page, 1)
            assert_fitted(zone_map, bounds, "app_zones_after_edit")
            _open_tab(page, "app.tab.compare")
            before, after = _shown_maps(page, 2)
            assert_fitted(before, bounds, "app_compare_before_after_edit")
            assert_fitted(after, bounds, "app_compare_after_after_edit")
            page.locator(
                f'[role="tabpanel"]:visible {MAP_IFRAME}'
            ).last.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "map_fit_compare.png"))
        FIGURES["hand_edit_reached"] = "app_compare_after_after_edit" in FIGURES
        _write_figures()
        # the page's language follows the switch (Streamlit's own page says "en")
        lang = page.evaluate("() => document.documentElement.lang")
        FIGURES["app_lang"] = lang
        _write_figures()
        assert lang == "zh-CN"
        page.get_by_text(t("app.lang_name.en", "en"), exact=True).click()
        page.get_by_text(t("app.title", "en"), exact=True).wait_for()
        page.wait_for_function("() => document.documentElement.lang === 'en'")
        _settle(page)
        visible = page.locator(f'[role="tabpanel"]:visible {MAP_IFRAME}')
        visible.first.wait_for()
        frame = visible.first.element_handle().content_frame()  # redrawn in English
        frame.wait_for_function("() => document.documentElement.lang === 'en'")
        assert_fitted(frame, bounds, "app_en")
    assert blocked == [], blocked
