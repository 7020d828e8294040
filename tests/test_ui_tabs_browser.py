"""The result tabs in a real browser: the downloads Streamlit builds on click really arrive.

AppTest cannot fetch a download whose bytes are made on click (``data=`` a callable), so this
runs a small page with the four tabs of the sample's plan under ``streamlit run`` on a free local
port, drives Debian's Chromium with Playwright (every non-local request blocked and counted),
and checks what the browser saves: the offline HTML map (public, then internal after the
confirmation tick, with the audit line in the page), the plan zip that ``zones.read_plan`` reads
back, and a roster planned in the tab; then the page switches to English. Screenshots go to
``artifacts/``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import maps
import zones
from ui.i18n import t

from .browser import needs_chromium, offline_page, streamlit_server

TIMEOUT_MS = 60_000
TABS = ("staffing", "patrol", "export", "roster")
PAGE = """
import streamlit as st

import zones
from ui import export_tab, patrol_tab, roster_tab, staffing_tab


@st.cache_resource
def sample_plan():
    return zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH))


plan = sample_plan()
lang = st.radio("lang", ["zh", "en"], key="page.lang", horizontal=True)
tabs = st.tabs(["staffing", "patrol", "export", "roster"])
for tab, module in zip(tabs, (staffing_tab, patrol_tab, export_tab, roster_tab)):
    with tab:
        module.render(plan, lang)
"""

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def artifacts() -> Path:
    from .browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def server(artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run`` of the tabs page on a free port, stopped by its pid at the end."""
    page = tmp_path_factory.mktemp("tabs") / "tabs_page.py"
    page.write_text(PAGE, encoding="utf-8")
    with streamlit_server(page, artifacts / "streamlit-tabs-server.log") as url:
        yield url


def test_tab_downloads_arrive_offline(server: str, artifacts: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    blocked: list[str] = []

    def download(page, label: str) -> Path:  # noqa: ANN001 (playwright Page)
        # a click that lands while a rerun replaces the button is lost (seen on a loaded machine
        # with the suite on both cores): click again, at most three times
        for attempt in range(3):
            try:
                with page.expect_download(timeout=TIMEOUT_MS / 3) as info:
                    page.get_by_role("button", name=label).click()
                break
            except sync_api.TimeoutError:
                if attempt == 2:
                    raise
                page.wait_for_timeout(1000)
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        return target

    with offline_page(server, blocked, viewport=(1400, 1600), timeout_ms=TIMEOUT_MS) as page:
        # staffing: the shortage line and the tables are there
        page.get_by_role("heading", name=t("app.staffing.aux", "zh")).wait_for()
        page.get_by_text("红色行").first.wait_for()
        page.wait_for_timeout(1500)  # let the data grids paint before the screenshot
        page.screenshot(path=str(artifacts / "tabs_staffing.png"), full_page=True)

        # export, public: the map and the zip arrive and are what they should be
        page.get_by_role("tab", name="export").click()
        html = download(page, t("app.export.html", "zh"))
        # a name for people: station, what, date, profile (RFC 5987 carries the Chinese)
        named = re.fullmatch(r".+派出所-责任区方案-\d{4}-\d{2}-\d{2}-公开\.html", html.name)
        assert named, html.name
        text = html.read_text(encoding="utf-8")
        assert maps.external_refs(text) == []
        assert 'content="public"' in text
        archive = download(page, t("app.export.zip", "zh"))
        folder = tmp_path / "plan"
        with zipfile.ZipFile(archive) as zipped:
            assert "officers.csv" not in zipped.namelist()
            zipped.extractall(folder)
        back = zones.read_plan(folder)
        assert len(back.villages) > 0
        assert back.villages["zone_id"].notna().all()

        # export, internal: only after the tick; the download is audited in the page
        # the export tab's own radio: every tab with people (staffing, patrol, export, roster)
        # has one, and the hidden tabs' radios are in the page too
        shown = page.locator('[role="tabpanel"]:not([hidden])')
        shown.get_by_text(t("app.tabs.profile.internal", "zh")).click()
        page.get_by_text(t("app.export.confirm", "zh")).wait_for()
        page.get_by_text(t("app.export.confirm", "zh")).click()
        internal = download(page, t("app.export.html", "zh"))
        assert internal.name.endswith("-内部.html"), internal.name
        assert t("map.plan.banner", "zh") in internal.read_text(encoding="utf-8")
        page.get_by_text(t("app.export.audit", "zh", n=3)).wait_for()
        page.screenshot(path=str(artifacts / "tabs_export.png"), full_page=True)

        # roster: plan a week in the tab, then download it
        page.get_by_role("tab", name="roster").click()
        days = page.get_by_label(t("app.roster.days", "zh"))
        days.fill("7")
        days.press("Enter")
        page.get_by_role("button", name=t("app.roster.run", "zh")).click()
        page.get_by_text(t("app.roster.full", "zh", days=7)).wait_for()
        page.wait_for_timeout(1000)
        # the roster's own radio starts public: its downloads need no tick
        roster_radio = shown.get_by_label(t("app.tabs.profile.public", "zh"))
        assert roster_radio.is_checked()
        roster = download(page, t("app.roster.csv", "zh"))
        lines = roster.read_text(encoding="utf-8-sig").strip().splitlines()
        assert lines[0] == "日期,岗位,警号"
        assert len(lines) == 1 + 7 * 6
        page.screenshot(path=str(artifacts / "tabs_roster.png"), full_page=True)

        # English: the tabs' labels, option labels included, switch with the page language
        page.get_by_text("en", exact=True).click()
        page.get_by_text(t("app.roster.full", "en", days=7)).wait_for()
        roster_tab = page.get_by_role("tabpanel", name="roster")
        sync_api.expect(
            roster_tab.get_by_text(t("app.tabs.profile.public", "en"), exact=True)
        ).to_be_visible()
        # a rerun replaces stale elements a moment after the new ones appear: wait for it
        sync_api.expect(roster_tab.get_by_text(t("app.tabs.profile.public", "zh"))).to_have_count(0)
        public = roster_tab.get_by_role("radio", name=t("app.tabs.profile.public", "en"))
        sync_api.expect(public).to_be_checked()  # the choice still shows after the switch
        page.get_by_role("tab", name="staffing").click()
        page.get_by_role("heading", name=t("app.staffing.aux", "en")).wait_for()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(artifacts / "tabs_staffing_en.png"), full_page=True)

    assert blocked == [], f"the page tried to reach the internet: {blocked}"
