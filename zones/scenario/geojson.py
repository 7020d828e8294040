"""GeoJSON: strict parsing (no NaN, no repeated keys, no lone surrogates), geometry checks
before shapely builds anything, and OpenStreetMap roads read through it."""

from __future__ import annotations

import json
import math
import re
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from zones import columns as C
from zones.report import Issue
from zones.scenario.crs import safe_crs
from zones.scenario.raw import (
    RawLayer,
    _feature_label,
    _ids,
    _issue,
    _too_many_rows,
    decode_text,
    limits,
)


def _reject_constant(token: str) -> float:
    msg = f"non-finite number {token}"
    raise ValueError(msg)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's members; a key given twice is an error (never "the last one wins")."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _check_positions(coords: Any, depth: int, state: dict[str, bool]) -> str | None:
    """Walk a coordinates array; return an error code or None. ``depth`` = nesting of positions."""
    if depth == 0:
        if not isinstance(coords, list) or len(coords) < 2:
            return "bad_position"
        if len(coords) > 3:
            return "coords_4d"
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in coords):
            return "bad_position"
        try:
            finite = all(math.isfinite(v) for v in coords)
        except OverflowError:  # an integer too large for a float (JSON allows 10**400)
            finite = False
        if not finite:
            return "coords_nan"
        if len(coords) == 3:
            state["z"] = True
        return None
    if not isinstance(coords, list):
        return "bad_position"
    for item in coords:
        err = _check_positions(item, depth - 1, state)
        if err:
            return err
    return None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(doc: Any) -> str | None:
    """The first lone surrogate in a key or text of ``doc``, or None.

    JSON can escape half of a surrogate pair (``"\\ud800"``); Python decodes it into a string
    that is not Unicode text, which UTF-8 and Arrow-backed pandas strings refuse later.
    """
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack += [*node, *node.values()]
        elif isinstance(node, list):
            stack += node
        elif isinstance(node, str) and not node.isascii():
            try:
                node.encode("utf-8")
            except UnicodeEncodeError as exc:
                return node[exc.start]
    return None


def _check_rings(rings: list) -> str | None:
    for ring in rings:
        if len(ring) < 4:
            return "ring_too_short"
        if ring[0][:2] != ring[-1][:2]:
            return "ring_not_closed"
        lons = [p[0] for p in ring]
        if all(abs(v) <= 180 for v in lons) and any(
            abs(a - b) > 180 for a, b in zip(lons, lons[1:], strict=False)
        ):
            return "antimeridian"
    return None


_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def check_geojson_geometry(geom: Any, state: dict[str, bool]) -> str | None:
    """Check a GeoJSON geometry object; return an error code (``issue.<code>``) or None."""
    if not isinstance(geom, dict) or "type" not in geom:
        return "bad_geometry"
    gtype = geom["type"]
    if not isinstance(gtype, str):  # a list or an object: not hashable, not a type name
        return "bad_geometry"
    if gtype == "GeometryCollection":
        parts = geom.get("geometries") or []
        if not isinstance(parts, list):
            return "bad_geometry"
        for part in parts:
            err = check_geojson_geometry(part, state)
            if err:
                return err
        return None
    if gtype not in _DEPTH:
        return "bad_geometry"
    coords = geom.get("coordinates")
    if coords is None:
        return "bad_geometry"
    err = _check_positions(coords, _DEPTH[gtype], state)
    if err:
        return err
    if gtype == "Polygon":
        return _check_rings(coords)
    if gtype == "MultiPolygon":
        for poly in coords:
            err = _check_rings(poly)
            if err:
                return err
    return None


def _property_value(value: Any) -> Any:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return tuple(value)
    return value


def parse_osm(data: bytes, source: str, issues: list[Issue]) -> RawLayer | None:
    """Roads from an OpenStreetMap ``.osm`` file (:mod:`~zones.scenario.osm`), read as GeoJSON."""
    from zones.scenario.osm import OsmError, osm_roads_geojson

    try:
        geojson, counts = osm_roads_geojson(data)
    except OsmError as exc:
        reason = {"reason_key": f"error.osm.{exc.reason}", **exc.reason_params}
        issues.append(_issue("error", C.ROADS, "bad_osm", None, file=source, **reason))
        return None
    if counts["incomplete"]:
        issues.append(
            _issue("warning", C.ROADS, "osm_incomplete", None, file=source, n=counts["incomplete"])
        )
    if not counts["ways"]:
        issues.append(_issue("warning", C.ROADS, "osm_no_roads", None, file=source))
        return None
    return parse_geojson(geojson, C.ROADS, source, issues)


def parse_geojson(data: bytes, layer: str, source: str, issues: list[Issue]) -> RawLayer | None:
    """Parse GeoJSON bytes into a raw layer, recording every problem as an issue."""
    text = decode_text(data, layer, source, issues, allow_gb=False)
    if text is None:
        return None
    loaded, doc = _load_json(text, layer, source, issues)
    if not loaded:
        return None
    features = _features_of(doc, layer, source, issues)
    if features is None:
        return None
    crs = _legacy_crs(doc, layer, source, issues)
    records, geoms = _build_features(features, layer, issues)
    frame = gpd.GeoDataFrame(pd.DataFrame.from_records(records), geometry=geoms)
    if "_fid" not in frame:
        frame["_fid"] = pd.Series(dtype="int64")
    return RawLayer(layer, frame, source, crs)


def _load_json(text: str, layer: str, source: str, issues: list[Issue]) -> tuple[bool, Any]:
    """``(True, document)``, or ``(False, None)`` with one error (bad JSON, NaN, repeated key,
    lone surrogate)."""
    try:
        doc = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except _DuplicateKey as exc:
        issues.append(
            _issue("error", layer, "json_duplicate_key", None, file=source, key=exc.key[:80])
        )
        return False, None
    except json.JSONDecodeError as exc:
        issues.append(
            _issue(
                "error",
                layer,
                "bad_json",
                None,
                file=source,
                line=exc.lineno,
                col=exc.colno,
                reason=exc.msg,
            )
        )
        return False, None
    except RecursionError:
        issues.append(
            _issue(
                "error",
                layer,
                "bad_json",
                None,
                file=source,
                line=1,
                col=1,
                reason="nested too deeply",
            )
        )
        return False, None
    except ValueError:
        issues.append(_issue("error", layer, "json_nan", None, file=source))
        return False, None
    lone = _lone_surrogate(doc) if _SURROGATE_ESCAPE.search(text) else None
    if lone is not None:
        escape = f"\\u{ord(lone):04x}"
        at = max(0, text.lower().find(escape))
        issues.append(
            _issue(
                "error",
                layer,
                "bad_json",
                None,
                file=source,
                line=text.count("\n", 0, at) + 1,
                col=at - text.rfind("\n", 0, at),
                reason=f"{escape} is half of a surrogate pair, not a character",
            )
        )
        return False, None
    return True, doc


def _features_of(doc: Any, layer: str, source: str, issues: list[Issue]) -> list | None:
    """The document's features (a bare geometry or feature counts as one), or None with an error."""
    if not isinstance(doc, dict) or doc.get("type") not in (
        "FeatureCollection",
        "Feature",
        *_DEPTH,
        "GeometryCollection",
    ):
        found = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        issues.append(_issue("error", layer, "not_geojson", None, file=source, found=str(found)))
        return None
    if doc["type"] == "FeatureCollection":
        features = doc.get("features")
        if not isinstance(features, list):
            issues.append(
                _issue("error", layer, "not_geojson", None, file=source, found="features")
            )
            return None
    elif doc["type"] == "Feature":
        features = [doc]
    else:
        features = [{"type": "Feature", "properties": {}, "geometry": doc}]
    if len(features) > limits().MAX_ROWS:
        issues.append(_too_many_rows(layer, source, len(features)))
        return None
    return features


def _build_features(
    features: list, layer: str, issues: list[Issue]
) -> tuple[list[dict[str, Any]], list[Any]]:
    """One record (properties and ``_fid``) and one geometry (or None) per feature."""
    records: list[dict[str, Any]] = []
    geoms: list[Any] = []
    z_features: list[str] = []
    for n, feature in enumerate(features, start=1):
        fid = f"#{n}"
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            issues.append(_issue("error", layer, "not_a_feature", fid))
            records.append({"_fid": n})
            geoms.append(None)
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            props = {}
        record = {str(k): _property_value(v) for k, v in props.items()}
        record["_fid"] = n
        label = _feature_label(layer, record, fid)
        geom = feature.get("geometry")
        built = None
        if geom is not None:
            state: dict[str, bool] = {}
            err = check_geojson_geometry(geom, state)
            if err:
                issues.append(_issue("error", layer, err, label))
                record["_geometry_error"] = err
            else:
                try:
                    built = shape(geom)
                except (ValueError, TypeError, AttributeError, shapely.errors.ShapelyError):
                    issues.append(_issue("error", layer, "bad_geometry", label))
                    record["_geometry_error"] = "bad_geometry"
                else:
                    if state.get("z"):
                        built = shapely.force_2d(built)
                        z_features.append(label)
        records.append(record)
        geoms.append(built)
    if z_features:
        issues.append(
            _issue("repair", layer, "coords_3d", None, n=len(z_features), ids=_ids(z_features))
        )
    return records, geoms


def _legacy_crs(doc: dict, layer: str, source: str, issues: list[Issue]) -> Any:
    member = doc.get("crs")
    if not member:
        return None
    name = ""
    if isinstance(member, dict):
        props = member.get("properties")
        props = props if isinstance(props, dict) else {}
        name = str(props.get("name") or props.get("href") or "")
    if re.search(r"CRS84|EPSG:+4326$|EPSG::4326|EPSG:4490|EPSG::4490", name):
        return None
    try:
        crs = safe_crs(name)
    except Exception:  # UnsafeCRSError, pyproj's CRSError: either way not a CRS we can use
        issues.append(_issue("error", layer, "unknown_crs", None, file=source, crs=name[:120]))
        return None
    issues.append(_issue("repair", layer, "legacy_crs", None, file=source, crs=name))
    return crs
