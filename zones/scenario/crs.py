"""Coordinate reference systems taken from files, made safe before PROJ sees them.

A CRS text in a file (a ``.prj``, a GeoPackage's ``gpkg_spatial_ref_sys``, a GeoJSON ``crs``
member) is data from the user. PROJ strings can name files on the server (``+init=file:key``,
``+nadgrids=``, ``+geoidgrids=``, a WKT ``EXTENSION["PROJ4", ...]``), and PROJ can fetch grids
over the network. So: PROJ's network access is switched off for the process, a CRS is built
only from an EPSG code or a WKT text (never from a path or a PROJ string), and a CRS whose
definition still points at a grid or an init file is refused.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import pyproj
from pyproj import CRS

pyproj.network.set_network_enabled(False)

_UNSAFE = re.compile(
    r"\+?\b(init|nadgrids|geoidgrids|hgridshift|vgridshift|grids|file|url)\s*=|"
    r"EXTENSION\s*\[\s*\"PROJ4|PARAMETERFILE|/vsi|https?:",
    re.IGNORECASE,
)
_EPSG = re.compile(r"^\s*(?:urn:ogc:def:crs:)?EPSG:{1,2}(?:[\d.]*:)?(\d{3,6})\s*$", re.IGNORECASE)


class UnsafeCRSError(ValueError):
    """A CRS definition names a file, a grid or a URL, or is not an EPSG code or WKT."""


def safe_crs(value: Any) -> CRS | None:
    """A :class:`pyproj.CRS` from an EPSG code, ``"EPSG:n"``, a URN or a WKT text.

    A CRS that PROJ recognises as an EPSG one comes back as that EPSG CRS, so nothing in the
    original text survives. ``None`` gives ``None``.

    Raises
    ------
    UnsafeCRSError
        When the text names a file, a grid, a URL or an init file, or is a PROJ string.
    pyproj.exceptions.CRSError
        When the text is not a CRS.
    """
    if value is None:
        return None
    if isinstance(value, CRS):
        text = value.to_wkt()
    elif isinstance(value, int):
        return CRS.from_epsg(value)
    else:
        text = str(value)
    match = _EPSG.match(text)
    if match:
        return CRS.from_epsg(int(match.group(1)))
    if _UNSAFE.search(text):
        raise UnsafeCRSError(text[:120])
    stripped = text.lstrip()
    if not stripped[:1].isalpha() or stripped.startswith(("+", "proj")) or "[" not in stripped:
        raise UnsafeCRSError(text[:120])
    crs = CRS.from_wkt(text)
    code = crs.to_epsg(min_confidence=90)
    if code is not None:
        return CRS.from_epsg(code)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            proj4 = crs.to_proj4() or ""
        except pyproj.exceptions.CRSError:
            proj4 = ""
    if _UNSAFE.search(proj4):
        raise UnsafeCRSError(text[:120])
    return crs
