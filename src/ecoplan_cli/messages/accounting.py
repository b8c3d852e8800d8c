"""Not counted: why an activity's reference counts toward no finding, and what to do (engine/accounting.py)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "uncounted-before-period": (
        "{ref} on {date} is before {plan}'s first required period: the plan took effect on {effective}, its first "
        "period begins {first}; the record is kept but counts toward nothing",
        "{ref}（{date}）早于{plan}的第一个考核期：该计划自 {effective} 起施行，首个考核期从 {first} 开始；"
        "此记录保留，但不计入任何考核",
    ),
    "uncounted-after-plan": (
        "{ref} on {date} is after {plan}'s period, which ended on {end}; nothing is required after it, so the record "
        "counts toward nothing (name a requirement of a plan in force, or keep it as a record)",
        "{ref}（{date}）晚于{plan}的实施期（{end} 结束），此后不再考核，此记录不计入任何考核"
        "（请对应仍在实施的计划任务，或仅作记录保留）",
    ),
    "uncounted-after-deadline": (
        "{ref} on {date} is after its deadline {deadline}; it counts toward nothing",
        "{ref}（{date}）晚于截止日期 {deadline}，不计入任何考核",
    ),
    "uncounted-after-as-of": (
        "{ref} on {date} is after the as-of date {as_of}: it has not happened yet as of this check",
        "{ref}（{date}）晚于核查日期 {as_of}：截至本次核查尚未发生，暂不计入",
    ),
    "uncounted-no-period": (
        "{ref} on {date}: no required period of {plan} covers that day; it counts toward nothing",
        "{ref}（{date}）：{plan}没有覆盖该日的考核期，不计入任何考核",
    ),
    "uncounted-level": (
        "{ref} does not bind a {level} unit (it binds: {levels}), so this activity counts toward nothing{hint}",
        "{ref} 不约束{level}单位（只约束：{levels}），此活动不计入任何考核{hint}",
    ),
    "uncounted-suggest": ("; name {ids} instead", "；请改为 {ids}"),
    "uncounted-measure": (
        "{ref} counts in {needs}, but this activity brings {brings}: give amounts in {needs} (amounts: {{{needs}: N}}) "
        "or name the requirement it really counts toward",
        "{ref} 按“{needs}”计数，但此活动填的是 {brings}：请按“{needs}”填写数量（amounts: {{{needs}: N}}），"
        "或改为它真正对应的任务",
    ),
    "uncounted-plan-not-answered": (
        "{ref} is an item of {plan}, which this log does not list (plans: {plans}); add {plan} to plans: or name an "
        "item of a listed plan",
        "{ref} 是{plan}中的任务，而本台账未列出该计划（plans: {plans}）；请在 plans: 中加上 {plan}，或改为已列计划中的任务",
    ),
    "uncounted-explicit-only": (
        "{ref} counts only when one of its obligations is named: {known}",
        "{ref} 须写明具体要求才计入：{known}",
    ),
    "uncounted-lead": (
        "{ref} is led by {lead}; this log answers only for {lead_as} (lead_as:), so it counts toward nothing",
        "{ref} 的牵头单位是 {lead}；本台账只对 {lead_as} 牵头的任务负责（lead_as:），此活动不计入任何考核",
    ),
    "uncounted-subunit": (
        "{ref} is counted per {kind}: give subunit: one of {known}",
        "{ref} 按{kind}分别考核：请填写 subunit:（可选：{known}）",
    ),
    # plan-check: readings against obligations
    "reading-unmeasured": (
        "the reading of '{reading}' (line {line}) states a number, but {obligation} counts nothing: give it min_count "
        "(with its basis), or change the reading",
        "对“{reading}”的解读（第 {line} 行）给出了数量，但 {obligation} 没有 min_count：请补上 min_count（及 basis），或修改解读",
    ),
    "reading-deadline": (
        "the reading of '{reading}' fixes the deadline {date}, but {obligation} is due {found}",
        "对“{reading}”的解读规定截止日期为 {date}，但 {obligation} 的截止日期是 {found}",
    ),
    "show-credit": (
        "its activities also count toward {to} (in {measures}) when a log answers both plans",
        "其活动在台账同时落实两个计划时也计入 {to}（按{measures}）",
    ),
    # check report
    "section-uncounted": ("Not counted — recorded, but counting toward nothing", "未计入 — 已记录，但不计入任何考核"),
    "col-activity": ("Activity", "活动"),
    "section-open": ("Open — running, not yet enough", "进行中 — 考核期未结束，尚未达标"),
    "section-idle": (
        "Idle — nothing recorded in a whole period of a duty (advisory, never fails)",
        "整期无记录 — 有周期的任务整期无任何记录（仅提示，不影响通过）",
    ),
    "col-reason": ("Why", "原因"),
    "via": ("via {ids}", "经由 {ids}"),
    "totals-extra": ("{idle} idle · {uncounted} not counted", "整期无记录 {idle} · 未计入 {uncounted}"),
    # validate
    "never-counts": ("{message}", "{message}"),
    # filters
    "filter-unknown": (
        "no {what} '{value}' in the plans of this run{hint}",
        "本次核查的计划中没有{what}“{value}”{hint}",
    ),
    "filter-year-outside": (
        "no plan of this run has periods in {year} (they run {first}–{last})",
        "本次核查的计划在 {year} 年没有考核期（实施期为 {first}–{last} 年）",
    ),
    "filter-matches-nothing": (
        "no finding matches the filters ({filters}): nothing was checked",
        "没有符合筛选条件（{filters}）的考核结果：本次未核查任何内容",
    ),
    "what-requirement": ("requirement", "任务"),
    "what-plan": ("plan", "计划"),
    "what-lead": ("lead unit", "牵头单位"),
    "no-log-files": (
        "no log file given: name log files or folders that hold them",
        "未给出台账文件：请指定台账文件或包含台账的文件夹",
    ),
}
