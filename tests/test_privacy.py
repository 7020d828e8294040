"""The privacy profiles (zones/privacy.py): public plan folders carry no names or phones."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from zones import SAMPLE_PATH
from zones.cli import main
from zones.plan.privacy import (
    INTERNAL,
    PERSONAL_COLUMNS,
    PROFILES,
    PUBLIC,
    ProfileError,
    check_profile,
    plan_for_profile,
    public_plan,
)

OFFICERS = pd.read_csv(SAMPLE_PATH / "officers.csv", dtype=str, encoding="utf-8-sig")
NAMES = sorted(OFFICERS["name"].dropna().str.strip().unique())
PHONES = sorted(OFFICERS["phone"].dropna().str.strip().unique())


def _texts(folder: Path) -> dict[str, str]:
    """Every file of a folder as text; zipped files (``plan.xlsx``) unpacked first."""
    texts = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as book:
                data = b"\n".join(book.read(member) for member in book.namelist())
        texts[path.name] = data.decode("utf-8", errors="replace")
    return texts


def _personal(folder: Path) -> dict[str, list[str]]:
    """Names and phone numbers of the sample's officers found in the folder, per file."""
    found = {}
    for name, text in _texts(folder).items():
        hits = [n for n in NAMES if n in text] + [p for p in PHONES if p in text]
        if hits:
            found[name] = hits
    return found


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """``zones plan`` of the sample, written by default, with ``--profile internal`` and with
    ``--profile public --lang en``; each with what the command printed."""
    root = tmp_path_factory.mktemp("profiles")
    runs = {
        "default": [],
        "internal": ["--profile", "internal", "--lang", "en"],
        "public_en": ["--profile", "public", "--lang", "en"],
    }
    out = {}
    for label, extra in runs.items():
        folder = root / label
        argv = ["plan", str(SAMPLE_PATH), "--zones", "6", "--no-patrol", "--out", str(folder)]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main([*argv, *extra]) == 0
        out[label] = (folder, printed.getvalue())
    return out


def test_the_sample_has_names_and_phones_to_leak() -> None:
    assert len(NAMES) > 50
    assert len(PHONES) > 50


def test_plan_writes_no_name_or_phone_by_default(folders) -> None:
    folder, printed = folders["default"]
    assert (folder / "zones.geojson").is_file()
    assert (folder / "plan.xlsx").is_file()
    assert _personal(folder) == {}
    assert not (folder / "officers.csv").exists()
    assert "已写出：公开版（不含姓名、电话）" in printed
    villages = pd.read_csv(folder / "villages.csv", dtype=str, encoding="utf-8-sig")
    assert villages["aux_officer_id"].notna().any()  # ids stay: who is posted where
    assert not set(PERSONAL_COLUMNS["villages"]) & set(villages.columns)  # not why (homes)


def test_public_profile_in_english_says_so(folders) -> None:
    folder, printed = folders["public_en"]
    assert _personal(folder) == {}
    assert "Profile written: public (no names or phones)" in printed


def test_internal_profile_writes_names_and_phones_and_says_so(folders) -> None:
    folder, printed = folders["internal"]
    found = _personal(folder)
    assert set(found) == {"officers.csv"}
    officers = pd.read_csv(folder / "officers.csv", dtype=str, encoding="utf-8-sig")
    assert set(officers["name"]) >= set(NAMES)
    assert set(officers["phone"].dropna()) == set(PHONES)
    assert "Profile written: internal (with names and phones" in printed
    villages = pd.read_csv(folder / "villages.csv", dtype=str, encoding="utf-8-sig")
    assert "aux_reason" in villages.columns


def test_a_public_plan_over_an_internal_one_removes_the_names(
    folders, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    folder = tmp_path / "plan"
    shutil.copytree(folders["internal"][0], folder)
    argv = ["plan", str(SAMPLE_PATH), "--zones", "6", "--no-patrol", "--out", str(folder)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert _personal(folder) == {}
    assert "已删除该文件夹中旧的内部版文件（含姓名、电话）：officers.csv" in printed


def test_internal_map_of_a_public_folder_says_it_has_no_names(
    folders, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from maps.cli import main as zones_command

    html = tmp_path / "map.html"
    argv = ["export", str(folders["default"][0]), "--html", str(html), "--profile", "internal"]
    assert zones_command([*argv, "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Profile written: internal" in printed
    assert "holds no names or phones" in printed
    assert not any(phone in html.read_text(encoding="utf-8") for phone in PHONES)
    assert zones_command(argv[:-2]) == 0
    assert "已写出：公开版（不含姓名、电话）" in capsys.readouterr().out


# --- the policy itself -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan():
    import zones

    return zones.make_plan(zones.read_scenario(SAMPLE_PATH), n_zones=6, patrol=False)


def test_public_plan_drops_people_and_homes_and_keeps_ids(plan) -> None:
    public = public_plan(plan)
    assert public.officers is None
    for layer, columns in PERSONAL_COLUMNS.items():
        assert not set(columns) & set(getattr(public, layer).columns)
        assert set(columns) <= set(getattr(plan, layer).columns)  # the plan is not changed
    assert public.villages["aux_officer_id"].equals(plan.villages["aux_officer_id"])
    assert public.zones["head_officer_id"].equals(plan.zones["head_officer_id"])
    assert plan.officers is not None


def test_plan_for_profile_and_check_profile(plan) -> None:
    assert PROFILES == (PUBLIC, INTERNAL)
    assert plan_for_profile(plan, INTERNAL) is plan
    assert plan_for_profile(plan).officers is None  # public by default
    assert check_profile("public") == "public"
    with pytest.raises(ProfileError, match="unknown profile 'secret'"):
        plan_for_profile(plan, "secret")
    with pytest.raises(ValueError, match="public"):  # a ZonePlannerError, so a ValueError
        check_profile("Public")


def test_maps_people_reexports_the_core_policy() -> None:
    import maps.people
    import zones.plan.privacy

    for name in ("PUBLIC", "INTERNAL", "PROFILES", "PERSONAL_COLUMNS", "public_plan"):
        assert getattr(maps.people, name) is getattr(zones.plan.privacy, name), name


def test_the_privacy_policy_loads_no_rendering_or_ui_code() -> None:
    code = (
        "import sys, zones.plan.privacy\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('folium', 'streamlit', 'maps')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
