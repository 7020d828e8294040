"""The patrol tab: off-peak patrol lines, peak-hour posts and the coverage figures of a plan.

Rendered generically from what the plan carries: every non-geometry column of ``plan.patrols``
and ``plan.posts`` (known columns get translated headers, ``app.tabs.col.*``), the per-zone patrol
columns of ``plan.zones`` that are present, and the metrics whose keys start with
:data:`METRIC_PREFIXES` (known ones translated, ``app.tabs.metric.*``; nested figures flattened to
``key.sub``). A plan without patrol lines or posts says so plainly. Widget keys start with
``patrol.``.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.tables import guarded, metric_label, round_or_blank, with_headers
from zones.model import Scenario
from zones.plan.pipeline import Plan

METRIC_PREFIXES: tuple[str, ...] = ("patrol_", "post_", "posts", "base_")
ZONE_PREFIXES: tuple[str, ...] = ("patrol_", "post_", "posts", "offpeak_", "peak_", "base_")


def render(plan: Plan, lang: str, *, scenario: Scenario | None = None) -> None:
    """Draw the patrol tab for ``plan`` in ``lang`` (``scenario`` is not needed)."""
    with guarded("patrol", lang):
        _render(plan, lang)


def _render(plan: Plan, lang: str) -> None:
    patrols, posts = layer_table(plan.patrols), layer_table(plan.posts)
    figures = coverage_figures(plan.metrics, lang)
    zones = zone_table(plan)
    if patrols.empty and posts.empty:
        st.info(t("app.patrol.none", lang))
    if not figures.empty:
        st.markdown(f"#### {t('app.patrol.coverage', lang)}")
        st.dataframe(figures, hide_index=True)
    if zones is not None:
        st.markdown(f"#### {t('app.patrol.by_zone', lang)}")
        st.dataframe(with_headers(zones, lang), hide_index=True)
    if not patrols.empty:
        st.markdown(f"#### {t('app.patrol.lines', lang, n=len(patrols))}")
        st.dataframe(with_headers(patrols, lang), hide_index=True)
    if not posts.empty:
        st.markdown(f"#### {t('app.patrol.posts', lang, n=len(posts))}")
        st.dataframe(with_headers(posts, lang), hide_index=True)


def layer_table(layer: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """A layer's attributes without its geometry (numbers rounded); empty when there is none."""
    if layer is None or len(layer) == 0:
        return pd.DataFrame()
    geometry = layer.geometry.name if isinstance(layer, gpd.GeoDataFrame) else "geometry"
    table = pd.DataFrame(layer)
    table = table.drop(columns=[geometry] if geometry in table else [])
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_float_dtype(values):
            table[column] = values.round(2)
        elif values.map(lambda v: isinstance(v, list | tuple)).any():
            table[column] = values.map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple) else v
            )
    return table.reset_index(drop=True)


def percent(values: pd.Series) -> pd.Series:
    """Shares (0 … 1) as percentages with one decimal."""
    return (pd.to_numeric(values, errors="coerce") * 100).round(1)


def is_share(name: str) -> bool:
    """Whether a column or metric is a share shown as a percentage (its name says coverage)."""
    return "coverage" in name


def zone_table(plan: Plan) -> pd.DataFrame | None:
    """The per-zone patrol columns of ``plan.zones`` (:data:`ZONE_PREFIXES`; ``None`` if none).

    Coverage shares are shown as percentages.
    """
    present = [c for c in plan.zones.columns if str(c).startswith(ZONE_PREFIXES)]
    if not present or plan.zones[present].isna().all().all():
        return None
    table = pd.DataFrame(plan.zones[["zone_id", *present]]).reset_index(drop=True)
    for column in present:
        if is_share(column):
            table[column] = percent(table[column])
        elif pd.api.types.is_float_dtype(table[column]):
            table[column] = table[column].round(1)
    return table


def _flatten(metrics: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in metrics.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def coverage_figures(metrics: Mapping[str, object], lang: str) -> pd.DataFrame:
    """The patrol, post and base-distance metrics as a two-column table (figure, value)."""
    wanted = {k: v for k, v in metrics.items() if str(k).startswith(METRIC_PREFIXES)}
    rows = [
        (metric_label(key, lang), _value(key, value, lang))
        for key, value in _flatten(wanted).items()
    ]
    return pd.DataFrame(rows, columns=[t("app.patrol.figure", lang), t("app.patrol.value", lang)])


def _value(key: str, value: object, lang: str) -> str:
    if isinstance(value, bool):
        return t(f"app.tabs.{'yes' if value else 'no'}", lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(round_or_blank(v)) for v in value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float) and is_share(key) and 0 <= value <= 1:
        return f"{value * 100:.1f}%"
    rounded = round_or_blank(value, 1)
    return "—" if rounded is None else str(rounded)
