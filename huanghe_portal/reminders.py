"""The one writer of reminders: in-app notifications of due, overdue and assigned work, and the
e-mail that goes with them.

One rule for every area: a recipient is reminded once per record and `key`, where the key names
what is due and its tier ("petition_due" and "petition_overdue"; "report_due_2026_disc_pub_7"
for seven days before). A second run of a daily reminder job writes nothing and sends nothing;
the next tier is a new key, so it reminds again.

A new reminder is also e-mailed (one message per recipient and run) to a recipient who set an
address on their profile page and has not turned e-mail reminders off. The mail is queued
through `jobs.enqueue` after the commit, so a mail server that is down never breaks the caller.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import jobs
from .models import Notification

logger = logging.getLogger(__name__)

MAX_MAIL_RETRIES = 3


@dataclass(frozen=True)
class Reminder:
    user_id: int
    key: str  # what is due and its tier; at most 30 characters (Notification.kind)
    message: str
    url: str = ""
    record: models.Model | None = None


def remind(
    user: AbstractBaseUser,
    *,
    key: str,
    message: str,
    url: str = "",
    record: models.Model | None = None,
) -> bool:
    """Remind one user; False when they already were (same record and key)."""
    return remind_all([Reminder(user.pk, key, message, url, record)]) == 1


def remind_all(reminders: Iterable[Reminder]) -> int:
    """Write the reminders not written before (one per recipient, record and key) and e-mail
    them; returns how many were new. Set-based: one read, one insert, one read of addresses."""
    # (recipient, content type, object id, key): one reminder each
    wanted: dict[tuple[int, int | None, Any, str], Notification] = {}
    now = timezone.now()
    for reminder in reminders:
        if reminder.user_id is None:
            continue
        record = reminder.record
        ct_id = ContentType.objects.get_for_model(record).pk if record is not None else None
        object_id = record.pk if record is not None else None
        wanted.setdefault(
            (reminder.user_id, ct_id, object_id, reminder.key),
            Notification(
                user_id=reminder.user_id,
                content_type_id=ct_id,
                object_id=object_id,
                kind=reminder.key,
                message=reminder.message[:300],
                url=reminder.url,
                created_at=now,
            ),
        )
    if not wanted:
        return 0
    existing = set(
        Notification.objects.filter(
            user_id__in={k[0] for k in wanted}, kind__in={k[3] for k in wanted}
        ).values_list("user_id", "content_type_id", "object_id", "kind")
    )
    new = [row for key, row in wanted.items() if key not in existing]
    Notification.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    _queue_mail(new)
    return len(new)


def _queue_mail(rows: list[Notification]) -> None:
    by_user: dict[int, list[Notification]] = {}
    for row in rows:
        by_user.setdefault(row.user_id, []).append(row)
    if not by_user:
        return
    recipients = (
        get_user_model()
        .objects.filter(pk__in=by_user, is_active=True)
        .exclude(email="")
        .filter(Q(portal_profile__isnull=True) | Q(portal_profile__email_reminders=True))
        .values_list("pk", "email")
    )
    for user_id, address in recipients:
        jobs.enqueue(
            send_reminder_mail, address, _mail_body(by_user[user_id]), run_inline_on_failure=True
        )


def _mail_body(rows: list[Notification]) -> str:
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    lines = []
    for row in rows:
        lines.append(row.message)
        if row.url:
            lines.append(f"  {site}{row.url}")
    lines += ["", _("以上提醒也可在平台的“通知”页查看。不需要邮件提醒的，可在“个人资料”页关闭。")]
    return "\n".join(lines)


@shared_task(bind=True, max_retries=MAX_MAIL_RETRIES, default_retry_delay=300)
def send_reminder_mail(self: Task[Any, Any], address: str, body: str) -> bool:
    """Send one reminder e-mail; a refused send is retried in a worker, then logged (the
    reminder stays in the portal either way)."""
    try:
        send_mail(_("黄鹤镇法治政府建设综合平台：工作提醒"), body, None, [address])
    except Exception as exc:  # noqa: BLE001 - SMTP raises many kinds
        in_worker = not (self.request.is_eager or self.request.called_directly)
        if in_worker and (self.max_retries is None or self.request.retries < self.max_retries):
            raise self.retry(exc=exc) from exc
        logger.warning("reminder mail to user address failed: %s", exc)
        return False
    return True
