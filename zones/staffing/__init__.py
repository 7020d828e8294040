"""Zone heads (:mod:`~zones.staffing.heads`), village auxiliary officers
(:mod:`~zones.staffing.auxiliaries`), the matching both use (:mod:`~zones.staffing.matching`)
and village police rooms (:mod:`~zones.staffing.rooms`)."""

from __future__ import annotations

from zones.staffing.auxiliaries import (
    DENSE_MAX_CELLS,
    MANUAL,
    AuxiliaryAssignment,
    assign_auxiliaries,
    reassign_auxiliaries,
    staffing_sets,
)
from zones.staffing.heads import (
    KNOW_WORTH_KM,
    MATCHED,
    assign_zone_heads,
    check_fixed_heads,
    check_zone_heads,
)
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
    "MANUAL",
    "MATCHED",
    "StaffingError",
    "AuxiliaryAssignment",
    "home_points",
    "village_points",
    "staffing_sets",
    "assign_auxiliaries",
    "reassign_auxiliaries",
    "match_dense",
    "COST_UNIT_M",
    "match_sparse",
    "check_zone_heads",
    "check_fixed_heads",
    "assign_zone_heads",
]
