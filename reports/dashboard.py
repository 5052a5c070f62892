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
    today = timezone.localdate()
    for deadline in deadlines.deadlines_for(today.year - 1):
        state = deadline.state(today)
        lines.append(
            {
                "label": _("%(year)s年度%(label)s（%(due)s前）")
                % {"year": deadline.year, "label": deadline.label, "due": deadline.due},
                "value": deadline.state_text(today),
                "warn": state in ("overdue", "late")
                or (state == "open" and deadline.days_left(today) <= 30),
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
