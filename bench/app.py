"""App benchmark: page open to map drawn, and a click-edit to the zone table and workload bars,
in real Chromium.

Starts ``streamlit run app.py`` on a free local port (as ``tests/test_app_browser.py`` does) and
drives Debian's Chromium with Playwright (the flags of ``tests/browser.py``; every request that
is not to the local server, ``data:``, ``blob:`` or ``about:`` is aborted and counted). On the
bundled sample (90 villages), ``RUNS`` times, each in a fresh browser context (a new session),
and reports medians beside a floor measured in the same run:

* **open → map drawn**: from ``page.goto`` to the scenario map's iframe holding every village
  polygon projected with paint on its canvas (the probe of the browser test), with the page's
  title shown and the map's frame in the page on the way; *floor*: the same
  map's offline page (the HTML the app shows, :func:`maps.render_html`) opened on its own from a
  ``file:`` URL, to the same probe; *Streamlit floor*: a bare Streamlit app (same server
  settings) whose only element is that page in ``st.iframe``;
* **run → zone table**: with the zones tab open, from the click on "Run the plan" to the zone
  table in the page (first run of the server: the plan is made; later runs: the plan store
  answers);
* **click-edit**: a border village is clicked on the zones tab's selection map (the click at
  the village's point, ``window.selectMap.point``) — *map click → selection*: until the app
  shows it chosen — then the neighbouring zone is picked and "Move" clicked: *edit → table*
  until every row of the zone table shows the new village counts, *edit → bars* until the
  workload bars are redrawn (what their canvas paints changes), *click-edit* the later of the
  two; without a selection map the village is picked in the select box (``selection`` says
  which); *floor*: a whole-page rerun with nothing to compute (the seed's "+" stepper under
  "advanced": the plan is only made on "Run"), from the click to the script reporting
  ``notRunning``.

    .venv/bin/python bench/app.py               # 5 runs, ~2 min
    .venv/bin/python bench/app.py --runs 3 --out bench/out/app.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import maps  # noqa: E402
import zones  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL_PREFIXES, free_port  # noqa: E402
from tests.test_app_browser import (  # noqa: E402
    GRID_ROWS_JS,
    IDLE_JS,
    MAP_IFRAME,
    VILLAGES_DRAWN_JS,
    _border_move,
)
from ui.i18n import t  # noqa: E402
from ui.zones_tab import TABLE_COLUMNS  # noqa: E402
from zones.plan.edits import move_villages  # noqa: E402
from zones.plan.pipeline import suggest_zones  # noqa: E402

GOALS_MS = {"open_to_map": 3000, "click_edit": 1000}
TIMEOUT_MS = 60_000

# the village is shown as chosen in the app's villages box (a tag holding its id)
CHOSEN_JS = """
(village) => Array.from(document.querySelectorAll('[data-testid="stMultiSelect"]'))
  .some(box => box.innerText.includes(village))
"""
# the zones tab's workload bars (Vega-Lite, drawn by Streamlit): a signature of what is painted
# (canvas pixels or SVG markup), and whether anything is
BARS_JS = """
() => {
  const charts = Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    .filter(c => c.offsetParent !== null);
  if (!charts.length) return null;
  const chart = charts[0], canvas = chart.querySelector('canvas');
  let sig = 0, painted = 0;
  if (canvas && canvas.width && canvas.height) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4 * 5) {
      if (data[i + 3]) painted++;
      sig = (sig * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2] + data[i + 3]) % 1000000007;
    }
  } else {
    const svg = chart.querySelector('svg');
    if (!svg) return null;
    const text = svg.outerHTML;
    painted = svg.querySelectorAll('path, rect').length;
    for (let i = 0; i < text.length; i++) sig = (sig * 31 + text.charCodeAt(i)) % 1000000007;
  }
  return {sig: String(sig), painted};
}
"""


def _drawn(n: int) -> str:
    return (
        f"n => {{ const s = ({VILLAGES_DRAWN_JS})(); "
        "return s && s.villages >= n && s.projected >= n && s.painted > 0; }"
    )


# the Streamlit floor: a page that shows nothing but the same map page
BARE_APP = """import streamlit as st
from pathlib import Path
st.iframe(Path({page!r}).read_text(encoding="utf-8"), height=620)
"""


def start_server(port: int, log: Path, script: str = "app.py") -> subprocess.Popen[bytes]:
    """``streamlit run <script>`` on ``port`` (headless, no usage statistics) from the repo."""
    command = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("streamlit did not start; see " + str(log))


def _floors(page, case: dict, bare_url: str, floor_page: Path) -> dict[str, float]:  # noqa: ANN001
    """The map's own page from ``file:``, and a bare Streamlit app showing only that page."""
    out = {}
    n = case["n_villages"]
    started = time.perf_counter()
    page.goto(floor_page.as_uri())
    page.wait_for_function(_drawn(n), arg=n, polling="raf")
    out["open_to_map_floor"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    page.goto(bare_url)
    page.locator(MAP_IFRAME).first.wait_for(state="attached")
    frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
    frame.wait_for_function(_drawn(n), arg=n, polling="raf")
    out["open_to_map_bare_streamlit"] = (time.perf_counter() - started) * 1000
    return out


def _open_and_run(page, case: dict, url: str) -> dict[str, float]:  # noqa: ANN001
    """Page open to the scenario map drawn; then, with the zones tab open, Run to the table."""
    out = {}
    n, headers = case["n_villages"], case["headers"]
    started = time.perf_counter()
    page.goto(url)
    page.get_by_text(t("app.title", "zh"), exact=True).wait_for()
    out["open_to_title"] = (time.perf_counter() - started) * 1000
    page.locator(MAP_IFRAME).first.wait_for(state="attached")
    out["open_to_map_frame"] = (time.perf_counter() - started) * 1000
    frame = page.locator(MAP_IFRAME).first.element_handle().content_frame()
    frame.wait_for_function(_drawn(n), arg=n, polling="raf")
    out["open_to_map"] = (time.perf_counter() - started) * 1000
    page.wait_for_function(IDLE_JS)
    page.get_by_role("tab", name=t("app.tab.zones", "zh"), exact=True).click()
    started = time.perf_counter()
    page.get_by_role("button", name=t("app.plan.run", "zh"), exact=True).click()
    page.wait_for_function(f"h => ({GRID_ROWS_JS})(h) !== null", arg=headers, polling="raf")
    out["run_to_table"] = (time.perf_counter() - started) * 1000
    page.wait_for_function(IDLE_JS)
    return out


def _rerun_floor(page) -> float:  # noqa: ANN001
    """A whole-page rerun with nothing to compute: the seed's "+" (the plan waits for Run)."""
    advanced = page.get_by_text(t("app.plan.advanced", "zh"), exact=True)
    if advanced.count():  # the seed is under "advanced"
        advanced.first.click()
        page.wait_for_timeout(250)
    seed = page.get_by_test_id("stNumberInput").filter(has_text=t("app.plan.seed", "zh"))
    started = time.perf_counter()
    seed.get_by_test_id("stNumberInputStepUp").click()
    page.wait_for_timeout(1)
    page.wait_for_function(IDLE_JS, polling="raf")
    return (time.perf_counter() - started) * 1000


def _select(page, village: str) -> tuple[str, float | None]:  # noqa: ANN001
    """Select ``village``: a click on it in the zones tab's selection map when there is one
    (time from the click to the village shown as chosen in the app), else the select box."""
    frame = next(
        (f for f in page.frames if f != page.main_frame and f.evaluate("() => !!window.selectMap")),
        None,
    )
    if frame is None:
        page.get_by_role("combobox", name=t("app.edit.villages", "zh")).click()
        page.keyboard.type(village)
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        page.wait_for_timeout(250)
        page.wait_for_function(IDLE_JS)
        return "select box", None
    frame.wait_for_function("v => !!window.selectMap.point(v)", arg=village)
    point = frame.evaluate("v => window.selectMap.point(v)", village)
    box = frame.frame_element().bounding_box()
    started = time.perf_counter()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_function(CHOSEN_JS, arg=village, polling="raf")
    chosen = (time.perf_counter() - started) * 1000
    page.wait_for_function(IDLE_JS)
    return "map click", chosen


def _move(page, case: dict) -> dict[str, float]:  # noqa: ANN001
    """Pick the target zone, then time Move to the table's new village counts and to the
    workload bars redrawn (and to idle)."""
    out = {}
    page.get_by_role("combobox", name=t("app.edit.target", "zh"), exact=True).click()
    page.get_by_role("option", name=case["zone"], exact=True).click()
    page.wait_for_timeout(250)
    page.wait_for_function(IDLE_JS)
    bars = page.evaluate(BARS_JS)
    column, expected, headers = case["column"], case["expected"], case["headers"]
    started = time.perf_counter()
    page.get_by_role("button", name=t("app.edit.apply", "zh"), exact=True).click()
    page.wait_for_function(
        f"a => {{ const r = ({GRID_ROWS_JS})(a[0]); "
        "return r && r.length && r.every((row, i) => row[a[1]] === a[2][i]); }",
        arg=[headers, column, expected],
        polling="raf",
    )
    out["edit_to_table"] = (time.perf_counter() - started) * 1000
    if bars is not None:
        page.wait_for_function(
            f"b => {{ const s = ({BARS_JS})(); return s && s.painted > 0 && s.sig !== b; }}",
            arg=bars["sig"],
            polling="raf",
        )
        out["edit_to_bars"] = (time.perf_counter() - started) * 1000
    page.wait_for_function(IDLE_JS, polling="raf")
    out["edit_to_idle"] = (time.perf_counter() - started) * 1000
    out["click_edit"] = max(out["edit_to_table"], out.get("edit_to_bars", 0.0))
    return out


def one_run(  # noqa: PLR0913
    browser,  # noqa: ANN001
    url: str,
    bare_url: str,
    floor_page: Path,
    case: dict,
    blocked: list[str],
) -> dict:
    """One fresh session: the timings of one pass through the page (ms)."""

    def gate(route) -> None:  # noqa: ANN001
        if route.request.url.startswith((*LOCAL_PREFIXES, "file:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    out: dict = {}
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
    context.route("**/*", gate)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        out.update(_floors(page, case, bare_url, floor_page))
        out.update(_open_and_run(page, case, url))
        out["rerun_floor"] = _rerun_floor(page)
        method, chosen = _select(page, case["village"])
        out["selection"] = method
        if chosen is not None:
            out["click_to_selection"] = chosen
        out.update(_move(page, case))
    finally:
        context.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "app.json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    scenario = zones.read_scenario(zones.SAMPLE_PATH)
    plan = zones.make_plan(scenario, n_zones=suggest_zones(scenario), workload=None, seed=0)
    village, zone = _border_move(plan)
    edited = move_villages(plan, {village: zone})
    headers = [t(key, "zh") for _, key in TABLE_COLUMNS]
    case = {
        "n_villages": len(scenario.villages),
        "headers": headers,
        "village": village,
        "zone": zone,
        "column": headers.index(t("app.col.villages", "zh")),
        "expected": edited.zones["n_units"].astype(str).tolist(),
    }
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    floor_page = work / "scenario_map.html"
    floor_page.write_text(
        maps.render_html(maps.make_scenario_map(scenario, lang="zh")), encoding="utf-8"
    )
    bare = work / "bare_app.py"
    bare.write_text(BARE_APP.format(page=str(floor_page)), encoding="utf-8")
    port, bare_port = free_port(), free_port()
    proc = start_server(port, work / "streamlit.log")
    bare_proc = start_server(bare_port, work / "bare.log", script=str(bare))
    blocked: list[str] = []
    runs: list[dict] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                for i in range(args.runs):
                    url, bare_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bare_port}"
                    runs.append(one_run(browser, url, bare_url, floor_page, case, blocked))
                    print(
                        f"run {i + 1}: "
                        + ", ".join(
                            f"{k} {v:,.0f}" if isinstance(v, float) else f"{k} {v}"
                            for k, v in runs[-1].items()
                        )
                    )
            finally:
                browser.close()
    finally:
        for server in (proc, bare_proc):
            server.terminate()
            server.wait(timeout=15)

    keys = [k for k in runs[0] if isinstance(runs[0][k], float)]
    median = {k: statistics.median(r[k] for r in runs if k in r) for k in keys}
    warm = [r["run_to_table"] for r in runs[1:]] or [runs[0]["run_to_table"]]
    summary = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "runs": runs,
        "median_ms": median,
        "run_to_table_first_ms": runs[0]["run_to_table"],
        "run_to_table_cached_median_ms": statistics.median(warm),
        "ratios": {
            "open_to_map_vs_page_floor": median["open_to_map"] / median["open_to_map_floor"],
            "open_to_map_vs_bare_streamlit": (
                median["open_to_map"] / median["open_to_map_bare_streamlit"]
            ),
            "edit_to_table_vs_rerun_floor": median["edit_to_table"] / median["rerun_floor"],
            "click_edit_vs_rerun_floor": median["click_edit"] / median["rerun_floor"],
        },
        "goals_ms": GOALS_MS,
        "goals_met": {k: median[k] <= v for k, v in GOALS_MS.items() if k in median},
        "selection": runs[0]["selection"],
        "external_requests": blocked,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    shown = ("median_ms", "ratios", "goals_met", "selection")
    print(json.dumps({k: summary[k] for k in shown}, indent=2))
    print("external requests:", len(blocked))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
