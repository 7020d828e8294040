"""Compact vector layers for large plan maps: shared borders stored once, decoded in the page.

A plan's villages form a coverage, so every inner border belongs to two villages and often to a
zone outline as well. Stock folium writes each polygon as GeoJSON text, so such a border is
written two or three times, at full precision, with JSON spacing. Here, as in TopoJSON:

* :class:`Topology` quantizes all polygon rings of a map to integers (``10**-decimals``
  degrees), cuts them into **arcs** at the points where the rings that share them part, and
  stores each arc once, delta-encoded (the first point relative to the previous arc's last).
  A ring is a list of arc references (``~i`` for arc ``i`` reversed).
* :class:`CompactLayer` is one map layer (polygons, outlines, circle points or labels) whose
  geometry refers to the topology and whose tooltip table is stored column by column
  (repeated values as a dictionary and indices).

Both write their data as ``<script type="application/json">`` blocks (with ``<``, ``>`` and
``&`` as ``\\u`` escapes, so no ``</script>`` or ``<!--`` can appear) and a small inline
script (:data:`DECODER_JS`) builds the Leaflet layers from them in the page: polygons and
circle markers on the map's canvas renderer, one tooltip and one highlight handler per layer.
Every string in the data is escaped by the caller (:func:`maps.escape.esc`) before it gets here;
the tooltip table is the only markup the decoder writes around them.

:meth:`CompactLayer.geometries` decodes the stored data back in Python, so tests check what
the page draws, not what it was built from.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from shapely.geometry import mapping

from .view import FitView  # where it lived first: maps.compact.FitView still works

_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})

DECODER_JS = """<script>
var zp = (function () {
  "use strict";
  var arcCache = {};
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  function arcs(id) {
    if (arcCache[id]) return arcCache[id];
    var t = read(id), e = t.e, n = t.n, d = t.d, out = new Array(n.length), x = 0, y = 0, k = 0;
    for (var i = 0; i < n.length; i++) {
      var a = new Array(n[i]);
      for (var j = 0; j < n[i]; j++) {
        x += d[k++]; y += d[k++];
        a[j] = new L.LatLng(y / e, x / e);
      }
      out[i] = a;
    }
    return (arcCache[id] = out);
  }
  function ring(a, refs) {
    var out = [];
    for (var i = 0; i < refs.length; i++) {
      var r = refs[i], arc = a[r < 0 ? ~r : r], n = arc.length, skip = out.length ? 1 : 0, j;
      if (r < 0) { for (j = n - 1 - skip; j >= 0; j--) out.push(arc[j]); }
      else { for (j = skip; j < n; j++) out.push(arc[j]); }
    }
    return out;
  }
  function value(c, i) { return c[0] === "d" ? c[1][c[2][i]] : c[1][i]; }
  function table(spec, i) {
    var h = "<table>";
    for (var f = 0; f < spec.f.length; f++) {
      h += "<tr><th>" + spec.f[f] + "</th><td>" + value(spec.c[f], i) + "</td></tr>";
    }
    return h + "</table>";
  }
  function build(spec, topology) {
    var items = [], styles = spec.s, si = spec.si, i, x = 0, y = 0;
    function style(i) { return styles[si ? si[i] : 0]; }
    if (spec.k === "points" || spec.k === "labels") {
      var p = spec.p, e = spec.e;
      for (i = 0; 2 * i < p.length; i++) {
        x += p[2 * i]; y += p[2 * i + 1];
        var at = new L.LatLng(y / e, x / e);
        items.push(spec.k === "points" ? L.circleMarker(at, style(i)) : L.marker(at, {
          icon: L.divIcon({html: spec.x[i], className: spec.cls,
                           iconSize: [0, 0], iconAnchor: [0, 0]}),
          interactive: false
        }));
      }
    } else {
      var a = arcs(topology);
      for (i = 0; i < spec.g.length; i++) {
        var rings = [], g = spec.g[i];
        for (var m = 0; m < g.length; m++) {
          var poly = [];
          for (var r = 0; r < g[m].length; r++) poly.push(ring(a, g[m][r]));
          rings.push(poly);
        }
        items.push(spec.k === "outline" ? L.polyline([].concat.apply([], rings), style(i))
                                        : L.polygon(rings, style(i)));
      }
    }
    for (i = 0; i < items.length; i++) items[i].zpRow = i;
    return items;
  }
  // a feature group whose features are built when it is first shown (a layer that starts
  // switched off costs nothing until then); built before they go on the map, all at once
  var Lazy = L.FeatureGroup.extend({
    onAdd: function (map) {
      if (this.zpBuild) {
        var build = this.zpBuild;
        this.zpBuild = null;
        this._map = null;
        build(this);
        this._map = map;
      }
      L.FeatureGroup.prototype.onAdd.call(this, map);
    }
  });
  function layer(id, topology) {
    var group = new Lazy();
    group.zpBuild = function (group) {
      var spec = read(id), items = build(spec, topology);
      function style(i) { return spec.s[spec.si ? spec.si[i] : 0]; }
      for (var i = 0; i < items.length; i++) group.addLayer(items[i]);
      if (spec.f && spec.f.length) {
        group.bindTooltip(function (l) { return table(spec, l.zpRow); },
                          {sticky: true, className: spec.t});
      }
      if (spec.h) {
        group.on("mouseover", function (ev) { ev.layer.setStyle(spec.h); });
        group.on("mouseout", function (ev) { ev.layer.setStyle(style(ev.layer.zpRow)); });
      }
    };
    return group;
  }
  return {layer: layer};
})();
</script>"""
"""The page's decoder (plain ES5, defines only the global ``zp``; uses Leaflet when called)."""


def dumps(data: Any) -> str:
    """Compact UTF-8 JSON that is safe inside any ``<script>`` block.

    ``<``, ``>`` and ``&`` (which can only occur inside JSON strings) become ``\\u003c``,
    ``\\u003e`` and ``\\u0026``, so neither ``</script>`` nor ``<!--`` can appear.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPES)


class RawHTML(Element):
    """Markup written into the page as it is: never parsed as a Jinja template (branca parses
    an ``Element``'s text as one), so large data costs no template parsing."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:  # noqa: ARG002  (branca's signature)
        return self._text


def _json_block(element_id: str, data: Any) -> RawHTML:
    return RawHTML(f'<script type="application/json" id="{element_id}">{dumps(data)}</script>')


def decimals_for(tolerance_m: float) -> int:
    """Decimal places of the quantization grid for a display tolerance in metres: a grid step
    of at most a tenth of the tolerance (1e-5° is about 1.1 m), between 5 and 7 decimals."""
    if tolerance_m <= 0:
        return 7
    return int(min(7, max(5, math.ceil(math.log10(111_320 * 10 / tolerance_m)))))


def quantize(xy: np.ndarray, decimals: int) -> np.ndarray:
    """Longitude/latitude to integers on the ``10**-decimals`` degree grid (int64)."""
    return np.rint(np.asarray(xy, dtype=float) * 10.0**decimals).astype(np.int64)


def _delta(points: np.ndarray) -> list[int]:
    """Flat ``[dx, dy, dx, dy, …]`` of integer points, the first relative to the origin."""
    if len(points) == 0:
        return []
    d = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    return d.ravel().tolist()


def _undelta(flat: Sequence[int]) -> np.ndarray:
    """Inverse of :func:`_delta`: integer points ``(n, 2)``."""
    return np.cumsum(np.asarray(flat, dtype=np.int64).reshape(-1, 2), axis=0)


def decode_arcs(payload: Mapping[str, Any]) -> list[np.ndarray]:
    """The arcs (integer points) of a :meth:`Topology.payload`, as the page decodes them."""
    points = _undelta(payload["d"])
    ends = np.cumsum(payload["n"], dtype=np.int64)
    return [points[e - n : e] for n, e in zip(payload["n"], ends.tolist(), strict=True)]


def _ring(arcs: Sequence[np.ndarray], refs: Sequence[int]) -> np.ndarray:
    """One ring (closed) from arc references; ``~i`` is arc ``i`` reversed (as the page)."""
    out: list[np.ndarray] = []
    for r in refs:
        arc = arcs[~r][::-1] if r < 0 else arcs[r]
        out.append(arc[1:] if out else arc)
    return np.concatenate(out)


class Topology(MacroElement):
    """The shared arcs of every polygon layer of a map.

    Add the polygon geometries of all layers with :meth:`add` (each call returns a handle),
    call :meth:`build`, then read each feature's arc references with :meth:`refs`. Add the
    element to the map before the layers that use it.

    Parameters
    ----------
    decimals
        Coordinates are quantized to ``10**-decimals`` degrees (see :func:`decimals_for`).
    """

    _template = Template("")

    def __init__(self, decimals: int) -> None:
        super().__init__()
        self._name = "Topology"
        self.decimals = int(decimals)
        self._rings: list[np.ndarray] = []  # integer points, not closed
        self._features: list[list[list[list[int]]]] = []  # feature → polygons → ring ids
        self._batches: list[range] = []
        self.arcs: list[np.ndarray] = []
        self._ring_refs: list[list[int]] = []

    @property
    def data_id(self) -> str:
        return f"{self.get_name()}_data"

    def add(self, geoms: Sequence[Any]) -> int:
        """Add (Multi)Polygons in longitude/latitude; returns a handle for :meth:`refs`.

        A ring that collapses to fewer than three points on the grid is dropped (a polygon
        whose outer ring does, entirely).
        """
        start = len(self._features)
        for geom in geoms:
            polygons = []
            for part in shapely.get_parts(geom):
                rings = []
                for k, ring in enumerate(shapely.get_rings(part)):
                    points = self._clean(quantize(shapely.get_coordinates(ring), self.decimals))
                    if len(points) < 3:
                        if k == 0:
                            break
                        continue
                    rings.append(len(self._rings))
                    self._rings.append(points)
                if rings:
                    polygons.append(rings)
            self._features.append(polygons)
        self._batches.append(range(start, len(self._features)))
        return len(self._batches) - 1

    @staticmethod
    def _clean(points: np.ndarray) -> np.ndarray:
        """Drop the closing point and repeated consecutive points (also across the wrap)."""
        points = points[:-1] if len(points) > 1 and (points[0] == points[-1]).all() else points
        if len(points) == 0:
            return points
        keep = np.ones(len(points), dtype=bool)
        keep[1:] = (points[1:] != points[:-1]).any(axis=1)
        points = points[keep]
        while len(points) > 1 and (points[0] == points[-1]).all():
            points = points[:-1]
        return points

    def build(self) -> None:
        """Cut the rings into arcs where the rings sharing a point part (TopoJSON's junctions)
        and store each arc once."""
        if not self._rings:
            return
        allp = np.concatenate(self._rings)
        sizes = np.array([len(r) for r in self._rings])
        _, pid = np.unique(allp, axis=0, return_inverse=True)
        pid = pid.ravel()
        ends = np.cumsum(sizes)
        starts = ends - sizes
        index = np.arange(len(allp))
        ring_of = np.repeat(np.arange(len(sizes)), sizes)
        prev = np.where(index == starts[ring_of], ends[ring_of] - 1, index - 1)
        nxt = np.where(index == ends[ring_of] - 1, starts[ring_of], index + 1)
        lo = np.minimum(pid[prev], pid[nxt])
        hi = np.maximum(pid[prev], pid[nxt])
        triples = np.unique(np.stack([pid, lo, hi], axis=1), axis=0)
        junction = np.bincount(triples[:, 0], minlength=int(pid.max()) + 1) >= 2

        points_of = {}
        index_of: dict[tuple[int, ...], int] = {}
        arcs: list[tuple[int, ...]] = []

        def ref(seq: tuple[int, ...]) -> int:
            found = index_of.get(seq)
            if found is not None:
                return found
            found = index_of.get(seq[::-1])
            if found is not None:
                return ~found
            index_of[seq] = len(arcs)
            arcs.append(seq)
            return len(arcs) - 1

        self._ring_refs = []
        for r, (a, b) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            ids = pid[a:b].tolist()
            points_of.update(zip(ids, self._rings[r].tolist(), strict=True))
            cuts = [i for i, p in enumerate(ids) if junction[p]]
            if not cuts:  # a ring of its own (or shared whole): one closed arc, canonical
                k = ids.index(min(ids))
                seq = ids[k:] + ids[:k]
                backwards = len(seq) > 2 and seq[-1] < seq[1]
                if backwards:
                    seq = [seq[0], *seq[:0:-1]]
                closed = (*seq, seq[0])
                i = index_of.get(closed)
                if i is None:
                    i = index_of[closed] = len(arcs)
                    arcs.append(closed)
                self._ring_refs.append([~i if backwards else i])
                continue
            c0 = cuts[0]
            seq = ids[c0:] + ids[:c0] + [ids[c0]]
            marks = [c - c0 for c in cuts] + [len(ids)]
            self._ring_refs.append(
                [ref(tuple(seq[s : e + 1])) for s, e in zip(marks[:-1], marks[1:], strict=True)]
            )
        self.arcs = [np.array([points_of[p] for p in arc], dtype=np.int64) for arc in arcs]

    def refs(self, handle: int) -> list[list[list[list[int]]]]:
        """Arc references of the features added as ``handle``: feature → polygon → ring."""
        return [
            [[self._ring_refs[r] for r in polygon] for polygon in self._features[f]]
            for f in self._batches[handle]
        ]

    def payload(self) -> dict[str, Any]:
        """The page's data: ``e`` (grid units per degree), ``n`` (points per arc), ``d``."""
        points = np.concatenate(self.arcs) if self.arcs else np.zeros((0, 2), np.int64)
        return {"e": 10**self.decimals, "n": [len(a) for a in self.arcs], "d": _delta(points)}

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "a Topology must be added to a map before it is rendered"
            raise TypeError(msg)
        figure.header.add_child(RawHTML(DECODER_JS), name="zp_decoder")
        figure.html.add_child(_json_block(self.data_id, self.payload()), name=self.data_id)
        super().render(**kwargs)


def _columns(values: Sequence[Sequence[str]]) -> list[list[Any]]:
    """Tooltip columns: ``["v", values]``, or ``["d", distinct, indices]`` when values repeat."""
    out: list[list[Any]] = []
    for column in values:
        column = list(column)
        distinct = list(dict.fromkeys(column))
        if len(distinct) * 2 <= len(column):
            position = {v: i for i, v in enumerate(distinct)}
            out.append(["d", distinct, [position[v] for v in column]])
        else:
            out.append(["v", column])
    return out


class CompactLayer(MacroElement):
    """One layer of compact features, added to a ``folium.FeatureGroup``.

    Parameters
    ----------
    kind
        ``"polygons"`` (filled, from ``topology``), ``"outline"`` (the same rings drawn as
        lines), ``"points"`` (circle markers at ``points``) or ``"labels"`` (``DivIcon``
        markers at ``points`` with the markup of ``html``; not interactive).
    properties
        Tooltip values per feature, field key → value, **already escaped** (these strings go
        into the tooltip's HTML as they are).
    fields
        Field key → tooltip label, **already escaped**; no tooltip when empty.
    styles
        Leaflet path options; feature ``i`` uses ``styles[style_index[i]]`` (``styles[0]``
        when ``style_index`` is None).
    topology, handle
        For polygons and outlines: the :class:`Topology` and the handle its
        :meth:`Topology.add` returned for these features.
    points
        For points and labels: ``(n, 2)`` longitude/latitude.
    decimals
        For points and labels: the quantization (as :class:`Topology`).
    highlight
        Path options set while the pointer is over a feature.
    html
        For labels: each label's markup (built from escaped text).
    class_name
        CSS class of the tooltip (or, for labels, of the icon).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
    var {{ this.get_name() }} = zp.layer("{{ this.data_id }}", "{{ this.topology_id }}");
    {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(
        self,
        kind: str,
        *,
        properties: Sequence[Mapping[str, str]] = (),
        fields: Mapping[str, str] | None = None,
        styles: Sequence[Mapping[str, Any]] = ({},),
        style_index: Sequence[int] | None = None,
        topology: Topology | None = None,
        handle: int | None = None,
        points: np.ndarray | None = None,
        decimals: int = 6,
        highlight: Mapping[str, Any] | None = None,
        html: Sequence[str] = (),
        class_name: str = "zp-tip",
    ) -> None:
        super().__init__()
        if kind not in ("polygons", "outline", "points", "labels"):
            msg = f"unknown compact layer kind {kind!r}"
            raise ValueError(msg)
        if kind in ("polygons", "outline") and (topology is None or handle is None):
            msg = f"a {kind} layer needs a topology and its handle"
            raise ValueError(msg)
        self._name = "CompactLayer"
        self.kind = kind
        self.properties = [dict(p) for p in properties]
        self.fields = dict(fields or {})
        self.styles = [dict(s) for s in styles]
        self.style_index = list(style_index) if style_index is not None else None
        self.topology = topology
        self.handle = handle
        self.points = (
            quantize(points, decimals) if points is not None else np.zeros((0, 2), np.int64)
        )
        self.decimals = decimals
        self.highlight = dict(highlight) if highlight else None
        self.html = list(html)
        self.class_name = class_name

    @property
    def data_id(self) -> str:
        return f"{self.get_name()}_data"

    @property
    def topology_id(self) -> str:
        return self.topology.data_id if self.topology is not None else ""

    def __len__(self) -> int:
        if self.kind in ("points", "labels"):
            return len(self.points)
        return len(self.topology.refs(self.handle))

    def style(self, i: int) -> dict[str, Any]:
        """The path options of feature ``i``."""
        return self.styles[self.style_index[i] if self.style_index is not None else 0]

    def style_function(self, feature: Mapping[str, Any]) -> dict[str, Any]:
        """:meth:`style` for a feature of :attr:`data` (as ``folium.GeoJson.style_function``)."""
        return self.style(int(feature["id"]))

    def payload(self) -> dict[str, Any]:
        """The page's data for this layer (see :data:`DECODER_JS`)."""
        data: dict[str, Any] = {"k": self.kind, "s": self.styles, "t": self.class_name}
        if self.style_index is not None:
            data["si"] = self.style_index
        if self.kind in ("points", "labels"):
            data["e"] = 10**self.decimals
            data["p"] = _delta(self.points)
        else:
            data["g"] = self.topology.refs(self.handle)
        if self.kind == "labels":
            data["x"] = self.html
            data["cls"] = self.class_name
        if self.fields and self.properties:
            keys = list(self.fields)
            data["f"] = [self.fields[k] for k in keys]
            data["c"] = _columns([[p.get(k, "") for p in self.properties] for k in keys])
        if self.highlight:
            data["h"] = self.highlight
        return data

    def geometries(self) -> list[shapely.Geometry]:
        """Each feature's geometry (longitude/latitude) decoded from the page's data the way
        the page's decoder does it, so checks see what the page draws."""
        data = self.payload()
        if self.kind in ("points", "labels"):
            return list(shapely.points(_undelta(data["p"]) / data["e"]))
        topology = self.topology.payload()
        arcs = decode_arcs(topology)
        out = []
        for feature in data["g"]:
            polygons = []
            for rings in feature:
                shell, *holes = (_ring(arcs, refs) / topology["e"] for refs in rings)
                polygons.append(shapely.Polygon(shell, holes))
            if self.kind == "outline":
                lines = [ln for p in polygons for ln in (p.exterior, *p.interiors)]
                out.append(shapely.MultiLineString(lines))
            elif len(polygons) == 1:
                out.append(polygons[0])
            else:
                out.append(shapely.MultiPolygon(polygons))
        return out

    @property
    def data(self) -> dict[str, Any]:
        """The layer as a GeoJSON FeatureCollection of what the page draws (for checks)."""
        geoms = self.geometries()
        props = self.properties or [{} for _ in geoms]
        return {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "id": str(i), "properties": p, "geometry": mapping(g)}
                for i, (g, p) in enumerate(zip(geoms, props, strict=True))
            ],
        }

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            msg = "a CompactLayer must be added to a map before it is rendered"
            raise TypeError(msg)
        figure.html.add_child(_json_block(self.data_id, self.payload()), name=self.data_id)
        super().render(**kwargs)


__all__ = [
    "CompactLayer",
    "FitView",
    "RawHTML",
    "Topology",
    "decimals_for",
    "decode_arcs",
    "dumps",
    "quantize",
]
