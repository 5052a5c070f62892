"""Notices to mediators: assigned cases and overdue reminders."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import reminders

from ..models import (
    Dispute,
)


def _mediation_due(dispute: Dispute) -> str:
    """The deadline of an accepted case (set when it was accepted), as ISO text."""
    assert dispute.mediation_due is not None
    return dispute.mediation_due.isoformat()


def _tasks():
    from .. import tasks  # imported late: tasks import this module

    return tasks


def notify_assigned_mediators(dispute: Dispute) -> int:
    """A notice to each mediator of an accepted case; returns how many were told."""
    if dispute.status != Dispute.Status.ACCEPTED:
        return 0
    message = _("纠纷 %(number)s 已受理，由您负责调解，期限 %(due)s。") % {
        "number": dispute.number,
        "due": _mediation_due(dispute),
    }
    return reminders.remind_all(
        reminders.Reminder(
            user.pk, "dispute_assigned", message, dispute.get_absolute_url(), dispute
        )
        for user in dispute.mediators.all()
    )


def send_overdue_reminders() -> int:
    """Remind the mediators of every overdue case (once per case and mediator); returns how
    many reminders were new."""
    overdue = Dispute.objects.filter(
        status=Dispute.Status.ACCEPTED, mediation_due__lt=timezone.localdate()
    )
    return reminders.remind_all(
        reminders.Reminder(
            user.pk,
            "dispute_overdue",
            _("纠纷 %(number)s 受理已超过一个月（期限 %(due)s），尚未结案。")
            % {"number": dispute.number, "due": _mediation_due(dispute)},
            dispute.get_absolute_url(),
            dispute,
        )
        for dispute in overdue.prefetch_related("mediators")
        for user in dispute.mediators.all()
    )
