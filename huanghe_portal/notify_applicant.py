"""Telling an applicant what happened to their petition or disclosure application (issue 16 point 5).

One sender for both areas. A service calls `notify(record, event)` inside its transaction; after the
commit a Celery task (queued by `jobs.enqueue`, retried when mail or SMS fails) sends an e-mail
through Django's mail backend to `record.email` and an SMS through the backend named by the
setting SMS_BACKEND to `record.phone`, and records the outcome on the record's timeline. A broker
or provider that is down never blocks the step. The applicant opts out with `record.notify_opt_out`.

Only records the applicant submitted on the portal's own forms or API (`registered_by` empty) are
notified: a person registered by staff never agreed to messages. The record must have `email`,
`phone`, `notify_opt_out`, `tracking_code` and `registered_by` fields.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from typing import TYPE_CHECKING, Any, cast

from celery import Task, shared_task
from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import jobs, timeline

if TYPE_CHECKING:

    class Notified(models.Model):
        """A record of NOTIFIED_MODELS (its applicant may get notices): the fields used here."""

        registered_by_id: int | None
        notify_opt_out: bool
        email: str
        phone: str
        tracking_code: str

        class Meta:
            abstract = True
else:
    Notified = models.Model

logger = logging.getLogger(__name__)

SENT_ACTION = "applicant_notified"
FAILED_ACTION = "applicant_notice_failed"
UNSUBSCRIBED_ACTION = "applicant_unsubscribed"
UNSUBSCRIBE_SALT = "huanghe_portal.notify_applicant.unsubscribe"
# The areas whose records take notices (a token naming any other model is refused).
NOTIFIED_MODELS = ("petitions.petition", "disclosure.application")

# The steps a person should know of.
EVENTS = {
    "received": gettext_lazy("已收到"),
    "accepted": gettext_lazy("已受理"),
    "extended": gettext_lazy("办理期限已依法延长"),
    "replied": gettext_lazy("已作出答复"),
    "correction_requested": gettext_lazy("需要您补正申请内容"),
}

MAX_RETRIES = 5


class SmsBackend:
    """An SMS provider. Subclass and name the class in the setting SMS_BACKEND."""

    def send(self, phone: str, message: str) -> None:
        raise NotImplementedError


class LoggingSmsBackend(SmsBackend):
    """The default: writes the message to the log instead of sending it (the number masked)."""

    def send(self, phone: str, message: str) -> None:
        logger.info("SMS to ***%s: %s", phone[-4:], message)


class HttpSmsBackend(SmsBackend):
    """Posts JSON {"phone", "message", "sign"} to SMS_HTTP_URL with a bearer SMS_HTTP_TOKEN."""

    timeout = 10

    def send(self, phone: str, message: str) -> None:
        if not settings.SMS_HTTP_URL:
            raise ImproperlyConfigured("SMS_HTTP_URL is not set")
        body = json.dumps(
            {"phone": phone, "message": message, "sign": settings.SMS_SIGN_NAME}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            settings.SMS_HTTP_URL,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}",
            },
        )
        with urllib.request.urlopen(request, timeout=self.timeout):  # noqa: S310
            pass  # urlopen raises HTTPError on a non-2xx answer


def sms_backend() -> SmsBackend:
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    return backend


def notify(record: models.Model, event: str) -> None:
    """Queue the message for `event` (a key of EVENTS) after the current transaction commits."""
    if event not in EVENTS:
        raise ValueError(event)
    notified = cast(Notified, record)  # an instance of NOTIFIED_MODELS
    if notified.registered_by_id is not None:
        return  # registered by staff: the person never saw the notice and opt-out on our forms
    if notified.notify_opt_out or not (notified.email or notified.phone):
        return
    jobs.enqueue(
        send_applicant_notice,
        record._meta.label_lower,
        record.pk,
        event,
        run_inline_on_failure=True,
    )


def unsubscribe_token(record: Notified) -> str:
    return signing.dumps([record._meta.label_lower, record.pk], salt=UNSUBSCRIBE_SALT)


def record_for_token(token: str) -> Notified:
    """The record an unsubscribe token names; Http404 for a forged or unknown one."""
    try:
        label, pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError) as exc:
        raise Http404 from exc
    if label not in NOTIFIED_MODELS:
        raise Http404
    return cast(Notified, get_object_or_404(apps.get_model(label), pk=pk))


@transaction.atomic
def unsubscribe(record: Notified) -> None:
    """The applicant's own opt-out from the link in a notice (no account, no version check)."""
    model = record._meta.model
    if model._default_manager.filter(pk=record.pk, notify_opt_out=False).update(
        notify_opt_out=True
    ):
        timeline.record(record, actor=None, action=UNSUBSCRIBED_ACTION)


def message(record: Notified, event: str) -> tuple[str, str]:
    kind = record._meta.verbose_name
    subject = _("黄鹤镇：您的%(kind)s%(event)s") % {"kind": kind, "event": EVENTS[event]}
    body = _(
        "您的%(kind)s（查询码 %(code)s）%(event)s。请凭查询码在黄鹤镇门户网站查询办理进度和详情。"
    ) % {"kind": kind, "code": record.tracking_code, "event": EVENTS[event]}
    if getattr(settings, "SITE_URL", ""):
        link = settings.SITE_URL.rstrip("/") + reverse(
            "notice-unsubscribe", args=[unsubscribe_token(record)]
        )
        body += "\n" + _("不再接收此类通知：%(link)s") % {"link": link}
    else:
        body += _("如不希望再收到此类通知，请告知办理机关。")
    return subject, body


def deliver(record: Notified, event: str, channels: list[str]) -> dict[str, Exception]:
    """Send on each of `channels` ("email", "sms") now; return the channels that failed."""
    subject, body = message(record, event)
    failed: dict[str, Exception] = {}
    for channel in channels:
        try:
            if channel == "email":
                send_mail(subject, body, None, [record.email])
            else:
                sms_backend().send(record.phone, body)
        except Exception as exc:  # noqa: BLE001 - SMTP and SMS providers raise many kinds
            logger.warning(
                "%s notice %s to %s %s failed: %s",
                channel,
                event,
                record._meta.label_lower,
                record.pk,
                exc,
            )
            failed[channel] = exc
    return failed


@shared_task(bind=True, max_retries=MAX_RETRIES, default_retry_delay=60)
def send_applicant_notice(
    self: Task[Any, Any], label: str, pk: int, event: str, channels: list[str] | None = None
) -> list[str]:
    """Send the notice; a channel that fails is retried alone (up to MAX_RETRIES times, a minute
    apart), then recorded as failed. Returns the channels that delivered."""
    record = cast("Notified | None", apps.get_model(label)._default_manager.filter(pk=pk).first())
    if record is None or record.notify_opt_out:
        return []
    if channels is None:
        channels = [c for c, to in (("email", record.email), ("sms", record.phone)) if to]
    failed = deliver(record, event, channels)
    sent = [c for c in channels if c not in failed]
    if sent:
        timeline.record(
            record,
            actor=None,
            action=SENT_ACTION,
            note=str(EVENTS[event]),
            data={"event": event, "channels": sent},
        )
    if failed:
        in_worker = not (self.request.is_eager or self.request.called_directly)
        if in_worker and (self.max_retries is None or self.request.retries < self.max_retries):
            raise self.retry(args=(label, pk, event, list(failed)))
        timeline.record(
            record,
            actor=None,
            action=FAILED_ACTION,
            note=str(EVENTS[event]),
            data={"event": event, "channels": list(failed)},
        )
    return sent
