"""Compare lists who heads which zone and which auxiliary each village has, before and after
(zones.plan.comparison.compare_plans; the compare tab's tables)."""

from __future__ import annotations

import dataclasses

import pytest
from streamlit.testing.v1 import AppTest

import zones
from ui import compare_tab
from ui.i18n import t
from zones.plan.comparison import compare_plans

HEAD, AUX = "head_officer_id", "aux_officer_id"


@pytest.fixture(scope="module")
def plan(sample: zones.Scenario) -> zones.Plan:
    return zones.make_plan(sample, patrol=False)


@pytest.fixture(scope="module")
def edited(plan: zones.Plan) -> zones.Plan:
    """Zones 1 and 2 swap heads (zone 2's chosen by hand), zone 3 loses its head; one village
    gets another auxiliary (by hand), another loses its auxiliary."""
    zones_ = plan.zones.copy()
    ids = zones_["zone_id"].astype(str).tolist()
    first, second, third = (ids.index(z) for z in ("1", "2", "3"))
    heads = zones_[HEAD].tolist()
    zones_.loc[zones_.index[first], HEAD] = heads[second]
    zones_.loc[zones_.index[second], HEAD] = heads[first]
    zones_.loc[zones_.index[third], HEAD] = None
    zones_["head_reason"] = "matched"
    zones_.loc[zones_.index[second], "head_reason"] = "manual"
    villages = plan.villages.copy()
    staffed = villages.index[villages[AUX].notna()]
    a, b = staffed[0], staffed[1]
    villages.loc[a, AUX] = villages.loc[b, AUX]
    villages.loc[a, "aux_reason"] = "manual"
    villages.loc[b, AUX] = None
    return dataclasses.replace(plan, zones=zones_, villages=villages)


def test_head_and_auxiliary_changes(plan: zones.Plan, edited: zones.Plan) -> None:
    before = dict(zip(plan.zones["zone_id"].astype(str), plan.zones[HEAD], strict=True))
    comparison = compare_plans(plan, edited)
    heads = comparison.heads.set_index("zone_id")
    assert list(heads.index) == ["1", "2", "3"]
    assert heads.loc["1", "head_before"] == before["1"]
    assert heads.loc["1", "head_after"] == before["2"]
    assert heads.loc["2", "head_after"] == before["1"]
    assert heads.loc["2", "reason_after"] == "manual"
    assert heads.loc["3", "head_before"] == before["3"]
    assert heads.loc["3", "head_after"] is None
    assert heads.loc["1", "reason_before"] != "manual"  # matched (or not said in older plans)
    aux = comparison.auxiliaries.set_index("village_id")
    staffed = plan.villages.index[plan.villages[AUX].notna()]
    a, b = staffed[0], staffed[1]
    assert list(aux.index) == [a, b]
    assert aux.loc[a, "aux_before"] == plan.villages.loc[a, AUX]
    assert aux.loc[a, "aux_after"] == plan.villages.loc[b, AUX]
    assert aux.loc[a, "reason_after"] == "manual"
    assert aux.loc[a, "name"] == plan.villages.loc[a, "name"]
    assert aux.loc[b, "aux_after"] is None
    assert comparison.moved.empty  # staffing changed, no village moved


def test_no_change_and_zones_in_one_plan_only(plan: zones.Plan) -> None:
    same = compare_plans(plan, plan)
    assert same.heads.empty
    assert same.auxiliaries.empty  # villages without an auxiliary on both sides are no change
    assert plan.villages[AUX].isna().any()
    renamed = plan.zones.copy()
    renamed["zone_id"] = renamed["zone_id"].astype(str).replace({"12": "13"})
    comparison = compare_plans(plan, dataclasses.replace(plan, zones=renamed))
    heads = comparison.heads.set_index("zone_id")
    assert list(heads.index) == ["12", "13"]
    assert heads.loc["12", "head_after"] is None
    assert heads.loc["13", "head_before"] is None
    assert heads.loc["13", "head_after"] == heads.loc["12", "head_before"]


def compare_script(before, after, lang):  # no annotations: the body runs as a script on its own
    from ui import compare_tab
    from zones.plan.comparison import compare_plans

    compare_tab.show_comparison(compare_plans(before, after), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_compare_tab_lists_them(plan: zones.Plan, edited: zones.Plan, lang: str) -> None:
    at = AppTest.from_function(compare_script, args=(plan, edited, lang), default_timeout=60)
    at.run()
    assert not at.exception
    subheaders = [el.value for el in at.subheader]
    assert t("app.compare.heads", lang, n=3) in subheaders
    assert t("app.compare.aux", lang, n=2) in subheaders
    headers = [t(f"app.col.{k}", lang) for k in ("zone_id", "head_before", "head_after")]
    (heads,) = [el.value for el in at.dataframe if list(el.value.columns[:3]) == headers]
    expected = compare_tab.heads_table(compare_plans(plan, edited), lang)
    assert heads.to_dict("list") == expected.to_dict("list")
    assert heads[headers[2]].tolist()[2] == t("app.compare.vacant", lang)
    assert heads[t("app.col.by_hand", lang)].tolist() == ["", t("app.yes", lang), ""]
    aux_headers = [t(f"app.col.{k}", lang) for k in ("village_id", "name", "aux_before")]
    (aux,) = [el.value for el in at.dataframe if list(el.value.columns[:3]) == aux_headers]
    assert len(aux) == 2
    assert aux[t("app.col.aux_after", lang)].tolist()[1] == t("app.compare.vacant", lang)

    at = AppTest.from_function(compare_script, args=(plan, plan, lang), default_timeout=60)
    at.run()
    successes = [el.value for el in at.success]
    assert t("app.compare.none_heads", lang) in successes
    assert t("app.compare.none_aux", lang) in successes
