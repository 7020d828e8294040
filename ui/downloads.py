"""The files the export and roster tabs hand out, built only when asked and cached per plan.

Streamlit runs a download button's ``data`` callable when the user clicks it (on a thread of its
own, outside the script run), so the page never waits for a file nobody asked for. The builders
here are those callables' bodies: plain functions of a plan (no Streamlit calls), cached in a
small process-wide LRU keyed on the plan's content :func:`fingerprint`, so a second click, or a
second session looking at the same plan, gets the bytes at once. Plan-folder files come from one
:func:`zones.plan.files.write_plan` into a temporary folder, read back into memory.

File names are for people: ``<station>-<what>-<date>[-<profile>].<ext>`` in the page's
language, e.g. ``白海子派出所-责任区方案-2026-12-07-公开.html`` or
``白海子派出所-zone-plan-2026-12-07-public.html`` (:func:`file_name`), safe on Windows, macOS and
Linux (no reserved characters, no control characters, no path, no trailing dot).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import tempfile
import threading
import weakref
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

import maps
from maps.people import INTERNAL, PROFILES, public_plan
from ui.i18n import t
from zones.plan.files import write_plan
from zones.plan.pipeline import Plan
from zones.writers import write_csv, write_xlsx

CACHE_ENTRIES = 32  # built files kept in memory, all sessions together ...
CACHE_BYTES = 512 * 1024 * 1024  # ... and at most this many bytes of them
PERSONAL_FILES = frozenset({"officers.csv"})  # names and phones: internal profile only
MIME = {
    "html": "text/html",
    "zip": "application/zip",
    "gpkg": "application/geopackage+sqlite3",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}

_lock = threading.Lock()
_cache: OrderedDict[Hashable, object] = OrderedDict()
_fingerprints: weakref.WeakKeyDictionary[Plan, str] = weakref.WeakKeyDictionary()
# reserved on Windows (<>:"/\|?*), control characters, and white space (kept out of names)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]+')
_RUNS = re.compile(r"[-.]{2,}|-[-._]+|[._]+-")
STEM_CHARS = 40
"""A station's name is cut to this many characters in a file name."""
FILE_WORDS = ("map", "plan", "layers", "tables", "zones", "villages", "roster")
"""What a download can be (the ``what`` of :func:`file_name`, with ``-public`` or
``-internal`` for the files whose content depends on the profile)."""


def _hash_frame(digest: Any, frame: pd.DataFrame | None) -> None:
    """Feed a table to ``digest``: its columns, values and geometries (WKB)."""
    if frame is None:
        digest.update(b"<none>")
        return
    table = pd.DataFrame(frame)
    if isinstance(frame, gpd.GeoDataFrame) and frame.geometry.name in table:
        geometry = frame.geometry
        table = table.drop(columns=geometry.name)
        for wkb in shapely.to_wkb(np.asarray(geometry.array), output_dimension=2):
            digest.update(b"<none>" if wkb is None else wkb)
    digest.update(repr(list(table.columns)).encode())
    digest.update(repr(list(table.index[:1000])).encode())
    if len(table):
        hashed = pd.util.hash_pandas_object(table.astype(str), index=False).to_numpy()
        digest.update(hashed.tobytes())


def fingerprint(plan: Plan) -> str:
    """A short content digest of a plan (its tables, settings, metrics and warnings).

    Two plans with the same content share cached files; any change to zones, villages,
    staffing, roster, patrols or settings gives a new digest. Memoised per plan object.
    """
    with _lock:
        known = _fingerprints.get(plan)
    if known is not None:
        return known
    digest = hashlib.sha256()
    digest.update(plan.name.encode())
    meta = {
        "settings": dict(plan.settings),
        "metrics": dict(plan.metrics),
        "warnings": [
            (w.severity, w.layer, w.feature, w.code, dict(w.params)) for w in plan.warnings
        ],
        "pool": [str(p) for p in plan.pool],
    }
    digest.update(json.dumps(meta, sort_keys=True, default=str, ensure_ascii=False).encode())
    for name in (
        "zones",
        "villages",
        "rooms",
        "patrols",
        "posts",
        "roster",
        "moves",
        "officers",
        "jurisdiction",
        "station",
    ):
        digest.update(name.encode())
        _hash_frame(digest, getattr(plan, name))
    incidents = plan.incidents
    digest.update(str(0 if incidents is None else len(incidents)).encode())
    value = digest.hexdigest()[:12]
    with _lock:
        _fingerprints[plan] = value
    return value


def _size(value: object) -> int:
    if isinstance(value, bytes | str):
        return len(value)
    if isinstance(value, dict):
        return sum(_size(v) for v in value.values())
    return 0


def cached(key: Hashable, build: Callable[[], object]) -> object:
    """``build()`` once per ``key``: an LRU of :data:`CACHE_ENTRIES` entries and
    :data:`CACHE_BYTES` bytes, shared by all sessions (the newest entry is always kept)."""
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = build()  # outside the lock: two first clicks may both build, the result is the same
    with _lock:
        _cache[key] = value
        _cache.move_to_end(key)
        total = sum(_size(v) for v in _cache.values())
        while len(_cache) > 1 and (len(_cache) > CACHE_ENTRIES or total > CACHE_BYTES):
            _, dropped = _cache.popitem(last=False)
            total -= _size(dropped)
    return value


def clear_cache() -> None:
    """Forget every built file (tests; memory)."""
    with _lock:
        _cache.clear()


def safe_stem(name: str, limit: int = STEM_CHARS) -> str:
    """A file-name part from a station's or plan's name, safe on every system; ``""`` if
    nothing is left.

    Characters Windows reserves (``<>:"/\\|?*``), control and bidirectional-control characters
    and white space become ``-``; runs of dots and hyphens become one ``-``; dots, hyphens and
    underscores are stripped from both ends (no ``..``, no hidden file, no trailing dot). Chinese
    and other letters are kept. At most ``limit`` characters.
    """
    stem = _RUNS.sub("-", _UNSAFE.sub("-", name)).strip("-._ ")
    return stem[:limit].strip("-._ ")


def file_name(
    plan: Plan,
    what: str,
    ext: str,
    *,
    lang: str = "zh",
    day: datetime.date | None = None,
) -> str:
    """A download's file name: ``<station>-<what>-<date>[-<profile>].<ext>``.

    Parameters
    ----------
    plan
        The plan; its name (the station's) starts the file name (:func:`safe_stem`).
    what
        One of :data:`FILE_WORDS`, optionally with ``-public`` or ``-internal``
        (``"map-public"``), put into words of ``lang`` (``app.file.*``).
    ext
        The extension, without the dot.
    lang
        ``"zh"`` (default) or ``"en"``.
    day
        The date in the name (default: today).

    Returns
    -------
    str
        E.g. ``白海子派出所-责任区方案-2026-12-07-公开.html``.

    Raises
    ------
    ValueError
        For an unknown ``what`` or profile.
    """
    word, _, profile = what.partition("-")
    if word not in FILE_WORDS or profile not in ("", *PROFILES):
        msg = f"unknown download {what!r}; use one of {', '.join(FILE_WORDS)} (+ -public/-internal)"
        raise ValueError(msg)
    station = safe_stem(plan.name) or t("app.file.untitled", lang)
    parts = [station, t(f"app.file.{word}", lang), (day or datetime.date.today()).isoformat()]
    if profile:
        parts.append(t(f"app.file.{profile}", lang))
    return f"{'-'.join(parts)}.{safe_stem(ext, 10) or 'bin'}"


def _check_profile(profile: str) -> None:
    if profile not in PROFILES:
        msg = f"unknown profile {profile!r}; use {' or '.join(repr(p) for p in PROFILES)}"
        raise ValueError(msg)


def map_html(plan: Plan, *, lang: str, profile: str) -> bytes:
    """The offline HTML map of ``plan`` (:func:`maps.make_map` + :func:`maps.render_html`)."""
    _check_profile(profile)

    def build() -> bytes:
        return maps.render_html(maps.make_map(plan, lang=lang, profile=profile)).encode("utf-8")

    return cached(("html", fingerprint(plan), lang, profile), build)  # type: ignore[return-value]


def plan_files(plan: Plan) -> dict[str, bytes]:
    """Every file :func:`zones.plan.files.write_plan` writes for ``plan``, by file name."""

    def build() -> dict[str, bytes]:
        with tempfile.TemporaryDirectory(prefix="zoneplanner-export-") as folder:
            written = write_plan(plan, folder)
            return {Path(path).name: Path(path).read_bytes() for path in written}

    return cached(("folder", fingerprint(plan)), build)  # type: ignore[return-value]


def plan_zip(plan: Plan, *, profile: str) -> bytes:
    """The plan folder as a zip (files at its top level; :func:`zones.read_plan` reads it).

    The public profile leaves out ``officers.csv`` (names, phones) and the columns that tell
    where officers live (:func:`maps.people.public_plan`); its layers carry officer ids only.
    """
    _check_profile(profile)

    def build() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            # the public copy has no officers layer, so write_plan writes no officers.csv
            source = plan if profile == INTERNAL else public_plan(plan)
            for name, content in plan_files(source).items():
                archive.writestr(name, content)
        return buffer.getvalue()

    return cached(("zip", fingerprint(plan), profile), build)  # type: ignore[return-value]


def plan_file(plan: Plan, name: str) -> bytes:
    """One plan-folder file: ``plan.gpkg``, ``plan.xlsx``, ``zones.csv``, ``villages.csv``."""
    if name in PERSONAL_FILES:
        msg = f"{name} holds personal data; it is only handed out inside the internal zip"
        raise ValueError(msg)
    files = plan_files(public_plan(plan))  # these single files are public: no homes, no names
    if name not in files:
        msg = f"write_plan wrote no {name} (it wrote {', '.join(sorted(files))})"
        raise KeyError(msg)
    return files[name]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV: UTF-8 with BOM, formula-like text guarded (``write_csv``)."""
    buffer = io.BytesIO()
    write_csv(frame, buffer)  # type: ignore[arg-type]  # pandas writes to a binary buffer too
    return buffer.getvalue()


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Tables as one XLSX workbook (sheet → table); formula-like text stays text."""
    buffer = io.BytesIO()
    write_xlsx(sheets, buffer)
    return buffer.getvalue()
