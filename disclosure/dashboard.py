"""The disclosure card and charts on the staff dashboard."""

from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.charts import Chart, by_month, open_and_overdue

from . import report, selectors


def _open_and_overdue(applications) -> tuple[int, int]:
    """Applications being handled, and those of them past the reply period."""
    overdue = applications.filter(pk__in=selectors.applications_overdue().values("pk")).count()
    return applications.filter(status__in=applications.model.OPEN).count(), overdue


def card_lines(user) -> list[dict]:
    year = timezone.localdate().year
    applications = selectors.applications_visible_to(user)
    items = selectors.items_visible_to(user)
    in_progress, overdue = _open_and_overdue(applications)
    return [
        {"label": _("本年收到申请"), "value": applications.filter(received_on__year=year).count()},
        {"label": _("办理中"), "value": in_progress},
        {
            "label": _("5个工作日内到期"),
            "value": applications.filter(
                pk__in=selectors.applications_due_within(5).values("pk")
            ).count(),
        },
        {"label": _("已逾期"), "value": overdue, "warn": overdue > 0},
        {"label": _("本年主动公开"), "value": items.filter(published_on__year=year).count()},
        {
            "label": _("待审查或待发布"),
            "value": items.filter(status__in=["draft", "reviewed"]).count(),
        },
    ]


def charts(user, year: int) -> list[Chart]:
    applications = selectors.applications_visible_to(user)
    return [
        by_month(
            "disclosure.applications",
            report.RECORDS["disclosure.applications"],
            year,
            _("收到政府信息公开申请（按月）"),
        ),
        open_and_overdue("disclosure", _("办理中的申请与已逾期"), *_open_and_overdue(applications)),
        by_month(
            "disclosure.items_published",
            report.RECORDS["disclosure.items_published"],
            year,
            _("主动公开政府信息（按月）"),
        ),
    ]
