"""Peak windows: found in generated incidents with planted peaks, or read from text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zones.patrol.peaks import (
    DEFAULT_WINDOWS,
    PeakHoursError,
    PeakWindow,
    busy_weekdays,
    clock_times,
    find_peak_windows,
    hour_profile,
    in_windows,
    minute_of_day,
    parse_peak_windows,
    weekday_counts,
    windows_label,
)


def incidents(rng, background: int, planted: dict[int, int]) -> pd.Series:
    """Uniform times over 28 days plus extra incidents in the planted hours."""
    start = pd.Timestamp("2025-03-03")
    minutes = list(rng.uniform(0, 28 * 24 * 60, background))
    for hour, n in planted.items():
        days = rng.integers(0, 28, n)
        minutes += list(days * 24 * 60 + hour * 60 + rng.uniform(0, 60, n))
    return pd.Series(start + pd.to_timedelta(np.array(minutes), unit="min"))


@pytest.mark.parametrize("seed", range(5))
def test_planted_commute_peaks_are_found(seed):
    rng = np.random.default_rng(seed)
    times = incidents(rng, 2400, {7: 120, 8: 120, 17: 150, 18: 150})
    windows, found = find_peak_windows(times)
    assert found
    assert windows == (PeakWindow(7 * 60, 9 * 60), PeakWindow(17 * 60, 19 * 60))


def test_a_peak_across_midnight_is_one_window():
    rng = np.random.default_rng(1)
    times = incidents(rng, 2400, {23: 200, 0: 200})
    windows, _ = find_peak_windows(times)
    assert windows == (PeakWindow(23 * 60, 60),)
    late = minute_of_day(pd.Series(pd.to_datetime(["2025-01-01 23:30", "2025-01-02 00:10"])))
    assert in_windows(late, windows).all()
    assert not in_windows(np.array([22 * 60 + 59, 60.0]), windows).any()


def test_a_flat_day_has_no_peaks():
    rng = np.random.default_rng(2)
    windows, found = find_peak_windows(incidents(rng, 5000, {}))
    assert found
    assert windows == ()


def test_too_few_timed_incidents_fall_back_to_the_defaults():
    times = pd.Series(pd.to_datetime(["2025-01-01 08:00"] * 10 + [None] * 100))
    windows, found = find_peak_windows(times)
    assert not found
    assert windows == tuple(PeakWindow(a, b) for a, b in DEFAULT_WINDOWS)


def test_busy_weekdays_are_found():
    rng = np.random.default_rng(4)
    times = incidents(rng, 2800, {})
    weekday = times.dt.day_of_week
    extra = times[weekday >= 4].iloc[:500]  # Friday to Sunday get more
    assert busy_weekdays(pd.concat([times, extra])) == (5, 6, 7)
    assert busy_weekdays(times) == ()
    assert busy_weekdays(times.iloc[:10]) == ()


def test_hour_profile_counts_weekday_by_hour():
    times = pd.Series(pd.to_datetime(["2025-03-03 08:10", "2025-03-03 08:50", "2025-03-09 23:00"]))
    table = hour_profile(times)
    assert table.shape == (7, 24)
    assert table.loc[0, 8] == 2
    assert table.loc[6, 23] == 1
    assert table.to_numpy().sum() == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30-09:00, 16:30-18:00", ((450, 540), (990, 1080))),
        ("7-9", ((420, 540),)),
        ("07：30～09：00", ((450, 540),)),
        ("22:00-02:00；17-19", ((1020, 1140), (1320, 120))),
        ("18:00-24:00", ((1080, 1440),)),
        ("", ()),
    ],
)
def test_windows_are_read_from_text(text, expected):
    assert parse_peak_windows(text) == tuple(PeakWindow(a, b) for a, b in expected)


@pytest.mark.parametrize("text", ["7", "morning", "25:00-26:00", "07:61-08:00", "08:00-08:00"])
def test_unreadable_windows_say_how_to_write_them(text):
    with pytest.raises(PeakHoursError, match="07:30-09:00|start and end"):
        parse_peak_windows(text)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 23), st.integers(1, 6)), min_size=1, max_size=4))
def test_labels_read_back_to_the_same_windows(spans):
    windows = tuple(sorted({PeakWindow(h * 60, ((h + n) % 24) * 60 or 1440) for h, n in spans}))
    assert parse_peak_windows(windows_label(windows)) == windows


def test_dates_without_clock_time_are_left_out_of_the_hour_profile():
    """A date alone is not midnight: 200 date-only incidents must not make a midnight peak."""
    rng = np.random.default_rng(7)
    timed = incidents(rng, 300, {}).dt.strftime("%Y-%m-%dT%H:%M:%S")
    dated = pd.Series(["2025-03-03", "2025/3/4", "2025年3月5日", "20250306"] * 50)
    times = pd.concat([timed, dated], ignore_index=True)
    assert hour_profile(times).to_numpy().sum() == 300
    assert np.isnan(minute_of_day(dated)).all()
    windows, found = find_peak_windows(times)
    assert found
    assert not in_windows(np.array([0.0, 30.0]), windows).any()
    # … but they count for weekdays: Monday to Thursday get 50 more each
    counts = weekday_counts(times)
    assert counts.sum() == 500
    assert busy_weekdays(times) == (1, 2, 3, 4)
    # datetimes pass through: validated incidents hold NaT where the clock time is unknown
    parsed = pd.Series(pd.to_datetime(["2025-03-03 00:00", None]))
    assert clock_times(parsed).equals(parsed)
