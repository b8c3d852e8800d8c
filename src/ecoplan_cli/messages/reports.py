"""Which files are read (folder walks) and what report files and consumers are told."""

MESSAGES: dict[str, tuple[str, str]] = {
    "walk-skipped": ("{file}: skipped, not an activity log ({reason})", "{file}：已跳过，不是活动台账（{reason}）"),
    "walk-reason-plan-file": (
        "a plan file: load it with --plan-file",
        "这是计划文件：请用 --plan-file 加载",
    ),
    "walk-reason-exceptions-file": (
        "an exceptions file: give it with --exceptions, or name it under a log's exceptions:",
        "这是例外事项文件：请用 --exceptions 指定，或在台账的 exceptions: 中写明",
    ),
    "walk-reason-not-a-log": (
        "no top-level unit: or activities: key; name the file to read it anyway",
        "没有顶层 unit: 或 activities: 键；如确为台账，请直接写出文件名",
    ),
    "walk-reason-not-a-ledger": (
        "a spreadsheet without a 台账 table: 编号 and 活动名称 columns under rows naming 单位 or 计划; "
        "name the file to read it anyway",
        "表格中没有台账：应有“单位”或“计划”行，其下为含“编号”“活动名称”列的表；如确为台账，请直接写出文件名",
    ),
    "walk-reason-yaml-twin": (
        "the same ledger as the YAML log of the same name beside it, which is read instead; name it to read it anyway",
        "与同名的 YAML 台账是同一份台账，已读取后者；如需读取此文件，请直接写出文件名",
    ),
    "walk-reason-office-lock-file": (
        "the lock file Excel keeps while the workbook is open; close the workbook, or leave the file out of the repository",
        "这是 Excel 打开工作簿时生成的锁定文件；请关闭该工作簿，或不要将此文件提交到仓库",
    ),
    "walk-empty": (
        "{folder}: no activity log in this folder (a log has a top-level unit: or activities: key); "
        "name the log files, or the folder that holds them",
        "{folder}：该文件夹中没有活动台账（台账应有顶层 unit: 或 activities: 键）；请写出台账文件名或其所在文件夹",
    ),
    # the facts of a finding, as JUnit, SARIF and GitHub show them
    "facts-summary": ("{where} {ident} {period}: {done}, due {due}", "{where} {ident} {period}：{done}，截止 {due}"),
    "facts-unmeasured": ("no number stated; {count} activities recorded", "未规定数量；已记录 {count} 条活动"),
    "facts-unit": ("unit: {unit} ({region})", "单位：{unit}（{region}）"),
    "facts-subunit": (", sub-unit {subunit}", "，下属 {subunit}"),
    "facts-requirement": ("requirement: {plan} {ident} {title}", "任务：{plan} {ident} {title}"),
    "facts-period": ("period: {period} ({start} – {end}), due {due}", "期间：{period}（{start} 至 {end}），截止 {due}"),
    "facts-done": ("done: {done} ({status})", "完成：{done}（{status}）"),
    "facts-log": ("log file: {file}", "台账文件：{file}"),
    "facts-activities": ("activities counted: {ids}", "计入的活动：{ids}"),
    "facts-plan": ("plan file: {file}", "计划文件：{file}"),
    "facts-status-gap": ("mandatory gap", "必须完成而未完成"),
    "facts-status-advisory": ("encouraged, not done: advisory, never fails the run", "鼓励性任务未完成：仅为建议，不影响结果"),
    "facts-status-open": ("open: the period has not ended", "进行中：期间尚未结束"),
    "facts-status-met": ("met", "达标"),
    "facts-status-unmeasured": ("unmeasured: the plan states no number", "无量化指标：计划未规定数量"),
    "facts-uncounted": (
        "not counted: {file} activity {activity} ({requirement}): {reason}: {message}",
        "未计入：{file} 活动 {activity}（{requirement}）：{reason}：{message}",
    ),
    "junit-skipped-open": (
        "open: {period} runs until {end}, due {due}; {done} so far",
        "进行中：{period} 至 {end} 结束，截止 {due}；目前 {done}",
    ),
    "junit-skipped-advisory": (
        "advisory (encouraged, never fails the run): {done} in {period}, due {due}",
        "建议（鼓励性任务，不影响结果）：{period} {done}，截止 {due}",
    ),
    "junit-skipped-unmeasured": ("unmeasured: {done}", "无量化指标：{done}"),
    "junit-uncounted-heading": ("Activities not counted ({count}):", "未计入的活动（{count} 条）："),
    # GitHub annotations and job summary
    "github-more-title": ("{count} more in the job summary", "另有 {count} 项见作业摘要"),
    "github-more": (
        "{shown} of {total} gaps are annotated ({errors} mandatory, {notices} encouraged), and {warned} of {uncounted} "
        "activities counted toward nothing (GitHub shows 10 errors, 10 warnings and 10 notices per step). The other "
        "{count}, and every finding, are in the job summary.",
        "共 {total} 个缺口（必须完成 {errors} 个，鼓励性 {notices} 个），已标注 {shown} 个；未计入的活动 {uncounted} 条，已标注 "
        "{warned} 条（GitHub 每步最多显示 10 个错误、10 个警告、10 个提示）。其余 {count} 项及全部结果见作业摘要。",
    ),
    "github-summary-heading": ("## ecoplan check — as of {as_of}", "## ecoplan 检查 — 截至 {as_of}"),
    "github-section-gap": ("Gaps — mandatory, missed ({count})", "缺口 — 必须完成而未完成（{count}）"),
    "github-section-advisory": ("Advice — encouraged, not done ({count})", "建议 — 鼓励性任务，尚未完成（{count}）"),
    "github-section-open": ("Open — the period has not ended ({count})", "进行中 — 期间尚未结束（{count}）"),
    "github-section-uncounted": ("Not counted ({count})", "未计入（{count}）"),
    "github-section-rest": ("Met and unmeasured ({count})", "达标与无量化指标（{count}）"),
    "github-summary-cut": (
        "_{count} more findings are not shown: GitHub limits a step summary to 1 MiB. Write the whole report with "
        "--output json:ecoplan.json._",
        "_另有 {count} 条结果未显示：GitHub 的步骤摘要最多 1 MiB。完整结果请用 --output json:ecoplan.json 写出。_",
    ),
    "github-col-region": ("Region", "地区"),
    "github-col-unit": ("Unit", "单位"),
    "github-col-requirement": ("Requirement", "任务"),
    "github-col-period": ("Period", "期间"),
    "github-col-done": ("Done", "完成"),
    "github-col-due": ("Due", "截止"),
    "github-col-file": ("Log file", "台账文件"),
    "github-summary-unwritable": (
        "warning: could not append the job summary to {file} ({reason}); the annotations above stand",
        "警告：无法将作业摘要追加到 {file}（{reason}）；上方的标注仍然有效",
    ),
    "facts-status-waived": ("waived by an approved exception: never a failure", "已按批准的例外事项免于考核：不计为未完成"),
    "facts-exception": (
        "exception: {id} ({kind}, {document}; approved by {approver}; expires {expires}{expired}): {justification}",
        "例外事项：{id}（{kind}，{document}；批准单位 {approver}；有效期至 {expires}{expired}）：{justification}",
    ),
    "facts-exception-expired": (", EXPIRED", "，已过期"),
    "junit-skipped-waived": (
        "waived: exception {id} ({kind}, {document}), expires {expires}",
        "免于考核：例外事项 {id}（{kind}，{document}），有效期至 {expires}",
    ),
    "github-section-waived": ("Waived — approved exceptions ({count})", "免于考核 — 已批准的例外事项（{count}）"),
}
