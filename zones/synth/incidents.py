"""The incidents layer: where incidents happen (hotspots) and when (daily and weekly peaks)."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import shapely

from zones import columns as C
from zones.synth.lonlat import wgs84_frame
from zones.synth.roads import PRIMARY, TERTIARY, TRUNK
from zones.synth.tessellation import Tessellation
from zones.synth.townships import Administration

INCIDENT_ID = "incident_id"  # a field that zones/columns.py does not define
INCIDENTS_PER_VILLAGE = 25
MIN_INCIDENTS = 2000

CATEGORIES: tuple[str, ...] = ("纠纷", "盗窃", "交通事故", "求助", "诈骗", "治安", "其他")
# category shares by where an incident happens (rows follow CATEGORIES)
_CATEGORY_SHARES: dict[str, tuple[float, ...]] = {
    "village": (0.30, 0.12, 0.08, 0.22, 0.08, 0.12, 0.08),
    "market": (0.30, 0.25, 0.05, 0.10, 0.05, 0.20, 0.05),
    "road": (0.08, 0.05, 0.55, 0.15, 0.02, 0.10, 0.05),
    "remote": (0.20, 0.30, 0.05, 0.20, 0.02, 0.08, 0.15),
}
# relative incident rate per hour of day: morning 07–09 and evening 17–20 peaks, a smaller
# night peak 21–23, and a trough 01–05
HOURLY_PROFILE = np.array(
    [0.9, 0.5, 0.35, 0.3, 0.3, 0.45, 1.0, 2.2, 2.6, 2.0, 1.4, 1.4,
     1.3, 1.2, 1.3, 1.4, 1.7, 2.3, 2.6, 2.3, 1.6, 1.8, 1.9, 1.4]
)  # fmt: skip
# Monday … Sunday: Friday and Saturday about 1.3× a weekday
WEEKDAY_FACTORS = np.array([1.0, 0.97, 1.0, 1.02, 1.3, 1.32, 1.1])


def incidents_layer(
    rng: np.random.Generator,
    tess: Tessellation,
    admin: Administration,
    population: np.ndarray,
    lines_xy: np.ndarray,
    road_class: np.ndarray,
    count: int,
    year: int,
    project: Callable[[np.ndarray], np.ndarray],
) -> gpd.GeoDataFrame:
    """Incidents near settlements (by population), at markets, on roads and in the fields."""
    n_village, n_market, n_trunk, n_road, n_remote = rng.multinomial(
        count, [0.72, 0.08, 0.08, 0.07, 0.05]
    )
    near_village = _near_villages(rng, tess, population, n_village)
    at_market = _at_markets(rng, tess, admin.seats, population, n_market)
    # along the national road and the county roads
    on_trunk = _points_on_lines(rng, lines_xy[road_class == TRUNK], n_trunk)
    on_roads = _points_on_lines(
        rng, lines_xy[(road_class >= PRIMARY) & (road_class <= TERTIARY)], n_road
    )
    # anywhere in the fields
    remote = _points_in(rng, tess.jurisdiction_xy, n_remote)
    xy = np.vstack([near_village, at_market, on_trunk, on_roads, remote])
    place = np.repeat(np.arange(4), [n_village, n_market, len(on_trunk) + len(on_roads), n_remote])
    lonlat = project(xy)
    outside = ~shapely.contains_xy(tess.jurisdiction_ll, lonlat[:, 0], lonlat[:, 1])
    if outside.any():  # a road point just beyond the border: move it to a settlement
        fallback = rng.integers(tess.n, size=int(outside.sum()))
        lonlat[outside] = project(tess.centre_xy[fallback])
        place[outside] = 0

    category = np.empty(len(xy), dtype=np.int64)
    for code, key in enumerate(("village", "market", "road", "remote")):
        chosen = place == code
        shares = np.asarray(_CATEGORY_SHARES[key])
        category[chosen] = rng.choice(len(CATEGORIES), size=int(chosen.sum()), p=shares)
    stamps = _incident_times(rng, category, year)
    order = np.lexsort((np.arange(len(stamps)), stamps))
    width = max(6, len(str(len(stamps))))
    return wgs84_frame(
        {
            INCIDENT_ID: [f"JQ{year}{k + 1:0{width}d}" for k in range(len(stamps))],
            C.TIME: np.datetime_as_string(stamps[order], unit="s"),
            C.CATEGORY: np.asarray(CATEGORIES)[category[order]],
        },
        lonlat[order],
    )


def _near_villages(
    rng: np.random.Generator, tess: Tessellation, population: np.ndarray, count: int
) -> np.ndarray:
    """Villages weighted by population; Rayleigh-distributed distance from the settlement."""
    village = rng.choice(tess.n, size=count, p=population / population.sum())
    radius = np.minimum(rng.rayleigh(0.3, count), 0.92) * tess.clearance[village]
    angle = rng.uniform(0.0, 2.0 * np.pi, count)
    return tess.centre_xy[village] + radius[:, None] * np.column_stack(
        [np.cos(angle), np.sin(angle)]
    )


def _at_markets(
    rng: np.random.Generator,
    tess: Tessellation,
    seats: np.ndarray,
    population: np.ndarray,
    count: int,
) -> np.ndarray:
    """Markets at township seats; the station's seat has half of them."""
    weight = population[seats].astype(float)
    weight = np.r_[0.5, 0.5 * weight[1:] / weight[1:].sum()] if len(seats) > 1 else np.ones(1)
    market_angle = rng.uniform(0.0, 2.0 * np.pi, len(seats))
    market = tess.centre_xy[seats] + 0.25 * tess.clearance[seats][:, None] * np.column_stack(
        [np.cos(market_angle), np.sin(market_angle)]
    )
    which = rng.choice(len(seats), size=count, p=weight / weight.sum())
    spread = np.minimum(120.0, 0.15 * tess.clearance[seats][which])
    radius = np.minimum(rng.rayleigh(1.0, count) * spread, 0.6 * tess.clearance[seats][which])
    angle = rng.uniform(0.0, 2.0 * np.pi, count)
    return market[which] + radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])


def _points_on_lines(rng: np.random.Generator, lines: np.ndarray, count: int) -> np.ndarray:
    """``count`` points along ``lines`` (by length), scattered by about 15 m."""
    if count == 0 or len(lines) == 0:
        return np.empty((0, 2))
    length = shapely.length(lines)
    which = rng.choice(len(lines), size=count, p=length / length.sum())
    points = shapely.line_interpolate_point(lines[which], rng.random(count), normalized=True)
    return shapely.get_coordinates(points) + rng.normal(0.0, 15.0, (count, 2))


def _points_in(rng: np.random.Generator, polygon: shapely.Geometry, count: int) -> np.ndarray:
    """``count`` uniform random points inside ``polygon``."""
    xmin, ymin, xmax, ymax = polygon.bounds
    found = np.empty((0, 2))
    while len(found) < count:
        batch = rng.uniform((xmin, ymin), (xmax, ymax), (2 * (count - len(found)) + 16, 2))
        found = np.vstack([found, batch[shapely.contains_xy(polygon, batch[:, 0], batch[:, 1])]])
    return found[:count]


def _incident_times(rng: np.random.Generator, category: np.ndarray, year: int) -> np.ndarray:
    """Local times with daily, weekly and seasonal peaks (``datetime64[s]``)."""
    days = np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))
    day_of_year = np.arange(len(days))
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    season = 1.0 + 0.15 * np.sin(2.0 * np.pi * (day_of_year - 105) / len(days))
    festival = 1.0 + 0.25 * np.exp(-0.5 * ((day_of_year - 35) / 7.0) ** 2)
    weight = season * festival * WEEKDAY_FACTORS[weekday]
    day = rng.choice(len(days), size=len(category), p=weight / weight.sum())
    hour = np.empty(len(category), dtype=np.int64)
    for code, name in enumerate(CATEGORIES):
        profile = HOURLY_PROFILE.copy()
        if name == "交通事故":
            profile[[7, 8, 17, 18]] *= 1.4
        elif name == "盗窃":
            profile[0:5] *= 1.8
        chosen = category == code
        hour[chosen] = rng.choice(24, size=int(chosen.sum()), p=profile / profile.sum())
    minute = rng.integers(0, 60, size=len(category))
    start = days[day].astype("datetime64[m]")
    return (start + (hour * 60 + minute).astype("timedelta64[m]")).astype("datetime64[s]")
