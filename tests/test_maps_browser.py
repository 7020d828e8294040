"""Saved scenario maps in a real browser (Debian Chromium via Playwright), internet cut off.

Every request that is not ``file:``, ``data:`` or ``about:`` is aborted and counted. The map
draws on a canvas (``prefer_canvas``), so "the polygons drew" is proven twice: every village
feature layer has projected rings on the canvas renderer, and the screenshot shows the village's
fill colour at its centre. Screenshots go to ``artifacts/`` (git-ignored test output).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import maps
import zones
from maps import scenario_map
from zones.model import Scenario

from .browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, needs_chromium
from .test_maps import make_scenario

SAMPLE = zones.SAMPLE_PATH
LOCAL = ("file:", "data:", "about:")
TIMEOUT_MS = 20_000
# sets window.__xss if it ever runs, whether as a tag, a handler or a template literal
XSS = "<img src=x onerror=\"window.__xss=(window.__xss||[]).concat('img')\">"
XSS_SCRIPT = "</script><script>window.__xss=['script']</script>"
XSS_TEMPLATE = "`;window.__xss=['tpl'];`${window.__xss=['tpl2']}"

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) not installed")


class Page:
    """A page with the air gap simulated and its failures recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture
def browser_page() -> Iterator[Page]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            page = context.new_page()
            rec = Page(page)

            def route(r: Any) -> None:
                if r.request.url.startswith(LOCAL):
                    r.continue_()
                else:
                    rec.blocked.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page.on("console", lambda msg: msg.type == "error" and rec.errors.append(msg.text))
            page.on("pageerror", lambda exc: rec.errors.append(str(exc)))
            page.on("dialog", lambda d: (rec.dialogs.append(d.message), d.dismiss()))
            page.set_default_timeout(TIMEOUT_MS)
            yield rec
        finally:
            browser.close()


def _open(rec: Page, scenario: Scenario, tmp_path: Path, **kwargs: Any) -> str:
    """Save the map, open it, wait for the layer control; return the map's JS variable name."""
    m = maps.make_scenario_map(scenario, **kwargs)
    path = maps.save_html(m, tmp_path / "map.html")
    rec.page.goto(path.as_uri())
    rec.page.locator(".leaflet-control-layers").wait_for()
    rec.page.wait_for_function(f"window['{m.get_name()}'] && window['{m.get_name()}']._loaded")
    rec.page.wait_for_timeout(300)  # let the canvas paint
    return m.get_name()


DRAWN = """(name) => {
    const map = window[name];
    const out = {};
    map.eachLayer((l) => {
        if (!l.feature) return;
        const type = l.feature.geometry.type;
        let drawn;
        if (l instanceof L.Marker) {
            drawn = !!l._icon && l._icon.isConnected;  // a DivIcon in the marker pane
        } else {
            const onCanvas = l._renderer instanceof L.Canvas;
            drawn = onCanvas && (l._parts ? l._parts.length > 0 : !!l._point);
        }
        if (drawn) out[type] = (out[type] || 0) + 1;
    });
    return out;
}"""

POINT = """([name, lat, lng]) => {
    const map = window[name];
    const p = map.latLngToContainerPoint([lat, lng]);
    const r = map.getContainer().getBoundingClientRect();
    return [Math.round(r.left + p.x), Math.round(r.top + p.y)];
}"""


def _pixel(png: bytes, xy: tuple[int, int]) -> tuple[int, int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        return img.convert("RGB").getpixel(xy)


def _blend(fill: str, background: str, alpha: float) -> tuple[int, ...]:
    f = [int(fill[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(background[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(alpha * fc + (1 - alpha) * bc) for fc, bc in zip(f, b, strict=True))


def _assert_clean(rec: Page) -> None:
    assert rec.blocked == [], f"external requests: {rec.blocked}"
    assert rec.errors == [], f"console/page errors: {rec.errors}"
    assert rec.dialogs == [], f"dialogs opened: {rec.dialogs}"
    assert rec.page.evaluate("window.__xss") is None


def test_scenario_map_renders_offline_and_escapes(browser_page: Page, tmp_path: Path) -> None:
    rec, page = browser_page, browser_page.page
    names = ["东风村", XSS, "西湖社区", XSS_SCRIPT, "北岭村", XSS_TEMPLATE]
    scenario = make_scenario(names, name=f"{XSS}东风派出所")
    name = _open(rec, scenario, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    png = page.screenshot(path=str(ARTIFACTS / "maps_scenario_zh.png"))

    # every feature drew: 6 village polygons, 2 roads + 1 jurisdiction outline on the canvas,
    # 2 incidents + 1 room as canvas circles, the station as a DivIcon marker
    drawn = page.evaluate(DRAWN, name)
    assert drawn == {"Polygon": 6, "LineString": 3, "Point": 4}
    # the village fill is really on screen: the blended township colour at a village's centre
    # (V04 北岭村 is in 河口乡, the second township in sorted order; the point avoids the roads,
    # the station and the incidents)
    c = scenario.villages.loc["V04"].geometry.centroid
    x, y = page.evaluate(POINT, [name, c.y + 0.002, c.x + 0.003])
    expected = _blend(scenario_map.TOWNSHIP_PALETTE[1], scenario_map.BACKGROUND_COLOR, 0.45)
    got = _pixel(png, (x, y))
    assert max(abs(a - b) for a, b in zip(got, expected, strict=True)) <= 12, (got, expected)

    # Chinese labels and data render as text
    for text in ("图例", "行政村/社区（6）", "东风派出所", "辖区现状：行政村、道路、警务室与警情"):
        assert page.get_by_text(text).first.is_visible(), text
    assert page.get_by_text(XSS + "东风派出所").is_visible()  # literal, not a tag

    # hover each hostile village: the tooltip shows the name as text and nothing runs
    for vid, payload in (("V01", XSS), ("V03", XSS_SCRIPT), ("V05", XSS_TEMPLATE)):
        point = scenario.villages.loc[vid].geometry.centroid
        x, y = page.evaluate(POINT, [name, point.y + 0.002, point.x + 0.003])
        page.mouse.move(x, y, steps=4)
        page.wait_for_timeout(100)  # Leaflet's canvas drops hover events within 32 ms
        page.mouse.move(x + 2, y + 2)
        tip = page.locator(".leaflet-tooltip.zp-tip")
        sync_api.expect(tip).to_contain_text(payload)
        sync_api.expect(tip).to_contain_text("乡镇/街道")
        page.screenshot(path=str(ARTIFACTS / f"maps_scenario_zh_hover_{vid}.png"))
    assert page.locator("img[src=x]").count() == 0
    _assert_clean(rec)


def test_english_map_with_intranet_tiles_blocked(browser_page: Page, tmp_path: Path) -> None:
    """A basemap that cannot be reached only costs its tiles: vectors still draw, no JS error."""
    rec, page = browser_page, browser_page.page
    name = _open(rec, make_scenario(), tmp_path, lang="en", tiles="http://10.0.0.9/{z}/{x}/{y}.png")
    page.screenshot(path=str(ARTIFACTS / "maps_scenario_en_tiles.png"))
    assert page.evaluate(DRAWN, name)["Polygon"] == 6
    assert page.get_by_text("Legend").is_visible()
    assert rec.blocked, "the tile requests should have been attempted and blocked"
    assert all(url.startswith("http://10.0.0.9/") for url in rec.blocked)
    assert set(rec.errors) == {"Failed to load resource: net::ERR_FAILED"}  # the tiles only
    rec.blocked.clear()
    rec.errors.clear()
    _assert_clean(rec)


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the bundled sample (data/sample) is not there yet")
def test_sample_scenario_renders(
    browser_page: Page, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    rec, page = browser_page, browser_page.page
    scenario = request.getfixturevalue("sample")  # tests/conftest.py: zones.read_scenario
    name = _open(rec, scenario, tmp_path)
    page.screenshot(path=str(ARTIFACTS / "maps_sample_zh.png"))
    drawn = page.evaluate(DRAWN, name)
    polygons = drawn.get("Polygon", 0) + drawn.get("MultiPolygon", 0)
    assert polygons == len(scenario.villages)
    assert page.get_by_text("图例").is_visible()
    _assert_clean(rec)
