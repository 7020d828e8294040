"""The app's words: every text the Streamlit app shows (``app.*`` keys), Chinese and English.

:func:`t` looks a key up in this table first, then in the map's (:mod:`maps.i18n`) and the
core's (:mod:`zones.i18n`), so map labels, layer names, roles and issue texts are shared, never
copied. ``tests/test_i18n.py`` checks that both languages use the same fields and that no key is
in two tables.
"""

from __future__ import annotations

from maps.i18n import TABLES as MAP_TABLES
from zones.i18n import DEFAULT_LANG, LANGS, Texts, lookup

__all__ = ["DEFAULT_LANG", "LANGS", "TABLES", "TEXTS", "t"]

# key: (Chinese, English)
TEXTS: Texts = {
    # --- app (app.py, ui/) --------------------------------------------------------------------
    "app.page_title": ("责任区规划", "Zone planner"),
    "app.title": ("派出所责任区规划", "Police station responsibility zones"),
    "app.lang": ("语言 / Language", "Language / 语言"),
    "app.lang_name.zh": ("中文", "中文"),
    "app.lang_name.en": ("English", "English"),
    "app.sidebar.data": ("场景数据", "Scenario data"),
    "app.coord_source": ("上传数据的坐标系", "Coordinate system of uploads"),
    "app.coord_source.help": (
        "GPS、天地图为 WGS84/CGCS2000；高德、腾讯地图取点为 GCJ-02；百度地图为 BD-09。"
        "示例数据固定按 WGS84 读取。",
        "GPS and Tianditu use WGS84/CGCS2000; Amap and Tencent pickers give GCJ-02; "
        "Baidu gives BD-09. The sample is always read as WGS84.",
    ),
    "app.coord.wgs84": ("WGS84 / CGCS2000（GPS、天地图）", "WGS84 / CGCS2000 (GPS, Tianditu)"),
    "app.coord.gcj02": ("GCJ-02（高德、腾讯）", "GCJ-02 (Amap, Tencent)"),
    "app.coord.bd09": ("BD-09（百度）", "BD-09 (Baidu)"),
    "app.swap_axes": (
        "交换经纬度（纬度写在前面时勾选）",
        "Swap lon/lat (tick if latitude comes first)",
    ),
    "app.swap_axes.help": (
        "若村庄落在地图上错误的位置（如海上），多半是经度和纬度写反了。",
        "If villages land in the wrong place (e.g. at sea), longitude and latitude are "
        "probably swapped.",
    ),
    "app.upload": ("上传场景数据", "Upload scenario data"),
    "app.upload.help": (
        "一个 .zip 或 .gpkg，或多个图层文件（villages.geojson、officers.csv 等）；"
        "合计不超过 {limit} MB。",
        "One .zip or .gpkg, or several layer files (villages.geojson, officers.csv, …); "
        "at most {limit} MB in all.",
    ),
    "app.use_sample": ("返回示例数据", "Back to the sample"),
    "app.source.sample": ("数据来源：示例数据（虚构）", "Source: sample data (synthetic)"),
    "app.source.upload": ("数据来源：上传的文件 {files}", "Source: uploaded files {files}"),
    "app.counts": ("各图层要素数量", "Features per layer"),
    "app.report": ("校验报告", "Validation report"),
    "app.report.clean": (
        "数据校验通过，未发现问题。",
        "The data passed validation with no issues.",
    ),
    "app.report.repairs": (
        "已自动修复 {n} 处问题，请核对下表。",
        "Problems repaired automatically: {n}. Please check the table below.",
    ),
    "app.report.warnings": (
        "有 {n} 条提示，请核对下表。",
        "Warnings: {n}. Please check the table below.",
    ),
    "app.map": ("地图", "Map"),
    "app.error.scenario": (
        "数据无法使用，发现 {n} 处错误，请按下表修改后重新上传：",
        "The data cannot be used. Errors found: {n}. Fix them as the table says and upload again:",
    ),
    "app.error.more": ("另有 {n} 处错误，见下表。", "More errors, in the table below: {n}."),
    "app.error.file_too_large": (
        "文件“{name}”有 {size} MB，超过上限 {limit} MB。",
        "The file “{name}” is {size} MB, more than the limit of {limit} MB.",
    ),
    "app.error.total_too_large": (
        "上传的文件合计 {size} MB，超过上限 {limit} MB。",
        "The uploaded files add up to {size} MB, more than the limit of {limit} MB.",
    ),
    "app.error.unexpected": (
        "读取数据时发生意外错误，详情已记入服务器日志。请检查文件后重试，或联系管理员。",
        "An unexpected error occurred while reading the data; the details are in the server "
        "log. Check the files and try again, or contact the administrator.",
    ),
    "app.error.map": (
        "地图无法显示，详情已记入服务器日志。",
        "The map cannot be shown; the details are in the server log.",
    ),
    "app.error.duplicate_name": (
        "有多个文件同名（{names}），无法区分，请改名或只保留一个后重新上传。",
        "Several files have the same name ({names}); rename them or keep one, then upload again.",
    ),
    "app.error.page": (
        "页面显示时发生意外错误，详情已记入服务器日志。请刷新页面，或联系管理员。",
        "An unexpected error occurred while showing the page; the details are in the server "
        "log. Reload the page, or contact the administrator.",
    ),
    "app.error.hint": (
        "可点击侧边栏的“返回示例数据”。",
        "Use “Back to the sample” in the sidebar to return to the sample.",
    ),
    # planning pages (ui/plan_page.py, ui/zones_tab.py, ui/compare_tab.py)
    "app.tab.scenario": ("场景数据", "Scenario"),
    "app.tab.zones": ("责任区", "Zones"),
    "app.tab.compare": ("方案比较", "Compare"),
    "app.tab.staffing": ("警力配置", "Staffing"),
    "app.tab.patrol": ("巡逻", "Patrol"),
    "app.tab.export": ("导出", "Export"),
    "app.tab.roster": ("值班表", "Duty roster"),
    "app.plan.header": ("方案设置", "Plan settings"),
    "app.plan.n_zones": ("责任区数", "Number of zones"),
    "app.plan.workload": ("工作量依据", "Workload"),
    "app.plan.workload.auto": ("自动（推荐）", "Automatic (recommended)"),
    "app.plan.workload.help": (
        "自动：警情足够多且分布不过于集中时按警情（有类别时按类别折算工时）均衡，否则与人口混合；"
        "方案生成后在“责任区”页说明所用的工作量和原因",
        "automatic: incidents (weighed by minutes per category when they have one) when there "
        "are enough and no village outweighs a zone, else blended with population; the zones tab "
        "says which workload was used and why",
    ),
    "app.plan.workload.incidents": ("警情数", "incidents"),
    "app.plan.workload.population": ("人口", "population"),
    "app.plan.workload.weighted": ("警情与人口加权", "incidents and population, weighted"),
    "app.plan.incident_share": ("警情所占权重", "weight of incidents"),
    "app.plan.incident_share.help": (
        "其余权重给人口；两者先各自换算为占全辖区的比例再相加",
        "the rest goes to population; each is first taken as a share of the jurisdiction's total",
    ),
    "app.plan.tolerance": ("允许偏差（±%）", "tolerance (±%)"),
    "app.plan.tolerance.help": (
        "每个责任区的工作量与平均值相差不超过这个比例",
        "how far each zone's workload may differ from the mean",
    ),
    "app.plan.nest": ("责任区不跨乡镇", "keep each zone inside one township"),
    "app.plan.seed": ("随机种子", "seed"),
    "app.plan.patrol": ("巡逻与岗点设置", "Patrol and post settings"),
    "app.plan.patrol_minutes": ("每圈巡逻时长（分钟）", "Minutes for one patrol loop"),
    "app.plan.stop_minutes": ("每个热点停留（分钟）", "Minutes at each hotspot"),
    "app.plan.stop_minutes.help": (
        "国外经验（Koper 曲线）为 10–16 分钟",
        "the Koper-curve practice is 10–16 minutes",
    ),
    "app.plan.radius": ("覆盖半径（米）", "Coverage radius (m)"),
    "app.plan.peak_hours": (
        "高峰时段（留空则按警情自动判断）",
        "Peak hours (empty: found in the incidents)",
    ),
    "app.plan.peak_hours.help": (
        "如 07:30-09:00,17:00-19:00（上下学、早晚高峰、集市）",
        "e.g. 07:30-09:00,17:00-19:00 (school run, commutes, market days)",
    ),
    "app.plan.seed.help": (
        "相同的设置和种子总是得到相同的方案",
        "the same settings and seed always give the same plan",
    ),
    "app.plan.run": ("生成方案", "Run the plan"),
    "app.plan.running": ("正在生成方案…", "Planning…"),
    "app.plan.rebalancing": ("正在重新平衡…", "Rebalancing…"),
    "app.plan.none": (
        "在侧边栏“方案设置”中选择参数，然后点击“生成方案”。",
        "Choose the plan settings in the sidebar, then press “Run the plan”.",
    ),
    "app.plan.stale": (
        "设置已更改：点击“生成方案”按新设置重新计算（下面仍是上次的方案）。",
        "The settings changed: press “Run the plan” to plan with them (below is the last plan).",
    ),
    "app.plan.error": (
        "无法按当前设置生成方案。请调整责任区数、允许偏差、乡镇嵌套或锁定的村后重试。",
        "No plan can be made with these settings. Change the number of zones, the tolerance, "
        "the township nesting or the locked villages, and try again.",
    ),
    "app.plan.error_detail": ("详情：{detail}", "Details: {detail}"),
    "app.plan.summary": (
        "{name}：{n} 个责任区，最大工作量偏差 {dev}%，平均紧凑度 {pp}",
        "{name}: {n} zones, largest workload deviation {dev}%, mean compactness {pp}",
    ),
    "app.plan.edited": ("（已手工调整 {n} 次）", " (hand edits: {n})"),
    # the zoning step's phases (its progress messages), after the step's own label (plan.step.*)
    "app.progress.adjacency": ("计算村与村的相邻关系", "finding neighbouring villages"),
    "app.progress.start": ("初步划分", "first split"),
    "app.progress.balance": ("均衡工作量", "balancing workload"),
    "app.progress.compactness": ("提高紧凑度", "making zones compact"),
    "app.progress.polish": ("细调", "polishing"),
    "app.progress.done": ("完成", "done"),
    # --- issue 15 (H3): sidebar count and run, zones tab warnings and bars, compare staffing ---
    "app.progress.bar": (
        "{title} {step}（{pct}%，{elapsed}）",
        "{title} {step} ({pct}%, {elapsed})",
    ),
    "app.progress.elapsed": ("已用 {time}", "{time} elapsed"),
    "app.plan.cancel": ("取消", "Cancel"),
    "app.plan.cancel.help": (
        "停止生成方案；已有的方案保留",
        "stop making the plan; the plan shown before stays",
    ),
    "app.plan.cancelled": ("已取消生成方案。", "Planning was cancelled."),
    "app.plan.advanced": ("高级设置", "Advanced"),
    "app.plan.n_zones.help": (
        "最多 {max} 个：每个责任区要有一名可用民警任片区长（可用民警 {available} 名），"
        "且至少一个村（共 {villages} 个村）",
        "at most {max}: each zone needs an available sworn officer as its zone head "
        "({available} available) and at least one village ({villages} villages)",
    ),
    "app.plan.no_heads": (
        "没有可用的民警任片区长，无法生成方案：请在警员数据中把民警标为可用（available）。",
        "No sworn officer is available to head a zone, so no plan can be made: mark sworn "
        "officers as available in the officers' data.",
    ),
    "app.plan.nest_short": (
        "责任区不跨乡镇时，每个乡镇至少一个责任区：{townships} 个乡镇需要至少 {townships} 个"
        "责任区（现为 {n} 个）。",
        "With zones inside townships, each township needs a zone: {townships} townships need at "
        "least {townships} zones (now {n}).",
    ),
    "app.plan.nest_impossible": (
        "{townships} 个乡镇多于最多可设的 {max} 个责任区，无法不跨乡镇",
        "{townships} townships are more than the {max} zones possible, so zones cannot stay "
        "inside townships",
    ),
    "app.zones.warnings": ("方案提示：原因与处理办法", "Warnings: cause and what to do"),
    "app.zones.fix": ("处理办法：", "What to do: "),
    "app.zones.all_within": (
        "所有责任区的工作量都在平均值 ±{tol}% 以内。",
        "Every zone's workload is within ±{tol}% of the mean.",
    ),
    "app.zones.outside": (
        "{n} 个责任区的工作量超出平均值 ±{tol}%（表中标出）。",
        "{n} zones are outside ±{tol}% of the mean workload (marked in the table).",
    ),
    "app.zones.bars": (
        "各责任区工作量与允许偏差范围",
        "Workload per zone against the tolerance band",
    ),
    "app.zones.bars.caption": (
        "阴影为平均值 ±{tol}%（{low}–{high}），虚线为平均值 {mean}；超出范围的柱子以橙红色或紫色标出。",
        "Shaded: the mean ±{tol}% ({low}–{high}); dashed: the mean {mean}; bars outside the "
        "band are vermilion (above) or purple (below).",
    ),
    "app.zones.bars.alt": (
        "柱状图：{n} 个责任区的工作量，{outside} 个超出 ±{tol}%",
        "Bar chart: workload of {n} zones, {outside} outside ±{tol}%",
    ),
    "app.col.tolerance_status": ("允许偏差", "tolerance"),
    "app.zones.status.within": ("在范围内", "within"),
    "app.zones.status.above": ("偏高，超出", "above, outside"),
    "app.zones.status.below": ("偏低，超出", "below, outside"),
    "app.compare.heads": ("片区长变动（{n}）", "Zone heads changed ({n})"),
    "app.compare.none_heads": ("片区长没有变动。", "No zone head changed."),
    "app.compare.aux": ("驻村辅警变动（{n}）", "Village auxiliaries changed ({n})"),
    "app.compare.none_aux": ("驻村辅警没有变动。", "No village auxiliary changed."),
    "app.compare.vacant": ("（空缺）", "(none)"),
    "app.col.head_before": ("原片区长", "zone head before"),
    "app.col.head_after": ("新片区长", "zone head after"),
    "app.col.aux_before": ("原驻村辅警", "auxiliary before"),
    "app.col.aux_after": ("新驻村辅警", "auxiliary after"),
    "app.col.by_hand": ("手工指定", "chosen by hand"),
    "app.zones.table": ("各责任区", "Zones"),
    "app.zones.map": ("责任区地图", "Zone map"),
    "app.col.zone_id": ("责任区", "zone"),
    "app.col.head": ("片区长", "zone head"),
    "app.col.workload": ("工作量", "workload"),
    "app.col.deviation": ("偏差 %", "deviation %"),
    "app.col.population": ("人口", "population"),
    "app.col.villages": ("村数", "villages"),
    "app.col.area": ("面积 km²", "area km²"),
    "app.col.pp": ("紧凑度", "compactness"),
    "app.col.pp.help": (
        "Polsby–Popper 指数 4πA/P²：圆为 1，越狭长越小",
        "Polsby–Popper 4πA/P²: 1 for a circle, smaller for long thin shapes",
    ),
    "app.col.contiguous": ("连成一片", "one piece"),
    "app.col.centre_distance": ("到中心村平均距离 km", "to centre village km"),
    "app.col.road_distance": ("到中心村平均道路距离 km", "to centre village by road km"),
    "app.col.village_id": ("村编号", "village id"),
    "app.col.name": ("村名", "village"),
    "app.col.from_zone": ("原责任区", "from zone"),
    "app.col.to_zone": ("新责任区", "to zone"),
    "app.col.metric": ("指标", "figure"),
    "app.col.before": ("之前", "before"),
    "app.col.after": ("之后", "after"),
    "app.col.change": ("变化", "change"),
    "app.yes": ("是", "yes"),
    "app.no": ("否", "no"),
    "app.metric.n_zones": ("责任区数", "zones"),
    "app.metric.max_abs_deviation": ("最大工作量偏差 %", "largest workload deviation %"),
    "app.metric.mean_polsby_popper": ("平均紧凑度", "mean compactness"),
    "app.metric.min_polsby_popper": ("最低紧凑度", "lowest compactness"),
    "app.metric.cut_km": ("责任区边界总长 km", "zone borders km"),
    "app.metric.all_contiguous": ("每个责任区连成一片", "every zone in one piece"),
    "app.metric.tolerance_met": ("满足允许偏差", "within the tolerance"),
    "app.metric.moved": ("调整的村", "villages moved"),
    "app.metric.mean_centre_distance_km": (
        "中心村到各村平均距离 km",
        "centre village to villages km",
    ),
    "app.metric.mean_centre_distance_km.help": (
        "每个责任区的中心村（到本区各村按工作量加权的直线距离之和最小的村）到本区各村的平均直线距离，"
        "按工作量加权，全所平均",
        "each zone's centre village is the one with the least workload-weighted straight-line "
        "distance to the zone's villages; this is the workload-weighted mean straight-line "
        "distance from it to the villages, over the station",
    ),
    "app.metric.mean_road_distance_km": (
        "中心村到各村平均道路距离 km",
        "centre village to villages by road km",
    ),
    "app.metric.mean_road_distance_km.help": (
        "同上，按道路计；有 {n} 个村与中心村之间无道路相通，按直线距离 × 绕行系数计",
        "the same by road; {n} villages that no road joins to their centre village count as "
        "straight line × the detour factor",
    ),
    "app.edit.header": ("手工调整", "Hand edits"),
    "app.edit.villages": ("要移动的村", "villages to move"),
    "app.edit.choose": ("输入村名或编号筛选", "type a village name or id"),
    "app.edit.target": ("移到责任区", "move to zone"),
    "app.edit.apply": ("移动", "Move"),
    "app.edit.undo": ("撤销上一步", "Undo"),
    "app.edit.pick": ("请先选择要移动的村。", "Choose the villages to move first."),
    "app.edit.done": (
        "已把 {n} 个村移到责任区 {zone}，表格和地图已更新。",
        "Moved {n} villages to zone {zone}; the table and the map are updated.",
    ),
    "app.edit.undone": ("已撤销上一步。", "The last step was undone."),
    "app.edit.error": ("无法调整：{detail}", "This edit cannot be made: {detail}"),
    "app.edit.locked": ("锁定的村（重新平衡时保持不动）", "locked villages (rebalance keeps them)"),
    "app.edit.rebalance": ("重新平衡", "Rebalance"),
    "app.edit.rebalance.help": (
        "从当前方案出发，锁定的村不动，尽量少移动其他村，使各责任区回到允许偏差内",
        "start from the current plan, keep the locked villages, and move as few other villages "
        "as possible to bring every zone back within the tolerance",
    ),
    "app.edit.proposal": (
        "重新平衡方案：移动 {n} 个村，最大工作量偏差 {dev}%。可在“方案比较”页查看后采用。",
        "Rebalanced proposal: {n} villages move, largest workload deviation {dev}%. See it in "
        "the Compare tab, then adopt it.",
    ),
    "app.edit.adopt": ("采用重新平衡方案", "Adopt the proposal"),
    "app.edit.discard": ("放弃", "Discard"),
    "app.edit.adopted": (
        "已采用重新平衡方案（可撤销）。",
        "The proposal is adopted (undo is possible).",
    ),
    # --- editing on the map, hand choices, rebalance options, patrol update (ui/edit_panel.py,
    # ui/select_map.py) ---
    "app.select_map.zone": ("责任区", "zone"),
    "app.select_map.lasso": ("套索圈选", "Lasso"),
    "app.select_map.clear": ("清除选择", "Clear"),
    "app.select_map.count": ("已选 {n} 个村", "{n} selected"),
    "app.select_map.locked": ("（锁定）", " (locked)"),
    "app.select_map.hint": (
        "在地图上点击村即可选中或取消；点“套索圈选”后按住鼠标圈出一片村。选好后选择目标责任区，"
        "点“移动”。",
        "Click a village on the map to select or unselect it; with “Lasso”, hold the mouse "
        "button and draw around villages. Then choose the target zone and press “Move”.",
    ),
    "app.edit.settings": (
        "责任区设置：名称、锁定、片区长、驻村辅警",
        "Zone settings: name, lock, zone head, auxiliary officer",
    ),
    "app.edit.zone": ("责任区", "zone"),
    "app.edit.name": ("名称", "name"),
    "app.edit.name.save": ("保存名称", "Save name"),
    "app.edit.named": ("责任区 {zone} 已命名为“{name}”。", "Zone {zone} is now called “{name}”."),
    "app.edit.unnamed": ("已去掉责任区 {zone} 的名称。", "Zone {zone} has no name now."),
    "app.edit.lock_zone": (
        "锁定该责任区（不能调入调出村，重新平衡时保持不变）",
        "lock this zone (no village moves in or out; rebalance keeps it)",
    ),
    "app.edit.zone_locked": ("责任区 {zone} 已锁定。", "Zone {zone} is locked."),
    "app.edit.zone_unlocked": ("责任区 {zone} 已解除锁定。", "Zone {zone} is unlocked."),
    "app.edit.locked_zones": (
        "已锁定的责任区：{zones}（其中的村保持不动）",
        "Locked zones: {zones} (their villages stay)",
    ),
    "app.edit.head": ("片区长", "zone head"),
    "app.edit.head.apply": ("指定为片区长", "Make zone head"),
    "app.edit.head.done": (
        "已指定 {officer} 为责任区 {zone} 的片区长。",
        "{officer} is now the zone head of zone {zone}.",
    ),
    "app.edit.head.done_changes": (
        "已指定 {officer} 为责任区 {zone} 的片区长。片区长变化：{changes}",
        "{officer} is now the zone head of zone {zone}. Zone head changes: {changes}",
    ),
    "app.edit.officer.option": ("{officer}（{post}）", "{officer} ({post})"),
    "app.edit.aux.village": ("村", "village"),
    "app.edit.aux": ("驻村辅警", "auxiliary officer"),
    "app.edit.aux.apply": ("指定为驻村辅警", "Make auxiliary"),
    "app.edit.aux.done": (
        "已指定 {officer} 为 {village} 的驻村辅警。",
        "{officer} is now the auxiliary officer of {village}.",
    ),
    "app.edit.officer.head_of": ("现任责任区 {zone} 片区长", "zone head of zone {zone}"),
    "app.edit.officer.free": ("未任片区长", "not a zone head"),
    "app.edit.officer.aux_of": ("现驻 {village}", "now at {village}"),
    "app.edit.officer.spare": ("机动", "spare"),
    "app.edit.manual": ("手工指定", "chosen by hand"),
    "app.edit.manual_suffix": ("，手工指定", ", chosen by hand"),
    "app.edit.options": (
        "重新平衡的两种做法（锁定相同）：移动的村越少，改动越小；偏差越小，越均衡。",
        "Two ways to rebalance under the same locks: fewer villages moved is less change, a "
        "smaller deviation is better balance.",
    ),
    "app.edit.option.minimal": ("尽量少移动", "fewest moves"),
    "app.edit.option.fresh": ("重新划分", "fresh plan"),
    "app.edit.option.col.option": ("做法", "way"),
    "app.edit.option.col.moved": ("移动的村", "villages moved"),
    "app.edit.option.col.dev": ("最大偏差 %", "largest deviation %"),
    "app.edit.option.col.met": ("在允许偏差内", "within tolerance"),
    "app.edit.option.col.heads": ("片区长变化", "zone head changes"),
    "app.edit.option.choose": ("采用哪一种", "which to adopt"),
    "app.edit.option.recommended": ("（推荐）", " (recommended)"),
    "app.edit.option.why.fewer": (
        "两种做法都在允许偏差内，推荐移动村更少的一种。",
        "Both are within the tolerance: the one that moves fewer villages is recommended.",
    ),
    "app.edit.option.why.only": (
        "只有推荐的做法在允许偏差内。",
        "Only the recommended one is within the tolerance.",
    ),
    "app.edit.option.why.closer": (
        "两种做法都超出允许偏差，推荐更均衡的一种。",
        "Neither is within the tolerance: the better balanced one is recommended.",
    ),
    "app.edit.heads_changed": (
        "采用后片区长的变化：{changes}",
        "Adopting it changes these zone heads: {changes}",
    ),
    "app.edit.patrols": ("更新巡逻线", "Update patrol lines"),
    "app.edit.patrols.help": (
        "只为手工调整过的责任区重新规划巡逻线和岗点，其他责任区不变",
        "plan the patrol lines and posts again for the zones changed by hand only; the others "
        "stay as they are",
    ),
    "app.edit.patrols.done": (
        "已更新责任区 {zones} 的巡逻线和岗点。",
        "The patrol lines and posts of zones {zones} are updated.",
    ),
    "app.plan.refreshing": ("正在更新巡逻线…", "Updating patrol lines…"),
    "app.compare.against": ("比较", "Compare"),
    "app.compare.original": ("生成时的方案 → 当前方案", "as planned → current"),
    "app.compare.proposed": ("当前方案 → 重新平衡方案", "current → rebalanced proposal"),
    "app.compare.upload": ("上传的旧方案 → 当前方案", "uploaded plan → current"),
    "app.compare.no_proposal": (
        "还没有重新平衡方案：在“责任区”页锁定要保留的村，再点“重新平衡”。",
        "No proposal yet: lock the villages to keep in the Zones tab, then press “Rebalance”.",
    ),
    "app.compare.upload_label": (
        "已保存的方案（方案文件夹压缩成的 zip）",
        "a saved plan (its plan folder as a zip)",
    ),
    "app.compare.upload_hint": (
        "上传一个已保存方案的 zip（zones plan 或“导出”页生成的方案文件夹）。",
        "Upload a saved plan as a zip (a plan folder written by zones plan or the Export tab).",
    ),
    "app.compare.upload_error": (
        "无法读取上传的方案：{detail}",
        "The uploaded plan cannot be read: {detail}",
    ),
    "app.compare.overall": ("总体指标", "Overall figures"),
    "app.compare.moved": ("调整的村（{n}）", "Villages moved ({n})"),
    "app.compare.none_moved": (
        "两个方案的村划分相同。",
        "Both plans put every village in the same zone.",
    ),
    "app.compare.zones": ("各责任区的变化", "Changes per zone"),
    "app.compare.unmatched": (
        "{n} 个村只出现在其中一个方案中，未参与比较。",
        "{n} villages appear in only one of the plans and are left out.",
    ),
    "app.compare.map_before": ("之前", "Before"),
    "app.compare.map_after": ("之后", "After"),
    # app tabs (ui/staffing_tab.py, ui/patrol_tab.py, ui/export_tab.py, ui/roster_tab.py)
    "app.tabs.staffing": ("警力配置", "Staffing"),
    "app.tabs.patrol": ("巡逻", "Patrol"),
    "app.tabs.export": ("导出", "Export"),
    "app.tabs.roster": ("值班表", "Duty roster"),
    "app.tabs.error": (
        "“{tab}”页显示时发生意外错误，详情已记入服务器日志。请重试，或联系管理员。",
        "An unexpected error occurred in the “{tab}” tab; the details are in the server log. "
        "Try again, or contact the administrator.",
    ),
    "app.tabs.profile": ("显示范围", "Show"),
    "app.tabs.profile.public": ("公开版（警号与代号）", "public (ids and role codes)"),
    "app.tabs.profile.internal": ("内部版（含姓名、电话）", "internal (names and phones)"),
    "app.tabs.profile.help": (
        "公开版与公开地图一致，只显示警号和“片区长-03”这样的代号；内部版加上姓名和电话，仅供内部使用。",
        "The public version matches the public map: officer ids and role codes such as "
        "“Zone head 03” only; the internal one adds names and phone numbers, for internal use.",
    ),
    "app.tabs.col.zone_id": ("责任区", "zone"),
    "app.tabs.col.role_code": ("代号", "role code"),
    "app.tabs.col.officer_id": ("警号", "officer id"),
    "app.tabs.col.officer_name": ("姓名", "name"),
    "app.tabs.col.phone": ("电话", "phone"),
    "app.tabs.col.head_known_villages": ("熟悉的村数", "villages known"),
    "app.tabs.col.head_distance_km": ("住处距责任区 km", "home to zone km"),
    "app.tabs.col.n_units": ("村数", "villages"),
    "app.tabs.col.population": ("人口", "population"),
    "app.tabs.col.village_id": ("村编号", "village id"),
    "app.tabs.col.village_name": ("村名", "village"),
    "app.tabs.col.township": ("乡镇/街道", "township"),
    "app.tabs.col.aux_reason": ("选派依据", "chosen because"),
    "app.tabs.col.aux_distance_km": ("距离 km", "distance km"),
    "app.tabs.col.status": ("状态", "status"),
    "app.tabs.col.name": ("名称", "name"),
    "app.tabs.col.length_m": ("长度（米）", "length (m)"),
    "app.tabs.col.minutes": ("用时（分钟）", "time (min)"),
    "app.tabs.col.hours": ("时段", "hours"),
    "app.tabs.col.patrol_minutes": ("巡逻用时（分钟）", "patrol time (min)"),
    "app.tabs.col.patrol_length_m": ("巡逻线长度（米）", "patrol line length (m)"),
    "app.tabs.col.patrol_stops": ("途经点", "stops"),
    "app.tabs.col.patrol_dropped": ("未能纳入的点", "stops left out"),
    "app.tabs.col.patrol_coverage": ("巡逻线覆盖平峰警情 %", "off-peak incidents near the line %"),
    "app.tabs.col.post_coverage": ("岗点覆盖高峰警情 %", "peak incidents near a post %"),
    "app.tabs.col.posts": ("高峰岗点", "posts"),
    "app.tabs.col.offpeak_incidents": ("平峰警情", "off-peak incidents"),
    "app.tabs.col.peak_incidents": ("高峰警情", "peak incidents"),
    "app.tabs.col.offpeak_covered": ("其中巡逻线覆盖", "of them near the line"),
    "app.tabs.col.peak_covered": ("其中岗点覆盖", "of them near a post"),
    "app.tabs.col.base_median_m": ("驻点到警情中位距离（米）", "base to incidents, median (m)"),
    "app.tabs.col.base_p90_m": ("驻点到警情 90% 分位（米）", "base to incidents, 90th pct (m)"),
    "app.tabs.col.base_max_m": ("驻点到警情最远（米）", "base to incidents, max (m)"),
    "app.tabs.col.drive_minutes": ("行驶用时（分钟）", "driving (min)"),
    "app.tabs.col.incidents": ("警情（起）", "incidents"),
    "app.tabs.col.stops": ("途经点", "stops"),
    "app.tabs.col.approximate": ("直线近似", "approximate (straight)"),
    "app.tabs.yes": ("是", "yes"),
    "app.tabs.no": ("否", "no"),
    "app.tabs.metric.patrol_lines": ("平峰巡逻线（条）", "off-peak patrol lines"),
    "app.tabs.metric.posts": ("高峰岗点（个）", "peak-hour posts"),
    "app.tabs.metric.patrol_stops": ("巡逻途经点", "patrol stops"),
    "app.tabs.metric.patrol_stops_dropped": (
        "时限内未能纳入巡逻线的点",
        "stops left out by the time budget",
    ),
    "app.tabs.metric.patrol_coverage_offpeak": (
        "巡逻线覆盖的平峰警情",
        "off-peak incidents near a patrol line",
    ),
    "app.tabs.metric.post_coverage_peak": ("岗点覆盖的高峰警情", "peak incidents near a post"),
    "app.tabs.metric.base_distance_m_median": (
        "驻点到警情道路距离中位数（米）",
        "base to incident road distance, median (m)",
    ),
    "app.tabs.metric.base_distance_m_p90": (
        "驻点到警情道路距离 90% 分位（米）",
        "base to incident road distance, 90th percentile (m)",
    ),
    "app.tabs.metric.base_distance_m_max": (
        "驻点到警情道路距离最大值（米）",
        "base to incident road distance, maximum (m)",
    ),
    "app.tabs.metric.base_unreachable": (
        "驻点经道路无法到达的警情",
        "incidents the base cannot reach by road",
    ),
    "app.tabs.metric.patrol_approximate": (
        "巡逻线按直线近似（无道路数据）",
        "patrol lines drawn straight (no roads)",
    ),
    # --- Chinese throughout (issue 15): the people's spreadsheets (ui/sheets.py), figures without
    # a label, singular forms (.one) --------------------------------------------------------------
    "app.sheet.zones": ("责任区", "zones"),
    "app.sheet.villages": ("村", "villages"),
    "app.sheet.roster": ("排班", "roster"),
    "app.sheet.col.zone_name": ("责任区名称", "zone name"),
    "app.sheet.col.head_officer_id": ("片区长警号", "zone head id"),
    "app.sheet.col.head_reason": ("片区长选派方式", "zone head chosen"),
    "app.sheet.head_reason.matched": ("统筹分配", "by the optimal assignment"),
    "app.sheet.head_reason.manual": ("手工指定", "by hand"),
    "app.sheet.col.perimeter_km": ("周长 km", "perimeter km"),
    "app.sheet.col.centre_village": ("中心村编号", "centre village id"),
    "app.sheet.col.patrol_length_km": ("巡逻线长度 km", "patrol line length km"),
    "app.sheet.col.kind": ("类型", "kind"),
    "app.sheet.kind.village": ("行政村", "village"),
    "app.sheet.kind.community": ("社区", "community"),
    "app.sheet.col.households": ("户数", "households"),
    "app.sheet.col.incidents": ("警情（起）", "incidents"),
    "app.sheet.col.aux_officer_id": ("驻村辅警警号", "auxiliary officer id"),
    "app.sheet.col.aux_reason": ("驻村辅警选派依据", "auxiliary chosen because"),
    "app.sheet.col.aux_distance_km": ("驻村辅警住处距离 km", "auxiliary's home distance km"),
    "app.sheet.col.room_status": ("乡村警务室", "village police room"),
    "app.tabs.metric.patrol_rooms_far": (
        "离巡逻线太远未纳入的乡村警务室",
        "village police rooms too far from the line to include",
    ),
    "app.edit.done.one": (
        "已把 {n} 个村移到责任区 {zone}，表格和地图已更新。",
        "Moved {n} village to zone {zone}; the table and the map are updated.",
    ),
    "app.edit.proposal.one": (
        "重新平衡方案：移动 {n} 个村，最大工作量偏差 {dev}%。可在“方案比较”页查看后采用。",
        "Rebalanced proposal: {n} village moves, largest workload deviation {dev}%. See it in "
        "the Compare tab, then adopt it.",
    ),
    "app.zones.outside.one": (
        "{n} 个责任区的工作量超出平均值 ±{tol}%（表中标出）。",
        "{n} zone is outside ±{tol}% of the mean workload (marked in the table).",
    ),
    "app.metric.mean_road_distance_km.help.one": (
        "同上，按道路计；有 {n} 个村与中心村之间无道路相通，按直线距离 × 绕行系数计",
        "the same by road; {n} village that no road joins to its centre village counts as "
        "straight line × the detour factor",
    ),
    "app.compare.unmatched.one": (
        "{n} 个村只出现在其中一个方案中，未参与比较。",
        "{n} village appears in only one of the plans and is left out.",
    ),
    "app.patrol.route.one": ("巡逻顺序（途经 {n} 处）", "Order of stops ({n} stop)"),
    "app.plan.summary.one": (
        "{name}：{n} 个责任区，最大工作量偏差 {dev}%，平均紧凑度 {pp}",
        "{name}: {n} zone, largest workload deviation {dev}%, mean compactness {pp}",
    ),
    "app.staffing.heads": ("片区长", "Zone heads"),
    "app.staffing.aux": ("一村一辅警", "One auxiliary officer per village"),
    "app.staffing.short": (
        "有 {n} 个村没有驻村辅警（红色行），工作量大的村已优先配备。",
        "Villages without an auxiliary officer (red rows): {n}. The busiest villages were staffed first.",
    ),
    "app.staffing.only_short": ("只看缺辅警的村", "only villages without an auxiliary"),
    "app.staffing.status.staffed": ("已配备", "staffed"),
    "app.staffing.status.short": ("缺辅警", "no auxiliary"),
    "app.staffing.pool": ("机动辅警", "Spare auxiliary officers"),
    "app.staffing.pool_empty": (
        "没有未分配到村的辅警。",
        "Every auxiliary officer is posted to a village.",
    ),
    "app.staffing.pool_n": (
        "{n} 名辅警未分配到村，可安排到警务室值守或巡逻。",
        "Auxiliary officers not posted to a village: {n}. Deploy them to police rooms or patrols.",
    ),
    "app.staffing.fig.heads": ("片区长", "zone heads"),
    "app.staffing.fig.staffed": ("已配辅警的村", "villages staffed"),
    "app.staffing.fig.short": ("缺辅警的村", "villages short"),
    "app.staffing.fig.spare": ("机动辅警", "spare auxiliaries"),
    "app.staffing.fig.home": ("本村人", "live there"),
    "app.staffing.fig.familiar": ("熟悉该村", "know the village"),
    "app.staffing.no_warnings": ("警力配置没有问题。", "No staffing problems."),
    "app.patrol.none": (
        "本方案没有巡逻线和高峰岗点（尚未规划巡逻）。",
        "No patrol lines or peak-hour posts in this plan (patrols not planned yet).",
    ),
    "app.patrol.coverage": ("覆盖情况", "Coverage"),
    "app.patrol.by_zone": ("各责任区", "Per zone"),
    "app.patrol.lines": ("平峰巡逻线（{n}）", "Off-peak patrol lines ({n})"),
    "app.patrol.posts": ("高峰岗点（{n}）", "Peak-hour posts ({n})"),
    "app.patrol.figure": ("指标", "figure"),
    "app.patrol.value": ("数值", "value"),
    # patrol tab: a zone's route (ui/patrol_tab.py)
    "app.patrol.zone": ("查看责任区", "Zone to show"),
    "app.patrol.zone_option": ("责任区 {zone} · 巡逻线 {km} 公里", "Zone {zone} · line {km} km"),
    "app.patrol.zone_option_no_line": ("责任区 {zone} · 无巡逻线", "Zone {zone} · no patrol line"),
    "app.patrol.all_zones": ("全部责任区（总览）", "All zones (overview)"),
    "app.patrol.stale": (
        "责任区 {zones} 手工调整过，巡逻线和岗点仍是调整前的：请在“责任区”页点“更新巡逻线”。",
        "Zones {zones} were edited by hand and their patrol lines and posts are still the ones "
        "drawn before: press “Update patrol lines” on the Zones tab.",
    ),
    "app.patrol.summary": (
        "责任区 {zone}：巡逻线 {km} 公里，约 {minutes} 分钟（行车约 {drive} 分钟），"
        "途经 {stops} 处；高峰岗点 {posts} 处。",
        "Zone {zone}: patrol line {km} km, about {minutes} min ({drive} min driving), "
        "{stops} stops; {posts} peak-hour posts.",
    ),
    "app.patrol.summary_no_line": (
        "责任区 {zone} 没有巡逻线；高峰岗点 {posts} 处。",
        "Zone {zone} has no patrol line; {posts} peak-hour posts.",
    ),
    "app.patrol.summary_all": (
        "{lines} 条巡逻线，共 {km} 公里；高峰岗点 {posts} 处。选择一个责任区可看它的巡逻顺序。",
        "{lines} patrol lines, {km} km in all; {posts} peak-hour posts. "
        "Choose a zone to see the order of its stops.",
    ),
    "app.patrol.route": ("巡逻顺序（途经 {n} 处）", "Order of stops ({n} stops)"),
    "app.patrol.route_help": (
        "从出发点起按顺序巡逻，最后回到出发点；到达时间按行车时间与停留时间估算。",
        "Patrol the stops in this order from the start and back to it; the times are estimated "
        "from the driving and stopping minutes.",
    ),
    "app.patrol.dropped": ("未纳入巡逻线的点（{n}）", "Stops left out of the line ({n})"),
    "app.patrol.zone_posts": ("本责任区高峰岗点（{n}）", "Peak-hour posts of this zone ({n})"),
    "app.patrol.all": ("全部责任区", "All zones"),
    "app.patrol.back_mark": ("返回", "back"),
    "app.patrol.route_roads": ("沿道路", "along roads"),
    "app.patrol.route_straight": ("直线估算", "straight-line estimate"),
    "app.patrol.col.zone": ("责任区", "zone"),
    "app.patrol.col.order": ("顺序", "order"),
    "app.patrol.col.place": ("地点", "place"),
    "app.patrol.col.kind": ("类型", "type"),
    "app.patrol.col.along_km": ("距出发点（公里）", "from the start (km)"),
    "app.patrol.col.arrive": ("出发后约几分钟到达", "reached after about (min)"),
    "app.patrol.col.dwell": ("停留（分钟）", "stay (min)"),
    "app.patrol.col.incidents": ("附近平峰警情（起）", "off-peak incidents nearby"),
    "app.patrol.col.reason": ("未纳入原因", "left out because"),
    "app.patrol.col.post": ("岗点", "post"),
    "app.patrol.col.hours": ("站岗时段", "hours"),
    "app.patrol.col.covered": ("覆盖高峰警情（起）", "peak incidents covered"),
    "app.patrol.col.length_km": ("巡逻线长度（公里）", "patrol line (km)"),
    "app.patrol.col.minutes": ("一圈用时（分钟）", "one loop (min)"),
    "app.patrol.col.drive_minutes": ("其中行车（分钟）", "of which driving (min)"),
    "app.patrol.col.stops": ("途经点", "stops"),
    "app.patrol.col.posts": ("高峰岗点", "peak-hour posts"),
    "app.patrol.col.route": ("线路", "route"),
    "app.patrol.km.patrol_length_m": ("巡逻线长度（公里）", "patrol line (km)"),
    "app.patrol.km.base_median_m": ("驻点到警情中位距离（公里）", "base to incidents, median (km)"),
    "app.patrol.km.base_p90_m": ("驻点到警情 90% 分位（公里）", "base to incidents, 90th pct (km)"),
    "app.patrol.km.base_max_m": ("驻点到警情最远（公里）", "base to incidents, max (km)"),
    "app.patrol.km.base_distance_m_median": (
        "驻点到警情中位距离（公里）",
        "base to incidents, median (km)",
    ),
    "app.patrol.km.base_distance_m_p90": (
        "驻点到警情 90% 分位（公里）",
        "base to incidents, 90th pct (km)",
    ),
    "app.patrol.km.base_distance_m_max": ("驻点到警情最远（公里）", "base to incidents, max (km)"),
    "app.export.confirm": (
        "我确认导出内部资料（含姓名、电话），注意保密",
        "I confirm exporting internal material (names, phones) and will keep it confidential",
    ),
    "app.export.confirm_needed": (
        "内部版地图和方案压缩包需先勾选上面的确认。",
        "Tick the confirmation above to download the internal map and plan zip.",
    ),
    "app.export.lazy": (
        "文件在点击时生成；同一方案再次下载无需等待。",
        "Files are made when you click; the same plan downloads again at once.",
    ),
    "app.export.html": ("离线地图（HTML）", "Offline map (HTML)"),
    "app.export.html.help": (
        "单个文件，断网可打开；公开版显示代号，内部版显示姓名电话并标注“内部资料 注意保密”。",
        "One file that opens with no network; public shows role codes, internal shows names and "
        "phones under “Internal — confidential”.",
    ),
    "app.export.zip": ("方案文件夹（GeoJSON 压缩包）", "Plan folder (GeoJSON zip)"),
    "app.export.zip.help": (
        "全部图层（GeoJSON）、表格和 plan.json，可再次读入；公开版不含 officers.csv（姓名、电话）。",
        "Every layer (GeoJSON), the tables and plan.json, readable again; the public zip leaves "
        "out officers.csv (names, phones).",
    ),
    "app.export.gpkg": ("GeoPackage", "GeoPackage"),
    "app.export.gpkg.help": (
        "同样的图层合在一个文件中，可用 QGIS、ArcGIS 打开（只含警号）。",
        "The same layers in one file for QGIS or ArcGIS (officer ids only).",
    ),
    "app.export.xlsx": ("Excel 表格（XLSX）", "Spreadsheet (XLSX)"),
    "app.export.xlsx.help": (
        "责任区、村、排班三个工作表。",
        "Sheets for zones, villages and the roster.",
    ),
    "app.export.zones_csv": ("责任区表（CSV）", "Zones (CSV)"),
    "app.export.zones_csv.help": (
        "每个责任区一行：工作量、紧凑度、人口、片区长警号。",
        "One row per zone: workload, compactness, population, zone head's id.",
    ),
    "app.export.villages_csv": ("村表（CSV）", "Villages (CSV)"),
    "app.export.villages_csv.help": (
        "每个村一行：所属责任区、驻村辅警警号、乡村警务室。",
        "One row per village: its zone, its auxiliary's id, its village police room.",
    ),
    "app.export.audit": ("本次导出记录（{n}）", "Downloads in this session ({n})"),
    "app.export.audit_empty": ("尚未下载任何文件。", "Nothing downloaded yet."),
    "app.export.audit.time": ("时间", "time"),
    "app.export.audit.profile": ("版本", "profile"),
    "app.export.audit.plan": ("方案", "plan"),
    "app.export.audit.file": ("文件", "file"),
    "app.export.audit.user": ("用户", "user"),
    # --- issue 15 (H1): download file names (ui/downloads.py file_name): station-what-date ---
    "app.file.map": ("责任区方案", "zone-plan"),
    "app.file.plan": ("方案文件", "plan-files"),
    "app.file.layers": ("图层", "layers"),
    "app.file.tables": ("方案表格", "plan-tables"),
    "app.file.zones": ("责任区表", "zones"),
    "app.file.villages": ("村社表", "villages"),
    "app.file.roster": ("值班表", "duty-roster"),
    "app.file.public": ("公开", "public"),
    "app.file.internal": ("内部", "internal"),
    "app.file.untitled": ("未命名方案", "untitled-plan"),
    # sign-in and roles (ui/auth.py, ui/tables.py) and the users command (ui/users.py)
    "app.auth.title": ("登录", "Sign in"),
    "app.auth.intro": (
        "本服务器需登录后使用。账号由管理员用 `python -m ui.users add` 添加。",
        "This server needs you to sign in. The administrator adds accounts with "
        "`python -m ui.users add`.",
    ),
    "app.auth.name": ("用户名", "User name"),
    "app.auth.password": ("密码", "Password"),
    "app.auth.submit": ("登录", "Sign in"),
    "app.auth.failed": (
        "用户名或密码错误，请重试（还可尝试 {left} 次）。",
        "Wrong user name or password; try again ({left} attempts left).",
    ),
    "app.auth.locked": (
        "尝试次数过多，请 {seconds} 秒后再试。",
        "Too many attempts; try again in {seconds} seconds.",
    ),
    "app.auth.file_error": (
        "用户文件无法读取，暂时无法登录。详情已记入服务器日志，请联系管理员。",
        "The users file cannot be read, so nobody can sign in. The details are in the server "
        "log; contact the administrator.",
    ),
    "app.auth.signed_in": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "app.auth.sign_out": ("退出登录", "Sign out"),
    "app.auth.role.viewer": ("浏览人员", "viewer"),
    "app.auth.role.commander": ("指挥人员", "commander"),
    "app.auth.public_only": (
        "显示范围：公开版（警号与代号）。您的账号不能查看或导出内部资料。",
        "Showing the public version (ids and role codes). Your account cannot see or export "
        "internal material.",
    ),
    "app.users.password": ("密码：", "Password: "),
    "app.users.password_again": ("再次输入密码：", "Password again: "),
    "app.users.mismatch": (
        "两次输入的密码不一致，未作修改。",
        "The passwords differ; nothing changed.",
    ),
    "app.users.no_password": ("未读到密码，未作修改。", "No password was read; nothing changed."),
    "app.users.added": (
        "已添加用户 {name}（{role}）：{file}",
        "Added user {name} ({role}) to {file}",
    ),
    "app.users.replaced": (
        "已更新用户 {name}（{role}）的角色和密码：{file}",
        "Replaced the role and password of user {name} ({role}) in {file}",
    ),
    "app.users.removed": ("已删除用户 {name}：{file}", "Removed user {name} from {file}"),
    "app.users.unknown": ("没有用户 {name}。", "There is no user {name}."),
    "app.users.failed": (
        "用户文件操作失败：{error}",
        "The users file could not be changed: {error}",
    ),
    "app.users.bad_name": (
        "用户名须为 1 至 {n} 个字符，且不含控制字符。",
        "A user name has 1 to {n} characters and no control characters.",
    ),
    "app.users.bad_role": ("角色须为 {roles} 之一。", "The role is one of {roles}."),
    "app.users.bad_password": (
        "密码须为 {low} 至 {high} 个字符。",
        "A password has {low} to {high} characters.",
    ),
    "app.roster.none": (
        "本方案还没有值班表。选择开始日期和天数后点击“编排值班表”。",
        "This plan has no duty roster yet. Choose a start date and a number of days, then press "
        "“Make the roster”.",
    ),
    "app.roster.session": (
        "此值班表在本页编排，未写入方案；请用下面的按钮下载。",
        "This roster was made on this page and is not part of the plan; download it below.",
    ),
    "app.roster.no_officers": (
        "本方案没有警力名单，无法编排值班表。",
        "This plan has no officer list, so no roster can be made.",
    ),
    "app.roster.start": ("开始日期", "start date"),
    "app.roster.days": ("天数", "days"),
    "app.roster.flag": ("人手不足时仍排出，并标明空缺", "if short of people, mark the gaps"),
    "app.roster.flag.help": (
        "不勾选时，只要有一天排不满就不出值班表，只列出缺员情况。",
        "Unticked, a single day that cannot be staffed stops the roster and only the "
        "shortfall is listed.",
    ),
    "app.roster.run": ("编排值班表", "Make the roster"),
    "app.roster.running": ("正在编排值班表…", "Making the roster…"),
    "app.roster.error": ("无法编排值班表：{error}", "The roster cannot be made: {error}"),
    "app.roster.col.filled": ("在岗（1+3+2）", "on duty (1+3+2)"),
    "app.roster.short": (
        "有 {days} 天未排满（红色行）：",
        "Days not fully staffed (red rows): {days}.",
    ),
    "app.roster.full": (
        "{days} 天全部按 1+3+2 排满。",
        "All {days} days are staffed to the 1+3+2 pattern.",
    ),
    "app.roster.per_officer": ("每人值班天数（{n} 人）", "Duty days per officer ({n})"),
    "app.roster.csv": ("下载值班表（CSV）", "Download the roster (CSV)"),
    "app.roster.xlsx": ("下载值班表（XLSX）", "Download the roster (XLSX)"),
}

TABLES: tuple[Texts, ...] = (TEXTS, *MAP_TABLES)
"""Where :func:`t` looks: the app's table, then the map's and the core's."""


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Return the text for ``key`` in ``lang``, with ``params`` filled in.

    Parameters
    ----------
    key
        A key of :data:`TEXTS` or of a table below it (:mod:`maps.i18n`, :mod:`zones.i18n`).
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
