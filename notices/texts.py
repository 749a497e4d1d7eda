"""The words of every notice, in one place: what the item, the period, the deadline and the link are."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode


def report_link(obligation) -> str:
    """The report form for an obligation (the new form, or the unit's report once started)."""
    query = urlencode({"work_item": obligation.work_item_id, "period": obligation.period})
    return f"{reverse('report-new')}?{query}"


def absolute(link: str) -> str:
    return f"{settings.PORTAL_URL}{link}" if link.startswith("/") else link


def day_label(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def when_due(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days > 0:
        return f"{day_label(due)}截止，还有 {days} 天"
    if days == 0:
        return f"{day_label(due)}截止，今天是最后一天"
    return f"{day_label(due)}已截止，逾期 {-days} 天"


def obligation_line(obligation, today: dt.date) -> str:
    item = obligation.work_item
    return (
        f"· 第{item.number}项 {item.title} · {obligation.period_label}（{when_due(obligation.due_date, today)}）"
        f"\n  填报：{absolute(report_link(obligation))}"
    )


def reminder_text(unit, obligations, today: dt.date, *, overdue: bool) -> tuple[str, str]:
    """(title, body) of a unit's reminders or overdue notices of a day."""
    first = obligations[0]
    if overdue:
        title = (
            f"【逾期未报】{first.work_item.number}号任务 {first.period_label}"
            if len(obligations) == 1
            else f"【逾期未报】{unit.short_name}有 {len(obligations)} 项报送已逾期"
        )
        lead = f"{unit.short_name}：以下报送已过截止日期，尚未提交，请尽快填报。"
    else:
        title = (
            f"【截止提醒】{first.work_item.number}号任务 {first.period_label}（{when_due(first.due_date, today)}）"
            if len(obligations) == 1
            else f"【截止提醒】{unit.short_name}有 {len(obligations)} 项报送即将截止"
        )
        lead = f"{unit.short_name}：以下报送即将截止，尚未提交，请按时填报。"
    lines = [obligation_line(o, today) for o in obligations]
    return title, "\n".join([lead, *lines])


def digest_text(day: dt.date, total: int, by_item, by_unit) -> tuple[str, str]:
    title = f"【逾期汇总】截至{day_label(day)}，共 {total} 份报送逾期未报"
    lines = [f"截至{day_label(day)}，逾期未报 {total} 份。", "", "按任务："]
    lines += [f"· 第{number}项 {name}：{n} 份" for number, name, n in by_item]
    lines += ["", "按单位："]
    lines += [f"· {name}：{n} 份" for name, n in by_unit]
    lines += ["", f"详情：{absolute(reverse('obligation-list'))}?state=overdue"]
    return title, "\n".join(lines)


def event_text(event) -> tuple[str, str]:
    """(title, body) of a report event's notice: submitted, returned, approved, corrected."""
    report, who = event.report, event.actor.get_full_name() or event.actor.username
    subject = f"{report.unit.short_name} · {report.work_item.number}号任务 · {report.period_label}"
    link = absolute(reverse("report-detail", args=[report.pk]))
    action = event.action
    titles = {
        "submit": f"【待审核】{subject}",
        "return": f"【已退回】{subject}",
        "approve": f"【已通过】{subject}",
        "correct": f"【已更正】{subject}",
    }
    leads = {
        "submit": f"{who} 提交了进展报告，请审核。",
        "return": f"{who} 退回了进展报告，请按意见修改后重新提交。",
        "approve": f"{who} 审核通过了进展报告。",
        "correct": f"系统管理员 {who} 更正了已通过的进展报告。",
    }
    lines = [leads[action]]
    if event.comment:
        lines.append(("退回意见：" if action == "return" else "说明：") + event.comment)
    lines.append(f"查看：{link}")
    return titles[action], "\n".join(lines)


def urge_text(urge) -> tuple[str, str]:
    obligation = urge.obligation
    who = urge.by.get_full_name() or urge.by.username
    title = f"【催办】{obligation.work_item.number}号任务 {obligation.period_label}"
    lines = [
        f"{who} 催办：{obligation.unit.short_name}的以下报送已逾期，请尽快填报。",
        obligation_line(obligation, urge.created_at.date()),
    ]
    if urge.note:
        lines.append(f"附言：{urge.note}")
    return title, "\n".join(lines)
