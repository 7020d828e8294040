"""The workload a plan balances when the user has not chosen one, and why (:func:`choose_workload`).

Incidents are what command staff balance, but on a real station they are lumpy: a township seat
or a market village often carries more than a zone's share (then it is a zone of its own and no
plan meets the tolerance), and a count of a few hundred a zone moves by more than ±5% from year
to year by chance alone. So the choice starts from the incidents (weighed by minutes of work per
category when the incidents carry categories, :mod:`zones.zoning.incident_minutes`) when there
are enough of them, else from the blend :data:`~zones.zoning.workload.BLEND` with population,
and walks down :data:`SHARE_LADDER` (the incidents' share) to the largest share at which no
village is heavier than a zone may be and whole counts are not too coarse for the tolerance.
The record (:class:`WorkloadChoice`) says which share was taken and why, with the villages
responsible; its words are ``workload.*`` in :mod:`zones.i18n`.

Nesting and locks are not looked at: the check is against the station's mean zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from zones import columns as C
from zones.i18n import t_nested
from zones.report import Issue, format_ids
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.feasibility import BAND_SLACK, count_floor, whole_counts
from zones.zoning.result import LAYER
from zones.zoning.workload import (
    BLEND,
    INCIDENT_MINUTES,
    STEADY_PER_ZONE,
    UNITS,
    Workload,
    resolve_workload,
)

SHARE_LADDER: tuple[float, ...] = (1.0, 0.6, 0.5, 0.4, 0.3, 0.2, 0.0)
"""The incidents' shares tried, largest first (0 is population alone)."""
ISSUE_CODE = "workload_chosen"
REASONS = (
    "steady",
    "sparse",
    "heavy_village",
    "coarse",
    "few_villages",
    "heavy_everywhere",
    "no_incidents",
    "no_population",
    "no_data",
)
"""The reason codes; each has its words ``workload.reason.<code>``."""
RATIO_DIGITS = 4


@dataclass(frozen=True)
class WorkloadChoice:
    """The workload :func:`choose_workload` chose, and why.

    Attributes
    ----------
    workload
        What to balance: ``"incidents"``, ``"incident_minutes"``, ``"population"``, ``"units"``
        or a blend ``{incidents: share, "population": 1 - share}``.
    incident_share
        The incidents' share of it (0 to 1).
    incident_column
        The incidents' column: ``"incident_minutes"`` (weighed by category), ``"incidents"``
        (counts), or ``None`` without incidents.
    reason
        One of :data:`REASONS`.
    heavy_ids, heavy_names
        The villages responsible: heavier than a zone at the share the walk started from
        (``heavy_village``), or still heavy at the share taken (``heavy_everywhere``).
    start_share
        The share the walk started from (1 with steady counts, else the blend's).
    ratios
        ``(share, heaviest village / mean zone)`` for each share tried, in order.
    incidents_per_zone
        Incidents (counts) per zone.
    incident_ratio
        Heaviest village / mean zone by the incidents alone (their column; 0 without).
    floor
        For ``coarse``: the smallest deviation whole counts can reach.
    n_zones, tolerance
        As asked.
    """

    workload: Workload
    incident_share: float
    incident_column: str | None
    reason: str
    heavy_ids: tuple[str, ...] = ()
    heavy_names: tuple[str, ...] = ()
    start_share: float = 1.0
    ratios: tuple[tuple[float, float], ...] = field(default_factory=tuple)
    incidents_per_zone: float = 0.0
    incident_ratio: float = 0.0
    floor: float = 0.0
    n_zones: int = 1
    tolerance: float = DEFAULT_TOLERANCE

    def ratio_at(self, share: float) -> float:
        """Heaviest village / mean zone at ``share`` (NaN when that share was not tried)."""
        return next((r for s, r in self.ratios if abs(s - share) < 1e-9), float("nan"))

    @property
    def worst_ratio(self) -> float:
        """Heaviest village / mean zone with the workload chosen."""
        return self.ratio_at(self.incident_share)

    @property
    def start_ratio(self) -> float:
        """Heaviest village / mean zone at the share the walk started from."""
        return self.ratio_at(self.start_share)

    def record(self) -> dict[str, object]:
        """The choice as plain values (a plan's ``settings["workload_choice"]``)."""
        return {
            "incident_share": self.incident_share,
            "incident_column": self.incident_column,
            "reason": self.reason,
            "start_share": self.start_share,
            "ratios": [[s, r] for s, r in self.ratios],
            "heavy_ids": list(self.heavy_ids),
            "heavy_names": list(self.heavy_names),
            "incidents_per_zone": self.incidents_per_zone,
            "incident_ratio": self.incident_ratio,
            "floor": self.floor,
            "n_zones": self.n_zones,
            "tolerance": self.tolerance,
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any], workload: Workload) -> WorkloadChoice:
        """The choice back from :meth:`record` (as read from ``plan.json``) and the workload."""
        column = record.get("incident_column")
        return cls(
            workload=workload,
            incident_share=float(record["incident_share"]),
            incident_column=None if column is None else str(column),
            reason=str(record["reason"]),
            heavy_ids=tuple(str(v) for v in record.get("heavy_ids") or ()),
            heavy_names=tuple(str(v) for v in record.get("heavy_names") or ()),
            start_share=float(record.get("start_share", 1.0)),
            ratios=tuple((float(s), float(r)) for s, r in record.get("ratios") or ()),
            incidents_per_zone=float(record.get("incidents_per_zone", 0.0)),
            incident_ratio=float(record.get("incident_ratio", 0.0)),
            floor=float(record.get("floor", 0.0)),
            n_zones=int(record.get("n_zones", 1)),
            tolerance=float(record.get("tolerance", DEFAULT_TOLERANCE)),
        )

    def params(self) -> dict[str, object]:
        """The values of the choice's words: ``workload_key`` and ``reason_key`` name the texts
        (:func:`zones.i18n.t_nested`), the rest fill them."""
        column = self.incident_column or C.INCIDENT_COUNT
        if 0 < self.incident_share < 1:
            workload_key = f"workload.mix.{column}"
        elif self.incident_share >= 1:
            workload_key = f"workload.only.{column}"
        else:
            workload_key = f"workload.only.{self.workload}"
        shown = [
            f"{name} ({vid})" if name and name != vid else vid
            for vid, name in zip(self.heavy_ids, self.heavy_names or self.heavy_ids, strict=False)
        ]
        return {
            "workload_key": workload_key,
            "reason_key": f"workload.reason.{self.reason}",
            "inc": f"{self.incident_share * 100:.0f}",
            "pop": f"{(1 - self.incident_share) * 100:.0f}",
            "per_zone": f"{self.incidents_per_zone:.0f}",
            "steady": STEADY_PER_ZONE,
            "tol": f"{self.tolerance * 100:g}",
            "limit": f"{1 + self.tolerance:.2f}",
            "n": len(self.heavy_ids),
            "villages": format_ids(shown),
            "ratio": f"{self.start_ratio:.2f}",
            "incident_ratio": f"{self.incident_ratio:.2f}",
            "worst": f"{self.worst_ratio:.2f}",
            "population_ratio": f"{self.ratio_at(0.0):.2f}",
            "floor": f"{self.floor * 100:.1f}",
            "zones": self.n_zones,
        }

    def text(self, lang: str = "zh") -> str:
        """One sentence: the workload used and why (the words of the plan's note)."""
        return t_nested(f"issue.{ISSUE_CODE}", lang, self.params())

    def issue(self) -> Issue:
        """The plan's note (severity ``info``, layer ``zones``, code ``workload_chosen``)."""
        return Issue("info", LAYER, None, ISSUE_CODE, self.params())


def _total(units: gpd.GeoDataFrame, name: str) -> float:
    if name not in units.columns:
        return 0.0
    return float(pd.to_numeric(units[name], errors="coerce").fillna(0).clip(lower=0).sum())


def incident_column(units: gpd.GeoDataFrame) -> str:
    """``"incident_minutes"`` when the units carry minutes that differ from the counts' shares
    (their incidents carry categories), else ``"incidents"``."""
    if INCIDENT_MINUTES not in units.columns or _total(units, INCIDENT_MINUTES) <= 0:
        return C.INCIDENT_COUNT
    minutes = pd.to_numeric(units[INCIDENT_MINUTES], errors="coerce").fillna(0).to_numpy(float)
    counts = pd.to_numeric(units.get(C.INCIDENT_COUNT), errors="coerce")
    counts = np.zeros(len(units)) if counts is None else counts.fillna(0).to_numpy(float)
    if counts.sum() <= 0:
        return INCIDENT_MINUTES
    scale = minutes.sum() / counts.sum()
    same = np.allclose(minutes, counts * scale, rtol=1e-9, atol=1e-9 * max(scale, 1.0))
    return C.INCIDENT_COUNT if same else INCIDENT_MINUTES


def _blend(column: str, share: float) -> Workload:
    if share >= 1:
        return column
    if share <= 0:
        return C.POPULATION
    return {column: round(share, 4), C.POPULATION: round(1 - share, 4)}


def _fault(weights: np.ndarray, k: int, tolerance: float) -> tuple[str | None, float]:
    """Why ``weights`` cannot be balanced within the tolerance (``heavy``, ``few``, ``coarse``;
    ``None`` when they can as far as this check sees), and the whole-count floor."""
    mean = weights.sum() / k
    if (weights > (1 + tolerance) * mean).any():
        return "heavy", 0.0
    if np.count_nonzero(weights) < k:
        return "few", 0.0
    if whole_counts(weights):
        floor = count_floor(weights, mean)[1]
        if floor > tolerance + BAND_SLACK:
            return "coarse", floor
    return None, 0.0


def _heavy(
    units: gpd.GeoDataFrame, weights: np.ndarray, k: int, tolerance: float
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids and names of the units heavier than a zone may be, heaviest first."""
    at = np.flatnonzero(weights > (1 + tolerance) * weights.sum() / k)
    at = at[np.argsort(-weights[at], kind="stable")]
    ids = tuple(str(v) for v in units.index[at])
    if C.NAME in units.columns:
        names = tuple("" if pd.isna(v) else str(v) for v in units[C.NAME].iloc[at])
    else:
        names = ids
    return ids, names


def choose_workload(
    units: gpd.GeoDataFrame, n_zones: int, tolerance: float = DEFAULT_TOLERANCE
) -> WorkloadChoice:
    """Choose the workload to balance (see the module's notes) and say why.

    Parameters
    ----------
    units
        Zoning units (:func:`zones.zoning.workload.village_units`) with ``incidents``,
        ``population`` and, when the incidents carry categories, ``incident_minutes``; any may
        be missing.
    n_zones
        Number of zones.
    tolerance
        Allowed deviation of a zone from the mean (0.05 = ±5%).

    Returns
    -------
    WorkloadChoice
        The workload and its record: the largest incident share of :data:`SHARE_LADDER` (from
        1 with at least ``STEADY_PER_ZONE`` incidents a zone, else from the blend's share) at
        which no village is heavier than ``(1 + tolerance)`` × a zone's mean and whole counts
        are not too coarse; when none is, the share whose heaviest village is lightest
        (``heavy_everywhere``, naming the villages still too heavy).
    """
    k = max(int(n_zones), 1)
    column = incident_column(units)
    per_zone = _total(units, C.INCIDENT_COUNT) / k
    base: dict[str, Any] = {
        "n_zones": k,
        "tolerance": float(tolerance),
        "incidents_per_zone": round(per_zone, 2),
    }
    has_incidents, has_population = _total(units, column) > 0, _total(units, C.POPULATION) > 0
    if not has_incidents and not has_population:
        return WorkloadChoice(UNITS, 0.0, None, "no_data", start_share=0.0, **base)
    if not has_incidents or not has_population:
        share = 1.0 if has_incidents else 0.0
        reason = "no_population" if has_incidents else "no_incidents"
        ratio = _ratio(resolve_workload(units, _blend(column, share))[0], k)
        used = column if has_incidents else None
        ratios = ((share, ratio),)
        base["incident_ratio"] = ratio if has_incidents else 0.0
        return WorkloadChoice(
            _blend(column, share), share, used, reason, start_share=share, ratios=ratios, **base
        )
    start = 1.0 if per_zone >= STEADY_PER_ZONE else float(BLEND[C.INCIDENT_COUNT])
    base["incident_ratio"] = _ratio(resolve_workload(units, column)[0], k)
    return _walk(units, column, k, float(tolerance), start, base)


def _ratio(weights: np.ndarray, k: int) -> float:
    """The heaviest unit over the mean zone."""
    return round(float(weights.max() / (weights.sum() / k)), RATIO_DIGITS)


def _walk(
    units: gpd.GeoDataFrame,
    column: str,
    k: int,
    tolerance: float,
    start: float,
    base: dict[str, Any],
) -> WorkloadChoice:
    """Down the ladder from ``start`` to the first share without a fault (see
    :func:`choose_workload`)."""
    ladder = sorted({start, *(s for s in SHARE_LADDER if s <= start)}, reverse=True)
    tried: list[tuple[float, float, str | None, float, np.ndarray]] = []
    for share in ladder:
        weights, _ = resolve_workload(units, _blend(column, share))
        fault, floor = _fault(weights, k, tolerance)
        tried.append((share, _ratio(weights, k), fault, floor, weights))
        if fault is None:
            break
    share, _, fault, _, weights = tried[-1]
    first_fault, first_floor, first_weights = tried[0][2], tried[0][3], tried[0][4]
    heavy: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    if fault is not None:  # none passed: the share whose heaviest village is lightest
        share, _, _, _, weights = min(tried, key=lambda row: (row[1], -row[0]))
        heavy = _heavy(units, weights, k, tolerance)
    if fault is not None and heavy[0]:
        reason = "heavy_everywhere"
    elif share == start and fault is None:
        reason = "steady" if start >= 1 else "sparse"
    else:
        reason = {"heavy": "heavy_village", "few": "few_villages"}.get(str(first_fault), "coarse")
        heavy = _heavy(units, first_weights, k, tolerance)
    return WorkloadChoice(
        _blend(column, share),
        share,
        column,
        reason,
        heavy_ids=heavy[0],
        heavy_names=heavy[1],
        start_share=start,
        ratios=tuple((s, r) for s, r, *_ in tried),
        floor=round(first_floor, RATIO_DIGITS) if reason == "coarse" else 0.0,
        **base,
    )
