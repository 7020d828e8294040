"""The command's words: every text the ``zones`` command prints (``cli.*`` keys), Chinese and
English.

:func:`t` looks a key up in this table first and then in the core's (:mod:`zones.i18n`), so
layer names and issue texts are shared, never copied. The command does not look in the map's
table: drawing (folium) is loaded only when ``zones export`` runs. ``tests/test_i18n.py`` checks
that both languages use the same fields and that no key is in two tables.
"""

from __future__ import annotations

from zones.i18n import DEFAULT_LANG, LANGS, Texts, lookup
from zones.i18n import TABLES as CORE_TABLES

__all__ = ["DEFAULT_LANG", "LANGS", "TABLES", "TEXTS", "t"]

# key: (Chinese, English)
TEXTS: Texts = {
    # --- the zones command (ui/cli/) --------------------------------------------------------------
    # zones roster (ui/cli/commands.py)
    "cli.roster.progress": ("排班中", "rostering"),
    "cli.roster.done": (
        "已排 {start} 至 {end} 共 {days} 天值班，{officers} 人参与轮值；值班天数最多相差 {spread} 天（民警之间 {police}，辅警之间 {aux}）；用时 {seconds} 秒",
        "Roster {start} to {end} ({days} days), {officers} officers in the rotation; duty days differ by at most {spread} (among sworn officers {police}, among auxiliaries {aux}); {seconds} s",
    ),
    "cli.roster.time_limit": (
        "到达时限时尚未证明最优，加大 --time-limit 可能更均衡",
        "Stopped at the time limit before the spread was proven best; a longer --time-limit may even it out",
    ),
    "cli.roster.flagged": (
        "有 {days} 天未排满，空缺 {slots} 个岗位（见 roster_shortages.csv）：",
        "{days} day(s) not fully staffed, {slots} slot(s) empty (see roster_shortages.csv):",
    ),
    "cli.roster.written": ("已写出：{files}", "Written: {files}"),
    "cli.roster.bad_pattern": (
        "--pattern 写法有误：{value}（示例：call_taker=1,responder=3,patroller=2）",
        "--pattern is malformed: {value} (example: call_taker=1,responder=3,patroller=2)",
    ),
    "cli.roster.bad_date": (
        "日期写法有误：{value}（应为 YYYY-MM-DD）",
        "not a date: {value} (write YYYY-MM-DD)",
    ),
    # validate, info, plan and export (ui/cli/commands.py, ui/cli/export.py)
    "cli.valid": ("结论：场景可用。", "Result: the scenario is usable."),
    "cli.invalid": (
        "结论：场景有错误，请按上面的办法修正后重试。",
        "Result: the scenario has errors; fix them as described above and try again.",
    ),
    "cli.request_error": ("无法完成：{error}", "Cannot do this: {error}"),
    "cli.internal_error": (
        "内部错误：{error}。请加 --debug 重试并报告此问题。",
        "Internal error: {error}. Run again with --debug and report it.",
    ),
    "cli.plan.progress": ("规划中", "planning"),
    "cli.plan.done": (
        "已划分 {zones} 个责任区：最大工作量偏差 {dev}，平均紧凑度（Polsby–Popper）{pp}，用时 {seconds} 秒",
        "{zones} zones: largest workload deviation {dev}, mean compactness (Polsby–Popper) {pp}, {seconds} s",
    ),
    "cli.plan.reach": (
        "中心村到本区各村平均距离（按工作量加权）：直线 {straight} 公里",
        "centre village to its zone's villages (workload-weighted mean): {straight} km straight",
    ),
    "cli.plan.reach_road": (
        "中心村到本区各村平均距离（按工作量加权）：直线 {straight} 公里，道路 {road} 公里"
        "（{fallbacks} 个村无道路相通，按直线 × 绕行系数计）",
        "centre village to its zone's villages (workload-weighted mean): {straight} km "
        "straight, {road} km by road ({fallbacks} villages not joined by road counted as "
        "straight × detour)",
    ),
    "cli.plan.staffed": (
        "驻村辅警 {staffed}/{villages} 个村（本村 {home}、熟悉 {familiar}），新设警务室 {new} 个",
        "auxiliaries in {staffed}/{villages} villages ({home} live there, {familiar} know it), {new} new police rooms",
    ),
    "cli.plan.patrol": (
        "巡逻线 {lines} 条、高峰岗点 {posts} 个（高峰 {peaks}）；平峰警情 {offpeak} 在巡逻线 {radius} 米内，"
        "高峰警情 {peak} 在岗点 {radius} 米内；驻点到警情路程中位 {median} 公里、90% {p90} 公里",
        "{lines} patrol lines and {posts} peak posts (peaks {peaks}); {offpeak} of off-peak "
        "incidents within {radius} m of a line, {peak} of peak incidents within {radius} m of a "
        "post; road distance from base to incidents: median {median} km, 90% {p90} km",
    ),
    "cli.export.written": (
        "已写出离线地图 {file}（{profile} 版）",
        "Offline map written to {file} ({profile} profile)",
    ),
    "cli.plan.moved": (
        "与现行方案相比调整了 {n} 个村（见 moves.csv）",
        "{n} villages changed zone compared with the current map (see moves.csv)",
    ),
    "cli.plan.moved.one": (
        "与现行方案相比调整了 {n} 个村（见 moves.csv）",
        "{n} village changed zone compared with the current map (see moves.csv)",
    ),
    "cli.plan.written": ("已写出：{files}", "Written: {files}"),
    "cli.info.name": ("场景：{name}", "Scenario: {name}"),
    "cli.info.villages": (
        "行政村/社区 {n} 个，面积 {area} km²，人口 {population}",
        "{n} villages/communities, {area} km², population {population}",
    ),
    "cli.info.townships": ("乡镇：{townships}", "Townships: {townships}"),
    "cli.info.officers": (
        "民警 {police} 名，辅警 {aux} 名",
        "{police} sworn officers, {aux} auxiliary officers",
    ),
    "cli.info.layers": (
        "道路 {roads} 条，警情 {incidents} 起，警务室 {rooms} 个，派出所 {station} 个",
        "{roads} roads, {incidents} incidents, {rooms} police rooms, {station} station(s)",
    ),
    "cli.info.period": ("警情时段：{first} 至 {last}", "Incidents from {first} to {last}"),
    "cli.info.report": (
        "校验：已修复 {repairs} 项，提示 {warnings} 项（详见 zones validate）",
        "Validation: {repairs} repairs, {warnings} warnings (see zones validate)",
    ),
    # argument checks, profiles and file errors (ui/cli/checks.py, ui/cli/parser.py)
    "cli.usage_hint": ("命令用法有误，请查看 {prog} --help", "Usage error; see {prog} --help"),
    "cli.arg.bad_value": (
        "{option} 须为{span}，收到 {value}",
        "{option} must be {span}, not {value}",
    ),
    "cli.arg.with_hint": ("（{hint}）", " ({hint})"),
    "cli.arg.whole_min": ("不小于 {low} 的整数", "a whole number of at least {low}"),
    "cli.arg.whole_range": (
        "介于 {low} 到 {high} 之间的整数",
        "a whole number from {low} to {high}",
    ),
    "cli.arg.number_closed_closed": (
        "介于 {low} 到 {high} 之间的数",
        "a number from {low} to {high}",
    ),
    "cli.arg.number_open_closed": (
        "大于 {low}、不超过 {high} 的数",
        "a number above {low} and at most {high}",
    ),
    "cli.arg.number_closed_open": (
        "不小于 {low}、小于 {high} 的数",
        "a number from {low} to below {high}",
    ),
    "cli.arg.number_open_open": (
        "大于 {low}、小于 {high} 的数",
        "a number above {low} and below {high}",
    ),
    "cli.arg.a_folder": ("一个文件夹路径", "a folder path"),
    "cli.arg.folder_is_file": (
        "{option} 须为文件夹，但 {path} 是一个已有文件；请换一个文件夹路径（不存在的文件夹会自动新建）",
        "{option} needs a folder, but {path} is an existing file; give a folder path "
        "(a missing folder is created)",
    ),
    "cli.arg.under_a_file": (
        "{option} 无法使用 {path}：{file} 是文件而不是文件夹；请换一个路径",
        "{option} cannot use {path}: {file} is a file, not a folder; give another path",
    ),
    "cli.arg.file_is_folder": (
        "{option} 须为文件，但 {path} 是文件夹；请写出文件名，例如 {example}",
        "{option} needs a file, but {path} is a folder; give a file name, e.g. {example}",
    ),
    "cli.arg.category_minutes": (
        "--category-minutes 写法有误：{detail}",
        "--category-minutes is malformed: {detail}",
    ),
    "cli.arg.input_is_folder": (
        "{option} 须为文件，但 {path} 是文件夹；请给出其中的文件",
        "{option} needs a file, but {path} is a folder; give the file in it",
    ),
    "cli.arg.date_range": (
        "日期 {value} 超出范围：须在 {low} 年到 {high} 年之间",
        "the date {value} is out of range: it must lie between the years {low} and {high}",
    ),
    "cli.arg.pattern_slots": (
        "--pattern 写法有误：{value}（每个岗位每天最多 {high} 人）",
        "--pattern is malformed: {value} (at most {high} officers per duty role and day)",
    ),
    "cli.arg.workload": (
        "--workload 写法有误：{value}（应为列名，如 population，或非负权重，如 incidents=0.6,population=0.4）",
        "--workload is malformed: {value} (give a column, e.g. population, or weights of at "
        "least 0, e.g. incidents=0.6,population=0.4)",
    ),
    "cli.hint.zones": (
        "不写 --zones 时，按人口和民警人数建议责任区数",
        "leave --zones out to have the number suggested from population and sworn officers",
    ),
    "cli.hint.seed": (
        "种子用于复现方案：同一种子得到同一方案",
        "the seed makes the result reproducible: same seed, same result",
    ),
    "cli.hint.tolerance": (
        "工作量允许偏离平均值的比例，0.05 即 ±5%",
        "the share the workload may deviate from the mean: 0.05 is ±5%",
    ),
    "cli.hint.days": ("值班表最多排 {high} 天", "a roster covers at most {high} days"),
    "cli.hint.patrol": (
        "一圈巡逻的分钟数，最多一天（{high} 分钟），例如 60",
        "minutes for one patrol loop, at most a day ({high} minutes), e.g. 60",
    ),
    "cli.hint.stop": (
        "每个热点停留的分钟数，通常 10–16，例如 12",
        "minutes at each hotspot, usually 10–16, e.g. 12",
    ),
    "cli.hint.radius": ("覆盖半径，单位米，例如 300", "coverage radius in metres, e.g. 300"),
    "cli.hint.time": ("求解时限，单位秒，例如 20", "time limit in seconds, e.g. 20"),
    "cli.plan.stop_over_budget": (
        "--stop-minutes {stop} 超过了一圈巡逻的 --patrol-minutes {budget}；请缩短停留时间或延长巡逻时长",
        "--stop-minutes {stop} is longer than the whole patrol loop (--patrol-minutes "
        "{budget}); shorten the stop or lengthen the patrol",
    ),
    "cli.profile.written": ("已写出：{profile}", "Profile written: {profile}"),
    "cli.profile.public": ("公开版（不含姓名、电话）", "public (no names or phones)"),
    "cli.profile.internal": (
        "内部版（含姓名、电话，内部资料 注意保密）",
        "internal (with names and phones; confidential, for internal use only)",
    ),
    "cli.plan.removed_personal": (
        "已删除该文件夹中旧的内部版文件（含姓名、电话）：{files}",
        "Removed the earlier internal files (names, phones) from the folder: {files}",
    ),
    "cli.not_writable": (
        "无法写入 {path}：没有文件夹 {folder} 的写权限；请换一个可写的位置",
        "Cannot write {path}: the folder {folder} is not writable; choose a place you can write to",
    ),
    "cli.previous_unreadable": (
        "无法读取现行方案文件 {path}：{error}。请给出已保存方案的 villages.geojson 或 villages.csv",
        "Cannot read the current map {path}: {error}. Give the villages.geojson or "
        "villages.csv of a saved plan",
    ),
    "cli.interrupted": ("已中断。", "Interrupted."),
    "cli.os_error": (
        "无法读写 {path}：{reason}。请检查路径、权限和磁盘空间后重试",
        "Cannot read or write {path}: {reason}. Check the path, the permissions and the free "
        "disk space, and try again",
    ),
    "cli.os.denied": ("没有权限", "permission denied"),
    "cli.os.read_only": ("只读文件系统", "read-only file system"),
    "cli.os.full": ("磁盘空间不足", "no space left on the disk"),
    "cli.os.missing": (
        "路径不存在或不能在此新建",
        "no such file or folder, or none can be made here",
    ),
    "cli.os.is_folder": ("这是一个文件夹", "it is a folder"),
    "cli.os.not_folder": ("路径中有一级不是文件夹", "a part of the path is not a folder"),
    "cli.os.too_long": ("文件名太长", "the file name is too long"),
    "cli.export.bad_plan": (
        "无法读取方案文件夹 {path}（{error}）。请给出由 zones plan --out 写出的方案文件夹，或重新写出方案",
        "Cannot read the plan folder {path} ({error}). Give a folder written by zones plan "
        "--out, or write the plan again",
    ),
    "cli.list_sep": ("、", ", "),
    "cli.export.map_written": ("已写出离线地图：{file}", "Offline map written: {file}"),
    "cli.export.bad_tiles": (
        "--tiles 无法使用：{value}。可用 {named}，或含 {{z}}、{{x}}、{{y}} 的瓦片地址模板，例如 {example}",
        "--tiles cannot be used: {value}. Give {named}, or a tile URL template with {{z}}, "
        "{{x}} and {{y}}, e.g. {example}",
    ),
    "cli.export.tianditu_key": (
        "--tiles tianditu 需要 --tianditu-key：天地图控制台（console.tianditu.gov.cn）的 tk 密钥，8–64 位字母或数字",
        "--tiles tianditu needs --tianditu-key: the tk key from console.tianditu.gov.cn, 8–64 "
        "letters or digits",
    ),
    "cli.export.no_people": (
        "提示：该方案文件夹是公开版，不含姓名和电话，内部版地图只显示警号；需要姓名时请用 zones plan --profile internal 重新写出方案",
        "Note: this plan folder was written in the public profile and holds no names or "
        "phones, so the internal map shows officer ids only; write the plan with zones plan "
        "--profile internal for names",
    ),
}

TABLES: tuple[Texts, ...] = (TEXTS, *CORE_TABLES)
"""Where :func:`t` looks: the command's table, then the core's."""


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
