"""The suggested number of zones with its rule, cap and shortfall (zones.plan.zone_count), on the
sample and on hand-made counts (the sample's villages with set populations and officers); and the
sidebar that states it, bounds the count and keeps "Run" from what the core would refuse."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import zones
from ui import state
from ui.i18n import t
from zones import columns as C
from zones.plan.pipeline import DUTY_RESERVE, suggest_zones
from zones.plan.zone_count import LIMITS, ZoneCountAdvice, zone_count_advice


def with_counts(
    sample: zones.Scenario,
    populations: list[int],
    sworn: int,
    available: int | None = None,
) -> zones.Scenario:
    """The sample's first ``len(populations)`` villages with those populations, and ``sworn``
    sworn officers of whom ``available`` (default all) are available (its auxiliaries kept)."""
    villages = sample.villages.iloc[: len(populations)].copy()
    villages[C.POPULATION] = pd.array(populations, dtype="Int64")
    template = sample.police.iloc[[0] * sworn].copy()
    ids = [f"X{i:03d}" for i in range(sworn)]
    template[C.OFFICER_ID] = ids
    template.index = pd.Index(ids, name=sample.officers.index.name)
    free = sworn if available is None else available
    template[C.AVAILABLE] = [i < free for i in range(sworn)]
    officers = pd.concat([template, sample.auxiliaries])
    return dataclasses.replace(sample, villages=villages, officers=officers)


def test_the_sample_is_capped_by_the_free_sworn_officers(sample: zones.Scenario) -> None:
    # 110,864 residents, 22 sworn officers of whom 21 are available (hand-counted in the data)
    advice = zone_count_advice(sample)
    assert advice.population == 110_864
    assert (advice.sworn, advice.available) == (22, 21)
    assert advice.guideline_range == (23, 36)  # ⌈110,864 / 5,000⌉, ⌊110,864 / 3,000⌋
    assert advice.rule == 23
    assert advice.cap == 21 - DUTY_RESERVE == 12
    assert advice.suggested == suggest_zones(sample) == 12
    assert advice.limit == "cap"
    assert advice.shortfall == 23 - 12 == 11
    assert advice.per_zone == 9_239
    assert advice.max_zones == 21  # what make_plan accepts: one available sworn head per zone
    zh, en = advice.to_text("zh"), advice.to_text("en")
    for part in ("12 个责任区", "9,239", "23–36", "21 名", "9 名", "最多 12 名", "少 11 个"):
        assert part in zh, part
    assert en.startswith("12 zones ≈ 9,239 residents each.")
    assert "110,864 residents need 23–36 zones" in en
    assert "21 available sworn officers less the daily duty reserve of 9" in en
    assert "11 zones short of the guideline" in en


def test_the_guideline_count_when_officers_suffice(sample: zones.Scenario) -> None:
    # 89 villages of 1,200 and one of 4,200: 111,000 residents; 40 sworn officers, all free
    scenario = with_counts(sample, [1_200] * 89 + [4_200], sworn=40)
    advice = zone_count_advice(scenario)
    assert advice.guideline_range == (23, 37)
    assert advice.rule == 23  # the fewest zones of at most 5,000 (rounding 22.2 would give 22)
    assert (advice.cap, advice.floor) == (31, 16)
    assert advice.suggested == suggest_zones(scenario) == 23
    assert advice.limit == "guideline"
    assert advice.shortfall == 0
    assert advice.per_zone == 4_826 <= 5_000
    assert "少" not in advice.to_text("zh")
    assert "short" not in advice.to_text("en")


def test_the_40_percent_floor(sample: zones.Scenario) -> None:
    # 27,000 residents (6–9 zones by the guideline) but 40 sworn officers: 16 zone heads at least
    advice = zone_count_advice(with_counts(sample, [300] * 90, sworn=40))
    assert advice.guideline_range == (6, 9)
    assert (advice.rule, advice.floor, advice.suggested) == (6, 16, 16)
    assert advice.limit == "floor"
    assert advice.shortfall == 0
    assert "40%" in advice.to_text("zh")
    assert "Floor: zone heads are at least 40% of the 40 sworn officers (16)." in advice.to_text(
        "en"
    )


def test_fewer_villages_than_the_guideline(sample: zones.Scenario) -> None:
    advice = zone_count_advice(with_counts(sample, [10_000] * 10, sworn=60))
    assert advice.guideline_range == (20, 33)
    assert (advice.cap, advice.villages) == (51, 10)
    assert advice.suggested == 10
    assert advice.limit == "villages"
    assert advice.shortfall == 10
    assert advice.max_zones == 10
    assert "只有 10 个村" in advice.to_text("zh")


def test_no_sworn_officer_available(sample: zones.Scenario) -> None:
    scenario = with_counts(sample, [1_000] * 30, sworn=5, available=0)
    advice = zone_count_advice(scenario)
    assert advice.available == 0
    assert advice.max_zones == 0  # make_plan refuses every count: the app disables "Run"
    assert advice.cap == 30  # no cap from officers: the villages
    assert advice.suggested == 6  # 30,000 / 5,000
    assert "没有可用的民警" in advice.to_text("zh")
    with pytest.raises(zones.ZonePlannerError):
        zones.make_plan(scenario, n_zones=1, patrol=False)


def test_a_population_no_whole_count_fits(sample: zones.Scenario) -> None:
    # 5,500 residents: 1 zone has 5,500, 2 zones have 2,750 each; no count is within 3,000–5,000
    advice = zone_count_advice(with_counts(sample, [5_500] + [0] * 9, sworn=20))
    assert advice.guideline_range == (2, 1)
    assert advice.rule == 1
    assert advice.shortfall == 0
    assert "最接近的是 1 个" in advice.to_text("zh")


def test_villages_without_population(sample: zones.Scenario) -> None:
    advice = zone_count_advice(with_counts(sample, [0] * 40, sworn=20))
    assert advice.limit == "no_population"
    assert advice.suggested == 8  # 40% of 20 sworn officers
    assert advice.shortfall == 0
    assert advice.to_text("en").startswith("8 zones. The villages carry no population")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_limit_has_words_and_no_field_is_left_open(sample: zones.Scenario, lang: str) -> None:
    cases = [
        with_counts(sample, [1_200] * 89 + [4_200], sworn=40),
        with_counts(sample, [300] * 90, sworn=40),
        with_counts(sample, [10_000] * 10, sworn=60),
        with_counts(sample, [0] * 40, sworn=20),
        sample,
    ]
    seen = set()
    for scenario in cases:
        advice = zone_count_advice(scenario)
        assert isinstance(advice, ZoneCountAdvice)
        seen.add(advice.limit)
        text = advice.to_text(lang)
        assert "{" not in text
        assert "}" not in text
        assert str(advice.suggested) in text
    assert seen == set(LIMITS)


# --- the sidebar (ui.plan_settings) ------------------------------------------------------------


def settings_script(scenario, lang):  # no annotations: the body runs as a script on its own
    import streamlit as st

    from ui.plan_settings import controls

    request = controls(scenario, "test", lang)
    st.session_state["test.request"] = request


def run_settings(scenario: zones.Scenario, lang: str = "zh") -> AppTest:
    at = AppTest.from_function(settings_script, args=(scenario, lang), default_timeout=30)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sidebar_states_the_suggestion_and_bounds_the_count(
    sample: zones.Scenario, lang: str
) -> None:
    at = run_settings(sample, lang)
    box = at.number_input(key=state.N_ZONES_KEY)
    advice = zone_count_advice(sample)
    assert (box.value, box.min, box.max) == (12, 1, 21)
    assert box.help == t("app.plan.n_zones.help", lang, max=21, available=21, villages=90)
    assert advice.to_text(lang) in [el.value for el in at.caption]
    box.set_value(22)  # one more than the sworn officers free to head a zone: not taken
    at.run()
    assert at.number_input(key=state.N_ZONES_KEY).value <= 21
    # the seed is under "advanced", still a setting of the run
    (advanced,) = [e for e in at.sidebar.expander if e.label == t("app.plan.advanced", lang)]
    assert [n.key for n in advanced.number_input] == [state.SEED_KEY]
    advanced.number_input[0].set_value(3)
    at.button(key=state.RUN_BUTTON_KEY).click()
    at.run()
    assert at.session_state[state.PLAN_REQUEST_KEY].seed == 3


def test_nesting_needs_a_zone_per_township(sample: zones.Scenario) -> None:
    at = run_settings(sample)
    townships = int(sample.villages[C.TOWNSHIP].nunique())
    assert townships == 4
    at.number_input(key=state.N_ZONES_KEY).set_value(3)
    at.checkbox(key=state.NEST_KEY).check()
    at.run()
    reason = t("app.plan.nest_short", "zh", townships=4, n=3)
    assert reason in [el.value for el in at.sidebar.error]
    assert at.button(key=state.RUN_BUTTON_KEY).disabled
    # what make_plan would have said after "Run"
    with pytest.raises(zones.ZonePlannerError):
        zones.make_plan(sample, n_zones=3, nest_within=C.TOWNSHIP, patrol=False)
    at.number_input(key=state.N_ZONES_KEY).set_value(4)
    at.run()
    assert not at.sidebar.error
    assert not at.button(key=state.RUN_BUTTON_KEY).disabled


def test_no_available_sworn_officer_disables_run(sample: zones.Scenario) -> None:
    at = run_settings(with_counts(sample, [1_000] * 30, sworn=5, available=0))
    assert at.number_input(key=state.N_ZONES_KEY).max == 1
    assert t("app.plan.no_heads", "zh") in [el.value for el in at.sidebar.error]
    assert at.button(key=state.RUN_BUTTON_KEY).disabled
