"""The villages layer: the village cells with names, populations, households and townships."""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from zones import columns as C
from zones.synth.lonlat import wgs84_frame
from zones.synth.names import community_names, village_names
from zones.synth.tessellation import Tessellation
from zones.synth.townships import Administration


def villages_layer(
    rng: np.random.Generator, tess: Tessellation, admin: Administration
) -> gpd.GeoDataFrame:
    """Villages and communities: unique names, log-normal populations and households."""
    n = tess.n
    community = admin.kind == C.KIND_COMMUNITY
    taken: set[str] = set()
    stems = [
        admin.township_names[t].removesuffix("街道").rstrip("镇乡")
        for t in admin.township[community]
    ]
    names = np.empty(n, dtype=object)
    names[community] = community_names(rng, stems, taken)
    names[~community] = village_names(rng, int((~community).sum()), taken)
    village_pop = np.exp(rng.normal(np.log(900.0), 0.5, n)).clip(200, 3000)
    community_pop = np.exp(rng.normal(np.log(4000.0), 0.35, n)).clip(2000, 8000)
    population = np.round(np.where(community, community_pop, village_pop)).astype(np.int64)
    households = np.maximum(
        1, np.round(population / 2.5 * np.exp(rng.normal(0.0, 0.08, n)))
    ).astype(np.int64)
    return wgs84_frame(
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
