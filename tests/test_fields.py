"""Parsing attribute values the way people type them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zones.scenario import fields as F


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1203, (1203, False)),
        (1203.0, (1203, False)),
        ("1,234", (1234, False)),
        ("1.2万", (12000, True)),
        ("1.25万", (12500, True)),
        ("3千", (3000, True)),
        ("约800人", (800, True)),
        ("450户", (450, True)),
        ("１２３４", (1234, False)),
        (" 35 ", (35, False)),
        ("", (None, False)),
        (None, (None, False)),
        (float("nan"), (None, False)),
    ],
)
def test_parse_count_reads_common_forms(raw: object, expected: tuple) -> None:
    assert F.parse_count(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("-5", "negative"),
        (-3, "negative"),
        ("abc", "not_a_number"),
        (True, "not_a_number"),
        ("12人口", "not_a_number"),
    ],
)
def test_parse_count_refuses_bad_values(raw: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        F.parse_count(raw)


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_count_round_trips_integers(n: int) -> None:
    assert F.parse_count(n)[0] == n
    assert F.parse_count(str(n))[0] == n
    assert F.parse_count(f"{n:,}")[0] == n


@given(st.integers(min_value=0, max_value=99_999))
def test_parse_count_wan(n: int) -> None:
    assert F.parse_count(f"{n / 10}万")[0] == n * 1000


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("是", True), ("否", False), ("TRUE", True), ("0", False), (None, True), ("", True)],
)
def test_parse_bool(raw: object, expected: bool) -> None:
    assert F.parse_bool(raw) is expected


def test_parse_bool_refuses_other_words() -> None:
    with pytest.raises(ValueError, match="not_a_bool"):
        F.parse_bool("maybe")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("民警", "police"), ("Police", "police"), ("辅警", "auxiliary"), ("协警", "auxiliary")],
)
def test_parse_role(raw: str, expected: str) -> None:
    assert F.parse_role(raw) == expected


def test_parse_role_refuses_unknown() -> None:
    with pytest.raises(ValueError, match="bad_role"):
        F.parse_role("保安")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("V1;V2", ("V1", "V2")),
        ("V1、V2，V3", ("V1", "V2", "V3")),
        ('["V1","V2"]', ("V1", "V2")),
        (("V1", "V1", "V2"), ("V1", "V2")),
        ("", ()),
        (None, ()),
    ],
)
def test_parse_list(raw: object, expected: tuple) -> None:
    assert F.parse_list(raw) == expected


def test_text_normalises_full_width_and_blanks() -> None:
    assert F.text("　Ｖ１ ") == "V1"
    assert F.text("无") is None
    assert F.text(150902101201.0) == "150902101201"


@pytest.mark.parametrize(
    ("raw", "precision"),
    [
        ("2025-03-01", "date"),
        ("2025/3/1", "date"),
        ("2025.03.01", "date"),
        ("2025年3月1日", "date"),
        ("20250301", "date"),
        ("２０２５－０３－０１", "date"),
        ("2025-03-01T08:12:00", "clock"),
        ("2025-03-01 00:00", "clock"),  # a written midnight is a clock time
        ("2025/3/1 8:30", "clock"),
        ("2025年3月1日 8时30分", "clock"),
        ("2025-03-01T08:12:00+08:00", "clock"),
        ("2025-03", "partial"),
        ("2025年3月", "partial"),
        ("2025", "partial"),
        ("", None),
        (None, None),
    ],
)
def test_time_precision_tells_dates_without_clock_time(raw: object, precision: str | None) -> None:
    assert F.time_precision(raw) == precision


def test_time_text_spells_chinese_dates_with_separators() -> None:
    assert F.time_text("2025年3月1日 8时30分15秒") == "2025-3-1 8:30:15"
    assert F.time_text("2025年3月1日") == "2025-3-1"
    assert F.starts_with_date("2025-3-1 8:30")
    assert not F.starts_with_date("8:30")  # a clock time alone is no date (never today's)
    assert not F.starts_with_date(None)
