"""The plan: the ``make_plan`` pipeline and its steps, hand edits and comparison, plan files,
privacy profiles."""

from __future__ import annotations

from zones.plan.pipeline import (
    AUX_OFFICER_ID,
    DUTY_RESERVE,
    HEAD_OFFICER_ID,
    HEAD_SHARE_MIN,
    RESIDENTS_PER_HEAD,
    ROAD_DISTANCE_MAX_CELLS,
    Plan,
    ZoneCountAdvice,
    make_plan,
    suggest_zones,
    zone_count_advice,
)
from zones.plan.steps import STEPS, PlanSettings, Step, StepResult, step_at

__all__ = [
    "HEAD_OFFICER_ID",
    "AUX_OFFICER_ID",
    "RESIDENTS_PER_HEAD",
    "HEAD_SHARE_MIN",
    "ROAD_DISTANCE_MAX_CELLS",
    "Plan",
    "DUTY_RESERVE",
    "suggest_zones",
    "ZoneCountAdvice",
    "zone_count_advice",
    "make_plan",
    "STEPS",
    "Step",
    "StepResult",
    "PlanSettings",
    "step_at",
]
