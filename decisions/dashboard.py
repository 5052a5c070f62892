"""Lines and charts on the staff dashboard's decisions card."""

from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.charts import Chart, by_month
from huanghe_portal.roles import Role, has_role

from . import report, selectors
from .models import Matter


def card_lines(user) -> list[dict]:
    year = timezone.localdate().year
    visible = selectors.matters_visible_to(user)
    lines = [
        {
            "label": _("%(y)s年决策事项") % {"y": year},
            "value": visible.filter(opened_on__year=year)
            .exclude(status=Matter.Status.VOIDED)
            .count(),
        }
    ]
    if has_role(user, Role.LEGAL_REVIEWER, Role.LEGAL_ADVISER):
        pending = selectors.review_queue(user).count()
        lines.append({"label": _("待我审核"), "value": pending, "warn": pending > 0})
    if has_role(user, Role.LEADER):
        pending = selectors.signoff_queue(user).count()
        lines.append({"label": _("待签发"), "value": pending, "warn": pending > 0})
    return lines


def charts(user, year: int) -> list[Chart]:
    return [
        by_month(
            "decisions.matters", report.RECORDS["decisions.matters"], year, _("决策事项（按月）")
        ),
        by_month(
            "decisions.collective_decisions",
            report.RECORDS["decisions.collective_decisions"],
            year,
            _("集体讨论决定（按月）"),
        ),
        by_month(
            "decisions.legality_reviews",
            report.RECORDS["decisions.legality_reviews"],
            year,
            _("开展合法性审核（按月）"),
        ),
    ]
