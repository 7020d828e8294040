"""Shared fixtures: the bundled sample, the bad-input cases, small hand-made scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zones

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "data" / "cases"


@pytest.fixture(scope="session")
def sample() -> zones.Scenario:
    """The bundled synthetic sample (data/sample), read once per test session."""
    return zones.read_scenario(zones.SAMPLE_PATH)


@pytest.fixture(scope="session")
def cases_manifest() -> dict:
    """What each bad-input case under tests/data/cases must report."""
    return json.loads((CASES / "cases.json").read_text(encoding="utf-8"))


def case_files(name: str) -> dict[str, bytes]:
    """The files of one case folder as ``{name: bytes}`` (as an upload would deliver them)."""
    return {p.name: p.read_bytes() for p in sorted((CASES / name).iterdir())}
