"""Take the user guide's screenshots (docs/guide-zh.md) of the running app, in Chinese.

Starts ``streamlit run app.py`` on a free local port, opens it in Debian's Chromium at 1440×900
(Playwright; every request that is not to the local server is aborted), walks through the
guide on the bundled sample — open, settings, run, each tab, a hand edit, the patrol map,
export — and writes each view to ``docs/images/`` as a small palette PNG (at most
:data:`MAX_BYTES`; colours are reduced, then the picture, until it fits).

Re-run it whenever the app's look changes:

    .venv/bin/python docs/screenshots.py              # every shot, ~1 min
    .venv/bin/python docs/screenshots.py --only patrol zones

A view that cannot be found (a control renamed, say) is reported and skipped; the script then
exits with status 1, so a changed page does not go unnoticed.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from ui.i18n import t  # noqa: E402

OUT = ROOT / "docs" / "images"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
VIEWPORT = {"width": 1440, "height": 900}
MAX_BYTES = 150_000
EDIT_VILLAGE = "150902100001"  # 振兴社区, the sample's town centre …
EDIT_ZONE = "6"  # … moved to this neighbouring zone (both stay in one piece)
PATROL_ZONE = "2"  # a patrol line with 8 stops, stops left out and 2 posts
TIMEOUT_MS = 90_000
MAP_WAIT_MS = 15_000
LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")
IDLE_JS = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.getAttribute('data-test-script-state') === 'notRunning'; }"
)
MAP_READY_JS = (
    "() => { const m = window.L && Object.values(window).find(v => v instanceof L.Map);"
    " return !!m && m._loaded && m.getSize().x > 0; }"
)


def zh(key: str, **params: object) -> str:
    return t(key, "zh", **params)


# --- the server and the browser ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    """``streamlit run app.py`` on ``port`` without sign-in, once it answers its health check
    (the app bench's starter, :func:`bench.app.start_server`)."""
    os.environ.pop("ZONES_USERS_FILE", None)  # no sign-in
    spec = importlib.util.spec_from_file_location("bench_app", ROOT / "bench" / "app.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.start_server(port, log)


def settle(page: Any, wait_ms: int = 400) -> None:
    """Wait until the page's script has finished its run, then a little for drawing."""
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    page.wait_for_timeout(wait_ms)


def maps_ready(page: Any) -> None:
    """Wait until every map in the open tab has drawn at its size."""
    frames = page.locator('[role="tabpanel"]:visible iframe')
    for i in range(frames.count()):
        frame = frames.nth(i).element_handle().content_frame()
        if frame is None:
            continue
        try:  # a map that keeps its Leaflet map to itself is given the time to draw
            frame.wait_for_function(MAP_READY_JS, timeout=MAP_WAIT_MS)
        except Exception:  # noqa: BLE001
            print("a map of this tab did not report ready; taken as it is")
    page.wait_for_timeout(800)


def open_tab(page: Any, key: str) -> None:
    page.get_by_role("tab", name=zh(key), exact=True).click()
    settle(page)
    maps_ready(page)


def to_top(locator: Any) -> None:
    """Scroll the page so that ``locator`` is at the top of the window."""
    locator.first.evaluate("el => el.scrollIntoView({block: 'start'})")
    locator.first.page.wait_for_timeout(300)


# --- the pictures -----------------------------------------------------------------------------


def save(png: bytes, name: str) -> Path:
    """``png`` as a palette PNG of at most :data:`MAX_BYTES` in :data:`OUT`."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    for scale in (1.0, 0.85, 0.7, 0.6):
        size = (round(image.width * scale), round(image.height * scale))
        shown = image if scale == 1.0 else image.resize(size, Image.Resampling.LANCZOS)
        for colors in (256, 128, 64):
            small = shown.quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
            buffer = io.BytesIO()
            small.save(buffer, format="PNG", optimize=True)
            if buffer.tell() <= MAX_BYTES:
                path = OUT / f"{name}.png"
                path.write_bytes(buffer.getvalue())
                print(
                    f"{path.relative_to(ROOT)}: {buffer.tell() / 1000:.0f} kB, {size[0]}×{size[1]}"
                )
                return path
    msg = f"{name}: still over {MAX_BYTES} bytes at the smallest size"
    raise RuntimeError(msg)


def shot_start(page: Any) -> bytes:
    """The app as it opens: the sample's layers, validation report and map."""
    maps_ready(page)
    to_top(page.get_by_role("tablist"))
    return page.screenshot()


def shot_settings(page: Any) -> bytes:
    """The sidebar scrolled to the plan settings (the patrol settings opened) and the run
    button."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    expander = sidebar.get_by_text(zh("app.plan.patrol"), exact=True)
    if expander.count():
        expander.first.click()
        settle(page, 200)
    to_top(sidebar.get_by_text(zh("app.plan.header"), exact=True))
    return page.screenshot()


def shot_zones(page: Any) -> bytes:
    """After 生成方案: the zones tab's figures and map."""
    page.get_by_role("button", name=zh("app.plan.run"), exact=True).click()
    settle(page)
    open_tab(page, "app.tab.zones")
    to_top(page.get_by_role("tablist"))
    return page.screenshot()


def shot_table(page: Any) -> bytes:
    """The zones tab further down: the per-zone table (and the workload bars)."""
    grid = page.locator('[role="tabpanel"]:visible [data-testid="stDataFrame"]')
    to_top(grid)
    page.mouse.wheel(0, -120)
    page.wait_for_timeout(300)
    return page.screenshot()


def shot_edit(page: Any) -> bytes:
    """The hand edits, with :data:`EDIT_VILLAGE` clicked on the selection map (when the tab
    has one) and shown chosen: then pick a zone and move."""
    panel = page.get_by_text(zh("app.edit.header"), exact=True)
    to_top(panel)
    frames = [f for f in page.frames if f != page.main_frame]
    frame = next((f for f in frames if f.evaluate("() => !!window.selectMap")), None)
    if frame is not None:
        frame.wait_for_function("v => !!window.selectMap.point(v)", arg=EDIT_VILLAGE)
        point = frame.evaluate("v => window.selectMap.point(v)", EDIT_VILLAGE)
        box = frame.frame_element().bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        settle(page)
        page.mouse.move(0, 0)
    page.get_by_role("combobox", name=zh("app.edit.target"), exact=True).click()
    page.get_by_role("option", name=EDIT_ZONE, exact=True).click()
    settle(page)
    return page.screenshot()


def shot_compare(page: Any) -> bytes:
    """Compare after the hand edit of :func:`shot_edit` (Move clicked first)."""
    page.get_by_role("button", name=zh("app.edit.apply"), exact=True).click()
    settle(page)
    open_tab(page, "app.tab.compare")
    to_top(page.get_by_role("tablist"))
    return page.screenshot()


def shot_staffing(page: Any) -> bytes:
    open_tab(page, "app.tab.staffing")
    to_top(page.get_by_role("tablist"))
    return page.screenshot()


def shot_patrol(page: Any) -> bytes:
    """The patrol tab: a zone's map with its numbered stops, and the order of its stops."""
    open_tab(page, "app.tab.patrol")
    page.get_by_role("combobox", name=zh("app.patrol.zone")).click()
    page.get_by_role("option").filter(has_text=zh("map.plan.zone", zone=PATROL_ZONE)).first.click()
    settle(page)
    maps_ready(page)
    to_top(page.get_by_text(zh("app.patrol.zone"), exact=True))
    return page.screenshot()


def shot_export(page: Any) -> bytes:
    open_tab(page, "app.tab.export")
    to_top(page.get_by_role("tablist"))
    return page.screenshot()


def shot_roster(page: Any) -> bytes:
    """The roster tab after 编排值班表 (the default start date and days)."""
    open_tab(page, "app.tab.roster")
    page.get_by_role("button", name=zh("app.roster.run"), exact=True).click()
    settle(page)
    to_top(page.get_by_role("tablist"))
    return page.screenshot()


# in the order they are taken (each starts where the one before left the page)
SHOTS: dict[str, Callable[[Any], bytes]] = {
    "01-start": shot_start,
    "02-settings": shot_settings,
    "03-zones": shot_zones,
    "04-zone-table": shot_table,
    "05-edit": shot_edit,
    "06-compare": shot_compare,
    "07-staffing": shot_staffing,
    "08-patrol": shot_patrol,
    "09-export": shot_export,
    "10-roster": shot_roster,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="names (or parts of names) of shots to save")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="zp-shots-"))
    port = free_port()
    server = start_server(port, work / "streamlit.log")
    failed, blocked = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")

                def gate(route: Any) -> None:
                    if route.request.url.startswith(LOCAL):
                        route.continue_()
                    else:
                        blocked.append(route.request.url)
                        route.abort()

                context.route("**/*", gate)
                page = context.new_page()
                page.set_default_timeout(TIMEOUT_MS)
                page.goto(f"http://127.0.0.1:{port}")
                page.get_by_text(zh("app.title"), exact=True).wait_for()
                settle(page)
                for name, take in SHOTS.items():
                    wanted = not args.only or any(part in name for part in args.only)
                    try:
                        png = take(page)  # every step runs: later ones build on earlier ones
                    except Exception as exc:  # noqa: BLE001 - report, skip, carry on
                        print(f"{name}: skipped ({type(exc).__name__}: {exc})".splitlines()[0])
                        failed.append(name)
                        continue
                    if wanted:
                        save(png, name)
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=15)
    if blocked:
        print(f"blocked {len(blocked)} external requests: {blocked[:3]}")
    if failed:
        print(f"not taken: {', '.join(failed)} (see {work / 'streamlit.log'})")
    return 1 if failed or blocked else 0


if __name__ == "__main__":
    raise SystemExit(main())
