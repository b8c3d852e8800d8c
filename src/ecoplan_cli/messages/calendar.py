"""The planner's calendar."""

MESSAGES: dict[str, tuple[str, str]] = {
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
}
