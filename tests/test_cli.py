"""The ``zones`` command: exit codes 0 (valid), 1 (invalid), 2 (usage); no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import zones
from ui.cli import main
from zones import SAMPLE_PATH

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
    assert "500 个责任区需要 500 名片区长" in err  # checked before any zoning work, in Chinese
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
    from ui.cli import main as zones_command  # the console script

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
        "import sys, zones, zones.cli, zones.plan.pipeline, zones.plan.files, zones.roster.roster\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('folium', 'streamlit', 'maps')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr


# --- odd inputs: a clear usage (2) or input (1) error in the chosen language, never "Internal" ---


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The exit code and everything printed, whether the parser or the command stopped."""
    from ui.cli import main as zones_command  # the console script

    try:
        code = zones_command(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _check(text: str, code: int, expected: int, needle: str, argv: list[str]) -> None:
    assert code == expected, (argv, text)
    assert needle in text, (argv, text)
    assert "Internal error" not in text, text
    assert "内部错误" not in text, text
    assert "Traceback" not in text, text


PLAN_ODD = [
    # (extra arguments, exit code, Chinese words, English words)
    (["--zones", "0"], 2, "--zones 须为不小于 1 的整数，收到 0", "--zones must be a whole number"),
    (["--zones", "-3"], 2, "收到 -3", "of at least 1, not -3"),
    (["--zones", "nan"], 2, "收到 nan", "not nan"),
    (["--seed", "-1"], 2, "--seed 须为介于 0 到 2147483647", "--seed must be a whole number"),
    (["--seed", str(2**40)], 2, "收到 1099511627776", "not 1099511627776"),
    (["--tolerance", "nan"], 2, "--tolerance 须为", "--tolerance must be"),
    (["--tolerance", "inf"], 2, "收到 inf", "not inf"),
    (["--tolerance", "-0.1"], 2, "收到 -0.1", "not -0.1"),
    (["--tolerance", "1"], 2, "小于 1", "below 1"),
    (["--patrol-minutes", "0"], 2, "--patrol-minutes 须为大于 0", "--patrol-minutes must be"),
    (["--patrol-minutes", "inf"], 2, "收到 inf", "not inf"),
    (["--patrol-minutes", "1e9"], 2, "不超过 1440", "at most 1440"),
    (["--stop-minutes", "-1"], 2, "--stop-minutes 须为", "--stop-minutes must be"),
    (["--stop-minutes", "30", "--patrol-minutes", "20"], 2, "超过了一圈巡逻", "longer than"),
    (["--radius", "0"], 2, "--radius 须为大于 0", "--radius must be a number above 0"),
    (["--radius", "nan"], 2, "收到 nan", "not nan"),
    (["--radius", "1e12"], 2, "不超过 10000", "at most 10000"),
    (["--roster-days", "0"], 2, "--roster-days 须为", "--roster-days must be"),
    (["--roster-days", "100000"], 2, "最多排 366 天", "at most 366 days"),
    (["--roster-start", "9999-01-01"], 2, "超出范围", "out of range"),
    (["--workload", "incidents=nan"], 2, "--workload 写法有误", "--workload is malformed"),
    (["--profile", "secret"], 2, "命令用法有误", "Usage error"),
]


@pytest.mark.parametrize(("extra", "code", "zh", "en"), PLAN_ODD, ids=lambda v: str(v))
def test_plan_refuses_odd_numbers_clearly(
    extra: list[str], code: int, zh: str, en: str, tmp_path, capsys
) -> None:
    argv = ["plan", str(SAMPLE_PATH), "--out", str(tmp_path / "out"), *extra]
    got, text = _run(argv, capsys)
    _check(text, got, code, zh, argv)
    got, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, got, code, en, argv)
    assert not (tmp_path / "out").exists()  # refused before any work


def test_plan_out_is_a_file_or_under_one(tmp_path, capsys) -> None:
    afile = tmp_path / "plan.txt"
    afile.write_text("not a folder", encoding="utf-8")
    argv = ["plan", str(SAMPLE_PATH), "--out", str(afile)]
    code, text = _run(argv, capsys)
    _check(text, code, 2, f"--out 须为文件夹，但 {afile} 是一个已有文件", argv)
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 2, f"--out needs a folder, but {afile} is an existing file", argv)
    argv = ["plan", str(SAMPLE_PATH), "--out", str(afile / "sub"), "--lang", "en"]
    code, text = _run(argv, capsys)
    _check(text, code, 2, f"{afile} is a file, not a folder", argv)
    assert afile.read_text(encoding="utf-8") == "not a folder"


def test_previous_and_leave_must_be_files(tmp_path, capsys) -> None:
    argv = ["plan", str(SAMPLE_PATH), "--out", str(tmp_path / "o"), "--previous", str(tmp_path)]
    code, text = _run(argv, capsys)
    _check(text, code, 2, "--previous 须为文件，但", argv)
    argv = ["roster", str(SAMPLE_PATH), "--start", "2025-03-03", "--leave", str(tmp_path)]
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 2, "--leave needs a file, but", argv)


ROSTER_ODD = [
    (["--days", "0"], "--days 须为介于 1 到 366", "--days must be a whole number from 1 to 366"),
    (["--days", "367"], "收到 367", "not 367"),
    (["--seed", "-1"], "--seed 须为", "--seed must be"),
    (["--seed", str(2**70)], "2147483647", "2147483647"),
    (["--time-limit", "nan"], "--time-limit 须为", "--time-limit must be"),
    (["--time-limit", "inf"], "收到 inf", "not inf"),
    (["--time-limit", "0"], "大于 0", "above 0"),
    (["--pattern", "responder=99999999999999999999"], "最多 1000 人", "at most 1000"),
]


@pytest.mark.parametrize(("extra", "zh", "en"), ROSTER_ODD, ids=lambda v: str(v))
def test_roster_refuses_odd_numbers_clearly(extra: list[str], zh: str, en: str, capsys) -> None:
    argv = ["roster", str(SAMPLE_PATH), "--start", "2025-03-03", *extra]
    code, text = _run(argv, capsys)
    _check(text, code, 2, zh, argv)
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 2, en, argv)


def test_roster_start_out_of_range_and_out_a_file(tmp_path, capsys) -> None:
    argv = ["roster", str(SAMPLE_PATH), "--start", "9999-12-30", "--days", "7"]
    code, text = _run(argv, capsys)
    _check(text, code, 2, "日期 9999-12-30 超出范围", argv)
    afile = tmp_path / "roster.csv"
    afile.write_text("x", encoding="utf-8")
    argv = ["roster", str(SAMPLE_PATH), "--start", "2025-03-03", "--out", str(afile)]
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 2, "--out needs a folder", argv)


def test_an_unwritable_output_folder_is_an_input_error(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr("zones.cli.os.access", lambda *args, **kwargs: False)
    argv = ["plan", str(SAMPLE_PATH), "--zones", "6", "--out", str(tmp_path / "out")]
    code, text = _run(argv, capsys)
    _check(text, code, 1, f"无法写入 {tmp_path / 'out'}", argv)
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 1, "is not writable; choose a place you can write to", argv)


def test_file_system_errors_name_the_path_and_the_reason(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import errno

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/data/villages.geojson")

    monkeypatch.setattr("zones.cli.read_scenario", denied)
    code, text = _run(["validate", "x"], capsys)
    _check(text, code, 1, "无法读写 /srv/data/villages.geojson：没有权限", ["validate"])
    code, text = _run(["info", "x", "--lang", "en"], capsys)
    _check(text, code, 1, "Cannot read or write /srv/data/villages.geojson: permission denied", [])


def test_usage_errors_speak_the_language_of_lang(capsys) -> None:
    from ui.cli import lang_of

    assert lang_of(["plan", "x", "--lang", "en"]) == "en"
    assert lang_of(["plan", "x", "--lang=en"]) == "en"
    assert lang_of(["plan", "x", "--la", "en"]) == "en"
    assert lang_of(["plan", "x", "--lang", "fr"]) == "zh"
    assert lang_of(["plan", "x", "--", "--lang", "en"]) == "zh"
    code, text = _run(["plan", str(SAMPLE_PATH), "--lang", "en"], capsys)  # --out missing
    _check(text, code, 2, "Usage error; see zones plan --help", [])
    code, text = _run(["plan", str(SAMPLE_PATH)], capsys)
    _check(text, code, 2, "命令用法有误，请查看 zones plan --help", [])


@pytest.fixture(scope="module")
def saved_plan(tmp_path_factory: pytest.TempPathFactory):
    """A public plan folder written by ``zones plan`` (once for this module)."""
    out = tmp_path_factory.mktemp("saved") / "plan"
    assert main(["plan", str(SAMPLE_PATH), "--zones", "6", "--no-patrol", "--out", str(out)]) == 0
    return out


def _damaged_copy(saved_plan, tmp_path, name: str):
    folder = tmp_path / "damaged"
    shutil.copytree(saved_plan, folder)
    data = (folder / name).read_bytes()
    (folder / name).write_bytes(data[: len(data) // 2])  # cut off half way, as a full disk would
    return folder


@pytest.mark.parametrize("name", ["plan.json", "zones.geojson", "villages.geojson"])
def test_export_of_a_damaged_plan_folder_is_an_input_error(
    name: str, saved_plan, tmp_path, capsys
) -> None:
    folder = _damaged_copy(saved_plan, tmp_path, name)
    html = tmp_path / "map.html"
    argv = ["export", str(folder), "--html", str(html)]
    code, text = _run(argv, capsys)
    _check(text, code, 1, f"无法读取方案文件夹 {folder}", argv)
    assert name in text
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 1, f"Cannot read the plan folder {folder}", argv)
    assert "zones plan --out" in text
    assert not html.exists()


def test_export_html_paths(saved_plan, tmp_path, capsys) -> None:
    nested = tmp_path / "new" / "maps" / "map.html"
    argv = ["export", str(saved_plan), "--html", str(nested)]
    code, text = _run(argv, capsys)
    _check(text, code, 0, f"已写出离线地图：{nested}", argv)  # missing folders are created
    assert nested.is_file()
    code, text = _run(["export", str(saved_plan), "--html", str(tmp_path)], capsys)
    _check(text, code, 2, f"--html 须为文件，但 {tmp_path} 是文件夹", [])
    code, text = _run(
        ["export", str(saved_plan), "--html", str(nested / "x.html"), "--lang", "en"], capsys
    )
    _check(text, code, 2, f"{nested} is a file, not a folder", [])


@pytest.mark.parametrize(
    ("extra", "zh", "en"),
    [
        (["--tiles", "nonsense"], "--tiles 无法使用：nonsense", "--tiles cannot be used: nonsense"),
        (["--tiles", "http://x/{z}/{x}.png"], "{z}、{x}、{y}", "{z}, {x} and {y}"),
        (["--tiles", "tianditu"], "需要 --tianditu-key", "needs --tianditu-key"),
        (["--tiles", "tianditu", "--tianditu-key", "<bad>"], "--tianditu-key", "--tianditu-key"),
    ],
    ids=lambda v: str(v),
)
def test_export_refuses_unusable_tiles(extra, zh, en, saved_plan, tmp_path, capsys) -> None:
    argv = ["export", str(saved_plan), "--html", str(tmp_path / "m.html"), *extra]
    code, text = _run(argv, capsys)
    _check(text, code, 2, zh, argv)
    code, text = _run([*argv, "--lang", "en"], capsys)
    _check(text, code, 2, en, argv)
    assert not (tmp_path / "m.html").exists()
