"""Roads from an OpenStreetMap .osm file: tags, one-way direction, speeds, bad files."""

from __future__ import annotations

import json
import shutil

import pytest
import shapely

import zones
from zones import SAMPLE_PATH
from zones.scenario.osm import OsmError, osm_roads_geojson

OSM = """<?xml version='1.0' encoding='UTF-8'?>
<osm version="0.6" generator="hand">
  <node id="1" lat="41.000" lon="113.000"/>
  <node id="2" lat="41.000" lon="113.010"/>
  <node id="3" lat="41.010" lon="113.010"/>
  <node id="4" lat="41.010" lon="113.000"/>
  <way id="10"><nd ref="1"/><nd ref="2"/>
    <tag k="highway" v="residential"/><tag k="name" v="Main St"/><tag k="name:zh" v="主街"/>
  </way>
  <way id="11"><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="primary"/><tag k="oneway" v="-1"/><tag k="maxspeed" v="30 mph"/>
  </way>
  <way id="12"><nd ref="3"/><nd ref="4"/><nd ref="1"/>
    <tag k="highway" v="tertiary"/><tag k="junction" v="roundabout"/><tag k="maxspeed" v="40"/>
  </way>
  <way id="13"><nd ref="1"/><nd ref="3"/><tag k="highway" v="construction"/></way>
  <way id="14"><nd ref="4"/><nd ref="99"/><nd ref="2"/><tag k="highway" v="track"/></way>
  <way id="15"><nd ref="1"/><nd ref="98"/><tag k="highway" v="service"/></way>
  <way id="16"><nd ref="1"/><nd ref="2"/><tag k="building" v="yes"/></way>
</osm>
"""


def test_osm_ways_become_road_lines_with_their_tags():
    geojson, counts = osm_roads_geojson(OSM.encode())
    features = {f["properties"]["osm_id"]: f for f in json.loads(geojson)["features"]}
    assert set(features) == {"10", "11", "12", "14"}
    assert counts == {"ways": 4, "incomplete": 2, "skipped": 1}
    main = features["10"]["properties"]
    assert main["name"] == "主街"
    assert main["oneway"] is False
    assert main["speed_kmh"] is None
    # oneway=-1: drawn backwards, so reversed and one-way
    assert features["11"]["properties"]["oneway"] is True
    assert features["11"]["geometry"]["coordinates"] == [[113.01, 41.01], [113.01, 41.0]]
    assert features["11"]["properties"]["speed_kmh"] == pytest.approx(48.3)
    assert features["12"]["properties"]["oneway"] is True  # roundabout
    assert features["12"]["properties"]["speed_kmh"] == 40
    assert len(features["14"]["geometry"]["coordinates"]) == 2  # the missing node left out


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<osm><node id='1' lat='1' lon='1'>",
        b"<gpx></gpx>",
        b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><osm><tag k="x" v="&h;"/></osm>""",
    ],
)
def test_unreadable_files_raise_one_clear_error(data):
    with pytest.raises(OsmError, match="OpenStreetMap|<osm>"):
        osm_roads_geojson(data)


def sample_roads_as_osm(scenario) -> str:
    """The sample's roads written out as OpenStreetMap XML (shared nodes by coordinate)."""
    ids: dict[tuple[float, float], int] = {}
    ways = []
    for k, (geom, highway, oneway) in enumerate(
        zip(
            scenario.roads.geometry,
            scenario.roads["highway"],
            scenario.roads["oneway"],
            strict=True,
        )
    ):
        refs = [ids.setdefault((round(x, 7), round(y, 7)), len(ids) + 1) for x, y in geom.coords]
        nds = "".join(f'<nd ref="{r}"/>' for r in refs)
        flag = '<tag k="oneway" v="yes"/>' if oneway else ""
        ways.append(f'<way id="{k + 1}">{nds}<tag k="highway" v="{highway}"/>{flag}</way>')
    nodes = [f'<node id="{i}" lat="{y}" lon="{x}"/>' for (x, y), i in ids.items()]
    return "<osm version='0.6'>" + "".join(nodes) + "".join(ways) + "</osm>"


def test_a_scenario_reads_its_roads_from_an_osm_file_and_plans_on_them(tmp_path, sample):
    folder = tmp_path / "station"
    shutil.copytree(SAMPLE_PATH, folder)
    (folder / "roads.geojson").unlink()
    (folder / "export.osm").write_text(sample_roads_as_osm(sample), encoding="utf-8")
    scenario = zones.read_scenario(folder)
    assert len(scenario.roads) == len(sample.roads)
    assert scenario.roads["oneway"].sum() == sample.roads["oneway"].sum()
    assert shapely.equals_exact(
        scenario.roads.geometry.values, sample.roads.geometry.values, tolerance=1e-6
    ).all()
    plan = zones.make_plan(scenario, n_zones=6, seed=0)
    assert len(plan.patrols) == 6
    assert not plan.patrols["approximate"].any()


def test_a_broken_osm_file_is_reported_on_the_roads_layer(tmp_path):
    folder = tmp_path / "station"
    shutil.copytree(SAMPLE_PATH, folder)
    (folder / "roads.geojson").unlink()
    (folder / "roads.osm").write_bytes(b"<osm><way id='1'>")
    with pytest.raises(zones.ScenarioError) as info:
        zones.read_scenario(folder)
    issue = next(i for i in info.value.report.issues if i.code == "bad_osm")
    assert issue.layer == "roads"
    assert "roads.osm" in issue.what("en")
