"""Shared fixtures: the bundled sample, the bad-input cases, small hand-made scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zones

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "data" / "cases"


@pytest.fixture(autouse=True)
def _sign_in_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """No users file from the environment or the working folder reaches a test: the app's
    sign-in is off unless a test turns it on (tests/test_auth.py)."""
    from ui import users

    monkeypatch.delenv(users.ENV_VAR, raising=False)
    monkeypatch.setattr(users, "DEFAULT_FILE", TESTS / "no-such-folder" / "users.toml")


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


def grid_units(rows: int, cols: int, weights=None, *, size_m: float = 1000.0):
    """A rows × cols grid of square units (metres, UTM 49N), ids ``r{row}c{col}``.

    ::

        r0c0 r0c1 r0c2      row 0 is the northern edge
        r1c0 r1c1 r1c2
    """
    import geopandas as gpd
    import numpy as np
    import shapely

    cells, ids = [], []
    for r in range(rows):
        for c in range(cols):
            x, y = 500_000 + c * size_m, 4_500_000 - (r + 1) * size_m
            cells.append(shapely.box(x, y, x + size_m, y + size_m))
            ids.append(f"r{r}c{c}")
    w = np.ones(rows * cols) if weights is None else np.asarray(weights, dtype=float)
    return gpd.GeoDataFrame({"w": w}, geometry=cells, index=ids, crs=32649)
