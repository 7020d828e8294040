"""Peak hours (高峰时段) from the incidents' times, or set by hand.

"高峰站岗、平峰巡线": fixed posts during peak windows, patrol lines the rest of the time. No
national standard fixes the windows (domain notes §1.3), so they are found in the data: an hour
of the day is a peak hour when its incident count stands out from the day's mean both in ratio
(``factor``) and beyond Poisson noise (mean + 2√mean); neighbouring peak hours join into windows,
across midnight too. Windows can also be given as text (``"07:30-09:00,16:30-18:00"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zones.errors import ZonePlannerError
from zones.scenario import fields as F
from zones.scenario.attributes import parse_times

MINUTES_PER_DAY = 24 * 60
PEAK_FACTOR = 1.3
MIN_TIMED_INCIDENTS = 48  # two a day-hour on average; fewer cannot show a daily profile
# morning and evening commute, used when the incidents cannot show their own peaks (notes §1.3)
DEFAULT_WINDOWS = ((7 * 60, 9 * 60), (17 * 60, 19 * 60))


class PeakHoursError(ZonePlannerError):
    """Peak windows given by hand cannot be read."""


@dataclass(frozen=True, order=True)
class PeakWindow:
    """A daily window ``[start_minute, end_minute)`` in minutes after midnight.

    ``end_minute`` may be smaller than ``start_minute`` for a window across midnight.
    """

    start_minute: int
    end_minute: int

    @property
    def minutes(self) -> int:
        """Length of the window in minutes."""
        return (self.end_minute - self.start_minute) % MINUTES_PER_DAY or MINUTES_PER_DAY

    def contains(self, minute_of_day: np.ndarray) -> np.ndarray:
        """Whether each minute of the day falls in the window."""
        m = np.asarray(minute_of_day)
        if self.start_minute < self.end_minute:
            return (m >= self.start_minute) & (m < self.end_minute)
        return (m >= self.start_minute) | (m < self.end_minute)

    @property
    def label(self) -> str:
        """``"07:00-09:00"``."""

        def hhmm(minute: int) -> str:
            return f"{minute // 60 % 24:02d}:{minute % 60:02d}"

        end = "24:00" if self.end_minute == MINUTES_PER_DAY else hhmm(self.end_minute)
        return f"{hhmm(self.start_minute)}-{end}"


def windows_label(windows: tuple[PeakWindow, ...] | list[PeakWindow]) -> str:
    """The windows as one text, ``"07:00-09:00,17:00-19:00"`` (readable back by
    :func:`parse_peak_windows`)."""
    return ",".join(w.label for w in windows)


def clock_times(times: pd.Series) -> pd.Series:
    """Times with a clock time; NaT for missing ones and for dates written without one.

    Datetimes pass through unchanged (validated incidents already hold NaT where the clock
    time is unknown, see :func:`zones.scenario.attributes.check_incidents`). Text is parsed as
    :func:`~zones.scenario.attributes.parse_times` does, and a date alone (``"2025-03-01"``)
    gives NaT:
    read as midnight it would make midnight a peak hour.

    Parameters
    ----------
    times
        Datetimes, or times as text.

    Returns
    -------
    Series
        Datetimes aligned to ``times``, NaT where no clock time is known.
    """
    if pd.api.types.is_datetime64_any_dtype(times):
        return times
    parsed = parse_times(times)
    dated = times.map(lambda v: F.time_precision(v) == "date").astype(bool)
    return parsed.mask(dated)


def _dates(times: pd.Series) -> pd.Series:
    """The day of each time or date (NaT where unknown); dates without clock time count."""
    if pd.api.types.is_datetime64_any_dtype(times):
        return times
    return parse_times(times)


def minute_of_day(times: pd.Series) -> np.ndarray:
    """Minutes after midnight of each time (float; NaN where the time or its clock is unknown)."""
    t = clock_times(times)
    return (t.dt.hour * 60 + t.dt.minute).to_numpy(dtype=float)


def hour_profile(times: pd.Series) -> pd.DataFrame:
    """Incident counts by weekday (rows 0 = Monday … 6 = Sunday) and hour of day (columns 0–23).

    Only times with a clock time count: missing times and dates alone are left out.
    """
    t = clock_times(times).dropna()
    table = np.zeros((7, 24), dtype=np.int64)
    np.add.at(table, (t.dt.day_of_week.to_numpy(), t.dt.hour.to_numpy()), 1)
    return pd.DataFrame(table, index=pd.RangeIndex(7, name="weekday"), columns=range(24))


def weekday_counts(dates: pd.Series) -> pd.Series:
    """Incident counts by weekday (0 = Monday … 6 = Sunday), dates without clock time included.

    Pass validated incidents' ``date`` column (or text times) to count every dated incident;
    their ``time`` column leaves out those whose clock time is unknown.

    Parameters
    ----------
    dates
        Dates or times (datetimes, or text; missing ones are ignored).

    Returns
    -------
    Series
        Seven counts indexed 0–6.
    """
    d = _dates(dates).dropna()
    counts = np.bincount(d.dt.day_of_week.to_numpy(), minlength=7)
    return pd.Series(counts, index=pd.RangeIndex(7, name="weekday"))


def find_peak_windows(
    times: pd.Series, *, factor: float = PEAK_FACTOR, min_incidents: int = MIN_TIMED_INCIDENTS
) -> tuple[tuple[PeakWindow, ...], bool]:
    """Peak windows found in the hour-of-day profile of ``times``.

    Parameters
    ----------
    times
        Incident times (datetimes or ISO text). Missing times and dates without a clock time
        (``"2025-03-01"``; NaT in validated incidents) are left out: they cannot show the hour.
    factor
        An hour is a peak hour when its count is at least ``factor`` × the mean hourly count
        and above the mean by more than twice its Poisson noise.
    min_incidents
        With fewer timed incidents the profile is noise: the default windows (morning and
        evening commute) are returned instead.

    Returns
    -------
    windows, found
        The windows in time order, and whether they come from the data (False: defaults).
    """
    hours = hour_profile(times).sum(axis=0).to_numpy(dtype=float)
    total = hours.sum()
    if total < min_incidents:
        return tuple(PeakWindow(a, b) for a, b in DEFAULT_WINDOWS), False
    mean = total / 24.0
    peak = hours >= max(factor * mean, mean + 2.0 * np.sqrt(mean))
    if not peak.any():
        return (), True
    if peak.all():
        return (PeakWindow(0, MINUTES_PER_DAY),), True
    # runs of peak hours, joined across midnight: start from an hour that is not a peak
    shift = int(np.argmin(peak))
    windows: list[PeakWindow] = []
    start = None
    for step in range(1, 25):
        hour = (shift + step) % 24
        if peak[hour] and start is None:
            start = hour
        if not peak[hour] and start is not None:
            windows.append(PeakWindow(start * 60, hour * 60 if hour else MINUTES_PER_DAY))
            start = None
    return tuple(sorted(windows)), True


def busy_weekdays(
    times: pd.Series, *, factor: float = 1.15, min_incidents: int = MIN_TIMED_INCIDENTS
) -> tuple[int, ...]:
    """ISO weekdays (1 = Monday … 7 = Sunday) whose incident count is at least ``factor`` ×
    the daily mean and above Poisson noise (e.g. market days, weekend nights); () when none
    stands out or there are too few dated incidents.

    Weekdays need no clock time: pass the incidents' ``date`` column to count the incidents
    recorded with a date only as well (their ``time`` is NaT)."""
    days = weekday_counts(times).to_numpy(dtype=float)
    total = days.sum()
    if total < min_incidents:
        return ()
    mean = total / 7.0
    busy = days >= max(factor * mean, mean + 2.0 * np.sqrt(mean))
    return tuple(int(d) + 1 for d in np.flatnonzero(busy))


_TIME = r"(\d{1,2})(?:[:：](\d{2}))?"
_WINDOW = re.compile(rf"^\s*{_TIME}\s*[-–~～至到]\s*{_TIME}\s*$")


def parse_peak_windows(text: str) -> tuple[PeakWindow, ...]:
    """Read windows such as ``"07:30-09:00, 16:30-18:00"`` (also ``7-9``, ``07:30～09:00``).

    Raises
    ------
    PeakHoursError
        When a part is not ``HH:MM-HH:MM`` with hours 0–24 and minutes 0–59, or a window is
        empty.
    """
    windows = []
    for part in re.split(r"[,，;；、]", text or ""):
        if not part.strip():
            continue
        match = _WINDOW.match(part)
        if not match:
            raise PeakHoursError(code="peaks.format", part=part.strip())
        h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59 or (h1 == 24 and m1) or (h2 == 24 and m2):
            raise PeakHoursError(code="peaks.range", part=part.strip())
        start, end = (h1 * 60 + m1) % MINUTES_PER_DAY, h2 * 60 + m2
        if end != MINUTES_PER_DAY:
            end %= MINUTES_PER_DAY
        if start == end:
            raise PeakHoursError(code="peaks.empty", part=part.strip())
        windows.append(PeakWindow(start, end))
    return tuple(sorted(windows))


def in_windows(minutes: np.ndarray, windows: tuple[PeakWindow, ...]) -> np.ndarray:
    """Whether each minute of the day (NaN: unknown, never a peak) is inside any window."""
    m = np.asarray(minutes, dtype=float)
    inside = np.zeros(len(m), dtype=bool)
    known = ~np.isnan(m)
    for window in windows:
        inside[known] |= window.contains(m[known])
    return inside
