"""Spreadsheet logs (.xlsx, .csv): reading them, converting them, and the 督办 workbook."""

MESSAGES: dict[str, tuple[str, str]] = {
    "sheet-no-header": (
        "no header row found: a row with 编号 (id) and 活动名称 (title) must head the activities"
        " (see README, 'Spreadsheet logs')",
        "未找到表头行：活动表须有一行含“编号”和“活动名称”（见 README“表格台账”）",
    ),
    "sheet-row-ignored": (
        "this row above the table is not a header entry (计划, 单位, 地区, 层级, 牵头身份) and is ignored",
        "表头区此行不是“计划、单位、地区、层级、牵头身份”之一，已忽略",
    ),
    "sheet-column-ignored": (
        "the column '{label}' is not part of the layout and is ignored",
        "“{label}”列不在台账格式内，已忽略",
    ),
    "sheet-column-twice": ("the column '{label}' names a field another column already gives", "“{label}”列与另一列重复"),
    "sheet-not-a-date": (
        "'{value}' is not a date; write 2024-03-10, 2024/3/10, 2024.3.10 or 2024年3月10日, or use a date cell",
        "“{value}”不是日期；请写作 2024-03-10、2024/3/10、2024.3.10 或 2024年3月10日，或使用日期格式单元格",
    ),
    "sheet-ambiguous-date": (
        "'{value}' is ambiguous (day/month or month/day?); write the year first: 2024-03-10",
        "“{value}”有歧义（日/月还是月/日？）；请年份在前，如 2024-03-10",
    ),
    "sheet-not-a-count": ("'{value}' is not a whole number", "“{value}”不是整数"),
    "sheet-quantity": (
        "'{value}': give the quantity with a counting word (12篇), or fill the 量词 column",
        "“{value}”：数量须带量词（如 12篇），或填写“量词”列",
    ),
    "xlsx-not-a-workbook": (
        "not an .xlsx workbook; save it from Excel or WPS as .xlsx (an old .xls cannot be read)",
        "不是 .xlsx 工作簿；请在 Excel 或 WPS 中另存为 .xlsx（旧版 .xls 无法读取）",
    ),
    "xlsx-unreadable": ("the workbook cannot be read: {reason}", "无法读取工作簿：{reason}"),
    "xlsx-too-large": (
        "the workbook would unpack to {size} bytes, over the limit of {limit} (ECOPLAN_MAX_UNZIPPED_BYTES)",
        "工作簿解压后达 {size} 字节，超过上限 {limit}（ECOPLAN_MAX_UNZIPPED_BYTES）",
    ),
    "xlsx-zip-bomb": (
        "the part {entry} would inflate {ratio} times, over the limit of {limit} (ECOPLAN_MAX_ZIP_RATIO); refused as a zip bomb",
        "部件 {entry} 压缩比达 {ratio} 倍，超过上限 {limit}（ECOPLAN_MAX_ZIP_RATIO），疑为压缩炸弹，拒绝读取",
    ),
    "xlsx-sheet-too-large": (
        "the sheet has {rows} rows and {columns} columns, over the limits of {max_rows} and {max_columns}"
        " (ECOPLAN_MAX_ROWS, ECOPLAN_MAX_COLUMNS)",
        "工作表有 {rows} 行、{columns} 列，超过上限 {max_rows} 行、{max_columns} 列（ECOPLAN_MAX_ROWS、ECOPLAN_MAX_COLUMNS）",
    ),
    "csv-encoding": (
        "the CSV file is neither UTF-8 nor GB18030 text; save it as CSV UTF-8",
        "CSV 文件既非 UTF-8 也非 GB18030 编码；请另存为 CSV UTF-8",
    ),
    "convert-not-representable": (
        "activity {id}: {what} cannot be written to a spreadsheet cell without loss ({why})",
        "活动 {id}：{what}无法无损写入表格单元格（{why}）",
    ),
    "convert-format": (
        "'{file}': the format is taken from the extension: .yaml, .yml, .xlsx or .csv",
        "“{file}”：格式由扩展名决定，应为 .yaml、.yml、.xlsx 或 .csv",
    ),
    "converted": ("{source} → {target}: {count} activities", "{source} → {target}：{count} 条活动"),
}
