"""Escaping of every data-derived string that reaches a folium map.

Leaflet puts tooltip, popup, layer-control and attribution strings into the page as HTML, and
folium escapes none of them (``GeoJsonTooltip``/``GeoJsonPopup`` values, ``Tooltip``/``Popup``
text and ``FeatureGroup`` names all go in raw). So every value that comes from a file or from
the user goes through :func:`esc` before folium sees it, and the HTML fragments built here are
the only markup this package writes around such values.

:func:`esc` escapes more than :func:`html.escape`: backtick, ``$`` and backslash (folium puts
``Tooltip``/``Popup`` text inside a JavaScript template literal) and ``{``/``}`` (so an escaped
string can never become Jinja template syntax). The result is only ever shown as HTML, where the
character references display as the original characters.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

MISSING = "—"
"""Shown in a table cell whose value is missing (None, NaN, NA, NaT or empty)."""

# backtick, $, backslash and braces: Jinja and JS template syntax; "=" (and "url(" below): so
# that data such as "src=http://…" or "url(//…)" can never look like an asset link to the
# offline guard
_EXTRA = str.maketrans(
    {
        "`": "&#96;",
        "$": "&#36;",
        "\\": "&#92;",
        "{": "&#123;",
        "}": "&#125;",
        "=": "&#61;",
    },
)
_CSS_URL = re.compile(r"(url)\(", re.IGNORECASE)


def is_missing(value: Any) -> bool:
    """Return True for None, NaN, ``pd.NA``, ``pd.NaT`` and NumPy NaT (scalars only)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return False


def esc(value: Any) -> str:
    """Return ``value`` as text that is safe to put into HTML and into folium's templates.

    Parameters
    ----------
    value
        Any value. None, NaN, ``pd.NA`` and NaT give ``""``; a list, tuple or set is joined
        with ``", "``, its items escaped one by one.

    Returns
    -------
    str
        ``html.escape(str(value), quote=True)`` with backtick, ``$``, backslash, braces, ``=``
        and the ``(`` of ``url(`` also replaced by character references.

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src&#61;x onerror&#61;&quot;alert(1)&quot;&gt;'
    >>> esc(None), esc(float("nan"))
    ('', '')
    """
    if is_missing(value):
        return ""
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return ", ".join(esc(item) for item in items)
    return _CSS_URL.sub(r"\1&#40;", html.escape(str(value), quote=True).translate(_EXTRA))


def esc_cell(value: Any) -> str:
    """Like :func:`esc`, but a missing or empty value gives :data:`MISSING`."""
    text = esc(value)
    return text if text else MISSING


def html_table(rows: Iterable[tuple[Any, Any]], *, class_name: str = "zp-table") -> str:
    """Build an HTML table from ``(label, value)`` pairs, escaping both.

    Parameters
    ----------
    rows
        Pairs of a label (usually a translated field name) and a value from the data.
    class_name
        CSS class of the ``<table>`` (a constant, not data).

    Returns
    -------
    str
        ``<table class=…><tr><th>label</th><td>value</td></tr>…</table>``; missing values show
        as :data:`MISSING`.
    """
    body = "".join(
        f"<tr><th>{esc(label)}</th><td>{esc_cell(value)}</td></tr>" for label, value in rows
    )
    return f'<table class="{esc(class_name)}">{body}</table>'


def display_properties(values: Mapping[str, Any]) -> dict[str, str]:
    """Return display-only, escaped copies of feature properties for ``GeoJsonTooltip``.

    ``GeoJsonTooltip`` inserts property values with ``innerHTML``, unescaped, so a GeoJSON layer
    handed to folium carries only these escaped strings (an allow-list of fields), never the
    raw columns.

    Parameters
    ----------
    values
        Field key (a constant chosen by the caller) to raw value.

    Returns
    -------
    dict of str to str
        The same keys, each value passed through :func:`esc_cell`.
    """
    return {key: esc_cell(value) for key, value in values.items()}


def swatch(color: str, *, shape: str = "box") -> str:
    """Return a small legend symbol: a filled ``box``, a ``line`` or a ``dot`` in ``color``.

    ``color`` is escaped too, although callers pass palette constants.
    """
    c = esc(color)
    styles = {
        "box": f"width:14px;height:10px;background:{c};opacity:.75;border:1px solid #555",
        "line": f"width:18px;height:0;border-top:3px solid {c};margin-bottom:3px",
        "dot": f"width:9px;height:9px;border-radius:50%;background:{c};border:1px solid #fff",
    }
    if shape not in styles:
        msg = f"unknown swatch shape {shape!r}; use one of {', '.join(styles)}"
        raise ValueError(msg)
    return (
        f'<span style="display:inline-block;vertical-align:middle;margin-right:6px;'
        f'{styles[shape]}"></span>'
    )


def legend_html(
    title: Any,
    entries: Iterable[tuple[str, Any]],
    *,
    grid: Iterable[tuple[str, Any]] = (),
    grid_at: int = 1,
    columns: int = 3,
) -> str:
    """Build the legend block: an escaped ``title`` and ``(symbol_html, label)`` rows.

    The block is a ``<details>`` element (its heading folds and unfolds it; :class:`maps.view.
    Panels` folds it on a small map) that scrolls when it is taller than the room it has.

    Parameters
    ----------
    title
        The legend heading (escaped here).
    entries
        Pairs of a symbol made by :func:`swatch` (or other trusted markup built in this
        package, never from data) and a label (escaped here).
    grid
        More pairs, drawn ``columns`` to a line (a long list of zones stays short), after the
        first ``grid_at`` of ``entries``.
    grid_at
        How many of ``entries`` come before ``grid``.
    columns
        How many pairs of ``grid`` share a line.
    """
    rows = [
        f'<div style="white-space:nowrap;line-height:18px">{symbol}{esc(label)}</div>'
        for symbol, label in entries
    ]
    cells = "".join(
        f'<div style="white-space:nowrap;line-height:18px;padding-right:8px">'
        f"{symbol}{esc(label)}</div>"
        for symbol, label in grid
    )
    if cells:
        template = " ".join(["auto"] * max(int(columns), 1))
        block = f'<div style="display:grid;grid-template-columns:{template}">{cells}</div>'
        rows.insert(min(max(grid_at, 0), len(rows)), block)
    return (
        '<details class="zp-legend" open style="position:fixed;bottom:28px;right:10px;'
        "z-index:1000;background:rgba(255,255,255,.92);padding:6px 10px;border:1px solid #999;"
        "border-radius:4px;font-size:12px;max-height:calc(100% - 60px);overflow-y:auto;"
        'box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        '<summary style="font-weight:bold;cursor:pointer;margin-bottom:4px">'
        f"{esc(title)}</summary>{''.join(rows)}</details>"
    )


def title_html(title: Any, subtitle: Any = "") -> str:
    """Build the title block shown at the top left of the map, beside the zoom buttons (both
    parts escaped); it stays clear of the layer control at the top right."""
    sub = f'<div style="font-size:12px;color:#444">{esc(subtitle)}</div>' if subtitle else ""
    return (
        '<div class="zp-title" style="position:fixed;top:10px;left:54px;max-width:45%;'
        "z-index:1000;background:rgba(255,255,255,.92);"
        "padding:4px 14px;border:1px solid #999;border-radius:4px;text-align:left;"
        'pointer-events:none;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f'<div style="font-size:16px;font-weight:bold">{esc(title)}</div>{sub}</div>'
    )
