"""Seeded synthetic scenarios: villages, officers, roads, incidents, rooms and a station.

The generator builds a plausible rural police-station jurisdiction in North China / Inner
Mongolia, for the bundled sample and for benchmarks from 100 to 50,000 villages. Everything
is a pure function of the arguments: randomness comes only from
``numpy.random.default_rng(seed)``, so equal arguments give equal layers (and, through
:func:`write_scenario`, equal bytes).

How the villages are made: seeded village points on a jittered hexagonal lattice inside an
irregular outline, and a finer jittered lattice of sub-points. Every sub-point inside the
outline joins the village that reaches it first in a multi-source shortest-path growth with
noisy edge weights over the sub-points' Delaunay graph, so every village is one connected,
irregular piece. Village rings are traced from the Voronoi edges between sub-points of
different villages (each edge gets one consistent bend), in lon/lat rounded to 6 decimals, so
neighbours share exactly the same vertices and the villages form a valid coverage without gaps
or overlaps; this is checked with ``shapely.coverage_is_valid`` and regenerated otherwise.

Run ``python -m zones.synth.synth --villages 10000 --seed 1 --out /tmp/s10k`` to write a scenario.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components, dijkstra, minimum_spanning_tree
from scipy.spatial import Delaunay, cKDTree

from zones import columns as C
from zones.writers import write_csv, write_geojson

__all__ = ["make_scenario_layers", "write_scenario", "main"]

# fields and settings that zones/columns.py does not define
INCIDENT_ID = "incident_id"
LON = "lon"
LAT = "lat"
WGS84 = "EPSG:4326"
COORD_DECIMALS = 6
VILLAGE_AREA_M2 = 2.5e6  # mean area of one administrative village (2.5 km²)
SUBPOINTS_PER_VILLAGE = 10  # resolution of the irregular village borders …
SUBPOINTS_PER_VILLAGE_LARGE = 6  # … and above LARGE_SCENARIO villages, to stay fast
LARGE_SCENARIO = 10_000
MAX_ATTEMPTS = 8  # tessellations tried before giving up
INCIDENTS_PER_VILLAGE = 25
MIN_INCIDENTS = 2000
TOWNSHIPS_PER_COUNTY = 15
ROOM_SHARE = 0.30

TRUNK_NAME = "G208国道"
PRIMARY_NAME = "S211省道"

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

# --- word lists for names (all invented combinations) ---------------------------------------
_PLACE_SURNAMES = "王李张刘赵陈杨郭马高胡韩孙范魏武贾郝田乔白冯薛"
_PLACE_PREFIXES = "大小东西南北前后上下新老中"
_PLACE_FEATURES = "河泉井山台坝湾梁林岔店堡城"
_PLACE_COLOURS = "红黑白黄石土沙柳榆杏羊牛三五"
_PLACE_NATURE = "河泉井山台坝湾梁林岔地城圈"
_MONGOLIAN_STEMS = (
    "乌兰", "查干", "哈拉", "巴音", "阿拉", "呼和", "锡拉", "敖包", "塔拉", "朝鲁", "乌素",
    "格日", "毛独", "察素", "白音", "脑包", "伊和", "额尔", "哈达", "苏计", "乌拉", "巴彦",
    "达拉", "希拉", "宝日",
)  # fmt: skip
_VILLAGE_SUFFIXES = (
    "村", "营子", "沟村", "卜子村", "滩村", "湾村", "梁村", "窑村", "忽洞村", "圪旦村",
    "淖村", "堡村",
)  # fmt: skip
_VILLAGE_SUFFIX_WEIGHTS = np.array(
    [0.20, 0.14, 0.13, 0.09, 0.11, 0.06, 0.05, 0.05, 0.06, 0.04, 0.03, 0.04]
)
_NUMBERED_VILLAGE_SHARE = 0.05  # "三号村" style names
_TOWNSHIP_ENDINGS = ("海子", "渠", "河", "淖", "滩", "营", "沟", "口", "湾", "梁")
_TOWNSHIP_KINDS = ("镇", "乡", "街道")
_TOWNSHIP_KIND_WEIGHTS = np.array([0.45, 0.45, 0.10])
_COMMUNITY_WORDS = (
    "新华", "光明", "幸福", "团结", "和平", "建设", "振兴", "民安", "兴隆", "文化", "东风",
    "朝阳", "繁荣", "富民", "康乐", "长青", "阳光", "锦绣", "永安", "丰收",
)  # fmt: skip
_STREET_NAMES = (
    "人民路", "新华街", "建设路", "团结路", "迎宾路", "工业路", "商业街", "文化路", "解放路",
    "民主街", "健康路", "兴盛街",
)  # fmt: skip
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈彭吕苏卢蒋蔡贾丁"
    "魏薛叶阎潘杜戴夏田任姜范方石姚谭邹熊金陆郝孔白崔康毛秦江史侯邵孟段雷钱尹常武乔贺龚"
)
_GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志海鹏飞宇浩峰东斌亮林红梅鑫波"
    "宁辉俊凯雪琳婷晨佳欣利春文荣新旭龙彬成瑞宏忠红云福喜贵生宝山"
)
_MONGOLIAN_NAMES = (
    "巴特尔", "其其格", "乌云", "斯琴", "额尔敦", "那仁", "苏日娜", "阿拉坦", "图雅", "格日勒",
    "朝鲁门", "萨仁", "宝音", "呼和", "孟和", "乌日娜", "敖登", "巴雅尔",
)  # fmt: skip
_CHINESE_DIGITS = "零一二三四五六七八九"


# --- public API ----------------------------------------------------------------------------


def make_scenario_layers(
    n_villages: int = 90,
    *,
    seed: int = 0,
    center_lonlat: tuple[float, float] = (113.15, 41.0),
    n_townships: int | None = None,
    n_incidents: int | None = None,
    n_police: int | None = None,
    aux_shortfall: int = 4,
    station_name: str = "白海子派出所",
    year: int = 2025,
) -> dict[str, gpd.GeoDataFrame]:
    """Generate a synthetic scenario: every layer of the data model, in WGS 84.

    Parameters
    ----------
    n_villages
        Number of administrative villages and communities (at least 2). About 2.5 km² each.
    seed
        Seed of ``numpy.random.default_rng``; equal arguments give equal layers.
    center_lonlat
        Approximate centre of the jurisdiction (lon, lat).
    n_townships
        Number of townships (contiguous groups of villages); default ``round(n_villages / 25)``
        but at least 3 (or ``n_villages`` when smaller).
    n_incidents
        Number of incidents; default ``max(2000, 25 * n_villages)``.
    n_police
        Number of sworn officers; default ``max(8, round(n_villages / 4))``.
    aux_shortfall
        How many fewer auxiliary officers than villages (so a few villages lack one).
    station_name
        Name of the police station (派出所); its township is named after it.
    year
        Calendar year of the incident timestamps.

    Returns
    -------
    dict of str to geopandas.GeoDataFrame
        The layers ``jurisdiction``, ``villages``, ``officers``, ``roads``, ``incidents``,
        ``rooms`` and ``station`` (keys from :data:`zones.columns.LAYERS`), all EPSG:4326 with
        coordinates rounded to 6 decimals. ``officers.familiar_villages`` holds lists of
        village ids; officers without a home village have no geometry.

    Raises
    ------
    ValueError
        If an argument is out of range.
    RuntimeError
        If no valid village coverage could be built (not expected in practice).
    """
    _check_arguments(n_villages, n_townships, n_incidents, n_police, aux_shortfall, year)
    rng = np.random.default_rng(seed)
    lon0, lat0 = (float(value) for value in center_lonlat)
    metric_crs = _utm_crs(lon0, lat0)
    to_metric = pyproj.Transformer.from_crs(WGS84, metric_crs, always_xy=True)
    to_lonlat = pyproj.Transformer.from_crs(metric_crs, WGS84, always_xy=True)
    centre_xy = np.array(to_metric.transform(lon0, lat0), dtype=float)

    tess = None
    for _ in range(MAX_ATTEMPTS):
        outline = _outline(rng, n_villages, centre_xy)
        tess = _tessellate(rng, n_villages, outline, to_lonlat)
        if tess is not None:
            break
    if tess is None:
        msg = f"could not build a valid village coverage in {MAX_ATTEMPTS} attempts"
        raise RuntimeError(msg)

    k_townships = n_townships if n_townships is not None else _default_townships(n_villages)
    admin = _administration(rng, tess, k_townships, station_name)
    tess = tess.permuted(admin.order)
    villages = _villages_layer(rng, tess, admin)
    village_ids = villages[C.VILLAGE_ID].to_numpy()

    project = _projector(to_lonlat)
    seat = admin.station_seat
    roads, road_lines_xy, road_classes = _roads_layer(
        rng, tess, admin, project, villages[C.NAME].to_numpy()
    )
    n_inc = (
        n_incidents
        if n_incidents is not None
        else max(MIN_INCIDENTS, INCIDENTS_PER_VILLAGE * n_villages)
    )
    incidents = _incidents_layer(
        rng,
        tess,
        admin,
        villages[C.POPULATION].to_numpy(),
        road_lines_xy,
        road_classes,
        n_inc,
        year,
        project,
    )
    officers = _officers_layer(
        rng,
        tess,
        admin,
        village_ids,
        n_police if n_police is not None else max(8, round(n_villages / 4)),
        max(0, n_villages - aux_shortfall),
        project,
    )
    rooms = _rooms_layer(rng, tess, villages, project)
    station_xy = _points_near(rng, tess, np.array([seat]), 0.1, 0.3)
    station = _frame({C.NAME: [station_name]}, project(station_xy))
    jurisdiction = _frame(
        {C.NAME: [f"{station_name}辖区"], C.STATION_NAME: [station_name]},
        np.array([tess.jurisdiction_ll], dtype=object),
    )
    return {
        C.JURISDICTION: jurisdiction,
        C.VILLAGES: villages,
        C.OFFICERS: officers,
        C.ROADS: roads,
        C.INCIDENTS: incidents,
        C.ROOMS: rooms,
        C.STATION: station,
    }


def write_scenario(
    layers: dict[str, gpd.GeoDataFrame], folder: Path | str, *, officers_csv: bool = True
) -> None:
    """Write a scenario folder: one ``<layer>.geojson`` per layer (RFC 7946).

    Parameters
    ----------
    layers
        Layers by name, as returned by :func:`make_scenario_layers`; layers not in
        :data:`zones.columns.LAYERS` are written too, under their own names.
    folder
        The output folder; created if missing. Existing files of the same names are replaced.
    officers_csv
        Write the officers as ``officers.csv`` (UTF-8 with BOM, ``lon``/``lat`` columns,
        ``familiar_villages`` joined by ``;``) instead of ``officers.geojson``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, layer in layers.items():
        if name == C.OFFICERS and officers_csv:
            write_csv(_officers_table(layer), folder / f"{name}.csv")
        else:
            write_geojson(layer, folder / f"{name}.geojson", precision=COORD_DECIMALS)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: generate a scenario and write it to a folder (for benchmarks).

    Parameters
    ----------
    argv
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status (0).
    """
    parser = argparse.ArgumentParser(
        prog="python -m zones.synth.synth", description="Write a seeded synthetic scenario."
    )
    parser.add_argument("--villages", type=int, default=90, help="number of villages")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--townships", type=int, default=None, help="number of townships")
    parser.add_argument("--incidents", type=int, default=None, help="number of incidents")
    parser.add_argument("--police", type=int, default=None, help="number of sworn officers")
    parser.add_argument("--aux-shortfall", type=int, default=4, help="villages without an aux")
    parser.add_argument("--year", type=int, default=2025, help="year of the incidents")
    parser.add_argument(
        "--officers-geojson", action="store_true", help="write officers.geojson, not .csv"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    layers = make_scenario_layers(
        args.villages,
        seed=args.seed,
        n_townships=args.townships,
        n_incidents=args.incidents,
        n_police=args.police,
        aux_shortfall=args.aux_shortfall,
        year=args.year,
    )
    generated = time.perf_counter()
    write_scenario(layers, args.out, officers_csv=not args.officers_geojson)
    written = time.perf_counter()
    counts = ", ".join(f"{name} {len(layer)}" for name, layer in layers.items())
    print(f"{counts}")
    print(
        f"generated in {generated - start:.2f} s, written in {written - generated:.2f} s "
        f"to {args.out}"
    )
    return 0


# --- arguments and projection --------------------------------------------------------------


def _check_arguments(
    n_villages: int,
    n_townships: int | None,
    n_incidents: int | None,
    n_police: int | None,
    aux_shortfall: int,
    year: int,
) -> None:
    if n_villages < 2:
        msg = f"n_villages must be at least 2, got {n_villages}"
        raise ValueError(msg)
    if n_townships is not None and not 1 <= n_townships <= n_villages:
        msg = f"n_townships must be between 1 and n_villages ({n_villages}), got {n_townships}"
        raise ValueError(msg)
    if n_incidents is not None and n_incidents < 0:
        msg = f"n_incidents must not be negative, got {n_incidents}"
        raise ValueError(msg)
    if n_police is not None and n_police < 0:
        msg = f"n_police must not be negative, got {n_police}"
        raise ValueError(msg)
    if aux_shortfall < 0:
        msg = f"aux_shortfall must not be negative, got {aux_shortfall}"
        raise ValueError(msg)
    if not 1900 <= year <= 2100:
        msg = f"year must be between 1900 and 2100, got {year}"
        raise ValueError(msg)


def _default_townships(n_villages: int) -> int:
    return max(min(3, n_villages), round(n_villages / 25))


def _utm_crs(lon: float, lat: float) -> pyproj.CRS:
    """The WGS 84 / UTM zone of a point (EPSG:32649 for the default centre)."""
    zone = int(np.floor((lon + 180.0) / 6.0)) % 60 + 1
    return pyproj.CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def _projector(to_lonlat: pyproj.Transformer) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function mapping metric (N, 2) coordinates to rounded lon/lat (N, 2)."""

    def project(xy: np.ndarray) -> np.ndarray:
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        lon, lat = to_lonlat.transform(xy[:, 0], xy[:, 1])
        return np.round(np.column_stack([lon, lat]), COORD_DECIMALS)

    return project


# --- the village tessellation --------------------------------------------------------------


@dataclass(frozen=True)
class _Tessellation:
    """Villages as a coverage, with the metric helpers the other layers need."""

    village_ll: np.ndarray  # Polygons, lon/lat rounded
    village_xy: np.ndarray  # the same rings in metres
    jurisdiction_ll: shapely.Geometry
    jurisdiction_xy: shapely.Geometry
    centre_xy: np.ndarray  # (n, 2) settlement point of each village, strictly inside it
    clearance: np.ndarray  # (n,) distance from the settlement point to the village border
    adj_i: np.ndarray  # village adjacency (i < j), shared border >= 1 m
    adj_j: np.ndarray
    adj_border_xy: np.ndarray  # (m, 2) a point on the shared border of each adjacent pair

    @property
    def n(self) -> int:
        return len(self.village_ll)

    def permuted(self, order: np.ndarray) -> _Tessellation:
        """Return the tessellation with villages reordered (new position k = old order[k])."""
        inverse = np.empty_like(order)
        inverse[order] = np.arange(len(order))
        i, j = inverse[self.adj_i], inverse[self.adj_j]
        swap = i > j
        return _Tessellation(
            village_ll=self.village_ll[order],
            village_xy=self.village_xy[order],
            jurisdiction_ll=self.jurisdiction_ll,
            jurisdiction_xy=self.jurisdiction_xy,
            centre_xy=self.centre_xy[order],
            clearance=self.clearance[order],
            adj_i=np.where(swap, j, i),
            adj_j=np.where(swap, i, j),
            adj_border_xy=self.adj_border_xy,
        )


def _outline(rng: np.random.Generator, n: int, centre_xy: np.ndarray) -> shapely.Polygon:
    """An irregular, roughly elliptic outline of area ``n * VILLAGE_AREA_M2`` (metres)."""
    theta = np.linspace(0.0, 2.0 * np.pi, 240, endpoint=False)
    radius = np.ones_like(theta)
    for k in range(2, 8):
        amplitude = rng.uniform(0.0, 0.12 / np.sqrt(k))
        radius += amplitude * np.cos(k * theta + rng.uniform(0.0, 2.0 * np.pi))
    radius = np.clip(radius / radius.mean(), 0.75, 1.2)
    ring = np.column_stack([1.2 * radius * np.cos(theta), radius * np.sin(theta)])
    scale = np.sqrt(n * VILLAGE_AREA_M2 / shapely.Polygon(ring).area)
    return shapely.Polygon(ring * scale + centre_xy)


def _hex_lattice(
    bounds: tuple[float, float, float, float],
    spacing: float,
    jitter: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Points of a hexagonal lattice over ``bounds``, each moved by up to ``jitter * spacing``."""
    xmin, ymin, xmax, ymax = bounds
    row_step = spacing * np.sqrt(3.0) / 2.0
    ys = np.arange(ymin, ymax + row_step, row_step)
    xs = np.arange(xmin - spacing / 2.0, xmax + spacing, spacing)
    grid_x, grid_y = np.meshgrid(xs, ys)
    grid_x = grid_x + (np.arange(len(ys))[:, None] % 2) * spacing / 2.0
    points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
    return points + rng.uniform(-jitter, jitter, points.shape) * spacing


def _village_seeds(
    rng: np.random.Generator, n: int, outline: shapely.Polygon
) -> tuple[np.ndarray, float]:
    """``n`` well-spread seed points inside ``outline`` and the lattice spacing used."""
    cell = outline.area / (1.06 * n)
    spacing = np.sqrt(cell / (np.sqrt(3.0) / 2.0))
    while True:
        points = _hex_lattice(outline.bounds, spacing, 0.2, rng)
        points = points[shapely.contains_xy(outline, points[:, 0], points[:, 1])]
        if len(points) >= n:
            chosen = np.sort(rng.choice(len(points), size=n, replace=False))
            return points[chosen], spacing
        spacing *= 0.97


def _tessellate(
    rng: np.random.Generator,
    n: int,
    outline: shapely.Polygon,
    to_lonlat: pyproj.Transformer,
) -> _Tessellation | None:
    """Build ``n`` villages covering (a jagged version of) ``outline``; None if it failed."""
    seeds, spacing = _village_seeds(rng, n, outline)
    per_village = SUBPOINTS_PER_VILLAGE if n <= LARGE_SCENARIO else SUBPOINTS_PER_VILLAGE_LARGE
    sub_spacing = spacing / np.sqrt(per_village)
    margin = 3.0 * sub_spacing
    grown = outline.buffer(margin)
    sub = _hex_lattice(grown.bounds, sub_spacing, 0.35, rng)
    sub = sub[shapely.contains_xy(grown, sub[:, 0], sub[:, 1])]
    triangulation = Delaunay(sub)
    circumcentres = _circumcentres(sub, triangulation.simplices)
    # Voronoi ridges = Delaunay edges: points (p, q), ridge vertices = triangles (t0, t1)
    simplices, neighbours = triangulation.simplices, triangulation.neighbors
    t0 = np.repeat(np.arange(len(simplices)), 3)
    corner = np.tile(np.arange(3), len(simplices))
    t1 = neighbours.ravel()
    once = t1 > t0
    t0, corner, t1 = t0[once], corner[once], t1[once]
    p = simplices[t0, (corner + 1) % 3]
    q = simplices[t0, (corner + 2) % 3]

    seed_sub = _nearest_distinct(sub, seeds)
    if seed_sub is None:
        return None
    n_sub = len(sub)
    inside = shapely.contains_xy(outline, sub[:, 0], sub[:, 1])
    inside[seed_sub] = True
    inside = _fill_and_trim(inside, p, q, seed_sub, triangulation.convex_hull.ravel(), n_sub)

    # grow villages from their seeds over the sub-point graph with noisy weights
    both = inside[p] & inside[q]
    length = np.hypot(*(sub[p[both]] - sub[q[both]]).T)
    noisy = length * np.exp(rng.normal(0.0, 0.35, len(length)))
    graph = coo_matrix((noisy, (p[both], q[both])), shape=(n_sub, n_sub)).tocsr()
    dist, _, sources = dijkstra(
        graph, directed=False, indices=seed_sub, min_only=True, return_predecessors=True
    )
    village_of_seed = np.full(n_sub, -1)
    village_of_seed[seed_sub] = np.arange(n)
    label = np.full(n_sub, -1)
    reached = inside & np.isfinite(dist)
    label[reached] = village_of_seed[sources[reached]]

    # boundary ridges, oriented so that point p lies on the left of t0 -> t1
    edge = label[p] != label[q]
    p, q, t0, t1 = p[edge], q[edge], t0[edge], t1[edge]
    v0, v1 = circumcentres[t0], circumcentres[t1]
    direction = v1 - v0
    to_p = sub[p] - v0
    flip = direction[:, 0] * to_p[:, 1] - direction[:, 1] * to_p[:, 0] < 0
    t0, t1 = np.where(flip, t1, t0), np.where(flip, t0, t1)
    v0, v1 = circumcentres[t0], circumcentres[t1]
    direction = v1 - v0
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    bend = np.clip(rng.normal(0.0, 0.08, len(p)), -0.16, 0.16)
    mids = (v0 + v1) / 2.0 + normal * bend[:, None]

    # coordinate table: used ridge vertices, then one bend point per ridge
    used, vertex_pos = np.unique(np.concatenate([t0, t1]), return_inverse=True)
    start_id, end_id = vertex_pos[: len(t0)], vertex_pos[len(t0) :]
    mid_id = len(used) + np.arange(len(p))
    table_xy = np.vstack([circumcentres[used], mids])
    lon, lat = to_lonlat.transform(table_xy[:, 0], table_xy[:, 1])
    table_ll = np.round(np.column_stack([lon, lat]), COORD_DECIMALS)

    left, right = label[p], label[q]
    traced = _trace_polygons(left, right, start_id, end_id, mid_id, n, table_xy, table_ll)
    outer = (left < 0) | (right < 0)
    whole = _trace_polygons(
        np.where(left[outer] >= 0, 0, -1),
        np.where(right[outer] >= 0, 0, -1),
        start_id[outer],
        end_id[outer],
        mid_id[outer],
        1,
        table_xy,
        table_ll,
    )
    if traced is None or whole is None:
        return None
    village_xy, village_ll = traced
    jurisdiction_xy, jurisdiction_ll = whole[0][0], whole[1][0]
    if shapely.get_num_interior_rings(jurisdiction_ll) > 0:
        return None
    if not (shapely.is_valid(village_ll).all() and shapely.is_valid(jurisdiction_ll)):
        return None
    if not shapely.coverage_is_valid(village_ll):
        return None

    # adjacency: pairs with a shared border of at least 1 m, and a border point per pair
    inner = ~outer
    pair_i = np.minimum(left[inner], right[inner])
    pair_j = np.maximum(left[inner], right[inner])
    ridge_len = np.hypot(*direction[inner].T)
    key = pair_i.astype(np.int64) * n + pair_j
    order = np.lexsort((-ridge_len, key))
    key_sorted = key[order]
    first = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    shared = np.add.reduceat(ridge_len[order], first)
    keep = shared >= 1.0
    best = order[first][keep]
    adj_i, adj_j = pair_i[best], pair_j[best]
    adj_border_xy = mids[inner][best]
    n_parts = connected_components(
        coo_matrix((np.ones(len(adj_i)), (adj_i, adj_j)), shape=(n, n)), directed=False
    )[0]
    if n_parts != 1:
        return None

    centre_xy = sub[seed_sub]
    clearance = shapely.distance(shapely.points(centre_xy), shapely.boundary(village_xy))
    return _Tessellation(
        village_ll=village_ll,
        village_xy=village_xy,
        jurisdiction_ll=jurisdiction_ll,
        jurisdiction_xy=jurisdiction_xy,
        centre_xy=centre_xy,
        clearance=clearance,
        adj_i=adj_i,
        adj_j=adj_j,
        adj_border_xy=adj_border_xy,
    )


def _nearest_distinct(points: np.ndarray, targets: np.ndarray) -> np.ndarray | None:
    """For each target the nearest point not already taken by an earlier target (or None)."""
    candidates = cKDTree(points).query(targets, k=min(4, len(points)))[1].reshape(len(targets), -1)
    chosen = candidates[:, 0].copy()
    later = np.ones(len(chosen), dtype=bool)
    later[np.unique(chosen, return_index=True)[1]] = False
    if not later.any():
        return chosen
    used = set(chosen[~later].tolist())
    for k in np.flatnonzero(later):  # rare: two seeds share their nearest sub-point
        free = [int(c) for c in candidates[k, 1:] if int(c) not in used]
        if not free:
            return None
        chosen[k] = free[0]
        used.add(free[0])
    return chosen


def _circumcentres(points: np.ndarray, simplices: np.ndarray) -> np.ndarray:
    """Circumcentres of triangles (the Voronoi vertices of a Delaunay triangulation)."""
    a, b, c = points[simplices[:, 0]], points[simplices[:, 1]], points[simplices[:, 2]]
    # relative to a, for precision
    b, c = b - a, c - a
    d = 2.0 * (b[:, 0] * c[:, 1] - b[:, 1] * c[:, 0])
    b2, c2 = (b**2).sum(axis=1), (c**2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):  # flat hull slivers are never used
        ux = (c[:, 1] * b2 - b[:, 1] * c2) / d
        uy = (b[:, 0] * c2 - c[:, 0] * b2) / d
    return a + np.column_stack([ux, uy])


def _fill_and_trim(
    inside: np.ndarray,
    p: np.ndarray,
    q: np.ndarray,
    seeds: np.ndarray,
    hull: np.ndarray,
    n_sub: int,
) -> np.ndarray:
    """Drop inside pieces that hold no seed, then fill enclosed outside pieces (no holes)."""
    inside = inside.copy()
    both = inside[p] & inside[q]
    n_parts, part = connected_components(
        coo_matrix((np.ones(both.sum()), (p[both], q[both])), shape=(n_sub, n_sub)),
        directed=False,
    )
    seeded = np.zeros(n_parts, dtype=bool)
    seeded[part[seeds]] = True
    inside &= seeded[part]
    neither = ~inside[p] & ~inside[q]
    n_parts, part = connected_components(
        coo_matrix((np.ones(neither.sum()), (p[neither], q[neither])), shape=(n_sub, n_sub)),
        directed=False,
    )
    exterior = np.zeros(n_parts, dtype=bool)
    exterior[part[hull]] = True
    return inside | ~exterior[part]


def _trace_polygons(
    left: np.ndarray,
    right: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    mid: np.ndarray,
    n_labels: int,
    table_xy: np.ndarray,
    table_ll: np.ndarray,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Polygons of labelled regions from the oriented ridges between them.

    Each ridge runs ``start -> mid -> end`` with region ``left`` on its left and ``right`` on
    its right (label -1 is the outside). Returns (metric, lon/lat) polygon arrays indexed by
    label, or None if some region is not exactly one polygon.
    """
    # directed edges with their region on the left
    has_left, has_right = left >= 0, right >= 0
    label = np.concatenate([left[has_left], right[has_right]]).astype(np.int64)
    src = np.concatenate([start[has_left], end[has_right]]).astype(np.int64)
    dst = np.concatenate([end[has_left], start[has_right]]).astype(np.int64)
    via = np.concatenate([mid[has_left], mid[has_right]]).astype(np.int64)
    n_edges = len(label)
    width = np.int64(len(table_xy))
    key = label * width + src
    order = np.argsort(key, kind="stable")
    key_sorted = key[order]
    if n_edges == 0 or (np.diff(key_sorted) == 0).any():
        return None
    follow = np.searchsorted(key_sorted, label * width + dst)
    if (follow >= n_edges).any() or (
        key_sorted[np.minimum(follow, n_edges - 1)] != label * width + dst
    ).any():
        return None
    nxt = order[follow]
    # cycles of the successor permutation, ranked from their smallest edge by pointer jumping
    n_rings, ring = connected_components(
        coo_matrix((np.ones(n_edges), (np.arange(n_edges), nxt)), shape=(n_edges, n_edges)),
        directed=True,
        connection="weak",
    )
    first = np.full(n_rings, n_edges)
    np.minimum.at(first, ring, np.arange(n_edges))
    last = nxt == first[ring]
    jump = np.where(last, np.arange(n_edges), nxt)
    steps = (~last).astype(np.int64)
    while True:
        ahead = jump[jump]
        if (ahead == jump).all():
            break
        steps = steps + steps[jump]
        jump = ahead
    sequence = np.lexsort((-steps, ring))
    ring_sorted = ring[sequence]
    point_ids = np.column_stack([src[sequence], via[sequence]]).ravel()
    ring_index = np.repeat(ring_sorted, 2)
    rings_xy = shapely.linearrings(table_xy[point_ids], indices=ring_index)
    rings_ll = shapely.linearrings(table_ll[point_ids], indices=ring_index)
    ring_label = np.zeros(n_rings, dtype=np.int64)
    ring_label[ring_sorted] = label[sequence]
    signed = _signed_areas(table_xy[point_ids], ring_index, n_rings)
    shell = signed > 0
    if not np.array_equal(np.bincount(ring_label[shell], minlength=n_labels), np.ones(n_labels)):
        return None
    shell_of = np.empty(n_labels, dtype=np.int64)
    shell_of[ring_label[shell]] = np.flatnonzero(shell)
    polygons_xy = shapely.polygons(rings_xy[shell_of])
    polygons_ll = shapely.polygons(rings_ll[shell_of])
    for hole in np.flatnonzero(~shell):  # enclaves are rare: a small loop is fine
        owner = ring_label[hole]
        for polygons, rings in ((polygons_xy, rings_xy), (polygons_ll, rings_ll)):
            current = polygons[owner]
            polygons[owner] = shapely.Polygon(current.exterior, [*current.interiors, rings[hole]])
    return polygons_xy, polygons_ll


def _signed_areas(coords: np.ndarray, ring_index: np.ndarray, n_rings: int) -> np.ndarray:
    """Shoelace areas of open rings stored consecutively (positive = counter-clockwise)."""
    starts = np.flatnonzero(np.r_[True, ring_index[1:] != ring_index[:-1]])
    nxt = np.arange(1, len(coords) + 1)
    ends = np.r_[starts[1:], len(coords)]
    nxt[ends - 1] = starts
    x, y = coords[:, 0], coords[:, 1]
    x0 = x - x[starts].repeat(np.diff(np.r_[starts, len(coords)]))
    y0 = y - y[starts].repeat(np.diff(np.r_[starts, len(coords)]))
    cross = x0 * y0[nxt] - x0[nxt] * y0
    areas = np.zeros(n_rings)
    areas[ring_index[starts]] = np.add.reduceat(cross, starts) / 2.0
    return areas


# --- townships, seats, communities and identifiers -----------------------------------------


@dataclass(frozen=True)
class _Administration:
    """Administrative structure, in the final village order (after :meth:`permuted`)."""

    order: np.ndarray  # final position k holds the village built as order[k]
    township: np.ndarray  # township index per village
    township_names: list[str]
    seats: np.ndarray  # seat village per township
    kind: np.ndarray  # "village" / "community" per village
    village_ids: np.ndarray  # 12-digit codes

    @property
    def station_seat(self) -> int:
        return int(self.seats[0])


def _administration(
    rng: np.random.Generator, tess: _Tessellation, k: int, station_name: str
) -> _Administration:
    """Group villages into ``k`` contiguous townships; choose seats, communities and ids."""
    n = tess.n
    centres = tess.centre_xy
    region = _grow_regions(rng, centres, tess.adj_i, tess.adj_j, k)
    means = (
        np.column_stack([np.bincount(region, centres[:, axis], minlength=k) for axis in (0, 1)])
        / np.bincount(region, minlength=k)[:, None]
    )
    to_mean = np.hypot(*(centres - means[region]).T)
    by_region = np.lexsort((to_mean, region))
    seat_of_region = by_region[np.searchsorted(region[by_region], np.arange(k))]
    middle = np.asarray(tess.jurisdiction_xy.centroid.coords[0])
    station_region = region[np.argmin(np.hypot(*(centres - middle).T))]
    station_seat = seat_of_region[station_region]
    seat_distance = np.hypot(*(centres[seat_of_region] - centres[station_seat]).T)
    seat_distance[station_region] = -1.0
    region_order = np.argsort(seat_distance, kind="stable")
    township = np.empty(k, dtype=np.int64)
    township[region_order] = np.arange(k)
    township_of = township[region]
    seats = seat_of_region[region_order]

    # communities: the station's seat and 1–2 neighbours; other seats sometimes
    community = np.zeros(n, dtype=bool)
    community[seats[0]] = True
    same = township_of == 0
    near_seat = np.argsort(np.hypot(*(centres - centres[seats[0]]).T), kind="stable")
    near_seat = near_seat[same[near_seat]][1:]
    neighbours = _neighbour_lists(n, tess.adj_i, tess.adj_j)
    adjacent = near_seat[np.isin(near_seat, neighbours[seats[0]])]
    community[adjacent[: int(rng.integers(1, 3))]] = True
    community[seats[1:][rng.random(k - 1) < 0.6]] = True

    kinds = ["镇"] + [
        _TOWNSHIP_KINDS[i]
        for i in rng.choice(len(_TOWNSHIP_KINDS), size=k - 1, p=_TOWNSHIP_KIND_WEIGHTS)
    ]
    township_names = _township_names(rng, station_name, kinds)

    # order: by township; communities first; then by distance from the seat
    from_seat = np.hypot(*(centres - centres[seats[township_of]]).T)
    order = np.lexsort((from_seat, ~community, township_of))
    township_sorted = township_of[order]
    community_sorted = community[order]
    starts = np.searchsorted(township_sorted, np.arange(k))
    rank = np.arange(n) - starts[township_sorted]
    n_communities = np.bincount(township_sorted, community_sorted, minlength=k).astype(int)
    village_rank = rank - n_communities[township_sorted]
    if (village_rank >= 800).any() or (n_communities >= 200).any():
        msg = "too many villages per township for 3-digit village codes; use more townships"
        raise ValueError(msg)
    local = np.where(community_sorted, rank + 1, village_rank + 200)
    township_codes = _township_codes(kinds)
    village_ids = np.array(
        [f"{township_codes[t]}{c:03d}" for t, c in zip(township_sorted, local, strict=True)]
    )
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n)
    return _Administration(
        order=order,
        township=township_sorted,
        township_names=township_names,
        seats=inverse[seats],
        kind=np.where(community_sorted, C.KIND_COMMUNITY, C.KIND_VILLAGE),
        village_ids=village_ids,
    )


def _grow_regions(
    rng: np.random.Generator, centres: np.ndarray, adj_i: np.ndarray, adj_j: np.ndarray, k: int
) -> np.ndarray:
    """``k`` contiguous regions grown over the adjacency graph from well-spread seeds."""
    n = len(centres)
    seeds = rng.choice(n, size=k, replace=False)
    everything = cKDTree(centres)
    for _ in range(12):  # a few Lloyd steps spread the seeds evenly
        nearest = cKDTree(centres[seeds]).query(centres)[1]
        count = np.bincount(nearest, minlength=k)
        means = (
            np.column_stack(
                [np.bincount(nearest, centres[:, axis], minlength=k) for axis in (0, 1)]
            )
            / np.maximum(count, 1)[:, None]
        )
        means[count == 0] = centres[seeds[count == 0]]
        moved = everything.query(means)[1]
        if len(np.unique(moved)) < k or np.array_equal(moved, seeds):
            break
        seeds = moved
    length = np.hypot(*(centres[adj_i] - centres[adj_j]).T)
    weight = length * np.exp(rng.normal(0.0, 0.25, len(length)))
    graph = coo_matrix((weight, (adj_i, adj_j)), shape=(n, n)).tocsr()
    _, _, sources = dijkstra(
        graph, directed=False, indices=seeds, min_only=True, return_predecessors=True
    )
    position = np.full(n, -1)
    position[seeds] = np.arange(k)
    return position[sources]


def _neighbour_lists(n: int, adj_i: np.ndarray, adj_j: np.ndarray) -> list[np.ndarray]:
    """Sorted neighbours of every village."""
    rows = np.concatenate([adj_i, adj_j])
    cols = np.concatenate([adj_j, adj_i])
    order = np.lexsort((cols, rows))
    return np.split(cols[order], np.searchsorted(rows[order], np.arange(1, n)))


def _township_codes(kinds: list[str]) -> list[str]:
    """9-digit county + township codes: 街道 001–099, 镇 100–199, 乡 200–299 per county."""
    codes = []
    counters: dict[tuple[int, str], int] = {}
    base = {"街道": 1, "镇": 100, "乡": 200}
    for t, kind in enumerate(kinds):
        county = t // TOWNSHIPS_PER_COUNTY
        number = counters.get((county, kind), 0)
        counters[county, kind] = number + 1
        codes.append(f"{_county_code(county)}{base[kind] + number:03d}")
    return codes


def _county_code(county: int) -> str:
    """Jining district (150902) first, then invented county codes 1509xx, 1510xx, …"""
    if county == 0:
        return "150902"
    prefecture, number = divmod(county - 1, 79)
    return f"15{9 + prefecture:02d}{21 + number:02d}"


# --- names ---------------------------------------------------------------------------------


def _place_stems() -> list[str]:
    stems = [surname + "家" for surname in _PLACE_SURNAMES]
    stems += [a + b for a in _PLACE_PREFIXES for b in _PLACE_FEATURES]
    stems += [a + b for a in _PLACE_COLOURS for b in _PLACE_NATURE]
    stems += list(_MONGOLIAN_STEMS)
    return list(dict.fromkeys(stem for stem in stems if stem[0] != stem[1]))


def _chinese_number(value: int) -> str:
    if value < 10:
        return _CHINESE_DIGITS[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        head = "" if tens == 1 else _CHINESE_DIGITS[tens]
        return head + "十" + ("" if ones == 0 else _CHINESE_DIGITS[ones])
    return "".join(_CHINESE_DIGITS[int(digit)] for digit in str(value))


def _numbered_variant(base: str, number: int) -> str:
    """``王家沟村`` -> ``王家沟二村``; ``王家营子`` -> ``王家营子二村``."""
    stem = base.removesuffix("村")
    return f"{stem}{_chinese_number(number)}村"


def _unique_name(
    base: str, prefix: str, taken: set[str], variant: Callable[[str, int], str]
) -> str:
    name = base
    if name in taken:
        name = prefix + base
    number = 2
    while name in taken:
        name = variant(base, number)
        number += 1
    taken.add(name)
    return name


def _village_names(rng: np.random.Generator, count: int, taken: set[str]) -> list[str]:
    stems = _place_stems()
    stem = rng.integers(len(stems), size=count)
    weights = _VILLAGE_SUFFIX_WEIGHTS / _VILLAGE_SUFFIX_WEIGHTS.sum()
    suffix = rng.choice(len(_VILLAGE_SUFFIXES), size=count, p=weights)
    numbered = rng.random(count) < _NUMBERED_VILLAGE_SHARE
    number = rng.integers(1, 31, size=count)
    prefix = rng.integers(len(_PLACE_PREFIXES), size=count)
    names = []
    for k in range(count):
        if numbered[k]:
            base = f"{_chinese_number(int(number[k]))}号村"
        else:
            base = stems[stem[k]] + _VILLAGE_SUFFIXES[suffix[k]]
        names.append(_unique_name(base, _PLACE_PREFIXES[prefix[k]], taken, _numbered_variant))
    return names


def _community_names(
    rng: np.random.Generator, township_stems: list[str], taken: set[str]
) -> list[str]:
    word = rng.integers(len(_COMMUNITY_WORDS), size=len(township_stems))
    return [
        _unique_name(
            f"{_COMMUNITY_WORDS[w]}社区",
            stem,
            taken,
            lambda base, number: base.removesuffix("社区") + _chinese_number(number) + "社区",
        )
        for w, stem in zip(word, township_stems, strict=True)
    ]


def _township_names(rng: np.random.Generator, station_name: str, kinds: list[str]) -> list[str]:
    stems = _place_stems()
    station_stem = station_name.removesuffix("派出所") or station_name
    taken = {station_stem}
    names = [station_stem + kinds[0]]
    stem = rng.integers(len(stems), size=len(kinds))
    ending = rng.integers(len(_TOWNSHIP_ENDINGS), size=len(kinds))
    prefix = rng.integers(len(_PLACE_PREFIXES), size=len(kinds))
    for t in range(1, len(kinds)):
        base = stems[stem[t]] + _TOWNSHIP_ENDINGS[ending[t]]
        unique = _unique_name(
            base, _PLACE_PREFIXES[prefix[t]], taken, lambda b, k: b + _chinese_number(k)
        )
        names.append(unique + kinds[t])
    return names


def _person_names(rng: np.random.Generator, count: int) -> list[str]:
    rank = np.arange(len(_SURNAMES))
    weights = 1.0 / (rank + 6.0)
    surname = rng.choice(len(_SURNAMES), size=count, p=weights / weights.sum())
    first = rng.integers(len(_GIVEN_CHARS), size=count)
    second = rng.integers(len(_GIVEN_CHARS), size=count)
    double = rng.random(count) < 0.65
    mongolian = rng.random(count) < 0.06
    mongolian_name = rng.integers(len(_MONGOLIAN_NAMES), size=count)
    names = []
    for k in range(count):
        if mongolian[k]:
            names.append(_MONGOLIAN_NAMES[mongolian_name[k]])
            continue
        given = _GIVEN_CHARS[first[k]] + (_GIVEN_CHARS[second[k]] if double[k] else "")
        names.append(_SURNAMES[surname[k]] + given)
    return names


# --- layers ------------------------------------------------------------------------------


def _frame(columns: dict[str, object], geometry: np.ndarray) -> gpd.GeoDataFrame:
    """A WGS 84 GeoDataFrame from columns and either Points' (N, 2) coords or geometries."""
    geometry = np.asarray(geometry)
    if geometry.dtype != object:
        geometry = shapely.points(geometry)
    return gpd.GeoDataFrame(pd.DataFrame(columns), geometry=geometry, crs=WGS84)


def _points_near(
    rng: np.random.Generator,
    tess: _Tessellation,
    villages: np.ndarray,
    low: float,
    high: float,
) -> np.ndarray:
    """Random metric points around the settlement of each village, at ``low``–``high`` times
    its clearance (so strictly inside the village when ``high < 1``)."""
    size = len(villages)
    radius = np.sqrt(rng.uniform(low**2, high**2, size)) * tess.clearance[villages]
    angle = rng.uniform(0.0, 2.0 * np.pi, size)
    offset = np.column_stack([np.cos(angle), np.sin(angle)]) * radius[:, None]
    return tess.centre_xy[villages] + offset


def _weighted_sample(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """``size`` distinct indices drawn with probability proportional to ``weights``."""
    keys = rng.exponential(size=len(weights)) / np.asarray(weights, dtype=float)
    return np.sort(np.argsort(keys, kind="stable")[:size])


def _villages_layer(
    rng: np.random.Generator, tess: _Tessellation, admin: _Administration
) -> gpd.GeoDataFrame:
    n = tess.n
    community = admin.kind == C.KIND_COMMUNITY
    taken: set[str] = set()
    stems = [
        admin.township_names[t].removesuffix("街道").rstrip("镇乡")
        for t in admin.township[community]
    ]
    names = np.empty(n, dtype=object)
    names[community] = _community_names(rng, stems, taken)
    names[~community] = _village_names(rng, int((~community).sum()), taken)
    village_pop = np.exp(rng.normal(np.log(900.0), 0.5, n)).clip(200, 3000)
    community_pop = np.exp(rng.normal(np.log(4000.0), 0.35, n)).clip(2000, 8000)
    population = np.round(np.where(community, community_pop, village_pop)).astype(np.int64)
    households = np.maximum(
        1, np.round(population / 2.5 * np.exp(rng.normal(0.0, 0.08, n)))
    ).astype(np.int64)
    return _frame(
        {
            C.VILLAGE_ID: admin.village_ids,
            C.NAME: names.astype(str),
            C.POPULATION: population,
            C.HOUSEHOLDS: households,
            C.KIND: admin.kind,
            C.TOWNSHIP: np.asarray(admin.township_names, dtype=object)[admin.township].astype(str),
        },
        tess.village_ll,
    )


def _rooms_layer(
    rng: np.random.Generator,
    tess: _Tessellation,
    villages: gpd.GeoDataFrame,
    project: Callable[[np.ndarray], np.ndarray],
) -> gpd.GeoDataFrame:
    population = villages[C.POPULATION].to_numpy()
    chosen = _weighted_sample(rng, population, round(ROOM_SHARE * tess.n))
    lonlat = project(_points_near(rng, tess, chosen, 0.05, 0.35))
    inside = shapely.contains_properly(tess.village_ll[chosen], shapely.points(lonlat))
    lonlat[~inside] = project(tess.centre_xy[chosen[~inside]])
    names = villages[C.NAME].to_numpy()[chosen]
    return _frame(
        {
            C.VILLAGE_ID: villages[C.VILLAGE_ID].to_numpy()[chosen],
            C.NAME: [f"{name}警务室" for name in names],
        },
        lonlat,
    )


def _officers_layer(
    rng: np.random.Generator,
    tess: _Tessellation,
    admin: _Administration,
    village_ids: np.ndarray,
    n_police: int,
    n_aux: int,
    project: Callable[[np.ndarray], np.ndarray],
) -> gpd.GeoDataFrame:
    n = tess.n
    # sworn officers: half live in the station's township seat, a few outside the jurisdiction
    seat_area = np.flatnonzero((admin.township == 0) & (admin.kind == C.KIND_COMMUNITY))
    draw = rng.random(n_police)
    police_home = np.where(
        draw < 0.5, rng.choice(seat_area, size=n_police), rng.integers(n, size=n_police)
    )
    police_home[draw >= 0.9] = -1
    # auxiliaries: mostly one per village, some sharing a home village, a few without one
    n_distinct = min(n, round(0.85 * n_aux))
    n_none = round(0.04 * n_aux)
    n_shared = n_aux - n_distinct - n_none
    distinct = rng.permutation(n)[:n_distinct]
    shared = rng.choice(distinct, size=n_shared) if n_shared > 0 and n_distinct > 0 else []
    aux_home = rng.permutation(
        np.concatenate([distinct, shared, np.full(n_aux - n_distinct - len(shared), -1)])
    ).astype(np.int64)
    home = np.concatenate([police_home, aux_home])
    total = n_police + n_aux
    role = np.array([C.POLICE] * n_police + [C.AUXILIARY] * n_aux, dtype=object)
    width_p, width_a = max(3, len(str(n_police))), max(3, len(str(n_aux)))
    ids = [f"P{k + 1:0{width_p}d}" for k in range(n_police)]
    ids += [f"A{k + 1:0{width_a}d}" for k in range(n_aux)]
    phones = np.concatenate(
        [_phone_numbers(rng, 13800000000, n_police), _phone_numbers(rng, 13900000000, n_aux)]
    )
    available = rng.random(total) >= 0.05
    leave = rng.choice(6, size=total, p=[0.35, 0.2, 0.15, 0.12, 0.1, 0.08])
    familiar = _familiar_villages(rng, home, tess, village_ids)
    geometry = np.full(total, None, dtype=object)
    has_home = home >= 0
    lonlat = project(_points_near(rng, tess, home[has_home], 0.1, 0.7))
    geometry[has_home] = shapely.points(lonlat)
    return gpd.GeoDataFrame(
        {
            C.OFFICER_ID: ids,
            C.NAME: _person_names(rng, total),
            C.ROLE: role.astype(str),
            C.HOME_VILLAGE: np.where(has_home, village_ids[np.maximum(home, 0)], ""),
            C.FAMILIAR_VILLAGES: familiar,
            C.PHONE: phones.astype(str),
            C.AVAILABLE: available,
            C.REWARD_LEAVE_DAYS: leave.astype(np.int64),
        },
        geometry=gpd.GeoSeries(geometry, crs=WGS84),
        crs=WGS84,
    )


def _phone_numbers(rng: np.random.Generator, base: int, count: int) -> np.ndarray:
    """``count`` distinct, obviously fake mobile numbers ``base + k`` (e.g. 1380000xxxx)."""
    span = max(10_000, 4 * count)
    return base + rng.choice(span, size=count, replace=False).astype(np.int64)


def _familiar_villages(
    rng: np.random.Generator, home: np.ndarray, tess: _Tessellation, village_ids: np.ndarray
) -> list[list[str]]:
    """0–3 random neighbours of each home village (none without a home village)."""
    if len(home) == 0:
        return []
    rows = np.concatenate([tess.adj_i, tess.adj_j])
    cols = np.concatenate([tess.adj_j, tess.adj_i])
    order = np.lexsort((cols, rows))
    rows, cols = rows[order], cols[order]
    indptr = np.searchsorted(rows, np.arange(tess.n + 1))
    wanted = rng.integers(0, 4, size=len(home))
    degree = np.where(home >= 0, np.diff(indptr)[np.maximum(home, 0)], 0)
    owner = np.repeat(np.arange(len(home)), degree)
    offset = np.arange(len(owner)) - np.repeat(np.cumsum(degree) - degree, degree)
    entry = indptr[home[owner]] + offset
    keys = rng.random(len(owner))
    shuffled = np.lexsort((keys, owner))
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(degree) - degree, degree)
    pick = shuffled[rank < wanted[owner[shuffled]]]
    picked_owner, picked = owner[pick], village_ids[cols[entry[pick]]]
    order = np.lexsort((picked, picked_owner))
    picked_owner, picked = picked_owner[order], picked[order]
    bounds = np.searchsorted(picked_owner, np.arange(1, len(home)))
    return [part.tolist() for part in np.split(picked, bounds)]


# road classes, from the most to the least important
_TRUNK, _PRIMARY, _SECONDARY, _TERTIARY, _UNCLASSIFIED, _RESIDENTIAL = range(6)
_NONE = 99
_HIGHWAY = ("trunk", "primary", "secondary", "tertiary", "unclassified", "residential")


def _roads_layer(
    rng: np.random.Generator,
    tess: _Tessellation,
    admin: _Administration,
    project: Callable[[np.ndarray], np.ndarray],
    village_names: np.ndarray,
) -> tuple[gpd.GeoDataFrame, np.ndarray, np.ndarray]:
    """Roads as noded LineStrings, plus their metric geometries and class codes."""
    n = tess.n
    centre, border = tess.centre_xy, tess.adj_border_xy
    adj_i, adj_j = tess.adj_i, tess.adj_j
    length = np.hypot(*(centre[adj_i] - border).T) + np.hypot(*(border - centre[adj_j]).T)
    graph = coo_matrix((length, (adj_i, adj_j)), shape=(n, n)).tocsr()
    pair_key = adj_i.astype(np.int64) * n + adj_j
    pair_order = np.argsort(pair_key)

    def pairs_of(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        key = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
        return pair_order[np.searchsorted(pair_key[pair_order], key)]

    road_class = np.full(len(adj_i), _NONE)
    spanning = minimum_spanning_tree(graph).tocoo()
    road_class[pairs_of(spanning.row, spanning.col)] = _TERTIARY
    spare = np.flatnonzero(road_class == _NONE)
    score = length[spare] * np.exp(rng.normal(0.0, 0.3, len(spare)))
    extra = spare[np.argsort(score, kind="stable")[: round(0.25 * (n - 1))]]
    road_class[extra] = _UNCLASSIFIED

    seat = admin.station_seat
    _, predecessors = dijkstra(graph, directed=False, indices=seat, return_predecessors=True)
    ends = {
        _TRUNK: (int(np.argmax(centre[:, 1])), int(np.argmin(centre[:, 1]))),
        _PRIMARY: (int(np.argmin(centre[:, 0])), int(np.argmax(centre[:, 0]))),
    }
    for code in (_PRIMARY, _TRUNK):
        for end in ends[code]:
            a, b = _path_pairs(predecessors, end)
            if len(a):
                chosen = pairs_of(a, b)
                road_class[chosen] = np.minimum(road_class[chosen], code)
    corridor = np.full(len(adj_i), -1)
    routes = _seat_corridors(graph, admin.seats, adj_i, adj_j, length)
    if routes:
        number = np.repeat(np.arange(len(routes)), [len(a) for a, _ in routes])
        chosen = pairs_of(
            np.concatenate([a for a, _ in routes]), np.concatenate([b for _, b in routes])
        )
        first = np.unique(chosen, return_index=True)[1]  # the first corridor names a road
        corridor[chosen[first]] = number[first]
        road_class[chosen] = np.minimum(road_class[chosen], _SECONDARY)

    # inter-village roads: settlement -> point on the shared border -> settlement
    built = np.flatnonzero(road_class != _NONE)
    lines: list[np.ndarray] = [
        np.stack([centre[adj_i[built]], border[built], centre[adj_j[built]]], axis=1)
    ]
    classes = [road_class[built]]
    x_base = int(rng.integers(300, 700))
    names: list[np.ndarray] = [_road_names(road_class[built], corridor[built], x_base)]
    oneway: list[np.ndarray] = [np.zeros(len(built), dtype=bool)]
    tertiary = road_class[built] == _TERTIARY
    names[0][tertiary] = [
        f"{village_names[a]}至{village_names[b]}公路"
        for a, b in zip(adj_i[built][tertiary], adj_j[built][tertiary], strict=True)
    ]

    # the national road runs on to the jurisdiction border at both ends
    outline = shapely.get_exterior_ring(tess.jurisdiction_xy)
    for end in ends[_TRUNK]:
        start = shapely.Point(centre[end])
        exit_point = shapely.line_interpolate_point(
            outline, shapely.line_locate_point(outline, start)
        )
        target = np.asarray(exit_point.coords[0])
        stub = np.stack([centre[end], centre[end] + 0.995 * (target - centre[end])])[None]
        if np.hypot(*(stub[0, 1] - stub[0, 0])) > 1.0:
            lines.append(
                np.concatenate(
                    [stub[:, :1], (stub[:, :1] + stub[:, 1:]) / 2.0, stub[:, 1:]], axis=1
                )
            )
            classes.append(np.array([_TRUNK]))
            names.append(np.array([TRUNK_NAME], dtype=object))
            oneway.append(np.array([False]))

    # village streets: 2–3 spokes per village, 4–5 in communities, plus a one-way ring road
    community = admin.kind == C.KIND_COMMUNITY
    spokes = np.where(community, rng.integers(4, 6, n), rng.integers(2, 4, n))
    owner = np.repeat(np.arange(n), spokes)
    index = np.arange(len(owner)) - np.repeat(np.cumsum(spokes) - spokes, spokes)
    turn = rng.uniform(0.0, 2.0 * np.pi, n)[owner]
    angle = turn + 2.0 * np.pi * index / spokes[owner] + rng.normal(0.0, 0.25, len(owner))
    reach = tess.clearance[owner] * rng.uniform(0.35, 0.8, len(owner))
    bend = angle + rng.normal(0.0, 0.12, len(owner))
    origin = centre[owner]
    middle = origin + 0.5 * reach[:, None] * np.column_stack([np.cos(bend), np.sin(bend)])
    tip = origin + reach[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    lines.append(np.stack([origin, middle, tip], axis=1))
    street = community[owner] | (index == 0) | (rng.random(len(owner)) < 0.5)
    classes.append(np.where(street, _RESIDENTIAL, _UNCLASSIFIED))
    street_name = np.asarray(_STREET_NAMES, dtype=object)[
        rng.integers(len(_STREET_NAMES), size=len(owner))
    ]
    names.append(np.where(community[owner], street_name, ""))
    oneway.append(np.zeros(len(owner), dtype=bool))
    towns = np.flatnonzero(community)
    if len(towns):
        radius = 0.3 * tess.clearance[towns]
        phase = rng.uniform(0.0, np.pi / 2.0, len(towns))
        corner_angle = phase[:, None] + np.arange(5)[None, :] * np.pi / 2.0
        corners = centre[towns][:, None, :] + radius[:, None, None] * np.stack(
            [np.cos(corner_angle), np.sin(corner_angle)], axis=2
        )
        ring = np.stack(
            [corners[:, :-1], (corners[:, :-1] + corners[:, 1:]) / 2.0, corners[:, 1:]], axis=2
        ).reshape(-1, 3, 2)
        link = np.stack(
            [centre[towns], (centre[towns] + corners[:, 0]) / 2.0, corners[:, 0]], axis=1
        )
        lines += [ring, link]
        classes += [np.full(len(ring), _RESIDENTIAL), np.full(len(link), _RESIDENTIAL)]
        names += [np.full(len(ring), "环城路", dtype=object), np.full(len(link), "", dtype=object)]
        oneway += [np.ones(len(ring), dtype=bool), np.zeros(len(link), dtype=bool)]

    coords = np.concatenate(lines)
    line_class = np.concatenate(classes)
    lonlat = project(coords.reshape(-1, 2))
    geometries, kept = _clean_lines(lonlat, np.repeat(np.arange(len(coords)), coords.shape[1]))
    geometries, source = _node_lines(geometries)
    kept_source = kept[source]
    order = np.argsort(line_class[kept_source], kind="stable")
    kept_source = kept_source[order]
    class_code = line_class[kept_source]
    geometries_ll = geometries[order]
    frame = _frame(
        {
            C.NAME: np.concatenate(names)[kept_source].astype(str),
            C.ROAD_CLASS: np.asarray(_HIGHWAY)[class_code],
            C.SPEED_KMH: np.array(
                [C.ROAD_CLASS_SPEEDS_KMH[_HIGHWAY[c]] for c in range(len(_HIGHWAY))]
            )[class_code],
            C.ONEWAY: np.concatenate(oneway)[kept_source],
        },
        geometries_ll,
    )
    return frame, shapely.linestrings(coords), line_class


def _road_names(road_class: np.ndarray, corridor: np.ndarray, x_base: int) -> np.ndarray:
    names = np.full(len(road_class), "", dtype=object)
    names[road_class == _TRUNK] = TRUNK_NAME
    names[road_class == _PRIMARY] = PRIMARY_NAME
    secondary = road_class == _SECONDARY
    names[secondary] = [f"X{(x_base + c) % 1000:03d}县道" for c in corridor[secondary]]
    return names


def _path_pairs(predecessors: np.ndarray, end: int) -> tuple[np.ndarray, np.ndarray]:
    """Consecutive node pairs on the shortest-path tree from its root to ``end``."""
    path = [end]
    while predecessors[path[-1]] >= 0:
        path.append(int(predecessors[path[-1]]))
    nodes = np.asarray(path)
    return nodes[:-1], nodes[1:]


def _seat_corridors(
    graph: object,
    seats: np.ndarray,
    adj_i: np.ndarray,
    adj_j: np.ndarray,
    length: np.ndarray,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shortest routes linking neighbouring township seats along a spanning tree of seats."""
    k = len(seats)
    if k < 2:
        return []
    dist, predecessors, sources = dijkstra(
        graph, directed=False, indices=seats, min_only=True, return_predecessors=True
    )
    position = np.full(len(dist), -1)
    position[seats] = np.arange(k)
    a, b = position[sources[adj_i]], position[sources[adj_j]]
    crossing = np.flatnonzero((a != b) & (a >= 0) & (b >= 0))
    if len(crossing) == 0:
        return []
    cost = dist[adj_i[crossing]] + length[crossing] + dist[adj_j[crossing]]
    low, high = np.minimum(a, b)[crossing], np.maximum(a, b)[crossing]
    order = np.lexsort((cost, high, low))
    key = low[order] * k + high[order]
    first = order[np.r_[True, key[1:] != key[:-1]]]
    tree = minimum_spanning_tree(
        coo_matrix((cost[first], (low[first], high[first])), shape=(k, k)).tocsr()
    ).tocoo()
    best = {
        (int(x), int(y)): int(crossing[e])
        for x, y, e in zip(low[first], high[first], first, strict=True)
    }
    routes = []
    for x, y in sorted(
        zip(np.minimum(tree.row, tree.col), np.maximum(tree.row, tree.col), strict=True)
    ):
        pair = best[int(x), int(y)]
        left_a, left_b = _path_pairs(predecessors, int(adj_i[pair]))
        right_a, right_b = _path_pairs(predecessors, int(adj_j[pair]))
        routes.append(
            (
                np.concatenate([left_a, [adj_i[pair]], right_a]),
                np.concatenate([left_b, [adj_j[pair]], right_b]),
            )
        )
    return routes


def _node_lines(lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Split lon/lat lines where they cross, so that every junction is a shared endpoint.

    Crossing points are rounded to :data:`COORD_DECIMALS` and inserted into both lines, so the
    pieces meet at identical vertices. Returns the pieces and, for each, the index of the line
    it came from.
    """
    source = np.arange(len(lines))
    check = None
    for _ in range(4):  # rounding a crossing point rarely creates another crossing
        owner, at, points = _crossings(lines, check)
        if len(owner) == 0:
            break
        order = np.lexsort((at, owner))
        owner, at, points = owner[order], at[order], points[order]
        cut, bounds = np.unique(owner, return_index=True)
        pieces: list[np.ndarray] = []
        piece_source: list[int] = []
        groups = zip(cut, np.split(at, bounds[1:]), np.split(points, bounds[1:]), strict=True)
        for line_index, where, point in groups:
            split = _split_line(shapely.get_coordinates(lines[line_index]), point, where)
            pieces += split
            piece_source += [int(source[line_index])] * len(split)
        index = np.repeat(np.arange(len(pieces)), [len(piece) for piece in pieces])
        cleaned, kept = _clean_lines(np.concatenate(pieces), index)
        untouched = np.ones(len(lines), dtype=bool)
        untouched[cut] = False
        lines = np.concatenate([lines[untouched], cleaned])
        source = np.concatenate([source[untouched], np.asarray(piece_source)[kept]])
        check = np.arange(untouched.sum(), len(lines))
    return lines, source


def _crossings(
    lines: np.ndarray, check: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Proper crossings between segments of different lines (touching ends do not count).

    Only crossings involving the lines in ``check`` (all when None) are found. Returns, twice
    per crossing (once for each line): the line, the distance along it, and the rounded point.
    """
    coords, index = shapely.get_coordinates(lines, return_index=True)
    same = index[1:] == index[:-1]
    start, end, line = coords[:-1][same], coords[1:][same], index[:-1][same]
    # distance from the start of its line to the start of each segment
    along = np.r_[0.0, np.cumsum(np.hypot(*(coords[1:] - coords[:-1]).T) * same)]
    offset = (along[:-1] - along[np.searchsorted(index, index)][:-1])[same]
    segments = shapely.linestrings(np.stack([start, end], axis=1))
    tree = shapely.STRtree(segments)
    if check is None:
        a, b = tree.query(segments)
    else:
        chosen = np.flatnonzero(np.isin(line, check))
        a, b = tree.query(segments[chosen])
        a = chosen[a]
    keep = line[a] != line[b]
    if check is None:
        keep &= line[a] < line[b]
    a, b = a[keep], b[keep]
    r, s = end[a] - start[a], end[b] - start[b]
    qp = start[b] - start[a]
    denom = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom
        u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / denom
    eps = 1e-9
    proper = (denom != 0) & (t > eps) & (t < 1 - eps) & (u > eps) & (u < 1 - eps)
    a, b, t, u = a[proper], b[proper], t[proper], u[proper]
    if check is not None:  # a crossing between two checked lines is found twice
        unique = ~np.isin(line[b], check) | (line[a] < line[b])
        a, b, t, u = a[unique], b[unique], t[unique], u[unique]
    points = np.round(start[a] + t[:, None] * (end[a] - start[a]), COORD_DECIMALS)
    length_a = np.hypot(*(end[a] - start[a]).T)
    length_b = np.hypot(*(end[b] - start[b]).T)
    return (
        np.concatenate([line[a], line[b]]),
        np.concatenate([offset[a] + t * length_a, offset[b] + u * length_b]),
        np.concatenate([points, points]),
    )


def _split_line(coords: np.ndarray, points: np.ndarray, at: np.ndarray) -> list[np.ndarray]:
    """Cut a line's coordinates at ``points``, which lie ``at`` (line units) from its start."""
    cumulative = np.r_[0.0, np.cumsum(np.hypot(*np.diff(coords, axis=0).T))]
    pieces: list[np.ndarray] = []
    current = [coords[0]]
    vertex = 1
    for k in np.argsort(at, kind="stable"):
        while vertex < len(coords) and cumulative[vertex] < at[k]:
            current.append(coords[vertex])
            vertex += 1
        current.append(points[k])
        pieces.append(np.asarray(current))
        current = [points[k]]
    current.extend(coords[vertex:])
    pieces.append(np.asarray(current))
    return pieces


def _clean_lines(coords: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """LineStrings from coordinates grouped by a sorted ``index``, without repeated points.

    Returns the lines and the group number of each; groups left with fewer than two distinct
    points are dropped.
    """
    repeated = np.r_[False, (coords[1:] == coords[:-1]).all(axis=1) & (index[1:] == index[:-1])]
    coords, index = coords[~repeated], index[~repeated]
    counts = np.bincount(index)
    kept = np.flatnonzero(counts >= 2)
    usable = counts[index] >= 2
    lines = shapely.linestrings(coords[usable], indices=np.searchsorted(kept, index[usable]))
    return np.asarray(lines, dtype=object), kept


def _incidents_layer(
    rng: np.random.Generator,
    tess: _Tessellation,
    admin: _Administration,
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
    # villages, weighted by population; Rayleigh-distributed distance from the settlement
    village = rng.choice(tess.n, size=n_village, p=population / population.sum())
    radius = np.minimum(rng.rayleigh(0.3, n_village), 0.92) * tess.clearance[village]
    angle = rng.uniform(0.0, 2.0 * np.pi, n_village)
    near_village = tess.centre_xy[village] + radius[:, None] * np.column_stack(
        [np.cos(angle), np.sin(angle)]
    )
    # markets at township seats; the station's seat has half of them
    seats = admin.seats
    weight = population[seats].astype(float)
    weight = np.r_[0.5, 0.5 * weight[1:] / weight[1:].sum()] if len(seats) > 1 else np.ones(1)
    market_angle = rng.uniform(0.0, 2.0 * np.pi, len(seats))
    market = tess.centre_xy[seats] + 0.25 * tess.clearance[seats][:, None] * np.column_stack(
        [np.cos(market_angle), np.sin(market_angle)]
    )
    which = rng.choice(len(seats), size=n_market, p=weight / weight.sum())
    spread = np.minimum(120.0, 0.15 * tess.clearance[seats][which])
    radius = np.minimum(rng.rayleigh(1.0, n_market) * spread, 0.6 * tess.clearance[seats][which])
    angle = rng.uniform(0.0, 2.0 * np.pi, n_market)
    at_market = market[which] + radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    # along the national road and the county roads
    on_trunk = _points_on_lines(rng, lines_xy[road_class == _TRUNK], n_trunk)
    on_roads = _points_on_lines(
        rng, lines_xy[(road_class >= _PRIMARY) & (road_class <= _TERTIARY)], n_road
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
    return _frame(
        {
            INCIDENT_ID: [f"JQ{year}{k + 1:0{width}d}" for k in range(len(stamps))],
            C.TIME: np.datetime_as_string(stamps[order], unit="s"),
            C.CATEGORY: np.asarray(CATEGORIES)[category[order]],
        },
        lonlat[order],
    )


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


def _officers_table(officers: gpd.GeoDataFrame) -> pd.DataFrame:
    """The officers as a plain table with ``lon``/``lat`` columns (empty without a point)."""
    geometry = np.asarray(officers.geometry.array, dtype=object)
    table = pd.DataFrame(officers.drop(columns=officers.geometry.name))
    table[LON] = shapely.get_x(geometry)
    table[LAT] = shapely.get_y(geometry)
    return table
