"""Basemap (tile layer) choice: none by default, OpenStreetMap, Tianditu or an intranet server.

The default is no basemap at all: the vector layers on a blank background, which works on an
air-gapped intranet. Public basemaps (OpenStreetMap, 天地图 Tianditu) need internet access;
police intranets usually have their own PGIS tile server, given as a ``{z}/{x}/{y}`` template.
Tianditu's ``_w`` (Web Mercator) layers are CGCS2000, which overlays WGS 84 data without offset;
GCJ-02 basemaps (Amap/Gaode, Tencent) would need converted data and are not offered.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import folium

from maps.i18n import t

from .escape import esc

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TIANDITU_URL = (
    "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}"
)
TIANDITU_SUBDOMAINS = "01234567"
NAMED_TILES: tuple[str, ...] = ("osm", "tianditu")
_PLACEHOLDERS = ("{z}", "{x}", "{y}")
_OPTIONAL_PLACEHOLDERS = ("{s}", "{r}")
_ALLOWED_SCHEMES = ("http", "https", "file", "")
_TIANDITU_KEY = re.compile(r"[A-Za-z0-9]{8,64}")


def validate_template(template: str) -> str:
    """Check a tile URL template and return it unchanged.

    Parameters
    ----------
    template
        An XYZ URL such as ``http://10.1.2.3/pgis/{z}/{x}/{y}.png``; ``{s}`` (subdomain) may
        appear too, and ``{r}`` (``@2x`` on retina screens).

    Raises
    ------
    ValueError
        If ``{z}``, ``{x}`` or ``{y}`` is missing, if any other brace appears (folium's
        templates would evaluate ``{{ … }}``), or if the scheme is not http, https or file.
    """
    missing = [p for p in _PLACEHOLDERS if p not in template]
    if missing:
        msg = (
            f"tile URL template {template!r} lacks {', '.join(missing)}; use None (no basemap), "
            f"{' or '.join(repr(n) for n in NAMED_TILES)}, or an XYZ template with {{z}}, {{x}} "
            "and {y}, e.g. 'http://pgis.example/tiles/{z}/{x}/{y}.png'"
        )
        raise ValueError(msg)
    rest = template
    for placeholder in (*_PLACEHOLDERS, *_OPTIONAL_PLACEHOLDERS):
        rest = rest.replace(placeholder, "")
    if "{" in rest or "}" in rest:
        msg = (
            f"tile URL template {template!r} has a brace that is not a placeholder; only "
            f"{', '.join((*_PLACEHOLDERS, *_OPTIONAL_PLACEHOLDERS))} are allowed"
        )
        raise ValueError(msg)
    scheme = urlsplit(rest).scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        msg = f"tile URL template {template!r} has scheme {scheme!r}; use http, https or file"
        raise ValueError(msg)
    return template


def tile_layers(
    tiles: str | None, *, lang: str = "zh", tianditu_key: str | None = None
) -> list[folium.TileLayer]:
    """Return the tile layers for a basemap choice (an empty list for no basemap).

    Parameters
    ----------
    tiles
        ``None`` (no basemap; works offline), ``"osm"`` (OpenStreetMap), ``"tianditu"``
        (天地图 vector ``vec_w`` with the Chinese label overlay ``cva_w``; needs
        ``tianditu_key``) or an XYZ URL template with ``{z}``, ``{x}`` and ``{y}``.
    lang
        Language of the layer names and attributions.
    tianditu_key
        The Tianditu ``tk`` key (from console.tianditu.gov.cn).

    Returns
    -------
    list of folium.TileLayer
        Base layers first, overlays after.

    Raises
    ------
    ValueError
        For a Tianditu choice without a well-formed key, or an invalid template.
    """
    if tiles is None:
        return []
    if tiles == "osm":
        return [
            folium.TileLayer(
                tiles=OSM_URL,
                attr="© OpenStreetMap contributors",
                name=esc(t("map.tiles.osm", lang)),
                max_zoom=19,
            )
        ]
    if tiles == "tianditu":
        if not tianditu_key or not _TIANDITU_KEY.fullmatch(tianditu_key):
            msg = (
                "tiles='tianditu' needs tianditu_key, the letters-and-digits key (tk) from "
                "console.tianditu.gov.cn"
            )
            raise ValueError(msg)
        attr = esc(t("map.tiles.tianditu_attr", lang))
        return [
            folium.TileLayer(
                tiles=TIANDITU_URL.format(
                    layer=layer, key=tianditu_key, s="{s}", z="{z}", x="{x}", y="{y}"
                ),
                attr=attr,
                name=esc(t(f"map.tiles.tianditu_{layer}", lang)),
                subdomains=TIANDITU_SUBDOMAINS,
                max_zoom=18,
                overlay=overlay,
            )
            for layer, overlay in (("vec", False), ("cva", True))
        ]
    validate_template(tiles)
    name = esc(t("map.tiles.custom", lang))
    return [folium.TileLayer(tiles=tiles, attr=name, name=name, max_zoom=18)]
