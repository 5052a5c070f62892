"""The reply clock of an application (条例 Art 30, 33; DOMAIN §2.4), as one pure computation.

reply_due = 20 working days after the clock start (receipt, or receipt of the correction),
moved by the working days paused for consultations, then by the approved extension. Each step
keeps the WorkdayResult, so a detail page can answer "how was this due date computed".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from huanghe_portal.workdays import WorkdayResult, add_workdays, workdays_between

REPLY_DAYS = 20
PUBLICATION_DAYS = 20  # Art 26: 主动公开 within 20 working days of formation or change
FEE_PAYMENT_DAYS = 20  # 国办函〔2020〕109号: paid within 20 working days after the fee notice
CORRECTION_NOTICE_DAYS = 7
CONSULTATION_DAYS = 15
MAX_EXTENSION_DAYS = 20


@dataclass
class DueStep:
    label: str
    result: WorkdayResult


@dataclass
class DueComputation:
    due: dt.date
    steps: list[DueStep] = field(default_factory=list)

    def explain(self) -> list[str]:
        return [f"{step.label}：{step.result.explain()}" for step in self.steps]


def consultation_paused_days(sent_on: dt.date, replied_on: dt.date | None) -> int:
    """Working days after sending up to and including the reply, at most the 15th (Art 32, 34)."""
    limit = add_workdays(sent_on, CONSULTATION_DAYS).due
    end = limit if replied_on is None or replied_on > limit else replied_on
    return workdays_between(sent_on, end)


def publication_due(generated_on: dt.date) -> dt.date:
    """The last day to publish an item formed or changed on `generated_on` (Art 26)."""
    return add_workdays(generated_on, PUBLICATION_DAYS).due


def fee_due(notice_on: dt.date) -> dt.date:
    """The last day to pay after a 收费通知 (counted from the day after the notice)."""
    return add_workdays(notice_on, FEE_PAYMENT_DAYS).due


def correction_notice_due(received_on: dt.date) -> dt.date:
    """The last day for the one 补正 notice: 7 working days after receipt (Art 30)."""
    return add_workdays(received_on, CORRECTION_NOTICE_DAYS).due


def compute_reply_due(application) -> DueComputation:
    """The reply due date of `application` from its recorded facts."""
    start = application.clock_start
    base = add_workdays(start, REPLY_DAYS)
    label = _("补正后重新起算") if application.correction_received_on else _("法定答复期限")
    computation = DueComputation(due=base.due, steps=[DueStep(label, base)])
    if application.pk:
        paused = sum(
            consultation_paused_days(c.sent_on, c.replied_on)
            for c in application.consultations.all()
        )
        if paused:
            moved = add_workdays(computation.due, paused)
            computation.steps.append(
                DueStep(_("征求意见期间不计算在内（%(n)s个工作日）") % {"n": paused}, moved)
            )
            computation.due = moved.due
    if application.extension_days:
        extended = add_workdays(computation.due, application.extension_days)
        computation.steps.append(
            DueStep(_("经批准延期%(n)s个工作日") % {"n": application.extension_days}, extended)
        )
        computation.due = extended.due
    return computation
