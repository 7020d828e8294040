"""Fuzzing the scenario and plan readers with hostile inputs (strategies: tests/fuzz_strategies.py).

For every generated input:

- ``zones.read_scenario_bytes(files)`` returns a Scenario or raises ``ScenarioError`` (an
  ``UploadError`` included), and ``zones.plan.edits.read_plan_bytes(data)`` returns a Plan or
  raises ``PlanFileError`` -- one that ``read_plan`` raised on purpose, not its catch-all
  wrapping some other exception; any other exception fails the test with its traceback;
- within a time bound (wall time per call: a hang guard, not a speed claim; a call still
  running after ``HANG_SECONDS`` is interrupted) and a memory bound (the tracemalloc peak, and
  the growth of the process's peak RSS, which also sees GDAL, GEOS and SQLite);
- without reading anything outside the input: the planted secret (a name and a phone in a
  folder the inputs point at) appears nowhere in the result or in the error (both languages);
  nothing opens or lists that folder, neither Python (an audit hook) nor C code such as GDAL
  or PROJ (inotify on the folder); and nothing asks the local server that would serve it.

The normal run (``make test``) tries 15 examples per test (the "fuzz-quick" profile). A longer
run uses the "fuzz" profile, selected by ``ZONES_FUZZ_EXAMPLES``::

    make fuzz                                   # 500 examples per test
    make fuzz FUZZ_EXAMPLES=2000                # or any number
    ZONES_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/test_fuzz.py -k geopackage
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import os
import signal
import struct
import sys
import threading
import time
import traceback
import tracemalloc
import urllib.request
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyogrio
import pytest
from hypothesis import HealthCheck, currently_in_test_context, given, settings
from hypothesis import event as _event

import zones
from tests import fuzz_strategies as fs
from zones import columns as C
from zones.errors import ScenarioError
from zones.plan.edits import read_plan_bytes
from zones.plan.files import PlanFileError

TIME_LIMIT_S = 20.0
"""Most wall time one call may take (the readers' own GeoPackage limit is 20 s of SQLite)."""
HANG_SECONDS = 60
"""A call still running after this long is interrupted (and its stack dumped soon after)."""
TRACED_LIMIT_MB = 300
"""Largest tracemalloc peak of one call."""
RSS_LIMIT_MB = 1024
"""Largest growth of the process's peak resident memory during one call."""

# the examples are files of up to a few hundred kB: Hypothesis may warn that their repr is long
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

EXAMPLES = int(os.environ.get("ZONES_FUZZ_EXAMPLES") or 0)
_COMMON = {
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
}
# CI runs a fixed set of examples (derandomized) so that main stays green by the code alone;
# `make fuzz` explores new ones with a fresh seed
settings.register_profile("fuzz-quick", max_examples=15, derandomize=True, **_COMMON)
settings.register_profile("fuzz", max_examples=EXAMPLES or 500, **_COMMON)
FUZZ = settings.get_profile("fuzz" if EXAMPLES else "fuzz-quick")


# --------------------------------------------------------------------------------------------
# watching a call
# --------------------------------------------------------------------------------------------

_AUDIT: list[str] | None = None  # a list while a call is watched; audit hooks stay for good
_AUDIT_HOOKED = False
_AUDITED_EVENTS = frozenset({"open", "os.listdir", "os.scandir", "shutil.copyfile", "os.rename"})


def _audit(event: str, args: tuple) -> None:
    record = _AUDIT
    if record is None or event not in _AUDITED_EVENTS or not args:
        return
    with contextlib.suppress(Exception):  # an audit hook must never raise into the caller
        path = args[0]
        if isinstance(path, str | bytes | os.PathLike):
            text = os.fsdecode(path)
            if fs.secret_dir().name in text:
                record.append(f"{event} {text}")


def _hook_audit() -> None:
    global _AUDIT_HOOKED
    if not _AUDIT_HOOKED:
        sys.addaudithook(_audit)
        _AUDIT_HOOKED = True


class _Inotify:
    """Kernel-level opens and reads of the files in one folder (Linux inotify via libc)."""

    IN_ACCESS = 0x001
    IN_OPEN = 0x020
    IN_NONBLOCK = 0o4000
    IN_CLOEXEC = 0o2000000
    IN_ISDIR = 0x40000000

    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.fd = libc.inotify_init1(self.IN_NONBLOCK | self.IN_CLOEXEC)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        watch = libc.inotify_add_watch(self.fd, os.fsencode(folder), self.IN_OPEN | self.IN_ACCESS)
        if watch < 0:
            os.close(self.fd)
            raise OSError(ctypes.get_errno(), "inotify_add_watch")

    def events(self) -> list[str]:
        found = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return found
            at = 0
            while at + 16 <= len(data):
                _wd, mask, _cookie, size = struct.unpack_from("iIII", data, at)
                name = data[at + 16 : at + 16 + size].rstrip(b"\0").decode(errors="replace")
                kind = "open" if mask & self.IN_OPEN else "read"
                found.append(f"{kind} {name or '(the folder)'}")
                at += 16 + size


_INOTIFY: _Inotify | None = None


def _inotify() -> _Inotify | None:
    global _INOTIFY
    if _INOTIFY is None:
        with contextlib.suppress(OSError, AttributeError):
            _INOTIFY = _Inotify(fs.secret_dir())
    return _INOTIFY


def _rss_kb(field_name: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak_rss() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class HangError(Exception):
    """A call ran past ``HANG_SECONDS`` (raised from the SIGALRM handler)."""


def _on_alarm(signum: int, frame: object) -> None:
    msg = f"the call was still running after {HANG_SECONDS} s"
    raise HangError(msg)


@dataclass
class Watch:
    """What happened during one watched call."""

    opened: list[str] = field(default_factory=list)  # Python-level, from the audit hook
    kernel: list[str] = field(default_factory=list)  # inotify events in the secret's folder
    requests: list[str] = field(default_factory=list)  # paths asked of the secret server
    seconds: float = 0.0
    traced_mb: float = 0.0
    rss_mb: float | None = None
    warned: list[str] = field(default_factory=list)

    def assert_contained(self, texts: list[str]) -> None:
        """The call read nothing outside its input and stayed in its bounds."""
        blob = "\n".join(texts)
        for secret in fs.SECRET_TEXTS:
            assert secret not in blob, f"the secret {secret!r} leaked into the result or error"
        assert not self.opened, f"Python opened the secret's folder: {self.opened}"
        assert not self.kernel, f"something opened the secret's folder: {self.kernel}"
        assert not self.requests, f"something fetched from the secret server: {self.requests}"
        assert self.seconds < TIME_LIMIT_S, f"took {self.seconds:.1f} s"
        assert self.traced_mb < TRACED_LIMIT_MB, f"tracemalloc peak {self.traced_mb:.0f} MB"
        if self.rss_mb is not None:
            assert self.rss_mb < RSS_LIMIT_MB, f"peak RSS grew by {self.rss_mb:.0f} MB"


@contextlib.contextmanager
def watched() -> Iterator[Watch]:
    """Watch the block: opens of the secret's folder, requests, time, memory, warnings.

    Warnings are recorded (not raised, as in production) and listed in ``watch.warned``.
    """
    global _AUDIT
    _hook_audit()
    watch = Watch()
    notify = _inotify()
    if notify is not None:
        notify.events()  # drain anything from before
    server = fs.secret_server()
    hits_before = len(server.hits)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    rss_before = _rss_kb("VmRSS") if _reset_peak_rss() else None
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    faulthandler.dump_traceback_later(HANG_SECONDS * 2)
    _AUDIT = watch.opened
    started = time.perf_counter()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield watch
    finally:
        watch.seconds = time.perf_counter() - started
        _AUDIT = None
        faulthandler.cancel_dump_traceback_later()
        if in_main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        watch.traced_mb = tracemalloc.get_traced_memory()[1] / 2**20
        if not was_tracing:
            tracemalloc.stop()
        peak = _rss_kb("VmHWM")
        if rss_before is not None and peak is not None:
            watch.rss_mb = (peak - rss_before) / 1024
        if notify is not None:
            watch.kernel = notify.events()
        watch.requests = server.hits[hits_before:]
        watch.warned = [f"{w.category.__name__}: {w.message}" for w in caught]


# --------------------------------------------------------------------------------------------
# the properties
# --------------------------------------------------------------------------------------------


def _frame_texts(frame: object) -> list[str]:
    if frame is None:
        return []
    texts = [" ".join(map(str, frame.columns)), " ".join(map(str, frame.index))]
    for column in frame.columns:
        if column != "geometry":
            texts.append(" ".join(map(str, frame[column].tolist())))
    return texts


def scenario_texts(scenario: zones.Scenario) -> list[str]:
    texts = [
        scenario.name,
        scenario.report.to_text("zh"),
        scenario.report.to_text("en"),
        repr(dict(scenario.settings)),
    ]
    for name in C.LAYERS:
        texts += _frame_texts(scenario.layer(name))
    return texts


def error_texts(error: ScenarioError) -> list[str]:
    return [
        str(error),
        error.message("zh"),
        error.message("en"),
        error.report.to_text("zh"),
        error.report.to_text("en"),
    ]


def plan_texts(plan: zones.Plan) -> list[str]:
    texts = [
        plan.name,
        repr(plan.metrics),
        repr(plan.settings),
        repr(list(plan.pool)),
        *(i.to_text(lang) for i in plan.warnings for lang in ("zh", "en")),
    ]
    for name in (
        "zones",
        "villages",
        "rooms",
        "patrols",
        "posts",
        "stops",
        "roster",
        "moves",
        "jurisdiction",
        "station",
        "incidents",
        "officers",
    ):
        texts += _frame_texts(getattr(plan, name))
    return texts


def check_scenario(files: dict[str, bytes], **options: object) -> zones.Scenario | ScenarioError:
    """Read ``files``; a Scenario or a ScenarioError, read within bounds and touching nothing
    outside. Any other exception propagates (and fails the test)."""
    outcome: zones.Scenario | ScenarioError
    with watched() as watch:
        try:
            outcome = zones.read_scenario_bytes(files, **options)
        except ScenarioError as exc:
            outcome = exc
    if isinstance(outcome, ScenarioError):
        watch.assert_contained(error_texts(outcome))
        errors = outcome.report.errors
        event(f"refused: {type(outcome).__name__} {errors[0].code if errors else '?'}")
    else:
        assert isinstance(outcome, zones.Scenario)
        watch.assert_contained(scenario_texts(outcome))
        event("read: Scenario")
    _note_warnings(watch)
    return outcome


def check_plan(data: bytes) -> zones.Plan | PlanFileError:
    """Read a plan zip; a Plan or a PlanFileError raised on purpose, within bounds."""
    outcome: zones.Plan | PlanFileError
    with watched() as watch:
        try:
            outcome = read_plan_bytes(data)
        except PlanFileError as exc:
            outcome = exc
    if isinstance(outcome, PlanFileError):
        cause = outcome.__cause__
        texts = [str(outcome), str(cause)]
        watch.assert_contained(texts)
        # read_plan_bytes wraps whatever read_plan raises; read_plan itself promises
        # PlanFileError, so a wrapped exception of another type is a reader bug
        assert cause is None, "read_plan raised a non-project exception:\n" + "".join(
            traceback.format_exception(cause)
        )
        event(f"refused: {str(outcome).split(':')[0][:60]}")
    else:
        assert isinstance(outcome, zones.Plan)
        watch.assert_contained(plan_texts(outcome))
        event("read: Plan")
    _note_warnings(watch)
    return outcome


def event(text: str) -> None:
    """A Hypothesis event (``--hypothesis-show-statistics``), when inside a Hypothesis test."""
    if currently_in_test_context():
        _event(text)


def _note_warnings(watch: Watch) -> None:
    """Warnings are not failures (production shows them, the test records them): they are
    listed among the events of ``--hypothesis-show-statistics``."""
    for text in sorted(set(watch.warned)):
        event(f"warned: {text[:80]}")


# --------------------------------------------------------------------------------------------
# the harness itself
# --------------------------------------------------------------------------------------------


def test_the_harness_sees_a_leak() -> None:
    """The detectors are live: plain GDAL following a VRT, a Python open and a fetch are seen."""
    folder = fs.secret_dir()
    with watched() as watch:
        frame = pyogrio.read_dataframe(folder / "secret.vrt")
    assert fs.SECRET_NAME in " ".join(frame["name"])
    if _inotify() is not None:  # GDAL opens the files in C: only the kernel sees it
        assert any("secret.csv" in e for e in watch.kernel), watch.kernel
    with pytest.raises(AssertionError, match="leaked"):
        watch.assert_contained(_frame_texts(frame))
    with watched() as watch:
        (folder / "secret.csv").read_bytes()
    assert watch.opened
    with watched() as watch, urllib.request.urlopen(f"{fs.secret_server().url}/x.csv") as answer:
        answer.read()
    assert watch.requests == ["/x.csv"]


def test_the_base_inputs_are_valid() -> None:
    """Mutations start from inputs the readers accept (and the watch passes on them)."""
    for files in (
        fs.base_files(),
        {"scenario.zip": fs.zipped(dict(fs.base_files()))},
        {"scenario.gpkg": fs.base_geopackage()},
        {
            "villages.zip": fs.zipped({f"villages{s}": d for s, d in fs.base_shapefile().items()}),
            "officers.csv": fs.base_files()["officers.csv"],
        },
    ):
        scenario = check_scenario(dict(files))
        assert isinstance(scenario, zones.Scenario), scenario
        assert len(scenario.villages) == 3
    plan = check_plan(fs.zipped(dict(fs.base_plan_files())))
    assert isinstance(plan, zones.Plan), plan
    assert len(plan.zones) == 8


# --------------------------------------------------------------------------------------------
# the fuzzers
# --------------------------------------------------------------------------------------------


@FUZZ
@given(files=fs.geojson_bytes_files())
def test_geojson_bytes(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(files=fs.geojson_files(), options=fs.read_options)
def test_geojson_structure(files: dict[str, bytes], options: dict) -> None:
    check_scenario(files, **options)


@FUZZ
@given(files=fs.csv_files(), options=fs.read_options)
def test_officers_csv(files: dict[str, bytes], options: dict) -> None:
    check_scenario(files, **options)


@FUZZ
@given(files=fs.zip_files())
def test_zip_archives(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(files=fs.zip_bytes_files())
def test_zip_bytes(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(files=fs.shapefile_files())
def test_shapefiles(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(files=fs.geopackage_files())
def test_geopackage_sql(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(files=fs.geopackage_bytes_files())
def test_geopackage_bytes(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(files=fs.osm_files())
def test_osm(files: dict[str, bytes]) -> None:
    check_scenario(files)


@FUZZ
@given(data=fs.plan_zip())
def test_plan_members(data: bytes) -> None:
    check_plan(data)


@FUZZ
@given(data=fs.plan_zip_bytes())
def test_plan_bytes(data: bytes) -> None:
    check_plan(data)
