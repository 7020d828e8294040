"""Split into :mod:`zones.staffing.heads` (zone heads), :mod:`zones.staffing.auxiliaries` (one
auxiliary per village) and :mod:`zones.staffing.matching` (the costs and solvers).

This module keeps ``zones.staffing.heads_and_auxiliaries`` importable for one release; new code
imports from :mod:`zones.staffing` or the three modules.
"""

from __future__ import annotations

from zones.staffing.auxiliaries import (
    DENSE_MAX_CELLS,
    AuxiliaryAssignment,
    assign_auxiliaries,
    staffing_sets,
)
from zones.staffing.heads import KNOW_WORTH_KM, assign_zone_heads, check_zone_heads
from zones.staffing.matching import (
    COST_UNIT_M,
    DEFAULT_DETOUR,
    DISTANCE,
    FAMILIAR,
    HOME,
    TIER_M,
    UNKNOWN_M,
    StaffingError,
    home_points,
    match_dense,
    match_sparse,
    village_points,
)

__all__ = [
    "HOME",
    "FAMILIAR",
    "DISTANCE",
    "TIER_M",
    "UNKNOWN_M",
    "DENSE_MAX_CELLS",
    "DEFAULT_DETOUR",
    "KNOW_WORTH_KM",
    "COST_UNIT_M",
    "StaffingError",
    "AuxiliaryAssignment",
    "home_points",
    "village_points",
    "staffing_sets",
    "assign_auxiliaries",
    "match_dense",
    "match_sparse",
    "check_zone_heads",
    "assign_zone_heads",
]
