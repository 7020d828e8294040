"""The one translation table: every user-facing string, Chinese (default) and English.

``t(key, lang, **params)`` looks a key up and fills ``str.format`` fields. Keys are grouped by
the part of the product that shows them (``layer.*``, ``issue.*``/``fix.*``, ``cli.*``,
``map.*``, ``app.*``). A missing key or language raises ``KeyError`` at once, and
``tests/test_i18n.py`` checks that both languages use the same fields.
"""

from __future__ import annotations

LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG = "zh"

# key: (Chinese, English)
TEXTS: dict[str, tuple[str, str]] = {
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
        "巡线将按直线近似并标注；添加 roads.geojson 可沿路规划",
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
        "放宽容差、减少责任区数，或把该村拆分",
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
        "放宽容差、减少责任区数，或把警情与人口混合计算工作量（如 incidents=0.5,population=0.5）",
        "raise the tolerance, use fewer zones, or mix incidents with population (e.g. incidents=0.5,population=0.5)",
    ),
    "issue.nest_imbalance": (
        "按乡镇划分后该乡镇的 {zones} 个责任区平均偏差 {pct}%",
        "nesting in this area gives its {zones} zones an average deviation of {pct}%",
    ),
    "fix.nest_imbalance": (
        "放宽容差、调整责任区数，或不按乡镇嵌套",
        "raise the tolerance, change the number of zones, or plan without nesting",
    ),
    "issue.tolerance_unmet": (
        "最大工作量偏差 {pct}%，超过容差 {tol}%：{zones}",
        "largest workload deviation is {pct}%, above the {tol}% tolerance: {zones}",
    ),
    "fix.tolerance_unmet": (
        "放宽容差、调整责任区数，或解除部分锁定",
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
        "值班表有 {n} 个岗位无人可排（见 roster 中空缺行）",
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
        "检查道路是否在路口处断开（相接的道路端点应重合）；不相连处的点无法排入巡线",
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
        "{n} 个巡逻点排不进 {budget} 分钟的巡线（责任区 {zones}），见 stops 表中 dropped 行",
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
        "这些责任区可由驻村辅警日常巡查；如需巡线请延长巡逻时长",
        "the village auxiliaries can cover them; lengthen the patrol time for a line",
    ),
    # --- command line (zones/cli.py) ------------------------------------------------------------
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
    "cli.plan.staffed": (
        "驻村辅警 {staffed}/{villages} 个村（本村 {home}、熟悉 {familiar}），新设警务室 {new} 个",
        "auxiliaries in {staffed}/{villages} villages ({home} live there, {familiar} know it), {new} new police rooms",
    ),
    "cli.plan.patrol": (
        "巡逻线 {lines} 条、高峰岗点 {posts} 个（高峰 {peaks}）；平峰警情 {offpeak} 在巡线 {radius} 米内，"
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
    # command-line checks, profiles and file errors (zones/cli.py, maps/cli.py)
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
        "{n} 个责任区的工作量超出容差 ±{tol}%：{zones}",
        "zones outside the ±{tol}% workload tolerance ({n}): {zones}",
    ),
    "fix.edit_tolerance": (
        "继续调整，或锁定要保留的村后点“重新平衡”",
        "keep editing, or lock the villages to keep and use “Rebalance”",
    ),
    "issue.edit_patrols_stale": (
        "巡逻线和站岗点仍按调整前的责任区绘制",
        "patrol lines and posts are still drawn for the zones before the edit",
    ),
    "fix.edit_patrols_stale": (
        "点“重新平衡”或重新生成方案以更新巡逻线",
        "use “Rebalance” or plan again to update the patrols",
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
    "app.plan.suggested": (
        "建议 {n} 个：每名片区长负责 3,000–5,000 名居民，片区长不少于民警的 40%"
        "（本辖区 {population} 人，{sworn} 名民警）",
        "suggested: {n}, from 3,000–5,000 residents per zone head and zone heads at least 40% "
        "of sworn officers (here {population} residents, {sworn} sworn officers)",
    ),
    "app.plan.workload": ("工作量依据", "Workload"),
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
        "无法按当前设置生成方案。请调整责任区数、容差、乡镇嵌套或锁定的村后重试。",
        "No plan can be made with these settings. Change the number of zones, the tolerance, "
        "the township nesting or the locked villages, and try again.",
    ),
    "app.plan.error_detail": ("详情：{detail}", "Details: {detail}"),
    "app.plan.summary": (
        "{name}：{n} 个责任区，最大工作量偏差 {dev}%，平均紧凑度 {pp}",
        "{name}: {n} zones, largest workload deviation {dev}%, mean compactness {pp}",
    ),
    "app.plan.edited": ("（已手工调整 {n} 次）", " (hand edits: {n})"),
    "app.progress.adjacency": ("计算村与村的相邻关系", "finding neighbouring villages"),
    "app.progress.start": ("初步划分", "first split"),
    "app.progress.balance": ("均衡工作量", "balancing workload"),
    "app.progress.compactness": ("提高紧凑度", "making zones compact"),
    "app.progress.polish": ("细调", "polishing"),
    "app.progress.zone heads": ("选定片区长", "choosing zone heads"),
    "app.progress.auxiliaries": ("安排驻村辅警", "posting village auxiliaries"),
    "app.progress.rooms": ("选址乡村警务室", "siting village police rooms"),
    "app.progress.roster": ("编排值班表", "making the duty roster"),
    "app.progress.patrol": ("规划巡逻线和岗点", "planning patrol lines and posts"),
    "app.progress.done": ("完成", "done"),
    "app.progress.other": ("计算中", "working"),
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
        "每个村一行：所属责任区、驻村辅警警号及选派依据。",
        "One row per village: its zone, its auxiliary's id and why.",
    ),
    "app.export.audit": ("本次导出记录（{n}）", "Downloads in this session ({n})"),
    "app.export.audit_empty": ("尚未下载任何文件。", "Nothing downloaded yet."),
    "app.export.audit.time": ("时间", "time"),
    "app.export.audit.profile": ("版本", "profile"),
    "app.export.audit.plan": ("方案", "plan"),
    "app.export.audit.file": ("文件", "file"),
    "app.export.audit.user": ("用户", "user"),
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

    Raises
    ------
    KeyError
        If the key or the language is unknown.
    """
    if lang not in LANGS:
        msg = f"unknown language {lang!r}; use one of {', '.join(LANGS)}"
        raise KeyError(msg)
    text = TEXTS[key][LANGS.index(lang)]
    return text.format(**params) if params else text
