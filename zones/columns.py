"""Layer and column names of the scenario data model (DESIGN.md), in one place.

Every module refers to these constants instead of string literals, so a rename is one edit.
"""

from __future__ import annotations

# layers of a scenario, in the order they are read and reported
JURISDICTION = "jurisdiction"
VILLAGES = "villages"
OFFICERS = "officers"
ROADS = "roads"
INCIDENTS = "incidents"
ROOMS = "rooms"
STATION = "station"
LAYERS: tuple[str, ...] = (JURISDICTION, VILLAGES, OFFICERS, ROADS, INCIDENTS, ROOMS, STATION)

# the CRS of every layer read in and written out (GeoJSON, RFC 7946): WGS 84 longitude/latitude
WGS84 = "EPSG:4326"

# the pseudo-layer used for issues about the scenario as a whole (missing files, archives)
SCENARIO = "scenario"

# fields
NAME = "name"
STATION_NAME = "station"
VILLAGE_ID = "village_id"
POPULATION = "population"
HOUSEHOLDS = "households"
KIND = "kind"
TOWNSHIP = "township"
INCIDENT_COUNT = "incidents"
OFFICER_ID = "officer_id"
ROLE = "role"
HOME_VILLAGE = "home_village"
FAMILIAR_VILLAGES = "familiar_villages"
PHONE = "phone"
AVAILABLE = "available"
REWARD_LEAVE_DAYS = "reward_leave_days"
ROAD_CLASS = "highway"
SPEED_KMH = "speed_kmh"
ONEWAY = "oneway"
TIME = "time"
CATEGORY = "category"
GEOMETRY = "geometry"

# officer roles
POLICE = "police"
AUXILIARY = "auxiliary"
ROLES: tuple[str, ...] = (POLICE, AUXILIARY)

# village kinds
KIND_VILLAGE = "village"
KIND_COMMUNITY = "community"

# required fields per layer
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    JURISDICTION: (NAME,),
    VILLAGES: (VILLAGE_ID, NAME),
    OFFICERS: (OFFICER_ID, NAME, ROLE),
    ROADS: (),
    INCIDENTS: (),
    ROOMS: (VILLAGE_ID,),
    STATION: (NAME,),
}

# allowed geometry kinds per layer: "polygon", "point", "line" or "none" (a table)
GEOMETRY_KINDS: dict[str, tuple[str, ...]] = {
    JURISDICTION: ("polygon",),
    VILLAGES: ("polygon", "point"),
    OFFICERS: ("point", "none"),
    ROADS: ("line",),
    INCIDENTS: ("point",),
    ROOMS: ("point",),
    STATION: ("point",),
}

# the column that identifies a feature in messages, where the layer has one
ID_FIELDS: dict[str, str] = {VILLAGES: VILLAGE_ID, OFFICERS: OFFICER_ID, ROOMS: VILLAGE_ID}

# default speeds by road class (km/h) for rural China; used when `speed_kmh` is missing
ROAD_CLASS_SPEEDS_KMH: dict[str, float] = {
    "motorway": 100.0,
    "trunk": 80.0,
    "primary": 60.0,
    "secondary": 50.0,
    "tertiary": 40.0,
    "unclassified": 30.0,
    "residential": 25.0,
    "service": 15.0,
    "track": 15.0,
}
