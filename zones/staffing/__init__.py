"""Zone heads, village auxiliary officers and village police rooms."""

from __future__ import annotations

from zones.staffing.heads_and_auxiliaries import (
    COST_UNIT_M,
    DEFAULT_DETOUR,
    DENSE_MAX_CELLS,
    KNOW_WORTH_KM,
    TIER_M,
    UNKNOWN_M,
    AuxiliaryAssignment,
    StaffingError,
    assign_auxiliaries,
    assign_zone_heads,
    check_zone_heads,
    home_points,
    match_dense,
    match_sparse,
    staffing_sets,
    village_points,
)

__all__ = [
    "TIER_M",
    "UNKNOWN_M",
    "DENSE_MAX_CELLS",
    "DEFAULT_DETOUR",
    "KNOW_WORTH_KM",
    "StaffingError",
    "AuxiliaryAssignment",
    "home_points",
    "village_points",
    "staffing_sets",
    "assign_auxiliaries",
    "match_dense",
    "COST_UNIT_M",
    "match_sparse",
    "check_zone_heads",
    "assign_zone_heads",
]
