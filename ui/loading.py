"""Reading the scenario shown in the app: the bundled sample or the user's uploads.

Reads are cached with ``st.cache_resource`` (a :class:`~zones.model.Scenario` holds
GeoDataFrames, which ``cache_data`` would pickle on every hit). Uploads are keyed on a SHA-256
digest of their names and bytes plus the read options, so the bytes are hashed once per rerun.
A :class:`~zones.errors.ScenarioError` is a normal outcome and is cached too; any other exception
is logged and turned into a translated message, never a traceback.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

import streamlit as st

import zones
from zones.errors import ScenarioError
from zones.model import Scenario

logger = logging.getLogger(__name__)

MAX_UPLOAD_MB = 50  # matches server.maxUploadSize in .streamlit/config.toml
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
CACHED_UPLOADS = 8  # distinct uploads kept in memory, shared by all sessions


@dataclass(frozen=True)
class ReadOptions:
    """How uploaded coordinates are to be read."""

    coord_source: str = "wgs84"
    swap_axes: bool = False


@dataclass(frozen=True)
class Loaded:
    """The outcome of a read: a scenario, a scenario error with its report, or a message.

    ``message_key``/``message_params`` name an ``app.*`` text for problems found before or
    outside the reader (size cap, duplicate names, unexpected failures). ``key`` identifies the
    scenario's content (the sample's path, or the uploads' digest) for the plan caches.
    """

    scenario: Scenario | None = None
    key: str = ""
    error: ScenarioError | None = None
    message_key: str | None = None
    message_params: Mapping[str, object] = field(default_factory=dict)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _digest(files: Mapping[str, bytes], options: ReadOptions) -> str:
    h = hashlib.sha256()
    h.update(f"{options.coord_source}|{options.swap_axes}|".encode())
    for name in sorted(files):
        content = files[name]
        h.update(f"{len(name)}:{name}|{len(content)}|".encode())
        h.update(content)
    return h.hexdigest()


@st.cache_resource(show_spinner=False, max_entries=2)
def _read_sample(path: str) -> Loaded:
    """Read the sample folder once per server process."""
    try:
        scenario = zones.read_scenario(path)
    except ScenarioError as exc:
        return Loaded(error=exc)
    return Loaded(scenario=scenario, key=f"sample:{path}")


@st.cache_resource(show_spinner=False, max_entries=CACHED_UPLOADS, ttl=3600)
def _read_upload(
    digest: str, coord_source: str, swap_axes: bool, _files: Mapping[str, bytes]
) -> Loaded:
    """Read uploads; cached on ``digest`` and the options (``_files`` is not hashed again)."""
    try:
        scenario = zones.read_scenario_bytes(
            _files, name="upload", coord_source=coord_source, swap_axes=swap_axes
        )
    except ScenarioError as exc:  # UploadError included
        return Loaded(error=exc)
    return Loaded(scenario=scenario, key=f"upload:{digest}")


def load_sample() -> Loaded:
    """The bundled synthetic scenario (always read as WGS 84)."""
    try:
        return _read_sample(str(zones.SAMPLE_PATH))
    except Exception:
        logger.exception("reading the bundled sample failed")
        return Loaded(message_key="app.error.unexpected")


def check_upload_sizes(sizes: Mapping[str, int]) -> Loaded | None:
    """Refuse uploads over the cap before reading them; ``None`` when they are acceptable."""
    for name, size in sizes.items():
        if size > MAX_UPLOAD_BYTES:
            params = {"name": name, "size": _mb(size), "limit": MAX_UPLOAD_MB}
            return Loaded(message_key="app.error.file_too_large", message_params=params)
    total = sum(sizes.values())
    if total > MAX_UPLOAD_BYTES:
        params = {"size": _mb(total), "limit": MAX_UPLOAD_MB}
        return Loaded(message_key="app.error.total_too_large", message_params=params)
    return None


def load_upload(files: Mapping[str, bytes], options: ReadOptions) -> Loaded:
    """Read uploaded files (filename → bytes, all in memory; names are never used as paths)."""
    refused = check_upload_sizes({name: len(content) for name, content in files.items()})
    if refused is not None:
        return refused
    digest = _digest(files, options)
    try:
        return _read_upload(digest, options.coord_source, options.swap_axes, _files=files)
    except Exception:
        logger.exception("reading uploaded files failed: %s", sorted(files))
        return Loaded(message_key="app.error.unexpected")
