"""The zones tab and a long run in a real browser (Debian's Chromium, offline): the workload bars
drawn by the Vega bundled with Streamlit, the warnings with what to do, the tinted rows; and a
run of a larger station that shows its steps and time while it works and stops on "取消" (the
server's CPU falls back, so the work itself stopped, not just the page)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import zones
from ui.i18n import t
from zones.plan.pipeline import suggest_zones
from zones.synth import make_scenario_layers, write_scenario

from .browser import ARTIFACTS, ROOT, free_port, needs_chromium, offline_page, wait_healthy

TIMEOUT_MS = 60_000
CHART = '[data-testid="stVegaLiteChart"]'
PROGRESS = '[data-testid="stProgress"]'
IDLE_JS = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)
# whether the chart drew: Vega's canvas (or SVG) with paint on it
CHART_DRAWN_JS = """
(sel) => {
  const box = document.querySelector(sel);
  if (!box) return null;
  const canvas = box.querySelector('canvas');
  if (canvas && canvas.width > 50 && canvas.height > 50) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4 * 5) if (data[i]) painted++;
    return painted;
  }
  return box.querySelectorAll('svg .mark-rect path, svg .mark-rect rect').length || null;
}
"""

pytestmark = [pytest.mark.browser, needs_chromium]


@contextlib.contextmanager
def app_server(log: Path) -> Iterator[tuple[str, int]]:
    """``streamlit run app.py`` on a free port (as :func:`tests.browser.streamlit_server`),
    yielding its URL and process id (for its CPU time); stopped by that pid at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    env.pop("ZONES_USERS_FILE", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            wait_healthy(url, proc)
            yield url, proc.pid
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system, every thread) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_busy(pid: int, seconds: float) -> float:
    """CPU seconds per second the process used over the next ``seconds``."""
    start = cpu_seconds(pid)
    time.sleep(seconds)
    return (cpu_seconds(pid) - start) / seconds


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    ARTIFACTS.mkdir(exist_ok=True)
    with app_server(ARTIFACTS / "streamlit-zones-tab.log") as found:
        yield found


def _settle(page) -> None:  # noqa: ANN001 (playwright Page)
    page.wait_for_timeout(250)
    page.wait_for_function(IDLE_JS)


def test_zones_tab_bars_warnings_and_rows_in_chromium(
    server: tuple[str, int], sample: zones.Scenario
) -> None:
    pytest.importorskip("playwright.sync_api")
    url, _ = server
    blocked: list[str] = []
    plan = zones.make_plan(sample, n_zones=suggest_zones(sample), workload=None, seed=0)
    with offline_page(url, blocked, viewport=(1440, 1800), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        # the suggestion states its rule, cap and shortfall; the seed waits under "advanced"
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("比规范少 11 个责任区", exact=False).wait_for()
        assert sidebar.get_by_text(t("app.plan.seed", "zh"), exact=True).is_hidden()
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.map", "zh"), exact=True).wait_for(state="attached")
        page.get_by_role("tab", name=t("app.tab.zones", "zh"), exact=True).click()
        page.get_by_text(t("app.zones.bars", "zh"), exact=True).wait_for()
        page.wait_for_function(f"s => ({CHART_DRAWN_JS})(s) > 0", arg=CHART)
        chart = page.locator(CHART).first.bounding_box()
        assert chart is not None
        assert chart["width"] > 600, chart
        assert chart["height"] > 200, chart
        # the warnings: cause, then what to do
        page.get_by_text(t("app.zones.warnings", "zh"), exact=True).wait_for()
        patrol = next(w for w in plan.warnings if w.code == "patrol_stops_dropped")
        page.get_by_text(t("app.zones.fix", "zh") + patrol.fix("zh"), exact=False).wait_for()
        _settle(page)
        page.locator(CHART).first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "zones_tab_bars_zh.png"), full_page=True)
    assert blocked == [], f"the page tried to reach the internet: {blocked}"


def _station_zip(n_villages: int, seed: int) -> bytes:
    """A synthetic station as the zip a user would upload."""
    folder = ARTIFACTS / f"station-{n_villages}-{seed}"
    write_scenario(make_scenario_layers(n_villages, seed=seed), folder)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, path.name)
    return buf.getvalue()


def test_a_long_run_shows_its_steps_and_stops_on_cancel(server: tuple[str, int]) -> None:
    pytest.importorskip("playwright.sync_api")
    url, pid = server
    upload = ARTIFACTS / "station-400.zip"
    upload.write_bytes(_station_zip(400, seed=5))  # 83 zones: about 12 s of planning alone
    blocked: list[str] = []
    with offline_page(url, blocked, viewport=(1440, 1000), timeout_ms=TIMEOUT_MS) as page:
        page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        page.get_by_text(t("app.source.upload", "zh", files="station-400.zip")).wait_for()
        _settle(page)
        page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
        bar = page.locator(PROGRESS).first
        bar.get_by_text(t("plan.step.zoning", "zh"), exact=False).wait_for()
        first = bar.inner_text()
        page.wait_for_timeout(1500)
        later = bar.inner_text()
        assert later != first, (first, later)  # it moves (share done or time spent)
        assert t("app.progress.elapsed", "zh", time="0:0")[:3] in later
        busy = cpu_busy(pid, 2.0)
        page.screenshot(path=str(ARTIFACTS / "plan_progress_zh.png"))
        started = time.monotonic()
        page.get_by_role("button", name=t("app.plan.cancel", "zh"), exact=True).click()
        page.get_by_text(t("app.plan.cancelled", "zh"), exact=True).wait_for(timeout=5_000)
        stopped_after = time.monotonic() - started
        page.get_by_text(t("app.plan.none", "zh"), exact=True).first.wait_for(state="attached")
        assert page.locator(PROGRESS).count() == 0
        page.wait_for_timeout(3_000)  # the worker stops at the core's next report (< 2 s here)
        idle = cpu_busy(pid, 2.0)
        page.screenshot(path=str(ARTIFACTS / "plan_cancelled_zh.png"))
    print(f"cancel: page after {stopped_after:.2f} s; server CPU {busy:.2f} → {idle:.2f} s/s")
    assert stopped_after < 3.0
    # the plan was being made, and no longer is (relative: the machine may be shared)
    assert busy > 0.1, busy
    assert idle < busy / 3, (busy, idle)
    assert blocked == [], f"the page tried to reach the internet: {blocked}"
