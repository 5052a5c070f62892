from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.roles import Role, has_role

from . import deadlines, selectors
from .models import Report


def card_lines(user) -> list[dict]:
    reports = selectors.reports_visible_to(user)
    lines = [{"label": _("草稿"), "value": reports.filter(status=Report.Status.DRAFT).count()}]
    submitted = reports.filter(status=Report.Status.SUBMITTED).count()
    lines.append(
        {
            "label": _("待审批"),
            "value": submitted,
            "warn": bool(submitted) and has_role(user, Role.LEADER),
        }
    )
    lines.append(
        {"label": _("已发布"), "value": reports.filter(status=Report.Status.PUBLISHED).count()}
    )
    if has_role(user, Role.REPORT_OFFICE, Role.LEADER):
        lines += deadline_lines(timezone.localdate())
    return lines


def deadline_lines(today) -> list[dict]:
    """The office's and leaders' view of the reports' due dates: what is overdue, the next
    due date, and whether last year's reports met theirs."""
    pending = [
        d
        for year in (today.year - 1, today.year)
        for d in deadlines.deadlines_for(year)
        if d.done_on is None
    ]
    lines = []
    overdue = [d for d in pending if d.state(today) == "overdue"]
    if overdue:
        lines.append({"label": _("逾期未完成的报告事项"), "value": len(overdue), "warn": True})
    upcoming = sorted((d for d in pending if d.state(today) == "open"), key=lambda d: d.due)
    if upcoming:
        nearest = upcoming[0]
        lines.append(
            {
                "label": _("下一报告期限：%(year)s年度%(label)s")
                % {"year": nearest.year, "label": nearest.label},
                "value": nearest.due.isoformat(),
                "warn": nearest.days_left(today) <= 30,
            }
        )
    met, total = deadlines.met_count(today.year - 1)
    lines.append(
        {
            "label": _("%(year)s年度报告按期完成") % {"year": today.year - 1},
            "value": f"{met}/{total}",
            "warn": met < total and today.month > 3,
        }
    )
    return lines
