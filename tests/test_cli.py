"""The ``zones`` command: exit codes 0 (valid), 1 (invalid), 2 (usage); no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import zones
from zones import SAMPLE_PATH
from zones.cli import main

from .conftest import CASES


def test_validate_valid_scenario_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CASES / "bowtie"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "usable" in out
    assert "Self-intersection" in out


def test_validate_invalid_scenario_exits_1_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CASES / "officers_bad")]) == 1
    out = capsys.readouterr().out
    assert "引用了不存在的村" in out
    assert "A2" in out
    assert "Traceback" not in out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["validate"], ["frobnicate", "x"], ["validate", "x", "--lang", "fr"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2, argv
    assert "usage" in capsys.readouterr().err


def test_info_json_summarises_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(SAMPLE_PATH), "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["counts"]["villages"] >= 60
    assert facts["population"] > 0
    assert facts["police"] > 0


def test_info_text_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(SAMPLE_PATH), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "villages/communities" in out
    assert "sworn officers" in out


def test_internal_errors_print_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("zones.cli.read_scenario", boom)
    assert main(["validate", str(CASES / "bowtie"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "Internal error: RuntimeError: disk on fire" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("case", "code"), [("utf8_bom", 0), ("bad_json", 1), ("zip_slip", 1)])
def test_console_script_exit_codes(case: str, code: int) -> None:
    exe = shutil.which("zones") or [sys.executable, "-m", "zones.cli"]
    cmd = [exe] if isinstance(exe, str) else exe
    result = subprocess.run(
        [*cmd, "validate", str(CASES / case)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_plan_writes_zones_and_villages(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    import geopandas as gpd

    out = tmp_path / "plan"
    code = main(["plan", str(SAMPLE_PATH), "--zones", "6", "--out", str(out), "--lang", "en"])
    assert code == 0
    text = capsys.readouterr().out
    assert "6 zones" in text
    zones_layer = gpd.read_file(out / "zones.geojson")
    villages = gpd.read_file(out / "villages.geojson")
    assert len(zones_layer) == 6
    assert villages["zone_id"].nunique() == 6
    assert zones_layer["deviation"].abs().max() <= 0.05
    assert (out / "zones.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    # the current map back in, tighter tolerance: few moves, each listed
    code = main(
        [
            "plan",
            str(SAMPLE_PATH),
            "--zones",
            "6",
            "--tolerance",
            "0.02",
            "--previous",
            str(out / "villages.geojson"),
            "--out",
            str(tmp_path / "again"),
        ]
    )
    assert code == 0
    assert "moves.csv" in capsys.readouterr().out or not (tmp_path / "again" / "moves.csv").exists()


def test_plan_with_bad_arguments(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plan", str(SAMPLE_PATH), "--zones", "4"])  # --out missing
    assert info.value.code == 2
    code = main(["plan", str(SAMPLE_PATH), "--zones", "500", "--out", str(tmp_path)])
    assert code == 1
    err = capsys.readouterr().err
    assert "500 zones need 500 zone heads" in err  # checked before any zoning work
    assert "无法完成" in err
    assert "Internal error" not in err


def test_plan_prints_patrol_figures_and_honours_patrol_options(tmp_path, capsys) -> None:
    import geopandas as gpd

    out = tmp_path / "plan"
    argv = ["plan", str(SAMPLE_PATH), "--zones", "6", "--out", str(out), "--lang", "en"]
    assert main([*argv, "--peak-hours", "07:30-08:30", "--patrol-minutes", "90"]) == 0
    text = capsys.readouterr().out
    assert "6 patrol lines" in text
    assert "peaks 07:30-08:30" in text
    posts = gpd.read_file(out / "posts.geojson")
    assert set(posts["hours"]) == {"07:30-08:30"}
    assert gpd.read_file(out / "patrols.geojson")["minutes"].max() <= 90
    assert main([*argv, "--no-patrol"]) == 0
    assert "patrol lines" not in capsys.readouterr().out
    assert main([*argv, "--peak-hours", "morning"]) == 1
    err = capsys.readouterr().err
    assert "07:30-09:00" in err
    assert "Traceback" not in err


def test_export_writes_an_offline_public_map_of_a_saved_plan(tmp_path) -> None:
    import re

    from maps.offline import external_refs

    out = tmp_path / "plan"
    from maps.cli import main as zones_command  # the console script: core + export

    assert zones_command(["plan", str(SAMPLE_PATH), "--zones", "6", "--out", str(out)]) == 0
    html_path = tmp_path / "map.html"
    assert zones_command(["export", str(out), "--html", str(html_path), "--lang", "en"]) == 0
    html = html_path.read_text(encoding="utf-8")
    assert external_refs(html) == []
    assert not re.search(r"(?<![\d.])1[3-9]\d{9}(?!\d)", html)  # no mobile number
    phones = zones.read_scenario(SAMPLE_PATH).officers["phone"].dropna()
    assert not any(phone in html for phone in phones)
    assert 'content="public"' in html
    assert zones_command(["export", str(tmp_path / "nothing"), "--html", str(html_path)]) == 1


def test_the_core_never_loads_rendering_or_ui_code() -> None:
    code = (
        "import sys, zones, zones.cli, zones.plan, zones.export, zones.roster\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('folium', 'streamlit', 'maps')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
