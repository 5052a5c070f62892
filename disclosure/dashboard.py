"""The disclosure card on the staff dashboard."""

from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors


def card_lines(user) -> list[dict]:
    year = timezone.localdate().year
    applications = selectors.applications_visible_to(user)
    items = selectors.items_visible_to(user)
    overdue = applications.filter(pk__in=selectors.applications_overdue().values("pk")).count()
    return [
        {"label": _("本年收到申请"), "value": applications.filter(received_on__year=year).count()},
        {
            "label": _("办理中"),
            "value": applications.filter(status__in=applications.model.OPEN).count(),
        },
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
