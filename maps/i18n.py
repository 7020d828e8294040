"""The map's words: every text a map shows (``map.*`` keys), Chinese (default) and English.

:func:`t` looks a key up in this table first and then in the core's (:mod:`zones.i18n`), so
layer names, roles and issue texts are shared, never copied. ``tests/test_i18n.py`` checks that
both languages use the same fields and that no key is in two tables.
"""

from __future__ import annotations

from zones.i18n import DEFAULT_LANG, LANGS, Texts, lookup
from zones.i18n import TABLES as CORE_TABLES

__all__ = ["DEFAULT_LANG", "LANGS", "TABLES", "TEXTS", "t"]

# key: (Chinese, English)
TEXTS: Texts = {
    # --- maps (maps/) -------------------------------------------------------------------------
    # plan map (maps/plan_map.py)
    "map.plan.title": ("{name} 责任区方案", "{name}: responsibility zones"),
    "map.plan.untitled": ("未命名方案", "Untitled plan"),
    "map.plan.subtitle": (
        "{date} · {zones} 个责任区 · 工作量最大偏差 {deviation}% · "
        "驻村辅警 {staffed}/{villages} 村 · 新建警务室 {rooms_new} 处",
        "{date} · {zones} zones · max workload deviation {deviation}% · "
        "villages staffed {staffed}/{villages} · new police rooms {rooms_new}",
    ),
    "map.plan.banner": ("内部资料 注意保密", "Internal — confidential"),
    "map.plan.layer.zones": ("责任区（{n}）", "Zones ({n})"),
    "map.plan.layer.villages": ("行政村/社区（{n}）", "Villages ({n})"),
    "map.plan.layer.rooms": ("村警务室（{n}）", "Village police rooms ({n})"),
    "map.plan.layer.patrols": ("平峰巡逻线（{n}）", "Off-peak patrol lines ({n})"),
    "map.plan.layer.posts": ("高峰岗点（{n}）", "Peak-hour posts ({n})"),
    "map.plan.layer.density": (
        "警情密度（{n} 起，{cell} 米网格）",
        "Incident density ({n} incidents, {cell} m grid)",
    ),
    "map.plan.zone": ("责任区 {zone}", "Zone {zone}"),
    "map.plan.head_code": ("片区长-{code}", "Zone head {code}"),
    "map.plan.aux_code": ("驻村辅警-V{code}", "Village auxiliary V{code}"),
    "map.plan.head_missing": ("未配片区长", "No zone head"),
    "map.plan.aux_missing": ("缺驻村辅警", "No auxiliary officer"),
    "map.plan.officer": ("{name}（{id}）", "{name} ({id})"),
    "map.plan.field.zone": ("责任区", "Zone"),
    "map.plan.field.head": ("片区长", "Zone head"),
    "map.plan.field.head_phone": ("片区长电话", "Zone head phone"),
    "map.plan.field.villages": ("行政村数", "Villages"),
    "map.plan.field.workload": ("工作量", "Workload"),
    "map.plan.field.target": ("目标工作量", "Target workload"),
    "map.plan.field.deviation": ("偏差", "Deviation"),
    "map.plan.field.area": ("面积（km²）", "Area (km²)"),
    "map.plan.field.aux": ("驻村辅警", "Auxiliary officer"),
    "map.plan.field.aux_phone": ("辅警电话", "Auxiliary phone"),
    "map.plan.field.aux_reason": ("选派依据", "Chosen because"),
    "map.plan.field.room": ("警务室", "Police room"),
    "map.plan.field.status": ("状态", "Status"),
    "map.plan.field.length": ("长度（km）", "Length (km)"),
    "map.plan.field.minutes": ("用时（分钟）", "Time (min)"),
    "map.plan.field.hours": ("时段", "Hours"),
    "map.plan.field.route": ("线路", "Route"),
    "map.plan.patrol.roads": ("沿道路", "along roads"),
    "map.plan.patrol.straight": ("直线估算（无道路数据）", "straight-line estimate (no roads)"),
    "map.plan.legend.patrols_straight": (
        "点线：无道路数据，巡逻线为直线估算",
        "dotted: no roads, patrol lines are straight-line estimates",
    ),
    "map.plan.field.incidents": ("警情（起）", "Incidents"),
    "map.plan.reason.home": ("本村人", "lives in the village"),
    "map.plan.reason.familiar": ("熟悉该村", "knows the village"),
    "map.plan.reason.distance": ("距离最近", "nearest"),
    "map.plan.reason.manual": ("手工指定", "chosen by hand"),  # zones.plan.manual
    "map.plan.room.existing": ("现有", "existing"),
    "map.plan.room.new": ("新建", "new"),
    "map.plan.legend.zones": (
        "责任区（相邻责任区颜色不同）",
        "Zones (neighbours differ in colour)",
    ),
    "map.plan.legend.zone": ("{zone} · {head}", "{zone} · {head}"),
    "map.plan.legend.more_zones": ("另有 {n} 个责任区", "{n} more zones"),
    "map.plan.legend.villages": ("行政村边界", "Village boundary"),
    "map.plan.legend.density": ("警情密度（颜色越深越多）", "Incident density (darker: more)"),
    "map.plan.legend.patrols": ("巡逻线（箭头示方向）", "Patrol line (arrows show direction)"),
    "map.plan.legend.posts": ("高峰岗点", "Peak-hour post"),
    "map.plan.legend.room_existing": ("现有警务室", "Existing police room"),
    "map.plan.legend.room_new": ("新建警务室", "New police room"),
    # patrol map (maps/patrol_map.py)
    "map.patrol.title": ("{name} 巡逻路线", "{name}: patrol lines"),
    "map.patrol.title_zone": (
        "{name} 巡逻路线 · 责任区 {zone}",
        "{name}: patrol line, zone {zone}",
    ),
    "map.patrol.untitled": ("巡逻路线", "Patrol lines"),
    "map.patrol.subtitle": (
        "{lines} 条巡逻线 · 高峰岗点 {posts} 处",
        "{lines} patrol lines · {posts} peak-hour posts",
    ),
    "map.patrol.subtitle_zone": (
        "巡逻线 {km} 公里 · 途经 {stops} 处 · 高峰岗点 {posts} 处",
        "patrol line {km} km · {stops} stops · {posts} peak-hour posts",
    ),
    "map.patrol.subtitle_zone_time": (
        "巡逻线 {km} 公里 · 约 {minutes} 分钟 · 途经 {stops} 处 · 高峰岗点 {posts} 处",
        "patrol line {km} km · about {minutes} min · {stops} stops · {posts} peak-hour posts",
    ),
    "map.patrol.subtitle_no_line": (
        "该责任区没有巡逻线 · 高峰岗点 {posts} 处",
        "no patrol line in this zone · {posts} peak-hour posts",
    ),
    "map.patrol.layer.zones": ("责任区边界（{n}）", "Zone boundaries ({n})"),
    "map.patrol.layer.villages": ("本责任区的村（{n}）", "Villages of this zone ({n})"),
    "map.patrol.layer.line": ("巡逻线（{n}）", "Patrol line ({n})"),
    "map.patrol.layer.other_lines": ("其他责任区巡逻线（{n}）", "Other zones' patrol lines ({n})"),
    "map.patrol.layer.stops": ("途经点（{n}）", "Stops ({n})"),
    "map.patrol.layer.dropped": ("未纳入巡逻线的点（{n}）", "Stops left out ({n})"),
    "map.patrol.field.order": ("顺序", "Order"),
    "map.patrol.field.place": ("地点", "Place"),
    "map.patrol.field.kind": ("类型", "Type"),
    "map.patrol.field.along": ("距出发点（公里）", "From the start (km)"),
    "map.patrol.field.arrive": ("出发后约几分钟到达", "Reached after about (min)"),
    "map.patrol.field.dwell": ("停留（分钟）", "Stay (min)"),
    "map.patrol.field.reason": ("未纳入原因", "Left out because"),
    "map.patrol.field.post": ("岗点", "Post"),
    "map.patrol.field.covered": ("覆盖高峰警情（起）", "Peak incidents covered"),
    "map.patrol.kind.base": ("出发/返回点", "Start and end"),
    "map.patrol.kind.hotspot": ("警情热点", "Incident hotspot"),
    "map.patrol.kind.room": ("村警务室", "Village police room"),
    "map.patrol.reason.budget": ("巡逻时长内排不下", "does not fit in the patrol time"),
    "map.patrol.reason.no_road": ("没有道路通往该处", "no road leads there"),
    "map.patrol.reason.far": ("离巡逻线较远", "farther from the line than the rooms tried"),
    "map.patrol.place": ("{village} · {road}", "{road}, {village}"),
    "map.patrol.hours_sep": ("、", ", "),
    "map.patrol.room_place": ("{village}警务室", "{village} police room"),
    "map.patrol.start_mark": ("起", "S"),
    "map.patrol.post_mark": ("岗{n}", "P{n}"),
    "map.patrol.legend.line": (
        "本责任区巡逻线（箭头示方向）",
        "This zone's patrol line (arrows show direction)",
    ),
    "map.patrol.legend.lines": ("巡逻线（箭头示方向）", "Patrol lines (arrows show direction)"),
    "map.patrol.legend.other_lines": ("其他责任区巡逻线", "Other zones' patrol lines"),
    "map.patrol.legend.stop": ("途经点（数字为巡逻顺序）", "Stop (number: visiting order)"),
    "map.patrol.legend.start": ("出发/返回点", "Start and end"),
    "map.patrol.legend.dropped": ("未纳入巡逻线的点", "Stop left out of the line"),
    "map.patrol.legend.posts": ("高峰岗点（点击看地点）", "Peak-hour post (click for the place)"),
    "map.patrol.legend.zone": ("本责任区", "This zone"),
    "map.patrol.legend.zones": ("责任区边界", "Zone boundary"),
    # page titles, the browser tab's (maps/view.py set_page)
    "map.page_title.default": ("责任区规划地图", "Zone planner map"),
    "map.page_title.scenario": ("{name} 场景数据", "{name}: scenario"),
    "map.plan.page_title": ("{name} 责任区方案 {date}", "{name} zone plan {date}"),
    "map.untitled": ("未命名场景", "Untitled scenario"),
    "map.subtitle": (
        "辖区现状：行政村、道路、警务室与警情",
        "Current situation: villages, roads, police rooms and incidents",
    ),
    "map.layer.jurisdiction": ("辖区边界：{name}", "Jurisdiction: {name}"),
    "map.layer.villages": ("行政村/社区（{n}）", "Villages ({n})"),
    "map.layer.roads": ("道路（{n}）", "Roads ({n})"),
    "map.layer.rooms": ("现有警务室（{n}）", "Existing police rooms ({n})"),
    "map.layer.incidents": ("警情（{n}）", "Incidents ({n})"),
    "map.layer.incidents_sampled": (
        "警情（随机抽样显示 {shown}/{n}）",
        "Incidents (random sample of {shown} of {n})",
    ),
    "map.layer.station": ("派出所", "Police station"),
    "map.field.name": ("名称", "Name"),
    "map.field.village_id": ("村编号", "Village ID"),
    "map.field.township": ("乡镇/街道", "Township"),
    "map.field.population": ("人口", "Population"),
    "map.field.kind": ("类型", "Type"),
    "map.field.village": ("所在村", "Village"),
    "map.field.road_class": ("道路等级", "Road class"),
    "map.field.speed": ("车速（km/h）", "Speed (km/h)"),
    "map.field.category": ("警情类别", "Category"),
    "map.field.time": ("时间", "Time"),
    "map.kind.village": ("行政村", "village"),
    "map.kind.community": ("社区", "community"),
    "map.road.major": ("主要道路", "Major road"),
    "map.road.medium": ("次要道路", "Secondary road"),
    "map.road.minor": ("其他道路", "Other road"),
    "map.legend.title": ("图例", "Legend"),
    "map.legend.townships": ("行政村（按乡镇着色）", "Villages (coloured by township)"),
    "map.legend.no_township": ("未注明乡镇", "No township given"),
    "map.legend.more_townships": ("另有 {n} 个乡镇", "{n} more townships"),
    "map.legend.jurisdiction": ("辖区边界", "Jurisdiction boundary"),
    "map.legend.rooms": ("现有警务室", "Existing police room"),
    "map.legend.incidents": ("警情", "Incident"),
    "map.legend.station": ("派出所", "Police station"),
    "map.tiles.osm": ("OpenStreetMap 底图", "OpenStreetMap basemap"),
    "map.tiles.tianditu_vec": ("天地图矢量", "Tianditu vector"),
    "map.tiles.tianditu_cva": ("天地图注记", "Tianditu labels"),
    "map.tiles.tianditu_attr": ("© 天地图", "© Tianditu"),
    "map.tiles.custom": ("自定义底图", "Custom basemap"),
}

TABLES: tuple[Texts, ...] = (TEXTS, *CORE_TABLES)
"""Where :func:`t` looks: the map's table, then the core's."""


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Return the text for ``key`` in ``lang``, with ``params`` filled in.

    Parameters
    ----------
    key
        A key of :data:`TEXTS` or of a table below it (:mod:`zones.i18n`).
    lang
        ``"zh"`` (default) or ``"en"``.
    **params
        Values for the ``{field}`` placeholders.

    Returns
    -------
    str
        The text with its fields filled in.

    Raises
    ------
    KeyError
        If the key is in none of :data:`TABLES`, or the language is unknown.
    """
    return lookup(TABLES, key, lang, **params)
