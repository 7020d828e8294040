"""The zones tab on the bundled sample (AppTest, no browser): the plan's warnings with cause and
what to do, the rows outside the tolerance marked and tinted, and the workload bars against the
tolerance band, drawn again from the current plan after a hand edit."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import zones
from ui import state, zones_tab
from ui.i18n import t
from ui.text import md_escape
from ui.workload_chart import COLOURS, zone_status
from zones.plan.edits import current_labels, move_villages, village_graph

LANGS = ("zh", "en")


def zones_script(plan, scenario, lang):  # no annotations: the body runs as a script on its own
    """The zones tab for ``plan`` as the session's current plan (kept across reruns)."""
    import streamlit as st

    from ui import plan_page, state, zones_tab
    from ui.plan_settings import PlanRequest

    if state.HISTORY_KEY not in st.session_state:
        request = PlanRequest("test", len(plan.zones))
        st.session_state[state.HISTORY_KEY] = plan_page.History(request, (plan,))
    zones_tab.render(st.session_state[state.HISTORY_KEY], scenario, "test", lang)


def run_tab(plan: zones.Plan, scenario: zones.Scenario, lang: str) -> AppTest:
    at = AppTest.from_function(zones_script, args=(plan, scenario, lang), default_timeout=90)
    at.run()
    assert not at.exception
    return at


def the_table(at: AppTest, lang: str):
    """The zone table element (found by its translated headers)."""
    headers = [t(key, lang) for _, key in zones_tab.TABLE_COLUMNS]
    (table,) = [el for el in at.dataframe if list(el.value.columns) == headers]
    return table


def tinted_rows(table) -> dict[int, str]:
    """Row number → background colour, from the table's Styler CSS."""
    rows: dict[int, str] = {}
    for selectors, body in re.findall(
        r"([^{}]+)\{([^{}]*)\}", table.proto.arrow_data.styler.styles
    ):
        fill = re.search(r"background-color:\s*(#[0-9A-Fa-f]{6})", body)
        if fill:
            for row in re.findall(r"_row(\d+)_col\d+", selectors):
                rows[int(row)] = fill.group(1)
    return rows


def bar_chart(at: AppTest) -> dict:
    """The workload chart's Vega-Lite spec."""
    (chart,) = [el for el in at.main if getattr(el, "type", "") == "vega_lite_chart"]
    return json.loads(chart.proto.spec)


def bars(spec: dict) -> pd.DataFrame:
    (layer,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    return pd.DataFrame(layer["data"]["values"])


def band(spec: dict) -> tuple[float, float]:
    (layer,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
    (row,) = layer["data"]["values"]
    return row["low"], row["high"]


@pytest.fixture(scope="module")
def balanced(sample: zones.Scenario) -> zones.Plan:
    """The app's default plan: every zone within ±5%."""
    return zones.make_plan(sample)


@pytest.fixture(scope="module")
def unbalanced(sample: zones.Scenario) -> zones.Plan:
    """21 zones on plain incident counts: one village outweighs a zone, so ±5% is impossible
    and several zones end far outside it (tolerance_impossible_heavy)."""
    return zones.make_plan(sample, n_zones=21, workload="incidents")


def test_the_fixtures_are_what_the_tests_need(balanced: zones.Plan, unbalanced: zones.Plan) -> None:
    assert balanced.metrics["tolerance_met"]
    assert not unbalanced.metrics["tolerance_met"]
    assert "tolerance_impossible_heavy" in {w.code for w in unbalanced.warnings}
    deviation = unbalanced.zones["deviation"].abs()
    assert (deviation > 0.05).sum() >= 2
    assert (deviation <= 0.05).sum() >= 2


@pytest.mark.parametrize("lang", LANGS)
def test_warnings_show_their_cause_and_what_to_do(
    sample: zones.Scenario, unbalanced: zones.Plan, lang: str
) -> None:
    at = run_tab(unbalanced, sample, lang)
    shown = [el.value for el in at.warning]
    issues = zone_tab_issues(unbalanced)
    assert {"tolerance_impossible_heavy", "patrol_stops_dropped"} <= {i.code for i in issues}
    for issue in issues:
        text = md_escape(issue.what(lang)) + "  \n" + md_escape(t("app.zones.fix", lang))
        expected = text + md_escape(issue.fix(lang))
        assert expected in shown, issue.code
    assert t("app.zones.warnings", lang) in [el.value for el in at.subheader]
    # staffing warnings stay on the staffing tab
    staffing = [w for w in unbalanced.warnings if w.layer == "staffing"]
    assert staffing
    assert not [w for w in staffing if md_escape(w.what(lang)) in "\n".join(shown)]


def zone_tab_issues(plan: zones.Plan) -> list:
    return [w for w in plan.warnings if w.layer in ("zones", "patrol") and w.severity == "warning"]


@pytest.mark.parametrize("lang", LANGS)
def test_rows_outside_the_tolerance_are_marked_and_tinted(
    sample: zones.Scenario, unbalanced: zones.Plan, lang: str
) -> None:
    at = run_tab(unbalanced, sample, lang)
    table = the_table(at, lang)
    frame = table.value
    deviation = unbalanced.zones["deviation"].to_numpy()
    status = frame[t("app.col.tolerance_status", lang)].tolist()
    tinted = tinted_rows(table)
    for row, dev in enumerate(deviation):
        if dev > 0.05:
            assert status[row] == t("app.zones.status.above", lang) + " ±5%"
            assert tinted[row] == zones_tab.ROW_FILL["above"]
        elif dev < -0.05:
            assert status[row] == t("app.zones.status.below", lang) + " ±5%"
            assert tinted[row] == zones_tab.ROW_FILL["below"]
        else:
            assert status[row] == t("app.zones.status.within", lang)
            assert row not in tinted
    outside = int((abs(deviation) > 0.05).sum())
    assert t("app.zones.outside", lang, n=outside, tol="5") in [el.value for el in at.caption]
    # the deviation of an outside row is in bold, a +50% row no longer looks like a +2% row
    styles = table.proto.arrow_data.styler.styles
    worst = int(abs(deviation).argmax())
    column = frame.columns.get_loc(t("app.col.deviation", lang))
    assert re.search(rf"_row{worst}_col{column}\b[^{{]*\{{[^}}]*font-weight: bold", styles)


def test_a_balanced_plan_says_every_zone_is_within(
    sample: zones.Scenario, balanced: zones.Plan
) -> None:
    at = run_tab(balanced, sample, "zh")
    assert tinted_rows(the_table(at, "zh")) == {}
    assert t("app.zones.all_within", "zh", tol="5") in [el.value for el in at.caption]
    assert t("app.zones.warnings", "zh") in [el.value for el in at.subheader]  # patrol stops
    # the workload note is an info box of its own (show_workload_choice), not a warning
    (note,) = [w for w in balanced.warnings if w.code == "workload_chosen"]
    assert md_escape(note.what("zh")) in [el.value for el in at.info]
    assert not [w for w in at.warning if md_escape(note.what("zh")) in w.value]


@pytest.mark.parametrize("lang", LANGS)
def test_the_bars_show_each_zone_against_the_band(
    sample: zones.Scenario, unbalanced: zones.Plan, lang: str
) -> None:
    at = run_tab(unbalanced, sample, lang)
    spec = bar_chart(at)
    frame = bars(spec)
    zones_ = unbalanced.zones
    assert frame["zone"].tolist() == [str(z) for z in zones_["zone_id"]]
    assert frame["workload"].tolist() == zones_["workload"].round(2).tolist()
    mean = zones_["workload"].sum() / len(zones_)
    low, high = band(spec)
    assert low == pytest.approx(mean * 0.95)
    assert high == pytest.approx(mean * 1.05)
    labels = {code: t(f"app.zones.status.{code}", lang) for code in COLOURS}
    expected = [labels[s] for s in zone_status(unbalanced)]
    assert frame["status"].tolist() == expected
    assert len(set(expected)) == 3  # above, below and within all drawn
    (layer,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "bar"]
    scale = layer["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        labels[code]: colour for code, colour in COLOURS.items()
    }
    assert t("app.zones.bars", lang) in [el.value for el in at.subheader]


def _heaviest_border_move(plan: zones.Plan) -> tuple[str, str]:
    """The border village whose move (keeping every zone one piece) unbalances the most."""
    graph = village_graph(plan)
    labels = current_labels(plan)
    best, worst = None, -1.0
    for i in range(graph.n):
        for j in graph.neighbours(i):
            if labels.iloc[j] == labels.iloc[i]:
                continue
            move = (plan.villages.index[i], labels.iloc[j])
            edited = move_villages(plan, dict([move]), graph=graph)
            dev = edited.metrics["max_abs_deviation"]
            if edited.metrics["all_contiguous"] and dev > worst:
                best, worst = move, dev
    assert best is not None
    assert worst > 0.05
    return best


def test_the_bars_and_table_follow_a_hand_edit(
    sample: zones.Scenario, balanced: zones.Plan
) -> None:
    at = run_tab(balanced, sample, "zh")
    before = bars(bar_chart(at))
    assert set(before["status"]) == {t("app.zones.status.within", "zh")}
    village, zone = _heaviest_border_move(balanced)
    edited = move_villages(balanced, {village: zone})
    # what the move button does: the edited plan becomes the session's current plan
    known = at.session_state[state.HISTORY_KEY]
    at.session_state[state.HISTORY_KEY] = known.push(edited)
    at.run()
    assert not at.exception
    after = bars(bar_chart(at))
    assert after["workload"].tolist() == edited.zones["workload"].round(2).tolist()
    assert after["workload"].tolist() != before["workload"].tolist()
    status = zone_status(edited)
    outside = [
        str(z) for z, s in zip(edited.zones["zone_id"], status, strict=True) if s != "within"
    ]
    assert zone in outside
    shown = dict(zip(after["zone"], after["status"], strict=True))
    assert all(shown[z] != t("app.zones.status.within", "zh") for z in outside)
    table = the_table(at, "zh")
    assert set(tinted_rows(table)) == {
        i for i, z in enumerate(edited.zones["zone_id"].astype(str)) if z in outside
    }
    # the edit's own warning says which zones left the tolerance and what to do
    (issue,) = [w for w in edited.warnings if w.code == "edit_tolerance"]
    assert any(w.value.startswith(md_escape(issue.what("zh"))) for w in at.warning)
    assert any(md_escape(issue.fix("zh")) in w.value for w in at.warning)
