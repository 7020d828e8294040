"""App result tabs benchmark: what each tab costs per page run, and what on-click files save.

On the bundled sample's plan (``zones.make_plan``, default settings):

- each tab (staffing, patrol, export, roster without and with a 28-day roster) rendered with
  ``AppTest.from_function``: the median of warm reruns, beside the median rerun of an empty
  script (AppTest's own cost, included in every figure);
- the export tab as built (files made on click, :mod:`ui.downloads`) against the same tab
  making every file while the page runs (what ``st.download_button(data=bytes)`` would need),
  with the file cache emptied before each run;
- each file: the first build against a cached second call.

All in one process and one run, so the figures compare side by side.

    .venv/bin/python bench/ui_tabs.py            # about a minute; writes bench/out/ui_tabs.json
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 7


def tab_script(tab, plan, lang):
    import importlib

    if tab != "empty":
        importlib.import_module(f"ui.{tab}_tab").render(plan, lang)


def eager_export(tab, plan, lang):
    """The export tab, plus every file built while the page runs (cache emptied first)."""
    from ui import downloads, export_tab

    downloads.clear_cache()
    export_tab.render(plan, lang)
    for item in export_tab.downloads_for(plan, lang, "public"):
        item.build()


def median_run(script, args: tuple, runs: int = RUNS) -> float:
    """Median seconds of warm AppTest reruns of ``script(*args)``."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(script, args=args, default_timeout=300)
    at.run()
    assert not at.exception, at.exception
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import zones
    from ui import downloads, export_tab

    started = time.perf_counter()
    plan = zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH))
    results: dict[str, object] = {
        "plan_seconds": round(time.perf_counter() - started, 3),
        "villages": len(plan.villages),
        "zones": len(plan.zones),
        "patrols": len(plan.patrols),
    }
    baseline = median_run(tab_script, ("empty", plan, "zh"))
    rostered = zones.make_plan(
        zones.read_scenario(zones.SAMPLE_PATH), roster_start="2025-03-03", roster_days=28
    )
    tabs = {}
    for tab in ("staffing", "patrol", "export", "roster"):
        tabs[tab] = round(median_run(tab_script, (tab, plan, "zh")) * 1000, 1)
    tabs["roster_28_days"] = round(median_run(tab_script, ("roster", rostered, "zh")) * 1000, 1)
    results["apptest_empty_rerun_ms"] = round(baseline * 1000, 1)
    results["tab_rerun_ms"] = tabs
    eager = median_run(eager_export, ("export", plan, "zh"), runs=3)
    results["export_tab_eager_ms"] = round(eager * 1000, 1)
    results["export_tab_lazy_ms"] = tabs["export"]
    files = {}
    for item in export_tab.downloads_for(plan, "zh", "public"):
        downloads.clear_cache()
        start = time.perf_counter()
        size = len(item.build())
        first = time.perf_counter() - start
        start = time.perf_counter()
        item.build()
        again = time.perf_counter() - start
        files[item.key] = {
            "bytes": size,
            "first_ms": round(first * 1000, 1),
            "cached_ms": round(again * 1000, 3),
        }
    results["files"] = files
    out = ROOT / "bench" / "out" / "ui_tabs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
