"""Reading files, the schema and references: what is wrong with an input, and where."""

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": ("cannot read the file: {reason}", "无法读取文件：{reason}"),
    "file-too-large": ("the file is larger than {limit} bytes", "文件超过 {limit} 字节上限"),
    "not-utf8": (
        "the file is not UTF-8 text (byte {byte}); save it as UTF-8",
        "文件不是 UTF-8 编码（字节 {byte}），请另存为 UTF-8",
    ),
    "empty-file": ("the file is empty", "文件为空"),
    "yaml-syntax": ("not valid YAML: {detail}", "YAML 语法错误：{detail}"),
    "too-deep": ("the document is nested deeper than {limit} levels", "文档嵌套超过 {limit} 层"),
    "alias": (
        "anchors and aliases (&name, *name) are not allowed here; write the value out",
        "此处不允许使用锚点和别名（&name、*name），请直接写出取值",
    ),
    "merge-key": (
        "merge keys (<<) are not allowed here; write the keys out",
        "此处不允许使用合并键（<<），请直接写出各键",
    ),
    "complex-key": ("a key must be a plain name", "键必须是普通名称"),
    "custom-tag": (
        "the tag {tag} is not allowed; only plain YAML values are read",
        "不允许使用标签 {tag}，只读取普通 YAML 值",
    ),
    "duplicate-key": ("the key '{key}' appears twice in this mapping", "键“{key}”在同一映射中重复出现"),
    "bad-scalar": ("'{value}' cannot be read: {detail}", "无法读取“{value}”：{detail}"),
    "not-a-mapping": (
        "{what} must be a mapping of keys to values, not {found}",
        "{what}必须是“键: 值”映射，而不是{found}",
    ),
    "at-path": ("(at {path}; the file is too large to locate it by line)", "（位置：{path}；文件过大，未能按行定位）"),
    "too-large-tab": (
        "a tab here (in an unquoted value, before a comment, or as indentation) needs the slow reader, which reads "
        "files up to {limit} bytes: replace the tab with spaces or put the value in quotes (or split the file, or raise "
        "ECOPLAN_MAX_POSITIONED_BYTES)",
        "此处的制表符（Tab）（在未加引号的取值中、注释前或缩进中）需用慢速读取器读取，而它只读 {limit} 字节以内的文件："
        "请把 Tab 换成空格或给取值加引号（或拆分文件，或调高 ECOPLAN_MAX_POSITIONED_BYTES）",
    ),
    "too-large-construct": (
        "here is {what}, which needs the slow reader, and that reader reads files up to {limit} bytes: write it the "
        "plain way, split the file, or raise ECOPLAN_MAX_POSITIONED_BYTES",
        "此处是{what}，需用慢速读取器读取，而它只读 {limit} 字节以内的文件：请改用普通写法、拆分文件，"
        "或调高 ECOPLAN_MAX_POSITIONED_BYTES",
    ),
    "construct-document-marker": ("a directive or document marker (%YAML, ---, ...)", "指令或文档标记（%YAML、---、...）"),
    "construct-flow-indicator": (
        "an entry of [ ] or { } opening with an indicator (| > @ ` % ? :)",
        "[ ] 或 { } 中以指示符（| > @ ` % ? :）开头的条目",
    ),
    "construct-flow-colon": ("an entry of [ ] or { } closing with a colon ([a:])", "[ ] 或 { } 中以冒号结尾的条目（[a:]）"),
    "construct-datetime": (
        "a date and time written otherwise than 2024-06-20T14:30 or 2024-06-20 14:30 (a two-digit hour)",
        "日期时间的写法不是 2024-06-20T14:30 或 2024-06-20 14:30（小时须为两位）",
    ),
    "construct-underscore-number": ("a value of _ and digits (_1)", "以 _ 加数字开头的取值（_1）"),
    "construct-anchor-alias-tag": ("an anchor, alias or tag (&a, *a, !tag)", "锚点、别名或标签（&a、*a、!tag）"),
    "construct-merge-key": ("a merge key (<<)", "合并键（<<）"),
    "construct-question-mark": ("a ? opening a key or a value", "以 ? 开头的键或取值"),
    "construct-quoted-date": ("a quoted date", "加引号的日期"),
    "construct-block-in-flow": ("a block scalar (| or >) inside [ ] or { }", "[ ] 或 { } 中的块标量（| 或 >）"),
    "construct-block-blank-line": ("a block scalar (| or >) followed by a blank line", "块标量（| 或 >）后紧跟空行"),
    "too-large-to-read-exactly": (
        "the file is larger than {limit} bytes and uses YAML that only the positioned reader reads ({what}); "
        "split it, or raise ECOPLAN_MAX_POSITIONED_BYTES",
        "文件超过 {limit} 字节，且使用了只有逐行读取器才能读取的 YAML 写法（{what}）；"
        "请拆分文件，或调高 ECOPLAN_MAX_POSITIONED_BYTES",
    ),
    # schema
    "schema": ("{field}: {detail}", "{field}：{detail}"),
    "unknown-key": ("unknown key '{key}'{hint}", "未知的键“{key}”{hint}"),
    "missing-key": ("'{key}' is required here", "此处缺少必填项“{key}”"),
    # references
    "unknown-region": ("unknown region '{region}'{hint}", "未知的地区“{region}”{hint}"),
    "unknown-plan": ("unknown plan '{plan}'; known plans: {known}", "未知的计划“{plan}”；已知计划：{known}"),
    "unknown-requirement": ("'{ref}' is not a requirement of {plans}{hint}", "“{ref}”不是{plans}中的任务{hint}"),
    "unknown-obligation": (
        "requirement {requirement} has no obligation '{key}'; it has: {known}",
        "任务 {requirement} 没有“{key}”这一项要求；已有：{known}",
    ),
    "ambiguous-requirement": (
        "'{ref}' is in several plans ({plans}); write it as plan:id, e.g. {example}",
        "“{ref}”同时属于多个计划（{plans}），请写成“计划:编号”，如 {example}",
    ),
    "unknown-subunit": (
        "unknown sub-unit '{subunit}'; the plans list: {known}",
        "未知的下级单位“{subunit}”；计划中列出的有：{known}",
    ),
    "duplicate-activity": (
        "activity id '{id}' is used twice (first at {first})",
        "活动编号“{id}”重复使用（首次出现在 {first}）",
    ),
    "date-out-of-period": (
        "{date} is outside the plan period of {plan} ({start} … {end})",
        "{date} 不在计划 {plan} 的实施期内（{start} 至 {end}）",
    ),
    "measure-not-stated": (
        "{requirement} counts {measure}, but this activity states no {measure}; add amounts: {{{measure}: N}}",
        "{requirement} 按“{measure}”计数，但此活动未填写{measure}数；请添加 amounts: {{{measure}: 数量}}",
    ),
    "bare-url-in-flow": (
        "a bare URL inside [ ] is read here, but it is an error for libyaml-based tools (PyYAML, check-jsonschema, "
        'some editors); quote it: ["https://…"]',
        "[ ] 中未加引号的网址本工具可以读取，但基于 libyaml 的工具（PyYAML、check-jsonschema、部分编辑器）会报错；"
        '请加引号：["https://…"]',
    ),
    "unit-mismatch": (
        "this file's unit '{unit}' differs from another file for region {region}: '{other}'",
        "本文件的单位“{unit}”与同地区 {region} 的另一文件（“{other}”）不一致",
    ),
}
