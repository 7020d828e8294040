"""The compare tab: the current plan against the plan as made, a rebalanced proposal, or an
uploaded saved plan — moved villages, figure changes per zone and overall, zone heads and village
auxiliaries changed, maps side by side."""

from __future__ import annotations

import hashlib
import logging

import pandas as pd
import streamlit as st

from ui import plan_page, state
from ui.i18n import t
from ui.loading import MAX_UPLOAD_MB
from ui.map_view import SIDE_BY_SIDE_HEIGHT, show_plan_map
from ui.text import md_escape
from zones.errors import ZonePlannerError
from zones.plan.edits import OVERALL, PlanComparison, compare_plans, read_plan_bytes
from zones.plan.pipeline import Plan

logger = logging.getLogger(__name__)

CHOICES: tuple[str, ...] = ("original", "proposed", "upload")
PERCENT_METRICS = ("max_abs_deviation",)
ZONE_FIGURES = (
    ("n_units", "app.col.villages", 0),
    ("workload", "app.col.workload", 1),
    ("deviation", "app.col.deviation", 1),
    ("population", "app.col.population", 0),
    ("polsby_popper", "app.col.pp", 3),
)


@st.cache_resource(show_spinner=False, max_entries=4, ttl=3600)
def _read_uploaded_plan(digest: str, _data: bytes) -> Plan | ZonePlannerError:
    """A saved plan read from a zip, or the reason it cannot be read (cached on ``digest``)."""
    try:
        return read_plan_bytes(_data)
    except ZonePlannerError as exc:
        exc.__traceback__ = exc.__context__ = exc.__cause__ = None  # keep no frames cached
        return exc  # its words in the page's language when shown


def uploaded_plan(lang: str) -> Plan | None:
    """The plan the user uploads here (a zipped plan folder); messages for bad files."""
    upload = st.file_uploader(
        t("app.compare.upload_label", lang),
        type=["zip"],
        max_upload_size=MAX_UPLOAD_MB,
        key=state.COMPARE_UPLOAD_KEY,
    )
    if upload is None:
        st.info(t("app.compare.upload_hint", lang))
        return None
    data = upload.getvalue()
    try:
        found = _read_uploaded_plan(hashlib.sha256(data).hexdigest(), _data=data)
    except Exception:
        logger.exception("reading an uploaded plan failed")
        st.error(t("app.error.unexpected", lang))
        return None
    if isinstance(found, ZonePlannerError):
        st.error(t("app.compare.upload_error", lang, detail=md_escape(found.message(lang))))
        return None
    return found


def render(known: plan_page.History, lang: str) -> None:
    """Draw the tab for the session's plans."""
    choice = st.radio(
        t("app.compare.against", lang),
        CHOICES,
        format_func=lambda code: t(f"app.compare.{code}", lang),
        horizontal=True,
        key=state.COMPARE_WITH_KEY,
    )
    before: Plan | None
    after: Plan | None = known.current
    if choice == "original":
        before = known.original
    elif choice == "proposed":
        found = plan_page.proposal(known)
        if found is None:
            st.info(t("app.compare.no_proposal", lang))
            return
        before, after = known.current, found.plan
    else:
        before = uploaded_plan(lang)
        if before is None:
            return
    show_comparison(compare_plans(before, after), lang)
    left, right = st.columns(2)
    with left:
        st.subheader(t("app.compare.map_before", lang))
        show_plan_map(before, lang, height=SIDE_BY_SIDE_HEIGHT)
    with right:
        st.subheader(t("app.compare.map_after", lang))
        show_plan_map(after, lang, height=SIDE_BY_SIDE_HEIGHT)


def overall_table(comparison: PlanComparison, lang: str) -> pd.DataFrame:
    """Overall figures before and after, translated and rounded."""
    yes, no = t("app.yes", lang), t("app.no", lang)
    rows = []
    for key in (*OVERALL, "moved"):
        before, after = comparison.overall.loc[key, ["before", "after"]]
        if isinstance(before, bool) or isinstance(after, bool):
            shown = [yes if v else no for v in (before, after)]
            change = ""
        else:
            scale = 100 if key in PERCENT_METRICS else 1
            digits = 0 if key in ("n_zones", "moved") else (1 if key == "cut_km" else 2)
            if key == "mean_polsby_popper" or key == "min_polsby_popper":
                digits = 3
            values = [
                None if v is None else round(float(v) * scale, digits) for v in (before, after)
            ]
            shown = [("—" if v is None else f"{v:g}") for v in values]
            change = (
                f"{values[1] - values[0]:+g}"
                if None not in values and values[1] != values[0]
                else ""
            )
        rows.append(
            {
                t("app.col.metric", lang): t(f"app.metric.{key}", lang),
                t("app.col.before", lang): shown[0],
                t("app.col.after", lang): shown[1],
                t("app.col.change", lang): change,
            }
        )
    return pd.DataFrame(rows)


def moved_table(comparison: PlanComparison, lang: str) -> pd.DataFrame:
    """The moved villages with translated headers."""
    names = {
        "village_id": "app.col.village_id",
        "name": "app.col.name",
        "from_zone": "app.col.from_zone",
        "to_zone": "app.col.to_zone",
    }
    return comparison.moved.rename(columns={k: t(v, lang) for k, v in names.items()})


def zones_table(comparison: PlanComparison, lang: str) -> pd.DataFrame:
    """Per zone: each figure before → after, and the change."""
    table = comparison.zones
    out = pd.DataFrame({t("app.col.zone_id", lang): table.index.astype(str)})
    before, after, change = (t(f"app.col.{k}", lang) for k in ("before", "after", "change"))
    for figure, key, digits in ZONE_FIGURES:
        scale = 100 if figure == "deviation" else 1
        label = t(key, lang)
        out[f"{label} {before}"] = (table[f"{figure}_before"] * scale).round(digits).to_numpy()
        out[f"{label} {after}"] = (table[f"{figure}_after"] * scale).round(digits).to_numpy()
        out[f"{label} {change}"] = (table[f"{figure}_change"] * scale).round(digits).to_numpy()
    return out


MANUAL = "manual"  # head_reason / aux_reason of a choice made by hand


def _officer(value: object, lang: str) -> str:
    return t("app.compare.vacant", lang) if value is None or pd.isna(value) else str(value)


def heads_table(comparison: PlanComparison, lang: str) -> pd.DataFrame:
    """The zones whose zone head changed: zone, head before, head after (officer ids, as the
    zone table shows them), and whether the new head was chosen by hand."""
    heads = comparison.heads
    yes = t("app.yes", lang)
    return pd.DataFrame(
        {
            t("app.col.zone_id", lang): heads["zone_id"].astype(str).tolist(),
            t("app.col.head_before", lang): [_officer(v, lang) for v in heads["head_before"]],
            t("app.col.head_after", lang): [_officer(v, lang) for v in heads["head_after"]],
            t("app.col.by_hand", lang): [yes if r == MANUAL else "" for r in heads["reason_after"]],
        }
    )


def auxiliaries_table(comparison: PlanComparison, lang: str) -> pd.DataFrame:
    """The villages whose auxiliary changed: village id and name, auxiliary before and after
    (officer ids), and whether the new one was chosen by hand (no other reason: where an
    auxiliary lives is not for every profile)."""
    aux = comparison.auxiliaries
    yes = t("app.yes", lang)
    return pd.DataFrame(
        {
            t("app.col.village_id", lang): aux["village_id"].astype(str).tolist(),
            t("app.col.name", lang): aux["name"].tolist(),
            t("app.col.aux_before", lang): [_officer(v, lang) for v in aux["aux_before"]],
            t("app.col.aux_after", lang): [_officer(v, lang) for v in aux["aux_after"]],
            t("app.col.by_hand", lang): [yes if r == MANUAL else "" for r in aux["reason_after"]],
        }
    )


def show_staffing_changes(comparison: PlanComparison, lang: str) -> None:
    """Zone heads and village auxiliaries changed (or that none did)."""
    st.subheader(t("app.compare.heads", lang, n=len(comparison.heads)))
    if comparison.heads.empty:
        st.success(t("app.compare.none_heads", lang))
    else:
        st.dataframe(heads_table(comparison, lang), hide_index=True)
    st.subheader(t("app.compare.aux", lang, n=len(comparison.auxiliaries)))
    if comparison.auxiliaries.empty:
        st.success(t("app.compare.none_aux", lang))
    else:
        st.dataframe(auxiliaries_table(comparison, lang), hide_index=True)


def show_comparison(comparison: PlanComparison, lang: str) -> None:
    """Overall figures, moved villages, zone heads and auxiliaries changed, per-zone changes."""
    st.subheader(t("app.compare.overall", lang))
    st.dataframe(overall_table(comparison, lang), hide_index=True)
    st.subheader(t("app.compare.moved", lang, n=len(comparison.moved)))
    if comparison.moved.empty:
        st.success(t("app.compare.none_moved", lang))
    else:
        st.dataframe(moved_table(comparison, lang), hide_index=True)
    if len(comparison.unmatched):
        st.warning(t("app.compare.unmatched", lang, n=len(comparison.unmatched)))
    show_staffing_changes(comparison, lang)
    st.subheader(t("app.compare.zones", lang))
    st.dataframe(zones_table(comparison, lang), hide_index=True)
