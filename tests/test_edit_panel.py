"""The edit panel of the zones tab in the app (``streamlit.testing.v1.AppTest``; no browser):
the selection map's arguments and callback, moving villages, zone names, locks, zone heads and
auxiliaries chosen by hand, the two ways to rebalance, and updating the patrol lines.

The map itself (a click on a village) is driven in a real browser in
``tests/test_edit_map_browser.py``; here its messages are played by setting its value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import zones
from ui import edit_panel, plan_page, state
from ui.i18n import t
from ui.text import md_escape
from zones import columns as C
from zones.plan.choices import hand_choices, stale_zones
from zones.plan.edits import current_labels, move_villages, village_graph

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def at() -> AppTest:
    """The app with the default plan made on the sample."""
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    app.button(key=state.RUN_BUTTON_KEY).click()
    app.run()
    assert not app.exception
    return app


def history(at: AppTest) -> plan_page.History:
    return at.session_state[state.HISTORY_KEY]


def map_args(at: AppTest) -> dict:
    (element,) = at.get("component_instance")
    return json.loads(element.proto.json_args)


def messages(at: AppTest, kind: str) -> list[str]:
    return [str(el.value) for el in at.get(kind)]


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception
    return at


def _border_move(plan: zones.Plan) -> tuple[str, str]:
    graph = village_graph(plan)
    labels = current_labels(plan)
    for i in range(graph.n):
        for j in graph.neighbours(i):
            zone = labels.iloc[j]
            village = str(plan.villages.index[i])
            if (
                zone != labels.iloc[i]
                and move_villages(plan, {village: zone}, graph=graph).metrics["all_contiguous"]
            ):
                return village, zone
    raise AssertionError("no border village")


def test_the_map_shows_the_selection_and_each_villages_zone(at: AppTest) -> None:
    plan = history(at).current
    args = map_args(at)
    assert len(args["geo"]["features"]) == len(plan.villages)
    assert args["zone_of"] == current_labels(plan).to_dict()
    assert set(args["colors"]) == set(plan.zones["zone_id"].astype(str))
    assert args["selected"] == []
    assert args["texts"]["lasso"] == t("app.select_map.lasso", "zh")
    village, zone = _border_move(plan)

    # picked by name: the map shows it
    at.multiselect(key=state.MOVE_VILLAGES_KEY).set_value([village])
    rerun(at)
    assert map_args(at)["selected"] == [village]

    # the page says it holds the villages: their geometry is not sent again
    at.session_state[state.SELECT_MAP_KEY] = {
        "selected": [village],
        "seq": 0,
        "have": args["geo_key"],
    }
    rerun(at)
    again = map_args(at)
    assert again["geo"] is None
    assert again["geo_key"] == args["geo_key"]

    # moved: the map gets the village's new zone and an empty selection
    at.selectbox(key=state.MOVE_TARGET_KEY).set_value(zone)
    at.button(key=state.MOVE_BUTTON_KEY).click()
    rerun(at)
    after = map_args(at)
    assert after["zone_of"][village] == zone
    assert after["selected"] == []
    assert t("app.edit.done", "zh", n=1, zone=zone) in messages(at, "success")


def test_a_click_on_the_map_selects_in_the_app(
    monkeypatch: pytest.MonkeyPatch, sample: zones.Scenario
) -> None:
    plan = zones.make_plan(sample, n_zones=12, seed=0)
    ids = [str(v) for v in plan.villages.index[:3]]
    session = {
        state.HISTORY_KEY: plan_page.History(request=None, plans=(plan,)),  # type: ignore[arg-type]
        state.SELECT_MAP_KEY: {"selected": [*ids, "no-such-village"], "seq": 4, "have": "x"},
    }
    monkeypatch.setattr(edit_panel, "st", SimpleNamespace(session_state=session))
    edit_panel._map_changed()
    assert session[state.MOVE_VILLAGES_KEY] == ids  # unknown ids dropped
    assert session[state.SELECT_ACK_KEY] == 4
    session[state.SELECT_MAP_KEY] = "garbage"
    edit_panel._map_changed()
    assert session[state.MOVE_VILLAGES_KEY] == ids
    # a message that only says which villages the page holds (no new seq) keeps the selection,
    # which may have been made by name since
    session[state.MOVE_VILLAGES_KEY] = ids[:1]
    session[state.SELECT_MAP_KEY] = {"selected": [], "seq": 4, "have": "y"}
    edit_panel._map_changed()
    assert session[state.MOVE_VILLAGES_KEY] == ids[:1]


def test_zone_settings_name_lock_head_and_auxiliary(at: AppTest) -> None:
    plan = history(at).current
    zone = "3"
    at.selectbox(key=state.SETTINGS_ZONE_KEY).set_value(zone)
    rerun(at)

    # a name: in the zone choices and on the map
    at.text_input(key=f"{state.ZONE_NAME_KEY}-{zone}").input("城关片")
    at.button(key=f"{state.NAME_BUTTON_KEY}-{zone}").click()
    rerun(at)
    assert hand_choices(history(at).current).names == {zone: "城关片"}
    assert t("app.edit.named", "zh", zone=zone, name=md_escape("城关片")) in messages(at, "success")
    labels = [text for _, _, text in map_args(at)["labels"]]
    assert f"{zone} 城关片" in labels

    # a lock: a move into the zone is refused with the core's words in Chinese
    at.checkbox(key=f"{state.ZONE_LOCK_KEY}-{zone}").check()
    rerun(at)
    assert hand_choices(history(at).current).locked_zones == (zone,)
    outside = next(v for v, z in current_labels(plan).items() if z != zone)
    at.multiselect(key=state.MOVE_VILLAGES_KEY).set_value([outside])
    at.selectbox(key=state.MOVE_TARGET_KEY).set_value(zone)
    at.button(key=state.MOVE_BUTTON_KEY).click()
    rerun(at)
    errors = messages(at, "error")
    assert any(zone in e and "锁定" in e for e in errors), errors
    assert history(at).edits == 2  # name and lock; the move was refused

    # a zone head chosen by hand: the zone's head, reason "manual", the changes said
    heads = dict(zip(plan.zones["zone_id"], plan.zones["head_officer_id"], strict=True))
    officer = heads["8"]
    at.selectbox(key=f"{state.HEAD_KEY}-{zone}").set_value(officer)
    at.button(key=f"{state.HEAD_BUTTON_KEY}-{zone}").click()
    rerun(at)
    current = history(at).current
    row = current.zones.set_index("zone_id").loc[zone]
    assert row["head_officer_id"] == officer
    assert row["head_reason"] == "manual"
    done = [m for m in messages(at, "success") if officer in m]
    assert done
    assert md_escape(f"8: {officer}") in done[0]  # the displaced zone is named

    # an auxiliary chosen by hand
    village = str(current.villages.index[0])
    other = str(current.villages["aux_officer_id"].dropna().iloc[3])
    at.selectbox(key=state.AUX_VILLAGE_KEY).set_value(village)
    rerun(at)
    at.selectbox(key=state.AUX_KEY).set_value(other)
    at.button(key=state.AUX_BUTTON_KEY).click()
    rerun(at)
    villages = history(at).current.villages
    assert villages.loc[village, ["aux_officer_id", "aux_reason"]].tolist() == [other, "manual"]
    assert "Traceback" not in "\n".join(messages(at, "error"))


def test_rebalance_offers_both_ways_and_the_patrol_lines_update(
    at: AppTest, sample: zones.Scenario
) -> None:
    plan = history(at).current
    village = str(sample.villages.index[sample.villages[C.NAME] == "振兴社区"][0])
    at.multiselect(key=state.MOVE_VILLAGES_KEY).set_value([village])
    at.selectbox(key=state.MOVE_TARGET_KEY).set_value("5")
    at.button(key=state.MOVE_BUTTON_KEY).click()
    rerun(at)
    edited = history(at).current
    assert stale_zones(edited)

    # the patrol lines of the edited zones, on request
    at.button(key=state.PATROLS_BUTTON_KEY).click()
    rerun(at)
    updated = history(at).current
    assert stale_zones(updated) == ()
    assert history(at).edits == 2
    zones_done = ", ".join(stale_zones(edited))
    assert t("app.edit.patrols.done", "zh", zones=md_escape(zones_done)) in messages(at, "success")
    assert not [b for b in at.button if b.key == state.PATROLS_BUTTON_KEY]

    # rebalance: both ways side by side, the recommended one chosen, the other one adoptable
    at.multiselect(key=state.LOCKED_KEY).set_value([village])
    at.button(key=state.REBALANCE_BUTTON_KEY).click()
    rerun(at)
    found: plan_page.Proposal = at.session_state[state.PROPOSAL_KEY]
    assert found.options is not None
    names = [o.name for o in found.options.options]
    assert names == ["minimal", "fresh"]
    headers = [t(f"app.edit.option.col.{c}", "zh") for c in ("option", "moved", "dev", "met")]
    (table,) = [el.value for el in at.dataframe if list(el.value.columns[:4]) == headers]
    assert table[headers[1]].tolist() == [o.moved for o in found.options.options]
    recommended = t("app.edit.option.recommended", "zh")
    marked = [row for row in table[headers[0]] if row.endswith(recommended)]
    assert marked == [t(f"app.edit.option.{found.chosen}", "zh") + recommended]
    assert found.options.best.max_abs_deviation <= 0.05 + 1e-9  # the tester's case: met

    other = next(n for n in names if n != found.chosen)
    at.radio(key=state.PROPOSAL_CHOICE_KEY).set_value(other)
    rerun(at)
    picked: plan_page.Proposal = at.session_state[state.PROPOSAL_KEY]
    assert picked.chosen == other
    assert picked.plan is found.options.option(other).plan
    at.button(key=state.ADOPT_BUTTON_KEY).click()
    rerun(at)
    assert history(at).current is picked.plan
    assert current_labels(history(at).current)[village] == "5"
    assert plan is history(at).original
