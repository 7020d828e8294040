"""A zone's patrol stops: its base, its off-peak hotspots and the village police rooms nearby."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from zones.patrol.coverage import cover_matrix, greedy_cover
from zones.patrol.settings import MIN_HOTSPOT_INCIDENTS


@dataclass
class Stops:
    """Candidate stops in order (0 = the base), and the rooms too far to offer the router."""

    xy: list[np.ndarray]
    kind: list[str]  # base / hotspot / room
    ref: list[str]  # village id of a room, "station", or ""
    incidents: list[int]
    far_rooms: list[tuple[np.ndarray, str]] = field(default_factory=list)

    @classmethod
    def at_base(cls, xy: np.ndarray, ref: str) -> Stops:
        """Only the base."""
        return cls([xy], ["base"], [ref], [0])

    def add(self, xy: np.ndarray, kind: str, ref: str, incidents: int) -> None:
        """One more stop."""
        self.xy.append(xy)
        self.kind.append(kind)
        self.ref.append(ref)
        self.incidents.append(incidents)

    def add_hotspots(
        self, cand_xy: np.ndarray, offpeak_xy: np.ndarray, radius_m: float, picks: int
    ) -> None:
        """Up to ``picks`` hotspots among ``cand_xy`` covering the most off-peak incidents
        within ``radius_m`` (greedy maximum coverage), each at least
        ``MIN_HOTSPOT_INCIDENTS``."""
        cover = cover_matrix(cand_xy, offpeak_xy, radius_m)
        picked, covered = greedy_cover(cover, picks=picks, min_covered=MIN_HOTSPOT_INCIDENTS)
        for cand, new in zip(picked, covered, strict=True):
            self.add(cand_xy[cand], "hotspot", "", len(new))

    def add_rooms(
        self, room_xy: np.ndarray, room_ids: np.ndarray, mine: np.ndarray, limit: int
    ) -> None:
        """The zone's rooms ``mine`` (other than the base) as pass-by stops: the ``limit``
        nearest to the base and hotspots; the others are listed as too far to try."""
        if not len(mine):
            return
        stops = np.asarray(self.xy, dtype=float)
        gap = np.hypot(*(room_xy[mine][:, None, :] - stops[None, :, :]).transpose(2, 0, 1))
        order = mine[np.lexsort((room_ids[mine], gap.min(axis=1)))]
        for r in order[:limit]:
            self.add(room_xy[r], "room", room_ids[r], 0)
        self.far_rooms = [(room_xy[r], str(room_ids[r])) for r in order[limit:]]


def find_base(
    poly: shapely.Geometry,
    station_xy: np.ndarray | None,
    room_xy: np.ndarray,
    room_ids: np.ndarray,
    mine: np.ndarray,
    inc_xy: np.ndarray,
) -> tuple[np.ndarray, str, int]:
    """The station when it lies in the zone, else the room nearest the zone's incidents: its
    point, its reference and its room number (-1 for the station)."""
    if station_xy is not None and shapely.contains_xy(poly, *station_xy):
        return np.asarray(station_xy, dtype=float), "station", -1
    centre = (
        inc_xy.mean(axis=0)
        if len(inc_xy)
        else shapely.get_coordinates(shapely.point_on_surface(poly))[0]
    )
    if len(mine):
        best = mine[int(np.argmin(np.hypot(*(room_xy[mine] - centre).T)))]
        return room_xy[best], str(room_ids[best]), int(best)
    return shapely.get_coordinates(shapely.point_on_surface(poly))[0], "", -1


def stop_rows(
    zone_id: str,
    stops: Stops,
    order: tuple[int, ...],
    dwell: np.ndarray,
    cut_off: np.ndarray,
) -> list[dict]:
    """Every stop as a row of the stops layer: visited in ``order``, or dropped and why
    (``cut_off``: no road leads there; else no room in the budget), then the far rooms."""
    position = {stop: i for i, stop in enumerate(order)}
    rows = []
    for s, xy in enumerate(stops.xy):
        visited = s in position
        no_road = bool(cut_off[s])
        rows.append(
            {
                "zone_id": zone_id,
                "kind": stops.kind[s],
                "ref": stops.ref[s],
                "incidents": int(stops.incidents[s]),
                "dwell_minutes": float(dwell[s]),
                "order": position.get(s, -1),
                "status": "visited" if visited else "dropped",
                "reason": "" if visited else ("no_road" if no_road else "budget"),
                "geometry": shapely.Point(xy),
            }
        )
    for xy, ref in stops.far_rooms:
        rows.append(
            {
                "zone_id": zone_id,
                "kind": "room",
                "ref": ref,
                "incidents": 0,
                "dwell_minutes": 0.0,
                "order": -1,
                "status": "dropped",
                "reason": "far",
                "geometry": shapely.Point(xy),
            }
        )
    return rows
