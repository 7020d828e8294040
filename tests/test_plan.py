"""make_plan's guards, its steps (zones.plan.steps) and the plan folder's damage checks."""

from __future__ import annotations

from pathlib import Path

import pytest

import zones
from zones.errors import ZonePlannerError
from zones.i18n import t
from zones.plan.files import PlanFileError, read_plan, write_plan
from zones.plan.steps import (
    STEPS,
    PlanSettings,
    Step,
    StepResult,
    run_steps,
    step_at,
    step_spans,
)


@pytest.fixture(scope="module")
def scenario() -> zones.Scenario:
    return zones.read_scenario(zones.SAMPLE_PATH)


@pytest.mark.parametrize("n_zones", [0, -3, 2.5, True, "8"])
def test_a_zone_count_that_is_not_a_whole_positive_number_is_refused(
    scenario: zones.Scenario, n_zones: object
) -> None:
    with pytest.raises(ZonePlannerError, match="n_zones must be a whole number"):
        zones.make_plan(scenario, n_zones=n_zones, patrol=False)  # type: ignore[arg-type]


def test_a_table_cut_between_two_rows_is_damage(scenario: zones.Scenario, tmp_path: Path) -> None:
    plan = zones.make_plan(scenario, n_zones=8, patrol=False)
    write_plan(plan, tmp_path, xlsx=False, gpkg=False)
    officers = tmp_path / "officers.csv"
    lines = officers.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    officers.write_text("".join(lines[:-5]), encoding="utf-8-sig")
    with pytest.raises(PlanFileError, match=r"officers.csv holds \d+ rows but 108 were written"):
        read_plan(tmp_path)


def test_every_step_has_a_name_words_and_a_share_of_the_bar() -> None:
    names = [step.name for step in STEPS]
    assert len(set(names)) == len(names)
    assert names[0] == "zoning"
    for step in STEPS:
        assert step.weight > 0
        assert t(step.label, "zh")
        assert t(step.label, "en")
    spans = step_spans()
    assert spans[0][0] == 0.0
    assert spans[-1][1] == 1.0
    for step, (start, end) in zip(STEPS, spans, strict=True):
        assert step_at(start) is step
        assert step_at((start + end) / 2) is step
    assert step_at(1.0) is None


def test_make_plan_runs_the_steps_in_order_and_reports_them(scenario: zones.Scenario) -> None:
    reported: list[tuple[float, str]] = []
    zones.make_plan(
        scenario, n_zones=8, patrol=False, progress=lambda f, m: reported.append((f, m))
    )
    fractions = [f for f, _ in reported]
    assert fractions == sorted(fractions)
    assert reported[-1] == (1.0, "done")
    started = [m for _, m in reported if m in {step.name for step in STEPS}]
    assert started == [step.name for step in STEPS]
    for step, (start, _) in zip(STEPS, step_spans(), strict=True):
        assert (start, step.name) in reported


def test_a_new_step_is_a_function_added_to_the_list(scenario: zones.Scenario) -> None:
    seen: dict[str, object] = {}

    def reach(scenario, settings, parts, progress) -> StepResult:
        seen.update(parts)
        counts = parts["villages"].groupby("zone_id").size().rename("villages")
        return StepResult(parts={"reach": counts}, metrics={"reach_zones": len(counts)})

    steps = (*STEPS, Step("reach", "plan.step.zoning", 0.01, reach))
    settings = PlanSettings(n_zones=8, patrol=False)
    parts, warnings, metrics, record = run_steps(scenario, settings, lambda f, m: None, steps)
    assert {"zones", "villages", "rooms", "roster", "patrols"} <= set(seen)
    assert parts["reach"].sum() == len(scenario.villages)
    assert metrics["reach_zones"] == 8
    assert record["n_zones"] == 8
    assert record["patrol"] is False
