"""Chinese throughout, in a real browser: the app in Chromium (offline), the plan made, every
tab opened, and the text of our own elements and of every map scanned for English sentences,
raw keys and Python values (the scanner of :mod:`tests.test_chinese_throughout`).

"Our own" elements are the Markdown of texts, captions, messages and widget labels, the metric
figures, the tab names and every map page; Streamlit's own chrome (the file uploader's "Drag and
drop files here", the menu) is Streamlit's and left out. Table cells are drawn on a canvas: the
AppTest scan reads those.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.i18n import t

from .browser import ARTIFACTS, needs_chromium, offline_page, streamlit_server
from .test_chinese_throughout import leaks

pytestmark = [pytest.mark.browser, needs_chromium]

TIMEOUT_MS = 60_000
TABS = ("scenario", "zones", "compare", "staffing", "patrol", "export", "roster")
OUR_TEXT_JS = """
() => [...document.querySelectorAll([
  '[data-testid="stMarkdownContainer"]', '[data-testid="stMetricValue"]',
  '[data-testid="stMetricLabel"]', '[data-testid="stCaptionContainer"]', '[data-baseweb="tab"]',
  '[data-testid="stExpander"] summary',
].join(', '))].map(el => el.textContent.trim()).filter(text => text)
"""
# every text node of a map page but its scripts and styles (a map in a hidden tab is not laid
# out, so innerText would give its scripts too)
MAP_TEXT_JS = """
() => {
  if (!document.body) return [];
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => skip.has(n.parentElement.tagName) ? NodeFilter.FILTER_REJECT
      : NodeFilter.FILTER_ACCEPT,
  });
  const out = [];
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    if (text) out.push(text);
  }
  return out;
}
"""
IDLE_JS = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    ARTIFACTS.mkdir(exist_ok=True)
    with streamlit_server("app.py", ARTIFACTS / "streamlit-chinese.log") as url:
        yield url


def _settle(page) -> None:  # noqa: ANN001 (playwright Page)
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE_JS)


def _texts(page) -> list[str]:  # noqa: ANN001 (playwright Page)
    """Our elements' texts and every map page's visible text."""
    found = list(page.evaluate(OUR_TEXT_JS))
    for frame in page.frames[1:]:
        try:
            found += frame.evaluate(MAP_TEXT_JS)
        except Exception:  # noqa: BLE001 (a frame that went away with a rerun)
            continue
    return found


def test_every_tab_reads_in_chinese_in_chromium(server: str) -> None:
    pytest.importorskip("playwright.sync_api")
    blocked: list[str] = []
    seen: list[str] = []
    with offline_page(server, blocked, viewport=(1440, 900), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        # a peak-hours text the core refuses: the reason is shown in Chinese
        page.get_by_text(t("app.plan.patrol", "zh"), exact=True).click()
        hours = page.get_by_role("textbox", name=t("app.plan.peak_hours", "zh"))
        hours.fill("morning")
        hours.press("Enter")
        _settle(page)
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        page.get_by_text(t("app.plan.error", "zh")).wait_for()
        _settle(page)
        refused = _texts(page)
        assert any("morning" in text and "07:30-09:00" in text for text in refused)
        seen += refused
        hours.fill("")
        hours.press("Enter")
        _settle(page)
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.map", "zh"), exact=True).wait_for(state="attached")
        _settle(page)
        for tab in TABS:
            page.get_by_role("tab", name=t(f"app.tab.{tab}", "zh"), exact=True).click()
            _settle(page)
        seen += _texts(page)  # every tab's elements stay in the page once drawn
        page.screenshot(path=str(Path(ARTIFACTS) / "app_chinese_roster_tab.png"), full_page=True)
    assert blocked == []
    assert len(seen) > 100, len(seen)
    assert any(t("app.tab.patrol", "zh") in text for text in seen)
    assert not (found := leaks(seen)), found
