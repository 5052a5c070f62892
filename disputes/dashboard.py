"""The mediation card on the staff dashboard: this year's figures and the overdue cases."""

from django.utils import timezone
from django.utils.translation import gettext as _

from . import report, selectors
from .models import Dispute


def card_lines(user) -> list[dict]:
    year = timezone.localdate().year
    cases = selectors.disputes_visible_to(user).exclude(status=Dispute.Status.VOIDED)
    overdue = cases.filter(
        status=Dispute.Status.ACCEPTED, mediation_due__lt=timezone.localdate()
    ).count()
    figures = {
        f.key: f
        for f in report.figures(year, breakdowns=False)
        if f.key in ("disputes.received", "disputes.succeeded", "disputes.success_rate")
    }
    return [
        {"label": _("%(year)s年登记") % {"year": year}, "value": figures["disputes.received"].text},
        {"label": _("调解成功"), "value": figures["disputes.succeeded"].text},
        {"label": _("调解成功率"), "value": figures["disputes.success_rate"].text},
        {"label": _("在办"), "value": cases.filter(status=Dispute.Status.ACCEPTED).count()},
        {"label": _("超过一个月未结"), "value": overdue, "warn": overdue > 0},
    ]
