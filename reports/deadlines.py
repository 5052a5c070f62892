"""When the annual reports are due, whether they met it, and the reminders before it.

DOMAIN §0, §2.5, §7: the disclosure report is published by 31 January (configurable); the
rule-of-law report reaches the county (上一级党委和政府) by 1 March and is published before
1 April. A report on year Y is due in Y+1. "Submitted to the county" is the leader's approval
of the 报送版 (approved_at); "published" is publication on the portal (published_at).
Settings: REPORTS_DUE_DATES {code: (month, day)} overrides the defaults below."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huanghe_portal import reminders
from huanghe_portal.roles import Role

from .models import Report

REMINDER_DAYS = (30, 7, 1)

# code: (report kind, the timestamp that meets it, label, default (month, day))
DEADLINES = {
    "disc_pub": (
        Report.Kind.DISCLOSURE,
        "published_at",
        gettext_lazy("政府信息公开年度报告向社会公开"),
        (1, 31),
    ),
    "rol_sub": (
        Report.Kind.RULE_OF_LAW,
        "approved_at",
        gettext_lazy("法治政府建设年度报告报送县委、县政府"),
        (3, 1),
    ),
    "rol_pub": (
        Report.Kind.RULE_OF_LAW,
        "published_at",
        gettext_lazy("法治政府建设年度报告向社会公开"),
        (3, 31),
    ),
}


@dataclass(frozen=True)
class Deadline:
    code: str
    year: int  # the year the report covers
    kind: str
    label: str
    due: dt.date
    done_on: dt.date | None  # the first day a version of the report met the step

    @property
    def met(self) -> bool:
        return self.done_on is not None and self.done_on <= self.due

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days

    def state(self, today: dt.date) -> str:
        """ "met", "late" (done after the due date), "overdue" (not done, past due), "open"."""
        if self.done_on is not None:
            return "met" if self.met else "late"
        return "overdue" if today > self.due else "open"

    def state_text(self, today: dt.date) -> str:
        return {
            "met": _("已按期完成（%(d)s）"),
            "late": _("逾期完成（%(d)s）"),
            "overdue": _("已逾期，尚未完成"),
            "open": _("剩余%(n)s天"),
        }[self.state(today)] % {"d": self.done_on, "n": self.days_left(today)}


def _due(code: str, year: int) -> dt.date:
    month, day = getattr(settings, "REPORTS_DUE_DATES", {}).get(code, DEADLINES[code][3])
    return dt.date(year + 1, month, day)


def _local_date(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment else None


def deadlines_for(year: int) -> list[Deadline]:
    """The deadlines of the reports on `year` (due in year+1), with when each was met."""
    done = {
        kind: Report.objects.filter(year=year, kind=kind).aggregate(
            approved_at=Min("approved_at"), published_at=Min("published_at")
        )
        for kind in Report.Kind.values
    }
    return [
        Deadline(
            code=code,
            year=year,
            kind=kind,
            label=str(label),
            due=_due(code, year),
            # a published report was approved first: publication also meets 报送
            done_on=_local_date(done[kind][field] or done[kind]["published_at"]),
        )
        for code, (kind, field, label, _default) in DEADLINES.items()
    ]


def met_count(year: int) -> tuple[int, int]:
    """How many of the deadlines of the reports on `year` were met, of how many."""
    deadlines = deadlines_for(year)
    return sum(d.met for d in deadlines), len(deadlines)


def _reminder_tier(days_left: int) -> int | None:
    """The reminder due for `days_left`: 30, 7 or 1 days before (a missed day still reminds)."""
    if days_left < 0:
        return None
    tiers = [t for t in REMINDER_DAYS if days_left <= t]
    return min(tiers) if tiers else None


def send_reminders(today: dt.date | None = None) -> int:
    """Remind the office and the leaders 30, 7 and 1 days before each open report deadline
    (once per user, deadline and tier). Returns how many reminders were new."""
    today = today or timezone.localdate()
    users = list(
        get_user_model()
        .objects.filter(
            groups__name__in=[Role.REPORT_OFFICE.value, Role.LEADER.value], is_active=True
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    rows = []
    for year in (today.year - 1, today.year):
        for deadline in deadlines_for(year):
            tier = _reminder_tier(deadline.days_left(today))
            if tier is None or deadline.done_on is not None:
                continue
            message = _("%(year)s年度%(label)s的期限为%(due)s，还有%(n)s天。") % {
                "year": deadline.year,
                "label": deadline.label,
                "due": deadline.due.isoformat(),
                "n": deadline.days_left(today),
            }
            key = f"report_due_{deadline.year}_{deadline.code}_{tier}"
            rows += [
                reminders.Reminder(user, key, message, reverse("reports:index")) for user in users
            ]
    return reminders.remind_all(rows)


def overview(today: dt.date) -> dict:
    """The reports dashboard: the deadlines of last year's reports and this year's, and how
    many of last year's were met."""
    rows = [
        {"deadline": d, "state": d.state(today), "text": d.state_text(today)}
        for year in (today.year - 1, today.year)
        for d in deadlines_for(year)
    ]
    met, total = met_count(today.year - 1)
    return {
        "deadline_rows": rows,
        "deadlines_met": met,
        "deadlines_total": total,
        "deadlines_year": today.year - 1,
    }
