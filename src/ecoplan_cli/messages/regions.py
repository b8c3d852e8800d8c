"""The region registry: ambiguous and out-of-date region names, and `ecoplan regions`."""

MESSAGES: dict[str, tuple[str, str]] = {
    "ambiguous-region": (
        "region '{region}' is ambiguous: {candidates}; write the code or the path instead (region: {example})",
        "地区“{region}”有重名：{candidates}；请改写为代码或路径（如 region: {example}）",
    ),
    "region-ended": (
        "{region} no longer existed on {date} (last day {end}); record this activity under {others}",
        "{region} 已于 {end} 之后撤销，{date} 时已不存在；该活动应记在 {others} 名下",
    ),
    "region-not-yet": (
        "{region} did not exist yet on {date} (set up on {start}); record this activity under {others}",
        "{region} 于 {start} 设立，{date} 时尚不存在；该活动应记在 {others} 名下",
    ),
    "region-nobody": ("no unit recorded", "无记录"),
    "region-out-of-window": (
        "{region} is not in force between {first} and {last} ({validity}); successors: {others}",
        "{region} 在 {first} 至 {last} 期间不存在（有效期 {validity}）；承继：{others}",
    ),
    "regions-none": ("no region matches '{query}'{hint}", "没有与“{query}”匹配的地区{hint}"),
    "regions-col-code": ("Code", "代码"),
    "regions-col-name": ("Name", "名称"),
    "regions-col-type": ("Type", "类型"),
    "regions-col-level": ("Level", "层级"),
    "regions-col-path": ("Path", "路径"),
    "regions-col-valid": ("In force", "有效期"),
    "regions-col-links": ("Predecessors → successors", "前身 → 承继"),
    "regions-always": ("—", "—"),
    "regions-overlay": ("functional zone, no national code ({overlay} overlay)", "功能区，无国家代码（{overlay} 补充）"),
    "regions-count": ("{count} unit(s)", "共 {count} 个"),
}
