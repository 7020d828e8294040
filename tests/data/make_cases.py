"""Write one small scenario per validation rule into tests/data/cases/ (run from the repo root).

Each case is a folder holding a 3 × 3 grid of villages (V1…V9, 0.01° squares near Baihaizi), the
jurisdiction around them, and exactly one defect. ``cases.json`` says what the validator must
report for it: the issue code, its severity, the layer and the feature. The files are committed,
so a reader can open the bad file a rule is about; re-running this script reproduces them.

    .venv/bin/python tests/data/make_cases.py
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import geopandas as gpd
import shapely

HERE = Path(__file__).resolve().parent
OUT = HERE / "cases"
X0, Y0, STEP = 113.1, 41.0, 0.01


def square(i: int, j: int) -> list[list[float]]:
    x, y = round(X0 + i * STEP, 6), round(Y0 + j * STEP, 6)
    x1, y1 = round(x + STEP, 6), round(y + STEP, 6)
    return [[x, y], [x1, y], [x1, y1], [x, y1], [x, y]]


def village(k: int, ring: list | None = None, **props: object) -> dict:
    i, j = (k - 1) % 3, (k - 1) // 3
    base = {
        "village_id": f"V{k}",
        "name": f"测试{k}村",
        "population": 1000 + k,
        "township": "白海子镇",
    }
    base.update(props)
    geom = {"type": "Polygon", "coordinates": [ring or square(i, j)]}
    return {"type": "Feature", "properties": base, "geometry": geom}


def grid(**overrides: dict) -> list[dict]:
    feats = [village(k) for k in range(1, 10)]
    for key, feature in overrides.items():
        feats[int(key[1:]) - 1] = feature
    return feats


def fc(features: list[dict], **extra: object) -> dict:
    return {"type": "FeatureCollection", **extra, "features": features}


def jurisdiction() -> dict:
    ring = [
        [X0, Y0],
        [X0 + 3 * STEP, Y0],
        [X0 + 3 * STEP, Y0 + 3 * STEP],
        [X0, Y0 + 3 * STEP],
        [X0, Y0],
    ]
    ring = [[round(x, 6), round(y, 6)] for x, y in ring]
    return fc(
        [
            {
                "type": "Feature",
                "properties": {"name": "测试辖区"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ]
    )


def point(lon: float, lat: float, **props: object) -> dict:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def dump(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


CASES: dict[str, dict] = {}


def case(
    name: str,
    files: dict[str, bytes],
    expect: list[dict],
    options: dict | None = None,
    with_jurisdiction: bool = True,
) -> None:
    if with_jurisdiction and "jurisdiction.geojson" not in files:
        files = {"jurisdiction.geojson": dump(jurisdiction()), **files}
    CASES[name] = {"files": files, "expect": expect, "options": options or {}}


def expect(code: str, severity: str, layer: str, feature: str | None = None) -> dict:
    return {"code": code, "severity": severity, "layer": layer, "feature": feature}


def build() -> None:
    good = dump(fc(grid()))
    # --- file level ---------------------------------------------------------------------
    case(
        "bad_json",
        {"villages.geojson": good[: len(good) // 2]},
        [expect("bad_json", "error", "villages")],
    )
    case(
        "not_geojson",
        {"villages.geojson": b'{"hello": "world"}'},
        [expect("not_geojson", "error", "villages")],
    )
    nan = dump(fc(grid())).replace(b"113.1,", b"NaN,", 1)
    case("json_nan", {"villages.geojson": nan}, [expect("json_nan", "error", "villages")])
    gbk = json.dumps(fc(grid()), ensure_ascii=False).encode("gbk")
    case("not_utf8", {"villages.geojson": gbk}, [expect("not_utf8", "error", "villages")])
    case("utf8_bom", {"villages.geojson": b"\xef\xbb\xbf" + good}, [])
    officers = "officer_id,name,role,home_village\nP1,张建国,民警,\nA1,李秀英,辅警,V1\n"
    case(
        "gbk_csv",
        {"villages.geojson": good, "officers.csv": officers.encode("gbk")},
        [expect("read_as_gb18030", "repair", "officers")],
    )
    case(
        "unknown_file",
        {"villages.geojson": good, "notes.txt": b"hello"},
        [expect("ignored_file", "warning", "scenario", "notes.txt")],
    )
    case(
        "missing_villages",
        {"roads.geojson": dump(fc([]))},
        [expect("missing_villages", "error", "scenario")],
    )
    case(
        "geojson_is_zip",
        {"villages.geojson": _zip({"a.txt": b"x"})},
        [expect("content_mismatch", "error", "scenario", "villages.geojson")],
    )
    case(
        "zip_slip",
        {"scenario.zip": _zip({"../evil.shp": b"x", "villages.geojson": good})},
        [expect("zip_unsafe", "error", "scenario", "scenario.zip")],
    )
    # --- coordinates and CRS ------------------------------------------------------------
    metric = gpd.read_file(io.BytesIO(good)).to_crs(32649)
    projected = json.loads(metric.to_json())
    projected.pop("crs", None)
    case(
        "projected",
        {"villages.geojson": dump(projected)},
        [expect("projected_coords", "error", "villages")],
        with_jurisdiction=False,
    )
    legacy = dict(
        projected, crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32649"}}
    )
    case(
        "legacy_crs",
        {"villages.geojson": dump(legacy)},
        [expect("legacy_crs", "repair", "villages")],
    )
    swapped = json.loads(good)
    for f in swapped["features"]:
        f["geometry"]["coordinates"] = [
            [[y, x] for x, y in r] for r in f["geometry"]["coordinates"]
        ]
    case(
        "swapped",
        {"villages.geojson": dump(swapped)},
        [expect("swapped_coords", "error", "villages")],
        with_jurisdiction=False,
    )
    case(
        "swapped_fixed",
        {"villages.geojson": dump(swapped)},
        [expect("axes_swapped", "repair", "scenario")],
        options={"swap_axes": True},
        with_jurisdiction=False,
    )
    far = json.loads(good)
    for f in far["features"]:
        f["geometry"]["coordinates"] = [
            [[x - 100, y] for x, y in r] for r in f["geometry"]["coordinates"]
        ]
    case(
        "outside_china",
        {"villages.geojson": dump(far)},
        [expect("outside_china", "warning", "villages")],
        with_jurisdiction=False,
    )
    # --- geometry -----------------------------------------------------------------------
    nullg = grid(V2=dict(village(2), geometry=None))
    case(
        "null_geometry",
        {"villages.geojson": dump(fc(nullg))},
        [expect("null_geometry", "error", "villages", "V2")],
    )
    emptyg = grid(V3=dict(village(3), geometry={"type": "Polygon", "coordinates": []}))
    case(
        "empty_geometry",
        {"villages.geojson": dump(fc(emptyg))},
        [expect("empty_geometry", "error", "villages", "V3")],
    )
    open_ring = square(1, 1)[:-1]
    case(
        "ring_not_closed",
        {"villages.geojson": dump(fc(grid(V5=village(5, open_ring))))},
        [expect("ring_not_closed", "error", "villages", "V5")],
    )
    short = [[113.1, 41.0], [113.11, 41.0], [113.1, 41.0]]
    case(
        "ring_too_short",
        {"villages.geojson": dump(fc(grid(V1=village(1, short))))},
        [expect("ring_too_short", "error", "villages", "V1")],
    )
    (x, y), (x1, _), (_, y1) = square(1, 1)[0], square(1, 1)[1], square(1, 1)[2]
    bowtie = [[x, y], [x1, y1], [x1, y], [x, y1], [x, y]]
    case(
        "bowtie",
        {"villages.geojson": dump(fc(grid(V5=village(5, bowtie))))},
        [expect("made_valid", "repair", "villages", "V5")],
    )
    three_d = json.loads(good)
    three_d["features"][0]["geometry"]["coordinates"] = [
        [[px, py, 1200.0] for px, py in square(0, 0)]
    ]
    case(
        "coords_3d",
        {"villages.geojson": dump(three_d)},
        [expect("coords_3d", "repair", "villages")],
    )
    four_d = json.loads(good)
    four_d["features"][0]["geometry"]["coordinates"] = [
        [[px, py, 1200.0, 7.0] for px, py in square(0, 0)]
    ]
    case(
        "coords_4d",
        {"villages.geojson": dump(four_d)},
        [expect("coords_4d", "error", "villages", "V1")],
    )
    line = dict(village(4), geometry={"type": "LineString", "coordinates": square(0, 1)})
    case(
        "wrong_type",
        {"villages.geojson": dump(fc(grid(V4=line)))},
        [expect("wrong_geometry_type", "error", "villages")],
    )
    pt = dict(village(6), geometry={"type": "Point", "coordinates": [113.125, 41.015]})
    case(
        "mixed_points",
        {"villages.geojson": dump(fc(grid(V6=pt)))},
        [expect("mixed_points_polygons", "error", "villages")],
    )
    points = [
        dict(
            village(k),
            geometry={
                "type": "Point",
                "coordinates": [
                    round(X0 + ((k - 1) % 3 + 0.5) * STEP, 6),
                    round(Y0 + ((k - 1) // 3 + 0.5) * STEP, 6),
                ],
            },
        )
        for k in range(1, 10)
    ]
    case(
        "village_points",
        {"villages.geojson": dump(fc(points))},
        [expect("cells_from_points", "repair", "villages")],
    )
    cw = grid(V1=village(1, square(0, 0)[::-1]))
    case("clockwise", {"villages.geojson": dump(fc(cw))}, [])
    # --- coverage -----------------------------------------------------------------------
    sq = square(0, 0)
    wider = [
        [sq[0][0], sq[0][1]],
        [sq[1][0] + 2e-6, sq[1][1]],
        [sq[2][0] + 2e-6, sq[2][1]],
        [sq[3][0], sq[3][1]],
        sq[0],
    ]
    case(
        "overlap_small",
        {"villages.geojson": dump(fc(grid(V1=village(1, wider))))},
        [expect("overlap_fixed", "repair", "villages")],
    )
    dup = dict(village(10, square(0, 0)))
    case(
        "overlap_large",
        {"villages.geojson": dump(fc([*grid(), dup]))},
        [expect("overlap_large", "error", "villages", "V1")],
    )
    c = square(1, 1)
    d = 2e-6  # about 0.2 m
    shrunk = [
        [c[0][0] + d, c[0][1] + d],
        [c[1][0] - d, c[1][1] + d],
        [c[2][0] - d, c[2][1] - d],
        [c[3][0] + d, c[3][1] - d],
        [c[0][0] + d, c[0][1] + d],
    ]
    case(
        "gap_narrow",
        {"villages.geojson": dump(fc(grid(V5=village(5, shrunk))))},
        [expect("gaps_filled", "repair", "villages")],
    )
    holey = [f for f in grid() if f["properties"]["village_id"] != "V5"]
    case(
        "gap_wide",
        {"villages.geojson": dump(fc(holey))},
        [expect("gaps_wide", "warning", "villages")],
    )
    corner_missing = [f for f in grid() if f["properties"]["village_id"] != "V1"]
    case(
        "uncovered",
        {"villages.geojson": dump(fc(corner_missing))},
        [expect("uncovered_area", "warning", "jurisdiction")],
    )
    corner = square(0, 0)[0]
    tiny = [
        corner,
        [corner[0] + 5e-6, corner[1]],
        [corner[0] + 5e-6, corner[1] + 5e-6],
        [corner[0], corner[1] + 5e-6],
        corner,
    ]
    v1 = shapely.Polygon(square(0, 0)).difference(shapely.Polygon(tiny))
    v1_ring = [list(p) for p in v1.exterior.coords]
    sliver = [*grid(V1=village(1, v1_ring)), village(10, tiny)]
    case(
        "sliver",
        {"villages.geojson": dump(fc(sliver))},
        [expect("sliver_merged", "repair", "villages", "V10")],
    )
    outside = village(10, [[p[0] + 0.1, p[1]] for p in square(0, 0)])
    case(
        "village_outside",
        {"villages.geojson": dump(fc([*grid(), outside]))},
        [expect("village_outside", "error", "villages", "V10")],
    )
    half_out = village(10, [[p[0] + 0.025, p[1]] for p in square(0, 0)])
    partly = [f for f in grid() if f["properties"]["village_id"] not in ("V3",)] + [half_out]
    case(
        "village_clipped",
        {"villages.geojson": dump(fc(partly))},
        [expect("village_clipped", "repair", "villages", "V10")],
    )
    multi = dict(
        village(1),
        geometry={"type": "MultiPolygon", "coordinates": [[square(0, 0)], [square(2, 2)]]},
    )
    exclave = [f for f in grid(V1=multi) if f["properties"]["village_id"] != "V9"]
    case(
        "multipart",
        {"villages.geojson": dump(fc(exclave))},
        [expect("multipart_village", "warning", "villages")],
    )
    # --- attributes ---------------------------------------------------------------------
    case(
        "duplicate_id",
        {"villages.geojson": dump(fc(grid(V2=village(2, village_id="V1"))))},
        [expect("duplicate_id", "error", "villages", "V1")],
    )
    case(
        "missing_id",
        {"villages.geojson": dump(fc(grid(V2=village(2, village_id="  "))))},
        [expect("missing_id", "error", "villages", "#2")],
    )
    case(
        "missing_name",
        {"villages.geojson": dump(fc(grid(V2=village(2, name=None))))},
        [expect("missing_name", "warning", "villages")],
    )
    no_name_field = json.loads(good)
    for f in no_name_field["features"]:
        del f["properties"]["name"]
    case(
        "missing_field",
        {"villages.geojson": dump(no_name_field)},
        [expect("missing_field", "error", "villages")],
    )
    case(
        "population_negative",
        {"villages.geojson": dump(fc(grid(V2=village(2, population=-5))))},
        [expect("count_negative", "error", "villages", "V2")],
    )
    case(
        "population_text",
        {"villages.geojson": dump(fc(grid(V2=village(2, population="1.2万"))))},
        [expect("count_parsed", "repair", "villages")],
    )
    case(
        "population_garbage",
        {"villages.geojson": dump(fc(grid(V2=village(2, population="很多"))))},
        [expect("count_not_a_number", "error", "villages", "V2")],
    )
    case(
        "population_missing",
        {"villages.geojson": dump(fc(grid(V2=village(2, population=None))))},
        [expect("missing_count", "warning", "villages")],
    )
    officers_bad = (
        "officer_id,name,role,home_village,familiar_villages\n"
        "P1,张建国,民警,,\n"
        "A1,李秀英,辅警,V99,V1;V2\n"
        "A2,王桂兰,保安,V2,\n"
        "A2,赵志强,辅警,,V404\n"
    )
    case(
        "officers_bad",
        {"villages.geojson": good, "officers.csv": officers_bad.encode()},
        [
            expect("unknown_village", "error", "officers", "A1"),
            expect("bad_role", "error", "officers", "A2"),
            expect("duplicate_id", "error", "officers", "A2"),
            expect("unknown_village", "error", "officers", "A2"),
            expect("aux_without_home", "warning", "officers"),
        ],
    )
    rooms = fc(
        [
            point(113.105, 41.005, village_id="V1", name="测试1村警务室"),
            point(113.105, 41.005, village_id="V2", name="放错的警务室"),
            point(113.115, 41.005, village_id="V2", name="第二个"),
            point(113.125, 41.005, village_id="V77"),
        ]
    )
    case(
        "rooms_bad",
        {"villages.geojson": good, "rooms.geojson": dump(rooms)},
        [
            expect("room_outside_village", "error", "rooms", "V2"),
            expect("duplicate_room", "error", "rooms", "V2"),
            expect("unknown_village", "error", "rooms", "#4"),
        ],
    )
    incidents = fc(
        [
            point(113.105, 41.005, time="2025-03-14T08:12:00", category="纠纷"),
            point(113.115, 41.005, time="昨天下午", category="盗窃"),
            {"type": "Feature", "properties": {"time": "2025-01-01T01:00:00"}, "geometry": None},
            point(113.5, 41.5, time="2025-05-01T12:00:00+08:00"),
        ]
    )
    case(
        "incidents_bad",
        {"villages.geojson": good, "incidents.geojson": dump(incidents)},
        [
            expect("bad_time", "warning", "incidents"),
            expect("null_geometry_dropped", "warning", "incidents"),
            expect("incidents_outside", "warning", "incidents"),
        ],
    )
    roads = fc(
        [
            {
                "type": "Feature",
                "properties": {"name": "G208国道", "highway": "trunk", "speed_kmh": "快"},
                "geometry": {"type": "LineString", "coordinates": [[113.1, 41.0], [113.13, 41.03]]},
            }
        ]
    )
    case(
        "roads_bad",
        {"villages.geojson": good, "roads.geojson": dump(roads)},
        [expect("bad_speed", "warning", "roads")],
    )
    station = fc([point(113.5, 41.5, name="测试派出所")])
    case(
        "station_outside",
        {"villages.geojson": good, "station.geojson": dump(station)},
        [expect("station_outside", "warning", "station")],
    )
    case(
        "gcj02",
        {"villages.geojson": good},
        [expect("coords_converted", "repair", "scenario")],
        options={"coord_source": "gcj02"},
    )
    case(
        "no_jurisdiction",
        {"villages.geojson": good},
        [expect("jurisdiction_derived", "warning", "jurisdiction")],
        with_jurisdiction=False,
    )
    # GBK shapefile zips, with and without a .cpg
    frame = gpd.read_file(io.BytesIO(good))
    for name, keep_cpg in (("shapefile_gbk_cpg", True), ("shapefile_gbk_nocpg", False)):
        tmp = OUT / "_tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        frame.to_file(tmp / "villages.shp", encoding="gbk")
        members = {p.name: p.read_bytes() for p in tmp.iterdir() if keep_cpg or p.suffix != ".cpg"}
        shutil.rmtree(tmp)
        expected = [] if keep_cpg else [expect("shapefile_encoding", "repair", "villages")]
        case(name, {"villages.zip": _zip(members)}, expected)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in sorted(members.items()):
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            zf.writestr(info, data)
    return buf.getvalue()


def main() -> None:
    build()
    if OUT.exists():
        shutil.rmtree(OUT)
    manifest = {}
    for name, spec in sorted(CASES.items()):
        folder = OUT / name
        folder.mkdir(parents=True)
        for filename, data in spec["files"].items():
            (folder / filename).write_bytes(data)
        manifest[name] = {"expect": spec["expect"], "options": spec["options"]}
    (OUT / "cases.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"wrote {len(manifest)} cases to {OUT}")


if __name__ == "__main__":
    main()
