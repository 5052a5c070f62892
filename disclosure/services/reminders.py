"""Periodic work: reply-due reminders for the officers (through huanghe_portal.reminders)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from huanghe_portal import reminders
from huanghe_portal.roles import Role

from .. import selectors
from ..models import Application
from ._common import _today
from .applications import propose_abandonment


def send_due_reminders(today: dt.date | None = None) -> int:
    """Remind the officers of replies due within 5 working days or overdue, of applications
    whose correction deadline passed (proposed for 视为放弃, never decided here), and of items
    not published within 20 working days (条例 Art 26). Returns the reminders that were new."""
    today = today or _today()
    officers = list(
        get_user_model()
        .objects.filter(groups__name=Role.DISCLOSURE_OFFICER, is_active=True)
        .values_list("pk", flat=True)
    )
    rows: list[reminders.Reminder] = []

    def add(record, key: str, message: str) -> None:
        rows.extend(
            reminders.Reminder(officer, key, message, record.get_absolute_url(), record)
            for officer in officers
        )

    for app in Application.objects.filter(
        status=Application.Status.CORRECTION_REQUESTED,
        correction_deadline__lt=today,
        abandon_proposed_on__isnull=True,
    ):
        app = propose_abandonment(app, on=today)
        add(
            app,
            "disclosure_abandon_proposed",
            _("申请（%(name)s）补正期限已过，请决定是否视为放弃申请。")
            % {"name": app.applicant_name},
        )
    for app in selectors.applications_due_within(5, today=today):
        key = "disclosure_overdue" if app.reply_due < today else "disclosure_due"
        message = (
            _("申请（%(name)s）已超过答复期限%(date)s。")
            if key == "disclosure_overdue"
            else _("申请（%(name)s）答复期限为%(date)s。")
        ) % {"name": app.applicant_name, "date": app.reply_due.isoformat()}
        add(app, key, message)
    for item in selectors.items_publication_overdue(today=today):
        assert item.publication_due is not None  # the selector compares it with today
        add(
            item,
            "disclosure_item_overdue",
            _("“%(title)s”未在%(date)s前主动公开（条例第二十六条）。")
            % {"title": item.title[:60], "date": item.publication_due.isoformat()},
        )
    return reminders.remind_all(rows)
