"""The app in a real browser: Debian's Chromium driven by Playwright, with the internet cut off.

Starts ``streamlit run app.py`` on a free local port, blocks (and counts) every request that is not
to the local server, and checks that the page and the offline map really render. Screenshots go
to ``artifacts/`` (kept out of git by ``artifacts/.gitignore``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import maps
import zones
from maps.escape import esc
from maps.plan_map import _fmt_percent
from ui.i18n import t
from ui.text import capitalised
from ui.zones_tab import TABLE_COLUMNS
from zones.plan.edits import current_labels, move_villages, village_graph
from zones.plan.pipeline import suggest_zones

from .browser import ARTIFACTS, needs_chromium, offline_page, streamlit_server

MAP_IFRAME = 'iframe[title="st.iframe"]'
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    ignore = ARTIFACTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# test artifacts (screenshots, server logs)\n*\n", encoding="utf-8")
    return ARTIFACTS


@pytest.fixture(scope="module")
def server(artifacts: Path) -> Iterator[str]:
    """A Streamlit server for app.py on a free port, stopped (by its pid) when the module ends."""
    with streamlit_server("app.py", artifacts / "streamlit-server.log") as url:
        yield url


# How many village polygons Leaflet holds and projected into view, and whether the map's canvas
# (prefer_canvas) or SVG actually has paint on it. The map is found among the page's globals.
VILLAGES_DRAWN_JS = """
() => {
  const m = (window.L && window.map instanceof L.Map) ? window.map
    : Object.values(window).find(v => window.L && v instanceof L.Map);
  if (!m || !m._loaded) return null;
  let villages = 0, projected = 0;
  m.eachLayer(l => {
    const p = l.feature && l.feature.properties;
    if (p && 'village_id' in p && l instanceof L.Polygon) {
      villages++;
      if (l._parts && l._parts.length) projected++;
    }
  });
  let painted = 0;
  const canvas = document.querySelector('.leaflet-overlay-pane canvas');
  if (canvas && canvas.width && canvas.height) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < data.length; i += 4 * 7) if (data[i]) painted++;
  } else {
    painted = document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length;
  }
  return {villages, projected, painted};
}
"""


def test_app_renders_offline_in_chromium(
    server: str, artifacts: Path, sample: zones.Scenario
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    n_villages = len(sample.villages)
    blocked: list[str] = []

    with offline_page(server, blocked, viewport=(1400, 1800), timeout_ms=TIMEOUT_MS) as page:
        # Chinese page: title, a layer label, the sample's name
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        page.get_by_text(t("layer.villages", "zh"), exact=True).first.wait_for()
        page.get_by_role("heading", name=sample.name).first.wait_for()

        # the offline map drew every village polygon, with Chinese layer names
        frame = _map_frame(page, t("map.layer.villages", "zh", n=n_villages))
        _assert_villages_drawn(frame, n_villages)
        page.screenshot(path=str(artifacts / "app_zh.png"), full_page=True)

        # switching to English changes the labels and redraws the map in English
        page.get_by_text(t("app.lang_name.en", "en"), exact=True).click()
        page.get_by_text(t("app.title", "en"), exact=True).wait_for()
        page.get_by_text(capitalised(t("layer.villages", "en")), exact=True).first.wait_for()
        coord = page.get_by_role("combobox", name=t("app.coord_source", "en"))
        sync_api.expect(coord).to_have_value(t("app.coord.wgs84", "en"))  # option labels too
        assert page.get_by_text(t("app.title", "zh"), exact=True).count() == 0
        frame = _map_frame(page, t("map.layer.villages", "en", n=n_villages))
        _assert_villages_drawn(frame, n_villages)
        page.screenshot(path=str(artifacts / "app_en.png"), full_page=True)

    assert blocked == [], f"the page tried to reach the internet: {blocked}"


def _map_frame(page, layer_label: str):  # noqa: ANN001, ANN202 (playwright Page -> Frame)
    """The first map iframe (the scenario's) once its layer control holds ``layer_label`` (the
    control starts folded on a map of this size, so the label is in the page, not shown).

    Streamlit replaces the iframe when the map changes (a new language, say), so the frame is
    looked up again through a frame locator rather than kept.
    """
    label = page.frame_locator(MAP_IFRAME).first.get_by_text(layer_label, exact=True)
    label.wait_for(state="attached")
    frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
    assert frame is not None
    return frame


def _assert_villages_drawn(frame, n_villages: int) -> None:  # noqa: ANN001 (playwright Frame)
    """Leaflet holds one polygon per village, all projected into view, and the map has paint."""
    frame.wait_for_function(
        f"n => {{ const s = ({VILLAGES_DRAWN_JS})(); "
        "return s && s.villages >= n && s.projected >= n && s.painted > 0; }",
        arg=n_villages,
    )
    state = frame.evaluate(VILLAGES_DRAWN_JS)
    assert state["villages"] == n_villages, state
    assert state["projected"] == n_villages, state
    assert state["painted"] > 0, state


# Polygons Leaflet projected (zones, villages, the outline, density cells) and zone labels drawn,
# in a plan map's page (its layers are canvas layers built by the page's own decoder).
PLAN_DRAWN_JS = """
() => {
  const m = Object.values(window).find(v => window.L && v instanceof L.Map);
  if (!m || !m._loaded) return null;
  let polygons = 0;
  m.eachLayer(l => { if (l instanceof L.Polygon && l._parts && l._parts.length) polygons++; });
  return {polygons, labels: document.querySelectorAll('.zp-label').length};
}
"""

# The rows of the data grid whose headers are exactly ``headers`` (Streamlit's dataframe keeps an
# accessible <table role=grid> copy of the cells it draws on its canvas).
GRID_ROWS_JS = """
(headers) => {
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"] table[role=grid]')) {
    const head = Array.from(grid.querySelectorAll('thead th')).map(c => c.innerText.trim());
    if (head.join('|') !== headers.join('|')) continue;
    return Array.from(grid.querySelectorAll('tbody tr'))
      .map(r => Array.from(r.querySelectorAll('td')).map(c => c.innerText.trim()));
  }
  return null;
}
"""


IDLE_JS = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)


def _settle(page) -> None:  # noqa: ANN001 (playwright Page)
    """Wait until the rerun a widget change started has finished."""
    page.wait_for_timeout(250)
    page.wait_for_function(IDLE_JS)


def _border_move(plan: zones.Plan) -> tuple[str, str]:
    """A village and the neighbouring zone it can join with every zone staying in one piece."""
    graph = village_graph(plan)
    labels = current_labels(plan)
    for i in range(graph.n):
        own = labels.iloc[i]
        for j in graph.neighbours(i):
            zone = labels.iloc[j]
            if zone == own:
                continue
            village = plan.villages.index[i]
            if move_villages(plan, {village: zone}, graph=graph).metrics["all_contiguous"]:
                return village, zone
    raise AssertionError("no border village")


def test_plan_edit_and_export_in_chromium(
    server: str, artifacts: Path, sample: zones.Scenario
) -> None:
    pytest.importorskip("playwright.sync_api")
    # the app's default plan: suggested zones, automatic workload, ±5 %, seed 0 (same plan)
    plan = zones.make_plan(sample, n_zones=suggest_zones(sample), workload=None, seed=0)
    village, zone = _border_move(plan)
    edited = move_villages(plan, {village: zone})
    headers = [t(key, "zh") for _, key in TABLE_COLUMNS]
    blocked: list[str] = []

    with offline_page(server, blocked, viewport=(1400, 1800), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()

        # run the plan, open the zones tab: the table and the plan map
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.map", "zh"), exact=True).wait_for(state="attached")
        page.get_by_role("tab", name=t("app.tab.zones", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.map", "zh"), exact=True).wait_for()
        page.wait_for_function(f"h => ({GRID_ROWS_JS})(h) !== null", arg=headers)
        rows = page.evaluate(GRID_ROWS_JS, headers)
        assert rows[0][:2] == [str(plan.zones["zone_id"].iloc[0]), plan.zones.iloc[0, 1]]
        frame = page.locator(MAP_IFRAME).nth(1).element_handle().content_frame()
        n_zones, n_villages = len(plan.zones), len(plan.villages)
        frame.wait_for_function(
            f"n => {{ const s = ({PLAN_DRAWN_JS})(); "
            "return s && s.polygons >= n[0] + n[1] && s.labels === n[0]; }",
            arg=[n_zones, n_villages],
        )
        page.screenshot(path=str(artifacts / "app_plan_zh.png"), full_page=True)

        # a hand edit: pick the village, pick the zone, move; the table follows
        villages_box = page.get_by_role("combobox", name=t("app.edit.villages", "zh"))
        villages_box.click()
        page.keyboard.type(village)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        _settle(page)
        page.get_by_role("combobox", name=t("app.edit.target", "zh"), exact=True).click()
        page.get_by_role("option", name=zone, exact=True).click()
        _settle(page)
        page.get_by_role("button", name=t("app.edit.apply", "zh"), exact=True).click()
        page.get_by_text(t("app.edit.done", "zh", n=1, zone=zone)).wait_for()
        expected = edited.zones["n_units"].astype(str).tolist()
        column = headers.index(t("app.col.villages", "zh"))
        page.wait_for_function(
            f"a => {{ const r = ({GRID_ROWS_JS})(a[0]); "
            "return r && r.length && r.every((row, i) => row[a[1]] === a[2][i]); }",
            arg=[headers, column, expected[: len(rows)]],
        )
        page.screenshot(path=str(artifacts / "app_edit_zh.png"), full_page=True)

        # the export tab hands out the offline HTML map of the edited plan
        page.get_by_role("tab", name=t("app.tab.export", "zh"), exact=True).click()
        _settle(page)  # opening a tab reruns the page: the export follows the edit
        button = page.get_by_role("button", name=t("app.export.html", "zh"), exact=True)
        with page.expect_download() as download:
            button.click()
        target = artifacts / "app_export_map.html"
        download.value.save_as(target)
        html = target.read_text(encoding="utf-8")
        page.screenshot(path=str(artifacts / "app_export_zh.png"), full_page=True)

    assert maps.external_refs(html) == []
    assert 'name="zoneplanner-profile" content="public"' in html
    assert esc(t("map.plan.title", "zh", name=plan.name)) in html

    # the exported map is the edited plan's (its title block gives the largest deviation)
    def deviation(p: zones.Plan) -> str:
        return f"工作量最大偏差 {_fmt_percent(p.zones['deviation'].abs().max(), signed=False)}%"

    assert deviation(edited) in html
    assert deviation(plan) not in html
    assert blocked == [], f"the page tried to reach the internet: {blocked}"
