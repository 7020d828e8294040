"""Make a folium map work with no internet: Leaflet and jQuery inlined as ``data:`` URIs.

Stock folium loads Leaflet, jQuery, Bootstrap, Font Awesome and awesome-markers from public
CDNs, which an air-gapped police intranet cannot reach (the map stays blank). :func:`make_offline`
points one map's ``default_js``/``default_css`` at ``data:`` URIs built from the files of the
``xstatic-leaflet`` and ``xstatic-jquery`` packages, which works both for saved HTML and for
``streamlit_folium.st_folium`` (which loads those links with ``<script src>``). Bootstrap, Font
Awesome and awesome-markers are dropped: they are only needed by ``folium.Icon``, which this
package does not use.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import folium
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
from branca.element import Element

_LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
_JQUERY_DIR = Path(xstatic.pkg.jquery.BASE_DIR)

# src= / href= (optionally with a JSON-escaped quote) and CSS url( / @import pointing at http(s)
# or protocol-relative addresses
_EXTERNAL_REF = re.compile(
    r"""(?:\b(?:src|href)\s*=\s*\\?["']?|\burl\(\s*\\?["']?|@import\s+\\?["'])\s*"""
    r"""((?:https?:)?//[^\s"'<>()\\]+)""",
    re.IGNORECASE,
)
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=\S+\s*$", re.MULTILINE)


WITHOUT_JQUERY = "zp_without_jquery"
"""Set this attribute of a map to True when none of its elements needs jQuery (only folium's
``Popup`` does): :func:`make_offline` then leaves it out (87 KB less to load)."""


class NotOfflineError(ValueError):
    """Map HTML refers to an external (http, https or protocol-relative) asset."""


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@functools.cache
def _assets() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """Read the vendored assets once and return ``(default_js, default_css)`` as tuples."""
    images = _LEAFLET_DIR / "images"

    def png(name: str) -> str:
        return _data_uri((images / name).read_bytes(), "image/png")

    css = (_LEAFLET_DIR / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", lambda mt: f"url({png(mt.group(1))})", css)
    js = _SOURCE_MAP.sub("", (_LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8"))
    js += (
        "\nL.Icon.Default.imagePath='';"
        f"L.Icon.Default.mergeOptions({{iconUrl:'{png('marker-icon.png')}',"
        f"iconRetinaUrl:'{png('marker-icon-2x.png')}',shadowUrl:'{png('marker-shadow.png')}'}});\n"
    )
    jquery = _SOURCE_MAP.sub("", (_JQUERY_DIR / "jquery.min.js").read_text(encoding="utf-8"))
    default_js = (
        ("leaflet", _data_uri(js.encode("utf-8"), "text/javascript")),
        ("jquery", _data_uri(jquery.encode("utf-8"), "text/javascript")),
    )
    default_css = (("leaflet_css", _data_uri(css.encode("utf-8"), "text/css")),)
    return default_js, default_css


def make_offline(m: folium.Map) -> folium.Map:
    """Make ``m`` load Leaflet and jQuery from inlined ``data:`` URIs instead of CDNs.

    Sets the **instance** attributes ``m.default_js``/``m.default_css`` (never the class lists,
    which ``add_js_link`` would mutate for every later map). Calling it again is harmless.
    jQuery is left out of a map whose :data:`WITHOUT_JQUERY` attribute is True.

    Parameters
    ----------
    m
        The map to configure (changed in place).

    Returns
    -------
    folium.Map
        ``m`` itself, for chaining.
    """
    default_js, default_css = _assets()
    without = getattr(m, WITHOUT_JQUERY, False)
    m.default_js = [(name, url) for name, url in default_js if not (without and name == "jquery")]
    m.default_css = list(default_css)
    return m


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def external_links(m: folium.Map) -> list[str]:
    """Return the JS/CSS links of ``m`` and its children that are not ``data:`` URIs.

    These are what ``st_folium`` would load with ``<script src>``/``<link href>`` (it collects
    ``default_js``/``default_css`` from every element of the tree the same way).
    """
    links = []
    for element in _walk(m):
        for _, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if not url.startswith("data:"):
                links.append(url)
    return links


def external_refs(html: str) -> list[str]:
    """Find ``src=``, ``href=``, ``url(`` and ``@import`` references to http(s) addresses.

    Only assets the page would fetch or link to are found; a tile URL template passed to
    ``L.tileLayer(...)`` is not one of them.

    Parameters
    ----------
    html
        Rendered page.

    Returns
    -------
    list of str
        The addresses, in order of appearance.
    """
    return [mt.group(1) for mt in _EXTERNAL_REF.finditer(html)]


def assert_offline(html: str) -> None:
    """Raise :class:`NotOfflineError` if ``html`` refers to any external asset.

    Raises
    ------
    NotOfflineError
        Naming the first few external references.
    """
    refs = external_refs(html)
    if refs:
        shown = ", ".join(refs[:5]) + (f" … (+{len(refs) - 5})" if len(refs) > 5 else "")
        msg = f"map HTML refers to {len(refs)} external asset(s), so it fails offline: {shown}"
        raise NotOfflineError(msg)
