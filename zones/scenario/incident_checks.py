"""The incidents layer's attributes: times as written read as Beijing time, dates without a
clock time and midnight placeholders told apart, categories."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from zones import columns as C
from zones.report import format_ids
from zones.scenario import fields as F
from zones.scenario.field_checks import Issues, _issue, text_column

LOCAL_TZ = "Asia/Shanghai"
DATE = "date"  # incidents: the day of each incident, also when its clock time is unknown
MIDNIGHT_EXCESS = 5  # 00:00:00 this many times busier than any other second: placeholders


def _one_time(value: str | None) -> pd.Timestamp:
    if value is None:
        return pd.NaT
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert(LOCAL_TZ).tz_localize(None)
    return stamp


def parse_times(raw: pd.Series) -> pd.Series:
    """Times as written → naive local (Beijing) times; offsets converted, unreadable → NaT.

    Read: ISO 8601 (``2025-03-14T08:12:00``, ``+08:00`` offsets), ``2025/3/14 8:12`` (as
    Excel saves it) and ``2025年3月14日 8时12分``. A date without a clock time becomes its
    midnight here (:func:`check_incidents` tells those apart with
    :func:`zones.scenario.fields.time_precision`); a year or a month alone (``2025-03``) is NaT.

    Parameters
    ----------
    raw
        The values of a time field (text, or datetimes read from a GeoPackage/shapefile).

    Returns
    -------
    Series
        ``datetime64[ns]``, aligned to ``raw``.
    """
    texts = pd.Series([F.time_text(v) for v in raw], index=raw.index, dtype=object)
    try:
        parsed = pd.to_datetime(texts, errors="coerce", format="ISO8601")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)
    except (ValueError, TypeError):  # naive and offset-aware mixed: go one by one
        parsed = pd.Series([_one_time(v) for v in texts], index=raw.index)
    parsed = parsed.astype("datetime64[ns]")
    # other spellings of a full date (2025/3/1 8:30) one by one; never a bare clock time,
    # which pandas would put on today's date
    retry = parsed.isna() & texts.map(F.starts_with_date).astype(bool)
    if retry.any():
        parsed[retry] = pd.Series(
            [_one_time(v) for v in texts[retry]], index=texts.index[retry], dtype="datetime64[ns]"
        )
    partial = texts.map(lambda v: F.time_precision(v) == "partial").astype(bool)
    return parsed.mask(partial)


def midnight_placeholders(times: pd.Series) -> pd.Series:
    """Times at exactly 00:00:00 that stand for "no clock time" (a date stored as a date-time).

    They are taken as placeholders when at least two times are at exactly midnight and they
    outnumber every other time of day (to the second) more than fivefold: a date field read
    from a shapefile or GeoPackage (every time at 00:00:00), or a system that writes 00:00:00
    when the clock time is unknown. Real incidents are spread over the day.

    Parameters
    ----------
    times
        Parsed times (NaT ignored).

    Returns
    -------
    Series of bool
        True for the placeholder times, aligned to ``times``.
    """
    known = times.dropna()
    seconds = (known - known.dt.normalize()).dt.total_seconds()
    at_midnight = seconds == 0
    flagged = pd.Series(False, index=times.index)
    n = int(at_midnight.sum())
    busiest_other = int(seconds[~at_midnight].value_counts().max()) if (~at_midnight).any() else 0
    if n >= 2 and n > MIDNIGHT_EXCESS * busiest_other:
        flagged[at_midnight[at_midnight].index] = True
    return flagged


def check_incidents(frame: gpd.GeoDataFrame, issues: Issues) -> gpd.GeoDataFrame:
    """Timestamps and categories of the incidents.

    ``time`` holds the time of each incident (naive Beijing time), NaT when it is unknown:
    missing, unreadable (warned), or a date without a clock time. ``date`` holds the day of
    every incident with a readable date, clock time or not, so dates and weekdays can still be
    counted. Dates without a clock time (``2025-03-01``, or times all at 00:00:00 as a date
    field gives them) are warned with their count: they cannot show the hour of day, and read
    as midnight they would make midnight a peak hour.
    """
    layer = C.INCIDENTS
    out = frame.copy()
    if C.TIME in frame.columns:
        raw = frame[C.TIME]
        given = raw.map(F.text).notna()
        parsed = parse_times(raw)
        bad = parsed.isna() & given
        if bad.any():
            examples = [f"#{f}: {v}" for f, v in zip(frame["_fid"][bad], raw[bad], strict=True)]
            _issue(
                issues,
                "warning",
                layer,
                "bad_time",
                None,
                n=int(bad.sum()),
                examples=format_ids(examples, 3),
            )
        date_only = parsed.notna() & raw.map(lambda v: F.time_precision(v) == "date").astype(bool)
        if date_only.any():
            examples = [
                f"#{f}: {F.text(v)}"
                for f, v in zip(frame["_fid"][date_only], raw[date_only], strict=True)
            ]
            _issue(
                issues,
                "warning",
                layer,
                "date_only_times",
                None,
                n=int(date_only.sum()),
                total=int(parsed.notna().sum()),
                examples=format_ids(examples, 3),
            )
        midnight = midnight_placeholders(parsed.where(~date_only))
        if midnight.any():
            _issue(
                issues,
                "warning",
                layer,
                "midnight_times",
                None,
                n=int(midnight.sum()),
                total=int(parsed.notna().sum()),
                ids=format_ids(f"#{f}" for f in frame["_fid"][midnight]),
            )
        out[C.TIME] = parsed.mask(date_only | midnight)
        out[DATE] = parsed.dt.normalize()
    else:
        _issue(issues, "warning", layer, "no_time_field", None)
        out[C.TIME] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        out[DATE] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    out[C.CATEGORY] = text_column(frame, C.CATEGORY)
    return out
