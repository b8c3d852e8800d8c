"""Deadlines that run from an event (engine/events.py): follow-ups that cannot be counted, and how a window stands."""

MESSAGES: dict[str, tuple[str, str]] = {
    # a follow-up that cannot be counted (a validate error until not-counted activities are reported)
    "event-missing": (
        "{ref} runs from an event: say which one with event: <id of the meeting or incident activity>",
        "{ref} 的时限从某一事件起算：请用 event: <会议或事件的活动编号> 写明所跟进的事件",
    ),
    "event-unknown": (
        "event: {event} names no activity of this unit; give the id of the meeting or incident it follows",
        "event: {event} 不是本单位任何活动的编号；请填写所跟进的会议或事件的活动编号",
    ),
    "event-wrong-requirement": (
        "event: {event} is an activity of {found}, but no rule this activity names runs from it (expected: {expected})",
        "event: {event} 记录的是 {found}，但本活动所对应的时限规则都不从它起算（应为：{expected}）",
    ),
    "event-ambiguous": (
        "{ref} has several rules that run from this event; name one: {rules}",
        "{ref} 有多条从该事件起算的时限规则；请写明其一：{rules}",
    ),
    "event-order": (
        "dated {date}, before the event it follows ({event}, {event_date}); a rule after the event counts from it",
        "日期 {date} 早于所跟进的事件（{event}，{event_date}）；事后时限从事件起算",
    ),
    "event-rule-level": (
        "{ref} binds {levels}, not a {level} unit: this follow-up can never count here",
        "{ref} 适用于{levels}，不适用于{level}单位：此跟进活动在本台账中不会计入",
    ),
    "event-rule-lead": (
        "{ref} is done by {lead}; this log answers only for {lead_as} (lead_as): it can never count here",
        "{ref} 由 {lead} 负责；本台账只对 {lead_as}（lead_as）负责：此跟进活动不会计入",
    ),
    "event-outside-plan": (
        "{ref} follows {event} ({event_date}), outside the plan's period ({start} … {end}): no rule applies to it",
        "{ref} 所跟进的 {event}（{event_date}）不在计划期内（{start} 至 {end}）：不适用时限规则",
    ),
    # plan files (plan-check)
    "rule-unknown-event": (
        "event '{event}' is not a requirement (or REQ/key) of plan {plan}: a rule runs from activities of its own plan",
        "event“{event}”不是计划 {plan} 中的任务（或 任务/要求）：时限规则只能从本计划的活动起算",
    ),
    "rule-own-event": ("a rule cannot run from itself ({event})", "时限规则不能从自身起算（{event}）"),
    "offset-not-in-text": (
        "the number {offset} does not appear in the rule's text",
        "数值 {offset} 未出现在规则的原文 text 中",
    ),
    # how a window stands (reports)
    "event-rule-before": ("at least {offset} {unit} before", "至少提前 {offset} {unit}"),
    "event-rule-after": ("within {offset} {unit} after", "事后 {offset} {unit} 内"),
    "event-done-before": ("{delta} {unit} before; the rule is {offset}", "提前 {delta} {unit}；规定为 {offset}"),
    "event-done-after": ("{delta} {unit} after; the rule is {offset}", "事后 {delta} {unit}；规定为 {offset}"),
    "event-done-late-before": (
        "{delta} {unit} before; the rule is {offset} ({late} {unit} late)",
        "提前 {delta} {unit}；规定为 {offset}（迟 {late} {unit}）",
    ),
    "event-done-late-after": (
        "{delta} {unit} after; the rule is {offset} ({late} {unit} late)",
        "事后 {delta} {unit}；规定为 {offset}（迟 {late} {unit}）",
    ),
    "event-not-done": (
        "not done; due {due} ({rule}), {late} days overdue",
        "未完成；应于 {due} 前完成（{rule}），已逾期 {late} 天",
    ),
    "event-open": ("due {due} ({rule})", "应于 {due} 前完成（{rule}）"),
    "event-untimed": (
        "; a time is missing: an event without one is taken at the end of its day, a follow-up at the start of its own",
        "；缺少时刻：未记时刻的事件按当日结束时计，未记时刻的跟进活动按当日开始时计",
    ),
    "event-unset": ("the rule's number is a parameter left empty", "规则的数值为未填写的参数"),
    "recurrence-event": ("from an event (relative deadlines)", "从事件起算（相对时限）"),
    "unit-days": ("days", "日"),
    "unit-hours": ("hours", "小时"),
}

# The same reasons as not-counted entries (engine/accounting.py renders `uncounted-<reason>`).
MESSAGES.update(
    {
        f"uncounted-{code}": MESSAGES[code]
        for code in (
            "event-missing",
            "event-unknown",
            "event-wrong-requirement",
            "event-ambiguous",
            "event-order",
            "event-rule-level",
            "event-rule-lead",
            "event-outside-plan",
        )
    }
)
