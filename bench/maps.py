"""Plan map benchmark: our exported HTML beside a bare hand-written Leaflet page (the floor).

For synthetic stations of 100, 2,000 and 10,000 villages (``zones.synth``, seed 1, written to a
temporary folder and read back with ``zones.read_scenario``, then ``zones.make_plan`` with
``max(4, n // 50)`` zones), two self-contained pages are built:

* **ours**: ``maps.save_html(plan, path)`` (public profile, Chinese, no basemap), every layer
  (the village police rooms start switched off above ``MAX_SHOWN_ROOMS``, as users get them);
* **floor**: one HTML page with the same inlined Leaflet (``maps.offline``), a canvas renderer,
  only the zone and village polygons as plain GeoJSON (the same simplified geometry:
  ``maps.plan_map.display_layers``, 6 decimals, each border written once per polygon), a simple
  style and a tooltip; no folium.

Each page is opened in Debian's Chromium (Playwright, the flags of ``tests/browser.py``, every
request that is not ``file:``, ``data:`` or ``about:`` aborted), ``RUNS`` times, interleaved,
each in a fresh browser context, and the medians are reported:

One unmeasured warm-up load comes first (the first page a fresh browser opens is slower).

* *FCP*: ``first-contentful-paint`` of ``performance.getEntriesByType('paint')``;
* *layers ready*: the end of the first frame in which the map holds all its layers (the count
  it settles at) and has stopped zooming, i.e. with the canvas drawn at the final view (both
  pages fit the view before adding their layers);
  polled from an init script on every animation frame, which also records when the layers were
  all added (``layers_added_ms``) and when the map object appeared (``map_created_ms``);
* *heap*: ``performance.memory.usedJSHeapSize`` once the layers are ready, and again after a
  forced garbage collection (DevTools ``HeapProfiler.collectGarbage``);
* *zoom step*: ``map.setZoom(map.getZoom() + 1)`` until ``zoomend`` and the next animation
  frame (Leaflet's zoom animation, 250 ms of it a fixed timer); *redraw*: the same step back
  out with ``{animate: false}``, i.e. the re-projection and canvas redraw alone.

Plans are built in a child process with a time limit (``--plan-timeout``). A station whose
plan does not finish in time is built again without patrol planning
(``make_plan(..., patrol=False)``: its page has no patrol lines and no posts), marked † in the
table and ``no_patrol`` in the JSON; ``--no-stand-in`` leaves such a station out instead.

    .venv/bin/python bench/maps.py                  # 100, 2,000, 10,000 villages; ~5 min
    .venv/bin/python bench/maps.py --sizes 100 --runs 1
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import queue as queue_mod
import re
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (100, 2_000, 10_000)
RUNS = 3
PLAN_TIMEOUT_S = 180.0
GOALS = {2_000: (3.0, 0.5), 10_000: (8.0, 1.5)}  # villages: (MB, seconds)
VIEWPORT = {"width": 1200, "height": 1100}
PAGE_TIMEOUT_MS = 180_000
MB = 1e6

# --- building the pages (in a child process) ---------------------------------------------------

FLOOR_TEMPLATE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
<style>html,body,#map{{width:100%;height:100%;margin:0}}</style>
</head><body><div id="map"></div>
<script>
const zones = {zones};
const villages = {villages};
const map = (window.map = L.map("map", {{preferCanvas: true}}));
map.fitBounds({bounds});
L.geoJSON(zones, {{
  style: (f) => ({{color: "#333333", weight: 2.5, fillColor: f.properties.c, fillOpacity: 0.4}}),
}}).bindTooltip((l) => l.feature.properties.name, {{sticky: true}}).addTo(map);
L.geoJSON(villages, {{style: {{color: "#555555", weight: 0.8, fillOpacity: 0}}}})
  .bindTooltip((l) => l.feature.properties.name + "<br>" + l.feature.properties.zone,
    {{sticky: true}})
  .addTo(map);
</script></body></html>
"""


def _json(data: Any) -> str:
    """Compact JSON for an inline ``<script>`` (UTF-8, ``</`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/")


def floor_html(plan) -> str:
    """The bare Leaflet page of ``plan``'s zones and villages (see the module docstring)."""
    import numpy as np
    import shapely
    from shapely.geometry import mapping

    from maps.offline import _assets
    from maps.plan_map import display_layers, zone_colors
    from maps.scenario_map import COORD_DECIMALS
    from zones.zoning.polygons import ZONE_ID

    crs = plan.villages.estimate_utm_crs()
    zones, villages, _ = display_layers(plan, crs)
    colors = zone_colors(plan.zones.loc[zones.index].to_crs(crs))

    def features(frame, props):
        geoms = shapely.transform(
            np.asarray(frame.geometry.array, dtype=object),
            lambda xy: np.round(xy, COORD_DECIMALS),
        )
        return {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "properties": props(i, row), "geometry": mapping(g)}
                for i, (g, (_, row)) in enumerate(zip(geoms, frame.iterrows(), strict=True))
            ],
        }

    zone_fc = features(zones, lambda i, r: {"name": f"责任区 {r[ZONE_ID]}", "c": colors[i]})
    village_fc = features(
        villages, lambda i, r: {"name": str(r["name"]), "zone": f"责任区 {r[ZONE_ID]}"}
    )
    west, south, east, north = zones.total_bounds
    (_, js), _ = _assets()[0]
    ((_, css),) = _assets()[1]
    return FLOOR_TEMPLATE.format(
        css=css,
        js=js,
        zones=_json(zone_fc),
        villages=_json(village_fc),
        bounds=json.dumps([[south, west], [north, east]]),
    )


def build_station(n: int, folder: str, runs: int, stand_in: bool, queue) -> None:
    """Child process: scenario → plan → both pages; puts a dict of timings and paths."""
    try:
        import maps
        import zones
        from zones.synth import make_scenario_layers, write_scenario

        out: dict[str, Any] = {"villages": n, "no_patrol": stand_in}
        start = time.perf_counter()
        layers = make_scenario_layers(n, seed=1, n_incidents=min(20 * n, 20_000))
        with tempfile.TemporaryDirectory() as scenario_dir:
            write_scenario(layers, scenario_dir)
            scenario = zones.read_scenario(scenario_dir)
        out["scenario_s"] = time.perf_counter() - start
        queue.put({"stage": "scenario"})
        start = time.perf_counter()
        options = {"patrol": False} if stand_in else {}
        plan = zones.make_plan(scenario, n_zones=max(4, n // 50), **options)
        out["plan_s"] = time.perf_counter() - start
        queue.put({"stage": "plan"})
        out["zones"] = len(plan.zones)
        out["incidents"] = len(plan.incidents) if plan.incidents is not None else 0

        ours = Path(folder) / f"ours_{n}.html"
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            maps.save_html(plan, ours)
            times.append(time.perf_counter() - start)
        out["ours"] = {"path": str(ours), "build_s": times}

        floor = Path(folder) / f"floor_{n}.html"
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            floor.write_text(floor_html(plan), encoding="utf-8")
            times.append(time.perf_counter() - start)
        out["floor"] = {"path": str(floor), "build_s": times}
        queue.put(out)
    except BaseException:  # noqa: BLE001  (reported to the parent)
        queue.put({"villages": n, "error": traceback.format_exc()})


def build(n: int, folder: str, runs: int, timeout: float, stand_in: bool) -> dict[str, Any]:
    """Run :func:`build_station` in a fresh process; ``{"timeout_s": …}`` if ``make_plan``
    takes longer than ``timeout`` seconds (the scenario and the pages have no limit)."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=build_station, args=(n, folder, runs, stand_in, queue))
    start = time.perf_counter()
    proc.start()
    result: dict[str, Any] = {"stage": None}
    for stage, limit in (("scenario", None), ("plan", timeout), (None, None)):
        if "stage" not in result:  # an error came first
            break
        try:
            result = queue.get(timeout=limit)
        except queue_mod.Empty:
            proc.terminate()
            proc.join()
            return {"villages": n, "timeout_s": timeout, "no_patrol": stand_in}
        if result.get("stage") != stage:
            break
    proc.join()
    result["wall_s"] = time.perf_counter() - start
    return result


# --- where our page's bytes go -----------------------------------------------------------------


def breakdown(path: Path) -> dict[str, Any]:
    """Bytes of our page by part: inlined assets, the shared borders (topology), each overlay.

    An overlay is its script, from its ``var feature_group_… =`` to the next one, plus the
    JSON data blocks its compact layers read (``zp.layer("…_data", …)``); for folium GeoJSON
    layers (patrols, posts, station) the data is inside the script.
    """
    html = path.read_text(encoding="utf-8")
    size = len(html.encode("utf-8"))
    parts: dict[str, int] = {}
    for label, pattern in (
        ("leaflet.js", r'src="data:text/javascript;base64,LyogQHByZXNlcnZl[^"]*"'),
        ("jquery.js", r'src="data:text/javascript;base64,LyohIGpRdWVyeS[^"]*"'),
        ("leaflet.css", r'href="data:text/css;base64,[^"]*"'),
    ):
        parts[label] = sum(len(m.group(0)) for m in re.finditer(pattern, html))
    blocks = {
        m.group(1): len(m.group(0).encode("utf-8"))
        for m in re.finditer(r'<script type="application/json" id="([^"]+)">.*?</script>', html)
    }
    parts["topology"] = sum(v for k, v in blocks.items() if k.startswith("topology_"))
    overlays = [
        (json.loads(m.group(1)), m.group(2))
        for m in re.finditer(r'^\s*("(?:[^"\\]|\\.)*") : (feature_group_[0-9a-f]+),$', html, re.M)
    ]
    starts = sorted((html.index(f"var {fg} = L.featureGroup("), name) for name, fg in overlays)
    end = html.index("_layers = {\n                base_layers")
    layers = {}
    for (a, name), (b, _) in zip(starts, [*starts[1:], (end, None)], strict=True):
        chunk = html[a:b]
        data = sum(blocks.get(i, 0) for i in re.findall(r'zp\.layer\("([^"]+)"', chunk))
        layers[name] = {"bytes": len(chunk.encode("utf-8")) + data, "data_bytes": data}
    accounted = sum(parts.values()) + sum(v["bytes"] for v in layers.values())
    return {"total": size, "assets": parts, "layers": layers, "rest": size - accounted}


# --- measuring in Chromium ---------------------------------------------------------------------

INIT_JS = """(() => {
  const name = %s;
  const b = (window.__bench = {timeline: [], ready: false});
  const channel = new MessageChannel();
  const pending = [];
  channel.port1.onmessage = () => {
    const e = pending.shift();
    if (e) e.drawn = performance.now();
  };
  let last = "", stable = 0;
  function poll() {
    const m = window[name];
    const count = m && m._layers ? Object.keys(m._layers).length : 0;
    const moving = !!(m && (m._animatingZoom || (m._panAnim && m._panAnim._inProgress)));
    const state = count + "/" + moving;
    if (state !== last) {
      // the message is handled after this frame's rendering: Leaflet's canvas redraw included
      const e = {count, moving, seen: performance.now(), drawn: null};
      b.timeline.push(e);
      pending.push(e);
      channel.port2.postMessage(0);
      last = state;
      stable = 0;
    } else if (count > 0 && !moving && document.readyState === "complete" && ++stable >= 10) {
      b.count = count;
      b.added = b.timeline.find((e) => e.count === count).drawn;
      // the settled state, i.e. after the initial fitBounds animation, if there is one
      b.layersReady = b.timeline[b.timeline.length - 1].drawn;
      b.ready = true;
      return;
    }
    requestAnimationFrame(poll);
  }
  requestAnimationFrame(poll);
})();"""

ZOOM_JS = """([name, step, animate]) => new Promise((resolve) => {
  const m = window[name];
  const t0 = performance.now();
  m.once("zoomend", () => requestAnimationFrame(() => resolve(performance.now() - t0)));
  m.setZoom(m.getZoom() + step, animate ? {} : {animate: false});
})"""

PAINT_JS = """() => Object.fromEntries(
  performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]))"""

HEAP_JS = "() => performance.memory.usedJSHeapSize"

NAVIGATION_JS = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  return {responseEnd: n.responseEnd, domInteractive: n.domInteractive,
          domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd};
}"""


def map_name(path: Path) -> str:
    """The global variable holding the page's ``L.Map``."""
    with path.open(encoding="utf-8") as f:
        head = f.read()
    found = re.search(r"var (map_[0-9a-f]+) = L\.map\(", head)
    return found.group(1) if found else "map"


def measure(browser, path: Path, name: str) -> dict[str, Any]:
    """One load of ``path`` in a fresh context: paint, layers, heap, zoom (ms and bytes)."""
    blocked: list[str] = []
    errors: list[str] = []
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "about:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    ctx.add_init_script(INIT_JS % json.dumps(name))
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.as_uri(), wait_until="load", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_function("window.__bench.ready", timeout=PAGE_TIMEOUT_MS, polling=100)
        bench = page.evaluate("window.__bench")
        paint = page.evaluate(PAINT_JS)
        navigation = page.evaluate(NAVIGATION_JS)
        heap_load = page.evaluate(HEAP_JS)
        cdp = ctx.new_cdp_session(page)
        cdp.send("HeapProfiler.collectGarbage")
        page.wait_for_timeout(200)
        heap_gc = page.evaluate(HEAP_JS)
        zoom = page.evaluate(ZOOM_JS, [name, 1, True])
        page.wait_for_timeout(200)
        redraw = page.evaluate(ZOOM_JS, [name, -1, False])
    finally:
        ctx.close()
    return {
        "fcp_ms": paint.get("first-contentful-paint"),
        "first_paint_ms": paint.get("first-paint"),
        "map_created_ms": next((e["seen"] for e in bench["timeline"] if e["count"]), None),
        "layers_added_ms": bench["added"],
        "layers_ready_ms": bench["layersReady"],
        "layer_count": bench["count"],
        "heap_load_bytes": heap_load,
        "heap_gc_bytes": heap_gc,
        "zoom_step_ms": zoom,
        "redraw_ms": redraw,
        "navigation_ms": navigation,
        "timeline": bench["timeline"],
        "blocked": blocked,
        "errors": errors,
    }


def browse(pages: list[tuple[int, str, Path]], runs: int) -> dict[tuple[int, str], list[dict]]:
    """Measure every page ``runs`` times, interleaved (run 1 of all pages, then run 2, …)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    args = [*CHROMIUM_ARGS, "--enable-precise-memory-info"]
    names = {path: map_name(path) for _, _, path in pages}
    out: dict[tuple[int, str], list[dict]] = {(n, kind): [] for n, kind, _ in pages}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=args, headless=True)
        try:
            measure(browser, pages[0][2], names[pages[0][2]])  # warm-up, not counted
            for run in range(runs):
                for n, kind, path in pages:
                    result = measure(browser, path, names[path])
                    out[(n, kind)].append(result)
                    print(
                        f"  run {run + 1}: {n:>6,} {kind:<5} "
                        f"FCP {result['fcp_ms']:.0f} ms, ready {result['layers_ready_ms']:.0f} ms, "
                        f"zoom {result['zoom_step_ms']:.0f} ms",
                        flush=True,
                    )
        finally:
            browser.close()
    return out


# --- report ------------------------------------------------------------------------------------


def _median(runs: list[dict], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(values) if values else None


def summarise(station: dict, kind: str, runs: list[dict]) -> dict[str, Any]:
    page = station[kind]
    path = Path(page["path"])
    row = {
        "size_bytes": path.stat().st_size,
        "build_s": statistics.median(page["build_s"]),
        "runs": runs,
    }
    for key in (
        "fcp_ms",
        "first_paint_ms",
        "map_created_ms",
        "layers_added_ms",
        "layers_ready_ms",
        "layer_count",
        "heap_load_bytes",
        "heap_gc_bytes",
        "zoom_step_ms",
        "redraw_ms",
    ):
        row[key] = _median(runs, key)
    row["blocked"] = sorted({u for r in runs for u in r["blocked"]})
    row["errors"] = sorted({e for r in runs for e in r["errors"]})
    return row


def table(results: list[dict]) -> str:
    lines = [
        "| villages (zones) | page | HTML | build | FCP | layers ready | heap (load / GC) "
        "| zoom step | redraw | Leaflet layers |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for st in results:
        label = f"{st['villages']:,} ({st.get('zones', '—')})"
        if st.get("no_patrol"):
            label += " †"
        if "ours_summary" not in st:
            why = "plan timed out" if "timeout_s" in st else "failed"
            lines.append(f"| {label} | — | {why} | | | | | | | |")
            continue
        for kind, title in (("ours_summary", "ours"), ("floor_summary", "bare floor")):
            r = st[kind]
            lines.append(
                f"| {label} | {title} | {r['size_bytes'] / MB:.2f} MB | {r['build_s']:.2f} s "
                f"| {r['fcp_ms'] / 1000:.2f} s | {r['layers_ready_ms'] / 1000:.2f} s "
                f"| {r['heap_load_bytes'] / MB:.0f} / {r['heap_gc_bytes'] / MB:.0f} MB "
                f"| {r['zoom_step_ms'] / 1000:.2f} s | {r['redraw_ms'] / 1000:.2f} s "
                f"| {r['layer_count']:,} |"
            )
    return "\n".join(lines)


def goals(results: list[dict]) -> list[str]:
    out = []
    for st in results:
        if st["villages"] not in GOALS:
            continue
        mb, seconds = GOALS[st["villages"]]
        if "ours_summary" not in st:
            out.append(f"{st['villages']:,} villages: not measured (plan did not finish)")
            continue
        ours, floor = st["ours_summary"], st["floor_summary"]
        size = ours["size_bytes"] / MB
        ready = ours["layers_ready_ms"] / 1000
        fcp = ours["fcp_ms"] / 1000
        out.append(
            f"{st['villages']:,} villages: size {size:.2f} MB vs ≤ {mb:g} MB "
            f"{'met' if size <= mb else 'NOT met'} ({size / (floor['size_bytes'] / MB):.2f}× "
            f"the floor); layers ready {ready:.2f} s vs ≤ {seconds:g} s "
            f"{'met' if ready <= seconds else 'NOT met'} "
            f"({ready / (floor['layers_ready_ms'] / 1000):.2f}× the floor); "
            f"FCP {fcp:.2f} s ({fcp / (floor['fcp_ms'] / 1000):.2f}× the floor)"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--plan-timeout", type=float, default=PLAN_TIMEOUT_S)
    parser.add_argument(
        "--no-stand-in",
        action="store_true",
        help="when a plan times out, leave the station out (default: rebuild it without "
        "patrol planning, so its page has no patrol lines and posts)",
    )
    parser.add_argument("--keep", type=Path, help="keep the pages in this folder")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "maps.json")
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="zp-maps-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        print(f"building {n:,} villages …", flush=True)
        station = build(n, str(folder), args.runs, args.plan_timeout, stand_in=False)
        if "timeout_s" in station and not args.no_stand_in:
            print(
                f"  plan timed out after {args.plan_timeout:.0f} s; again without patrols",
                flush=True,
            )
            retry = build(n, str(folder), args.runs, args.plan_timeout, stand_in=True)
            retry["first_attempt"] = station
            station = retry
        if "error" in station:
            print(station["error"], file=sys.stderr)
        elif "timeout_s" not in station:
            print(
                f"  scenario {station['scenario_s']:.1f} s, plan {station['plan_s']:.1f} s, "
                f"ours {statistics.median(station['ours']['build_s']):.2f} s, "
                f"floor {statistics.median(station['floor']['build_s']):.2f} s",
                flush=True,
            )
        results.append(station)

    pages = [
        (st["villages"], kind, Path(st[kind]["path"]))
        for st in results
        if "ours" in st
        for kind in ("ours", "floor")
    ]
    print("measuring in Chromium …", flush=True)
    measured = browse(pages, args.runs) if pages else {}
    for st in results:
        if "ours" in st:
            for kind in ("ours", "floor"):
                st[f"{kind}_summary"] = summarise(st, kind, measured[(st["villages"], kind)])
            st["ours_breakdown"] = breakdown(Path(st["ours"]["path"]))

    print()
    print(table(results))
    print()
    for line in goals(results):
        print("-", line)
    for st in results:
        if "ours_breakdown" in st:
            b = st["ours_breakdown"]
            parts = {**b["assets"], **{k: v["bytes"] for k, v in b["layers"].items()}}
            parts["rest"] = b["rest"]
            shown = ", ".join(f"{k} {v / MB:.2f}" for k, v in parts.items())
            print(f"- ours at {st['villages']:,} (MB): {shown}")
        for kind in ("ours_summary", "floor_summary"):
            if st.get(kind, {}).get("blocked") or st.get(kind, {}).get("errors"):
                print(
                    f"- {st['villages']:,} {kind}: blocked/errors",
                    st[kind]["blocked"],
                    st[kind]["errors"],
                )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "runs": args.runs,
        "results": results,
    }
    args.out.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\nwrote {args.out}")
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
