"""Leaders' reception days and their records."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import models as auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from huanghe_portal import (
    public_cache,
    timeline,
)
from huanghe_portal.exceptions import TransitionNotAllowed
from huanghe_portal.roles import Role, require_role
from huanghe_portal.workflow import begin_step, lock

from ..models import Petition, ReceptionDay, ReceptionRecord
from ._common import _save_public, _today
from .intake import register_petition


@transaction.atomic
def create_reception_day(
    *,
    actor: auth.User,
    date: dt.date,
    leader_name: str,
    place: str,
    kind: str = ReceptionDay.Kind.RECEPTION,
    leader=None,
    note: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    topic: str = "",
) -> ReceptionDay:
    """Publish a leader's reception day (Art 18 ¶1) with its hours; petition clerks and leaders."""
    require_role(actor, Role.PETITION_CLERK, Role.LEADER)
    _check_hours(start_time, end_time)
    day = ReceptionDay.objects.create(
        date=date,
        start_time=start_time,
        end_time=end_time,
        leader=leader,
        leader_name=leader_name,
        place=place,
        topic=topic,
        kind=kind,
        note=note,
        created_by=actor,
    )
    timeline.record(day, actor=actor, action="scheduled")
    public_cache.changed("petitions")
    return day


def _check_hours(start_time: dt.time | None, end_time: dt.time | None) -> None:
    """Both hours or neither; the end after the start."""
    if (start_time is None) != (end_time is None):
        missing = "end_time" if end_time is None else "start_time"
        raise ValidationError({missing: _("请同时填写开始时间和结束时间。")})
    if start_time is not None and end_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": _("结束时间应晚于开始时间。")})


@transaction.atomic
def void_reception_day(day: ReceptionDay, *, actor: auth.User, reason: str) -> ReceptionDay:
    """Void a reception day entered by mistake or cancelled; clerks and leaders."""
    day = begin_step(day, actor, Role.PETITION_CLERK, Role.LEADER)
    if day.voided:
        raise TransitionNotAllowed(_("该接访日已作废。"))
    day.voided, day.void_reason = True, reason
    _save_public(day, actor=actor, action="voided", note=reason)
    return day


@transaction.atomic
def add_reception_record(
    day: ReceptionDay,
    *,
    actor: auth.User,
    petitioner_names: str,
    persons_count: int,
    request: str,
    decision: str,
    petition: Petition | None = None,
    also_register: bool = False,
) -> ReceptionRecord:
    """Record one reception: who came, what was asked, what the leader decided. With
    `also_register` the matter also enters the register (source 领导接访; clerks only)."""
    require_role(actor, Role.PETITION_CLERK, Role.LEADER)
    day = lock(day)
    if day.voided:
        raise ValidationError({"reception_day": _("该接访日已作废，不能登记接访记录。")})
    if day.date > _today():
        raise ValidationError({"reception_day": _("接访日尚未到来，不能登记接访记录。")})
    if persons_count < 1:
        raise ValidationError({"persons_count": _("人数至少为1。")})
    if also_register and petition is None:
        petition = register_petition(
            actor=actor,
            received_on=day.date,
            channel=Petition.Channel.VISIT,
            source=Petition.Source.LEADER_RECEPTION,
            category=Petition.Category.APPEAL,
            petitioner_name=petitioner_names,
            persons_count=persons_count,
            summary=request,
            reception_day=day,
        )
    record = ReceptionRecord.objects.create(
        reception_day=day,
        petitioner_names=petitioner_names,
        persons_count=persons_count,
        request=request,
        decision=decision,
        petition=petition,
        created_by=actor,
    )
    timeline.record(day, actor=actor, action="reception_recorded", note=petitioner_names)
    public_cache.changed("petitions")
    return record
