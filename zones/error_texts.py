"""The words of the core's coded errors (``error.<code>``), Chinese and English, and the
singular forms of the core's counted texts (``<key>.one``, taken when ``n`` is 1).

Part of the core's translation table: :mod:`zones.i18n` adds these to its ``TEXTS``, so
:func:`zones.i18n.t` reads them like any other key. Each is the message of one
:class:`~zones.errors.ZonePlannerError` raised with ``code=`` (see :mod:`zones.errors`); the
English text is also ``str(error)``. Keep the two languages' ``{fields}`` identical
(``tests/test_i18n.py``).
"""

from __future__ import annotations

ERROR_TEXTS: dict[str, tuple[str, str]] = {
    # --- zoning (zones/zoning: facade, search, locks, nesting) ---
    "error.zoning.n_zones": (
        "责任区数必须是 1 到村数（{n}）之间的整数，现为 {n_zones}",
        "n_zones must be a whole number from 1 to the number of units ({n}), got {n_zones}",
    ),
    "error.zoning.tolerance": (
        "允许偏差必须在 0 到 1 之间（0.05 即 ±5%），现为 {tolerance}",
        "tolerance must be between 0 and 1 (0.05 = ±5%), got {tolerance}",
    ),
    "error.zoning.locked_split": (
        "锁定到责任区 {zones} 的村无法连成一片，除非让另一个责任区没有村；请解锁其中一些村，"
        "或减少责任区数",
        "the villages locked to zone(s) {zones} cannot be joined into one piece without "
        "emptying another zone; unlock some of them or use fewer zones",
    ),
    "error.zoning.nest_split": (
        "责任区 {zones} 无法连成一片：村 {units} 在所属乡镇（嵌套区域）内不与可并入的其他责任区"
        "相邻（该区域本身是否分成了几块？）。请合并或拆分该区域，或不按乡镇划分",
        "zone(s) {zones} cannot be made one connected piece: units {units} touch no other zone "
        "of their nest_within area that they could join (is that area itself in separate "
        "pieces?). Merge or split that area, or plan without nesting",
    ),
    "error.zoning.locks_empty": (
        "锁定后有 {n} 个责任区没有村：其余未锁定的村都要用来连接锁定的村。请少锁定一些村，"
        "或减少责任区数",
        "the locks leave {n} zone(s) without any village: every free village is needed to "
        "connect locked ones. Lock fewer villages or use fewer zones",
    ),
    "error.zoning.nest_empty": (
        "有 {n} 个责任区没有村：所属乡镇（嵌套区域）内没有村能移入而不把另一个责任区分开。"
        "请减少责任区数",
        "{n} zone(s) are left without any unit: no unit of their nest_within area can move "
        "into them without splitting another zone. Use fewer zones",
    ),
    "error.zoning.previous_missing": (
        "原方案中有 {n} 个村没有责任区（{ids}）",
        "previous has no zone for {n} units ({ids})",
    ),
    "error.zoning.previous_count": (
        "原方案有 {previous} 个责任区，但责任区数为 {k}；在原方案基础上调整时责任区数保持不变",
        "previous has {previous} zones but n_zones is {k}; minimal-change planning keeps the "
        "number of zones",
    ),
    "error.zoning.previous_nest": (
        "原方案的责任区 {zone} 跨了 {n} 个乡镇（嵌套区域）；按乡镇划分时每个责任区须在一个区域内",
        "previous zone '{zone}' spans {n} nest_within areas; nesting needs every zone inside "
        "one area",
    ),
    "error.zoning.locked_unknown": (
        "要锁定的 {n} 个村不在方案中（{ids}）；请使用村编号",
        "locked names {n} units that are not in the units ({ids}); use ids from units.index",
    ),
    "error.zoning.locked_zones_unknown": (
        "锁定所指的责任区 {zones} 不在原方案中（原方案的责任区：{known}）",
        "locked refers to zones {zones} that are not in previous ({known})",
    ),
    "error.zoning.locked_outside_nest": (
        "村 {unit} 被锁定到所属乡镇（嵌套区域）以外的责任区",
        "unit '{unit}' is locked to a zone outside its nest_within area",
    ),
    "error.zoning.locked_too_many_zones": (
        "锁定涉及 {n} 个责任区，但责任区数只有 {k}",
        "locked names {n} zones but n_zones is {k}",
    ),
    "error.zoning.locked_across_nests": (
        "锁定到责任区 {zone} 的村分属不同的乡镇（嵌套区域）",
        "units locked to zone '{zone}' lie in different nest_within areas",
    ),
    "error.zoning.nest_column": (
        "村数据中没有用于划分的列 {column}",
        "nest_within column '{column}' is not in the units",
    ),
    "error.zoning.nest_missing": (
        "{n} 个村没有所属乡镇（嵌套区域）（{ids}）；请补填",
        "nest_within has no area for {n} units ({ids}); fill it in",
    ),
    "error.zoning.nest_pieces": (
        "乡镇（嵌套区域）{area} 分成了 {n} 块互不相连的部分，其中的责任区无法连成一片。"
        "请合并或拆分该区域，或不按乡镇划分",
        "nest_within area '{area}' is in {n} separate pieces; zones inside it could not be "
        "connected. Merge or split that area, or plan without nesting",
    ),
    "error.zoning.nest_too_few": (
        "{k} 个责任区不够覆盖 {g} 个乡镇（嵌套区域）：至少需要 {g} 个责任区",
        "{k} zones cannot cover {g} nesting areas: use at least {g} zones",
    ),
    # --- workload (zones/zoning/workload.py) ---
    "error.workload.column": (
        "工作量依据的列 {column} 不在村数据中；可用的数值列：{numeric}（或用 area / units）",
        "workload column '{column}' is not in the units; numeric columns are {numeric} "
        "(or use 'area' / 'units')",
    ),
    "error.workload.no_columns": ("无", "none"),
    "error.workload.weights": (
        "工作量权重必须是非负数且不全为 0，现为 {weights}",
        "workload weights must be non-negative and not all zero, got {weights}",
    ),
    "error.workload.kind": (
        "工作量必须是列名、Series 或 {{列名: 权重}}，而不是 {kind}",
        "workload must be a column name, a Series or a {{column: weight}} dict, not {kind}",
    ),
    "error.workload.negative": (
        "{n} 个村的工作量为负（{ids}）；工作量必须 ≥ 0",
        "workload is negative for {n} units ({ids}); workloads must be ≥ 0",
    ),
    "error.workload.zero": (
        "所有村的工作量都是 0：请选择有数值的依据，或按村数（units）",
        "workload is zero for every unit: choose a column with values, or 'units'",
    ),
    "error.workload.weight_text": (
        "工作量权重“{part}”不是“名称=数值”的形式（如 incidents=0.6）",
        "workload weight '{part}' is not name=number (e.g. incidents=0.6)",
    ),
    # --- the plan (zones/plan) ---
    "error.plan.n_zones": (
        "责任区数必须是不小于 1 的整数（现为 {n_zones}），或留空由系统建议",
        "n_zones must be a whole number of at least 1 (got {n_zones}); or None to suggest",
    ),
    "error.plan.profile": (
        "未知的显示范围 {profile}；请用 public（公开版）或 internal（内部版）",
        "unknown profile {profile}; use 'public' or 'internal'",
    ),
    # --- staffing (zones/staffing) ---
    "error.staff.heads_short": (
        "{n_zones} 个责任区需要 {n_zones} 名片区长，但可用的民警只有 {police} 名，缺 {missing} 名。"
        "请最多划分 {police} 个责任区，或把更多民警标为可用",
        "{n_zones} zones need {n_zones} zone heads, but only {police} sworn officers are "
        "available: {missing} missing. Plan at most {police} zones, or mark more sworn officers "
        "available",
    ),
    "error.staff.must_exceeds": (
        "有 {must} 个村必须配备驻村辅警，但辅警只有 {n} 名",
        "{must} villages must be staffed, but only {n} auxiliaries exist",
    ),
    "error.staff.matching_failed": (
        "驻村辅警分配求解失败（{status}）；请连同场景数据报告此问题",
        "auxiliary matching failed ({status}); report this with the scenario",
    ),
    # --- patrol settings and peak hours (zones/patrol) ---
    "error.patrol.budget": (
        "每圈巡逻时长 {budget} 分钟不在 0 到 {max} 分钟（一天）之间；请填如 60 分钟",
        "patrol budget {budget} min is not between 0 and {max} (one day); give e.g. 60 minutes",
    ),
    "error.patrol.stop": (
        "每个热点停留 {stop} 分钟不在 0 到每圈巡逻时长（{budget} 分钟）之间；请填如 12 分钟",
        "stop time {stop} min is not between 0 and the patrol budget ({budget} min); give e.g. "
        "12 minutes",
    ),
    "error.patrol.radius": (
        "覆盖半径 {radius} 米不在 0 到 {max} 米之间；请填如 300 米",
        "coverage radius {radius} m is not between 0 and {max} m; give e.g. 300 m",
    ),
    "error.peaks.format": (
        "高峰时段“{part}”不是“时:分-时:分”的格式；请写成如 07:30-09:00",
        "peak window '{part}' is not HH:MM-HH:MM; write e.g. 07:30-09:00",
    ),
    "error.peaks.range": (
        "高峰时段“{part}”的时间超出 00:00-24:00；请写成如 07:30-09:00",
        "peak window '{part}' has a time outside 00:00-24:00; write e.g. 07:30-09:00",
    ),
    "error.peaks.empty": (
        "高峰时段“{part}”的开始和结束相同；请写出开始和结束时间",
        "peak window '{part}' is empty; give its start and end",
    ),
    # --- roster (zones/roster) ---
    "error.roster.on_shortage": (
        'on_shortage 只能是 "raise" 或 "flag"，现为 {value}',
        'on_shortage must be "raise" or "flag", not {value}',
    ),
    "error.roster.time_limit": (
        "time_limit_s 必须是正数（秒），现为 {value}",
        "time_limit_s must be a positive number of seconds, not {value}",
    ),
    "error.roster.not_a_date": (
        "{what}：{value} 不是日期；请写成 年-月-日（YYYY-MM-DD）",
        "{what}: {value} is not a date; write it as YYYY-MM-DD",
    ),
    "error.roster.what.start": ("开始日期", "start"),
    "error.roster.what.leave": ("{officer} 的休假", "leave of {officer}"),
    "error.roster.what.leave_start": ("{officer} 的休假开始日期", "leave of {officer}: start"),
    "error.roster.what.leave_end": ("{officer} 的休假结束日期", "leave of {officer}: end"),
    "error.roster.what.leave_date": ("{officer} 的休假日期", "leave of {officer}: date"),
    "error.roster.whole_number": (
        "{what} 必须是 {span} 的整数，现为 {value}",
        "{what} must be a whole number {span}, not {value}",
    ),
    "error.roster.pattern": (
        "值班模式须为每个岗位及其每天人数，如 call_taker: 1",
        "pattern must map duty roles to slots per day, e.g. call_taker: 1",
    ),
    "error.roster.pattern_role": (
        "值班模式：岗位名称不能为空，现为 {role}",
        "pattern: duty role names must be non-empty text, not {role}",
    ),
    "error.roster.pattern_empty": (
        "值班模式：每天至少需要一个岗位",
        "pattern: at least one slot per day is needed",
    ),
    "error.roster.min_sworn": (
        "min_sworn[{role}] = {count}，多于值班模式中该岗位的 {slots} 个名额",
        "min_sworn[{role}] = {count} is more than the {slots} slots the pattern has for that role",
    ),
    "error.roster.officers_column": (
        "警力名单没有 {column} 列；需要 officer_id、name、role 三列",
        "the officers table has no {column} column; it needs officer_id, name, role",
    ),
    "error.roster.officers_twice": (
        "警号重复出现：{ids}；每人只保留一行",
        "officer ids listed twice or more: {ids}; keep one row each",
    ),
    "error.roster.officers_role": (
        "以下人员的身份（role）既不是民警（police）也不是辅警（auxiliary）：{ids}；请改为其中之一",
        "officers whose role is not police or auxiliary: {ids}; set role to police (民警) or "
        "auxiliary (辅警)",
    ),
    "error.roster.heads_unknown": (
        "以下片区长不在警力名单中：{ids}",
        "zone heads not in the officers list: {ids}",
    ),
    "error.roster.reward_leave": (
        "{officer}：奖休天数（reward_leave_days）必须是不小于 0 的整数，现为 {value}",
        "officer {officer}: reward_leave_days must be a whole number ≥ 0, not {value}",
    ),
    "error.roster.leave_missing": (
        "休假文件 {path} 不存在",
        "the leave file {path} does not exist",
    ),
    "error.roster.leave_csv": (
        "休假文件 {file} 无法按 CSV 读取：{detail}",
        "the leave file {file} cannot be read as CSV: {detail}",
    ),
    "error.roster.leave_encoding": (
        "休假文件 {file} 既不是 UTF-8 也不是 GB18030 文本",
        "the leave file {file} is neither UTF-8 nor GB18030 text",
    ),
    "error.roster.leave_kind": (
        "休假须为“警号 → 日期列表”或表格（officer_id、start、end）",
        "leave must be officer_id → [dates], or a table (officer_id, start, end)",
    ),
    "error.roster.leave_unknown": (
        "休假名单中有人不在警力名单中：{ids}",
        "leave names officers not in the officers list: {ids}",
    ),
    "error.roster.leave_id_column": (
        "休假表需要 officer_id 列，以及 date 列或 start、end 列",
        "the leave table needs an officer_id column, and date or start/end columns",
    ),
    "error.roster.leave_date_column": (
        "休假表需要 date 列，或 start 和 end 列",
        "the leave table needs a date column, or start and end columns",
    ),
    "error.roster.leave_order": (
        "{officer} 的休假：结束日期 {end} 早于开始日期 {start}",
        "leave of {officer}: end {end} is before start {start}",
    ),
    "error.roster.time_limit_reached": (
        "在时限内没有排出值班表；请延长时限（time_limit_s）",
        "the roster solver found no roster within the time limit; raise time_limit_s",
    ),
    "error.roster.work_limit": (
        "在计算量上限内没有排出值班表；请放宽休息规则或休假，或缩短排班天数",
        "the roster solver found no roster within its work limit; relax the rest rules or the "
        "leave, or plan a shorter period",
    ),
    # --- plan folders and zips (zones/plan: files, zips, columns) ---
    "error.planfile.is_file": (
        "{folder} 是一个文件；方案要写到文件夹中（请给新的或已有的文件夹）",
        "{folder} is a file; write_plan needs a folder (give a new or existing folder)",
    ),
    "error.planfile.damaged": (
        "{where} 已损坏：{shown}；请重新写出方案（zones plan --out）",
        "{where} is damaged: {shown}; write the plan again (zones plan --out)",
    ),
    "error.planfile.too_large": (
        "{file} 超过 {cap} MB，不是本软件写出的方案文件",
        "{file} is over {cap} MB; it is not a plan file written here",
    ),
    "error.planfile.no_plan_json": (
        "{folder} 不是方案文件夹：缺少 plan.json（用 write_plan 写出）",
        "{folder} is not a plan folder: plan.json is missing (write it with write_plan)",
    ),
    "error.planfile.json_damaged": (
        "{folder} 中的 plan.json 已损坏（{detail}）；请重新写出方案",
        "plan.json in {folder} is damaged ({detail}); write the plan again",
    ),
    "error.planfile.json_not_plan": (
        "{folder} 中的 plan.json 不是方案说明；请重新写出方案",
        "plan.json in {folder} is not a plan description; write the plan again",
    ),
    "error.planfile.json_columns": (
        "{folder} 中的 plan.json 所列的列类型已损坏；请重新写出方案",
        "plan.json in {folder} lists damaged column types; write the plan again",
    ),
    "error.planfile.json_parts": (
        "{folder} 中的 plan.json 的 {parts} 已损坏；请重新写出方案",
        "plan.json in {folder} has damaged {parts}; write the plan again",
    ),
    "error.planfile.json_warning": (
        "{folder} 中的 plan.json 有一条提示已损坏（{detail}）；请重新写出方案",
        "plan.json in {folder} lists a damaged warning ({detail}); write the plan again",
    ),
    "error.planfile.rows": (
        "{file} 有 {n} 行，但写出时是 {written} 行；文件已损坏",
        "{file} holds {n} rows but {written} were written; damaged",
    ),
    "error.planfile.layer_missing": (
        "{folder} 中没有 {file}；方案文件夹不完整",
        "{folder} has no {file}; the plan folder is incomplete",
    ),
    "error.planfile.officer_id": (
        "officers.csv 没有 officer_id 列；文件已损坏",
        "officers.csv has no officer_id column; the file is damaged",
    ),
    "error.planfile.column_missing": (
        "{where} 缺少 plan.json 所列的列 {column}；文件已损坏",
        "{where} has no column '{column}' that plan.json lists; the file is damaged",
    ),
    "error.planfile.column_kind": (
        "{where}：列 {column} 的值不是 {kind} 类型（{detail}）；文件已损坏",
        "{where}: column '{column}' does not hold {kind} values ({detail}); damaged file",
    ),
    "error.planfile.zip": (
        "{name} 无法作为方案读取：{shown}",
        "{name} cannot be read as a plan: {shown}",
    ),
    "error.planfile.unreadable": (
        "{name} 不是可读取的方案文件夹（{kind}）；请压缩由 zones plan 或本应用导出的方案文件夹",
        "{name} is not a readable plan folder ({kind}); zip a folder written by zones plan or "
        "the app's export",
    ),
    # --- OpenStreetMap files (zones/scenario/osm.py; the reason of issue.bad_osm) ---
    "error.osm.root": ("XML 的根元素是 <{tag}>，不是 <osm>", "the XML root is <{tag}>, not <osm>"),
    "error.osm.xml": ("XML 格式不正确（{detail}）", "not well-formed XML ({detail})"),
    "error.osm.encoding": (
        "XML 声明的编码无法读取（{detail}）；请另存为 UTF-8",
        "the XML declares an encoding that cannot be read ({detail}); save it as UTF-8",
    ),
    "error.osm.empty": ("文件是空的", "the file is empty"),
    # --- the current map given as a file (zones/zoning/polygons.py: --previous) ---
    "error.previous.too_large": (
        "现有划分文件 {file} 超过 {cap} MB；请给出方案中的村文件",
        "the current map {file} is over {cap} MB; give a plan's villages file",
    ),
    "error.previous.unreadable": (
        "现有划分文件 {file} 无法读取（{shown}）；请给出方案中的村文件",
        "the current map {file} cannot be read ({shown}); give a plan's villages file",
    ),
    "error.previous.missing": (
        "现有划分文件 {path} 不存在；请给出已保存方案中的村文件",
        "the current map {path} does not exist; give the villages file of a saved plan",
    ),
    "error.previous.column": (
        "{file} 没有 {column} 列；需要 village_id 和 zone_id 两列",
        "{file} has no {column} column; it needs village_id and zone_id",
    ),
    "error.previous.twice": (
        "{file} 中有 {n} 个村出现了不止一次（{ids}）；每村只保留一行",
        "{file} lists {n} villages twice or more ({ids}); keep one row each",
    ),
    "error.previous.no_zone": (
        "{file} 中有 {n} 个村没有责任区（{ids}）；请补上",
        "{file} gives no zone for {n} villages ({ids}); add them",
    ),
    # --- hand edits (zones/plan/edits.py) ---
    "error.edit.graph": (
        "邻接图有 {graph} 个村，但方案有 {n} 个村",
        "the graph has {graph} units but the plan {n} villages",
    ),
    "error.edit.emptied": (
        "这样移动后责任区 {zones} 一个村也不剩；每个责任区至少要保留一个村，或减少责任区数后"
        "重新生成方案",
        "the moves leave zone {zones} without any village; keep at least one village in every "
        "zone, or plan again with fewer zones",
    ),
    # --- notes on the workload (warnings of the zoning: issue.<code> / fix.<code>) ---
    "issue.workload_series_missing": (
        "工作量序列中缺少 {n} 个村，按 0 计",
        "{n} units missing from the workload Series; counted as 0",
    ),
    "fix.workload_series_missing": (
        "补全数据可使均衡更准确",
        "complete the data for a fairer balance",
    ),
    "issue.workload_column_missing": (
        "{n} 个村没有{column}数据，按 0 计",
        "{n} units have no {column}; counted as 0",
    ),
    "fix.workload_column_missing": (
        "补全数据可使均衡更准确",
        "complete the data for a fairer balance",
    ),
    "issue.workload_missing": (
        "{n} 个村没有工作量数据，按 0 计",
        "{n} units have no workload; counted as 0",
    ),
    "fix.workload_missing": (
        "补全数据可使均衡更准确",
        "complete the data for a fairer balance",
    ),
}
"""Key → (Chinese, English) for the core's coded errors and the workload notes."""

ONE_TEXTS: dict[str, tuple[str, str]] = {
    "issue.patrol_approximate.one": (
        "没有道路图层，{n} 个责任区的巡逻线按直线连接各点，距离与时间为估算",
        "no roads layer: the patrol line of {n} zone joins its stops in straight lines; "
        "distances and times are estimates",
    ),
    "issue.patrol_no_roads_in_zone.one": (
        "{n} 个责任区内没有道路，巡逻线按直线估算：{ids}",
        "{n} zone has no road inside it; its patrol line is a straight-line estimate: {ids}",
    ),
    "issue.patrol_stops_dropped.one": (
        "{n} 个巡逻点排不进 {budget} 分钟的巡逻线（责任区 {zones}），未纳入的点见巡逻点表（stops）",
        "{n} patrol stop does not fit in the {budget}-minute loop (zones {zones}); see the "
        "dropped rows of the stops table",
    ),
    "issue.patrol_unreachable.one": (
        "{n} 个巡逻点没有道路可达（责任区 {zones}）",
        "{n} patrol stop cannot be reached by road (zones {zones})",
    ),
    "issue.base_unreachable.one": (
        "{n} 起警情无法经道路从所在责任区的驻点到达（不计入路程中位数等）",
        "{n} incident cannot be reached by road from its zone's base (left out of the road "
        "distance figures)",
    ),
    "issue.patrol_none.one": (
        "{n} 个责任区没有巡逻线（无警情可巡、各点都在驻点旁，或预算内到不了任何点）：{ids}",
        "{n} zone has no patrol line (no incidents to patrol, every stop at the base, or no "
        "stop within the budget): {ids}",
    ),
    "issue.patrol_time_limit.one": (
        "{n} 个责任区的巡逻线在 {seconds} 秒安全时限内未搜索完，路线可能因机器快慢而不同：{zones}",
        "the patrol-line search of {n} zone was stopped by the {seconds} s safety limit; its "
        "line may differ from one machine to another: {zones}",
    ),
    "issue.edit_heads_changed.one": (
        "{n} 个责任区的片区长有变化：{changes}",
        "the zone head of {n} zone changed: {changes}",
    ),
    "issue.roster_short.one": (
        "值班表有 {n} 个岗位无人可排（见值班表中的空缺行）",
        "{n} duty slot of the roster could not be staffed (an empty row in the roster)",
    ),
    "issue.osm_incomplete.one": (
        "{file} 中 {n} 条道路引用了文件外的节点，只保留文件内的部分",
        "{n} road in {file} refers to nodes outside the file; only its part inside is kept",
    ),
    "issue.peaks_default.one": (
        "带时间的警情仅 {n} 起，不足以判断高峰时段，按默认高峰 {windows}",
        "only {n} incident has a time, too few to find peak hours; using the default peaks "
        "{windows}",
    ),
    "issue.workload_series_missing.one": (
        "工作量序列中缺少 {n} 个村，按 0 计",
        "{n} unit missing from the workload Series; counted as 0",
    ),
    "issue.workload_column_missing.one": (
        "{n} 个村没有{column}数据，按 0 计",
        "{n} unit has no {column}; counted as 0",
    ),
    "issue.workload_missing.one": (
        "{n} 个村没有工作量数据，按 0 计",
        "{n} unit has no workload; counted as 0",
    ),
    "error.zoning.previous_missing.one": (
        "原方案中有 {n} 个村没有责任区（{ids}）",
        "previous has no zone for {n} unit ({ids})",
    ),
    "error.zoning.locked_unknown.one": (
        "要锁定的 {n} 个村不在方案中（{ids}）；请使用村编号",
        "locked names {n} unit that is not in the units ({ids}); use ids from units.index",
    ),
    "error.zoning.nest_missing.one": (
        "{n} 个村没有所属乡镇（嵌套区域）（{ids}）；请补填",
        "nest_within has no area for {n} unit ({ids}); fill it in",
    ),
    "error.workload.negative.one": (
        "{n} 个村的工作量为负（{ids}）；工作量必须 ≥ 0",
        "workload is negative for {n} unit ({ids}); workloads must be ≥ 0",
    ),
    "error.previous.twice.one": (
        "{file} 中有 {n} 个村出现了不止一次（{ids}）；每村只保留一行",
        "{file} lists {n} village twice or more ({ids}); keep one row each",
    ),
    "error.previous.no_zone.one": (
        "{file} 中有 {n} 个村没有责任区（{ids}）；请补上",
        "{file} gives no zone for {n} village ({ids}); add it",
    ),
}
"""Singular forms (``<key>.one``) of the core's texts that count with ``n``."""
