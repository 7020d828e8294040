"""The patrol tab: a zone's patrol line on its own map, its stops in order, its posts with their
place and hours, then the lines, per-zone figures and coverage of every zone.

Choose a zone (``patrol.zone``; or the overview of all zones): the patrol map
(:func:`maps.patrol_map.make_patrol_map`; hours and minutes in the internal profile only, which
a viewer account never gets; no officer)
shows its line with direction arrows and numbered stops, fitted to the zone; below it the
stops as an officer follows them (:func:`ui.patrol_tables.stops_table`: place, kilometres from
the start with one decimal, about when each is reached), the stops left out and why, and the
zone's posts (place: the village and the road at the post; hours). The tables of every zone
follow. A plan without patrol lines or posts says so plainly. Widget keys start with
``patrol.``.

Each map page is made once per plan object, language and zone, and kept while the plan lives
(as :mod:`ui.map_view` does for the plan map), so reruns send the same page.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable

import pandas as pd
import streamlit as st

import maps
from maps.patrol_map import PUBLIC, make_patrol_map
from ui.i18n import t
from ui.patrol_tables import (
    METRIC_PREFIXES,
    ZONE_PREFIXES,
    coverage_figures,
    dropped_table,
    km_headers,
    lines_table,
    posts_table,
    stops_table,
    with_place_names,
    zone_table,
)
from ui.tables import guarded, profile_choice
from zones.model import Scenario
from zones.plan.choices import hand_choices, stale_zones
from zones.plan.pipeline import Plan
from zones.report import format_ids
from zones.zoning.polygons import ZONE_ID

logger = logging.getLogger(__name__)

ZONE_KEY = "patrol.zone"
ALL = ""  # the overview's value in the zone choice
MAP_HEIGHT = 560
ENTRIES_PER_PLAN = 48

__all__ = [
    "ALL",
    "METRIC_PREFIXES",
    "ZONE_KEY",
    "ZONE_PREFIXES",
    "coverage_figures",
    "patrol_page",
    "render",
    "zone_options",
]


def render(plan: Plan, lang: str, *, scenario: Scenario | None = None) -> None:
    """Draw the patrol tab for ``plan`` in ``lang`` (``scenario``'s roads name the places of a
    plan that lacks them)."""
    with guarded("patrol", lang):
        _render(plan, lang, scenario)


def _render(plan: Plan, lang: str, scenario: Scenario | None) -> None:
    if _empty(plan.patrols) and _empty(plan.posts):
        st.info(t("app.patrol.none", lang))
    else:
        stale = stale_zones(plan)
        if stale:
            st.warning(t("app.patrol.stale", lang, zones=format_ids(stale)))
        named = _named(plan, scenario)
        profile = profile_choice("patrol", lang, plan=plan)  # hours and minutes are internal
        zone = _zone_choice(named, lang)
        _show_zone(plan, named, zone, lang, profile)
    _show_all(plan, lang)


def _empty(layer: object) -> bool:
    return layer is None or not len(layer)  # type: ignore[arg-type]


def zone_options(plan: Plan) -> list[str]:
    """The zone choice's values: every zone with a line or a post, in plan order, then
    :data:`ALL` (the overview)."""
    used = set()
    for layer in (plan.patrols, plan.posts):
        if not _empty(layer) and ZONE_ID in layer:
            used |= set(layer[ZONE_ID].astype(str))
    zones = [str(z) for z in plan.zones[ZONE_ID]] if ZONE_ID in plan.zones else []
    return [z for z in zones if z in used] + [ALL]


def _zone_choice(plan: Plan, lang: str) -> str:
    options = zone_options(plan)
    if st.session_state.get(ZONE_KEY) not in options:
        st.session_state.pop(ZONE_KEY, None)  # a zone of an earlier plan: start again
    lengths = {}
    if not _empty(plan.patrols) and "length_m" in plan.patrols:
        lengths = dict(
            zip(plan.patrols[ZONE_ID].astype(str), plan.patrols["length_m"], strict=False)
        )

    choices = hand_choices(plan)

    def label(zone: str) -> str:
        if zone == ALL:
            return t("app.patrol.all_zones", lang)
        shown = choices.title(zone)  # with a name given by hand
        if zone in lengths:
            return t("app.patrol.zone_option", lang, zone=shown, km=f"{lengths[zone] / 1000:.1f}")
        return t("app.patrol.zone_option_no_line", lang, zone=shown)

    return st.selectbox(t("app.patrol.zone", lang), options, format_func=label, key=ZONE_KEY)


def _summary(plan: Plan, zone: str, lang: str) -> str:
    posts = plan.posts[ZONE_ID].astype(str) if not _empty(plan.posts) else None
    if zone == ALL:
        n_lines = 0 if _empty(plan.patrols) else len(plan.patrols)
        total = plan.patrols.get("length_m", pd.Series(dtype=float)).sum() if n_lines else 0.0
        n_posts = 0 if posts is None else len(posts)
        km = _number(total, "{:.1f}", 1000)
        return t("app.patrol.summary_all", lang, lines=n_lines, km=km, posts=n_posts)
    n_posts = 0 if posts is None else int((posts == zone).sum())
    lines = (
        plan.patrols[plan.patrols[ZONE_ID].astype(str) == zone]
        if not _empty(plan.patrols)
        else None
    )
    if lines is None or lines.empty:
        return t("app.patrol.summary_no_line", lang, zone=zone, posts=n_posts)
    line = lines.iloc[0]
    return t(
        "app.patrol.summary",
        lang,
        zone=zone,
        km=_number(line.get("length_m"), "{:.1f}", 1000),
        minutes=_number(line.get("minutes"), "{:.0f}"),
        drive=_number(line.get("drive_minutes"), "{:.0f}"),
        stops=_number(line.get("stops"), "{:.0f}"),
        posts=n_posts,
    )


def _number(value: object, pattern: str, per: float = 1.0) -> str:
    """``value / per`` written with ``pattern``, or "—" when it is not a number."""
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return "—" if pd.isna(number) else pattern.format(float(number) / per)


def _show_zone(plan: Plan, named: Plan, zone: str, lang: str, profile: str = PUBLIC) -> None:
    st.markdown(_summary(named, zone, lang))
    try:
        st.iframe(patrol_page(plan, lang, zone, profile), height=MAP_HEIGHT)
    except Exception:
        logger.exception("building the patrol map failed")
        st.error(t("app.error.map", lang))
    if zone == ALL:
        return
    stops, dropped, posts = _memo().get(
        plan,
        ("zone", lang, zone),
        lambda: (
            stops_table(named, zone, lang),
            dropped_table(named, zone, lang),
            posts_table(named, lang, zone),
        ),
    )  # type: ignore[misc]
    if len(stops):
        st.markdown(f"#### {t('app.patrol.route', lang, n=max(len(stops) - 2, 0))}")
        st.caption(t("app.patrol.route_help", lang))
        _table(stops, lang)
    if len(dropped):
        with st.expander(t("app.patrol.dropped", lang, n=len(dropped))):
            _table(dropped, lang)
    if len(posts):
        st.markdown(f"#### {t('app.patrol.zone_posts', lang, n=len(posts))}")
        _table(posts, lang)


def _show_all(plan: Plan, lang: str) -> None:
    figures, zones, lines, posts = _memo().get(
        plan,
        ("all", lang),
        lambda: (
            coverage_figures(plan.metrics, lang),
            zone_table(plan, lang),
            lines_table(plan, lang),
            posts_table(_named(plan), lang),
        ),
    )  # type: ignore[misc]
    if figures.empty and zones is None and lines.empty and posts.empty:
        return
    st.markdown(f"### {t('app.patrol.all', lang)}")
    if not figures.empty:
        st.markdown(f"#### {t('app.patrol.coverage', lang)}")
        _table(figures, lang)
    if zones is not None:
        st.markdown(f"#### {t('app.patrol.by_zone', lang)}")
        _table(zones, lang)
    if not lines.empty:
        st.markdown(f"#### {t('app.patrol.lines', lang, n=len(lines))}")
        _table(lines, lang)
    if not posts.empty:
        st.markdown(f"#### {t('app.patrol.posts', lang, n=len(posts))}")
        _table(posts, lang)


def _table(frame: pd.DataFrame, lang: str) -> None:
    """A table, its kilometre columns with one decimal (``0.0``, ``12.5``), its places wide."""
    config: dict[str, object] = {
        c: st.column_config.NumberColumn(format="%.1f") for c in km_headers(lang) & set(frame)
    }
    place = t("app.patrol.col.place", lang)
    if place in frame:  # a place is a village and a road: give it room
        config[place] = st.column_config.TextColumn(width="large")
    st.dataframe(frame, hide_index=True, column_config=config or None)


class _Memo:
    """What the tab makes of a plan (map pages, tables), per plan object and key, kept while
    the plan lives; at most :data:`ENTRIES_PER_PLAN` entries a plan (the oldest go first)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: weakref.WeakKeyDictionary[Plan, dict[tuple, object]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, plan: Plan, key: tuple, make: Callable[[], object]) -> object:
        with self.lock:
            entries = self.made.get(plan, {})
            if key in entries:
                return entries[key]
        value = make()
        with self.lock:
            entries = self.made.setdefault(plan, {})
            if len(entries) >= ENTRIES_PER_PLAN:
                entries.pop(next(iter(entries)))
            entries[key] = value
        return value


@st.cache_resource(show_spinner=False)
def _memo() -> _Memo:
    return _Memo()


def _named(plan: Plan, scenario: Scenario | None = None) -> Plan:
    """The plan with the places of its posts and stops (:func:`with_place_names`), once."""

    def make() -> Plan | None:
        named = with_place_names(plan, scenario)
        return None if named is plan else named  # never the plan itself: it is the weak key

    named = _memo().get(plan, ("named",), make)
    return plan if named is None else named  # type: ignore[return-value]


def patrol_page(plan: Plan, lang: str, zone: str, profile: str = PUBLIC) -> str:
    """The offline HTML page of ``plan``'s patrol map for ``zone`` (:data:`ALL`: every zone) in
    ``profile`` (the internal one shows hours and minutes), made once per plan object,
    language, zone and profile."""

    def make() -> str:
        chosen = None if zone == ALL else zone
        m = make_patrol_map(_named(plan), zone=chosen, lang=lang, profile=profile)
        return maps.render_html(m)

    return str(_memo().get(plan, ("page", lang, zone, profile), make))
