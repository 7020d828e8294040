"""The staffing tab: zone heads, one auxiliary per village with the reason, shortages, spares.

Widget keys start with ``staffing.``. People follow the chosen profile (:class:`ui.tables.People`):
ids and the map's role codes in the public one, names and phones only in the internal one (for
accounts allowed to see it; showing it is audited with the user's name, :mod:`ui.audit`).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.tables import (
    People,
    guarded,
    highlight_rows,
    issue_text,
    number_config,
    profile_choice,
    with_headers,
)
from zones import columns as C
from zones.model import Scenario
from zones.plan.pipeline import AUX_OFFICER_ID, HEAD_OFFICER_ID, Plan

REASONS = ("home", "familiar", "distance", "manual")  # the map's words (map.plan.reason.*)
MANUAL = "manual"  # chosen by hand (the core's word, staff.reason.manual)


def render(plan: Plan, lang: str, *, scenario: Scenario | None = None) -> None:
    """Draw the staffing tab for ``plan`` in ``lang`` (``scenario`` is not needed)."""
    with guarded("staffing", lang):
        _render(plan, lang)


def _render(plan: Plan, lang: str) -> None:
    profile = profile_choice("staffing", lang, plan=plan)
    people = People(plan, profile, lang)
    show_figures(plan, lang)
    show_warnings(plan, lang)
    st.markdown(f"#### {t('app.staffing.heads', lang)}")
    heads = with_headers(heads_table(plan, people), lang)
    st.dataframe(heads, hide_index=True, column_config=number_config(heads))
    st.markdown(f"#### {t('app.staffing.aux', lang)}")
    table = aux_table(plan, people)
    short = table["status"] == "short"
    if short.any():
        st.error(t("app.staffing.short", lang, n=int(short.sum())))
    only_short = st.checkbox(
        t("app.staffing.only_short", lang), key="staffing.only_short", disabled=not short.any()
    )
    if only_short:
        table, short = table[short], short[short]
    shown = table.assign(status=[t(f"app.staffing.status.{s}", lang) for s in table["status"]])
    shown = with_headers(shown, lang)
    st.dataframe(highlight_rows(shown, short), hide_index=True, column_config=number_config(shown))
    st.markdown(f"#### {t('app.staffing.pool', lang)}")
    pool = pool_table(plan, people)
    if pool.empty:
        st.caption(t("app.staffing.pool_empty", lang))
    else:
        st.info(t("app.staffing.pool_n", lang, n=len(pool)))
        st.dataframe(with_headers(pool, lang), hide_index=True)


def show_figures(plan: Plan, lang: str) -> None:
    """Key figures: zone heads, villages staffed, auxiliaries short and spare, why chosen."""
    villages = plan.villages
    staffed = int(villages[AUX_OFFICER_ID].notna().sum()) if AUX_OFFICER_ID in villages else 0
    heads = int(plan.zones[HEAD_OFFICER_ID].notna().sum()) if HEAD_OFFICER_ID in plan.zones else 0
    reasons = villages["aux_reason"] if "aux_reason" in villages else pd.Series(dtype=object)
    figures = [
        (t("app.staffing.fig.heads", lang), f"{heads}/{len(plan.zones)}"),
        (t("app.staffing.fig.staffed", lang), f"{staffed}/{len(villages)}"),
        (t("app.staffing.fig.short", lang), str(len(villages) - staffed)),
        (t("app.staffing.fig.spare", lang), str(len(plan.pool))),
        (t("app.staffing.fig.home", lang), str(int((reasons == "home").sum()))),
        (t("app.staffing.fig.familiar", lang), str(int((reasons == "familiar").sum()))),
    ]
    for column, (label, value) in zip(st.columns(len(figures)), figures, strict=True):
        column.metric(label, value)


def show_warnings(plan: Plan, lang: str) -> None:
    """The plan's staffing warnings in plain words ("what — how to fix"), or an all-clear."""
    issues = [issue for issue in plan.warnings if issue.layer == "staffing"]
    if not issues:
        st.success(t("app.staffing.no_warnings", lang))
        return
    for issue in issues:
        st.warning(issue_text(issue, lang))


def heads_table(plan: Plan, people: People) -> pd.DataFrame:
    """One row per zone: role code, the head's id (+ name, phone), villages known, distance."""
    zones = plan.zones
    ids = zones[HEAD_OFFICER_ID] if HEAD_OFFICER_ID in zones else pd.Series(None, zones.index)
    table = pd.DataFrame(
        {
            "zone_id": zones["zone_id"].astype(str).to_numpy(),
            "role_code": [
                people.head_code(idx) if people.present(officer) else ""
                for idx, officer in ids.items()
            ],
            **people.person_columns(ids),
        }
    )
    shown = ("n_units", "population")
    if people.internal:  # where the head lives: internal only
        shown = ("head_known_villages", "head_distance_km", *shown)
    for column in shown:
        if column in zones:
            table[column] = zones[column].to_numpy()
    missing = ~ids.map(people.present).to_numpy(dtype=bool)
    if missing.any():
        table.loc[missing, "officer_id"] = t("map.plan.head_missing", people.lang)
    return table


def aux_table(plan: Plan, people: People) -> pd.DataFrame:
    """One row per village: its auxiliary (code, id, + name and phone), why chosen, how far.

    ``status`` is ``staffed`` or ``short`` (no auxiliary: highlighted in the tab).
    """
    villages = plan.villages
    ids = (
        villages[AUX_OFFICER_ID]
        if AUX_OFFICER_ID in villages
        else pd.Series(None, villages.index, dtype=object)
    )
    present = ids.map(people.present).to_numpy(dtype=bool)
    table = pd.DataFrame({"village_id": villages.index.astype(str)})
    for column in (C.NAME, C.TOWNSHIP, "zone_id"):
        if column in villages:
            table[column] = villages[column].astype(object).to_numpy()
    table = table.rename(columns={C.NAME: "village_name"})
    table["role_code"] = [
        people.aux_code(idx) if ok else "" for idx, ok in zip(villages.index, present, strict=True)
    ]
    for column, values in people.person_columns(ids).items():
        table[column] = values
    reasons = villages.get("aux_reason", pd.Series(None, villages.index, dtype=object))
    if not people.internal:  # "lives there" and the km tell where an officer lives
        reasons = pd.Series(None, villages.index, dtype=object)
    table["aux_reason"] = [
        (reason_text(reason, people.lang) if ok else t("map.plan.aux_missing", people.lang))
        for reason, ok in zip(reasons, present, strict=True)
    ]
    if "aux_distance_km" in villages and people.internal:
        distances = pd.to_numeric(villages["aux_distance_km"], errors="coerce")
        table["aux_distance_km"] = distances.where(present).round(2).to_numpy()
    table["status"] = ["staffed" if ok else "short" for ok in present]
    return table


def reason_text(reason: object, lang: str) -> str:
    """Why an auxiliary was chosen, in words (empty when the profile hides it or none is known)."""
    if reason in REASONS:
        return t(f"map.plan.reason.{reason}", lang)
    return t("staff.reason.manual", lang) if reason == MANUAL else ""


def pool_table(plan: Plan, people: People) -> pd.DataFrame:
    """The spare auxiliary officers (id, + name and phone when internal)."""
    return pd.DataFrame(people.person_columns(list(plan.pool)))
