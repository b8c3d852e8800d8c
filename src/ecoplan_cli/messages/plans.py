"""Plan files, the plans listing and the traceability matrix."""

MESSAGES: dict[str, tuple[str, str]] = {
    "duplicate-requirement": (
        "requirement id '{id}' is used twice (first on line {line})",
        "任务编号“{id}”重复（首次在第 {line} 行）",
    ),
    "unknown-param": ("no parameter '{name}' under params: (known: {known})", "params: 中没有参数“{name}”（已有：{known}）"),
    "unknown-subunit-kind": (
        "no sub-units of kind '{kind}' under subunits: (known: {known})",
        "subunits: 中没有“{kind}”类下级单位（已有：{known}）",
    ),
    "basis-not-in-quote": (
        "the basis is not a verbatim part of {requirement}'s quote",
        "basis 不是 {requirement} 原文引文中的原话",
    ),
    "count-not-in-basis": ("the count {count} does not appear in its basis", "数量 {count} 未出现在其 basis 原文中"),
    "unknown-link": ("'{link}' is not a requirement of the parent plan {parent}", "“{link}”不是上级计划 {parent} 中的任务"),
    "param-unset": (
        "parameter '{name}' ({text}) has no value yet: its obligations are unmeasured until it is filled in",
        "参数“{name}”（{text}）尚未填写：相关要求在填写前不作量化检查",
    ),
    "plan-valid": ("{file}: valid plan {plan} ({count} requirements)", "{file}：计划 {plan} 有效（{count} 项任务）"),
    # plans
    "plan-facts": (
        "{start} … {end} · in force from {effective} · {requirements} requirements · {obligations} obligations · {file}",
        "{start} 至 {end} · {effective} 起施行 · {requirements} 项任务 · {obligations} 项要求 · {file}",
    ),
    "plan-implements": ("implements {parent}", "落实上级计划 {parent}"),
    "col-recurrence": ("Recurrence", "周期"),
    "recurrence-weekly": ("weekly", "每周"),
    "recurrence-monthly": ("monthly", "每月"),
    "recurrence-bimonthly": ("every two months", "每两个月"),
    "recurrence-quarterly": ("quarterly", "每季度"),
    "recurrence-semiannual": ("half-yearly", "每半年"),
    "recurrence-annual": ("yearly", "每年"),
    "recurrence-school_year": ("per school year", "每学年"),
    "recurrence-plan_period": ("over the plan period", "规划期内"),
    "recurrence-once": ("once, by a deadline", "限期完成"),
    "recurrence-ongoing": ("ongoing (no number)", "长期坚持（无量化）"),
    "col-obligations": ("Obligations", "要求数"),
    "col-level": ("Level", "层级"),
    # trace
    "trace-heading": ("{plan} → {parent}: who implements what", "{plan} → {parent}：落实情况对照"),
    "col-title": ("Title", "名称"),
    "trace-implemented-by": ("Implemented by", "落实任务"),
    "trace-uncovered-mark": ("— not covered", "— 未覆盖"),
    "trace-summary": (
        "{covered} of {total} parent items covered; {uncovered} not covered",
        "上级计划 {total} 项中已覆盖 {covered} 项，未覆盖 {uncovered} 项",
    ),
    "trace-uncovered": ("Not covered: {ids}", "未覆盖：{ids}"),
    "trace-unlinked": ("Naming no parent item: {ids}", "未对应上级任务：{ids}"),
    "not-derived": ("plan {plan} implements no parent plan", "计划 {plan} 未声明所落实的上级计划"),
}
