"""Peak-hour posts (高峰站岗): the road points of a zone that cover the most peak incidents."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from zones.patrol.coverage import cover_matrix, greedy_cover
from zones.patrol.peaks import PeakWindow, windows_label
from zones.patrol.settings import MIN_POST_INCIDENTS, POST_WINDOW_SHARE


@dataclass(frozen=True)
class Post:
    """A post: its metric point, the peak windows it is staffed in, the incidents it covers."""

    xy: np.ndarray
    hours: str
    incidents: int


def place_posts(
    cand_xy: np.ndarray,
    peak_xy: np.ndarray,
    peak_minutes: np.ndarray,
    windows: tuple[PeakWindow, ...],
    radius_m: float,
    picks: int,
) -> list[Post]:
    """Up to ``picks`` posts among ``cand_xy`` covering the most peak incidents within
    ``radius_m`` (greedy maximum coverage), each covering at least ``MIN_POST_INCIDENTS``.

    ``peak_minutes`` is the minute of the day of each peak incident (aligned to ``peak_xy``).
    """
    cover = cover_matrix(cand_xy, peak_xy, radius_m)
    picked, covered = greedy_cover(cover, picks=picks, min_covered=MIN_POST_INCIDENTS)
    return [
        Post(cand_xy[cand], post_hours(peak_minutes[new], windows), int(cover[cand].nnz))
        for cand, new in zip(picked, covered, strict=True)
    ]


def post_hours(minutes: np.ndarray, windows: tuple[PeakWindow, ...]) -> str:
    """The peak windows a post is staffed in: those holding a fair share of its incidents
    (``minutes``: the minute of the day of each)."""
    if not len(windows):
        return ""
    counts = np.array([w.contains(minutes).sum() for w in windows], dtype=float)
    chosen = [
        w
        for w, c in zip(windows, counts, strict=True)
        if c >= POST_WINDOW_SHARE * counts.sum() or c == counts.max()
    ]
    return windows_label(chosen)


def post_rows(zone_id: str, posts: list[Post], approximate: bool) -> list[dict]:
    """The posts as rows of the posts layer."""
    return [
        {
            "zone_id": zone_id,
            "hours": post.hours,
            "incidents": post.incidents,
            "approximate": approximate,
            "geometry": shapely.Point(post.xy),
        }
        for post in posts
    ]
