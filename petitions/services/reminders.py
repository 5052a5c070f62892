"""Due-date reminders for clerks and leaders in charge (through huanghe_portal.reminders)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from huanghe_portal import reminders
from huanghe_portal.roles import Role

from .. import selectors
from ..models import DeputySuggestion, Petition
from ._common import _today

REMINDER_DAYS = 3


def send_due_reminders(today: dt.date | None = None) -> int:
    """Remind the registering clerk and the leader in charge of every open petition or deputy's
    suggestion due within three days or overdue (all clerks when none registered it).
    Set-based: one query per kind and one write (reminders.remind_all). Returns how many
    reminders were new."""
    today = today or _today()
    clerks = list(
        get_user_model()
        .objects.filter(groups__name=Role.PETITION_CLERK.value, is_active=True)
        .values_list("pk", flat=True)
    )
    rows: list[reminders.Reminder] = []
    for pk, number, clerk_id, leader_id, due in selectors.petitions_due_within(
        today, REMINDER_DAYS
    ).values_list("pk", "number", "registered_by_id", "leader_in_charge_id", "due"):
        overdue = due < today
        message = (
            _("信访件%(n)s已超期（期限%(d)s）。") if overdue else _("信访件%(n)s将于%(d)s到期。")
        ) % {"n": number, "d": due.isoformat()}
        url = reverse("petitions:petition-detail", args=[pk])
        key = "petition_overdue" if overdue else "petition_due"
        recipients = [clerk_id, leader_id] if clerk_id else [*clerks, leader_id]
        rows += [
            reminders.Reminder(user_id, key, message, url, Petition(pk=pk))
            for user_id in set(recipients)
            if user_id
        ]
    for pk, deputy, clerk_id, due in selectors.suggestions_due_within(
        today, REMINDER_DAYS
    ).values_list("pk", "deputy_name", "registered_by_id", "reply_due"):
        overdue = due < today
        message = (
            _("%(n)s代表的建议已超过答复期限（%(d)s）。")
            if overdue
            else _("%(n)s代表的建议将于%(d)s到答复期限。")
        ) % {"n": deputy, "d": due.isoformat()}
        url = reverse("petitions:suggestion-detail", args=[pk])
        key = "suggestion_overdue" if overdue else "suggestion_due"
        rows += [
            reminders.Reminder(user_id, key, message, url, DeputySuggestion(pk=pk))
            for user_id in set([clerk_id] if clerk_id else clerks)
        ]
    return reminders.remind_all(rows)
