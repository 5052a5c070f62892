"""Due-date reminders for clerks and leaders in charge."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal.models import Notification
from huanghe_portal.roles import Role

from .. import selectors
from ..models import DeputySuggestion, Petition
from ._common import _today

REMINDER_DAYS = 3


def send_due_reminders(today: dt.date | None = None) -> int:
    """Notify the registering clerk and the leader in charge of every open petition or deputy's
    suggestion due within three days or overdue. Set-based: one query per kind, one bulk upsert
    (the notification's uniqueness keeps one per user, record and kind)."""
    today = today or _today()
    now = timezone.now()
    clerks = list(
        get_user_model()
        .objects.filter(groups__name=Role.PETITION_CLERK.value, is_active=True)
        .values_list("pk", flat=True)
    )
    rows: list[Notification] = []

    def add(users, ct, pk, kind, message, url):
        for user_id in {u for u in users if u}:
            rows.append(
                Notification(
                    user_id=user_id,
                    content_type=ct,
                    object_id=pk,
                    kind=kind,
                    message=message[:300],
                    url=url,
                    created_at=now,
                )
            )

    petition_ct = ContentType.objects.get_for_model(Petition)
    for pk, number, clerk_id, leader_id, due in selectors.petitions_due_within(
        today, REMINDER_DAYS
    ).values_list("pk", "number", "registered_by_id", "leader_in_charge_id", "due"):
        overdue = due < today
        message = (
            _("信访件%(n)s已超期（期限%(d)s）。") if overdue else _("信访件%(n)s将于%(d)s到期。")
        ) % {"n": number, "d": due.isoformat()}
        add(
            [clerk_id, leader_id] if clerk_id else [*clerks, leader_id],
            petition_ct,
            pk,
            "petition_overdue" if overdue else "petition_due",
            message,
            reverse("petitions:petition-detail", args=[pk]),
        )
    suggestion_ct = ContentType.objects.get_for_model(DeputySuggestion)
    for pk, deputy, clerk_id, due in selectors.suggestions_due_within(
        today, REMINDER_DAYS
    ).values_list("pk", "deputy_name", "registered_by_id", "reply_due"):
        overdue = due < today
        message = (
            _("%(n)s代表的建议已超过答复期限（%(d)s）。")
            if overdue
            else _("%(n)s代表的建议将于%(d)s到答复期限。")
        ) % {"n": deputy, "d": due.isoformat()}
        add(
            [clerk_id] if clerk_id else clerks,
            suggestion_ct,
            pk,
            "suggestion_overdue" if overdue else "suggestion_due",
            message,
            reverse("petitions:suggestion-detail", args=[pk]),
        )
    Notification.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["user", "content_type", "object_id", "kind"],
        update_fields=["message", "url", "created_at", "read_at"],
    )
    _email_digests(rows)
    return len(rows)


def _email_digests(rows: list[Notification]) -> None:
    """One e-mail a day per user with an address, when real mail is configured (EMAIL_URL)."""
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend") or not rows:
        return
    by_user: dict[int, list[str]] = {}
    for row in rows:
        by_user.setdefault(row.user_id, []).append(row.message)
    users = get_user_model().objects.filter(pk__in=by_user, is_active=True).exclude(email="")
    subject = _("信访工作到期提醒")
    send_mass_mail(
        [
            (subject, "\n".join(by_user[u.pk]), settings.DEFAULT_FROM_EMAIL, [u.email])
            for u in users
        ],
        fail_silently=True,
    )
