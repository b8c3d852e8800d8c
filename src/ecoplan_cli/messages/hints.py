"""The first hour: plain words for the usual typing slips, the terminal, and usage errors."""

MESSAGES: dict[str, tuple[str, str]] = {
    "severity-error": ("error: ", "错误："),  # the full-width colon brings its own space
    "severity-warning": ("warning: ", "警告："),
    # full-width punctuation and spaces where YAML syntax is expected
    "typo-full-width-colon": (
        "a full-width colon '：' after '{key}': YAML needs the half-width ':' and a space — write `{fixed}`",
        "“{key}”后是全角冒号“：”：YAML 需要半角冒号“:”加一个空格，请写成 `{fixed}`",
    ),
    "typo-colon-no-space": (
        "no space after '{key}:': YAML needs a space between the colon and the value — write `{key}: {value}`",
        "“{key}:”后缺少空格：冒号与取值之间需要一个空格，请写成 `{key}: {value}`",
    ),
    "typo-full-width-space": (
        "a full-width space after '{after}': type an ordinary (half-width) space",
        "“{after}”后是全角空格：请改为普通（半角）空格",
    ),
    "typo-full-width-indent": (
        "a full-width space in the indentation: indent with ordinary (half-width) spaces",
        "缩进中有全角空格：请用普通（半角）空格缩进",
    ),
    "typo-full-width-dash": (
        "a full-width dash '－' starts this list item: type the half-width '-' and a space",
        "列表项以全角“－”开头：请改为半角“-”加一个空格",
    ),
    "typo-full-width-bracket": (
        "a full-width '{mark}': YAML needs the half-width '{ascii}'",
        "全角“{mark}”：YAML 需要半角“{ascii}”",
    ),
    # requirement ids
    "typo-reference": (
        "'{value}' is not a requirement id: an id is capitals, a hyphen and a number, such as CQ-17 "
        "(CQ-16/press-center names one obligation, chongqing-impl:CQ-17 one plan's){hint}",
        "“{value}”不是任务编号：编号由大写字母、连字符和数字组成，如 CQ-17"
        "（CQ-16/press-center 指其中一项要求，chongqing-impl:CQ-17 指某一计划的任务）{hint}",
    ),
    "typo-reference-suggest": ("; did you mean {suggestion}?", "；是否应为 {suggestion}？"),
    "typo-reference-full-width": (
        " (full-width {chars} typed in Chinese input mode: use half-width , : - and no spaces)",
        "（{chars} 为中文输入法下的全角字符：请用半角 , : - 且不加空格）",
    ),
    "typo-reference-several": (
        "'{value}' is several requirement ids in one: separate them with a half-width comma — requirements: {fixed}",
        "“{value}”把多个任务编号写成了一个：请用半角逗号分隔，写成 requirements: {fixed}",
    ),
    # values of the wrong kind
    "typo-not-text": (
        '{field} must be text, and YAML reads {value} as {kind}: write {field}: "{value}" (in quotes), or any text',
        '{field} 应为文本，而 YAML 把 {value} 读作{kind}：请写成 {field}: "{value}"（加引号），或改用其他文字',
    ),
    "kind-number": ("a number", "数字"),
    "kind-date": ("a date", "日期"),
    "kind-bool": ("true or false", "真假值"),
    "typo-not-a-list": (
        "{field} must be a list, even of one item: write {fixed}",
        "{field} 应为列表，即使只有一项：请写成 {fixed}",
    ),
    "typo-did-you-mean": ("; did you mean '{suggestion}'?", "；是否应为“{suggestion}”？"),
    "typo-full-stop": (".", "。"),
    "typo-date-day": (
        "{value} is not a date: that month has {days} days, its last day is {last}",
        "{value} 不是有效日期：该月只有 {days} 天，最后一天是 {last}",
    ),
    "typo-date-form": (
        "{value} is not written as a date: write {fixed} (year-month-day, two digits for month, day and hour)",
        "{value} 不是日期的写法：请写成 {fixed}（年-月-日，月、日、小时各两位数字）",
    ),
    "typo-date-month": (
        "{value} is not a date: there is no month {month} (months are 01 to 12)",
        "{value} 不是有效日期：没有第 {month} 月（月份为 01 至 12）",
    ),
    "typo-unknown-key": (
        "unknown key '{key}'{hint} Allowed here: {allowed}",
        "未知的键“{key}”{hint}此处可用的键：{allowed}",
    ),
    # `show`: labels of one requirement (English keeps the bilingual labels it always had)
    "show-lead": ("牵头单位 lead", "牵头单位"),
    "show-supporting": ("配合单位 supporting", "配合单位"),
    "show-time-limit": ("任务时限 time limit", "任务时限"),
    "show-implements": ("implements", "落实上级条目"),
    "show-implemented-by": ("implemented by", "下级落实条目"),
    "show-days": ("日", "日"),
    "show-col-obligation": ("obligation", "要求"),
    "show-col-levels": ("levels", "适用层级"),
    "show-col-recurrence": ("recurrence", "频次"),
    "show-col-count": ("count", "数量"),
    "show-col-deadline": ("deadline", "截止日期"),
    "show-col-kind": ("kind", "性质"),
    "show-mandatory": ("mandatory", "必须"),
    "show-encouraged": ("encouraged", "鼓励"),
    "show-note": ("note", "说明"),
    # usage errors
    "bad-environment": (
        "{name}={value} is not usable: give a whole number of at least {minimum}, or unset it",
        "环境变量 {name}={value} 无法使用：请设为不小于 {minimum} 的整数，或删除该设置",
    ),
    "usage-error": ("usage error: {detail}", "用法错误：{detail}"),
    "bad-year": (
        "--year {year} is not a year ecoplan can plan: give one from 1 to 9998",
        "--year {year} 不是可用的年份：请给出 1 至 9998 之间的年份",
    ),
    "out-is-folder": (
        "--out {path} is a folder: give a file name, e.g. {path}/{example}",
        "--out {path} 是文件夹：请给出文件名，如 {path}/{example}",
    ),
    "cannot-write": (
        "cannot write {path}: {reason}; choose a folder you may write to, or free space there, and run it again",
        "无法写入 {path}：{reason}；请改写到有写入权限（且有剩余空间）的文件夹后重新运行",
    ),
    "version": ("ecoplan {version}", "ecoplan {version}"),
    # a log naming a user plan by id
    "plan-file-found": (
        ". {file} declares {plan}: name the file in the log (plans: [{relative}]), give --plan-file {file}, "
        'or list it once for the repository in ecoplan.toml: plan_files = ["{file}"]',
        "。{file} 中定义了 {plan}：请在台账中写明该文件（plans: [{relative}]），或加 --plan-file {file}，"
        '或在仓库的 ecoplan.toml 中登记一次：plan_files = ["{file}"]',
    ),
    "plan-file-how": (
        ". If {plan} is a plan file of your own, name the file in the log (plans: [path/to/plan.yaml]), "
        'give --plan-file FILE, or list it once in ecoplan.toml: plan_files = ["path/to/plan.yaml"]',
        "。如 {plan} 是自编的计划文件，请在台账中写明该文件（plans: [路径/plan.yaml]），或加 --plan-file 文件，"
        '或在 ecoplan.toml 中登记一次：plan_files = ["路径/plan.yaml"]',
    ),
    # `init`: the starter log's comments (English keeps the words it always had)
    "init-schema-note": (
        "(editor completion; create it once with: ecoplan schema > activity-log.schema.json)",
        "（编辑器自动补全；先运行一次：ecoplan schema > activity-log.schema.json）",
    ),
    "init-title": (
        "{unit} {year}年生态文明宣传教育工作台账 — ecoplan activity log, started by `ecoplan init`.",
        "{unit} {year}年生态文明宣传教育工作台账 — 由 `ecoplan init` 生成。",
    ),
    "init-how": (
        "Record each activity as it is done; `ecoplan validate` checks this file, `ecoplan check` what is still due.",
        "每完成一项活动即记录一条；`ecoplan validate` 检查本文件，`ecoplan check` 查看尚未完成的任务。",
    ),
    "init-nothing-due": ("Nothing falls due in {year} for this unit.", "本单位 {year} 年没有到期任务。"),
    "init-to-do": (
        "To do in {year}, by due date — copy an entry above this line, uncomment it and fill it in:",
        "{year} 年待办，按截止日期排列——将条目复制到本行上方，去掉注释符号 # 后填写：",
    ),
    "init-done": ("完成 / done", "完成"),
    "init-encouraged": ("(鼓励 encouraged)", "（鼓励）"),
    # project settings (ecoplan.toml, [tool.ecoplan])
    "settings-not-toml": ("not valid TOML: {detail}", "TOML 语法错误：{detail}"),
    "settings-plan-files": (
        'plan_files must be a list of paths: plan_files = ["plans/my_plan.yaml"]',
        'plan_files 应为路径列表：plan_files = ["plans/my_plan.yaml"]',
    ),
    "settings-missing-plan": (
        "plan file {file} does not exist (paths are relative to this settings file)",
        "计划文件 {file} 不存在（路径相对于本设置文件）",
    ),
    # the YAML parser's commonest messages, in plain words
    "parser-no-colon": (
        "a line inside a mapping needs `key: value`; is a colon missing on the line above or this one?",
        "映射中的每一行都应为“键: 值”：本行或上一行是否缺少半角冒号？",
    ),
    "parser-mapping-values": (
        "a second `: ` on one line: put a value that contains ': ' in quotes, or check the indentation",
        "同一行出现了第二个“: ”：含“: ”的取值请加引号，或检查缩进",
    ),
    "parser-indentation": (
        "the indentation does not match the lines above: keys of one mapping start in the same column",
        "缩进与上文不一致：同一映射中的键应从同一列开始",
    ),
    "parser-unclosed-quote": ("a quote is opened and never closed", "引号只有开头没有结尾"),
    "parser-unclosed-bracket": ("a [ is never closed with ]", "“[”没有对应的“]”"),
    "parser-unclosed-brace": ("a {{ is never closed with }}", "“{{”没有对应的“}}”"),
    "parser-tab": ("YAML indents with spaces; this line has a tab", "YAML 用空格缩进，此行有制表符（Tab）"),
    "parser-tab-value": (
        "a tab in an unquoted value: replace it with spaces, or put the value in quotes",
        "未加引号的取值中有制表符（Tab）：请换成空格，或给取值加引号",
    ),
    "parser-bad-start": (
        "a value cannot start with '{char}': put it in quotes",
        "取值不能以“{char}”开头：请给取值加引号",
    ),
    "parser-escape": (
        "\\{char} is not an escape inside double quotes: use single quotes, or write \\\\",
        "双引号中的 \\{char} 不是有效的转义：请改用单引号，或写成 \\\\",
    ),
    "parser-extra": (
        "something follows the end of the document: an extra ] or }} ?",
        "文档结束后还有内容：是否多了“]”或“}}”？",
    ),
    # usage errors of calendar and init, in the chosen language
    "usage-both-from-to": ("give both --from and --to, or neither", "--from 与 --to 须同时给出，或都不给"),
    "usage-level": ("--level {value}: give one of {levels}", "--level {value}：请给出以下之一：{levels}"),
    "usage-unknown-plan": ("--plan {plans}: unknown plan; known plans: {known}", "--plan {plans}：未知的计划；已知计划：{known}"),
    "usage-bad-date": (
        "{option} {value} is not a date: write an ISO date such as 2025-01-15",
        "{option} {value} 不是日期：请写成 2025-01-15 这样的日期",
    ),
    "usage-impossible-date": ("{option}: {detail}", "{option}：{detail}"),
}
