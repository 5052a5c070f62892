"""The petitions card and charts on the staff dashboard: this year's figures and what is due."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.charts import Chart, by_month, by_village, open_and_overdue

from . import report, selectors
from .models import DeputySuggestion, Petition
from .services import REMINDER_DAYS


def card_lines(user) -> list[dict]:
    today = timezone.localdate()
    visible = selectors.petitions_visible_to(user)
    counts = visible.aggregate(
        year=Count(
            "pk", filter=Q(received_on__year=today.year) & ~Q(status=Petition.Status.VOIDED)
        ),
        overdue=Count("pk", filter=selectors.overdue_q(today)),
        due_soon=Count(
            "pk",
            filter=~selectors.overdue_q(today)
            & Q(pk__in=selectors.petitions_due_within(today, REMINDER_DAYS).values("pk")),
        ),
    )
    suggestions_overdue = (
        selectors.suggestions_visible_to(user)
        .filter(status=DeputySuggestion.Status.ASSIGNED, reply_due__lt=today)
        .count()
    )
    mine = visible.filter(leader_in_charge=user).filter(status__in=Petition.OPEN_STATUSES).count()
    lines = [
        {"label": _("今年登记信访件"), "value": counts["year"]},
        {"label": _("超期未办"), "value": counts["overdue"], "warn": counts["overdue"] > 0},
        {
            "label": _("%(n)s日内到期") % {"n": REMINDER_DAYS},
            "value": counts["due_soon"],
            "warn": counts["due_soon"] > 0,
        },
        {
            "label": _("代表建议超期未复"),
            "value": suggestions_overdue,
            "warn": suggestions_overdue > 0,
        },
    ]
    if mine:
        lines.append({"label": _("我包案的在办信访件"), "value": mine})
    return lines


def charts(user, year: int) -> list[Chart]:
    received = report.RECORDS["petitions.received"]
    today = timezone.localdate()
    counts = selectors.petitions_visible_to(user).aggregate(
        open=Count("pk", filter=Q(status__in=Petition.OPEN_STATUSES)),
        overdue=Count("pk", filter=selectors.overdue_q(today)),
    )
    return [
        by_month("petitions.received", received, year, _("收到群众信访事项（按月）")),
        open_and_overdue("petitions", _("在办信访件与超期未办"), counts["open"], counts["overdue"]),
        by_village("petitions.received", received, year, _("收到群众信访事项（按村、社区）")),
    ]
