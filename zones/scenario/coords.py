"""Chinese coordinate systems: GCJ-02 (Amap, Tencent) and BD-09 (Baidu) to and from WGS 84.

pyproj has no GCJ-02: it is an obfuscation, not a datum. The forward formulas are the public
algorithm (as in the public-domain ``prcoords``); the inverses iterate the forward transform to
below a millimetre. All functions take and return numpy arrays of lon/lat degrees and leave points
outside China unchanged, as the published algorithm does.
"""

from __future__ import annotations

import numpy as np
import shapely

from zones.columns import WGS84

COORD_SOURCES: tuple[str, ...] = ("wgs84", "gcj02", "bd09")

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323
_X_PI = np.pi * 3000.0 / 180.0


def _outside_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = lon - 105.0
    y = lat - 35.0
    dlat = (
        -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
        + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
        + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    )
    dlon = (
        300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * np.sqrt(np.abs(x))
        + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
        + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
        + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    )
    radlat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shift WGS 84 lon/lat to GCJ-02 (for display on Amap/Tencent tiles only)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlon, dlat = _delta(lon, lat)
    out = _outside_china(lon, lat)
    return np.where(out, lon, lon + dlon), np.where(out, lat, lat + dlat)


def gcj02_to_wgs84(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Invert :func:`wgs84_to_gcj02` by fixed-point iteration (error well below 1 mm)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    wlon, wlat = lon.copy(), lat.copy()
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = glon - lon, glat - lat
        wlon, wlat = wlon - elon, wlat - elat
        if np.all(np.abs(elon) < 1e-10) and np.all(np.abs(elat) < 1e-10):
            break
    return wlon, wlat


def bd09_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Baidu BD-09 to GCJ-02: the published approximate inverse, refined by iteration."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    x, y = lon - 0.0065, lat - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    glon, glat = z * np.cos(theta), z * np.sin(theta)
    for _ in range(10):
        blon, blat = gcj02_to_bd09(glon, glat)
        elon, elat = blon - lon, blat - lat
        glon, glat = glon - elon, glat - elat
        if np.all(np.abs(elon) < 1e-11) and np.all(np.abs(elat) < 1e-11):
            break
    return glon, glat


def gcj02_to_bd09(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 to Baidu BD-09."""
    x = np.asarray(lon, dtype=float)
    y = np.asarray(lat, dtype=float)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def bd09_to_wgs84(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Baidu BD-09 to WGS 84."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def to_wgs84(geometries: np.ndarray, source: str) -> np.ndarray:
    """Convert an array of shapely geometries from ``source`` (wgs84/gcj02/bd09) to WGS 84."""
    if source == "wgs84":
        return geometries
    fn = {"gcj02": gcj02_to_wgs84, "bd09": bd09_to_wgs84}[source]

    def _apply(xy: np.ndarray) -> np.ndarray:
        lon, lat = fn(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometries, _apply)


def wgs84_to(geometries: np.ndarray, target: str) -> np.ndarray:
    """Shift WGS 84 geometries for display on ``target`` tiles (wgs84/gcj02/bd09)."""
    if target == "wgs84":
        return geometries

    def _apply(xy: np.ndarray) -> np.ndarray:
        lon, lat = wgs84_to_gcj02(xy[:, 0], xy[:, 1])
        if target == "bd09":
            lon, lat = gcj02_to_bd09(lon, lat)
        return np.column_stack([lon, lat])

    return shapely.transform(geometries, _apply)


# --------------------------------------------------------------------------------------------
# declared coordinate reference systems (.prj, GeoPackage, legacy GeoJSON ``crs``)
# --------------------------------------------------------------------------------------------

# where data of a Chinese station may plausibly lie after reprojection: China's lon/lat box
# widened by a few degrees (border areas, the South China Sea islands)
NEAR_CHINA = (70.0, 3.0, 138.0, 56.0)
GK_ZONES_6 = range(13, 24)  # 6° Gauss-Krüger zones over China (false easting zone × 10⁶ + 500 km)
GK_ZONES_3 = range(25, 46)  # 3° zones
# x farther than this from a TM projection's false easting is not in its zone (a 6° zone is
# at most ±340 km wide, a 3° zone ±170 km): the zone number or central meridian is wrong
MAX_EASTING_OFFSET_M = 600_000.0
_OLD_DATUMS = {"xian1980": "Xian 1980", "beijing1954": "Beijing 1954", "newbeijing": "New Beijing"}
_GK_DATUMS = {"Xian 1980", "Beijing 1954", "New Beijing", "CGCS2000"}


def describe_crs(crs: object) -> str:
    """A CRS as people look it up: ``EPSG:2383 (Xian 1980 / 3-degree Gauss-Kruger CM 114E)``.

    Parameters
    ----------
    crs
        A :class:`pyproj.CRS` (or anything ``pyproj.CRS.from_user_input`` reads).

    Returns
    -------
    str
        The authority code with the CRS's name, or the name alone when it has no code.
    """
    from pyproj import CRS

    crs = CRS.from_user_input(crs)
    try:
        code = crs.to_authority(min_confidence=90)
    except Exception:  # pragma: no cover - pyproj database errors
        code = None
    return f"{code[0]}:{code[1]} ({crs.name})" if code else crs.name


def same_crs(a: object, b: object) -> bool:
    """Whether two CRSs are the same (axis order ignored: EPSG:4326 and OGC:CRS84 are).

    Parameters
    ----------
    a, b
        CRSs (:class:`pyproj.CRS`, ``"EPSG:4326"``, an EPSG code …).

    Returns
    -------
    bool
    """
    from pyproj import CRS

    return CRS.from_user_input(a).equals(CRS.from_user_input(b), ignore_axis_order=True)


def old_datum(crs: object) -> str | None:
    """``"Xian 1980"``, ``"Beijing 1954"`` or ``"New Beijing"`` when ``crs`` (geographic or
    projected) is on one of those local datums; ``None`` otherwise (CGCS2000, WGS 84 …).

    Parameters
    ----------
    crs
        A :class:`pyproj.CRS` or anything ``pyproj.CRS.from_user_input`` reads. The datum's
        name is read from it (EPSG and ESRI spellings: ``D_Xian_1980``).

    Returns
    -------
    str or None
        The datum's name, or ``None``.
    """
    from pyproj import CRS

    try:
        datum = CRS.from_user_input(crs).datum
    except Exception:  # pragma: no cover - a CRS without a datum
        return None
    if datum is None:
        return None
    key = "".join(ch for ch in datum.name.lower() if ch.isalnum())
    key = key.removeprefix("d")
    return next((name for k, name in _OLD_DATUMS.items() if key.startswith(k)), None)


def _tm_parameters(crs: object) -> tuple[float, float] | None:
    """(false easting, central meridian) of a Transverse Mercator CRS, else ``None``."""
    from pyproj import CRS

    crs = CRS.from_user_input(crs)
    op = crs.coordinate_operation if crs.is_projected else None
    if op is None or "transverse mercator" not in op.method_name.lower():
        return None
    values = {p.name.lower(): p.value for p in op.params}
    easting = next((v for k, v in values.items() if "false easting" in k), None)
    meridian = next(
        (v for k, v in values.items() if "longitude of natural origin" in k or "central" in k),
        None,
    )
    if easting is None or meridian is None:
        return None
    return float(easting), float(meridian)


def declared_zone(crs: object) -> int | None:
    """The zone number a Transverse Mercator CRS expects in front of its x values.

    Chinese Gauss-Krüger CRSs "with zone" put the zone number in the millions of the false
    easting (zone 38: 38,500,000 m); those "CM …E" and UTM have none (0).

    Parameters
    ----------
    crs
        A :class:`pyproj.CRS` or anything ``pyproj.CRS.from_user_input`` reads.

    Returns
    -------
    int or None
        The zone number (0: none), or ``None`` when ``crs`` is not Transverse Mercator.
    """
    params = _tm_parameters(crs)
    if params is None:
        return None
    return int(params[0] // 1_000_000)


def zone_in_data(xmin: float, xmax: float) -> int | None:
    """The Gauss-Krüger zone number written in front of the x values (``38512345.6`` → 38).

    The zone is the one whose false easting (zone × 10⁶ + 500 km) is nearest, when every x is
    within 500 km of it.

    Parameters
    ----------
    xmin, xmax
        The smallest and largest x (easting) of a layer, in metres.

    Returns
    -------
    int or None
        The zone number; ``None`` when the x values carry none (below a million, or spread
        over several zones) or the number is no zone over China (6°: 13–23, 3°: 25–45).
    """
    if not (np.isfinite(xmin) and np.isfinite(xmax)):
        return None
    zone = round(((xmin + xmax) / 2 - 500_000) / 1_000_000)
    centre = zone * 1_000_000 + 500_000
    if max(centre - xmin, xmax - centre) >= 500_000:
        return None
    return zone if zone in GK_ZONES_6 or zone in GK_ZONES_3 else None


def _gk_datum(crs: object) -> str:
    from pyproj import CRS

    # the declared datum's zones; for other datums (WGS 84 UTM …) CGCS2000, today's standard
    return old_datum(CRS.from_user_input(crs)) or "CGCS2000"


def _gk_codes() -> dict[str, str]:
    """EPSG code of every Chinese Gauss-Krüger CRS, by name (cached)."""
    global _GK_CACHE
    if _GK_CACHE is None:
        from pyproj.database import query_crs_info
        from pyproj.enums import PJType

        _GK_CACHE = {
            info.name: f"{info.auth_name}:{info.code}"
            for info in query_crs_info(auth_name="EPSG", pj_types=PJType.PROJECTED_CRS)
            if "Gauss-Kruger" in info.name and info.name.split(" / ")[0] in _GK_DATUMS
        }
    return _GK_CACHE


_GK_CACHE: dict[str, str] | None = None


def gauss_kruger_crs(datum: str, *, zone: int | None = None, meridian: float | None = None) -> str:
    """The EPSG CRS of a Chinese Gauss-Krüger zone, as ``EPSG:4526 (CGCS2000 / 3-degree …)``.

    Parameters
    ----------
    datum
        ``"CGCS2000"``, ``"Xian 1980"``, ``"Beijing 1954"`` or ``"New Beijing"``.
    zone
        A zone number (6°: 13–23, 3°: 25–45): the CRS with the zone number in x.
    meridian
        A central meridian (°E): the CRS without zone number (``… CM 114E``); 3° zones are
        preferred when the meridian is one of both.

    Returns
    -------
    str
        The CRS's code and name; when the EPSG database has none, the name to look for.
    """
    if zone is not None:
        width = "3-degree " if zone in GK_ZONES_3 else ""
        names = [f"{datum} / {width}Gauss-Kruger zone {zone}"]
    else:
        cm = f"{meridian:g}"
        names = [f"{datum} / 3-degree Gauss-Kruger CM {cm}E", f"{datum} / Gauss-Kruger CM {cm}E"]
    codes = _gk_codes()
    for name in names:
        if name in codes:
            return f"{codes[name]} ({name})"
    return names[0]


def suggest_gauss_kruger(crs: object, xmin: float, xmax: float) -> str | None:
    """The Gauss-Krüger CRS that fits the x values when ``crs`` disagrees on the zone number.

    The x values disagree with a Transverse Mercator ``crs`` when their middle is more than
    :data:`MAX_EASTING_OFFSET_M` from its false easting. Then x values with zone number *z* in
    front fit zone *z* of the declared datum, and x values without one, when ``crs`` expects
    one, fit the same central meridian without zone number.

    Parameters
    ----------
    crs
        The declared CRS.
    xmin, xmax
        The smallest and largest x of the layer's coordinates as read.

    Returns
    -------
    str or None
        The fitting CRS (``EPSG:4526 (CGCS2000 / 3-degree Gauss-Kruger zone 38)``); ``None``
        when the numbers fit, or ``crs`` is not Transverse Mercator, or no Gauss-Krüger CRS
        fits either.
    """
    params = _tm_parameters(crs)
    if params is None or not (np.isfinite(xmin) and np.isfinite(xmax)):
        return None
    easting, meridian = params
    if abs((xmin + xmax) / 2 - easting) <= MAX_EASTING_OFFSET_M:
        return None  # the numbers fit the declared zone (a zone is 2 × ~170 or ~340 km wide)
    found = zone_in_data(xmin, xmax)
    datum = _gk_datum(crs)
    if found is not None:
        return gauss_kruger_crs(datum, zone=found)
    if easting >= 1_000_000 and xmax < 1_000_000:
        return gauss_kruger_crs(datum, meridian=meridian)
    return None


def datum_operations(crs: object, xy: np.ndarray) -> list[tuple[str, float | None, str]]:
    """The datum steps PROJ actually uses from ``crs`` to WGS 84 at the points ``xy``.

    PROJ picks an operation per point (a regional EPSG transformation where one applies, else a
    "ballpark" step that keeps latitude and longitude unchanged), so a few points of the layer
    are transformed one by one and their operations collected.

    Parameters
    ----------
    crs
        The layer's declared CRS.
    xy
        ``(n, 2)`` coordinates in ``crs`` (a small sample of the layer).

    Returns
    -------
    list of (name, accuracy_m, area)
        Each distinct datum step: its name (``Ballpark geographic offset from Xian 1980 to WGS
        84``, ``Beijing 1954 to WGS 84 (6)``), its stated accuracy in metres (``None`` when
        unknown) and the area it was made for.
    """
    from pyproj import CRS, Transformer

    transformer = Transformer.from_crs(CRS.from_user_input(crs), WGS84, always_xy=True)
    found: dict[str, tuple[str, float | None, str]] = {}
    for x, y in np.asarray(xy, dtype=float).reshape(-1, 2):
        try:
            transformer.transform(x, y, errcheck=True)
            used = transformer.get_last_used_operation()
        except Exception:  # a point PROJ cannot transform, or PROJ < 9.1: the plain pipeline
            used = transformer
        steps = list(getattr(used, "operations", None) or [used])
        for step in steps:
            name = step.name if hasattr(step, "name") else step.description
            if "ballpark" not in name.lower() and " to WGS 84" not in name:
                continue
            accuracy = step.accuracy if step.accuracy is not None and step.accuracy >= 0 else None
            area = step.area_of_use.name if step.area_of_use is not None else ""
            found.setdefault(name, (name, accuracy, area))
    return list(found.values())
