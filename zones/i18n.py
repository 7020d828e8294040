"""The core's translation table: the words of zones/, Chinese (default) and English.

``t(key, lang, **params)`` looks a key up and fills ``str.format`` fields. Each part of the product
owns its words: the core's are here (``layer.*``, ``severity.*``, ``role.*``, ``report.*``,
``issue.*``/``fix.*``, ``roster.*``, ``staff.*``, ``plan.*``), the map's in :mod:`maps.i18n`
(``map.*``), the app's in :mod:`ui.i18n` (``app.*``) and the command's in :mod:`ui.cli.texts`
(``cli.*``). Each part's ``t`` looks in its own table first and then in the tables below it
(:func:`lookup` over its ``TABLES``), so the core's words are shared, never copied; the core knows
nothing of the parts above it. A missing key or language raises ``KeyError`` at once, and
``tests/test_i18n.py`` checks that both languages use the same fields and that no key is in two
tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Integral

from zones.error_texts import ERROR_TEXTS, ONE_TEXTS

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

Texts = dict[str, tuple[str, str]]
"""A translation table: key → (Chinese, English)."""

# key: (Chinese, English)
TEXTS: Texts = {
    # --- layers and severities -----------------------------------------------------------
    "layer.scenario": ("场景", "scenario"),
    "layer.jurisdiction": ("辖区", "jurisdiction"),
    "layer.villages": ("行政村/社区", "villages"),
    "layer.officers": ("警力名单", "officers"),
    "layer.roads": ("道路", "roads"),
    "layer.incidents": ("警情", "incidents"),
    "layer.rooms": ("乡村警务室", "village police rooms"),
    "layer.station": ("派出所", "station"),
    "layer.export": ("导出文件", "exported files"),
    "severity.error": ("错误", "error"),
    "severity.repair": ("已修复", "repaired"),
    "severity.warning": ("提示", "warning"),
    "role.police": ("民警", "police officer"),
    "role.auxiliary": ("辅警", "auxiliary officer"),
    # --- validation report -----------------------------------------------------------------
    "report.title": ("场景校验报告：{source}", "Scenario validation report: {source}"),
    "report.counts": ("要素数量：", "Features: "),
    "report.count": ("{layer} {n}", "{layer} {n}"),
    "report.summary": (
        "错误 {errors} 项，已修复 {repairs} 项，提示 {warnings} 项",
        "{errors} errors, {repairs} repairs, {warnings} warnings",
    ),
    "report.col.severity": ("级别", "Severity"),
    "report.col.layer": ("图层", "Layer"),
    "report.col.feature": ("要素", "Feature"),
    "report.col.what": ("问题", "Problem"),
    "report.col.fix": ("处理办法", "Fix"),
    # --- validation issues: issue.<code> says what, fix.<code> says how to fix ----------------
    # (filled in zones/validate.py and zones/io.py; keep the two languages' fields identical)
    # scenario and files
    "issue.missing_villages": (
        "缺少必需的 villages 图层（行政村/社区）",
        "the required villages layer is missing",
    ),
    "issue.missing_villages_ignored": (
        "缺少必需的 villages 图层；以下文件未被读取（文件名不是图层名，或格式不支持）：{files}",
        "the required villages layer is missing; these files were not read (not a layer name, "
        "or not a format read here): {files}",
    ),
    "fix.missing_villages_ignored": (
        "把行政村文件改名为 villages.geojson（或 villages.csv / .shp，或 行政村.geojson）",
        "rename the villages file to villages.geojson (or villages.csv / .shp, or 行政村.geojson)",
    ),
    "fix.missing_villages": (
        "添加 villages.geojson（或 .csv / .shp / GeoPackage 图层 villages）",
        "add villages.geojson (or a villages .shp / GeoPackage layer)",
    ),
    "issue.path_missing": ("路径不存在", "path does not exist"),
    "fix.path_missing": (
        "检查路径：应为文件夹、.zip 或 .gpkg",
        "check the path: a folder, a .zip or a .gpkg",
    ),
    "issue.file_too_large": (
        "文件 {mb} MB，超过上限 {cap} MB",
        "file is {mb} MB, over the {cap} MB cap",
    ),
    "fix.file_too_large": (
        "精简数据（简化几何、删去无关字段）或分开上传",
        "reduce the data (simplify geometry, drop unused fields) or split it",
    ),
    "issue.bad_zip": ("不是有效的 zip 压缩包", "not a valid zip archive"),
    "fix.bad_zip": ("重新压缩后再上传", "re-create the zip and upload it again"),
    "issue.zip_too_many": (
        "压缩包内有 {n} 个文件，超过上限 {cap}",
        "the zip holds {n} files, over the cap of {cap}",
    ),
    "fix.zip_too_many": ("只打包场景图层文件", "zip only the scenario's layer files"),
    "issue.zip_member_lies": (
        "压缩包 {file} 中的 {member} 解压后超过 {cap} MB（文件头声称 {declared} MB），已停止解压",
        "{member} in {file} unpacks to more than {cap} MB (its header says {declared} MB); "
        "unpacking stopped",
    ),
    "fix.zip_member_lies": (
        "压缩包已损坏或被篡改：请在自己的电脑上重新压缩原始文件后再上传",
        "the zip is damaged or was tampered with: zip the original files again and upload that",
    ),
    "issue.zip_too_large": (
        "压缩包解压后 {mb} MB，超过上限 {cap} MB",
        "the zip unpacks to {mb} MB, over the cap of {cap} MB",
    ),
    "fix.zip_too_large": ("精简数据后重新打包", "reduce the data and zip it again"),
    "issue.zip_unsafe": ("压缩包含不安全的路径：{names}", "the zip holds unsafe paths: {names}"),
    "fix.zip_unsafe": (
        "压缩包内不得含 “..” 或绝对路径；重新打包",
        "members must not contain '..' or absolute paths; zip the files again",
    ),
    "issue.duplicate_file": ("同名文件出现多次", "the same file name appears twice"),
    "fix.duplicate_file": ("每个图层只保留一个文件", "keep one file per layer"),
    "issue.duplicate_layer": (
        "同一图层有多个来源：{file}",
        "the layer comes from more than one file: {file}",
    ),
    "fix.duplicate_layer": ("每个图层只保留一个文件", "keep one file per layer"),
    "issue.ignored_file": ("无法识别的文件，已忽略", "unrecognised file, ignored"),
    "fix.ignored_file": (
        "图层文件名应为 villages、jurisdiction、officers、roads、incidents、rooms、station（.geojson/.csv/.shp）",
        "layer files are named villages, jurisdiction, officers, roads, incidents, rooms, station (.geojson/.csv/.shp)",
    ),
    "issue.ignored_folder": ("子文件夹未读取", "sub-folder not read"),
    "fix.ignored_folder": (
        "把图层文件直接放在场景文件夹中",
        "put layer files directly in the scenario folder",
    ),
    "issue.ignored_layer": (
        "{file} 中的图层未被识别，已忽略",
        "layer in {file} not recognised, ignored",
    ),
    "fix.ignored_layer": (
        "图层名应为 villages、jurisdiction、officers、roads、incidents、rooms、station",
        "name layers villages, jurisdiction, officers, roads, incidents, rooms, station",
    ),
    "issue.content_mismatch": (
        "文件内容与扩展名不符（是压缩包或数据库）",
        "the content does not match the file extension (it is an archive or a database)",
    ),
    "fix.content_mismatch": (
        "按实际格式命名文件（.zip / .gpkg）后再上传",
        "name the file after its real format (.zip / .gpkg) and upload it again",
    ),
    "issue.read_as_villages": (
        "单独给出的文件按行政村/社区图层读取",
        "the single file given was read as the villages layer",
    ),
    "fix.read_as_villages": (
        "如不是村界，请把文件命名为图层名（如 roads.geojson）",
        "if it is not the villages, name the file after its layer (e.g. roads.geojson)",
    ),
    "issue.zip_encrypted": (
        "压缩包 {file} 中的文件有密码保护",
        "the file in {file} is password-protected",
    ),
    "fix.zip_encrypted": (
        "解除密码后重新打包（数据在本机处理，不会上传外网）",
        "zip it again without a password (the data stays on this machine)",
    ),
    "issue.zip_member_broken": (
        "压缩包 {file} 中的文件已损坏：{reason}",
        "the file in {file} is damaged: {reason}",
    ),
    "fix.zip_member_broken": ("重新打包后再试", "zip the files again and retry"),
    "issue.xlsx_truncated": (
        "{file} 的单元格 {cell} 有 {n} 个字符，超过 Excel 每格 32767 个字符的上限，已截断",
        "cell {cell} of {file} holds {n} characters, over Excel's 32767 per cell; it was cut",
    ),
    "fix.xlsx_truncated": (
        "完整文字保存在同一方案文件夹的 CSV 和 GeoJSON 文件中",
        "the full text is kept in the plan folder's CSV and GeoJSON files",
    ),
    "issue.xlsx_cleaned": (
        "{file} 的单元格 {cell} 含 Excel 无法保存的控制字符，已替换为 �",
        "cell {cell} of {file} held control characters Excel cannot store; they became �",
    ),
    "fix.xlsx_cleaned": (
        "完整文字保存在同一方案文件夹的 CSV 和 GeoJSON 文件中",
        "the full text is kept in the plan folder's CSV and GeoJSON files",
    ),
    "issue.spreadsheet": (
        "{file} 是 Excel 表格，无法直接读取",
        "{file} is an Excel workbook, which is not read directly",
    ),
    "fix.spreadsheet": (
        "在 Excel/WPS 中“另存为 CSV UTF-8（逗号分隔）”后上传",
        "in Excel/WPS use 'Save as CSV UTF-8 (comma delimited)' and upload that",
    ),
    "issue.duplicate_field": ("字段 {field} 出现多次", "the field {field} appears more than once"),
    "fix.duplicate_field": (
        "删除重复的列，或改用不同的列名",
        "delete the duplicate column or rename it",
    ),
    "issue.coords_out_of_range": (
        "{n} 个要素的坐标超出经纬度范围（疑似投影坐标或录入错误）：{ids}",
        "features with coordinates outside lon/lat range, likely projected or mistyped ({n}): {ids}",
    ),
    "fix.coords_out_of_range": (
        "改正这些要素的坐标（WGS 84 经纬度）",
        "correct these features' coordinates (WGS 84 lon/lat)",
    ),
    "issue.coords_out_of_range_dropped": (
        "{n} 个要素的坐标超出经纬度范围，已略去：{ids}",
        "features with coordinates outside lon/lat range left out ({n}): {ids}",
    ),
    "fix.coords_out_of_range_dropped": (
        "改正这些要素的坐标（WGS 84 经纬度）后重新导入",
        "correct their coordinates (WGS 84 lon/lat) and import again",
    ),
    "issue.not_gpkg": (
        "扩展名为 .gpkg，但内容不是 GeoPackage",
        "named .gpkg but the content is not a GeoPackage",
    ),
    "fix.not_gpkg": (
        "用 QGIS 等软件重新导出为 GeoPackage",
        "export it again as a GeoPackage (e.g. from QGIS)",
    ),
    "issue.not_a_regular_file": (
        "不是普通文件（链接、管道或设备），为安全起见未读取",
        "not a regular file (a link, pipe or device); for safety it was not read",
    ),
    "fix.not_a_regular_file": (
        "把真正的文件复制到场景文件夹中，替换该链接",
        "copy the real file into the scenario folder in place of the link",
    ),
    "issue.not_a_shapefile": (
        "{file} 的 {part} 部分不是 shapefile 内容（可能是改了扩展名的其他格式），为安全起见未读取",
        "the {part} part of {file} is not shapefile content (another format renamed?); "
        "for safety it was not read",
    ),
    "fix.not_a_shapefile": (
        "用 QGIS 等软件把该图层重新导出为 shapefile 或 GeoJSON",
        "export the layer again as a shapefile or GeoJSON (e.g. from QGIS)",
    ),
    "issue.bad_gpkg": (
        "{file} 不是可读取的 GeoPackage：{reason}",
        "{file} is not a readable GeoPackage: {reason}",
    ),
    "fix.bad_gpkg": (
        "用 QGIS 打开检查，重新导出为 GeoPackage 或 GeoJSON",
        "open it in QGIS and export it again as a GeoPackage or GeoJSON",
    ),
    "issue.gpkg_not_table": (
        "{file} 的图层是 {kind}（视图、虚拟表等），不是普通要素表；为安全起见只读取普通表",
        "the layer in {file} is a {kind} (a view, virtual table …), not a plain feature table; "
        "for safety only plain tables are read",
    ),
    "fix.gpkg_not_table": (
        "在 QGIS 中把该图层另存为新的 GeoPackage（得到普通表）后再上传",
        "save the layer into a new GeoPackage in QGIS (which writes a plain table) and upload that",
    ),
    "issue.gpkg_timeout": (
        "读取 {file} 超过 {seconds} 秒，已停止",
        "reading {file} took over {seconds} seconds and was stopped",
    ),
    "fix.gpkg_timeout": (
        "GeoPackage 中可能有很慢的查询；在 QGIS 中把图层另存为新的 GeoPackage 或 GeoJSON",
        "the GeoPackage may hold a very slow query; save the layers into a new GeoPackage "
        "or GeoJSON in QGIS",
    ),
    "issue.too_many_columns": (
        "{file} 有 {n} 列，超过每个表 1000 列的上限",
        "{file} has {n} columns, over the cap of 1000 per table",
    ),
    "fix.too_many_columns": (
        "只保留需要的列（编号、名称、人口等）后另存为 CSV",
        "keep only the columns needed (id, name, population …) and save the CSV again",
    ),
    "issue.too_many_rows": (
        "{file} 有 {n} 个要素，超过每个图层 {cap} 个的上限",
        "{file} holds {n} features, over the cap of {cap} per layer",
    ),
    "fix.too_many_rows": (
        "只保留本辖区需要的要素（如最近一年的警情）后再读取",
        "keep only the features this jurisdiction needs (e.g. the last year of incidents)",
    ),
    "issue.json_duplicate_key": (
        '{file} 中有重复的键 "{key}"：同一对象里出现两次，无法确定用哪个值',
        '{file} has the key "{key}" twice in one object, so which value counts is unclear',
    ),
    "fix.json_duplicate_key": (
        "删除重复的键，只保留正确的一个，或重新导出该文件",
        "remove the duplicate key and keep the right one, or export the file again",
    ),
    "issue.unsafe_crs": (
        "{file} 的坐标系定义引用了服务器上的文件、格网或网址（{crs}），为安全起见未使用",
        "the CRS of {file} refers to files, grids or URLs on the server ({crs}); "
        "for safety it was not used",
    ),
    "fix.unsafe_crs": (
        "用 EPSG 代码或标准 WKT 坐标系重新导出（如 WGS 84 / EPSG:4326 或 CGCS2000 / EPSG:4490）",
        "export it again with an EPSG code or a plain WKT CRS (e.g. WGS 84 / EPSG:4326 or "
        "CGCS2000 / EPSG:4490)",
    ),
    "issue.gdal_unreadable": ("{file} 无法读取：{reason}", "{file} cannot be read: {reason}"),
    "fix.gdal_unreadable": (
        "用 QGIS 打开检查，另存为 GeoJSON 或 GeoPackage",
        "open it in QGIS and save it as GeoJSON or GeoPackage",
    ),
    "issue.axes_swapped": (
        "已按要求交换所有图层的经纬度顺序",
        "lon/lat swapped in every layer, as asked",
    ),
    "fix.axes_swapped": (
        "请核对地图位置是否正确",
        "check that the map now sits in the right place",
    ),
    "issue.coords_converted": (
        "坐标已从 {source} 转换为 WGS 84",
        "coordinates converted from {source} to WGS 84",
    ),
    "fix.coords_converted": (
        "底图若为 GCJ-02（高德/腾讯），仅显示时偏移",
        "GCJ-02 tiles (Amap/Tencent) are shifted for display only",
    ),
    # encodings and formats
    "issue.not_utf8": (
        "{file} 不是 UTF-8 编码（第 {pos} 字节）",
        "{file} is not UTF-8 (byte {pos})",
    ),
    "fix.not_utf8": (
        "用文本编辑器或 QGIS 另存为 UTF-8 编码",
        "save it again as UTF-8 (a text editor or QGIS can)",
    ),
    "issue.read_as_gb18030": ("{file} 按 GB18030/GBK 编码读取", "{file} read as GB18030/GBK"),
    "fix.read_as_gb18030": (
        "请核对中文是否正确；建议另存为 UTF-8",
        "check the Chinese text; saving as UTF-8 is preferred",
    ),
    "issue.shapefile_encoding": (
        "{file} 按 {encoding} 编码读取",
        "{file} read with the {encoding} encoding",
    ),
    "fix.shapefile_encoding": (
        "请核对中文是否正确；可添加内容为 UTF-8 的 .cpg 文件",
        "check the Chinese text; a .cpg file saying UTF-8 avoids guessing",
    ),
    "issue.shapefile_garbled": (
        "{file} 的文字无法正确解码（UTF-8、GB18030 均失败）",
        "{file}'s text cannot be decoded (UTF-8 and GB18030 both fail)",
    ),
    "fix.shapefile_garbled": (
        "添加 .cpg 文件注明编码，或另存为 GeoJSON（UTF-8）",
        "add a .cpg naming the encoding, or save as GeoJSON (UTF-8)",
    ),
    "issue.shapefile_incomplete": ("{file} 缺少 {missing}", "{file} lacks {missing}"),
    "fix.shapefile_incomplete": (
        "shapefile 需同时提供 .shp、.shx、.dbf（最好还有 .prj、.cpg）",
        "a shapefile needs .shp, .shx and .dbf (ideally .prj and .cpg too)",
    ),
    "issue.bad_osm": (
        "{file} 不是可读的 OpenStreetMap 文件（{reason}）",
        "{file} is not a readable OpenStreetMap file ({reason})",
    ),
    "fix.bad_osm": (
        "从 OpenStreetMap 重新导出该区域（.osm，XML 格式）",
        "export the area from OpenStreetMap again (.osm, XML)",
    ),
    "issue.osm_incomplete": (
        "{file} 中 {n} 条道路引用了文件外的节点，只保留文件内的部分",
        "{n} roads in {file} refer to nodes outside the file; only their parts inside are kept",
    ),
    "fix.osm_incomplete": (
        "导出时把范围放大一些，使道路完整",
        "export a slightly larger area so that roads are whole",
    ),
    "issue.osm_no_roads": (
        "{file} 中没有道路（highway）",
        "{file} holds no roads (highway ways)",
    ),
    "fix.osm_no_roads": (
        "确认导出范围覆盖辖区，并包含道路",
        "check that the export covers the jurisdiction and includes roads",
    ),
    "issue.bad_json": (
        "{file} 不是有效的 JSON：第 {line} 行第 {col} 列，{reason}",
        "{file} is not valid JSON: line {line}, column {col}: {reason}",
    ),
    "fix.bad_json": (
        "文件可能被截断或手工改坏；重新导出 GeoJSON",
        "the file may be truncated or hand-edited; export the GeoJSON again",
    ),
    "issue.json_nan": (
        "{file} 含 NaN 或 Infinity 数值（JSON 不允许）",
        "{file} contains NaN or Infinity (not allowed in JSON)",
    ),
    "fix.json_nan": (
        "修正或删除这些坐标/数值后重新导出",
        "fix or remove those values and export again",
    ),
    "issue.not_geojson": (
        "{file} 不是 GeoJSON（type = {found}）",
        "{file} is not GeoJSON (type = {found})",
    ),
    "fix.not_geojson": (
        "应为 FeatureCollection；用 QGIS 导出为 GeoJSON",
        "expected a FeatureCollection; export as GeoJSON from QGIS",
    ),
    "issue.not_a_feature": ("不是 Feature 对象", "not a Feature object"),
    "fix.not_a_feature": (
        'features 数组中的每一项都应为 {"type": "Feature", …}',
        'each item of features must be {"type": "Feature", …}',
    ),
    "issue.bad_csv": (
        "{file} 无法按表格读取：{reason}",
        "{file} cannot be read as a table: {reason}",
    ),
    "fix.bad_csv": (
        "检查分隔符（逗号）与引号，另存为 CSV UTF-8",
        "check commas and quotes; save as CSV UTF-8",
    ),
    "issue.bad_lonlat": (
        "经纬度无法识别：lon={lon}, lat={lat}",
        "unreadable coordinates: lon={lon}, lat={lat}",
    ),
    "fix.bad_lonlat": (
        "填写十进制度数（如 113.15, 41.02）或留空",
        "use decimal degrees (e.g. 113.15, 41.02) or leave both blank",
    ),
    "issue.legacy_crs": (
        "{file} 带有旧式 crs 成员（{crs}），已转换为 WGS 84",
        "{file} has a legacy crs member ({crs}); converted to WGS 84",
    ),
    "fix.legacy_crs": (
        "RFC 7946 已取消 crs；导出时请直接使用 WGS 84",
        "RFC 7946 dropped crs; export in WGS 84 directly",
    ),
    "issue.unknown_crs": ("{file} 的坐标系 {crs} 无法识别", "{file} declares an unknown CRS {crs}"),
    "fix.unknown_crs": ("重新导出为 WGS 84（EPSG:4326）", "export it again in WGS 84 (EPSG:4326)"),
    "issue.reprojected": ("已从 {crs} 转换为 WGS 84", "reprojected from {crs} to WGS 84"),
    "fix.reprojected": ("无需处理", "nothing to do"),
    "issue.crs_lonlat_declared_projected": (
        "{file} 声明的是投影坐标系 {crs}，但坐标数值是经纬度（范围 {bounds}）",
        "{file} declares the projected CRS {crs}, but its coordinates are longitudes/latitudes "
        "(bounds {bounds})",
    ),
    "fix.crs_lonlat_declared_projected": (
        "把坐标系声明（shapefile 的 .prj、GeoPackage 图层或 GeoJSON 的 crs）改为 WGS 84"
        "（EPSG:4326）或 CGCS2000（EPSG:4490），或删去 .prj 后重新导入",
        "set the declared CRS (the shapefile's .prj, the GeoPackage layer's or the GeoJSON crs) "
        "to WGS 84 (EPSG:4326) or CGCS2000 (EPSG:4490), or remove the .prj, and import again",
    ),
    "issue.crs_metres_declared_lonlat": (
        "{file} 声明的是经纬度坐标系 {crs}，但坐标数值是米（范围 {bounds}），数据应为投影坐标",
        "{file} declares the lon/lat CRS {crs}, but its coordinates are metres (bounds {bounds}): "
        "the data is projected",
    ),
    "fix.crs_metres_declared_lonlat": (
        "把坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs）改为数据实际所用的投影坐标系"
        "（如 CGCS2000 / 3-degree Gauss-Kruger CM 114E，按数据所在分带选择）",
        "set the declared CRS (.prj, GeoPackage layer or GeoJSON crs) to the projected CRS the "
        "data was made in (e.g. CGCS2000 / 3-degree Gauss-Kruger CM 114E, for the data's zone)",
    ),
    "issue.crs_metres_declared_lonlat_zone": (
        "{file} 声明的是经纬度坐标系 {crs}，但坐标数值是米，x 坐标带第 {zone} 带的带号（范围 {bounds}）",
        "{file} declares the lon/lat CRS {crs}, but its coordinates are metres with zone number "
        "{zone} in front of x (bounds {bounds})",
    ),
    "fix.crs_metres_declared_lonlat_zone": (
        "把坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs）改为 {suggestion}"
        "（基准以数据实际所用为准）",
        "set the declared CRS (.prj, GeoPackage layer or GeoJSON crs) to {suggestion} (on the "
        "datum the data really uses)",
    ),
    "issue.crs_zone_number": (
        "{file} 的 x 坐标带第 {zone} 带的带号（范围 {bounds}），与声明的坐标系 {crs} 不符",
        "the x coordinates of {file} carry zone number {zone} (bounds {bounds}), which does not "
        "fit the declared CRS {crs}",
    ),
    "fix.crs_zone_number": (
        "把坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs）改为 {suggestion}"
        "（基准以数据实际所用为准）",
        "set the declared CRS (.prj, GeoPackage layer or GeoJSON crs) to {suggestion} (on the "
        "datum the data really uses)",
    ),
    "issue.crs_zone_number_missing": (
        "{file} 声明的坐标系 {crs} 要求 x 坐标前带带号，但数据的 x 坐标没有带号（范围 {bounds}）",
        "{file} declares the CRS {crs}, which expects the zone number in front of x, but the x "
        "coordinates have none (bounds {bounds})",
    ),
    "fix.crs_zone_number_missing": (
        "若中央经线无误，把坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs）改为 {suggestion}；"
        "否则选择数据实际所在的分带",
        "if the central meridian is right, set the declared CRS (.prj, GeoPackage layer or "
        "GeoJSON crs) to {suggestion}; otherwise choose the zone the data was made in",
    ),
    "issue.crs_reprojection_failed": (
        "{file} 按声明的坐标系 {crs} 换算不出有效的经纬度（原坐标范围 {bounds}）：坐标系与数据不符",
        "{file} does not convert to valid longitudes/latitudes with its declared CRS {crs} "
        "(coordinates {bounds}): the CRS does not fit the data",
    ),
    "fix.crs_reprojection_failed": (
        "核对坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs）：投影和分带（带号、中央经线）"
        "须与数据一致；拿不准时，在 GIS 软件中导出为 WGS 84 经纬度",
        "check the declared CRS (.prj, GeoPackage layer or GeoJSON crs): the projection and zone "
        "(zone number, central meridian) must be the data's; if unsure, export WGS 84 lon/lat "
        "from a GIS",
    ),
    "issue.crs_outside_china": (
        "{file} 按声明的坐标系 {crs} 换算后落在中国以外（经纬度范围 {lonlat}），很可能分带或中央经线选错",
        "{file}, converted with its declared CRS {crs}, lands outside China (lon/lat {lonlat}): "
        "most likely the wrong zone or central meridian",
    ),
    "fix.crs_outside_china": (
        "核对坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs），选择数据实际所在的分带（如 "
        "UTM 50N、CGCS2000 3 度带第 38 带 = 中央经线 114°E）；若数据确实在该处，请导出为 WGS 84 经纬度",
        "check the declared CRS (.prj, GeoPackage layer or GeoJSON crs) and choose the zone the "
        "data was made in (e.g. UTM 50N, CGCS2000 3-degree zone 38 = central meridian 114°E); if "
        "the data really lies there, export it as WGS 84 lon/lat",
    ),
    "issue.layer_far_from_villages": (
        "该图层离行政村约 {km} 公里，且两者坐标系不同（本层 {crs}，行政村 {villages_crs}）："
        "很可能其中一层的分带或中央经线选错",
        "this layer lies about {km} km from the villages, and the two declare different CRSs "
        "(this layer {crs}, villages {villages_crs}): most likely one of them has the wrong zone "
        "or central meridian",
    ),
    "fix.layer_far_from_villages": (
        "核对两层的坐标系声明（.prj、GeoPackage 图层或 GeoJSON 的 crs），把错的一层改为其数据实际所在的分带",
        "check both layers' declared CRS (.prj, GeoPackage layer or GeoJSON crs) and set the wrong "
        "one to the zone its data was made in",
    ),
    "issue.datum_ballpark": (
        "{file} 为 {datum} 坐标（{crs}）。PROJ 没有该基准到 WGS 84 的通用转换参数，只做了概略换算"
        "（ballpark：经纬度数值原样沿用，未做基准转换），位置可能偏差数十米，最多约 100 米",
        "{file} is on {datum} ({crs}). PROJ has no general transformation from this datum to "
        "WGS 84 and used a 'ballpark' step (latitude/longitude kept unchanged, no datum shift), "
        "so positions may be off by tens of metres, up to about 100 m",
    ),
    "fix.datum_ballpark": (
        "需要更准时，先在 GIS 软件中用当地七参数（或省级转换参数）把数据转换为 CGCS2000 再导入；"
        "若数据实际已是 CGCS2000，请改正坐标系声明。几十米的偏差对划分责任区影响不大，但与道路等"
        "其他来源的图层叠合会有错位",
        "for better accuracy, convert the data to CGCS2000 in a GIS with the local seven "
        "parameters (七参数) first; if it already is CGCS2000, correct the declared CRS. Tens of "
        "metres hardly change the zones, but layers from other sources (roads) will not line up",
    ),
    "issue.datum_regional": (
        "{file} 为 {datum} 坐标（{crs}）；PROJ 使用了区域转换参数：{operations}。这些参数只适用于所注地区，"
        "标称精度不代表本数据的实际精度",
        "{file} is on {datum} ({crs}); PROJ used regional transformation parameters: "
        "{operations}. They hold for the area named only; their stated accuracy is no promise "
        "for this data",
    ),
    "fix.datum_regional": (
        "有当地七参数时，先在 GIS 软件中转换为 CGCS2000 再导入；否则核对与道路等其他图层的叠合",
        "with local seven parameters (七参数), convert the data to CGCS2000 in a GIS first; "
        "otherwise check that it lines up with other layers such as roads",
    ),
    "issue.datum_regional_partly": (
        "{file} 为 {datum} 坐标（{crs}）；PROJ 只对部分要素使用了区域转换参数（{operations}），其余要素"
        "未做基准转换（可能偏差数十米，最多约 100 米），两部分之间可能错位",
        "{file} is on {datum} ({crs}); PROJ used regional parameters for some features "
        "({operations}) and no datum shift for the others (off by tens of metres, up to about "
        "100 m), so the two parts may not line up",
    ),
    "fix.datum_regional_partly": (
        "先在 GIS 软件中用当地七参数把整层转换为 CGCS2000 再导入",
        "convert the whole layer to CGCS2000 in a GIS with the local seven parameters (七参数) "
        "first",
    ),
    # coordinates and geometry
    "issue.projected_coords": (
        "坐标超出经纬度范围（范围 {bounds}），像是投影坐标（米）",
        "coordinates are outside lon/lat range (bounds {bounds}): they look projected (metres)",
    ),
    "fix.projected_coords": (
        "导出为 WGS 84（EPSG:4326），或随 shapefile 提供 .prj 文件",
        "export in WGS 84 (EPSG:4326), or ship the shapefile's .prj",
    ),
    "issue.swapped_coords": (
        "经纬度顺序疑似颠倒（范围 {bounds}）",
        "longitude and latitude look swapped (bounds {bounds})",
    ),
    "fix.swapped_coords": (
        "GeoJSON 顺序为 经度, 纬度；修正数据，或勾选“交换经纬度”（命令行 --swap-axes）",
        "GeoJSON is lon, lat; fix the data, or tick 'swap lon/lat' (--swap-axes on the command line)",
    ),
    "issue.outside_china": (
        "数据超出中国范围（范围 {bounds}）",
        "data lies outside China (bounds {bounds})",
    ),
    "fix.outside_china": ("检查坐标系与经纬度顺序", "check the CRS and the lon/lat order"),
    "issue.null_geometry": ("几何为空（null）", "geometry is null"),
    "fix.null_geometry": (
        "补画该要素的边界，或删除该要素",
        "draw the feature's boundary, or delete the feature",
    ),
    "issue.empty_geometry": ("几何为空（EMPTY）", "geometry is empty"),
    "fix.empty_geometry": (
        "补画该要素的边界，或删除该要素",
        "draw the feature's boundary, or delete the feature",
    ),
    "issue.null_geometry_dropped": (
        "{n} 个要素没有几何，已略去：{ids}",
        "features without geometry left out ({n}): {ids}",
    ),
    "fix.null_geometry_dropped": ("如需保留，请补充位置", "add their locations to keep them"),
    "issue.empty_geometry_dropped": (
        "{n} 个要素几何为 EMPTY，已略去：{ids}",
        "features with empty geometry left out ({n}): {ids}",
    ),
    "fix.empty_geometry_dropped": ("如需保留，请补充位置", "add their locations to keep them"),
    "issue.wrong_geometry_type": (
        "{n} 个要素几何类型为 {found}，应为 {expected}：{ids}",
        "features of type {found} where {expected} is expected ({n}): {ids}",
    ),
    "fix.wrong_geometry_type": (
        "把这些要素移到正确的图层或重新绘制",
        "move them to the right layer or redraw them",
    ),
    "issue.mixed_points_polygons": (
        "面与点混在一起，{n} 个点要素：{ids}",
        "polygons mixed with {n} points: {ids}",
    ),
    "fix.mixed_points_polygons": (
        "全部用面（村界），或全部用点（将自动生成村域）",
        "use polygons (village boundaries) for all, or points for all (cells are then derived)",
    ),
    "issue.multipoint": ("{n} 个要素是多点：{ids}", "multi-point features ({n}): {ids}"),
    "fix.multipoint": ("每个要素只保留一个点", "keep one point per feature"),
    "issue.bad_geometry": ("几何结构无效", "malformed geometry"),
    "fix.bad_geometry": (
        "重新绘制或从 GIS 软件重新导出",
        "redraw it or export it again from a GIS",
    ),
    "issue.bad_position": (
        "坐标格式错误（应为 [经度, 纬度]）",
        "malformed coordinates (expected [lon, lat])",
    ),
    "fix.bad_position": ("重新导出该要素", "export the feature again"),
    "issue.coords_4d": (
        "坐标超过 3 维（含 M 值）",
        "coordinates have more than 3 dimensions (M values)",
    ),
    "fix.coords_4d": (
        "导出时去掉 M 值（仅保留经度、纬度）",
        "drop M values when exporting (keep lon, lat)",
    ),
    "issue.coords_nan": ("坐标含 NaN 或无穷大", "coordinates contain NaN or infinity"),
    "fix.coords_nan": ("修正该要素的坐标", "fix the feature's coordinates"),
    "issue.coords_3d": (
        "{n} 个要素带高程 Z 值，已去除：{ids}",
        "Z values removed from features ({n}): {ids}",
    ),
    "fix.coords_3d": ("无需处理", "nothing to do"),
    "issue.ring_too_short": ("多边形环少于 4 个点", "a polygon ring has fewer than 4 positions"),
    "fix.ring_too_short": ("重新绘制该村界", "redraw the boundary"),
    "issue.ring_not_closed": (
        "多边形环未闭合（首尾点不同）",
        "a polygon ring is not closed (first and last positions differ)",
    ),
    "fix.ring_not_closed": (
        "在 GIS 软件中闭合该环后重新导出",
        "close the ring in a GIS and export again",
    ),
    "issue.antimeridian": ("多边形跨越 180° 经线", "a polygon crosses the antimeridian"),
    "fix.antimeridian": ("检查坐标是否正确", "check the coordinates"),
    "issue.made_valid": (
        "几何无效（{reason}），已修复，面积变化 {change}%",
        "invalid geometry ({reason}), repaired; area changed by {change}%",
    ),
    "fix.made_valid": ("请核对修复后的边界", "check the repaired boundary"),
    "issue.invalid_unrepairable": (
        "几何无效（{reason}），无法修复",
        "invalid geometry ({reason}) that cannot be repaired",
    ),
    "fix.invalid_unrepairable": ("重新绘制该村界", "redraw the boundary"),
    # coverage
    "issue.cells_from_points": (
        "村庄以点给出，已按泰森多边形生成 {n} 个村域",
        "villages given as points: {n} Voronoi cells derived as their areas",
    ),
    "fix.cells_from_points": (
        "村域为近似范围；有村界数据时请改用村界",
        "the cells are approximate; use real village boundaries when you have them",
    ),
    "issue.village_outside": (
        "该村完全在辖区之外",
        "the village lies wholly outside the jurisdiction",
    ),
    "fix.village_outside": (
        "删除该村，或核对辖区边界与坐标系",
        "remove it, or check the jurisdiction boundary and the CRS",
    ),
    "issue.village_clipped": (
        "该村有 {pct}% 面积在辖区外，已裁剪",
        "{pct}% of the village lay outside the jurisdiction and was clipped",
    ),
    "fix.village_clipped": (
        "核对村界与辖区边界是否一致",
        "check that the village and jurisdiction boundaries agree",
    ),
    "issue.sliver_merged": (
        "碎片多边形（{area} m²）已并入相邻的 {into}",
        "sliver ({area} m²) merged into its neighbour {into}",
    ),
    "fix.sliver_merged": (
        "若其为真实村庄，请修正村界",
        "if it is a real village, fix its boundary",
    ),
    "issue.sliver_isolated": (
        "碎片多边形（{area} m²）且无相邻村",
        "a sliver ({area} m²) with no neighbour",
    ),
    "fix.sliver_isolated": ("删除该要素或修正村界", "delete it or fix its boundary"),
    "issue.overlap_large": (
        "与 {other} 重叠 {area} m²（占较小者 {pct}%）",
        "overlaps {other} by {area} m² ({pct}% of the smaller)",
    ),
    "fix.overlap_large": (
        "可能是重复或错误的村界；删去重复要素或修正边界",
        "likely a duplicate or wrong boundary: delete the duplicate or fix the border",
    ),
    "issue.overlap_fixed": (
        "{n} 处小重叠已划给较大的村：{pairs}",
        "small overlaps given to the larger village ({n}): {pairs}",
    ),
    "fix.overlap_fixed": ("请核对相关村界", "check those borders"),
    "issue.gaps_filled": (
        "{n} 处窄缝（< {width} m，共 {area} m²）已并入相邻村",
        "{n} narrow gaps (< {width} m, {area} m² in all) merged into neighbours",
    ),
    "fix.gaps_filled": ("无需处理", "nothing to do"),
    "issue.coverage_cleaned": (
        "{n} 个村的边界已对齐（去重叠、补缝、节点吸附）：{ids}",
        "villages whose borders were aligned (overlaps, gaps, snapping) ({n}): {ids}",
    ),
    "fix.coverage_cleaned": ("请在地图上核对这些村界", "check these borders on the map"),
    "issue.gaps_wide": (
        "村与村之间有 {n} 处较大空隙（共 {area} km²）",
        "larger holes between villages: {n} ({area} km² in all)",
    ),
    "fix.gaps_wide": (
        "若为湖泊或非辖区用地可忽略；否则补画村界",
        "fine for lakes or land outside the jurisdiction; otherwise draw the missing villages",
    ),
    "issue.uncovered_area": (
        "辖区内有 {area} km²（{pct}%）不属于任何村",
        "{area} km² ({pct}%) of the jurisdiction belongs to no village",
    ),
    "fix.uncovered_area": (
        "补画缺失的村，或核对辖区边界",
        "add the missing villages or check the jurisdiction boundary",
    ),
    "issue.multipart_village": (
        "{n} 个村由多块组成（飞地）：{ids}",
        "villages in several parts, with exclaves ({n}): {ids}",
    ),
    "fix.multipart_village": (
        "允许；划分责任区时整体考虑",
        "allowed; zoning keeps each village whole",
    ),
    "issue.jurisdiction_derived": (
        "未提供辖区边界，已由各村合并得到",
        "no jurisdiction given; derived as the union of the villages",
    ),
    "fix.jurisdiction_derived": (
        "如有正式辖区边界，请添加 jurisdiction.geojson",
        "add jurisdiction.geojson if you have the official boundary",
    ),
    # attributes
    "issue.column_renamed": ("字段 {old} 按 {new} 读取", "column {old} read as {new}"),
    "fix.column_renamed": ("无需处理", "nothing to do"),
    "issue.missing_field": (
        "缺少必需字段 {field}（现有字段：{found}）",
        "required field {field} is missing (found: {found})",
    ),
    "fix.missing_field": (
        "添加该字段，或把对应列改名为 {field}",
        "add the field, or rename the matching column to {field}",
    ),
    "issue.missing_id": ("缺少编号 {field}", "{field} is missing"),
    "fix.missing_id": ("为每个要素填写唯一编号", "give every feature a unique id"),
    "issue.duplicate_id": (
        "编号 {field} 重复（要素 {rows}）",
        "duplicate {field} (features {rows})",
    ),
    "fix.duplicate_id": (
        "每个编号只能出现一次；删除重复要素或改正编号",
        "each id may appear once: delete the duplicate or correct the id",
    ),
    "issue.missing_name": (
        "{n} 个要素缺少名称，用编号代替：{ids}",
        "features without a name ({n}), shown by their id: {ids}",
    ),
    "fix.missing_name": ("补填 name 字段", "fill in the name field"),
    "issue.count_negative": ("{field} 为负数：{value}", "{field} is negative: {value}"),
    "fix.count_negative": ("填写 0 或正整数", "use 0 or a positive whole number"),
    "issue.count_not_a_number": (
        "{field} 无法识别为数字：{value}",
        "{field} is not a number: {value}",
    ),
    "fix.count_not_a_number": (
        "填写数字，如 1234、1,234 或 1.2万",
        "write a number such as 1234, 1,234 or 1.2万",
    ),
    "issue.count_parsed": (
        "{field} 有 {n} 个文字写法已换算：{examples}",
        "{n} written {field} values converted: {examples}",
    ),
    "fix.count_parsed": ("请核对换算结果", "check the converted values"),
    "issue.missing_count": ("{n} 个村缺少 {field}：{ids}", "villages without {field} ({n}): {ids}"),
    "fix.missing_count": (
        "补填数据；缺失时这些村不计入人口均衡",
        "fill them in; until then these villages do not count in population balance",
    ),
    "issue.no_population_field": ("没有 population（人口）字段", "no population field"),
    "fix.no_population_field": (
        "添加常住人口，否则仅能按警情或面积均衡",
        "add population, or balance by incidents or area only",
    ),
    "issue.bad_kind": (
        "{n} 个村的类型无法识别，按行政村处理：{examples}",
        "villages of unknown kind ({n}), treated as villages: {examples}",
    ),
    "fix.bad_kind": ("kind 填 village（村）或 community（社区）", "kind is village or community"),
    "issue.bad_role": ("角色无法识别：{value}", "unknown role: {value}"),
    "fix.bad_role": (
        "role 填 police（民警）或 auxiliary（辅警）",
        "role is police (民警) or auxiliary (辅警)",
    ),
    "issue.unknown_village": (
        "{field} 引用了不存在的村：{value}",
        "{field} refers to an unknown village: {value}",
    ),
    "fix.unknown_village": (
        "填写 villages 图层中的村编号或村名；辖区外的村请留空",
        "use a village_id or name from the villages layer; leave it blank for villages outside the jurisdiction",
    ),
    "issue.ambiguous_village": (
        "{field} 的“{value}”有 {n} 个同名村，不知是哪个乡镇的：{candidates}",
        "{field} '{value}' is ambiguous: {n} villages of that name, in different townships: "
        "{candidates}",
    ),
    "fix.ambiguous_village": (
        "写明乡镇，如“{example}”（也可写作 乡镇名+村名），或填写村编号；也可在该行的 township（乡镇）"
        "列填写乡镇",
        "name the township, e.g. '{example}' (or township and village name run together), or "
        "give the village_id; or fill in the row's township column",
    ),
    "issue.ambiguous_village_ids": (
        "{field} 的“{value}”有 {n} 个同名村，乡镇也无法区分：{candidates}",
        "{field} '{value}' is ambiguous: {n} villages of that name that their townships do not "
        "tell apart: {candidates}",
    ),
    "fix.ambiguous_village_ids": (
        "改填村编号（village_id）",
        "give the village_id instead",
    ),
    "issue.aux_without_home": (
        "{n} 名辅警未填居住村：{ids}",
        "auxiliary officers without a home village ({n}): {ids}",
    ),
    "fix.aux_without_home": (
        "补填 home_village，以便优先安排本村辅警",
        "fill in home_village so locals can be preferred",
    ),
    "issue.bad_bool": ("{field} 无法识别：{value}", "{field} is not yes/no: {value}"),
    "fix.bad_bool": ("填写 true/false 或 是/否", "use true/false or 是/否"),
    "issue.no_police": ("名单中没有民警", "the roster has no sworn officers"),
    "fix.no_police": (
        "添加 role = police 的民警，片区长须由民警担任",
        "add officers with role = police: zone heads must be sworn",
    ),
    "issue.no_auxiliary": ("名单中没有辅警", "the roster has no auxiliary officers"),
    "fix.no_auxiliary": (
        "添加 role = auxiliary 的辅警，以实现一村一辅警",
        "add officers with role = auxiliary for one per village",
    ),
    "issue.officer_outside": (
        "{n} 名警员的位置不在任何村内：{ids}",
        "officers located in no village ({n}): {ids}",
    ),
    "fix.officer_outside": (
        "核对坐标；辖区外居住可忽略",
        "check the coordinates; fine if they live outside the jurisdiction",
    ),
    "issue.bad_time": (
        "{n} 条警情时间无法识别，保留但不计入时段分析：{examples}",
        "unreadable incident times ({n}); kept, but left out of time analysis: {examples}",
    ),
    "fix.bad_time": (
        "使用 ISO 8601 格式，如 2025-03-14T08:12:00",
        "use ISO 8601, e.g. 2025-03-14T08:12:00",
    ),
    "issue.date_only_times": (
        "{n} 条警情（有日期的共 {total} 条）只有日期、没有时刻，如 {examples}：计入日期和星期统计，"
        "不计入高峰时段分析",
        "{n} of {total} dated incidents have a date but no clock time (e.g. {examples}): counted "
        "for dates and weekdays, left out of the peak-hour profile",
    ),
    "fix.date_only_times": (
        "有接处警记录的，补填报警时刻（如 2025-03-14T08:12:00）；否则无需处理",
        "fill in the call time (e.g. 2025-03-14T08:12:00) from the incident records where "
        "known; otherwise nothing to do",
    ),
    "issue.midnight_times": (
        "{n} 条警情（有日期的共 {total} 条）的时间恰为 00:00:00，远多于其他任何时刻，应是只记了日期"
        "（日期型字段或占位值）：计入日期和星期统计，不计入高峰时段分析。涉及：{ids}",
        "{n} of {total} dated incidents are at exactly 00:00:00, far more than any other time of "
        "day: taken as dates without a clock time (a date field or a placeholder), counted for "
        "dates and weekdays, left out of the peak-hour profile: {ids}",
    ),
    "fix.midnight_times": (
        "导出时带上报警时刻（日期时间型字段，或 ISO 8601 文本如 2025-03-14T08:12:00）",
        "export the call time with its clock time (a date-time field, or ISO 8601 text such as "
        "2025-03-14T08:12:00)",
    ),
    "issue.no_time_field": ("警情没有 time 字段", "incidents have no time field"),
    "fix.no_time_field": ("添加报警时间，以便找出高峰时段", "add the call time to find peak hours"),
    "issue.incidents_outside": (
        "{n} 条警情在辖区外（已保留）",
        "incidents outside the jurisdiction (kept): {n}",
    ),
    "fix.incidents_outside": ("核对坐标或辖区边界", "check their coordinates or the jurisdiction"),
    "issue.duplicate_room": (
        "同一村有多个警务室（要素 {rows}）",
        "several police rooms for one village (features {rows})",
    ),
    "fix.duplicate_room": (
        "一村一室：删去多余的警务室",
        "one room per village: delete the extra rooms",
    ),
    "issue.room_outside_village": (
        "警务室不在该村范围内（要素 {rows}）",
        "the police room lies outside its village (feature {rows})",
    ),
    "fix.room_outside_village": (
        "移动警务室位置或改正 village_id",
        "move the room or correct its village_id",
    ),
    "issue.bad_speed": (
        "{n} 条道路限速无效（应为 1–150 km/h），按道路等级取值：{ids}",
        "roads with an invalid speed, 1–150 km/h expected ({n}); the class default is used: {ids}",
    ),
    "fix.bad_speed": ("填写 speed_kmh 数值或留空", "fill in speed_kmh or leave it blank"),
    "issue.bad_oneway": (
        "{n} 条道路单行标记无法识别，按双向处理：{ids}",
        "roads with an unreadable oneway flag ({n}), treated as two-way: {ids}",
    ),
    "fix.bad_oneway": ("oneway 填 true/false", "oneway is true or false"),
    "issue.station_outside": (
        "派出所位置在辖区外：{ids}",
        "the station lies outside the jurisdiction: {ids}",
    ),
    "fix.station_outside": ("核对派出所坐标", "check the station's coordinates"),
    "issue.no_officers": ("没有警力名单（officers）", "no officers layer"),
    "fix.no_officers": (
        "添加 officers.csv，才能安排片区长和驻村辅警",
        "add officers.csv to staff zone heads and village auxiliaries",
    ),
    "issue.no_roads": ("没有道路图层（roads）", "no roads layer"),
    "fix.no_roads": (
        "巡逻线将按直线近似并标注；添加 roads.geojson 可沿路规划",
        "patrol lines will be straight-line approximations, marked so; add roads.geojson to route on roads",
    ),
    "issue.no_incidents": ("没有警情图层（incidents）", "no incidents layer"),
    "fix.no_incidents": (
        "工作量将按人口计算；添加 incidents.geojson 可按警情均衡",
        "workload falls back to population; add incidents.geojson to balance by incidents",
    ),
    "issue.no_station": ("没有派出所位置（station）", "no station location"),
    "fix.no_station": ("添加 station.geojson", "add station.geojson"),
    # zoning (zones/zoning.py)
    "layer.zones": ("责任区", "zones"),
    "issue.workload_note": ("工作量：{note}", "workload: {note}"),
    "fix.workload_note": ("补全数据可使均衡更准确", "complete the data for a fairer balance"),
    "issue.units_joined": (
        "{n} 对相邻单元没有共同边界，已按最近距离连接：{pairs}",
        "unit pairs without a shared border, joined to their nearest neighbour ({n}): {pairs}",
    ),
    "fix.units_joined": (
        "多为河流、空隙或飞地；核对这些连接是否符合实际道路通行",
        "usually a river, a gap or an exclave; check that these links match real roads",
    ),
    "issue.unit_too_heavy": (
        "{n} 个村的工作量单独就超过允许上限（±{tol}%）：{ids}；最小可达偏差 {pct}%。这些村各自单独成区，其余 {zones} 个责任区均分剩余工作量（比平均 {rest}%）",
        "units that alone exceed the allowed zone workload (±{tol}%) ({n}): {ids}; the smallest deviation possible is {pct}%. Each is a zone of its own; the other {zones} zones share the rest equally ({rest}% against the mean)",
    ),
    "fix.unit_too_heavy": (
        "放宽允许偏差、减少责任区数，或把该村拆分",
        "raise the tolerance, use fewer zones, or split that village",
    ),
    "issue.workload_too_sparse": (
        "只有 {units} 个村有工作量，少于 {zones} 个责任区：至少 {empty} 个责任区工作量为 0（偏差 100%）",
        "only {units} units carry any workload, fewer than the {zones} zones: at least {empty} zones get none (deviation 100%)",
    ),
    "fix.workload_too_sparse": (
        "减少责任区数，或把警情与人口混合计算工作量（如 incidents=0.5,population=0.5）",
        "use fewer zones, or mix incidents with population (e.g. incidents=0.5,population=0.5)",
    ),
    "issue.workload_lumpy": (
        "工作量是整数计数（最小单位 {step}），每个责任区平均只有 {share}，±{tol}% 内没有可达的整数：最小可达偏差 {pct}%",
        "the workload is whole counts (in steps of {step}) and a zone's share is only {share}, so no reachable value lies within ±{tol}%: the smallest deviation possible is {pct}%",
    ),
    "fix.workload_lumpy": (
        "放宽允许偏差、减少责任区数，或把警情与人口混合计算工作量（如 incidents=0.5,population=0.5）",
        "raise the tolerance, use fewer zones, or mix incidents with population (e.g. incidents=0.5,population=0.5)",
    ),
    "issue.nest_imbalance": (
        "按乡镇划分后该乡镇的 {zones} 个责任区平均偏差 {pct}%",
        "nesting in this area gives its {zones} zones an average deviation of {pct}%",
    ),
    "fix.nest_imbalance": (
        "放宽允许偏差、调整责任区数，或不按乡镇嵌套",
        "raise the tolerance, change the number of zones, or plan without nesting",
    ),
    "issue.tolerance_unmet": (
        "最大工作量偏差 {pct}%，超过允许偏差 {tol}%：{zones}。未能证明 {tol}% 无法达到（可证明的下限为 {floor}%）",
        "largest workload deviation is {pct}%, above the {tol}% tolerance: {zones}. {tol}% is not proven impossible (the proven floor is {floor}%)",
    ),
    "issue.tolerance_impossible_heavy": (
        "允许偏差 {tol}% 在本辖区无法达到：{ids} 的工作量是责任区平均值的 {ratio} 倍，可证明的最小最大偏差为 {floor}%；本方案最大偏差 {pct}%（其余责任区可证明的下限 {others}%）",
        "the {tol}% tolerance is impossible here: {ids} alone carries {ratio}× a zone's mean workload, so no plan can be less than {floor}% off; this plan's largest deviation is {pct}% (the proven floor for the other zones is {others}%)",
    ),
    "issue.tolerance_impossible_nesting": (
        "允许偏差 {tol}% 在本辖区无法达到：按乡镇（嵌套区域）分配责任区后，至少一个区域的平均工作量偏离全所平均 {floor}%；本方案最大偏差 {pct}%",
        "the {tol}% tolerance is impossible here: with zones shared among the nesting areas, some area's mean zone is {floor}% off the station's mean; this plan's largest deviation is {pct}%",
    ),
    "fix.tolerance_impossible_nesting": (
        "调整各区域的责任区数、放宽允许偏差，或不按区域嵌套",
        "change the zones per area, raise the tolerance, or plan without nesting",
    ),
    "fix.tolerance_impossible_heavy": (
        "改用警情与人口混合的工作量、减少责任区数，或把该村拆分",
        "balance a blend of incidents and population, use fewer zones, or split that village",
    ),
    "issue.tolerance_impossible_counts": (
        "允许偏差 {tol}% 在本辖区无法达到：警情为整数（步长 {step}），每个责任区的平均值不是整数，至少一个责任区偏差 {floor}%；本方案最大偏差 {pct}%",
        "the {tol}% tolerance is impossible here: incident counts are whole numbers (step {step}) and a zone's mean is not, so some zone is at least {floor}% off; this plan's largest deviation is {pct}%",
    ),
    "fix.tolerance_impossible_counts": (
        "减少责任区数、改用警情与人口混合的工作量，或放宽允许偏差",
        "use fewer zones, balance a blend of incidents and population, or raise the tolerance",
    ),
    "issue.tolerance_impossible_sparse": (
        "允许偏差 {tol}% 在本辖区无法达到：有工作量的村少于责任区数，至少一个责任区工作量为 0（偏差 {floor}%）；本方案最大偏差 {pct}%",
        "the {tol}% tolerance is impossible here: fewer villages carry any workload than there are zones, so some zone gets none ({floor}% off); this plan's largest deviation is {pct}%",
    ),
    "fix.tolerance_impossible_sparse": (
        "减少责任区数，或改用人口或混合工作量",
        "use fewer zones, or balance population or a blend",
    ),
    "fix.tolerance_unmet": (
        "放宽允许偏差、调整责任区数，或解除部分锁定",
        "raise the tolerance, change the number of zones, or unlock some villages",
    ),
    "issue.locks_disconnected": (
        "{n} 个责任区的锁定村无法连成一片",
        "zones whose locked villages cannot be joined into one piece: {n}",
    ),
    "fix.locks_disconnected": (
        "检查锁定：同一责任区的锁定村之间须有可用的村相连",
        "check the locks: villages locked to one zone must be joinable through free villages",
    ),
    "issue.metis_not_contiguous": (
        "METIS 拒绝按连片模式划分（{runs} 个起点中的 {n} 个），已改用不保证连片的划分作起点；不连片的部分随后并入相邻责任区",
        "METIS refused its contiguous mode in {n} of {runs} starts, which were partitioned again without it; their cut-off pieces were then joined to neighbouring zones",
    ),
    "fix.metis_not_contiguous": (
        "无需操作：每个责任区最终都连成一片；若形状异常，检查村界是否有缝隙或飞地",
        "nothing to do: every zone still ends in one piece; if zones look odd, check the village borders for gaps and exclaves",
    ),
    "issue.tree_starts_skipped": (
        "{runs} 次生成树重启中有 {n} 次在允许偏差内找不到均衡切分，已跳过；方案取自其余起点",
        "spanning-tree restarts that found no balanced split within the tolerance were skipped ({n} of {runs}); the plan comes from the other starts",
    ),
    "fix.tree_starts_skipped": (
        "放宽允许偏差或调整责任区数，重启才能找到切分",
        "raise the tolerance or change the number of zones so that the restarts find a split",
    ),
    # --- duty roster (zones/roster.py) ------------------------------------------------------------
    "roster.role.call_taker": ("接警员", "call-taker"),
    "roster.role.responder": ("出警员", "responder"),
    "roster.role.patroller": ("巡逻员", "patrol officer"),
    "roster.roles.call_taker": ("接警员", "call-takers"),
    "roster.roles.responder": ("出警员", "responders"),
    "roster.roles.patroller": ("巡逻员", "patrol officers"),
    "roster.short": ("缺 {n} 名{role}", "short {n} {role}"),
    "roster.short_sworn": (
        "{roles}中缺 {n} 名民警（辅警不单独出警）",
        "short {n} sworn officer(s) among the {roles} (auxiliaries do not respond alone)",
    ),
    "roster.shortage": (
        "警力不足：{days} 天无法按排班模式排满",
        "Not enough officers: {days} day(s) cannot be staffed to the pattern",
    ),
    "roster.shortage_unproven": (
        "在时限内未找到排满的值班表：{days} 天有空缺（加大时限可能改善）",
        "No fully staffed roster found within the time limit: {days} day(s) have gaps (a longer time limit may help)",
    ),
    "roster.shortage_fix": (
        "处理办法：调整请假或奖休、增加可用警力、减少每日岗位（--pattern），或加 --on-shortage flag 先排出标明空缺的值班表",
        "Fix: move leave or reward leave, add available officers, reduce the daily pattern (--pattern), or use --on-shortage flag to get a roster with the gaps marked",
    ),
    "roster.vacant": ("（空缺）", "(vacant)"),
    "layer.roster": ("值班表", "duty roster"),
    "issue.roster_wall_clock": (
        "排班在到达 {seconds} 秒时限时被中止，结果可能因机器快慢而不同",
        "the roster search was stopped by the {seconds} s time limit; the roster may differ from one machine to another",
    ),
    "fix.roster_wall_clock": (
        "加大时限（time_limit_s / --time-limit）后重排，即可在任何机器上得到同样的值班表",
        "plan again with a longer time limit (time_limit_s / --time-limit) to get the same roster on any machine",
    ),
    "roster.yes": ("是", "yes"),
    "roster.no": ("否", "no"),
    "roster.reason.leave": ("请假", "leave"),
    "roster.reason.reward_leave": ("奖休", "reward leave"),
    "roster.weekday.0": ("星期一", "Mon"),
    "roster.weekday.1": ("星期二", "Tue"),
    "roster.weekday.2": ("星期三", "Wed"),
    "roster.weekday.3": ("星期四", "Thu"),
    "roster.weekday.4": ("星期五", "Fri"),
    "roster.weekday.5": ("星期六", "Sat"),
    "roster.weekday.6": ("星期日", "Sun"),
    "roster.col.date": ("日期", "Date"),
    "roster.col.weekday": ("星期", "Weekday"),
    "roster.col.role": ("岗位", "Duty"),
    "roster.col.officer_id": ("警号", "Officer ID"),
    "roster.col.name": ("姓名", "Name"),
    "roster.col.kind": ("身份", "Type"),
    "roster.col.available": ("可排班", "Available"),
    "roster.col.zone_head": ("片区长", "Zone head"),
    "roster.col.duty_days": ("值班天数", "Duty days"),
    "roster.col.leave_days": ("请假天数", "Leave days"),
    "roster.col.reward_leave_days": ("已安排奖休天数", "Reward leave taken"),
    "roster.col.reward_leave_owed": ("应休奖休天数", "Reward leave owed"),
    "roster.col.fair": ("计入公平统计", "Counted for fairness"),
    "roster.col.missing": ("缺员人数", "Missing"),
    "roster.col.sworn": ("缺民警", "Sworn officer missing"),
    "roster.col.reason": ("事由", "Reason"),
    "roster.sheet.roster": ("值班表", "Roster"),
    "roster.sheet.by_day": ("按日排班", "By day"),
    "roster.sheet.summary": ("个人统计", "Per officer"),
    "roster.sheet.shortages": ("缺员", "Shortages"),
    "roster.sheet.time_off": ("休假", "Time off"),
    # --- the steps of make_plan (zones/plan/steps.py: Step.label; the progress of a plan) ----
    "plan.step.zoning": ("划分责任区", "drawing the zones"),
    "plan.step.heads": ("选定片区长", "choosing zone heads"),
    "plan.step.roads": ("构建路网", "building the road network"),
    "plan.step.auxiliaries": ("安排驻村辅警", "posting village auxiliaries"),
    "plan.step.rooms": ("选址乡村警务室", "siting village police rooms"),
    "plan.step.roster": ("编排值班表", "making the duty roster"),
    "plan.step.patrol": ("规划巡逻线和岗点", "planning patrol lines and posts"),
    # --- the suggested number of zones (zones/plan/zone_count.py) ---------------------------
    "zone_count.head": (
        "建议 {n} 个责任区，每区约 {per} 人。",
        "{n} zones ≈ {per} residents each.",
    ),
    "zone_count.head_no_population": ("建议 {n} 个责任区。", "{n} zones."),
    "zone_count.rule": (
        "规范：每名片区长负责 3,000–5,000 人，本辖区 {population} 人需 {low}–{high} 个责任区。",
        "Guideline: 3,000–5,000 residents per zone head, so {population} residents need "
        "{low}–{high} zones.",
    ),
    "zone_count.rule_none": (
        "规范：每名片区长负责 3,000–5,000 人；{population} 人无法整分到这个范围，最接近的是 {rule} 个。",
        "Guideline: 3,000–5,000 residents per zone head; no whole number of zones puts "
        "{population} residents in that range, {rule} is the closest.",
    ),
    "zone_count.rule_no_population": (
        "村没有人口数，无法按每名片区长 3,000–5,000 人估算。",
        "The villages carry no population, so the 3,000–5,000 residents per zone head guideline "
        "cannot be applied.",
    ),
    "zone_count.cap": (
        "上限：可用民警 {available} 名，留 {reserve} 名日常值班后，最多 {cap} 名可任片区长。",
        "Cap: {available} available sworn officers less the daily duty reserve of {reserve}: "
        "at most {cap} zone heads.",
    ),
    "zone_count.cap_none": (
        "没有可用的民警，无法配备片区长。",
        "No sworn officer is available, so no zone can have a zone head.",
    ),
    "zone_count.floor": (
        "下限：片区长不少于民警的 40%（{sworn} 名民警中至少 {floor} 名）。",
        "Floor: zone heads are at least 40% of the {sworn} sworn officers ({floor}).",
    ),
    "zone_count.villages": (
        "只有 {villages} 个村，责任区不能多于村数。",
        "There are only {villages} villages, and a zone needs at least one.",
    ),
    "zone_count.short": (
        "比规范少 {short} 个责任区：每区人口将超过 5,000，需增加可用民警或接受较大的责任区。",
        "{short} zones short of the guideline: zones will have more than 5,000 residents; make "
        "more sworn officers available or accept larger zones.",
    ),
    # --- the workload a plan balances when none is chosen (zones/zoning/workload_choice.py) ----
    "severity.info": ("说明", "note"),
    "issue.workload_chosen": (
        "工作量按 {workload} 均衡：{reason}",
        "workload balanced on {workload}: {reason}",
    ),
    "fix.workload_chosen": (
        "这是自动选择；要自己指定，在侧栏“工作量依据”中选择，或用 --workload（如 incidents=0.5,population=0.5）",
        "chosen automatically; to choose it yourself, pick the sidebar's Workload or use --workload (e.g. incidents=0.5,population=0.5)",
    ),
    "workload.mix.incidents": (
        "警情数 {inc}% + 人口 {pop}%",
        "incidents {inc}% + population {pop}%",
    ),
    "workload.mix.incident_minutes": (
        "警情工时（按类别折算）{inc}% + 人口 {pop}%",
        "incident minutes (by category) {inc}% + population {pop}%",
    ),
    "workload.only.incidents": ("警情数", "incidents"),
    "workload.only.incident_minutes": ("警情工时（按类别折算）", "incident minutes (by category)"),
    "workload.only.population": ("人口", "population"),
    "workload.only.units": ("村数（每村同等）", "villages (each the same)"),
    "workload.reason.steady": (
        "每个责任区平均约 {per_zone} 起警情（不少于 {steady} 起），足够稳定，按警情本身均衡",
        "about {per_zone} incidents a zone (at least {steady}) are steady enough to balance as they are",
    ),
    "workload.reason.sparse": (
        "警情偏少：每个责任区平均只有约 {per_zone} 起（少于 {steady} 起），仅偶然波动就会逐年超过 ±{tol}%，故与人口混合",
        "incidents are sparse: only about {per_zone} a zone (fewer than {steady}), so chance alone moves them by more than ±{tol}% from year to year; blended with population",
    ),
    "workload.reason.heavy_village": (
        "警情集中：{n} 个村单村就超过一个责任区的平均量：{villages}（只按警情最重 {incident_ratio} 倍，上限 {limit} 倍）；已降低警情权重，直到没有这样的村（现最重 {worst} 倍）",
        "incidents are concentrated: {n} village(s) alone carry more than a zone's mean: {villages} (by incidents alone {incident_ratio}× at most, {limit}× allowed); the incidents' weight was lowered until none does (heaviest now {worst}×)",
    ),
    "workload.reason.coarse": (
        "警情是整数计数，每个责任区平均只有约 {per_zone} 起，±{tol}% 内凑不出整数（最小可达偏差 {floor}%），故与人口混合",
        "incidents are whole counts and a zone's share is only about {per_zone}, so no whole number lies within ±{tol}% (the smallest deviation possible is {floor}%); blended with population",
    ),
    "workload.reason.few_villages": (
        "有警情的村少于 {zones} 个责任区，部分责任区会没有警情，故与人口混合",
        "fewer villages have incidents than there are zones ({zones}), so some zones would get none; blended with population",
    ),
    "workload.reason.heavy_everywhere": (
        "任何警情与人口的配比都有村单村超过一个责任区的平均量（只按人口时最重的村为 {population_ratio} 倍，上限 {limit} 倍）；取最重的村最轻的一种（最重 {worst} 倍），其下 {n} 个村各自单独成区：{villages}，±{tol}% 无法满足",
        "no mix of incidents and population keeps every village under a zone's mean (by population alone the heaviest is {population_ratio}×, {limit}× allowed); the mix whose heaviest village is lightest was taken ({worst}×), where {n} village(s) are each a zone of their own: {villages}, and ±{tol}% cannot be met",
    ),
    "workload.reason.no_incidents": (
        "场景没有警情，按人口均衡",
        "the scenario has no incidents, so population is balanced",
    ),
    "workload.reason.no_population": (
        "村没有人口数，无法与人口混合，只按警情均衡",
        "the villages have no population to blend with, so incidents alone are balanced",
    ),
    "workload.reason.no_data": (
        "既没有警情也没有人口，每个村同等计算",
        "there are neither incidents nor population, so every village counts the same",
    ),
    # --- minutes of work per incident category (zones/zoning/incident_minutes.py) -------------
    "minutes.bad_value": (
        "警情类别工时：{category} 的分钟数 {value} 无效，应为 0 到 {max} 之间的数",
        "incident category minutes: {category} has {value} minutes; give a number from 0 to {max}",
    ),
    "minutes.not_a_table": (
        "警情类别工时应为“类别 → 分钟数”的对照表，收到的是 {kind}",
        "incident category minutes must map category → minutes, not a {kind}",
    ),
    "minutes.empty": ("警情类别工时表是空的", "the incident category minutes table is empty"),
    "minutes.too_many": (
        "警情类别工时表有 {n} 个类别，超过上限 {max} 个",
        "the incident category minutes table has {n} categories, more than {max}",
    ),
    "minutes.bad_category": (
        "警情类别名称“{category}”不可用：不能为空，最多 {max} 个字",
        "the category name '{category}' cannot be used: it must be 1 to {max} characters",
    ),
    "minutes.duplicate": (
        "警情类别 {category} 出现了两次",
        "the category {category} is given twice",
    ),
    "minutes.bad_item": (
        "“{item}”不是“类别=分钟数”（示例：纠纷=60,求助=20）",
        "'{item}' is not category=minutes (example: 纠纷=60,求助=20)",
    ),
    "minutes.no_file": (
        "找不到警情类别工时文件 {file}",
        "the category minutes file {file} does not exist",
    ),
    "minutes.file_too_large": (
        "{file} 超过 {kb} KB，不是警情类别工时表",
        "{file} is over {kb} kB; it is not a category minutes table",
    ),
    "minutes.not_text": (
        "{file} 不是文本 CSV（UTF-8 或 GBK 编码）",
        "{file} is not a text CSV (UTF-8 or GBK)",
    ),
    "minutes.file_columns": (
        "{file} 需要 category,minutes（或 类别,分钟）两列，现有列：{found}",
        "{file} needs the columns category,minutes (or 类别,分钟); its columns: {found}",
    ),
    "minutes.file_row": ("{file} 第 {row} 行：{detail}", "{file} line {row}: {detail}"),
    # --- staffing (zones/staffing.py, zones/rooms.py) -------------------------------------------
    "layer.staffing": ("警力配置", "staffing"),
    "issue.residents_per_head": (
        "{n} 个责任区的人口不在每名片区长 {low}–{high} 人的范围内：{zones}",
        "zones outside {low}–{high} residents per zone head ({n}): {zones}",
    ),
    "fix.residents_per_head": (
        "调整责任区数量（人口多则增加、少则减少）",
        "change the number of zones (more where residents are many, fewer where few)",
    ),
    "issue.head_share_low": (
        "片区长 {heads} 名，仅占民警 {sworn} 名的 {pct}%（建议不低于 40%）",
        "{heads} zone heads are only {pct}% of the {sworn} sworn officers (guideline: at least 40%)",
    ),
    "fix.head_share_low": (
        "增加责任区或让更多民警下沉社区",
        "add zones or post more sworn officers to the community",
    ),
    "issue.aux_shortage": (
        "缺 {n} 名驻村辅警，以下村暂无辅警：{ids}",
        "short of {n} village auxiliary officers; these villages have none: {ids}",
    ),
    "fix.aux_shortage": (
        "招录或调配辅警；工作量大的村已优先配备",
        "recruit or redeploy auxiliaries; the busiest villages were staffed first",
    ),
    "issue.aux_pool": (
        "{n} 名辅警未分配到村，可机动使用：{ids}",
        "spare auxiliary officers, free for other duty ({n}): {ids}",
    ),
    "fix.aux_pool": ("可安排到警务室值守或巡逻", "deploy them to police rooms or patrols"),
    "issue.roster_short": (
        "值班表有 {n} 个岗位无人可排（见值班表中的空缺行）",
        "{n} duty slots of the roster could not be staffed (empty rows in the roster)",
    ),
    "fix.roster_short": (
        "减少请假重叠、增加人员或调整 1+3+2 模式",
        "spread leave, add people or change the 1+3+2 pattern",
    ),
    "staff.reason.home": ("本村", "lives there"),
    "staff.reason.familiar": ("熟悉", "knows the village"),
    "staff.reason.distance": ("距离 {km} km", "{km} km away"),
    # --- patrol (zones/patrol.py, zones/peaks.py) ---------------------------------------------
    "layer.patrol": ("巡逻与岗点", "patrol"),
    "issue.patrol_approximate": (
        "没有道路图层，{n} 个责任区的巡逻线按直线连接各点，距离与时间为估算",
        "no roads layer: the patrol lines of {n} zones join their stops in straight lines; "
        "distances and times are estimates",
    ),
    "fix.patrol_approximate": (
        "提供 roads 图层（或 OpenStreetMap 导出的 .osm 文件）后重新规划",
        "add a roads layer (or an OpenStreetMap .osm export) and plan again",
    ),
    "issue.patrol_no_roads_in_zone": (
        "{n} 个责任区内没有道路，巡逻线按直线估算：{ids}",
        "{n} zones have no road inside them; their patrol lines are straight-line estimates: {ids}",
    ),
    "fix.patrol_no_roads_in_zone": (
        "在 roads 图层补全这些责任区的道路",
        "complete the roads layer in these zones",
    ),
    "issue.roads_disconnected": (
        "道路网分成 {n} 块互不相连，最大一块含 {pct}% 的路口",
        "the road network falls into {n} separate pieces; the largest holds {pct}% of its nodes",
    ),
    "fix.roads_disconnected": (
        "检查道路是否在路口处断开（相接的道路端点应重合）；不相连处的点无法排入巡逻线",
        "check that roads meet at junctions (touching ends must coincide); stops on other pieces "
        "cannot join a patrol line",
    ),
    "issue.peaks_default": (
        "带时间的警情仅 {n} 起，不足以判断高峰时段，按默认高峰 {windows}",
        "only {n} incidents have a time, too few to find peak hours; using the default peaks "
        "{windows}",
    ),
    "fix.peaks_default": (
        "在 incidents 中填写 time 字段，或手工设置高峰时段",
        "give incidents a time, or set the peak hours by hand",
    ),
    "issue.peaks_none": (
        "警情在一天中分布均匀，未发现高峰时段，不设高峰岗点",
        "incidents are spread evenly over the day; no peak hours found, so no peak posts",
    ),
    "fix.peaks_none": (
        "如有固定高峰（上下学、集市），请手工设置高峰时段",
        "if there are known peaks (school run, market days), set the peak hours by hand",
    ),
    "issue.patrol_stops_dropped": (
        "{n} 个巡逻点排不进 {budget} 分钟的巡逻线（责任区 {zones}），未纳入的点见巡逻点表（stops）",
        "{n} patrol stops do not fit in the {budget}-minute loop (zones {zones}); see the "
        "dropped rows of the stops table",
    ),
    "fix.patrol_stops_dropped": (
        "延长巡逻时长、缩短每点停留时间，或由驻村辅警和岗点覆盖这些点",
        "lengthen the patrol time, shorten the stop time, or leave these places to the village "
        "auxiliaries and posts",
    ),
    "issue.patrol_unreachable": (
        "{n} 个巡逻点没有道路可达（责任区 {zones}）",
        "{n} patrol stops cannot be reached by road (zones {zones})",
    ),
    "fix.patrol_unreachable": (
        "检查这些点附近的道路是否与路网相连、单行方向是否正确",
        "check that the roads near them join the network and that one-way directions are right",
    ),
    "issue.base_unreachable": (
        "{n} 起警情无法经道路从所在责任区的驻点到达（不计入路程中位数等）",
        "{n} incidents cannot be reached by road from their zone's base (left out of the road "
        "distance figures)",
    ),
    "fix.base_unreachable": (
        "检查这些警情附近的道路是否与路网相连",
        "check that the roads near them join the network",
    ),
    "issue.patrol_none": (
        "{n} 个责任区没有巡逻线（无警情可巡、各点都在驻点旁，或预算内到不了任何点）：{ids}",
        "{n} zones have no patrol line (no incidents to patrol, every stop at the base, or no "
        "stop within the budget): {ids}",
    ),
    "fix.patrol_none": (
        "这些责任区可由驻村辅警日常巡查；如需巡逻线请延长巡逻时长",
        "the village auxiliaries can cover them; lengthen the patrol time for a line",
    ),
    "issue.patrol_time_limit": (
        "{n} 个责任区的巡逻线在 {seconds} 秒安全时限内未搜索完，路线可能因机器快慢而不同：{zones}",
        "the patrol-line search of {n} zones was stopped by the {seconds} s safety limit; those lines may differ from one machine to another: {zones}",
    ),
    "fix.patrol_time_limit": (
        "在较空闲的机器上重新规划，或减小搜索量（branches）",
        "plan again on a less busy machine, or lower the search effort (branches)",
    ),
    # hand edits (zones/edits.py, shown in the app's zones tab)
    "issue.edit_split": (
        "责任区 {zone} 不再连成一片（涉及：{villages}）",
        "zone {zone} is no longer one connected piece (moves involved: {villages})",
    ),
    "fix.edit_split": (
        "把村调回，或改调到与该责任区相邻的村；也可锁定后重新平衡",
        "move the village back or to a zone it borders, or lock and rebalance",
    ),
    "issue.edit_tolerance": (
        "{n} 个责任区的工作量超出允许偏差 ±{tol}%：{zones}",
        "zones outside the ±{tol}% workload tolerance ({n}): {zones}",
    ),
    "fix.edit_tolerance": (
        "继续调整，或锁定要保留的村后点“重新平衡”",
        "keep editing, or lock the villages to keep and use “Rebalance”",
    ),
    "issue.edit_patrols_stale": (
        "责任区 {zones} 的巡逻线和岗点仍按调整前的范围绘制",
        "the patrol lines and posts of zones {zones} are still drawn for the zones before the edit",
    ),
    "fix.edit_patrols_stale": (
        "点“更新巡逻线”，只重新规划这些责任区的巡逻线和岗点",
        "use “Update patrol lines” to plan the patrols of these zones again",
    ),
    # hand choices, rebalance and patrol update (zones/plan/manual.py, rebalance.py,
    # patrol_refresh.py; zones/staffing/heads.py and auxiliaries.py)
    "issue.edit_heads_changed": (
        "{n} 个责任区的片区长有变化：{changes}",
        "the zone head of {n} zones changed: {changes}",
    ),
    "fix.edit_heads_changed": (
        "如要保留原片区长，可在“责任区设置”中手工指定",
        "to keep a zone head, choose them by hand in “Zone settings”",
    ),
    "staff.reason.manual": ("手工指定", "chosen by hand"),
    "error.edit.no_zone": (
        "方案中没有责任区 {zones}；现有责任区：{known}",
        "the plan has no zone {zones}; its zones are {known}",
    ),
    "error.edit.no_village": ("方案中没有村 {villages}", "the plan has no village {villages}"),
    "error.edit.zone_locked": (
        "责任区 {zones} 已锁定，不能调入或调出村；请先解除锁定",
        "zone {zones} is locked: no village can move into or out of it; unlock it first",
    ),
    "error.edit.name_taken": (
        "已有责任区叫“{name}”，请换一个名称",
        "another zone is already called “{name}”; choose another name",
    ),
    "error.edit.no_officers": (
        "方案中没有人员信息，无法指定片区长或驻村辅警",
        "the plan has no officers, so no zone head or auxiliary officer can be chosen",
    ),
    "error.edit.lock_no_village": (
        "方案中没有要锁定的村 {villages}",
        "the plan has no village {villages} to lock",
    ),
    "error.edit.no_patrols": (
        "该方案没有规划巡逻线和岗点，无需更新",
        "this plan has no patrol lines or posts to update",
    ),
    "error.staff.head_no_zone": (
        "没有责任区 {zones}，无法指定片区长",
        "there is no zone {zones} to give a zone head",
    ),
    "error.staff.head_not_sworn": (
        "{officers} 不是可用的民警，不能担任片区长",
        "{officers} cannot be a zone head: not an available sworn officer",
    ),
    "error.staff.head_twice": (
        "{officers} 被指定为多个责任区的片区长",
        "{officers} is given as the zone head of more than one zone",
    ),
    "error.staff.aux_no_village": (
        "没有村 {villages}，无法指定驻村辅警",
        "there is no village {villages} to give an auxiliary officer",
    ),
    "error.staff.aux_not_auxiliary": (
        "{officers} 不是可用的辅警",
        "{officers} is not an available auxiliary officer",
    ),
    "error.staff.aux_twice": (
        "{officers} 被指定给多个村",
        "{officers} is given to more than one village",
    ),
}


TEXTS.update(ERROR_TEXTS)  # the coded errors' words (error.*), kept in zones/error_texts.py
TEXTS.update(ONE_TEXTS)  # singular forms (<key>.one), kept there too

ONE = ".one"
"""Suffix of a key's variant for a count of one (``app.edit.done.one``: "Moved 1 village"),
which :func:`lookup` takes when the ``n`` parameter is 1 and the variant exists."""

TABLES: tuple[Texts, ...] = (TEXTS,)
"""The tables :func:`t` looks in; the parts above the core put their own table in front."""


def lookup(
    tables: Sequence[Mapping[str, tuple[str, str]]], key: str, lang: str, /, **params: object
) -> str:
    """Return the text for ``key`` in ``lang`` from the first of ``tables`` that has the key.

    Parameters
    ----------
    tables
        Translation tables, the caller's own first (e.g. ``maps.i18n.TABLES``).
    key
        A key of one of the tables.
    lang
        ``"zh"`` or ``"en"``.
    **params
        Values for the ``{field}`` placeholders. When ``n`` is 1 (or the text ``"1"``, as a
        Markdown-escaped count is) and a table has the key's :data:`ONE` variant, that text is
        taken (English singulars).

    Returns
    -------
    str
        The text with its fields filled in.

    Raises
    ------
    KeyError
        If the key is in none of the tables, or the language is unknown.
    """
    if lang not in LANGS:
        msg = f"unknown language {lang!r}; use one of {', '.join(LANGS)}"
        raise KeyError(msg)
    count = params.get("n")
    one = count == "1" or (
        isinstance(count, Integral) and not isinstance(count, bool) and count == 1
    )
    if one and any(key + ONE in table for table in tables):
        key += ONE
    for table in tables:
        if key in table:
            text = table[key][LANGS.index(lang)]
            return text.format(**params) if params else text
    raise KeyError(key)


def t_nested(key: str, lang: str = DEFAULT_LANG, params: Mapping[str, object] | None = None) -> str:
    """:func:`t` with parameters that name other texts, so a message made of parts (a reason,
    a workload) is kept as data and read in either language.

    Each parameter ``<name>_key`` holds a key: its text in ``lang``, filled with the plain
    parameters, fills ``{<name>}``.

    Parameters
    ----------
    key
        A key of :data:`TEXTS`.
    lang
        ``"zh"`` (default) or ``"en"``.
    params
        Values for the ``{field}`` placeholders, and ``<name>_key`` keys.

    Returns
    -------
    str
        The text with its fields filled in.

    Raises
    ------
    KeyError
        If a key or the language is unknown.
    """
    values = dict(params or {})
    plain = {name: value for name, value in values.items() if not name.endswith("_key")}
    for name, value in values.items():
        if name.endswith("_key") and isinstance(value, str):
            plain[name.removesuffix("_key")] = t(value, lang, **plain)
    return t(key, lang, **plain)


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Return the text for ``key`` in ``lang``, with ``params`` filled in.

    Parameters
    ----------
    key
        A key of :data:`TEXTS`.
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
        If the key or the language is unknown.
    """
    return lookup(TABLES, key, lang, **params)
