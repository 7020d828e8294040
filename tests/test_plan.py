"""make_plan's guards and the plan folder's damage checks."""

from __future__ import annotations

from pathlib import Path

import pytest

import zones
from zones.errors import ZonePlannerError
from zones.plan.files import PlanFileError, read_plan, write_plan


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
