"""Shared by the petitions services: statutory periods (信访工作条例), dates and the row lock."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from huanghe_portal import public_cache, timeline
from huanghe_portal.dates import check_step_date
from huanghe_portal.roles import Role
from huanghe_portal.workflow import begin_step

from ..models import DeputySuggestion, Petition

ACCEPTANCE_DAYS = 15  # 信访工作条例 Art 23: written notice within 15 days of receipt
HANDLING_DAYS = 60  # Art 34: handled within 60 days of acceptance
MAX_EXTENSION_DAYS = 30  # Art 34: one extension of up to 30 days
REVIEW_REQUEST_DAYS = 30  # Art 35: review asked within 30 days of the written reply
REVIEW_DAYS = 30  # Art 35: review decided within 30 days
REEXAMINATION_REQUEST_DAYS = 30  # Art 36: 复核 asked within 30 days of the review opinion
SUGGESTION_MONTHS, COMPLEX_SUGGESTION_MONTHS = 3, 6  # 代表法 Art 51

CLERK = (Role.PETITION_CLERK,)
_Voidable = TypeVar("_Voidable", Petition, DeputySuggestion)


def _today() -> dt.date:
    return timezone.localdate()


def _check_date(
    value: dt.date, field: str, *, not_before: dt.date | None = None, before_label: str = ""
) -> None:
    """A step's date may not be in the future nor before the record's earlier date."""
    check_step_date(field, value, not_before=not_before, not_before_label=before_label)


def _save_public(
    obj: models.Model,
    *,
    actor: auth.User,
    action: str,
    note: str = "",
    data: dict[str, Any] | None = None,
) -> None:
    """Save a record the public pages show, log the step, and tell the public pages' cache."""
    obj.save()
    timeline.record(obj, actor=actor, action=action, note=note, data=data)
    public_cache.changed("petitions")


def _void(record: _Voidable, *, actor: auth.User, reason: str) -> _Voidable:
    """The opening of a void step: the locked record, checked, marked voided with the reason
    (no deletion; left out of every figure). The caller saves it and logs "voided"."""
    record = begin_step(record, actor, *CLERK, to=record.Status.VOIDED)
    if not reason.strip():
        raise ValidationError({"reason": _("请填写作废原因。")})
    record.status = record.Status.VOIDED
    record.void_reason = reason
    return record
