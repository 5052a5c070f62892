from django.utils.translation import gettext as _

from huanghe_portal.roles import Role, has_role

from . import selectors
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
    return lines
