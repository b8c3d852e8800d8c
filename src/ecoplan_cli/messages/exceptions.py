"""Approved exceptions (延期, 销号, waivers) and baselines."""

MESSAGES: dict[str, tuple[str, str]] = {
    "duplicate-exception": (
        "exception id '{id}' is used twice (first on line {line}); give each entry its own id",
        "例外事项编号“{id}”重复（首次在第 {line} 行）；请为每一项使用不同编号",
    ),
    "exception-unknown-requirement": (
        "'{ref}' is not a requirement of the plans ({plans}){hint}",
        "“{ref}”不是计划（{plans}）中的任务{hint}",
    ),
    "exception-unknown-region": ("unknown region '{region}'{hint}", "未知的地区“{region}”{hint}"),
    "exception-unknown-period": (
        "{requirement} has no period '{period}'; its periods are {first} … {last} (write them as reports print them)",
        "{requirement} 没有“{period}”这一期间；其期间为 {first} 至 {last}（请按报告中的写法填写）",
    ),
    "exception-covers-nothing": (
        "this exception covers no period of {requirement} (its periods end {first} … {last}); check from/to or closed_from",
        "此例外事项未覆盖 {requirement} 的任何期间（各期截止于 {first} 至 {last}）；请检查 from/to 或 closed_from",
    ),
    "exception-overlap": (
        "this exception overlaps '{other}' (line {line}) on {requirement}: only the first applies; merge them or narrow one",
        "此例外事项与“{other}”（第 {line} 行）在 {requirement} 上重叠：只有前一项生效；请合并或缩小范围",
    ),
    "exception-expired": (
        "exception '{id}' expired on {expires} (Asia/Shanghai): its findings count again; renew it or remove it",
        "例外事项“{id}”已于 {expires}（北京时间）到期：所涉事项重新计入考核；请续期或删除",
    ),
    "exception-bad-expiry": (
        "expires: '{expires}' is not a date such as 2025-12-31, so the exception counts as expired",
        "expires:“{expires}”不是日期（如 2025-12-31），该例外事项按已过期处理",
    ),
    "exceptions-clean": (
        "{file}: {count} exception(s), {live} live as of {as_of}",
        "{file}：例外事项 {count} 项，截至 {as_of} 有效 {live} 项",
    ),
    "baseline-unreadable": (
        "this is not a JSON report of `ecoplan check --format json`; record a baseline with "
        "`ecoplan check … --format json > baseline.json`",
        "这不是 `ecoplan check --format json` 生成的 JSON 报告；请用 `ecoplan check … --format json > baseline.json` 记录基线",
    ),
    "baseline-record": (
        "finding {number} of the baseline lacks plan, requirement, obligation, region, unit, period or status",
        "基线中第 {number} 条结果缺少 plan、requirement、obligation、region、unit、period 或 status",
    ),
    # check report
    "section-waived": ("Waived — approved exceptions", "已批准例外 — 免于考核、延期或销号"),
    "col-exception": ("Exception", "例外事项"),
    "exception-expired-note": ("exception {id} expired on {expires}", "例外事项 {id} 已于 {expires} 到期"),
    "exception-extended-note": ("extended to {due} by {id} ({document})", "经 {id}（{document}）延期至 {due}"),
    "exception-expiring": (
        "exception {id} expires on {expires} ({file}): renew it in time or plan to meet what it covers",
        "例外事项 {id} 将于 {expires} 到期（{file}）：请及时续期，或安排完成其所涉事项",
    ),
    "exceptions-totals": (
        "{waived} waived by approved exceptions · {extended} extended · {expired} covered by an expired exception",
        "经批准免于考核 {waived} · 延期 {extended} · 例外已过期 {expired}",
    ),
    "baseline-totals": (
        "against the baseline: {new} new · {unchanged} unchanged · {updated} updated · {fixed} fixed · {absent} absent",
        "与基线相比：新增 {new} · 未变 {unchanged} · 有变化 {updated} · 已解决 {fixed} · 已不存在 {absent}",
    ),
    "verdict-fail-new": (
        "FAIL: {count} new mandatory gap(s) against the baseline",
        "不通过：与基线相比新增 {count} 个必须完成的缺口",
    ),
    "verdict-pass-new": (
        "PASS: no new mandatory gap against the baseline ({count} known)",
        "通过：与基线相比无新增必须完成的缺口（已知 {count} 个）",
    ),
    "status-waived": ("waived", "已豁免"),
}
