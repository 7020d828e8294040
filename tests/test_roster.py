"""The duty roster (zones/roster.py): the "1+3+2" pattern, rest rules, leave, fairness, output."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zones
from zones.cli import main
from zones.errors import ZonePlannerError
from zones.roster import roster as R

START = "2025-03-03"  # a Monday


# --- helpers -----------------------------------------------------------------------------------


def team(n_police: int, n_aux: int, **columns: Iterable[object]) -> pd.DataFrame:
    """A small officers table indexed by officer_id (P1…, A1…), like Scenario.officers."""
    ids = [f"P{k + 1}" for k in range(n_police)] + [f"A{k + 1}" for k in range(n_aux)]
    frame = pd.DataFrame(
        {
            "officer_id": ids,
            "name": [f"警员{k}" for k in range(len(ids))],
            "role": ["police"] * n_police + ["auxiliary"] * n_aux,
        },
        index=pd.Index(ids, name="officer_id"),
    )
    for column, values in columns.items():
        frame[column] = list(values)
    return frame


def check_roster(
    result: R.RosterResult,
    officers: pd.DataFrame,
    *,
    pattern: Mapping[str, int] | None = None,
    leave: Mapping[str, Iterable[str]] | None = None,
    max_consecutive: int = 5,
    min_rest_per_week: int = 1,
    zone_heads: Iterable[str] = (),
    head_free_days_per_week: int = 2,
) -> None:
    """Every hard rule of the module docstring, checked on the result's tables."""
    pattern = dict(pattern or R.DEFAULT_PATTERN)
    table, settings_ = result.table, result.settings
    days = pd.date_range(settings_["start"], periods=settings_["days"])
    assert list(table.columns) == list(R.TABLE_COLUMNS)
    # exactly the pattern every day (unfilled slots are rows without officer_id)
    for day in days:
        rows = table[table["date"] == day]
        assert rows["role"].value_counts().to_dict() == {r: n for r, n in pattern.items() if n}
        staffed = rows["officer_id"].dropna()
        assert staffed.is_unique, f"{day.date()}: someone twice"
    filled = table.dropna(subset=["officer_id"])
    kinds = officers.set_index("officer_id")["role"]
    # unavailable officers never, leave honoured, reward leave off duty
    if "available" in officers.columns:
        away = set(officers.loc[~officers["available"].astype(bool), "officer_id"])
        assert not away & set(filled["officer_id"])
    on_duty = set(zip(filled["officer_id"], filled["date"], strict=True))
    for officer, dates in (leave or {}).items():
        assert not {(officer, pd.Timestamp(d)) for d in dates} & on_duty
    off = result.time_off
    reward = off[off["reason"] == R.REWARD_LEAVE]
    assert not set(zip(reward["officer_id"], reward["date"], strict=True)) & on_duty
    owed = result.summary.set_index("officer_id")
    taken = reward.groupby("officer_id").size()
    for officer, row in owed.iterrows():
        if row["available"]:
            free = len(days) - row["leave_days"]
            assert taken.get(officer, 0) == min(row["reward_leave_owed"], free), officer
    # a sworn responder every day, unless flagged as missing
    sworn_short = set(result.shortages.loc[result.shortages["sworn"], "date"])
    if "responder" in pattern and pattern["responder"]:
        for day in days:
            responders = filled[(filled["date"] == day) & (filled["role"] == "responder")]
            has_sworn = (kinds.reindex(responders["officer_id"]) == "police").any()
            assert has_sworn or day in sworn_short, f"{day.date()}: no sworn responder"
    # rest: at most max_consecutive in a row, a day off in every 7-day window
    grid = pd.crosstab(filled["officer_id"], filled["date"]).reindex(columns=days, fill_value=0)
    for officer, row in grid.iterrows():
        values = row.to_numpy()
        run = 0
        for value in values:
            run = run + 1 if value else 0
            assert run <= max_consecutive, officer
        for begin in range(len(values) - 6):
            assert values[begin : begin + 7].sum() <= 7 - min_rest_per_week, officer
    # zone heads: duty-free days every week from the start
    for head in zone_heads:
        row = grid.loc[head].to_numpy() if head in grid.index else np.zeros(len(days))
        for begin in range(0, len(days), 7):
            week = row[begin : begin + 7]
            need = head_free_days_per_week * len(week) // 7
            assert len(week) - week.sum() >= need, head


@pytest.fixture(scope="module")
def sample_officers() -> pd.DataFrame:
    return zones.read_scenario(zones.SAMPLE_PATH).officers


@pytest.fixture(scope="module")
def sample_roster(sample_officers: pd.DataFrame) -> R.RosterResult:
    """Four weeks on the bundled sample, solved once."""
    return R.solve_roster(sample_officers, START, 28)


# --- the sample --------------------------------------------------------------------------------


def test_sample_four_weeks_meets_every_rule(
    sample_roster: R.RosterResult, sample_officers: pd.DataFrame
) -> None:
    check_roster(sample_roster, sample_officers)
    assert len(sample_roster.table) == 28 * 6
    assert sample_roster.shortages.empty
    assert sample_roster.metrics["flagged_days"] == []


def test_sample_duty_is_fair_within_one_day(sample_roster: R.RosterResult) -> None:
    metrics = sample_roster.metrics
    assert metrics["spread"]["all"] <= 1
    assert metrics["spread"]["police"] <= 1
    assert metrics["spread"]["auxiliary"] <= 1
    for kind in ("police", "auxiliary"):
        assert max(metrics["role_spread"][kind].values()) <= 1, metrics["role_spread"]
    summary = sample_roster.summary[sample_roster.summary["fair"]]
    assert summary["duty_days"].max() - summary["duty_days"].min() <= 1


def test_sample_unavailable_officers_never_on_duty(
    sample_roster: R.RosterResult, sample_officers: pd.DataFrame
) -> None:
    unavailable = set(sample_officers.index[~sample_officers["available"]])
    assert unavailable, "the sample has unavailable officers"
    assert not unavailable & set(sample_roster.table["officer_id"])
    summary = sample_roster.summary.set_index("officer_id")
    assert (summary.loc[sorted(unavailable), "duty_days"] == 0).all()
    assert not summary.loc[sorted(unavailable), "fair"].any()


def test_sample_reward_leave_is_one_block_off_duty(sample_roster: R.RosterResult) -> None:
    reward = sample_roster.time_off[sample_roster.time_off["reason"] == R.REWARD_LEAVE]
    summary = sample_roster.summary.set_index("officer_id")
    owing = summary[(summary["reward_leave_owed"] > 0) & summary["available"]]
    assert len(owing) > 10
    for officer, row in owing.iterrows():
        days = sorted(reward.loc[reward["officer_id"] == officer, "date"])
        assert len(days) == row["reward_leave_owed"] == row["reward_leave_days"]
        assert (days[-1] - days[0]).days == len(days) - 1, f"{officer}: not one block"
    # staggered over the period, not everybody off on the first day
    assert reward.groupby("date").size().max() <= 12


def test_plan_roster_is_the_contract(sample_officers: pd.DataFrame) -> None:
    table = zones.plan_roster(sample_officers, START, 7)
    assert list(table.columns) == ["date", "role", "officer_id"]
    assert pd.api.types.is_datetime64_any_dtype(table["date"])
    assert len(table) == 7 * 6
    assert set(table["role"]) == {"call_taker", "responder", "patroller"}
    attrs = table.attrs
    assert attrs["metrics"]["spread"]["all"] <= 1
    assert attrs["settings"]["pattern"] == dict(R.DEFAULT_PATTERN)
    assert sum(attrs["duty_days"].values()) == 42
    assert attrs["shortages"] == []
    officer = table["officer_id"].iloc[0]
    assert sum(attrs["role_days"][officer].values()) == attrs["duty_days"][officer]
    assert "plan_roster" in zones.__all__


def test_same_seed_same_roster(sample_officers: pd.DataFrame) -> None:
    first = R.solve_roster(sample_officers, START, 14, seed=3)
    second = R.solve_roster(sample_officers, START, 14, seed=3)
    pd.testing.assert_frame_equal(first.table, second.table)
    pd.testing.assert_frame_equal(first.time_off, second.time_off)
    assert first.settings == second.settings
    assert first.settings["seed"] == 3


# --- rules on small teams ----------------------------------------------------------------------


def test_leave_is_honoured_and_credited() -> None:
    officers = team(4, 8)
    leave = {"A1": [str(d.date()) for d in pd.date_range("2025-03-05", periods=6)], "P2": START}
    result = R.solve_roster(officers, START, 14, leave=leave)
    check_roster(result, officers, leave={"A1": leave["A1"], "P2": [START]})
    summary = result.summary.set_index("officer_id")
    assert summary.loc["A1", "leave_days"] == 6
    assert summary.loc["A1", "duty_days"] < summary.loc["A2", "duty_days"]
    away = result.time_off[result.time_off["reason"] == R.LEAVE]
    assert len(away) == 7
    assert result.settings["leave"]["P2"] == [START]


def test_leave_as_a_table_and_a_csv(tmp_path) -> None:
    officers = team(3, 6)
    table = pd.DataFrame(
        {
            "officer_id": ["A1", "A2"],
            "start": ["2025-03-04", "2025-03-10"],
            "end": ["2025-03-06", None],
        }
    )
    result = R.solve_roster(officers, START, 10, leave=table)
    expected = {"A1": ["2025-03-04", "2025-03-05", "2025-03-06"], "A2": ["2025-03-10"]}
    assert result.settings["leave"] == expected
    check_roster(result, officers, leave=expected)
    path = tmp_path / "leave.csv"
    path.write_bytes("警号,开始,结束\nA1,2025-03-04,2025-03-06\n".encode("gb18030"))
    again = R.solve_roster(officers, START, 10, leave=R.read_leave(path))
    assert again.settings["leave"] == {"A1": expected["A1"]}


def test_dense_team_keeps_the_rest_rules() -> None:
    officers = team(3, 6, reward_leave_days=[0, 1, 0, 2, 0, 0, 1, 0, 0])
    result = R.solve_roster(officers, START, 14, max_consecutive=3, min_rest_per_week=2)
    check_roster(result, officers, max_consecutive=3, min_rest_per_week=2)
    assert result.metrics["spread"]["all"] <= 2


def test_zone_heads_keep_their_free_days() -> None:
    officers = team(4, 6)
    heads = ["P1", "P2"]
    result = R.solve_roster(officers, START, 14, zone_heads=heads, head_free_days_per_week=3)
    check_roster(result, officers, zone_heads=heads, head_free_days_per_week=3)
    assert result.settings["zone_heads"] == heads
    assert result.summary.set_index("officer_id").loc[heads, "zone_head"].all()


def test_a_sworn_officer_responds_every_day() -> None:
    officers = team(2, 10)
    result = R.solve_roster(officers, START, 14)
    check_roster(result, officers)
    police_responses = result.summary.set_index("officer_id").loc[["P1", "P2"], "responder"]
    assert police_responses.sum() >= 14


def test_configurable_pattern_one_two_one() -> None:
    officers = team(3, 5)
    pattern = {"call_taker": 1, "responder": 2, "patroller": 1}
    result = R.solve_roster(officers, START, 7, pattern=pattern)
    check_roster(result, officers, pattern=pattern)
    assert len(result.table) == 7 * 4
    assert result.table.groupby("date").size().eq(4).all()


def test_custom_roles_and_no_sworn_rule() -> None:
    officers = team(0, 4)
    result = R.solve_roster(officers, START, 5, pattern={"值守": 2}, min_sworn={})
    assert set(result.table["role"]) == {"值守"}
    assert R.role_label("值守", "en") == "值守"
    assert R.role_label("responder", "en") == "responder"
    assert R.role_label("responder") == "出警员"


# --- shortages ---------------------------------------------------------------------------------


def test_too_few_people_raises_naming_days_and_roles() -> None:
    officers = team(2, 3, available=[True, True, True, True, True])
    leave = {"A1": ["2025-03-04"]}
    with pytest.raises(R.RosterShortageError) as info:
        R.solve_roster(officers, START, 3, leave=leave)
    error = info.value
    assert isinstance(error, ZonePlannerError)
    text = str(error)
    assert "2025-03-03: 缺 1 名巡逻员 / short 1 patrol officer" in text
    assert "2025-03-04: 缺 2 名巡逻员 / short 2 patrol officers" in text
    assert error.shortages["missing"].sum() == 1 + 2 + 1
    assert "处理办法" in error.message("zh")
    english = error.message("en")
    assert "2025-03-04: short 2 patrol officers" in english
    assert "Traceback" not in english


def test_no_sworn_officer_is_a_shortage() -> None:
    officers = team(1, 8)
    with pytest.raises(R.RosterShortageError) as info:
        R.solve_roster(officers, START, 3, leave={"P1": ["2025-03-04"]})
    assert "2025-03-04" in str(info.value)
    assert "民警" in str(info.value)
    assert info.value.shortages["sworn"].all()


def test_rest_rules_can_cause_a_shortage_the_solver_explains() -> None:
    # six people for six slots a day: nobody may rest, but everybody must, once a week
    officers = team(2, 4)
    with pytest.raises(R.RosterShortageError) as info:
        R.solve_roster(officers, START, 7)
    shortages = info.value.shortages
    assert shortages["missing"].sum() >= 6
    assert info.value.proven


def test_flag_mode_lists_every_unfilled_slot() -> None:
    officers = team(2, 3)
    result = R.solve_roster(officers, START, 3, on_shortage="flag", leave={"A1": ["2025-03-04"]})
    check_roster(result, officers, leave={"A1": ["2025-03-04"]})
    table = result.table
    vacant = table[table["officer_id"].isna()]
    assert len(vacant) == result.metrics["unfilled_slots"] == 4
    assert set(vacant["role"]) == {"patroller"}
    assert result.metrics["flagged_days"] == ["2025-03-03", "2025-03-04", "2025-03-05"]
    assert len(table) == 3 * 6
    assert [row["missing"] for row in table.attrs["shortages"]] == [1, 2, 1]
    assert R.shortage_lines(result.shortages, "en")[1] == "2025-03-04: short 2 patrol officers"


def test_flag_mode_without_sworn_officers_flags_the_days() -> None:
    officers = team(0, 8)
    result = R.solve_roster(officers, START, 2, on_shortage="flag")
    assert result.metrics["days_without_sworn"] == 2
    assert result.shortages["sworn"].all()
    assert result.table["officer_id"].notna().all()


# --- the calendar's own optimisation ---------------------------------------------------------


def test_calendar_fallback_when_counts_are_unknown(
    sample_officers: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the counts step, the calendar model minimises the spreads itself."""
    monkeypatch.setattr(
        R._Solver, "counts", lambda self, bound, deadline: R._Counts({}, False, 0, "x")
    )
    result = R.solve_roster(sample_officers, START, 7, time_limit_s=10)
    check_roster(result, sample_officers)
    assert result.metrics["spread"]["all"] <= 1


def test_calendar_model_places_the_counts_when_the_greedy_cannot(
    sample_officers: pd.DataFrame, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(R._Solver, "greedy_calendar", lambda self, counts: None)
    result = R.solve_roster(sample_officers, START, 14)
    check_roster(result, sample_officers)
    assert result.metrics["spread"]["all"] <= 1
    assert result.metrics["status"] == "OPTIMAL"


def test_sample_is_proven_fairest(sample_roster: R.RosterResult) -> None:
    assert sample_roster.metrics["status"] == "OPTIMAL"
    assert sample_roster.metrics["stopped_by"] == "proof"


# --- bad requests ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"pattern": {"responder": -1}}, "pattern"),
        ({"pattern": {"responder": 0}}, "at least one slot"),
        ({"pattern": {}}, "pattern"),
        ({"leave": {"X9": [START]}}, "X9"),
        ({"leave": {"A1": ["not a date"]}}, "YYYY-MM-DD"),
        ({"leave": pd.DataFrame({"officer_id": ["A1"]})}, "date"),
        ({"zone_heads": ["Z1"]}, "Z1"),
        ({"min_sworn": {"responder": 4}}, "min_sworn"),
        ({"on_shortage": "ignore"}, "on_shortage"),
        ({"max_consecutive": 0}, "max_consecutive"),
        ({"min_rest_per_week": 7}, "min_rest_per_week"),
        ({"num_workers": 3}, "num_workers"),
        ({"time_limit_s": 0}, "time_limit_s"),
    ],
)
def test_bad_requests_are_explained(kwargs: dict, words: str) -> None:
    with pytest.raises(R.RosterError, match=words):
        R.solve_roster(team(3, 6), START, 7, **kwargs)


def test_bad_officers_and_dates_are_explained() -> None:
    with pytest.raises(R.RosterError, match="not a date"):
        R.solve_roster(team(3, 6), "someday", 7)
    with pytest.raises(R.RosterError, match="days"):
        R.solve_roster(team(3, 6), START, 0)
    officers = team(3, 6)
    officers.loc["A1", "role"] = "chief"
    with pytest.raises(R.RosterError, match="A1"):
        R.solve_roster(officers, START, 7)
    with pytest.raises(R.RosterError, match="reward_leave_days"):
        R.solve_roster(team(3, 6, reward_leave_days=[0, 0, 0, -1, 0, 0, 0, 0, 0]), START, 7)


# --- output ------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_chinese_headers(sample_roster: R.RosterResult, tmp_path) -> None:
    paths = R.write_roster(sample_roster, tmp_path)
    assert [p.name for p in paths] == ["roster.csv", "roster_summary.csv", "roster.xlsx"]
    raw = (tmp_path / "roster.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "日期,岗位,警号,姓名"
    assert len(lines) == 1 + 28 * 6
    assert lines[1].startswith("2025-03-03,接警员,")
    summary = pd.read_csv(tmp_path / "roster_summary.csv", encoding="utf-8-sig", dtype=str)
    assert {"警号", "姓名", "身份", "值班天数", "接警员", "出警员", "巡逻员"} <= set(
        summary.columns
    )
    book = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    assert book.sheetnames == ["值班表", "按日排班", "个人统计", "休假"]
    sheet = book["值班表"]
    assert [c.value for c in sheet[1]] == ["日期", "岗位", "警号", "姓名"]
    assert sheet.max_row == 1 + 28 * 6


def test_english_headers_and_shortage_file(tmp_path) -> None:
    officers = team(2, 3)
    officers.loc["A2", "name"] = "=HYPERLINK(1)"
    result = R.solve_roster(officers, START, 2, on_shortage="flag")
    paths = R.write_roster(result, tmp_path, lang="en")
    assert [p.name for p in paths][-2:] == ["roster_shortages.csv", "roster.xlsx"]
    header = (tmp_path / "roster.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "Date,Duty,Officer ID,Name"
    assert "(vacant)" in (tmp_path / "roster.csv").read_text(encoding="utf-8-sig")
    book = openpyxl.load_workbook(tmp_path / "roster.xlsx")
    assert "Shortages" in book.sheetnames
    cells = [c for row in book["Roster"].iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert cells
    assert all(c.data_type == "s" for c in cells)


# --- the command -------------------------------------------------------------------------------


def test_cli_roster_writes_files_and_exits_0(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["roster", str(zones.SAMPLE_PATH), "--start", START, "--days", "7", "--out", str(tmp_path)]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "已排 2025-03-03 至 2025-03-09 共 7 天值班" in out
    assert (tmp_path / "roster.csv").is_file()
    assert (tmp_path / "roster.xlsx").is_file()


def test_cli_roster_pattern_and_english(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["roster", str(zones.SAMPLE_PATH), "--start", START, "--days", "3"]
    argv += ["--pattern", "call_taker=1,responder=2,patroller=1", "--out", str(tmp_path)]
    assert main([*argv, "--lang", "en"]) == 0
    assert "Roster 2025-03-03 to 2025-03-05 (3 days)" in capsys.readouterr().out
    table = pd.read_csv(tmp_path / "roster.csv", encoding="utf-8-sig")
    assert len(table) == 3 * 4


def test_cli_roster_shortage_exits_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["roster", str(zones.SAMPLE_PATH), "--start", START, "--days", "2"]
    argv += ["--pattern", "responder=200", "--out", str(tmp_path)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert "2025-03-03: 缺" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "roster.csv").exists()
    assert main([*argv, "--on-shortage", "flag"]) == 0
    assert (tmp_path / "roster_shortages.csv").is_file()


@pytest.mark.parametrize(
    "extra",
    [
        ["--start", "2025-3-3"],
        ["--start", START, "--pattern", "responder"],
        ["--start", START, "--pattern", "responder=x"],
        ["--start", START, "--pattern", "responder=0"],
        ["--start", START, "--days", "0"],
        ["--start", START, "--on-shortage", "skip"],
        [],
    ],
)
def test_cli_roster_usage_errors_exit_2(
    extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["roster", str(zones.SAMPLE_PATH), *extra])
    assert info.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_cli_roster_bad_leave_file_exits_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["roster", str(zones.SAMPLE_PATH), "--start", START, "--days", "2"]
    assert main([*argv, "--leave", str(tmp_path / "none.csv"), "--out", str(tmp_path)]) == 1
    assert "none.csv" in capsys.readouterr().err


# --- properties --------------------------------------------------------------------------------


@st.composite
def small_requests(draw: st.DrawFn) -> dict:
    n_police = draw(st.integers(0, 4))
    n_aux = draw(st.integers(1, 8))
    n = n_police + n_aux
    days = draw(st.integers(1, 10))
    pattern = {
        "call_taker": draw(st.integers(0, 1)),
        "responder": draw(st.integers(1, 3)),
        "patroller": draw(st.integers(0, 2)),
    }
    officers = team(
        n_police,
        n_aux,
        available=draw(
            st.lists(st.sampled_from([True, True, True, False]), min_size=n, max_size=n)
        ),
        reward_leave_days=draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)),
    )
    ids = list(officers.index)
    leave = {
        officer: [
            str((pd.Timestamp(START) + pd.Timedelta(days=d)).date()) for d in sorted(set(offs))
        ]
        for officer, offs in draw(
            st.dictionaries(
                st.sampled_from(ids), st.lists(st.integers(0, days - 1), max_size=3), max_size=3
            )
        ).items()
    }
    heads = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
    return {
        "officers": officers,
        "days": days,
        "pattern": pattern,
        "leave": leave,
        "zone_heads": heads,
        "max_consecutive": draw(st.integers(2, 5)),
        "min_rest_per_week": draw(st.integers(0, 2)),
    }


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(request=small_requests())
def test_small_random_rosters_keep_every_rule(request: dict) -> None:
    officers = request.pop("officers")
    days = request.pop("days")
    result = R.solve_roster(officers, START, days, on_shortage="flag", time_limit_s=5, **request)
    check_roster(result, officers, **request)
    # never silently dropped: every unfilled slot is a row and a shortage
    vacant = int(result.table["officer_id"].isna().sum())
    assert vacant == result.metrics["unfilled_slots"]
    assert bool(vacant) <= bool(result.metrics["flagged_days"])


def test_attrs_survive_a_copy(sample_roster: R.RosterResult) -> None:
    copy = sample_roster.table.copy()
    assert copy.attrs["metrics"]["spread"] == sample_roster.metrics["spread"]
    buffer = io.StringIO()
    copy.to_csv(buffer, index=False)
    assert buffer.getvalue().startswith("date,role,officer_id")
