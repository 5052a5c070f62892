"""The mediation card and charts on the staff dashboard: this year's figures and the overdue
cases."""

from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.charts import Chart, by_month, by_village, open_and_overdue

from . import report, selectors
from .models import Dispute


def _in_progress(user) -> tuple[int, int]:
    """Cases being mediated, and those of them past the one-month target."""
    cases = selectors.disputes_visible_to(user).filter(status=Dispute.Status.ACCEPTED)
    return cases.count(), cases.filter(mediation_due__lt=timezone.localdate()).count()


def card_lines(user) -> list[dict]:
    year = timezone.localdate().year
    in_progress, overdue = _in_progress(user)
    figures = {
        f.key: f
        for f in report.figures(year, breakdowns=False)
        if f.key in ("disputes.received", "disputes.succeeded", "disputes.success_rate")
    }
    return [
        {"label": _("%(year)s年登记") % {"year": year}, "value": figures["disputes.received"].text},
        {"label": _("调解成功"), "value": figures["disputes.succeeded"].text},
        {"label": _("调解成功率"), "value": figures["disputes.success_rate"].text},
        {"label": _("在办"), "value": in_progress},
        {"label": _("超过一个月未结"), "value": overdue, "warn": overdue > 0},
    ]


def charts(user, year: int) -> list[Chart]:
    received = report.RECORDS["disputes.received"]
    return [
        by_month("disputes.received", received, year, _("登记矛盾纠纷（按月）")),
        open_and_overdue("disputes", _("在办纠纷案件与超过一个月未结"), *_in_progress(user)),
        by_village("disputes.received", received, year, _("登记矛盾纠纷（按村、社区）")),
    ]
