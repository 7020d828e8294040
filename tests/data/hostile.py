"""Hostile scenario files, one builder per attack class of issue 12 (the readers' threat model).

Each function returns the bytes of a small file that a hostile user could upload or put in a
scenario folder; ``tests/test_hostile.py`` feeds them to the readers. Run as a script to write
them into a folder for trying by hand (the VRT needs the path of a planted file, so it is built
for ``/tmp/zoneplanner-secret.csv``)::

    python tests/data/hostile.py OUT_DIR
"""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

SECRET_NAME = "秘密人员甲"
SECRET_PHONE = "13912345678"


def secret_csv() -> bytes:
    """The file a test plants outside the scenario folder: a person's name and phone."""
    return f"name,phone,lon,lat\n{SECRET_NAME},{SECRET_PHONE},113.1,41.0\n".encode()


def vrt(source: Path | str) -> bytes:
    """An OGR VRT that reads ``source`` (a CSV elsewhere on the server) as a point layer."""
    return (
        '<OGRVRTDataSource><OGRVRTLayer name="villages">'
        f"<SrcDataSource>{source}</SrcDataSource><SrcLayer>{Path(source).stem}</SrcLayer>"
        '<GeometryType>wkbPoint</GeometryType><GeometryField encoding="PointFromColumns" '
        'x="lon" y="lat"/></OGRVRTLayer></OGRVRTDataSource>\n'
    ).encode()


def vrt_shapefile(source: Path | str) -> dict[str, bytes]:
    """A "shapefile" whose every part is a VRT pointing at ``source``."""
    data = vrt(source)
    return {"villages.shp": data, "villages.shx": data, "villages.dbf": data}


def _geopackage(build) -> bytes:
    """A GeoPackage made by GDAL (one small village) and then altered by ``build(connection)``."""
    frame = gpd.GeoDataFrame(
        {"village_id": ["v1"], "name": ["甲村"]},
        geometry=[shapely.box(113.0, 41.0, 113.01, 41.01)],
        crs="EPSG:4326",
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.gpkg"
        pyogrio.write_dataframe(frame, path, layer="base", driver="GPKG")
        connection = sqlite3.connect(path)
        build(connection)
        connection.commit()
        connection.close()
        return path.read_bytes()


_ENDLESS = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
    "SELECT x AS fid, 'v' || x AS village_id, 'v' AS name, geom FROM n, base"
)


def endless_view_geopackage() -> bytes:
    """A GeoPackage whose ``villages`` layer is a view that never ends."""

    def build(connection: sqlite3.Connection) -> None:
        connection.execute(f"CREATE VIEW villages AS {_ENDLESS}")
        connection.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES ('villages', 'features', 'villages', 4326)"
        )
        connection.execute(
            "INSERT INTO gpkg_geometry_columns VALUES ('villages', 'geom', 'POLYGON', 4326, 0, 0)"
        )

    return _geopackage(build)


def endless_contents_geopackage() -> bytes:
    """A GeoPackage whose ``gpkg_contents`` table itself is an endless view."""

    def build(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE gpkg_contents RENAME TO contents_kept")
        connection.execute(
            "CREATE VIEW gpkg_contents AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL "
            "SELECT x + 1 FROM n) SELECT 'villages' AS table_name, 'features' AS data_type "
            "FROM n"
        )

    return _geopackage(build)


def grid_crs_geopackage() -> bytes:
    """A GeoPackage whose CRS definition asks PROJ to load a file of the server as a grid."""

    def build(connection: sqlite3.Connection) -> None:
        wkt = (
            'GEOGCS["x",DATUM["y",SPHEROID["z",6378137,298.257223563]],PRIMEM["G",0],'
            'UNIT["degree",0.0174532925199433],EXTENSION["PROJ4","+proj=longlat '
            '+nadgrids=/etc/passwd"]]'
        )
        connection.execute(
            "INSERT INTO gpkg_spatial_ref_sys VALUES ('evil', 99999, 'NONE', 99999, ?, '')", (wkt,)
        )
        connection.execute("ALTER TABLE base RENAME TO villages")
        connection.execute(
            "UPDATE gpkg_contents SET table_name = 'villages', srs_id = 99999 "
            "WHERE table_name = 'base'"
        )
        connection.execute(
            "UPDATE gpkg_geometry_columns SET table_name = 'villages', srs_id = 99999 "
            "WHERE table_name = 'base'"
        )

    return _geopackage(build)


def lying_zip(inflated_mb: int = 300, declared: int = 1000) -> bytes:
    """A zip whose ``villages.geojson`` says it holds ``declared`` bytes but inflates to
    ``inflated_mb`` MB of spaces (deflate makes that a few hundred kB)."""
    name = b"villages.geojson"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * 2**20
    body = b"".join(compressor.compress(chunk) for _ in range(inflated_mb)) + compressor.flush()
    crc = 0  # never reached: reading must stop long before the CRC is checked
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(body), declared, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(body),
        declared,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    offset = len(local) + len(name) + len(body)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(name), offset, 0)
    return local + name + body + central + name + end


def duplicate_key_geojson() -> bytes:
    """Two ``features`` members in one collection: the first says 2 villages, the second 1."""
    village = {
        "type": "Feature",
        "properties": {"village_id": "v1", "name": "甲村"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[113, 41], [113.01, 41], [113.01, 41.01], [113, 41]]],
        },
    }
    features = json.dumps([village, village], ensure_ascii=False)
    return (
        f'{{"type": "FeatureCollection", "features": {features}, '
        f'"features": {json.dumps([village], ensure_ascii=False)}}}'
    ).encode()


def shapefile_3d() -> dict[str, bytes]:
    """A villages shapefile with heights on its polygons (PolygonZ)."""
    frame = gpd.GeoDataFrame(
        {"village_id": ["v1", "v2"], "name": ["甲村", "乙村"]},
        geometry=[
            shapely.Polygon([(113, 41, 5), (113.01, 41, 5), (113.01, 41.01, 6), (113, 41, 5)]),
            shapely.box(113.01, 41.0, 113.02, 41.01),
        ],
        crs="EPSG:4326",
    )
    with tempfile.TemporaryDirectory() as tmp:
        pyogrio.write_dataframe(frame, Path(tmp) / "villages.shp", encoding="utf-8")
        return {p.name: p.read_bytes() for p in Path(tmp).iterdir()}


def zipped(files: dict[str, bytes]) -> bytes:
    """Files as one zip held in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def main(out: Path) -> None:
    """Write every hostile file into ``out`` (the VRTs point at /tmp/zoneplanner-secret.csv)."""
    out.mkdir(parents=True, exist_ok=True)
    secret = Path(tempfile.gettempdir()) / "zoneplanner-secret.csv"
    secret.write_bytes(secret_csv())
    files = {
        "vrt_as_shapefile.zip": zipped(vrt_shapefile(secret)),
        "vrt_as_geojson/villages.geojson": vrt(secret),
        "endless_view.gpkg": endless_view_geopackage(),
        "endless_contents.gpkg": endless_contents_geopackage(),
        "grid_crs.gpkg": grid_crs_geopackage(),
        "lying_member.zip": lying_zip(),
        "duplicate_key/villages.geojson": duplicate_key_geojson(),
        "shapefile_3d.zip": zipped(shapefile_3d()),
    }
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile"))
