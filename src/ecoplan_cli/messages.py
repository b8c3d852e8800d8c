"""Every message shown to people, in English and Chinese, in one place.

The language is chosen once per run (``--lang``, else the locale: zh when LANG/LC_ALL/LC_MESSAGES starts with zh).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

LANGUAGES = ("en", "zh")

_current = "en"

CATALOGUE: dict[str, tuple[str, str]] = {
    # reading files
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
    # plan files
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
    # calendar (table)
    "calendar-heading": ("Calendar {first} – {last}", "日程 {first} 至 {last}"),
    "calendar-month": ("{year}-{month:02d}", "{year}年{month}月"),
    "calendar-col-date": ("Date", "日期"),
    "calendar-col-item": ("Requirement", "任务"),
    "calendar-col-period": ("Period", "周期"),
    "calendar-col-required": ("Required", "要求"),
    "calendar-col-lead": ("Lead", "牵头单位"),
    "calendar-col-status": ("Status", "进度"),
    "calendar-observance": ("observance", "重要节点"),
    "calendar-legend": ("* encouraged (鼓励 …): not mandatory; an unmet one is advice", "* 鼓励性任务：非强制，未完成仅作提示"),
    "calendar-undated-heading": ("Observances with no known date", "日期未知的重要节点"),
    "calendar-missing-date": ("missing date", "日期缺失"),
    "calendar-none": ("none", "无"),
    "calendar-totals": (
        "due dates: {due}, observances: {observances}, with no known date: {undated}",
        "到期 {due} 项，重要节点 {observances} 个，日期未知 {undated} 个",
    ),
    "calendar-status-met": ("met", "已完成"),
    "calendar-status-gap": ("missing", "未完成"),
    "calendar-status-open": ("open", "进行中"),
    "calendar-status-unmeasured": ("unmeasured", "未量化"),
    "calendar-status-none": ("not yet begun", "未开始"),
    "unknown-observance": (
        "no plan names an observance '{name}'; they name: {known}",
        "计划中没有名为“{name}”的重要节点；已有：{known}",
    ),
    # command outcomes
    "exists": ("{file} exists; use --force to overwrite it", "{file} 已存在；如需覆盖请加 --force"),
    "written": ("wrote {file}", "已写入 {file}"),
    "file-valid": ("{file}: valid ({count} activities)", "{file}：有效（{count} 条活动）"),
    "files-invalid": ("{count} problem(s) in {files} file(s)", "{files} 个文件中发现 {count} 个问题"),
    "no-such-requirement": ("no requirement '{ref}' in the plans{hint}", "计划中没有任务“{ref}”{hint}"),
    "did-you-mean": ("; did you mean {suggestion}?", "；您是否想输入 {suggestion}？"),
    # check report (table)
    "report-heading": ("{region} · {unit} ({level}) — as of {as_of}", "{region} · {unit}（{level}）— 截至 {as_of}"),
    "section-gaps": ("Gaps — mandatory, missed", "缺口 — 必须完成而未完成"),
    "section-due": ("Coming due within {days} days", "{days} 天内到期"),
    "section-advice": ("Advice — encouraged, not done", "建议 — 鼓励性任务，尚未完成"),
    "section-met": ("Met", "已完成"),
    "section-unmeasured": ("Unmeasured — no number stated; activities recorded", "无量化指标 — 仅列出已记录活动"),
    "col-requirement": ("Requirement", "任务"),
    "col-period": ("Period", "期间"),
    "col-done": ("Done", "完成"),
    "col-due": ("Due", "截止"),
    "col-status": ("Status", "状态"),
    "col-met": ("Met / periods", "达标 / 期数"),
    "col-activities": ("Activities by year", "各年活动数"),
    "none": ("none", "无"),
    "totals": (
        "{met} met · {gap} gaps · {open} open · {advisory} advisory · {unmeasured} unmeasured",
        "达标 {met} · 缺口 {gap} · 进行中 {open} · 建议 {advisory} · 无量化 {unmeasured}",
    ),
    "unmeasured-silent": ("No activity recorded yet for {count}: {ids}", "尚无活动记录的 {count} 项：{ids}"),
    "level-national": ("national", "国家级"),
    "level-province": ("province level", "省级"),
    "level-prefecture": ("prefecture level", "地市级"),
    "level-district": ("district", "区级"),
    "level-county": ("county", "县级"),
    "level-school": ("school", "学校"),
    "level-enterprise": ("enterprise", "企业"),
    "level-organization": ("organization", "社会组织"),
    "level-any": ("any level", "各级"),
    "regions-heading": ("Across regions (worst status per requirement)", "各地区汇总（每项任务取最差状态）"),
    "status-met": ("met", "达标"),
    "status-gap": ("gap", "缺口"),
    "status-open": ("open", "进行中"),
    "status-unmeasured": ("unmeasured", "无量化"),
    "verdict-fail": ("FAIL: {count} mandatory gap(s)", "不通过：{count} 个必须完成的缺口"),
    "verdict-pass": ("PASS: no mandatory gap", "通过：无必须完成的缺口"),
}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """ "; did you mean X?" for the closest of choices, or nothing when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return text("did-you-mean", suggestion=close[0]) if close else ""


def set_language(language: str | None) -> str:
    """Choose the language for this run; None picks it from the locale."""
    global _current
    _current = language if language in LANGUAGES else default_language()
    return _current


def default_language() -> str:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def language() -> str:
    return _current


def text(code: str, **params: object) -> str:
    """The message for `code` in the current language, with params filled in."""
    english, chinese = CATALOGUE[code]
    template = chinese if _current == "zh" else english
    return template.format(**params)
