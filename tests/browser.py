"""What the real-browser tests share: Debian's Chromium, its offline-safe flags, the artifacts,
and a Streamlit server on a free local port."""

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
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
# as root, headless, and without the background services that phone home at start
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) missing"
)

# requests a test page may make; everything else is blocked and counted
LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout_s: float = 45) -> None:
    """Wait until Streamlit at ``url`` answers its health check (fail if it exits first)."""
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


@contextlib.contextmanager
def streamlit_server(script: str | Path, log: Path) -> Iterator[str]:
    """``streamlit run script`` on a free local port (output to ``log``); yields its URL and
    stops the server (by its pid) at the end."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    env.pop("ZONES_USERS_FILE", None)  # the app opens without sign-in (ui.users)
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@contextlib.contextmanager
def offline_page(
    url: str,
    blocked: list[str],
    *,
    viewport: tuple[int, int] = (1400, 1800),
    timeout_ms: int = 30_000,
) -> Iterator[Any]:
    """Debian's Chromium at ``url`` (Chinese locale, downloads accepted) with every request
    that is not local aborted and appended to ``blocked``; yields the Playwright page."""
    from playwright.sync_api import sync_playwright

    def gate(route) -> None:  # noqa: ANN001 (playwright Route)
        if route.request.url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            width, height = viewport
            context = browser.new_context(
                viewport={"width": width, "height": height},
                locale="zh-CN",
                accept_downloads=True,
            )
            context.route("**/*", gate)
            page = context.new_page()
            page.set_default_timeout(timeout_ms)
            page.goto(url)
            yield page
        finally:
            browser.close()
