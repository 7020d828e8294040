"""Editing on the map in a real browser (Debian's Chromium, offline): a click on a village of the
zones tab's selection map selects it in the app, a move to another zone updates the zone table.

The times from the click to the selection shown and from the move to the updated table are
measured on the bundled sample and written to ``artifacts/edit_map_timings.json``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

import zones
from ui.i18n import t
from zones.plan.edits import current_labels, move_villages, village_graph
from zones.plan.pipeline import suggest_zones

from .browser import ARTIFACTS, needs_chromium, offline_page, streamlit_server

SELECT_MAP = 'iframe[title="ui.select_map.select_map"]'
TIMEOUT_MS = 60_000

pytestmark = [pytest.mark.browser, needs_chromium]

# The zone table (the grid whose headers hold ``names``): its headers and rows, from the
# accessible <table role=grid> copy Streamlit keeps of the cells it paints.
ZONE_GRID_JS = """
(names) => {
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"] table[role=grid]')) {
    const head = Array.from(grid.querySelectorAll('thead th')).map(c => c.innerText.trim());
    if (!names.every(n => head.includes(n))) continue;
    const rows = Array.from(grid.querySelectorAll('tbody tr'))
      .map(r => Array.from(r.querySelectorAll('td')).map(c => c.innerText.trim()));
    return {head, rows};
  }
  return null;
}
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server("app.py", ARTIFACTS / "edit-map-server.log") as url:
        yield url


def _border_move(plan: zones.Plan) -> tuple[str, str]:
    """A village and a neighbouring zone it can join with every zone staying in one piece."""
    graph = village_graph(plan)
    labels = current_labels(plan)
    for i in range(graph.n):
        for j in graph.neighbours(i):
            zone, village = labels.iloc[j], str(plan.villages.index[i])
            if zone == labels.iloc[i]:
                continue
            if move_villages(plan, {village: zone}, graph=graph).metrics["all_contiguous"]:
                return village, zone
    raise AssertionError("no border village")


def _column(page, names: list[str], name: str) -> list[str]:  # noqa: ANN001 (playwright Page)
    grid = page.evaluate(ZONE_GRID_JS, names)
    assert grid is not None
    at = grid["head"].index(name)
    return [row[at] for row in grid["rows"]]


def test_click_a_village_on_the_map_and_move_it(server: str, sample: zones.Scenario) -> None:
    pytest.importorskip("playwright.sync_api")
    plan = zones.make_plan(sample, n_zones=suggest_zones(sample), workload=None, seed=0)
    village, zone = _border_move(plan)
    edited = move_villages(plan, {village: zone})
    zone_col, villages_col = t("app.col.zone_id", "zh"), t("app.col.villages", "zh")
    names = [zone_col, villages_col]
    blocked: list[str] = []
    timings: dict[str, float] = {}

    with offline_page(server, blocked, viewport=(1440, 1800), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        # run from the scenario tab, then open the zones tab: the map fits once it is shown
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.map", "zh"), exact=True).wait_for(state="attached")
        page.get_by_role("tab", name=t("app.tab.zones", "zh"), exact=True).click()
        try:
            page.wait_for_function(f"n => ({ZONE_GRID_JS})(n) !== null", arg=names)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "edit_map_failed_zh.png"), full_page=True)
            raise
        element = page.locator(SELECT_MAP)
        element.wait_for()
        frame = element.element_handle().content_frame()
        assert frame is not None
        frame.wait_for_function(
            "a => window.selectMap && window.selectMap.point(a[0]) !== null"
            " && document.querySelectorAll('path.leaflet-interactive').length >= a[1]",
            arg=[village, len(plan.villages)],
        )
        page.wait_for_timeout(500)  # the first reruns (the map saying it holds the villages)

        # a click on the village selects it: the map marks it, the app lists it
        point = frame.evaluate("id => window.selectMap.point(id)", village)
        box = element.bounding_box()
        assert box is not None
        assert 0 < point["x"] < box["width"]
        assert 0 < point["y"] < box["height"]
        chip = page.locator('[data-testid="stMultiSelect"]').get_by_text(village)
        started = time.perf_counter()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        chip.first.wait_for()
        timings["click_to_selection_ms"] = (time.perf_counter() - started) * 1000
        assert frame.evaluate("() => window.selectMap.selected()") == [village]
        page.screenshot(path=str(ARTIFACTS / "edit_map_selected_zh.png"), full_page=True)

        # choose the zone, move: the table follows
        page.get_by_role("combobox", name=t("app.edit.target", "zh"), exact=True).click()
        page.get_by_role("option", name=zone, exact=True).click()
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')"
            ".getAttribute('data-test-script-state') === 'notRunning'"
        )
        expected = edited.zones["n_units"].astype(str).tolist()
        assert _column(page, names, villages_col) != expected
        started = time.perf_counter()
        page.get_by_role("button", name=t("app.edit.apply", "zh"), exact=True).click()
        page.wait_for_function(
            f"a => {{ const g = ({ZONE_GRID_JS})(a[0]); if (!g) return false;"
            " const at = g.head.indexOf(a[1]);"
            " return g.rows.length && g.rows.every((r, i) => r[at] === a[2][i]); }",
            arg=[names, villages_col, expected],
        )
        timings["move_to_table_ms"] = (time.perf_counter() - started) * 1000
        page.get_by_text(t("app.edit.done", "zh", n=1, zone=zone)).wait_for()
        shown = _column(page, names, zone_col)
        assert shown == [str(z) for z in edited.zones["zone_id"]][: len(shown)]
        # the map shows the village in its new zone, the selection cleared
        frame.wait_for_function("() => window.selectMap.selected().length === 0")
        page.screenshot(path=str(ARTIFACTS / "edit_map_moved_zh.png"), full_page=True)

        # the lasso: drawn around two villages, it selects them (and what else it encloses)
        first, second = (str(v) for v in plan.villages.index[20:22])
        a, b = (frame.evaluate("id => window.selectMap.point(id)", v) for v in (first, second))
        frame.get_by_role("button", name=t("app.select_map.lasso", "zh")).click()
        box = element.bounding_box()  # messages above moved the map down
        assert box is not None
        left, right = min(a["x"], b["x"]) - 6, max(a["x"], b["x"]) + 6
        top, bottom = min(a["y"], b["y"]) - 6, max(a["y"], b["y"]) + 6
        corners = [(left, top), (right, top), (right, bottom), (left, bottom), (left, top + 1)]
        page.mouse.move(box["x"] + corners[0][0], box["y"] + corners[0][1])
        page.mouse.down()
        for x, y in corners[1:]:
            page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
        page.mouse.up()
        for v in (first, second):
            chip = page.locator('[data-testid="stMultiSelect"]').get_by_text(v)
            chip.first.wait_for()
        lassoed = frame.evaluate("() => window.selectMap.selected()")
        assert {first, second} <= set(lassoed)
        frame.get_by_role("button", name=t("app.select_map.clear", "zh")).click()
        page.wait_for_function(
            "v => !document.querySelector('[data-testid=\"stMultiSelect\"]').innerText.includes(v)",
            arg=first,
        )

    (ARTIFACTS / "edit_map_timings.json").write_text(json.dumps(timings, indent=1))
    print(f"edit on the map, sample: {timings}")  # noqa: T201 (the measured figures, -s shows)
    assert blocked == [], f"the page tried to reach the internet: {blocked}"
