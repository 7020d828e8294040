"""What a map page does once it is on screen: fit the station, keep its panels and labels legible.

A map page is often made where it cannot be seen: the app draws every tab, and a hidden tab's
frame has no size, so Leaflet's first view is computed for a 0 × 0 map (zoom 0, the whole
world) and never corrected. The elements here run in the page itself, whatever shows it (saved
HTML, ``st.iframe``, another component):

- :class:`FitView` fits the station at once, before any layer is added (drawn once), and fits
  it again whenever the map's container changes size (shown, resized), until the user has
  moved or zoomed the map themselves: their view is then kept.
- :class:`MetricScale`: a scale bar in metres and kilometres only.
- :class:`Panels`: the legend (a ``<details>`` block) and the layer control adapt to the map's
  size: open on a large map, folded on a small one (until the user opens or folds them,
  :data:`LEGEND_OPEN_PX`, :data:`LAYERS_OPEN_PX`), and the legend's height is kept below the
  layer control so it scrolls rather than being cut off.
- :class:`KeepOrder`: layers switched on later go back to their place in the stack.
- :class:`Declutter`: zone labels that would overlap another, more important one (a larger
  zone's) are hidden, after every zoom, move or resize.
- :func:`set_page`: the page's ``<title>`` and ``<html lang>`` (``zh-CN`` or ``en``), so a
  browser picks Chinese glyph shapes for Chinese text.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
from branca.element import Figure, MacroElement
from folium.template import Template

from .escape import esc

HTML_LANG = {"zh": "zh-CN", "en": "en"}
"""The ``lang`` attribute of a page in each of the maps' languages."""
LEGEND_OPEN_PX = (600, 450)
"""A map at least this wide and high (pixels) starts with its legend open, a smaller one (the
side-by-side maps of the app's Compare tab) with it folded."""
LAYERS_OPEN_PX = (1000, 700)
"""A map at least this wide and high starts with its layer list open (a full-screen saved
map), a smaller one with only the layers button (it opens on hover or a tap)."""

_PAGE_TEMPLATE = Template(
    "<!DOCTYPE html>\n"
    '<html lang="{{ this.zp_lang }}">\n'
    "<head>\n"
    "{% if this.title %}<title>{{ this.title }}</title>{% endif %}"
    "    {{ this.header.render(**kwargs) }}\n"
    "</head>\n"
    "<body>\n"
    "    {{ this.html.render(**kwargs) }}\n"
    "</body>\n"
    "<script>\n"
    "    {{ this.script.render(**kwargs) }}\n"
    "</script>\n"
    "</html>\n"
)


def set_page(m: folium.Map, *, lang: str, title: str | None = None) -> folium.Map:
    """Give ``m``'s page ``<html lang>`` for ``lang`` and, if given, a ``<title>`` (escaped).

    Parameters
    ----------
    m
        The map (its root figure is changed).
    lang
        ``"zh"`` (``lang="zh-CN"``) or ``"en"``.
    title
        The browser tab's title; ``None`` keeps the one set before.

    Returns
    -------
    folium.Map
        ``m`` itself.

    Raises
    ------
    KeyError
        For an unknown ``lang``.
    """
    figure = m.get_root()
    if not isinstance(figure, Figure):
        msg = "the map has no page (branca Figure) to set"
        raise TypeError(msg)
    figure.zp_lang = HTML_LANG[lang]
    figure._template = _PAGE_TEMPLATE  # the page template of this figure only
    if title is not None:
        figure.title = esc(title)
    return m


class FitView(MacroElement):
    """Fit the map to ``bounds`` now and whenever its container gets a new size, until the
    user moves or zooms it.

    The first fit runs before any layer is added (no animated zoom and no second drawing, which
    ``folium.Map.fit_bounds`` causes by running after the layers). A ``ResizeObserver`` on the
    map's container (and the window's ``resize`` and ``visibilitychange`` events where it is
    missing) fits again when the map is shown or resized; a map that is still hidden (no size)
    waits. Any move or zoom that is not one of these fits (drag, wheel, buttons, keyboard, box
    zoom) marks the view as the user's.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
    (function (map, bounds) {
      var fitting = false, moved = false, seen = "";
      function size() { var c = map.getContainer(); return [c.clientWidth, c.clientHeight]; }
      function padding() {
        // keep the station clear of the title block (top) and of an open legend (right)
        var s = map.getSize(), tl = [0, 0], br = [0, 0];
        var title = document.querySelector(".zp-title");
        var legend = document.querySelector("details.zp-legend[open]");
        if (title && title.offsetHeight < s.y / 4) tl[1] = title.offsetTop + title.offsetHeight;
        if (legend && legend.offsetWidth < s.x / 3) br[0] = legend.offsetWidth + 10;
        return {paddingTopLeft: tl, paddingBottomRight: br};
      }
      function fit() {
        var options = padding();
        options.animate = false;
        fitting = true;
        try { map.fitBounds(bounds, options); } finally { fitting = false; }
      }
      function shown() {
        var s = size(), key = s[0] + "x" + s[1];
        if (key === seen) return;
        seen = key;
        if (!s[0] || !s[1]) return;
        map.invalidateSize({pan: false});
        if (!moved) fit();
      }
      fit();
      seen = size().join("x");
      map.zpFit = {
        update: function () { if (!moved) fit(); },  // the panels changed: fit around them
        moved: function () { return moved; }
      };
      map.on("movestart zoomstart", function () { if (!fitting) moved = true; });
      if (window.ResizeObserver) {
        new ResizeObserver(shown).observe(map.getContainer());
      } else {
        window.addEventListener("resize", shown);
        document.addEventListener("visibilitychange", shown);
      }
    })({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
{% endmacro %}"""
    )

    def __init__(self, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__()
        self._name = "FitView"
        self.bounds = [[float(v) for v in corner] for corner in bounds]


class MetricScale(MacroElement):
    """A scale bar in metres and kilometres only (Leaflet's default adds miles and feet)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
    L.control.scale({imperial: false, metric: true}).addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MetricScale"


class Panels(MacroElement):
    """The legend and the layer control, fitted to the map's size.

    Each starts open on a map of at least its size (:data:`LEGEND_OPEN_PX`,
    :data:`LAYERS_OPEN_PX`), else folded (the legend's heading and the layers button stay),
    and follows the map's size until the user opens or folds it. The legend's height is
    limited to the room left below the layer control, and it scrolls inside that. Add it
    after the ``LayerControl`` (``control``).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
    (function (map, control, sizes) {
      var legend = document.querySelector("details.zp-legend"), own = {legend: 0, layers: 0};
      if (legend) {
        legend.querySelector("summary").addEventListener("click", function () {
          own.legend = 1;
        });
      }
      if (control) {
        L.DomEvent.on(control.getContainer(), "mouseenter click", function () {
          own.layers = 1;
        });
      }
      function arrange() {
        var s = map.getSize();
        if (!s.x || !s.y) return;
        function fits(min) { return s.x >= min[0] && s.y >= min[1]; }
        if (control && !own.layers) {
          if (fits(sizes.layers)) control.expand(); else control.collapse();
        }
        if (!legend) return;
        var open = legend.open;
        if (!own.legend) legend.open = fits(sizes.legend);
        if (legend.open !== open && map.zpFit) map.zpFit.update();
        var top = 10, box = control && control.getContainer();
        if (box) top = box.offsetTop + box.offsetHeight + 10;
        legend.style.maxHeight = Math.max(s.y - top - 34, 60) + "px";
      }
      arrange();
      map.on("resize", arrange);
    })({{ this._parent.get_name() }}, {{ this.control }}, {{ this.sizes|tojson }});
{% endmacro %}"""
    )

    def __init__(self, control: folium.LayerControl | None = None) -> None:
        super().__init__()
        self._name = "Panels"
        self._control = control
        self.sizes = {"legend": list(LEGEND_OPEN_PX), "layers": list(LAYERS_OPEN_PX)}

    @property
    def control(self) -> str:
        """The layer control's JavaScript name (``null`` without one)."""
        return self._control.get_name() if self._control is not None else "null"


class KeepOrder(MacroElement):
    """Keep the map's layers stacked in the order they were added when the user switches one
    on later (Leaflet draws a layer switched on last on top of all others, so density shades
    would cover the villages and take their tooltips). Add it after the layers."""

    _template = Template(
        """{% macro script(this, kwargs) %}
    (function (map, groups) {
      map.on("overlayadd", function () {
        for (var i = 0; i < groups.length; i++) {
          if (map.hasLayer(groups[i])) groups[i].bringToFront();
        }
      });
    })({{ this._parent.get_name() }}, [{{ this.groups }}]);
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "KeepOrder"

    @property
    def groups(self) -> str:
        """The JavaScript names of the map's feature groups, in the order they were added."""
        children = self._parent._children.values() if self._parent is not None else []
        names = [c.get_name() for c in children if isinstance(c, folium.FeatureGroup)]
        return ", ".join(names)


class Declutter(MacroElement):
    """Hide the zone labels (``.zp-label > div`` in the marker pane) that overlap a label of
    higher priority (its ``data-p``, larger first) at the current view; run after every move,
    zoom, resize or layer switch."""

    _template = Template(
        """{% macro script(this, kwargs) %}
    (function (map, gap) {
      function declutter() {
        var pane = map.getPane("markerPane"), box = map.getContainer().getBoundingClientRect();
        var labels = pane.querySelectorAll(".zp-label > div"), items = [], kept = [], i, j;
        for (i = 0; i < labels.length; i++) {
          var r = labels[i].getBoundingClientRect();
          var inside = r.right > box.left && r.left < box.right && r.bottom > box.top
            && r.top < box.bottom;
          labels[i].style.visibility = "";
          if (r.width && inside) {
            items.push({el: labels[i], r: r, p: +labels[i].getAttribute("data-p") || 0});
          }
        }
        items.sort(function (a, b) { return b.p - a.p; });
        for (i = 0; i < items.length; i++) {
          var a = items[i].r, clash = false;
          for (j = 0; j < kept.length && !clash; j++) {
            var b = kept[j];
            clash = a.left < b.right + gap && b.left < a.right + gap
              && a.top < b.bottom + gap && b.top < a.bottom + gap;
          }
          if (clash) items[i].el.style.visibility = "hidden"; else kept.push(a);
        }
      }
      map.on("moveend resize overlayadd", declutter);
      declutter();
    })({{ this._parent.get_name() }}, {{ this.gap_px }});
{% endmacro %}"""
    )

    def __init__(self, gap_px: int = 2) -> None:
        super().__init__()
        self._name = "Declutter"
        self.gap_px = int(gap_px)


__all__ = [
    "HTML_LANG",
    "LAYERS_OPEN_PX",
    "LEGEND_OPEN_PX",
    "Declutter",
    "FitView",
    "KeepOrder",
    "MetricScale",
    "Panels",
    "set_page",
]
