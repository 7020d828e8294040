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

Run ``python -m zones.synth --villages 10000 --seed 1 --out /tmp/s10k`` to write a scenario.
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
SUBPOINTS_PER_VILLAGE = 10  # resolution of the irregular village borders
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
    roads, road_lines_xy, road_classes = _roads_layer(rng, tess, admin, project)
    n_inc = n_incidents if n_incidents is not None else max(MIN_INCIDENTS,
                                                           INCIDENTS_PER_VILLAGE * n_villages)
    incidents = _incidents_layer(
        rng, tess, admin, villages[C.POPULATION].to_numpy(), road_lines_xy, road_classes,
        n_inc, year, project,
    )
    officers = _officers_layer(
        rng, tess, admin, village_ids,
        n_police if n_police is not None else max(8, round(n_villages / 4)),
        max(0, n_villages - aux_shortfall), project,
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
        prog="python -m zones.synth", description="Write a seeded synthetic scenario."
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
    sub_spacing = spacing / np.sqrt(SUBPOINTS_PER_VILLAGE)
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

    seed_sub = cKDTree(sub).query(seeds)[1]
    if len(np.unique(seed_sub)) < n:
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
        np.where(left[outer] >= 0, 0, -1), np.where(right[outer] >= 0, 0, -1),
        start_id[outer], end_id[outer], mid_id[outer], 1, table_xy, table_ll,
    )  # fmt: skip
    if traced is None or whole is None:
        return None
    village_xy, village_ll = traced
    jurisdiction_xy, jurisdiction_ll = whole[0][0], whole[1][0]
    if len(shapely.get_interiors(jurisdiction_ll, 0).shape) and shapely.get_num_interior_rings(
        jurisdiction_ll
    ):
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


def _circumcentres(points: np.ndarray, simplices: np.ndarray) -> np.ndarray:
    """Circumcentres of triangles (the Voronoi vertices of a Delaunay triangulation)."""
    a, b, c = points[simplices[:, 0]], points[simplices[:, 1]], points[simplices[:, 2]]
    # relative to a, for precision
    b, c = b - a, c - a
    d = 2.0 * (b[:, 0] * c[:, 1] - b[:, 1] * c[:, 0])
    b2, c2 = (b**2).sum(axis=1), (c**2).sum(axis=1)
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
    _, part = connected_components(
        coo_matrix((np.ones(both.sum()), (p[both], q[both])), shape=(n_sub, n_sub)),
        directed=False,
    )
    seeded = np.zeros(part.max() + 1, dtype=bool)
    seeded[part[seeds]] = True
    inside &= seeded[part]
    neither = ~inside[p] & ~inside[q]
    _, part = connected_components(
        coo_matrix((np.ones(neither.sum()), (p[neither], q[neither])), shape=(n_sub, n_sub)),
        directed=False,
    )
    exterior = np.zeros(part.max() + 1, dtype=bool)
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
    if (follow >= n_edges).any() or (key_sorted[np.minimum(follow, n_edges - 1)] !=
                                     label * width + dst).any():
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
            polygons[owner] = shapely.Polygon(
                current.exterior, [*current.interiors, rings[hole]]
            )
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
