"""Townships, their seats, communities and the 12-digit village codes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from zones import columns as C
from zones.synth.names import TOWNSHIP_KIND_WEIGHTS, TOWNSHIP_KINDS, township_names
from zones.synth.tessellation import Tessellation

TOWNSHIPS_PER_COUNTY = 15


@dataclass(frozen=True)
class Administration:
    """Administrative structure, in the final village order (see :meth:`Tessellation.permuted`)."""

    order: np.ndarray  # final position k holds the village built as order[k]
    township: np.ndarray  # township index per village
    township_names: list[str]
    seats: np.ndarray  # seat village per township
    kind: np.ndarray  # "village" / "community" per village
    village_ids: np.ndarray  # 12-digit codes

    @property
    def station_seat(self) -> int:
        return int(self.seats[0])


def administration(
    rng: np.random.Generator, tess: Tessellation, k: int, station_name: str
) -> Administration:
    """Group villages into ``k`` contiguous townships; choose seats, communities and ids."""
    n = tess.n
    centres = tess.centre_xy
    township_of, seats = _townships(rng, tess, k)
    community = _communities(rng, tess, township_of, seats)
    kinds = ["镇"] + [
        TOWNSHIP_KINDS[i]
        for i in rng.choice(len(TOWNSHIP_KINDS), size=k - 1, p=TOWNSHIP_KIND_WEIGHTS)
    ]
    names = township_names(rng, station_name, kinds)

    # order: by township; communities first; then by distance from the seat
    from_seat = np.hypot(*(centres - centres[seats[township_of]]).T)
    order = np.lexsort((from_seat, ~community, township_of))
    township_sorted = township_of[order]
    community_sorted = community[order]
    village_ids = _village_ids(township_sorted, community_sorted, kinds)
    inverse = np.empty(n, dtype=np.int64)
    inverse[order] = np.arange(n)
    return Administration(
        order=order,
        township=township_sorted,
        township_names=names,
        seats=inverse[seats],
        kind=np.where(community_sorted, C.KIND_COMMUNITY, C.KIND_VILLAGE),
        village_ids=village_ids,
    )


def _townships(
    rng: np.random.Generator, tess: Tessellation, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Township of each village and the seat village of each township.

    Township 0 holds the village nearest the middle of the jurisdiction (the station's); the
    others follow by the distance of their seat from the station's seat.
    """
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
    return township[region], seat_of_region[region_order]


def _communities(
    rng: np.random.Generator, tess: Tessellation, township_of: np.ndarray, seats: np.ndarray
) -> np.ndarray:
    """Communities (社区): the station's seat and 1–2 neighbours; other seats sometimes."""
    n, k = tess.n, len(seats)
    centres = tess.centre_xy
    community = np.zeros(n, dtype=bool)
    community[seats[0]] = True
    same = township_of == 0
    near_seat = np.argsort(np.hypot(*(centres - centres[seats[0]]).T), kind="stable")
    near_seat = near_seat[same[near_seat]][1:]
    neighbours = _neighbour_lists(n, tess.adj_i, tess.adj_j)
    adjacent = near_seat[np.isin(near_seat, neighbours[seats[0]])]
    community[adjacent[: int(rng.integers(1, 3))]] = True
    community[seats[1:][rng.random(k - 1) < 0.6]] = True
    return community


def _village_ids(
    township_sorted: np.ndarray, community_sorted: np.ndarray, kinds: list[str]
) -> np.ndarray:
    """12-digit codes: township code, then 001–199 for communities and 200–999 for villages."""
    n, k = len(township_sorted), len(kinds)
    starts = np.searchsorted(township_sorted, np.arange(k))
    rank = np.arange(n) - starts[township_sorted]
    n_communities = np.bincount(township_sorted, community_sorted, minlength=k).astype(int)
    village_rank = rank - n_communities[township_sorted]
    if (village_rank >= 800).any() or (n_communities >= 200).any():
        msg = "too many villages per township for 3-digit village codes; use more townships"
        raise ValueError(msg)
    local = np.where(community_sorted, rank + 1, village_rank + 200)
    township_codes = _township_codes(kinds)
    return np.array(
        [f"{township_codes[t]}{c:03d}" for t, c in zip(township_sorted, local, strict=True)]
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
