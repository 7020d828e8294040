"""Each zone's workload against the tolerance band (as Districtr shows population balance): a
Vega-Lite bar chart (Vega is bundled with Streamlit, so it draws offline) with the band
mean ± tolerance shaded, the mean dashed and the bars outside the band coloured; and the status
of each zone (within, above, below) that the zone table marks too. Each bar runs from the mean
to the zone's workload on an axis that need not start at zero, so a zone 2% off and one 20% off
look different (bars from zero would make every zone look alike).

Drawn from the plan it is given: the zones tab passes the session's current plan on every run
of its fragment, so the bars follow each hand edit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ui.i18n import t
from zones.plan.pipeline import Plan
from zones.zoning.facade import DEFAULT_TOLERANCE
from zones.zoning.figures import TOLERANCE_SLACK
from zones.zoning.polygons import ZONE_ID

WITHIN, ABOVE, BELOW = "within", "above", "below"
STATUSES = (WITHIN, ABOVE, BELOW)
# Okabe–Ito colours (told apart with every common colour-vision deficiency)
COLOURS = {WITHIN: "#0072B2", ABOVE: "#D55E00", BELOW: "#CC79A7"}
BAND_COLOUR = "#009E73"
CHART_HEIGHT_PX = 260


def plan_tolerance(plan: Plan) -> float:
    """The plan's workload tolerance (its settings; the core's default when it has none)."""
    value = plan.settings.get("tolerance") if plan.settings else None
    return float(value) if value is not None else DEFAULT_TOLERANCE


def zone_status(plan: Plan) -> pd.Series:
    """Per zone (the zones' order): ``"within"``, ``"above"`` or ``"below"`` the band
    mean ± tolerance, by the zone's ``deviation`` (the core's rounding slack allowed)."""
    deviation = pd.to_numeric(plan.zones["deviation"], errors="coerce").fillna(0.0).to_numpy()
    limit = plan_tolerance(plan) + TOLERANCE_SLACK
    status = np.where(deviation > limit, ABOVE, np.where(deviation < -limit, BELOW, WITHIN))
    return pd.Series(status, index=plan.zones.index, name="status")


def band(plan: Plan) -> tuple[float, float, float]:
    """``(mean, low, high)``: the mean zone workload and the tolerance band around it."""
    workload = pd.to_numeric(plan.zones["workload"], errors="coerce").fillna(0.0)
    mean = float(workload.sum()) / max(len(workload), 1)
    tol = plan_tolerance(plan)
    return mean, mean * (1 - tol), mean * (1 + tol)


def chart_spec(plan: Plan, lang: str) -> dict:
    """The Vega-Lite spec: zones along x (in the plan's order), workload bars coloured by
    status, the band shaded and the mean dashed; tooltips with workload, deviation and status.
    The data are inline, so the spec alone draws the chart."""
    mean, low, high = band(plan)
    status = zone_status(plan)
    labels = {code: t(f"app.zones.status.{code}", lang) for code in STATUSES}
    zone, workload = t("app.col.zone_id", lang), t("app.col.workload", lang)
    deviation, tolerance = t("app.col.deviation", lang), t("app.col.tolerance_status", lang)
    ids = [str(z) for z in plan.zones[ZONE_ID]]
    rows = [
        {
            "zone": z,
            "workload": round(float(w), 2),
            "mean": mean,
            "deviation": round(float(d) * 100, 1),
            "status": labels[s],
        }
        for z, w, d, s in zip(
            ids, plan.zones["workload"], plan.zones["deviation"], status, strict=True
        )
    ]
    return {
        "height": CHART_HEIGHT_PX,
        "layer": [
            {
                "data": {"values": [{"low": low, "high": high}]},
                "mark": {"type": "rect", "color": BAND_COLOUR, "opacity": 0.18},
                "encoding": {
                    "y": {"field": "low", "type": "quantitative"},
                    "y2": {"field": "high"},
                },
            },
            {
                "data": {"values": rows},
                "mark": {"type": "bar"},
                "encoding": {
                    "x": {
                        "field": "zone",
                        "type": "nominal",
                        "sort": ids,
                        "title": zone,
                        "axis": {"labelAngle": 0, "labelOverlap": "greedy"},
                    },
                    "y": {
                        "field": "workload",
                        "type": "quantitative",
                        "title": workload,
                        "scale": {"zero": False},
                    },
                    "y2": {"field": "mean"},
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "title": tolerance,
                        "scale": {
                            "domain": [labels[c] for c in STATUSES],
                            "range": [COLOURS[c] for c in STATUSES],
                        },
                        "legend": {"orient": "top"},
                    },
                    "tooltip": [
                        {"field": "zone", "type": "nominal", "title": zone},
                        {"field": "workload", "type": "quantitative", "title": workload},
                        {"field": "deviation", "type": "quantitative", "title": deviation},
                        {"field": "status", "type": "nominal", "title": tolerance},
                    ],
                },
            },
            {
                "data": {"values": [{"mean": mean}]},
                "mark": {"type": "rule", "color": "#333333", "strokeDash": [5, 4]},
                "encoding": {"y": {"field": "mean", "type": "quantitative"}},
            },
        ],
    }


def show_workload_bars(plan: Plan, lang: str) -> None:
    """The chart under its subheader, with a caption naming the band and the mean."""
    mean, low, high = band(plan)
    tol = f"{plan_tolerance(plan) * 100:g}"
    st.subheader(t("app.zones.bars", lang))
    outside = int((zone_status(plan) != WITHIN).sum())
    st.vega_lite_chart(
        chart_spec(plan, lang),
        width="stretch",
        alt=t("app.zones.bars.alt", lang, n=len(plan.zones), outside=outside, tol=tol),
    )
    st.caption(
        t(
            "app.zones.bars.caption",
            lang,
            tol=tol,
            low=f"{low:,.1f}",
            high=f"{high:,.1f}",
            mean=f"{mean:,.1f}",
        )
    )
