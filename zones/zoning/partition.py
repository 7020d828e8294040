"""The zoning engine on arrays: a METIS start, then local search for balance and compactness.

Everything here works on integer positions, a :class:`~zones.zoning.graph.UnitGraph` and numpy
arrays (the public wrapper, :func:`zones.plan_zones`, converts GeoDataFrames once). This module
gathers the engine's pieces under one name; each lives in its own module:

1. **Start** (:mod:`zones.zoning.seeding`, :mod:`zones.zoning.starts`): METIS (``pymetis``,
   contiguous k-way, vertex weights = workload, edge weights = shared border length, so a small
   cut means short zone borders), per nesting group; or the previous plan; then locked units
   are pinned and every zone is made one piece again (:mod:`zones.zoning.contiguity`).
2. **Balance** (:mod:`zones.zoning.balance`, :mod:`zones.zoning.moves`): move boundary units
   from heavier to lighter neighbouring zones while the potential Φ = Σ ((L_z − T_z) / T_z)²
   strictly falls, worst zone first, preferring moves that shorten zone borders. Donor zones
   must stay connected. When single moves stall, swaps of two units across a border move
   smaller net amounts, and ejection chains pass load along a path of zones.
3. **Compactness** (:mod:`zones.zoning.compaction`): move boundary units to the neighbouring
   zone that raises the zones' summed Polsby–Popper, keeping every zone within tolerance.

Every move keeps each zone connected (only the donor can split; it is checked by a local test,
then a breadth-first search bounded by the zone), on the state of :mod:`zones.zoning.state`.
Deterministic for a seed.
"""

from __future__ import annotations

from zones.zoning.balance import balance, kick_and_balance
from zones.zoning.compaction import compact, polish
from zones.zoning.contiguity import fill_empty_zones, repair_contiguity, zone_pieces
from zones.zoning.measures import is_contiguous, polsby_popper, zone_shapes
from zones.zoning.state import Move, Progress, ZoneState, copy_state, phi, total_pp

__all__ = [
    "Move",
    "Progress",
    "ZoneState",
    "balance",
    "compact",
    "copy_state",
    "fill_empty_zones",
    "is_contiguous",
    "kick_and_balance",
    "phi",
    "polish",
    "polsby_popper",
    "repair_contiguity",
    "total_pp",
    "zone_pieces",
    "zone_shapes",
]
