"""Roads from an OpenStreetMap ``.osm`` (XML) file on disk — no network.

Every way tagged ``highway`` (except the kinds no patrol can drive or walk: proposed, under
construction, abandoned, platforms, race tracks) becomes a road line with ``name``, ``highway``,
``oneway`` and ``speed_kmh`` (from ``maxspeed``: ``50``, ``50 km/h``, ``30 mph``). A way drawn
against its one-way direction (``oneway=-1``) is reversed; roundabouts are one-way. The result
is GeoJSON bytes, so it goes through the same checks as any roads file.

The XML is read with the standard library's expat parser, which does not fetch external
entities and limits entity expansion (expat ≥ 2.4).
"""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

from zones.errors import ZonePlannerError
from zones.i18n import DEFAULT_LANG, t

SKIPPED_HIGHWAYS = frozenset(
    {"proposed", "construction", "abandoned", "platform", "raceway", "razed", "disused"}
)
_SPEED = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km/h|kmh|kph|mph)?\s*$", re.IGNORECASE)


class OsmError(ZonePlannerError):
    """The file is not readable OpenStreetMap XML; ``reason`` says why (the key
    ``error.osm.<reason>`` with ``reason_params``; ``detail`` is it in English), the message adds
    the remedy."""

    def __init__(self, *, reason: str, **params: object) -> None:
        self.reason = reason
        self.reason_params = params
        self.detail = t(f"error.osm.{reason}", "en", **params)
        super().__init__(self.message("en"))

    def message(self, lang: str = DEFAULT_LANG) -> str:
        """Why the file cannot be read and what to do, in ``lang``."""
        reason = t(f"error.osm.{self.reason}", lang, **self.reason_params)
        return reason + ("；" if lang == "zh" else "; ") + t("fix.bad_osm", lang)


def _speed_kmh(text: str | None) -> float | None:
    match = _SPEED.match(text or "")
    if not match:
        return None
    value = float(match.group(1))
    return round(value * 1.609344, 1) if (match.group(2) or "").lower() == "mph" else value


def osm_roads_geojson(data: bytes) -> tuple[bytes, dict[str, int]]:
    """Convert ``.osm`` XML to a GeoJSON FeatureCollection of road lines.

    Returns
    -------
    geojson, counts
        The GeoJSON bytes, and counts: ``ways`` (road ways read), ``incomplete`` (ways that
        refer to nodes missing from the file, cut to the nodes present or left out when fewer
        than two remain), ``skipped`` (non-drivable highway kinds).

    Raises
    ------
    OsmError
        When the bytes are not well-formed XML or not an ``<osm>`` document.
    """
    nodes: dict[str, tuple[float, float]] = {}
    features: list[dict] = []
    counts = {"ways": 0, "incomplete": 0, "skipped": 0}
    try:
        events = ET.iterparse(io.BytesIO(data), events=("start", "end"))
        _, root = next(events)
        if root.tag != "osm":
            raise OsmError(reason="root", tag=root.tag)
        for event, element in events:
            if event != "end":
                continue
            if element.tag == "node":
                try:
                    lon, lat = float(element.get("lon")), float(element.get("lat"))
                except (TypeError, ValueError):
                    continue
                nodes[element.get("id", "")] = (lon, lat)
            elif element.tag == "way":
                _way(element, nodes, features, counts)
            if element.tag in ("node", "way", "relation"):
                element.clear()
                root.clear()
    except ET.ParseError as exc:
        raise OsmError(reason="xml", detail=str(exc)) from exc
    except OsmError:
        raise
    except (LookupError, ValueError, UnicodeError) as exc:  # an encoding expat cannot read
        raise OsmError(reason="encoding", detail=str(exc)) from exc
    except StopIteration as exc:
        raise OsmError(reason="empty") from exc
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8"), counts


def _way(element, nodes, features, counts) -> None:
    tags = {t.get("k"): t.get("v") for t in element.iter("tag")}
    highway = tags.get("highway")
    if not highway:
        return
    if highway in SKIPPED_HIGHWAYS:
        counts["skipped"] += 1
        return
    refs = [nd.get("ref") for nd in element.iter("nd")]
    coords = [nodes[r] for r in refs if r in nodes]
    if len(coords) < len(refs):
        counts["incomplete"] += 1
    if len(coords) < 2:
        return
    oneway_tag = (tags.get("oneway") or "").lower()
    oneway = oneway_tag in ("yes", "true", "1", "-1") or tags.get("junction") == "roundabout"
    if oneway_tag == "-1":
        coords = coords[::-1]
    if oneway_tag in ("no", "false", "0"):
        oneway = False
    counts["ways"] += 1
    features.append(
        {
            "type": "Feature",
            "properties": {
                "osm_id": element.get("id"),
                "name": tags.get("name:zh") or tags.get("name"),
                "highway": highway,
                "oneway": oneway,
                "speed_kmh": _speed_kmh(tags.get("maxspeed")),
            },
            "geometry": {"type": "LineString", "coordinates": [list(c) for c in coords]},
        }
    )
