"""What YAML a log may be written in: the strict reader's verdict, and where the readers would differ."""

MESSAGES: dict[str, tuple[str, str]] = {
    "yaml-syntax-strict": (
        "not valid YAML: {detail} (position as the strict YAML 1.2 reader reports it)",
        "YAML 语法错误：{detail}（位置为严格 YAML 1.2 读取器所报）",
    ),
    "yaml-unreadable": (
        "this YAML cannot be read: {detail}; write it more plainly (no directives, no comments between a key and its value)",
        "无法读取此 YAML：{detail}；请改用更简单的写法（不用指令，键与值之间不插注释）",
    ),
    "read-differently": (
        "YAML readers read the value at {path} differently; write it more plainly (quote it, or drop tags and explicit '?' keys)",
        "不同的 YAML 读取器对 {path} 处的取值理解不一；请改用更简单的写法（加引号，或去掉标签和“?”显式键）",
    ),
}
