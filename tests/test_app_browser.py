"""The app in a real browser: Debian's Chromium driven by Playwright, with the internet cut off.

Starts ``streamlit run app.py`` on a free local port, blocks (and counts) every request that is not
to the local server, and checks that the page and the offline map really render. Screenshots go
to ``artifacts/`` (kept out of git by ``artifacts/.gitignore``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import zones
from ui.text import capitalised
from zones.i18n import t

from .browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, needs_chromium

LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 30_000

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 45) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited early with code {proc.returncode}; see artifacts/")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    pytest.fail(f"streamlit did not become healthy at {url} within {timeout_s} s")


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
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(artifacts / "streamlit-server.log", "wb") as log:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


# How many village polygons Leaflet holds and projected into view, and whether the map's canvas
# (prefer_canvas) or SVG actually has paint on it. `window.map` is set by streamlit-folium.
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

    def gate(route) -> None:  # noqa: ANN001 (playwright Route)
        url = route.request.url
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
            context.route("**/*", gate)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(server)

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
        finally:
            browser.close()

    assert blocked == [], f"the page tried to reach the internet: {blocked}"


def _map_frame(page, layer_label: str):  # noqa: ANN001, ANN202 (playwright Page -> Frame)
    """The st_folium iframe once its layer control shows ``layer_label``.

    Streamlit replaces the iframe when the map changes (a new language, say), so the frame is
    looked up again through a frame locator rather than kept.
    """
    page.frame_locator(MAP_IFRAME).last.get_by_text(layer_label, exact=True).wait_for()
    frame = page.locator(MAP_IFRAME).last.element_handle().content_frame()
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
