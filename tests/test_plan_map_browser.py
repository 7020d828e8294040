"""The sample plan's map in a real browser (Debian Chromium via Playwright), internet cut off.

The page is the public-profile HTML of the sample plan. Every request that is not ``file:``,
``data:`` or ``about:`` is aborted and counted (the ``browser_page`` fixture of
``tests/test_maps_browser.py``). The map draws on a canvas, so each layer's features are counted
through the page's Leaflet objects (the layers that the page's decoder built from the compact
data of ``maps.compact``): a feature drew when it has projected rings on the canvas renderer.
The screenshot goes to ``artifacts/plan_map_zh.png``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import maps
import zones

from .browser import ARTIFACTS, needs_chromium
from .test_maps import feature_groups
from .test_maps_browser import (
    POINT,
    Page,
    _assert_clean,
    browser_page,  # noqa: F401  (a fixture: found by its name)
    sync_api,
)
from .test_plan_map import layers as data_layers

pytestmark = [pytest.mark.browser, needs_chromium]

DRAWN_PER_LAYER = """(names) => names.map((name) => {
    let drawn = 0;
    window[name].eachLayer((l) => {
        if (l._renderer instanceof L.Canvas && l._parts && l._parts.length > 0) drawn += 1;
    });
    return drawn;
})"""


def test_sample_plan_map_renders_offline(browser_page: Page, tmp_path: Path) -> None:  # noqa: F811
    rec, page = browser_page, browser_page.page
    plan = zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), n_zones=6)
    m = maps.make_map(plan)  # public profile, Chinese, no basemap
    path = maps.save_html(m, tmp_path / "plan.html")
    layers = {group.layer_name: data_layers(group)[0].get_name() for group in feature_groups(m)}

    page.goto(path.as_uri())
    page.locator(".leaflet-control-layers").wait_for()
    page.wait_for_function(f"window['{m.get_name()}'] && window['{m.get_name()}']._loaded")
    page.wait_for_timeout(300)  # let the canvas paint
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan_map_zh.png"))

    wanted = ["责任区（6）", "行政村/社区（90）", "辖区边界：白海子派出所辖区"]
    drawn = page.evaluate(DRAWN_PER_LAYER, [layers[name] for name in wanted])
    assert drawn == [len(plan.zones), len(plan.villages), 1]
    # incident density: off at start (it would muddy the zone colours); one tick in the layer
    # control draws it, one multipolygon per shade
    (density,) = [g for g in feature_groups(m) if g.layer_name.startswith("警情密度")]
    shades = data_layers(density)[0]
    assert len(shades) > 10
    assert page.evaluate(DRAWN_PER_LAYER, [shades.get_name()]) == [0]
    tick = page.locator(".leaflet-control-layers").get_by_text(density.layer_name)
    tick.hover()  # Leaflet ignores a click in the same instant the pointer opens the list
    page.wait_for_timeout(100)
    tick.click()
    page.wait_for_timeout(300)
    assert page.evaluate(DRAWN_PER_LAYER, [shades.get_name()]) == [len(shades)]
    assert page.locator(".zp-label").count() == len(plan.zones)

    for text in ("图例", "白海子派出所 责任区方案", "责任区 1", "片区长-01", "新建警务室"):
        assert page.get_by_text(text).first.is_visible(), text
    assert page.get_by_text("内部资料").count() == 0

    # hover a village away from its police room: the tooltip shows the role code, not a name
    vid = plan.villages.index[0]
    room = plan.rooms.loc[vid].geometry
    spot = plan.villages.loc[vid].geometry.difference(room.buffer(0.004)).representative_point()
    x, y = page.evaluate(POINT, [m.get_name(), spot.y, spot.x])
    page.mouse.move(x, y, steps=4)
    page.wait_for_timeout(100)  # Leaflet's canvas drops hover events within 32 ms
    page.mouse.move(x + 1, y + 1)
    tip = page.locator(".leaflet-tooltip.zp-tip")
    sync_api.expect(tip).to_contain_text(plan.villages.loc[vid, "name"])
    sync_api.expect(tip).to_contain_text("驻村辅警-V001")
    _assert_clean(rec)
