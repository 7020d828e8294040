"""Minutes of work per incident category: the documented defaults, a user's table (inline, CSV,
Python) with clear errors in both languages, the villages' ``incident_minutes``, and the
``zones plan --category-minutes`` option."""

from __future__ import annotations

import dataclasses
import json

import geopandas as gpd
import pandas as pd
import pytest

import zones
from ui.cli import main
from zones import columns as C
from zones.synth import CATEGORIES
from zones.zoning.incident_minutes import (
    DEFAULT_CATEGORY_MINUTES,
    UNKNOWN_CATEGORY_MINUTES,
    CategoryMinutesError,
    check_category_minutes,
    minutes_per_incident,
    parse_category_minutes,
    read_category_minutes,
)
from zones.zoning.workload import INCIDENT_MINUTES, village_units
from zones.zoning.workload_choice import choose_workload, incident_column


def test_every_category_of_the_records_has_a_default() -> None:
    assert set(CATEGORIES) <= set(DEFAULT_CATEGORY_MINUTES)
    assert (
        DEFAULT_CATEGORY_MINUTES["纠纷"] > DEFAULT_CATEGORY_MINUTES["求助"]
    )  # mediation > enquiry
    got = minutes_per_incident(pd.Series(["纠纷", " 求助 ", "走失", None], index=[5, 6, 7, 8]))
    assert got.to_dict() == {5: 90.0, 6: 20.0, 7: UNKNOWN_CATEGORY_MINUTES, 8: 30.0}
    mine = minutes_per_incident(pd.Series(["纠纷", "走失", "盗窃"]), {"纠纷": 45, "走失": 120})
    assert mine.tolist() == [45.0, 120.0, DEFAULT_CATEGORY_MINUTES["盗窃"]]


def test_inline_tables_and_their_errors() -> None:
    assert parse_category_minutes("纠纷=60，求助=20.5; 其他 = 0") == {
        "纠纷": 60.0,
        "求助": 20.5,
        "其他": 0.0,
    }
    cases = {
        "纠纷": ("“纠纷”不是“类别=分钟数”", "'纠纷' is not category=minutes"),
        "纠纷=abc": ("纠纷 的分钟数 abc 无效", "纠纷 has abc minutes"),
        "纠纷=-5": ("应为 0 到 10080 之间的数", "a number from 0 to 10080"),
        "纠纷=nan": ("纠纷 的分钟数 nan 无效", "纠纷 has nan minutes"),
        "纠纷=1,纠纷=2": ("警情类别 纠纷 出现了两次", "the category 纠纷 is given twice"),
        "=5": ("“=5”不是", "'=5' is not"),
    }
    for text, (zh, en) in cases.items():
        with pytest.raises(CategoryMinutesError) as info:
            parse_category_minutes(text)
        assert zh in str(info.value), text  # str() is Chinese, the default language
        assert en in info.value.message("en"), text
        assert "\n" not in info.value.message("en")


def test_python_tables_are_checked_without_being_changed() -> None:
    table = {" 纠纷 ": 60}
    assert check_category_minutes(table) == {"纠纷": 60.0}
    assert table == {" 纠纷 ": 60}
    for bad in ({}, {"纠纷": True}, {"": 5}, {"纠纷": float("inf")}, [("纠纷", 5)]):
        with pytest.raises(CategoryMinutesError):
            check_category_minutes(bad)  # type: ignore[arg-type]
    with pytest.raises(CategoryMinutesError, match="10080"):
        zones.make_plan(zones.read_scenario(zones.SAMPLE_PATH), category_minutes={"纠纷": 1e9})


def test_csv_tables_in_utf8_or_gbk_name_the_bad_line(tmp_path) -> None:
    good = tmp_path / "minutes.csv"
    good.write_text("category,minutes\n纠纷,60\n\n求助,15\n", encoding="utf-8-sig")
    assert read_category_minutes(good) == {"纠纷": 60.0, "求助": 15.0}
    chinese = tmp_path / "工时.csv"
    chinese.write_bytes("类别,分钟\n盗窃,75\n".encode("gbk"))
    assert read_category_minutes(chinese) == {"盗窃": 75.0}
    bad = tmp_path / "bad.csv"
    bad.write_text("category,minutes\n纠纷,60\n求助,一小时\n", encoding="utf-8")
    with pytest.raises(CategoryMinutesError) as info:
        read_category_minutes(bad)
    assert (
        info.value.message("zh")
        == "bad.csv 第 3 行：警情类别工时：求助 的分钟数 一小时 无效，应为 0 到 10080 之间的数"
    )
    assert info.value.message("en").startswith("bad.csv line 3: incident category minutes: 求助")
    columns = tmp_path / "columns.csv"
    columns.write_text("name,value\n纠纷,60\n", encoding="utf-8")
    with pytest.raises(CategoryMinutesError, match="category,minutes"):
        read_category_minutes(columns)
    with pytest.raises(CategoryMinutesError) as info:
        read_category_minutes(tmp_path / "missing.csv")
    assert info.value.message("en") == "the category minutes file missing.csv does not exist"


def _category_counts(scenario: zones.Scenario) -> pd.DataFrame:
    """Incidents per village and category, by hand (points within village polygons)."""
    joined = gpd.sjoin(scenario.incidents, scenario.villages[["geometry"]], predicate="within")
    return pd.crosstab(joined["index_right"], joined[C.CATEGORY])


def test_village_minutes_follow_the_table_and_change_the_ranking(sample) -> None:
    counts = _category_counts(sample)
    units = village_units(sample)
    expected = counts.mul(pd.Series(DEFAULT_CATEGORY_MINUTES)).sum(axis=1)
    assert units[INCIDENT_MINUTES].reindex(expected.index).tolist() == pytest.approx(
        expected.tolist()
    )
    assert units[INCIDENT_MINUTES].drop(expected.index).sum() == 0
    assert incident_column(units) == INCIDENT_MINUTES  # the sample's incidents carry categories
    # a pair of villages where a has more incidents but b more disputes: counting disputes at
    # ten hours and everything else at a minute puts b ahead of a
    total, disputes = counts.sum(axis=1), counts["纠纷"]
    a, b = next(
        (a, b)
        for a in counts.index
        for b in counts.index
        if total[a] > total[b] and disputes[a] < disputes[b]
    )
    table = dict.fromkeys(counts.columns, 1.0) | {"纠纷": 600.0}
    weighted = village_units(sample, table)[INCIDENT_MINUTES]
    assert units.loc[a, C.INCIDENT_COUNT] > units.loc[b, C.INCIDENT_COUNT]
    assert weighted[a] < weighted[b]
    assert weighted[b] == pytest.approx(600 * disputes[b] + total[b] - disputes[b])


def test_without_categories_counts_are_balanced(sample) -> None:
    incidents = sample.incidents.assign(**{C.CATEGORY: None})
    plain = dataclasses.replace(sample, incidents=incidents)
    units = village_units(plain)
    assert units[INCIDENT_MINUTES].tolist() == pytest.approx(
        (units[C.INCIDENT_COUNT] * UNKNOWN_CATEGORY_MINUTES).tolist()
    )
    assert incident_column(units) == C.INCIDENT_COUNT
    assert choose_workload(units, 12).workload == {C.INCIDENT_COUNT: 0.6, C.POPULATION: 0.4}


def _run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (
            "纠纷=abc",
            "--category-minutes 写法有误：警情类别工时：纠纷 的分钟数 abc 无效",
            "--category-minutes is malformed: incident category minutes: 纠纷 has abc minutes",
        ),
        (
            "纠纷=60,求助",
            "--category-minutes 写法有误：“求助”不是“类别=分钟数”",
            "--category-minutes is malformed: '求助' is not category=minutes",
        ),
    ],
)
def test_cli_refuses_a_malformed_table_in_one_line(value, zh, en, tmp_path, capsys) -> None:
    argv = ["plan", str(zones.SAMPLE_PATH), "--out", str(tmp_path / "o"), "--category-minutes"]
    for lang, needle in (("zh", zh), ("en", en)):
        code, text = _run([*argv, value, "--lang", lang], capsys)
        assert code == 2, text
        (line,) = [line for line in text.splitlines() if needle in line]
        assert "Traceback" not in text
    assert not (tmp_path / "o").exists()


def test_cli_reads_a_csv_table_and_reports_a_bad_line(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("category,minutes\n纠纷,-1\n", encoding="utf-8")
    argv = ["plan", str(zones.SAMPLE_PATH), "--zones", "6", "--no-patrol", "--out"]
    code, text = _run([*argv, str(tmp_path / "o"), "--category-minutes", str(bad)], capsys)
    assert code == 1
    assert "无法完成：bad.csv 第 2 行：警情类别工时：纠纷 的分钟数 -1 无效" in text
    good = tmp_path / "minutes.csv"
    good.write_text("category,minutes\n纠纷,120\n", encoding="utf-8")
    out = tmp_path / "plan"
    code, text = _run([*argv, str(out), "--category-minutes", str(good), "--lang", "en"], capsys)
    assert code == 0, text
    assert "[note] zones: workload balanced on incident minutes (by category)" in text
    settings = json.loads((out / "plan.json").read_text(encoding="utf-8"))["settings"]
    assert settings["category_minutes"] == {"纠纷": 120.0}
    assert settings["workload_choice"]["incident_column"] == INCIDENT_MINUTES
